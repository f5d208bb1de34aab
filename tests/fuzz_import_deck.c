/* fuzz_import_deck.c - libFuzzer target for quizdeck deck files: the JSON
 * manifest parser, and (for zip input) the zip reader around it; also the
 * HTML-to-text and cloze helpers on the same bytes. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cloze.h"
#include "deckfile.h"
#include "htmltext.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  ImportResult r;
  importres_init(&r, "fuzz.qdeck", IMPORT_FMT_DECKFILE);
  if (size >= 2 && data[0] == 'P' && data[1] == 'K')
    deckfile_parse_buffer("fuzz.qdeck", data, size, NULL, &r);
  else
    deckfile_parse_json("fuzz.qdeck", (const char *)data, size, NULL, &r);
  importres_free(&r);

  char *text = htmltext_plain((const char *)data, size);
  if (text) {
    int nums[8];
    int k = cloze_numbers(text, nums, 8);
    char *f = NULL, *b = NULL;
    if (cloze_card(text, k ? nums[0] : 0, &f, &b) == 0) {
      free(f);
      free(b);
    }
    char *rn = cloze_renumber(text);
    free(rn);
    free(text);
  }
  htmltext_media((const char *)data, size, NULL, NULL);
  return 0;
}
