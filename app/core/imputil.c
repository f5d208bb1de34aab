#include "imputil.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "error.h"

void imp_buf_add(ImpBuf *b, const char *s, size_t n) {
  if (b->oom) return;
  if (b->len + n + 1 > b->cap) {
    size_t cap = b->cap ? b->cap : 64;
    while (cap < b->len + n + 1) cap *= 2;
    char *p = realloc(b->s, cap);
    if (!p) {
      b->oom = 1;
      return;
    }
    b->s = p;
    b->cap = cap;
  }
  if (n) memcpy(b->s + b->len, s, n);
  b->len += n;
  b->s[b->len] = '\0';
}

void imp_buf_adds(ImpBuf *b, const char *s) {
  if (s) imp_buf_add(b, s, strlen(s));
}

void imp_buf_addc(ImpBuf *b, char c) { imp_buf_add(b, &c, 1); }

char *imp_buf_take(ImpBuf *b) {
  if (b->oom) {
    imp_buf_free(b);
    return NULL;
  }
  char *s = b->s ? b->s : calloc(1, 1);
  b->s = NULL;
  b->len = b->cap = 0;
  return s;
}

void imp_buf_free(ImpBuf *b) {
  free(b->s);
  b->s = NULL;
  b->len = b->cap = 0;
  b->oom = 0;
}

char *imp_strdup(const char *s) { return s ? strdup(s) : NULL; }

char *imp_strndup(const char *s, size_t n) {
  char *p = malloc(n + 1);
  if (!p) return NULL;
  memcpy(p, s, n);
  p[n] = '\0';
  return p;
}

int imp_utf8_check(const char *str, size_t len, size_t *bad_off) {
  const unsigned char *s = (const unsigned char *)str;
  size_t i = 0;
  while (i < len) {
    unsigned c = s[i];
    if (c < 0x80) {
      if (c == 0) goto bad;
      i++;
      continue;
    }
    size_t n;
    unsigned cp;
    if (c >= 0xC2 && c <= 0xDF) { n = 1; cp = c & 0x1F; }
    else if (c >= 0xE0 && c <= 0xEF) { n = 2; cp = c & 0x0F; }
    else if (c >= 0xF0 && c <= 0xF4) { n = 3; cp = c & 0x07; }
    else goto bad;
    for (size_t k = 1; k <= n; k++) {
      if (i + k >= len || (s[i + k] & 0xC0) != 0x80) goto bad;
      cp = (cp << 6) | (s[i + k] & 0x3F);
    }
    if ((n == 2 && cp < 0x800) || (n == 3 && (cp < 0x10000 || cp > 0x10FFFF)) ||
        (cp >= 0xD800 && cp <= 0xDFFF))
      goto bad;
    i += n + 1;
  }
  return 0;
bad:
  if (bad_off) *bad_off = i;
  return -1;
}

size_t imp_utf8_chars(const char *s, size_t n) {
  size_t c = 0;
  for (size_t i = 0; i < n; i++)
    if (((unsigned char)s[i] & 0xC0) != 0x80) c++;
  return c;
}

void imp_text_pos(const char *text, size_t off, int *line, int *col) {
  int l = 1;
  size_t start = 0;
  for (size_t i = 0; i < off; i++)
    if (text[i] == '\n') {
      l++;
      start = i + 1;
    }
  *line = l;
  *col = (int)imp_utf8_chars(text + start, off - start) + 1;
}

void imp_guid(const char *prefix, const char *s, char out[17]) {
  uint64_t h = 1469598103934665603ULL;
  for (const char *p = prefix ? prefix : ""; *p; p++) {
    h ^= (unsigned char)*p;
    h *= 1099511628211ULL;
  }
  h ^= 0xff;
  h *= 1099511628211ULL;
  for (const char *p = s ? s : ""; *p; p++) {
    h ^= (unsigned char)*p;
    h *= 1099511628211ULL;
  }
  snprintf(out, 17, "%016llx", (unsigned long long)h);
}

int imp_read_file(const char *path, size_t limit, char **out, size_t *len,
                  char *err, size_t errlen) {
  int rc = QD_EIO;
  char *buf = NULL;
  FILE *f = fopen(path, "rb");
  *out = NULL;
  *len = 0;
  if (!f) {
    snprintf(err, errlen, "import: cannot open '%s': %s", path, strerror(errno));
    return errno == ENOENT ? QD_ENOTFOUND : QD_EIO;
  }
  struct stat st;
  if (fstat(fileno(f), &st) != 0) {
    snprintf(err, errlen, "import: cannot read '%s': %s", path, strerror(errno));
    goto fail;
  }
  if (!S_ISREG(st.st_mode)) {
    snprintf(err, errlen, "import: cannot import '%s': not a regular file", path);
    rc = QD_EINVAL;
    goto fail;
  }
  if ((uint64_t)st.st_size > (uint64_t)limit) {
    snprintf(err, errlen,
             "import: cannot import '%s': file is %lld MB, larger than the %zu MB limit",
             path, (long long)(st.st_size >> 20), limit >> 20);
    rc = QD_ETOOBIG;
    goto fail;
  }
  size_t n = (size_t)st.st_size;
  buf = malloc(n + 1);
  if (!buf) {
    snprintf(err, errlen, "import: cannot read '%s': out of memory", path);
    rc = QD_ENOMEM;
    goto fail;
  }
  size_t got = fread(buf, 1, n, f);
  if (got != n || ferror(f)) {
    snprintf(err, errlen, "import: cannot read '%s': %s", path,
             ferror(f) ? strerror(errno) : "file changed while reading");
    goto fail;
  }
  buf[n] = '\0';
  fclose(f);
  *out = buf;
  *len = n;
  return 0;
fail:
  free(buf);
  fclose(f);
  return rc;
}

const char *imp_basename(const char *path) {
  const char *b = strrchr(path, '/');
  return b ? b + 1 : path;
}

void imp_collapse_space(char *s) {
  char *w = s;
  int space = 0;
  for (char *r = s; *r; r++) {
    if (*r == ' ' || *r == '\t' || *r == '\n' || *r == '\r' || *r == '\f' || *r == '\v') {
      space = 1;
      continue;
    }
    if (space && w != s) *w++ = ' ';
    space = 0;
    *w++ = *r;
  }
  *w = '\0';
}
