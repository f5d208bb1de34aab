/* session.h - one study session: the current card, reveal, grade, undo.
 *
 * Pure study logic over the queue (queue.h) and the store: no SDL.  The
 * front end asks what to show (phase, note, options), tells what the
 * student did (reveal, grade, choose, type) and moves on (next).  Time is
 * passed in (`now`, unix seconds; answer_ms measured by the caller), and
 * the option order of multiple choice is drawn from the seed, so a test
 * can replay a session exactly.
 *
 * Modes: STUDY_FLIP reveals then takes a self-grade (the answer is
 * recorded by session_grade and the next card follows at once);
 * STUDY_CHOICE and STUDY_TYPED record the answer when it is given, show
 * feedback (phase SESSION_FEEDBACK) and move on with session_next. */
#ifndef QD_SESSION_H
#define QD_SESSION_H

#include <stdint.h>

#include "answer.h"
#include "queue.h"
#include "store.h"

#define SESSION_MAX_OPTIONS 4

typedef enum {
  SESSION_ASKING = 0,   /* question shown, nothing answered yet */
  SESSION_REVEALED = 1, /* flip mode: answer shown, waiting for a grade */
  SESSION_FEEDBACK = 2, /* choice/typed: answered, showing the result */
  SESSION_DONE = 3      /* nothing left to study today */
} SessionPhase;

typedef struct SessionSummary {
  int reviewed;         /* answers recorded (undone ones not counted) */
  int by_rating[4];     /* [0] = Again ... [3] = Easy */
  int64_t total_ms;     /* summed answer times */
} SessionSummary;

typedef struct StudySession StudySession;

/* Opens a session for (profile, deck) in `mode` and shows the first card
 * (or SESSION_DONE).  The store must outlive the session.  On failure
 * *out is NULL and `err` holds the message. */
int session_open(Store *s, int64_t profile, int64_t deck, StudyMode mode,
                 int64_t now, uint64_t seed, StudySession **out, char *err,
                 size_t errlen);
void session_close(StudySession *ss); /* NULL is a no-op */

SessionPhase session_phase(const StudySession *ss);
StudyMode session_mode(const StudySession *ss);
/* Current card id and note (owned by the session; NULL when done). */
int64_t session_card_id(const StudySession *ss);
const StoreNote *session_note(const StudySession *ss);
/* State of the current card before this answer (new/learning/...). */
SchedState session_card_state(const StudySession *ss);

/* Multiple choice: the options in display order (owned by the session,
 * valid until the card changes) and the index of the right one. */
int session_options(const StudySession *ss, const char **opts, int max);
int session_correct_option(const StudySession *ss);

/* Flip: shows the answer.  QD_EINVAL unless asking in flip mode. */
int session_reveal(StudySession *ss);
/* Flip: records the self-grade (1..4) and shows the next card. */
int session_grade(StudySession *ss, int rating, int64_t now, int answer_ms);
/* Choice: records option `option` (display index); the grade follows from
 * correctness and time.  *rating (may be NULL) receives it. */
int session_choose(StudySession *ss, int option, int64_t now, int answer_ms,
                   int *rating);
/* Typed: records the typed text, graded by answer_check + answer_grade. */
int session_type(StudySession *ss, const char *typed, int64_t now,
                 int answer_ms, AnswerVerdict *verdict, int *rating);
/* After feedback: shows the next card. */
int session_next(StudySession *ss, int64_t now);
/* Undoes the last recorded answer of this session and shows that card
 * again.  QD_ENOTFOUND when nothing is left to undo. */
int session_undo(StudySession *ss, int64_t now);

/* The option chosen / text typed / rating recorded for the card under
 * feedback (-1 / "" / 0 when none). */
int session_chosen_option(const StudySession *ss);
const char *session_typed(const StudySession *ss);
int session_last_rating(const StudySession *ss);

/* Cards left: new, learning, review. */
void session_counts(const StudySession *ss, int *n_new, int *n_learning,
                    int *n_review);
/* Seconds to the next due for each grade of the current card. */
int session_preview(StudySession *ss, int64_t now, int64_t seconds[4]);
void session_summary(const StudySession *ss, SessionSummary *out);
/* Message of the last failure (never NULL). */
const char *session_errmsg(const StudySession *ss);

#endif
