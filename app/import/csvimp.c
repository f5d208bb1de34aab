#include "csvimp.h"

#include <csv.h>
#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cloze.h"
#include "error.h"
#include "htmltext.h"
#include "imputil.h"

enum {
  CSVIMP_SAMPLE_BYTES = 64 * 1024,
  CSVIMP_SAMPLE_RECORDS = 200,
  CSVIMP_HEAD_RECORDS = 30, /* rows searched for a Kahoot header */
  CSVIMP_MAX_COLS = 64,
};

static const char CANDIDATES[] = {'\t', ',', ';', '|', ':'};

/* One record: fields stored back to back in `arena`, NUL-separated. */
typedef struct Rec {
  ImpBuf arena;
  size_t *off;
  size_t *len;
  int n, cap;
  int oom;
} Rec;

typedef struct GuidSet {
  uint64_t *keys; /* 0 = empty slot */
  int *lines;
  size_t cap, n;
} GuidSet;

typedef struct Kahoot {
  int question;
  int answers[8];
  int n_answers;
  int time_limit;
  int correct;
} Kahoot;

typedef struct Parser {
  const char *path;
  const char *data;
  size_t len;
  const ImportOptions *opts;
  ImportResult *r;
  /* from header lines */
  char sep;
  int sep_given;
  int html;
  char *deck;
  char *tags_hdr;
  char *columns_hdr; /* raw #columns: value, split once sep is known */
  int tags_col, guid_col, deck_col, type_col; /* 0-based, -1 = none */
  int cloze; /* #notetype: names a cloze type: every row is a cloze note */
  /* layout */
  int quoting;
  int expected;
  char **names; /* column names, NULL entries when unnamed */
  int n_names;
  int front_col, back_col;
  int header_record;  /* index of a header row to skip, -1 none */
  int kahoot_header;  /* index of the Kahoot header row, -1 none */
  Kahoot kh;
  /* parse state */
  Rec rec;
  int rec_index;
  int rec_line;
  GuidSet guids;
  int oom;
  int feed_rc;
} Parser;

/* ---- records ---------------------------------------------------------- */

static void rec_reset(Rec *r) {
  r->n = 0;
  r->arena.len = 0;
  if (r->arena.s) r->arena.s[0] = '\0';
}

static void rec_free(Rec *r) {
  imp_buf_free(&r->arena);
  free(r->off);
  free(r->len);
  memset(r, 0, sizeof *r);
}

static const char *rec_field(const Rec *r, int i) { return r->arena.s + r->off[i]; }

static void on_field(void *s, size_t n, void *ctx) {
  Rec *r = ctx;
  if (r->oom) return;
  if (r->n == r->cap) {
    int cap = r->cap ? r->cap * 2 : 16;
    size_t *o = realloc(r->off, (size_t)cap * sizeof *o);
    if (!o) {
      r->oom = 1;
      return;
    }
    r->off = o;
    size_t *l = realloc(r->len, (size_t)cap * sizeof *l);
    if (!l) {
      r->oom = 1;
      return;
    }
    r->len = l;
    r->cap = cap;
  }
  r->off[r->n] = r->arena.len;
  r->len[r->n] = n;
  imp_buf_add(&r->arena, s ? (const char *)s : "", n);
  imp_buf_addc(&r->arena, '\0');
  if (r->arena.oom) r->oom = 1;
  r->n++;
}

static int only_space(unsigned char c) { return c == ' '; }
static int is_term(unsigned char c) { return c == '\r' || c == '\n'; }

static int parser_init(struct csv_parser *p, char sep, int quoting, int strict) {
  if (csv_init(p, (unsigned char)((strict ? CSV_STRICT | CSV_STRICT_FINI : 0) |
                                  CSV_APPEND_NULL)) != 0)
    return QD_ENOMEM;
  csv_set_delim(p, (unsigned char)sep);
  /* without quoting a quote is ordinary text; NUL never occurs (checked) */
  csv_set_quote(p, quoting ? (unsigned char)'"' : (unsigned char)'\0');
  csv_set_space_func(p, only_space);
  csv_set_term_func(p, is_term);
  return 0;
}

/* ---- guid set ----------------------------------------------------------- */

static uint64_t hash64(const char *s) {
  uint64_t h = 1469598103934665603ULL;
  for (; *s; s++) {
    h ^= (unsigned char)*s;
    h *= 1099511628211ULL;
  }
  return h ? h : 1;
}

/* Inserts; returns the line of an earlier equal key, 0 if new, -1 oom. */
static int guid_insert(GuidSet *g, const char *guid, int line) {
  if ((g->n + 1) * 2 > g->cap) {
    size_t cap = g->cap ? g->cap * 2 : 1024;
    uint64_t *k = calloc(cap, sizeof *k);
    int *l = calloc(cap, sizeof *l);
    if (!k || !l) {
      free(k);
      free(l);
      return -1;
    }
    for (size_t i = 0; i < g->cap; i++) {
      if (!g->keys[i]) continue;
      size_t j = g->keys[i] & (cap - 1);
      while (k[j]) j = (j + 1) & (cap - 1);
      k[j] = g->keys[i];
      l[j] = g->lines[i];
    }
    free(g->keys);
    free(g->lines);
    g->keys = k;
    g->lines = l;
    g->cap = cap;
  }
  uint64_t h = hash64(guid);
  size_t j = h & (g->cap - 1);
  while (g->keys[j]) {
    if (g->keys[j] == h) return g->lines[j] > 0 ? g->lines[j] : 1;
    j = (j + 1) & (g->cap - 1);
  }
  g->keys[j] = h;
  g->lines[j] = line;
  g->n++;
  return 0;
}

/* ---- header lines ------------------------------------------------------ */

static char *trim_dup(const char *s, size_t n) {
  while (n && isspace((unsigned char)*s)) {
    s++;
    n--;
  }
  while (n && isspace((unsigned char)s[n - 1])) n--;
  return imp_strndup(s, n);
}

/* Anki note type names like "Cloze" or "Cloze (overlapping)". */
static int has_cloze_word(const char *s) {
  for (; *s; s++)
    if (strncasecmp(s, "cloze", 5) == 0) return 1;
  return 0;
}

static int parse_sep_name(const char *v, char *sep) {
  static const struct {
    const char *name;
    char c;
  } names[] = {{"tab", '\t'}, {"comma", ','}, {"semicolon", ';'}, {"space", ' '},
               {"pipe", '|'},  {"colon", ':'}};
  for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
    if (strcasecmp(v, names[i].name) == 0) {
      *sep = names[i].c;
      return 0;
    }
  if (strcmp(v, "\\t") == 0) {
    *sep = '\t';
    return 0;
  }
  if (strlen(v) == 1 && v[0] != '"' && !isalnum((unsigned char)v[0])) {
    *sep = v[0];
    return 0;
  }
  return -1;
}

/* Reads "#key:value" lines at the top; returns the offset where data
 * starts and sets *line to its line number. */
static size_t read_headers(Parser *P, size_t off, int *line) {
  while (off < P->len && P->data[off] == '#') {
    const char *s = P->data + off;
    const char *nl = memchr(s, '\n', P->len - off);
    size_t ll = nl ? (size_t)(nl - s) : P->len - off;
    const char *colon = memchr(s, ':', ll);
    if (!colon) break;
    char key[32];
    size_t kl = (size_t)(colon - s) - 1;
    if (kl == 0 || kl >= sizeof key) break;
    for (size_t i = 0; i < kl; i++) key[i] = (char)tolower((unsigned char)s[1 + i]);
    key[kl] = '\0';
    size_t vl = ll - (size_t)(colon + 1 - s);
    char *val = trim_dup(colon + 1, vl);
    if (!val) {
      P->oom = 1;
      return off;
    }
    int known = 1;
    if (strcmp(key, "separator") == 0) {
      if (parse_sep_name(val, &P->sep) == 0)
        P->sep_given = 1;
      else
        importres_problem(P->r, IMPORT_ERROR, P->path, *line, 12,
                          "unknown separator '%s' (use Tab, Comma, Semicolon, Pipe, Colon, "
                          "Space or one character)", val);
    } else if (strcmp(key, "html") == 0) {
      if (strcasecmp(val, "true") == 0)
        P->html = 1;
      else if (strcasecmp(val, "false") == 0)
        P->html = 0;
      else
        importres_problem(P->r, IMPORT_ERROR, P->path, *line, 7,
                          "#html: must be true or false, not '%s'", val);
    } else if (strcmp(key, "deck") == 0) {
      free(P->deck);
      P->deck = val;
      val = NULL;
    } else if (strcmp(key, "tags") == 0) {
      free(P->tags_hdr);
      P->tags_hdr = val;
      val = NULL;
    } else if (strcmp(key, "columns") == 0) {
      /* keep the raw value: split by the separator later (it may
       * contain a trailing \r which trim_dup removed) */
      free(P->columns_hdr);
      P->columns_hdr = imp_strndup(colon + 1, vl);
      if (!P->columns_hdr) P->oom = 1;
    } else if (strcmp(key, "tags column") == 0 || strcmp(key, "guid column") == 0 ||
               strcmp(key, "deck column") == 0 || strcmp(key, "notetype column") == 0) {
      char *end = NULL;
      long n = strtol(val, &end, 10);
      if (!end || *end || n < 1 || n > CSVIMP_MAX_COLS) {
        importres_problem(P->r, IMPORT_ERROR, P->path, *line, (int)kl + 3,
                          "#%s: needs a column number from 1 to %d, not '%s'", key,
                          CSVIMP_MAX_COLS, val);
      } else if (key[0] == 't') {
        P->tags_col = (int)n - 1;
      } else if (key[0] == 'g') {
        P->guid_col = (int)n - 1;
      } else if (key[0] == 'n') {
        P->type_col = (int)n - 1;
      } else {
        P->deck_col = (int)n - 1;
      }
    } else if (strcmp(key, "notetype") == 0) {
      P->cloze = has_cloze_word(val);
    } else if (strcmp(key, "if matches") == 0) {
      /* Anki-only choices: every note becomes a front/back note here */
    } else {
      known = 0;
    }
    free(val);
    if (!known) break;
    off += ll + (nl ? 1 : 0);
    (*line)++;
  }
  return off;
}

/* ---- separator detection ------------------------------------------------ */

typedef struct CountCtx {
  Rec rec;
  int counts[CSVIMP_SAMPLE_RECORDS];
  int n;
} CountCtx;

static void count_row(int c, void *ctx) {
  (void)c;
  CountCtx *cc = ctx;
  if (cc->n < CSVIMP_SAMPLE_RECORDS) cc->counts[cc->n++] = cc->rec.n;
  rec_reset(&cc->rec);
}

static void count_field(void *s, size_t n, void *ctx) {
  CountCtx *cc = ctx;
  (void)s;
  (void)n;
  cc->rec.n++;
}

static int sample_quoting(const char *s, size_t n, char sep) {
  for (size_t i = 0; i < n; i++)
    if (s[i] == '"' && (i == 0 || s[i - 1] == sep || s[i - 1] == '\n' ||
                        (s[i - 1] == ' ' && i >= 2 && s[i - 2] == sep)))
      return 1;
  return 0;
}

/* Parses the sample with `sep`; sets the modal field count and returns
 * the share of records having it (0..1). */
static double consistency(const char *s, size_t n, char sep, int quoting, int *mode) {
  struct csv_parser p;
  CountCtx cc;
  memset(&cc, 0, sizeof cc);
  *mode = 0;
  if (parser_init(&p, sep, quoting, 0) != 0) return 0;
  csv_parse(&p, s, n, count_field, count_row, &cc);
  csv_fini(&p, count_field, count_row, &cc);
  csv_free(&p);
  if (cc.n == 0) return 0;
  int best = 0, best_n = 0;
  for (int i = 0; i < cc.n; i++) {
    int k = 0;
    for (int j = 0; j < cc.n; j++) k += cc.counts[j] == cc.counts[i];
    if (k > best_n || (k == best_n && cc.counts[i] > best)) {
      best = cc.counts[i];
      best_n = k;
    }
  }
  *mode = best;
  return (double)best_n / cc.n;
}

static size_t sample_len(const char *s, size_t n) {
  if (n <= CSVIMP_SAMPLE_BYTES) return n;
  size_t cut = CSVIMP_SAMPLE_BYTES;
  while (cut > 0 && s[cut - 1] != '\n') cut--;
  return cut ? cut : CSVIMP_SAMPLE_BYTES;
}

/* ---- header rows ----------------------------------------------------- */

static const char *const COLUMN_NAMES[] = {
    "front", "back", "question", "questions", "answer", "answers", "term", "terms",
    "definition", "definitions", "word", "words", "phrase", "phrases", "meaning",
    "meanings", "translation", "translations", "tags", "tag", "guid", "id", "expression",
    "reading", "readings", "notes", "note", "extra", "example", "examples", "hint",
    "pinyin", "kana", "kanji", "hanzi", "romaji", "hiragana", "katakana", "furigana",
    "onyomi", "kunyomi", "sentence", "sentences", "text", "prompt", "explanation",
    "simplified", "traditional", "vocabulary", "vocab", "deck", "pronunciation", "audio",
    "sound", "image", "picture", "category", "topic", "source", "level", "lesson",
    "chapter", "unit", "gender", "plural", "comment", "comments", "description",
    "english", "french", "german", "spanish", "italian", "portuguese", "chinese",
    "japanese", "korean", "russian", "arabic", "latin", "dutch", "greek", "hindi",
    "vietnamese", "turkish", "polish", "swedish", "norwegian", "danish", "finnish",
    "hebrew", "thai", "indonesian", "ukrainian", "czech", "native", "target",
    "part of speech", "pos", "type", "context", "synonyms", "antonyms", "frequency"};

static int is_column_name(const char *s) {
  for (size_t i = 0; i < sizeof COLUMN_NAMES / sizeof COLUMN_NAMES[0]; i++)
    if (strcasecmp(s, COLUMN_NAMES[i]) == 0) return 1;
  return 0;
}

/* A header row: every cell a short label without digits, at least one a
 * well-known column name. */
static int looks_like_header(const Rec *r) {
  int known = 0;
  for (int i = 0; i < r->n; i++) {
    const char *f = rec_field(r, i);
    size_t n = r->len[i];
    if (n == 0 || n > 40) return 0;
    for (size_t k = 0; k < n; k++)
      if (isdigit((unsigned char)f[k]) || f[k] == '\n') return 0;
    char *t = trim_dup(f, n);
    if (t && is_column_name(t)) known++;
    free(t);
  }
  return known > 0;
}

static int ci_starts(const char *s, const char *prefix) {
  while (isspace((unsigned char)*s)) s++;
  return strncasecmp(s, prefix, strlen(prefix)) == 0;
}

static int kahoot_header(const Rec *r, Kahoot *k) {
  memset(k, 0, sizeof *k);
  k->question = k->time_limit = k->correct = -1;
  for (int i = 0; i < r->n; i++) {
    const char *f = rec_field(r, i);
    if (ci_starts(f, "question") && k->question < 0) {
      k->question = i;
    } else if (ci_starts(f, "answer ") && k->n_answers < 8) {
      k->answers[k->n_answers++] = i;
    } else if (ci_starts(f, "time limit")) {
      k->time_limit = i;
    } else if (ci_starts(f, "correct answer")) {
      k->correct = i;
    }
  }
  return k->question >= 0 && k->n_answers >= 2 && k->correct >= 0;
}

static void set_names_from_rec(Parser *P, const Rec *r) {
  P->names = calloc((size_t)r->n, sizeof *P->names);
  if (!P->names) {
    P->oom = 1;
    return;
  }
  P->n_names = r->n;
  for (int i = 0; i < r->n; i++) {
    P->names[i] = trim_dup(rec_field(r, i), r->len[i]);
    if (!P->names[i]) P->oom = 1;
  }
}

static int name_is(const Parser *P, int i, const char *const *alts) {
  if (i >= P->n_names || !P->names[i]) return 0;
  for (; *alts; alts++)
    if (strcasecmp(P->names[i], *alts) == 0) return 1;
  return 0;
}

/* Decides front/back/tags/guid columns from names and options. */
static void assign_columns(Parser *P) {
  static const char *const tags[] = {"tags", "tag", NULL};
  static const char *const guid[] = {"guid", NULL};
  static const char *const deck[] = {"deck", NULL};
  static const char *const front[] = {"front", "question", "term", "prompt", NULL};
  static const char *const back[] = {"back", "answer", "definition", NULL};
  for (int i = 0; i < P->n_names; i++) {
    if (P->tags_col < 0 && name_is(P, i, tags)) P->tags_col = i;
    if (P->guid_col < 0 && name_is(P, i, guid)) P->guid_col = i;
    if (P->deck_col < 0 && name_is(P, i, deck)) P->deck_col = i;
  }
  P->front_col = P->back_col = -1;
  if (P->opts && P->opts->front_column > 0) P->front_col = P->opts->front_column - 1;
  if (P->opts && P->opts->back_column > 0) P->back_col = P->opts->back_column - 1;
  for (int i = 0; i < P->n_names; i++) {
    if (P->front_col < 0 && name_is(P, i, front)) P->front_col = i;
    if (P->back_col < 0 && name_is(P, i, back) && i != P->front_col) P->back_col = i;
  }
  for (int i = 0; i < P->expected && (P->front_col < 0 || P->back_col < 0); i++) {
    if (i == P->tags_col || i == P->guid_col || i == P->deck_col || i == P->type_col) continue;
    if (P->front_col < 0 && i != P->back_col)
      P->front_col = i;
    else if (P->back_col < 0 && i != P->front_col)
      P->back_col = i;
  }
}

/* ---- records to notes ---------------------------------------------- */

static char *field_text(Parser *P, const Rec *r, int i) {
  if (i < 0 || i >= r->n) return imp_strdup("");
  if (P->html) return htmltext_plain(rec_field(r, i), r->len[i]);
  return imp_strndup(rec_field(r, i), r->len[i]);
}

static int all_empty(const Rec *r) {
  for (int i = 0; i < r->n; i++)
    for (size_t k = 0; k < r->len[i]; k++)
      if (!isspace((unsigned char)rec_field(r, i)[k])) return 0;
  return 1;
}

static int blank(const char *s) {
  for (; *s; s++)
    if (!isspace((unsigned char)*s)) return 0;
  return 1;
}

static const char *deck_for(Parser *P, const Rec *r) {
  if (P->opts && P->opts->deck && *P->opts->deck) return P->opts->deck;
  if (P->deck_col >= 0 && P->deck_col < r->n && !blank(rec_field(r, P->deck_col)))
    return rec_field(r, P->deck_col);
  return P->deck;
}

static char *join_tags(const char *a, const char *b) {
  ImpBuf t = {0};
  imp_buf_adds(&t, a);
  imp_buf_addc(&t, ' ');
  imp_buf_adds(&t, b);
  char *s = imp_buf_take(&t);
  if (s) imp_collapse_space(s);
  if (s && !*s) {
    free(s);
    return NULL;
  }
  return s;
}

/* Gives the note a unique guid: `base`, or base plus an occurrence
 * suffix when an earlier row had the same one. */
static int unique_guid(Parser *P, StoreNote *n, const char *base, const char *what) {
  int dup = guid_insert(&P->guids, base, P->rec_line);
  if (dup < 0) return QD_ENOMEM;
  if (dup == 0) {
    n->guid = imp_strdup(base);
    return n->guid ? 0 : QD_ENOMEM;
  }
  importres_problem(P->r, IMPORT_WARNING, P->path, P->rec_line, 0,
                    "same %s as line %d; kept as a separate card", what, dup);
  char buf[600];
  for (int k = 2;; k++) {
    snprintf(buf, sizeof buf, "%.500s#%d", base, k);
    int d = guid_insert(&P->guids, buf, P->rec_line);
    if (d < 0) return QD_ENOMEM;
    if (d == 0) break;
  }
  n->guid = imp_strdup(buf);
  return n->guid ? 0 : QD_ENOMEM;
}

static int add_note(Parser *P, const char *deck_name, StoreNote *n) {
  ImportDeck *d = importres_deck(P->r, deck_name);
  if (!d) {
    store_note_clear(n);
    return QD_ENOMEM;
  }
  return importres_add_note(P->r, d, n);
}

/* A cloze row (Anki's Cloze type: Text, Back Extra): the front holds
 * the {{c1::...}} markup, the back is extra text shown afterwards. */
static int make_cloze(Parser *P, StoreNote *n) {
  int nums[256];
  int k = cloze_numbers(n->prompt, nums, 256);
  if (k == 0) {
    importres_problem(P->r, IMPORT_WARNING, P->path, P->rec_line, 0,
                      "cloze row without a {{c1::...}} deletion; imported as front/back");
    return 0;
  }
  char *text = n->prompt, *back = n->answer, *front = NULL, *ans = NULL;
  int rc;
  if (k == 1) {
    rc = cloze_card(text, nums[0], &front, &ans);
  } else {
    front = cloze_renumber(text);
    char *full = NULL;
    rc = front ? cloze_card(front, 0, &full, &ans) : QD_ENOMEM;
    ans = full;
  }
  if (rc) {
    free(front);
    free(ans);
    return QD_ENOMEM;
  }
  n->prompt = front;
  n->answer = ans;
  n->kind = NOTE_CLOZE;
  n->n_cards = k;
  free(text);
  /* the back (Back Extra) joins the explanation unless it repeats it */
  if (*back && !(n->explanation && strcmp(n->explanation, back) == 0)) {
    ImpBuf ex = {0};
    imp_buf_adds(&ex, back);
    if (n->explanation) {
      imp_buf_addc(&ex, '\n');
      imp_buf_adds(&ex, n->explanation);
    }
    char *e = imp_buf_take(&ex);
    if (!e) {
      free(back);
      return QD_ENOMEM;
    }
    free(n->explanation);
    n->explanation = e;
  }
  free(back);
  return 0;
}

static int plain_record(Parser *P, const Rec *r) {
  int rc = QD_ENOMEM;
  StoreNote n;
  memset(&n, 0, sizeof n);
  if (r->n != P->expected) {
    importres_problem(P->r, IMPORT_ERROR, P->path, P->rec_line, 0,
                      "expected %d fields, found %d (check the quoting and separators "
                      "of this row)", P->expected, r->n);
    return 0;
  }
  n.kind = NOTE_QA;
  n.n_cards = 1;
  n.prompt = field_text(P, r, P->front_col);
  n.answer = field_text(P, r, P->back_col);
  if (!n.prompt || !n.answer) goto fail;
  if (blank(n.prompt)) {
    importres_problem(P->r, IMPORT_WARNING, P->path, P->rec_line, 0,
                      "empty front (column %d); row skipped", P->front_col + 1);
    store_note_clear(&n);
    return 0;
  }
  int cloze = P->cloze;
  if (P->type_col >= 0 && P->type_col < r->n)
    cloze = has_cloze_word(rec_field(r, P->type_col));
  if (blank(n.answer) && !cloze)
    importres_problem(P->r, IMPORT_WARNING, P->path, P->rec_line, 0,
                      "empty back (column %d); imported with an empty answer",
                      P->back_col + 1);
  ImpBuf ex = {0};
  for (int i = 0; i < r->n; i++) {
    if (i == P->front_col || i == P->back_col || i == P->tags_col || i == P->guid_col ||
        i == P->deck_col || i == P->type_col)
      continue;
    char *v = field_text(P, r, i);
    if (!v) {
      imp_buf_free(&ex);
      goto fail;
    }
    if (!blank(v)) {
      if (ex.len) imp_buf_addc(&ex, '\n');
      static const char *const verbatim[] = {"explanation", "extra", NULL};
      if (i < P->n_names && P->names[i] && *P->names[i] && !name_is(P, i, verbatim)) {
        imp_buf_adds(&ex, P->names[i]);
        imp_buf_adds(&ex, ": ");
      }
      imp_buf_adds(&ex, v);
    }
    free(v);
  }
  if (ex.len) {
    n.explanation = imp_buf_take(&ex);
    if (!n.explanation) goto fail;
  }
  imp_buf_free(&ex);
  if (cloze && (rc = make_cloze(P, &n)) != 0) goto fail;
  const char *tags = P->tags_col >= 0 && P->tags_col < r->n ? rec_field(r, P->tags_col) : "";
  if (*tags || P->tags_hdr) {
    n.tags = join_tags(tags, P->tags_hdr);
  }
  if (P->guid_col >= 0 && P->guid_col < r->n && !blank(rec_field(r, P->guid_col))) {
    if (unique_guid(P, &n, rec_field(r, P->guid_col), "guid") != 0) goto fail;
  } else {
    char g[17];
    imp_guid("csv", n.prompt, g);
    if (unique_guid(P, &n, g, "front") != 0) goto fail;
  }
  return add_note(P, deck_for(P, r), &n);
fail:
  store_note_clear(&n);
  return rc;
}

static int kahoot_record(Parser *P, const Rec *r) {
  const Kahoot *k = &P->kh;
  StoreNote n;
  memset(&n, 0, sizeof n);
  int need = k->question;
  for (int i = 0; i < k->n_answers; i++)
    if (k->answers[i] > need) need = k->answers[i];
  if (k->correct > need) need = k->correct;
  if (k->time_limit > need) need = k->time_limit;
  if (r->n <= need) {
    importres_problem(P->r, IMPORT_ERROR, P->path, P->rec_line, 0,
                      "expected %d fields, found %d", need + 1, r->n);
    return 0;
  }
  const char *q = rec_field(r, k->question);
  if (blank(q)) {
    importres_problem(P->r, IMPORT_WARNING, P->path, P->rec_line, 0,
                      "row has answers but no question; skipped");
    return 0;
  }
  int correct[8] = {0}, n_correct = 0;
  const char *c = rec_field(r, k->correct);
  while (*c) {
    while (*c == ' ' || *c == ',' || *c == ';' || *c == '/') c++;
    if (!*c) break;
    char *end = NULL;
    long v = strtol(c, &end, 10);
    if (end == c || v < 1 || v > k->n_answers) {
      importres_problem(P->r, IMPORT_ERROR, P->path, P->rec_line, k->correct + 1,
                        "correct answer must be answer numbers 1 to %d (like \"1\" or "
                        "\"1,3\"), not '%s'", k->n_answers, rec_field(r, k->correct));
      return 0;
    }
    if (blank(rec_field(r, k->answers[v - 1]))) {
      importres_problem(P->r, IMPORT_ERROR, P->path, P->rec_line, k->correct + 1,
                        "correct answer %ld is empty", v);
      return 0;
    }
    correct[v - 1] = 1;
    c = end;
  }
  for (int i = 0; i < k->n_answers; i++) n_correct += correct[i];
  if (!n_correct) {
    importres_problem(P->r, IMPORT_ERROR, P->path, P->rec_line, k->correct + 1,
                      "no correct answer given");
    return 0;
  }
  n.kind = NOTE_MCQ;
  n.n_cards = 1;
  n.prompt = field_text(P, r, k->question);
  if (!n.prompt) goto fail;
  for (int i = 0; i < k->n_answers; i++) {
    const char *a = rec_field(r, k->answers[i]);
    if (blank(a)) continue;
    char *t = field_text(P, r, k->answers[i]);
    if (!t) goto fail;
    int rc = 0;
    if (correct[i] && !n.answer)
      n.answer = t, t = NULL;
    else if (correct[i])
      rc = importres_strv_add(&n.aliases, &n.n_aliases, t);
    else
      rc = importres_strv_add(&n.distractors, &n.n_distractors, t);
    free(t);
    if (rc) goto fail;
  }
  if (k->time_limit >= 0) {
    const char *t = rec_field(r, k->time_limit);
    if (!blank(t)) {
      char *end = NULL;
      long v = strtol(t, &end, 10);
      while (end && isspace((unsigned char)*end)) end++;
      if (!end || end == t || *end || v <= 0 || v > 3600) {
        importres_problem(P->r, IMPORT_ERROR, P->path, P->rec_line, k->time_limit + 1,
                          "time limit must be a number of seconds, not '%s'", t);
        store_note_clear(&n);
        return 0;
      }
      n.time_limit = (int)v;
    }
  }
  char g[17];
  imp_guid("kahoot", n.prompt, g);
  if (unique_guid(P, &n, g, "question") != 0) goto fail;
  return add_note(P, deck_for(P, r), &n);
fail:
  store_note_clear(&n);
  return QD_ENOMEM;
}

static int handle_record(Parser *P, const Rec *r) {
  int idx = P->rec_index++;
  if (P->kahoot_header >= 0) {
    if (idx <= P->kahoot_header || all_empty(r)) return 0;
    P->r->n_source_notes++;
    return kahoot_record(P, r);
  }
  if (idx == P->header_record) return 0;
  if (all_empty(r)) return 0;
  P->r->n_source_notes++;
  return plain_record(P, r);
}

/* ---- full parse ---------------------------------------------------- */

static void feed_field(void *s, size_t n, void *ctx) {
  on_field(s, n, &((Parser *)ctx)->rec);
}

static void feed_row(int c, void *ctx) {
  Parser *P = ctx;
  (void)c;
  if (P->rec.oom) P->feed_rc = QD_ENOMEM;
  if (P->feed_rc == 0) P->feed_rc = handle_record(P, &P->rec);
  rec_reset(&P->rec);
}

typedef struct HeadCtx {
  Rec cur;
  Rec head[CSVIMP_HEAD_RECORDS];
  int nh;
} HeadCtx;

static void head_field(void *s, size_t n, void *ctx) {
  on_field(s, n, &((HeadCtx *)ctx)->cur);
}

static void head_row(int c, void *ctx) {
  HeadCtx *h = ctx;
  (void)c;
  if (h->nh < CSVIMP_HEAD_RECORDS) {
    h->head[h->nh++] = h->cur;
    memset(&h->cur, 0, sizeof h->cur);
  } else {
    rec_reset(&h->cur);
  }
}

/* Reads the first records with the chosen separator to find a header
 * row or a Kahoot header. */
static int inspect_head(Parser *P, const char *s, size_t n) {
  struct csv_parser p;
  int rc = 0;
  HeadCtx *h = calloc(1, sizeof *h);
  if (!h) return QD_ENOMEM;
  if (parser_init(&p, P->sep, P->quoting, 0) != 0) {
    free(h);
    return QD_ENOMEM;
  }
  csv_parse(&p, s, n, head_field, head_row, h);
  csv_fini(&p, head_field, head_row, h);
  csv_free(&p);
  if (h->cur.oom) rc = QD_ENOMEM;
  for (int i = 0; i < h->nh; i++)
    if (h->head[i].oom) rc = QD_ENOMEM;
  if (rc) goto done;
  P->header_record = -1;
  P->kahoot_header = -1;
  for (int i = 0; i < h->nh; i++) {
    if (kahoot_header(&h->head[i], &P->kh)) {
      P->kahoot_header = i;
      break;
    }
  }
  if (P->kahoot_header < 0 && !P->columns_hdr && h->nh > 0 && looks_like_header(&h->head[0])) {
    P->header_record = 0;
    set_names_from_rec(P, &h->head[0]);
  }
done:
  for (int i = 0; i < h->nh; i++) rec_free(&h->head[i]);
  rec_free(&h->cur);
  free(h);
  return rc;
}

static void split_columns_hdr(Parser *P) {
  const char *s = P->columns_hdr;
  int n = 1;
  for (const char *c = s; *c; c++) n += *c == P->sep;
  P->names = calloc((size_t)n, sizeof *P->names);
  if (!P->names) {
    P->oom = 1;
    return;
  }
  P->n_names = n;
  for (int i = 0; i < n; i++) {
    const char *e = strchr(s, P->sep);
    size_t l = e ? (size_t)(e - s) : strlen(s);
    P->names[i] = trim_dup(s, l);
    if (!P->names[i]) P->oom = 1;
    s = e ? e + 1 : s + l;
  }
}

int csvimp_parse(const char *path, const char *data, size_t len,
                 const ImportOptions *opts, ImportResult *r) {
  Parser P;
  int rc = 0;
  struct csv_parser p;
  int p_live = 0;
  memset(&P, 0, sizeof P);
  P.path = path;
  P.data = data;
  P.len = len;
  P.opts = opts;
  P.r = r;
  P.tags_col = P.guid_col = P.deck_col = P.type_col = -1;
  P.header_record = P.kahoot_header = -1;

  if (len >= 2 && (((unsigned char)data[0] == 0xFF && (unsigned char)data[1] == 0xFE) ||
                   ((unsigned char)data[0] == 0xFE && (unsigned char)data[1] == 0xFF))) {
    importres_problem(r, IMPORT_ERROR, path, 1, 1,
                      "file is UTF-16; save it as UTF-8 and import again");
    goto done;
  }
  size_t off = 0;
  if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) off = 3;
  size_t bad;
  if (imp_utf8_check(data + off, len - off, &bad) != 0) {
    int line, col;
    imp_text_pos(data, off + bad, &line, &col);
    if (data[off + bad] == '\0')
      importres_problem(r, IMPORT_ERROR, path, line, col,
                        "NUL byte: this is not a text file");
    else
      importres_problem(r, IMPORT_ERROR, path, line, col,
                        "invalid UTF-8 (byte 0x%02X); save the file as UTF-8",
                        (unsigned char)data[off + bad]);
    goto done;
  }
  int line = 1;
  off = read_headers(&P, off, &line);
  if (P.oom) goto oom;
  const char *body = data + off;
  size_t blen = len - off;
  size_t slen = sample_len(body, blen);

  if (!P.sep_given) {
    double best = 0;
    int best_mode = 0;
    for (size_t i = 0; i < sizeof CANDIDATES; i++) {
      int mode;
      int q = sample_quoting(body, slen, CANDIDATES[i]);
      double c = consistency(body, slen, CANDIDATES[i], q, &mode);
      if (mode >= 2 && c > best + 1e-9) {
        best = c;
        best_mode = mode;
        P.sep = CANDIDATES[i];
      }
    }
    if (!best_mode) {
      size_t k = 0;
      while (k < blen && isspace((unsigned char)body[k])) k++;
      if (k == blen)
        importres_problem(r, IMPORT_ERROR, path, 0, 0, "no cards: the file is empty");
      else
        importres_problem(r, IMPORT_ERROR, path, line, 0,
                          "cannot tell the columns apart: no tab, comma, semicolon, "
                          "pipe or colon splits the lines into front and back");
      goto done;
    }
  }
  /* Anki's headers mean Anki's rules: quotes are always special */
  P.quoting = P.sep_given || sample_quoting(body, slen, P.sep);
  if (P.columns_hdr) {
    split_columns_hdr(&P);
    if (P.oom) goto oom;
  }
  {
    int mode;
    consistency(body, slen, P.sep, P.quoting, &mode);
    P.expected = P.columns_hdr ? P.n_names : mode;
    if (P.expected < 1) P.expected = 1;
  }
  rc = inspect_head(&P, body, slen);
  if (rc) goto done;
  if (!P.deck) {
    const char *b = imp_basename(path);
    const char *dot = strrchr(b, '.');
    P.deck = imp_strndup(b, dot && dot != b ? (size_t)(dot - b) : strlen(b));
    if (!P.deck) goto oom;
  }
  if (P.kahoot_header < 0) {
    assign_columns(&P);
    if (P.expected < 2 && P.back_col < 0) {
      importres_problem(r, IMPORT_ERROR, path, line, 0,
                        "each line needs at least a front and a back field");
      goto done;
    }
    if (P.front_col >= P.expected || P.back_col >= P.expected || P.back_col < 0) {
      importres_problem(r, IMPORT_ERROR, path, 0, 0,
                        "column %d does not exist: the file has %d columns",
                        (P.front_col >= P.expected ? P.front_col : P.back_col) + 1,
                        P.expected);
      goto done;
    }
    r->format = IMPORT_FMT_DELIMITED;
  } else {
    r->format = IMPORT_FMT_KAHOOT;
  }
  {
    static const char *const sepname[] = {"tab", "comma", "semicolon", "pipe", "colon"};
    const char *sn = "custom";
    for (size_t i = 0; i < sizeof CANDIDATES; i++)
      if (CANDIDATES[i] == P.sep) sn = sepname[i];
    char buf[160];
    if (P.kahoot_header >= 0)
      snprintf(buf, sizeof buf, "Kahoot quiz sheet, %s-separated", sn);
    else
      snprintf(buf, sizeof buf, "%s-separated text, %d columns%s%s", sn, P.expected,
               P.header_record >= 0 ? ", header row" : "", P.html ? ", HTML" : "");
    free(r->detail);
    r->detail = strdup(buf);
  }

  /* the real pass: strict quoting, one line at a time for positions */
  if (parser_init(&p, P.sep, P.quoting, 1) != 0) goto oom;
  p_live = 1;
  size_t pos = 0;
  int rec_open_line = line;
  while (pos < blen) {
    const char *s = body + pos;
    const char *nl = memchr(s, '\n', blen - pos);
    size_t ll = nl ? (size_t)(nl - s) + 1 : blen - pos;
    if (p.pstate == 0) {
      rec_open_line = line;
      P.rec_line = line;
    }
    size_t used = csv_parse(&p, s, ll, feed_field, feed_row, &P);
    if (used < ll || csv_error(&p) == CSV_EPARSE) {
      if (csv_error(&p) == CSV_ENOMEM) goto oom;
      int col = (int)imp_utf8_chars(s, used) + 1;
      importres_problem(r, IMPORT_ERROR, path, line, col,
                        "malformed quoting: a quote inside a field that does not start with "
                        "a quote, or text after a closing quote (quote the whole field and "
                        "double the quotes inside it)");
      csv_free(&p);
      p_live = 0;
      rec_reset(&P.rec);
      if (parser_init(&p, P.sep, P.quoting, 1) != 0) goto oom;
      p_live = 1;
    }
    if (P.feed_rc) {
      rc = P.feed_rc;
      goto done;
    }
    pos += ll;
    line++;
  }
  if (csv_fini(&p, feed_field, feed_row, &P) != 0) {
    if (csv_error(&p) == CSV_EPARSE)
      importres_problem(r, IMPORT_ERROR, path, rec_open_line, 0,
                        "a quoted field starting in this row is never closed");
    else
      goto oom;
  }
  if (P.feed_rc) {
    rc = P.feed_rc;
    goto done;
  }
  if (importres_notes(r) == 0 && r->n_errors == 0)
    importres_problem(r, IMPORT_ERROR, path, 0, 0, "no cards found in the file");
  goto done;
oom:
  rc = QD_ENOMEM;
done:
  if (p_live) csv_free(&p);
  if (r->oom && !rc) rc = QD_ENOMEM;
  rec_free(&P.rec);
  free(P.deck);
  free(P.tags_hdr);
  free(P.columns_hdr);
  for (int i = 0; i < P.n_names; i++) free(P.names[i]);
  free(P.names);
  free(P.guids.keys);
  free(P.guids.lines);
  return rc;
}
