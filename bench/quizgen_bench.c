/* quizgen_bench - throughput of the question generator, files to JSONL.
 *
 * Builds inputs of 1, 10 and 100 MB in /tmp by concatenating the built-in
 * corpus articles (form-feed separated; years and figures shifted per copy
 * so that the facts differ), runs the whole pipeline in-process (read,
 * check, strip, split, extract, generate, write JSON Lines to /dev/null)
 * and prints `name value unit` lines.  Also times the built-in corpus and
 * the lexicon load.  The inputs are deleted afterwards.
 *
 *   quizgen_bench [MAX_MB]      (default 100) */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "qgen.h"
#include "qlex.h"

static double now_s(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* CPU time of this process: the machine may be shared, and the bar is
 * throughput per core. */
static double cpu_s(void) {
  struct timespec ts;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static char *slurp(const char *path, size_t *n) {
  FILE *f = fopen(path, "rb");
  if (!f) return NULL;
  fseek(f, 0, SEEK_END);
  long l = ftell(f);
  fseek(f, 0, SEEK_SET);
  char *b = malloc((size_t)l + 1);
  if (b && fread(b, 1, (size_t)l, f) != (size_t)l) {
    free(b);
    b = NULL;
  }
  fclose(f);
  if (b) b[l] = 0;
  *n = (size_t)l;
  return b;
}

/* Writes `mb` megabytes of articles; copy k shifts every 4-digit year by
 * k % 40 and every other number by k % 7. */
static int make_input(const char *path, char **arts, size_t *lens, int na,
                      size_t mb) {
  FILE *f = fopen(path, "wb");
  if (!f) return -1;
  size_t target = mb * 1000 * 1000, done = 0;
  for (int k = 0; done < target; k++) {
    const char *a = arts[k % na];
    size_t n = lens[k % na];
    for (size_t i = 0; i < n;) {
      if (a[i] >= '0' && a[i] <= '9' && (i == 0 || !(a[i - 1] >= '0' && a[i - 1] <= '9'))) {
        size_t j = i;
        while (j < n && a[j] >= '0' && a[j] <= '9') j++;
        long v = strtol(a + i, NULL, 10);
        if (j - i == 4 && v >= 1900 && v <= 2030) v -= k % 40;
        else if (j - i <= 3 && k % 7) v = v + k % 7;
        done += (size_t)fprintf(f, "%ld", v);
        i = j;
        continue;
      }
      fputc(a[i], f);
      done++;
      i++;
    }
    fputs("\n\f\n", f);
    done += 3;
  }
  return fclose(f) == 0 ? 0 : -1;
}

static int run_once(QLex *lx, const char *const *paths, int n, double *secs,
                    double *cpu, int *cards) {
  FILE *out = fopen("/dev/null", "w");
  if (!out) return -1;
  QCard *c = NULL;
  int nc = 0;
  char err[512];
  double t0 = now_s(), c0 = cpu_s();
  int rc = qgen_generate_files(lx, paths, n, NULL, &c, &nc, err, sizeof err);
  if (rc == 0) rc = qgen_write_jsonl(out, c, nc);
  *secs = now_s() - t0;
  *cpu = cpu_s() - c0;
  *cards = nc;
  if (rc < 0) fprintf(stderr, "quizgen_bench: %s\n", err);
  gen_cards_free(c, nc);
  fclose(out);
  return rc;
}

int main(int argc, char **argv) {
  size_t max_mb = argc > 1 ? (size_t)atoi(argv[1]) : 100;
  char *arts[32];
  size_t lens[32];
  char *paths[32];
  int na = 0;
  DIR *d = opendir(QD_CORPUS_DIR);
  if (!d) {
    fprintf(stderr, "quizgen_bench: cannot read '%s'\n", QD_CORPUS_DIR);
    return 1;
  }
  struct dirent *de;
  while ((de = readdir(d)) && na < 32) {
    size_t l = strlen(de->d_name);
    if (l < 5 || strcmp(de->d_name + l - 4, ".txt")) continue;
    paths[na] = malloc(strlen(QD_CORPUS_DIR) + l + 2);
    sprintf(paths[na], "%s/%s", QD_CORPUS_DIR, de->d_name);
    arts[na] = slurp(paths[na], &lens[na]);
    if (arts[na]) na++;
  }
  closedir(d);

  double t0 = cpu_s();
  QLex *lx = NULL;
  if (qlex_open(NULL, &lx) < 0) return 1;
  printf("quizgen_lexicon_load_cpu %.1f ms\n", (cpu_s() - t0) * 1e3);
  /* the city table loads on first use: time one tiny article */
  {
    QCard *c = NULL;
    int n = 0;
    const char *t = "Headline of a tiny article here\n\nThey met at a summit in Seoul.";
    t0 = cpu_s();
    qgen_generate_text(lx, "t", t, strlen(t), NULL, &c, &n);
    printf("quizgen_city_table_load_cpu %.1f ms\n", (cpu_s() - t0) * 1e3);
    gen_cards_free(c, n);
  }

  /* built-in corpus: warm once (city cache), then best of 5 */
  double best = 1e9, best_cpu = 1e9, s, cpu;
  int nc = 0;
  size_t corpus_bytes = 0;
  for (int i = 0; i < na; i++) corpus_bytes += lens[i];
  for (int r = 0; r < 6; r++) {
    if (run_once(lx, (const char *const *)paths, na, &s, &cpu, &nc) < 0) return 1;
    if (r > 0 && s < best) best = s;
    if (r > 0 && cpu < best_cpu) best_cpu = cpu;
  }
  printf("quizgen_corpus_time %.2f ms\n", best * 1e3);
  printf("quizgen_corpus_cpu %.2f ms\n", best_cpu * 1e3);
  printf("quizgen_corpus_bytes %zu bytes\n", corpus_bytes);
  printf("quizgen_corpus_cards %d cards\n", nc);

  static const size_t sizes[] = {1, 10, 100};
  for (int k = 0; k < 3; k++) {
    if (sizes[k] > max_mb) break;
    char path[128];
    snprintf(path, sizeof path, "/tmp/quizgen_bench_%d_%zumb.txt", (int)getpid(),
             sizes[k]);
    if (make_input(path, arts, lens, na, sizes[k]) < 0) {
      fprintf(stderr, "quizgen_bench: cannot write '%s'\n", path);
      return 1;
    }
    const char *p1[] = {path};
    /* best of a few runs: the machine may be shared */
    int reps = sizes[k] >= 100 ? 1 : sizes[k] >= 10 ? 3 : 5;
    double bs = 1e9, bc = 1e9;
    for (int r = 0; r < reps; r++) {
      if (run_once(lx, p1, 1, &s, &cpu, &nc) < 0) {
        remove(path);
        return 1;
      }
      if (s < bs) bs = s;
      if (cpu < bc) bc = cpu;
    }
    s = bs;
    cpu = bc;
    remove(path);
    double mb = (double)sizes[k];
    printf("quizgen_%zumb_wall %.3f s\n", sizes[k], s);
    printf("quizgen_%zumb_cpu %.3f s\n", sizes[k], cpu);
    printf("quizgen_%zumb_throughput_per_core %.1f MB/s\n", sizes[k], mb / cpu);
    printf("quizgen_%zumb_cpu_per_mb %.1f ms/MB\n", sizes[k], cpu * 1e3 / mb);
    printf("quizgen_%zumb_cards %d cards\n", sizes[k], nc);
  }
  qlex_close(lx);
  for (int i = 0; i < na; i++) {
    free(arts[i]);
    free(paths[i]);
  }
  return 0;
}
