/* test_quizgen.c - the quizgen command: bad input gives a clear message
 * and exit status, --jsonl prints well-formed cards, --db creates and
 * updates a deck in place, and a failed run writes nothing. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "error.h"
#include "qgen.h"
#include "store.h"

static char tmpdir[64];

static int setup(void **state) {
  (void)state;
  snprintf(tmpdir, sizeof tmpdir, "/tmp/qd_quizgen_XXXXXX");
  return mkdtemp(tmpdir) ? 0 : -1;
}

static int teardown(void **state) {
  (void)state;
  char cmd[128];
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
  return system(cmd) == 0 ? 0 : -1;
}

/* Runs a shell command; captures stdout and stderr; returns exit status. */
static int run(const char *args, char **out, char **err) {
  char cmd[4096], o[256], e[256];
  snprintf(o, sizeof o, "%s/out", tmpdir);
  snprintf(e, sizeof e, "%s/err", tmpdir);
  snprintf(cmd, sizeof cmd, "%s %s > '%s' 2> '%s'", QUIZGEN_EXE, args, o, e);
  int st = system(cmd);
  const char *paths[2] = {o, e};
  char **dst[2] = {out, err};
  for (int i = 0; i < 2; i++) {
    if (!dst[i]) continue;
    FILE *f = fopen(paths[i], "rb");
    size_t cap = 1 << 16, n = 0;
    char *b = malloc(cap);
    for (size_t r; f && (r = fread(b + n, 1, cap - n - 1, f)) > 0;) {
      n += r;
      if (n + 1 >= cap) b = realloc(b, cap *= 2);
    }
    b[n] = 0;
    if (f) fclose(f);
    *dst[i] = b;
  }
  return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

static void write_file(const char *name, const char *data, size_t n,
                       char *path, size_t cap) {
  snprintf(path, cap, "%s/%s", tmpdir, name);
  FILE *f = fopen(path, "wb");
  assert_non_null(f);
  if (n) assert_int_equal(fwrite(data, 1, n, f), n);
  fclose(f);
}

static void test_usage(void **state) {
  (void)state;
  char *out, *err;
  assert_int_equal(run("", &out, &err), 2);
  assert_non_null(strstr(err, "usage: quizgen"));
  free(out);
  free(err);
  assert_int_equal(run("--bogus x.txt", &out, &err), 2);
  assert_non_null(strstr(err, "unknown option '--bogus'"));
  free(out);
  free(err);
  assert_int_equal(run(QD_CORPUS_DIR " --db x.db", &out, &err), 2);
  free(out);
  free(err);
}

static void test_bad_files(void **state) {
  (void)state;
  char p[256], args[1024], *out, *err;
  write_file("bad.txt", "Fine line.\nbroken \xFF byte\n", 24, p, sizeof p);
  snprintf(args, sizeof args, "'%s' --jsonl", p);
  assert_int_equal(run(args, &out, &err), 1);
  assert_string_equal(out, "");
  assert_non_null(strstr(err, "bad.txt"));
  assert_non_null(strstr(err, "invalid UTF-8 at line 2, byte 8"));
  free(out);
  free(err);

  write_file("empty.txt", "", 0, p, sizeof p);
  snprintf(args, sizeof args, "'%s' --jsonl", p);
  assert_int_equal(run(args, &out, &err), 1);
  assert_non_null(strstr(err, "empty.txt': file is empty"));
  free(out);
  free(err);

  char bin[300];
  for (int i = 0; i < 300; i++) bin[i] = (char)(i % 7);
  write_file("img.png", bin, sizeof bin, p, sizeof p);
  snprintf(args, sizeof args, "'%s' --jsonl", p);
  assert_int_equal(run(args, &out, &err), 1);
  assert_non_null(strstr(err, "img.png': binary file"));
  free(out);
  free(err);

  snprintf(args, sizeof args, "'%s/nope.txt' --jsonl", tmpdir);
  assert_int_equal(run(args, &out, &err), 1);
  assert_non_null(strstr(err, "nope.txt': No such file"));
  free(out);
  free(err);
}

static void test_jsonl_corpus(void **state) {
  (void)state;
  char *out, *err;
  assert_int_equal(run(QD_CORPUS_DIR " --jsonl --quiet", &out, &err), 0);
  int lines = 0, qa = 0, cloze = 0, mcq = 0;
  for (char *l = out; *l;) {
    char *nl = strchr(l, '\n');
    assert_non_null(nl);
    *nl = 0;
    lines++;
    assert_true(!strncmp(l, "{\"kind\":\"", 9));
    qa += !strncmp(l + 9, "qa\"", 3);
    cloze += !strncmp(l + 9, "cloze\"", 6);
    mcq += !strncmp(l + 9, "mcq\"", 4);
    assert_non_null(strstr(l, "\"source\":\""));
    assert_non_null(strstr(l, "\"context\":\""));
    /* page furniture and teaser stories make no cards */
    assert_null(strstr(l, "Carney"));
    assert_null(strstr(l, "Netflix"));
    assert_null(strstr(l, "subscribe"));
    assert_null(strstr(l, "GZERO"));
    l = nl + 1;
  }
  assert_true(lines >= 60);
  assert_true(qa >= 20 && cloze >= 20 && mcq >= 20);
  free(out);
  free(err);
}

static int count_notes(Store *s, int64_t deck) {
  StoreNote *notes = NULL;
  int n = 0;
  assert_int_equal(store_notes_list(s, deck, NULL, 0, 100000, &notes, &n), 0);
  store_notes_free(notes, n);
  return n;
}

static void test_db(void **state) {
  (void)state;
  char db[256], args[1024], p[256], *out, *err;
  snprintf(db, sizeof db, "%s/deck.db", tmpdir);
  snprintf(args, sizeof args, "%s/000_4cad738b966eeb68.txt --db '%s' --deck News",
           QD_CORPUS_DIR, db);
  assert_int_equal(run(args, &out, &err), 0);
  assert_non_null(strstr(err, "added"));
  free(out);
  free(err);
  Store *s = NULL;
  char e[256];
  assert_int_equal(store_open(db, 0, &s, e, sizeof e), 0);
  int64_t deck = 0;
  assert_int_equal(store_deck_find(s, "News", &deck), 0);
  int n1 = count_notes(s, deck);
  assert_true(n1 > 5);
  store_close(s);

  /* the same file again: nothing added */
  assert_int_equal(run(args, &out, &err), 0);
  assert_non_null(strstr(err, " 0 added"));
  free(out);
  free(err);
  assert_int_equal(store_open(db, 0, &s, e, sizeof e), 0);
  assert_int_equal(count_notes(s, deck), n1);
  store_close(s);

  /* a failed run (one bad file among good ones) writes nothing */
  write_file("bad.txt", "x\xC3", 2, p, sizeof p);
  snprintf(args, sizeof args, "%s/001_ff90ef415bd48d50.txt '%s' --db '%s' "
           "--deck Other", QD_CORPUS_DIR, p, db);
  assert_int_equal(run(args, &out, &err), 1);
  assert_non_null(strstr(err, "bad.txt"));
  free(out);
  free(err);
  assert_int_equal(store_open(db, 0, &s, e, sizeof e), 0);
  int64_t other = 0;
  assert_int_equal(store_deck_find(s, "Other", &other), QD_ENOTFOUND);

  /* the library call the app uses, on the built-in corpus */
  const char *paths[] = {QD_CORPUS_DIR "/000_4cad738b966eeb68.txt",
                         QD_CORPUS_DIR "/001_ff90ef415bd48d50.txt"};
  StoreSyncStats st;
  char msg[512];
  assert_int_equal(qgen_import_files(s, "News", paths, 2, &st, msg, sizeof msg), 0);
  assert_true(st.added > 0);
  assert_true(st.unchanged + st.updated > 0);
  int n2 = count_notes(s, deck);
  assert_int_equal(n2, n1 + st.added);
  const char *bad[] = {p};
  assert_true(qgen_import_files(s, "News", bad, 1, &st, msg, sizeof msg) < 0);
  assert_non_null(strstr(msg, "bad.txt"));
  assert_int_equal(count_notes(s, deck), n2);
  store_close(s);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_usage), cmocka_unit_test(test_bad_files),
      cmocka_unit_test(test_jsonl_corpus), cmocka_unit_test(test_db),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}
