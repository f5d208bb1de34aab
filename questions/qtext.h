/* qtext.h - from article files to clean sentences.
 *
 * Reads an article file (UTF-8 plain text, Markdown or simple HTML),
 * checks it (empty, binary, invalid UTF-8, too large), strips markup,
 * removes page furniture (navigation chrome, repeated captions, photo
 * credits, subscription prompts, "More from ..." teaser blocks and
 * everything after the end of the article body) and splits the body into
 * sentences that survive abbreviations (U.S., Dr., No., Jan.), initials,
 * quotes and em-dashes.
 *
 * A file may hold several articles separated by a form feed (U+000C) on a
 * line of its own; each becomes one QDoc.  Pure C: no I/O except
 * qtext_read_file. */
#ifndef QD_QTEXT_H
#define QD_QTEXT_H

#include <stddef.h>

/* Largest article file accepted (bytes). */
#define QTEXT_MAX_FILE ((size_t)512 * 1024 * 1024)

typedef struct QSentence {
  char *text; /* NUL-terminated, whitespace collapsed; owned by the doc */
  int line;   /* 1-based line in the (stripped) input where it starts */
  int para;   /* paragraph index within the body */
  int caption; /* 1 if it comes from a photo caption or other non-prose line */
} QSentence;

typedef struct QDoc {
  char *name;  /* file name without directories (owned) */
  char *title; /* headline, or the file name when none was found (owned) */
  QSentence *sent;
  int n_sent;
  int year, month, day; /* the article's own date, 0 when unknown */
} QDoc;

/* Reads `path` whole into *buf (NUL-terminated, caller frees) after
 * checking it: QD_EIO (cannot open/read), QD_EPARSE (empty), QD_ETOOBIG,
 * QD_EUNSUPPORTED (binary), QD_EUTF8 (invalid UTF-8).  `err` gets e.g.
 * "quizgen: cannot read 'a.txt': invalid UTF-8 at line 3, byte 41". */
int qtext_read_file(const char *path, char **buf, size_t *len, char *err,
                    size_t errlen);

/* Checks that buf is valid UTF-8 with no NUL bytes.  Returns 0, or
 * QD_EUTF8 / QD_EUNSUPPORTED with *line and *col (1-based byte column)
 * of the first bad byte. */
int qtext_check(const char *buf, size_t len, int *line, int *col);

/* Turns simple HTML into plain text: drops script/style/head/nav/footer/
 * aside/figure credits, breaks lines at block elements, decodes entities.
 * Returns a new string (caller frees) or NULL when out of memory. */
char *qtext_strip_html(const char *buf, size_t len);
/* 1 if buf looks like HTML rather than plain text or Markdown. */
int qtext_is_html(const char *buf, size_t len);
/* Removes Markdown from one line: links [t](u) -> t, images, emphasis
 * (** __ * _ `), heading marks, list bullets, block quotes, HTML comments.
 * Works in place; returns the new length. */
size_t qtext_strip_markdown_line(char *line, size_t len);

/* Splits `text` (one paragraph) into sentences.  Calls `emit` for each,
 * with a pointer into `text` and a length (not NUL-terminated). */
typedef void (*QTextEmit)(void *ctx, const char *s, size_t n);
void qtext_split_sentences(const char *text, size_t len, QTextEmit emit,
                           void *ctx);

/* Parses one file's text into articles.  `name` is the file name shown as
 * the source when no headline is found.  *docs is an array of *n_docs
 * documents (caller frees with qtext_docs_free); a document whose body is
 * empty after furniture removal still appears, with n_sent 0.
 * Returns 0 or QD_ENOMEM. */
int qtext_parse(const char *name, const char *buf, size_t len, QDoc **docs,
                int *n_docs);
void qtext_docs_free(QDoc *docs, int n);

/* Same, one article at a time (a large file is never held as documents
 * all at once): calls fn for each article with its index and the byte
 * offset reached in buf (of the stripped text for HTML).  fn may take
 * the document over by zeroing *doc; otherwise it is freed after fn
 * returns.  A negative return from fn stops and is returned. */
typedef int (*QTextDocFn)(void *ctx, QDoc *doc, int index, size_t done);
int qtext_parse_each(const char *name, const char *buf, size_t len,
                     QTextDocFn fn, void *ctx);

#endif
