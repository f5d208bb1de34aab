/* fuzz_extract.c - libFuzzer target: arbitrary bytes through the whole
 * generator (UTF-8 check, HTML/Markdown stripping, furniture removal,
 * sentence splitting, extraction, card generation, JSON output).  Built
 * only with -DQD_FUZZ=ON (clang). */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qgen.h"
#include "qlex.h"
#include "qtext.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  /* one lexicon for the whole run: loading it per input would be slow */
  static QLex *lx;
  if (!lx && qlex_open(NULL, &lx) < 0) return 0;
  char *buf = malloc(size + 1);
  if (!buf) return 0;
  memcpy(buf, data, size);
  buf[size] = 0;
  int line, col;
  /* the file reader rejects these; the rest of the pipeline sees only
   * valid UTF-8 without NUL bytes */
  if (qtext_check(buf, size, &line, &col) == 0) {
    QCard *cards = NULL;
    int n = 0;
    if (qgen_generate_text(lx, "fuzz.txt", buf, size, NULL, &cards, &n) == 0) {
      FILE *f = fopen("/dev/null", "w");
      if (f) {
        qgen_write_jsonl(f, cards, n);
        fclose(f);
      }
      gen_cards_free(cards, n);
    }
  }
  free(buf);
  return 0;
}
