/* sched.c - the card state machine (see sched.h).
 *
 * The FSRS path reproduces ts-fsrs 5.4.2's BasicScheduler with fuzz off
 * (the reference vectors in tests/data/fsrs), which follows Anki for the
 * default steps `1m 10m` / `10m` except in these places, where we match the
 * vectors and note Anki's behaviour:
 *  - Hard in (re)learning is always the mean of the first two steps (or
 *    1.5 x the only step), rounded to whole minutes, whatever the current
 *    step.  Anki uses the mean only on the first step and repeats the
 *    current step later, and keeps seconds.
 *  - Easy from learning graduates at the FSRS Easy interval; Anki also
 *    forces it to be at least Good's interval + 1 when Good would graduate.
 *  - Review buttons: hard = min(hard, good), good >= hard + 1,
 *    easy >= good + 1.  Anki has the same chain without the first clamp
 *    (which never bites, since Hard's stability never exceeds Good's).
 *  - At the maximum interval Good and Easy still get +1 and +2 days
 *    (ts-fsrs); Anki caps them at the maximum.
 *  - Elapsed days count calendar days at the rollover hour in the
 *    configured zone (Anki); ts-fsrs counts UTC calendar days, which is
 *    rollover_hour 0 and utc_offset 0.
 *  - A (re)learning step of a day or more keeps the card in learning, due
 *    after that many seconds (as Anki's interday learning); ts-fsrs moves
 *    it to review.  The default steps never reach a day.
 *  - SM-2 Easy in relearning returns to the post-lapse interval + 1 day.
 * Fuzz follows Anki's fuzz.rs ranges; the uniform draw comes from
 * splitmix64 seeded with card id + reps (Anki uses Rust's StdRng, which
 * cannot be reproduced byte for byte).  Load balancing is not done. */
#include "sched.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "error.h"

#define DAY_SECS 86400
#define SM2_MIN_EASE 1.3

void sched_config_default(SchedConfig *cfg) {
  memset(cfg, 0, sizeof *cfg);
  cfg->algorithm = SCHED_FSRS;
  memcpy(cfg->w, FSRS_DEFAULT_W, sizeof cfg->w);
  cfg->desired_retention = 0.9;
  cfg->maximum_interval = 36500;
  cfg->learn_steps[0] = 60;
  cfg->learn_steps[1] = 600;
  cfg->n_learn_steps = 2;
  cfg->relearn_steps[0] = 600;
  cfg->n_relearn_steps = 1;
  cfg->fuzz = 1;
  cfg->rollover_hour = 4;
  cfg->utc_offset = 0;
  cfg->sm2_initial_ease = 2.5;
  cfg->sm2_graduating_good = 1;
  cfg->sm2_graduating_easy = 4;
  cfg->sm2_hard_factor = 1.2;
  cfg->sm2_easy_bonus = 1.3;
  cfg->sm2_interval_modifier = 1.0;
  cfg->sm2_lapse_multiplier = 0.0;
}

static int64_t floor_div(int64_t a, int64_t b) {
  int64_t q = a / b;
  if ((a % b != 0) && ((a < 0) != (b < 0))) q--;
  return q;
}

int64_t sched_day(const SchedConfig *cfg, int64_t t) {
  /* Split first so that no sum can overflow, whatever t is. */
  int64_t day = t / DAY_SECS, rem = t % DAY_SECS;
  rem += cfg->utc_offset - (int64_t)cfg->rollover_hour * 3600;
  return day + floor_div(rem, DAY_SECS);
}

int64_t sched_day_end(const SchedConfig *cfg, int64_t now) {
  return (sched_day(cfg, now) + 1) * DAY_SECS +
         (int64_t)cfg->rollover_hour * 3600 - cfg->utc_offset;
}

static int config_valid(const SchedConfig *cfg) {
  if (!cfg) return 0;
  if (cfg->algorithm != SCHED_FSRS && cfg->algorithm != SCHED_SM2) return 0;
  for (int i = 0; i < FSRS_NPARAMS; i++)
    if (!isfinite(cfg->w[i])) return 0;
  if (!(cfg->w[20] > 0.0)) return 0; /* decay: the curve needs d > 0 */
  if (!(cfg->desired_retention > 0.0 && cfg->desired_retention < 1.0))
    return 0;
  if (cfg->maximum_interval < 1) return 0;
  if (cfg->n_learn_steps < 0 || cfg->n_learn_steps > SCHED_MAX_STEPS) return 0;
  if (cfg->n_relearn_steps < 0 || cfg->n_relearn_steps > SCHED_MAX_STEPS)
    return 0;
  for (int i = 0; i < cfg->n_learn_steps; i++)
    if (cfg->learn_steps[i] <= 0) return 0;
  for (int i = 0; i < cfg->n_relearn_steps; i++)
    if (cfg->relearn_steps[i] <= 0) return 0;
  if (cfg->rollover_hour < 0 || cfg->rollover_hour > 23) return 0;
  if (cfg->utc_offset < -18 * 3600 || cfg->utc_offset > 18 * 3600) return 0;
  if (cfg->algorithm == SCHED_SM2) {
    if (!(cfg->sm2_initial_ease >= SM2_MIN_EASE && cfg->sm2_initial_ease <= 10))
      return 0;
    if (cfg->sm2_graduating_good < 1 || cfg->sm2_graduating_easy < 1)
      return 0;
    if (!(cfg->sm2_hard_factor > 0.0 && cfg->sm2_hard_factor <= 10.0))
      return 0;
    if (!(cfg->sm2_easy_bonus >= 1.0 && cfg->sm2_easy_bonus <= 10.0))
      return 0;
    if (!(cfg->sm2_interval_modifier > 0.0 &&
          cfg->sm2_interval_modifier <= 10.0))
      return 0;
    if (!(cfg->sm2_lapse_multiplier >= 0.0 && cfg->sm2_lapse_multiplier <= 1.0))
      return 0;
  }
  return 1;
}

/* Times beyond +-10^12 s (about 31,000 years) are corrupt data; keeping
 * them out means no time arithmetic below can overflow. */
#define TIME_LIMIT INT64_C(1000000000000)

static int time_valid(int64_t t) { return t > -TIME_LIMIT && t < TIME_LIMIT; }

static int card_valid(const SchedCard *c) {
  if (!c) return 0;
  if (!time_valid(c->last_review) || !time_valid(c->due)) return 0;
  if (c->state < SCHED_NEW || c->state > SCHED_RELEARNING) return 0;
  if (!isfinite(c->stability) || c->stability < 0.0) return 0;
  if (!isfinite(c->difficulty) || c->difficulty < 0.0) return 0;
  if (!isfinite(c->ease) || c->ease < 0.0) return 0;
  if (c->reps < 0 || c->lapses < 0 || c->scheduled_days < 0) return 0;
  return 1;
}

/* ---- deterministic fuzz ------------------------------------------------ */

static uint64_t splitmix64(uint64_t *state) {
  uint64_t z = (*state += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

/* Uniform in [0, 1), a function of card id + reps only. */
static double fuzz_factor(const SchedCard *card) {
  uint64_t state = (uint64_t)card->id + (uint64_t)(uint32_t)card->reps;
  return (double)(splitmix64(&state) >> 11) * (1.0 / 9007199254740992.0);
}

static int clampi(int x, int lo, int hi) {
  return x < lo ? lo : (x > hi ? hi : x);
}

static int round_days(double x, int maximum) {
  if (!(x >= 1.0)) return 1; /* also NaN */
  if (x >= maximum) return maximum;
  return (int)round(x);
}

/* Anki's with_review_fuzz: the interval `ivl` (days, unrounded) constrained
 * to [minimum, maximum]; with fuzz on, a draw from Anki's fuzz range
 * (FSRS.md section 4).  `u` < 0 means fuzz off. */
static int review_interval(double ivl, int minimum, int maximum, double u) {
  int lower, upper;
  double delta;
  if (minimum < 1) minimum = 1;
  /* At the maximum interval, ts-fsrs still keeps the buttons apart (Good
   * = Hard + 1, Easy = Good + 1), so they may pass the maximum by a day or
   * two; Anki caps all three at the maximum.  We match the vectors. */
  if (minimum > maximum) return minimum;
  if (!(ivl == ivl)) ivl = 1.0;
  if (u < 0.0 || ivl < 2.5) return clampi(round_days(ivl, maximum), minimum, maximum);
  if (ivl < minimum) ivl = minimum;
  if (ivl > maximum) ivl = maximum;
  delta = 1.0 + 0.15 * (fmin(ivl, 7.0) - 2.5);
  if (ivl > 7.0) delta += 0.10 * (fmin(ivl, 20.0) - 7.0);
  if (ivl > 20.0) delta += 0.05 * (ivl - 20.0);
  lower = clampi((int)round(ivl - delta), minimum, maximum);
  upper = clampi((int)round(ivl + delta), minimum, maximum);
  if (upper == lower && upper > 2 && upper < maximum) upper = lower + 1;
  return clampi((int)floor(lower + u * (1 + upper - lower)), minimum, maximum);
}

/* ---- learning steps ---------------------------------------------------- */

/* For a card in (re)learning at step `cur`, where the rating sends it:
 * returns 1 with *secs and *next_step when it stays in the steps, 0 when it
 * graduates. */
static int step_for(const int *steps, int n, int cur, int rating,
                    int64_t *secs, int *next_step) {
  if (n <= 0) return 0;
  if (cur < 0) cur = 0;
  if (cur >= n) cur = n - 1; /* steps were shortened since */
  switch (rating) {
  case SCHED_AGAIN:
    *secs = steps[0];
    *next_step = 0;
    return 1;
  case SCHED_HARD: {
    double s = n == 1 ? steps[0] * 1.5 : (steps[0] + (double)steps[1]) / 2.0;
    /* ts-fsrs rounds the Hard delay to whole minutes. */
    *secs = s >= 60.0 ? (int64_t)round(s / 60.0) * 60 : (int64_t)round(s);
    *next_step = cur;
    return 1;
  }
  case SCHED_GOOD:
    if (cur + 1 < n) {
      *secs = steps[cur + 1];
      *next_step = cur + 1;
      return 1;
    }
    return 0;
  default:
    return 0;
  }
}

static int64_t elapsed_days(const SchedConfig *cfg, const SchedCard *card,
                            int64_t now) {
  int64_t d;
  if (card->state == SCHED_NEW || card->last_review == 0) return 0;
  d = sched_day(cfg, now) - sched_day(cfg, card->last_review);
  return d > 0 ? d : 0;
}

static void set_review(SchedCard *out, int days, int64_t now) {
  out->state = SCHED_REVIEW;
  out->step = 0;
  out->scheduled_days = days;
  out->due = now + (int64_t)days * DAY_SECS;
}

static void set_steps(SchedCard *out, SchedState state, int step,
                      int64_t secs, int64_t now) {
  out->state = state;
  out->step = step;
  out->due = now + secs;
}

/* ---- FSRS ---------------------------------------------------------------- */

static double fsrs_ivl(const SchedConfig *cfg, double s) {
  return fsrs_interval(cfg->w, cfg->desired_retention, s);
}

/* The card's FSRS memory.  A card that reached review under SM-2 (an
 * import, or a deck switched from SM-2) has no FSRS memory yet: derive
 * it from its interval and ease as Anki does. */
static FsrsMemory card_memory(const SchedConfig *cfg, const SchedCard *c) {
  FsrsMemory m = {c->stability, c->difficulty};
  if (!(m.stability > 0.0) && c->state != SCHED_NEW && c->scheduled_days > 0)
    m = fsrs_from_sm2(cfg->w, c->ease > 0.0 ? c->ease : 2.5,
                      c->scheduled_days, 0.9);
  return m;
}

static void answer_fsrs(const SchedConfig *cfg, const SchedCard *card,
                        int rating, int64_t now, int64_t t, double u,
                        SchedCard *out) {
  FsrsMemory old = card_memory(cfg, card), m;
  int max = cfg->maximum_interval;
  int64_t secs = 0;
  int next = 0;
  if (card->state == SCHED_NEW || !(old.stability > 0.0))
    m = fsrs_init(cfg->w, rating);
  else
    m = fsrs_next(cfg->w, old, rating, (double)t);
  out->stability = m.stability;
  out->difficulty = m.difficulty;

  if (card->state != SCHED_REVIEW) {
    int relearn = card->state == SCHED_RELEARNING;
    const int *steps = relearn ? cfg->relearn_steps : cfg->learn_steps;
    int n = relearn ? cfg->n_relearn_steps : cfg->n_learn_steps;
    int cur = card->state == SCHED_NEW ? 0 : card->step;
    if (step_for(steps, n, cur, rating, &secs, &next)) {
      set_steps(out, relearn ? SCHED_RELEARNING : SCHED_LEARNING, next, secs,
                now);
      out->scheduled_days = 0;
    } else {
      set_review(out, review_interval(fsrs_ivl(cfg, m.stability), 1, max, u),
                 now);
    }
    return;
  }

  if (rating == SCHED_AGAIN) {
    out->lapses = card->lapses + 1;
    if (step_for(cfg->relearn_steps, cfg->n_relearn_steps, 0, SCHED_AGAIN,
                 &secs, &next)) {
      set_steps(out, SCHED_RELEARNING, 0, secs, now);
      out->scheduled_days = 0;
    } else {
      set_review(out, review_interval(fsrs_ivl(cfg, m.stability), 1, max, u),
                 now);
    }
    return;
  }

  /* Passing review: the three buttons must give increasing intervals, so
   * all three are computed from the same old memory. */
  {
    double sh = fsrs_next(cfg->w, old, SCHED_HARD, (double)t).stability;
    double sg = fsrs_next(cfg->w, old, SCHED_GOOD, (double)t).stability;
    double se = fsrs_next(cfg->w, old, SCHED_EASY, (double)t).stability;
    int hard_raw = review_interval(fsrs_ivl(cfg, sh), 1, max, -1.0);
    int good_raw = review_interval(fsrs_ivl(cfg, sg), 1, max, -1.0);
    double ih = fsrs_ivl(cfg, sh);
    int hard, good, easy;
    if (hard_raw > good_raw) ih = good_raw; /* ts-fsrs: hard = min(hard, good) */
    hard = review_interval(ih, 1, max, u);
    good = review_interval(fsrs_ivl(cfg, sg), hard + 1, max, u);
    easy = review_interval(fsrs_ivl(cfg, se), good + 1, max, u);
    set_review(out, rating == SCHED_HARD ? hard
                    : rating == SCHED_GOOD ? good
                                           : easy,
               now);
  }
}

/* ---- SM-2 (Anki's variant) --------------------------------------------- */

static int sm2_constrain(const SchedConfig *cfg, double ivl, int minimum,
                         double u) {
  /* Anki caps every button at the maximum interval. */
  if (minimum > cfg->maximum_interval) minimum = cfg->maximum_interval;
  return review_interval(ivl * cfg->sm2_interval_modifier, minimum,
                         cfg->maximum_interval, u);
}

static void answer_sm2(const SchedConfig *cfg, const SchedCard *card,
                       int rating, int64_t now, int64_t t, double u,
                       SchedCard *out) {
  double ease = card->ease >= SM2_MIN_EASE ? card->ease : cfg->sm2_initial_ease;
  int64_t secs = 0;
  int next = 0;
  int max = cfg->maximum_interval;

  /* Keep the FSRS memory up to date too, so that switching the deck to
   * FSRS later starts from a real memory state. */
  {
    FsrsMemory m = {card->stability, card->difficulty};
    if (card->state == SCHED_NEW || !(m.stability > 0.0))
      m = fsrs_init(cfg->w, rating);
    else
      m = fsrs_next(cfg->w, m, rating, (double)t);
    out->stability = m.stability;
    out->difficulty = m.difficulty;
  }
  out->ease = ease;

  if (card->state == SCHED_NEW || card->state == SCHED_LEARNING) {
    int cur = card->state == SCHED_NEW ? 0 : card->step;
    if (step_for(cfg->learn_steps, cfg->n_learn_steps, cur, rating, &secs,
                 &next)) {
      set_steps(out, SCHED_LEARNING, next, secs, now);
      out->scheduled_days = 0;
    } else {
      int days = rating == SCHED_EASY ? cfg->sm2_graduating_easy
                                      : cfg->sm2_graduating_good;
      set_review(out, review_interval(days, 1, max, u), now);
    }
    return;
  }

  if (card->state == SCHED_RELEARNING) {
    /* While relearning, scheduled_days holds the post-lapse interval the
     * card returns to (Anki's RelearnState.review). */
    int back = card->scheduled_days > 0 ? card->scheduled_days : 1;
    if (step_for(cfg->relearn_steps, cfg->n_relearn_steps, card->step, rating,
                 &secs, &next)) {
      set_steps(out, SCHED_RELEARNING, next, secs, now);
      out->scheduled_days = back;
    } else {
      set_review(out, clampi(back + (rating == SCHED_EASY), 1, max), now);
    }
    return;
  }

  /* Review. */
  {
    int cur = card->scheduled_days > 0 ? card->scheduled_days : 1;
    int64_t late = t - cur;
    double hf = cfg->sm2_hard_factor, eb = cfg->sm2_easy_bonus;
    int hard, good, easy;
    if (rating == SCHED_AGAIN) {
      int lapse = review_interval(cur * cfg->sm2_lapse_multiplier, 1, max, -1);
      out->ease = fmax(SM2_MIN_EASE, ease - 0.20);
      out->lapses = card->lapses + 1;
      if (step_for(cfg->relearn_steps, cfg->n_relearn_steps, 0, SCHED_AGAIN,
                   &secs, &next)) {
        set_steps(out, SCHED_RELEARNING, 0, secs, now);
        out->scheduled_days = lapse;
      } else {
        set_review(out, lapse, now);
      }
      return;
    }
    if (late >= 0) {
      hard = sm2_constrain(cfg, cur * hf, hf <= 1.0 ? 1 : cur + 1, u);
      good = sm2_constrain(cfg, (cur + late / 2.0) * ease,
                           hf <= 1.0 ? cur + 1 : hard + 1, u);
      easy = sm2_constrain(cfg, (cur + (double)late) * ease * eb, good + 1, u);
    } else {
      /* Early review (Anki's passing_early_review_intervals): credit only
       * the time that actually elapsed. */
      double el = (double)t;
      double reduced = eb - (eb - 1.0) / 2.0;
      hard = sm2_constrain(cfg, fmax(el * hf, cur * hf / 2.0), 1, -1);
      good = sm2_constrain(cfg, fmax(el * ease, cur), 1, -1);
      easy = sm2_constrain(cfg, fmax(el * ease, cur) * reduced, 1, u);
    }
    if (rating == SCHED_HARD) {
      out->ease = fmax(SM2_MIN_EASE, ease - 0.15);
      set_review(out, hard, now);
    } else if (rating == SCHED_GOOD) {
      set_review(out, good, now);
    } else {
      out->ease = ease + 0.15;
      set_review(out, easy, now);
    }
  }
}

int sched_answer(const SchedConfig *cfg, const SchedCard *card, int rating,
                 int64_t now, SchedCard *out) {
  SchedCard c;
  int64_t t;
  double u;
  if (rating < SCHED_AGAIN || rating > SCHED_EASY) return QD_EINVAL;
  if (!config_valid(cfg) || !card_valid(card) || !out || !time_valid(now))
    return QD_EINVAL;
  c = *card;
  t = elapsed_days(cfg, &c, now);
  u = cfg->fuzz ? fuzz_factor(&c) : -1.0;
  {
    SchedCard n = c;
    n.reps = c.reps + 1;
    n.last_review = now;
    if (cfg->algorithm == SCHED_SM2)
      answer_sm2(cfg, &c, rating, now, t, u, &n);
    else
      answer_fsrs(cfg, &c, rating, now, t, u, &n);
    *out = n;
  }
  return 0;
}

void sched_preview(const SchedConfig *cfg, const SchedCard *card, int64_t now,
                   int64_t seconds_out[4]) {
  for (int g = SCHED_AGAIN; g <= SCHED_EASY; g++) {
    SchedCard next;
    if (sched_answer(cfg, card, g, now, &next) == 0)
      seconds_out[g - 1] = next.due > now ? next.due - now : 0;
    else
      seconds_out[g - 1] = 0;
  }
}

double sched_retrievability(const SchedConfig *cfg, const SchedCard *card,
                            int64_t now) {
  double t;
  if (!cfg || !card || card->state == SCHED_NEW || card->last_review == 0)
    return 1.0;
  t = ((double)now - (double)card->last_review) / DAY_SECS;
  if (t < 0.0) t = 0.0;
  if (cfg->algorithm == SCHED_SM2) {
    /* srs-benchmark's SM-2 predictor: the interval as an exponential
     * stability.  Learning cards (interval 0) count as 1 day. */
    int ivl = card->scheduled_days > 0 ? card->scheduled_days : 1;
    return pow(0.9, t / ivl);
  }
  {
    FsrsMemory m = card_memory(cfg, card);
    if (!(m.stability > 0.0)) return 1.0;
    return fsrs_retrievability(cfg->w, t, m.stability);
  }
}

void sched_format_interval(int64_t seconds, char *buf, int n) {
  double days = (double)seconds / DAY_SECS;
  if (!buf || n <= 0) return;
  if (seconds < 60) {
    snprintf(buf, (size_t)n, "<1m");
  } else if (seconds < 3600 - 30) {
    snprintf(buf, (size_t)n, "%dm", (int)((seconds + 30) / 60));
  } else if (seconds < DAY_SECS - 1800) {
    snprintf(buf, (size_t)n, "%dh", (int)((seconds + 1800) / 3600));
  } else if (days < 29.5) {
    snprintf(buf, (size_t)n, "%dd", (int)floor(days + 0.5));
  } else if (days < 365.0 - 18.25) {
    double mo = round(days / 30.0 * 10.0) / 10.0;
    if (mo == floor(mo))
      snprintf(buf, (size_t)n, "%dmo", (int)mo);
    else
      snprintf(buf, (size_t)n, "%.1fmo", mo);
  } else {
    double y = round(days / 365.0 * 10.0) / 10.0;
    if (y == floor(y))
      snprintf(buf, (size_t)n, "%.0fy", y);
    else
      snprintf(buf, (size_t)n, "%.1fy", y);
  }
}
