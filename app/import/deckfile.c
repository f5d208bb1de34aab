#include "deckfile.h"

#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zip.h>

#include "error.h"
#include "fsrs.h"
#include "sched.h"
#include "imputil.h"

enum { DECKFILE_PAGE = 2000 };
#define DECKFILE_MAX_JSON ((size_t)256 << 20)

static const char *const KIND_NAMES[] = {"qa", "cloze", "mcq"};

/* ---- collecting the notes ----------------------------------------- */

typedef struct ExportDeck {
  char *name;
  StoreNote *notes;
  int n_notes;
  int has_settings;
  StoreDeckSettings settings;
} ExportDeck;

static void export_decks_free(ExportDeck *d, int n) {
  for (int i = 0; i < n; i++) {
    free(d[i].name);
    store_notes_free(d[i].notes, d[i].n_notes);
  }
  free(d);
}

static int load_notes(Store *s, int64_t deck, StoreNote **out, int *n) {
  StoreNote *all = NULL;
  int total = 0, rc = 0;
  *out = NULL;
  *n = 0;
  for (;;) {
    StoreNote *page = NULL;
    int got = 0;
    rc = store_notes_list(s, deck, NULL, total, DECKFILE_PAGE, &page, &got);
    if (rc) break;
    if (got) {
      StoreNote *na = realloc(all, (size_t)(total + got) * sizeof *na);
      if (!na) {
        store_notes_free(page, got);
        rc = QD_ENOMEM;
        break;
      }
      all = na;
      memcpy(all + total, page, (size_t)got * sizeof *page);
      free(page); /* members now owned by `all` */
      total += got;
    } else {
      free(page);
    }
    if (got < DECKFILE_PAGE) break;
  }
  if (rc) {
    store_notes_free(all, total);
    return rc;
  }
  *out = all;
  *n = total;
  return 0;
}

static int collect(Store *s, const char *name, int64_t profile, int64_t now,
                   ExportDeck **out, int *n_out, char *err, size_t errlen) {
  StoreDeckInfo *info = NULL;
  int n_info = 0, rc;
  ExportDeck *decks = NULL;
  int n = 0;
  int64_t root;
  *out = NULL;
  *n_out = 0;
  /* a parent that only groups sub-decks has no row of its own */
  int own = store_deck_find(s, name, &root);
  if (own && own != QD_ENOTFOUND) {
    snprintf(err, errlen, "export: cannot export '%s': %s", name, store_errmsg(s));
    return own;
  }
  if (own) root = 0;
  if ((rc = store_decks_list(s, profile, now, &info, &n_info))) {
    snprintf(err, errlen, "export: cannot export '%s': %s", name, store_errmsg(s));
    return rc;
  }
  decks = calloc((size_t)n_info + 1, sizeof *decks);
  if (!decks) {
    rc = QD_ENOMEM;
    goto fail;
  }
  size_t nl = strlen(name);
  for (int i = -1; i < n_info; i++) {
    int64_t id;
    const char *dn;
    if (i < 0) {
      if (own) continue;
      id = root;
      dn = name;
    } else {
      if (!own && info[i].id == root) continue;
      if (strncmp(info[i].name, name, nl) != 0 || strncmp(info[i].name + nl, "::", 2) != 0)
        continue;
      id = info[i].id;
      dn = info[i].name;
    }
    decks[n].name = strdup(dn);
    if (!decks[n].name) {
      rc = QD_ENOMEM;
      goto fail;
    }
    n++;
    if ((rc = store_deck_settings(s, id, &decks[n - 1].settings)) == 0)
      decks[n - 1].has_settings = 1;
    if (rc || (rc = load_notes(s, id, &decks[n - 1].notes, &decks[n - 1].n_notes))) {
      snprintf(err, errlen, "export: cannot export '%s': %s", name,
               rc == QD_ENOMEM ? "out of memory" : store_errmsg(s));
      goto fail;
    }
  }
  store_decks_free(info, n_info);
  info = NULL;
  n_info = 0;
  if (n == 0) {
    snprintf(err, errlen, "export: cannot export '%s': no such deck", name);
    rc = QD_ENOTFOUND;
    goto fail;
  }
  *out = decks;
  *n_out = n;
  return 0;
fail:
  if (rc == QD_ENOMEM) snprintf(err, errlen, "export: cannot export '%s': out of memory", name);
  store_decks_free(info, n_info);
  export_decks_free(decks, n);
  return rc;
}

/* ---- TSV ------------------------------------------------------------ */

static void tsv_field(ImpBuf *b, const char *s) {
  if (!s) s = "";
  if (strpbrk(s, "\t\n\r\"")) {
    imp_buf_addc(b, '"');
    for (const char *p = s; *p; p++) {
      if (*p == '"') imp_buf_addc(b, '"');
      imp_buf_addc(b, *p);
    }
    imp_buf_addc(b, '"');
  } else {
    imp_buf_adds(b, s);
  }
}

/* The Anki Cloze text of a note, or NULL when it is front/back: the
 * markup itself for several deletions, else the single "____" gap filled
 * back in as {{c1::answer}}.  Caller frees. */
static char *cloze_text(const StoreNote *x) {
  if (x->kind != NOTE_CLOZE || !x->prompt) return NULL;
  if (strstr(x->prompt, "{{c")) return strdup(x->prompt);
  const char *gap = strstr(x->prompt, "____");
  if (!gap || strstr(gap + 4, "____") || !x->answer) return NULL;
  ImpBuf b = {0};
  imp_buf_add(&b, x->prompt, (size_t)(gap - x->prompt));
  imp_buf_adds(&b, "{{c1::");
  imp_buf_adds(&b, x->answer);
  imp_buf_adds(&b, "}}");
  imp_buf_adds(&b, gap + 4);
  return imp_buf_take(&b);
}

static char *build_tsv(const ExportDeck *d, int n) {
  ImpBuf b = {0};
  imp_buf_adds(&b, "#separator:tab\n#html:false\n");
  if (n == 1) {
    imp_buf_adds(&b, "#deck:");
    imp_buf_adds(&b, d[0].name);
    imp_buf_addc(&b, '\n');
  }
  imp_buf_adds(&b, "#columns:Front\tBack\tExplanation\tTags\tDeck\tGUID\tNotetype\n"
                   "#tags column:4\n#deck column:5\n#guid column:6\n#notetype column:7\n");
  for (int i = 0; i < n; i++)
    for (int k = 0; k < d[i].n_notes; k++) {
      const StoreNote *x = &d[i].notes[k];
      char *cz = cloze_text(x);
      /* Anki's Cloze type has Text and Back Extra */
      tsv_field(&b, cz ? cz : x->prompt);
      imp_buf_addc(&b, '\t');
      tsv_field(&b, cz ? x->explanation : x->answer);
      imp_buf_addc(&b, '\t');
      tsv_field(&b, x->explanation);
      imp_buf_addc(&b, '\t');
      tsv_field(&b, x->tags);
      imp_buf_addc(&b, '\t');
      tsv_field(&b, d[i].name);
      imp_buf_addc(&b, '\t');
      tsv_field(&b, x->guid);
      imp_buf_addc(&b, '\t');
      imp_buf_adds(&b, cz ? "Cloze" : "Basic");
      imp_buf_addc(&b, '\n');
      free(cz);
    }
  return imp_buf_take(&b);
}

/* ---- JSON ------------------------------------------------------------ */

static json_t *jstr_or_null(const char *s) { return s ? json_string(s) : json_null(); }

static json_t *strv(char **v, int n) {
  json_t *a = json_array();
  for (int i = 0; a && i < n; i++) json_array_append_new(a, json_string(v[i] ? v[i] : ""));
  return a;
}

static json_t *ints(const int *v, int n) {
  json_t *a = json_array();
  for (int i = 0; a && i < n; i++) json_array_append_new(a, json_integer(v[i]));
  return a;
}

static json_t *settings_json(const StoreDeckSettings *st) {
  const SchedConfig *c = &st->sched;
  json_t *o = json_object(), *w = json_array(), *sm2 = json_object();
  for (int i = 0; i < FSRS_NPARAMS; i++) json_array_append_new(w, json_real(c->w[i]));
  json_object_set_new(o, "new_per_day", json_integer(st->new_per_day));
  json_object_set_new(o, "reviews_per_day", json_integer(st->reviews_per_day));
  json_object_set_new(o, "time_limit", json_integer(st->time_limit));
  json_object_set_new(o, "algorithm", json_string(c->algorithm == SCHED_SM2 ? "sm2" : "fsrs"));
  json_object_set_new(o, "w", w);
  json_object_set_new(o, "desired_retention", json_real(c->desired_retention));
  json_object_set_new(o, "maximum_interval", json_integer(c->maximum_interval));
  json_object_set_new(o, "learn_steps", ints(c->learn_steps, c->n_learn_steps));
  json_object_set_new(o, "relearn_steps", ints(c->relearn_steps, c->n_relearn_steps));
  json_object_set_new(o, "fuzz", json_boolean(c->fuzz));
  json_object_set_new(o, "rollover_hour", json_integer(c->rollover_hour));
  json_object_set_new(sm2, "initial_ease", json_real(c->sm2_initial_ease));
  json_object_set_new(sm2, "graduating_good", json_integer(c->sm2_graduating_good));
  json_object_set_new(sm2, "graduating_easy", json_integer(c->sm2_graduating_easy));
  json_object_set_new(sm2, "hard_factor", json_real(c->sm2_hard_factor));
  json_object_set_new(sm2, "easy_bonus", json_real(c->sm2_easy_bonus));
  json_object_set_new(sm2, "interval_modifier", json_real(c->sm2_interval_modifier));
  json_object_set_new(sm2, "lapse_multiplier", json_real(c->sm2_lapse_multiplier));
  json_object_set_new(o, "sm2", sm2);
  return o;
}

static char *build_json(const ExportDeck *d, int n) {
  json_t *root = json_object();
  json_t *decks = json_array();
  if (!root || !decks) {
    json_decref(root);
    json_decref(decks);
    return NULL;
  }
  json_object_set_new(root, "format", json_string(DECKFILE_FORMAT));
  json_object_set_new(root, "version", json_integer(DECKFILE_VERSION));
  for (int i = 0; i < n; i++) {
    json_t *jd = json_object(), *notes = json_array();
    json_object_set_new(jd, "name", json_string(d[i].name));
    for (int k = 0; k < d[i].n_notes; k++) {
      const StoreNote *x = &d[i].notes[k];
      json_t *o = json_object();
      json_object_set_new(o, "guid", jstr_or_null(x->guid));
      json_object_set_new(o, "kind",
                          json_string(x->kind >= 0 && x->kind <= 2 ? KIND_NAMES[x->kind] : "qa"));
      json_object_set_new(o, "type", jstr_or_null(x->type));
      json_object_set_new(o, "prompt", jstr_or_null(x->prompt));
      json_object_set_new(o, "answer", jstr_or_null(x->answer));
      json_object_set_new(o, "aliases", strv(x->aliases, x->n_aliases));
      json_object_set_new(o, "distractors", strv(x->distractors, x->n_distractors));
      json_object_set_new(o, "explanation", jstr_or_null(x->explanation));
      json_t *src = json_array();
      for (int j = 0; j < x->n_sources; j++) {
        json_t *so = json_object();
        json_object_set_new(so, "article", jstr_or_null(x->sources[j].article));
        json_object_set_new(so, "sentence", jstr_or_null(x->sources[j].sentence));
        json_array_append_new(src, so);
      }
      json_object_set_new(o, "sources", src);
      json_object_set_new(o, "tags", jstr_or_null(x->tags));
      json_object_set_new(o, "time_limit", json_integer(x->time_limit));
      json_object_set_new(o, "score", json_real(x->score));
      json_object_set_new(o, "n_cards", json_integer(x->n_cards));
      json_array_append_new(notes, o);
    }
    json_object_set_new(jd, "notes", notes);
    if (d[i].has_settings) json_object_set_new(jd, "settings", settings_json(&d[i].settings));
    json_array_append_new(decks, jd);
  }
  json_object_set_new(root, "decks", decks);
  char *s = json_dumps(root, JSON_INDENT(1) | JSON_PRESERVE_ORDER);
  json_decref(root);
  return s;
}

/* ---- writing ---------------------------------------------------------- */

static int write_all(int fd, const char *s, size_t n) {
  while (n) {
    ssize_t w = write(fd, s, n);
    if (w < 0) {
      if (errno == EINTR) continue;
      return -1;
    }
    s += w;
    n -= (size_t)w;
  }
  return 0;
}

static char *temp_beside(const char *path, int *fd) {
  size_t n = strlen(path);
  char *t = malloc(n + 16);
  if (!t) return NULL;
  memcpy(t, path, n);
  memcpy(t + n, ".tmp-XXXXXX", 12);
  *fd = mkstemp(t);
  if (*fd < 0) {
    free(t);
    return NULL;
  }
  return t;
}

static int write_tsv(const char *path, const char *text, char *err, size_t errlen) {
  int fd;
  char *tmp = temp_beside(path, &fd);
  if (!tmp) {
    snprintf(err, errlen, "export: cannot write '%s': %s", path, strerror(errno));
    return QD_EIO;
  }
  int bad = write_all(fd, text, strlen(text)) != 0 || fsync(fd) != 0;
  int e = errno;
  if (close(fd) != 0 && !bad) {
    bad = 1;
    e = errno;
  }
  if (!bad && rename(tmp, path) != 0) {
    bad = 1;
    e = errno;
  }
  if (bad) {
    unlink(tmp);
    free(tmp);
    snprintf(err, errlen, "export: cannot write '%s': %s", path, strerror(e));
    return e == ENOSPC ? QD_EFULL : QD_EIO;
  }
  free(tmp);
  return 0;
}

static int write_zip(const char *path, char *json, char *err, size_t errlen) {
  int fd, rc = QD_EIO;
  char *tmp = temp_beside(path, &fd);
  if (!tmp) {
    snprintf(err, errlen, "export: cannot write '%s': %s", path, strerror(errno));
    free(json);
    return QD_EIO;
  }
  close(fd);
  int ze = 0;
  zip_t *za = zip_open(tmp, ZIP_CREATE | ZIP_TRUNCATE, &ze);
  if (!za) {
    snprintf(err, errlen, "export: cannot write '%s': cannot create the zip", path);
    free(json);
    goto done;
  }
  zip_source_t *src = zip_source_buffer(za, json, strlen(json), 1);
  if (!src) {
    free(json);
    snprintf(err, errlen, "export: cannot write '%s': %s", path, zip_strerror(za));
    zip_discard(za);
    goto done;
  }
  if (zip_file_add(za, DECKFILE_ENTRY, src, ZIP_FL_ENC_UTF_8) < 0) {
    zip_source_free(src);
    snprintf(err, errlen, "export: cannot write '%s': %s", path, zip_strerror(za));
    zip_discard(za);
    goto done;
  }
  if (zip_close(za) != 0) {
    snprintf(err, errlen, "export: cannot write '%s': %s", path, zip_strerror(za));
    zip_discard(za);
    goto done;
  }
  if (rename(tmp, path) != 0) {
    snprintf(err, errlen, "export: cannot write '%s': %s", path, strerror(errno));
    goto done;
  }
  rc = 0;
done:
  if (rc) unlink(tmp);
  free(tmp);
  return rc;
}

int deckfile_export(Store *s, const char *name, int64_t profile, int64_t now,
                    DeckfileFormat fmt, const char *path, int *n_notes, char *err,
                    size_t errlen) {
  ExportDeck *d = NULL;
  int n = 0;
  int rc = collect(s, name, profile, now, &d, &n, err, errlen);
  if (rc) return rc;
  int total = 0;
  for (int i = 0; i < n; i++) total += d[i].n_notes;
  if (fmt == DECKFILE_TSV) {
    char *text = build_tsv(d, n);
    if (!text) {
      rc = QD_ENOMEM;
      snprintf(err, errlen, "export: cannot export '%s': out of memory", name);
    } else {
      rc = write_tsv(path, text, err, errlen);
    }
    free(text);
  } else {
    char *json = build_json(d, n);
    if (!json) {
      rc = QD_ENOMEM;
      snprintf(err, errlen, "export: cannot export '%s': out of memory", name);
    } else {
      rc = write_zip(path, json, err, errlen); /* takes json */
    }
  }
  export_decks_free(d, n);
  if (!rc && n_notes) *n_notes = total;
  return rc;
}

/* ---- reading ------------------------------------------------------------ */

static int get_str(ImportResult *r, const char *where, json_t *o, const char *key, int required,
                   char **out) {
  json_t *v = json_object_get(o, key);
  *out = NULL;
  if (!v || json_is_null(v)) {
    if (required) importres_problem(r, IMPORT_ERROR, where, 0, 0, "\"%s\" is missing", key);
    return 0;
  }
  if (!json_is_string(v)) {
    importres_problem(r, IMPORT_ERROR, where, 0, 0, "\"%s\" must be text", key);
    return 0;
  }
  *out = imp_strndup(json_string_value(v), json_string_length(v));
  return *out ? 0 : QD_ENOMEM;
}

static int get_strv(ImportResult *r, const char *where, json_t *o, const char *key, char ***v,
                    int *n) {
  json_t *a = json_object_get(o, key);
  if (!a || json_is_null(a)) return 0;
  if (!json_is_array(a)) {
    importres_problem(r, IMPORT_ERROR, where, 0, 0, "\"%s\" must be a list of texts", key);
    return 0;
  }
  for (size_t i = 0; i < json_array_size(a); i++) {
    json_t *e = json_array_get(a, i);
    if (!json_is_string(e)) {
      importres_problem(r, IMPORT_ERROR, where, 0, 0, "\"%s\" must be a list of texts", key);
      return 0;
    }
    if (importres_strv_add(v, n, json_string_value(e))) return QD_ENOMEM;
  }
  return 0;
}

static int num_in(json_t *o, const char *key, double lo, double hi, double *out) {
  json_t *v = json_object_get(o, key);
  if (!v) return 0; /* absent: keep the default */
  if (!json_is_number(v)) return -1;
  double x = json_number_value(v);
  if (!(x >= lo && x <= hi)) return -1;
  *out = x;
  return 0;
}

static int int_in(json_t *o, const char *key, int lo, int hi, int *out) {
  double x = *out;
  int rc = num_in(o, key, lo, hi, &x);
  if (rc == 0) *out = (int)x;
  return rc;
}

static int steps_in(json_t *o, const char *key, int *v, int *n) {
  json_t *a = json_object_get(o, key);
  if (!a) return 0;
  if (!json_is_array(a) || json_array_size(a) > SCHED_MAX_STEPS) return -1;
  int k = 0;
  for (size_t i = 0; i < json_array_size(a); i++) {
    json_t *e = json_array_get(a, i);
    if (!json_is_integer(e) || json_integer_value(e) < 1 || json_integer_value(e) > 86400 * 365)
      return -1;
    v[k++] = (int)json_integer_value(e);
  }
  *n = k;
  return 0;
}

/* Deck settings from a deck file; missing keys keep quizdeck's defaults.
 * Returns 0, or -1 with *bad naming the first unusable key. */
static int parse_settings(json_t *o, StoreDeckSettings *st, const char **bad) {
  memset(st, 0, sizeof *st);
  sched_config_default(&st->sched);
  st->new_per_day = 20;
  st->reviews_per_day = 200;
  st->time_limit = 20;
  SchedConfig *c = &st->sched;
  json_t *sm2 = json_object_get(o, "sm2");
  json_t *w = json_object_get(o, "w");
  const char *alg = json_string_value(json_object_get(o, "algorithm"));
  double fuzz = c->fuzz;
#define QD_CHECK(expr, key) \
  if ((expr) != 0) {        \
    *bad = key;             \
    return -1;              \
  }
  QD_CHECK(int_in(o, "new_per_day", 0, 100000, &st->new_per_day), "new_per_day");
  QD_CHECK(int_in(o, "reviews_per_day", 0, 1000000, &st->reviews_per_day), "reviews_per_day");
  QD_CHECK(int_in(o, "time_limit", 0, 3600, &st->time_limit), "time_limit");
  QD_CHECK(num_in(o, "desired_retention", 0.7, 0.99, &c->desired_retention),
           "desired_retention");
  QD_CHECK(int_in(o, "maximum_interval", 1, 36500, &c->maximum_interval), "maximum_interval");
  QD_CHECK(steps_in(o, "learn_steps", c->learn_steps, &c->n_learn_steps), "learn_steps");
  QD_CHECK(steps_in(o, "relearn_steps", c->relearn_steps, &c->n_relearn_steps), "relearn_steps");
  QD_CHECK(int_in(o, "rollover_hour", 0, 23, &c->rollover_hour), "rollover_hour");
  if (json_object_get(o, "fuzz")) {
    QD_CHECK(!json_is_boolean(json_object_get(o, "fuzz")), "fuzz");
    fuzz = json_is_true(json_object_get(o, "fuzz"));
  }
  c->fuzz = (int)fuzz;
  if (alg) {
    QD_CHECK(strcmp(alg, "fsrs") != 0 && strcmp(alg, "sm2") != 0, "algorithm");
    c->algorithm = strcmp(alg, "sm2") == 0 ? SCHED_SM2 : SCHED_FSRS;
  }
  if (w) {
    QD_CHECK(!json_is_array(w) || json_array_size(w) != FSRS_NPARAMS, "w");
    for (int i = 0; i < FSRS_NPARAMS; i++) {
      json_t *e = json_array_get(w, (size_t)i);
      QD_CHECK(!json_is_number(e) || !(json_number_value(e) > -100 && json_number_value(e) < 100),
               "w");
      c->w[i] = json_number_value(e);
    }
    fsrs_clip_params(c->w, c->n_relearn_steps ? c->n_relearn_steps : 1);
  }
  if (sm2) {
    QD_CHECK(!json_is_object(sm2), "sm2");
    QD_CHECK(num_in(sm2, "initial_ease", 1.3, 10, &c->sm2_initial_ease), "sm2.initial_ease");
    QD_CHECK(int_in(sm2, "graduating_good", 1, 36500, &c->sm2_graduating_good),
             "sm2.graduating_good");
    QD_CHECK(int_in(sm2, "graduating_easy", 1, 36500, &c->sm2_graduating_easy),
             "sm2.graduating_easy");
    QD_CHECK(num_in(sm2, "hard_factor", 0.5, 5, &c->sm2_hard_factor), "sm2.hard_factor");
    QD_CHECK(num_in(sm2, "easy_bonus", 1, 10, &c->sm2_easy_bonus), "sm2.easy_bonus");
    QD_CHECK(num_in(sm2, "interval_modifier", 0.1, 10, &c->sm2_interval_modifier),
             "sm2.interval_modifier");
    QD_CHECK(num_in(sm2, "lapse_multiplier", 0, 1, &c->sm2_lapse_multiplier),
             "sm2.lapse_multiplier");
  }
#undef QD_CHECK
  return 0;
}

static char *renamed(const char *deck, const ImportOptions *opts) {
  if (!opts || !opts->deck || !*opts->deck) return strdup(deck);
  ImpBuf b = {0};
  const char *rest = strstr(deck, "::");
  imp_buf_adds(&b, opts->deck);
  if (rest) imp_buf_adds(&b, rest);
  return imp_buf_take(&b);
}

static int parse_note(ImportResult *r, const char *name, json_t *o, int di, int ni,
                      StoreNote *n) {
  char where[600];
  snprintf(where, sizeof where, "%s/%s", name, DECKFILE_ENTRY);
  int before = r->n_errors, rc;
  if (!json_is_object(o)) {
    importres_problem(r, IMPORT_ERROR, where, 0, 0, "deck %d note %d is not an object", di + 1,
                      ni + 1);
    return 0;
  }
  char *kind = NULL;
  if ((rc = get_str(r, where, o, "guid", 1, &n->guid)) ||
      (rc = get_str(r, where, o, "kind", 1, &kind)) ||
      (rc = get_str(r, where, o, "type", 0, &n->type)) ||
      (rc = get_str(r, where, o, "prompt", 1, &n->prompt)) ||
      (rc = get_str(r, where, o, "answer", 1, &n->answer)) ||
      (rc = get_str(r, where, o, "explanation", 0, &n->explanation)) ||
      (rc = get_str(r, where, o, "tags", 0, &n->tags)) ||
      (rc = get_strv(r, where, o, "aliases", &n->aliases, &n->n_aliases)) ||
      (rc = get_strv(r, where, o, "distractors", &n->distractors, &n->n_distractors))) {
    free(kind);
    return rc;
  }
  n->kind = NOTE_QA;
  if (kind) {
    int k = -1;
    for (int i = 0; i < 3; i++)
      if (strcmp(kind, KIND_NAMES[i]) == 0) k = i;
    if (k < 0)
      importres_problem(r, IMPORT_ERROR, where, 0, 0, "deck %d note %d: unknown kind '%s'",
                        di + 1, ni + 1, kind);
    else
      n->kind = (NoteKind)k;
  }
  free(kind);
  json_t *src = json_object_get(o, "sources");
  if (json_is_array(src) && json_array_size(src) > 0) {
    size_t ns = json_array_size(src);
    n->sources = calloc(ns, sizeof *n->sources);
    if (!n->sources) return QD_ENOMEM;
    for (size_t i = 0; i < ns; i++) {
      json_t *so = json_array_get(src, i);
      if (!json_is_object(so)) {
        importres_problem(r, IMPORT_ERROR, where, 0, 0, "deck %d note %d: bad source", di + 1,
                          ni + 1);
        break;
      }
      n->n_sources++;
      if ((rc = get_str(r, where, so, "article", 0, &n->sources[i].article)) ||
          (rc = get_str(r, where, so, "sentence", 0, &n->sources[i].sentence)))
        return rc;
    }
  }
  json_t *v;
  if ((v = json_object_get(o, "time_limit")) && json_is_integer(v)) {
    json_int_t t = json_integer_value(v);
    n->time_limit = t < 0 || t > 86400 ? 0 : (int)t;
  }
  if ((v = json_object_get(o, "score")) && json_is_number(v)) n->score = json_number_value(v);
  if ((v = json_object_get(o, "n_cards")) && json_is_integer(v)) {
    json_int_t c = json_integer_value(v);
    if (c < 0 || c > 1000)
      importres_problem(r, IMPORT_ERROR, where, 0, 0, "deck %d note %d: %lld cards", di + 1,
                        ni + 1, (long long)c);
    else
      n->n_cards = (int)c;
  }
  if (r->n_errors > before) store_note_clear(n);
  return 0;
}

int deckfile_parse_json(const char *name, const char *json, size_t len,
                        const ImportOptions *opts, ImportResult *r) {
  json_error_t je;
  char where[600];
  snprintf(where, sizeof where, "%s/%s", name, DECKFILE_ENTRY);
  r->format = IMPORT_FMT_DECKFILE;
  json_t *root = json_loadb(json, len, JSON_REJECT_DUPLICATES, &je);
  if (!root) {
    importres_problem(r, IMPORT_ERROR, where, je.line, je.column, "not valid JSON: %s",
                      je.text);
    return 0;
  }
  int rc = 0;
  const char *fmt = json_string_value(json_object_get(root, "format"));
  json_t *ver = json_object_get(root, "version");
  json_t *decks = json_object_get(root, "decks");
  if (!fmt || strcmp(fmt, DECKFILE_FORMAT) != 0) {
    importres_problem(r, IMPORT_ERROR, where, 0, 0, "not a quizdeck deck file (format is not "
                                                    "\"%s\")", DECKFILE_FORMAT);
    goto done;
  }
  if (!json_is_integer(ver) || json_integer_value(ver) < 1) {
    importres_problem(r, IMPORT_ERROR, where, 0, 0, "the deck file has no valid version");
    goto done;
  }
  if (json_integer_value(ver) > DECKFILE_VERSION) {
    importres_problem(r, IMPORT_ERROR, where, 0, 0,
                      "the deck file is version %lld, made by a newer quizdeck (this one "
                      "reads version %d)", (long long)json_integer_value(ver), DECKFILE_VERSION);
    goto done;
  }
  if (!json_is_array(decks)) {
    importres_problem(r, IMPORT_ERROR, where, 0, 0, "\"decks\" must be a list");
    goto done;
  }
  free(r->detail);
  r->detail = strdup("quizdeck deck file, version 1");
  for (size_t i = 0; i < json_array_size(decks) && !rc; i++) {
    json_t *jd = json_array_get(decks, i);
    const char *dn = json_string_value(json_object_get(jd, "name"));
    json_t *notes = json_object_get(jd, "notes");
    if (!dn || !*dn || !json_is_array(notes)) {
      importres_problem(r, IMPORT_ERROR, where, 0, 0,
                        "deck %zu needs a \"name\" and a list of \"notes\"", i + 1);
      continue;
    }
    char *target = renamed(dn, opts);
    if (!target) {
      rc = QD_ENOMEM;
      break;
    }
    ImportDeck *d = importres_deck(r, target);
    free(target);
    if (!d) {
      rc = QD_ENOMEM;
      break;
    }
    json_t *js = json_object_get(jd, "settings");
    if (js) {
      const char *bad = "settings";
      if (json_is_object(js) && parse_settings(js, &d->settings, &bad) == 0)
        d->has_settings = 1;
      else
        importres_problem(r, IMPORT_WARNING, where, 0, 0,
                          "deck '%s': setting \"%s\" is out of range; the deck keeps "
                          "quizdeck's defaults", dn, bad);
    }
    for (size_t k = 0; k < json_array_size(notes) && !rc; k++) {
      StoreNote n;
      memset(&n, 0, sizeof n);
      r->n_source_notes++;
      rc = parse_note(r, name, json_array_get(notes, k), (int)i, (int)k, &n);
      if (!rc && n.prompt) rc = importres_add_note(r, d, &n);
      store_note_clear(&n);
    }
  }
done:
  json_decref(root);
  return rc;
}

static int parse_zip(const char *name, zip_t *za, const ImportOptions *opts, ImportResult *r) {
  zip_int64_t idx = zip_name_locate(za, DECKFILE_ENTRY, 0);
  r->format = IMPORT_FMT_DECKFILE;
  if (idx < 0) {
    importres_problem(r, IMPORT_ERROR, name, 0, 0, "not a quizdeck deck file: no %s inside",
                      DECKFILE_ENTRY);
    return 0;
  }
  zip_file_t *zf = zip_fopen_index(za, (zip_uint64_t)idx, 0);
  if (!zf) {
    importres_problem(r, IMPORT_ERROR, name, 0, 0, "cannot open %s: %s", DECKFILE_ENTRY,
                      zip_strerror(za));
    return 0;
  }
  ImpBuf b = {0};
  char chunk[65536];
  int rc = 0;
  for (;;) {
    zip_int64_t got = zip_fread(zf, chunk, sizeof chunk);
    if (got < 0) {
      importres_problem(r, IMPORT_ERROR, name, 0, 0, "%s is damaged: %s", DECKFILE_ENTRY,
                        zip_file_strerror(zf));
      goto done;
    }
    if (got == 0) break;
    imp_buf_add(&b, chunk, (size_t)got);
    if (b.oom) {
      rc = QD_ENOMEM;
      goto done;
    }
    if (b.len > DECKFILE_MAX_JSON) {
      importres_problem(r, IMPORT_ERROR, name, 0, 0,
                        "%s expands beyond %zu MB: refusing it (a zip bomb?)", DECKFILE_ENTRY,
                        DECKFILE_MAX_JSON >> 20);
      goto done;
    }
  }
  rc = deckfile_parse_json(name, b.s ? b.s : "", b.len, opts, r);
done:
  zip_fclose(zf);
  imp_buf_free(&b);
  return rc;
}

int deckfile_parse_file(const char *path, const ImportOptions *opts, ImportResult *r) {
  int ze = 0;
  zip_t *za = zip_open(path, ZIP_RDONLY | ZIP_CHECKCONS, &ze);
  r->format = IMPORT_FMT_DECKFILE;
  if (!za) {
    zip_error_t e;
    zip_error_init_with_code(&e, ze);
    importres_problem(r, IMPORT_ERROR, path, 0, 0, "not a readable zip file (%s)",
                      zip_error_strerror(&e));
    zip_error_fini(&e);
    return 0;
  }
  int rc = parse_zip(path, za, opts, r);
  zip_discard(za);
  return rc;
}

int deckfile_parse_buffer(const char *name, const void *data, size_t len,
                          const ImportOptions *opts, ImportResult *r) {
  zip_error_t ze;
  zip_error_init(&ze);
  r->format = IMPORT_FMT_DECKFILE;
  zip_source_t *src = zip_source_buffer_create(data, len, 0, &ze);
  if (!src) {
    zip_error_fini(&ze);
    return QD_ENOMEM;
  }
  zip_t *za = zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &ze);
  if (!za) {
    importres_problem(r, IMPORT_ERROR, name, 0, 0, "not a readable zip file (%s)",
                      zip_error_strerror(&ze));
    zip_source_free(src);
    zip_error_fini(&ze);
    return 0;
  }
  zip_error_fini(&ze);
  int rc = parse_zip(name, za, opts, r);
  zip_discard(za);
  return rc;
}
