/* fuzz_import_apkg.c - libFuzzer target for Anki packages: the bytes are
 * tried as a zip package (apkg_parse_buffer) and as a bare collection
 * database (apkg_parse_collection, which reaches the SQLite reader, the
 * JSON/protobuf note types and the template renderer). */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "apkg.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  ImportResult r;
  importres_init(&r, "fuzz.apkg", IMPORT_FMT_APKG);
  apkg_parse_buffer("fuzz.apkg", data, size, NULL, (size_t)8 << 20, &r);
  importres_free(&r);
  if (size >= 16 && memcmp(data, "SQLite format 3", 16) == 0) {
    importres_init(&r, "fuzz.anki2", IMPORT_FMT_APKG);
    apkg_parse_collection("fuzz.anki2", data, size, NULL, &r);
    importres_free(&r);
  }
  return 0;
}
