/* deckfile.h - exporting decks, and importing quizdeck's own deck files.
 *
 * Two export formats:
 *   - TSV for Anki's text import: header lines #separator:tab, #html:false,
 *     #columns:Front Back Explanation Tags Deck GUID Notetype and
 *     #tags/#deck/#guid/#notetype column:, then one note per line; fields
 *     holding a tab, line break or quote are quoted with doubled quotes.
 *     Cloze notes go out as Anki "Cloze" notes ({{c1::...}} text, Back
 *     Extra = explanation), the rest as "Basic"; multiple-choice options
 *     other than the answer have no place in Anki's basic types and are
 *     left out.  csvimp reads it back (front, back, explanation, tags,
 *     deck, guid, cloze).
 *   - a deck file: a zip holding DECKFILE_ENTRY, a JSON manifest
 *     {"format":"quizdeck-deck","version":1,"decks":[{"name":..,
 *     "notes":[{guid, kind, type, prompt, answer, aliases, distractors,
 *     explanation, sources:[{article,sentence}], tags, time_limit, score,
 *     n_cards}], "settings":{new_per_day, reviews_per_day, time_limit,
 *     algorithm, w, desired_retention, maximum_interval, learn_steps,
 *     relearn_steps, fuzz, rollover_hour, sm2:{...}}}]} that import reads
 *     back with nothing lost (settings apply to decks the import creates).
 *     Exported with history, the manifest also has "review_fields" (the
 *     column names of a review row, see below) and each studied note a
 *     "history" list, one object per card that was answered or suspended
 *     in some profile:
 *       {"profile": "ana", "ord": 0, "suspended": false, "state": "review"
 *        (new/learning/review/relearning), "step", "stability",
 *        "difficulty", "ease", "due" (absent for a new card), "last_review",
 *        "scheduled_days", "reps", "lapses", "reviews": [row, ...]}
 *     A row is an array in "review_fields" order -- time, rating (1..4),
 *     state_before (0..3), elapsed_days, scheduled_days, answer_ms, mode
 *     (StudyMode 0..4), then the card before the answer for undo:
 *     prev_step, prev_stability, prev_difficulty, prev_ease, prev_due,
 *     prev_last_review, prev_scheduled_days, prev_reps, prev_lapses -- or
 *     an object with those keys.  time, rating and state_before are
 *     required; a row without the prev_* values gets the card's state from
 *     the file as its undo state.  Bad values (unknown state, rating
 *     outside 1..4, negative times, fractions where whole numbers belong,
 *     an ord the note does not have, a card listed twice) are errors naming
 *     the file, deck, note, history entry, review and field.  Files without history import as before; import puts the
 *     history back with store_card_restore (profiles made by name, no
 *     duplicate rows on a second import, a later state here kept).
 * A deck is exported with its sub-decks ("Deck::Sub").  Files are written
 * to a temporary name beside the target and renamed into place, so a
 * failed export never leaves half a file. */
#ifndef QD_DECKFILE_H
#define QD_DECKFILE_H

#include <stddef.h>
#include <stdint.h>

#include "importres.h"
#include "store.h"

#define DECKFILE_ENTRY "deck.json"
#define DECKFILE_FORMAT "quizdeck-deck"
#define DECKFILE_VERSION 1

typedef enum { DECKFILE_TSV = 0, DECKFILE_DECK = 1 } DeckfileFormat;

/* Exports deck `name` (and its sub-decks) to `path`.  `profile` (may be
 * 0) and `now` are only used to list the decks.  *n_notes (may be NULL)
 * gets the number of notes written.  Returns 0, QD_ENOTFOUND (no such
 * deck), QD_EIO (cannot write; the target is left as it was), QD_ENOMEM;
 * `err` receives the message. */
int deckfile_export(Store *s, const char *name, int64_t profile, int64_t now,
                    DeckfileFormat fmt, const char *path, int *n_notes,
                    char *err, size_t errlen);

typedef struct DeckfileExportStats {
  int notes;           /* notes written */
  int history_cards;   /* cards whose history was written */
  int history_reviews; /* review-log rows written */
} DeckfileExportStats;

/* deckfile_export, and with `with_history` the review history of every
 * card of the decks in every profile (DECKFILE_DECK only: for TSV it is
 * QD_EINVAL with a message and nothing is written).  *stats may be NULL. */
int deckfile_export_ex(Store *s, const char *name, int64_t profile, int64_t now,
                       DeckfileFormat fmt, int with_history, const char *path,
                       DeckfileExportStats *stats, char *err, size_t errlen);

/* Reads a deck file into `r` (initialised with importres_init).  With
 * opts->deck the top-level deck name is replaced.  Returns 0 (problems in
 * r) or QD_ENOMEM. */
int deckfile_parse_file(const char *path, const ImportOptions *opts,
                        ImportResult *r);

/* The same for a deck file in memory (`name` for messages). */
int deckfile_parse_buffer(const char *name, const void *data, size_t len,
                          const ImportOptions *opts, ImportResult *r);

/* Parses the JSON manifest itself (json[0..len)). */
int deckfile_parse_json(const char *name, const char *json, size_t len,
                        const ImportOptions *opts, ImportResult *r);

#endif
