/* test_fsrs_vectors.c - the FSRS-6 model and scheduler against reference
 * vectors (tests/data/fsrs, produced by ts-fsrs 5.4.2 with fuzz off).
 *
 *   test_fsrs_vectors [CASES_JSON EXPECTED_CSV model|scheduler]
 *
 * With no arguments it checks both modes on the project's copies.  "model"
 * replays each sequence through fsrs_next (fsrs-rs step semantics, t in
 * whole days); "scheduler" drives sched_answer with learning steps 1m 10m,
 * relearning 10m, fuzz off, UTC calendar days (rollover 0, offset 0), at
 * the review times of the CSV.  Tolerance (README.md of the vectors):
 * |dS|/S <= 1e-5, |dD| <= 1e-5, |dR| <= 1e-5, intervals equal except
 * within 1e-4 of a .5 rounding tie, where they may differ by one day.
 * Exit status 0 = pass, 1 = mismatch, 2 = unreadable input. */
#include <errno.h>
#include <jansson.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fsrs.h"
#include "sched.h"

#ifndef QD_FSRS_DATA
#define QD_FSRS_DATA "tests/data/fsrs"
#endif

#define TOL 1e-5
#define TIE_EPS 1e-4
#define MAX_SHOWN 12

/* ---- the cases file ---------------------------------------------------- */

typedef struct Review {
  int rating;
  int elapsed_days;
} Review;

typedef struct Sequence {
  char id[64];
  Review *reviews;
  int n;
} Sequence;

typedef struct Cases {
  double w[FSRS_NPARAMS];
  double retention;
  int maximum_interval;
  int short_term;
  Sequence *seqs;
  int n;
} Cases;

static void cases_free(Cases *c) {
  for (int i = 0; i < c->n; i++) free(c->seqs[i].reviews);
  free(c->seqs);
  c->seqs = NULL;
  c->n = 0;
}

static int json_int(json_t *v, long long lo, long long hi, int *out) {
  if (!json_is_integer(v)) return -1;
  long long x = json_integer_value(v);
  if (x < lo || x > hi) return -1;
  *out = (int)x;
  return 0;
}

static int cases_load(const char *path, Cases *c) {
  json_error_t err;
  json_t *root = NULL, *cfg, *seqs, *v;
  memset(c, 0, sizeof *c);
  memcpy(c->w, FSRS_DEFAULT_W, sizeof c->w);
  c->retention = 0.9;
  c->maximum_interval = 36500;
  c->short_term = 1;

  root = json_load_file(path, JSON_REJECT_DUPLICATES, &err);
  if (!root) {
    if (err.line > 0)
      fprintf(stderr, "fsrs_vectors: cannot read '%s': line %d column %d: %s\n",
              path, err.line, err.column, err.text);
    else
      fprintf(stderr, "fsrs_vectors: cannot read '%s': %s\n", path, err.text);
    return -1;
  }
  if (!json_is_object(root)) {
    fprintf(stderr, "fsrs_vectors: cannot read '%s': top level is not an object\n", path);
    goto fail;
  }
  cfg = json_object_get(root, "config");
  if (cfg) {
    if (!json_is_object(cfg)) {
      fprintf(stderr, "fsrs_vectors: cannot read '%s': config is not an object\n", path);
      goto fail;
    }
    if ((v = json_object_get(cfg, "request_retention"))) {
      if (!json_is_number(v) || !(json_number_value(v) > 0.0) ||
          !(json_number_value(v) < 1.0)) {
        fprintf(stderr, "fsrs_vectors: cannot read '%s': config.request_retention must be a number in (0, 1)\n", path);
        goto fail;
      }
      c->retention = json_number_value(v);
    }
    if ((v = json_object_get(cfg, "maximum_interval")) &&
        json_int(v, 1, 1000000, &c->maximum_interval) != 0) {
      fprintf(stderr, "fsrs_vectors: cannot read '%s': config.maximum_interval must be a positive integer\n", path);
      goto fail;
    }
    if ((v = json_object_get(cfg, "enable_short_term"))) {
      if (!json_is_boolean(v)) {
        fprintf(stderr, "fsrs_vectors: cannot read '%s': config.enable_short_term must be true or false\n", path);
        goto fail;
      }
      c->short_term = json_is_true(v);
    }
    if ((v = json_object_get(cfg, "w"))) {
      if (!json_is_array(v) || json_array_size(v) != FSRS_NPARAMS) {
        fprintf(stderr, "fsrs_vectors: cannot read '%s': config.w must be an array of %d numbers\n", path, FSRS_NPARAMS);
        goto fail;
      }
      for (int i = 0; i < FSRS_NPARAMS; i++) {
        json_t *x = json_array_get(v, (size_t)i);
        if (!json_is_number(x) || !isfinite(json_number_value(x))) {
          fprintf(stderr, "fsrs_vectors: cannot read '%s': config.w[%d] is not a number\n", path, i);
          goto fail;
        }
        c->w[i] = json_number_value(x);
      }
      fsrs_clip_params(c->w, 1);
    }
  }
  seqs = json_object_get(root, "sequences");
  if (!json_is_array(seqs)) {
    fprintf(stderr, "fsrs_vectors: cannot read '%s': no \"sequences\" array\n", path);
    goto fail;
  }
  c->seqs = calloc(json_array_size(seqs) + 1, sizeof *c->seqs);
  if (!c->seqs) goto oom;
  for (size_t i = 0; i < json_array_size(seqs); i++) {
    json_t *s = json_array_get(seqs, i), *id, *revs;
    Sequence *q = &c->seqs[c->n];
    id = json_is_object(s) ? json_object_get(s, "id") : NULL;
    revs = json_is_object(s) ? json_object_get(s, "reviews") : NULL;
    if (!json_is_string(id) || strlen(json_string_value(id)) >= sizeof q->id ||
        !json_is_array(revs)) {
      fprintf(stderr, "fsrs_vectors: cannot read '%s': sequences[%zu] needs a short string \"id\" and a \"reviews\" array\n", path, i);
      goto fail;
    }
    strcpy(q->id, json_string_value(id));
    q->reviews = calloc(json_array_size(revs) + 1, sizeof *q->reviews);
    if (!q->reviews) goto oom;
    c->n++;
    for (size_t k = 0; k < json_array_size(revs); k++) {
      json_t *r = json_array_get(revs, k), *e;
      Review *rv = &q->reviews[q->n];
      if (!json_is_object(r) ||
          json_int(json_object_get(r, "rating"), 1, 4, &rv->rating) != 0) {
        fprintf(stderr, "fsrs_vectors: cannot read '%s': sequence %s review %zu: rating must be 1..4\n", path, q->id, k);
        goto fail;
      }
      rv->elapsed_days = 0;
      e = json_object_get(r, "elapsed_days");
      if (e && json_int(e, 0, 10000000, &rv->elapsed_days) != 0) {
        fprintf(stderr, "fsrs_vectors: cannot read '%s': sequence %s review %zu: elapsed_days must be a whole number >= 0\n", path, q->id, k);
        goto fail;
      }
      if (k > 0 && !e) {
        fprintf(stderr, "fsrs_vectors: cannot read '%s': sequence %s review %zu: elapsed_days missing\n", path, q->id, k);
        goto fail;
      }
      q->n++;
    }
  }
  json_decref(root);
  return 0;
oom:
  fprintf(stderr, "fsrs_vectors: cannot read '%s': out of memory\n", path);
fail:
  json_decref(root);
  cases_free(c);
  return -1;
}

/* ---- the expected CSV -------------------------------------------------- */

enum {
  C_SEQ, C_IDX, C_RATING, C_ELAPSED, C_STATE_BEFORE, C_R_BEFORE, C_S, C_D,
  C_STATE_AFTER, C_SCHED_DAYS, C_SCHED_MIN, C_IVL_MODEL, C_TIME, C_DUE, C_N
};
static const char *const COLS[C_N] = {
    "seq", "idx", "rating", "elapsed_days", "state_before", "r_before",
    "stability", "difficulty", "state_after", "scheduled_days",
    "scheduled_minutes", "ivl_model", "review_time", "due"};

typedef struct Row {
  int line;
  char seq[64];
  int idx, rating, elapsed;
  int state_before, state_after; /* SchedState, -1 = not given */
  int has_r;
  double r_before, s, d;
  int sched_days, sched_minutes, ivl_model;
  int64_t time, due; /* unix seconds */
  int used;
} Row;

static int parse_state(const char *s) {
  if (!strcmp(s, "New")) return SCHED_NEW;
  if (!strcmp(s, "Learning")) return SCHED_LEARNING;
  if (!strcmp(s, "Review")) return SCHED_REVIEW;
  if (!strcmp(s, "Relearning")) return SCHED_RELEARNING;
  return -2;
}

static const char *state_name(int s) {
  static const char *const n[] = {"New", "Learning", "Review", "Relearning"};
  return s >= 0 && s <= 3 ? n[s] : "?";
}

static int64_t days_from_civil(int64_t y, int m, int d) {
  y -= m <= 2;
  int64_t era = (y >= 0 ? y : y - 399) / 400;
  int64_t yoe = y - era * 400;
  int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

/* "2024-01-01T12:00:00.000Z" (fraction optional) -> unix seconds. */
static int parse_time(const char *s, int64_t *out) {
  int y, mo, d, h, mi, sec, n = 0;
  if (sscanf(s, "%4d-%2d-%2dT%2d:%2d:%2d%n", &y, &mo, &d, &h, &mi, &sec, &n) != 6)
    return -1;
  s += n;
  if (*s == '.') {
    s++;
    while (*s >= '0' && *s <= '9') s++;
  }
  if (strcmp(s, "Z") != 0 && strcmp(s, "+00:00") != 0) return -1;
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || sec > 60)
    return -1;
  *out = days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + sec;
  return 0;
}

static int parse_int(const char *s, int *out) {
  char *end;
  errno = 0;
  long v = strtol(s, &end, 10);
  if (*s == '\0' || *end != '\0' || errno || v < -2147483647L || v > 2147483647L)
    return -1;
  *out = (int)v;
  return 0;
}

static int parse_double(const char *s, double *out) {
  char *end;
  errno = 0;
  double v = strtod(s, &end);
  if (*s == '\0' || *end != '\0' || errno || !isfinite(v)) return -1;
  *out = v;
  return 0;
}

/* Splits a comma-separated line in place (the vectors never quote). */
static int split(char *line, char **f, int max) {
  int n = 0;
  char *p = line;
  for (;;) {
    if (n == max) return -1;
    f[n++] = p;
    p = strchr(p, ',');
    if (!p) break;
    *p++ = '\0';
  }
  return n;
}

static int rows_load(const char *path, Row **rows_out, int *n_out) {
  FILE *f = fopen(path, "r");
  char buf[1024];
  char *fld[C_N + 1];
  int col[C_N];
  Row *rows = NULL;
  int n = 0, cap = 0, line = 0, nf;
  if (!f) {
    fprintf(stderr, "fsrs_vectors: cannot open '%s': %s\n", path, strerror(errno));
    return -1;
  }
  while (fgets(buf, sizeof buf, f)) {
    size_t len = strlen(buf);
    line++;
    if (len == sizeof buf - 1 && buf[len - 1] != '\n') {
      fprintf(stderr, "fsrs_vectors: cannot read '%s': line %d: line too long\n", path, line);
      goto fail;
    }
    while (len && (buf[len - 1] == '\n' || buf[len - 1] == '\r')) buf[--len] = '\0';
    if (len == 0) continue;
    nf = split(buf, fld, C_N + 1);
    if (line == 1) {
      for (int c = 0; c < C_N; c++) {
        col[c] = -1;
        for (int k = 0; k < nf && nf > 0; k++)
          if (!strcmp(fld[k], COLS[c])) col[c] = k;
        if (col[c] < 0 && c != C_STATE_BEFORE && c != C_STATE_AFTER &&
            c != C_SCHED_DAYS && c != C_SCHED_MIN && c != C_TIME && c != C_DUE) {
          fprintf(stderr, "fsrs_vectors: cannot read '%s': line 1: no column '%s'\n", path, COLS[c]);
          goto fail;
        }
      }
      continue;
    }
    if (nf < 0) {
      fprintf(stderr, "fsrs_vectors: cannot read '%s': line %d: too many fields\n", path, line);
      goto fail;
    }
    if (n == cap) {
      Row *r2;
      cap = cap ? cap * 2 : 1024;
      r2 = realloc(rows, (size_t)cap * sizeof *rows);
      if (!r2) {
        fprintf(stderr, "fsrs_vectors: cannot read '%s': out of memory\n", path);
        goto fail;
      }
      rows = r2;
    }
    Row *r = &rows[n];
    memset(r, 0, sizeof *r);
    r->line = line;
    r->state_before = r->state_after = -1;
    const char *v[C_N];
    for (int c = 0; c < C_N; c++) v[c] = col[c] >= 0 && col[c] < nf ? fld[col[c]] : NULL;
#define FIELD(c) v[c]
#define BAD(what)                                                              \
  do {                                                                         \
    fprintf(stderr, "fsrs_vectors: cannot read '%s': line %d: bad %s\n", path, \
            line, what);                                                       \
    goto fail;                                                                 \
  } while (0)
    if (!FIELD(C_SEQ) || strlen(FIELD(C_SEQ)) >= sizeof r->seq) BAD("seq");
    strcpy(r->seq, FIELD(C_SEQ));
    if (!FIELD(C_IDX) || parse_int(FIELD(C_IDX), &r->idx) || r->idx < 0) BAD("idx");
    if (!FIELD(C_RATING) || parse_int(FIELD(C_RATING), &r->rating) ||
        r->rating < 1 || r->rating > 4)
      BAD("rating");
    if (!FIELD(C_ELAPSED) || parse_int(FIELD(C_ELAPSED), &r->elapsed) || r->elapsed < 0)
      BAD("elapsed_days");
    if (!FIELD(C_R_BEFORE)) BAD("r_before");
    r->has_r = FIELD(C_R_BEFORE)[0] != '\0';
    if (r->has_r && parse_double(FIELD(C_R_BEFORE), &r->r_before)) BAD("r_before");
    if (!FIELD(C_S) || parse_double(FIELD(C_S), &r->s) || !(r->s > 0)) BAD("stability");
    if (!FIELD(C_D) || parse_double(FIELD(C_D), &r->d)) BAD("difficulty");
    if (!FIELD(C_IVL_MODEL) || parse_int(FIELD(C_IVL_MODEL), &r->ivl_model)) BAD("ivl_model");
    if (FIELD(C_STATE_BEFORE) && (r->state_before = parse_state(FIELD(C_STATE_BEFORE))) < -1)
      BAD("state_before");
    if (FIELD(C_STATE_AFTER) && (r->state_after = parse_state(FIELD(C_STATE_AFTER))) < -1)
      BAD("state_after");
    if (FIELD(C_SCHED_DAYS) && parse_int(FIELD(C_SCHED_DAYS), &r->sched_days)) BAD("scheduled_days");
    if (FIELD(C_SCHED_MIN) && parse_int(FIELD(C_SCHED_MIN), &r->sched_minutes)) BAD("scheduled_minutes");
    if (FIELD(C_TIME) && parse_time(FIELD(C_TIME), &r->time)) BAD("review_time");
    if (FIELD(C_DUE) && parse_time(FIELD(C_DUE), &r->due)) BAD("due");
#undef FIELD
#undef BAD
    n++;
  }
  if (ferror(f)) {
    fprintf(stderr, "fsrs_vectors: cannot read '%s': %s\n", path, strerror(errno));
    goto fail;
  }
  if (line == 0) {
    fprintf(stderr, "fsrs_vectors: cannot read '%s': empty file\n", path);
    goto fail;
  }
  fclose(f);
  *rows_out = rows;
  *n_out = n;
  return 0;
fail:
  fclose(f);
  free(rows);
  return -1;
}

/* ---- comparison -------------------------------------------------------- */

typedef struct Stats {
  int rows, failures;
  double worst_ds, worst_dd, worst_dr;
  int worst_ds_line, worst_dd_line, worst_dr_line;
  int ivl_mismatch, ties, tie_diffs, state_mismatch, time_mismatch;
  int shown;
} Stats;

static void fail_row(Stats *st, const char *path, const Row *r, const char *fmt,
                     double a, double b) {
  st->failures++;
  if (st->shown++ < MAX_SHOWN) {
    fprintf(stderr, "%s:%d: %s #%d: ", path, r->line, r->seq, r->idx);
    fprintf(stderr, fmt, a, b);
    fputc('\n', stderr);
  }
}

static void track(double diff, double *worst, int *worst_line, int line) {
  if (diff > *worst || *worst_line == 0) {
    if (diff >= *worst) {
      *worst = diff;
      *worst_line = line;
    }
  }
}

/* Compares S, D, R; returns 0 or -1. */
static void check_memory(Stats *st, const char *path, const Row *r, double s,
                         double d, int has_r, double rb) {
  double ds = fabs(s - r->s) / r->s, dd = fabs(d - r->d);
  track(ds, &st->worst_ds, &st->worst_ds_line, r->line);
  track(dd, &st->worst_dd, &st->worst_dd_line, r->line);
  if (!(ds <= TOL)) fail_row(st, path, r, "stability %.8f, expected %.8f", s, r->s);
  if (!(dd <= TOL)) fail_row(st, path, r, "difficulty %.8f, expected %.8f", d, r->d);
  if (r->has_r != has_r) {
    fail_row(st, path, r, "r_before given %g vs %g", has_r, r->has_r);
  } else if (has_r) {
    double dr = fabs(rb - r->r_before);
    track(dr, &st->worst_dr, &st->worst_dr_line, r->line);
    if (!(dr <= TOL)) fail_row(st, path, r, "r_before %.8f, expected %.8f", rb, r->r_before);
  }
}

/* An interval, with the tie rule: `exact` is the unrounded interval. */
static void check_interval(Stats *st, const char *path, const Row *r,
                           const char *what, int got, int want, double exact) {
  double frac = exact - floor(exact);
  int tie = fabs(frac - 0.5) <= TIE_EPS;
  if (tie) st->ties++;
  if (got == want) return;
  if (tie && abs(got - want) <= 1) {
    st->tie_diffs++;
    return;
  }
  st->ivl_mismatch++;
  {
    char fmt[96];
    snprintf(fmt, sizeof fmt, "%s %%g days, expected %%g", what);
    fail_row(st, path, r, fmt, got, want);
  }
}

/* Rows of sequence `q` in the order of its reviews; NULL where missing. */
static int rows_of(Row *rows, int n, const Sequence *q, Row **out) {
  for (int k = 0; k < q->n; k++) out[k] = NULL;
  for (int i = 0; i < n; i++)
    if (!strcmp(rows[i].seq, q->id)) {
      if (rows[i].idx >= q->n || out[rows[i].idx]) return -1;
      out[rows[i].idx] = &rows[i];
      rows[i].used = 1;
    }
  return 0;
}

static int run(const char *cases_path, const char *csv_path, int scheduler) {
  Cases c;
  Row *rows = NULL;
  Row **seq_rows = NULL;
  int n_rows = 0, rc = 2, max_len = 0;
  Stats st;
  memset(&st, 0, sizeof st);
  if (cases_load(cases_path, &c) != 0) return 2;
  if (rows_load(csv_path, &rows, &n_rows) != 0) goto done;
  if (!c.short_term) {
    fprintf(stderr, "fsrs_vectors: cannot use '%s': enable_short_term=false (ts-fsrs long-term mode) is not what quizdeck schedules\n", cases_path);
    goto done;
  }
  for (int i = 0; i < c.n; i++) if (c.seqs[i].n > max_len) max_len = c.seqs[i].n;
  seq_rows = calloc((size_t)max_len + 1, sizeof *seq_rows);
  if (!seq_rows) goto done;

  SchedConfig cfg;
  sched_config_default(&cfg);
  memcpy(cfg.w, c.w, sizeof cfg.w);
  cfg.desired_retention = c.retention;
  cfg.maximum_interval = c.maximum_interval;
  cfg.fuzz = 0;
  cfg.rollover_hour = 0; /* ts-fsrs: UTC calendar days */
  cfg.utc_offset = 0;

  for (int si = 0; si < c.n; si++) {
    const Sequence *q = &c.seqs[si];
    FsrsMemory m = {0.0, 0.0};
    SchedCard card;
    memset(&card, 0, sizeof card);
    card.id = si + 1;
    if (rows_of(rows, n_rows, q, seq_rows) != 0) {
      fprintf(stderr, "%s: sequence %s: duplicate or out-of-range idx\n", csv_path, q->id);
      st.failures++;
      continue;
    }
    for (int k = 0; k < q->n; k++) {
      const Review *rv = &q->reviews[k];
      const Row *r = seq_rows[k];
      if (!r) {
        fprintf(stderr, "%s: sequence %s review %d: no expected row\n", csv_path, q->id, k);
        st.failures++;
        break;
      }
      st.rows++;
      if (r->rating != rv->rating || r->elapsed != (k ? rv->elapsed_days : 0)) {
        fail_row(&st, csv_path, r, "row does not match the cases file (rating %g, elapsed %g)", rv->rating, rv->elapsed_days);
        break;
      }
      if (!scheduler) {
        double t = k ? rv->elapsed_days : 0;
        int has_r = k > 0;
        double rb = has_r ? fsrs_retrievability(c.w, t, m.stability) : 0;
        m = fsrs_next(c.w, m, rv->rating, t);
        check_memory(&st, csv_path, r, m.stability, m.difficulty, has_r, rb);
        check_interval(&st, csv_path, r, "ivl_model",
                       fsrs_interval_days(c.w, c.retention, m.stability, c.maximum_interval),
                       r->ivl_model, fsrs_interval(c.w, c.retention, m.stability));
      } else {
        SchedCard next;
        int64_t t_days;
        int has_r = card.state != SCHED_NEW;
        double rb = 0;
        if (!r->time || !r->due || r->state_after < 0 || r->state_before < 0) {
          fprintf(stderr, "%s: line %d: scheduler rows need review_time, due, state_before, state_after\n", csv_path, r->line);
          goto done;
        }
        t_days = has_r ? sched_day(&cfg, r->time) - sched_day(&cfg, card.last_review) : 0;
        if (t_days != (k ? rv->elapsed_days : 0)) {
          st.time_mismatch++;
          fail_row(&st, csv_path, r, "review_time gives %g elapsed days, cases say %g", (double)t_days, rv->elapsed_days);
        }
        if ((int)card.state != r->state_before) {
          st.state_mismatch++;
          fail_row(&st, csv_path, r, "state before %g, expected %g", card.state, r->state_before);
        }
        if (has_r) rb = fsrs_retrievability(cfg.w, (double)t_days, card.stability);
        if (sched_answer(&cfg, &card, rv->rating, r->time, &next) != 0) {
          fail_row(&st, csv_path, r, "sched_answer rejected rating %g%g", rv->rating, 0);
          break;
        }
        check_memory(&st, csv_path, r, next.stability, next.difficulty, has_r, rb);
        if ((int)next.state != r->state_after) {
          st.state_mismatch++;
          st.failures++;
          if (st.shown++ < MAX_SHOWN)
            fprintf(stderr, "%s:%d: %s #%d: state after %s, expected %s\n", csv_path, r->line, r->seq, r->idx,
                    state_name(next.state), state_name(r->state_after));
        }
        {
          double exact = fsrs_interval(cfg.w, cfg.desired_retention, next.stability);
          int tie = fabs(exact - floor(exact) - 0.5) <= TIE_EPS;
          int64_t mins = (next.due - r->time) / 60;
          check_interval(&st, csv_path, r, "scheduled_days", next.scheduled_days, r->sched_days, exact);
          if (mins != r->sched_minutes && !(tie && llabs(mins - r->sched_minutes) <= 1440)) {
            st.ivl_mismatch++;
            fail_row(&st, csv_path, r, "due in %g minutes, expected %g", (double)mins, r->sched_minutes);
          } else if (next.due != r->due && !(tie && llabs(next.due - r->due) <= 86400)) {
            st.time_mismatch++;
            fail_row(&st, csv_path, r, "due %g, expected %g (unix s)", (double)next.due, (double)r->due);
          }
          check_interval(&st, csv_path, r, "ivl_model",
                         fsrs_interval_days(cfg.w, cfg.desired_retention, next.stability, cfg.maximum_interval),
                         r->ivl_model, exact);
        }
        card = next;
      }
    }
  }
  for (int i = 0; i < n_rows; i++)
    if (!rows[i].used) {
      fprintf(stderr, "%s:%d: row for %s #%d matches no review in '%s'\n", csv_path, rows[i].line, rows[i].seq, rows[i].idx, cases_path);
      st.failures++;
    }

  printf("fsrs_vectors %s: %d sequences, %d rows from %s\n", scheduler ? "scheduler" : "model", c.n, st.rows, csv_path);
  printf("  worst |dS|/S = %.3g (line %d)\n", st.worst_ds, st.worst_ds_line);
  printf("  worst |dD|   = %.3g (line %d)\n", st.worst_dd, st.worst_dd_line);
  printf("  worst |dR|   = %.3g (line %d)\n", st.worst_dr, st.worst_dr_line);
  printf("  interval mismatches = %d, rounding ties = %d (of which off by one: %d)\n", st.ivl_mismatch, st.ties, st.tie_diffs);
  if (scheduler) printf("  state mismatches = %d, time mismatches = %d\n", st.state_mismatch, st.time_mismatch);
  printf("  %s (%d failures)\n", st.failures ? "FAIL" : "PASS", st.failures);
  rc = st.failures ? 1 : 0;
done:
  free(seq_rows);
  free(rows);
  cases_free(&c);
  return rc;
}

int main(int argc, char **argv) {
  if (argc == 1) {
    int a = run(QD_FSRS_DATA "/cases.json", QD_FSRS_DATA "/expected_model.csv", 0);
    int b = run(QD_FSRS_DATA "/cases.json", QD_FSRS_DATA "/expected_scheduler.csv", 1);
    return a > b ? a : b;
  }
  if (argc != 4 || (strcmp(argv[3], "model") && strcmp(argv[3], "scheduler"))) {
    fprintf(stderr, "usage: %s [CASES_JSON EXPECTED_CSV model|scheduler]\n", argv[0]);
    return 2;
  }
  return run(argv[1], argv[2], !strcmp(argv[3], "scheduler"));
}
