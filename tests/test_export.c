/* test_export.c - export to Anki TSV and to the portable deck file, and
 * the round trip back through import with nothing lost. */
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

#include "deckfile.h"
#include "error.h"
#include "fsrs.h"
#include "import.h"
#include "store.h"

typedef struct Fx {
  char dir[64];
  Store *a, *b;
} Fx;

static Store *open_in(const char *dir, const char *name) {
  char p[200], err[256];
  Store *s = NULL;
  snprintf(p, sizeof p, "%s/%s", dir, name);
  if (store_open(p, 0, &s, err, sizeof err)) fail_msg("%s", err);
  return s;
}

static int setup(void **state) {
  Fx *f = calloc(1, sizeof *f);
  strcpy(f->dir, "/tmp/qd-exp-XXXXXX");
  if (!mkdtemp(f->dir)) return -1;
  f->a = open_in(f->dir, "a.db");
  f->b = open_in(f->dir, "b.db");
  *state = f;
  return 0;
}

static int teardown(void **state) {
  Fx *f = *state;
  store_close(f->a);
  store_close(f->b);
  char cmd[200];
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", f->dir);
  if (system(cmd) != 0) return -1;
  free(f);
  return 0;
}

static char *S(const char *s) { return strdup(s); }

static char **V2(const char *x, const char *y) {
  char **v = calloc(2, sizeof *v);
  v[0] = S(x);
  v[1] = S(y);
  return v;
}

/* A deck with every kind of note and every field set. */
static void fill(Store *s) {
  StoreNote n[3];
  memset(n, 0, sizeof n);
  n[0].guid = S("g-qa");
  n[0].kind = NOTE_QA;
  n[0].type = S("date");
  n[0].prompt = S("When did the\tKorean War \"end\"?");
  n[0].answer = S("1953");
  n[0].aliases = V2("July 1953", "27 July 1953");
  n[0].n_aliases = 2;
  n[0].explanation = S("An armistice,\nnot a peace treaty.");
  n[0].sources = calloc(1, sizeof *n[0].sources);
  n[0].sources[0].article = S("Korea talks.txt");
  n[0].sources[0].sentence = S("The fighting ended with the 1953 armistice.");
  n[0].n_sources = 1;
  n[0].tags = S("history korea");
  n[0].time_limit = 30;
  n[0].score = 0.75;
  n[0].n_cards = 1;
  n[1].guid = S("g-mcq");
  n[1].kind = NOTE_MCQ;
  n[1].prompt = S("Capital of Japan?");
  n[1].answer = S("Tokyo");
  n[1].distractors = V2("Kyoto", "Osaka");
  n[1].n_distractors = 2;
  n[1].time_limit = 20;
  n[1].n_cards = 1;
  n[2].guid = S("g-cloze");
  n[2].kind = NOTE_CLOZE;
  n[2].prompt = S("{{c1::Paris}} is in {{c2::France}}");
  n[2].answer = S("Paris is in France");
  n[2].n_cards = 2;
  n[2].score = -1.5;
  int64_t top, sub;
  assert_int_equal(store_deck_ensure(s, "Geo", &top), 0);
  assert_int_equal(store_deck_sync(s, top, n, 2, 0, NULL), 0);
  assert_int_equal(store_deck_ensure(s, "Geo::Europe", &sub), 0);
  assert_int_equal(store_deck_sync(s, sub, n + 2, 1, 0, NULL), 0);
  for (int i = 0; i < 3; i++) store_note_clear(&n[i]);
}

static StoreNote *notes_of(Store *s, const char *deck, int *cnt) {
  int64_t id;
  StoreNote *n = NULL;
  assert_int_equal(store_deck_find(s, deck, &id), 0);
  assert_int_equal(store_notes_list(s, id, NULL, 0, 1000, &n, cnt), 0);
  return n;
}

static void same_str(const char *a, const char *b) {
  if (!a || !b) {
    assert_true((!a || !*a) && (!b || !*b));
    return;
  }
  assert_string_equal(a, b);
}

static void same_note(const StoreNote *x, const StoreNote *y) {
  same_str(x->guid, y->guid);
  assert_int_equal(x->kind, y->kind);
  same_str(x->type, y->type);
  same_str(x->prompt, y->prompt);
  same_str(x->answer, y->answer);
  assert_int_equal(x->n_aliases, y->n_aliases);
  for (int i = 0; i < x->n_aliases; i++) same_str(x->aliases[i], y->aliases[i]);
  assert_int_equal(x->n_distractors, y->n_distractors);
  for (int i = 0; i < x->n_distractors; i++) same_str(x->distractors[i], y->distractors[i]);
  same_str(x->explanation, y->explanation);
  assert_int_equal(x->n_sources, y->n_sources);
  for (int i = 0; i < x->n_sources; i++) {
    same_str(x->sources[i].article, y->sources[i].article);
    same_str(x->sources[i].sentence, y->sources[i].sentence);
  }
  same_str(x->tags, y->tags);
  assert_int_equal(x->time_limit, y->time_limit);
  assert_true(x->score == y->score);
  assert_int_equal(x->n_cards ? x->n_cards : 1, y->n_cards ? y->n_cards : 1);
}

static void test_deck_file_round_trip(void **state) {
  Fx *f = *state;
  fill(f->a);
  int64_t geo;
  StoreDeckSettings set;
  assert_int_equal(store_deck_find(f->a, "Geo", &geo), 0);
  assert_int_equal(store_deck_settings(f->a, geo, &set), 0);
  set.new_per_day = 7;
  set.time_limit = 45;
  set.sched.algorithm = SCHED_SM2;
  set.sched.desired_retention = 0.85;
  set.sched.learn_steps[0] = 30;
  set.sched.learn_steps[1] = 300;
  set.sched.learn_steps[2] = 3600;
  set.sched.n_learn_steps = 3;
  set.sched.sm2_easy_bonus = 1.45;
  assert_int_equal(store_deck_set_settings(f->a, geo, &set), 0);
  char path[200], err[512];
  snprintf(path, sizeof path, "%s/geo.qdeck", f->dir);
  int n = 0;
  assert_int_equal(deckfile_export(f->a, "Geo", 0, 0, DECKFILE_DECK, path, &n, err, sizeof err),
                   0);
  assert_int_equal(n, 3);
  ImportResult r;
  assert_int_equal(import_file(path, NULL, &r), 0);
  assert_int_equal(r.format, IMPORT_FMT_DECKFILE);
  assert_int_equal(r.n_errors, 0);
  assert_int_equal(importres_notes(&r), 3);
  assert_int_equal(importres_cards(&r), 4);
  StoreSyncStats st;
  assert_int_equal(import_commit(f->b, &r, &st, err, sizeof err), 0);
  assert_int_equal(st.added, 3);
  importres_free(&r);
  const char *decks[] = {"Geo", "Geo::Europe"};
  for (int d = 0; d < 2; d++) {
    int ca, cb;
    StoreNote *x = notes_of(f->a, decks[d], &ca), *y = notes_of(f->b, decks[d], &cb);
    assert_int_equal(ca, cb);
    for (int i = 0; i < ca; i++) same_note(&x[i], &y[i]);
    store_notes_free(x, ca);
    store_notes_free(y, cb);
  }
  /* the deck's settings travel with it */
  int64_t ga, gb;
  StoreDeckSettings sa, sb;
  assert_int_equal(store_deck_find(f->a, "Geo", &ga), 0);
  assert_int_equal(store_deck_find(f->b, "Geo", &gb), 0);
  assert_int_equal(store_deck_settings(f->a, ga, &sa), 0);
  assert_int_equal(store_deck_settings(f->b, gb, &sb), 0);
  assert_int_equal(sb.new_per_day, 7);
  assert_int_equal(sb.time_limit, 45);
  assert_int_equal(sb.sched.algorithm, SCHED_SM2);
  assert_int_equal(sb.sched.n_learn_steps, 3);
  assert_int_equal(sb.sched.learn_steps[2], 3600);
  assert_true(sb.sched.desired_retention == sa.sched.desired_retention);
  assert_true(sb.sched.sm2_easy_bonus == sa.sched.sm2_easy_bonus);
  for (int i = 0; i < FSRS_NPARAMS; i++) assert_true(sb.sched.w[i] == sa.sched.w[i]);

  /* but never over the settings of a deck the user already has */
  sb.new_per_day = 3;
  assert_int_equal(store_deck_set_settings(f->b, gb, &sb), 0);

  /* and again: the same notes, unchanged */
  assert_int_equal(import_file(path, NULL, &r), 0);
  assert_int_equal(import_commit(f->b, &r, &st, err, sizeof err), 0);
  assert_int_equal(st.added, 0);
  assert_int_equal(st.unchanged, 3);
  importres_free(&r);
  assert_int_equal(store_deck_settings(f->b, gb, &sb), 0);
  assert_int_equal(sb.new_per_day, 3);
}

static void test_tsv(void **state) {
  Fx *f = *state;
  fill(f->a);
  char path[200], err[512];
  snprintf(path, sizeof path, "%s/geo.tsv", f->dir);
  assert_int_equal(deckfile_export(f->a, "Geo", 0, 0, DECKFILE_TSV, path, NULL, err, sizeof err),
                   0);
  FILE *fp = fopen(path, "rb");
  char head[4096];
  size_t len = fread(head, 1, sizeof head - 1, fp);
  head[len] = '\0';
  fclose(fp);
  assert_int_equal(strncmp(head, "#separator:tab\n#html:false\n", 27), 0);
  assert_non_null(strstr(head, "#guid column:6\n#notetype column:7\n"));
  assert_non_null(strstr(head, "\"When did the\tKorean War \"\"end\"\"?\"\t1953\t"));
  ImportResult r;
  assert_int_equal(import_file(path, NULL, &r), 0);
  assert_int_equal(r.n_errors, 0);
  assert_int_equal(r.format, IMPORT_FMT_DELIMITED);
  assert_int_equal(r.n_decks, 2);
  assert_string_equal(r.decks[0].name, "Geo");
  const StoreNote *x = &r.decks[0].notes[0];
  assert_string_equal(x->guid, "g-qa");
  assert_string_equal(x->prompt, "When did the\tKorean War \"end\"?");
  assert_string_equal(x->explanation, "An armistice,\nnot a peace treaty.");
  assert_string_equal(x->tags, "history korea");
  assert_string_equal(r.decks[1].name, "Geo::Europe");
  x = &r.decks[1].notes[0];
  assert_string_equal(x->guid, "g-cloze");
  assert_int_equal(x->kind, NOTE_CLOZE);
  assert_int_equal(x->n_cards, 2);
  assert_string_equal(x->prompt, "{{c1::Paris}} is in {{c2::France}}");
  assert_string_equal(x->answer, "Paris is in France");
  importres_free(&r);
}

static void test_export_failures(void **state) {
  Fx *f = *state;
  fill(f->a);
  char err[512], path[200];
  assert_int_equal(deckfile_export(f->a, "Nope", 0, 0, DECKFILE_TSV, "/tmp/x.tsv", NULL, err,
                                   sizeof err),
                   QD_ENOTFOUND);
  assert_non_null(strstr(err, "no such deck"));
  snprintf(path, sizeof path, "%s/missing-dir/out.qdeck", f->dir);
  assert_int_equal(deckfile_export(f->a, "Geo", 0, 0, DECKFILE_DECK, path, NULL, err, sizeof err),
                   QD_EIO);
  assert_non_null(strstr(err, "missing-dir/out.qdeck"));
  /* a failed export leaves no temporary file behind */
  DIR *d = opendir(f->dir);
  struct dirent *e;
  while ((e = readdir(d))) assert_null(strstr(e->d_name, ".tmp-"));
  closedir(d);
}

static void test_bad_deck_files(void **state) {
  (void)state;
  const struct {
    const char *json, *problem;
  } cases[] = {
      {"{\"format\": \"quizdeck-deck\", \"version\": 1, \"decks\": [", "not valid JSON"},
      {"{\"format\": \"other\", \"version\": 1, \"decks\": []}", "not a quizdeck deck file"},
      {"{\"format\": \"quizdeck-deck\", \"version\": 7, \"decks\": []}", "newer quizdeck"},
      {"{\"format\": \"quizdeck-deck\", \"version\": 1, \"decks\": [{\"name\": \"D\", \"notes\": "
       "[{\"guid\": \"x\", \"kind\": \"qa\", \"answer\": \"a\"}]}]}",
       "\"prompt\" is missing"},
      {"{\"format\": \"quizdeck-deck\", \"version\": 1, \"decks\": [{\"name\": \"D\", \"notes\": "
       "[{\"guid\": \"x\", \"kind\": \"essay\", \"prompt\": \"p\", \"answer\": \"a\"}]}]}",
       "unknown kind 'essay'"},
      {"{\"format\": \"quizdeck-deck\", \"version\": 1, \"decks\": [{\"name\": \"D\", \"notes\": "
       "[{\"guid\": \"x\", \"kind\": \"qa\", \"prompt\": 5, \"answer\": \"a\"}]}]}",
       "\"prompt\" must be text"},
      {"{\"format\": \"quizdeck-deck\", \"version\": 1, \"decks\": [{\"name\": \"D\", \"notes\": "
       "[], \"settings\": {\"desired_retention\": 5}}]}",
       "setting \"desired_retention\" is out of range"},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    ImportResult r;
    importres_init(&r, "d.qdeck", IMPORT_FMT_DECKFILE);
    assert_int_equal(
        deckfile_parse_json("d.qdeck", cases[i].json, strlen(cases[i].json), NULL, &r), 0);
    assert_true(r.n_problems >= 1);
    if (!strstr(r.problems[0].message, cases[i].problem))
      fail_msg("case %zu: '%s'", i, r.problems[0].message);
    assert_int_equal(importres_notes(&r), 0);
    importres_free(&r);
  }
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup_teardown(test_deck_file_round_trip, setup, teardown),
      cmocka_unit_test_setup_teardown(test_tsv, setup, teardown),
      cmocka_unit_test_setup_teardown(test_export_failures, setup, teardown),
      cmocka_unit_test(test_bad_deck_files),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
