#include "htmltext.h"

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "imputil.h"

typedef struct Entity {
  const char *name;
  uint32_t cp;
} Entity;

/* The entities that occur in real decks; others are kept verbatim. */
static const Entity ENTITIES[] = {
    {"amp", '&'},      {"lt", '<'},        {"gt", '>'},       {"quot", '"'},
    {"apos", '\''},    {"nbsp", ' '},      {"ensp", ' '},     {"emsp", ' '},
    {"thinsp", ' '},   {"ndash", 0x2013},  {"mdash", 0x2014}, {"hellip", 0x2026},
    {"lsquo", 0x2018}, {"rsquo", 0x2019},  {"ldquo", 0x201C}, {"rdquo", 0x201D},
    {"sbquo", 0x201A}, {"bdquo", 0x201E},  {"laquo", 0xAB},   {"raquo", 0xBB},
    {"copy", 0xA9},    {"reg", 0xAE},      {"trade", 0x2122}, {"deg", 0xB0},
    {"plusmn", 0xB1},  {"times", 0xD7},    {"divide", 0xF7},  {"middot", 0xB7},
    {"bull", 0x2022},  {"para", 0xB6},     {"sect", 0xA7},    {"euro", 0x20AC},
    {"pound", 0xA3},   {"yen", 0xA5},      {"cent", 0xA2},    {"iexcl", 0xA1},
    {"iquest", 0xBF},  {"frac12", 0xBD},   {"frac14", 0xBC},  {"frac34", 0xBE},
    {"sup2", 0xB2},    {"sup3", 0xB3},     {"micro", 0xB5},   {"larr", 0x2190},
    {"rarr", 0x2192},  {"uarr", 0x2191},   {"darr", 0x2193},  {"harr", 0x2194},
    {"le", 0x2264},    {"ge", 0x2265},     {"ne", 0x2260},    {"asymp", 0x2248},
    {"infin", 0x221E}, {"minus", 0x2212},  {"radic", 0x221A}, {"sum", 0x2211},
    {"alpha", 0x3B1},  {"beta", 0x3B2},    {"gamma", 0x3B3},  {"delta", 0x3B4},
    {"pi", 0x3C0},     {"sigma", 0x3C3},   {"omega", 0x3C9},  {"mu", 0x3BC},
    {"lambda", 0x3BB}, {"theta", 0x3B8},   {"Delta", 0x394},  {"Omega", 0x3A9},
    {"agrave", 0xE0},  {"aacute", 0xE1},   {"acirc", 0xE2},   {"auml", 0xE4},
    {"ccedil", 0xE7},  {"egrave", 0xE8},   {"eacute", 0xE9},  {"ecirc", 0xEA},
    {"euml", 0xEB},    {"iacute", 0xED},   {"iuml", 0xEF},    {"ntilde", 0xF1},
    {"oacute", 0xF3},  {"ocirc", 0xF4},    {"ouml", 0xF6},    {"uacute", 0xFA},
    {"ugrave", 0xF9},  {"uuml", 0xFC},     {"szlig", 0xDF},   {"Auml", 0xC4},
    {"Ouml", 0xD6},    {"Uuml", 0xDC},     {"Eacute", 0xC9},  {"Agrave", 0xC0},
    {"zwnj", 0x200C},  {"zwj", 0x200D},    {"shy", 0xAD},
};

static const char *const BLOCK_TAGS[] = {
    "br", "div", "p", "li", "ul", "ol", "tr", "td", "th", "table", "tbody",
    "thead", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "blockquote", "pre",
    "section", "article", "header", "footer", "dd", "dt", "dl", "center",
    "figure", "figcaption", "nav", "aside", "main", "details", "summary",
    "caption", "form", "img"};

static void add_cp(ImpBuf *b, uint32_t cp) {
  char u[4];
  if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
  if (cp < 0x80) {
    u[0] = (char)cp;
    imp_buf_add(b, u, 1);
  } else if (cp < 0x800) {
    u[0] = (char)(0xC0 | (cp >> 6));
    u[1] = (char)(0x80 | (cp & 0x3F));
    imp_buf_add(b, u, 2);
  } else if (cp < 0x10000) {
    u[0] = (char)(0xE0 | (cp >> 12));
    u[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
    u[2] = (char)(0x80 | (cp & 0x3F));
    imp_buf_add(b, u, 3);
  } else {
    u[0] = (char)(0xF0 | (cp >> 18));
    u[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    u[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    u[3] = (char)(0x80 | (cp & 0x3F));
    imp_buf_add(b, u, 4);
  }
}

/* Decodes the entity at s[0] == '&'; returns bytes consumed, 0 if none. */
static size_t entity(const char *s, size_t n, ImpBuf *b) {
  size_t i = 1;
  if (i < n && s[i] == '#') {
    uint32_t cp = 0;
    int hex = 0, digits = 0;
    i++;
    if (i < n && (s[i] == 'x' || s[i] == 'X')) {
      hex = 1;
      i++;
    }
    while (i < n && digits < 8 &&
           (hex ? isxdigit((unsigned char)s[i]) : isdigit((unsigned char)s[i]))) {
      int d = isdigit((unsigned char)s[i]) ? s[i] - '0'
                                           : (tolower((unsigned char)s[i]) - 'a' + 10);
      cp = cp * (hex ? 16u : 10u) + (uint32_t)d;
      i++;
      digits++;
    }
    if (!digits) return 0;
    if (i < n && s[i] == ';') i++;
    add_cp(b, cp == 0xA0 ? ' ' : cp);
    return i;
  }
  size_t start = i;
  while (i < n && i - start < 10 && isalnum((unsigned char)s[i])) i++;
  if (i == start || i >= n || s[i] != ';') return 0;
  for (size_t k = 0; k < sizeof ENTITIES / sizeof ENTITIES[0]; k++) {
    if (strlen(ENTITIES[k].name) == i - start &&
        memcmp(ENTITIES[k].name, s + start, i - start) == 0) {
      add_cp(b, ENTITIES[k].cp);
      return i + 1;
    }
  }
  return 0;
}

static int ci_prefix(const char *s, size_t n, const char *word) {
  size_t w = strlen(word);
  if (n < w) return 0;
  for (size_t i = 0; i < w; i++)
    if (tolower((unsigned char)s[i]) != word[i]) return 0;
  return 1;
}

/* Finds "</name" (case-insensitive) from s; returns offset or n. */
static size_t find_close(const char *s, size_t n, const char *name) {
  for (size_t i = 0; i + 2 < n; i++)
    if (s[i] == '<' && s[i + 1] == '/' && ci_prefix(s + i + 2, n - i - 2, name))
      return i;
  return n;
}

char *htmltext_plain(const char *html, size_t len) {
  ImpBuf b = {0};
  size_t i = 0;
  imp_buf_add(&b, "", 0);
  while (i < len) {
    char c = html[i];
    if (c == '<') {
      size_t j = i + 1;
      int closing = 0;
      if (j < len && html[j] == '/') {
        closing = 1;
        j++;
      }
      if (j + 2 < len && html[i + 1] == '!' && html[i + 2] == '-' && html[i + 3] == '-') {
        const char *end = NULL;
        for (size_t k = i + 4; k + 2 < len; k++)
          if (html[k] == '-' && html[k + 1] == '-' && html[k + 2] == '>') {
            end = html + k + 3;
            break;
          }
        i = end ? (size_t)(end - html) : len;
        continue;
      }
      if (j >= len || !(isalpha((unsigned char)html[j]) || html[j] == '!' || html[j] == '?')) {
        imp_buf_addc(&b, c); /* a lone '<' is text */
        i++;
        continue;
      }
      size_t ns = j;
      while (j < len && (isalnum((unsigned char)html[j]) || html[j] == '!' || html[j] == '?'))
        j++;
      size_t nlen = j - ns;
      /* find the end of the tag, skipping quoted attribute values */
      char q = 0;
      while (j < len && (q || html[j] != '>')) {
        if (q) {
          if (html[j] == q) q = 0;
        } else if (html[j] == '"' || html[j] == '\'') {
          q = html[j];
        }
        j++;
      }
      if (j >= len) { /* unclosed tag: keep as text */
        imp_buf_add(&b, html + i, len - i);
        break;
      }
      j++; /* past '>' */
      char name[16] = {0};
      for (size_t k = 0; k < nlen && k < sizeof name - 1; k++)
        name[k] = (char)tolower((unsigned char)html[ns + k]);
      if (!closing && (strcmp(name, "script") == 0 || strcmp(name, "style") == 0)) {
        size_t e = j + find_close(html + j, len - j, name);
        if (e >= len) {
          i = len;
          continue;
        }
        while (e < len && html[e] != '>') e++;
        i = e < len ? e + 1 : len;
        continue;
      }
      for (size_t k = 0; k < sizeof BLOCK_TAGS / sizeof BLOCK_TAGS[0]; k++)
        if (nlen < sizeof name && strcmp(name, BLOCK_TAGS[k]) == 0) {
          imp_buf_addc(&b, ' ');
          break;
        }
      i = j;
      continue;
    }
    if (c == '&') {
      size_t used = entity(html + i, len - i, &b);
      if (used) {
        i += used;
        continue;
      }
    }
    if (c == '[' && len - i > 7 && memcmp(html + i, "[sound:", 7) == 0) {
      const char *e = memchr(html + i, ']', len - i);
      if (e) {
        i = (size_t)(e - html) + 1;
        continue;
      }
    }
    /* U+00A0 no-break space is a space for display */
    if ((unsigned char)c == 0xC2 && i + 1 < len && (unsigned char)html[i + 1] == 0xA0) {
      imp_buf_addc(&b, ' ');
      i += 2;
      continue;
    }
    imp_buf_addc(&b, c);
    i++;
  }
  char *s = imp_buf_take(&b);
  if (s) imp_collapse_space(s);
  return s;
}

static const char *attr_value(const char *s, size_t n, const char *attr, size_t *vlen) {
  size_t al = strlen(attr);
  for (size_t i = 0; i + al < n; i++) {
    if ((i == 0 || isspace((unsigned char)s[i - 1])) && ci_prefix(s + i, n - i, attr)) {
      size_t j = i + al;
      while (j < n && isspace((unsigned char)s[j])) j++;
      if (j >= n || s[j] != '=') continue;
      j++;
      while (j < n && isspace((unsigned char)s[j])) j++;
      if (j >= n) return NULL;
      char q = (s[j] == '"' || s[j] == '\'') ? s[j++] : 0;
      size_t st = j;
      while (j < n && (q ? s[j] != q : !isspace((unsigned char)s[j]) && s[j] != '>')) j++;
      *vlen = j - st;
      return s + st;
    }
  }
  return NULL;
}

int htmltext_media(const char *html, size_t len,
                   void (*fn)(void *ctx, const char *name, size_t n), void *ctx) {
  int count = 0;
  for (size_t i = 0; i < len; i++) {
    if (html[i] == '[' && len - i > 7 && memcmp(html + i, "[sound:", 7) == 0) {
      const char *e = memchr(html + i, ']', len - i);
      if (!e) break;
      if (fn) fn(ctx, html + i + 7, (size_t)(e - html) - i - 7);
      count++;
      i = (size_t)(e - html);
    } else if (html[i] == '<' &&
               (ci_prefix(html + i + 1, len - i - 1, "img") ||
                ci_prefix(html + i + 1, len - i - 1, "audio") ||
                ci_prefix(html + i + 1, len - i - 1, "video") ||
                ci_prefix(html + i + 1, len - i - 1, "source"))) {
      const char *e = memchr(html + i, '>', len - i);
      size_t tl = e ? (size_t)(e - html) - i : len - i;
      size_t vl = 0;
      const char *v = attr_value(html + i, tl, "src", &vl);
      if (v && vl) {
        if (fn) fn(ctx, v, vl);
        count++;
      }
      i += tl;
    }
  }
  return count;
}
