/* fsrs_quality.c - how well FSRS-6 and SM-2 predict recall on a real
 * review history (bench/data: py-fsrs's review_logs_josh_*.csv, MIT).
 *
 *   fsrs_quality [CSV] [--params JSON] [--fit] [--fit-iters N]
 *
 * Protocol (reproduces the reference figures of shared/fsrs/README.md):
 *  - reviews are grouped per card in time order; elapsed days are UTC
 *    calendar-day differences between consecutive reviews;
 *  - the first review of a card sets the initial state and is not scored;
 *  - a review is scored when it comes at least one day after the previous
 *    review of the card: p = predicted recall before it, y = rating > 1;
 *  - same-day reviews are not scored but do update the memory (FSRS's
 *    same-day formula, t = 0), as fsrs-rs and Anki do;
 *  - RMSE(bins) bins as FSRS.md section 6, with n + 1 = the number of
 *    long-term reviews of the card up to and including this one and
 *    lapses = earlier long-term reviews rated Again;
 *  - SM-2 is srs-benchmark's: the SuperMemo interval from the ratings
 *    (Anki grade g -> q = g + 1), R = 0.9^(t / I); it has no notion of
 *    same-day reviews, so only the first and the long-term reviews
 *    update it;
 *  - anki_sm2_* is the same scoring of quizdeck's own SM-2 (Anki's
 *    variant, sched.c) answering every review, learning steps included;
 *  - log loss (p clipped to [1e-7, 1 - 1e-7]), RMSE(bins) and AUC
 *    (Mann-Whitney, ties counted half) over all scored reviews, in-sample.
 * --fit runs a small optimizer (Adam on the log loss, numerical gradients,
 * fsrs-rs parameter clamps) from the default parameters and scores the
 * result in-sample too; then, for an honest figure, fits again on the
 * first 80% of the history (by time) and scores the models on the last
 * 20% (holdout_* lines; card state still runs through all reviews).
 * Prints `name value unit` lines; never asserts. */
#include <errno.h>
#include <jansson.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fsrs.h"
#include "sched.h"

#ifndef QD_BENCH_DATA
#define QD_BENCH_DATA "bench/data"
#endif
#define DEFAULT_CSV \
  QD_BENCH_DATA "/review_logs_josh_1711744352250_to_1728234780857.csv"
#define DEFAULT_PARAMS QD_BENCH_DATA "/pyfsrs_fit_params_josh.json"

typedef struct Rev {
  int64_t card;
  int64_t time; /* unix seconds (UTC) */
  int64_t day;  /* UTC calendar day */
  int rating;
  int order; /* position in the file, to keep the sort stable */
} Rev;

typedef struct Data {
  Rev *r;
  int n;
} Data;

/* ---- input ------------------------------------------------------------- */

static int64_t days_from_civil(int64_t y, int m, int d) {
  y -= m <= 2;
  int64_t era = (y >= 0 ? y : y - 399) / 400;
  int64_t yoe = y - era * 400;
  int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

/* ISO 8601 with a zone: 2024-03-29T20:32:32.250000+00:00 or ...Z. */
static int parse_time(const char *s, int64_t *out) {
  int y, mo, d, h, mi, sec, n = 0, oh = 0, om = 0, sign = 1;
  if (sscanf(s, "%4d-%2d-%2dT%2d:%2d:%2d%n", &y, &mo, &d, &h, &mi, &sec, &n) != 6)
    return -1;
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || sec > 60)
    return -1;
  s += n;
  if (*s == '.') {
    s++;
    if (*s < '0' || *s > '9') return -1;
    while (*s >= '0' && *s <= '9') s++;
  }
  if (*s == 'Z') {
    s++;
  } else if (*s == '+' || *s == '-') {
    sign = *s == '-' ? -1 : 1;
    if (sscanf(s + 1, "%2d:%2d%n", &oh, &om, &n) != 2 || oh > 18 || om > 59)
      return -1;
    s += 1 + n;
  } else {
    return -1;
  }
  if (*s != '\0') return -1;
  *out = days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + sec -
         sign * (oh * 3600 + om * 60);
  return 0;
}

static int64_t floor_div(int64_t a, int64_t b) {
  int64_t q = a / b;
  if ((a % b != 0) && ((a < 0) != (b < 0))) q--;
  return q;
}

static int cmp_rev(const void *a, const void *b) {
  const Rev *x = a, *y = b;
  if (x->card != y->card) return x->card < y->card ? -1 : 1;
  if (x->time != y->time) return x->time < y->time ? -1 : 1;
  return x->order - y->order;
}

static int load_csv(const char *path, Data *d) {
  FILE *f = fopen(path, "r");
  char buf[512];
  int line = 0, cap = 0;
  d->r = NULL;
  d->n = 0;
  if (!f) {
    fprintf(stderr, "fsrs_quality: cannot open '%s': %s\n", path, strerror(errno));
    return -1;
  }
  while (fgets(buf, sizeof buf, f)) {
    char *fld[5], *p = buf, *end;
    int nf = 0;
    size_t len = strlen(buf);
    Rev r;
    line++;
    if (len == sizeof buf - 1 && buf[len - 1] != '\n') {
      fprintf(stderr, "fsrs_quality: cannot read '%s': line %d: line too long\n", path, line);
      goto fail;
    }
    while (len && (buf[len - 1] == '\n' || buf[len - 1] == '\r')) buf[--len] = '\0';
    if (len == 0) continue;
    while (nf < 5) {
      fld[nf++] = p;
      p = strchr(p, ',');
      if (!p) break;
      *p++ = '\0';
    }
    if (line == 1) {
      if (nf < 3 || strcmp(fld[0], "card_id") || strcmp(fld[1], "review_rating") ||
          strcmp(fld[2], "review_time")) {
        fprintf(stderr, "fsrs_quality: cannot read '%s': line 1: expected header card_id,review_rating,review_time[,review_duration]\n", path);
        goto fail;
      }
      continue;
    }
    if (nf < 3 || nf > 4) {
      fprintf(stderr, "fsrs_quality: cannot read '%s': line %d: expected 3 or 4 fields\n", path, line);
      goto fail;
    }
    errno = 0;
    r.card = strtoll(fld[0], &end, 10);
    if (*fld[0] == '\0' || *end || errno) {
      fprintf(stderr, "fsrs_quality: cannot read '%s': line %d: bad card_id '%s'\n", path, line, fld[0]);
      goto fail;
    }
    if (strlen(fld[1]) != 1 || fld[1][0] < '1' || fld[1][0] > '4') {
      fprintf(stderr, "fsrs_quality: cannot read '%s': line %d: review_rating must be 1..4, not '%s'\n", path, line, fld[1]);
      goto fail;
    }
    r.rating = fld[1][0] - '0';
    if (parse_time(fld[2], &r.time) != 0) {
      fprintf(stderr, "fsrs_quality: cannot read '%s': line %d: bad review_time '%s'\n", path, line, fld[2]);
      goto fail;
    }
    r.day = floor_div(r.time, 86400);
    r.order = d->n;
    if (d->n == cap) {
      Rev *n2;
      cap = cap ? cap * 2 : 4096;
      n2 = realloc(d->r, (size_t)cap * sizeof *n2);
      if (!n2) {
        fprintf(stderr, "fsrs_quality: cannot read '%s': out of memory\n", path);
        goto fail;
      }
      d->r = n2;
    }
    d->r[d->n++] = r;
  }
  if (ferror(f)) {
    fprintf(stderr, "fsrs_quality: cannot read '%s': %s\n", path, strerror(errno));
    goto fail;
  }
  if (d->n == 0) {
    fprintf(stderr, "fsrs_quality: cannot read '%s': no reviews\n", path);
    goto fail;
  }
  fclose(f);
  qsort(d->r, (size_t)d->n, sizeof *d->r, cmp_rev);
  return 0;
fail:
  fclose(f);
  free(d->r);
  d->r = NULL;
  d->n = 0;
  return -1;
}

/* {"w": [21 numbers]} or a bare array of 21 (or 19: FSRS-5, upgraded). */
static int load_params(const char *path, double w[FSRS_NPARAMS]) {
  json_error_t err;
  json_t *root = json_load_file(path, 0, &err), *arr;
  size_t n;
  if (!root) {
    if (err.line > 0)
      fprintf(stderr, "fsrs_quality: cannot read '%s': line %d column %d: %s\n",
              path, err.line, err.column, err.text);
    else
      fprintf(stderr, "fsrs_quality: cannot read '%s': %s\n", path, err.text);
    return -1;
  }
  arr = json_is_array(root) ? root : json_object_get(root, "w");
  n = json_is_array(arr) ? json_array_size(arr) : 0;
  if (n != FSRS_NPARAMS && n != 19) {
    fprintf(stderr, "fsrs_quality: cannot read '%s': expected \"w\": an array of 21 (or 19) numbers\n", path);
    json_decref(root);
    return -1;
  }
  for (size_t i = 0; i < n; i++) {
    json_t *x = json_array_get(arr, i);
    if (!json_is_number(x) || !isfinite(json_number_value(x))) {
      fprintf(stderr, "fsrs_quality: cannot read '%s': w[%zu] is not a number\n", path, i);
      json_decref(root);
      return -1;
    }
    w[i] = json_number_value(x);
  }
  if (n == 19) { /* fsrs-rs check_and_fill_parameters: FSRS-5 -> 6 */
    w[19] = 0.0;
    w[20] = 0.5;
  }
  json_decref(root);
  fsrs_clip_params(w, 1);
  return 0;
}

/* ---- scoring ----------------------------------------------------------- */

typedef struct Scored {
  double *p;
  unsigned char *y;
  uint32_t (*bin)[3];
  int n;
} Scored;

typedef struct Metrics {
  double logloss, rmse_bins, auc;
  int n;
} Metrics;

static uint32_t bin_t(double t) {
  return (uint32_t)llround(2.48 * pow(3.62, floor(log(t) / log(3.62))) * 100.0);
}
static uint32_t bin_len(double len) {
  return (uint32_t)llround(1.99 * pow(1.89, floor(log(len) / log(1.89))));
}
static uint32_t bin_lapse(int lapses) {
  if (lapses == 0) return 0;
  return (uint32_t)llround(1.65 * pow(1.73, floor(log((double)lapses) / log(1.73))));
}

static double logloss_of(const double *p, const unsigned char *y, int n) {
  double sum = 0.0;
  for (int i = 0; i < n; i++) {
    double q = fmin(fmax(p[i], 1e-7), 1.0 - 1e-7);
    sum += y[i] ? -log(q) : -log(1.0 - q);
  }
  return n ? sum / n : 0.0;
}

typedef struct BinAcc {
  uint32_t key[3];
  double sp, sy;
  int n;
} BinAcc;

static int cmp_key(const void *a, const void *b) {
  const uint32_t *x = a, *y = b;
  for (int i = 0; i < 3; i++)
    if (x[i] != y[i]) return x[i] < y[i] ? -1 : 1;
  return 0;
}


typedef struct PY {
  double p;
  unsigned char y;
} PY;

static int cmp_py(const void *a, const void *b) {
  const PY *x = a, *y = b;
  return x->p < y->p ? -1 : x->p > y->p ? 1 : 0;
}

static int metrics_of(const Scored *s, Metrics *m) {
  BinAcc *acc = NULL;
  PY *py = NULL;
  int nb = 0, rc = -1;
  double num = 0.0;
  long long npos = 0, nneg = 0;
  double rank_sum = 0.0;
  m->n = s->n;
  m->logloss = logloss_of(s->p, s->y, s->n);
  if (s->n == 0) {
    m->rmse_bins = m->auc = 0.0;
    return 0;
  }
  /* RMSE(bins): sort (key, p, y) by key, accumulate per bin. */
  acc = malloc((size_t)s->n * sizeof *acc);
  py = malloc((size_t)s->n * sizeof *py);
  if (!acc || !py) goto done;
  for (int i = 0; i < s->n; i++) {
    memcpy(acc[i].key, s->bin[i], sizeof acc[i].key);
    acc[i].sp = s->p[i];
    acc[i].sy = s->y[i];
    acc[i].n = 1;
  }
  qsort(acc, (size_t)s->n, sizeof *acc, cmp_key);
  for (int i = 0; i < s->n; i++) {
    if (nb > 0 && cmp_key(acc[nb - 1].key, acc[i].key) == 0) {
      acc[nb - 1].sp += acc[i].sp;
      acc[nb - 1].sy += acc[i].sy;
      acc[nb - 1].n++;
    } else {
      acc[nb++] = acc[i];
    }
  }
  for (int b = 0; b < nb; b++) {
    double diff = acc[b].sp / acc[b].n - acc[b].sy / acc[b].n;
    num += acc[b].n * diff * diff;
  }
  m->rmse_bins = sqrt(num / s->n);
  /* AUC: Mann-Whitney U with average ranks for ties. */
  for (int i = 0; i < s->n; i++) {
    py[i].p = s->p[i];
    py[i].y = s->y[i];
  }
  qsort(py, (size_t)s->n, sizeof *py, cmp_py);
  for (int i = 0; i < s->n;) {
    int j = i;
    while (j < s->n && py[j].p == py[i].p) j++;
    double avg_rank = (i + 1 + j) / 2.0; /* ranks i+1 .. j */
    for (int k = i; k < j; k++)
      if (py[k].y) {
        rank_sum += avg_rank;
        npos++;
      } else {
        nneg++;
      }
    i = j;
  }
  m->auc = (npos && nneg)
               ? (rank_sum - npos * (npos + 1) / 2.0) / ((double)npos * nneg)
               : 0.5;
  rc = 0;
done:
  free(acc);
  free(py);
  return rc;
}

/* MODEL_ANKI_SM2 is quizdeck's own SM-2 path (sched.c, Anki's variant,
 * default settings, fuzz off, UTC days) driven answer by answer; its R is
 * 0.9^(t / I) with I the interval it had given. */
typedef enum { MODEL_FSRS, MODEL_SM2, MODEL_ANKI_SM2 } Model;

/* srs-benchmark's SM-2 interval update for Anki grade g (q = g + 1). */
static void sm2_update(int g, double *ivl, double *ef, int *reps) {
  int q = g + 1;
  if (q > 2) {
    if (*reps == 0) {
      *ivl = 1;
      *reps = 1;
    } else if (*reps == 1) {
      *ivl = 6;
      *reps = 2;
    } else {
      *ivl = *ivl * *ef;
      (*reps)++;
    }
  } else {
    *ivl = 1;
    *reps = 0;
  }
  *ef = fmax(1.3, *ef + (0.1 - (5 - q) * (0.08 + (5 - q) * 0.02)));
  *ivl = fmax(1.0, round(*ivl + 0.01));
}

/* Which reviews are scored: review time in [from, until). */
typedef struct Window {
  int64_t from, until;
} Window;

static const Window ALL = {INT64_MIN, INT64_MAX};

/* Runs the model over every card and fills `s` (arrays sized d->n) with
 * the scored reviews inside `win`: prediction, outcome and RMSE bin. */
static void score(const Data *d, Model model, const double w[FSRS_NPARAMS],
                  Window win, Scored *s) {
  s->n = 0;
  for (int i = 0; i < d->n;) {
    int j = i;
    FsrsMemory m = {0.0, 0.0};
    double ivl = 0.0, ef = 2.5;
    int reps = 0, long_term = 0, lapses = 0;
    SchedConfig cfg;
    SchedCard card;
    sched_config_default(&cfg);
    cfg.algorithm = SCHED_SM2;
    cfg.fuzz = 0;
    cfg.rollover_hour = 0;
    memset(&card, 0, sizeof card);
    card.id = d->r[i].card;
    while (j < d->n && d->r[j].card == d->r[i].card) j++;
    for (int k = i; k < j; k++) {
      const Rev *r = &d->r[k];
      int64_t t = k == i ? 0 : r->day - d->r[k - 1].day;
      if (k > i && t >= 1) {
        double p = model == MODEL_FSRS
                       ? fsrs_retrievability(w, (double)t, m.stability)
                   : model == MODEL_SM2
                       ? pow(0.9, (double)t / ivl)
                       : pow(0.9, (double)t / (card.scheduled_days > 0
                                                   ? card.scheduled_days
                                                   : 1));
        long_term++; /* long-term reviews so far, this one included */
        if (r->time < win.from || r->time >= win.until) {
          if (r->rating == 1) lapses++;
          goto update;
        }
        s->p[s->n] = p;
        s->y[s->n] = r->rating > 1;
        s->bin[s->n][0] = bin_t((double)t);
        s->bin[s->n][1] = bin_len((double)long_term);
        s->bin[s->n][2] = bin_lapse(lapses);
        s->n++;
        if (r->rating == 1) lapses++;
      }
    update:
      if (model == MODEL_FSRS)
        m = k == i ? fsrs_init(w, r->rating) : fsrs_next(w, m, r->rating, (double)t);
      else if (model == MODEL_ANKI_SM2)
        (void)sched_answer(&cfg, &card, r->rating, r->time, &card);
      else if (k == i || t >= 1)
        sm2_update(r->rating, &ivl, &ef, &reps); /* SM-2 has no same-day model */
    }
    i = j;
  }
}

static int cmp_i64(const void *a, const void *b) {
  int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
  return x < y ? -1 : x > y;
}

/* The review time below which `frac` of all reviews fall. */
static int split_time(const Data *d, double frac, int64_t *out) {
  int64_t *t = malloc((size_t)d->n * sizeof *t);
  if (!t) return -1;
  for (int i = 0; i < d->n; i++) t[i] = d->r[i].time;
  qsort(t, (size_t)d->n, sizeof *t, cmp_i64);
  *out = t[(int)(frac * (d->n - 1))];
  free(t);
  return 0;
}

static void print_metrics(const char *name, const Metrics *m) {
  printf("%s_logloss %.4f -\n", name, m->logloss);
  printf("%s_rmse_bins %.4f -\n", name, m->rmse_bins);
  printf("%s_auc %.4f -\n", name, m->auc);
}

/* ---- optimizer --------------------------------------------------------- */

static double loss_of(const Data *d, const double w[FSRS_NPARAMS], Window win,
                      Scored *s) {
  score(d, MODEL_FSRS, w, win, s);
  return logloss_of(s->p, s->y, s->n);
}

/* Adam on the log loss of the reviews in `win`, with central-difference
 * gradients over the 21 parameters, clipped to fsrs-rs's ranges after
 * every step; keeps the best vector seen. */
static void fit(const Data *d, double w[FSRS_NPARAMS], int iters, Window win,
                Scored *s) {
  double mom[FSRS_NPARAMS] = {0}, vel[FSRS_NPARAMS] = {0};
  double best[FSRS_NPARAMS], best_loss;
  const double lr = 0.02, b1 = 0.9, b2 = 0.999;
  memcpy(best, w, sizeof best);
  best_loss = loss_of(d, w, win, s);
  for (int it = 1; it <= iters; it++) {
    double g[FSRS_NPARAMS], loss;
    for (int i = 0; i < FSRS_NPARAMS; i++) {
      double save = w[i], h = 1e-4 * fmax(1.0, fabs(save)), lp, lm;
      w[i] = save + h;
      lp = loss_of(d, w, win, s);
      w[i] = save - h;
      lm = loss_of(d, w, win, s);
      w[i] = save;
      g[i] = (lp - lm) / (2 * h);
    }
    for (int i = 0; i < FSRS_NPARAMS; i++) {
      double mh, vh;
      mom[i] = b1 * mom[i] + (1 - b1) * g[i];
      vel[i] = b2 * vel[i] + (1 - b2) * g[i] * g[i];
      mh = mom[i] / (1 - pow(b1, it));
      vh = vel[i] / (1 - pow(b2, it));
      w[i] -= lr * mh / (sqrt(vh) + 1e-8);
    }
    fsrs_clip_params(w, 1);
    loss = loss_of(d, w, win, s);
    if (loss < best_loss) {
      best_loss = loss;
      memcpy(best, w, sizeof best);
    }
  }
  memcpy(w, best, sizeof best);
}

int main(int argc, char **argv) {
  const char *csv = DEFAULT_CSV, *params = DEFAULT_PARAMS;
  int do_fit = 0, iters = 200, rc = 1, bad_params = 0;
  Data d = {NULL, 0};
  Scored s = {NULL, NULL, NULL, 0};
  Metrics m;
  double w[FSRS_NPARAMS];
  for (int i = 1; i < argc; i++) {
    if (!strcmp(argv[i], "--params") && i + 1 < argc) {
      params = argv[++i];
    } else if (!strcmp(argv[i], "--fit")) {
      do_fit = 1;
    } else if (!strcmp(argv[i], "--fit-iters") && i + 1 < argc) {
      iters = atoi(argv[++i]);
      if (iters < 1 || iters > 100000) {
        fprintf(stderr, "fsrs_quality: --fit-iters must be 1..100000\n");
        return 2;
      }
      do_fit = 1;
    } else if (argv[i][0] == '-') {
      fprintf(stderr, "usage: %s [CSV] [--params JSON] [--fit] [--fit-iters N]\n", argv[0]);
      return 2;
    } else {
      csv = argv[i];
    }
  }
  if (load_csv(csv, &d) != 0) return 1;
  s.p = malloc((size_t)d.n * sizeof *s.p);
  s.y = malloc((size_t)d.n * sizeof *s.y);
  s.bin = malloc((size_t)d.n * sizeof *s.bin);
  if (!s.p || !s.y || !s.bin) {
    fprintf(stderr, "fsrs_quality: out of memory\n");
    goto done;
  }

  score(&d, MODEL_FSRS, FSRS_DEFAULT_W, ALL, &s);
  if (metrics_of(&s, &m) != 0) goto oom;
  printf("reviews %d -\n", d.n);
  printf("scored_reviews %d -\n", m.n);
  print_metrics("fsrs6_default", &m);

  if (load_params(params, w) == 0) {
    score(&d, MODEL_FSRS, w, ALL, &s);
    if (metrics_of(&s, &m) != 0) goto oom;
    print_metrics("fsrs6_fitted", &m);
  } else {
    bad_params = 1; /* the rest is still measured; the exit status says it */
  }

  score(&d, MODEL_SM2, FSRS_DEFAULT_W, ALL, &s);
  if (metrics_of(&s, &m) != 0) goto oom;
  print_metrics("sm2", &m);

  score(&d, MODEL_ANKI_SM2, FSRS_DEFAULT_W, ALL, &s);
  if (metrics_of(&s, &m) != 0) goto oom;
  print_metrics("anki_sm2", &m);

  if (do_fit) {
    double wf[FSRS_NPARAMS];
    Window train, test;
    /* In-sample, like the reference figures. */
    memcpy(wf, FSRS_DEFAULT_W, sizeof wf);
    fit(&d, wf, iters, ALL, &s);
    score(&d, MODEL_FSRS, wf, ALL, &s);
    if (metrics_of(&s, &m) != 0) goto oom;
    print_metrics("fsrs6_optimized", &m);
    printf("fsrs6_optimized_w");
    for (int i = 0; i < FSRS_NPARAMS; i++) printf("%s%.4f", i ? "," : " ", wf[i]);
    printf(" -\n");
    /* Honest figure: fit on the first 80% of the history (by time), score
     * everyone on the last 20%. */
    if (split_time(&d, 0.8, &train.until) != 0) goto oom;
    train.from = INT64_MIN;
    test.from = train.until;
    test.until = INT64_MAX;
    memcpy(wf, FSRS_DEFAULT_W, sizeof wf);
    fit(&d, wf, iters, train, &s);
    score(&d, MODEL_FSRS, FSRS_DEFAULT_W, test, &s);
    if (metrics_of(&s, &m) != 0) goto oom;
    printf("holdout_scored_reviews %d -\n", m.n);
    print_metrics("holdout_fsrs6_default", &m);
    if (!bad_params) {
      score(&d, MODEL_FSRS, w, test, &s);
      if (metrics_of(&s, &m) != 0) goto oom;
      print_metrics("holdout_fsrs6_fitted_insample", &m);
    }
    score(&d, MODEL_FSRS, wf, test, &s);
    if (metrics_of(&s, &m) != 0) goto oom;
    print_metrics("holdout_fsrs6_optimized", &m);
    score(&d, MODEL_SM2, FSRS_DEFAULT_W, test, &s);
    if (metrics_of(&s, &m) != 0) goto oom;
    print_metrics("holdout_sm2", &m);
  }
  rc = bad_params ? 1 : 0;
  goto done;
oom:
  fprintf(stderr, "fsrs_quality: out of memory\n");
done:
  free(s.p);
  free(s.y);
  free(s.bin);
  free(d.r);
  return rc;
}
