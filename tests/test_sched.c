/* test_sched.c - unit tests of the card state machine (sched.c) and the
 * FSRS-6 model's basic identities (fsrs.c).  The number-for-number check
 * against ts-fsrs is test_fsrs_vectors.c. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <math.h>
#include <string.h>
#include <cmocka.h>

#include "error.h"
#include "fsrs.h"
#include "sched.h"

#define DAY 86400
/* 2024-03-01 12:00:00 UTC */
#define T0 ((int64_t)1709294400)

static SchedConfig cfg_nofuzz(void) {
  SchedConfig c;
  sched_config_default(&c);
  c.fuzz = 0;
  return c;
}

static SchedCard new_card(int64_t id) {
  SchedCard c;
  memset(&c, 0, sizeof c);
  c.id = id;
  return c;
}

/* A card in review state with the given memory and interval. */
static SchedCard review_card(int64_t id, double s, double d, int ivl,
                             int64_t last) {
  SchedCard c = new_card(id);
  c.state = SCHED_REVIEW;
  c.stability = s;
  c.difficulty = d;
  c.ease = 2.5;
  c.scheduled_days = ivl;
  c.last_review = last;
  c.due = last + (int64_t)ivl * DAY;
  c.reps = 5;
  return c;
}

static void test_model_identities(void **state) {
  (void)state;
  const double *w = FSRS_DEFAULT_W;
  assert_float_equal(fsrs_retrievability(w, 10.0, 10.0), 0.9, 1e-12);
  assert_float_equal(fsrs_retrievability(w, 0.0, 10.0), 1.0, 1e-12);
  assert_float_equal(fsrs_interval(w, 0.9, 7.5), 7.5, 1e-9);
  assert_true(fsrs_interval(w, 0.8, 10.0) > fsrs_interval(w, 0.9, 10.0));
  assert_int_equal(fsrs_interval_days(w, 0.9, 0.2, 36500), 1);
  assert_int_equal(fsrs_interval_days(w, 0.9, 99999.0, 365), 365);
  FsrsMemory m = fsrs_init(w, SCHED_GOOD);
  assert_float_equal(m.stability, 2.3065, 1e-12);
  assert_float_equal(m.difficulty, 6.4133 - exp(2 * 0.8334) + 1, 1e-9);
  /* Rating 0 (manual) leaves the memory alone. */
  FsrsMemory same = fsrs_next(w, m, 0, 3.0);
  assert_float_equal(same.stability, m.stability, 0.0);
  /* Success raises S, a lapse lowers it; D moves the right way. */
  FsrsMemory good = fsrs_next(w, m, SCHED_GOOD, 3.0);
  FsrsMemory again = fsrs_next(w, m, SCHED_AGAIN, 3.0);
  assert_true(good.stability > m.stability);
  assert_true(again.stability < m.stability);
  assert_true(again.difficulty > m.difficulty);
  /* Parameter clamps. */
  double cw[FSRS_NPARAMS];
  memcpy(cw, FSRS_DEFAULT_W, sizeof cw);
  cw[4] = 50.0;
  cw[20] = 0.01;
  cw[9] = NAN;
  fsrs_clip_params(cw, 1);
  assert_float_equal(cw[4], 10.0, 0.0);
  assert_float_equal(cw[20], 0.1, 0.0);
  assert_float_equal(cw[9], FSRS_DEFAULT_W[9], 0.0);
}

static void test_from_sm2(void **state) {
  (void)state;
  const double *w = FSRS_DEFAULT_W;
  FsrsMemory m = fsrs_from_sm2(w, 2.5, 20.0, 0.9);
  assert_float_equal(m.stability, 20.0, 1e-9);
  assert_true(m.difficulty >= 1.0 && m.difficulty <= 10.0);
  /* Harder cards (lower ease) get a higher difficulty. */
  assert_true(fsrs_from_sm2(w, 1.65, 20.0, 0.9).difficulty >
              fsrs_from_sm2(w, 2.7, 20.0, 0.9).difficulty);
  /* A Good review after the interval multiplies S by the ease (while D
   * stays inside [1, 10]). */
  FsrsMemory m2 = fsrs_from_sm2(w, 2.0, 20.0, 0.9);
  FsrsMemory g = fsrs_next(w, m2, 3, 20.0);
  assert_true(m2.difficulty > 1.0 && m2.difficulty < 10.0);
  assert_float_equal(g.stability / 20.0, 2.0, 1e-6);
  /* The scheduler uses it for review cards with no FSRS memory. */
  SchedConfig cfg = cfg_nofuzz();
  SchedCard c = new_card(50), n;
  c.state = SCHED_REVIEW;
  c.ease = 2.5;
  c.scheduled_days = 20;
  c.last_review = T0 - 20 * DAY;
  assert_float_equal(sched_retrievability(&cfg, &c, T0), 0.9, 1e-9);
  assert_int_equal(sched_answer(&cfg, &c, SCHED_GOOD, T0, &n), 0);
  assert_true(n.scheduled_days > 20);
  assert_true(n.stability > 20.0);
}

static void test_new_learning_review(void **state) {
  (void)state;
  SchedConfig cfg = cfg_nofuzz();
  SchedCard c = new_card(1), n;
  int64_t now = T0;

  assert_int_equal(sched_answer(&cfg, &c, SCHED_GOOD, now, &n), 0);
  assert_int_equal(n.state, SCHED_LEARNING);
  assert_int_equal(n.step, 1);
  assert_int_equal(n.due, now + 600);
  assert_int_equal(n.reps, 1);
  assert_int_equal(n.last_review, now);
  assert_float_equal(n.stability, FSRS_DEFAULT_W[2], 1e-12);

  /* Again goes back to the first step (1m). */
  now += 600;
  assert_int_equal(sched_answer(&cfg, &n, SCHED_AGAIN, now, &n), 0);
  assert_int_equal(n.state, SCHED_LEARNING);
  assert_int_equal(n.step, 0);
  assert_int_equal(n.due, now + 60);

  /* Hard: the mean of the first two steps, 5.5 -> 6 minutes. */
  now += 60;
  assert_int_equal(sched_answer(&cfg, &n, SCHED_HARD, now, &n), 0);
  assert_int_equal(n.state, SCHED_LEARNING);
  assert_int_equal(n.step, 0);
  assert_int_equal(n.due, now + 360);

  now += 360;
  assert_int_equal(sched_answer(&cfg, &n, SCHED_GOOD, now, &n), 0);
  assert_int_equal(n.step, 1);
  now += 600;
  assert_int_equal(sched_answer(&cfg, &n, SCHED_GOOD, now, &n), 0);
  assert_int_equal(n.state, SCHED_REVIEW);
  assert_true(n.scheduled_days >= 1);
  assert_int_equal(n.scheduled_days,
                   fsrs_interval_days(cfg.w, 0.9, n.stability, 36500));
  assert_int_equal(n.due, now + (int64_t)n.scheduled_days * DAY);
  assert_int_equal(n.reps, 5);
  assert_int_equal(n.lapses, 0);

  /* Easy on a new card graduates at once, at S0(Easy). */
  SchedCard e = new_card(2);
  assert_int_equal(sched_answer(&cfg, &e, SCHED_EASY, T0, &e), 0);
  assert_int_equal(e.state, SCHED_REVIEW);
  assert_int_equal(e.scheduled_days, 8); /* round(8.2956) */
}

static void test_no_learning_steps(void **state) {
  (void)state;
  SchedConfig cfg = cfg_nofuzz();
  cfg.n_learn_steps = 0;
  cfg.n_relearn_steps = 0;
  SchedCard c = new_card(3);
  assert_int_equal(sched_answer(&cfg, &c, SCHED_AGAIN, T0, &c), 0);
  assert_int_equal(c.state, SCHED_REVIEW);
  assert_int_equal(c.scheduled_days, 1);
  SchedCard r = review_card(4, 20.0, 5.0, 20, T0 - 20 * DAY);
  assert_int_equal(sched_answer(&cfg, &r, SCHED_AGAIN, T0, &r), 0);
  assert_int_equal(r.state, SCHED_REVIEW);
  assert_int_equal(r.lapses, 1);
}

static void test_lapse_relearning(void **state) {
  (void)state;
  SchedConfig cfg = cfg_nofuzz();
  SchedCard c = review_card(5, 20.0, 5.0, 20, T0 - 20 * DAY), n;
  assert_int_equal(sched_answer(&cfg, &c, SCHED_AGAIN, T0, &n), 0);
  assert_int_equal(n.state, SCHED_RELEARNING);
  assert_int_equal(n.lapses, 1);
  assert_int_equal(n.step, 0);
  assert_int_equal(n.due, T0 + 600);
  assert_int_equal(n.scheduled_days, 0);
  assert_true(n.stability < c.stability);
  assert_true(n.difficulty > c.difficulty);

  /* Hard in relearning with one 10m step: 1.5 x 10m. */
  SchedCard h;
  assert_int_equal(sched_answer(&cfg, &n, SCHED_HARD, T0 + 600, &h), 0);
  assert_int_equal(h.state, SCHED_RELEARNING);
  assert_int_equal(h.due, T0 + 600 + 900);
  assert_int_equal(h.lapses, 1);

  /* Good after the last relearning step returns to review. */
  SchedCard g;
  assert_int_equal(sched_answer(&cfg, &n, SCHED_GOOD, T0 + 600, &g), 0);
  assert_int_equal(g.state, SCHED_REVIEW);
  assert_true(g.scheduled_days >= 1);
  assert_int_equal(g.lapses, 1);

  /* Again in relearning stays at the first step; no second lapse. */
  SchedCard a;
  assert_int_equal(sched_answer(&cfg, &n, SCHED_AGAIN, T0 + 600, &a), 0);
  assert_int_equal(a.state, SCHED_RELEARNING);
  assert_int_equal(a.lapses, 1);
}

static void test_review_button_order(void **state) {
  (void)state;
  SchedConfig cfg = cfg_nofuzz();
  /* Includes a same-day review, where Hard and Good share S. */
  int64_t lasts[] = {T0 - 30 * DAY, T0 - 3 * DAY, T0 - 600};
  double stabs[] = {30.0, 3.0, 2.8};
  for (int k = 0; k < 3; k++) {
    SchedCard c = review_card(6, stabs[k], 6.0, 3, lasts[k]);
    int64_t secs[4];
    sched_preview(&cfg, &c, T0, secs);
    assert_true(secs[0] < secs[1]);
    assert_true(secs[1] < secs[2]);
    assert_true(secs[2] < secs[3]);
    assert_true(secs[2] - secs[1] >= DAY);
    assert_true(secs[3] - secs[2] >= DAY);
  }
  /* The maximum interval bounds Hard (Good/Easy keep +1/+2, ts-fsrs). */
  cfg.maximum_interval = 30;
  SchedCard big = review_card(7, 500.0, 3.0, 30, T0 - 30 * DAY), n;
  assert_int_equal(sched_answer(&cfg, &big, SCHED_HARD, T0, &n), 0);
  assert_int_equal(n.scheduled_days, 30);
  assert_int_equal(sched_answer(&cfg, &big, SCHED_EASY, T0, &n), 0);
  assert_true(n.scheduled_days <= 32);
}

static void test_day_rollover(void **state) {
  (void)state;
  SchedConfig cfg;
  sched_config_default(&cfg);
  cfg.utc_offset = 2 * 3600; /* UTC+2: 04:00 local = 02:00 UTC */
  int64_t midnight_utc = T0 - 12 * 3600; /* 2024-03-01 00:00 UTC */
  int64_t before = midnight_utc + 2 * 3600 - 1; /* 03:59:59 local */
  int64_t after = midnight_utc + 2 * 3600;      /* 04:00:00 local */
  assert_int_equal(sched_day(&cfg, after) - sched_day(&cfg, before), 1);
  assert_int_equal(sched_day_end(&cfg, before), after);
  assert_int_equal(sched_day_end(&cfg, after), after + DAY);
  assert_int_equal(sched_day(&cfg, after + DAY - 1), sched_day(&cfg, after));

  /* Negative offset and times before 1970 still floor correctly. */
  cfg.utc_offset = -5 * 3600; /* 04:00 local = 09:00 UTC */
  assert_int_equal(sched_day(&cfg, 9 * 3600), 0);
  assert_int_equal(sched_day(&cfg, 9 * 3600 - 1), -1);
  assert_int_equal(sched_day_end(&cfg, 9 * 3600 - 1), 9 * 3600);
  assert_int_equal(sched_day(&cfg, -DAY + 9 * 3600), -1);

  /* Elapsed days follow the rollover: reviewed 23:00 local; answered at
   * 03:00 local is the same day (same-day formula), at 05:00 the next. */
  cfg.utc_offset = 2 * 3600;
  cfg.fuzz = 0;
  int64_t last = midnight_utc + 21 * 3600; /* 23:00 local */
  SchedCard c = review_card(8, 10.0, 5.0, 1, last), n;
  assert_int_equal(sched_answer(&cfg, &c, SCHED_GOOD, last + 4 * 3600, &n), 0);
  FsrsMemory m = {10.0, 5.0};
  assert_float_equal(n.stability, fsrs_next(cfg.w, m, SCHED_GOOD, 0).stability, 1e-12);
  assert_int_equal(sched_answer(&cfg, &c, SCHED_GOOD, last + 6 * 3600, &n), 0);
  assert_float_equal(n.stability, fsrs_next(cfg.w, m, SCHED_GOOD, 1).stability, 1e-12);
}

static void test_fuzz(void **state) {
  (void)state;
  SchedConfig on, off = cfg_nofuzz();
  sched_config_default(&on);
  int distinct[64] = {0}, n_distinct = 0, moved = 0;
  for (int64_t id = 1; id <= 400; id++) {
    SchedCard c = review_card(1700000000000 + id, 30.0, 5.0, 30, T0 - 30 * DAY);
    SchedCard a, b, x;
    c.reps = (int)(id % 7);
    assert_int_equal(sched_answer(&on, &c, SCHED_GOOD, T0, &a), 0);
    assert_int_equal(sched_answer(&on, &c, SCHED_GOOD, T0, &b), 0);
    assert_int_equal(a.scheduled_days, b.scheduled_days); /* deterministic */
    assert_int_equal(sched_answer(&off, &c, SCHED_GOOD, T0, &x), 0);
    /* Anki's fuzz range around the unfuzzed interval I. */
    double ivl = fsrs_interval(on.w, 0.9, x.stability);
    double delta = 1.0 + 0.15 * 4.5 + 0.10 * 13.0 +
                   (ivl > 20 ? 0.05 * (ivl - 20.0) : 0.0);
    assert_true(ivl > 20.0);
    assert_true(a.scheduled_days >= (int)round(ivl - delta));
    assert_true(a.scheduled_days <= (int)round(ivl + delta));
    assert_int_equal(x.scheduled_days, (int)round(ivl)); /* off = exact */
    if (a.scheduled_days != x.scheduled_days) moved++;
    int v = a.scheduled_days - x.scheduled_days + 32;
    assert_true(v >= 0 && v < 64);
    if (!distinct[v]++) n_distinct++;
    assert_int_equal(a.due, T0 + (int64_t)a.scheduled_days * DAY);
  }
  assert_true(n_distinct >= 5);
  assert_true(moved > 200);
  /* Short intervals (< 2.5 days) are never fuzzed. */
  SchedCard s = review_card(9, 0.5, 8.0, 1, T0 - DAY), a, x;
  assert_int_equal(sched_answer(&on, &s, SCHED_HARD, T0, &a), 0);
  assert_int_equal(sched_answer(&off, &s, SCHED_HARD, T0, &x), 0);
  assert_int_equal(a.scheduled_days, x.scheduled_days);
}

static void test_sm2(void **state) {
  (void)state;
  SchedConfig cfg = cfg_nofuzz();
  cfg.algorithm = SCHED_SM2;
  SchedCard c = new_card(10), n;

  /* Graduating intervals: Good after the last step 1 day, Easy 4 days. */
  assert_int_equal(sched_answer(&cfg, &c, SCHED_GOOD, T0, &n), 0);
  assert_int_equal(n.state, SCHED_LEARNING);
  assert_int_equal(sched_answer(&cfg, &n, SCHED_GOOD, T0 + 600, &n), 0);
  assert_int_equal(n.state, SCHED_REVIEW);
  assert_int_equal(n.scheduled_days, 1);
  assert_float_equal(n.ease, 2.5, 1e-12);
  SchedCard e = new_card(11);
  assert_int_equal(sched_answer(&cfg, &e, SCHED_EASY, T0, &e), 0);
  assert_int_equal(e.state, SCHED_REVIEW);
  assert_int_equal(e.scheduled_days, 4);

  /* Review on time: Good = I x ease, Hard = I x 1.2, Easy = I x ease x 1.3;
   * ease changes -0.15 / 0 / +0.15. */
  SchedCard r = review_card(12, 10.0, 5.0, 10, T0 - 10 * DAY);
  SchedCard h, g, ez, a;
  assert_int_equal(sched_answer(&cfg, &r, SCHED_HARD, T0, &h), 0);
  assert_int_equal(sched_answer(&cfg, &r, SCHED_GOOD, T0, &g), 0);
  assert_int_equal(sched_answer(&cfg, &r, SCHED_EASY, T0, &ez), 0);
  assert_int_equal(h.scheduled_days, 12);
  assert_int_equal(g.scheduled_days, 25);
  assert_int_equal(ez.scheduled_days, 33); /* 10 x 2.5 x 1.3 = 32.5 */
  assert_float_equal(h.ease, 2.35, 1e-12);
  assert_float_equal(g.ease, 2.5, 1e-12);
  assert_float_equal(ez.ease, 2.65, 1e-12);

  /* Late review: Good credits half the delay. */
  SchedCard late = review_card(13, 10.0, 5.0, 10, T0 - 14 * DAY);
  assert_int_equal(sched_answer(&cfg, &late, SCHED_GOOD, T0, &g), 0);
  assert_int_equal(g.scheduled_days, 30); /* (10 + 2) x 2.5 */

  /* Hard has a floor of the previous interval + 1. */
  SchedCard small = review_card(14, 1.0, 5.0, 1, T0 - DAY);
  assert_int_equal(sched_answer(&cfg, &small, SCHED_HARD, T0, &h), 0);
  assert_int_equal(h.scheduled_days, 2);

  /* Lapse: ease -0.20, relearning, back at 1 day (multiplier 0). */
  assert_int_equal(sched_answer(&cfg, &r, SCHED_AGAIN, T0, &a), 0);
  assert_int_equal(a.state, SCHED_RELEARNING);
  assert_int_equal(a.lapses, 1);
  assert_float_equal(a.ease, 2.3, 1e-12);
  assert_int_equal(sched_answer(&cfg, &a, SCHED_GOOD, T0 + 600, &a), 0);
  assert_int_equal(a.state, SCHED_REVIEW);
  assert_int_equal(a.scheduled_days, 1);

  /* Ease never falls below 1.3. */
  SchedCard low = review_card(15, 10.0, 5.0, 10, T0 - 10 * DAY);
  low.ease = 1.35;
  assert_int_equal(sched_answer(&cfg, &low, SCHED_AGAIN, T0, &a), 0);
  assert_float_equal(a.ease, 1.3, 1e-12);

  /* R = 0.9^(t/I): 0.9 after one interval. */
  assert_float_equal(sched_retrievability(&cfg, &r, T0), 0.9, 1e-12);
}

static void test_preview_matches_answer(void **state) {
  (void)state;
  SchedConfig cfgs[3];
  sched_config_default(&cfgs[0]);               /* FSRS, fuzz on */
  cfgs[1] = cfg_nofuzz();
  sched_config_default(&cfgs[2]);
  cfgs[2].algorithm = SCHED_SM2;
  SchedCard cards[4];
  cards[0] = new_card(20);
  cards[1] = new_card(21);
  cards[1].state = SCHED_LEARNING;
  cards[1].step = 1;
  cards[1].stability = 2.3;
  cards[1].difficulty = 5;
  cards[1].last_review = T0 - 600;
  cards[2] = review_card(22, 40.0, 4.0, 35, T0 - 40 * DAY);
  cards[3] = review_card(23, 3.0, 7.0, 3, T0 - DAY);
  cards[3].state = SCHED_RELEARNING;
  for (int k = 0; k < 3; k++)
    for (int i = 0; i < 4; i++) {
      int64_t secs[4];
      sched_preview(&cfgs[k], &cards[i], T0, secs);
      for (int g = 1; g <= 4; g++) {
        SchedCard n;
        assert_int_equal(sched_answer(&cfgs[k], &cards[i], g, T0, &n), 0);
        assert_int_equal(secs[g - 1], n.due - T0);
        assert_true(secs[g - 1] > 0);
      }
    }
}

static void test_retrievability_monotone(void **state) {
  (void)state;
  SchedConfig cfg = cfg_nofuzz();
  SchedCard c = review_card(30, 12.0, 5.0, 12, T0);
  SchedCard fresh = new_card(31);
  assert_float_equal(sched_retrievability(&cfg, &fresh, T0), 1.0, 0.0);
  double prev = sched_retrievability(&cfg, &c, T0);
  assert_float_equal(prev, 1.0, 1e-12);
  for (int h = 1; h <= 24 * 400; h += 7) {
    double r = sched_retrievability(&cfg, &c, T0 + (int64_t)h * 3600);
    assert_true(r < prev);
    assert_true(r > 0.0);
    prev = r;
  }
  assert_float_equal(sched_retrievability(&cfg, &c, T0 + 12 * DAY), 0.9, 1e-9);
}

static void test_format_interval(void **state) {
  (void)state;
  char b[16];
  struct {
    int64_t s;
    const char *want;
  } cases[] = {
      {0, "<1m"},          {30, "<1m"},          {60, "1m"},
      {600, "10m"},        {59 * 60, "59m"},     {3 * 3600, "3h"},
      {23 * 3600, "23h"},  {DAY, "1d"},          {4 * DAY, "4d"},
      {29 * DAY, "29d"},   {30 * DAY, "1mo"},    {63 * DAY, "2.1mo"},
      {547 * DAY + DAY / 2, "1.5y"},             {365 * DAY, "1y"},
      {3650 * DAY, "10y"},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    sched_format_interval(cases[i].s, b, sizeof b);
    assert_string_equal(b, cases[i].want);
  }
  /* Truncates safely. */
  sched_format_interval(63 * DAY, b, 3);
  assert_string_equal(b, "2.");
}

static void test_bad_input(void **state) {
  (void)state;
  SchedConfig cfg;
  sched_config_default(&cfg);
  SchedCard c = new_card(40), out = new_card(99);
  assert_int_equal(sched_answer(&cfg, &c, 0, T0, &out), QD_EINVAL);
  assert_int_equal(sched_answer(&cfg, &c, 5, T0, &out), QD_EINVAL);
  assert_int_equal(sched_answer(&cfg, &c, -1, T0, &out), QD_EINVAL);
  assert_int_equal(out.id, 99); /* untouched */
  SchedConfig bad = cfg;
  bad.desired_retention = 1.5;
  assert_int_equal(sched_answer(&bad, &c, 3, T0, &out), QD_EINVAL);
  bad = cfg;
  bad.n_learn_steps = SCHED_MAX_STEPS + 1;
  assert_int_equal(sched_answer(&bad, &c, 3, T0, &out), QD_EINVAL);
  bad = cfg;
  bad.w[20] = NAN;
  assert_int_equal(sched_answer(&bad, &c, 3, T0, &out), QD_EINVAL);
  bad = cfg;
  bad.rollover_hour = 24;
  assert_int_equal(sched_answer(&bad, &c, 3, T0, &out), QD_EINVAL);
  SchedCard broken = c;
  broken.state = (SchedState)9;
  assert_int_equal(sched_answer(&cfg, &broken, 3, T0, &out), QD_EINVAL);
  broken = c;
  broken.stability = -1;
  assert_int_equal(sched_answer(&cfg, &broken, 3, T0, &out), QD_EINVAL);
  /* A learning step index past the (shortened) steps is tolerated. */
  SchedCard odd = c;
  odd.state = SCHED_LEARNING;
  odd.step = 7;
  odd.stability = 2;
  odd.difficulty = 5;
  odd.last_review = T0 - 60;
  assert_int_equal(sched_answer(&cfg, &odd, SCHED_GOOD, T0, &out), 0);
  assert_int_equal(out.state, SCHED_REVIEW);
  /* Absurd times (corrupt data) are refused, never overflowed. */
  assert_int_equal(sched_answer(&cfg, &c, 3, INT64_MAX, &out), QD_EINVAL);
  broken = c;
  broken.state = SCHED_REVIEW;
  broken.stability = 3;
  broken.difficulty = 5;
  broken.last_review = INT64_MIN;
  assert_int_equal(sched_answer(&cfg, &broken, 3, T0, &out), QD_EINVAL);
  assert_true(sched_day(&cfg, INT64_MAX) > 0);
  assert_true(sched_day(&cfg, INT64_MIN) < 0);
  char b[32];
  sched_format_interval(INT64_MAX, b, sizeof b);
  assert_true(b[strlen(b) - 1] == 'y');
  sched_format_interval(-5, b, sizeof b);
  assert_string_equal(b, "<1m");
  int64_t secs[4] = {1, 1, 1, 1};
  sched_preview(&bad, &c, T0, secs);
  assert_int_equal(secs[0] + secs[1] + secs[2] + secs[3], 0);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_model_identities),
      cmocka_unit_test(test_from_sm2),
      cmocka_unit_test(test_new_learning_review),
      cmocka_unit_test(test_no_learning_steps),
      cmocka_unit_test(test_lapse_relearning),
      cmocka_unit_test(test_review_button_order),
      cmocka_unit_test(test_day_rollover),
      cmocka_unit_test(test_fuzz),
      cmocka_unit_test(test_sm2),
      cmocka_unit_test(test_preview_matches_answer),
      cmocka_unit_test(test_retrievability_monotone),
      cmocka_unit_test(test_format_interval),
      cmocka_unit_test(test_bad_input),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
