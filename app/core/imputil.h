/* imputil.h - small helpers shared by the importers and exporters.
 *
 * Growable strings, UTF-8 validation with positions, stable guids, and
 * reading a whole file with a size limit.  Plain C: no database, no zip. */
#ifndef QD_IMPUTIL_H
#define QD_IMPUTIL_H

#include <stddef.h>
#include <stdint.h>

/* A growable NUL-terminated string.  Zero-initialise, then append; after
 * an allocation failure `oom` is set and further appends are no-ops. */
typedef struct ImpBuf {
  char *s;     /* NULL until something was appended */
  size_t len;
  size_t cap;
  int oom;
} ImpBuf;

void imp_buf_add(ImpBuf *b, const char *s, size_t n);
void imp_buf_adds(ImpBuf *b, const char *s); /* s may be NULL: no-op */
void imp_buf_addc(ImpBuf *b, char c);
/* Returns the string (caller owns it, "" if nothing was appended) and
 * resets the buffer; NULL after an allocation failure. */
char *imp_buf_take(ImpBuf *b);
void imp_buf_free(ImpBuf *b);

/* strdup that accepts NULL (returns NULL). */
char *imp_strdup(const char *s);
char *imp_strndup(const char *s, size_t n);

/* Checks that s[0..len) is well-formed UTF-8 without NUL bytes, overlong
 * forms or surrogates.  Returns 0 if valid; otherwise -1 and sets *bad_off
 * to the offset of the first bad byte. */
int imp_utf8_check(const char *s, size_t len, size_t *bad_off);

/* Number of characters (code points) in the valid UTF-8 prefix s[0..n). */
size_t imp_utf8_chars(const char *s, size_t n);

/* Line (1-based) and column (1-based, in characters) of byte offset `off`
 * in `text`.  Counts '\n' as the line break. */
void imp_text_pos(const char *text, size_t off, int *line, int *col);

/* A stable 16-hex-digit guid for a string (64-bit FNV-1a over `prefix`
 * and `s`), written into out[17]. */
void imp_guid(const char *prefix, const char *s, char out[17]);

/* Reads the whole regular file into a NUL-terminated buffer (caller
 * frees).  Fails with QD_ETOOBIG when the file is larger than `limit`
 * (checked before reading), QD_EIO when it cannot be read, QD_EINVAL when
 * it is not a regular file.  `err` receives a message naming the file. */
int imp_read_file(const char *path, size_t limit, char **out, size_t *len,
                  char *err, size_t errlen);

/* Last path component (points into `path`). */
const char *imp_basename(const char *path);

/* Collapses runs of ASCII whitespace to one space and trims, in place. */
void imp_collapse_space(char *s);

#endif
