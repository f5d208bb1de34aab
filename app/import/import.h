/* import.h - importing a file into quizdeck: parse first, then commit.
 *
 * Two steps so that a user (the `import --dry-run` command, the app's
 * drag-and-drop) sees what will happen before anything is written:
 *
 *   ImportResult r;
 *   ImportOptions o = {.deck = NULL};
 *   import_file("words.csv", &o, &r);        // reads, never writes
 *   ... show importres_notes(&r), r.decks[..].notes[..], r.problems ...
 *   if (r.n_errors == 0) import_commit(store, &r, &stats, err, sizeof err);
 *   importres_free(&r);
 *
 * Formats, found from the content (zip magic) and then the extension:
 *   .apkg (and any zip holding collection.anki2/.anki21/.anki21b): apkg.h
 *   a quizdeck deck file (zip holding deck.json, `export --format deck`):
 *     deckfile.h
 *   .csv .tsv .txt and other text: csvimp.h (CSV/TSV/semicolon/Anki text
 *     export/Kahoot sheet); a .txt counts as delimited text when it has
 *     Anki header lines or tab-separated columns, else as an article
 *   .md .markdown .html .htm, and prose .txt: articles for the question
 *     generator (qgen), which builds the notes during import_commit.
 *
 * Limits: text files over IMPORT_MAX_TEXT bytes are refused before being
 * read; zip entries are decompressed to memory with a cap (apkg.h).
 * Nothing outside the database is ever written. */
#ifndef QD_IMPORT_H
#define QD_IMPORT_H

#include <stddef.h>

#include "importres.h"
#include "store.h"

/* Largest text file accepted (bytes). */
#define IMPORT_MAX_TEXT ((size_t)100 << 20)

/* Reads and parses `path` into *out (initialised here; free with
 * importres_free even on failure).  Returns 0 when the file was examined
 * -- it may still hold problems: check out->n_errors -- or QD_ENOMEM.  An
 * unreadable or oversized file gives 0 with one error problem. */
int import_file(const char *path, const ImportOptions *opts, ImportResult *out);

/* Which importer `path` goes to (from its first bytes and extension);
 * IMPORT_FMT_UNKNOWN when it cannot be read. */
ImportFormat import_detect(const char *path);

/* Writes the parsed notes: one transaction over every deck (created as
 * needed, "Parent::Child" kept), notes matched by guid so that importing
 * the same file again updates instead of duplicating; nothing is removed.
 * Articles go through the question generator in the same transaction.
 * Refuses (QD_EPARSE) while r->n_errors > 0.  On failure nothing is
 * written and `err` names the file and the problem.  *stats (may be NULL)
 * gets the sums over all decks. */
int import_commit(Store *s, const ImportResult *r, StoreSyncStats *stats,
                  char *err, size_t errlen);

/* import_commit that also puts back the review history a deck file
 * carries (export --with-history), in the same transaction: after each
 * deck's notes are synced, every card's history goes through
 * store_card_restore (profiles created by name; rows already logged are
 * skipped; a card studied here since keeps its newer state).  *hist (may
 * be NULL) gets the sums. */
int import_commit_history(Store *s, const ImportResult *r, StoreSyncStats *stats,
                          StoreRestoreStats *hist, char *err, size_t errlen);

/* For articles under --dry-run: runs the generator inside a transaction
 * that is rolled back, so *stats tells what an import would add and
 * *first (may be NULL; caller frees with store_notes_free) receives up to
 * `max_first` of the generated notes.  QD_EUNSUPPORTED when this build
 * has no generator. */
int import_preview_articles(Store *s, const ImportResult *r,
                            StoreSyncStats *stats, StoreNote **first,
                            int *n_first, int max_first, char *err,
                            size_t errlen);

/* Human name of a format ("Anki package", "CSV/TSV text", ...). */
const char *import_format_name(ImportFormat f);

#endif
