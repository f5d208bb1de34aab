/* apkg.h - Anki packages (.apkg) into quizdeck notes.
 *
 * Reads both layouts Anki writes:
 *   - legacy: a zip with collection.anki2 (schema 11; Anki 2.0 and 2.1
 *     before 2.1.50) or collection.anki21, and a JSON media map;
 *   - current (Anki 2.1.50+ default): a zip with `meta` (protobuf, version
 *     3), collection.anki21b (zstd-compressed SQLite, schema 18, note types
 *     in tables with protobuf configs) and a zstd protobuf media map; the
 *     collection.anki2 beside it is a placeholder and is never used.
 * Entries are decompressed to memory with a size cap (zip bombs fail with
 * a message); nothing is ever extracted to a path taken from the zip, and
 * entries with unsafe names (../x, /x) are reported and ignored.
 *
 * Every Anki note becomes one StoreNote in the deck of its first card
 * (hierarchy kept as "Parent::Child"; the empty built-in "Default" deck is
 * not created).  Standard notes: prompt = the card's question template
 * rendered and reduced to plain text; answer = the answer template without
 * {{FrontSide}}, plain; n_cards = the note's number of cards (2 for
 * "Basic (and reversed card)").  Cloze notes: with one cloze number the
 * prompt is the text with the gap as "____" and the answer the hidden
 * text; with several (c1..cN) the prompt keeps the markup
 * "{{cK::text::hint}}" renumbered 1..N (see cloze_card() in cloze.h),
 * n_cards = N.  Guid = the Anki note guid, so re-importing updates.
 * Pictures and sounds cannot be shown: they are counted and named in a
 * warning, and a card left empty without them is reported and skipped.
 * Review history is not carried over: a warning says so. */
#ifndef QD_APKG_H
#define QD_APKG_H

#include <stddef.h>

#include "importres.h"

/* Largest decompressed collection or media map accepted (bytes). */
#define APKG_MAX_EXPAND ((size_t)256 << 20)

/* Imports the package at `path`.  `max_expand` caps any decompressed
 * entry (0 = APKG_MAX_EXPAND).  Returns 0 (problems are in r) or
 * QD_ENOMEM. */
int apkg_parse_file(const char *path, const ImportOptions *opts,
                    size_t max_expand, ImportResult *r);

/* The same for a package held in memory; `name` is used in messages. */
int apkg_parse_buffer(const char *name, const void *data, size_t len,
                      const ImportOptions *opts, size_t max_expand,
                      ImportResult *r);

/* Converts a bare collection (the SQLite image of collection.anki2 or a
 * decompressed collection.anki21b) -- used by the fuzzer and tests. */
int apkg_parse_collection(const char *name, const void *db, size_t len,
                          const ImportOptions *opts, ImportResult *r);

#endif
