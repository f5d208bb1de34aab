/* store_bench.c - study-core speed and memory on a big database.
 *
 *   store_bench [--cards N] [--db PATH] [--days D]
 *
 * Creates (once; reused while the file exists) a database with N cards
 * (default 1,000,000) and D days (default 365) of simulated review
 * history, written through the store API in one transaction, then prints:
 *   open_queue_ms      store_open + profile + deck + queue_open (median of 5)
 *   next_card_us       queue_next + the card and note the screen shows
 *   answer_durable_ms  queue_answer, committed with fsync (median, p90)
 *   rss_kb             peak resident memory of the process
 * as "name value unit" lines.  Not a test: figures only. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>

#include "error.h"
#include "queue.h"
#include "store.h"

#define DAY 86400

static double now_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

static long peak_rss_kb(void) {
  struct rusage ru;
  getrusage(RUSAGE_SELF, &ru);
  return ru.ru_maxrss;
}

/* splitmix64: the simulation's own deterministic randomness */
static uint64_t rng_state = 42;
static double rnd(void) {
  uint64_t z = (rng_state += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  z ^= z >> 31;
  return (z >> 11) * (1.0 / 9007199254740992.0);
}

static void die(Store *s, const char *what) {
  fprintf(stderr, "store_bench: %s: %s\n", what, s ? store_errmsg(s) : "");
  exit(1);
}

/* Builds the database: N notes in one deck, cards introduced evenly over
 * the history, each reviewed whenever due (Again 10%, Hard 5%, Good 75%,
 * Easy 10%) until `end`. */
static void generate(const char *path, long n_cards, int days, int64_t end) {
  char err[512];
  Store *s = NULL;
  double t0 = now_ms();
  if (store_open(path, 0, &s, err, sizeof err)) {
    fprintf(stderr, "%s\n", err);
    exit(1);
  }
  int64_t prof, deck;
  if (store_profile_ensure(s, "default", &prof)) die(s, "profile");
  if (store_deck_ensure(s, "Benchmark", &deck)) die(s, "deck");
  if (store_begin(s)) die(s, "begin");
  enum { BATCH = 10000 };
  StoreNote *notes = calloc(BATCH, sizeof *notes);
  StoreSource src = {"Generated article", "A sentence the fact came from."};
  for (long base = 0; base < n_cards; base += BATCH) {
    int n = (int)(n_cards - base < BATCH ? n_cards - base : BATCH);
    char (*buf)[3][64] = calloc(n, sizeof *buf);
    for (int i = 0; i < n; i++) {
      long k = base + i;
      snprintf(buf[i][0], 64, "g%ld", k);
      snprintf(buf[i][1], 64, "In which year did event %ld happen?", k);
      snprintf(buf[i][2], 64, "%ld", 1900 + k % 120);
      notes[i].guid = buf[i][0];
      notes[i].prompt = buf[i][1];
      notes[i].answer = buf[i][2];
      notes[i].kind = NOTE_QA;
      notes[i].sources = &src;
      notes[i].n_sources = 1;
    }
    if (store_deck_sync(s, deck, notes, n, 0, NULL)) die(s, "notes");
    free(buf);
  }
  free(notes);
  fprintf(stderr, "store_bench: %ld notes in %.1f s\n", n_cards,
          (now_ms() - t0) / 1e3);

  /* history: walk the cards; card k is introduced on day k*days/N */
  int64_t start = end - (int64_t)days * DAY;
  int64_t *ids = NULL;
  int n = 0;
  if (store_cards_new(s, prof, deck, (int)n_cards, &ids, &n)) die(s, "cards");
  long answers = 0;
  for (int i = 0; i < n; i++) {
    int64_t t = start + (int64_t)((double)i / n * days * DAY) + 9 * 3600;
    for (int guard = 0; guard < 64 && t < end; guard++) {
      double u = rnd();
      int rating = u < 0.10 ? 1 : u < 0.15 ? 2 : u < 0.90 ? 3 : 4;
      StoreCard after;
      if (store_answer(s, ids[i], rating, t, 4000, STUDY_FLIP, &after))
        die(s, "answer");
      answers++;
      t = after.sched.due;
    }
  }
  free(ids);
  if (store_commit(s)) die(s, "commit");
  fprintf(stderr, "store_bench: %ld answers in %.1f s\n", answers,
          (now_ms() - t0) / 1e3);
  printf("generated_cards %ld cards\n", n_cards);
  printf("generated_reviews %ld reviews\n", answers);
  store_close(s);
}

int main(int argc, char **argv) {
  long n_cards = 1000000;
  int days = 365;
  const char *path = NULL;
  char pathbuf[256];
  for (int i = 1; i < argc; i++) {
    if (strcmp(argv[i], "--cards") == 0 && i + 1 < argc) n_cards = atol(argv[++i]);
    else if (strcmp(argv[i], "--days") == 0 && i + 1 < argc) days = atoi(argv[++i]);
    else if (strcmp(argv[i], "--db") == 0 && i + 1 < argc) path = argv[++i];
    else {
      fprintf(stderr, "usage: store_bench [--cards N] [--days D] [--db PATH]\n");
      return 2;
    }
  }
  if (!path) {
    snprintf(pathbuf, sizeof pathbuf, "/tmp/qd_bench_%ld_%d.db", n_cards, days);
    path = pathbuf;
  }
  /* a fixed "now" so the database and the measurements agree */
  const int64_t end = 1767268800; /* 2026-01-01 12:00 UTC */
  struct stat sb;
  if (stat(path, &sb) != 0) generate(path, n_cards, days, end);
  stat(path, &sb);
  printf("db_size %.1f MB\n", sb.st_size / 1e6);

  double open_ms[5];
  Store *s = NULL;
  StudyQueue *q = NULL;
  int64_t prof = 0, deck = 0;
  for (int r = 0; r < 5; r++) {
    char err[512];
    double t0 = now_ms();
    if (store_open(path, 0, &s, err, sizeof err)) {
      fprintf(stderr, "%s\n", err);
      return 1;
    }
    if (store_profile_ensure(s, "default", &prof) ||
        store_deck_find(s, "Benchmark", &deck) ||
        queue_open(s, prof, deck, end, &q))
      die(s, "open queue");
    open_ms[r] = now_ms() - t0;
    if (r < 4) {
      queue_close(q);
      store_close(s);
    }
  }
  int nn, nl, nr;
  queue_counts(q, &nn, &nl, &nr);
  printf("open_queue_first_ms %.2f ms\n", open_ms[0]);
  qsort(open_ms, 5, sizeof *open_ms, cmp_double);
  printf("open_queue_ms %.2f ms\n", open_ms[2]);
  printf("queue_size %d cards\n", nn + nl + nr);

  /* next card: what the study screen needs (card + note with sources) */
  enum { NEXT = 200 };
  double t0 = now_ms();
  for (int i = 0; i < NEXT; i++) {
    int64_t id;
    StoreCard c;
    StoreNote note;
    if (queue_next(q, end, &id)) die(s, "next");
    if (!id) break;
    if (store_card_get(s, id, &c) || store_note_get(s, c.note, &note))
      die(s, "card");
    store_note_clear(&note);
  }
  printf("next_card_us %.1f us\n", (now_ms() - t0) * 1e3 / NEXT);

  /* answers, each durable (own transaction, synchronous=FULL) */
  enum { ANSWERS = 101 };
  double ans[ANSWERS];
  int done = 0;
  for (int i = 0; i < ANSWERS; i++) {
    int64_t id;
    if (queue_next(q, end + i, &id)) die(s, "next");
    if (!id) break;
    double a0 = now_ms();
    if (queue_answer(q, id, i % 7 ? SCHED_GOOD : SCHED_AGAIN, end + i, 3000,
                     STUDY_FLIP, NULL))
      die(s, "answer");
    ans[done++] = now_ms() - a0;
  }
  qsort(ans, done, sizeof *ans, cmp_double);
  if (done) {
    printf("answer_durable_ms %.2f ms\n", ans[done / 2]);
    printf("answer_durable_p90_ms %.2f ms\n", ans[done * 9 / 10]);
  }
  /* leave the database as it was for the next run */
  for (int i = 0; i < done; i++) {
    int64_t id;
    if (queue_undo(q, &id)) die(s, "undo");
  }
  queue_close(q);
  store_close(s);
  printf("rss_peak_kb %ld kB\n", peak_rss_kb());
  return 0;
}
