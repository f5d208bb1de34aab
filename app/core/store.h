/* store.h - the only module that touches SQLite.
 *
 * Owns the database: decks, notes (with sources), cards per profile, the
 * review log, profiles and per-deck settings.  Schema changes go through
 * `PRAGMA user_version` migrations; the database runs in WAL mode with
 * foreign keys, a busy timeout and synchronous=FULL, so an answer is
 * durable when store_answer returns.  Each public operation that writes is
 * one transaction: it either happens whole or not at all.
 *
 * Strings passed in are copied; strings and arrays returned are owned by
 * the caller and freed with the matching *_free function.  On failure a
 * function returns a negative QD_E* code (error.h) and store_errmsg() gives
 * one line naming the file and the problem. */
#ifndef QD_STORE_H
#define QD_STORE_H

#include <stddef.h>
#include <stdint.h>
#include "sched.h"

typedef struct Store Store;

enum {
  STORE_READONLY = 1 << 0, /* open for reading only; never creates */
  STORE_NOCREATE = 1 << 1, /* fail with QD_ENOTFOUND if the file is missing */
};

/* Opens (creating if needed) the database at `path` and migrates it.
 * On failure *out is NULL, the file is left untouched, and `err` (if not
 * NULL) receives the one-line message, e.g.
 * "store: cannot open 'x.db': file is not a database". */
int store_open(const char *path, int flags, Store **out, char *err,
               size_t errlen);
void store_close(Store *s); /* NULL is a no-op */

/* Message of the last failure on this handle (never NULL). */
const char *store_errmsg(const Store *s);
/* Path the store was opened with (owned by the store). */
const char *store_path(const Store *s);

/* $XDG_DATA_HOME/quizdeck/quizdeck.db, else ~/.local/share/quizdeck/...
 * Creates the directory.  Caller frees.  NULL if no home can be found. */
char *store_default_path(void);

/* Current schema version this build writes. */
int store_schema_version(void);

/* Local time zone (seconds east of UTC) used for day boundaries: "today",
 * the 04:00 rollover and elapsed days.  Default 0 (UTC); callers pass the
 * zone they read from the system. */
void store_set_utc_offset(Store *s, int utc_offset);

/* How long a write waits for another program's lock before failing with
 * QD_EBUSY (default 5000 ms). */
void store_set_busy_timeout(Store *s, int ms);

/* ---- transactions spanning several calls (importers, generator) ----- */
int store_begin(Store *s);
int store_commit(Store *s);
void store_rollback(Store *s);

/* ---- profiles ------------------------------------------------------- */
typedef struct StoreProfile {
  int64_t id;
  char *name;
  int kiosk; /* 1 for the anonymous kiosk profile */
} StoreProfile;

/* Finds the profile by name or creates it (with cards for every note). */
int store_profile_ensure(Store *s, const char *name, int64_t *id);
int store_profile_find(Store *s, const char *name, int64_t *id);
int store_profiles_list(Store *s, StoreProfile **out, int *n);
void store_profiles_free(StoreProfile *p, int n);

/* ---- decks ---------------------------------------------------------- */
typedef struct StoreDeckInfo {
  int64_t id;
  char *name;        /* "Parent::Child" for hierarchy */
  int n_notes;
  int n_cards;       /* for the profile */
  int n_new;         /* new cards available today (after the daily limit) */
  int n_learning;    /* learning/relearning cards due today */
  int n_due;         /* review cards due today (after the daily limit) */
  int n_suspended;
} StoreDeckInfo;

int store_deck_ensure(Store *s, const char *name, int64_t *id);
int store_deck_find(Store *s, const char *name, int64_t *id);
int store_deck_rename(Store *s, int64_t deck, const char *new_name);
int store_deck_delete(Store *s, int64_t deck);
/* Moves every note of `from` into `into` and deletes `from`. */
int store_deck_merge(Store *s, int64_t from, int64_t into);
/* All decks with counts for `profile` as of `now`. */
int store_decks_list(Store *s, int64_t profile, int64_t now,
                     StoreDeckInfo **out, int *n);
void store_decks_free(StoreDeckInfo *d, int n);

typedef struct StoreDeckSettings {
  SchedConfig sched;
  int new_per_day;     /* default 20 */
  int reviews_per_day; /* default 200 */
  int time_limit;      /* seconds per question in kiosk/projector; 20 */
} StoreDeckSettings;

int store_deck_settings(Store *s, int64_t deck, StoreDeckSettings *out);
int store_deck_set_settings(Store *s, int64_t deck,
                            const StoreDeckSettings *in);

/* ---- notes ---------------------------------------------------------- */
typedef enum { NOTE_QA = 0, NOTE_CLOZE = 1, NOTE_MCQ = 2 } NoteKind;

typedef struct StoreSource {
  char *article;  /* article title or file name */
  char *sentence; /* the sentence the fact came from */
} StoreSource;

typedef struct StoreNote {
  int64_t id;          /* 0 when not stored yet */
  int64_t deck;
  char *guid;          /* stable key within the deck: re-import updates */
  NoteKind kind;
  char *type;          /* date/person/place/org/number, or NULL */
  char *prompt;        /* question, or cloze text with the gap as "____" */
  char *answer;
  char **aliases;      /* other accepted answers */
  int n_aliases;
  char **distractors;  /* wrong options for multiple choice */
  int n_distractors;
  char *explanation;   /* shown after answering; may be NULL */
  StoreSource *sources;
  int n_sources;
  char *tags;          /* space-separated, may be NULL */
  int time_limit;      /* seconds; 0 = deck default */
  double score;        /* generator's rank, higher = better */
  int n_cards;         /* cards per profile (Anki reverse/cloze: >1); 0 = 1 */
  int suspended;       /* read only: every card of the note is suspended
                          (set with store_note_set_suspended) */
} StoreNote;

void store_note_clear(StoreNote *n); /* frees members, zeroes the struct */
void store_notes_free(StoreNote *notes, int n);

typedef struct StoreSyncStats {
  int added, updated, unchanged, removed;
} StoreSyncStats;

/* Makes the deck hold exactly `notes` (matched by guid): adds new ones,
 * updates changed ones in place (keeping their cards and review history),
 * and, when remove_missing, deletes notes whose guid is not in `notes`.
 * One transaction unless the caller already opened one. */
int store_deck_sync(Store *s, int64_t deck, const StoreNote *notes, int n,
                    int remove_missing, StoreSyncStats *stats);

/* Adds or updates a single note (by guid when set). *id receives its id. */
int store_note_put(Store *s, int64_t deck, const StoreNote *note,
                   int64_t *id);
int store_note_get(Store *s, int64_t note_id, StoreNote *out);
int store_note_delete(Store *s, int64_t note_id);
/* Notes of a deck ordered by id; `query` (may be NULL) is an FTS5 search
 * over prompt, answer and sources. */
int store_notes_list(Store *s, int64_t deck, const char *query, int offset,
                     int limit, StoreNote **out, int *n);
int store_note_set_suspended(Store *s, int64_t note_id, int suspended);

/* ---- cards and answers ---------------------------------------------- */
typedef struct StoreCard {
  SchedCard sched; /* sched.id is the card id */
  int64_t note;
  int64_t deck;
  int64_t profile;
  int ord;         /* which card of the note (cloze number, reverse) */
  int suspended;
} StoreCard;

int store_card_get(Store *s, int64_t card_id, StoreCard *out);

/* Card ids to study now for (profile, deck), the raw lists the queue
 * interleaves.  Caller frees *ids with free(). */
/* Learning/relearning cards due before `until`, earliest first. */
int store_cards_learning(Store *s, int64_t profile, int64_t deck,
                         int64_t until, int64_t **ids, int *n);
/* Review cards due by day `day_end`, most overdue relative to stability
 * first, at most `limit`. */
int store_cards_review_due(Store *s, int64_t profile, int64_t deck,
                           int64_t now, int64_t day_end, int limit,
                           int64_t **ids, int *n);
/* New cards in note order, at most `limit`. */
int store_cards_new(Store *s, int64_t profile, int64_t deck, int limit,
                    int64_t **ids, int *n);
/* New cards and reviews already done today (for daily limits). */
int store_done_today(Store *s, int64_t profile, int64_t deck,
                     int64_t day_start, int *new_done, int *reviews_done);

typedef enum {
  STUDY_FLIP = 0, STUDY_CHOICE = 1, STUDY_TYPED = 2, STUDY_KIOSK = 3,
  STUDY_PRESENT = 4
} StudyMode;

/* Records an answer: schedules the card with the deck's settings, writes
 * the card and a review-log row (with the card's previous state, for
 * undo) in one durable transaction.  *after (may be NULL) gets the new
 * state. */
int store_answer(Store *s, int64_t card_id, int rating, int64_t now,
                 int answer_ms, StudyMode mode, StoreCard *after);

/* Undoes the profile's most recent answer: restores the card as it was
 * and deletes the log row.  *card_id (may be NULL) gets the card.
 * QD_ENOTFOUND when there is nothing to undo. */
int store_undo(Store *s, int64_t profile, int64_t *card_id);

/* ---- review log and statistics -------------------------------------- */
typedef struct StoreReview {
  int64_t id, card, time;
  int rating, state_before, elapsed_days, scheduled_days, answer_ms, mode;
} StoreReview;

typedef struct StoreStats {
  int reviews_today;
  int correct_today;
  int cards_by_state[4]; /* new, learning, review, relearning */
  int suspended;
  int mature_reviews_30d;   /* reviews of review-state cards, last 30 days */
  int mature_correct_30d;   /* of those, not Again: true retention */
  int reviews_per_day[30];  /* [29] = today */
  int due_per_day[30];      /* [0] = today (incl. overdue) */
  int retention_bins[6];    /* reviews by interval: <1d, 1-7, 7-30, 30-90, 90-365, >365 */
  int retention_bins_ok[6];
} StoreStats;

/* Statistics for a profile over one deck (deck 0 = all decks). */
int store_stats(Store *s, int64_t profile, int64_t deck, int64_t now,
                StoreStats *out);

typedef struct StoreMissed {
  int64_t note;
  char *prompt;
  char *answer;
  int reviews, misses;
} StoreMissed;

/* ---- review history of a note (portable deck files) ------------------ */

/* One answer of a card's review log, with the card as it was before the
 * answer (what store_undo puts back). */
typedef struct StoreHistoryReview {
  StoreReview review; /* id and card are this database's: restore ignores them */
  SchedCard before;   /* before.state == review.state_before; before.id unused */
} StoreHistoryReview;

/* One card of a note in one profile: its scheduling state and its log. */
typedef struct StoreCardHistory {
  char *profile;                /* profile name: the key across databases */
  int ord;                      /* which card of the note */
  int suspended;
  SchedCard sched;              /* sched.id is this database's card id; for
                                   a new card `due` is its queue position */
  StoreHistoryReview *reviews;  /* oldest first (time, then log id) */
  int n_reviews;
} StoreCardHistory;

/* Every card of `note` in every profile (ordered by profile name, then
 * ord) with its review-log rows, oldest first.  The caller owns *out and
 * frees it with store_history_free.  QD_ENOTFOUND when there is no such
 * note. */
int store_note_history(Store *s, int64_t note, StoreCardHistory **out,
                       int *n);
void store_history_free(StoreCardHistory *h, int n); /* NULL is a no-op */

/* The id of the note with `guid` in `deck`; QD_ENOTFOUND if none. */
int store_note_find(Store *s, int64_t deck, const char *guid, int64_t *id);

typedef struct StoreRestoreStats {
  int cards;           /* cards whose state was set from the history */
  int cards_kept;      /* cards left alone: this database had a later review */
  int reviews;         /* review-log rows added */
  int reviews_present; /* rows skipped: same card, time and rating already logged */
} StoreRestoreStats;

/* Puts one card's history (e.g. read from a deck file) onto card
 * (note, h->profile, h->ord), inside the caller's transaction if one is
 * open (else in its own):
 *   - the profile is created by name when missing (store_profile_ensure);
 *   - the card's scheduling state and suspended flag are set from `h`
 *     unless the card here was reviewed later than h->sched.last_review
 *     (then this database's newer state is kept: importing an old backup
 *     never rolls progress back).  A new card keeps its queue position
 *     here (its `due` is not taken from `h`);
 *   - each review row is added unless the card already has a row with the
 *     same time and rating, so importing the same file twice adds nothing.
 *     The row's undo columns come from reviews[i].before (a new card's
 *     `due` again being its queue position here).
 * h->ord must be below the note's card count.  Validates every number
 * first (states 0..3, ratings 1..4, modes 0..4, times and counts >= 0,
 * finite non-negative S/D/ease) and returns QD_EINVAL naming the field;
 * QD_ENOTFOUND for a missing note.  *stats (may be NULL) is added to. */
int store_card_restore(Store *s, int64_t note, const StoreCardHistory *h,
                       StoreRestoreStats *stats);

/* Notes most often answered wrong by `profile`, worst first. */
int store_most_missed(Store *s, int64_t profile, int64_t deck, int limit,
                      StoreMissed **out, int *n);
void store_missed_free(StoreMissed *m, int n);

/* ---- key/value settings (app-wide, e.g. kiosk PIN hash, UI scale) ---- */
int store_setting_get(Store *s, const char *key, char **value); /* caller frees */
int store_setting_set(Store *s, const char *key, const char *value);

#endif
