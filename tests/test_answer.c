/* test_answer.c - typed-answer matching, dates, diff, grades, shuffle. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "answer.h"
#include "error.h"
#include "sched.h"

typedef struct {
  const char *typed, *answer, *alias;
  AnswerVerdict want;
} CheckCase;

static const CheckCase check_cases[] = {
    {"seoul", "Seoul", NULL, ANSWER_EXACT},
    {"  SEOUL. ", "Seoul", NULL, ANSWER_EXACT},
    {"Sao Paulo", "São Paulo", NULL, ANSWER_EXACT},
    {"sãopaulo", "Sao Paulo", NULL, ANSWER_EXACT},
    {"Kim Jong-un", "Kim Jong Un", NULL, ANSWER_EXACT},
    {"kimjongun", "Kim Jong-un", NULL, ANSWER_EXACT},
    {"The Blue House", "Blue House", NULL, ANSWER_EXACT},
    {"blue house", "the Blue House", NULL, ANSWER_EXACT},
    {"Cheong Wa Dae", "Blue House", "Cheong Wa Dae", ANSWER_EXACT},
    {"27 April 2018", "April 27, 2018", NULL, ANSWER_EXACT},
    {"2018-04-27", "27 April 2018", NULL, ANSWER_EXACT},
    {"April 27th, 2018", "2018-04-27", NULL, ANSWER_EXACT},
    {"2018年4月27日", "27 April 2018", NULL, ANSWER_EXACT},
    {"27 Apr. 2018", "2018/4/27", NULL, ANSWER_EXACT},
    {"28 April 2018", "27 April 2018", NULL, ANSWER_WRONG},
    {"2019-04-27", "27 April 2018", NULL, ANSWER_WRONG},
    {"윤석열", "윤석열", NULL, ANSWER_EXACT},
    {"윤석렬", "윤석열", NULL, ANSWER_WRONG},
    {"岸田 文雄", "岸田文雄", NULL, ANSWER_EXACT},
    {"かだ", "がだ", NULL, ANSWER_WRONG},
    {"Pyeongchnag", "Pyeongchang", NULL, ANSWER_CLOSE},
    {"Pyeongchan", "Pyeongchang", NULL, ANSWER_CLOSE},
    {"Pyongyang", "Pyeongchang", NULL, ANSWER_WRONG},
    {"1999", "1998", NULL, ANSWER_WRONG},
    {"1,000,000", "1000000", NULL, ANSWER_EXACT},
    {"", "Seoul", NULL, ANSWER_WRONG},
    {"...", "Seoul", NULL, ANSWER_WRONG},
    {"Tokyo", "Seoul", NULL, ANSWER_WRONG},
    {"\xff\xfe", "Seoul", NULL, ANSWER_WRONG},
    {"Seoul", "\xc3", NULL, ANSWER_WRONG},
};

static void test_check_table(void **state) {
  (void)state;
  for (size_t i = 0; i < sizeof check_cases / sizeof *check_cases; i++) {
    const CheckCase *c = &check_cases[i];
    const char *aliases[1] = {c->alias};
    AnswerVerdict v =
        answer_check(c->typed, c->answer, aliases, c->alias ? 1 : 0);
    if (v != c->want)
      fail_msg("case %zu: '%s' vs '%s': got %d want %d", i, c->typed,
               c->answer, (int)v, (int)c->want);
  }
}

typedef struct {
  const char *text;
  int ok, y, m, d;
} DateCase;

static const DateCase date_cases[] = {
    {"27 April 2018", 1, 2018, 4, 27},
    {"April 27, 2018", 1, 2018, 4, 27},
    {"2018-04-27", 1, 2018, 4, 27},
    {"the 1st of March 1919", 1, 1919, 3, 1},
    {"2018年4月27日", 1, 2018, 4, 27},
    {"27/4/2018", 1, 2018, 4, 27},
    {"4/27/2018", 1, 2018, 4, 27},
    {"4/5/2018", 0, 0, 0, 0},  /* ambiguous */
    {"31 February 2018", 0, 0, 0, 0},
    {"29 Feb 2020", 1, 2020, 2, 29},
    {"29 Feb 2019", 0, 0, 0, 0},
    {"April fools 2018", 0, 0, 0, 0},
    {"Seoul", 0, 0, 0, 0},
    {"2018", 0, 0, 0, 0},
    {"", 0, 0, 0, 0},
    {"99999999-1-1", 0, 0, 0, 0},
};

static void test_dates(void **state) {
  (void)state;
  for (size_t i = 0; i < sizeof date_cases / sizeof *date_cases; i++) {
    const DateCase *c = &date_cases[i];
    int y = 0, m = 0, d = 0;
    int rc = answer_parse_date(c->text, &y, &m, &d);
    if (c->ok) {
      if (rc != 0 || y != c->y || m != c->m || d != c->d)
        fail_msg("'%s': rc %d %d-%d-%d", c->text, rc, y, m, d);
    } else if (rc != QD_EPARSE) {
      fail_msg("'%s' parsed as %d-%d-%d", c->text, y, m, d);
    }
  }
}

static void test_normalize(void **state) {
  char out[64];
  (void)state;
  assert_int_equal(answer_normalize("  Ça-va, Élodie! ", out, sizeof out),
                   (int)strlen("cavaelodie"));
  assert_string_equal(out, "cavaelodie");
  assert_true(answer_normalize("ＡＢＣ", out, sizeof out) > 0); /* fullwidth */
  assert_string_equal(out, "abc");
  assert_int_equal(answer_normalize("\xc3\x28", out, sizeof out), QD_EUTF8);
  assert_int_equal(answer_normalize("abcdefgh", out, 4), QD_ETOOBIG);
  assert_int_equal(answer_normalize("a", out, sizeof out), 1);
  assert_string_equal(out, "a");
}

static void test_diff(void **state) {
  AnswerDiffSeg *s = NULL;
  int n = 0;
  (void)state;
  assert_int_equal(answer_diff("pyongchang", "Pyeongchang", &s, &n), 0);
  assert_int_equal(n, 3);
  assert_int_equal(s[0].kind, ANSWER_DIFF_SAME);
  assert_string_equal(s[0].text, "Py");
  assert_int_equal(s[1].kind, ANSWER_DIFF_MISSING);
  assert_string_equal(s[1].text, "e");
  assert_int_equal(s[2].kind, ANSWER_DIFF_SAME);
  assert_string_equal(s[2].text, "ongchang");
  answer_diff_free(s, n);

  assert_int_equal(answer_diff("윤석렬", "윤석열", &s, &n), 0);
  assert_int_equal(n, 3);
  assert_string_equal(s[0].text, "윤석");
  assert_true((s[1].kind == ANSWER_DIFF_MISSING &&
               strcmp(s[1].text, "열") == 0) ||
              (s[1].kind == ANSWER_DIFF_EXTRA &&
               strcmp(s[1].text, "렬") == 0));
  answer_diff_free(s, n);

  assert_int_equal(answer_diff("", "abc", &s, &n), 0);
  assert_int_equal(n, 1);
  assert_int_equal(s[0].kind, ANSWER_DIFF_MISSING);
  answer_diff_free(s, n);

  assert_int_equal(answer_diff("xyz", "", &s, &n), 0);
  assert_int_equal(n, 1);
  assert_int_equal(s[0].kind, ANSWER_DIFF_EXTRA);
  answer_diff_free(s, n);

  assert_int_equal(answer_diff("\xff", "abc", &s, &n), QD_EUTF8);
  assert_null(s);
}

static void test_grade(void **state) {
  (void)state;
  assert_int_equal(answer_grade(ANSWER_WRONG, 1000, 0), SCHED_AGAIN);
  assert_int_equal(answer_grade(ANSWER_CLOSE, 1000, 0), SCHED_HARD);
  assert_int_equal(answer_grade(ANSWER_EXACT, 2000, 0), SCHED_EASY);
  assert_int_equal(answer_grade(ANSWER_EXACT, 8000, 0), SCHED_GOOD);
  assert_int_equal(answer_grade(ANSWER_EXACT, 20000, 0), SCHED_HARD);
  assert_int_equal(answer_grade(ANSWER_EXACT, 3000, 20000), SCHED_EASY);
  assert_int_equal(answer_grade(ANSWER_EXACT, 10000, 20000), SCHED_GOOD);
  assert_int_equal(answer_grade(ANSWER_EXACT, 15000, 20000), SCHED_HARD);
}

static void test_shuffle(void **state) {
  int a[4], b[4], seen[4] = {0}, moved = 0;
  (void)state;
  answer_shuffle(42, a, 4);
  answer_shuffle(42, b, 4);
  assert_memory_equal(a, b, sizeof a);
  for (int i = 0; i < 4; i++) seen[a[i]]++;
  for (int i = 0; i < 4; i++) assert_int_equal(seen[i], 1);
  /* over many seeds the correct answer lands in every slot */
  int where[4] = {0};
  for (uint64_t s = 0; s < 400; s++) {
    answer_shuffle(s, a, 4);
    for (int i = 0; i < 4; i++)
      if (a[i] == 0) where[i]++;
    if (a[0] != 0) moved++;
  }
  for (int i = 0; i < 4; i++) assert_true(where[i] > 50);
  assert_true(moved > 0);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_check_table), cmocka_unit_test(test_dates),
      cmocka_unit_test(test_normalize),   cmocka_unit_test(test_diff),
      cmocka_unit_test(test_grade),       cmocka_unit_test(test_shuffle),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
