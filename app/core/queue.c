/* queue.c - today's study queue (see queue.h). */
#include "queue.h"

#include <stdlib.h>
#include <string.h>

#include "error.h"

#define LEARN_AHEAD 1200 /* seconds: Anki's default "learn ahead limit" */

typedef struct Pending {
  int64_t id;
  int64_t due;
} Pending;

typedef enum { SRC_NONE, SRC_LEARNING, SRC_REVIEW, SRC_NEW } Source;

struct StudyQueue {
  Store *store;
  int64_t profile, deck;
  StoreDeckSettings settings;
  int64_t day_end;       /* learning cards due later than this wait for tomorrow */
  Pending *learning;     /* sorted by due */
  int n_learning, cap_learning;
  int64_t *reviews;      /* most overdue first */
  int n_reviews, pos_reviews;
  int64_t *news;         /* in deck order */
  int n_news, pos_news;
  int64_t current;       /* card last returned by queue_next */
  Source current_src;
  int64_t front;         /* card to show next (after undo), or 0 */
  int64_t last_answered; /* avoid showing the same learning card twice in a row */
};

static void free_lists(StudyQueue *q) {
  free(q->learning);
  free(q->reviews);
  free(q->news);
  q->learning = NULL;
  q->reviews = q->news = NULL;
  q->n_learning = q->cap_learning = 0;
  q->n_reviews = q->pos_reviews = q->n_news = q->pos_news = 0;
}

/* Inserts a learning card keeping the list sorted by due. */
static int learning_add(StudyQueue *q, int64_t id, int64_t due) {
  if (q->n_learning == q->cap_learning) {
    int cap = q->cap_learning ? 2 * q->cap_learning : 16;
    Pending *v = realloc(q->learning, cap * sizeof *v);
    if (!v) return QD_ENOMEM;
    q->learning = v;
    q->cap_learning = cap;
  }
  int i = q->n_learning;
  while (i > 0 && q->learning[i - 1].due > due) {
    q->learning[i] = q->learning[i - 1];
    i--;
  }
  q->learning[i].id = id;
  q->learning[i].due = due;
  q->n_learning++;
  return QD_OK;
}

static int learning_remove(StudyQueue *q, int64_t id) {
  for (int i = 0; i < q->n_learning; i++) {
    if (q->learning[i].id == id) {
      memmove(&q->learning[i], &q->learning[i + 1],
              (q->n_learning - i - 1) * sizeof *q->learning);
      q->n_learning--;
      return 1;
    }
  }
  return 0;
}

/* Loads today's lists from the store. */
static int build(StudyQueue *q, int64_t now) {
  Store *s = q->store;
  int64_t *ids = NULL;
  int n = 0, new_done = 0, rev_done = 0;
  free_lists(q);
  int rc = store_deck_settings(s, q->deck, &q->settings);
  if (rc) return rc;
  q->day_end = sched_day_end(&q->settings.sched, now);
  rc = store_done_today(s, q->profile, q->deck, q->day_end - 86400, &new_done,
                        &rev_done);
  if (rc) return rc;
  int new_left = q->settings.new_per_day - new_done;
  int rev_left = q->settings.reviews_per_day - rev_done;

  rc = store_cards_learning(s, q->profile, q->deck, q->day_end, &ids, &n);
  if (rc) return rc;
  for (int i = 0; i < n && !rc; i++) {
    StoreCard c;
    rc = store_card_get(s, ids[i], &c);
    if (!rc) rc = learning_add(q, c.sched.id, c.sched.due);
  }
  free(ids);
  if (rc) return rc;

  rc = store_cards_review_due(s, q->profile, q->deck, now, q->day_end,
                              rev_left > 0 ? rev_left : 0, &q->reviews,
                              &q->n_reviews);
  if (rc) return rc;
  return store_cards_new(s, q->profile, q->deck, new_left > 0 ? new_left : 0,
                         &q->news, &q->n_news);
}

int queue_open(Store *s, int64_t profile, int64_t deck, int64_t now,
               StudyQueue **out) {
  StudyQueue *q = calloc(1, sizeof *q);
  *out = NULL;
  if (!q) return QD_ENOMEM;
  q->store = s;
  q->profile = profile;
  q->deck = deck;
  int rc = build(q, now);
  if (rc) {
    queue_close(q);
    return rc;
  }
  *out = q;
  return QD_OK;
}

void queue_close(StudyQueue *q) {
  if (!q) return;
  free_lists(q);
  free(q);
}

/* Index of the first learning card due by `limit` that is not `avoid`
 * (falling back to `avoid` itself when it is the only one), or -1. */
static int learning_pick(const StudyQueue *q, int64_t limit, int64_t avoid) {
  int fallback = -1;
  for (int i = 0; i < q->n_learning && q->learning[i].due <= limit; i++) {
    if (q->learning[i].id != avoid) return i;
    fallback = i;
  }
  return fallback;
}

int queue_next(StudyQueue *q, int64_t now, int64_t *card_id) {
  *card_id = 0;
  q->current = 0;
  q->current_src = SRC_NONE;
  if (now >= q->day_end) {
    /* a new day: today's limits and due cards start over */
    int rc = build(q, now);
    if (rc) return rc;
  }
  if (q->front) {
    *card_id = q->current = q->front;
    q->current_src = SRC_NONE;
    q->front = 0;
    return QD_OK;
  }
  int li = learning_pick(q, now, q->last_answered);
  if (li >= 0) {
    *card_id = q->current = q->learning[li].id;
    q->current_src = SRC_LEARNING;
    return QD_OK;
  }
  int revs_left = q->n_reviews - q->pos_reviews;
  int news_left = q->n_news - q->pos_news;
  if (revs_left > 0 || news_left > 0) {
    /* spread new cards evenly among the reviews: take a new card when the
     * share of new cards shown lags the share of reviews shown */
    int take_new;
    if (news_left == 0) take_new = 0;
    else if (revs_left == 0) take_new = 1;
    else
      take_new = (int64_t)q->pos_news * q->n_reviews <=
                 (int64_t)q->pos_reviews * q->n_news;
    if (take_new) {
      *card_id = q->current = q->news[q->pos_news];
      q->current_src = SRC_NEW;
    } else {
      *card_id = q->current = q->reviews[q->pos_reviews];
      q->current_src = SRC_REVIEW;
    }
    return QD_OK;
  }
  li = learning_pick(q, now + LEARN_AHEAD, q->last_answered);
  if (li >= 0) {
    *card_id = q->current = q->learning[li].id;
    q->current_src = SRC_LEARNING;
  }
  return QD_OK;
}

/* Takes a card out of whichever list holds it. */
static void take(StudyQueue *q, int64_t id) {
  if (id == q->current && q->current_src == SRC_REVIEW) {
    q->pos_reviews++;
    return;
  }
  if (id == q->current && q->current_src == SRC_NEW) {
    q->pos_news++;
    return;
  }
  if (learning_remove(q, id)) return;
  for (int i = q->pos_reviews; i < q->n_reviews; i++) {
    if (q->reviews[i] == id) {
      memmove(&q->reviews[i], &q->reviews[i + 1],
              (q->n_reviews - i - 1) * sizeof *q->reviews);
      q->n_reviews--;
      return;
    }
  }
  for (int i = q->pos_news; i < q->n_news; i++) {
    if (q->news[i] == id) {
      memmove(&q->news[i], &q->news[i + 1],
              (q->n_news - i - 1) * sizeof *q->news);
      q->n_news--;
      return;
    }
  }
}

int queue_answer(StudyQueue *q, int64_t card_id, int rating, int64_t now,
                 int answer_ms, StudyMode mode, StoreCard *after) {
  StoreCard next;
  int rc = store_answer(q->store, card_id, rating, now, answer_ms, mode, &next);
  if (rc) return rc;
  take(q, card_id);
  q->current = 0;
  q->current_src = SRC_NONE;
  q->last_answered = card_id;
  SchedState st = next.sched.state;
  if ((st == SCHED_LEARNING || st == SCHED_RELEARNING) &&
      next.sched.due < q->day_end)
    rc = learning_add(q, card_id, next.sched.due);
  if (after) *after = next;
  return rc;
}

int queue_undo(StudyQueue *q, int64_t *card_id) {
  int64_t id = 0;
  int rc = store_undo(q->store, q->profile, &id);
  if (rc) return rc;
  StoreCard c;
  rc = store_card_get(q->store, id, &c);
  if (rc) return rc;
  /* put it back where it came from, and show it first */
  learning_remove(q, id);
  if (c.sched.state == SCHED_NEW) {
    if (q->pos_news > 0 && q->news[q->pos_news - 1] == id) q->pos_news--;
  } else if (c.sched.state == SCHED_REVIEW) {
    if (q->pos_reviews > 0 && q->reviews[q->pos_reviews - 1] == id)
      q->pos_reviews--;
  } else {
    rc = learning_add(q, id, c.sched.due);
  }
  q->front = id;
  q->last_answered = 0;
  if (card_id) *card_id = id;
  return rc;
}

void queue_counts(const StudyQueue *q, int *n_new, int *n_learning,
                  int *n_review) {
  if (n_new) *n_new = q->n_news - q->pos_news;
  if (n_learning) *n_learning = q->n_learning;
  if (n_review) *n_review = q->n_reviews - q->pos_reviews;
}

int queue_preview(StudyQueue *q, int64_t card_id, int64_t now,
                  int64_t seconds_out[4]) {
  StoreCard c;
  int rc = store_card_get(q->store, card_id, &c);
  if (rc) return rc;
  sched_preview(&q->settings.sched, &c.sched, now, seconds_out);
  return QD_OK;
}
