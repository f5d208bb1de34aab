/* fuzz_import_csv.c - libFuzzer target for delimited text and Kahoot
 * sheets (csvimp_parse): any bytes must give problems, never a crash. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "csvimp.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  ImportResult r;
  ImportOptions o;
  memset(&o, 0, sizeof o);
  /* the first byte picks user column choices now and then */
  if (size > 0 && data[0] == 'F') {
    o.front_column = 2;
    o.back_column = 1;
  }
  importres_init(&r, "fuzz.csv", IMPORT_FMT_UNKNOWN);
  if (csvimp_parse("fuzz.csv", (const char *)data, size, &o, &r) == 0 && r.n_errors == 0) {
    /* every note that came out is complete */
    for (int i = 0; i < r.n_decks; i++)
      for (int k = 0; k < r.decks[i].n_notes; k++) {
        const StoreNote *n = &r.decks[i].notes[k];
        if (!n->guid || !n->prompt || !n->answer) abort();
      }
  }
  importres_free(&r);
  return 0;
}
