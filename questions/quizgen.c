/* quizgen - generate quiz cards from news articles.
 *
 *   quizgen FILE|DIR... --jsonl              one card per line on stdout
 *   quizgen FILE|DIR... --db PATH --deck NAME  create or update a deck
 *
 * A directory stands for the .txt/.md/.html files in it (sorted). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "error.h"
#include "qgen.h"
#include "qlex.h"

#define PROGRESS_MIN_BYTES ((size_t)2 * 1024 * 1024)

static void usage(FILE *f) {
  fprintf(f,
          "usage: quizgen FILE|DIR... --jsonl\n"
          "       quizgen FILE|DIR... --db PATH --deck NAME\n"
          "options:\n"
          "  --jsonl          print one card per line as JSON\n"
          "  -o, --output F   with --jsonl: write to F instead of stdout\n"
          "  --db PATH        store the cards in this quizdeck database\n"
          "  --deck NAME      deck to create or update (with --db)\n"
          "  --min-score X    drop cards scored below X (default %.2f)\n"
          "  --seed N         seed for distractor order\n"
          "  --quiet          no warnings or progress on stderr\n"
          "Input: UTF-8 text, Markdown or simple HTML articles; several\n"
          "articles in one file may be separated by a form feed line.\n",
          GEN_MIN_SCORE);
}

typedef struct Progress {
  int on;
  double t0;
} Progress;

static double now_s(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static void progress_cb(void *ctx, size_t done, size_t total) {
  Progress *p = ctx;
  if (!p->on || total == 0) return;
  int width = 30;
  double frac = (double)done / (double)total;
  if (frac > 1) frac = 1;
  int fill = (int)(frac * width);
  double el = now_s() - p->t0;
  fprintf(stderr, "\rquizgen: [%.*s%*s] %3d%% %6.1f MB %5.1f s",
          fill, "##############################", width - fill, "",
          (int)(frac * 100), done / 1e6, el);
  if (done >= total) fputc('\n', stderr);
  fflush(stderr);
}

/* Appends a path as given; directories are expanded by the library. */
static int add_path(char ***list, int *n, int *cap, const char *path) {
  if (*n == *cap) {
    *cap = *cap ? *cap * 2 : 16;
    char **nv = realloc(*list, (size_t)*cap * sizeof *nv);
    if (!nv) return -1;
    *list = nv;
  }
  (*list)[*n] = strdup(path);
  if (!(*list)[*n]) return -1;
  (*n)++;
  return 0;
}

int main(int argc, char **argv) {
  char **files = NULL;
  int nf = 0, cf = 0;
  const char *db = NULL, *deck = NULL, *out_path = NULL;
  FILE *out = stdout;
  int jsonl = 0, quiet = 0, status = 1;
  QgenOptions opt = {0};
  QLex *lx = NULL;
  QCard *cards = NULL;
  int n = 0;
  Progress prog = {0, 0};
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    if (!strcmp(a, "--jsonl")) {
      jsonl = 1;
    } else if (!strcmp(a, "--db") && i + 1 < argc) {
      db = argv[++i];
    } else if (!strcmp(a, "--deck") && i + 1 < argc) {
      deck = argv[++i];
    } else if (!strcmp(a, "--min-score") && i + 1 < argc) {
      opt.min_score = atof(argv[++i]);
    } else if (!strcmp(a, "--seed") && i + 1 < argc) {
      opt.seed = strtoull(argv[++i], NULL, 10);
    } else if ((!strcmp(a, "-o") || !strcmp(a, "--output")) && i + 1 < argc) {
      out_path = argv[++i];
    } else if (!strcmp(a, "--quiet")) {
      quiet = 1;
    } else if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
      usage(stdout);
      status = 0;
      goto done;
    } else if (a[0] == '-' && a[1] == '-') {
      fprintf(stderr, "quizgen: unknown option '%s'\n", a);
      usage(stderr);
      status = 2;
      goto done;
    } else if (add_path(&files, &nf, &cf, a) < 0) {
      goto done;
    }
  }
  if (nf == 0 || (!jsonl && !db) || (db && !deck) || (deck && !db)) {
    if (nf == 0) fprintf(stderr, "quizgen: no input files\n");
    else if (!jsonl && !db) fprintf(stderr, "quizgen: say --jsonl or --db PATH --deck NAME\n");
    else fprintf(stderr, "quizgen: --db and --deck go together\n");
    usage(stderr);
    status = 2;
    goto done;
  }
  if (qlex_open(NULL, &lx) < 0) {
    fprintf(stderr, "quizgen: out of memory\n");
    goto done;
  }
  if (!quiet && *qlex_warnings(lx)) fputs(qlex_warnings(lx), stderr);
  /* progress bar for large inputs on a terminal */
  size_t total = 0;
  {
    char **ex = NULL;
    int nex = 0;
    char e2[512];
    if (qgen_expand_paths((const char *const *)files, nf, &ex, &nex, e2,
                          sizeof e2) == 0) {
      for (int i = 0; i < nex; i++) {
        struct stat st;
        if (stat(ex[i], &st) == 0) total += (size_t)st.st_size;
        free(ex[i]);
      }
      free(ex);
    }
  }
  if (!quiet && isatty(2) && total >= PROGRESS_MIN_BYTES) {
    prog.on = 1;
    prog.t0 = now_s();
    opt.progress = progress_cb;
    opt.progress_ctx = &prog;
  }
  char err[1024];
  if (jsonl || !db) {
    int rc = qgen_generate_files(lx, (const char *const *)files, nf, &opt,
                                 &cards, &n, err, sizeof err);
    if (rc < 0) {
      if (prog.on) fputc('\n', stderr);
      fprintf(stderr, "%s\n", err);
      goto done;
    }
    if (out_path) {
      /* write next to the target, then rename: no half-written file */
      size_t l = strlen(out_path) + 8;
      char *tmp = malloc(l);
      if (!tmp) goto done;
      snprintf(tmp, l, "%s.tmp", out_path);
      out = fopen(tmp, "wb");
      if (!out) {
        fprintf(stderr, "quizgen: cannot write '%s': %s\n", tmp, strerror(errno));
        free(tmp);
        out = stdout;
        goto done;
      }
      int wrc = qgen_write_jsonl(out, cards, n);
      if (fclose(out) != 0) wrc = -1;
      out = stdout;
      if (wrc < 0 || rename(tmp, out_path) != 0) {
        fprintf(stderr, "quizgen: cannot write '%s': %s\n", out_path,
                strerror(errno));
        remove(tmp);
        free(tmp);
        goto done;
      }
      free(tmp);
    } else if (qgen_write_jsonl(stdout, cards, n) < 0) {
      fprintf(stderr, "quizgen: cannot write output: %s\n", strerror(errno));
      goto done;
    }
  }
  if (db) {
    Store *s = NULL;
    if (store_open(db, 0, &s, err, sizeof err) < 0) {
      fprintf(stderr, "%s\n", err);
      goto done;
    }
    StoreSyncStats st;
    int rc = qgen_import_files(s, deck, (const char *const *)files, nf, &st,
                               err, sizeof err);
    store_close(s);
    if (rc < 0) {
      fprintf(stderr, "%s\n", err);
      goto done;
    }
    if (!quiet)
      fprintf(stderr,
              "quizgen: deck '%s': %d added, %d updated, %d unchanged\n",
              deck, st.added, st.updated, st.unchanged);
  }
  status = 0;
done:
  gen_cards_free(cards, n);
  qlex_close(lx);
  for (int i = 0; i < nf; i++) free(files[i]);
  free(files);
  return status;
}
