/* test_extract.c - article text to facts: input checks, markup stripping,
 * page furniture, sentence splitting, dates, people, places, figures. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>

#include <cmocka.h>

#include "error.h"
#include "extract.h"
#include "qlex.h"
#include "qtext.h"

/* ---- helpers ------------------------------------------------------ */

typedef struct Sents {
  char *v[64];
  int n;
} Sents;

static void collect(void *ctx, const char *s, size_t n) {
  Sents *o = ctx;
  if (o->n < 64) {
    o->v[o->n] = malloc(n + 1);
    memcpy(o->v[o->n], s, n);
    o->v[o->n][n] = 0;
    o->n++;
  }
}

static void sents_free(Sents *s) {
  for (int i = 0; i < s->n; i++) free(s->v[i]);
  s->n = 0;
}

static int split_count(const char *text, Sents *out) {
  out->n = 0;
  qtext_split_sentences(text, strlen(text), collect, out);
  return out->n;
}

static QLex *lex(void) {
  QLex *lx = NULL;
  assert_int_equal(qlex_open(NULL, &lx), 0);
  return lx;
}

typedef struct Got {
  QDoc *docs;
  int nd;
  QFacts f;
} Got;

static void run(QLex *lx, const char *text, Got *g) {
  memset(g, 0, sizeof *g);
  assert_int_equal(qtext_parse("t.txt", text, strlen(text), &g->docs, &g->nd), 0);
  for (int i = 0; i < g->nd; i++)
    assert_int_equal(extract_doc(lx, &g->docs[i], i, &g->f), 0);
}

static void got_free(Got *g) {
  extract_facts_free(&g->f);
  qtext_docs_free(g->docs, g->nd);
}

static const QFact *find(const Got *g, QFactType t, const char *answer) {
  for (int i = 0; i < g->f.n; i++)
    if (g->f.v[i].type == t && !strcmp(g->f.v[i].answer, answer))
      return &g->f.v[i];
  return NULL;
}

static int count_type(const Got *g, QFactType t) {
  int n = 0;
  for (int i = 0; i < g->f.n; i++) n += g->f.v[i].type == t;
  return n;
}

/* An article wrapper: a headline and a padding sentence so that the body
 * is recognised as prose. */
#define HEAD "A headline for the test article here\n\n"

/* ---- input checks ------------------------------------------------- */

static void write_file(const char *path, const void *data, size_t n) {
  FILE *f = fopen(path, "wb");
  assert_non_null(f);
  if (n) assert_int_equal(fwrite(data, 1, n, f), n);
  fclose(f);
}

static void test_bad_input(void **state) {
  (void)state;
  char dir[] = "/tmp/qd_extract_XXXXXX";
  assert_non_null(mkdtemp(dir));
  char p[256], err[512];
  char *buf = NULL;
  size_t len = 0;

  snprintf(p, sizeof p, "%s/empty.txt", dir);
  write_file(p, "", 0);
  assert_int_equal(qtext_read_file(p, &buf, &len, err, sizeof err), QD_EPARSE);
  assert_non_null(strstr(err, "empty.txt"));
  assert_non_null(strstr(err, "empty"));
  assert_null(buf);
  remove(p);

  snprintf(p, sizeof p, "%s/blank.txt", dir);
  write_file(p, " \n\n\t\n", 5);
  assert_int_equal(qtext_read_file(p, &buf, &len, err, sizeof err), QD_EPARSE);
  remove(p);

  snprintf(p, sizeof p, "%s/bad.txt", dir);
  write_file(p, "Good line.\nSecond \xC3\x28 line.\n", 26);
  assert_int_equal(qtext_read_file(p, &buf, &len, err, sizeof err), QD_EUTF8);
  assert_non_null(strstr(err, "bad.txt"));
  assert_non_null(strstr(err, "invalid UTF-8 at line 2"));
  remove(p);

  /* overlong encoding and a surrogate are invalid too */
  int line, col;
  assert_int_equal(qtext_check("\xC0\xAF", 2, &line, &col), QD_EUTF8);
  assert_int_equal(qtext_check("ok \xED\xA0\x80", 6, &line, &col), QD_EUTF8);
  assert_int_equal(col, 4);
  assert_int_equal(qtext_check("\xE2\x80", 2, &line, &col), QD_EUTF8);
  assert_int_equal(qtext_check("caf\xC3\xA9 \xE2\x80\x94 \xF0\x9F\x98\x80", 14,
                               &line, &col), 0);

  snprintf(p, sizeof p, "%s/bin.dat", dir);
  unsigned char bin[64];
  for (int i = 0; i < 64; i++) bin[i] = (unsigned char)(i * 7);
  write_file(p, bin, sizeof bin);
  int rc = qtext_read_file(p, &buf, &len, err, sizeof err);
  assert_int_equal(rc, QD_EUNSUPPORTED);
  assert_non_null(strstr(err, "binary"));
  remove(p);

  snprintf(p, sizeof p, "%s/missing.txt", dir);
  assert_int_equal(qtext_read_file(p, &buf, &len, err, sizeof err), QD_EIO);
  assert_non_null(strstr(err, "missing.txt"));

  assert_int_equal(qtext_read_file(dir, &buf, &len, err, sizeof err), QD_EIO);
  assert_non_null(strstr(err, "directory"));

  /* a huge file is refused before it is read (a sparse file: no disk) */
  snprintf(p, sizeof p, "%s/huge.txt", dir);
  FILE *hf = fopen(p, "wb");
  assert_non_null(hf);
  assert_int_equal(fseeko(hf, (off_t)QTEXT_MAX_FILE + 10, SEEK_SET), 0);
  fputc('x', hf);
  fclose(hf);
  assert_int_equal(qtext_read_file(p, &buf, &len, err, sizeof err), QD_ETOOBIG);
  assert_non_null(strstr(err, "huge.txt"));
  assert_non_null(strstr(err, "too large"));
  assert_null(buf);
  remove(p);

  snprintf(p, sizeof p, "%s/bom.txt", dir);
  write_file(p, "\xEF\xBB\xBFHello there.\n", 16);
  assert_int_equal(qtext_read_file(p, &buf, &len, err, sizeof err), 0);
  assert_string_equal(buf, "Hello there.\n");
  free(buf);
  remove(p);
  rmdir(dir);
}

/* ---- sentence splitting ------------------------------------------- */

static void test_sentences(void **state) {
  (void)state;
  Sents s = {0};
  assert_int_equal(split_count("Dr. Smith met Mr. Lee in the U.S. capital. "
                               "They talked.", &s), 2);
  assert_string_equal(s.v[0], "Dr. Smith met Mr. Lee in the U.S. capital.");
  sents_free(&s);
  /* a dotted acronym ends a sentence before "The" */
  assert_int_equal(split_count("He flew to the U.S. The talks began.", &s), 2);
  sents_free(&s);
  assert_int_equal(split_count("It was signed on Jan. 5 by No. 10 staff. "
                               "Then it ended.", &s), 2);
  sents_free(&s);
  /* initials */
  assert_int_equal(split_count("J. R. Smith spoke first. Others followed.",
                               &s), 2);
  assert_string_equal(s.v[0], "J. R. Smith spoke first.");
  sents_free(&s);
  /* quotes: the period inside the closing quote ends the sentence */
  assert_int_equal(split_count("\xE2\x80\x9CWe agree.\xE2\x80\x9D Then "
                               "they left. \"Fine,\" he said.", &s), 3);
  assert_string_equal(s.v[0], "\xE2\x80\x9CWe agree.\xE2\x80\x9D");
  sents_free(&s);
  /* commas inside quotes and em-dashes do not split */
  assert_int_equal(split_count("\xE2\x80\x9CIt is good,\xE2\x80\x9D said "
                               "Kim \xE2\x80\x94 a diplomat \xE2\x80\x94 "
                               "on Monday.", &s), 1);
  sents_free(&s);
  /* ellipsis before a lowercase word does not split */
  assert_int_equal(split_count("The war (1910-1945) \xE2\x80\xA6 with weeks "
                               "of talks. Next.", &s), 2);
  sents_free(&s);
  assert_int_equal(split_count("Is it over? Yes! It is.", &s), 3);
  sents_free(&s);
  assert_int_equal(split_count("Prices rose 3.5 percent. Trade fell.", &s), 2);
  sents_free(&s);
}

/* ---- markup and furniture ----------------------------------------- */

static void test_markdown(void **state) {
  (void)state;
  char l1[] = "## A [linked text](https://x.example/a) and **bold** _it_";
  size_t n = qtext_strip_markdown_line(l1, strlen(l1));
  assert_string_equal(l1, "A linked text and bold it");
  assert_int_equal(n, strlen(l1));
  char l2[] = "* bullet with ![img](p.png) image";
  qtext_strip_markdown_line(l2, strlen(l2));
  assert_string_equal(l2, "bullet with  image");
  char l3[] = "\xE2\x80\xA2 Japanese Prime Minister met [Yoon](#).";
  qtext_strip_markdown_line(l3, strlen(l3));
  assert_string_equal(l3, "Japanese Prime Minister met Yoon.");
  /* brackets that are not links stay: "[T]he" */
  char l4[] = "\xE2\x80\x9C[T]he region is on edge\xE2\x80\x9D";
  qtext_strip_markdown_line(l4, strlen(l4));
  assert_string_equal(l4, "\xE2\x80\x9C[T]he region is on edge\xE2\x80\x9D");
  char l5[] = "> quoted snake_case_name stays";
  qtext_strip_markdown_line(l5, strlen(l5));
  assert_string_equal(l5, "quoted snake_case_name stays");
}

static void test_html(void **state) {
  (void)state;
  const char *html =
      "<!DOCTYPE html><html><head><title>T</title><style>p{}</style></head>"
      "<body><nav>Home | World</nav><h1>Leaders meet in Seoul today again</h1>"
      "<p>The summit began in <b>Seoul</b> on May&nbsp;7, 2023 &amp; ended "
      "&ldquo;well&rdquo;.</p><script>var x = 1;</script>"
      "<p>Prime&#32;Minister &#x4B;ishida spoke.</p><footer>(c)</footer>"
      "</body></html>";
  assert_true(qtext_is_html(html, strlen(html)));
  assert_false(qtext_is_html("Plain text < 5 words", 20));
  char *t = qtext_strip_html(html, strlen(html));
  assert_non_null(t);
  assert_non_null(strstr(t, "The summit began in Seoul on May 7, 2023 & ended "
                            "\xE2\x80\x9Cwell\xE2\x80\x9D."));
  assert_non_null(strstr(t, "Prime Minister Kishida spoke."));
  assert_null(strstr(t, "var x"));
  assert_null(strstr(t, "Home | World"));
  assert_null(strstr(t, "p{}"));
  free(t);

  QLex *lx = lex();
  Got g;
  run(lx, html, &g);
  assert_int_equal(g.nd, 1);
  assert_string_equal(g.docs[0].title, "Leaders meet in Seoul today again");
  assert_non_null(find(&g, QF_DATE, "May 7, 2023"));
  got_free(&g);
  qlex_close(lx);
}

static void test_furniture(void **state) {
  (void)state;
  const char *text =
      "Accessibility links\n\nBreaking News\n\n"
      "Leaders of Japan and Korea meet at last\n\n"
      "Prime Minister Fumio Kishida, right, greets President Yoon Suk Yeol in "
      "Seoul, May 7, 2023.\n"
      "Prime Minister Fumio Kishida, right, greets President Yoon Suk Yeol in "
      "Seoul, May 7, 2023.\n"
      "REUTERS/Kim Hong-Ji\n\n"
      "The two leaders held a summit in Seoul on Sunday. Relations were "
      "established in 1965.\n\n"
      "Be sure to subscribe to the Daily to get the best newsletter.\n\n"
      "More from Example Media\n\n"
      "Canadian Prime Minister Mark Carney met Donald Trump in Washington "
      "on May 6, 2025.\n";
  QLex *lx = lex();
  Got g;
  run(lx, text, &g);
  assert_int_equal(g.nd, 1);
  QDoc *d = &g.docs[0];
  assert_string_equal(d->title, "Leaders of Japan and Korea meet at last");
  for (int i = 0; i < d->n_sent; i++) {
    assert_null(strstr(d->sent[i].text, "Accessibility"));
    assert_null(strstr(d->sent[i].text, "Carney"));
    assert_null(strstr(d->sent[i].text, "subscribe"));
    assert_null(strstr(d->sent[i].text, "REUTERS"));
  }
  /* the repeated caption is kept once and marked as a caption */
  int captions = 0;
  for (int i = 0; i < d->n_sent; i++)
    captions += strstr(d->sent[i].text, "greets") != NULL;
  assert_int_equal(captions, 1);
  assert_true(d->sent[0].caption);
  assert_null(find(&g, QF_PERSON, "Mark Carney"));
  assert_null(find(&g, QF_PERSON, "Donald Trump"));
  assert_null(find(&g, QF_DATE, "May 6, 2025"));
  assert_non_null(find(&g, QF_DATE, "1965"));
  /* the weekday is not a date without the article's own date */
  for (int i = 0; i < g.f.n; i++)
    if (g.f.v[i].type == QF_DATE) assert_null(strstr(g.f.v[i].answer, "Sunday"));
  got_free(&g);

  /* a line broken mid-sentence is joined; a broken duplicate is dropped */
  const char *broken =
      HEAD "Officials said the meeting was useful for their mutual\n\n"
      "security interests and trade.\n\n"
      "Officials and analysts cautioned that even if it happens, a summit "
      "will be\n\n"
      "Officials and analysts cautioned that, even if it happens, a summit "
      "will be just a start.\n";
  run(lx, broken, &g);
  d = &g.docs[0];
  assert_int_equal(d->n_sent, 2);
  assert_string_equal(d->sent[0].text,
                      "Officials said the meeting was useful for their "
                      "mutual security interests and trade.");
  got_free(&g);

  /* several articles in one file, separated by a form feed */
  const char *two = HEAD "Talks were held in Tokyo in 2019 by both sides.\n\f\n"
                    "Another headline for another article\n\n"
                    "Talks were held in Seoul in 2021 by both sides.\n";
  run(lx, two, &g);
  assert_int_equal(g.nd, 2);
  assert_string_equal(g.docs[1].title, "Another headline for another article");
  got_free(&g);
  qlex_close(lx);
}

/* ---- dates ------------------------------------------------------- */

static void test_dates(void **state) {
  (void)state;
  QLex *lx = lex();
  Got g;
  run(lx,
      HEAD "Japan ruled Korea in 1910-45 and again the 1910\xE2\x80\x93" "1945 "
      "period was studied. He served from 2008 to 2013 in office. "
      "They met on May 7, 2023 in Seoul. A second meeting was on 16 March "
      "2023 in Tokyo. The summit is on June 29-30 in Madrid. Ties were cut "
      "in March 2019 by both sides. Ties were restored in March by decree. "
      "Trade grew in the 1990s across Asia. Ties warmed since late 2019 "
      "after talks. The rate was 2015 per cent. Yoon may visit soon.",
      &g);
  const QFact *f = find(&g, QF_DATE, "1910-45");
  assert_non_null(f);
  assert_int_equal(f->sub, QD_RANGE);
  assert_string_equal(f->norm, "1910/1945");
  f = find(&g, QF_DATE, "1910\xE2\x80\x93" "1945");
  assert_non_null(f);
  assert_string_equal(f->norm, "1910/1945");
  f = find(&g, QF_DATE, "2008 to 2013");
  assert_non_null(f);
  assert_int_equal(f->year2, 2013);
  f = find(&g, QF_DATE, "May 7, 2023");
  assert_non_null(f);
  assert_string_equal(f->norm, "2023-05-07");
  f = find(&g, QF_DATE, "16 March 2023");
  assert_non_null(f);
  assert_string_equal(f->norm, "2023-03-16");
  f = find(&g, QF_DATE, "June 29-30");
  assert_non_null(f);
  assert_int_equal(f->sub, QD_DAYRANGE);
  f = find(&g, QF_DATE, "March 2019");
  assert_non_null(f);
  assert_int_equal(f->sub, QD_MONTHYEAR);
  f = find(&g, QF_DATE, "March");
  assert_non_null(f);
  assert_int_equal(f->sub, QD_MONTH);
  assert_non_null(find(&g, QF_DATE, "the 1990s"));
  f = find(&g, QF_DATE, "late 2019");
  assert_non_null(f);
  assert_int_equal(f->year, 2019);
  /* not dates: a percentage that looks like a year, the modal "may" */
  assert_null(find(&g, QF_DATE, "2015"));
  assert_null(find(&g, QF_DATE, "May"));
  got_free(&g);

  /* relative dates need the article's own date */
  run(lx, HEAD "Kishida became prime minister last October after a vote. "
               "Yoon will visit Tokyo on Sunday for talks.", &g);
  for (int i = 0; i < g.f.n; i++) assert_int_not_equal(g.f.v[i].type, QF_DATE);
  got_free(&g);
  run(lx, "A headline for the dated test article\n\nMay 18, 2023\n\n"
          "Kishida became prime minister last October after a vote. "
          "Yoon will visit Tokyo on Sunday for talks.", &g);
  assert_int_equal(g.docs[0].year, 2023);
  f = find(&g, QF_DATE, "October 2022");
  assert_non_null(f);
  assert_string_equal(f->surface, "last October");
  f = find(&g, QF_DATE, "May 21, 2023"); /* the coming Sunday */
  assert_non_null(f);
  assert_string_equal(f->surface, "Sunday");
  got_free(&g);
  qlex_close(lx);
}

/* ---- people ------------------------------------------------------- */

static void test_people(void **state) {
  (void)state;
  QLex *lx = lex();
  Got g;
  run(lx,
      HEAD "South Korean President Yoon Suk Yeol went to Tokyo for talks. "
      "Later, Yoon Suk-yeol met Japanese foreign minister Yoshimasa Hayashi "
      "in Seoul. \xE2\x80\x9CWe agree,\xE2\x80\x9D said Sheila Smith, a "
      "scholar at the Council on Foreign Relations, in an email. "
      "Smith wrote more about the plan. Yoon answered quickly. Many South Koreans disagree "
      "with the plan. Moon Jae-in, Yoon\xE2\x80\x99s leftwing predecessor, "
      "stayed silent.",
      &g);
  const QFact *f = find(&g, QF_PERSON, "Yoon Suk Yeol");
  assert_non_null(f);
  assert_string_equal(f->role, "South Korean President");
  assert_true(f->subject);
  /* the hyphenated spelling has the same key */
  const QFact *v = find(&g, QF_PERSON, "Yoon Suk-yeol");
  assert_non_null(v);
  assert_string_equal(v->key, f->key);
  f = find(&g, QF_PERSON, "Yoshimasa Hayashi");
  assert_non_null(f);
  assert_string_equal(f->role, "Japanese foreign minister");
  f = find(&g, QF_PERSON, "Sheila Smith");
  assert_non_null(f);
  assert_non_null(strstr(f->role, "scholar at the Council on Foreign Relations"));
  assert_true(f->speaker);
  f = find(&g, QF_PERSON, "Moon Jae-in");
  assert_non_null(f);
  assert_non_null(strstr(f->role, "leftwing predecessor"));
  /* "South Koreans" is a people, not a person */
  assert_null(find(&g, QF_PERSON, "South Koreans"));
  /* later mentions by surname are linked to the full name */
  int smith = 0, yoon_short = 0;
  for (int i = 0; i < g.f.n; i++) {
    const QFact *x = &g.f.v[i];
    if (x->type == QF_PERSON && !x->full && !strcmp(x->answer, "Sheila Smith"))
      smith++;
    if (x->type == QF_PERSON && !x->full && x->surface &&
        !strcmp(x->surface, "Yoon"))
      yoon_short++;
  }
  assert_int_equal(smith, 1);
  assert_true(yoon_short >= 1);
  got_free(&g);

  /* an ambiguous surname is not linked */
  run(lx, HEAD "Adviser Kim Sung-han met diplomat Kim Gunn in Seoul. "
               "Kim said the talks went well.", &g);
  for (int i = 0; i < g.f.n; i++)
    if (g.f.v[i].type == QF_PERSON) assert_true(g.f.v[i].full);
  assert_int_equal(count_type(&g, QF_PERSON), 2);
  got_free(&g);
  qlex_close(lx);
}

/* ---- places and organisations ------------------------------------ */

static void test_places(void **state) {
  (void)state;
  QLex *lx = lex();
  Got g;
  run(lx,
      HEAD "Leaders met at the NATO summit in Madrid on Wednesday. "
      "They held talks at the presidential office in Seoul later. "
      "Yoon and Kishida will visit a Hiroshima memorial together. "
      "Tokyo protested the ruling strongly. "
      "The plan is popular in Japan among voters. "
      "Samsung Electronics is building a chip facility in Yokohama, Japan. "
      "The 1945 atomic bombing of Hiroshima killed many people. "
      "He studied at the University of Tokyo for years. "
      "U.S. President Joe Biden hosted the two leaders at Camp David in "
      "August.",
      &g);
  const QFact *f = find(&g, QF_PLACE, "Madrid");
  assert_non_null(f);
  assert_int_equal(f->sub, QP_CITY);
  assert_non_null(strstr(f->role, "Spain"));
  f = find(&g, QF_PLACE, "presidential office");
  assert_non_null(f);
  assert_int_equal(f->sub, QP_VENUE);
  assert_non_null(find(&g, QF_PLACE, "Seoul"));
  assert_non_null(find(&g, QF_PLACE, "Hiroshima memorial"));
  assert_non_null(find(&g, QF_PLACE, "Yokohama"));
  assert_non_null(find(&g, QF_PLACE, "Hiroshima"));
  /* actors and places without an event are not places of events */
  assert_null(find(&g, QF_PLACE, "Tokyo"));
  assert_null(find(&g, QF_PLACE, "Japan"));
  /* organisations */
  assert_non_null(find(&g, QF_ORG, "NATO"));
  assert_non_null(find(&g, QF_ORG, "Samsung Electronics"));
  assert_non_null(find(&g, QF_ORG, "University of Tokyo"));
  assert_null(find(&g, QF_PLACE, "University of Tokyo"));
  /* a named venue after "at" is a place, not a person */
  f = find(&g, QF_PLACE, "Camp David");
  assert_non_null(f);
  assert_int_equal(f->sub, QP_VENUE);
  assert_null(find(&g, QF_PERSON, "Camp David"));
  f = find(&g, QF_PERSON, "Joe Biden");
  assert_non_null(f);
  /* a dotted nationality belongs to the title */
  assert_string_equal(f->role, "U.S. President");
  assert_true(f->subject);
  got_free(&g);
  qlex_close(lx);
}

/* ---- figures ------------------------------------------------------ */

static void test_numbers(void **state) {
  (void)state;
  QLex *lx = lex();
  Got g;
  run(lx,
      HEAD "Polls suggest about 60% of South Koreans oppose the plan. "
      "A poll found 63 per cent of voters agree with it. "
      "More than 30,000 Koreans died in the attack that year. "
      "He is the first leader to visit in five years since the war. "
      "It was the end of a three-day gathering in the city.",
      &g);
  const QFact *f = find(&g, QF_NUMBER, "60%");
  assert_non_null(f);
  assert_int_equal(f->sub, QN_PERCENT);
  assert_true(f->value == 60.0);
  assert_non_null(strstr(f->role, "South Koreans"));
  f = find(&g, QF_NUMBER, "63 per cent");
  assert_non_null(f);
  char *k1 = extract_key("63 per cent"), *k2 = extract_key("63%");
  assert_string_equal(k1, k2);
  free(k1);
  free(k2);
  f = find(&g, QF_NUMBER, "30,000");
  assert_non_null(f);
  assert_true(f->value == 30000.0);
  assert_string_equal(f->role, "Koreans");
  assert_non_null(find(&g, QF_NUMBER, "five years"));
  assert_non_null(find(&g, QF_NUMBER, "three-day"));
  got_free(&g);
  qlex_close(lx);
}

/* ---- keys and missing data ---------------------------------------- */

static void test_keys(void **state) {
  (void)state;
  char *a = extract_key("Kohtar\xC5\x8D Ito");
  char *b = extract_key("kohtaro ito");
  assert_string_equal(a, b);
  free(a);
  free(b);
  a = extract_key("The Genron NPO");
  b = extract_key("Genron NPO");
  assert_string_equal(a, b);
  free(a);
  free(b);
  a = extract_key("South Korea\xE2\x80\x99s");
  b = extract_key("south korea");
  assert_string_equal(a, b);
  free(a);
  free(b);
  a = extract_key("A");
  assert_string_equal(a, "a"); /* a lone article is kept */
  free(a);
}

static void test_missing_data(void **state) {
  (void)state;
  QLexPaths p = {"/nonexistent/words", "/nonexistent/iso.json", 1};
  QLex *lx = NULL;
  assert_int_equal(qlex_open(&p, &lx), 0);
  assert_non_null(strstr(qlex_warnings(lx), "/nonexistent/words"));
  assert_non_null(strstr(qlex_warnings(lx), "/nonexistent/iso.json"));
  Got g;
  run(lx, HEAD "South Korean President Yoon Suk Yeol met Fumio Kishida in "
               "2023 at the summit in Hiroshima.", &g);
  assert_non_null(find(&g, QF_PERSON, "Yoon Suk Yeol"));
  assert_non_null(find(&g, QF_DATE, "2023"));
  got_free(&g);
  qlex_close(lx);
}

/* Follow-up on quiz quality for unseen articles: invented sentences, so
 * that no rule can lean on the names of the corpus. */
static void test_facility_names(void **state) {
  (void)state;
  QLex *lx = lex();
  Got g;
  run(lx,
      HEAD "Engineers shut down the Morvan Kessel nuclear power plant after "
      "a fault, Marta Quill told reporters. "
      "Delegates stayed at the Grand Velloria Hotel during the talks. "
      "The envoys toured the Tarsk Orvel shipyard on Monday. "
      "Tomas Rieger said the Brennick Ostara reactor was safe.",
      &g);
  /* a name before a facility head names the facility */
  assert_null(find(&g, QF_PERSON, "Morvan Kessel"));
  assert_null(find(&g, QF_PERSON, "Grand Velloria Hotel"));
  assert_null(find(&g, QF_PERSON, "Grand Velloria"));
  assert_null(find(&g, QF_PERSON, "Tarsk Orvel"));
  assert_null(find(&g, QF_PERSON, "Brennick Ostara"));
  /* people next to them still are people */
  assert_non_null(find(&g, QF_PERSON, "Marta Quill"));
  assert_non_null(find(&g, QF_PERSON, "Tomas Rieger"));
  got_free(&g);
  qlex_close(lx);
}

static void test_meeting_places_and_dates(void **state) {
  (void)state;
  QLex *lx = lex();
  Got g;
  /* a dateline whose month has no period; "Feb. 9" then has a year */
  run(lx,
      "Portugal and Norway settle a long fishing dispute\n\n"
      "LISBON (Feb 12, 2021) - French President Anne Coulon met her "
      "Spanish counterpart, Luis Ferrer, in Lyon, France, on Feb. 9 for a "
      "bilateral meeting.\n\n"
      "Portuguese Prime Minister Dana Holt and Norwegian Prime Minister "
      "Erik Lund met on Thursday on the sidelines of the Organization for "
      "Security and Co-operation in Europe (OSCE) summit in Vienna.\n",
      &g);
  assert_int_equal(g.nd, 1);
  assert_int_equal(g.docs[0].year, 2021);
  assert_int_equal(g.docs[0].month, 2);
  assert_int_equal(g.docs[0].day, 12);
  /* the meeting verb reaches the place across the appositive name */
  const QFact *f = find(&g, QF_PLACE, "Lyon");
  assert_non_null(f);
  assert_int_equal(f->sub, QP_CITY);
  assert_non_null(find(&g, QF_PLACE, "Vienna"));
  f = find(&g, QF_DATE, "February 9, 2021");
  assert_non_null(f);
  assert_int_equal(f->sub, QD_FULL);
  assert_string_equal(f->norm, "2021-02-09");
  assert_string_equal(f->surface, "Feb. 9");
  /* "on Thursday" from the dateline's date */
  assert_non_null(find(&g, QF_DATE, "February 11, 2021"));
  got_free(&g);
  /* without an article date the abbreviated month still gives a date */
  run(lx, HEAD "The envoys met in Oslo on Sept. 3 for talks on fishing.", &g);
  f = find(&g, QF_DATE, "Sept. 3");
  assert_non_null(f);
  assert_int_equal(f->sub, QD_MONTHDAY);
  assert_string_equal(f->norm, "--09-03");
  got_free(&g);
  qlex_close(lx);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_bad_input),  cmocka_unit_test(test_sentences),
      cmocka_unit_test(test_markdown),   cmocka_unit_test(test_html),
      cmocka_unit_test(test_furniture),  cmocka_unit_test(test_dates),
      cmocka_unit_test(test_people),     cmocka_unit_test(test_places),
      cmocka_unit_test(test_numbers),    cmocka_unit_test(test_keys),
      cmocka_unit_test(test_missing_data),
      cmocka_unit_test(test_facility_names),
      cmocka_unit_test(test_meeting_places_and_dates),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
