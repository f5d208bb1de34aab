/* extract.c - facts from article sentences (see extract.h). */
#include "extract.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <unicode/uchar.h>
#include <utf8proc.h>

#include "error.h"

/* Leading decimal digits of p as an int, at most 6 of them (no overflow:
 * atoi on a long digit run is undefined). */
static int small_int(const char *p) {
  int v = 0;
  for (int k = 0; k < 6 && *p >= '0' && *p <= '9'; k++, p++) v = v * 10 + (*p - '0');
  return v;
}

/* ------------------------------------------------------------------ */
/* Tokens                                                              */

enum { TW = QT_WORD, TN = QT_NUM, TP = QT_PUNCT, TPOSS = QT_POSS };
typedef QTok Tok;
typedef QToks Toks;

static int u8dec(const unsigned char *s, int n, int i, unsigned *cp) {
  unsigned c = s[i];
  if (c < 0x80) {
    *cp = c;
    return 1;
  }
  int len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
  if (i + len > n) {
    *cp = 0xFFFD;
    return 1;
  }
  unsigned v = len == 2 ? c & 0x1F : len == 3 ? c & 0x0F : c & 0x07;
  for (int k = 1; k < len; k++) v = (v << 6) | (s[i + k] & 0x3F);
  *cp = v;
  return len;
}

static int cp_is_alnum(unsigned cp) {
  if (cp < 0x80) return isalnum((int)cp) != 0;
  return u_isalnum((UChar32)cp) != 0;
}

static int cp_is_upper(unsigned cp) {
  if (cp < 0x80) return isupper((int)cp) != 0;
  return u_isupper((UChar32)cp) || u_istitle((UChar32)cp);
}

static int cp_is_lower(unsigned cp) {
  if (cp < 0x80) return islower((int)cp) != 0;
  return u_islower((UChar32)cp) != 0;
}

static int toks_push(Toks *t, int s, int e, int k) {
  if (t->n == t->cap) {
    int nc = t->cap ? t->cap * 2 : 64;
    Tok *nv = realloc(t->v, (size_t)nc * sizeof *nv);
    if (!nv) return QD_ENOMEM;
    t->v = nv;
    t->cap = nc;
  }
  Tok *x = &t->v[t->n++];
  x->s = s;
  x->e = e;
  x->k = (unsigned char)k;
  x->cap = 0;
  x->upper = 0;
  return 0;
}

static const unsigned char ascii_word[128] = {
    ['0'] = 2, ['1'] = 2, ['2'] = 2, ['3'] = 2, ['4'] = 2, ['5'] = 2,
    ['6'] = 2, ['7'] = 2, ['8'] = 2, ['9'] = 2,
    ['A'] = 3, ['B'] = 3, ['C'] = 3, ['D'] = 3, ['E'] = 3, ['F'] = 3,
    ['G'] = 3, ['H'] = 3, ['I'] = 3, ['J'] = 3, ['K'] = 3, ['L'] = 3,
    ['M'] = 3, ['N'] = 3, ['O'] = 3, ['P'] = 3, ['Q'] = 3, ['R'] = 3,
    ['S'] = 3, ['T'] = 3, ['U'] = 3, ['V'] = 3, ['W'] = 3, ['X'] = 3,
    ['Y'] = 3, ['Z'] = 3,
    ['a'] = 1, ['b'] = 1, ['c'] = 1, ['d'] = 1, ['e'] = 1, ['f'] = 1,
    ['g'] = 1, ['h'] = 1, ['i'] = 1, ['j'] = 1, ['k'] = 1, ['l'] = 1,
    ['m'] = 1, ['n'] = 1, ['o'] = 1, ['p'] = 1, ['q'] = 1, ['r'] = 1,
    ['s'] = 1, ['t'] = 1, ['u'] = 1, ['v'] = 1, ['w'] = 1, ['x'] = 1,
    ['y'] = 1, ['z'] = 1};
/* ascii_word: 1 lower letter, 2 digit, 3 upper letter */

/* Is the character at i a letter or digit (any script)? */
static int alnum_at(const unsigned char *s, int n, int i, int *len) {
  if (s[i] < 0x80) {
    *len = 1;
    return ascii_word[s[i]] != 0;
  }
  unsigned cp;
  *len = u8dec(s, n, i, &cp);
  return cp_is_alnum(cp);
}

int extract_tokenize(const char *str, QToks *t) {
  const unsigned char *s = (const unsigned char *)str;
  int n = (int)strlen(str);
  t->n = 0;
  int i = 0;
  while (i < n) {
    unsigned char b0 = s[i];
    if (b0 == ' ') {
      i++;
      continue;
    }
    int st = i;
    if (b0 < 0x80 && ascii_word[b0] == 2) {
      int j = i;
      for (;;) {
        while (j < n && isdigit(s[j])) j++;
        if (j + 3 < n && s[j] == ',' && isdigit(s[j + 1]) &&
            isdigit(s[j + 2]) && isdigit(s[j + 3]) &&
            (j + 4 >= n || !isdigit(s[j + 4]))) {
          j += 4;
          continue;
        }
        if (j + 1 < n && s[j] == '.' && isdigit(s[j + 1])) {
          j++;
          continue;
        }
        break;
      }
      while (j < n && s[j] < 0x80 && (ascii_word[s[j]] & 1)) j++; /* 1990s, 3rd */
      if (toks_push(t, st, j, TN) < 0) return QD_ENOMEM;
      i = j;
      continue;
    }
    unsigned cp = b0;
    int l = 1;
    if (b0 >= 0x80) l = u8dec(s, n, i, &cp);
    if (b0 < 0x80 ? ascii_word[b0] != 0 : cp_is_alnum(cp)) {
      int j = i;
      /* dotted acronym: U.S. / D.C. / a.m. */
      if (j + 3 < n && b0 < 0x80 && isalpha(s[j]) && s[j + 1] == '.' &&
          isalpha(s[j + 2]) && s[j + 3] == '.') {
        while (j + 1 < n && isalpha(s[j]) && s[j + 1] == '.') j += 2;
        if (toks_push(t, st, j, TW) < 0) return QD_ENOMEM;
        i = j;
        goto classify;
      }
      while (j < n) {
        int l2;
        if (alnum_at(s, n, j, &l2)) {
          j += l2;
          continue;
        }
        unsigned c2 = s[j];
        if (c2 >= 0x80) u8dec(s, n, j, &c2);
        /* joiners: hyphen, apostrophes inside a word */
        if ((c2 == '-' || c2 == 0x2010) && j + l2 < n) {
          int l3;
          if (alnum_at(s, n, j + l2, &l3)) {
            j += l2;
            continue;
          }
        }
        if (c2 == '\'' || c2 == 0x2019) {
          /* possessive 's ends the word */
          if (j + l2 < n && (s[j + l2] == 's' || s[j + l2] == 'S') &&
              (j + l2 + 1 >= n || !isalnum(s[j + l2 + 1])))
            break;
          int l3;
          if (j + l2 < n && alnum_at(s, n, j + l2, &l3)) {
            j += l2;
            continue;
          }
        }
        break;
      }
      if (toks_push(t, st, j, TW) < 0) return QD_ENOMEM;
      i = j;
    classify:;
      Tok *x = &t->v[t->n - 1];
      if (b0 < 0x80) {
        x->cap = ascii_word[b0] == 3;
      } else {
        unsigned c0;
        u8dec(s, n, x->s, &c0);
        x->cap = (unsigned char)cp_is_upper(c0);
      }
      int up = 1, letters = 0;
      for (int k = x->s; k < x->e;) {
        unsigned char ch = s[k];
        if (ch < 0x80) {
          unsigned char cl = ascii_word[ch];
          if (cl == 1) up = 0;
          if (cl & 1) letters++;
          k++;
          continue;
        }
        unsigned c4;
        int l4 = u8dec(s, n, k, &c4);
        if (cp_is_lower(c4)) up = 0;
        if (cp_is_alnum(c4)) letters++;
        k += l4;
      }
      x->upper = (unsigned char)(up && letters >= 2);
      continue;
    }
    /* possessive 's after a word */
    if ((cp == '\'' || cp == 0x2019) && t->n > 0 && i + l < n &&
        (s[i + l] == 's' || s[i + l] == 'S') &&
        (i + l + 1 >= n || !isalnum(s[i + l + 1])) &&
        t->v[t->n - 1].e == i) {
      if (toks_push(t, st, i + l + 1, TPOSS) < 0) return QD_ENOMEM;
      i += l + 1;
      continue;
    }
    if (toks_push(t, st, i + l, TP) < 0) return QD_ENOMEM;
    i += l;
  }
  return 0;
}

/* ------------------------------------------------------------------ */
/* Keys                                                                */

const char *extract_type_name(QFactType t) {
  static const char *const names[] = {"date", "person", "place", "org",
                                      "number"};
  return t < QF_NTYPES ? names[t] : "?";
}

/* ASCII-only strings (most answers) need no Unicode normalisation. */
static char *ascii_key(const char *s, size_t n) {
  char *out = malloc(n + 16);
  if (!out) return NULL;
  size_t k = 0, first_end = 0;
  int words = 0;
  for (size_t i = 0; i < n;) {
    while (i < n && !isalnum((unsigned char)s[i])) {
      if (s[i] == '%') {
        memcpy(out + k, "percent", 7);
        k += 7;
        words++;
      }
      i++;
    }
    size_t b = i;
    while (i < n && isalnum((unsigned char)s[i])) i++;
    if (i == b) break;
    size_t wl = i - b;
    /* "per cent" -> "percent"; a trailing possessive "'s" is dropped */
    if (wl == 1 && (s[b] == 's' || s[b] == 'S') && b > 0 && s[b - 1] == '\'' &&
        i == n)
      break;
    for (size_t q = 0; q < wl; q++) out[k++] = (char)tolower((unsigned char)s[b + q]);
    if (++words == 1) first_end = k;
  }
  out[k] = 0;
  /* a leading article, when more follows */
  if (words > 1 && ((first_end == 3 && !memcmp(out, "the", 3)) ||
                    (first_end == 1 && out[0] == 'a') ||
                    (first_end == 2 && !memcmp(out, "an", 2))))
    memmove(out, out + first_end, k - first_end + 1);
  return out;
}

char *extract_key(const char *s) {
  size_t n = strlen(s);
  int ascii = 1;
  for (size_t i = 0; i < n && ascii; i++)
    if ((unsigned char)s[i] >= 0x80) ascii = 0;
  if (ascii) return ascii_key(s, n);
  char *tmp = malloc(n * 3 + 16);
  if (!tmp) return NULL;
  /* percent forms, possessive */
  size_t o = 0;
  for (size_t i = 0; i < n; i++) {
    if (s[i] == '%') {
      memcpy(tmp + o, " percent", 8);
      o += 8;
      continue;
    }
    if (strncasecmp(s + i, "per cent", 8) == 0) {
      memcpy(tmp + o, "percent", 7);
      o += 7;
      i += 7;
      continue;
    }
    tmp[o++] = s[i];
  }
  tmp[o] = 0;
  if (o >= 2 && (tmp[o - 1] == 's' || tmp[o - 1] == 'S') && tmp[o - 2] == '\'')
    tmp[o -= 2] = 0;
  if (o >= 4 && (tmp[o - 1] == 's' || tmp[o - 1] == 'S') &&
      memcmp(tmp + o - 4, "\xE2\x80\x99", 3) == 0)
    tmp[o -= 4] = 0;
  utf8proc_uint8_t *mapped = NULL;
  utf8proc_ssize_t ml = utf8proc_map(
      (const utf8proc_uint8_t *)tmp, 0, &mapped,
      UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_COMPAT |
          UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK | UTF8PROC_CASEFOLD);
  free(tmp);
  if (ml < 0 || !mapped) {
    free(mapped);
    return NULL;
  }
  /* words of letters/digits; drop a leading article */
  char *out = malloc((size_t)ml + 1);
  if (!out) {
    free(mapped);
    return NULL;
  }
  const utf8proc_uint8_t *m = mapped;
  utf8proc_ssize_t i = 0, L = ml;
  size_t k = 0;
  int first = 1;
  size_t word_start = 0;
  int in_word = 0;
  while (i <= L) {
    utf8proc_int32_t cp = -1;
    utf8proc_ssize_t l = 1;
    if (i < L) l = utf8proc_iterate(m + i, L - i, &cp);
    if (l <= 0) l = 1;
    int alnum = 0;
    if (cp >= 0) {
      utf8proc_category_t cat = utf8proc_category(cp);
      alnum = (cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO) ||
              (cat >= UTF8PROC_CATEGORY_ND && cat <= UTF8PROC_CATEGORY_NO);
    }
    if (alnum) {
      if (!in_word) word_start = k;
      in_word = 1;
      memcpy(out + k, m + i, (size_t)l);
      k += (size_t)l;
    } else if (in_word) {
      in_word = 0;
      if (first) {
        first = 0;
        size_t wl = k - word_start;
        int art = (wl == 3 && !memcmp(out + word_start, "the", 3)) ||
                  (wl == 1 && out[word_start] == 'a') ||
                  (wl == 2 && !memcmp(out + word_start, "an", 2));
        /* only when more follows */
        utf8proc_ssize_t r = i;
        int more = 0;
        while (r < L) {
          utf8proc_int32_t c2;
          utf8proc_ssize_t l2 = utf8proc_iterate(m + r, L - r, &c2);
          if (l2 <= 0) break;
          if (c2 >= 0 && utf8proc_category(c2) >= UTF8PROC_CATEGORY_LU &&
              utf8proc_category(c2) <= UTF8PROC_CATEGORY_NO &&
              !(utf8proc_category(c2) >= UTF8PROC_CATEGORY_MN &&
                utf8proc_category(c2) <= UTF8PROC_CATEGORY_ME)) {
            more = 1;
            break;
          }
          r += l2;
        }
        if (art && more) k = word_start;
      }
    }
    i += l;
  }
  out[k] = 0;
  free(mapped);
  return out;
}

/* ------------------------------------------------------------------ */
/* Context                                                             */

typedef struct Pending {
  int sent, ti; /* a one-word name mention to link at the end */
  int subject, speaker;
  int qs, qe;
} Pending;

typedef struct Ctx {
  QLex *lx;
  const QDoc *doc;
  int doc_index;
  QFacts *out;
  int first_fact; /* facts of this doc start here */
  Toks t;
  unsigned *cls;  /* per-token word classes, CLS_UNKNOWN until asked */
  unsigned char *nametok; /* per-token name_tok result, 2 = not yet known */
  int cls_cap;
  const char *s; /* current sentence */
  int si;
  Pending *pend;
  int n_pend, cap_pend;
  int oom;
} Ctx;

#define TS(c, i) ((c)->s + (c)->t.v[i].s)
#define TL(c, i) ((size_t)((c)->t.v[i].e - (c)->t.v[i].s))
#define CLS_UNKNOWN 0x80000000u

/* Word classes of token i (qlex_word_class), looked up once per token. */
static unsigned tok_class(const Ctx *c, int i) {
  if (i < 0 || i >= c->t.n || c->t.v[i].k != QT_WORD) return 0;
  if (c->cls[i] == CLS_UNKNOWN)
    c->cls[i] = qlex_word_class(c->lx, TS(c, i), TL(c, i));
  return c->cls[i];
}

/* Resets the class cache after the tokens changed. */
static int cls_reset(Ctx *c) {
  if (c->t.n > c->cls_cap) {
    int nc = c->t.n + 64;
    unsigned *nv = realloc(c->cls, (size_t)nc * sizeof *nv);
    if (!nv) return QD_ENOMEM;
    c->cls = nv;
    unsigned char *nn = realloc(c->nametok, (size_t)nc);
    if (!nn) return QD_ENOMEM;
    c->nametok = nn;
    c->cls_cap = nc;
  }
  for (int i = 0; i < c->t.n; i++) c->cls[i] = CLS_UNKNOWN;
  memset(c->nametok, 2, (size_t)c->t.n);
  return 0;
}

static int tok_is_n(const Ctx *c, int i, const char *w, size_t n) {
  return i >= 0 && i < c->t.n && TL(c, i) == n && *TS(c, i) == w[0] &&
         memcmp(TS(c, i), w, n) == 0;
}

static int tok_is_ci_n(const Ctx *c, int i, const char *w, size_t n) {
  if (i < 0 || i >= c->t.n || TL(c, i) != n || ((*TS(c, i) ^ w[0]) & ~0x20))
    return 0;
  return strncasecmp(TS(c, i), w, n) == 0;
}


static int tok_is_ci(const Ctx *c, int i, const char *w) {
  if (i < 0 || i >= c->t.n || ((*TS(c, i) ^ w[0]) & ~0x20)) return 0;
  size_t n = strlen(w);
  return TL(c, i) == n && strncasecmp(TS(c, i), w, n) == 0;
}

static int tok_in(const Ctx *c, int i, const char *const *list) {
  if (i < 0 || i >= c->t.n) return 0;
  int c0 = tolower((unsigned char)*TS(c, i));
  for (int k = 0; list[k]; k++)
    if (tolower((unsigned char)list[k][0]) == c0 && tok_is_ci(c, i, list[k]))
      return 1;
  return 0;
}

static int is_dash(const Ctx *c, int i) {
  return tok_is_n(c, i, "-", 1) || tok_is_n(c, i, "\xE2\x80\x93", 3) ||
         tok_is_n(c, i, "\xE2\x80\x94", 3);
}

static int is_word(const Ctx *c, int i) {
  return i >= 0 && i < c->t.n && c->t.v[i].k == TW;
}

static int is_cap(const Ctx *c, int i) {
  return is_word(c, i) && c->t.v[i].cap;
}

static int is_num(const Ctx *c, int i) {
  return i >= 0 && i < c->t.n && c->t.v[i].k == TN;
}

static int num_val(const Ctx *c, int i) {
  if (!is_num(c, i)) return -1;
  const char *p = TS(c, i);
  size_t n = TL(c, i);
  for (size_t k = 0; k < n; k++)
    if (!isdigit((unsigned char)p[k])) return -1;
  if (n > 6) return -1;
  return small_int(p);
}

static int is_year_tok(const Ctx *c, int i) {
  int v = num_val(c, i);
  if (TL(c, i) != 4 || v < 1000 || v > 2100) return 0;
  /* not a count: "2021 people", "1945 %" */
  if (tok_is_n(c, i + 1, "%", 1) || tok_is_ci_n(c, i + 1, "per", 3) ||
      tok_is_ci_n(c, i + 1, "percent", 7) || tok_is_n(c, i - 1, "$", 1))
    return 0;
  return 1;
}

static char *span_dup(const char *s, int a, int b) {
  char *r = malloc((size_t)(b - a) + 1);
  if (!r) return NULL;
  memcpy(r, s + a, (size_t)(b - a));
  r[b - a] = 0;
  return r;
}

static char *str_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
#include <stdarg.h>
static char *str_printf(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(NULL, 0, fmt, ap);
  va_end(ap);
  if (n < 0) return NULL;
  char *r = malloc((size_t)n + 1);
  if (!r) return NULL;
  va_start(ap, fmt);
  vsnprintf(r, (size_t)n + 1, fmt, ap);
  va_end(ap);
  return r;
}

static void fact_free(QFact *f) {
  free(f->answer);
  free(f->key);
  free(f->role);
  free(f->norm);
  free(f->surface);
}

static void sent_toks_free(QFacts *f) {
  for (int i = 0; i < f->n_sent_toks; i++) free(f->sent_toks[i].v);
  free(f->sent_toks);
  f->sent_toks = NULL;
  f->n_sent_toks = 0;
}

void extract_facts_free(QFacts *f) {
  for (int i = 0; i < f->n; i++) fact_free(&f->v[i]);
  sent_toks_free(f);
  free(f->v);
  memset(f, 0, sizeof *f);
}

/* Adds a fact whose answer is `answer` (taken over) or the span text. */
static int word_cmp(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Key of a personal name: its words (split at spaces and hyphens) in
 * sorted order, so "Kishida Fumio" = "Fumio Kishida" and "Yoon Suk-yeol" =
 * "Yoon Suk Yeol". */
static char *person_key(const char *name) {
  char buf[256];
  snprintf(buf, sizeof buf, "%s", name);
  char *words[16];
  int nw = 0;
  char *save = NULL;
  for (char *p = strtok_r(buf, " -", &save); p && nw < 16;
       p = strtok_r(NULL, " -", &save)) {
    words[nw] = extract_key(p);
    if (!words[nw]) {
      for (int i = 0; i < nw; i++) free(words[i]);
      return NULL;
    }
    nw++;
  }
  qsort(words, (size_t)nw, sizeof *words, word_cmp);
  size_t len = 1;
  for (int i = 0; i < nw; i++) len += strlen(words[i]);
  char *k = malloc(len);
  if (k) {
    k[0] = 0;
    for (int i = 0; i < nw; i++) strcat(k, words[i]);
  }
  for (int i = 0; i < nw; i++) free(words[i]);
  return k;
}

static QFact *add_fact(Ctx *c, QFactType type, int sub, int a, int b,
                       char *answer, const char *key_src) {
  if (c->oom) {
    free(answer);
    return NULL;
  }
  QFacts *o = c->out;
  if (o->n == o->cap) {
    int nc = o->cap ? o->cap * 2 : 256;
    QFact *nv = realloc(o->v, (size_t)nc * sizeof *nv);
    if (!nv) {
      free(answer);
      c->oom = 1;
      return NULL;
    }
    o->v = nv;
    o->cap = nc;
  }
  int sa = c->t.v[a].s, sb = c->t.v[b - 1].e;
  if (!answer) answer = span_dup(c->s, sa, sb);
  char *key = !answer ? NULL
              : type == QF_PERSON && !key_src ? person_key(answer)
                                              : extract_key(key_src ? key_src : answer);
  if (!answer || !key || !*key) {
    free(answer);
    if (!key) c->oom = answer == NULL;
    free(key);
    return NULL;
  }
  QFact *f = &o->v[o->n++];
  memset(f, 0, sizeof *f);
  f->type = type;
  f->sub = sub;
  f->answer = answer;
  f->key = key;
  f->doc = c->doc_index;
  f->sent = c->si;
  f->start = sa;
  f->end = sb;
  f->qstart = sa;
  f->qend = sb;
  f->full = 1;
  return f;
}

/* ------------------------------------------------------------------ */
/* Dates                                                               */

static const char *const month_names[] = {
    "January", "February", "March",     "April",   "May",      "June",
    "July",    "August",   "September", "October", "November", "December"};

static int tok_month(const Ctx *c, int i) {
  if (!is_cap(c, i)) return 0;
  int m = qlex_month(TS(c, i), TL(c, i));
  if (!m && tok_is_n(c, i + 1, ".", 1)) {
    /* "Jan ." tokenised apart */
    char b[8];
    size_t n = TL(c, i);
    if (n == 3) {
      memcpy(b, TS(c, i), 3);
      b[3] = '.';
      m = qlex_month(b, 4);
    }
  }
  return m;
}

static int tok_day(const Ctx *c, int i) {
  int v = num_val(c, i);
  if (v >= 1 && v <= 31 && TL(c, i) <= 2) return v;
  /* ordinal 29th */
  if (is_num(c, i)) {
    const char *p = TS(c, i);
    int d = small_int(p);
    size_t n = TL(c, i);
    if (d >= 1 && d <= 31 && n >= 3 &&
        (!strncmp(p + n - 2, "th", 2) || !strncmp(p + n - 2, "st", 2) ||
         !strncmp(p + n - 2, "nd", 2) || !strncmp(p + n - 2, "rd", 2)))
      return d;
  }
  return 0;
}



/* Sets the span a question removes: the date plus a preposition before. */
static void date_qspan(Ctx *c, QFact *f, int a) {
  static const char *const preps[] = {"in", "on", "since", "during", "by",
                                      "as of", "from", NULL};
  if (a > 0 && tok_in(c, a - 1, preps)) f->qstart = c->t.v[a - 1].s;
  /* used as a modifier: "a 1965 treaty", "Japan's 1910-45 occupation" */
  if (f->qstart == f->start) {
    int b = a;
    while (b < c->t.n && c->t.v[b].e <= f->end) b++;
    if (b < c->t.n && is_word(c, b) && !c->t.v[b].cap &&
        !(tok_class(c, b) & QLEX_FUNC) &&
        !tok_is_ci_n(c, b, "and", 3) && !tok_is_ci_n(c, b, "to", 2) &&
        !tok_is_ci_n(c, b, "when", 4) && !tok_is_ci_n(c, b, "after", 5))
      f->adj = 1;
    if (b < c->t.n && is_word(c, b) && c->t.v[b].cap && tok_is_n(c, b, "U.S.", 4))
      f->adj = 1;
  }
}

static int doc_has_date(const Ctx *c) { return c->doc->year > 0; }

static int sentence_future(const Ctx *c) {
  for (int i = 0; i < c->t.n; i++)
    if (tok_is_ci_n(c, i, "will", 4) || tok_is_ci_n(c, i, "next", 4) ||
        tok_is_ci_n(c, i, "upcoming", 8))
      return 1;
  return 0;
}

/* Weekday of a date (1 = Monday .. 7 = Sunday), Sakamoto's method. */
static int weekday_of(int y, int m, int d) {
  static const int t[] = {0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4};
  if (m < 3) y -= 1;
  int w = (y + y / 4 - y / 100 + y / 400 + t[m - 1] + d) % 7; /* 0 = Sun */
  return w == 0 ? 7 : w;
}

static int days_in_month(int y, int m) {
  static const int dm[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) return 29;
  return dm[m - 1];
}

static void add_days(int *y, int *m, int *d, int delta) {
  while (delta > 0) {
    if (++*d > days_in_month(*y, *m)) {
      *d = 1;
      if (++*m > 12) *m = 1, ++*y;
    }
    delta--;
  }
  while (delta < 0) {
    if (--*d < 1) {
      if (--*m < 1) *m = 12, --*y;
      *d = days_in_month(*y, *m);
    }
    delta++;
  }
}

static QFact *add_date(Ctx *c, int sub, int a, int b, char *answer, int y,
                       int m, int d, int y2) {
  char *norm = NULL;
  switch (sub) {
  case QD_FULL:
  case QD_MONTHDAY:
    norm = y ? str_printf("%04d-%02d-%02d", y, m, d)
             : str_printf("--%02d-%02d", m, d);
    break;
  case QD_DAYRANGE:
    norm = y ? str_printf("%04d-%02d-%02d/%02d", y, m, d, y2)
             : str_printf("--%02d-%02d/%02d", m, d, y2);
    break;
  case QD_MONTHYEAR:
    norm = str_printf("%04d-%02d", y, m);
    break;
  case QD_MONTH:
    norm = y ? str_printf("%04d-%02d", y, m) : str_printf("--%02d", m);
    break;
  case QD_RANGE:
    norm = str_printf("%04d/%04d", y, y2);
    break;
  case QD_DECADE:
    norm = str_printf("%04ds", y);
    break;
  default:
    norm = str_printf("%04d", y);
    break;
  }
  if (!norm) {
    free(answer);
    c->oom = 1;
    return NULL;
  }
  QFact *f = add_fact(c, QF_DATE, sub, a, b, answer, norm);
  if (!f) {
    free(norm);
    return NULL;
  }
  f->norm = norm;
  f->year = y;
  f->month = m;
  f->day = d;
  f->year2 = y2;
  date_qspan(c, f, a);
  return f;
}

/* Scans the sentence for dates.  Marks consumed tokens in `used`. */
static void find_dates(Ctx *c, unsigned char *used) {
  const QDoc *doc = c->doc;
  for (int i = 0; i < c->t.n && !c->oom; i++) {
    if (used[i]) continue;
    int m = tok_month(c, i);
    /* Month ... */
    if (m) {
      /* "Nov ." tokenised apart: the day and year come after the period */
      int mi = i;
      if (tok_is_n(c, i + 1, ".", 1) &&
          (tok_day(c, i + 2) || is_year_tok(c, i + 2)))
        i++;
      int d = tok_day(c, i + 1);
      if (d) {
        int j = i + 2;
        int d2 = 0;
        if (is_dash(c, j) && tok_day(c, j + 1)) {
          d2 = tok_day(c, j + 1);
          j += 2;
        }
        int k = j;
        if (tok_is_n(c, k, ",", 1)) k++;
        int y = is_year_tok(c, k) ? num_val(c, k) : 0;
        int end = y ? k + 1 : j;
        if (d2 && d2 > d) {
          add_date(c, QD_DAYRANGE, mi, end, NULL, y ? y : doc->year, m, d, d2);
        } else if (y) {
          add_date(c, QD_FULL, mi, end, NULL, y, m, d, 0);
        } else if (doc->year && d <= days_in_month(doc->year, m)) {
          /* "on Nov. 26" in an article dated 2023: a full date */
          char *ans = str_printf("%s %d, %d", month_names[m - 1], d, doc->year);
          QFact *f = ans ? add_date(c, QD_FULL, mi, end, ans, doc->year, m, d, 0)
                         : NULL;
          if (!ans) c->oom = 1;
          if (f) f->surface = span_dup(c->s, c->t.v[mi].s, c->t.v[end - 1].e);
        } else {
          add_date(c, QD_MONTHDAY, mi, end, NULL, doc->year, m, d, 0);
        }
        for (int x = mi; x < end; x++) used[x] = 1;
        i = end - 1;
        continue;
      }
      if (is_year_tok(c, i + 1) || (tok_is_n(c, i + 1, ",", 1) && is_year_tok(c, i + 2))) {
        int k = is_year_tok(c, i + 1) ? i + 1 : i + 2;
        add_date(c, QD_MONTHYEAR, mi, k + 1, NULL, num_val(c, k), m, 0, 0);
        for (int x = mi; x <= k; x++) used[x] = 1;
        i = k;
        continue;
      }
      i = mi;
      /* relative: last/next October */
      if (tok_is_ci_n(c, i - 1, "last", 4) || tok_is_ci_n(c, i - 1, "next", 4) ||
          tok_is_ci_n(c, i - 1, "this", 4)) {
        if (doc_has_date(c)) {
          int y = doc->year;
          if (tok_is_ci_n(c, i - 1, "last", 4)) y -= m >= doc->month ? 1 : 0;
          if (tok_is_ci_n(c, i - 1, "next", 4)) y += m <= doc->month ? 1 : 0;
          char *ans = str_printf("%s %d", month_names[m - 1], y);
          QFact *f = add_date(c, QD_MONTHYEAR, i - 1, i + 1, ans, y, m, 0, 0);
          if (f) f->surface = span_dup(c->s, c->t.v[i - 1].s, c->t.v[i].e);
        }
        used[i] = 1;
        continue;
      }
      /* bare month after a preposition; "May" only so */
      static const char *const mp[] = {"in", "since", "until", "till",
                                       "from", "by", "through", "early",
                                       "late", "mid", "mid-", "during",
                                       "before", "after", "of", NULL};
      if (i > 0 && tok_in(c, i - 1, mp) && !tok_is_n(c, i + 1, "'", 1) &&
          !(i + 1 < c->t.n && c->t.v[i + 1].k == TPOSS)) {
        int y = doc->year;
        char *ans = NULL;
        if (y && m > doc->month) y -= 1; /* a past month of last year */
        QFact *f = add_date(c, QD_MONTH, i, i + 1, ans, y, m, 0, 0);
        if (f && y) {
          char *full = str_printf("%s %d", month_names[m - 1], y);
          if (full) {
            f->surface = f->answer;
            f->answer = full;
          }
        }
        used[i] = 1;
        continue;
      }
      continue;
    }
    /* Day Month [Year] */
    int d = tok_day(c, i);
    if (d && tok_month(c, i + 1)) {
      int mm = tok_month(c, i + 1);
      int k = i + 2;
      if (tok_is_n(c, k, ",", 1)) k++;
      if (is_year_tok(c, k)) {
        add_date(c, QD_FULL, i, k + 1, NULL, num_val(c, k), mm, d, 0);
        for (int x = i; x <= k; x++) used[x] = 1;
        i = k;
      } else {
        add_date(c, QD_MONTHDAY, i, i + 2, NULL, doc->year, mm, d, 0);
        used[i] = used[i + 1] = 1;
        i++;
      }
      continue;
    }
    /* years */
    if (is_year_tok(c, i)) {
      int y = num_val(c, i);
      /* range 1910-45 / 1910-1945 */
      if (is_dash(c, i + 1) && is_num(c, i + 2) &&
          c->t.v[i + 1].s == c->t.v[i].e && c->t.v[i + 2].s == c->t.v[i + 1].e) {
        int v2 = num_val(c, i + 2);
        int y2 = -1;
        if (TL(c, i + 2) == 2 && v2 >= 0) y2 = y / 100 * 100 + v2;
        if (TL(c, i + 2) == 4) y2 = v2;
        if (y2 > y && y2 - y < 200) {
          char *alt = str_printf("%d-%d", y, y2);
          add_date(c, QD_RANGE, i, i + 3, NULL, y, 0, 0, y2);
          free(alt);
          for (int x = i; x < i + 3; x++) used[x] = 1;
          i += 2;
          continue;
        }
      }
      /* from 2008 to 2013 / between 2008 and 2013 */
      if ((tok_is_ci_n(c, i + 1, "to", 2) || tok_is_ci_n(c, i + 1, "and", 3)) &&
          is_year_tok(c, i + 2) &&
          (tok_is_ci_n(c, i - 1, "from", 4) || tok_is_ci_n(c, i - 1, "between", 7))) {
        int y2 = num_val(c, i + 2);
        if (y2 > y) {
          QFact *f = add_date(c, QD_RANGE, i, i + 3, NULL, y, 0, 0, y2);
          if (f) f->qstart = c->t.v[i - 1].s;
          for (int x = i; x < i + 3; x++) used[x] = 1;
          i += 2;
          continue;
        }
      }
      int a = i;
      int sub = QD_YEAR;
      if (tok_is_ci_n(c, i - 1, "early", 5) || tok_is_ci_n(c, i - 1, "late", 4) ||
          tok_is_ci_n(c, i - 1, "mid", 3) || tok_is_ci_n(c, i - 1, "mid-", 4)) {
        a = i - 1;
        sub = QD_SEASONYEAR;
      }
      QFact *f = add_date(c, sub, a, i + 1, NULL, y, 0, 0, 0);
      if (f && sub == QD_SEASONYEAR) date_qspan(c, f, a);
      used[i] = 1;
      continue;
    }
    /* decades: 1990s */
    if (is_num(c, i) && TL(c, i) == 5 && TS(c, i)[4] == 's' &&
        TS(c, i)[3] == '0') {
      int y = small_int(TS(c, i));
      if (y >= 1000 && y <= 2100) {
        int a = tok_is_ci_n(c, i - 1, "the", 3) ? i - 1 : i;
        add_date(c, QD_DECADE, a, i + 1, NULL, y, 0, 0, 0);
        used[i] = 1;
      }
      continue;
    }
    /* weekdays and other relative dates: only with the article's date */
    int wd = is_word(c, i) ? qlex_weekday(TS(c, i), TL(c, i)) : 0;
    if (wd && doc->day) {
      int y = doc->year, mo = doc->month, dd = doc->day;
      int cur = weekday_of(y, mo, dd);
      int delta;
      if (sentence_future(c))
        delta = (wd - cur + 7) % 7;
      else
        delta = -((cur - wd + 7) % 7);
      add_days(&y, &mo, &dd, delta);
      char *ans = str_printf("%s %d, %d", month_names[mo - 1], dd, y);
      QFact *f = add_date(c, QD_FULL, i, i + 1, ans, y, mo, dd, 0);
      if (f) {
        f->surface = span_dup(c->s, c->t.v[i].s, c->t.v[i].e);
        if (tok_is_ci_n(c, i - 1, "on", 2)) f->qstart = c->t.v[i - 1].s;
      }
      used[i] = 1;
      continue;
    }
    if (doc->year && (tok_is_ci_n(c, i, "last", 4) || tok_is_ci_n(c, i, "next", 4)) &&
        (tok_is_ci_n(c, i + 1, "year", 4) || tok_is_ci_n(c, i + 1, "month", 5))) {
      int y = doc->year, mo = doc->month;
      int sign = tok_is_ci_n(c, i, "last", 4) ? -1 : 1;
      char *ans;
      QFact *f;
      if (tok_is_ci_n(c, i + 1, "year", 4)) {
        y += sign;
        ans = str_printf("%d", y);
        f = add_date(c, QD_YEAR, i, i + 2, ans, y, 0, 0, 0);
      } else {
        mo += sign;
        if (mo < 1) mo = 12, y--;
        if (mo > 12) mo = 1, y++;
        ans = str_printf("%s %d", month_names[mo - 1], y);
        f = add_date(c, QD_MONTHYEAR, i, i + 2, ans, y, mo, 0, 0);
      }
      if (f) f->surface = span_dup(c->s, c->t.v[i].s, c->t.v[i + 1].e);
      used[i] = used[i + 1] = 1;
      i++;
      continue;
    }
  }
}

/* ------------------------------------------------------------------ */
/* Names                                                               */

static int tok_has_hyphen(const Ctx *c, int i) {
  return memchr(TS(c, i), '-', TL(c, i)) != NULL;
}

/* A hyphenated compound of places: "Korea-Japan", "Indo-Pacific". */
static int is_place_compound(const Ctx *c, int i) {
  if (!tok_has_hyphen(c, i)) return 0;
  const char *s = TS(c, i);
  size_t n = TL(c, i);
  const char *h = memchr(s, '-', n);
  size_t a = (size_t)(h - s), b = n - a - 1;
  QLex *lx = c->lx;
  return qlex_is_country(lx, s, a) || qlex_is_nationality(lx, s, a) ||
         qlex_is_country(lx, h + 1, b) || qlex_is_nationality(lx, h + 1, b) ||
         qlex_is_region(c->lx, s, n) || (b > 0 && isupper((unsigned char)h[1]) &&
                                  (qlex_is_region(c->lx, h + 1, b) ||
                                   qlex_is_common(lx, h + 1, b)));
}

static int name_tok_uncached(const Ctx *c, int i);

/* Can token i be part of a personal name?  (cached per token) */
static int name_tok(const Ctx *c, int i) {
  if (!is_cap(c, i)) return 0;
  if (c->nametok[i] == 2) c->nametok[i] = (unsigned char)name_tok_uncached(c, i);
  return c->nametok[i];
}

/* A family name in capitals, as official readouts write it ("YOON Suk
 * Yeol", "KISHIDA Fumio"): all capitals, followed by a mixed-case name
 * word, not a country, and not an ordinary word. */
static int caps_family_name(const Ctx *c, int i) {
  const char *s = TS(c, i);
  size_t n = TL(c, i);
  if (!c->t.v[i].upper || n < 2 || n > 12 || i + 1 >= c->t.n) return 0;
  for (size_t k = 0; k < n; k++)
    if (!isupper((unsigned char)s[k]) && s[k] != '-') return 0;
  const QTok *nx = &c->t.v[i + 1];
  if (nx->k != QT_WORD || !nx->cap || nx->upper) return 0;
  if (tok_class(c, i) & (QLEX_COUNTRY | QLEX_NATION | QLEX_ORG | QLEX_TITLE |
                         QLEX_FUNC))
    return 0;
  if (qlex_is_common(c->lx, s, n)) return 0;
  return 1;
}

static int name_tok_uncached(const Ctx *c, int i) {
  if (!is_cap(c, i)) return 0;
  const char *s = TS(c, i);
  size_t n = TL(c, i);
  QLex *lx = c->lx;
  if (c->t.v[i].upper && n > 1) return caps_family_name(c, i);
  /* one lookup for every list a name word must not be in */
  if (tok_class(c, i) &
      (QLEX_COUNTRY | QLEX_NATION | QLEX_REGION | QLEX_ORG | QLEX_TITLE |
       QLEX_GEO | QLEX_FUNC | QLEX_CALENDAR | QLEX_COMPASS))
    return 0;
  for (size_t k = 0; k < n; k++)
    if (s[k] == '.' || (s[k] >= '0' && s[k] <= '9')) return 0;
  if (memchr(s, '-', n)) {
    if (is_place_compound(c, i)) return 0;
  } else if (qlex_is_region(lx, s, n)) {
    return 0;
  }
  /* plural demonyms: "Koreans", "Americans" */
  if (n > 3 && s[n - 1] == 's' && qlex_is_nationality(lx, s, n - 1)) return 0;
  return 1;
}

/* Is the word "strong" evidence of a name (not an ordinary word)? */
static int namey(const Ctx *c, int i) {
  const char *s = TS(c, i);
  size_t n = TL(c, i);
  if (tok_has_hyphen(c, i)) return 1; /* Suk-yeol, Jae-in */
  return !qlex_is_common(c->lx, s, n);
}


static int is_nation_word(const Ctx *c, int i) {
  if (!is_cap(c, i)) return 0;
  const char *s = TS(c, i);
  size_t n = TL(c, i);
  if (qlex_is_nationality(c->lx, s, n)) return 1;
  if ((tok_is_n(c, i, "South", 5) || tok_is_n(c, i, "North", 5) ||
       tok_is_n(c, i, "East", 4) || tok_is_n(c, i, "West", 4)) &&
      is_cap(c, i + 1) && qlex_is_nationality(c->lx, TS(c, i + 1), TL(c, i + 1)))
    return 1;
  return 0;
}

/* Role before a name: scans back from `a` (first name token) over title
 * words and nationality adjectives.  Returns the first token of the role
 * (== a when none) and sets *has_head. */
static int role_before(const Ctx *c, int a, int *has_head) {
  int r = a;
  *has_head = 0;
  int j = a - 1;
  while (j >= 0) {
    if (is_word(c, j) && (tok_class(c, j) & QLEX_TITLE)) {
      *has_head = 1;
      r = j;
    } else if (is_word(c, j) && (tok_class(c, j) & QLEX_MOD) &&
               *has_head) {
      r = j;
    } else if (is_nation_word(c, j) && *has_head) {
      r = j;
    } else if (tok_is_ci_n(c, j, "then", 4) || (is_word(c, j) && tok_is_ci_n(c, j, "then-", 5))) {
      if (*has_head) r = j;
    } else if (is_word(c, j) && !c->t.v[j].cap && *has_head &&
               (tok_is_ci_n(c, j, "former", 6) || tok_is_ci_n(c, j, "new", 3) ||
                tok_is_ci_n(c, j, "deputy", 6) || tok_is_ci_n(c, j, "acting", 6))) {
      r = j;
    } else if (is_word(c, j) && !*has_head && (tok_is_ci_n(c, j, "Mr.", 3) ||
                                               (tok_class(c, j) & QLEX_HON))) {
      r = j;
    } else {
      break;
    }
    j--;
  }
  /* a role must end right before the name and contain a title head */
  return *has_head ? r : a;
}

/* Appositive after a name: ", a scholar ... at X," -> token range. */
static int appositive_after(const Ctx *c, int b, int *ra, int *rb) {
  int i = b;
  /* skip caption directions ", right," */
  while (tok_is_n(c, i, ",", 1) &&
         (tok_is_ci_n(c, i + 1, "right", 5) || tok_is_ci_n(c, i + 1, "left", 4) ||
          tok_is_ci_n(c, i + 1, "centre", 6) || tok_is_ci_n(c, i + 1, "center", 6) ||
          tok_is_ci_n(c, i + 1, "second", 6) || tok_is_ci_n(c, i + 1, "top", 3) ||
          tok_is_ci_n(c, i + 1, "above", 5)) &&
         (tok_is_n(c, i + 2, ",", 1) || i + 2 >= c->t.n))
    i += 2;
  if (!tok_is_n(c, i, ",", 1)) return 0;
  int s = i + 1;
  int ok = 0;
  if (tok_is_ci_n(c, s, "a", 1) || tok_is_ci_n(c, s, "an", 2) || tok_is_ci_n(c, s, "the", 3) ||
      tok_is_ci_n(c, s, "former", 6))
    ok = 1;
  if (is_word(c, s) && (tok_class(c, s) & QLEX_TITLE)) ok = 1;
  for (int k = s; !ok && k < s + 4 && k < c->t.n && is_word(c, k); k++)
    if ((tok_class(c, k) & QLEX_TITLE) && !c->t.v[k].cap) ok = 1;
  if (is_cap(c, s) && s + 1 < c->t.n && c->t.v[s + 1].k == TPOSS &&
      is_word(c, s + 2) && !c->t.v[s + 2].cap)
    ok = 1; /* "Yoon's leftwing predecessor" */
  if (!ok) return 0;
  int e = s;
  int words = 0;
  while (e < c->t.n && !tok_is_n(c, e, ",", 1) && !tok_is_n(c, e, ".", 1) &&
         !tok_is_n(c, e, ";", 1) && !is_dash(c, e) && !tok_is_n(c, e, "(", 1) &&
         !tok_is_n(c, e, "\xE2\x80\x9C", 3) && !tok_is_n(c, e, "\"", 1)) {
    if (is_word(c, e)) words++;
    /* a verb-like word ends a non-restrictive appositive: "who", "said" */
    if (tok_is_ci_n(c, e, "who", 3) || tok_is_ci_n(c, e, "which", 5) ||
        tok_is_ci_n(c, e, "said", 4) || tok_is_ci_n(c, e, "says", 4) ||
        tok_is_ci_n(c, e, "noting", 6) || tok_is_ci_n(c, e, "wrote", 5) ||
        tok_is_ci_n(c, e, "known", 5) || tok_is_ci_n(c, e, "promised", 8) ||
        tok_is_ci_n(c, e, "has", 3) || tok_is_ci_n(c, e, "have", 4) ||
        tok_is_ci_n(c, e, "is", 2) || tok_is_ci_n(c, e, "was", 3))
      break;
    e++;
  }
  if (words < 2 || words > 18) return 0;
  *ra = s;
  *rb = e;
  return 1;
}

static int is_speech_verb(const Ctx *c, int i) {
  static const char *const v[] = {"said", "says", "wrote", "writes", "told",
                                  "added", "noted", "stressed", "argued",
                                  "explained", "declared", "insisted",
                                  "warned", "tweeted", "asked", NULL};
  return is_word(c, i) && tok_in(c, i, v);
}

static int sentence_has_quote(const Ctx *c) {
  return strstr(c->s, "\xE2\x80\x9C") || strstr(c->s, "\xE2\x80\x9D") ||
         strchr(c->s, '"');
}

/* Is the token range [a,b) at the start of a clause? */
static int clause_start(const Ctx *c, int a) {
  int j = a - 1;
  while (j >= 0 && (tok_is_n(c, j, "\xE2\x80\x9C", 3) || tok_is_n(c, j, "\"", 1) ||
                    tok_is_n(c, j, "(", 1)))
    j--;
  if (j < 0) return 1;
  if (tok_is_n(c, j, ",", 1) || tok_is_n(c, j, ";", 1) || tok_is_n(c, j, ":", 1) ||
      is_dash(c, j))
    return 1;
  static const char *const sub[] = {"and", "but", "when", "after", "before",
                                    "while", "as", "because", "since",
                                    "although", "though", "that", "until",
                                    "if", "where", NULL};
  return tok_in(c, j, sub);
}

/* The next token after a mention looks like a finite verb. */
static int verb_follows(const Ctx *c, int i) {
  if (!is_word(c, i) || c->t.v[i].cap) return 0;
  static const char *const not_verbs[] = {
      "and", "or", "of", "in", "on", "at", "to", "for", "with", "from", "by",
      "the", "a", "an", "as", "who", "which", "that", "whose", "but", NULL};
  return !tok_in(c, i, not_verbs);
}

static int find_person_role(Ctx *c, int a, int b, int *ra, int *rb,
                            int *role_before_tok) {
  int has_head = 0;
  int r = role_before(c, a, &has_head);
  *role_before_tok = r;
  if (has_head) {
    *ra = r;
    *rb = a;
    return 1;
  }
  return appositive_after(c, b, ra, rb);
}

static char *role_text(const Ctx *c, int ra, int rb) {
  if (ra >= rb) return NULL;
  return span_dup(c->s, c->t.v[ra].s, c->t.v[rb - 1].e);
}

static void add_pending(Ctx *c, int ti, int subject, int speaker, int qs,
                        int qe) {
  if (c->n_pend == c->cap_pend) {
    int nc = c->cap_pend ? c->cap_pend * 2 : 64;
    Pending *np = realloc(c->pend, (size_t)nc * sizeof *np);
    if (!np) {
      c->oom = 1;
      return;
    }
    c->pend = np;
    c->cap_pend = nc;
  }
  Pending *p = &c->pend[c->n_pend++];
  p->sent = c->si;
  p->ti = ti;
  p->subject = subject;
  p->speaker = speaker;
  p->qs = qs;
  p->qe = qe;
}

static int speaker_of(const Ctx *c, int a, int b) {
  if (!sentence_has_quote(c)) {
    if (!(is_speech_verb(c, a - 1) || is_speech_verb(c, b) ||
          (tok_is_ci_n(c, a - 1, "to", 2) && tok_is_ci_n(c, a - 2, "according", 9))))
      return 0;
    return 1;
  }
  if (is_speech_verb(c, a - 1) || is_speech_verb(c, b)) return 1;
  int ra, rb;
  if (appositive_after(c, b, &ra, &rb) && is_speech_verb(c, rb + 1)) return 1;
  return 0;
}

/* Head nouns of facilities and sites: a name right before one ("the
 * Hanbit nuclear power plant", "the Hilton hotel") names the place, not a
 * person. */
static const char *const facility_heads[] = {
    "plant", "plants", "station", "reactor", "reactors", "retreat",
    "palace", "hall", "hotel", "base", "port", "airport", "airfield",
    "stadium", "park", "bridge", "house", "shrine", "temple", "island",
    "islands", "strait", "factory", "facility", "complex", "mine", "dam",
    "canal", "terminal", "harbor", "harbour", "resort", "arena", "museum",
    "memorial", "cemetery", "embassy", "tower", "castle", "campus",
    "compound", "refinery", "shipyard", "plaza", "square", "monument",
    "cathedral", "church", "mosque", NULL};

static int is_facility_head(const Ctx *c, int i) {
  return is_word(c, i) && !c->t.v[i].upper && tok_in(c, i, facility_heads);
}

/* Is the name [a,b) the name of a facility?  True when a facility head
 * follows, directly or after at most two lowercase modifiers ("nuclear
 * power plant"), or when the name itself ends in a capitalised head after
 * "the" ("the Grand Hyatt Hotel"). */
static int names_facility(const Ctx *c, int a, int b) {
  int j = b;
  for (int k = 0; k < 3 && j < c->t.n; k++, j++) {
    if (is_facility_head(c, j)) return 1;
    if (!is_word(c, j) || c->t.v[j].cap || (tok_class(c, j) & QLEX_FUNC))
      break;
    /* a verb is not a modifier: "Lee Min-ho said", "Sato visits" */
    size_t n = TL(c, j);
    const char *w = TS(c, j);
    if (n > 2 && (!strncmp(w + n - 2, "ed", 2) || w[n - 1] == 's')) break;
    if (tok_is_ci_n(c, j, "said", 4) || tok_is_ci_n(c, j, "met", 3) ||
        tok_is_ci_n(c, j, "told", 4) || tok_is_ci_n(c, j, "will", 4))
      break;
  }
  return b - a >= 2 && a > 0 && tok_is_ci_n(c, a - 1, "the", 3) &&
         is_facility_head(c, b - 1);
}

static void find_people(Ctx *c, unsigned char *used) {
  for (int i = 0; i < c->t.n && !c->oom; i++) {
    if (used[i] || !name_tok(c, i)) continue;
    int b = i;
    while (b < c->t.n && !used[b] && name_tok(c, b) && b - i < 5) b++;
    /* a trailing organisation word makes this an organisation */
    if (b < c->t.n && is_cap(c, b) && (tok_class(c, b) & QLEX_ORG))
      {
        i = b;
        continue;
      }
    if (names_facility(c, i, b)) {
      i = b - 1;
      continue;
    }
    int n = b - i;
    int strong = 0;
    for (int k = i; k < b; k++) strong += namey(c, k);
    int ra = 0, rb = 0, rbt = i;
    int has_role = find_person_role(c, i, b, &ra, &rb, &rbt);
    int subject = clause_start(c, rbt) &&
                  (verb_follows(c, b) || (tok_is_n(c, b, ",", 1) && has_role));
    int speaker = speaker_of(c, i, b);
    if (n >= 2 && n <= 4 && strong >= 1) {
      char *ans = span_dup(c->s, c->t.v[i].s, c->t.v[b - 1].e);
      int caps = 0;
      for (int k = i; k < b; k++) caps |= c->t.v[k].upper;
      if (ans && caps) {
        /* "YOON Suk Yeol" -> "Yoon Suk Yeol" */
        for (int k = i; k < b; k++) {
          if (!c->t.v[k].upper) continue;
          for (int m = c->t.v[k].s + 1; m < c->t.v[k].e; m++)
            ans[m - c->t.v[i].s] = (char)tolower((unsigned char)ans[m - c->t.v[i].s]);
        }
      }
      QFact *f = ans ? add_fact(c, QF_PERSON, 0, i, b, ans, NULL) : NULL;
      if (f && caps) {
        f->surface = span_dup(c->s, c->t.v[i].s, c->t.v[b - 1].e);
      }
      if (f) {
        f->role = role_text(c, ra, rb);
        f->qstart = c->t.v[rbt].s;
        f->subject = subject;
        f->speaker = speaker;
      }
      for (int k = i; k < b; k++) used[k] = 1;
      i = b - 1;
      continue;
    }
    if (n == 1) add_pending(c, i, subject, speaker, c->t.v[rbt].s, c->t.v[i].e);
    i = b - 1;
  }
}

/* Links one-word mentions ("Kishida", "Yoon") to a full name of the same
 * article when exactly one person has that family or given name. */
typedef struct NameWord {
  const char *w; /* first or last word of a full name (points into answer) */
  size_t n;
  int fact;      /* index of the fact */
} NameWord;

static int nameword_cmp(const void *a, const void *b) {
  const NameWord *x = a, *y = b;
  size_t n = x->n < y->n ? x->n : y->n;
  int c = memcmp(x->w, y->w, n);
  if (c) return c;
  return x->n < y->n ? -1 : x->n > y->n;
}

/* Links one-word mentions ("Kishida", "Yoon") to a full name of the same
 * article when exactly one person has that family or given name. */
static void link_pending(Ctx *c) {
  Toks saved = c->t;
  NameWord *words = NULL;
  int nw = 0;
  if (c->n_pend == 0) return;
  words = malloc(((size_t)(c->out->n - c->first_fact) * 2 + 1) * sizeof *words);
  if (!words) {
    c->oom = 1;
    return;
  }
  for (int k = c->first_fact; k < c->out->n; k++) {
    const QFact *f = &c->out->v[k];
    if (f->type != QF_PERSON || !f->full) continue;
    const char *a = f->answer;
    const char *sp = strchr(a, ' ');
    const char *last = strrchr(a, ' ');
    if (!sp || !last) continue;
    words[nw++] = (NameWord){a, (size_t)(sp - a), k};
    words[nw++] = (NameWord){last + 1, strlen(last + 1), k};
  }
  if (nw > 1) qsort(words, (size_t)nw, sizeof *words, nameword_cmp);
  for (int p = 0; p < c->n_pend && !c->oom && nw > 0; p++) {
    Pending *pd = &c->pend[p];
    const char *sent = c->doc->sent[pd->sent].text;
    /* the extractor kept every sentence's tokens */
    c->t = c->out->sent_toks[pd->sent];
    if ((p == 0 || c->pend[p - 1].sent != pd->sent) && cls_reset(c) < 0) {
      c->oom = 1;
      break;
    }
    c->s = sent;
    c->si = pd->sent;
    NameWord key = {TS(c, pd->ti), TL(c, pd->ti), -1};
    /* the first entry with this word, then all equal ones */
    int lo = 0, hi = nw;
    while (lo < hi) {
      int mid = (lo + hi) / 2;
      if (nameword_cmp(&words[mid], &key) < 0) lo = mid + 1;
      else hi = mid;
    }
    int match = -1, distinct = 0;
    for (int k = lo; k < nw && nameword_cmp(&words[k], &key) == 0; k++) {
      const QFact *f = &c->out->v[words[k].fact];
      if (match < 0) {
        match = words[k].fact;
        distinct = 1;
      } else if (strcmp(c->out->v[match].key, f->key) != 0) {
        distinct++;
      }
    }
    if (match < 0 || distinct != 1) continue;
    const QFact *src = &c->out->v[match];
    char *ans = strdup(src->answer);
    char *role = src->role ? strdup(src->role) : NULL;
    QFact *f = add_fact(c, QF_PERSON, 0, pd->ti, pd->ti + 1, ans, NULL);
    if (!f) {
      free(role);
      continue;
    }
    /* add_fact may have moved the array: the words point into answers,
     * which did not move */
    f->role = role;
    f->full = 0;
    f->surface = span_dup(sent, c->t.v[pd->ti].s, c->t.v[pd->ti].e);
    f->subject = pd->subject;
    f->speaker = pd->speaker;
    f->qstart = pd->qs;
    f->qend = pd->qe;
  }
  free(words);
  c->t = saved;
}

/* ------------------------------------------------------------------ */
/* Places and organisations                                            */

/* "in", "at", "near", "outside", "to", "from", "of", "visit..", "tour..":
 * a place may follow (checked for every token, so no lookup) */
static int is_trigger_word(const Ctx *c, int i) {
  if (c->t.v[i].k != QT_WORD) return 0;
  const char *w = TS(c, i);
  size_t n = TL(c, i);
  int a = w[0] | 0x20, b = n > 1 ? (w[1] | 0x20) : 0;
  switch (n) {
  case 2:
    return (a == 'i' && b == 'n') || (a == 'a' && b == 't') ||
           (a == 't' && b == 'o') || (a == 'o' && b == 'f');
  case 4:
    return !strncasecmp(w, "near", 4) || !strncasecmp(w, "from", 4) ||
           !strncasecmp(w, "tour", 4);
  case 5:
    return !strncasecmp(w, "visit", 5);
  case 6:
    return !strncasecmp(w, "visits", 6) || !strncasecmp(w, "toured", 6);
  case 7:
    return !strncasecmp(w, "visited", 7) || !strncasecmp(w, "outside", 7);
  case 8:
    return !strncasecmp(w, "visiting", 8);
  default:
    return 0;
  }
}

static int is_venue_word(const Ctx *c, int i) {
  return is_word(c, i) && (tok_class(c, i) & QLEX_VENUE);
}

/* An event word in the few tokens before `i` (same clause). */
static int event_before(const Ctx *c, int i, int window) {
  for (int j = i - 1; j >= 0 && j >= i - window; j--) {
    if (tok_is_n(c, j, ",", 1)) {
      /* an appositive name between commas belongs to the clause: "met
       * her counterpart, Jane Roe, in Lyon" */
      int k = j - 1;
      while (k >= 0 && is_cap(c, k) && j - k <= 4) k--;
      if (k < j - 1 && tok_is_n(c, k, ",", 1)) {
        window += j - k + 1;
        j = k;
        continue;
      }
      break;
    }
    if (tok_is_n(c, j, ";", 1) || tok_is_n(c, j, ".", 1)) break;
    if (is_word(c, j) && (tok_class(c, j) & QLEX_EVENT)) return 1;
  }
  return 0;
}

/* End of a capitalised run from a (allowing "of"/"on"/"for"/"the"/"and"
 * between capitals, and a possessive before a capital). */
static int cap_run(const Ctx *c, int a, int allow_links) {
  int b = a;
  while (b < c->t.n) {
    if (is_cap(c, b) || (is_num(c, b) && b > a)) {
      b++;
      continue;
    }
    if (b > a && c->t.v[b].k == TPOSS && is_cap(c, b + 1)) {
      b++;
      continue;
    }
    if (allow_links && b > a &&
        (tok_is_n(c, b, "of", 2) || tok_is_n(c, b, "on", 2) || tok_is_n(c, b, "for", 3)) &&
        (is_cap(c, b + 1) || (tok_is_n(c, b + 1, "the", 3) && is_cap(c, b + 2)))) {
      b += tok_is_n(c, b + 1, "the", 3) ? 2 : 1;
      continue;
    }
    break;
  }
  return b;
}

static int run_has_org_head(const Ctx *c, int a, int b) {
  for (int k = a; k < b; k++)
    if (is_cap(c, k) && (tok_class(c, k) & QLEX_ORG)) return 1;
  return 0;
}

static char *place_role(Ctx *c, int sub, const char *country) {
  switch (sub) {
  case QP_CITY:
    return country && *country ? str_printf("city in %s", country)
                               : strdup("city");
  case QP_COUNTRY:
    return strdup("country");
  case QP_REGION:
    return strdup("region");
  default:
    (void)c;
    return strdup("venue");
  }
}

static QFact *add_place(Ctx *c, int sub, int a, int b, int trig,
                        const char *country) {
  QFact *f = add_fact(c, QF_PLACE, sub, a, b, NULL, NULL);
  if (!f) return NULL;
  f->role = place_role(c, sub, country);
  if (trig >= 0 && trig < a) f->qstart = c->t.v[trig].s;
  return f;
}

/* Classifies the capitalised run [a,b) as a place; returns sub or 0. */
static int classify_place(Ctx *c, int a, int b, const char **country) {
  const char *s = TS(c, a);
  size_t n = (size_t)(c->t.v[b - 1].e - c->t.v[a].s);
  *country = NULL;
  if (qlex_is_region(c->lx, s, n)) return QP_REGION;
  if (qlex_is_country(c->lx, s, n)) return QP_COUNTRY;
  unsigned pop = 0;
  if (qlex_city(c->lx, s, n, &pop, country) && pop >= 20000) return QP_CITY;
  if (b - a >= 2 && is_cap(c, b - 1) &&
      (tok_class(c, b - 1) & QLEX_GEO))
    return QP_REGION;
  return 0;
}

static const char *const venue_caps[] = {
    "Office", "House", "Palace", "Hall", "Hotel", "Memorial", "Guesthouse",
    "Museum", "Building", "Station", "Airport", "Square", "Shrine", "Temple",
    "Stadium", "Residence", "Embassy", "Cemetery", "Park", "Plaza", "Tower",
    "Castle", "Base", NULL};

static void find_places(Ctx *c, unsigned char *used) {
  static const char *const visit[] = {"visit", "visits", "visited",
                                      "visiting", "toured", "tour", NULL};
  static const char *const motion[] = {"went", "go", "goes", "going",
                                       "travel", "traveled", "travelled",
                                       "traveling", "travelling", "trip",
                                       "trips", "visit", "flew", "fly",
                                       "flying", "arrived", "returned",
                                       "return", "came", "come", "moved",
                                       "headed", "journey", "invited", NULL};
  static const char *const ofev[] = {"bombing", "occupation", "invasion",
                                     "annexation", "liberation", "siege",
                                     "battle", "capture", "fall", NULL};
  for (int i = 0; i < c->t.n && !c->oom; i++) {
    if (!is_trigger_word(c, i)) continue;
    int trig = -1, start = -1, need_event = 1, at = 0;
    if (tok_is_ci_n(c, i, "in", 2) || tok_is_ci_n(c, i, "at", 2) ||
        tok_is_ci_n(c, i, "near", 4) || tok_is_ci_n(c, i, "outside", 7)) {
      trig = i;
      start = i + 1;
      at = tok_is_ci_n(c, i, "at", 2);
    } else if (tok_is_ci_n(c, i, "to", 2) && i > 0 && tok_in(c, i - 1, motion)) {
      trig = i;
      start = i + 1;
      need_event = 0;
    } else if (tok_is_ci_n(c, i, "from", 4) && i > 0 &&
               (tok_is_ci_n(c, i - 1, "reported", 8) ||
                tok_is_ci_n(c, i - 1, "reporting", 9))) {
      trig = i;
      start = i + 1;
      need_event = 0;
    } else if (tok_in(c, i, visit) && !tok_is_ci_n(c, i + 1, "to", 2)) {
      trig = -1;
      start = i + 1;
      need_event = 0;
    } else if (tok_is_ci_n(c, i, "of", 2) && i > 0 && tok_in(c, i - 1, ofev)) {
      trig = i;
      start = i + 1;
      need_event = 0;
    } else {
      continue;
    }
    int a = start;
    int det = 0;
    if (tok_is_ci_n(c, a, "the", 3) || tok_is_ci_n(c, a, "a", 1) || tok_is_ci_n(c, a, "an", 2)) {
      a++;
      det = 1;
    }
    if (a >= c->t.n || used[a]) continue;
    int ev = !need_event || event_before(c, trig >= 0 ? trig : i, 8);
    if (is_cap(c, a)) {
      int b = cap_run(c, a, 0);
      /* a lowercase venue after a name: "a Hiroshima memorial" */
      if (det && is_venue_word(c, b) && !c->t.v[b].cap && b - a == 1 &&
          (at || !need_event || ev)) {
        QFact *f = add_place(c, QP_VENUE, a, b + 1, trig, NULL);
        (void)f;
        for (int k = a; k <= b; k++) used[k] = 1;
        continue;
      }
      int last = b - 1;
      if (b - a >= 2 && tok_in(c, last, venue_caps) && (at || ev)) {
        /* "the Japanese Prime Minister's Office in Tokyo" */
        int after_in = tok_is_ci_n(c, b, "in", 2) && is_cap(c, b + 1);
        if (at || after_in) {
          add_place(c, QP_VENUE, a, b, trig, NULL);
          for (int k = a; k < b; k++) used[k] = 1;
          continue;
        }
      }
      if (run_has_org_head(c, a, b)) continue;
      /* "hosted the leaders at Camp David": a named venue after "at" */
      if (at && b - a >= 2 && b - a <= 4 &&
          !(b < c->t.n && c->t.v[b].k == TPOSS)) {
        const char *country = NULL;
        if (!classify_place(c, a, b, &country)) {
          int names = 1;
          for (int k = a; k < b; k++)
            if (!is_cap(c, k) || c->t.v[k].upper ||
                (tok_class(c, k) & (QLEX_TITLE | QLEX_FUNC | QLEX_CALENDAR)))
              names = 0;
          if (names) {
            add_place(c, QP_VENUE, a, b, trig, NULL);
            for (int k = a; k < b; k++) used[k] = 1;
            continue;
          }
        }
      }
      /* try the longest prefix that is a known place */
      for (int e = b; e > a; e--) {
        const char *country = NULL;
        int sub = classify_place(c, a, e, &country);
        if (!sub) continue;
        if (sub != QP_CITY && !ev) break;
        if (sub == QP_CITY && !ev) break;
        /* not an actor: "Tokyo protested" has no trigger, so fine here;
         * but "in Japan's interest" is not a place of an event */
        if (e < c->t.n && c->t.v[e].k == TPOSS) break;
        if (e < c->t.n && tok_has_hyphen(c, a)) break;
        add_place(c, sub, a, e, trig, country);
        for (int k = a; k < e; k++) used[k] = 1;
        break;
      }
      continue;
    }
    /* "the presidential office in Seoul": lowercase words then a venue */
    if (det && (at || !need_event)) {
      int b = a;
      while (b < c->t.n && b - a < 3 && is_word(c, b) && !c->t.v[b].cap &&
             !is_venue_word(c, b) && !(tok_class(c, b) & QLEX_FUNC))
        b++;
      if (b > a && is_venue_word(c, b) && !c->t.v[b].cap &&
          !tok_is_n(c, b + 1, "of", 2)) {
        add_place(c, QP_VENUE, a, b + 1, trig, NULL);
        for (int k = a; k <= b; k++) used[k] = 1;
      }
    }
  }
}

static int is_acronym(const Ctx *c, int i) {
  if (!is_word(c, i)) return 0;
  const char *s = TS(c, i);
  size_t n = TL(c, i);
  if (n < 2 || n > 8) return 0;
  int upper = 0, digit = 0;
  for (size_t k = 0; k < n; k++) {
    unsigned char ch = (unsigned char)s[k];
    if (isupper(ch)) upper++;
    else if (isdigit(ch)) digit++;
    else if (ch != '-') return 0;
  }
  if (upper < 1 || (upper < 2 && !digit)) return 0;
  if (qlex_is_country(c->lx, s, n) || qlex_is_nationality(c->lx, s, n))
    return 0;
  static const char *const not_orgs[] = {"PM", "CEO", "TV", "OK", "AM", "II",
                                         "III", "IV", "AI", "GDP", "DC", "US",
                                         "UK", "EST", "GMT", "UTC", "PDF",
                                         "HTML", "URL", "AFP", "RSVP", NULL};
  if (tok_in(c, i, not_orgs)) return 0;
  /* an ordinary word in capitals ("NAME", "ERROR") or a name written in
   * capitals ("SEOUL" in a dateline) is not an acronym */
  if (!digit && (qlex_is_common(c->lx, s, n) ||
                 (n >= 4 && qlex_is_proper(c->lx, s, n))))
    return 0;
  return 1;
}

static void find_orgs(Ctx *c, unsigned char *used) {
  for (int i = 0; i < c->t.n && !c->oom; i++) {
    if (used[i]) continue;
    if (is_acronym(c, i)) {
      /* skip acronyms that open an all-caps line ("SEOUL") */
      if (TL(c, i) >= 5 && c->t.v[i].upper && i + 1 < c->t.n &&
          is_word(c, i + 1) && c->t.v[i + 1].upper)
        continue;
      /* "the intelligence-sharing pact, known as GSOMIA": an agreement */
      int agreement = 0;
      static const char *const pacts[] = {"pact", "treaty", "agreement",
                                          "accord", "deal", "convention",
                                          NULL};
      for (int k = i - 1; k >= 0 && k >= i - 8; k--)
        if (tok_in(c, k, pacts)) agreement = 1;
      add_fact(c, QF_ORG, agreement ? QO_AGREEMENT : 0, i, i + 1, NULL, NULL);
      used[i] = 1;
      continue;
    }
    if (!is_cap(c, i)) continue;
    int b = cap_run(c, i, 1);
    /* drop leading function words and nationality adjectives */
    int a = i;
    for (int again = 1; again;) {
      again = 0;
      while (a < b && is_word(c, a) && (tok_class(c, a) & QLEX_FUNC) &&
             !(tok_is_n(c, a, "New", 3) && is_cap(c, a + 1))) {
        a++;
        again = 1;
      }
      for (int k = a; k < b && k < a + 4; k++) {
        if (c->t.v[k].k == TPOSS) {
          if (qlex_is_country(c->lx, TS(c, a),
                              (size_t)(c->t.v[k - 1].e - c->t.v[a].s))) {
            a = k + 1;
            again = 1;
          }
          break;
        }
      }
    }
    /* lowercase head right after: "Liberal Democratic party" */
    int e = b;
    if (is_word(c, e) && !c->t.v[e].cap && b - a >= 2 &&
        tok_is_n(c, e, "party", 5))
      e++;
    int org = 0;
    for (int k = a; k < e; k++) {
      if (used[k]) org = -1;
      if (org >= 0 && is_word(c, k) && (tok_class(c, k) & QLEX_ORG))
        org = 1;
    }
    /* a capitalised name followed by "summit": a named group or event */
    if (org == 0 && b - a == 1 && (tok_is_n(c, b, "summit", 6) ||
                                   tok_is_n(c, b, "summits", 7)) &&
        !qlex_is_country(c->lx, TS(c, a), TL(c, a)))
      org = 1;
    if (org == 1 && a < e) {
      /* the run must not be only a head word ("Council") */
      int heads_only = 1;
      for (int k = a; k < e; k++)
        if (!(tok_class(c, k) & QLEX_ORG) &&
            !tok_is_n(c, k, "of", 2) && !tok_is_n(c, k, "the", 3))
          heads_only = 0;
      if (!heads_only || e - a >= 2) {
        QFact *f = add_fact(c, QF_ORG, 0, a, e, NULL, NULL);
        (void)f;
        for (int k = a; k < e; k++) used[k] = 1;
      }
    }
    i = b > i ? b - 1 : i;
  }
}

/* ------------------------------------------------------------------ */
/* Figures                                                             */

static double tok_number(const Ctx *c, int i) {
  if (is_num(c, i)) {
    char buf[32];
    size_t n = TL(c, i), o = 0;
    for (size_t k = 0; k < n && o + 1 < sizeof buf; k++)
      if (TS(c, i)[k] != ',') buf[o++] = TS(c, i)[k];
    buf[o] = 0;
    return atof(buf);
  }
  if (is_word(c, i) && !c->t.v[i].cap && TL(c, i) <= 9)
    return qlex_number_word(TS(c, i), TL(c, i));
  return -1;
}

static void find_numbers(Ctx *c, unsigned char *used) {
  static const char *const units[] = {"years", "months", "weeks", "days",
                                      "decades", "hours", "year", "month",
                                      "week", "day", NULL};
  for (int i = 0; i < c->t.n && !c->oom; i++) {
    if (used[i]) continue;
    /* durations: "in five years", "five-year term", "three-day gathering" */
    if (is_word(c, i) && tok_has_hyphen(c, i)) {
      const char *s = TS(c, i);
      const char *h = memchr(s, '-', TL(c, i));
      int nv = qlex_number_word(s, (size_t)(h - s));
      size_t rest = TL(c, i) - (size_t)(h - s) - 1;
      if (nv > 0 && (rest == 3 || rest == 4 || rest == 5) &&
          (!strncmp(h + 1, "year", 4) || !strncmp(h + 1, "day", 3) ||
           !strncmp(h + 1, "month", 5) || !strncmp(h + 1, "week", 4)) &&
          is_word(c, i + 1)) {
        QFact *f = add_fact(c, QF_NUMBER, QN_DURATION, i, i + 1, NULL, NULL);
        if (f) {
          f->value = nv;
          f->role = span_dup(c->s, c->t.v[i + 1].s, c->t.v[i + 1].e);
        }
        used[i] = 1;
      }
      continue;
    }
    /* number words only count before a unit: "five years" */
    if (!is_num(c, i)) {
      /* cheap test first: the next word must start like a unit */
      if (i + 1 >= c->t.n || !strchr("ymwdhYMWDH", *TS(c, i + 1)) ||
          !tok_in(c, i + 1, units) || !(tok_class(c, i) & QLEX_NUMWORD))
        continue;
    }
    double v = tok_number(c, i);
    if (v < 0) continue;
    /* percentages */
    if (is_num(c, i) && (tok_is_n(c, i + 1, "%", 1) ||
                         (tok_is_ci_n(c, i + 1, "per", 3) && tok_is_ci_n(c, i + 2, "cent", 4)) ||
                         tok_is_ci_n(c, i + 1, "percent", 7))) {
      int b = tok_is_n(c, i + 1, "%", 1) || tok_is_ci_n(c, i + 1, "percent", 7) ? i + 2 : i + 3;
      QFact *f = add_fact(c, QF_NUMBER, QN_PERCENT, i, b, NULL, NULL);
      if (f) {
        f->value = v;
        /* what it measures: "of South Koreans", "approval rating" */
        int m = b;
        if (tok_is_ci_n(c, m, "of", 2)) {
          int e = m + 1;
          while (e < c->t.n && is_word(c, e) && e - m < 4) e++;
          if (e > m + 1) f->role = span_dup(c->s, c->t.v[m + 1].s, c->t.v[e - 1].e);
        }
      }
      for (int k = i; k < b; k++) used[k] = 1;
      continue;
    }
    /* counts with a comma or >= 100 followed by a plural noun */
    /* money: "$780 billion", "$5m" */
    if (is_num(c, i) && i > 0 && (tok_is_n(c, i - 1, "$", 1) ||
                                 tok_is_n(c, i - 1, "\xC2\xA3", 2) ||
                                 tok_is_n(c, i - 1, "\xE2\x82\xAC", 3))) {
      int b = i + 1;
      static const char *const scale[] = {"million", "billion", "trillion",
                                          NULL};
      if (tok_in(c, b, scale)) b++;
      QFact *f = add_fact(c, QF_NUMBER, QN_COUNT, i - 1, b, NULL, NULL);
      if (f) {
        f->value = v;
        f->role = strdup("amount of money");
      }
      for (int k = i; k < b; k++) used[k] = 1;
      i = b - 1;
      continue;
    }
    if (is_num(c, i) && (v >= 100 || memchr(TS(c, i), ',', TL(c, i))) &&
        !is_year_tok(c, i) && is_word(c, i + 1)) {
      int a = i;
      if (tok_is_ci_n(c, i - 1, "than", 4) && tok_is_ci_n(c, i - 2, "more", 4)) a = i;
      QFact *f = add_fact(c, QF_NUMBER, QN_COUNT, a, i + 1, NULL, NULL);
      if (f) {
        f->value = v;
        f->role = span_dup(c->s, c->t.v[i + 1].s, c->t.v[i + 1].e);
      }
      used[i] = 1;
      continue;
    }
    if (v >= 1 && tok_in(c, i + 1, units) &&
        (tok_is_ci_n(c, i - 1, "in", 2) || tok_is_ci_n(c, i - 1, "than", 4) ||
         tok_is_ci_n(c, i - 1, "for", 3) || tok_is_ci_n(c, i - 1, "after", 5) ||
         tok_is_ci_n(c, i - 1, "only", 4) || tok_is_ci_n(c, i - 1, "within", 6))) {
      int b = i + 2;
      int a = i;
      if (tok_is_ci_n(c, i - 1, "than", 4) && (tok_is_ci_n(c, i - 2, "less", 4) ||
                                          tok_is_ci_n(c, i - 2, "more", 4)))
        a = i - 2;
      QFact *f = add_fact(c, QF_NUMBER, QN_DURATION, a, b, NULL, NULL);
      if (f) f->value = v;
      for (int k = i; k < b; k++) used[k] = 1;
      i = b - 1;
    }
  }
}

/* ------------------------------------------------------------------ */

int extract_doc(QLex *lx, const QDoc *doc, int doc_index, QFacts *out) {
  Ctx c;
  memset(&c, 0, sizeof c);
  c.lx = lx;
  c.doc = doc;
  c.doc_index = doc_index;
  c.out = out;
  c.first_fact = out->n;
  unsigned char *used = NULL;
  size_t used_cap = 0;
  sent_toks_free(out);
  out->toks_doc = doc_index;
  if (doc->n_sent > 0) {
    out->sent_toks = calloc((size_t)doc->n_sent, sizeof *out->sent_toks);
    if (!out->sent_toks) c.oom = 1;
  }
  for (int si = 0; si < doc->n_sent && !c.oom; si++) {
    c.s = doc->sent[si].text;
    c.si = si;
    if (extract_tokenize(c.s, &c.t) < 0 || cls_reset(&c) < 0) {
      c.oom = 1;
      break;
    }
    if ((size_t)c.t.n + 1 > used_cap) {
      size_t nc = (size_t)c.t.n + 64;
      unsigned char *nu = realloc(used, nc);
      if (!nu) {
        c.oom = 1;
        break;
      }
      used = nu;
      used_cap = nc;
    }
    memset(used, 0, used_cap);
    if (out->sent_toks) {
      QToks *st = &out->sent_toks[si];
      st->v = malloc(((size_t)c.t.n + 1) * sizeof *st->v);
      if (!st->v) {
        c.oom = 1;
        break;
      }
      memcpy(st->v, c.t.v, (size_t)c.t.n * sizeof *st->v);
      st->n = st->cap = c.t.n;
      out->n_sent_toks = si + 1;
    }
    find_dates(&c, used);
    find_numbers(&c, used);
    find_places(&c, used);
    find_people(&c, used);
    find_orgs(&c, used);
  }
  if (!c.oom) link_pending(&c);
  free(used);
  free(c.t.v);
  free(c.cls);
  free(c.nametok);
  free(c.pend);
  if (c.oom) {
    while (out->n > c.first_fact) fact_free(&out->v[--out->n]);
    return QD_ENOMEM;
  }
  return 0;
}
