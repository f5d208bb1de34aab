/* test_queue.c - today's study queue over a real store. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "error.h"
#include "queue.h"
#include "store.h"

#define T0 1700053200 /* 2023-11-15 13:00 UTC: mid-day, far from 04:00 */

typedef struct Fx {
  char dir[64];
  Store *s;
  int64_t deck, prof;
} Fx;

static char *xstrdup(const char *v) {
  char *d = malloc(strlen(v) + 1);
  strcpy(d, v);
  return d;
}

static int setup(void **state) {
  Fx *f = calloc(1, sizeof *f);
  snprintf(f->dir, sizeof f->dir, "/tmp/qd_test_queue_XXXXXX");
  assert_non_null(mkdtemp(f->dir));
  char p[128], err[256];
  snprintf(p, sizeof p, "%s/q.db", f->dir);
  assert_int_equal(store_open(p, 0, &f->s, err, sizeof err), 0);
  assert_int_equal(store_profile_ensure(f->s, "p", &f->prof), 0);
  assert_int_equal(store_deck_ensure(f->s, "D", &f->deck), 0);
  enum { N = 30 };
  StoreNote notes[N];
  for (int i = 0; i < N; i++) {
    char g[16], q[32];
    snprintf(g, sizeof g, "n%02d", i);
    snprintf(q, sizeof q, "Question %d", i);
    memset(&notes[i], 0, sizeof notes[i]);
    notes[i].guid = xstrdup(g);
    notes[i].prompt = xstrdup(q);
    notes[i].answer = xstrdup("A");
  }
  assert_int_equal(store_deck_sync(f->s, f->deck, notes, N, 0, NULL), 0);
  for (int i = 0; i < N; i++) store_note_clear(&notes[i]);
  StoreDeckSettings set;
  assert_int_equal(store_deck_settings(f->s, f->deck, &set), 0);
  set.sched.fuzz = 0;
  assert_int_equal(store_deck_set_settings(f->s, f->deck, &set), 0);
  *state = f;
  return 0;
}

static int teardown(void **state) {
  Fx *f = *state;
  store_close(f->s);
  char cmd[128];
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", f->dir);
  int rc = system(cmd);
  free(f);
  return rc;
}

static void test_new_limit_and_learning(void **state) {
  Fx *f = *state;
  StudyQueue *q;
  assert_int_equal(queue_open(f->s, f->prof, f->deck, T0, &q), 0);
  int nn, nl, nr;
  queue_counts(q, &nn, &nl, &nr);
  assert_int_equal(nn, 20); /* daily new limit, not all 30 */
  assert_int_equal(nl, 0);
  assert_int_equal(nr, 0);

  int64_t first, again;
  assert_int_equal(queue_next(q, T0, &first), 0);
  assert_true(first > 0);
  /* asking again without answering gives the same card */
  assert_int_equal(queue_next(q, T0, &again), 0);
  assert_int_equal(first, again);

  int64_t secs[4];
  assert_int_equal(queue_preview(q, first, T0, secs), 0);
  assert_int_equal(secs[0], 60);  /* Again: first learning step, 1m */
  assert_true(secs[2] >= 600);    /* Good: next step, 10m */
  assert_true(secs[3] >= 86400);  /* Easy: graduates */

  StoreCard after;
  assert_int_equal(queue_answer(q, first, SCHED_AGAIN, T0, 3000, STUDY_FLIP, &after), 0);
  assert_int_equal(after.sched.state, SCHED_LEARNING);
  queue_counts(q, &nn, &nl, &nr);
  assert_int_equal(nn, 19);
  assert_int_equal(nl, 1);

  /* the learning card is not due yet: the next card is another new one */
  int64_t next;
  assert_int_equal(queue_next(q, T0 + 5, &next), 0);
  assert_int_not_equal(next, first);
  assert_int_equal(queue_answer(q, next, SCHED_EASY, T0 + 5, 1000, STUDY_FLIP, NULL), 0);
  /* a minute later the learning card comes back before new cards */
  assert_int_equal(queue_next(q, T0 + 61, &next), 0);
  assert_int_equal(next, first);
  queue_close(q);

  /* limits hold across sessions: 2 new answered today -> 18 left */
  assert_int_equal(queue_open(f->s, f->prof, f->deck, T0 + 100, &q), 0);
  queue_counts(q, &nn, &nl, &nr);
  assert_int_equal(nn, 18);
  assert_int_equal(nl, 1);
  queue_close(q);
  /* days later the limit has reset; the Easy card (8 days) is due */
  assert_int_equal(queue_open(f->s, f->prof, f->deck, T0 + 86400 * 10, &q), 0);
  queue_counts(q, &nn, &nl, &nr);
  assert_int_equal(nn, 20);
  assert_int_equal(nl, 1);
  assert_int_equal(nr, 1);
  queue_close(q);
}

static void test_undo_puts_card_back(void **state) {
  Fx *f = *state;
  StudyQueue *q;
  assert_int_equal(queue_open(f->s, f->prof, f->deck, T0, &q), 0);
  int64_t a, b;
  assert_int_equal(queue_next(q, T0, &a), 0);
  assert_int_equal(queue_answer(q, a, SCHED_GOOD, T0, 0, STUDY_CHOICE, NULL), 0);
  assert_int_equal(queue_next(q, T0 + 1, &b), 0);
  assert_int_not_equal(a, b);
  int64_t undone;
  assert_int_equal(queue_undo(q, &undone), 0);
  assert_int_equal(undone, a);
  int nn, nl, nr;
  queue_counts(q, &nn, &nl, &nr);
  assert_int_equal(nn, 20);
  assert_int_equal(nl, 0);
  int64_t c;
  assert_int_equal(queue_next(q, T0 + 2, &c), 0);
  assert_int_equal(c, a); /* the undone card is shown again first */
  StoreCard card;
  assert_int_equal(store_card_get(f->s, a, &card), 0);
  assert_int_equal(card.sched.state, SCHED_NEW);
  assert_int_equal(card.sched.reps, 0);
  queue_close(q);
}

static void test_session_runs_to_end(void **state) {
  Fx *f = *state;
  StudyQueue *q;
  assert_int_equal(queue_open(f->s, f->prof, f->deck, T0, &q), 0);
  int64_t t = T0, id;
  int shown = 0;
  /* answer Good to everything; learning steps come back within the day */
  for (;;) {
    assert_int_equal(queue_next(q, t, &id), 0);
    if (!id) break;
    assert_int_equal(queue_answer(q, id, SCHED_GOOD, t, 500, STUDY_FLIP, NULL), 0);
    shown++;
    t += 60;
    assert_true(shown < 200);
  }
  /* every new card: Good (to 10m step), then Good again graduates */
  assert_int_equal(shown, 40);
  int nn, nl, nr;
  queue_counts(q, &nn, &nl, &nr);
  assert_int_equal(nn + nl + nr, 0);
  queue_close(q);
}

static void test_reviews_most_overdue_first(void **state) {
  Fx *f = *state;
  StudyQueue *q;
  /* graduate three cards with Easy at different times */
  int64_t ids[3];
  assert_int_equal(queue_open(f->s, f->prof, f->deck, T0, &q), 0);
  for (int i = 0; i < 3; i++) {
    assert_int_equal(queue_next(q, T0 + i, &ids[i]), 0);
    assert_int_equal(queue_answer(q, ids[i], SCHED_EASY, T0 + i, 0, STUDY_FLIP, NULL), 0);
  }
  queue_close(q);
  /* review ids[1] early on a later day so it is the least overdue */
  int64_t later = T0 + 86400 * 40;
  assert_int_equal(store_answer(f->s, ids[1], SCHED_GOOD, T0 + 86400 * 30, 0, STUDY_FLIP, NULL), 0);
  StoreDeckSettings set;
  assert_int_equal(store_deck_settings(f->s, f->deck, &set), 0);
  set.new_per_day = 0;
  assert_int_equal(store_deck_set_settings(f->s, f->deck, &set), 0);
  assert_int_equal(queue_open(f->s, f->prof, f->deck, later, &q), 0);
  int nn, nl, nr;
  queue_counts(q, &nn, &nl, &nr);
  assert_int_equal(nn, 0);
  int64_t first;
  assert_int_equal(queue_next(q, later, &first), 0);
  assert_int_not_equal(first, ids[1]);
  queue_close(q);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup_teardown(test_new_limit_and_learning, setup, teardown),
      cmocka_unit_test_setup_teardown(test_undo_puts_card_back, setup, teardown),
      cmocka_unit_test_setup_teardown(test_session_runs_to_end, setup, teardown),
      cmocka_unit_test_setup_teardown(test_reviews_most_overdue_first, setup, teardown),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
