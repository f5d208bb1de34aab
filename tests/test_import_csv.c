/* test_import_csv.c - delimited text and Kahoot sheets (csvimp), from
 * memory: separator detection, Anki header lines, quoting, header rows,
 * guids, and every kind of bad input with its line and column. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "csvimp.h"
#include "import.h"

static ImportResult *parse_opts(const char *name, const char *text, size_t len,
                                const ImportOptions *o) {
  ImportResult *r = malloc(sizeof *r);
  assert_non_null(r);
  importres_init(r, name, IMPORT_FMT_UNKNOWN);
  assert_int_equal(csvimp_parse(name, text, len, o, r), 0);
  return r;
}

static ImportResult *parse(const char *name, const char *text) {
  return parse_opts(name, text, strlen(text), NULL);
}

static void done(ImportResult *r) {
  importres_free(r);
  free(r);
}

static const StoreNote *note(const ImportResult *r, int i) {
  assert_true(r->n_decks >= 1);
  assert_true(i < r->decks[0].n_notes);
  return &r->decks[0].notes[i];
}

/* The problem at index i has this severity, line, column and text. */
static void problem(const ImportResult *r, int i, ImportSeverity sev, int line, int col,
                    const char *text) {
  if (i >= r->n_problems) fail_msg("expected a problem #%d about '%s'", i, text);
  const ImportProblem *p = &r->problems[i];
  if (p->severity != sev || p->line != line || (col >= 0 && p->column != col) ||
      !strstr(p->message, text))
    fail_msg("problem #%d is %s:%d:%d '%s', expected %d:%d '%s'", i, p->file, p->line,
             p->column, p->message, line, col, text);
  assert_non_null(p->file);
}

static void test_separator_beats_first_char(void **state) {
  (void)state;
  /* Anki would pick ':' (first of its candidates seen); the columns say ',' */
  ImportResult *r = parse("times.csv", "Meeting,9:00\nLunch,12:30\nTrain,17:45\n");
  assert_int_equal(r->n_errors, 0);
  assert_int_equal(importres_notes(r), 3);
  assert_string_equal(note(r, 0)->prompt, "Meeting");
  assert_string_equal(note(r, 0)->answer, "9:00");
  assert_non_null(strstr(r->detail, "comma"));
  done(r);

  const struct {
    const char *text, *sep, *front, *back;
  } cases[] = {
      {"chat;cat, feline\nchien;dog\n", "semicolon", "chat", "cat, feline"},
      {"a|b: c\nd|e\n", "pipe", "a", "b: c"},
      {"爱\tlove, like | fond\n八\teight, 8\n", "tab", "爱", "love, like | fond"},
      {"one:uno\ntwo:dos\n", "colon", "one", "uno"},
      {"q,\"a; b; c\"\nr,\"d; e\"\n", "comma", "q", "a; b; c"},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    r = parse("x.txt", cases[i].text);
    assert_int_equal(r->n_errors, 0);
    assert_non_null(strstr(r->detail, cases[i].sep));
    assert_string_equal(note(r, 0)->prompt, cases[i].front);
    assert_string_equal(note(r, 0)->answer, cases[i].back);
    done(r);
  }
}

static void test_anki_headers(void **state) {
  (void)state;
  const char *t =
      "#separator:Semicolon\n#html:true\n#deck:Biology::Cells\n#tags:bio exam\n"
      "#columns:Front;Back;Tags\n"
      "\"<b>Mitochondria</b>&nbsp;\";powerhouse<br>of the cell;organelle\n"
      "\"Ribosome; small\";\"makes\nproteins\";\n";
  ImportResult *r = parse("cells.txt", t);
  assert_int_equal(r->n_errors, 0);
  assert_int_equal(r->n_decks, 1);
  assert_string_equal(r->decks[0].name, "Biology::Cells");
  assert_int_equal(importres_notes(r), 2);
  assert_string_equal(note(r, 0)->prompt, "Mitochondria");
  assert_string_equal(note(r, 0)->answer, "powerhouse of the cell");
  assert_string_equal(note(r, 0)->tags, "organelle bio exam");
  assert_string_equal(note(r, 1)->prompt, "Ribosome; small");
  assert_string_equal(note(r, 1)->answer, "makes proteins");
  assert_string_equal(note(r, 1)->tags, "bio exam");
  done(r);

  /* without #html:true text is kept exactly, markup included */
  r = parse("raw.tsv", "#separator:tab\n<b>x</b> &amp; y\t a  b \n");
  assert_string_equal(note(r, 0)->prompt, "<b>x</b> &amp; y");
  done(r);

  /* guid and deck columns */
  r = parse("g.tsv", "#separator:tab\n#guid column:3\n#deck column:4\n"
                     "front\tback\tG1\tD1\nfront2\tback2\tG2\tD2\n");
  assert_int_equal(r->n_errors, 0);
  assert_int_equal(r->n_decks, 2);
  assert_string_equal(r->decks[0].name, "D1");
  assert_string_equal(r->decks[0].notes[0].guid, "G1");
  assert_string_equal(r->decks[1].notes[0].guid, "G2");
  done(r);

  /* Anki's Cloze note type: Text and Back Extra */
  r = parse("cz.txt", "#separator:tab\n#notetype:Cloze\n"
                      "{{c1::Paris}} is in {{c2::France}}\tcapitals\n{{c1::Rome}} is old\t\n");
  assert_int_equal(r->n_errors, 0);
  assert_int_equal(importres_cards(r), 3);
  assert_int_equal(note(r, 0)->kind, NOTE_CLOZE);
  assert_int_equal(note(r, 0)->n_cards, 2);
  assert_string_equal(note(r, 0)->explanation, "capitals");
  assert_string_equal(note(r, 1)->prompt, "____ is old");
  assert_string_equal(note(r, 1)->answer, "Rome");
  done(r);

  r = parse("bad.txt", "#separator:banana\na,b\n");
  problem(r, 0, IMPORT_ERROR, 1, -1, "unknown separator 'banana'");
  done(r);
}

static void test_quoting(void **state) {
  (void)state;
  const char *t = "\xEF\xBB\xBF" "front,back\r\n"
                  "\"a, b\",\"say \"\"hi\"\"\"\r\n"
                  "\"multi\r\nline\",x\r\n"
                  "plain,last";
  ImportResult *r = parse("q.csv", t);
  assert_int_equal(r->n_errors, 0);
  assert_int_equal(importres_notes(r), 3); /* header row skipped */
  assert_string_equal(note(r, 0)->prompt, "a, b");
  assert_string_equal(note(r, 0)->answer, "say \"hi\"");
  assert_string_equal(note(r, 1)->prompt, "multi\r\nline");
  assert_string_equal(note(r, 2)->answer, "last");
  done(r);

  /* a tab file with inch marks inside words: quotes are plain text there */
  r = parse("in.tsv", "screen\t15\" wide\nbox\t2\" tall\n");
  assert_int_equal(r->n_errors, 0);
  assert_string_equal(note(r, 0)->answer, "15\" wide");
  done(r);
}

static void test_header_row_and_columns(void **state) {
  (void)state;
  ImportResult *r = parse("w.csv", "Term,Definition,Tags,Example\nchat,cat,fr noun,le chat dort\n");
  assert_int_equal(importres_notes(r), 1);
  assert_string_equal(note(r, 0)->prompt, "chat");
  assert_string_equal(note(r, 0)->answer, "cat");
  assert_string_equal(note(r, 0)->tags, "fr noun");
  assert_string_equal(note(r, 0)->explanation, "Example: le chat dort");
  done(r);

  r = parse("de.csv", "German,French\nHund,chien\nKatze,chat\n");
  assert_int_equal(importres_notes(r), 2);
  assert_string_equal(note(r, 0)->prompt, "Hund");
  done(r);

  /* data that merely looks short is not a header */
  r = parse("caps.csv", "Paris,France\nRome,Italy\n");
  assert_int_equal(importres_notes(r), 2);
  done(r);

  /* the user picks the columns */
  ImportOptions o = {.front_column = 3, .back_column = 1};
  const char *t = "a,b,c\nd,e,f\n";
  r = parse_opts("pick.csv", t, strlen(t), &o);
  assert_string_equal(note(r, 0)->prompt, "c");
  assert_string_equal(note(r, 0)->answer, "a");
  assert_string_equal(note(r, 0)->explanation, "b");
  done(r);

  ImportOptions bad = {.front_column = 9};
  r = parse_opts("pick.csv", t, strlen(t), &bad);
  problem(r, 0, IMPORT_ERROR, 0, 0, "column 9 does not exist");
  done(r);

  /* --deck wins over the file name */
  ImportOptions d = {.deck = "French"};
  r = parse_opts("pick.csv", t, strlen(t), &d);
  assert_string_equal(r->decks[0].name, "French");
  done(r);
  r = parse("dir/pick.csv", t);
  assert_string_equal(r->decks[0].name, "pick");
  done(r);
}

static void test_guids(void **state) {
  (void)state;
  ImportResult *a = parse("a.csv", "cat,chat\ndog,chien\ncat,félin\n");
  ImportResult *b = parse("b.csv", "dog,perro\ncat,gato\n");
  /* same front, same guid: a re-import updates instead of duplicating */
  assert_string_equal(note(a, 1)->guid, note(b, 0)->guid);
  assert_string_equal(note(a, 0)->guid, note(b, 1)->guid);
  /* a repeated front in one file stays a separate card, with a warning */
  assert_string_not_equal(note(a, 0)->guid, note(a, 2)->guid);
  assert_int_equal(a->n_errors, 0);
  problem(a, 0, IMPORT_WARNING, 3, 0, "same front as line 1");
  done(a);
  done(b);
}

static void test_kahoot(void **state) {
  (void)state;
  const char *t =
      ",Quiz template,,,,,,\n"
      ",Add questions,,,,,,\n"
      ",Question - max 120 characters,Answer 1 - max 75 characters,Answer 2 - max 75 "
      "characters,Answer 3 - max 75 characters,Answer 4 - max 75 characters,\"Time limit (sec) "
      "- 5, 10, 20, 30, 60, 90, 120, or 240 secs\",Correct answer(s) - choose at least one\n"
      "1,Capital of France?,Paris,Lyon,Nice,Metz,20,1\n"
      "2,Even numbers?,1,2,3,4,30,\"2,4\"\n"
      "3,True or false: the Moon is a planet,True,False,,,10,2\n"
      ",,,,,,,\n"
      "4,Broken,x,y,,,20,3\n"
      "5,Slow,x,y,,,forever,1\n";
  ImportResult *r = parse("quiz.csv", t);
  assert_int_equal(r->format, IMPORT_FMT_KAHOOT);
  assert_int_equal(importres_notes(r), 3);
  const StoreNote *n = note(r, 0);
  assert_int_equal(n->kind, NOTE_MCQ);
  assert_string_equal(n->prompt, "Capital of France?");
  assert_string_equal(n->answer, "Paris");
  assert_int_equal(n->n_distractors, 3);
  assert_string_equal(n->distractors[0], "Lyon");
  assert_int_equal(n->time_limit, 20);
  n = note(r, 1);
  assert_string_equal(n->answer, "2");
  assert_int_equal(n->n_aliases, 1);
  assert_string_equal(n->aliases[0], "4");
  assert_int_equal(n->n_distractors, 2);
  assert_int_equal(n->time_limit, 30);
  n = note(r, 2);
  assert_string_equal(n->answer, "False");
  assert_int_equal(n->n_distractors, 1);
  assert_int_equal(r->n_errors, 2);
  problem(r, 0, IMPORT_ERROR, 8, 8, "correct answer 3 is empty");
  problem(r, 1, IMPORT_ERROR, 9, 7, "time limit must be a number");
  done(r);
}

static void test_bad_input(void **state) {
  (void)state;
  ImportResult *r = parse("q.csv", "a,\"b\"\nc,d\"e\nf,g\n\"h\"i,j\n");
  problem(r, 0, IMPORT_ERROR, 2, 4, "malformed quoting");
  problem(r, 1, IMPORT_ERROR, 4, 4, "malformed quoting");
  assert_int_equal(r->n_errors, 2);
  assert_int_equal(importres_notes(r), 2);
  done(r);

  r = parse("q.csv", "a,b\n\"c,d\ne,f\n");
  problem(r, 0, IMPORT_ERROR, 2, 0, "never closed");
  done(r);

  /* mixed separators: the odd row is named, not silently split */
  r = parse("m.csv", "a;b;c\nd;e;f\ng,h,i\nj;k;l\n");
  assert_int_equal(r->n_errors, 1);
  problem(r, 0, IMPORT_ERROR, 3, 0, "expected 3 fields, found 1");
  done(r);

  r = parse("w.csv", "a,b,c\nd,e\nf,g,h\n");
  problem(r, 0, IMPORT_ERROR, 2, 0, "expected 3 fields, found 2");
  done(r);

  const char bad_utf8[] = "ok,fine\nnaïve,caf\xC3\x28\n";
  r = parse("u.csv", bad_utf8);
  problem(r, 0, IMPORT_ERROR, 2, 10, "invalid UTF-8");
  assert_int_equal(importres_notes(r), 0);
  done(r);

  const char overlong[] = "a,\xC0\xAF\n";
  r = parse("o.csv", overlong);
  problem(r, 0, IMPORT_ERROR, 1, 3, "invalid UTF-8");
  done(r);

  const char nul[] = "a,b\nc,\0d\n";
  r = parse_opts("n.csv", nul, sizeof nul - 1, NULL);
  problem(r, 0, IMPORT_ERROR, 2, 3, "NUL byte");
  done(r);

  r = parse("u16.csv", "\xFF\xFE" "a\0,\0b\0");
  problem(r, 0, IMPORT_ERROR, 1, 1, "UTF-16");
  done(r);

  r = parse("one.txt", "just words\nmore words\n");
  problem(r, 0, IMPORT_ERROR, 1, 0, "cannot tell the columns apart");
  done(r);

  r = parse("empty.csv", "");
  problem(r, 0, IMPORT_ERROR, 0, 0, "empty");
  done(r);

  r = parse("e.csv", "a,b\n,x\n");
  assert_int_equal(importres_notes(r), 1);
  problem(r, 0, IMPORT_WARNING, 2, 0, "empty front");
  done(r);
}

static void test_sql_text_exact(void **state) {
  (void)state;
  const char *t = "\"Robert'); DROP TABLE notes;--\",\"1' OR '1'='1\"\n"
                  "%s%n%x,\"\\x00 \\\"\" $(rm -rf /)\"\n";
  ImportResult *r = parse("sql.csv", t);
  assert_int_equal(r->n_errors, 0);
  assert_string_equal(note(r, 0)->prompt, "Robert'); DROP TABLE notes;--");
  assert_string_equal(note(r, 0)->answer, "1' OR '1'='1");
  assert_string_equal(note(r, 1)->prompt, "%s%n%x");
  assert_string_equal(note(r, 1)->answer, "\\x00 \\\" $(rm -rf /)");
  done(r);
}

/* A 200 MB file is refused by its size before a byte is read. */
static void test_huge_file(void **state) {
  (void)state;
  char dir[] = "/tmp/qd-import-XXXXXX";
  assert_non_null(mkdtemp(dir));
  char path[256];
  snprintf(path, sizeof path, "%s/huge.csv", dir);
  int fd = open(path, O_CREAT | O_WRONLY, 0600);
  assert_true(fd >= 0);
  assert_int_equal(write(fd, "front,back\n", 11), 11);
  assert_int_equal(ftruncate(fd, (off_t)200 << 20), 0); /* sparse: no disk used */
  close(fd);
  ImportResult r;
  assert_int_equal(import_file(path, NULL, &r), 0);
  assert_int_equal(r.n_errors, 1);
  assert_non_null(strstr(r.problems[0].message, "200 MB"));
  assert_non_null(strstr(r.problems[0].message, "limit"));
  assert_string_equal(r.problems[0].file, path);
  assert_int_equal(importres_notes(&r), 0);
  importres_free(&r);

  ImportResult m;
  snprintf(path, sizeof path, "%s/missing.csv", dir);
  assert_int_equal(import_file(path, NULL, &m), 0);
  assert_int_equal(m.n_errors, 1);
  assert_non_null(strstr(m.problems[0].message, "No such file"));
  importres_free(&m);
  snprintf(path, sizeof path, "%s/huge.csv", dir);
  unlink(path);
  rmdir(dir);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_separator_beats_first_char),
      cmocka_unit_test(test_anki_headers),
      cmocka_unit_test(test_quoting),
      cmocka_unit_test(test_header_row_and_columns),
      cmocka_unit_test(test_guids),
      cmocka_unit_test(test_kahoot),
      cmocka_unit_test(test_bad_input),
      cmocka_unit_test(test_sql_text_exact),
      cmocka_unit_test(test_huge_file),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
