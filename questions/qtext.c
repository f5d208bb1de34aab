/* qtext.c - article files to clean sentences (see qtext.h). */
#include "qtext.h"

#include <ctype.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "error.h"
#include "qlex.h"

/* ------------------------------------------------------------------ */
/* Reading and checking                                                */

int qtext_check(const char *buf, size_t len, int *line, int *col) {
  const unsigned char *s = (const unsigned char *)buf;
  int ln = 1;
  size_t line_start = 0;
  for (size_t i = 0; i < len;) {
    unsigned c = s[i];
    if (c == '\n') {
      ln++;
      line_start = i + 1;
      i++;
      continue;
    }
    if (c == 0) {
      *line = ln;
      *col = (int)(i - line_start) + 1;
      return QD_EUNSUPPORTED;
    }
    if (c < 0x80) {
      i++;
      continue;
    }
    size_t need;
    unsigned cp;
    if (c >= 0xC2 && c <= 0xDF) {
      need = 1;
      cp = c & 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
      need = 2;
      cp = c & 0x0F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      need = 3;
      cp = c & 0x07;
    } else {
      goto bad;
    }
    for (size_t k = 1; k <= need; k++) {
      if (i + k >= len || (s[i + k] & 0xC0) != 0x80) goto bad;
      cp = (cp << 6) | (s[i + k] & 0x3F);
    }
    if ((need == 2 && cp < 0x800) || (need == 3 && cp < 0x10000) ||
        cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
      goto bad;
    i += need + 1;
    continue;
  bad:
    *line = ln;
    *col = (int)(i - line_start) + 1;
    return QD_EUTF8;
  }
  return 0;
}

/* Share of control bytes (other than tab, CR, LF, FF) in the first 4 KiB:
 * text with many is binary even without a NUL. */
static int text_looks_binary(const char *buf, size_t len) {
  size_t n = len < 4096 ? len : 4096, ctl = 0;
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)buf[i];
    if (c < 32 && c != '\t' && c != '\r' && c != '\n' && c != '\f') ctl++;
  }
  return n > 0 && ctl * 20 > n;
}

int qtext_read_file(const char *path, char **buf, size_t *len, char *err,
                    size_t errlen) {
  *buf = NULL;
  *len = 0;
  char *data = NULL;
  int rc = 0;
  FILE *f = fopen(path, "rb");
  if (!f) {
    snprintf(err, errlen, "quizgen: cannot read '%s': %s", path,
             strerror(errno));
    return QD_EIO;
  }
  struct stat st;
  if (fstat(fileno(f), &st) != 0) {
    snprintf(err, errlen, "quizgen: cannot read '%s': %s", path,
             strerror(errno));
    rc = QD_EIO;
    goto fail;
  }
  if (S_ISDIR(st.st_mode)) {
    snprintf(err, errlen, "quizgen: cannot read '%s': is a directory", path);
    rc = QD_EIO;
    goto fail;
  }
  if (S_ISREG(st.st_mode) && (size_t)st.st_size > QTEXT_MAX_FILE) {
    snprintf(err, errlen,
             "quizgen: cannot read '%s': file too large (%lld bytes; the "
             "limit is %zu MiB)",
             path, (long long)st.st_size, QTEXT_MAX_FILE >> 20);
    rc = QD_ETOOBIG;
    goto fail;
  }
  size_t cap = S_ISREG(st.st_mode) ? (size_t)st.st_size + 1 : 65536, n = 0;
  data = malloc(cap);
  if (!data) {
    snprintf(err, errlen, "quizgen: cannot read '%s': out of memory", path);
    rc = QD_ENOMEM;
    goto fail;
  }
  for (;;) {
    if (n + 1 >= cap) {
      if (cap > QTEXT_MAX_FILE) {
        snprintf(err, errlen, "quizgen: cannot read '%s': file too large",
                 path);
        rc = QD_ETOOBIG;
        goto fail;
      }
      char *nd = realloc(data, cap * 2);
      if (!nd) {
        snprintf(err, errlen, "quizgen: cannot read '%s': out of memory",
                 path);
        rc = QD_ENOMEM;
        goto fail;
      }
      data = nd;
      cap *= 2;
    }
    size_t r = fread(data + n, 1, cap - n - 1, f);
    n += r;
    if (r == 0) {
      if (ferror(f)) {
        snprintf(err, errlen, "quizgen: cannot read '%s': %s", path,
                 strerror(errno));
        rc = QD_EIO;
        goto fail;
      }
      break;
    }
  }
  data[n] = 0;
  size_t skip = 0;
  if (n >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) skip = 3; /* BOM */
  size_t k = skip;
  while (k < n && isspace((unsigned char)data[k])) k++;
  if (k == n) {
    snprintf(err, errlen, "quizgen: cannot read '%s': file is empty", path);
    rc = QD_EPARSE;
    goto fail;
  }
  int line = 0, col = 0;
  int c = qtext_check(data, n, &line, &col);
  if (c == QD_EUNSUPPORTED || (c == 0 && text_looks_binary(data, n))) {
    snprintf(err, errlen,
             "quizgen: cannot read '%s': binary file, not text (NUL or "
             "control bytes near line %d)",
             path, line ? line : 1);
    rc = QD_EUNSUPPORTED;
    goto fail;
  }
  if (c == QD_EUTF8) {
    snprintf(err, errlen,
             "quizgen: cannot read '%s': invalid UTF-8 at line %d, byte %d",
             path, line, col);
    rc = QD_EUTF8;
    goto fail;
  }
  if (skip) memmove(data, data + skip, n - skip + 1);
  fclose(f);
  *buf = data;
  *len = n - skip;
  return 0;
fail:
  free(data);
  fclose(f);
  return rc;
}

/* ------------------------------------------------------------------ */
/* HTML                                                                */

int qtext_is_html(const char *buf, size_t len) {
  size_t n = len < 2048 ? len : 2048;
  for (size_t i = 0; i + 5 < n; i++) {
    if (buf[i] != '<') continue;
    const char *t = buf + i + 1;
    if (!strncasecmp(t, "html", 4) || !strncasecmp(t, "!doctype", 8) ||
        !strncasecmp(t, "body", 4) || !strncasecmp(t, "p>", 2) ||
        !strncasecmp(t, "div", 3) || !strncasecmp(t, "head", 4) ||
        !strncasecmp(t, "h1", 2) || !strncasecmp(t, "article", 7))
      return 1;
  }
  return 0;
}

typedef struct Buf {
  char *p;
  size_t n, cap;
  int oom;
} Buf;

static void buf_putn(Buf *b, const char *s, size_t n) {
  if (b->oom) return;
  if (b->n + n + 1 > b->cap) {
    size_t nc = b->cap ? b->cap : 256;
    while (b->n + n + 1 > nc) nc *= 2;
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

static void buf_putc(Buf *b, char c) { buf_putn(b, &c, 1); }

static void buf_put_cp(Buf *b, unsigned cp) {
  char u[4];
  if (cp < 0x80) {
    buf_putc(b, (char)cp);
  } else if (cp < 0x800) {
    u[0] = (char)(0xC0 | (cp >> 6));
    u[1] = (char)(0x80 | (cp & 0x3F));
    buf_putn(b, u, 2);
  } else if (cp < 0x10000) {
    if (cp >= 0xD800 && cp <= 0xDFFF) return;
    u[0] = (char)(0xE0 | (cp >> 12));
    u[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
    u[2] = (char)(0x80 | (cp & 0x3F));
    buf_putn(b, u, 3);
  } else if (cp <= 0x10FFFF) {
    u[0] = (char)(0xF0 | (cp >> 18));
    u[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    u[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    u[3] = (char)(0x80 | (cp & 0x3F));
    buf_putn(b, u, 4);
  }
}

/* Decodes the entity at s (after '&'); returns bytes consumed or 0. */
static size_t html_entity(const char *s, size_t n, Buf *out) {
  static const struct {
    const char *name;
    unsigned cp;
  } ents[] = {{"amp", '&'},      {"lt", '<'},        {"gt", '>'},
              {"quot", '"'},     {"apos", '\''},     {"nbsp", ' '},
              {"mdash", 0x2014}, {"ndash", 0x2013},  {"rsquo", 0x2019},
              {"lsquo", 0x2018}, {"ldquo", 0x201C},  {"rdquo", 0x201D},
              {"hellip", 0x2026}, {"copy", 0xA9},    {"eacute", 0xE9},
              {"middot", 0xB7},  {"bull", 0x2022},   {"shy", 0}};
  size_t i = 0;
  while (i < n && i < 12 && s[i] != ';') i++;
  if (i >= n || s[i] != ';' || i == 0) return 0;
  if (s[0] == '#') {
    unsigned long cp;
    char tmp[16];
    memcpy(tmp, s + 1, i - 1);
    tmp[i - 1] = 0;
    if (tmp[0] == 'x' || tmp[0] == 'X')
      cp = strtoul(tmp + 1, NULL, 16);
    else
      cp = strtoul(tmp, NULL, 10);
    if (cp == 0 || cp > 0x10FFFF) return 0;
    if (cp == 0xA0) cp = ' ';
    buf_put_cp(out, (unsigned)cp);
    return i + 1;
  }
  for (size_t k = 0; k < sizeof ents / sizeof ents[0]; k++) {
    if (strlen(ents[k].name) == i && strncmp(ents[k].name, s, i) == 0) {
      if (ents[k].cp) buf_put_cp(out, ents[k].cp);
      return i + 1;
    }
  }
  return 0;
}

static int tag_is(const char *name, size_t n, const char *const *list) {
  for (int i = 0; list[i]; i++)
    if (strlen(list[i]) == n && strncasecmp(list[i], name, n) == 0) return 1;
  return 0;
}

char *qtext_strip_html(const char *s, size_t len) {
  static const char *const skip[] = {"script", "style", "head", "nav",
                                     "footer", "aside", "noscript", "svg",
                                     "form", "button", "iframe", "template",
                                     NULL};
  static const char *const block[] = {
      "p",  "div", "br", "h1", "h2", "h3", "h4", "h5", "h6", "li",
      "tr", "section", "article", "header", "blockquote", "figcaption",
      "title", "ul", "ol", "table", "hr", "main", "figure", "dd", "dt",
      "pre", NULL};
  Buf out = {0};
  size_t i = 0;
  while (i < len) {
    char c = s[i];
    if (c == '<') {
      if (i + 4 <= len && strncmp(s + i, "<!--", 4) == 0) {
        const char *e = strstr(s + i + 4, "-->");
        i = e ? (size_t)(e - s) + 3 : len;
        continue;
      }
      size_t j = i + 1;
      int closing = 0;
      if (j < len && s[j] == '/') {
        closing = 1;
        j++;
      }
      size_t ns = j;
      while (j < len && (isalnum((unsigned char)s[j]))) j++;
      size_t nlen = j - ns;
      const char *gt = memchr(s + j, '>', len - j);
      size_t after = gt ? (size_t)(gt - s) + 1 : len;
      if (!closing && nlen && tag_is(s + ns, nlen, skip)) {
        /* skip to the matching close tag */
        size_t k = after;
        for (;;) {
          const char *lt = memchr(s + k, '<', len - k);
          if (!lt) {
            k = len;
            break;
          }
          k = (size_t)(lt - s);
          if (k + 2 + nlen <= len && s[k + 1] == '/' &&
              strncasecmp(s + k + 2, s + ns, nlen) == 0) {
            const char *g2 = memchr(s + k, '>', len - k);
            k = g2 ? (size_t)(g2 - s) + 1 : len;
            break;
          }
          k++;
        }
        i = k;
        buf_putc(&out, '\n');
        continue;
      }
      if (nlen && tag_is(s + ns, nlen, block)) buf_putn(&out, "\n\n", 2);
      else if (nlen == 0 && !closing) buf_putc(&out, '<');
      i = nlen || closing ? after : i + 1;
      continue;
    }
    if (c == '&') {
      size_t used = html_entity(s + i + 1, len - i - 1, &out);
      if (used) {
        i += used + 1;
        continue;
      }
    }
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
    buf_putc(&out, c);
    i++;
  }
  if (out.oom) {
    free(out.p);
    return NULL;
  }
  if (!out.p) return calloc(1, 1);
  return out.p;
}

/* ------------------------------------------------------------------ */
/* Markdown                                                            */

size_t qtext_strip_markdown_line(char *l, size_t n) {
  size_t i = 0, o = 0;
  /* leading marks: headings, quotes, bullets */
  while (i < n && (l[i] == ' ' || l[i] == '\t')) i++;
  for (int again = 1; again;) {
    again = 0;
    if (i < n && l[i] == '#') {
      size_t k = i;
      while (k < n && l[k] == '#') k++;
      if (k < n && l[k] == ' ') {
        i = k + 1;
        again = 1;
      }
    } else if (i < n && l[i] == '>' && (i + 1 == n || l[i + 1] == ' ')) {
      i += i + 1 < n ? 2 : 1;
      again = 1;
    } else if (i + 1 < n && (l[i] == '*' || l[i] == '-' || l[i] == '+') &&
               l[i + 1] == ' ') {
      i += 2;
      again = 1;
    } else if (i + 3 < n && memcmp(l + i, "\xE2\x80\xA2", 3) == 0) {
      i += 3;
      while (i < n && l[i] == ' ') i++;
      again = 1;
    }
    while (i < n && (l[i] == ' ' || l[i] == '\t')) i++;
  }
  while (i < n) {
    char c = l[i];
    if (c == '!' && i + 1 < n && l[i + 1] == '[') {
      /* image: drop ![alt](url) whole */
      const char *rb = memchr(l + i, ']', n - i);
      if (rb && (size_t)(rb - l) + 1 < n && rb[1] == '(') {
        const char *rp = memchr(rb, ')', n - (size_t)(rb - l));
        if (rp) {
          i = (size_t)(rp - l) + 1;
          continue;
        }
      }
    }
    if (c == '[') {
      const char *rb = memchr(l + i, ']', n - i);
      if (rb && (size_t)(rb - l) + 1 < n && (rb[1] == '(' || rb[1] == '[')) {
        char close = rb[1] == '(' ? ')' : ']';
        const char *rp = memchr(rb + 2, close, n - (size_t)(rb - l) - 2);
        if (rp) {
          size_t tlen = (size_t)(rb - (l + i + 1));
          memmove(l + o, l + i + 1, tlen);
          o += tlen;
          i = (size_t)(rp - l) + 1;
          continue;
        }
      }
    }
    if (c == '*' || c == '`') {
      i++;
      continue;
    }
    if (c == '_' && i + 1 < n && l[i + 1] == '_') {
      i += 2;
      continue;
    }
    if (c == '_' && ((i == 0 || !isalnum((unsigned char)l[i - 1])) ||
                     (i + 1 == n || !isalnum((unsigned char)l[i + 1])))) {
      i++;
      continue;
    }
    l[o++] = l[i++];
  }
  while (o > 0 && (l[o - 1] == ' ' || l[o - 1] == '\t')) o--;
  if (o < n) l[o] = 0;
  return o;
}

/* ------------------------------------------------------------------ */
/* Sentences                                                           */

static int is_closer(const unsigned char *s, size_t n, size_t i,
                     size_t *adv) {
  if (i >= n) return 0;
  if (s[i] == '"' || s[i] == '\'' || s[i] == ')' || s[i] == ']') {
    *adv = 1;
    return 1;
  }
  if (i + 2 < n && s[i] == 0xE2 && s[i + 1] == 0x80 &&
      (s[i + 2] == 0x9D || s[i + 2] == 0x99)) { /* ” ’ */
    *adv = 3;
    return 1;
  }
  return 0;
}

static int is_opener_or_upper(const unsigned char *s, size_t n, size_t i) {
  if (i >= n) return 0;
  unsigned char c = s[i];
  if (isupper(c) || isdigit(c) || c == '"' || c == '\'' || c == '(' ||
      c == '[')
    return 1;
  if (i + 2 < n && c == 0xE2 && s[i + 1] == 0x80 &&
      (s[i + 2] == 0x9C || s[i + 2] == 0x98)) /* “ ‘ */
    return 1;
  if (c >= 0xC3 && c <= 0xC3 && i + 1 < n && s[i + 1] >= 0x80 &&
      s[i + 1] <= 0x9E) /* Latin-1 capitals */
    return 1;
  return 0;
}

/* The word that starts at i (letters only), as a pointer and length. */
static size_t word_at(const char *s, size_t n, size_t i, const char **w) {
  size_t j = i;
  while (j < n && isalpha((unsigned char)s[j])) j++;
  *w = s + i;
  return j - i;
}

static int split_allowed(const char *s, size_t n, size_t dot, size_t next) {
  /* the token before the period */
  size_t b = dot;
  while (b > 0 && !isspace((unsigned char)s[b - 1]) && s[b - 1] != '(' &&
         s[b - 1] != '"')
    b--;
  size_t tl = dot - b;
  const char *tok = s + b;
  static const char *const strong[] = {
      "Mr", "Mrs", "Ms", "Dr", "Prof", "Sr", "Jr", "St", "Mt", "No", "Nos",
      "Gen", "Lt", "Col", "Capt", "Sgt", "Gov", "Sen", "Rep", "Rev", "Hon",
      "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct",
      "Nov", "Dec", "vs", "Ave", "Blvd", "Fig", "approx", "est", "Dept",
      "Univ", "p", "pp", "vol", "ed", "eds", "e.g", "i.e", "H.E", "Adm",
      "Cmdr", "Brig", "Maj", "Pres", "Amb", "Min", "Op", "cf", "al", "Gens",
      "Reps", "Sens", "Messrs", "Mme", "Mlle", "Ph.D", "Ft", "Nr", NULL};
  static const char *const weak[] = {"etc", "Inc", "Ltd", "Co", "Corp",
                                     "a.m", "p.m", "Bros", NULL};
  for (int i = 0; strong[i]; i++)
    if (strlen(strong[i]) == tl && strncmp(strong[i], tok, tl) == 0)
      return 0;
  int weak_abbr = 0;
  for (int i = 0; weak[i]; i++)
    if (strlen(weak[i]) == tl && strncmp(weak[i], tok, tl) == 0)
      weak_abbr = 1;
  /* single initial: "J. Smith" */
  if (tl == 1 && isupper((unsigned char)tok[0])) return 0;
  /* dotted acronym: U.S. / D.C. */
  int dotted = tl >= 2 && memchr(tok, '.', tl) != NULL;
  if (weak_abbr || dotted) {
    const char *w;
    size_t wl = word_at(s, n, next, &w);
    static const char *const starters[] = {
        "The", "A", "An", "It", "He", "She", "They", "We", "I", "But", "And",
        "In", "On", "At", "This", "That", "These", "Those", "There", "His",
        "Her", "Their", "Its", "Our", "As", "If", "When", "While", "After",
        "Before", "For", "However", "Meanwhile", "Yet", "Still", "So", NULL};
    for (int i = 0; starters[i]; i++)
      if (strlen(starters[i]) == wl && strncmp(starters[i], w, wl) == 0)
        return 1;
    return 0;
  }
  return 1;
}

void qtext_split_sentences(const char *text, size_t len, QTextEmit emit,
                           void *ctx) {
  const unsigned char *s = (const unsigned char *)text;
  size_t start = 0, i = 0;
  while (i < len) {
    size_t tl = 0; /* length of the terminator */
    if (s[i] == '.' || s[i] == '!' || s[i] == '?')
      tl = 1;
    else if (i + 2 < len && s[i] == 0xE2 && s[i + 1] == 0x80 &&
             s[i + 2] == 0xA6)
      tl = 3;
    if (!tl) {
      i++;
      continue;
    }
    size_t j = i + tl, adv;
    while (j < len && (s[j] == '.' || s[j] == '!' || s[j] == '?')) j++;
    while (is_closer(s, len, j, &adv)) j += adv;
    if (j >= len) break;
    if (!isspace(s[j])) {
      i = j > i + tl ? j : i + tl;
      continue;
    }
    size_t k = j;
    while (k < len && isspace(s[k])) k++;
    if (k < len && is_opener_or_upper(s, len, k) &&
        (s[i] != '.' || split_allowed(text, len, i, k))) {
      size_t a = start, b = j;
      while (a < b && isspace(s[a])) a++;
      if (b > a) emit(ctx, text + a, b - a);
      start = k;
    }
    i = k > i ? k : i + 1;
  }
  size_t a = start, b = len;
  while (a < b && isspace(s[a])) a++;
  while (b > a && isspace(s[b - 1])) b--;
  if (b > a) emit(ctx, text + a, b - a);
}

/* ------------------------------------------------------------------ */
/* Articles: lines, furniture, dates                                   */

typedef struct Line {
  char *s; /* into the article's copy, or owned when `owned` */
  int owned;
  size_t n;
  int lineno;
  int dup; /* appears more than once */
} Line;

static int count_words(const char *s, size_t n) {
  int w = 0, in = 0;
  for (size_t i = 0; i < n; i++) {
    int sp = isspace((unsigned char)s[i]);
    if (!sp && !in) w++;
    in = !sp;
  }
  return w;
}

/* Last visible byte is sentence punctuation (possibly before a quote). */
static int ends_sentence(const char *s, size_t n) {
  while (n > 0) {
    unsigned char c = (unsigned char)s[n - 1];
    if (c == '"' || c == '\'' || c == ')' || c == ' ') {
      n--;
      continue;
    }
    if (n >= 3 && (unsigned char)s[n - 3] == 0xE2 &&
        (unsigned char)s[n - 2] == 0x80 &&
        ((unsigned char)s[n - 1] == 0x9D || (unsigned char)s[n - 1] == 0x99)) {
      n -= 3;
      continue;
    }
    break;
  }
  if (n == 0) return 0;
  char c = s[n - 1];
  return c == '.' || c == '!' || c == '?';
}

static int starts_with_ci(const char *s, size_t n, const char *p) {
  size_t m = strlen(p);
  return n >= m && strncasecmp(s, p, m) == 0;
}

static int is_end_marker(const char *s, size_t n) {
  /* end-of-article blocks start with a short line */
  if (n > 120) return 0;
  static const char *const marks[] = {
      "more from ", "more on this", "more stories", "related articles",
      "related stories", "related coverage", "related:", "read more",
      "read next", "read also", "recommended for you", "recommended stories",
      "most read", "most popular", "good reads", "further reading",
      "join the conversation", "copyright", "\xC2\xA9", "be sure to subscribe",
      "sign up for", "subscribe to our", "subscribe now",
      "you might also like", "you may also like", "trending now",
      "follow us on", "share this article", "leave a comment",
      "about the author", "editor's picks", "editors' picks", "top stories",
      "latest news", "see also", "what to read next", "keep reading",
      "more in ", "more stories from", "sponsored content", NULL};
  for (int i = 0; marks[i]; i++)
    if (starts_with_ci(s, n, marks[i])) return 1;
  if (n == 4 && strncasecmp(s, "more", 4) == 0) return 1;
  if (n == 7 && strncasecmp(s, "related", 7) == 0) return 1;
  /* "All rights reserved" anywhere in a short line */
  if (n < 200) {
    char tmp[200];
    memcpy(tmp, s, n);
    tmp[n] = 0;
    for (size_t i = 0; i < n; i++) tmp[i] = (char)tolower((unsigned char)tmp[i]);
    if (strstr(tmp, "all rights reserved")) return 1;
  }
  return 0;
}

static int is_chrome(const char *s, size_t n) {
  if (n > 80) return 0;
  static const char *const chrome[] = {
      "accessibility links", "breaking news", "advertisement",
      "skip to content", "skip to main content", "share", "menu",
      "subscribe", "sign in", "log in", "already a subscriber?",
      "not your account?", "comments", "print", "email", "listen",
      "listen to this article", "save", "save article", "reuse this content",
      "close", "search", "home", "video", "photo", "image", "loading",
      "show comments", "hide comments", "back to top", NULL};
  for (int i = 0; chrome[i]; i++)
    if (strlen(chrome[i]) == n && strncasecmp(chrome[i], s, n) == 0) return 1;
  if (starts_with_ci(s, n, "already a subscriber")) return 1;
  if (starts_with_ci(s, n, "you are commenting as")) return 1;
  if (starts_with_ci(s, n, "please follow our comment")) return 1;
  if (starts_with_ci(s, n, "commenting on this")) return 1;
  if (starts_with_ci(s, n, "by ") && count_words(s, n) <= 6 &&
      !ends_sentence(s, n))
    return 1;
  if (n == 2 && strncasecmp(s, "by", 2) == 0) return 1;
  return 0;
}

/* Photo credits and bylines: short, not a sentence, and either built of
 * slash-joined agency names or ending in an all-capitals word. */
static int is_credit(const char *s, size_t n) {
  if (ends_sentence(s, n) || count_words(s, n) > 14) return 0;
  for (size_t i = 1; i + 1 < n; i++)
    if (s[i] == '/' && isalpha((unsigned char)s[i - 1]) &&
        isalpha((unsigned char)s[i + 1]))
      return 1;
  size_t e = n;
  while (e > 0 && isspace((unsigned char)s[e - 1])) e--;
  size_t b = e;
  while (b > 0 && !isspace((unsigned char)s[b - 1])) b--;
  if (e - b >= 3) {
    int upper = 1;
    for (size_t i = b; i < e; i++)
      if (!isupper((unsigned char)s[i])) upper = 0;
    if (upper) return 1;
  }
  if (strstr(s, "Getty Images") || strstr(s, "Twitter: @")) return 1;
  return 0;
}

/* Leading decimal digits of p as an int, at most 6 of them (no overflow:
 * atoi on a long digit run is undefined). */
static int small_int(const char *p) {
  int v = 0;
  for (int k = 0; k < 6 && *p >= '0' && *p <= '9'; k++, p++) v = v * 10 + (*p - '0');
  return v;
}

/* Parses a full date (Month D, YYYY / D Month YYYY / YYYY-MM-DD) anywhere
 * in s.  Returns 1 and fills y/m/d. */
static int find_full_date(const char *s, size_t n, int *y, int *m, int *d) {
  for (size_t i = 0; i < n; i++) {
    if (i > 0 && isalnum((unsigned char)s[i - 1])) continue;
    if (isdigit((unsigned char)s[i]) && i + 10 <= n &&
        isdigit((unsigned char)s[i + 3]) && s[i + 4] == '-' &&
        s[i + 7] == '-') {
      int yy = small_int(s + i), mm = small_int(s + i + 5), dd = small_int(s + i + 8);
      if (yy >= 1900 && yy <= 2100 && mm >= 1 && mm <= 12 && dd >= 1 &&
          dd <= 31) {
        *y = yy, *m = mm, *d = dd;
        return 1;
      }
    }
    if (isupper((unsigned char)s[i])) {
      size_t j = i;
      while (j < n && (isalpha((unsigned char)s[j]) || s[j] == '.')) j++;
      int mm = qlex_month(s + i, j - i);
      if (!mm && j - i == 3) {
        /* "(Aug 18, 2023)": a dateline may drop the abbreviation's period;
         * a day and a year must follow, so a name "Jan" is not a month */
        char ab[4] = {s[i], s[i + 1], s[i + 2], '.'};
        mm = qlex_month(ab, 4);
      }
      if (mm) {
        const char *p = s + j;
        while (*p == ' ') p++;
        if (isdigit((unsigned char)*p)) {
          int dd = small_int(p);
          while (isdigit((unsigned char)*p)) p++;
          if (*p == ',') p++;
          while (*p == ' ') p++;
          int yy = small_int(p);
          if (dd >= 1 && dd <= 31 && yy >= 1900 && yy <= 2100) {
            *y = yy, *m = mm, *d = dd;
            return 1;
          }
        }
      }
      i = j;
    }
    if (isdigit((unsigned char)s[i])) {
      const char *p = s + i;
      int dd = small_int(p);
      while (isdigit((unsigned char)*p)) p++;
      if (*p != ' ') continue;
      p++;
      const char *w = p;
      while (isalpha((unsigned char)*p) || *p == '.') p++;
      int mm = qlex_month(w, (size_t)(p - w));
      while (*p == ' ' || *p == ',') p++;
      int yy = small_int(p);
      if (mm && dd >= 1 && dd <= 31 && yy >= 1900 && yy <= 2100) {
        *y = yy, *m = mm, *d = dd;
        return 1;
      }
    }
  }
  return 0;
}

/* Collapses runs of whitespace (incl. NBSP and tabs) to one space. */
static size_t collapse_ws(char *s, size_t n) {
  size_t o = 0;
  int sp = 1;
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)s[i];
    int is_sp = isspace(c) || c == '\f';
    if (c == 0xC2 && i + 1 < n && (unsigned char)s[i + 1] == 0xA0) {
      is_sp = 1;
      i++;
    }
    if (is_sp) {
      if (!sp) s[o++] = ' ';
      sp = 1;
    } else {
      s[o++] = (char)c;
      sp = 0;
    }
  }
  while (o > 0 && s[o - 1] == ' ') o--;
  s[o] = 0;
  return o;
}

/* letters-and-digits-only lowercase copy, for near-duplicate tests */
static size_t letters(const char *s, size_t n, char *out, size_t cap) {
  size_t o = 0;
  for (size_t i = 0; i < n && o + 1 < cap; i++)
    if (isalnum((unsigned char)s[i]))
      out[o++] = (char)tolower((unsigned char)s[i]);
  out[o] = 0;
  return o;
}

typedef struct SentCtx {
  QDoc *doc;
  int cap;
  int line, para, caption;
  int oom;
} SentCtx;

static int is_credit_fragment(const char *s, size_t n) {
  if (ends_sentence(s, n)) return 0;
  for (size_t i = 1; i + 1 < n; i++)
    if (s[i] == '/' && isalpha((unsigned char)s[i - 1]) &&
        isalpha((unsigned char)s[i + 1]))
      return 1;
  return 0;
}

static void sent_emit(void *vctx, const char *s, size_t n) {
  SentCtx *c = vctx;
  if (c->oom || count_words(s, n) < 4 || is_credit_fragment(s, n)) return;
  QDoc *d = c->doc;
  if (d->n_sent == c->cap) {
    int nc = c->cap ? c->cap * 2 : 32;
    QSentence *ns = realloc(d->sent, (size_t)nc * sizeof *ns);
    if (!ns) {
      c->oom = 1;
      return;
    }
    d->sent = ns;
    c->cap = nc;
  }
  char *t = malloc(n + 1);
  if (!t) {
    c->oom = 1;
    return;
  }
  memcpy(t, s, n);
  t[n] = 0;
  QSentence *q = &d->sent[d->n_sent++];
  q->text = t;
  q->line = c->line;
  q->para = c->para;
  q->caption = c->caption;
}

/* Strips a dateline "SEOUL—", "TOKYO (Reuters) -", "SEOUL, May 27, 2024
 * (Reuters) -".  A date in it becomes the article's date when it has none. */
static size_t strip_dateline(char *s, size_t n, QDoc *d) {
  size_t i = 0;
  int caps_words = 0;
  /* one or more words in capitals */
  for (;;) {
    size_t b = i;
    while (i < n && (isupper((unsigned char)s[i]) || s[i] == '.' || s[i] == '-'))
      i++;
    if (i - b < 2 || (i < n && isalpha((unsigned char)s[i]))) {
      i = b;
      break;
    }
    caps_words++;
    while (i < n && (s[i] == ' ' || s[i] == ',')) i++;
  }
  if (caps_words == 0) return n;
  /* then up to the dash: an optional date and "(Agency)" */
  size_t j = i, limit = i + 40 < n ? i + 40 : n;
  size_t dash = 0, dl = 0;
  for (size_t k = i; k < limit; k++) {
    if (k + 3 <= n && (memcmp(s + k, "\xE2\x80\x94", 3) == 0 ||
                       memcmp(s + k, "\xE2\x80\x93", 3) == 0)) {
      dash = k;
      dl = 3;
      break;
    }
    if (s[k] == '-' && k + 2 < n && s[k + 1] == '-' && s[k + 2] == ' ') {
      dash = k; /* "SEOUL, Oct. 5 (Yonhap) -- " */
      dl = 2;
      break;
    }
    if (s[k] == '-' && k + 1 < n && s[k + 1] == ' ' && k > 0 &&
        (s[k - 1] == ' ' || s[k - 1] == ')')) {
      dash = k;
      dl = 1;
      break;
    }
  }
  if (!dl) return n;
  /* the part between must be short: a date and/or a parenthesis */
  for (size_t k = j; k < dash; k++)
    if (s[k] == '.' && !(k > 0 && isdigit((unsigned char)s[k - 1])) &&
        !(k >= 3 && isupper((unsigned char)s[k - 3]) &&
          islower((unsigned char)s[k - 1]))) /* "Oct." */
      return n;
  int y, m, dd;
  if (dash > j && find_full_date(s + j, dash - j, &y, &m, &dd) && !d->year) {
    d->year = y;
    d->month = m;
    d->day = dd;
  }
  size_t e = dash + dl;
  while (e < n && s[e] == ' ') e++;
  memmove(s, s + e, n - e);
  s[n - e] = 0;
  return n - e;
}

static void docs_free_one(QDoc *d) {
  free(d->name);
  free(d->title);
  for (int i = 0; i < d->n_sent; i++) free(d->sent[i].text);
  free(d->sent);
}

void qtext_docs_free(QDoc *docs, int n) {
  for (int i = 0; docs && i < n; i++) docs_free_one(&docs[i]);
  free(docs);
}

static void line_drop(Line *l) {
  if (l->owned) free(l->s);
  l->s = NULL;
  l->n = 0;
  l->owned = 0;
}

static int lines_dup(const Line *a, const Line *b) {
  return a->n == b->n && memcmp(a->s, b->s, a->n) == 0;
}

/* One article: text -> QDoc. */
static int parse_article(const char *name, const char *text, size_t len,
                         int first_line, QDoc *d) {
  int rc = QD_ENOMEM;
  Line *lines = NULL;
  char *copy = NULL; /* the article text, cut into lines in place */
  int nl = 0, capl = 0;
  SentCtx sc = {d, 0, 0, 0, 0, 0};
  const char *base = strrchr(name, '/');
  d->name = strdup(base ? base + 1 : name);
  if (!d->name) goto fail;

  /* 1. split into cleaned lines (in place, in one copy of the text) */
  copy = malloc(len + 1);
  if (!copy) goto fail;
  memcpy(copy, text, len);
  copy[len] = 0;
  int lineno = first_line;
  for (size_t i = 0; i <= len;) {
    char *nlp = memchr(copy + i, '\n', len - i);
    size_t e = nlp ? (size_t)(nlp - copy) : len;
    size_t n = e - i;
    char *l = copy + i;
    l[n] = 0;
    for (size_t k = 0; k < n; k++)
      if (l[k] == '\r' || l[k] == '\t') l[k] = ' ';
    n = qtext_strip_markdown_line(l, n);
    n = collapse_ws(l, n);
    if (n == 0) l = NULL; /* blank line: a paragraph break */
    if (nl == capl) {
      int nc = capl ? capl * 2 : 64;
      Line *nlines = realloc(lines, (size_t)nc * sizeof *nlines);
      if (!nlines) goto fail;
      lines = nlines;
      capl = nc;
    }
    lines[nl].s = l;
    lines[nl].owned = 0;
    lines[nl].n = n;
    lines[nl].lineno = lineno;
    lines[nl].dup = 0;
    nl++;
    lineno++;
    if (!nlp) break;
    i = e + 1;
  }

  /* 2. join a line cut mid-sentence with its lowercase continuation;
   *    drop a broken line that its next line repeats in full */
  for (int i = 0; i < nl; i++) {
    if (!lines[i].s || ends_sentence(lines[i].s, lines[i].n)) continue;
    int j = i + 1;
    while (j < nl && !lines[j].s) j++;
    if (j >= nl) continue;
    char a[512], b[512];
    size_t la = letters(lines[i].s, lines[i].n, a, sizeof a);
    size_t lb = letters(lines[j].s, lines[j].n, b, sizeof b);
    if (la >= 20 && lb > la && strncmp(a, b, la) == 0 && la < sizeof a - 1) {
      line_drop(&lines[i]);
      continue;
    }
    if (count_words(lines[i].s, lines[i].n) >= 5 &&
        islower((unsigned char)lines[j].s[0])) {
      size_t n = lines[i].n + 1 + lines[j].n;
      char *m = malloc(n + 1);
      if (!m) goto fail;
      memcpy(m, lines[i].s, lines[i].n);
      m[lines[i].n] = ' ';
      memcpy(m + lines[i].n + 1, lines[j].s, lines[j].n);
      m[n] = 0;
      line_drop(&lines[i]);
      line_drop(&lines[j]);
      lines[i].s = m;
      lines[i].n = n;
      lines[i].owned = 1;
    }
  }

  /* 3. repeated lines (photo captions shown twice): keep the first */
  {
    size_t cap = 16;
    while (cap < (size_t)nl * 2) cap *= 2;
    int *slot = malloc(cap * sizeof *slot);
    if (!slot) goto fail;
    for (size_t k = 0; k < cap; k++) slot[k] = -1;
    for (int i = 0; i < nl; i++) {
      if (!lines[i].s) continue;
      /* length and the first 48 bytes: equal lines are compared in full */
      uint64_t h = 1469598103934665603ULL ^ lines[i].n;
      size_t hn = lines[i].n < 48 ? lines[i].n : 48;
      for (size_t k = 0; k < hn; k++) {
        h ^= (unsigned char)lines[i].s[k];
        h *= 1099511628211ULL;
      }
      size_t j = h & (cap - 1);
      int dup = 0;
      while (slot[j] >= 0) {
        if (lines_dup(&lines[slot[j]], &lines[i])) {
          lines[slot[j]].dup = 1;
          line_drop(&lines[i]);
          dup = 1;
          break;
        }
        j = (j + 1) & (cap - 1);
      }
      if (!dup) slot[j] = i;
    }
    free(slot);
  }

  /* 4. walk the body */
  int prose = 0, para = 0;
  for (int i = 0; i < nl; i++) {
    char *s = lines[i].s;
    size_t n = lines[i].n;
    if (!s) {
      para++;
      continue;
    }
    if (prose >= 2 && is_end_marker(s, n)) break;
    {
      /* a short line with a full date near the top is the article's date
       * ("By Jane Doe · March 3, 2023", "Published May 18, 2023") */
      int y, m, dd;
      if (!prose && i < 30 && !d->year && count_words(s, n) <= 10 &&
          !ends_sentence(s, n) && find_full_date(s, n, &y, &m, &dd)) {
        d->year = y;
        d->month = m;
        d->day = dd;
        continue;
      }
    }
    if (is_chrome(s, n) || is_credit(s, n)) continue;
    char *mark = strstr(s, "\xC2\xA9"); /* "... © Agency/Pool" */
    if (mark) {
      n = (size_t)(mark - s);
      while (n > 0 && s[n - 1] == ' ') n--;
      s[n] = 0;
      lines[i].dup = 1; /* a caption */
      if (n == 0) continue;
    }
    /* an editor's note wholly in parentheses is not the story */
    if (s[0] == '(' && s[n - 1] == ')') continue;
    /* a caption's trailing credit: "... 2023 (Name, Agency)" */
    if (!ends_sentence(s, n) && s[n - 1] == ')') {
      char *lp = strrchr(s, '(');
      if (lp && lp > s && memchr(lp, ',', (size_t)(s + n - lp))) {
        n = (size_t)(lp - s);
        while (n > 0 && s[n - 1] == ' ') n--;
        s[n] = 0;
        lines[i].dup = 1;
        if (n == 0) continue;
      }
    }
    int words = count_words(s, n);
    int y, m, dd;
    if (!prose && i < 30 && words <= 10 && find_full_date(s, n, &y, &m, &dd) &&
        !ends_sentence(s, n)) {
      if (!d->year) d->year = y, d->month = m, d->day = dd;
      continue;
    }
    int sentence_like = ends_sentence(s, n);
    if (!d->title && prose < 2 && words >= 5 && !sentence_like) {
      d->title = strdup(s);
      if (!d->title) goto fail;
      continue;
    }
    if (!sentence_like && (words <= 7 || s[n - 1] == ':')) continue;
    n = strip_dateline(s, n, d);
    sc.line = lines[i].lineno;
    sc.para = para;
    sc.caption = lines[i].dup || !sentence_like;
    int before = d->n_sent;
    qtext_split_sentences(s, n, sent_emit, &sc);
    if (sc.oom) goto fail;
    if (sentence_like && d->n_sent > before) prose += d->n_sent - before;
    para++;
  }
  if (!d->title) {
    d->title = strdup(d->name);
    if (!d->title) goto fail;
  }
  rc = 0;
fail:
  for (int i = 0; i < nl; i++) line_drop(&lines[i]);
  free(copy);
  free(lines);
  return rc;
}

int qtext_parse_each(const char *name, const char *buf, size_t len,
                     QTextDocFn fn, void *ctx) {
  char *html = NULL;
  if (qtext_is_html(buf, len)) {
    html = qtext_strip_html(buf, len);
    if (!html) return QD_ENOMEM;
    buf = html;
    len = strlen(html);
  }
  int n = 0, rc = 0;
  size_t start = 0;
  int line = 1, start_line = 1;
  for (size_t i = 0; i <= len && rc == 0; i++) {
    if (i == len || buf[i] == '\f') {
      /* an article ends here unless it is only whitespace */
      size_t k = start;
      while (k < i && isspace((unsigned char)buf[k])) k++;
      if (k < i || (n == 0 && i == len)) {
        QDoc d;
        memset(&d, 0, sizeof d);
        rc = parse_article(name, buf + start, i - start, start_line, &d);
        if (rc == 0) rc = fn(ctx, &d, n, (size_t)i);
        docs_free_one(&d);
        n++;
      }
      start = i + 1;
      start_line = line;
    } else if (buf[i] == '\n') {
      line++;
    }
  }
  free(html);
  return rc;
}

typedef struct Collect {
  QDoc *v;
  int n, cap;
} Collect;

static int collect_doc(void *ctx, QDoc *doc, int index, size_t done) {
  Collect *c = ctx;
  (void)index;
  (void)done;
  if (c->n == c->cap) {
    int nc = c->cap ? c->cap * 2 : 4;
    QDoc *nd = realloc(c->v, (size_t)nc * sizeof *nd);
    if (!nd) return QD_ENOMEM;
    c->v = nd;
    c->cap = nc;
  }
  c->v[c->n++] = *doc; /* take it over */
  memset(doc, 0, sizeof *doc);
  return 0;
}

int qtext_parse(const char *name, const char *buf, size_t len, QDoc **docs,
                int *n_docs) {
  Collect c = {NULL, 0, 0};
  *docs = NULL;
  *n_docs = 0;
  int rc = qtext_parse_each(name, buf, len, collect_doc, &c);
  if (rc < 0) {
    qtext_docs_free(c.v, c.n);
    return rc;
  }
  *docs = c.v;
  *n_docs = c.n;
  return 0;
}
