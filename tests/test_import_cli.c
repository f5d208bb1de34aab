/* test_import_cli.c - the deck commands as a user runs them: quizdeck
 * import / export / rename / merge / delete, with stdin not a terminal. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

typedef struct Fx {
  char dir[64];
  char db[128];
  char out[65536];
} Fx;

static int setup(void **state) {
  Fx *f = calloc(1, sizeof *f);
  strcpy(f->dir, "/tmp/qd-cli-XXXXXX");
  if (!mkdtemp(f->dir)) return -1;
  snprintf(f->db, sizeof f->db, "%s/q.db", f->dir);
  *state = f;
  return 0;
}

static int teardown(void **state) {
  Fx *f = *state;
  char cmd[200];
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", f->dir);
  if (system(cmd) != 0) return -1;
  free(f);
  return 0;
}

/* Runs quizdeck with argv (NULL-terminated), stdin from /dev/null;
 * stdout+stderr go to f->out.  Returns the exit code. */
static int run(Fx *f, const char *const *args) {
  int pipefd[2];
  assert_int_equal(pipe(pipefd), 0);
  pid_t pid = fork();
  assert_true(pid >= 0);
  if (pid == 0) {
    int devnull = open("/dev/null", O_RDONLY);
    dup2(devnull, 0);
    dup2(pipefd[1], 1);
    dup2(pipefd[1], 2);
    close(pipefd[0]);
    const char *argv[32];
    int n = 0;
    argv[n++] = QD_QUIZDECK_BIN;
    for (; *args && n < 31; args++) argv[n++] = *args;
    argv[n] = NULL;
    execv(QD_QUIZDECK_BIN, (char *const *)argv);
    _exit(127);
  }
  close(pipefd[1]);
  size_t len = 0;
  ssize_t got;
  while ((got = read(pipefd[0], f->out + len, sizeof f->out - 1 - len)) > 0) len += (size_t)got;
  f->out[len] = '\0';
  close(pipefd[0]);
  int status;
  waitpid(pid, &status, 0);
  print_message("%s", f->out);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

#define RUN(f, ...) run((f), (const char *const[]){__VA_ARGS__, NULL})

static void has(const Fx *f, const char *text) {
  if (!strstr(f->out, text)) fail_msg("output lacks '%s':\n%s", text, f->out);
}

static void test_import_flow(void **state) {
  Fx *f = *state;
  const char *n5 = QD_IMPORT_DATA "/text/jlpt_n5.csv";
  assert_int_equal(RUN(f, "--db", f->db, "import", n5, "--dry-run"), 0);
  has(f, "718 notes, 718 cards in 1 deck");
  has(f, "first cards:");
  has(f, "1. ああ  ->  ああ");
  has(f, "dry run: nothing written");
  assert_int_equal(access(f->db, F_OK), -1); /* not even created */

  assert_int_equal(RUN(f, "--db", f->db, "import", n5, "--deck", "N5"), 0);
  has(f, "imported: 718 added, 0 updated, 0 unchanged");
  /* global options after the subcommand; the same file again */
  assert_int_equal(RUN(f, "import", n5, "--deck", "N5", "--db", f->db), 0);
  has(f, "imported: 0 added, 0 updated, 718 unchanged");

  char bad[200];
  snprintf(bad, sizeof bad, "%s/bad.csv", f->dir);
  FILE *fp = fopen(bad, "w");
  fputs("a,b,c\nd,e,f\ng,h\n\"i,j,k\n", fp);
  fclose(fp);
  assert_int_equal(RUN(f, "--db", f->db, "import", bad), 1);
  has(f, "bad.csv:3: error: expected 3 fields, found 2");
  has(f, "bad.csv:4: error: a quoted field starting in this row is never closed");
  has(f, "nothing imported: 2 errors");

  assert_int_equal(RUN(f, "--db", f->db, "import", QD_IMPORT_DATA "/crafted/unknown_schema.apkg"),
                   1);
  has(f, "unknown_schema.apkg/collection.anki2: error: unsupported Anki collection schema 99");

  assert_int_equal(RUN(f, "--db", f->db, "import"), 2);
  assert_int_equal(RUN(f, "--db", f->db, "import", n5, "--bogus"), 2);
}

static void test_manage_decks(void **state) {
  Fx *f = *state;
  assert_int_equal(
      RUN(f, "--db", f->db, "import", QD_IMPORT_DATA "/apkg/example_music_intervals.apkg"), 0);
  assert_int_equal(RUN(f, "--db", f->db, "import", QD_IMPORT_DATA "/text/hsk3_level1.tsv"), 0);

  /* rename carries the sub-decks */
  assert_int_equal(RUN(f, "--db", f->db, "rename", "Music Intervals", "Music"), 0);
  has(f, "with 4 sub-decks");
  assert_int_equal(RUN(f, "--db", f->db, "decks"), 0);
  has(f, "Music::1/ Easy");
  assert_true(strstr(f->out, "Music Intervals") == NULL);
  assert_int_equal(RUN(f, "--db", f->db, "rename", "hsk3_level1", "Music::1/ Easy - major 2nd, "
                                                                  "3rd, perfect 5th"),
                   1);
  has(f, "already exists");

  assert_int_equal(RUN(f, "--db", f->db, "merge", "Music::2/ Middle - minor 2nd, perfect 4th, "
                                                  "6th, 7th",
                       "Music::1/ Easy - major 2nd, 3rd, perfect 5th"),
                   0);
  assert_int_equal(RUN(f, "--db", f->db, "decks"), 0);
  assert_true(strstr(f->out, "2/ Middle") == NULL);
  has(f, "141");

  char tsv[200], deck[200];
  snprintf(tsv, sizeof tsv, "%s/hsk.tsv", f->dir);
  snprintf(deck, sizeof deck, "%s/music.qdeck", f->dir);
  assert_int_equal(RUN(f, "--db", f->db, "export", "hsk3_level1", tsv), 0);
  has(f, "exported 497 notes");
  assert_int_equal(RUN(f, "--db", f->db, "export", "Music", deck, "--format", "deck"), 0);
  has(f, "exported 340 notes");
  assert_int_equal(RUN(f, "--db", f->db, "export", "Nope", deck), 1);
  has(f, "no such deck");
  assert_int_equal(RUN(f, "--db", f->db, "export", "Music", deck, "--format", "pdf"), 2);

  /* delete refuses without --yes when nobody can be asked */
  assert_int_equal(RUN(f, "--db", f->db, "delete", "Music"), 1);
  has(f, "without --yes");
  assert_int_equal(RUN(f, "--db", f->db, "decks"), 0);
  has(f, "Music::1/ Easy");
  assert_int_equal(RUN(f, "--db", f->db, "delete", "Music", "--yes"), 0);
  has(f, "and its sub-decks (340 notes)");
  assert_int_equal(RUN(f, "--db", f->db, "decks"), 0);
  assert_true(strstr(f->out, "Music") == NULL);

  /* and back from the exported deck file, into a new name */
  assert_int_equal(RUN(f, "--db", f->db, "import", deck, "--deck", "Intervals"), 0);
  has(f, "imported: 340 added");
  assert_int_equal(RUN(f, "--db", f->db, "import", tsv, "--dry-run"), 0);
  has(f, "497 notes");
}

/* Articles go through the question generator (when this build has it). */
static void test_article(void **state) {
#ifdef QD_TEST_ARTICLE
  Fx *f = *state;
  char txt[200];
  snprintf(txt, sizeof txt, "%s/korea.txt", f->dir);
  char cmd[600];
  snprintf(cmd, sizeof cmd, "cp '%s' '%s'", QD_TEST_ARTICLE, txt);
  assert_int_equal(system(cmd), 0);
  assert_int_equal(RUN(f, "--db", f->db, "import", txt, "--dry-run"), 0);
  has(f, "article for the question generator");
  has(f, "first cards:");
  has(f, "nothing written");
  assert_int_equal(access(f->db, F_OK), -1);
  assert_int_equal(RUN(f, "--db", f->db, "import", txt, "--deck", "News"), 0);
  has(f, "imported: ");
  assert_int_equal(RUN(f, "--db", f->db, "import", txt, "--deck", "News"), 0);
  has(f, " 0 added");
#else
  (void)state;
  skip();
#endif
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup_teardown(test_article, setup, teardown),
      cmocka_unit_test_setup_teardown(test_import_flow, setup, teardown),
      cmocka_unit_test_setup_teardown(test_manage_decks, setup, teardown),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
