/* test_store.c - the SQLite store: schema, notes, answers, undo, and every
 * bad-input path (not SQLite, corrupt, newer schema, foreign database,
 * read-only, full disk, locked). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "error.h"
#include "store.h"

#define T0 1700000000 /* 2023-11-14 22:13:20 UTC */

static char dir[64];

static void path_of(char *buf, size_t n, const char *name) {
  snprintf(buf, n, "%s/%s", dir, name);
}

static int setup(void **state) {
  (void)state;
  snprintf(dir, sizeof dir, "/tmp/qd_test_store_XXXXXX");
  assert_non_null(mkdtemp(dir));
  return 0;
}

static int teardown(void **state) {
  (void)state;
  char cmd[128];
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
  return system(cmd);
}

static Store *open_ok(const char *name) {
  char p[128], err[256];
  Store *s = NULL;
  path_of(p, sizeof p, name);
  int rc = store_open(p, 0, &s, err, sizeof err);
  if (rc) fail_msg("store_open: %s", err);
  return s;
}

static char *xstrdup(const char *v) {
  char *d = malloc(strlen(v) + 1);
  strcpy(d, v);
  return d;
}

/* A note with every field filled, text from `tag`. */
static void make_note(StoreNote *n, const char *guid, const char *prompt,
                      const char *answer) {
  memset(n, 0, sizeof *n);
  n->guid = xstrdup(guid);
  n->kind = NOTE_MCQ;
  n->type = xstrdup("person");
  n->prompt = xstrdup(prompt);
  n->answer = xstrdup(answer);
  n->n_aliases = 2;
  n->aliases = calloc(2, sizeof(char *));
  n->aliases[0] = xstrdup("Yoon Suk-yeol");
  n->aliases[1] = xstrdup("윤석열");
  n->n_distractors = 3;
  n->distractors = calloc(3, sizeof(char *));
  n->distractors[0] = xstrdup("Moon Jae-in");
  n->distractors[1] = xstrdup("Fumio Kishida");
  n->distractors[2] = xstrdup("'; DROP TABLE notes; --");
  n->n_sources = 1;
  n->sources = calloc(1, sizeof *n->sources);
  n->sources[0].article = xstrdup("Seoul and Tokyo mend ties");
  n->sources[0].sentence = xstrdup("South Korean President Yoon Suk Yeol visited Tokyo.");
  n->tags = xstrdup("korea japan");
  n->score = 0.75;
}

static void test_open_creates_schema(void **state) {
  (void)state;
  Store *s = open_ok("a.db");
  assert_int_equal(store_schema_version(), 1);
  int64_t p1, p2, d1, d2;
  assert_int_equal(store_profile_ensure(s, "alice", &p1), 0);
  assert_int_equal(store_profile_ensure(s, "alice", &p2), 0);
  assert_int_equal(p1, p2);
  assert_int_equal(store_deck_ensure(s, "Diplomacy", &d1), 0);
  assert_int_equal(store_deck_find(s, "Diplomacy", &d2), 0);
  assert_int_equal(d1, d2);
  assert_int_equal(store_deck_find(s, "Nope", &d2), QD_ENOTFOUND);
  assert_non_null(strstr(store_errmsg(s), "Nope"));
  store_close(s);
  /* reopening keeps everything */
  s = open_ok("a.db");
  assert_int_equal(store_deck_find(s, "Diplomacy", &d2), 0);
  assert_int_equal(d1, d2);
  store_close(s);
}

static void test_note_roundtrip_and_sync(void **state) {
  (void)state;
  Store *s = open_ok("b.db");
  int64_t deck, prof;
  assert_int_equal(store_deck_ensure(s, "D", &deck), 0);
  assert_int_equal(store_profile_ensure(s, "p", &prof), 0);
  StoreNote notes[3];
  make_note(&notes[0], "g1", "Who is the president?", "Yoon Suk Yeol");
  make_note(&notes[1], "g2", "Where was the G7 summit held in 2023?", "Hiroshima");
  make_note(&notes[2], "g3", "When was the treaty signed?", "1965");
  StoreSyncStats st;
  assert_int_equal(store_deck_sync(s, deck, notes, 3, 1, &st), 0);
  assert_int_equal(st.added, 3);

  StoreNote *list = NULL;
  int n = 0;
  assert_int_equal(store_notes_list(s, deck, NULL, 0, 0, &list, &n), 0);
  assert_int_equal(n, 3);
  assert_string_equal(list[0].prompt, "Who is the president?");
  assert_int_equal(list[0].n_aliases, 2);
  assert_string_equal(list[0].aliases[1], "윤석열");
  assert_int_equal(list[0].n_distractors, 3);
  assert_string_equal(list[0].distractors[2], "'; DROP TABLE notes; --");
  assert_int_equal(list[0].n_sources, 1);
  assert_string_equal(list[0].sources[0].article, "Seoul and Tokyo mend ties");
  assert_int_equal(list[0].kind, NOTE_MCQ);
  assert_string_equal(list[0].type, "person");
  store_notes_free(list, n);

  /* full-text search, with input that would be FTS syntax */
  assert_int_equal(store_notes_list(s, deck, "hiroshi", 0, 0, &list, &n), 0);
  assert_int_equal(n, 1);
  assert_string_equal(list[0].answer, "Hiroshima");
  store_notes_free(list, n);
  assert_int_equal(store_notes_list(s, deck, "\"AND OR( *", 0, 0, &list, &n), 0);
  assert_int_equal(n, 0);
  store_notes_free(list, n);

  /* answer a card of g1, then re-sync with g1 changed and g3 gone */
  int64_t *ids = NULL;
  int nid = 0;
  assert_int_equal(store_cards_new(s, prof, deck, 10, &ids, &nid), 0);
  assert_int_equal(nid, 3);
  assert_int_equal(store_answer(s, ids[0], SCHED_GOOD, T0, 1500, STUDY_FLIP, NULL), 0);
  int64_t answered = ids[0];
  free(ids);
  free(notes[0].prompt);
  notes[0].prompt = xstrdup("Who is South Korea's president?");
  assert_int_equal(store_deck_sync(s, deck, notes, 2, 1, &st), 0);
  assert_int_equal(st.added, 0);
  assert_int_equal(st.updated, 1);
  assert_int_equal(st.unchanged, 1);
  assert_int_equal(st.removed, 1);
  StoreCard c;
  assert_int_equal(store_card_get(s, answered, &c), 0); /* card kept */
  assert_int_equal(c.sched.reps, 1);                    /* history kept */
  StoreStats stats;
  assert_int_equal(store_stats(s, prof, deck, T0 + 10, &stats), 0);
  assert_int_equal(stats.reviews_today, 1);
  /* re-running the same sync changes nothing */
  assert_int_equal(store_deck_sync(s, deck, notes, 2, 1, &st), 0);
  assert_int_equal(st.unchanged, 2);
  for (int i = 0; i < 3; i++) store_note_clear(&notes[i]);
  store_close(s);
}

static void test_answer_and_undo(void **state) {
  (void)state;
  Store *s = open_ok("c.db");
  int64_t deck, prof;
  assert_int_equal(store_deck_ensure(s, "D", &deck), 0);
  StoreNote note;
  make_note(&note, "g1", "Q", "A");
  note.n_cards = 2;
  assert_int_equal(store_note_put(s, deck, &note, NULL), 0);
  store_note_clear(&note);
  /* a profile created after the notes gets cards for them */
  assert_int_equal(store_profile_ensure(s, "late", &prof), 0);
  int64_t *ids = NULL;
  int n = 0;
  assert_int_equal(store_cards_new(s, prof, deck, 10, &ids, &n), 0);
  assert_int_equal(n, 2);
  int64_t id = ids[0];
  free(ids);

  StoreCard before, after, now;
  assert_int_equal(store_card_get(s, id, &before), 0);
  assert_int_equal(before.sched.state, SCHED_NEW);
  assert_int_equal(store_answer(s, id, SCHED_GOOD, T0, 2000, STUDY_TYPED, &after), 0);
  assert_int_not_equal(after.sched.state, SCHED_NEW);
  assert_int_equal(after.sched.reps, 1);
  assert_true(after.sched.stability > 0);
  assert_int_equal(store_card_get(s, id, &now), 0);
  assert_int_equal(now.sched.reps, 1);
  assert_int_equal(store_answer(s, id, 7, T0, 0, STUDY_FLIP, NULL), QD_EINVAL);

  int64_t undone = 0;
  assert_int_equal(store_undo(s, prof, &undone), 0);
  assert_int_equal(undone, id);
  assert_int_equal(store_card_get(s, id, &now), 0);
  assert_memory_equal(&now.sched, &before.sched, sizeof before.sched);
  assert_int_equal(store_undo(s, prof, &undone), QD_ENOTFOUND);
  StoreStats st;
  assert_int_equal(store_stats(s, prof, deck, T0, &st), 0);
  assert_int_equal(st.reviews_today, 0);
  assert_int_equal(st.cards_by_state[0], 2);
  store_close(s);
}

static void test_deck_management(void **state) {
  (void)state;
  Store *s = open_ok("d.db");
  int64_t a, b, prof;
  assert_int_equal(store_profile_ensure(s, "p", &prof), 0);
  assert_int_equal(store_deck_ensure(s, "A", &a), 0);
  assert_int_equal(store_deck_ensure(s, "B", &b), 0);
  StoreNote n1, n2;
  make_note(&n1, "x", "Q1", "A1");
  make_note(&n2, "y", "Q2", "A2");
  assert_int_equal(store_note_put(s, a, &n1, NULL), 0);
  assert_int_equal(store_note_put(s, b, &n2, NULL), 0);
  assert_int_equal(store_deck_rename(s, a, "B"), QD_EEXIST);
  assert_int_equal(store_deck_rename(s, a, "A2"), 0);
  assert_int_equal(store_deck_merge(s, a, b), 0);
  StoreDeckInfo *d;
  int n;
  assert_int_equal(store_decks_list(s, prof, T0, &d, &n), 0);
  assert_int_equal(n, 1);
  assert_string_equal(d[0].name, "B");
  assert_int_equal(d[0].n_notes, 2);
  assert_int_equal(d[0].n_new, 2);
  store_decks_free(d, n);
  /* merging a note that exists in both is refused, nothing moves */
  assert_int_equal(store_deck_ensure(s, "C", &a), 0);
  assert_int_equal(store_note_put(s, a, &n1, NULL), 0);
  assert_int_equal(store_deck_merge(s, a, b), QD_EEXIST);
  assert_int_equal(store_deck_delete(s, a), 0);
  assert_int_equal(store_deck_find(s, "C", &a), QD_ENOTFOUND);
  store_note_clear(&n1);
  store_note_clear(&n2);
  /* settings round-trip */
  StoreDeckSettings set;
  assert_int_equal(store_deck_settings(s, b, &set), 0);
  assert_int_equal(set.new_per_day, 20);
  assert_int_equal(set.reviews_per_day, 200);
  assert_int_equal(set.sched.n_learn_steps, 2);
  set.new_per_day = 5;
  set.sched.algorithm = SCHED_SM2;
  set.sched.desired_retention = 0.85;
  assert_int_equal(store_deck_set_settings(s, b, &set), 0);
  StoreDeckSettings back;
  assert_int_equal(store_deck_settings(s, b, &back), 0);
  assert_int_equal(back.new_per_day, 5);
  assert_int_equal(back.sched.algorithm, SCHED_SM2);
  assert_true(back.sched.desired_retention > 0.849 && back.sched.desired_retention < 0.851);
  set.sched.desired_retention = 3;
  assert_int_equal(store_deck_set_settings(s, b, &set), QD_EINVAL);
  char *v = NULL;
  assert_int_equal(store_setting_get(s, "ui.scale", &v), QD_ENOTFOUND);
  assert_int_equal(store_setting_set(s, "ui.scale", "1.5"), 0);
  assert_int_equal(store_setting_get(s, "ui.scale", &v), 0);
  assert_string_equal(v, "1.5");
  free(v);
  store_close(s);
}

/* ---- bad input ------------------------------------------------------- */

static void write_file(const char *p, const void *data, size_t n) {
  FILE *f = fopen(p, "wb");
  assert_non_null(f);
  assert_int_equal(fwrite(data, 1, n, f), n);
  fclose(f);
}

static char *read_file(const char *p, size_t *n) {
  FILE *f = fopen(p, "rb");
  assert_non_null(f);
  fseek(f, 0, SEEK_END);
  long len = ftell(f);
  fseek(f, 0, SEEK_SET);
  char *buf = malloc(len ? len : 1);
  assert_int_equal(fread(buf, 1, len, f), (size_t)len);
  fclose(f);
  *n = (size_t)len;
  return buf;
}

/* Opens `p`, expects `code` and a message naming the file, and checks the
 * file's bytes did not change. */
static void expect_open_fails(const char *p, int code, const char *words) {
  size_t n0, n1;
  char *before = read_file(p, &n0);
  char err[512] = "";
  Store *s = NULL;
  int rc = store_open(p, 0, &s, err, sizeof err);
  assert_int_equal(rc, code);
  assert_null(s);
  assert_non_null(strstr(err, p));
  if (words && !strstr(err, words)) fail_msg("message '%s' lacks '%s'", err, words);
  assert_null(strchr(err, '\n'));
  char *after = read_file(p, &n1);
  assert_int_equal(n0, n1);
  assert_memory_equal(before, after, n0);
  free(before);
  free(after);
  char wal[160];
  snprintf(wal, sizeof wal, "%s-wal", p);
  assert_int_not_equal(access(wal, F_OK), 0);
}

static void test_not_sqlite(void **state) {
  (void)state;
  char p[128];
  path_of(p, sizeof p, "notes.txt");
  const char text[] = "these are my notes, not a database\n"
                      "line two of a plain text file that is long enough\n";
  write_file(p, text, sizeof text - 1);
  expect_open_fails(p, QD_ENOTDB, "not a database");
}

/* Builds a valid quizdeck database with one note and returns its bytes. */
static void make_db(const char *name, char *p, size_t n) {
  path_of(p, n, name);
  Store *s = open_ok(name);
  int64_t deck;
  assert_int_equal(store_deck_ensure(s, "D", &deck), 0);
  StoreNote note;
  make_note(&note, "g", "Q", "A");
  assert_int_equal(store_note_put(s, deck, &note, NULL), 0);
  store_note_clear(&note);
  store_close(s); /* checkpoints the WAL into the file */
}

static void patch(const char *p, long off, const void *bytes, size_t n) {
  int fd = open(p, O_WRONLY);
  assert_true(fd >= 0);
  assert_int_equal(pwrite(fd, bytes, n, off), (ssize_t)n);
  close(fd);
}

static void test_newer_schema(void **state) {
  (void)state;
  char p[128];
  make_db("newer.db", p, sizeof p);
  const unsigned char v99[4] = {0, 0, 0, 99}; /* user_version at offset 60 */
  patch(p, 60, v99, 4);
  expect_open_fails(p, QD_ENEWER, "newer version");
}

static void test_foreign_database(void **state) {
  (void)state;
  char p[128];
  make_db("foreign.db", p, sizeof p);
  const unsigned char other[4] = {0x12, 0x34, 0x56, 0x78}; /* application_id */
  const unsigned char v0[4] = {0, 0, 0, 0};
  patch(p, 68, other, 4);
  patch(p, 60, v0, 4);
  expect_open_fails(p, QD_ENOTDB, "another program");
}

static void test_corrupt(void **state) {
  (void)state;
  char p[128];
  make_db("corrupt.db", p, sizeof p);
  /* scribble over the schema page after the 100-byte header */
  char junk[3000];
  memset(junk, 0xA5, sizeof junk);
  patch(p, 100, junk, sizeof junk);
  size_t n0, n1;
  char *before = read_file(p, &n0);
  char err[512] = "";
  Store *s = NULL;
  int rc = store_open(p, 0, &s, err, sizeof err);
  if (rc == 0) {
    /* damage not on the pages opening reads: the first query reports it */
    int64_t deck;
    rc = store_deck_find(s, "D", &deck);
    snprintf(err, sizeof err, "%s", store_errmsg(s));
    store_close(s);
  }
  assert_true(rc == QD_ECORRUPT || rc == QD_ENOTDB);
  assert_non_null(strstr(err, p));
  char *after = read_file(p, &n1);
  assert_int_equal(n0, n1);
  assert_memory_equal(before, after, n0);
  free(before);
  free(after);
}

static void test_directory_and_missing(void **state) {
  (void)state;
  char err[256];
  Store *s = NULL;
  assert_int_equal(store_open(dir, 0, &s, err, sizeof err), QD_EINVAL);
  assert_non_null(strstr(err, "directory"));
  char p[128];
  path_of(p, sizeof p, "missing.db");
  assert_int_equal(store_open(p, STORE_NOCREATE, &s, err, sizeof err), QD_ENOTFOUND);
  assert_int_not_equal(access(p, F_OK), 0);
}

/* Runs fn in a child process (as an unprivileged user when we are root,
 * since root ignores file permissions) and returns its exit status. */
static int in_child(void (*fn)(const char *), const char *arg, int drop) {
  pid_t pid = fork();
  assert_true(pid >= 0);
  if (pid == 0) {
    if (drop && geteuid() == 0) {
      if (setgid(65534) != 0 || setuid(65534) != 0) _exit(77);
    }
    fn(arg);
    _exit(0);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 99;
}

static void child_open_readonly(const char *p) {
  char err[512];
  Store *s = NULL;
  int rc = store_open(p, 0, &s, err, sizeof err);
  if (rc != QD_EREADONLY) _exit(1);
  if (!strstr(err, p) || !strstr(err, "read-only")) _exit(2);
  /* read-only mode still works for looking */
  rc = store_open(p, STORE_READONLY, &s, err, sizeof err);
  if (rc) _exit(3);
  int64_t deck;
  if (store_deck_find(s, "D", &deck)) _exit(4);
  store_close(s);
  _exit(0);
}

static void test_read_only(void **state) {
  (void)state;
  char p[128];
  make_db("ro.db", p, sizeof p);
  /* the folder stays writable (as a user's own folder is): a WAL reader
   * creates its -shm file there */
  chmod(dir, 0777);
  chmod(p, 0444);
  size_t n0, n1;
  char *before = read_file(p, &n0);
  int st = in_child(child_open_readonly, p, 1);
  if (st == 77) skip();
  assert_int_equal(st, 0);
  char *after = read_file(p, &n1);
  assert_int_equal(n0, n1);
  assert_memory_equal(before, after, n0);
  free(before);
  free(after);
  chmod(p, 0644);
  chmod(dir, 0700);
}

static void child_fill_disk(const char *p) {
  Store *s = NULL;
  char err[512];
  if (store_open(p, 0, &s, err, sizeof err)) _exit(10);
  int64_t deck;
  if (store_deck_find(s, "D", &deck)) _exit(11);
  struct stat sb;
  stat(p, &sb);
  signal(SIGXFSZ, SIG_IGN);
  /* the "disk" holds only a few more pages than the file has now; the
   * limit falls inside a page, so the write that reaches it comes up short
   * exactly as on a full disk */
  rlim_t lim = (rlim_t)sb.st_size + 8192 + 1000;
  struct rlimit rl = {lim, lim};
  if (setrlimit(RLIMIT_FSIZE, &rl)) _exit(12);
  /* one big sync that cannot fit */
  enum { N = 400 };
  StoreNote *notes = calloc(N, sizeof *notes);
  for (int i = 0; i < N; i++) {
    char g[32], q[600];
    snprintf(g, sizeof g, "bulk%d", i);
    memset(q, 'x', sizeof q);
    q[sizeof q - 1] = '\0';
    make_note(&notes[i], g, q, "answer");
  }
  int rc = store_deck_sync(s, deck, notes, N, 0, NULL);
  if (rc != QD_EFULL) {
    fprintf(stderr, "got %d: %s\n", rc, store_errmsg(s));
    _exit(13);
  }
  if (!strstr(store_errmsg(s), p) || !strstr(store_errmsg(s), "full")) _exit(14);
  store_notes_free(notes, N);
  store_close(s);
  _exit(0);
}

static void test_disk_full(void **state) {
  (void)state;
  char p[128];
  make_db("full.db", p, sizeof p);
  assert_int_equal(in_child(child_fill_disk, p, 0), 0);
  /* the database is intact and holds exactly what it held before */
  Store *s = open_ok("full.db");
  int64_t deck;
  assert_int_equal(store_deck_find(s, "D", &deck), 0);
  StoreNote *list;
  int n;
  assert_int_equal(store_notes_list(s, deck, NULL, 0, 0, &list, &n), 0);
  assert_int_equal(n, 1);
  store_notes_free(list, n);
  store_close(s);
}

static void test_locked(void **state) {
  (void)state;
  char p[128];
  make_db("locked.db", p, sizeof p);
  Store *a = open_ok("locked.db"), *b = open_ok("locked.db");
  store_set_busy_timeout(b, 100);
  int64_t deck;
  assert_int_equal(store_deck_find(a, "D", &deck), 0);
  assert_int_equal(store_begin(a), 0); /* another program holds the write lock */
  assert_int_equal(store_setting_set(b, "k", "v"), QD_EBUSY);
  assert_non_null(strstr(store_errmsg(b), "locked"));
  store_rollback(a);
  assert_int_equal(store_setting_set(b, "k", "v"), 0);
  store_close(a);
  store_close(b);
}

static void test_default_path(void **state) {
  (void)state;
  char xdg[128];
  path_of(xdg, sizeof xdg, "xdg");
  setenv("XDG_DATA_HOME", xdg, 1);
  char *p = store_default_path();
  assert_non_null(p);
  char want[200];
  snprintf(want, sizeof want, "%s/quizdeck/quizdeck.db", xdg);
  assert_string_equal(p, want);
  free(p);
  unsetenv("XDG_DATA_HOME");
  setenv("HOME", dir, 1);
  p = store_default_path();
  snprintf(want, sizeof want, "%s/.local/share/quizdeck/quizdeck.db", dir);
  assert_string_equal(p, want);
  free(p);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_open_creates_schema),
      cmocka_unit_test(test_note_roundtrip_and_sync),
      cmocka_unit_test(test_answer_and_undo),
      cmocka_unit_test(test_deck_management),
      cmocka_unit_test(test_not_sqlite),
      cmocka_unit_test(test_newer_schema),
      cmocka_unit_test(test_foreign_database),
      cmocka_unit_test(test_corrupt),
      cmocka_unit_test(test_directory_and_missing),
      cmocka_unit_test(test_read_only),
      cmocka_unit_test(test_disk_full),
      cmocka_unit_test(test_locked),
      cmocka_unit_test(test_default_path),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}
