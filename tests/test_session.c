/* test_session.c - the study session over a real store in a temporary
 * directory: flip, multiple choice, typed, undo, summary, and the phases'
 * guards.  Time is passed in, so the runs are exact. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "error.h"
#include "session.h"
#include "store.h"

#define NOW 1750000000

typedef struct Fixture {
  char dir[64];
  char path[128];
  Store *s;
  int64_t profile, deck;
} Fixture;

static int setup(void **state) {
  Fixture *f = calloc(1, sizeof *f);
  char err[256];
  snprintf(f->dir, sizeof f->dir, "/tmp/qd-session-XXXXXX");
  if (!mkdtemp(f->dir)) return -1;
  snprintf(f->path, sizeof f->path, "%s/s.db", f->dir);
  if (store_open(f->path, 0, &f->s, err, sizeof err) < 0) return -1;
  if (store_deck_ensure(f->s, "Deck", &f->deck) < 0) return -1;
  for (int i = 0; i < 6; i++) {
    StoreNote n;
    char guid[16], prompt[64], answer[64], alias[64];
    char *aliases[1] = {alias};
    char *dis[1] = {"Busan"};
    memset(&n, 0, sizeof n);
    snprintf(guid, sizeof guid, "g%d", i);
    snprintf(prompt, sizeof prompt, "Question %d?", i);
    snprintf(answer, sizeof answer, i == 0 ? "27 April 2018" : "Answer %d", i);
    snprintf(alias, sizeof alias, "Alias %d", i);
    n.guid = guid;
    n.prompt = prompt;
    n.answer = answer;
    n.type = i % 2 ? "person" : "date";
    n.aliases = aliases;
    n.n_aliases = 1;
    n.distractors = dis;
    n.n_distractors = 1;
    if (store_note_put(f->s, f->deck, &n, NULL) < 0) return -1;
  }
  if (store_profile_ensure(f->s, "p", &f->profile) < 0) return -1;
  *state = f;
  return 0;
}

static int teardown(void **state) {
  Fixture *f = *state;
  char cmd[200];
  store_close(f->s);
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", f->dir);
  if (system(cmd) != 0) return -1;
  free(f);
  return 0;
}

static int count_reviews(Fixture *f) {
  StoreStats st;
  assert_int_equal(store_stats(f->s, f->profile, f->deck, NOW, &st), 0);
  return st.reviews_today;
}

static void test_flip(void **state) {
  Fixture *f = *state;
  StudySession *ss = NULL;
  SessionSummary sum;
  char err[256];
  int64_t first, secs[4];
  assert_int_equal(session_open(f->s, f->profile, f->deck, STUDY_FLIP, NOW, 1,
                                &ss, err, sizeof err), 0);
  assert_int_equal(session_phase(ss), SESSION_ASKING);
  assert_non_null(session_note(ss));
  first = session_card_id(ss);
  /* grading before revealing is refused */
  assert_int_equal(session_grade(ss, 3, NOW, 1000), QD_EINVAL);
  assert_int_equal(session_reveal(ss), 0);
  assert_int_equal(session_phase(ss), SESSION_REVEALED);
  assert_int_equal(session_preview(ss, NOW, secs), 0);
  assert_true(secs[0] <= secs[2] && secs[2] <= secs[3]);
  assert_int_equal(session_grade(ss, 0, NOW, 1000), QD_EINVAL);
  assert_int_equal(session_grade(ss, 3, NOW, 1500), 0);
  assert_int_equal(session_phase(ss), SESSION_ASKING);
  assert_true(session_card_id(ss) != first);
  assert_int_equal(count_reviews(f), 1);
  /* undo brings the first card back and removes the review */
  assert_int_equal(session_undo(ss, NOW), 0);
  assert_int_equal(session_card_id(ss), first);
  assert_int_equal(count_reviews(f), 0);
  assert_int_equal(session_undo(ss, NOW), QD_ENOTFOUND);
  session_summary(ss, &sum);
  assert_int_equal(sum.reviewed, 0);
  assert_int_equal(session_reveal(ss), 0);
  assert_int_equal(session_grade(ss, 1, NOW, 700), 0);
  session_summary(ss, &sum);
  assert_int_equal(sum.reviewed, 1);
  assert_int_equal(sum.by_rating[0], 1);
  assert_int_equal(sum.total_ms, 700);
  session_close(ss);
}

static void test_choice(void **state) {
  Fixture *f = *state;
  StudySession *ss = NULL;
  char err[256];
  const char *opts[SESSION_MAX_OPTIONS];
  int n, correct, rating = 0;
  assert_int_equal(session_open(f->s, f->profile, f->deck, STUDY_CHOICE, NOW,
                                42, &ss, err, sizeof err), 0);
  n = session_options(ss, opts, SESSION_MAX_OPTIONS);
  assert_int_equal(n, 4); /* the answer, its distractor, two from the deck */
  correct = session_correct_option(ss);
  assert_true(correct >= 0 && correct < n);
  assert_string_equal(opts[correct], session_note(ss)->answer);
  for (int i = 0; i < n; i++)
    for (int k = i + 1; k < n; k++) assert_string_not_equal(opts[i], opts[k]);
  assert_int_equal(session_reveal(ss), QD_EINVAL);
  assert_int_equal(session_choose(ss, n, NOW, 1000, NULL), QD_EINVAL);
  /* quick and right: Easy */
  assert_int_equal(session_choose(ss, correct, NOW, 2000, &rating), 0);
  assert_int_equal(rating, 4);
  assert_int_equal(session_phase(ss), SESSION_FEEDBACK);
  assert_int_equal(session_chosen_option(ss), correct);
  assert_int_equal(session_next(ss, NOW), 0);
  /* wrong: Again */
  correct = session_correct_option(ss);
  assert_int_equal(session_choose(ss, (correct + 1) % 4, NOW, 2000, &rating),
                   0);
  assert_int_equal(rating, 1);
  assert_int_equal(session_last_rating(ss), 1);
  assert_int_equal(count_reviews(f), 2);
  session_close(ss);
}

static void test_typed(void **state) {
  Fixture *f = *state;
  StudySession *ss = NULL;
  char err[256];
  AnswerVerdict v;
  int rating = 0, seen_date = 0;
  assert_int_equal(session_open(f->s, f->profile, f->deck, STUDY_TYPED, NOW, 7,
                                &ss, err, sizeof err), 0);
  for (int i = 0; i < 6 && session_phase(ss) == SESSION_ASKING; i++) {
    const StoreNote *n = session_note(ss);
    char typed[64];
    if (strcmp(n->answer, "27 April 2018") == 0) {
      snprintf(typed, sizeof typed, "2018-04-27");
      seen_date = 1;
    } else if (i % 2) {
      snprintf(typed, sizeof typed, "%s", n->aliases[0]);
    } else {
      snprintf(typed, sizeof typed, "wrong");
    }
    assert_int_equal(session_type(ss, typed, NOW, 8000, &v, &rating), 0);
    if (strcmp(typed, "wrong") == 0) {
      assert_int_equal(v, ANSWER_WRONG);
      assert_int_equal(rating, 1);
    } else {
      assert_int_equal(v, ANSWER_EXACT);
      assert_int_equal(rating, 3); /* 8 s: Good */
    }
    assert_string_equal(session_typed(ss), typed);
    assert_int_equal(session_next(ss, NOW), 0);
  }
  assert_true(seen_date);
  session_close(ss);
}

static void test_empty_deck_and_bad_open(void **state) {
  Fixture *f = *state;
  StudySession *ss = NULL;
  char err[256];
  int64_t empty;
  assert_int_equal(store_deck_ensure(f->s, "Empty", &empty), 0);
  assert_int_equal(session_open(f->s, f->profile, empty, STUDY_FLIP, NOW, 1,
                                &ss, err, sizeof err), 0);
  assert_int_equal(session_phase(ss), SESSION_DONE);
  assert_null(session_note(ss));
  assert_int_equal(session_reveal(ss), QD_EINVAL);
  assert_int_equal(session_next(ss, NOW), QD_EINVAL);
  session_close(ss);
  session_close(NULL);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup_teardown(test_flip, setup, teardown),
      cmocka_unit_test_setup_teardown(test_choice, setup, teardown),
      cmocka_unit_test_setup_teardown(test_typed, setup, teardown),
      cmocka_unit_test_setup_teardown(test_empty_deck_and_bad_open, setup,
                                      teardown),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
