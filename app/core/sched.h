/* sched.h - the card state machine around the memory model: learning and
 * relearning steps, review intervals, day rollover, fuzz; FSRS-6 or Anki's
 * SM-2 variant, chosen per deck.
 *
 * Pure: time (`now`, unix seconds) and the fuzz seed (card id + reps) are
 * inputs, never read from the system.  With fuzz off the FSRS path
 * reproduces ts-fsrs 5.4.2 number for number (tests/test_fsrs_vectors.c);
 * sched.c lists where that differs from Anki.
 *
 * Due times: a learning step is due at now + step seconds; a review
 * interval of n days is due at now + n * 86400, and the queue shows it for
 * the whole day that contains that time (see sched_day_end). */
#ifndef QD_SCHED_H
#define QD_SCHED_H

#include <stdint.h>
#include "fsrs.h"

typedef enum {
  SCHED_NEW = 0,
  SCHED_LEARNING = 1,
  SCHED_REVIEW = 2,
  SCHED_RELEARNING = 3
} SchedState;

typedef enum { SCHED_FSRS = 0, SCHED_SM2 = 1 } SchedAlgorithm;

enum { SCHED_AGAIN = 1, SCHED_HARD = 2, SCHED_GOOD = 3, SCHED_EASY = 4 };

#define SCHED_MAX_STEPS 8

/* Everything the scheduler knows of a card.  The store persists each field. */
typedef struct SchedCard {
  int64_t id;          /* card id: seeds the fuzz together with reps */
  SchedState state;
  int step;            /* index into the (re)learning steps */
  double stability;    /* FSRS S in days; 0 = never reviewed */
  double difficulty;   /* FSRS D, 1..10; 0 = never reviewed */
  double ease;         /* SM-2 ease factor (e.g. 2.5); 0 = not set */
  int64_t due;         /* unix seconds */
  int64_t last_review; /* unix seconds; 0 = never */
  int scheduled_days;  /* interval last given, in days (0 while learning;
                          SM-2 relearning: the interval it returns to) */
  int reps;            /* number of reviews */
  int lapses;          /* times forgotten in review state */
} SchedCard;

typedef struct SchedConfig {
  SchedAlgorithm algorithm;
  double w[FSRS_NPARAMS];      /* FSRS parameters */
  double desired_retention;    /* 0.70 .. 0.99, default 0.9 */
  int maximum_interval;        /* days, default 36500 */
  int learn_steps[SCHED_MAX_STEPS];   /* seconds, default 60, 600 */
  int n_learn_steps;
  int relearn_steps[SCHED_MAX_STEPS]; /* seconds, default 600 */
  int n_relearn_steps;
  int fuzz;                    /* 1: deterministic fuzz on review intervals */
  int rollover_hour;           /* local hour a new day starts, default 4 */
  int utc_offset;              /* seconds east of UTC for day boundaries */
  /* SM-2 (Anki variant) */
  double sm2_initial_ease;     /* 2.5 */
  int sm2_graduating_good;     /* days, 1 */
  int sm2_graduating_easy;     /* days, 4 */
  double sm2_hard_factor;      /* 1.2 */
  double sm2_easy_bonus;       /* 1.3 */
  double sm2_interval_modifier;/* 1.0 */
  double sm2_lapse_multiplier; /* 0.0 */
} SchedConfig;

/* Fills Anki's defaults (FSRS-6 default w, 0.9, 36500, 1m 10m / 10m,
 * fuzz on, rollover 4, utc_offset 0, SM-2 defaults). */
void sched_config_default(SchedConfig *cfg);

/* Day number of time t: whole days since the epoch, counted from the
 * rollover hour in the configured time zone. */
int64_t sched_day(const SchedConfig *cfg, int64_t t);

/* Unix time at which the day containing `now` ends (next rollover). */
int64_t sched_day_end(const SchedConfig *cfg, int64_t now);

/* Answers `card` with rating 1..4 at `now`; writes the new state to *out
 * (may alias card).  Elapsed days are whole days by sched_day.  Returns 0,
 * or QD_EINVAL (and leaves *out alone) for a bad rating, an invalid config
 * (retention outside (0,1), steps <= 0 or too many, rollover outside
 * 0..23, offset beyond +-18 h, non-finite w, ...), a corrupt card (unknown
 * state, negative or non-finite S/D/ease/counts) or a time beyond +-10^12 s. */
int sched_answer(const SchedConfig *cfg, const SchedCard *card, int rating,
                 int64_t now, SchedCard *out);

/* Seconds until the card would be due again for each rating 1..4
 * (index 0 = Again), for labelling the answer buttons: exactly what
 * sched_answer would schedule.  All 0 when sched_answer would fail. */
void sched_preview(const SchedConfig *cfg, const SchedCard *card, int64_t now,
                   int64_t seconds_out[4]);

/* Predicted probability of recall at `now` (1 for new cards), with t the
 * exact (fractional) days since the last review.  For SM-2, 0.9^(t/I) as
 * in srs-benchmark, I = the last interval (1 day while learning). */
double sched_retrievability(const SchedConfig *cfg, const SchedCard *card,
                            int64_t now);

/* Formats an interval for a button: "<1m", "10m", "3h", "4d", "2.1mo",
 * "1.5y" (months of 30 days, years of 365; ".0" is dropped).  Writes at
 * most n bytes including the NUL (truncating). */
void sched_format_interval(int64_t seconds, char *buf, int n);

#endif
