/* test_import_apkg.c - Anki packages beyond the fixtures: cloze and media
 * handling, and hostile packages (zip bomb, ../ paths, corrupt SQLite,
 * unknown schema, damaged zstd, not a zip) -- each refused with a message
 * naming the file, and nothing written anywhere. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zip.h>

#include "apkg.h"
#include "cloze.h"
#include "htmltext.h"
#include "import.h"
#include "store_anki.h"

typedef struct Tmp {
  char dir[64];
} Tmp;

static int setup(void **state) {
  Tmp *t = calloc(1, sizeof *t);
  strcpy(t->dir, "/tmp/qd-apkg-XXXXXX");
  if (!mkdtemp(t->dir)) return -1;
  *state = t;
  return 0;
}

static int teardown(void **state) {
  Tmp *t = *state;
  DIR *d = opendir(t->dir);
  struct dirent *e;
  char p[512];
  while (d && (e = readdir(d))) {
    if (e->d_name[0] == '.') continue;
    snprintf(p, sizeof p, "%s/%s", t->dir, e->d_name);
    unlink(p);
  }
  if (d) closedir(d);
  rmdir(t->dir);
  free(t);
  return 0;
}

/* Number of entries in the temp dir (to prove nothing was extracted). */
static int dir_entries(const char *dir) {
  DIR *d = opendir(dir);
  int n = 0;
  struct dirent *e;
  while (d && (e = readdir(d)))
    if (e->d_name[0] != '.') n++;
  if (d) closedir(d);
  return n;
}

/* Reads one entry of a fixture package into memory. */
static unsigned char *fixture_entry(const char *apkg, const char *entry, size_t *len) {
  int ze;
  zip_t *za = zip_open(apkg, ZIP_RDONLY, &ze);
  assert_non_null(za);
  zip_stat_t st;
  assert_int_equal(zip_stat(za, entry, 0, &st), 0);
  unsigned char *buf = malloc(st.size);
  zip_file_t *f = zip_fopen(za, entry, 0);
  assert_non_null(f);
  assert_int_equal(zip_fread(f, buf, st.size), (zip_int64_t)st.size);
  zip_fclose(f);
  zip_discard(za);
  *len = st.size;
  return buf;
}

typedef struct Entry {
  const char *name;
  const void *data;
  size_t len;
} Entry;

static void make_zip(const char *path, const Entry *e, int n) {
  int ze;
  zip_t *za = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &ze);
  assert_non_null(za);
  for (int i = 0; i < n; i++) {
    zip_source_t *s = zip_source_buffer(za, e[i].data, e[i].len, 0);
    assert_non_null(s);
    assert_true(zip_file_add(za, e[i].name, s, ZIP_FL_ENC_UTF_8) >= 0);
  }
  assert_int_equal(zip_close(za), 0);
}

static int has_problem(const ImportResult *r, ImportSeverity sev, const char *text) {
  for (int i = 0; i < r->n_problems; i++)
    if (r->problems[i].severity == sev && strstr(r->problems[i].message, text)) return 1;
  return 0;
}

static void show(const ImportResult *r) {
  for (int i = 0; i < r->n_problems; i++)
    print_message("  %s: %s\n", r->problems[i].file, r->problems[i].message);
}

static const StoreNote *by_guid(const ImportResult *r, const char *guid) {
  for (int i = 0; i < r->n_decks; i++)
    for (int k = 0; k < r->decks[i].n_notes; k++)
      if (strcmp(r->decks[i].notes[k].guid, guid) == 0) return &r->decks[i].notes[k];
  return NULL;
}

static void test_cloze_media(void **state) {
  (void)state;
  ImportResult r;
  assert_int_equal(import_file(QD_IMPORT_DATA "/crafted/cloze_media.apkg", NULL, &r), 0);
  show(&r);
  assert_int_equal(r.n_errors, 0);
  const StoreNote *n = by_guid(&r, "clozeMulti1");
  assert_non_null(n);
  assert_int_equal(n->kind, NOTE_CLOZE);
  assert_int_equal(n->n_cards, 2);
  assert_string_equal(n->prompt, "{{c1::Paris}} is the capital of {{c2::France}}");
  assert_string_equal(n->answer, "Paris is the capital of France");
  assert_string_equal(n->explanation, "capital cities");
  assert_string_equal(n->tags, "geo");
  char *f, *b;
  assert_int_equal(cloze_card(n->prompt, 2, &f, &b), 0);
  assert_string_equal(f, "Paris is the capital of ____");
  assert_string_equal(b, "France");
  free(f);
  free(b);
  n = by_guid(&r, "clozeOne001");
  assert_int_equal(n->n_cards, 1);
  assert_string_equal(n->prompt, "Water boils at ____ (number) \xC2\xB0" "C");
  assert_string_equal(n->answer, "100");
  n = by_guid(&r, "basicMedia1");
  assert_string_equal(n->prompt, "Flag of Japan");
  assert_string_equal(n->answer, "Japan");
  /* SQL-like text arrives exactly */
  n = by_guid(&r, "sqlInjectn");
  assert_string_equal(n->prompt, "Robert'); DROP TABLE notes;--");
  assert_string_equal(n->answer, "1 OR 1=1; SELECT * FROM cards");
  /* a picture-only question is reported, not silently dropped */
  assert_null(by_guid(&r, "onlyPicture"));
  assert_true(has_problem(&r, IMPORT_WARNING, "guid onlyPicture"));
  assert_true(has_problem(&r, IMPORT_WARNING, "flag.png, jp.mp3, x.jpg"));
  assert_true(has_problem(&r, IMPORT_WARNING, "suspended"));
  /* templates: type-in answers, furigana/kanji filters, conditionals */
  n = by_guid(&r, "typeAnswer");
  assert_string_equal(n->prompt, "Capital of Peru?");
  assert_string_equal(n->answer, "Lima");
  n = by_guid(&r, "rubyNoNote");
  assert_string_equal(n->prompt, "\xE6\x97\xA5\xE6\x9C\xAC"); /* 日本 */
  assert_non_null(strstr(n->answer, "(no note)"));
  n = by_guid(&r, "rubyNote01");
  assert_non_null(strstr(n->answer, "Chinese characters Note: common"));
  assert_null(strstr(n->answer, "(no note)"));
  assert_int_equal(importres_cards(&r), 9);
  importres_free(&r);

  /* --deck replaces the top level of the hierarchy */
  ImportOptions o = {.deck = "Music"};
  assert_int_equal(import_file(QD_IMPORT_DATA "/apkg/example_music_intervals.apkg", &o, &r), 0);
  assert_int_equal(r.n_decks, 4);
  for (int i = 0; i < r.n_decks; i++) assert_int_equal(strncmp(r.decks[i].name, "Music::", 7), 0);
  importres_free(&r);
}

static void test_cloze_helpers(void **state) {
  (void)state;
  int nums[8];
  assert_int_equal(cloze_numbers("{{c3::a}} {{c1::b::h}} {{c3::c}}", nums, 8), 2);
  assert_int_equal(nums[0], 1);
  assert_int_equal(nums[1], 3);
  char *s = cloze_renumber("{{c3::a}} {{c5::b::h}}");
  assert_string_equal(s, "{{c1::a}} {{c2::b::h}}");
  free(s);
  char *f, *b;
  assert_int_equal(cloze_card("{{c1::outer {{c2::inner}}}} end", 1, &f, &b), 0);
  assert_string_equal(f, "____ end");
  assert_string_equal(b, "outer inner");
  free(f);
  free(b);
  assert_int_equal(cloze_card("{{c1::unclosed", 1, &f, &b), 0);
  assert_string_equal(f, "{{c1::unclosed");
  free(f);
  free(b);
}

static void test_htmltext(void **state) {
  (void)state;
  const struct {
    const char *in, *out;
  } cases[] = {
      {"New Jersey Plan&nbsp;", "New Jersey Plan"},
      {"a<br>b<div>c</div>d", "a b c d"},
      {"<script>alert(1)</script>x<style>p{}</style>y", "xy"},
      {"&lt;tag&gt; &amp; &#233;&#x4E2D; &bogus; &", "<tag> & é中 &bogus; &"},
      {"[sound:a.mp3]word", "word"},
      {"<b>bold</b> <a href='x>y'>link</a>", "bold link"},
      {"x < y and <unclosed", "x < y and <unclosed"},
      {"<!-- hidden -->shown", "shown"},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    char *t = htmltext_plain(cases[i].in, strlen(cases[i].in));
    assert_string_equal(t, cases[i].out);
    free(t);
  }
}

static void test_unicase(void **state) {
  (void)state;
  assert_int_equal(store_anki_unicase_cmp("Deck", 4, "deck", 4), 0);
  assert_int_equal(store_anki_unicase_cmp("\xC3\x89t\xC3\xA9", 5, "\xC3\xA9T\xC3\x89", 5), 0);
  assert_true(store_anki_unicase_cmp("a", 1, "B", 1) < 0);
  assert_true(store_anki_unicase_cmp("ab", 2, "a", 1) > 0);
}

static void test_zip_bomb(void **state) {
  Tmp *t = *state;
  size_t big = (size_t)64 << 20;
  char *zeros = calloc(1, big);
  char path[256];
  snprintf(path, sizeof path, "%s/bomb.apkg", t->dir);
  Entry e[] = {{"collection.anki2", zeros, big}, {"media", "{}", 2}};
  make_zip(path, e, 2);
  free(zeros);
  ImportResult r;
  importres_init(&r, path, IMPORT_FMT_APKG);
  assert_int_equal(apkg_parse_file(path, NULL, (size_t)16 << 20, &r), 0);
  show(&r);
  assert_int_equal(r.n_errors, 1);
  assert_true(has_problem(&r, IMPORT_ERROR, "zip bomb"));
  assert_non_null(strstr(r.problems[0].file, "bomb.apkg/collection.anki2"));
  importres_free(&r);
  assert_int_equal(dir_entries(t->dir), 1);
}

static void test_unsafe_paths(void **state) {
  Tmp *t = *state;
  size_t len;
  unsigned char *col = fixture_entry(QD_IMPORT_DATA "/apkg/JLPT_N1_Grammar.apkg",
                                     "collection.anki2", &len);
  char path[256];
  snprintf(path, sizeof path, "%s/evil.apkg", t->dir);
  static const char media[] = "{\"0\": \"../../../etc/passwd\"}";
  Entry e[] = {{"../../evil.txt", "boom", 4},
               {"/tmp/qd-evil-abs.txt", "boom", 4},
               {"collection.anki2", col, len},
               {"media", media, sizeof media - 1},
               {"0", "x", 1}};
  make_zip(path, e, 5);
  free(col);
  ImportResult r;
  assert_int_equal(import_file(path, NULL, &r), 0);
  show(&r);
  assert_int_equal(r.n_errors, 0);
  assert_int_equal(importres_notes(&r), 1);
  assert_true(has_problem(&r, IMPORT_WARNING, "'../../evil.txt' has an unsafe name"));
  assert_true(has_problem(&r, IMPORT_WARNING, "'/tmp/qd-evil-abs.txt' has an unsafe name"));
  importres_free(&r);
  assert_int_equal(access("/tmp/qd-evil-abs.txt", F_OK), -1);
  assert_int_equal(dir_entries(t->dir), 1);
}

static void test_corrupt_sqlite(void **state) {
  Tmp *t = *state;
  size_t len;
  unsigned char *col = fixture_entry(QD_IMPORT_DATA "/apkg/ap_gov_vocab_anki11.apkg",
                                     "collection.anki2", &len);
  /* scribble over the middle pages, keep the header */
  for (size_t i = 8192; i < len - 8192; i += 7) col[i] ^= 0x5A;
  char path[256];
  snprintf(path, sizeof path, "%s/corrupt.apkg", t->dir);
  Entry e[] = {{"collection.anki2", col, len}, {"media", "{}", 2}};
  make_zip(path, e, 2);
  ImportResult r;
  assert_int_equal(import_file(path, NULL, &r), 0);
  show(&r);
  assert_true(r.n_errors >= 1);
  assert_int_equal(importres_notes(&r), 0);
  assert_non_null(strstr(r.problems[0].file, "corrupt.apkg/collection.anki2"));
  importres_free(&r);

  /* a truncated database */
  Entry e2[] = {{"collection.anki2", col, 5000}};
  make_zip(path, e2, 1);
  assert_int_equal(import_file(path, NULL, &r), 0);
  show(&r);
  assert_int_equal(r.n_errors, 1);
  importres_free(&r);

  /* not SQLite at all */
  Entry e3[] = {{"collection.anki2", "hello, this is text", 19}};
  make_zip(path, e3, 1);
  assert_int_equal(import_file(path, NULL, &r), 0);
  assert_true(has_problem(&r, IMPORT_ERROR, "not a database"));
  importres_free(&r);
  free(col);
}

static void test_unknown_schema(void **state) {
  (void)state;
  ImportResult r;
  /* a bare collection file (no zip around it) imports too */
  assert_int_equal(import_file(QD_IMPORT_DATA "/seed/apkg/min.anki2", NULL, &r), 0);
  assert_int_equal(r.n_errors, 0);
  assert_int_equal(r.format, IMPORT_FMT_APKG);
  assert_int_equal(importres_notes(&r), 1);
  importres_free(&r);
  assert_int_equal(import_file(QD_IMPORT_DATA "/crafted/unknown_schema.apkg", NULL, &r), 0);
  assert_int_equal(r.n_errors, 1);
  assert_true(has_problem(&r, IMPORT_ERROR, "unsupported Anki collection schema 99"));
  importres_free(&r);
  assert_int_equal(import_file(QD_IMPORT_DATA "/crafted/not_anki.apkg", NULL, &r), 0);
  assert_true(has_problem(&r, IMPORT_ERROR, "not an Anki collection"));
  importres_free(&r);
}

static void test_damaged_zstd_and_zip(void **state) {
  Tmp *t = *state;
  size_t mlen, clen, plen;
  const char *music = QD_IMPORT_DATA "/apkg/example_music_intervals.apkg";
  unsigned char *meta = fixture_entry(music, "meta", &mlen);
  unsigned char *col = fixture_entry(music, "collection.anki21b", &clen);
  unsigned char *ph = fixture_entry(music, "collection.anki2", &plen);
  char path[256];
  snprintf(path, sizeof path, "%s/zstd.apkg", t->dir);
  Entry e[] = {{"meta", meta, mlen}, {"collection.anki21b", col, clen / 2},
               {"collection.anki2", ph, plen}};
  make_zip(path, e, 3);
  ImportResult r;
  assert_int_equal(import_file(path, NULL, &r), 0);
  show(&r);
  assert_int_equal(r.n_errors, 1);
  assert_true(has_problem(&r, IMPORT_ERROR, "zstd data"));
  importres_free(&r);

  /* the current format without its real collection: the placeholder is refused */
  Entry e2[] = {{"meta", meta, mlen}, {"collection.anki2", ph, plen}};
  make_zip(path, e2, 2);
  assert_int_equal(import_file(path, NULL, &r), 0);
  assert_true(has_problem(&r, IMPORT_ERROR, "collection.anki21b but it is missing"));
  importres_free(&r);
  Entry e3[] = {{"collection.anki2", ph, plen}};
  make_zip(path, e3, 1);
  assert_int_equal(import_file(path, NULL, &r), 0);
  assert_true(has_problem(&r, IMPORT_ERROR, "placeholder"));
  importres_free(&r);
  free(meta);
  free(col);
  free(ph);

  /* random bytes called .apkg; a zip cut in half */
  snprintf(path, sizeof path, "%s/junk.apkg", t->dir);
  FILE *f = fopen(path, "wb");
  fputs("PK\x03\x04 this is not really a zip file at all", f);
  fclose(f);
  assert_int_equal(import_file(path, NULL, &r), 0);
  assert_true(has_problem(&r, IMPORT_ERROR, "not a readable zip file"));
  importres_free(&r);
  unlink(path);

  size_t n;
  FILE *src = fopen(music, "rb");
  unsigned char *buf = malloc(100000);
  n = fread(buf, 1, 100000, src);
  fclose(src);
  ImportResult rb;
  importres_init(&rb, "half.apkg", IMPORT_FMT_APKG);
  assert_int_equal(apkg_parse_buffer("half.apkg", buf, n / 2, NULL, 0, &rb), 0);
  assert_int_equal(rb.n_errors, 1);
  importres_free(&rb);
  free(buf);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_cloze_media),
      cmocka_unit_test(test_cloze_helpers),
      cmocka_unit_test(test_htmltext),
      cmocka_unit_test(test_unicase),
      cmocka_unit_test_setup_teardown(test_zip_bomb, setup, teardown),
      cmocka_unit_test_setup_teardown(test_unsafe_paths, setup, teardown),
      cmocka_unit_test_setup_teardown(test_corrupt_sqlite, setup, teardown),
      cmocka_unit_test(test_unknown_schema),
      cmocka_unit_test_setup_teardown(test_damaged_zstd_and_zip, setup, teardown),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
