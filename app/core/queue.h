/* queue.h - what a student studies now.
 *
 * A StudyQueue is built for one (profile, deck) at a time: learning cards
 * that are due first, then due reviews (most overdue relative to stability
 * first) interleaved with new cards up to the deck's daily limits.  After
 * each answer the queue is told, and learning cards come back when their
 * step is due.  It holds only card ids, so memory is bounded by the day's
 * limits, not by the deck size. */
#ifndef QD_QUEUE_H
#define QD_QUEUE_H

#include <stdint.h>
#include "store.h"

typedef struct StudyQueue StudyQueue;

/* Builds today's queue.  The store must outlive the queue. */
int queue_open(Store *s, int64_t profile, int64_t deck, int64_t now,
               StudyQueue **out);
void queue_close(StudyQueue *q);

/* Next card to show at `now` (0 in *card_id when the session is done).
 * Learning cards not yet due wait unless nothing else is left (Anki's
 * "learn ahead" of 20 minutes). */
int queue_next(StudyQueue *q, int64_t now, int64_t *card_id);

/* Records the answer for `card_id` (store_answer) and requeues it if it is
 * still learning today. */
int queue_answer(StudyQueue *q, int64_t card_id, int rating, int64_t now,
                 int answer_ms, StudyMode mode, StoreCard *after);

/* Undoes the last answer of this profile and puts the card back in front. */
int queue_undo(StudyQueue *q, int64_t *card_id);

/* Counts left: new, learning, review (for the top bar). */
void queue_counts(const StudyQueue *q, int *n_new, int *n_learning,
                  int *n_review);

/* Seconds to the next due for each grade of the card, for the buttons. */
int queue_preview(StudyQueue *q, int64_t card_id, int64_t now,
                  int64_t seconds_out[4]);

#endif
