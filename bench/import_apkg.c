/* import_apkg.c - parse time of the real Anki packages in tests/data/import
 * (legacy and current format), averaged over a few runs.
 * Prints "name value unit" lines; never asserts. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "import.h"

static double now_s(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

int main(void) {
  static const struct {
    const char *name, *file;
  } decks[] = {
      {"import_apkg_schema11_242notes", QD_IMPORT_DATA "/apkg/ap_gov_vocab_anki11.apkg"},
      {"import_apkg_schema18_340notes", QD_IMPORT_DATA "/apkg/example_music_intervals.apkg"},
  };
  enum { RUNS = 10 };
  for (size_t i = 0; i < sizeof decks / sizeof decks[0]; i++) {
    double t0 = now_s();
    int notes = 0;
    for (int k = 0; k < RUNS; k++) {
      ImportResult r;
      if (import_file(decks[i].file, NULL, &r) != 0 || r.n_errors) {
        fprintf(stderr, "bench: cannot import '%s'\n", decks[i].file);
        importres_free(&r);
        return 1;
      }
      notes = importres_notes(&r);
      importres_free(&r);
    }
    double dt = (now_s() - t0) / RUNS;
    printf("%s %.2f ms\n", decks[i].name, dt * 1e3);
    printf("%s_rate %.0f notes/s\n", decks[i].name, notes / dt);
  }
  return 0;
}
