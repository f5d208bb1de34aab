/* qgen.c - files to cards, JSON Lines and store notes (see qgen.h). */
#include "qgen.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "error.h"
#include "extract.h"
#include "qlex.h"
#include "qtext.h"

#define QGEN_DEFAULT_SEED 0x5175697a67656eULL /* "Quizgen" */

/* Progress of a run: bytes of earlier files, the current file's size. */
typedef struct Prog {
  const QgenOptions *opt;
  size_t before, len, total, last;
} Prog;

typedef struct DocRun {
  QLex *lx;
  QGen *g;
  Prog *pr;
  size_t len;
} DocRun;

static int gen_one_doc(void *ctx, QDoc *doc, int index, size_t at) {
  DocRun *r = ctx;
  QFacts f = {0};
  int rc = extract_doc(r->lx, doc, index, &f);
  if (rc == 0) rc = gen_add(r->g, doc, &f);
  extract_facts_free(&f);
  /* a file of many articles reports as it goes (about every MB) */
  Prog *pr = r->pr;
  if (rc == 0 && pr && pr->opt && pr->opt->progress) {
    size_t done = pr->before + (at < r->len ? at : r->len);
    if (done - pr->last >= (1u << 20) && done < pr->before + r->len) {
      pr->last = done;
      pr->opt->progress(pr->opt->progress_ctx, done, pr->total);
    }
  }
  return rc;
}

static int gen_docs(QLex *lx, QGen *g, const char *name, const char *buf,
                    size_t len, Prog *pr) {
  DocRun r = {lx, g, pr, len};
  return qtext_parse_each(name, buf, len, gen_one_doc, &r);
}

int qgen_generate_text(QLex *lx, const char *name, const char *text,
                       size_t len, const QgenOptions *opt, QCard **cards,
                       int *n) {
  *cards = NULL;
  *n = 0;
  QLex *own = NULL;
  QGen *g = NULL;
  int rc;
  if (!lx) {
    rc = qlex_open(NULL, &own);
    if (rc < 0) return rc;
    lx = own;
  }
  uint64_t seed = opt && opt->seed ? opt->seed : QGEN_DEFAULT_SEED;
  double min = opt && opt->min_score > 0 ? opt->min_score : GEN_MIN_SCORE;
  rc = gen_new(lx, seed, &g);
  if (rc == 0) rc = gen_docs(lx, g, name, text, len, NULL);
  if (rc == 0) rc = gen_finish(g, min, cards, n);
  gen_free(g);
  qlex_close(own);
  return rc;
}

static int cmp_str(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

int qgen_is_article_name(const char *name) {
  if (name[0] == '.') return 0;
  static const char *const notes[] = {"README", "SOURCES", "LICENSE",
                                      "CHANGES", "COPYING", NULL};
  for (int i = 0; notes[i]; i++)
    if (!strncasecmp(name, notes[i], strlen(notes[i]))) return 0;
  const char *dot = strrchr(name, '.');
  if (!dot) return 0;
  return !strcmp(dot, ".txt") || !strcmp(dot, ".md") ||
         !strcmp(dot, ".markdown") || !strcmp(dot, ".html") ||
         !strcmp(dot, ".htm");
}

int qgen_expand_paths(const char *const *paths, int n_paths, char ***out,
                      int *n_out, char *err, size_t errlen) {
  char **v = NULL;
  int n = 0, cap = 0, rc = 0;
  *out = NULL;
  *n_out = 0;
  for (int i = 0; i < n_paths; i++) {
    struct stat st;
    char **names = NULL;
    int nn = 0, cn = 0;
    if (stat(paths[i], &st) == 0 && S_ISDIR(st.st_mode)) {
      DIR *d = opendir(paths[i]);
      if (!d) {
        snprintf(err, errlen, "quizgen: cannot read '%s': cannot open directory",
                 paths[i]);
        rc = QD_EIO;
        goto fail;
      }
      struct dirent *de;
      while ((de = readdir(d)) != NULL) {
        if (!qgen_is_article_name(de->d_name)) continue;
        if (nn == cn) {
          cn = cn ? cn * 2 : 16;
          char **nv = realloc(names, (size_t)cn * sizeof *nv);
          if (!nv) {
            rc = QD_ENOMEM;
            break;
          }
          names = nv;
        }
        size_t l = strlen(paths[i]) + strlen(de->d_name) + 2;
        names[nn] = malloc(l);
        if (!names[nn]) {
          rc = QD_ENOMEM;
          break;
        }
        snprintf(names[nn], l, "%s/%s", paths[i], de->d_name);
        nn++;
      }
      closedir(d);
      if (rc == 0 && nn == 0) {
        snprintf(err, errlen,
                 "quizgen: cannot read '%s': no .txt, .md or .html articles",
                 paths[i]);
        rc = QD_ENOTFOUND;
      }
      if (nn > 1) qsort(names, (size_t)nn, sizeof *names, cmp_str);
    } else {
      names = malloc(sizeof *names);
      if (names) names[0] = strdup(paths[i]);
      if (!names || !names[0]) rc = QD_ENOMEM;
      else nn = 1;
    }
    for (int k = 0; k < nn; k++) {
      if (rc == 0 && n == cap) {
        int nc = cap ? cap * 2 : 16;
        char **nv = realloc(v, (size_t)nc * sizeof *nv);
        if (!nv) rc = QD_ENOMEM;
        else v = nv, cap = nc;
      }
      if (rc == 0) v[n++] = names[k];
      else free(names[k]);
    }
    free(names);
    if (rc < 0) goto fail;
  }
  *out = v;
  *n_out = n;
  return 0;
fail:
  if (rc == QD_ENOMEM) snprintf(err, errlen, "quizgen: out of memory");
  for (int i = 0; i < n; i++) free(v[i]);
  free(v);
  return rc;
}

int qgen_generate_files(QLex *lx, const char *const *paths, int n_paths,
                        const QgenOptions *opt, QCard **cards, int *n,
                        char *err, size_t errlen) {
  *cards = NULL;
  *n = 0;
  if (err && errlen) err[0] = 0;
  QLex *own = NULL;
  QGen *g = NULL;
  char *buf = NULL;
  int rc = 0;
  char dummy[8];
  if (!err) {
    err = dummy;
    errlen = sizeof dummy;
  }
  if (n_paths <= 0) {
    snprintf(err, errlen, "quizgen: no input files");
    return QD_EINVAL;
  }
  char **files = NULL;
  int nf = 0;
  rc = qgen_expand_paths(paths, n_paths, &files, &nf, err, errlen);
  if (rc < 0) return rc;
  paths = (const char *const *)files;
  n_paths = nf;
  if (!lx) {
    rc = qlex_open(NULL, &own);
    if (rc < 0) goto fail;
    lx = own;
  }
  uint64_t seed = opt && opt->seed ? opt->seed : QGEN_DEFAULT_SEED;
  double min = opt && opt->min_score > 0 ? opt->min_score : GEN_MIN_SCORE;
  rc = gen_new(lx, seed, &g);
  if (rc < 0) goto fail;
  /* total size for the progress callback */
  size_t total = 0, done = 0;
  if (opt && opt->progress) {
    for (int i = 0; i < n_paths; i++) {
      FILE *f = fopen(paths[i], "rb");
      if (!f) continue;
      if (fseek(f, 0, SEEK_END) == 0) {
        long sz = ftell(f);
        if (sz > 0) total += (size_t)sz;
      }
      fclose(f);
    }
  }
  for (int i = 0; i < n_paths; i++) {
    size_t len = 0;
    rc = qtext_read_file(paths[i], &buf, &len, err, errlen);
    if (rc < 0) goto fail;
    Prog pr = {opt, done, len, total, done};
    rc = gen_docs(lx, g, paths[i], buf, len, &pr);
    free(buf);
    buf = NULL;
    if (rc < 0) {
      snprintf(err, errlen, "quizgen: cannot process '%s': %s", paths[i],
               qd_strerror(rc));
      goto fail;
    }
    done += len;
    if (opt && opt->progress) opt->progress(opt->progress_ctx, done, total);
  }
  rc = gen_finish(g, min, cards, n);
  if (rc < 0) snprintf(err, errlen, "quizgen: %s", qd_strerror(rc));
fail:
  if (rc == QD_ENOMEM && !err[0])
    snprintf(err, errlen, "quizgen: out of memory");
  free(buf);
  gen_free(g);
  qlex_close(own);
  for (int i = 0; i < nf; i++) free(files[i]);
  free(files);
  return rc;
}

/* ------------------------------------------------------------------ */
/* JSON                                                                */

size_t qgen_json_string(char *buf, size_t cap, const char *s) {
  size_t o = 0;
#define PUT(c)                  \
  do {                          \
    if (o + 1 < cap) buf[o] = (c); \
    o++;                        \
  } while (0)
  PUT('"');
  for (const unsigned char *p = (const unsigned char *)s; p && *p; p++) {
    unsigned char c = *p;
    switch (c) {
    case '"': PUT('\\'); PUT('"'); break;
    case '\\': PUT('\\'); PUT('\\'); break;
    case '\n': PUT('\\'); PUT('n'); break;
    case '\r': PUT('\\'); PUT('r'); break;
    case '\t': PUT('\\'); PUT('t'); break;
    case '\b': PUT('\\'); PUT('b'); break;
    case '\f': PUT('\\'); PUT('f'); break;
    default:
      if (c < 0x20) {
        static const char hex[] = "0123456789abcdef";
        PUT('\\'); PUT('u'); PUT('0'); PUT('0');
        PUT(hex[c >> 4]); PUT(hex[c & 15]);
      } else {
        PUT((char)c);
      }
    }
  }
  PUT('"');
  if (cap) buf[o < cap ? o : cap - 1] = 0;
#undef PUT
  return o;
}

static int json_put(FILE *f, const char *s) {
  char small[512];
  size_t need = qgen_json_string(small, sizeof small, s ? s : "");
  if (need < sizeof small) return fputs(small, f) < 0 ? -1 : 0;
  char *big = malloc(need + 1);
  if (!big) return -1;
  qgen_json_string(big, need + 1, s ? s : "");
  int r = fputs(big, f) < 0 ? -1 : 0;
  free(big);
  return r;
}

static int json_array(FILE *f, char *const *v, int n) {
  if (fputc('[', f) == EOF) return -1;
  for (int i = 0; i < n; i++) {
    if (i && fputc(',', f) == EOF) return -1;
    if (json_put(f, v[i]) < 0) return -1;
  }
  return fputc(']', f) == EOF ? -1 : 0;
}

int qgen_write_jsonl(FILE *f, const QCard *cards, int n) {
  static const char *const kinds[] = {"qa", "cloze", "mcq"};
  for (int i = 0; i < n; i++) {
    const QCard *c = &cards[i];
    int bad = 0;
    bad |= fputs("{\"kind\":", f) < 0;
    bad |= json_put(f, kinds[c->kind]);
    bad |= fputs(",\"type\":", f) < 0;
    bad |= json_put(f, extract_type_name(c->type));
    bad |= fputs(",\"prompt\":", f) < 0;
    bad |= json_put(f, c->prompt);
    bad |= fputs(",\"answer\":", f) < 0;
    bad |= json_put(f, c->answer);
    bad |= fputs(",\"aliases\":", f) < 0;
    bad |= json_array(f, c->aliases, c->n_aliases);
    bad |= fputs(",\"choices\":", f) < 0;
    bad |= json_array(f, c->choices, c->n_choices);
    bad |= fputs(",\"source\":", f) < 0;
    bad |= json_put(f, c->n_sources ? c->sources[0].article : "");
    bad |= fputs(",\"context\":", f) < 0;
    bad |= json_put(f, c->n_sources ? c->sources[0].sentence : "");
    bad |= fprintf(f, ",\"score\":%.3f}\n", c->score) < 0;
    if (bad) return QD_EIO;
  }
  return fflush(f) == 0 ? 0 : QD_EIO;
}

/* ------------------------------------------------------------------ */
/* Store                                                               */

static char **dup_list(char *const *v, int n, int *ok) {
  if (n <= 0) return NULL;
  char **r = calloc((size_t)n, sizeof *r);
  if (!r) {
    *ok = 0;
    return NULL;
  }
  for (int i = 0; i < n; i++) {
    r[i] = strdup(v[i]);
    if (!r[i]) *ok = 0;
  }
  return r;
}

int qgen_cards_to_notes(const QCard *cards, int n, StoreNote **notes) {
  *notes = NULL;
  if (n <= 0) return 0;
  StoreNote *v = calloc((size_t)n, sizeof *v);
  if (!v) return QD_ENOMEM;
  int ok = 1;
  for (int i = 0; i < n && ok; i++) {
    const QCard *c = &cards[i];
    StoreNote *s = &v[i];
    s->kind = c->kind == QC_QA ? NOTE_QA : c->kind == QC_CLOZE ? NOTE_CLOZE
                                                                : NOTE_MCQ;
    s->guid = strdup(c->guid);
    s->type = strdup(extract_type_name(c->type));
    s->prompt = strdup(c->prompt);
    s->answer = strdup(c->answer);
    s->aliases = dup_list(c->aliases, c->n_aliases, &ok);
    s->n_aliases = s->aliases ? c->n_aliases : 0;
    s->distractors = dup_list(c->distractors, c->n_distractors, &ok);
    s->n_distractors = s->distractors ? c->n_distractors : 0;
    s->explanation = c->explanation ? strdup(c->explanation) : NULL;
    s->tags = malloc(32);
    if (s->tags) snprintf(s->tags, 32, "quizgen %s", extract_type_name(c->type));
    s->score = c->score;
    if (c->n_sources) {
      s->sources = calloc((size_t)c->n_sources, sizeof *s->sources);
      if (!s->sources) ok = 0;
      for (int k = 0; s->sources && k < c->n_sources; k++) {
        s->sources[k].article = strdup(c->sources[k].article);
        s->sources[k].sentence = strdup(c->sources[k].sentence);
        s->n_sources++;
        if (!s->sources[k].article || !s->sources[k].sentence) ok = 0;
      }
    }
    if (!s->guid || !s->type || !s->prompt || !s->answer || !s->tags ||
        (c->explanation && !s->explanation))
      ok = 0;
  }
  if (!ok) {
    store_notes_free(v, n);
    return QD_ENOMEM;
  }
  *notes = v;
  return 0;
}

int qgen_import_files(Store *s, const char *deck_name,
                      const char *const *paths, int n_paths,
                      StoreSyncStats *stats, char *err, size_t errlen) {
  QCard *cards = NULL;
  StoreNote *notes = NULL;
  int n = 0;
  int began = 0;
  char dummy[8];
  if (!err) {
    err = dummy;
    errlen = sizeof dummy;
  }
  err[0] = 0;
  if (stats) memset(stats, 0, sizeof *stats);
  if (!s || !deck_name || !*deck_name) {
    snprintf(err, errlen, "quizgen: no database or deck name");
    return QD_EINVAL;
  }
  int rc = qgen_generate_files(NULL, paths, n_paths, NULL, &cards, &n, err,
                               errlen);
  if (rc < 0) goto fail;
  rc = qgen_cards_to_notes(cards, n, &notes);
  if (rc < 0) {
    snprintf(err, errlen, "quizgen: out of memory");
    goto fail;
  }
  rc = store_begin(s);
  if (rc < 0) goto store_fail;
  began = 1;
  int64_t deck = 0;
  rc = store_deck_ensure(s, deck_name, &deck);
  if (rc < 0) goto store_fail;
  for (int i = 0; i < n; i++) notes[i].deck = deck;
  rc = store_deck_sync(s, deck, notes, n, 0, stats);
  if (rc < 0) goto store_fail;
  rc = store_commit(s);
  if (rc < 0) goto store_fail;
  began = 0;
  goto done;
store_fail:
  snprintf(err, errlen, "%s", store_errmsg(s));
  if (began) store_rollback(s);
  if (stats) memset(stats, 0, sizeof *stats);
fail:
done:
  if (notes) store_notes_free(notes, n);
  gen_cards_free(cards, n);
  return rc;
}
