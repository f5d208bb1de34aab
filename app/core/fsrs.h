/* fsrs.h - the FSRS-6 memory model (no scheduling policy, no I/O).
 *
 * Formulas as in ../shared/fsrs/FSRS.md section 3 (fsrs-rs `step`
 * semantics).  All functions are pure; parameters are a 21-vector `w`.
 * Ratings: 1 Again, 2 Hard, 3 Good, 4 Easy.  Time is in (possibly
 * fractional) days; the scheduler passes whole days. */
#ifndef QD_FSRS_H
#define QD_FSRS_H

#define FSRS_NPARAMS 21
#define FSRS_S_MIN 0.001
#define FSRS_S_MAX 36500.0

/* The FSRS-6 default parameters (fsrs-rs DEFAULT_PARAMETERS). */
extern const double FSRS_DEFAULT_W[FSRS_NPARAMS];

typedef struct FsrsMemory {
  double stability;  /* days until R falls to 0.9; 0 = no memory yet */
  double difficulty; /* 1 (easy) .. 10 (hard) */
} FsrsMemory;

/* Clamps a parameter vector in place to fsrs-rs's parameter_clipper
 * ranges (n_relearning_steps as in FSRS.md; pass 1 for the default). */
void fsrs_clip_params(double w[FSRS_NPARAMS], int n_relearning_steps);

/* Probability of recall after t days at stability s: (1 + F*t/s)^-d. */
double fsrs_retrievability(const double w[FSRS_NPARAMS], double t, double s);

/* Unrounded interval (days) at which R falls to `retention`. */
double fsrs_interval(const double w[FSRS_NPARAMS], double retention, double s);

/* Rounded (half away from zero) and clamped to [1, maximum_interval]. */
int fsrs_interval_days(const double w[FSRS_NPARAMS], double retention,
                       double s, int maximum_interval);

/* Memory after the first rating of a new card: S0 = w[rating-1], floored
 * at 0.1 as ts-fsrs does (fsrs-rs floors at FSRS_S_MIN), D0 clamped to
 * [1, 10].  Stability 0 for a rating outside 1..4. */
FsrsMemory fsrs_init(const double w[FSRS_NPARAMS], int rating);

/* Memory after a review with `rating` t whole days after the previous one
 * (t == 0 uses the same-day formula).  A memory with stability 0 is
 * treated as new (fsrs_init).  Rating 0 leaves it unchanged. */
FsrsMemory fsrs_next(const double w[FSRS_NPARAMS], FsrsMemory m, int rating,
                     double t);

/* Memory of a card that was scheduled by SM-2 (an Anki import, or a deck
 * switched to FSRS): S so that R(interval) = sm2_retention, D from the
 * ease (fsrs-rs memory_state_from_sm2).  ease >= 1.3, interval > 0 days,
 * sm2_retention in (0, 1), usually 0.9. */
FsrsMemory fsrs_from_sm2(const double w[FSRS_NPARAMS], double ease,
                         double interval, double sm2_retention);

#endif
