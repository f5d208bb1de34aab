/* test_import_fixtures.c - every real-world deck in tests/data/import is
 * imported and compared with MANIFEST.json: note and card counts, cards
 * per deck, and the sample cards (front, back, tags). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "import.h"

static json_t *manifest(void) {
  json_error_t je;
  json_t *m = json_load_file(QD_IMPORT_DATA "/MANIFEST.json", 0, &je);
  if (!m) fail_msg("cannot read MANIFEST.json: %s", je.text);
  return m;
}

static char *path_of(const char *rel) {
  size_t n = strlen(QD_IMPORT_DATA) + strlen(rel) + 2;
  char *p = malloc(n);
  assert_non_null(p);
  snprintf(p, n, "%s/%s", QD_IMPORT_DATA, rel);
  return p;
}

static void print_problems(const ImportResult *r) {
  for (int i = 0; i < r->n_problems; i++)
    print_message("  %s:%d:%d: %s\n", r->problems[i].file, r->problems[i].line,
                  r->problems[i].column, r->problems[i].message);
}

static const StoreNote *find_note(const ImportResult *r, const char *front, const char *back,
                                  const char **deck) {
  for (int i = 0; i < r->n_decks; i++)
    for (int k = 0; k < r->decks[i].n_notes; k++) {
      const StoreNote *n = &r->decks[i].notes[k];
      if (strcmp(n->prompt, front) == 0 && (!back || strcmp(n->answer, back) == 0)) {
        if (deck) *deck = r->decks[i].name;
        return n;
      }
    }
  return NULL;
}

/* tags as the manifest lists them, space-joined */
static void tags_str(json_t *tags, char *out, size_t n) {
  out[0] = '\0';
  size_t i;
  json_t *t;
  json_array_foreach(tags, i, t) {
    if (i) strncat(out, " ", n - strlen(out) - 1);
    strncat(out, json_string_value(t), n - strlen(out) - 1);
  }
}

static void test_apkg(void **state) {
  (void)state;
  json_t *m = manifest();
  size_t i;
  json_t *e;
  int checked = 0;
  json_array_foreach(json_object_get(m, "apkg"), i, e) {
    const char *file = json_string_value(json_object_get(e, "file"));
    json_t *ex = json_object_get(e, "expect");
    char *p = path_of(file);
    ImportResult r;
    assert_int_equal(import_file(p, NULL, &r), 0);
    print_message("%s: %s, %d notes, %d cards\n", file, r.detail, importres_notes(&r),
                  importres_cards(&r));
    if (r.n_errors) print_problems(&r);
    assert_int_equal(r.n_errors, 0);
    assert_int_equal(r.format, IMPORT_FMT_APKG);
    assert_int_equal(r.n_source_notes, (int)json_integer_value(json_object_get(ex, "notes")));
    assert_int_equal(importres_notes(&r), (int)json_integer_value(json_object_get(ex, "notes")));
    assert_int_equal(importres_cards(&r), (int)json_integer_value(json_object_get(ex, "cards")));
    /* cards per deck, and no other deck (no empty "Default") */
    json_t *dwc = json_object_get(ex, "decks_with_cards");
    assert_int_equal(r.n_decks, (int)json_object_size(dwc));
    const char *dname;
    json_t *cnt;
    json_object_foreach(dwc, dname, cnt) {
      int cards = -1;
      for (int d = 0; d < r.n_decks; d++)
        if (strcmp(r.decks[d].name, dname) == 0) {
          cards = 0;
          for (int k = 0; k < r.decks[d].n_notes; k++)
            cards += r.decks[d].notes[k].n_cards > 0 ? r.decks[d].notes[k].n_cards : 1;
        }
      if (cards != (int)json_integer_value(cnt))
        fail_msg("%s: deck '%s' has %d cards, expected %d", file, dname, cards,
                 (int)json_integer_value(cnt));
    }
    size_t k;
    json_t *s;
    json_array_foreach(json_object_get(e, "samples"), k, s) {
      const char *front = json_string_value(json_object_get(s, "front"));
      const char *back = json_string_value(json_object_get(s, "back"));
      const StoreNote *n = find_note(&r, front, NULL, NULL);
      if (!n) fail_msg("%s: no card with front '%s'", file, front);
      assert_string_equal(n->answer, back);
      char tags[512];
      tags_str(json_object_get(s, "tags"), tags, sizeof tags);
      assert_string_equal(n->tags ? n->tags : "", tags);
      assert_non_null(n->guid);
      checked++;
    }
    /* review history dropped must be said */
    json_t *states = json_object_get(ex, "card_states");
    if (json_object_size(states) > 1 || !json_object_get(states, "new")) {
      int said = 0;
      for (int q = 0; q < r.n_problems; q++)
        said |= strstr(r.problems[q].message, "scheduling is not carried over") != NULL;
      assert_true(said);
    }
    importres_free(&r);
    free(p);
  }
  assert_true(checked >= 3);
  json_decref(m);
}

static void test_text(void **state) {
  (void)state;
  json_t *m = manifest();
  size_t i;
  json_t *e;
  json_array_foreach(json_object_get(m, "text"), i, e) {
    const char *file = json_string_value(json_object_get(e, "file"));
    json_t *ex = json_object_get(e, "expect");
    char *p = path_of(file);
    ImportResult r;
    assert_int_equal(import_file(p, NULL, &r), 0);
    print_message("%s: %s, %d notes\n", file, r.detail, importres_notes(&r));
    if (r.n_errors) print_problems(&r);
    assert_int_equal(r.n_errors, 0);
    assert_int_equal(r.format, IMPORT_FMT_DELIMITED);
    assert_int_equal(importres_notes(&r), (int)json_integer_value(json_object_get(ex, "notes")));
    assert_int_equal(importres_cards(&r), (int)json_integer_value(json_object_get(ex, "cards")));
    assert_int_equal(r.n_decks, 1);
    /* the separator found is the manifest's */
    const char *delim = json_string_value(json_object_get(json_object_get(e, "format"), "delimiter"));
    assert_non_null(strstr(r.detail, strcmp(delim, "\t") == 0 ? "tab" : "comma"));
    json_t *header = json_object_get(json_object_get(e, "format"), "header_row");
    size_t k;
    json_t *s;
    json_array_foreach(json_object_get(e, "samples"), k, s) {
      const char *front = json_string_value(json_object_get(s, "front"));
      const char *back = json_string_value(json_object_get(s, "back"));
      int row = (int)json_integer_value(json_object_get(s, "data_row"));
      /* data rows are in file order */
      const StoreNote *n = &r.decks[0].notes[row - 1];
      assert_string_equal(n->prompt, front);
      assert_string_equal(n->answer, back);
      /* every further column is kept: in the explanation, tags or guid */
      json_t *fields = json_object_get(s, "fields");
      size_t f;
      json_t *v;
      json_array_foreach(fields, f, v) {
        const char *val = json_string_value(v);
        if (f < 2 || !*val) continue;
        const char *col = json_is_array(header) ? json_string_value(json_array_get(header, f)) : "";
        if (strcmp(col, "tags") == 0)
          assert_string_equal(n->tags, val);
        else if (strcmp(col, "guid") == 0)
          assert_string_equal(n->guid, val);
        else if (!n->explanation || !strstr(n->explanation, val))
          fail_msg("%s row %d: column %zu '%s' lost (explanation '%s')", file, row, f + 1, val,
                   n->explanation ? n->explanation : "");
      }
    }
    json_t *rq = json_object_get(ex, "row_with_escaped_quotes");
    if (rq) {
      int row = (int)json_integer_value(json_object_get(rq, "data_row"));
      const char *meaning = json_string_value(json_object_get(rq, "meaning"));
      assert_non_null(strstr(r.decks[0].notes[row - 1].explanation, meaning));
    }
    importres_free(&r);
    free(p);
  }
  json_decref(m);
}

/* Fixture files are unchanged copies: their sizes match the manifest. */
static void test_manifest_sizes(void **state) {
  (void)state;
  json_t *m = manifest();
  const char *sections[] = {"apkg", "text"};
  for (int sct = 0; sct < 2; sct++) {
    size_t i;
    json_t *e;
    json_array_foreach(json_object_get(m, sections[sct]), i, e) {
      char *p = path_of(json_string_value(json_object_get(e, "file")));
      FILE *f = fopen(p, "rb");
      assert_non_null(f);
      fseek(f, 0, SEEK_END);
      assert_int_equal(ftell(f), json_integer_value(json_object_get(e, "bytes")));
      fclose(f);
      free(p);
    }
  }
  json_decref(m);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_manifest_sizes),
      cmocka_unit_test(test_apkg),
      cmocka_unit_test(test_text),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
