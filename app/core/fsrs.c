/* fsrs.c - the FSRS-6 memory model.  See fsrs.h and FSRS.md section 3.
 *
 * Double precision, no intermediate rounding (fsrs-rs and py-fsrs do not
 * round; ts-fsrs rounds to 8 decimals, which changes results by ~1e-8
 * relative).  Where fsrs-rs and ts-fsrs 5.4.2 disagree, this follows the
 * reference vectors (ts-fsrs) and says so below. */
#include "fsrs.h"

#include <math.h>

const double FSRS_DEFAULT_W[FSRS_NPARAMS] = {
    0.212,  1.2931, 2.3065, 8.2956, 6.4133, 0.8334, 3.0194,
    0.001,  1.8722, 0.1666, 0.796,  1.4835, 0.0614, 0.2629,
    1.6483, 0.6014, 1.8729, 0.5425, 0.0912, 0.0658, 0.1542};

/* ts-fsrs floors the initial stability at 0.1 (fsrs-rs only at S_MIN);
 * the fsrs-rs clipper lets w0..w3 go down to 0.001, so the two differ only
 * for fitted vectors with a tiny S0.  We follow the reference vectors. */
#define FSRS_S0_MIN 0.1

static double clampd(double x, double lo, double hi) {
  if (x < lo) return lo;
  if (x > hi) return hi;
  return x;
}

void fsrs_clip_params(double w[FSRS_NPARAMS], int n_relearning_steps) {
  static const double lo[FSRS_NPARAMS] = {
      0.001, 0.001, 0.001, 0.001, 1.0,   0.001, 0.001, 0.001, 0.0, 0.0, 0.001,
      0.001, 0.001, 0.001, 0.0,   0.0,   1.0,   0.0,   0.0,   0.0, 0.1};
  static const double hi[FSRS_NPARAMS] = {
      100.0, 100.0, 100.0, 100.0, 10.0, 4.0, 4.0, 0.75, 4.5, 0.8, 3.5,
      5.0,   0.25,  0.9,   4.0,   1.0,  6.0, 2.0, 2.0,  0.8, 0.8};
  for (int i = 0; i < FSRS_NPARAMS; i++) {
    /* NaN compares false everywhere: replace it by the default. */
    if (!(w[i] == w[i])) w[i] = FSRS_DEFAULT_W[i];
    w[i] = clampd(w[i], lo[i], hi[i]);
  }
  /* With several relearning steps the same-day terms are capped so that a
   * lapse cannot end above the post-lapse stability (fsrs-rs
   * parameter_clipper). */
  if (n_relearning_steps > 1) {
    double v = -(log(w[11]) + log(pow(2.0, w[13]) - 1.0) + 0.3 * w[14]) /
               n_relearning_steps;
    double c = sqrt(v > 0.01 ? v : 0.01);
    if (c > 2.0) c = 2.0;
    w[17] = clampd(w[17], 0.0, c);
    w[18] = clampd(w[18], 0.0, c);
  }
}

/* FACTOR = 0.9^(-1/d) - 1, so that R(S, S) = 0.9. */
static double fsrs_factor(double decay) { return pow(0.9, -1.0 / decay) - 1.0; }

double fsrs_retrievability(const double w[FSRS_NPARAMS], double t, double s) {
  double decay = w[20];
  if (s <= 0.0) return 0.0;
  if (t <= 0.0) return 1.0;
  return pow(1.0 + fsrs_factor(decay) * t / s, -decay);
}

double fsrs_interval(const double w[FSRS_NPARAMS], double retention,
                     double s) {
  double decay = w[20];
  return s / fsrs_factor(decay) * (pow(retention, -1.0 / decay) - 1.0);
}

int fsrs_interval_days(const double w[FSRS_NPARAMS], double retention,
                       double s, int maximum_interval) {
  double ivl = round(fsrs_interval(w, retention, s));
  if (maximum_interval < 1) maximum_interval = 1;
  if (!(ivl >= 1.0)) return 1; /* also catches NaN */
  if (ivl > maximum_interval) return maximum_interval;
  return (int)ivl;
}

static double init_difficulty_raw(const double w[FSRS_NPARAMS], int rating) {
  return w[4] - exp(w[5] * (rating - 1)) + 1.0;
}

FsrsMemory fsrs_init(const double w[FSRS_NPARAMS], int rating) {
  FsrsMemory m = {0.0, 0.0};
  if (rating < 1 || rating > 4) return m;
  m.stability = clampd(w[rating - 1], FSRS_S0_MIN, FSRS_S_MAX);
  m.difficulty = clampd(init_difficulty_raw(w, rating), 1.0, 10.0);
  return m;
}

static double next_difficulty(const double w[FSRS_NPARAMS], double d,
                              int rating) {
  double delta = -w[6] * (rating - 3);
  double damped = d + delta * (10.0 - d) / 9.0;
  /* Mean reversion towards the unclamped D0(Easy). */
  double reverted = w[7] * init_difficulty_raw(w, 4) + (1.0 - w[7]) * damped;
  return clampd(reverted, 1.0, 10.0);
}

static double stability_after_success(const double w[FSRS_NPARAMS], double s,
                                      double d, double r, int rating) {
  double hard = rating == 2 ? w[15] : 1.0;
  double easy = rating == 4 ? w[16] : 1.0;
  return s * (1.0 + exp(w[8]) * (11.0 - d) * pow(s, -w[9]) *
                        (exp(w[10] * (1.0 - r)) - 1.0) * hard * easy);
}

static double stability_after_failure(const double w[FSRS_NPARAMS], double s,
                                      double d, double r) {
  double sf = w[11] * pow(d, -w[12]) * (pow(s + 1.0, w[13]) - 1.0) *
              exp(w[14] * (1.0 - r));
  double cap = s / exp(w[17] * w[18]);
  return sf < cap ? sf : cap;
}

static double stability_short_term(const double w[FSRS_NPARAMS], double s,
                                   int rating) {
  double sinc = exp(w[17] * (rating - 3 + w[18])) * pow(s, -w[19]);
  /* Hard too (fsrs-rs >= 6.x, ts-fsrs 5.4.2, py-fsrs); fsrs-rs 4.x/5.x
   * applied the floor from Good up only. */
  if (rating >= 2 && sinc < 1.0) sinc = 1.0;
  return s * sinc;
}

FsrsMemory fsrs_next(const double w[FSRS_NPARAMS], FsrsMemory m, int rating,
                     double t) {
  FsrsMemory out;
  double s, d, r;
  if (rating == 0 || rating < 0 || rating > 4) return m;
  if (!(m.stability > 0.0)) return fsrs_init(w, rating);
  if (!(t >= 0.0)) t = 0.0;
  s = clampd(m.stability, FSRS_S_MIN, FSRS_S_MAX);
  d = clampd(m.difficulty, 1.0, 10.0);
  r = fsrs_retrievability(w, t, s);
  if (t == 0.0)
    out.stability = stability_short_term(w, s, rating);
  else if (rating == 1)
    out.stability = stability_after_failure(w, s, d, r);
  else
    out.stability = stability_after_success(w, s, d, r, rating);
  out.stability = clampd(out.stability, FSRS_S_MIN, FSRS_S_MAX);
  if (!(out.stability == out.stability)) out.stability = FSRS_S_MIN;
  out.difficulty = next_difficulty(w, d, rating);
  return out;
}

FsrsMemory fsrs_from_sm2(const double w[FSRS_NPARAMS], double ease,
                         double interval, double sm2_retention) {
  FsrsMemory m;
  double decay = w[20], r = sm2_retention, s, growth;
  if (!(r > 0.0 && r < 1.0)) r = 0.9;
  if (!(ease >= 1.3)) ease = 1.3;
  if (!(interval >= FSRS_S_MIN)) interval = FSRS_S_MIN;
  s = interval * fsrs_factor(decay) / (pow(r, -1.0 / decay) - 1.0);
  /* D such that a review at R = r grows S by the factor `ease`. */
  growth = exp(w[8]) * pow(s, -w[9]) * expm1((1.0 - r) * w[10]);
  m.stability = clampd(s, FSRS_S_MIN, FSRS_S_MAX);
  m.difficulty = growth > 0.0 ? clampd(11.0 - (ease - 1.0) / growth, 1.0, 10.0)
                              : 10.0;
  return m;
}
