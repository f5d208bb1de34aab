/* import_csv.c - end-to-end import speed: a 100,000-card CSV written to a
 * temporary directory, parsed, and committed into a fresh database.
 * Prints "name value unit" lines; never asserts. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "import.h"
#include "store.h"

static double now_s(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

int main(int argc, char **argv) {
  int rows = argc > 1 ? atoi(argv[1]) : 100000;
  char dir[] = "/tmp/qd-bench-import-XXXXXX";
  if (!mkdtemp(dir)) {
    perror("bench: cannot create a temporary directory");
    return 1;
  }
  char csv[128], db[128], err[512];
  snprintf(csv, sizeof csv, "%s/words.csv", dir);
  snprintf(db, sizeof db, "%s/bench.db", dir);
  FILE *f = fopen(csv, "w");
  if (!f) {
    perror("bench: cannot write the CSV");
    return 1;
  }
  fprintf(f, "front,back,tags\n");
  for (int i = 0; i < rows; i++)
    fprintf(f, "word %d,\"meaning %d, with a comma\",\"lesson%d level%d\"\n", i, i * 7,
            i % 50, i % 5);
  fclose(f);

  double t0 = now_s();
  ImportResult r;
  int rc = import_file(csv, NULL, &r);
  double t1 = now_s();
  if (rc || r.n_errors) {
    fprintf(stderr, "bench: import failed (%d, %d problems)\n", rc, r.n_errors);
    return 1;
  }
  Store *s = NULL;
  if (store_open(db, 0, &s, err, sizeof err)) {
    fprintf(stderr, "%s\n", err);
    return 1;
  }
  double t2 = now_s();
  StoreSyncStats st;
  rc = import_commit(s, &r, &st, err, sizeof err);
  double t3 = now_s();
  if (rc) {
    fprintf(stderr, "%s\n", err);
    return 1;
  }
  /* and again: the re-import path (all unchanged) */
  rc = import_commit(s, &r, &st, err, sizeof err);
  double t4 = now_s();
  store_close(s);
  printf("import_csv_rows %d cards\n", importres_notes(&r));
  printf("import_csv_parse %.3f s\n", t1 - t0);
  printf("import_csv_commit %.3f s\n", t3 - t2);
  printf("import_csv_total %.3f s\n", (t1 - t0) + (t3 - t2));
  printf("import_csv_reimport %.3f s\n", t4 - t3);
  printf("import_csv_rate %.0f cards/s\n", importres_notes(&r) / ((t1 - t0) + (t3 - t2)));
  importres_free(&r);
  char cmd[200];
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
  return system(cmd) == 0 ? 0 : 1;
}
