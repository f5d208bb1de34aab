/* answer.h - grading what a student answered (pure C: no SDL, no disk).
 *
 * Typed answers are compared after normalisation, so that case, accents
 * on Latin letters, punctuation, hyphens, spacing, a leading article and
 * the way a date is written do not matter:
 *   "27 April 2018" = "April 27, 2018" = "2018-04-27" = "2018年4月27日".
 * Japanese and Korean text keeps its marks (が is not か).  A miss comes
 * with a character-level diff for display.  Multiple-choice answers get
 * their options shuffled from a seed and a grade from correctness and the
 * time taken.
 *
 * Strings are UTF-8.  Invalid UTF-8 never crashes: it returns QD_EUTF8 or
 * simply does not match. */
#ifndef QD_ANSWER_H
#define QD_ANSWER_H

#include <stddef.h>
#include <stdint.h>

/* How a typed answer compares with the expected one. */
typedef enum {
  ANSWER_WRONG = 0,
  ANSWER_CLOSE = 1, /* one typo in a long answer: counts, but graded Hard */
  ANSWER_EXACT = 2  /* equal after normalisation, or the same date */
} AnswerVerdict;

/* Writes the comparison form of `in` to `out` (at most outlen bytes with
 * the NUL): case folded, Latin accents removed, punctuation, hyphens and
 * spaces dropped, a leading "the/a/an" dropped.  Returns its length, or
 * QD_EUTF8 for invalid UTF-8, QD_ETOOBIG if it does not fit. */
int answer_normalize(const char *in, char *out, size_t outlen);

/* Parses a calendar date written as "27 April 2018", "April 27, 2018",
 * "27 Apr. 2018", "2018-04-27", "2018/4/27", "2018年4月27日" or "4/27/2018"
 * (month first when ambiguous is not guessed: a/b/yyyy parses only when
 * one of a, b is above 12).  Returns 0 and fills y/m/d, or QD_EPARSE. */
int answer_parse_date(const char *s, int *year, int *month, int *day);

/* Compares the typed text with the answer and its accepted aliases
 * (n_aliases may be 0, aliases may then be NULL). */
AnswerVerdict answer_check(const char *typed, const char *answer,
                           const char *const *aliases, int n_aliases);

/* Kinds of diff segment, as seen from the typed text. */
typedef enum {
  ANSWER_DIFF_SAME = 0,    /* typed and expected agree */
  ANSWER_DIFF_EXTRA = 1,   /* typed but not in the answer */
  ANSWER_DIFF_MISSING = 2  /* in the answer but not typed */
} AnswerDiffKind;

typedef struct AnswerDiffSeg {
  AnswerDiffKind kind;
  char *text; /* UTF-8, owned by the diff */
} AnswerDiffSeg;

/* Character (code point) diff between typed and expected, comparing
 * without regard to case.  Consecutive characters of one kind form one
 * segment.  Inputs longer than 512 code points are cut there.  On success
 * *segs (caller frees with answer_diff_free) and *n are set. */
int answer_diff(const char *typed, const char *expected, AnswerDiffSeg **segs,
                int *n);
void answer_diff_free(AnswerDiffSeg *segs, int n);

/* Grade (SCHED_AGAIN..SCHED_EASY) for a multiple-choice or typed answer:
 * wrong -> Again; close -> Hard; right and slow (over 60% of the time
 * limit, or over 15 s with no limit) -> Hard; right and quick (under 20%
 * of the limit, or under 4 s) -> Easy; otherwise Good.  time_limit_ms 0
 * means no limit. */
int answer_grade(AnswerVerdict verdict, int answer_ms, int time_limit_ms);

/* Fills order[0..n_options-1] with a permutation of 0..n_options-1 drawn
 * deterministically from `seed` (Fisher-Yates over a splitmix64 stream).
 * Index 0 conventionally stands for the correct answer. */
void answer_shuffle(uint64_t seed, int *order, int n_options);

#endif
