/* app_bench.c - start-up time, peak memory and frame times of the study app.
 *
 *   app_bench QUIZDECK E2E_MKDB WORKDIR [N_NOTES]
 *
 * Makes (once, kept in WORKDIR) a database of N_NOTES notes (100,000 by
 * default: one card each for the profile), then prints
 *   app_cold_start_decks_ms   process start to first frame of the deck list
 *                             and exit (median of 5 runs, wall clock)
 *   app_cold_start_study_ms   the same, opening straight into studying
 *   app_peak_rss_mb           peak RSS of the study run (CJK font loaded)
 *   app_frame_p50_ms / _p99_ms / _max_ms
 *                             a full study screen at 1920x1080 on the
 *                             software renderer, relaid out and redrawn
 *                             every frame (the worst case; the app itself
 *                             only redraws on change)
 *   app_frame_cpu_p50_ms / _p99_ms
 *                             the same frames in CPU time of the thread
 *                             (less sensitive to a busy machine)
 *   app_frame_cached_p50_ms / _p99_ms
 *                             redraw only (layout unchanged)
 * Uses SDL's offscreen video driver; never asserts anything. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "app.h"

#define DECK "Japan\xE2\x80\x93South Korea relations"

static double cpu_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return (double)ts.tv_sec * 1000.0 + (double)ts.tv_nsec / 1e6;
}

static double now_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec * 1000.0 + (double)ts.tv_nsec / 1e6;
}

/* Runs argv, returns wall ms and fills the child's peak RSS (KB). */
static double run(char *const argv[], long *maxrss_kb) {
  struct rusage ru;
  int status = 0;
  double t0 = now_ms();
  pid_t pid = fork();
  if (pid == 0) {
    execv(argv[0], argv);
    _exit(127);
  }
  if (pid < 0 || wait4(pid, &status, 0, &ru) < 0) return -1;
  if (maxrss_kb) *maxrss_kb = ru.ru_maxrss;
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    fprintf(stderr, "app_bench: '%s' failed (status %d)\n", argv[0], status);
    return -1;
  }
  return now_ms() - t0;
}

static int cmp_double(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : x > y;
}

static double pct(double *v, int n, double p) {
  int i = (int)(p * (n - 1) + 0.5);
  qsort(v, (size_t)n, sizeof *v, cmp_double);
  return v[i < n ? i : n - 1];
}

int main(int argc, char **argv) {
  char db[1024], notes[32];
  struct stat st;
  long rss = 0;
  double t[5];
  int n_notes = argc > 4 ? atoi(argv[4]) : 100000;
  if (argc < 4) {
    fprintf(stderr, "usage: app_bench QUIZDECK E2E_MKDB WORKDIR [N_NOTES]\n");
    return 2;
  }
  setenv("SDL_VIDEODRIVER", "offscreen", 1);
  mkdir(argv[3], 0777);
  snprintf(db, sizeof db, "%s/app_bench_%d.db", argv[3], n_notes);
  snprintf(notes, sizeof notes, "%d", n_notes);
  if (stat(db, &st) != 0) {
    char *mk[] = {argv[2], db, notes, NULL};
    fprintf(stderr, "app_bench: making %s (%d notes)...\n", db, n_notes);
    if (run(mk, NULL) < 0) return 1;
  }
  {
    /* first run creates the profile's cards; not timed */
    char *warm[] = {argv[1], "--db", db, "--profile", "bench", "--frames",
                    "1", NULL};
    if (run(warm, NULL) < 0) return 1;
    for (int i = 0; i < 5; i++) t[i] = run(warm, NULL);
    printf("app_cold_start_decks_ms %.1f ms\n", pct(t, 5, 0.5));
  }
  {
    char *study[] = {argv[1], "--db", db, "--profile", "bench", "--deck",
                     DECK, "--frames", "1", NULL};
    for (int i = 0; i < 5; i++) t[i] = run(study, &rss);
    printf("app_cold_start_study_ms %.1f ms\n", pct(t, 5, 0.5));
    printf("app_peak_rss_mb %.1f MB\n", (double)rss / 1024.0);
  }
  {
    AppOptions o;
    App *a = NULL;
    char err[512];
    enum { N = 300 };
    static double ft[N], fc[N], cp[N];
    Action sp;
    memset(&o, 0, sizeof o);
    o.db_path = db;
    o.profile = "bench";
    o.deck = DECK;
    o.mode = STUDY_FLIP;
    o.high_contrast = -1;
    o.width = 1920;
    o.height = 1080;
    o.hidden = 1;
    if (app_open(&o, &a, err, sizeof err) < 0) {
      fprintf(stderr, "%s\n", err);
      return 1;
    }
    memset(&sp, 0, sizeof sp);
    sp.kind = ACT_SPACE; /* reveal: question, answer, source, 4 buttons */
    app_action(a, &sp);
    for (int i = 0; i < N; i++) {
      double t0 = now_ms(), c0 = cpu_ms();
      app_layout(a);
      app_render(a);
      render_present(a->rd);
      ft[i] = now_ms() - t0;
      cp[i] = cpu_ms() - c0;
    }
    for (int i = 0; i < N; i++) {
      double t0 = now_ms();
      app_render(a);
      render_present(a->rd);
      fc[i] = now_ms() - t0;
    }
    printf("app_frame_p50_ms %.2f ms\n", pct(ft, N, 0.5));
    printf("app_frame_p99_ms %.2f ms\n", pct(ft, N, 0.99));
    printf("app_frame_max_ms %.2f ms\n", pct(ft, N, 1.0));
    printf("app_frame_cpu_p50_ms %.2f ms\n", pct(cp, N, 0.5));
    printf("app_frame_cpu_p99_ms %.2f ms\n", pct(cp, N, 0.99));
    printf("app_frame_cached_p50_ms %.2f ms\n", pct(fc, N, 0.5));
    printf("app_frame_cached_p99_ms %.2f ms\n", pct(fc, N, 0.99));
    app_close(a);
  }
  return 0;
}
