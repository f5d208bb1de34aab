/* test_cloze.c - cloze markup and the face each card of a note shows. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "cloze.h"
#include "store.h"

static void face(const StoreNote *n, int ord, const char *want_front,
                 const char *want_back, int want_swapped) {
  char *f, *b;
  int swapped = -1;
  assert_int_equal(cloze_card_face(n, ord, &f, &b, &swapped), 0);
  assert_string_equal(f, want_front);
  assert_string_equal(b, want_back);
  assert_int_equal(swapped, want_swapped);
  free(f);
  free(b);
}

static void test_multi_cloze_cards(void **state) {
  (void)state;
  StoreNote n = {0};
  n.kind = NOTE_CLOZE;
  n.prompt = "{{c1::Tokyo}} is the capital of {{c2::Japan::country}}.";
  n.answer = "Tokyo is the capital of Japan.";
  n.n_cards = 2;
  face(&n, 0, "____ is the capital of Japan.", "Tokyo", 1);
  face(&n, 1, "Tokyo is the capital of ____ (country).", "Japan", 1);
  int nums[4];
  assert_int_equal(cloze_numbers(n.prompt, nums, 4), 2);
}

static void test_reversed_and_plain(void **state) {
  (void)state;
  StoreNote n = {0};
  n.kind = NOTE_QA;
  n.prompt = "犬";
  n.answer = "dog";
  n.n_cards = 2;
  face(&n, 0, "犬", "dog", 0);
  face(&n, 1, "dog", "犬", 1);
  n.n_cards = 1;
  face(&n, 0, "犬", "dog", 0);
  /* a generated cloze with the gap already made: shown as it is */
  StoreNote g = {0};
  g.kind = NOTE_CLOZE;
  g.prompt = "The treaty was signed in ____.";
  g.answer = "1965";
  face(&g, 0, "The treaty was signed in ____.", "1965", 0);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_multi_cloze_cards),
      cmocka_unit_test(test_reversed_and_plain),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
