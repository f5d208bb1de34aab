/* generate.c - quiz cards from extracted facts (see generate.h). */
#include "generate.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "error.h"

#define GEN_MAX_SOURCES 6
#define GEN_MAX_ALIASES 8

/* One candidate wording of a card, kept while facts come in. */
typedef struct Cand {
  char *text;     /* question or cloze text; NULL when none yet */
  double q;       /* quality in [0, 1] */
  char *sentence; /* the source sentence it was made from */
  char *article;  /* and its article */
} Cand;

typedef struct Entry {
  QFactType type;
  int sub;
  char *key;
  char *answer;
  char *role;
  char *norm;
  char *aliases[GEN_MAX_ALIASES];
  int n_aliases;
  int year, month, day, year2;
  double value;
  QCardSource src[GEN_MAX_SOURCES];
  int n_src;
  int mentions;
  int caption_only;
  Cand qa, cloze;
  unsigned sig; /* role keywords (people), set in gen_finish */
  int undated;  /* a sentence held two values of it and no time to tell them
                   apart: no question, so no multiple choice either */
} Entry;

struct QGen {
  QLex *lx;
  uint64_t seed;
  Entry *e;
  int n, cap;
  int *slots; /* hash of type|key -> entry index + 1 */
  size_t n_slots;
  QToks toks;
  const char *tok_sent; /* sentence toks was made from (a cache) */
};

static uint64_t fnv(const char *s, uint64_t h) {
  for (; *s; s++) {
    h ^= (unsigned char)*s;
    h *= 1099511628211ULL;
  }
  return h;
}

static uint64_t fnv_init(void) { return 1469598103934665603ULL; }

static char *xprintf(const char *fmt, ...)
    __attribute__((format(printf, 1, 2)));
static char *xprintf(const char *fmt, ...) {
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

static char *xstrdup(const char *s) { return s ? strdup(s) : NULL; }

int gen_new(QLex *lx, uint64_t seed, QGen **out) {
  QGen *g = calloc(1, sizeof *g);
  if (!g) return QD_ENOMEM;
  g->lx = lx;
  g->seed = seed;
  *out = g;
  return 0;
}

static void entry_free(Entry *e) {
  free(e->key);
  free(e->answer);
  free(e->role);
  free(e->norm);
  for (int i = 0; i < e->n_aliases; i++) free(e->aliases[i]);
  for (int i = 0; i < e->n_src; i++) {
    free(e->src[i].article);
    free(e->src[i].sentence);
  }
  free(e->qa.text);
  free(e->cloze.text);
  free(e->qa.sentence);
  free(e->cloze.sentence);
  free(e->qa.article);
  free(e->cloze.article);
}

void gen_free(QGen *g) {
  if (!g) return;
  for (int i = 0; i < g->n; i++) entry_free(&g->e[i]);
  free(g->e);
  free(g->slots);
  free(g->toks.v);
  free(g);
}

/* ------------------------------------------------------------------ */
/* Text checks                                                         */

static int word_eq(const char *s, size_t n, const char *w) {
  return strlen(w) == n && strncasecmp(s, w, n) == 0;
}

static int in_list(const char *w, size_t n, const char *const *l) {
  for (int k = 0; l[k]; k++)
    if (l[k][0] == w[0] && strlen(l[k]) == n && !memcmp(l[k], w, n)) return 1;
  return 0;
}

/* What unresolved_scan looks for.  Relative time is always looked for. */
enum {
  UR_PRONOUN = 1, /* he, their, this, here ... */
  UR_BACKREF = 2, /* similarly, likewise, the same, the latter */
  UR_ALSO = 4,    /* also, such (not "such as"), a leading "that" */
  UR_EVENT = 8    /* a bare definite event noun: "the attack", "the talks" */
};

static int unresolved_scan(const char *text, int what);

/* Relative time ("this month", "last October", "on Sunday") only. */
static int has_relative_time(const char *text) {
  return unresolved_scan(text, 0);
}

int gen_has_unresolved(const char *text) {
  return unresolved_scan(text, UR_PRONOUN | UR_BACKREF | UR_ALSO | UR_EVENT);
}

int gen_refers_back(const char *text) {
  return unresolved_scan(text, UR_BACKREF | UR_EVENT);
}

/* After a definite event noun ending at text[i]: 1 if a name, number or
 * quotation pins it down ("the attack on Pearl Harbor", "the talks with
 * Kishida", "the summit in 2023"). */
static int event_pinned(const char *text, size_t i) {
  static const char *const preps[] = {"of", "on", "in", "at", "against",
                                      "between", "with", "by", "over", "to",
                                      "from", "for", NULL};
  while (text[i] == ' ') i++;
  size_t b = i;
  while (isalpha((unsigned char)text[i])) i++;
  if (i == b || !in_list(text + b, i - b, preps)) return 0;
  while (text[i] == ' ') i++;
  if (!strncmp(text + i, "the ", 4)) i += 4;
  unsigned char c = (unsigned char)text[i];
  return isupper(c) || isdigit(c) || c == '"' || c == 0xE2;
}

static int unresolved_scan(const char *text, int what) {
  int pronouns = what & UR_PRONOUN;
  static const char *const backref[] = {"similarly", "likewise", NULL};
  static const char *const the_backref[] = {"same", "latter", "former", NULL};
  /* events a card alone cannot place unless something names them */
  static const char *const events[] = {
      "attack", "attacks", "meeting", "meetings", "talks", "visit", "move",
      "deal", "plan", "trip", "agreement", "decision", "incident",
      "announcement", "summit", "event", "proposal", "step", "pact",
      "accord", "bombing", "strike", "crash", "explosion", "ceremony",
      "conference", "war", "conflict", "dispute", "row", "ruling",
      "verdict", "vote", "election", "negotiations", "poll", "survey",
      "study", "report", "measure", "measures", "scheme",
      "initiative", "policy", "offer", "talk", "protest", "protests",
      "raid", "invasion", "operation", "exercise", "exercises", "drills",
      "launch", "test", "tour", NULL};
  static const char *const pron[] = {
      "he", "she", "him", "her", "his", "hers", "they", "them", "their",
      "theirs", "it", "its", "this", "these", "those", "we", "our", "us",
      "i", "me", "my", "you", "your", "yesterday", "today", "tomorrow",
      "here", NULL};
  static const char *const rel[] = {"this", "last", "next", "earlier",
                                    "later", NULL};
  static const char *const spans[] = {
      "month", "week", "year", "summer", "spring", "fall", "autumn",
      "winter", "january", "february", "march", "april", "may", "june",
      "july", "august", "september", "october", "november", "december",
      "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
      "sunday", NULL};
  static const char *const weekdays[] = {"monday", "tuesday", "wednesday",
                                         "thursday", "friday", "saturday",
                                         "sunday", NULL};
  static const char *const units[] = {"years", "months", "weeks", "days",
                                      "week", NULL};
  char prev[16] = "";
  size_t prev_n = 0;
  int in_quote = 0;
  size_t n = strlen(text);
  for (size_t i = 0; i < n;) {
    unsigned char c = (unsigned char)text[i];
    if (c == '"') {
      in_quote = !in_quote;
      i++;
      continue;
    }
    if (i + 2 < n && c == 0xE2 && (unsigned char)text[i + 1] == 0x80) {
      unsigned char d = (unsigned char)text[i + 2];
      if (d == 0x9C) in_quote = 1;
      if (d == 0x9D) in_quote = 0;
      i += 3;
      continue;
    }
    if (!isalpha(c)) {
      i++;
      continue;
    }
    size_t b = i;
    while (i < n && (isalpha((unsigned char)text[i]) || text[i] == '\'')) i++;
    size_t wl = i - b;
    char w[16];
    if (wl >= sizeof w) {
      prev_n = 0;
      continue;
    }
    for (size_t k = 0; k < wl; k++) w[k] = (char)tolower((unsigned char)text[b + k]);
    w[wl] = 0;
    /* relative time: "this month", "next April", "on Sunday", "years later" */
    if (prev_n && in_list(prev, prev_n, rel) && in_list(w, wl, spans)) return 1;
    if (prev_n == 2 && !memcmp(prev, "on", 2) && in_list(w, wl, weekdays)) return 1;
    if (!strcmp(w, "later") && prev_n && in_list(prev, prev_n, units)) return 1;
    if (!strcmp(w, "before") && prev_n == 4 && !memcmp(prev, "week", 4)) return 1;
    int the = prev_n == 3 && !memcmp(prev, "the", 3);
    if ((what & UR_BACKREF) && !in_quote &&
        (in_list(w, wl, backref) || (the && in_list(w, wl, the_backref))))
      return 1;
    if ((what & UR_ALSO) && !in_quote &&
        (!strcmp(w, "also") || (b == 0 && !strcmp(w, "that")) ||
         (!strcmp(w, "such") && strncasecmp(text + i, " as ", 4))))
      return 1;
    if ((what & UR_EVENT) && !in_quote && the && in_list(w, wl, events) &&
        !event_pinned(text, i))
      return 1;
    if (pronouns && !in_quote && in_list(w, wl, pron)) {
      int skip = 0;
      /* "US" is not "us"; "I" only as the capital letter */
      if (!strcmp(w, "us") && isupper((unsigned char)text[b])) skip = 1;
      if (!strcmp(w, "i") && text[b] != 'I') skip = 1;
      if (!skip) return 1;
    }
    memcpy(prev, w, wl + 1);
    prev_n = wl;
  }
  return 0;
}

/* case-insensitive strstr (ASCII) */
static const char *ci_find(const char *hay, const char *needle) {
  size_t n = strlen(needle);
  for (; *hay; hay++)
    if (!strncasecmp(hay, needle, n)) return hay;
  return NULL;
}

/* "Group of Seven" -> "g7", "North Atlantic Treaty Organization" ->
 * "nato": initials of the capitalised words, number words as digits. */
static void initialism(const char *s, char *out, size_t cap) {
  static const char *const nums[] = {"Zero", "One", "Two", "Three", "Four",
                                     "Five", "Six", "Seven", "Eight", "Nine",
                                     "Ten", "Twenty", NULL};
  static const char *const numd[] = {"0", "1", "2", "3", "4", "5", "6",
                                     "7", "8", "9", "10", "20"};
  size_t o = 0;
  const char *p = s;
  while (*p && o + 3 < cap) {
    while (*p == ' ' || *p == '-') p++;
    const char *w = p;
    while (*p && *p != ' ' && *p != '-') p++;
    size_t wl = (size_t)(p - w);
    if (!wl || !isupper((unsigned char)w[0])) continue;
    int num = -1;
    for (int i = 0; nums[i]; i++)
      if (strlen(nums[i]) == wl && !strncmp(nums[i], w, wl)) num = i;
    if (num >= 0) {
      for (const char *d = numd[num]; *d && o + 1 < cap; d++) out[o++] = *d;
    } else {
      out[o++] = (char)tolower((unsigned char)w[0]);
    }
  }
  out[o] = 0;
}

int gen_is_variant(const char *a, const char *b) {
  char *ka = extract_key(a), *kb = extract_key(b);
  int v = ka && kb && strcmp(ka, kb) == 0;
  /* an acronym and its expansion: "G-7" / "Group of Seven" */
  if (!v && ka && kb) {
    char ia[64], ib[64];
    initialism(a, ia, sizeof ia);
    initialism(b, ib, sizeof ib);
    if ((strlen(ia) >= 2 && !strcmp(ia, kb) && strlen(ka) > strlen(kb)) ||
        (strlen(ib) >= 2 && !strcmp(ib, ka) && strlen(kb) > strlen(ka)))
      v = 1;
  }
  free(ka);
  free(kb);
  if (v) return 1;
  /* word subset: every word of the shorter occurs in the longer */
  const char *s = strlen(a) <= strlen(b) ? a : b;
  const char *l = s == a ? b : a;
  char ws[256];
  size_t n = strlen(s);
  if (n >= sizeof ws) return 0;
  int words = 0, found = 0;
  for (size_t i = 0; i <= n;) {
    while (i < n && !isalnum((unsigned char)s[i]) && (unsigned char)s[i] < 0x80) i++;
    size_t st = i;
    while (i < n && (isalnum((unsigned char)s[i]) || (unsigned char)s[i] >= 0x80)) i++;
    if (i == st) break;
    memcpy(ws, s + st, i - st);
    ws[i - st] = 0;
    words++;
    const char *p = l;
    size_t wl = i - st;
    while ((p = ci_find(p, ws)) != NULL) {
      int lb = p == l || !isalnum((unsigned char)p[-1]);
      int rb = !isalnum((unsigned char)p[wl]);
      if (lb && rb) {
        found++;
        break;
      }
      p++;
    }
  }
  return words > 0 && found == words;
}

/* ------------------------------------------------------------------ */
/* String building                                                     */

typedef struct SB {
  char *p;
  size_t n, cap;
  int oom;
} SB;

static void sb_add(SB *b, const char *s, size_t n) {
  if (b->oom) return;
  if (b->n + n + 1 > b->cap) {
    size_t nc = b->cap ? b->cap * 2 : 128;
    while (nc < b->n + n + 1) nc *= 2;
    char *np = realloc(b->p, nc);
    if (!np) {
      b->oom = 1;
      return;
    }
    b->p = np;
    b->cap = nc;
  }
  memcpy(b->p + b->n, s, n);
  b->n += n;
  b->p[b->n] = 0;
}

static void sb_str(SB *b, const char *s) { sb_add(b, s, strlen(s)); }

/* Appends a token span, joining with single spaces where the sentence had
 * them; skips tokens in [skip_a, skip_b). */
static void sb_tokens(SB *b, const char *sent, const QToks *t, int a, int e,
                      int skip_a, int skip_b) {
  int prev_end = -1;
  for (int i = a; i < e; i++) {
    if (i >= skip_a && i < skip_b) continue;
    const QTok *k = &t->v[i];
    if (prev_end >= 0 && k->s > prev_end && b->n > 0) sb_add(b, " ", 1);
    else if (prev_end < 0 && b->n > 0 && b->p[b->n - 1] != ' ' &&
             b->p[b->n - 1] != '(')
      sb_add(b, " ", 1);
    sb_add(b, sent + k->s, (size_t)(k->e - k->s));
    prev_end = k->e;
  }
}

static char *sb_take(SB *b) {
  if (b->oom) {
    free(b->p);
    return NULL;
  }
  /* tidy: " ," -> "," ; double spaces */
  char *p = b->p;
  if (!p) return NULL;
  size_t o = 0;
  for (size_t i = 0; p[i]; i++) {
    if (p[i] == ' ' && (p[i + 1] == ',' || p[i + 1] == '?' || p[i + 1] == ' ' ||
                        p[i + 1] == '.' || p[i + 1] == ':' || p[i + 1] == ';'))
      continue;
    p[o++] = p[i];
  }
  p[o] = 0;
  return p;
}

/* ------------------------------------------------------------------ */
/* Sentence analysis                                                   */

typedef struct Sent {
  const char *s;
  const QToks *t;
  int caption;
  int year;  /* the article's year, 0 when unknown */
  int month; /* the article's month 1-12, 0 when unknown */
  QLex *lex; /* for city lookups (they fill a cache in the handle) */
} Sent;

static int t_is(const Sent *x, int i, const char *w) {
  if (i < 0 || i >= x->t->n) return 0;
  const QTok *k = &x->t->v[i];
  return word_eq(x->s + k->s, (size_t)(k->e - k->s), w);
}

static int t_in(const Sent *x, int i, const char *const *l) {
  if (i < 0 || i >= x->t->n) return 0;
  int c0 = tolower((unsigned char)x->s[x->t->v[i].s]);
  for (int k = 0; l[k]; k++)
    if (tolower((unsigned char)l[k][0]) == c0 && t_is(x, i, l[k])) return 1;
  return 0;
}

static int t_word(const Sent *x, int i) {
  return i >= 0 && i < x->t->n && x->t->v[i].k == QT_WORD;
}

static int t_lower(const Sent *x, int i) {
  return t_word(x, i) && !x->t->v[i].cap;
}

/* token index of the first token starting at or after byte b */
static int tok_at(const Sent *x, int b) {
  for (int i = 0; i < x->t->n; i++)
    if (x->t->v[i].s >= b) return i;
  return x->t->n;
}

static int is_boundary_punct(const Sent *x, int i) {
  static const char *const p[] = {",", ";", ":", "(", ")", "\xE2\x80\x94",
                                  "\xE2\x80\x93", "\xE2\x80\x9C",
                                  "\xE2\x80\x9D", "\"", ".", "?", "!", NULL};
  if (i < 0 || i >= x->t->n || x->t->v[i].k != QT_PUNCT || !t_in(x, i, p))
    return 0;
  /* the period of an abbreviation before a number ("Oct. 17", "No. 2") */
  if (t_is(x, i, ".") && t_word(x, i - 1) && x->t->v[i - 1].e == x->t->v[i].s &&
      i + 1 < x->t->n && x->t->v[i + 1].k == QT_NUM)
    return 0;
  return 1;
}

static const char *const subordinators[] = {
    "when", "after", "before", "while", "because", "although", "though",
    "that", "which", "who", "where", "if", "until", "whereas", "whose",
    "unless", "once", "what", NULL};

/* "and" inside a name: "the Organization for Security and Co-operation",
 * "the Ministry of Trade and Industry" (a capitalised run after "the"
 * with "of" or "for" in it). */
static int and_in_name(const Sent *x, int j) {
  int link = 0, r = j - 1;
  while (r >= 0 && ((t_word(x, r) && x->t->v[r].cap) ||
                    ((t_is(x, r, "of") || t_is(x, r, "for")) && r > 0 &&
                     x->t->v[r - 1].cap))) {
    if (!x->t->v[r].cap) link = 1;
    r--;
  }
  return link && r < j - 1 && t_is(x, r, "the");
}

/* Clause around token range [a,b): sets *c0, *c1. */
static void clause_of(const Sent *x, int a, int b, int *c0, int *c1) {
  int i = a - 1;
  while (i >= 0 && !is_boundary_punct(x, i) && !t_in(x, i, subordinators)) i--;
  *c0 = i + 1;
  int j = b;
  for (;;) {
    /* an acronym in parentheses is part of the phrase: "the Asia-Pacific
     * Economic Cooperation (APEC) summit" */
    if (t_is(x, j, "(") && t_word(x, j + 1) && x->t->v[j + 1].upper &&
        t_is(x, j + 2, ")")) {
      j += 3;
      continue;
    }
    if (!(j < x->t->n && !is_boundary_punct(x, j) &&
         !(t_in(x, j, subordinators) && j > b) &&
         !((t_is(x, j, "and") || t_is(x, j, "but")) && j + 1 < x->t->n &&
           x->t->v[j + 1].cap && !and_in_name(x, j))))
      break;
    j++;
  }
  *c1 = j;
}

static const char *const aux[] = {"is", "are", "was", "were", "has", "have",
                                  "had", "will", "would", "can", "could",
                                  "should", "may", "might", "must", "did",
                                  "does", "do", NULL};

static const char *const irregular[][2] = {
    {"went", "go"},        {"met", "meet"},       {"took", "take"},
    {"made", "make"},      {"said", "say"},       {"came", "come"},
    {"began", "begin"},    {"held", "hold"},      {"saw", "see"},
    {"wrote", "write"},    {"found", "find"},     {"sent", "send"},
    {"became", "become"},  {"gave", "give"},      {"led", "lead"},
    {"won", "win"},        {"told", "tell"},      {"left", "leave"},
    {"sank", "sink"},      {"sunk", "sink"},      {"fell", "fall"},
    {"rose", "rise"},      {"paid", "pay"},       {"spoke", "speak"},
    {"brought", "bring"},  {"built", "build"},    {"bought", "buy"},
    {"thought", "think"},  {"stood", "stand"},    {"struck", "strike"},
    {"broke", "break"},    {"chose", "choose"},   {"drew", "draw"},
    {"flew", "fly"},       {"grew", "grow"},      {"hit", "hit"},
    {"kept", "keep"},      {"knew", "know"},      {"lost", "lose"},
    {"put", "put"},        {"ran", "run"},        {"set", "set"},
    {"shook", "shake"},    {"signed", "sign"},    {"sought", "seek"},
    {"spent", "spend"},    {"swore", "swear"},    {"taught", "teach"},
    {"threw", "throw"},    {"understood", "understand"},
    {"wore", "wear"},      {"got", "get"},        {NULL, NULL}};

/* Past-tense verb -> base form into buf; 0 if not recognised. */
static int past_to_base(const QLex *lx, const char *w, size_t n, char *buf,
                        size_t cap) {
  for (int i = 0; irregular[i][0]; i++)
    if (word_eq(w, n, irregular[i][0])) {
      snprintf(buf, cap, "%s", irregular[i][1]);
      return 1;
    }
  if (n < 5 || n + 2 > cap || strncmp(w + n - 2, "ed", 2) != 0) return 0;
  for (size_t i = 0; i < n; i++)
    if (!islower((unsigned char)w[i])) return 0;
  static const char *const not_verbs[] = {"based", "united", "related",
                                          "armed", "red", "need", "speed",
                                          "bed", "seed", "feed", "indeed",
                                          "concerned", "advanced", "expected",
                                          "proposed", "so-called", "alleged",
                                          "detailed", "limited", NULL};
  for (int i = 0; not_verbs[i]; i++)
    if (word_eq(w, n, not_verbs[i])) return 0;
  /* studied -> study */
  if (n > 4 && w[n - 3] == 'i') {
    snprintf(buf, cap, "%.*sy", (int)(n - 3), w);
    return 1;
  }
  char stem[64];
  if (n - 2 >= sizeof stem) return 0;
  memcpy(stem, w, n - 2);
  stem[n - 2] = 0;
  size_t sl = n - 2;
  /* declared -> declare ; stopped -> stop ; plummeted -> plummet */
  char with_e[66];
  snprintf(with_e, sizeof with_e, "%se", stem);
  int stem_ok = qlex_is_common(lx, stem, sl);
  int e_ok = qlex_is_common(lx, with_e, sl + 1);
  /* both words ("fir"/"fire", "car"/"care"): a stem ending in a single
   * vowel and consonant would have doubled it ("starred"), so the verb
   * ends in e */
  if (e_ok && stem_ok && sl >= 3 && !strchr("aeiou", stem[sl - 1]) &&
      !strchr("wxy", stem[sl - 1]) && strchr("aeiou", stem[sl - 2]) &&
      !strchr("aeiou", stem[sl - 3]))
    stem_ok = 0;
  if (e_ok && !stem_ok) {
    if (sl + 2 > cap) return 0;
    memcpy(buf, with_e, sl + 2);
    return 1;
  }
  if (!stem_ok && sl >= 3 && stem[sl - 1] == stem[sl - 2] &&
      !strchr("aeiou", stem[sl - 1]) && qlex_is_common(lx, stem, sl - 1)) {
    stem[sl - 1] = 0;
  }
  snprintf(buf, cap, "%s", stem);
  return 1;
}

/* Present 3rd-person verb -> base ("shakes" -> "shake"). */
static int present_to_base(const QLex *lx, const char *w, size_t n, char *buf,
                           size_t cap) {
  if (n < 3 || w[n - 1] != 's' || n + 1 > cap) return 0;
  for (size_t i = 0; i < n; i++)
    if (!islower((unsigned char)w[i])) return 0;
  if (n > 4 && !strncmp(w + n - 3, "ies", 3)) {
    snprintf(buf, cap, "%.*sy", (int)(n - 3), w);
    return 1;
  }
  if (qlex_is_common(lx, w, n - 1)) {
    snprintf(buf, cap, "%.*s", (int)(n - 1), w);
    return 1;
  }
  if (n > 4 && !strncmp(w + n - 2, "es", 2) && qlex_is_common(lx, w, n - 2)) {
    snprintf(buf, cap, "%.*s", (int)(n - 2), w);
    return 1;
  }
  return 0;
}

/* Skips a caption direction ", right," starting at i; returns new i. */
static int skip_direction(const Sent *x, int i) {
  static const char *const dir[] = {"right", "left", "centre", "center",
                                    "second", "top", "above", "below", NULL};
  while (t_is(x, i, ",") && t_in(x, i + 1, dir) &&
         (t_is(x, i + 2, ",") || i + 2 >= x->t->n))
    i += 2;
  return i;
}

/* Present-tense verbs that take a "that" clause (a plural noun before
 * "that" is the head of a relative clause instead). */
static const char *const speech_present[] = {
    "say", "says", "think", "thinks", "believe", "believes", "argue",
    "argues", "warn", "warns", "note", "notes", "claim", "claims", "insist",
    "insists", "hope", "hopes", "fear", "fears", "know", "knows", "show",
    "shows", "suggest", "suggests", "mean", "means", "ensure", "ensures",
    "agree", "agrees", "add", "adds", "expect", "expects", "feel", "feels",
    NULL};

/* Turns the clause [c0,c1) minus [ra,rb) into a question starting with wh.
 * Returns NULL if the clause has no recognisable subject + verb. */
static char *invert(const QLex *lx, const Sent *x, const char *wh, int c0,
                    int c1, int ra, int rb) {
  /* a relative clause "X, who was ...": the antecedent is the subject */
  int sa = c0, se = -1, v = -1;
  if (c0 >= 2 && (t_is(x, c0 - 1, "who") || t_is(x, c0 - 1, "which")) &&
      t_is(x, c0 - 2, ",") && c0 - 3 >= 0 && x->t->v[c0 - 3].cap &&
      t_in(x, c0, aux)) {
    int a = c0 - 3;
    while (a > 0 && t_word(x, a - 1) && x->t->v[a - 1].cap) a--;
    sa = a;
    se = c0 - 2;
    v = c0;
  }
  /* "Fumio Kishida, Japan's prime minister, declared in April ...": the
   * clause starts with the verb; the subject is the name before the
   * appositive */
  if (se < 0 && c0 >= 3 && t_is(x, c0 - 1, ",") && t_lower(x, c0)) {
    const QTok *k = &x->t->v[c0];
    char base[64];
    if (t_in(x, c0, aux) ||
        past_to_base(lx, x->s + k->s, (size_t)(k->e - k->s), base, sizeof base)) {
      int fc = 0;
      while (fc < c0 && x->t->v[fc].cap && t_word(x, fc)) fc++;
      if (fc >= 1 && fc < c0 - 2 && t_is(x, fc, ",")) {
        sa = 0;
        se = fc;
        v = c0;
      }
    }
  }
  for (int i = c0 + 1; se < 0 && i < c1 && i < c0 + 12; i++) {
    if (i >= ra && i < rb) return NULL; /* the answer is in the subject */
    if (t_is(x, i, ",")) {
      int j = skip_direction(x, i);
      if (j != i) {
        i = j - 1;
        continue;
      }
      return NULL;
    }
    if (!t_word(x, i) || x->t->v[i].cap) continue;
    const QTok *k = &x->t->v[i];
    char base[64];
    const QTok *pk = &x->t->v[i - 1];
    int prev_proper = pk->cap && i - 1 > c0 &&
                      !qlex_is_common(lx, x->s + pk->s, (size_t)(pk->e - pk->s));
    if (t_in(x, i, aux) ||
        past_to_base(lx, x->s + k->s, (size_t)(k->e - k->s), base, sizeof base) ||
        (x->caption && (prev_proper || x->t->v[i - 1].k == QT_PUNCT) &&
         present_to_base(lx, x->s + k->s, (size_t)(k->e - k->s), base,
                         sizeof base))) {
      v = i;
      se = i;
      break;
    }
    /* an ordinary lowercase word inside the subject is fine ("the two
     * countries"), but prepositions mean we lost the subject */
    static const char *const bad[] = {"to", "for", "with", "by", "on", "at",
                                      "in", "and", "or", NULL};
    /* "President A and Prime Minister B met": two named subjects */
    if (t_is(x, i, "and") && x->t->v[i - 1].cap && t_word(x, i + 1) &&
        x->t->v[i + 1].cap)
      continue;
    if (t_in(x, i, bad)) return NULL;
  }
  if (v < 0) return NULL;
  /* a relative clause with its object moved out: "a ban on imports that
   * Beijing imposed in August" asks about the ban, so the head noun phrase
   * goes back after the verb; without one the question cannot be made */
  int rel_a = -1, rel_e = -1;
  if (sa == c0 && c0 >= 2 && (t_is(x, c0 - 1, "that") || t_is(x, c0 - 1, "which") ||
                              t_is(x, c0 - 1, "whom"))) {
    int h = c0 - 2;
    char hb[64];
    const QTok *hk = &x->t->v[h];
    int h_verb = t_in(x, h, aux) ||
                 past_to_base(lx, x->s + hk->s, (size_t)(hk->e - hk->s), hb,
                              sizeof hb) ||
                 t_is(x, h, "so") || t_is(x, h, "such") || t_is(x, h, "now") ||
                 t_in(x, h, speech_present);
    if (!h_verb) {
      if (!t_word(x, h) || t_in(x, v, aux)) return NULL;
      /* the verb must lack its own object */
      int nx = v + 1;
      if (nx == ra) nx = rb;
      if (t_is(x, nx, "a") || t_is(x, nx, "an") || t_is(x, nx, "the") ||
          t_is(x, nx, "his") || t_is(x, nx, "her") || t_is(x, nx, "its") ||
          t_is(x, nx, "their") || (t_word(x, nx) && x->t->v[nx].cap) ||
          (nx < x->t->n && x->t->v[nx].k == QT_NUM))
        return NULL;
      int d = h;
      while (d >= 0 && h - d < 10 && (t_word(x, d) || x->t->v[d].k == QT_POSS) &&
             !t_is(x, d, "a") && !t_is(x, d, "an") && !t_is(x, d, "the") &&
             !t_in(x, d, subordinators) && !t_in(x, d, aux))
        d--;
      if (d < 0 || !(t_is(x, d, "a") || t_is(x, d, "an") || t_is(x, d, "the")))
        return NULL;
      rel_a = d + 1;
      rel_e = h + 1;
    }
  }
  /* an appositive noun phrase with a participle ("..., a formula first
   * agreed in 2008") has no finite verb to invert */
  if (sa == c0 && c0 >= 1 && x->t->v[c0 - 1].k == QT_PUNCT &&
      (t_is(x, sa, "a") || t_is(x, sa, "an")) && !t_in(x, v, aux))
    return NULL;
  /* "The last time the countries came close ... was in 2015": the first
   * verb belonged to a clause inside the subject */
  if (!t_in(x, v, aux) && se - sa > 3)
    for (int i = v + 1; i < c1 && (ra < 0 || i < ra); i++)
      if (t_in(x, i, aux)) return NULL;
  if (t_is(x, sa, "and") || t_is(x, sa, "but") || t_is(x, sa, "so")) sa++;
  if (sa >= se) return NULL;
  /* subject pronouns cannot be resolved */
  static const char *const pron[] = {"he", "she", "it", "they", "we", "i",
                                     "this", "these", "those", "that",
                                     "there", "you", "who", "which", NULL};
  if (t_in(x, sa, pron)) return NULL;
  if (t_in(x, sa, aux)) return NULL;
  const QTok *vk = &x->t->v[v];
  char base[64];
  SB b = {0};
  sb_str(&b, wh);
  int past = 0;
  if (t_in(x, v, aux)) {
    sb_add(&b, " ", 1);
    sb_add(&b, x->s + vk->s, (size_t)(vk->e - vk->s));
  } else if (past_to_base(lx, x->s + vk->s, (size_t)(vk->e - vk->s), base,
                          sizeof base)) {
    sb_str(&b, " did");
    past = 1;
  } else if (present_to_base(lx, x->s + vk->s, (size_t)(vk->e - vk->s), base,
                             sizeof base)) {
    sb_str(&b, x->caption ? " did" : " does");
    past = 1;
  } else {
    free(b.p);
    return NULL;
  }
  sb_add(&b, " ", 1);
  /* subject, lowercasing an ordinary first word */
  size_t subj_at = b.n;
  int skip_a = -1, skip_b = -1;
  for (int i = sa; i < se; i++)
    if (t_is(x, i, ",")) {
      int j = skip_direction(x, i);
      if (j != i) {
        skip_a = i;
        skip_b = j;
        break;
      }
    }
  sb_tokens(&b, x->s, x->t, sa, se, skip_a, skip_b);
  if (!b.oom && b.n > subj_at) {
    const QTok *k0 = &x->t->v[sa];
    size_t l0 = (size_t)(k0->e - k0->s);
    int next_cap = sa + 1 < se && x->t->v[sa + 1].cap;
    static const char *const dets[] = {"The", "A", "An", "Many", "Some",
                                       "Most", "Several", "Both", "Few",
                                       "All", "Other", "Its", "Their", NULL};
    int det = t_in(x, sa, dets);
    unsigned cls = qlex_word_class(lx, x->s + k0->s, l0);
    int title = cls & (QLEX_TITLE | QLEX_MOD);
    /* a name that is also a word ("China", "Turkey", "Nice") stays
     * capitalised: countries, nationalities, regions, cities, and words
     * the sentence capitalises again later */
    int name = (cls & (QLEX_COUNTRY | QLEX_NATION | QLEX_REGION |
                       QLEX_CALENDAR | QLEX_COMPASS)) ||
               (x->lex && qlex_city(x->lex, x->s + k0->s, l0, NULL, NULL));
    for (int i = sa + 1; !name && i < x->t->n; i++) {
      const QTok *k = &x->t->v[i];
      if (k->cap && k->e - k->s == k0->e - k0->s &&
          !memcmp(x->s + k->s, x->s + k0->s, l0))
        name = 1;
    }
    if (k0->cap && (det || (!next_cap && !title && !name &&
                            qlex_is_common(lx, x->s + k0->s, l0) &&
                            !qlex_is_proper(lx, x->s + k0->s, l0))) &&
        !k0->upper && l0 > 1 && islower((unsigned char)x->s[k0->s + 1]))
      b.p[subj_at] = (char)tolower((unsigned char)b.p[subj_at]);
  }
  if (past) {
    /* a base form the dictionary does not know ("travell") is a bad guess */
    if (!qlex_is_common(lx, base, strlen(base))) {
      free(b.p);
      return NULL;
    }
    sb_add(&b, " ", 1);
    sb_str(&b, base);
  }
  if (rel_a >= 0) {
    sb_str(&b, " the");
    sb_tokens(&b, x->s, x->t, rel_a, rel_e, -1, -1);
  }
  /* "on Thursday" is only known from the article's date: a question about
   * something else does without it */
  int w0 = v + 1;
  for (int i = v + 1; i + 1 < c1; i++)
    if (t_is(x, i, "on") && t_word(x, i + 1) &&
        qlex_weekday(x->s + x->t->v[i + 1].s,
                     (size_t)(x->t->v[i + 1].e - x->t->v[i + 1].s)) &&
        !(i >= ra && i < rb)) {
      sb_tokens(&b, x->s, x->t, w0, i, ra, rb);
      w0 = i + 2;
    }
  sb_tokens(&b, x->s, x->t, w0, c1, ra, rb);
  sb_str(&b, "?");
  return sb_take(&b);
}

/* Questions depend on nothing unresolved and read like questions. */
/* "the two countries", "both sides": fine inside an article, but a card
 * alone does not say which. */
static int has_collective_reference(const char *q) {
  static const char *const refs[] = {
      "the two countries", "the two nations", "the two leaders",
      "the two sides", "the two neighbors", "the two neighbours",
      "the two governments", "both countries", "both sides", "both leaders",
      "both nations", "the country", "the company", "the government",
      "the official", "the leaders", NULL};
  for (int i = 0; refs[i]; i++) {
    const char *p = q;
    size_t l = strlen(refs[i]);
    while ((p = ci_find(p, refs[i])) != NULL) {
      if (!isalpha((unsigned char)p[l])) return 1;
      p += l;
    }
  }
  return 0;
}

/* A question must name something: "Since when have ties warmed?" does
 * not say whose ties.  Needs a capitalised word after the first, or a
 * quotation. */
static int names_something(const char *q) {
  if (strstr(q, "\xE2\x80\x9C") || strchr(q, '"')) return 1;
  const char *p = strchr(q, ' ');
  for (; p && *p; p++) {
    if (p[0] != ' ' || !isupper((unsigned char)p[1])) continue;
    /* a month or weekday alone names nothing */
    const char *w = p + 1;
    size_t wl = 0;
    while (isalpha((unsigned char)w[wl])) wl++;
    if (qlex_month(w, wl) || qlex_weekday(w, wl)) continue;
    return 1;
  }
  return 0;
}

static int question_ok(const char *q) {
  if (!q) return 0;
  size_t n = strlen(q);
  if (n < 15 || n > 300) return 0;
  if (gen_has_unresolved(q) || has_collective_reference(q)) return 0;
  if (!names_something(q)) return 0;
  return 1;
}

/* question_ok, but a possessive (his, her, their) after a named subject
 * refers to it: "did Jane Roe meet her Austrian counterpart". */
static int question_ok_owned(const char *q) {
  if (!q) return 0;
  char *t = strdup(q);
  if (!t) return 0;
  static const char *const poss[] = {" his ", " her ", " their ", NULL};
  const char *name = NULL;
  for (const char *p = strchr(t, ' '); p && *p; p = strchr(p + 1, ' '))
    if (isupper((unsigned char)p[1])) {
      name = p;
      break;
    }
  for (int i = 0; name && poss[i]; i++) {
    char *p = t + (name - t);
    while ((p = strstr(p, poss[i])) != NULL) {
      memset(p + 1, 'x', strlen(poss[i]) - 2); /* a neutral word */
      p += strlen(poss[i]) - 1;
    }
  }
  int ok = question_ok(t);
  free(t);
  return ok;
}

static const char *date_wh(int sub) {
  switch (sub) {
  case QD_YEAR: return "In what year";
  case QD_RANGE: return "During which years";
  case QD_FULL:
  case QD_MONTHDAY: return "On what date";
  case QD_DAYRANGE: return "On which dates";
  case QD_MONTHYEAR: return "In which month and year";
  case QD_MONTH: return "In which month";
  case QD_DECADE: return "In which decade";
  default: return "When";
  }
}

static const char *const event_nouns[] = {
    "summit", "meeting", "talks", "conference", "gathering", "ceremony",
    "election", "elections", "forum", "visit", "rally", "dialogue",
    "negotiations", "games", "exhibition", "festival", NULL};
static const char *const site_nouns[] = {
    "facility", "plant", "factory", "office", "headquarters", "memorial",
    "embassy", "base", "museum", "campus", "hotel", NULL};

/* "the NATO summit in Madrid" -> "In which city was the NATO summit held?" */
static char *place_event_question(const QLex *lx, const Sent *x,
                                  const QFact *f, int pa) {
  /* pa = token index of the preposition before the place */
  int noun = -1, site = 0;
  for (int i = pa - 1; i >= 0 && i >= pa - 6; i--) {
    if (is_boundary_punct(x, i)) break;
    if (t_in(x, i, event_nouns)) {
      noun = i;
      break;
    }
    if (t_in(x, i, site_nouns)) {
      noun = i;
      site = 1;
      break;
    }
  }
  if (noun < 0) return NULL;
  /* noun phrase: back over modifiers to a determiner */
  int a = noun, acr = -1;
  while (a > 0) {
    int p = a - 1;
    /* "the Asia-Pacific Economic Cooperation (APEC) summit": the acronym
     * stands for the name */
    if (t_is(x, p, ")") && p >= 2 && t_is(x, p - 2, "(") &&
        t_word(x, p - 1) && x->t->v[p - 1].upper) {
      acr = p - 1;
      break;
    }
    if (t_is(x, p, "a") || t_is(x, p, "an") || t_is(x, p, "the")) {
      a = p;
      break;
    }
    if (x->t->v[p].k == QT_POSS) {
      /* "Samsung's" is fine, "their" is not */
      a = p - 1;
      continue;
    }
    if (t_is(x, p, "of") && p > 0 && x->t->v[p - 1].cap && x->t->v[p + 1].cap) {
      a = p;
      continue;
    }
    char vb[64];
    if (t_lower(x, p) &&
        past_to_base(lx, x->s + x->t->v[p].s,
                     (size_t)(x->t->v[p].e - x->t->v[p].s), vb, sizeof vb))
      break; /* a verb: "held talks" */
    if ((t_word(x, p) || x->t->v[p].k == QT_NUM) &&
        !t_in(x, p, subordinators) && !t_in(x, p, aux) &&
        !t_is(x, p, "of") && !t_is(x, p, "to") && !t_is(x, p, "and") &&
        !t_is(x, p, "on") && !t_is(x, p, "in") && !t_is(x, p, "at") &&
        !t_is(x, p, "his") && !t_is(x, p, "her") && !t_is(x, p, "their") &&
        !t_is(x, p, "its") && !t_is(x, p, "with") && !t_is(x, p, "for")) {
      a = p;
      continue;
    }
    break;
  }
  if (acr < 0 &&
      (t_is(x, a - 1, "their") || t_is(x, a - 1, "his") ||
       t_is(x, a - 1, "her") || t_is(x, a - 1, "its") || t_is(x, a - 1, "our")))
    return NULL;
  int det = t_is(x, a, "a") || t_is(x, a, "an") || t_is(x, a, "the");
  /* "the presidential office" alone does not say whose: only named ones
   * ("the NATO summit", "the Group of Seven summit") */
  int named = 0;
  for (int i = a; i < noun; i++)
    if (t_word(x, i) && x->t->v[i].cap && !(i == a && det) &&
        !(qlex_word_class(lx, x->s + x->t->v[i].s,
                          (size_t)(x->t->v[i].e - x->t->v[i].s)) &
          (QLEX_TITLE | QLEX_MOD)))
      named = 1;
  if (acr >= 0) named = 1;
  if (!named) return NULL;
  /* a recurring event needs its year ("the 2023 APEC summit"): the
   * article's, when the sentence names no year and is about the present */
  int year = 0, future = 0;
  for (int i = 0; i < x->t->n; i++)
    if (t_is(x, i, "will") || t_is(x, i, "upcoming"))
      future = 1;
  if (!site && x->year > 0) {
    static const char *const other_time[] = {
        "will", "next", "upcoming", "last", "previous", "former", "earlier",
        "ago", "then", "later", "future", NULL};
    year = x->year;
    for (int i = 0; i < x->t->n && year; i++)
      if (x->t->v[i].k == QT_NUM || t_in(x, i, other_time)) year = 0;
  }
  const char *wh;
  switch (f->sub) {
  case QP_CITY: wh = "In which city"; break;
  case QP_COUNTRY: wh = "In which country"; break;
  case QP_REGION: wh = "In which region"; break;
  default: wh = "Where"; break;
  }
  SB b = {0};
  sb_str(&b, wh);
  sb_str(&b, site ? " is the" : future ? " will the" : " was the");
  if (year) {
    char yb[16];
    snprintf(yb, sizeof yb, " %d", year);
    sb_str(&b, yb);
  }
  if (acr >= 0) sb_tokens(&b, x->s, x->t, acr, acr + 1, -1, -1);
  sb_tokens(&b, x->s, x->t, det ? a + 1 : a, noun + 1, -1, -1);
  if (!site) sb_str(&b, future ? " be held" : " held");
  sb_str(&b, "?");
  return sb_take(&b);
}

/* The quote in a sentence (between curly or straight double quotes). */
static char *quote_of(const char *s) {
  const char *a = strstr(s, "\xE2\x80\x9C");
  size_t al = 3;
  const char *e = NULL;
  if (a) e = strstr(a + 3, "\xE2\x80\x9D");
  if (!a || !e) {
    a = strchr(s, '"');
    al = 1;
    e = a ? strchr(a + 1, '"') : NULL;
    if (!e && a) e = strstr(a + 1, "\xE2\x80\x9D");
  }
  if (!a || !e) return NULL;
  const char *q = a + al;
  size_t n = (size_t)(e - q);
  while (n > 0 && (q[n - 1] == ',' || q[n - 1] == ' ')) n--;
  int words = 0;
  for (size_t i = 0; i < n; i++)
    if (q[i] == ' ') words++;
  if (words < 4 || words > 45) return NULL;
  return xprintf("\xE2\x80\x9C%.*s\xE2\x80\x9D", (int)n, q);
}

static int role_has_title(const char *role) {
  /* starts with a nationality/title phrase rather than "a ..." or a
   * possessive ("Yoon's predecessor") */
  if (!role) return 0;
  const char *sp = strchr(role, ' ');
  size_t w = sp ? (size_t)(sp - role) : strlen(role);
  if (w >= 2 && role[w - 1] == 's' &&
      (role[w - 2] == '\'' || (w >= 4 && !strncmp(role + w - 4, "\xE2\x80\x99", 3))))
    return 0;
  return strncasecmp(role, "a ", 2) && strncasecmp(role, "an ", 3) &&
         strncasecmp(role, "the ", 4);
}

static char *person_question(const QLex *lx, const Sent *x, const QFact *f,
                             double *q) {
  int ma = tok_at(x, f->qstart), me = tok_at(x, f->end);
  char *best = NULL;
  *q = 0;
  /* 1. the subject of its clause: "Who will become ...?" */
  if (f->subject) {
    int r = skip_direction(x, me);
    /* skip an appositive ", a scholar at X," */
    if (t_is(x, r, ",") && f->role && !role_has_title(f->role)) {
      int j = r + 1;
      while (j < x->t->n && !t_is(x, j, ",")) j++;
      r = j + 1;
    }
    if (r < x->t->n && t_lower(x, r) && !t_in(x, r, subordinators)) {
      int end = x->t->n;
      while (end > r && x->t->v[end - 1].k == QT_PUNCT &&
             !t_is(x, end - 1, "\xE2\x80\x9D") && !t_is(x, end - 1, ")"))
        end--;
      SB b = {0};
      int which = f->role && role_has_title(f->role) && ma < tok_at(x, f->start);
      if (which) {
        sb_str(&b, "Which ");
        /* the role as written before the name */
        sb_tokens(&b, x->s, x->t, ma, tok_at(x, f->start), -1, -1);
      } else {
        sb_str(&b, "Who");
      }
      sb_tokens(&b, x->s, x->t, r, end, -1, -1);
      sb_str(&b, "?");
      char *qq = sb_take(&b);
      if (question_ok(qq) && strlen(qq) < 240) {
        best = qq;
        *q = which ? 1.0 : 0.9;
      } else {
        free(qq);
      }
    }
  }
  /* 2. the speaker of a quote */
  if (!best && f->speaker) {
    char *quote = quote_of(x->s);
    if (quote) {
      char *qq = xprintf("Who said %s?", quote);
      free(quote);
      if (qq && strlen(qq) < 300 && !gen_has_unresolved(qq + 8 + 3) ) {
        best = qq;
        *q = 0.85;
      } else if (qq) {
        best = qq; /* quotes speak in the first person; that is fine */
        *q = 0.8;
      }
    }
  }
  /* 3. the role: "Who is the South Korean foreign minister?" */
  if (!best && f->role) {
    int words = 1;
    for (const char *p = f->role; *p; p++) words += *p == ' ';
    static const char *const vague[] = {
        "diplomat", "official", "lawmaker", "analyst", "expert", "scholar",
        "reporter", "correspondent", "journalist", "photographer", "delegate",
        "counterpart", "member", "aide", "activist", "leader", "President",
        "president", "Minister", "minister", NULL};
    const char *last = strrchr(f->role, ' ');
    int vague_head = 0;
    for (int i = 0; last && vague[i]; i++)
      if (!strcmp(last + 1, vague[i])) vague_head = 1;
    /* "the South Korean diplomat" could be anyone; "the South Korean
     * President" or "the Japanese Foreign Minister" is one person */
    if (vague_head && role_has_title(f->role)) {
      const char *l = last + 1;
      int office = (!strcmp(l, "President") || !strcmp(l, "president") ||
                    !strcmp(l, "Minister") || !strcmp(l, "minister"));
      if (office) vague_head = 0;
    }
    /* a bare title ("the Prime Minister", "the Secretary General") does
     * not say of which country or body */
    int qualified = !role_has_title(f->role);
    for (const char *w = f->role; *w && !qualified;) {
      while (*w == ' ') w++;
      const char *e2 = w;
      while (*e2 && *e2 != ' ') e2++;
      size_t wl = (size_t)(e2 - w);
      if (wl && (qlex_is_nationality(lx, w, wl) || qlex_is_country(lx, w, wl)))
        qualified = 1;
      int caps = wl >= 2;
      for (size_t k = 0; k < wl; k++)
        if (!isupper((unsigned char)w[k]) && w[k] != '.') caps = 0;
      if (caps) qualified = 1;
      w = e2;
    }
    if (words >= 2 && qualified && !vague_head && !gen_has_unresolved(f->role) &&
        strncasecmp(f->role, "former", 6) && strncasecmp(f->role, "then", 4)) {
      /* offices change hands: asked at the article's date when known
       * ("Who was the Japanese Foreign Minister in November 2023?") */
      static const char *const months[] = {
          "", "January", "February", "March", "April", "May", "June", "July",
          "August", "September", "October", "November", "December"};
      const char *the = role_has_title(f->role) ? "the " : "";
      char *qq;
      if (x->year && x->month >= 1 && x->month <= 12)
        qq = xprintf("Who was %s%s in %s %d?", the, f->role, months[x->month],
                     x->year);
      else if (x->year)
        qq = xprintf("Who was %s%s in %d?", the, f->role, x->year);
      else
        qq = xprintf("Who is %s%s?", the, f->role);
      if (question_ok(qq)) {
        best = qq;
        *q = 0.8;
      } else {
        free(qq);
      }
    }
  }
  return best;
}

/* The clause a phrase after commas belongs to: "A met B, Jane Roe, in
 * Lyon, France, on May 3": from the comma before c0, back over chunks that
 * are only names or a preposition and names, to the chunk with the verb.
 * Returns its first token, or -1. */
static int host_clause(const Sent *x, int c0) {
  int j = c0 - 1, hops = 0;
  while (t_is(x, j, ",") && hops < 4) {
    int k = j - 1;
    while (k >= 0 && !is_boundary_punct(x, k)) k--;
    int a = k + 1, i = a;
    if (t_is(x, i, "in") || t_is(x, i, "at") || t_is(x, i, "near")) i++;
    int names = i < j;
    for (; i < j; i++)
      if (!t_word(x, i) || !x->t->v[i].cap) names = 0;
    if (!names || j - a > 5) return k >= -1 && hops > 0 ? a : -1;
    j = k;
    hops++;
  }
  return -1;
}

static char *date_question(const QLex *lx, const Sent *x, const QFact *f,
                           double *q) {
  int ra = tok_at(x, f->qstart), rb = tok_at(x, f->qend);
  *q = 0;
  if (f->adj) {
    /* "the 1945 U.S. atomic bomb attack" -> when did the attack take place */
    int a = ra, e = rb;
    int d0 = a - 1;
    while (d0 >= 0 && d0 >= a - 3 && t_lower(x, d0) &&
           !t_is(x, d0, "a") && !t_is(x, d0, "an") && !t_is(x, d0, "the") &&
           !t_in(x, d0, subordinators) && !t_in(x, d0, aux))
      d0--;
    int det = d0 >= 0 && (t_is(x, d0, "a") || t_is(x, d0, "an") ||
                          t_is(x, d0, "the"));
    if (det) a = d0 + 1; /* adjectives from here */
    int poss = a > 1 && x->t->v[a - 1].k == QT_POSS;
    int adj_start = a;
    if (det) adj_start = a - 1;
    static const char *const stop[] = {"as", "to", "and", "in", "on", "by",
                                       "for", "with", "from", "at", "of",
                                       "or", "but", "than", NULL};
    while (e < x->t->n && (t_word(x, e) && !t_in(x, e, subordinators) &&
                           !t_in(x, e, aux) && !t_in(x, e, stop)))
      e++;
    /* "of Hiroshima", "by South Korea's East Asia Institute" */
    if ((t_is(x, e, "of") || t_is(x, e, "by")) && t_word(x, e + 1) &&
        x->t->v[e + 1].cap) {
      e += 2;
      while (e < x->t->n &&
             ((t_word(x, e) && x->t->v[e].cap) || x->t->v[e].k == QT_POSS ||
              (t_is(x, e, "and") && e + 1 < x->t->n && x->t->v[e + 1].cap)))
        e++;
    }
    if (e - rb < 1 || e - rb > 16) return NULL;
    SB b = {0};
    int range = f->sub == QD_RANGE;
    sb_str(&b, range ? "During which years did " : "In what year did ");
    if (poss) {
      /* "Japan's brutal occupation of Korea" */
      int ps = a - 2;
      while (ps > 0 && t_word(x, ps - 1) && x->t->v[ps - 1].cap) ps--;
      sb_tokens(&b, x->s, x->t, ps, a, -1, -1);
    } else {
      sb_str(&b, "the");
      /* adjectives between the article and the date: "a joint 2021 poll" */
      if (det && a < ra) sb_tokens(&b, x->s, x->t, a, ra, -1, -1);
    }
    sb_tokens(&b, x->s, x->t, rb, e, -1, -1);
    sb_str(&b, " take place?");
    (void)adj_start;
    char *qq = sb_take(&b);
    if (question_ok(qq)) {
      *q = 0.75;
      return qq;
    }
    free(qq);
    return NULL;
  }
  int c0, c1;
  clause_of(x, ra, rb, &c0, &c1);
  /* a date in a leading phrase: "As foreign minister in 2015, Kishida ..." */
  static const char *const lead_preps[] = {
      "as", "in", "during", "after", "before", "since", "on", "by",
      "following", "until", "earlier", "later", "from", "at", NULL};
  if (c1 < x->t->n && t_is(x, c1, ",") && c0 == 0 && t_in(x, 0, lead_preps)) {
    int n0 = c1 + 1, n1;
    clause_of(x, n0, n0 + 1, &n0, &n1);
    n0 = c1 + 1;
    char *qq = invert(lx, x, date_wh(f->sub), n0, n1, -1, -1);
    if (question_ok(qq)) {
      *q = 0.8;
      return qq;
    }
    free(qq);
  }
  const char *wh = date_wh(f->sub);
  if (t_is(x, ra, "since")) wh = f->sub == QD_YEAR ? "Since what year" : "Since when";
  if (t_is(x, ra, "until")) wh = "Until when";
  char *qq = invert(lx, x, wh, c0, c1, ra, rb);
  if (question_ok(qq)) {
    *q = 0.9;
    return qq;
  }
  free(qq);
  /* "A met B in Lyon, France, on May 3 for talks" */
  int h = c0 == ra ? host_clause(x, c0) : -1;
  if (h >= 0) {
    int h0, h1;
    clause_of(x, h, h + 1, &h0, &h1);
    qq = invert(lx, x, wh, h0, c1, ra - 1, rb);
    if (question_ok_owned(qq)) {
      *q = 0.85;
      return qq;
    }
    free(qq);
  }
  return NULL;
}

static char *place_question(const QLex *lx, const Sent *x, const QFact *f,
                            double *q) {
  int ra = tok_at(x, f->qstart), rb = tok_at(x, f->end);
  int aa = tok_at(x, f->start);
  *q = 0;
  int prep = ra < aa && (t_is(x, ra, "in") || t_is(x, ra, "at"));
  if (prep) {
    char *qq = place_event_question(lx, x, f, ra);
    if (question_ok(qq)) {
      *q = 0.95;
      return qq;
    }
    free(qq);
  }
  static const char *const ofev[] = {"bombing", "occupation", "invasion",
                                     "annexation", "liberation", "siege",
                                     "battle", "capture", "fall", NULL};
  if (ra < aa && t_is(x, ra, "of") && t_in(x, ra - 1, ofev)) {
    int noun = ra - 1, a = noun;
    while (a > 0) {
      int p = a - 1;
      if (t_is(x, p, "the") || t_is(x, p, "a")) {
        a = p;
        break;
      }
      if (x->t->v[p].k == QT_POSS && p > 0 && x->t->v[p - 1].cap) {
        a = p - 1;
        while (a > 0 && t_word(x, a - 1) && x->t->v[a - 1].cap) a--;
        break;
      }
      if (t_word(x, p) && !t_in(x, p, subordinators) && !t_in(x, p, aux) &&
          !t_is(x, p, "of") && !t_is(x, p, "over") && !t_is(x, p, "to") &&
          !t_is(x, p, "by") && !t_is(x, p, "in") && !t_is(x, p, "and")) {
        a = p;
        continue;
      }
      if (x->t->v[p].k == QT_NUM || t_is(x, p, "-")) {
        a = p;
        continue;
      }
      break;
    }
    const char *kind = f->sub == QP_CITY      ? "Which city"
                       : f->sub == QP_COUNTRY ? "Which country"
                       : f->sub == QP_REGION  ? "Which region"
                                              : "Which place";
    SB b = {0};
    sb_str(&b, kind);
    sb_str(&b, " suffered ");
    if (t_is(x, a, "a")) {
      sb_str(&b, "the");
      a++;
    }
    sb_tokens(&b, x->s, x->t, a, noun + 1, -1, -1);
    /* "the Korean Peninsula (1910-1945)": keep the years with the event */
    int ye = rb;
    if (t_is(x, ye, "(") && ye + 2 < x->t->n) {
      int k = ye + 1;
      while (k < x->t->n && k < ye + 6 &&
             (x->t->v[k].k == QT_NUM || t_is(x, k, "-") ||
              t_is(x, k, "\xE2\x80\x93")))
        k++;
      if (k > ye + 1 && t_is(x, k, ")")) {
        sb_str(&b, " (");
        sb_tokens(&b, x->s, x->t, ye + 1, k, -1, -1);
        sb_str(&b, ")");
      }
    }
    sb_str(&b, "?");
    char *qq = sb_take(&b);
    if (question_ok(qq)) {
      *q = 0.85;
      return qq;
    }
    free(qq);
    return NULL;
  }
  int c0, c1;
  clause_of(x, ra, rb, &c0, &c1);
  const char *wh;
  char buf[64];
  if (prep) {
    switch (f->sub) {
    case QP_CITY: wh = "In which city"; break;
    case QP_COUNTRY: wh = "In which country"; break;
    default: wh = "Where"; break;
    }
  } else {
    switch (f->sub) {
    case QP_CITY: wh = "Which city"; break;
    case QP_COUNTRY: wh = "Which country"; break;
    case QP_REGION: wh = "Which region"; break;
    default: wh = "Which place"; break;
    }
    /* keep the preposition ("go to"), drop the determiner and the name */
    ra = aa;
    if (ra > 0 && (t_is(x, ra - 1, "the") || t_is(x, ra - 1, "a"))) ra--;
  }
  snprintf(buf, sizeof buf, "%s", wh);
  char *qq = invert(lx, x, buf, c0, c1, ra, rb);
  if (question_ok(qq)) {
    *q = 0.85;
    return qq;
  }
  free(qq);
  /* "A met her counterpart, B, in Lyon": the place belongs to the clause
   * before the appositive name */
  if (prep && t_is(x, ra - 1, ",")) {
    int k = ra - 2;
    while (k >= 0 && t_word(x, k) && x->t->v[k].cap && ra - 2 - k < 4) k--;
    if (k < ra - 2 && k > 0 && t_is(x, k, ",")) {
      int a0, a1;
      clause_of(x, k - 1, k, &a0, &a1);
      qq = invert(lx, x, buf, a0, c1, ra - 1, rb);
      if (question_ok_owned(qq)) {
        *q = 0.85;
        return qq;
      }
      free(qq);
    }
  }
  return NULL;
}

static char *number_question(const QLex *lx, const Sent *x, const QFact *f,
                             double *q) {
  (void)lx;
  int a = tok_at(x, f->start), e = tok_at(x, f->end);
  *q = 0;
  if (f->sub == QN_PERCENT && t_is(x, e, "of")) {
    int c0, c1;
    clause_of(x, a, e, &c0, &c1);
    if (c1 - e < 3) return NULL;
    /* the share is the object of a verb: "China accounted for about 22
     * percent of Japan's exports in 2022" -> "What share of Japan's
     * exports did China account for in 2022?" */
    int p = a - 1;
    static const char *const approx[] = {"about", "around", "roughly",
                                         "nearly", "almost", "some",
                                         "over", "under", "just", NULL};
    while (p > c0 && t_in(x, p, approx)) p--;
    if (t_is(x, p, "than") && (t_is(x, p - 1, "more") || t_is(x, p - 1, "less")))
      p -= 2;
    int prep = t_is(x, p, "for") || t_is(x, p, "up");
    int vi = prep ? p - 1 : p;
    char base[64];
    if (vi > c0 && t_lower(x, vi) &&
        past_to_base(lx, x->s + x->t->v[vi].s,
                     (size_t)(x->t->v[vi].e - x->t->v[vi].s), base, sizeof base)) {
      int sa = c0, se = vi;
      if (se - 1 > sa && (t_is(x, se - 1, "had") || t_is(x, se - 1, "has") ||
                          t_is(x, se - 1, "have")))
        se--;
      /* the subject: capitalised words only (a name), no pronoun */
      int ok = se > sa && se - sa <= 4;
      for (int i = sa; ok && i < se; i++)
        if (!t_word(x, i) || !x->t->v[i].cap ||
            (qlex_word_class(lx, x->s + x->t->v[i].s,
                             (size_t)(x->t->v[i].e - x->t->v[i].s)) & QLEX_FUNC))
          ok = 0;
      /* "of" noun phrase up to a preposition of time or place */
      int ne = e + 1;
      static const char *const stop[] = {"in", "on", "at", "during", "by",
                                         "since", "last", "this", NULL};
      while (ne < c1 && !t_in(x, ne, stop)) ne++;
      if (ok && ne > e + 1) {
        SB b = {0};
        sb_str(&b, "What share");
        sb_tokens(&b, x->s, x->t, e, ne, -1, -1);
        sb_str(&b, " did");
        sb_tokens(&b, x->s, x->t, sa, se, -1, -1);
        sb_str(&b, " ");
        sb_str(&b, base);
        if (prep) sb_tokens(&b, x->s, x->t, p, p + 1, -1, -1);
        sb_tokens(&b, x->s, x->t, ne, c1, -1, -1);
        sb_str(&b, "?");
        char *qq = sb_take(&b);
        if (question_ok(qq)) {
          *q = 0.8;
          return qq;
        }
        free(qq);
        return NULL;
      }
    }
    SB b = {0};
    sb_str(&b, "What percentage");
    sb_tokens(&b, x->s, x->t, e, c1, -1, -1);
    sb_str(&b, "?");
    char *qq = sb_take(&b);
    if (question_ok(qq)) {
      *q = 0.8;
      return qq;
    }
    free(qq);
    return NULL;
  }
  if (f->sub == QN_COUNT && f->role) {
    /* "More than 30,000 Koreans ... are estimated to have died" */
    int s0 = a;
    if (t_is(x, a - 1, "than") && t_is(x, a - 2, "more")) s0 = a - 2;
    if (s0 != 0) return NULL;
    int n = e + 1; /* the counted noun */
    int v = n;
    /* skip a dash aside */
    if (t_is(x, v, "\xE2\x80\x93") || t_is(x, v, "\xE2\x80\x94")) {
      int j = v + 1;
      while (j < x->t->n && !t_is(x, j, "\xE2\x80\x93") &&
             !t_is(x, j, "\xE2\x80\x94"))
        j++;
      v = j + 1;
    }
    if (!t_in(x, v, aux)) return NULL;
    int end = x->t->n;
    while (end > v && x->t->v[end - 1].k == QT_PUNCT) end--;
    SB b = {0};
    sb_str(&b, "How many");
    sb_tokens(&b, x->s, x->t, e, n, -1, -1);
    sb_tokens(&b, x->s, x->t, v, end, -1, -1);
    sb_str(&b, "?");
    char *qq = sb_take(&b);
    if (question_ok(qq)) {
      *q = 0.85;
      return qq;
    }
    free(qq);
  }
  return NULL;
}

static char *org_question(const QLex *lx, const Sent *x, const QFact *f,
                          double *q) {
  *q = 0;
  int a = tok_at(x, f->start), e = tok_at(x, f->end);
  int c0, c1;
  clause_of(x, a, e, &c0, &c1);
  /* subject of its clause */
  int s0 = a;
  if (s0 > 0 && x->t->v[s0 - 1].k == QT_POSS) s0 -= 2;
  while (s0 > 0 && t_word(x, s0 - 1) && x->t->v[s0 - 1].cap) s0--;
  if (s0 > 0 && (t_is(x, s0 - 1, "the") || t_is(x, s0 - 1, "The"))) s0--;
  if (s0 != c0 || c0 != 0 || !t_lower(x, e) || t_in(x, e, subordinators))
    return NULL;
  {
    /* "the Supreme Court ordered ..." yes; "Assembly members gathered" no */
    char vb[64];
    const QTok *v = &x->t->v[e];
    if (!t_in(x, e, aux) &&
        !past_to_base(lx, x->s + v->s, (size_t)(v->e - v->s), vb, sizeof vb))
      return NULL;
  }
  const QTok *last = &x->t->v[e - 1];
  char head[48];
  size_t hl = (size_t)(last->e - last->s);
  static const char *const heads[][2] = {
      {"Times", "news outlet"}, {"Post", "news outlet"},
      {"Journal", "news outlet"}, {"Herald", "news outlet"},
      {"Daily", "news outlet"}, {"News", "news outlet"},
      {"Press", "news agency"}, {"Agency", "agency"},
      {"Electronics", "company"}, {"Corporation", "company"},
      {"Corp", "company"}, {"Inc", "company"}, {"Ltd", "company"},
      {"Motors", "company"}, {"Industries", "company"},
      {"Holdings", "company"}, {"Airlines", "airline"},
      {"Group", "group"}, {"University", "university"},
      {"Institute", "institute"}, {"Council", "council"},
      {"Court", "court"}, {"Party", "party"}, {"party", "party"},
      {"Foundation", "foundation"}, {"Center", "centre"},
      {"Centre", "centre"}, {"Assembly", "assembly"},
      {"Ministry", "ministry"}, {"Office", "office"},
      {"Commission", "commission"}, {"Committee", "committee"},
      {"Bank", "bank"}, {"Army", "military force"}, {"Navy", "navy"},
      {NULL, NULL}};
  snprintf(head, sizeof head, "organisation");
  for (int i = 0; heads[i][0] && !last->upper && hl < sizeof head; i++)
    if (strlen(heads[i][0]) == hl && !strncmp(heads[i][0], x->s + last->s, hl))
      snprintf(head, sizeof head, "%s", heads[i][1]);
  int end = x->t->n;
  while (end > e && x->t->v[end - 1].k == QT_PUNCT) end--;
  SB b = {0};
  sb_str(&b, "Which ");
  sb_str(&b, head);
  sb_tokens(&b, x->s, x->t, e, end, -1, -1);
  sb_str(&b, "?");
  char *qq = sb_take(&b);
  if (question_ok(qq)) {
    *q = 0.75;
    return qq;
  }
  free(qq);
  return NULL;
}

static char *cloze_of(const Sent *x, const QFact *f, double *q) {
  *q = 0;
  size_t n = strlen(x->s);
  if (f->start < 0 || (size_t)f->end > n || f->end <= f->start) return NULL;
  /* a sentence that leans on what came before is no card */
  char lead[16];
  size_t k = 0;
  while (k < sizeof lead - 1 && isalpha((unsigned char)x->s[k])) {
    lead[k] = x->s[k];
    k++;
  }
  lead[k] = 0;
  static const char *const bad_lead[] = {
      "He", "She", "It", "They", "This", "These", "Those", "That", "His",
      "Her", "Their", "Its", "We", "Also", "Such", "Similarly", "Likewise",
      NULL};
  for (int i = 0; bad_lead[i]; i++)
    if (!strcmp(lead, bad_lead[i])) return NULL;
  const char *colon = strstr(x->s, ": ");
  if (colon && colon - x->s < 40) {
    const char *w = colon + 2;
    for (int i = 0; bad_lead[i]; i++) {
      size_t l = strlen(bad_lead[i]);
      if (!strncmp(w, bad_lead[i], l) && !isalpha((unsigned char)w[l])) return NULL;
    }
  }
  /* deixis outside the gap makes the sentence ambiguous */
  size_t tail = n - (size_t)f->end;
  char *tmp = malloc((size_t)f->start + 4 + tail + 1);
  if (!tmp) return NULL;
  memcpy(tmp, x->s, (size_t)f->start);
  memcpy(tmp + f->start, "____", 4);
  memcpy(tmp + f->start + 4, x->s + f->end, tail + 1);
  /* a leading relative-time phrase ("On Sunday, ", "A week before, ") says
   * nothing about the gap: drop it */
  const char *comma = strchr(tmp, ',');
  if (comma && comma - tmp < 40 && tmp + f->start > comma) {
    size_t pl = (size_t)(comma - tmp);
    char head[48];
    memcpy(head, tmp, pl);
    head[pl] = 0;
    if (has_relative_time(head) || !strcasecmp(head, "a week before") ||
        !strcasecmp(head, "a day earlier") || !strcasecmp(head, "last week")) {
      const char *rest = comma + 1;
      while (*rest == ' ') rest++;
      memmove(tmp, rest, strlen(rest) + 1);
      if (islower((unsigned char)tmp[0])) tmp[0] = (char)toupper((unsigned char)tmp[0]);
    }
  }
  /* relative time the card alone cannot pin down ("on Sunday", "last
   * October", "this month"); pronouns mid-sentence usually have their
   * referent in the sentence and are tolerated */
  if (has_relative_time(tmp)) {
    free(tmp);
    return NULL;
  }
  /* "with 49 per cent feeling similarly", "on the same day": the meaning
   * hangs on a sentence the card does not show */
  if (unresolved_scan(tmp, UR_BACKREF)) {
    free(tmp);
    return NULL;
  }
  int words = 1;
  for (const char *p = tmp; *p; p++) words += *p == ' ';
  if (words < 6) {
    free(tmp);
    return NULL;
  }
  *q = words > 45 ? 0.6 : words > 32 ? 0.8 : 0.9;
  if (!f->full) *q -= 0.15;
  return tmp;
}

/* A plain verb form ("oppose", "lead"): the dictionary also has its past
 * in -ed or -d.  (Nouns rarely do; 3rd-person "-s" forms are not taken,
 * they are too often plural nouns.) */
static int is_verb_base(const QLex *lx, const char *w, size_t n) {
  char b[64];
  if (n < 2 || n + 3 > sizeof b || w[n - 1] == 's') return 0;
  memcpy(b, w, n);
  if (w[n - 1] == 'e') {
    memcpy(b + n, "d", 2);
    return qlex_is_common(lx, b, n + 1);
  }
  memcpy(b + n, "ed", 3);
  return qlex_is_common(lx, b, n + 2);
}

/* The last check of a rewritten question before it becomes a card: it
 * has a finite verb, keeps the sentence's capitalised names capitalised,
 * and does not end on a word that needs more after it.  A question that
 * fails is dropped; the fact keeps its cloze and multiple choice. */
static int question_grammatical(const QLex *lx, const char *q,
                                const char *sentence) {
  size_t n = strlen(q);
  if (n < 2 || q[n - 1] != '?') return 0;
  if (strstr(q, "  ") || strstr(q, " ,") || strstr(q, ",?") ||
      strstr(q, " ?") || strstr(q, ", ,"))
    return 0;
  static const char *const dangling[] = {"the", "a", "an", "and", "or", "of",
                                         "but", "that", "which", "who",
                                         "whose", "than", "as", "when",
                                         "after", "before", "while", NULL};
  int verb = 0, first = 1, in_quote = 0;
  const char *last = NULL;
  size_t last_n = 0;
  for (size_t i = 0; i < n;) {
    unsigned char c = (unsigned char)q[i];
    if (c == '"') in_quote = !in_quote;
    if (i + 2 < n && c == 0xE2 && (unsigned char)q[i + 1] == 0x80) {
      if ((unsigned char)q[i + 2] == 0x9C) in_quote = 1;
      if ((unsigned char)q[i + 2] == 0x9D) in_quote = 0;
    }
    if (!isalpha(c) || (i > 0 && (isalnum((unsigned char)q[i - 1]) ||
                                  q[i - 1] == '-' || q[i - 1] == '\''))) {
      i++;
      continue;
    }
    size_t b = i;
    while (i < n && isalpha((unsigned char)q[i])) i++;
    const char *w = q + b;
    size_t wl = i - b;
    int hyph = i < n && q[i] == '-';
    last = w;
    last_n = wl;
    if (in_quote) {
      first = 0;
      continue;
    }
    if (islower((unsigned char)w[0]) && !hyph) {
      char base[64];
      if (in_list(w, wl, aux) || past_to_base(lx, w, wl, base, sizeof base) ||
          is_verb_base(lx, w, wl) ||
          (first == 0 && word_eq(q, 3, "Who") && b == 4 &&
           present_to_base(lx, w, wl, base, sizeof base)))
        verb = 1;
      /* a name the sentence capitalises must not come out lowercased */
      char cap[64];
      if (wl < sizeof cap) {
        memcpy(cap, w, wl);
        cap[wl] = 0;
        cap[0] = (char)toupper((unsigned char)cap[0]);
        unsigned cls = qlex_word_class(lx, cap, wl);
        if (cls & (QLEX_COUNTRY | QLEX_NATION | QLEX_REGION)) {
          const char *p = sentence;
          while ((p = strstr(p, cap)) != NULL) {
            if ((p == sentence || !isalnum((unsigned char)p[-1])) &&
                !isalpha((unsigned char)p[wl]))
              return 0;
            p += wl;
          }
        }
      }
    }
    first = 0;
  }
  if (!verb) return 0;
  if (last && in_list(last, last_n, dangling)) return 0;
  /* a second clause with its own subject ("Who went to Oslo, and the
   * ministers cancelled a forum?") asks two things at once */
  static const char *const conj[] = {", and ", ", but ", NULL};
  for (int k = 0; conj[k]; k++)
    for (const char *p = strstr(q, conj[k]); p; p = strstr(p + 1, conj[k])) {
      const char *w = p + strlen(conj[k]);
      for (int words = 0; words < 5 && *w && *w != ',' && *w != '?'; words++) {
        const char *e = w;
        while (isalpha((unsigned char)*e)) e++;
        char base[64];
        if (words > 0 && e > w && islower((unsigned char)*w) &&
            (in_list(w, (size_t)(e - w), aux) ||
             past_to_base(lx, w, (size_t)(e - w), base, sizeof base)))
          return 0;
        while (*e == ' ') e++;
        if (e == w) break;
        w = e;
      }
    }
  return 1;
}

/* ------------------------------------------------------------------ */
/* Collecting                                                          */

static int slot_find(const QGen *g, QFactType type, const char *key,
                     uint64_t h) {
  if (!g->n_slots) return -1;
  size_t j = h & (g->n_slots - 1);
  while (g->slots[j]) {
    const Entry *e = &g->e[g->slots[j] - 1];
    if (e->type == type && !strcmp(e->key, key)) return g->slots[j] - 1;
    j = (j + 1) & (g->n_slots - 1);
  }
  return -1;
}

static uint64_t entry_hash(QFactType type, const char *key) {
  uint64_t h = fnv_init();
  h ^= (uint64_t)type;
  h *= 1099511628211ULL;
  return fnv(key, h);
}

static int slots_grow(QGen *g) {
  size_t nn = g->n_slots ? g->n_slots * 2 : 1024;
  int *ns = calloc(nn, sizeof *ns);
  if (!ns) return QD_ENOMEM;
  for (int i = 0; i < g->n; i++) {
    size_t j = entry_hash(g->e[i].type, g->e[i].key) & (nn - 1);
    while (ns[j]) j = (j + 1) & (nn - 1);
    ns[j] = i + 1;
  }
  free(g->slots);
  g->slots = ns;
  g->n_slots = nn;
  return 0;
}

static Entry *entry_get(QGen *g, const QFact *f) {
  uint64_t h = entry_hash(f->type, f->key);
  int i = slot_find(g, f->type, f->key, h);
  if (i >= 0) return &g->e[i];
  if ((size_t)(g->n + 1) * 2 > g->n_slots && slots_grow(g) < 0) return NULL;
  if (g->n == g->cap) {
    int nc = g->cap ? g->cap * 2 : 256;
    Entry *ne = realloc(g->e, (size_t)nc * sizeof *ne);
    if (!ne) return NULL;
    g->e = ne;
    g->cap = nc;
  }
  Entry *e = &g->e[g->n];
  memset(e, 0, sizeof *e);
  e->type = f->type;
  e->sub = f->sub;
  e->key = strdup(f->key);
  e->answer = strdup(f->answer);
  if (!e->key || !e->answer) {
    free(e->key);
    free(e->answer);
    return NULL;
  }
  e->norm = xstrdup(f->norm);
  e->year = f->year;
  e->month = f->month;
  e->day = f->day;
  e->year2 = f->year2;
  e->value = f->value;
  e->caption_only = 1;
  size_t j = h & (g->n_slots - 1);
  while (g->slots[j]) j = (j + 1) & (g->n_slots - 1);
  g->slots[j] = g->n + 1;
  g->n++;
  return e;
}

static void add_alias(Entry *e, const char *a) {
  if (!a || !*a || e->n_aliases >= GEN_MAX_ALIASES) return;
  if (!strcmp(a, e->answer)) return;
  for (int i = 0; i < e->n_aliases; i++)
    if (!strcmp(e->aliases[i], a)) return;
  char *d = strdup(a);
  if (d) e->aliases[e->n_aliases++] = d;
}

static int cand_offer(Cand *c, char *text, double q, const char *sentence,
                      const char *article) {
  if (!text) return 0;
  if (!c->text || q > c->q + 1e-9) {
    char *sd = strdup(sentence), *ad = strdup(article);
    if (!sd || !ad) {
      free(sd);
      free(ad);
      free(text);
      return QD_ENOMEM;
    }
    free(c->text);
    free(c->sentence);
    free(c->article);
    c->text = text;
    c->q = q;
    c->sentence = sd;
    c->article = ad;
  } else {
    free(text);
  }
  return 0;
}

/* A year 1900-2099 standing alone in s[0..n), the one nearest byte `near`
 * when there are several: its value, else 0. */
static int year_near(const char *s, size_t n, size_t near) {
  int best = 0;
  size_t best_d = (size_t)-1;
  for (size_t i = 0; i + 4 <= n; i++) {
    if (i > 0 && (isalnum((unsigned char)s[i - 1]) || s[i - 1] == ',' ||
                  s[i - 1] == '.' || s[i - 1] == '$'))
      continue;
    if (!isdigit((unsigned char)s[i]) || !isdigit((unsigned char)s[i + 1]) ||
        !isdigit((unsigned char)s[i + 2]) || !isdigit((unsigned char)s[i + 3]))
      continue;
    if (i + 4 < n && (isalnum((unsigned char)s[i + 4]) ||
                      (s[i + 4] == ',' && isdigit((unsigned char)s[i + 5])) ||
                      s[i + 4] == '%'))
      continue;
    int y = (s[i] - '0') * 1000 + (s[i + 1] - '0') * 100 +
            (s[i + 2] - '0') * 10 + (s[i + 3] - '0');
    size_t d = i > near ? i - near : near - i;
    if (y >= 1900 && y <= 2099 && d < best_d) {
      best = y;
      best_d = d;
    }
  }
  return best;
}

static int year_in(const char *s, size_t n) { return year_near(s, n, 0); }

/* 1 if the sentence gives another value of the same measure outside the
 * answer: a second share ("63 per cent ... down from 72 per cent") or a
 * change ("up from", "down from", "compared with"). */
static int second_value(const Sent *x, const QFact *f) {
  static const char *const change[] = {"up from", "down from", "compared with",
                                       "compared to", "rose from", "fell from",
                                       "from a", NULL};
  for (int k = 0; change[k]; k++)
    if (ci_find(x->s, change[k])) return 1;
  if (f->sub != QN_PERCENT) return 0;
  static const char *const pct[] = {"per cent", "percent", "%", NULL};
  for (int k = 0; pct[k]; k++) {
    const char *p = x->s;
    while ((p = ci_find(p, pct[k])) != NULL) {
      long at = (long)(p - x->s);
      if (at < f->start || at >= f->end) return 1;
      p += strlen(pct[k]);
    }
  }
  return 0;
}

/* Figures change: "what percentage of South Koreans had a negative
 * impression of Japan" was 72 per cent a year before it was 63.  A share,
 * or a count asked in the present ("how many troops are stationed"),
 * gets its time: the sentence's year ("In a 2021 poll, what percentage
 * ..."), else the article's ("As of 2023, how many ...").  With no time
 * to give, a sentence that holds a second value of the measure asks no
 * question.  Takes `qa` (owned) and returns the question to use (owned)
 * or NULL. */
static char *number_in_time(const Sent *x, const QFact *f, char *qa,
                            int *undated) {
  if (f->type != QF_NUMBER) return qa;
  if (!qa) {
    /* no question, but a multiple choice would ask it: a share with a
     * second value beside it and no time to tell them apart */
    if (f->sub == QN_PERCENT && !x->year && !year_in(x->s, strlen(x->s)) &&
        second_value(x, f))
      *undated = 1;
    return NULL;
  }
  int dated = year_in(qa, strlen(qa)) != 0;
  int present = ci_find(qa, " are ") || ci_find(qa, " is ") ||
                ci_find(qa, " has ") || ci_find(qa, " have ");
  int changes = f->sub == QN_PERCENT || (f->sub == QN_COUNT && present);
  if (dated || !changes) return qa;
  /* "In 1997, 40 per cent ... ; by 2021, 63 per cent": the nearest */
  int y = year_near(x->s, strlen(x->s), (size_t)f->start);
  static const char *const studies[] = {"poll", "survey", "census", "study",
                                        NULL};
  const char *study = NULL;
  for (int k = 0; studies[k] && !study; k++) {
    const char *p = ci_find(x->s, studies[k]);
    size_t l = strlen(studies[k]);
    if (p && (p == x->s || !isalpha((unsigned char)p[-1])) &&
        (!isalpha((unsigned char)p[l]) || p[l] == 's'))
      study = studies[k];
  }
  char lead[64];
  if (y && study)
    snprintf(lead, sizeof lead, "In a %d %s, ", y, study);
  else if (y)
    snprintf(lead, sizeof lead, "In %d, ", y);
  else if (x->year && study)
    snprintf(lead, sizeof lead, "In a %s reported in %d, ", study, x->year);
  else if (x->year)
    snprintf(lead, sizeof lead, "As of %d, ", x->year);
  else if (second_value(x, f)) {
    *undated = 1;
    free(qa);
    return NULL;
  } else {
    return qa;
  }
  char *t = xprintf("%s%c%s", lead, tolower((unsigned char)qa[0]), qa + 1);
  free(qa);
  return t;
}

int gen_add(QGen *g, const QDoc *doc, const QFacts *facts) {
  g->tok_sent = NULL;
  for (int i = 0; i < facts->n; i++) {
    const QFact *f = &facts->v[i];
    if (f->sent < 0 || f->sent >= doc->n_sent) continue;
    const QSentence *qs = &doc->sent[f->sent];
    Entry *e = entry_get(g, f);
    if (!e) return QD_ENOMEM;
    e->mentions++;
    if (!qs->caption) e->caption_only = 0;
    /* a full mention gives the display answer; keep the other spellings */
    if (f->full && f->type == QF_PERSON && strcmp(f->answer, e->answer)) {
      add_alias(e, f->answer);
    }
    if (f->surface) add_alias(e, f->surface);
    if (f->role && (!e->role || (f->type == QF_PERSON &&
                                 role_has_title(f->role) &&
                                 !role_has_title(e->role)))) {
      free(e->role);
      e->role = strdup(f->role);
    }
    /* source */
    int have = 0, same_article = 0;
    const char *title = doc->title ? doc->title : doc->name;
    for (int k = 0; k < e->n_src; k++) {
      if (strcmp(e->src[k].article, title)) continue;
      same_article++;
      if (!strcmp(e->src[k].sentence, qs->text)) have = 1;
    }
    int slot = -1;
    if (!have && e->n_src < GEN_MAX_SOURCES) {
      slot = e->n_src++;
    } else if (!have && same_article == 0) {
      /* keep one source per article before a second from the same one:
       * replace the last source of an article that has several */
      for (int k = e->n_src - 1; k > 0 && slot < 0; k--)
        for (int m = 0; m < k; m++)
          if (!strcmp(e->src[m].article, e->src[k].article)) {
            slot = k;
            break;
          }
      if (slot >= 0) {
        free(e->src[slot].article);
        free(e->src[slot].sentence);
        e->src[slot].article = NULL;
        e->src[slot].sentence = NULL;
      }
    }
    if (slot >= 0) {
      QCardSource *s = &e->src[slot];
      s->article = strdup(title);
      s->sentence = strdup(qs->text);
      if (!s->article || !s->sentence) return QD_ENOMEM;
    }
    /* candidate wordings from this sentence; a fact seen many times
     * already has its best wording from the first mentions */
    if (e->mentions > 8 && e->qa.text && e->cloze.text) continue;
    const QToks *toks = &g->toks;
    if (facts->sent_toks && f->sent < facts->n_sent_toks &&
        facts->toks_doc == f->doc) {
      toks = &facts->sent_toks[f->sent]; /* made by the extractor */
    } else if (g->tok_sent != qs->text) {
      if (extract_tokenize(qs->text, &g->toks) < 0) return QD_ENOMEM;
      g->tok_sent = qs->text;
    }
    Sent x = {qs->text, toks, qs->caption, doc->year, doc->month, g->lx};
    double q = 0;
    char *qa = NULL;
    /* the best wording a sentence can give is known: skip the work when
     * it is already had (questions top at 1.0, clozes at 0.9) */
    int want_qa = !e->qa.text || e->qa.q < 1.0 - 1e-9;
    int want_cloze = !e->cloze.text || e->cloze.q < 0.9 - 1e-9;
    if (!want_qa) goto cloze;
    switch (f->type) {
    case QF_PERSON: qa = person_question(g->lx, &x, f, &q); break;
    case QF_DATE: qa = date_question(g->lx, &x, f, &q); break;
    case QF_PLACE: qa = place_question(g->lx, &x, f, &q); break;
    case QF_NUMBER:
      qa = number_in_time(&x, f, number_question(g->lx, &x, f, &q),
                          &e->undated);
      break;
    case QF_ORG: qa = org_question(g->lx, &x, f, &q); break;
    default: break;
    }
    if (qa && !question_grammatical(g->lx, qa, qs->text)) {
      free(qa);
      qa = NULL;
      q = 0;
    }
    if (qs->caption) q -= 0.15; /* prose reads better than captions */
    if (cand_offer(&e->qa, qa, q, qs->text, title) < 0) return QD_ENOMEM;
  cloze:
    if (!want_cloze) continue;
    double cq = 0;
    char *cz = cloze_of(&x, f, &cq);
    if (qs->caption) cq -= 0.1;
    if (cand_offer(&e->cloze, cz, cq, qs->text, title) < 0) return QD_ENOMEM;
  }
  return 0;
}

/* ------------------------------------------------------------------ */
/* Distractors                                                         */

typedef struct Pick {
  char *v[3];
  int n;
  const char *prompt; /* places named in the question are no distractors */
} Pick;

/* 1 if a word of `prompt` starts with the first five letters of `place`
 * ("Japanese" in the question rules out "Japan"). */
static int named_in_prompt(const char *prompt, const char *place) {
  if (!prompt) return 0;
  static const char *const compass[] = {"North", "South", "East", "West",
                                        "Central", "Upper", "Lower", "New",
                                        NULL};
  /* every word of the place ("South Korea": "Korea") */
  for (const char *p = place; *p;) {
    while (*p == ' ') p++;
    const char *w = p;
    while (*p && *p != ' ') p++;
    size_t wl = (size_t)(p - w);
    int skip = wl < 4 || !strncmp(w, "the", 3);
    for (int i = 0; compass[i] && !skip; i++)
      if (strlen(compass[i]) == wl && !strncmp(compass[i], w, wl)) skip = 1;
    if (skip) continue;
    size_t l = wl < 5 ? wl : 5;
    char stem[8];
    memcpy(stem, w, l);
    stem[l] = 0;
    for (const char *q = prompt; (q = ci_find(q, stem)) != NULL; q++)
      if (q == prompt || !isalpha((unsigned char)q[-1])) return 1;
  }
  return 0;
}

static int pick_has(const Pick *p, const char *s) {
  char *k = extract_key(s);
  if (!k) return 1;
  int dup = 0;
  for (int i = 0; i < p->n && !dup; i++) {
    char *ki = extract_key(p->v[i]);
    if (ki && !strcmp(ki, k)) dup = 1;
    free(ki);
  }
  free(k);
  return dup;
}

static int entry_accepts(const Entry *e, const char *s) {
  if (gen_is_variant(e->answer, s)) return 1;
  for (int i = 0; i < e->n_aliases; i++)
    if (gen_is_variant(e->aliases[i], s)) return 1;
  return 0;
}

static void pick_add(Pick *p, const Entry *e, const char *s) {
  if (p->n >= 3 || !s || !*s || entry_accepts(e, s) || pick_has(p, s)) return;
  if (e->type == QF_PLACE && named_in_prompt(p->prompt, s)) return;
  char *d = strdup(s);
  if (d) p->v[p->n++] = d;
}

static void pick_free(Pick *p) {
  for (int i = 0; i < p->n; i++) free(p->v[i]);
  p->n = 0;
}

static const char *const month_full[] = {
    "January", "February", "March",     "April",   "May",      "June",
    "July",    "August",   "September", "October", "November", "December"};

/* The latest year any date of the input mentions: distractors after it
 * would be dates the articles could not report. */
static int latest_year(const QGen *g) {
  int y = 0;
  for (int i = 0; i < g->n; i++) {
    const Entry *e = &g->e[i];
    if (e->type != QF_DATE) continue;
    int ey = e->year2 > e->year ? e->year2 : e->year;
    if (e->sub == QD_DAYRANGE) ey = e->year;
    if (ey > y && ey <= 2100) y = ey;
  }
  return y;
}

static void date_distractors(const QGen *g, const Entry *e, uint64_t h,
                             Pick *p, int max_year) {
  static const int offs[] = {-3, 2, -1, 4, -5, 1, 3, -2, 6, -4};
  int start = (int)(h % 4);
  char buf[64];
  const char *a = e->answer;
  for (int k = 0; k < 10 && p->n < 3; k++) {
    int o = offs[(start + k) % 10];
    switch (e->sub) {
    case QD_YEAR:
      snprintf(buf, sizeof buf, "%d", e->year + o);
      break;
    case QD_SEASONYEAR: {
      const char *sp = strchr(a, ' ');
      snprintf(buf, sizeof buf, "%.*s %d", sp ? (int)(sp - a) : 0, a,
               e->year + o);
      break;
    }
    case QD_DECADE:
      snprintf(buf, sizeof buf, "%ds", e->year + 10 * o);
      if (a[0] == 't') snprintf(buf, sizeof buf, "the %ds", e->year + 10 * o);
      break;
    case QD_RANGE: {
      int d = 5 * o;
      /* keep the answer's style: 1910-45 / 1910-1945 / 2008 to 2013 */
      if (strstr(a, " to "))
        snprintf(buf, sizeof buf, "%d to %d", e->year + d, e->year2 + d);
      else if (strlen(a) <= 7)
        snprintf(buf, sizeof buf, "%d-%02d", e->year + d, (e->year2 + d) % 100);
      else
        snprintf(buf, sizeof buf, "%d-%d", e->year + d, e->year2 + d);
      break;
    }
    case QD_FULL:
    case QD_MONTHDAY: {
      int m = e->month, d = e->day, y = e->year;
      if (k % 3 == 0) d = d + o * 2 > 0 && d + o * 2 <= 28 ? d + o * 2 : (d + 9) % 28 + 1;
      else if (k % 3 == 1) m = ((m - 1 + o + 12) % 12) + 1;
      else if (y) y += o;
      else d = (d + 11) % 28 + 1;
      if (e->sub == QD_FULL && y)
        snprintf(buf, sizeof buf, "%s %d, %d", month_full[m - 1], d, y);
      else
        snprintf(buf, sizeof buf, "%s %d", month_full[m - 1], d);
      break;
    }
    case QD_DAYRANGE: {
      int span = e->year2 - e->day;
      int d = e->day + 3 * o;
      if (d < 1) d += 20;
      if (d + span > 30) d -= 20;
      snprintf(buf, sizeof buf, "%s %d-%d", month_full[e->month - 1], d,
               d + span);
      break;
    }
    case QD_MONTHYEAR: {
      int m = ((e->month - 1 + o + 12) % 12) + 1;
      snprintf(buf, sizeof buf, "%s %d", month_full[m - 1],
               e->year + (k >= 4 ? 1 : 0));
      break;
    }
    case QD_MONTH: {
      int m = ((e->month - 1 + o + 12) % 12) + 1;
      if (strchr(a, ' '))
        snprintf(buf, sizeof buf, "%s %d", month_full[m - 1], e->year);
      else
        snprintf(buf, sizeof buf, "%s", month_full[m - 1]);
      break;
    }
    default:
      buf[0] = 0;
    }
    /* no year after the newest date of the input */
    int too_late = 0;
    for (const char *q = buf; *q; q++)
      if (isdigit((unsigned char)q[0]) && (q == buf || !isdigit((unsigned char)q[-1]))) {
        int v = atoi(q);
        if (v >= 1000 && v <= 2100 && max_year && v > max_year) too_late = 1;
      }
    if (!too_late) pick_add(p, e, buf);
  }
  (void)g;
}

static void number_distractors(const Entry *e, uint64_t h, Pick *p) {
  static const double mul[] = {0.5, 1.5, 2.0, 0.75, 1.25, 3.0};
  static const int add[] = {-10, 10, 15, -15, 5, -5, 20};
  const char *a = e->answer;
  /* the number's text and the rest ("per cent", "Koreans", "years") */
  size_t i = 0;
  while (a[i] && !isdigit((unsigned char)a[i]) && !isalpha((unsigned char)a[i])) i++;
  size_t ns = i;
  while (a[i] && (isdigit((unsigned char)a[i]) || a[i] == ',' || a[i] == '.')) i++;
  const char *rest = a + i;
  char buf[96];
  int start = (int)(h % 3);
  if (i == ns) {
    /* number words: "five years", "three-day", "less than two months" */
    static const char *const words[] = {"two", "three", "four", "five", "six",
                                        "seven", "eight", "ten", NULL};
    const char *w = NULL;
    size_t wl = 0;
    for (const char *q = a; *q;) {
      while (*q && !isalpha((unsigned char)*q)) q++;
      const char *st = q;
      while (isalpha((unsigned char)*q)) q++;
      if (q > st && qlex_number_word(st, (size_t)(q - st)) >= 1) {
        w = st;
        wl = (size_t)(q - st);
        break;
      }
    }
    if (!w || qlex_number_word(w, wl) == 1) return; /* "one year" */
    for (int k = 0; words[k] && p->n < 3; k++) {
      const char *nw = words[(k + start) % 8];
      if (strlen(nw) == wl && !strncasecmp(w, nw, wl)) continue;
      snprintf(buf, sizeof buf, "%.*s%s%s", (int)(w - a), a, nw, w + wl);
      pick_add(p, e, buf);
    }
    return;
  }
  double v = e->value;
  /* nothing sensible to vary for absurd figures (and no overflow) */
  if (!(v > 0 && v < 1e12)) return;
  for (int k = 0; k < 7 && p->n < 3; k++) {
    double nv;
    if (e->sub == QN_PERCENT) {
      nv = v + add[(k + start) % 7];
      if (nv <= 0 || nv >= 100) continue;
    } else {
      nv = v * mul[(k + start) % 6];
    }
    long long iv = (long long)(nv + 0.5);
    if (strchr(a + ns, ',')) {
      char num[32];
      snprintf(num, sizeof num, "%lld", iv);
      char grp[40];
      size_t L = strlen(num), o = 0;
      for (size_t c = 0; c < L; c++) {
        grp[o++] = num[c];
        if ((L - c - 1) % 3 == 0 && c + 1 < L) grp[o++] = ',';
      }
      grp[o] = 0;
      snprintf(buf, sizeof buf, "%.*s%s%s", (int)ns, a, grp, rest);
    } else {
      snprintf(buf, sizeof buf, "%.*s%lld%s", (int)ns, a, iv, rest);
    }
    pick_add(p, e, buf);
  }
}

static const char *const fallback_cities[] = {
    "Tokyo", "Seoul", "Beijing", "Osaka", "Busan", "Pyongyang", "Shanghai",
    "Taipei", "Washington", "London", "Paris", "Berlin", "Moscow", "Hanoi",
    "Manila", "Bangkok", "Jakarta", "New Delhi", "Canberra", NULL};
static const char *const fallback_countries[] = {
    "Japan", "South Korea", "North Korea", "China", "Taiwan", "Russia",
    "United States", "Mongolia", "Vietnam", "Philippines", "Australia",
    "India", "Canada", "United Kingdom", "France", "Germany", NULL};
static const char *const fallback_regions[] = {
    "Europe", "Latin America", "the Middle East", "Africa", "Central Asia",
    "Oceania", "the Balkans", "Scandinavia", NULL};

static int is_continent(const char *s) {
  static const char *const c[] = {"Asia", "Europe", "Africa", "America",
                                  "Oceania", "Antarctica", NULL};
  for (int i = 0; c[i]; i++)
    if (!strcmp(s, c[i])) return 1;
  return 0;
}

/* Organisation kinds by head word, for distractors of the same kind. */
static int org_kind(const char *name) {
  static const struct {
    const char *head;
    int kind;
  } heads[] = {
      {"University", 1}, {"Institute", 1}, {"Center", 1}, {"Centre", 1},
      {"Council", 1}, {"Foundation", 1}, {"NPO", 1}, {"Institution", 1},
      {"Academy", 1}, {"College", 1}, {"School", 1}, {"Society", 1},
      {"Court", 2}, {"Assembly", 2}, {"Office", 2}, {"Ministry", 2},
      {"Administration", 2}, {"House", 2}, {"Councillors", 2},
      {"Parliament", 2}, {"Congress", 2}, {"Senate", 2}, {"Diet", 2},
      {"Cabinet", 2}, {"Department", 2}, {"Agency", 2}, {"Government", 2},
      {"party", 3}, {"Party", 3}, {"Electronics", 4}, {"Corporation", 4},
      {"Corp", 4}, {"Inc", 4}, {"Ltd", 4}, {"Company", 4}, {"Group", 5},
      {"Union", 5}, {"Organization", 5}, {"Organisation", 5},
      {"Alliance", 5}, {NULL, 0}};
  const char *sp = strrchr(name, ' ');
  const char *last = sp ? sp + 1 : name;
  for (int i = 0; heads[i].head; i++)
    if (!strcmp(last, heads[i].head)) return heads[i].kind;
  /* "University of Tokyo", "House of Councillors", "Group of Seven" */
  for (int i = 0; heads[i].head; i++) {
    size_t l = strlen(heads[i].head);
    if (!strncmp(name, heads[i].head, l) && name[l] == ' ') return heads[i].kind;
  }
  int upper = 1;
  for (const char *c = name; *c; c++)
    if (islower((unsigned char)*c)) upper = 0;
  return upper ? 5 : 0; /* acronyms: groups and alliances (NATO, G7) */
}

static uint64_t mix(uint64_t h, const char *s) { return fnv(s, h ^ 0x9e3779b97f4a7c15ULL); }

static int same_country(const char *ra, const char *rb) {
  return ra && rb && !strcmp(ra, rb);
}

/* Role keywords of a person as bits, for cheap similarity. */
static unsigned role_sig(const char *role) {
  static const char *const keys[] = {
      "Japanese", "Korean", "South Korean", "North Korean", "Chinese",
      "U.S.", "American", "President", "resident", "Minister", "inister",
      "Foreign", "oreign", "Prime", "rime", "Security", "dvis", "expert",
      "lecturer", "fellow", "scholar", "diplomat", "former", "Russian",
      "Taiwan", "analyst", "professor", "Professor", "ambassador",
      "Ambassador", NULL};
  unsigned sig = 0;
  for (int i = 0; role && keys[i]; i++)
    if (strstr(role, keys[i])) sig |= 1u << i;
  return sig;
}

static int popcount32(unsigned x) {
  int n = 0;
  for (; x; x &= x - 1) n++;
  return n;
}

#define POOL_SCAN 800 /* candidates looked at per card: bounded work */
#define POOL_TOP 8

static void pool_distractors(const QGen *g, const Entry *e, uint64_t h,
                             Pick *p, const int *idx, int nidx) {
  /* rank other entries of the same type by similarity, ties by hash */
  int best[POOL_TOP];
  long bs[POOL_TOP];
  for (int k = 0; k < POOL_TOP; k++) best[k] = -1, bs[k] = -1;
  int scan = nidx < POOL_SCAN ? nidx : POOL_SCAN;
  int start = nidx ? (int)(h % (uint64_t)nidx) : 0;
  const char *ha = strrchr(e->answer, ' ');
  int okind = e->type == QF_ORG ? org_kind(e->answer) : 0;
  int ua = 1;
  for (const char *c = e->answer; *c; c++)
    if (islower((unsigned char)*c)) ua = 0;
  for (int q = 0; q < scan; q++) {
    int i = idx[(start + q) % nidx];
    const Entry *o = &g->e[i];
    if (o == e || o->mentions < 1 || o->caption_only) continue;
    if (e->type == QF_PLACE && o->sub != e->sub) continue;
    if (e->type == QF_PLACE && e->sub == QP_REGION && is_continent(o->answer) &&
        !is_continent(e->answer))
      continue;
    if (e->type == QF_ORG &&
        (okind == 0 || org_kind(o->answer) != okind || o->sub != e->sub))
      continue;
    int sim = 0;
    if (e->type == QF_PERSON) {
      sim = popcount32(e->sig & o->sig) * 4 + (o->role ? 2 : 0) +
            (o->mentions > 1 ? 1 : 0);
    } else if (e->type == QF_PLACE) {
      sim = same_country(e->role, o->role) ? 4 : 0;
    } else if (e->type == QF_ORG) {
      const char *hb = strrchr(o->answer, ' ');
      if (ha && hb && !strcmp(ha, hb)) sim += 4;
      int ub = 1;
      for (const char *c = o->answer; *c; c++)
        if (islower((unsigned char)*c)) ub = 0;
      if (ua == ub) sim += 2;
    }
    long score = (long)sim * 1000 + (long)(mix(h, o->key) % 997);
    for (int k = 0; k < POOL_TOP; k++) {
      if (score > bs[k]) {
        for (int m = POOL_TOP - 1; m > k; m--) bs[m] = bs[m - 1], best[m] = best[m - 1];
        bs[k] = score;
        best[k] = i;
        break;
      }
    }
  }
  /* variants of the answer and of each other are dropped here */
  for (int k = 0; k < POOL_TOP && p->n < 3; k++) {
    if (best[k] < 0) continue;
    const char *cand = g->e[best[k]].answer;
    int dup = 0;
    for (int m = 0; m < p->n; m++)
      if (gen_is_variant(p->v[m], cand)) dup = 1;
    if (!dup) pick_add(p, e, cand);
  }
  if (p->n < 3 && e->type == QF_PLACE) {
    const char *const *fb = e->sub == QP_CITY      ? fallback_cities
                            : e->sub == QP_COUNTRY ? fallback_countries
                            : e->sub == QP_REGION  ? fallback_regions
                                                   : NULL;
    if (fb) {
      int n = 0;
      while (fb[n]) n++;
      /* most prominent first: the lists are ordered */
      int st = e->sub == QP_CITY ? (int)(h % 4) : 0;
      for (int k = 0; k < n && p->n < 3; k++) pick_add(p, e, fb[(st + k) % n]);
    }
  }
}

/* ------------------------------------------------------------------ */
/* Cards                                                               */

static void card_free(QCard *c) {
  free(c->prompt);
  free(c->answer);
  for (int i = 0; i < c->n_aliases; i++) free(c->aliases[i]);
  free(c->aliases);
  for (int i = 0; i < c->n_choices; i++) free(c->choices[i]);
  free(c->choices);
  for (int i = 0; i < c->n_distractors; i++) free(c->distractors[i]);
  free(c->distractors);
  free(c->explanation);
  for (int i = 0; i < c->n_sources; i++) {
    free(c->sources[i].article);
    free(c->sources[i].sentence);
  }
  free(c->sources);
  free(c->guid);
  free(c->key);
}

void gen_cards_free(QCard *cards, int n) {
  for (int i = 0; cards && i < n; i++) card_free(&cards[i]);
  free(cards);
}

static double type_weight(QFactType t) {
  switch (t) {
  case QF_PERSON: return 1.0;
  case QF_DATE: return 0.95;
  case QF_PLACE: return 0.9;
  case QF_ORG: return 0.75;
  default: return 0.7;
  }
}

static char *explanation_of(const Entry *e) {
  switch (e->type) {
  case QF_PERSON:
    return e->role ? xprintf("%s: %s", e->answer, e->role) : NULL;
  case QF_PLACE:
    return e->role && strcmp(e->role, "venue") ? xprintf("%s: %s", e->answer, e->role)
                                               : NULL;
  case QF_NUMBER:
    return e->role ? xprintf("%s (%s)", e->answer, e->role) : NULL;
  default:
    return NULL;
  }
}

static int fill_card(QCard *c, const Entry *e, QCardKind kind,
                     const Cand *cand, double score, const Pick *pk,
                     uint64_t seed) {
  const char *prompt = cand->text;
  memset(c, 0, sizeof *c);
  c->kind = kind;
  c->type = e->type;
  c->score = score;
  c->prompt = strdup(prompt);
  c->answer = strdup(e->answer);
  c->key = strdup(e->key);
  static const char *const kn[] = {"qa", "cloze", "mcq"};
  char gk[512];
  snprintf(gk, sizeof gk, "%s|%s|%s", kn[kind], extract_type_name(e->type),
           e->key);
  uint64_t h = fnv(gk, fnv_init());
  c->guid = xprintf("qg-%016llx", (unsigned long long)h);
  if (!c->prompt || !c->answer || !c->key || !c->guid) return QD_ENOMEM;
  c->explanation = explanation_of(e);
  if (e->n_aliases) {
    c->aliases = calloc((size_t)e->n_aliases, sizeof *c->aliases);
    if (!c->aliases) return QD_ENOMEM;
    for (int i = 0; i < e->n_aliases; i++) {
      c->aliases[i] = strdup(e->aliases[i]);
      if (!c->aliases[i]) return QD_ENOMEM;
      c->n_aliases++;
    }
  }
  /* the sentence the prompt was made from comes first */
  c->sources = calloc((size_t)e->n_src + 1, sizeof *c->sources);
  if (!c->sources) return QD_ENOMEM;
  int first = -1;
  for (int i = 0; i < e->n_src && cand; i++)
    if (!strcmp(e->src[i].sentence, cand->sentence)) first = i;
  if (cand && first < 0) {
    c->sources[0].article = strdup(cand->article);
    c->sources[0].sentence = strdup(cand->sentence);
    c->n_sources++;
    if (!c->sources[0].article || !c->sources[0].sentence) return QD_ENOMEM;
  }
  for (int k = -1; k < e->n_src; k++) {
    int i = k < 0 ? first : k;
    if (i < 0 || (k >= 0 && i == first)) continue;
    if (c->n_sources >= GEN_MAX_SOURCES) break;
    QCardSource *d = &c->sources[c->n_sources];
    d->article = strdup(e->src[i].article);
    d->sentence = strdup(e->src[i].sentence);
    c->n_sources++;
    if (!d->article || !d->sentence) return QD_ENOMEM;
  }
  if (kind == QC_MCQ && pk) {
    c->distractors = calloc(3, sizeof *c->distractors);
    c->choices = calloc(4, sizeof *c->choices);
    if (!c->distractors || !c->choices) return QD_ENOMEM;
    for (int i = 0; i < 3; i++) {
      c->distractors[i] = strdup(pk->v[i]);
      if (!c->distractors[i]) return QD_ENOMEM;
      c->n_distractors++;
    }
    int ans_at = (int)(fnv(c->guid, seed) % 4);
    int d = 0;
    for (int i = 0; i < 4; i++) {
      c->choices[i] = strdup(i == ans_at ? e->answer : pk->v[d++]);
      if (!c->choices[i]) return QD_ENOMEM;
      c->n_choices++;
    }
  }
  return 0;
}

static int card_cmp(const void *a, const void *b) {
  const QCard *x = a, *y = b;
  if (x->score > y->score) return -1;
  if (x->score < y->score) return 1;
  return strcmp(x->guid, y->guid);
}

int gen_finish(QGen *g, double min_score, QCard **cards, int *n) {
  *cards = NULL;
  *n = 0;
  QCard *out = NULL;
  int no = 0, co = 0;
  int rc = 0;
  /* entries by type, for distractors */
  int *idx[QF_NTYPES] = {NULL};
  int nidx[QF_NTYPES] = {0};
  for (int t = 0; t < QF_NTYPES; t++) {
    idx[t] = malloc(((size_t)g->n + 1) * sizeof *idx[t]);
    if (!idx[t]) {
      rc = QD_ENOMEM;
      goto fail;
    }
  }
  int max_year = latest_year(g);
  for (int i = 0; i < g->n; i++) {
    Entry *e = &g->e[i];
    e->sig = e->type == QF_PERSON ? role_sig(e->role) : 0;
    idx[e->type][nidx[e->type]++] = i;
  }
  for (int i = 0; i < g->n; i++) {
    Entry *e = &g->e[i];
    double base = type_weight(e->type);
    int arts = 0;
    for (int k = 0; k < e->n_src; k++) {
      int seen = 0;
      for (int m = 0; m < k; m++)
        if (!strcmp(e->src[m].article, e->src[k].article)) seen = 1;
      arts += !seen;
    }
    double bonus = 0.05 * (arts - 1) + 0.02 * (e->mentions > 5 ? 5 : e->mentions - 1);
    if (bonus > 0.25) bonus = 0.25;
    if (e->caption_only) base -= 0.1;
    uint64_t h = mix(g->seed, e->key);
    Pick pk = {{0}, 0, e->qa.text ? e->qa.text : e->cloze.text};
    if (e->type == QF_DATE) date_distractors(g, e, h, &pk, max_year);
    else if (e->type == QF_NUMBER) number_distractors(e, h, &pk);
    else pool_distractors(g, e, h, &pk, idx[e->type], nidx[e->type]);
    struct {
      QCardKind kind;
      const Cand *cand;
      double q;
    } want[3];
    int nw = 0;
    if (e->qa.text) {
      want[nw].kind = QC_QA;
      want[nw].cand = &e->qa;
      want[nw++].q = e->qa.q;
    }
    /* "Which country suffered Japan's occupation?": neighbours as
     * distractors may well be true too, so no multiple choice */
    int risky = e->type == QF_PLACE && e->qa.text && strstr(e->qa.text, " suffered ");
    /* a multiple choice shows its prompt alone, like a question: a cloze
     * prompt that names an event only by "the attack" is no such prompt */
    int mcq_prompt = e->qa.text || (e->cloze.text && !e->undated &&
                                    !gen_refers_back(e->cloze.text));
    if (pk.n == 3 && !risky && mcq_prompt) {
      want[nw].kind = QC_MCQ;
      want[nw].cand = e->qa.text ? &e->qa : &e->cloze;
      want[nw++].q = (e->qa.text ? e->qa.q : e->cloze.q) - 0.05;
    }
    if (e->cloze.text) {
      want[nw].kind = QC_CLOZE;
      want[nw].cand = &e->cloze;
      want[nw++].q = e->cloze.q - 0.05;
    }
    for (int k = 0; k < nw; k++) {
      double score = base * want[k].q + bonus;
      if (score < min_score) continue;
      if (no == co) {
        int nc = co ? co * 2 : 256;
        QCard *nv = realloc(out, (size_t)nc * sizeof *nv);
        if (!nv) {
          rc = QD_ENOMEM;
          pick_free(&pk);
          goto fail;
        }
        out = nv;
        co = nc;
      }
      rc = fill_card(&out[no], e, want[k].kind, want[k].cand, score,
                     want[k].kind == QC_MCQ ? &pk : NULL, g->seed);
      no++;
      if (rc < 0) {
        pick_free(&pk);
        goto fail;
      }
    }
    pick_free(&pk);
  }
  if (no > 1) qsort(out, (size_t)no, sizeof *out, card_cmp);
  for (int t = 0; t < QF_NTYPES; t++) free(idx[t]);
  *cards = out;
  *n = no;
  return 0;
fail:
  for (int t = 0; t < QF_NTYPES; t++) free(idx[t]);
  gen_cards_free(out, no);
  return rc;
}
