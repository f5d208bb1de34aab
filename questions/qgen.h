/* qgen.h - the question generator's public interface.
 *
 * From article files (UTF-8 plain text, Markdown or simple HTML) to quiz
 * cards: qtext (clean sentences) -> extract (facts) -> generate (cards).
 * Results are either printed as JSON Lines or stored as notes of a deck
 * (store.h).  Nothing here keeps global state; randomness comes from a
 * seed.  The built-in corpus lives in QD_CORPUS_DIR (a compile definition
 * of the qgen library). */
#ifndef QD_QGEN_H
#define QD_QGEN_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "generate.h"
#include "store.h"

typedef struct QgenOptions {
  double min_score;  /* cards below are dropped; 0 = GEN_MIN_SCORE */
  uint64_t seed;     /* distractor order; 0 = a fixed default */
  /* Called after each file with bytes done and total (may be NULL). */
  void (*progress)(void *ctx, size_t done, size_t total);
  void *progress_ctx;
} QgenOptions;

/* 1 if a file name looks like an article (.txt, .md, .markdown, .html,
 * .htm) and not like a note about the folder (README, SOURCES, LICENSE,
 * CHANGES, COPYING, hidden files). */
int qgen_is_article_name(const char *name);

/* Expands directories in `paths` to their article files (sorted by name);
 * other paths are kept as given.  *out (caller frees each string and the
 * array) gets *n_out paths.  A directory without articles is an error
 * (QD_ENOTFOUND) with a message in err. */
int qgen_expand_paths(const char *const *paths, int n_paths, char ***out,
                      int *n_out, char *err, size_t errlen);

/* Reads every file (a directory stands for its article files, see
 * qgen_expand_paths), extracts facts and generates ranked cards.  A file
 * that cannot be used (missing, empty, binary, invalid UTF-8, too large)
 * fails the whole run: returns a negative QD_E* code, *cards is NULL and
 * `err` names the file and the problem.  `lx` may be NULL (a lexicon is
 * opened with the Debian defaults; its warnings go to `warn` if not NULL).
 * On success *cards (caller frees with gen_cards_free) holds *n cards. */
int qgen_generate_files(QLex *lx, const char *const *paths, int n_paths,
                        const QgenOptions *opt, QCard **cards, int *n,
                        char *err, size_t errlen);

/* Same, from one text already in memory (`name` is shown as its source). */
int qgen_generate_text(QLex *lx, const char *name, const char *text,
                       size_t len, const QgenOptions *opt, QCard **cards,
                       int *n);

/* Writes one JSON object per card and line:
 * {"kind","type","prompt","answer","aliases","choices","source","context",
 *  "score"}.  Returns 0 or QD_EIO. */
int qgen_write_jsonl(FILE *f, const QCard *cards, int n);

/* Appends `s` as a JSON string literal (with quotes) to buf; returns the
 * length it needs (like snprintf), never writing past cap. */
size_t qgen_json_string(char *buf, size_t cap, const char *s);

/* Converts cards to store notes (deck 0; the caller sets it).  *notes is
 * owned by the caller: store_notes_free(*notes, n). */
int qgen_cards_to_notes(const QCard *cards, int n, StoreNote **notes);

/* Generates cards from the files and stores them in deck `deck_name`
 * (created if needed) with store_deck_ensure + store_deck_sync in one
 * transaction: re-running updates notes in place by guid and keeps the
 * review history; notes of other files in the deck are kept.  A failed
 * run writes nothing.  stats (may be NULL) gets the counts. */
int qgen_import_files(Store *s, const char *deck_name,
                      const char *const *paths, int n_paths,
                      StoreSyncStats *stats, char *err, size_t errlen);

#endif
