/* test_import_store.c - the commit step against a real database: every
 * fixture lands with the manifest's counts, a re-import updates instead of
 * duplicating, and a file with errors writes nothing. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "error.h"
#include "import.h"
#include "store.h"

typedef struct Fx {
  char dir[64];
  char db[128];
  Store *s;
} Fx;

static int setup(void **state) {
  Fx *f = calloc(1, sizeof *f);
  strcpy(f->dir, "/tmp/qd-imps-XXXXXX");
  if (!mkdtemp(f->dir)) return -1;
  snprintf(f->db, sizeof f->db, "%s/q.db", f->dir);
  char err[256];
  if (store_open(f->db, 0, &f->s, err, sizeof err)) {
    print_error("%s\n", err);
    return -1;
  }
  *state = f;
  return 0;
}

static int teardown(void **state) {
  Fx *f = *state;
  store_close(f->s);
  char cmd[200];
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", f->dir);
  if (system(cmd) != 0) return -1;
  free(f);
  return 0;
}

static int deck_notes(Store *s, const char *name, int *cards) {
  int64_t id;
  if (store_deck_find(s, name, &id)) return -1;
  StoreNote *n = NULL;
  int cnt = 0;
  assert_int_equal(store_notes_list(s, id, NULL, 0, 1000000, &n, &cnt), 0);
  if (cards) {
    *cards = 0;
    for (int i = 0; i < cnt; i++) *cards += n[i].n_cards > 0 ? n[i].n_cards : 1;
  }
  store_notes_free(n, cnt);
  return cnt;
}

static void import_ok(Store *s, const char *path, const ImportOptions *o, StoreSyncStats *st) {
  ImportResult r;
  char err[512];
  assert_int_equal(import_file(path, o, &r), 0);
  assert_int_equal(r.n_errors, 0);
  int rc = import_commit(s, &r, st, err, sizeof err);
  if (rc) fail_msg("%s", err);
  importres_free(&r);
}

static void test_fixtures_land(void **state) {
  Fx *f = *state;
  StoreSyncStats st;
  int cards;
  import_ok(f->s, QD_IMPORT_DATA "/apkg/example_music_intervals.apkg", NULL, &st);
  assert_int_equal(st.added, 340);
  assert_int_equal(deck_notes(f->s, "Music Intervals::1/ Easy - major 2nd, 3rd, perfect 5th",
                              &cards), 59);
  assert_int_equal(deck_notes(f->s, "Music Intervals::4/ Chords - 9th, 11th, 13th", &cards),
                   102);
  int64_t id;
  assert_int_equal(store_deck_find(f->s, "Default", &id), QD_ENOTFOUND);

  import_ok(f->s, QD_IMPORT_DATA "/apkg/ap_gov_vocab_anki11.apkg", NULL, &st);
  assert_int_equal(deck_notes(f->s, "Gov Vocab", &cards), 242);
  assert_int_equal(cards, 484);

  import_ok(f->s, QD_IMPORT_DATA "/text/jlpt_n4.csv", NULL, &st);
  assert_int_equal(deck_notes(f->s, "jlpt_n4", NULL), 668);

  /* same files again: nothing added, nothing duplicated */
  import_ok(f->s, QD_IMPORT_DATA "/text/jlpt_n4.csv", NULL, &st);
  assert_int_equal(st.added, 0);
  assert_int_equal(st.unchanged, 668);
  assert_int_equal(deck_notes(f->s, "jlpt_n4", NULL), 668);
  import_ok(f->s, QD_IMPORT_DATA "/apkg/ap_gov_vocab_anki11.apkg", NULL, &st);
  assert_int_equal(st.added, 0);
  assert_int_equal(st.unchanged, 242);
  assert_int_equal(deck_notes(f->s, "Gov Vocab", NULL), 242);

  ImportOptions o = {.deck = "HSK 1"};
  import_ok(f->s, QD_IMPORT_DATA "/text/hsk3_level1.tsv", &o, &st);
  assert_int_equal(deck_notes(f->s, "HSK 1", NULL), 497);
}

static void write_file(const char *path, const char *text) {
  FILE *fp = fopen(path, "wb");
  assert_non_null(fp);
  fputs(text, fp);
  fclose(fp);
}

static void test_reimport_updates(void **state) {
  Fx *f = *state;
  char path[200];
  snprintf(path, sizeof path, "%s/words.csv", f->dir);
  write_file(path, "cat,chat\ndog,chien\n");
  StoreSyncStats st;
  import_ok(f->s, path, NULL, &st);
  assert_int_equal(st.added, 2);
  write_file(path, "cat,chat (m.)\ndog,chien\nbird,oiseau\n");
  import_ok(f->s, path, NULL, &st);
  assert_int_equal(st.added, 1);
  assert_int_equal(st.updated, 1);
  assert_int_equal(st.unchanged, 1);
  int64_t id;
  assert_int_equal(store_deck_find(f->s, "words", &id), 0);
  StoreNote *n = NULL;
  int cnt = 0;
  assert_int_equal(store_notes_list(f->s, id, NULL, 0, 100, &n, &cnt), 0);
  assert_int_equal(cnt, 3);
  assert_string_equal(n[0].prompt, "cat");
  assert_string_equal(n[0].answer, "chat (m.)");
  store_notes_free(n, cnt);
}

static void test_errors_write_nothing(void **state) {
  Fx *f = *state;
  char path[200], err[512];
  snprintf(path, sizeof path, "%s/bad.csv", f->dir);
  write_file(path, "a,b\nc,d\ne,f,g\nh,\"i\n");
  ImportResult r;
  assert_int_equal(import_file(path, NULL, &r), 0);
  assert_int_equal(r.n_errors, 2);
  assert_int_equal(import_commit(f->s, &r, NULL, err, sizeof err), QD_EPARSE);
  assert_non_null(strstr(err, "bad.csv"));
  importres_free(&r);
  int64_t id;
  assert_int_equal(store_deck_find(f->s, "bad", &id), QD_ENOTFOUND);

  /* SQL-like text is data, stored exactly */
  import_ok(f->s, QD_IMPORT_DATA "/crafted/cloze_media.apkg", NULL, NULL);
  assert_int_equal(store_deck_find(f->s, "JLPT N1 Grammar", &id), 0);
  StoreNote *n = NULL;
  int cnt = 0;
  assert_int_equal(store_notes_list(f->s, id, NULL, 0, 100, &n, &cnt), 0);
  int found = 0;
  for (int i = 0; i < cnt; i++)
    if (strcmp(n[i].guid, "sqlInjectn") == 0) {
      assert_string_equal(n[i].prompt, "Robert'); DROP TABLE notes;--");
      found = 1;
    }
  assert_true(found);
  store_notes_free(n, cnt);
  assert_int_equal(deck_notes(f->s, "JLPT N1 Grammar", NULL), 8);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup_teardown(test_fixtures_land, setup, teardown),
      cmocka_unit_test_setup_teardown(test_reimport_updates, setup, teardown),
      cmocka_unit_test_setup_teardown(test_errors_write_nothing, setup, teardown),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
