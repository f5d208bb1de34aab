/* test_generate.c - cards from facts: questions, cloze, distractors,
 * merging across articles, stable guids, JSON Lines escaping. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "extract.h"
#include "generate.h"
#include "qgen.h"

static const char *const two_articles =
    "Japan and Korea restore their old ties after years\n\n"
    "Japan insists all compensation issues were resolved when the two "
    "countries established relations in 1965. "
    "Ties plummeted in 2018 after South Korea's Supreme Court ordered Japanese "
    "companies to pay reparations. "
    "South Korean President Yoon Suk Yeol went to Tokyo for a summit. "
    "Japanese Prime Minister Fumio Kishida met South Korean Foreign Minister "
    "Park Jin in Seoul. "
    "Leaders met at the NATO summit in Madrid in June. "
    "He said the talks were useful for both countries.\n"
    "\f\n"
    "A second article about the same relationship\n\n"
    "Many South Koreans see a 1965 treaty that resolved all claims as "
    "illegitimate. "
    "South Korean President Yoon Suk-yeol visited Japan in March. "
    "Japanese Foreign Minister Yoshimasa Hayashi attended the G7 summit in "
    "Hiroshima. "
    "Former South Korean President Moon Jae-in stayed silent on the matter.\n";

static QCard *gen(const char *text, uint64_t seed, int *n) {
  QCard *cards = NULL;
  QgenOptions opt = {0};
  opt.seed = seed;
  opt.min_score = 0.01;
  assert_int_equal(qgen_generate_text(NULL, "t.txt", text, strlen(text), &opt,
                                      &cards, n), 0);
  return cards;
}

static const QCard *card(const QCard *c, int n, QCardKind kind,
                         const char *answer) {
  for (int i = 0; i < n; i++)
    if (c[i].kind == kind && !strcmp(c[i].answer, answer)) return &c[i];
  return NULL;
}

static void test_json_escape(void **state) {
  (void)state;
  char buf[128];
  size_t n = qgen_json_string(buf, sizeof buf,
                              "a\"b\\c\nd\te\x01 caf\xC3\xA9 \xE2\x80\x9Cq\xE2\x80\x9D");
  assert_string_equal(buf, "\"a\\\"b\\\\c\\nd\\te\\u0001 caf\xC3\xA9 "
                           "\xE2\x80\x9Cq\xE2\x80\x9D\"");
  assert_int_equal(n, strlen(buf));
  /* a short buffer is never overrun and the needed length is reported */
  char small[6];
  size_t need = qgen_json_string(small, sizeof small, "abcdefgh");
  assert_int_equal(need, 10);
  assert_int_equal(strlen(small), 5);
  assert_int_equal(qgen_json_string(buf, sizeof buf, ""), 2);
  assert_string_equal(buf, "\"\"");
}

static void test_unresolved(void **state) {
  (void)state;
  assert_true(gen_has_unresolved("Who said he would go?"));
  assert_true(gen_has_unresolved("Where did they meet this month?"));
  assert_true(gen_has_unresolved("When will Yoon visit Tokyo next April?"));
  assert_true(gen_has_unresolved("Who met Kishida on Sunday?"));
  assert_true(gen_has_unresolved("In what year was their deal signed?"));
  assert_false(gen_has_unresolved("In what year did the two countries "
                                   "establish relations?"));
  assert_false(gen_has_unresolved("Which city did the US president visit?"));
  /* words inside a quote are the speaker's */
  assert_false(gen_has_unresolved("Who said \xE2\x80\x9CWe cannot win "
                                   "without Japan\xE2\x80\x9D?"));
}

static void test_variants(void **state) {
  (void)state;
  assert_true(gen_is_variant("Yoon Suk Yeol", "Yoon Suk-yeol"));
  assert_true(gen_is_variant("Yoon", "Yoon Suk-yeol"));
  assert_true(gen_is_variant("Kishida", "Fumio Kishida"));
  assert_true(gen_is_variant("the NATO", "NATO"));
  assert_false(gen_is_variant("Kim Gunn", "Kim Sung-han"));
  assert_false(gen_is_variant("Park Jin", "Park Cheol-hee"));
  assert_false(gen_is_variant("Tokyo", "Kyoto"));
  /* acronyms and their expansions */
  assert_true(gen_is_variant("G-7", "Group of Seven"));
  assert_true(gen_is_variant("North Atlantic Treaty Organization", "NATO"));
  assert_false(gen_is_variant("EU", "East Asia Institute"));
}

static void test_cards(void **state) {
  (void)state;
  int n = 0;
  QCard *c = gen(two_articles, 7, &n);
  assert_true(n > 10);
  /* a fact in two articles is one card with both sources */
  const QCard *y = card(c, n, QC_CLOZE, "1965");
  assert_non_null(y);
  assert_int_equal(y->type, QF_DATE);
  int arts = 0;
  for (int i = 0; i < y->n_sources; i++)
    for (int k = 0; k <= i; k++)
      if (k == i) arts++;
      else if (!strcmp(y->sources[k].article, y->sources[i].article)) break;
  assert_int_equal(arts, 2);
  int n1965 = 0;
  for (int i = 0; i < n; i++)
    if (c[i].kind == QC_CLOZE && !strcmp(c[i].answer, "1965")) n1965++;
  assert_int_equal(n1965, 1);

  /* spelling variants are merged and kept as accepted answers */
  const QCard *yo = card(c, n, QC_QA, "Yoon Suk Yeol");
  assert_non_null(yo);
  int alias = 0;
  for (int i = 0; i < yo->n_aliases; i++)
    alias |= !strcmp(yo->aliases[i], "Yoon Suk-yeol");
  assert_true(alias);
  assert_null(card(c, n, QC_QA, "Yoon Suk-yeol"));

  /* natural questions */
  const QCard *q = card(c, n, QC_QA, "2018");
  assert_non_null(q);
  assert_string_equal(q->prompt, "In what year did ties plummet after South "
                                 "Korea's Supreme Court ordered Japanese "
                                 "companies to pay reparations?");
  q = card(c, n, QC_QA, "Madrid");
  assert_non_null(q);
  assert_string_equal(q->prompt, "In which city was the NATO summit held?");
  q = card(c, n, QC_QA, "Tokyo");
  assert_non_null(q);
  assert_string_equal(q->prompt,
                      "Which city did South Korean President Yoon Suk Yeol go "
                      "to for a summit?");

  for (int i = 0; i < n; i++) {
    const QCard *k = &c[i];
    assert_non_null(k->guid);
    assert_true(k->n_sources >= 1);
    assert_true(k->score > 0);
    if (i) assert_true(c[i - 1].score >= k->score);
    /* nothing leans on a pronoun */
    assert_null(strstr(k->prompt, "He said"));
    if (k->kind == QC_CLOZE) {
      const char *gap = strstr(k->prompt, "____");
      assert_non_null(gap);
      /* the first source is the sentence the cloze was made from */
      char head[16];
      size_t hl = (size_t)(gap - k->prompt) < 15 ? (size_t)(gap - k->prompt) : 15;
      memcpy(head, k->prompt, hl);
      head[hl] = 0;
      assert_non_null(strstr(k->sources[0].sentence, head));
      assert_null(strstr(k->prompt, k->answer));
    }
    if (k->kind == QC_MCQ) {
      assert_int_equal(k->n_choices, 4);
      assert_int_equal(k->n_distractors, 3);
      int has = 0;
      for (int j = 0; j < 4; j++) has += !strcmp(k->choices[j], k->answer);
      assert_int_equal(has, 1);
      for (int j = 0; j < 3; j++) {
        /* never the answer or a variant of it */
        assert_false(gen_is_variant(k->distractors[j], k->answer));
        for (int a = 0; a < k->n_aliases; a++)
          assert_false(gen_is_variant(k->distractors[j], k->aliases[a]));
        for (int m = 0; m < j; m++)
          assert_string_not_equal(k->distractors[j], k->distractors[m]);
      }
    } else {
      assert_int_equal(k->n_choices, 0);
    }
  }
  /* people get people of a similar role as distractors */
  const QCard *m = card(c, n, QC_MCQ, "Yoon Suk Yeol");
  assert_non_null(m);
  int president = 0;
  for (int j = 0; j < 3; j++)
    president |= !strcmp(m->distractors[j], "Moon Jae-in");
  assert_true(president);
  /* years get nearby years */
  m = card(c, n, QC_MCQ, "2018");
  assert_non_null(m);
  for (int j = 0; j < 3; j++) {
    int yv = atoi(m->distractors[j]);
    assert_true(yv >= 2012 && yv <= 2024 && yv != 2018);
  }
  gen_cards_free(c, n);
}

static void test_guid_stable(void **state) {
  (void)state;
  int n1 = 0, n2 = 0;
  QCard *a = gen(two_articles, 1, &n1);
  QCard *b = gen(two_articles, 99, &n2);
  assert_int_equal(n1, n2);
  /* guids depend on the fact, not on the seed or the order */
  for (int i = 0; i < n1; i++) {
    int same = 0;
    for (int k = 0; k < n2; k++)
      if (!strcmp(a[i].guid, b[k].guid)) {
        same = 1;
        assert_string_equal(a[i].answer, b[k].answer);
        assert_int_equal(a[i].kind, b[k].kind);
      }
    assert_true(same);
    for (int k = 0; k < i; k++) assert_string_not_equal(a[i].guid, a[k].guid);
  }
  /* adding an article keeps the guids of facts already there */
  const char *first_only = strchr(two_articles, '\f');
  size_t len = (size_t)(first_only - two_articles);
  char *one = strndup(two_articles, len);
  int n3 = 0;
  QCard *c = gen(one, 1, &n3);
  const QCard *x = card(c, n3, QC_QA, "2018");
  const QCard *y = card(a, n1, QC_QA, "2018");
  assert_non_null(x);
  assert_non_null(y);
  assert_string_equal(x->guid, y->guid);
  free(one);
  gen_cards_free(a, n1);
  gen_cards_free(b, n2);
  gen_cards_free(c, n3);
}

static void test_jsonl(void **state) {
  (void)state;
  int n = 0;
  QCard *c = gen(two_articles, 3, &n);
  char *buf = NULL;
  size_t len = 0;
  FILE *f = open_memstream(&buf, &len);
  assert_int_equal(qgen_write_jsonl(f, c, n), 0);
  fclose(f);
  int lines = 0;
  for (char *p = buf; *p; p++) lines += *p == '\n';
  assert_int_equal(lines, n);
  char *save = NULL;
  for (char *l = strtok_r(buf, "\n", &save); l; l = strtok_r(NULL, "\n", &save)) {
    assert_true(!strncmp(l, "{\"kind\":\"", 9));
    static const char *const keys[] = {"\"type\":", "\"prompt\":", "\"answer\":",
                                       "\"aliases\":[", "\"choices\":[",
                                       "\"source\":", "\"context\":",
                                       "\"score\":", NULL};
    for (int k = 0; keys[k]; k++) assert_non_null(strstr(l, keys[k]));
    assert_int_equal(l[strlen(l) - 1], '}');
  }
  free(buf);

  /* notes for the store carry every field */
  StoreNote *notes = NULL;
  assert_int_equal(qgen_cards_to_notes(c, n, &notes), 0);
  for (int i = 0; i < n; i++) {
    assert_string_equal(notes[i].guid, c[i].guid);
    assert_int_equal((int)notes[i].kind, (int)c[i].kind);
    assert_true(notes[i].n_sources >= 1);
    assert_non_null(notes[i].sources[0].sentence);
    if (c[i].kind == QC_MCQ) assert_int_equal(notes[i].n_distractors, 3);
  }
  store_notes_free(notes, n);
  gen_cards_free(c, n);
}

/* Follow-up on quiz quality for unseen articles: every sentence and name
 * here is invented, so no rule can lean on the corpus. */
static const char *const unseen_style =
    "Portugal and Norway settle a long fishing dispute\n\n"
    "LISBON (Feb 12, 2021) - Portuguese Prime Minister Dana Holt and "
    "Norwegian Prime Minister Erik Lund met on Thursday on the sidelines of "
    "the Organization for Security and Co-operation in Europe (OSCE) summit "
    "in Vienna, their first meeting in two years.\n\n"
    "French President Anne Coulon met her Spanish counterpart, Luis Ferrer, "
    "in Lyon, France, on Feb. 9 for a bilateral meeting.\n\n"
    "Ministers discussed a quota on Norwegian salmon that Lisbon introduced "
    "in January after a dispute over fishing rights.\n\n"
    "The two leaders renewed the \"Atlantic framework,\" a scheme first "
    "adopted in 2009 when then-Chancellor Otto Kranz visited Porto.\n\n"
    "Turkey had supplied about 30 percent of Greece's cement imports in "
    "2020.\n\n"
    "In January, Holt travelled to Oslo, and the ministers cancelled a "
    "planned forum.\n\n"
    "Engineers shut down the Morvan Kessel nuclear power plant in 2019 after "
    "a fault, said Marta Quill, a safety inspector.\n\n"
    "Belgian Prime Minister Marc Dubois met Dutch Prime Minister Pieter "
    "Smit on Wednesday at the Laeken Palace in Brussels.\n\n"
    "The Baltic Sea Forum (BSF) summit in Riga will gather ministers in "
    "May.\n\n"
    "Danish lawmakers visited the Velden Memorial in Aarhus on Jan. 27.\n";

static const QCard *qa_with(const QCard *c, int n, QFactType type,
                            const char *answer) {
  for (int i = 0; i < n; i++)
    if (c[i].kind == QC_QA && c[i].type == type && !strcmp(c[i].answer, answer))
      return &c[i];
  return NULL;
}

static void test_unseen_questions(void **state) {
  (void)state;
  int n = 0;
  QCard *c = gen(unseen_style, 11, &n);
  /* where meetings were held: an "(ACRONYM) summit in X" with the year of
   * the article, and a meeting across an appositive name */
  const QCard *k = qa_with(c, n, QF_PLACE, "Vienna");
  assert_non_null(k);
  assert_string_equal(k->prompt, "In which city was the 2021 OSCE summit held?");
  k = qa_with(c, n, QF_PLACE, "Lyon");
  assert_non_null(k);
  assert_string_equal(k->prompt, "In which city did French President Anne "
                                 "Coulon meet her Spanish counterpart, Luis "
                                 "Ferrer?");
  /* "on Feb. 9" with the dateline's year */
  k = qa_with(c, n, QF_DATE, "February 9, 2021");
  assert_non_null(k);
  assert_non_null(strstr(k->prompt, "did French President Anne Coulon meet"));
  /* a relative clause keeps its head noun */
  k = qa_with(c, n, QF_DATE, "January 2021");
  assert_non_null(k);
  assert_string_equal(k->prompt, "In which month did Lisbon introduce the "
                                 "quota on Norwegian salmon after a dispute "
                                 "over fishing rights?");
  /* a participle is not made a finite verb: no question, the cloze stays */
  assert_null(qa_with(c, n, QF_DATE, "2009"));
  assert_non_null(card(c, n, QC_CLOZE, "2009"));
  /* a country that is also a word keeps its capital */
  k = qa_with(c, n, QF_DATE, "2020");
  assert_non_null(k);
  assert_non_null(strstr(k->prompt, " Turkey supplied"));
  /* a share is asked with its verb */
  k = qa_with(c, n, QF_NUMBER, "30 percent");
  assert_non_null(k);
  assert_string_equal(k->prompt, "What share of Greece's cement imports did "
                                 "Turkey supply in 2020?");
  /* doubled consonants: travelled -> travel */
  k = qa_with(c, n, QF_PLACE, "Oslo");
  assert_non_null(k);
  assert_string_equal(k->prompt, "Which city did Holt travel to?");
  /* a future event is asked in the future */
  k = qa_with(c, n, QF_PLACE, "Riga");
  assert_non_null(k);
  assert_string_equal(k->prompt, "In which city will the BSF summit be held?");
  /* "on Wednesday" is only known from the dateline: left out when the
   * question is about the place */
  k = qa_with(c, n, QF_PLACE, "Laeken Palace");
  assert_non_null(k);
  assert_string_equal(k->prompt, "Where did Belgian Prime Minister Marc "
                                 "Dubois meet Dutch Prime Minister Pieter "
                                 "Smit in Brussels?");
  k = qa_with(c, n, QF_DATE, "February 10, 2021");
  assert_non_null(k);
  /* the period of "Jan. 27" does not end the clause */
  k = qa_with(c, n, QF_PLACE, "Velden Memorial");
  assert_non_null(k);
  assert_string_equal(k->prompt, "Which place did Danish lawmakers visit in "
                                 "Aarhus on Jan. 27?");
  for (int i = 0; i < n; i++) {
    if (c[i].kind == QC_CLOZE) continue;
    /* the final gate: no misspelt stems, lowercased names, verbless or
     * two-clause questions */
    assert_null(strstr(c[i].prompt, "travell"));
    assert_null(strstr(c[i].prompt, "cancell"));
    assert_null(strstr(c[i].prompt, "turkey"));
    assert_null(strstr(c[i].prompt, "What percentage"));
    assert_null(strstr(c[i].prompt, ", and the ministers"));
    assert_null(strstr(c[i].prompt, "first adopt "));
    /* the facility is no person, and person choices are all people */
    if (c[i].type == QF_PERSON) {
      assert_null(strstr(c[i].answer, "Morvan"));
      for (int j = 0; j < c[i].n_choices; j++)
        assert_null(strstr(c[i].choices[j], "Morvan"));
    }
  }
  gen_cards_free(c, n);
}

/* Invented sentences.  The second leans on the first ("likewise"); the
 * third names its event only as "the strike"; the first and fourth give
 * two values of one share, the first with the survey's year. */
static const char *const figures_undated =
    "Fishermen in the north protest new quotas\n\n"
    "A 2019 survey by the Bergen Institute found 58 per cent of Norwegians "
    "had a favourable view of Sweden, down from 66 per cent a year earlier. "
    "But in Sweden, anger grew, with 37 per cent of anglers feeling likewise "
    "about Norway, up from 29 per cent. "
    "More than 4,000 Norwegian trawlers are believed to have joined the "
    "strike. "
    "About 44 per cent of Danes had a favourable view of Finland, up from 31 "
    "per cent. "
    "Norwegian Foreign Minister Kari Lunde met Swedish Prime Minister Anders "
    "Holm in Stockholm. "
    "The Tromso Institute, founded in 1990, found in a 2022 survey that 52 "
    "per cent of Finns had a favourable view of Iceland.\n";

/* The same share and office with the article's date in a dateline. */
static const char *const figures_dated =
    "Nordic ministers meet in Oslo\n\n"
    "OSLO (March 3, 2024) - About 44 per cent of Danes had a favourable view "
    "of Finland, up from 31 per cent. "
    "Norwegian Foreign Minister Kari Lunde met Swedish Prime Minister Anders "
    "Holm in Stockholm.\n";

static void test_back_reference(void **state) {
  (void)state;
  /* words that point at an earlier sentence */
  assert_true(gen_has_unresolved("How many sailors likewise refused to sail?"));
  assert_true(gen_has_unresolved("Which port did Lund similarly close?"));
  assert_true(gen_has_unresolved("Who won the same race in Bergen?"));
  assert_true(gen_has_unresolved("Who also visited Oslo?"));
  assert_true(gen_has_unresolved("Which port did such ships avoid?"));
  assert_true(gen_has_unresolved("That ruling angered which Danish town?"));
  /* bare definite events */
  assert_true(gen_has_unresolved("How many Finns died in the attack?"));
  assert_true(gen_has_unresolved("Who chaired the talks in Bergen?") == 0);
  assert_true(gen_has_unresolved("Who left the meeting early?"));
  assert_true(gen_has_unresolved("Which Swedish minister backed the deal?"));
  assert_true(gen_has_unresolved("What did Oslo gain from the plan?"));
  /* pinned down by a name or a number, or not an event noun at all */
  assert_false(gen_has_unresolved("How many Finns died in the attack on "
                                  "Turku?"));
  assert_false(gen_has_unresolved("Who chaired the meeting of the Nordic "
                                  "Council?"));
  assert_false(gen_has_unresolved("Who chaired the Bergen meeting?"));
  assert_false(gen_has_unresolved("Which ports such as Tromso closed?"));
  assert_false(gen_has_unresolved("Which river crosses the border of "
                                  "Lapland?"));
  /* a cloze tolerates pronouns and "also" in its sentence, not the rest */
  assert_true(gen_refers_back("With ____ feeling likewise about Norway."));
  assert_true(gen_refers_back("Lund closed ____ on the same day."));
  assert_true(gen_refers_back("____ Finns died in the raid."));
  assert_false(gen_refers_back("Lund said he also closed ____ in May."));
  assert_false(gen_refers_back("____ Finns died in the raid on Turku."));

  int n = 0;
  QCard *c = gen(figures_undated, 5, &n);
  for (int i = 0; i < n; i++) {
    /* the "likewise" sentence gives no card of any kind */
    assert_null(strstr(c[i].prompt, "likewise"));
    /* "the strike" only in a cloze, which shows its whole sentence */
    if (c[i].kind != QC_CLOZE) assert_null(strstr(c[i].prompt, "the strike"));
  }
  assert_null(card(c, n, QC_CLOZE, "37 per cent"));
  assert_null(card(c, n, QC_MCQ, "29 per cent"));
  assert_non_null(card(c, n, QC_CLOZE, "4,000"));
  assert_null(card(c, n, QC_MCQ, "4,000"));
  gen_cards_free(c, n);
}

static void test_figures_in_time(void **state) {
  (void)state;
  int n = 0;
  QCard *c = gen(figures_undated, 5, &n);
  /* the survey's year goes into the question */
  const QCard *k = qa_with(c, n, QF_NUMBER, "58 per cent");
  assert_non_null(k);
  assert_string_equal(k->prompt, "In a 2019 survey, what percentage of "
                                 "Norwegians had a favourable view of "
                                 "Sweden?");
  k = card(c, n, QC_MCQ, "58 per cent");
  assert_non_null(k);
  assert_string_equal(k->prompt, "In a 2019 survey, what percentage of "
                                 "Norwegians had a favourable view of "
                                 "Sweden?");
  /* of two years, the one nearest the figure */
  k = qa_with(c, n, QF_NUMBER, "52 per cent");
  assert_non_null(k);
  assert_string_equal(k->prompt, "In a 2022 survey, what percentage of Finns "
                                 "had a favourable view of Iceland?");
  /* no time and two values of the share: no question, no multiple
   * choice; the cloze, which shows the other value, stays */
  assert_null(qa_with(c, n, QF_NUMBER, "44 per cent"));
  assert_null(card(c, n, QC_MCQ, "44 per cent"));
  assert_null(card(c, n, QC_MCQ, "31 per cent"));
  assert_non_null(card(c, n, QC_CLOZE, "44 per cent"));
  assert_non_null(card(c, n, QC_CLOZE, "31 per cent"));
  /* an office with no date known is asked in the present */
  k = qa_with(c, n, QF_PERSON, "Anders Holm");
  assert_non_null(k);
  assert_string_equal(k->prompt, "Who is the Swedish Prime Minister?");
  gen_cards_free(c, n);

  /* the article's date from its dateline */
  c = gen(figures_dated, 5, &n);
  k = qa_with(c, n, QF_NUMBER, "44 per cent");
  assert_non_null(k);
  assert_string_equal(k->prompt, "As of 2024, what percentage of Danes had a "
                                 "favourable view of Finland?");
  k = qa_with(c, n, QF_PERSON, "Anders Holm");
  assert_non_null(k);
  assert_string_equal(k->prompt, "Who was the Swedish Prime Minister in "
                                 "March 2024?");
  gen_cards_free(c, n);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_json_escape), cmocka_unit_test(test_unresolved),
      cmocka_unit_test(test_variants),    cmocka_unit_test(test_cards),
      cmocka_unit_test(test_guid_stable), cmocka_unit_test(test_jsonl),
      cmocka_unit_test(test_unseen_questions),
      cmocka_unit_test(test_back_reference),
      cmocka_unit_test(test_figures_in_time),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
