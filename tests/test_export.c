/* test_export.c - export to Anki TSV and to the portable deck file, and
 * the round trip back through import with nothing lost. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <zip.h>

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

/* ---- review history ------------------------------------------------ */

#define T0 INT64_C(1700000000)

/* Answers every new card of `deck` for `profile` four times over two
 * weeks (ratings from `pattern`); each answer at its own second. */
static int study(Store *s, const char *profile, const char *deck, const int *pattern, int np,
                 int64_t offset) {
  int64_t pid, did, *ids = NULL;
  int n = 0, answers = 0;
  assert_int_equal(store_profile_ensure(s, profile, &pid), 0);
  assert_int_equal(store_deck_find(s, deck, &did), 0);
  assert_int_equal(store_cards_new(s, pid, did, 100, &ids, &n), 0);
  static const int64_t when[] = {0, 600, 2 * 86400, 12 * 86400};
  for (int k = 0; k < 4; k++)
    for (int i = 0; i < n; i++) {
      int rating = pattern[(i + k) % np];
      assert_int_equal(store_answer(s, ids[i], rating, T0 + offset + when[k] + i * 7, 1000 + i,
                                    (StudyMode)((i + k) % 5), NULL),
                       0);
      answers++;
    }
  free(ids);
  return answers;
}

/* Two profiles' study of the "Geo" decks; returns the number of answers. */
static int study_two_profiles(Store *s) {
  static const int ana[] = {3, 1, 4, 3, 2}, ben[] = {1, 3};
  int n = study(s, "ana", "Geo", ana, 5, 0) + study(s, "ana", "Geo::Europe", ana, 5, 100);
  /* ben only studies the sub-deck */
  n += study(s, "ben", "Geo::Europe", ben, 2, 50000);
  int64_t geo, note;
  assert_int_equal(store_deck_find(s, "Geo", &geo), 0);
  assert_int_equal(store_note_find(s, geo, "g-mcq", &note), 0);
  assert_int_equal(store_note_set_suspended(s, note, 1), 0);
  return n;
}

static void same_sched(const SchedCard *x, const SchedCard *y, int64_t pos_x, int64_t pos_y) {
  assert_int_equal(x->state, y->state);
  assert_int_equal(x->step, y->step);
  assert_true(x->stability == y->stability);
  assert_true(x->difficulty == y->difficulty);
  assert_true(x->ease == y->ease);
  if (x->state == SCHED_NEW) { /* a queue position: the note id of each database */
    assert_int_equal(x->due, pos_x);
    assert_int_equal(y->due, pos_y);
  } else {
    assert_int_equal(x->due, y->due);
  }
  assert_int_equal(x->last_review, y->last_review);
  assert_int_equal(x->scheduled_days, y->scheduled_days);
  assert_int_equal(x->reps, y->reps);
  assert_int_equal(x->lapses, y->lapses);
}

/* Every card of every note of `deck` (all profiles) and its review rows
 * are the same in both databases; returns the number of review rows. */
static int same_history(Store *a, Store *b, const char *deck) {
  int na, rows = 0;
  int64_t db;
  StoreNote *x = notes_of(a, deck, &na);
  assert_int_equal(store_deck_find(b, deck, &db), 0);
  for (int i = 0; i < na; i++) {
    int64_t nb;
    assert_int_equal(store_note_find(b, db, x[i].guid, &nb), 0);
    StoreCardHistory *ha = NULL, *hb = NULL;
    int ca = 0, cb = 0;
    assert_int_equal(store_note_history(a, x[i].id, &ha, &ca), 0);
    assert_int_equal(store_note_history(b, nb, &hb, &cb), 0);
    assert_int_equal(ca, cb);
    assert_true(ca >= 2); /* two profiles at least */
    for (int c = 0; c < ca; c++) {
      assert_string_equal(ha[c].profile, hb[c].profile);
      assert_int_equal(ha[c].ord, hb[c].ord);
      assert_int_equal(ha[c].suspended, hb[c].suspended);
      same_sched(&ha[c].sched, &hb[c].sched, x[i].id, nb);
      assert_int_equal(ha[c].n_reviews, hb[c].n_reviews);
      for (int k = 0; k < ha[c].n_reviews; k++) {
        const StoreReview *ra = &ha[c].reviews[k].review, *rb = &hb[c].reviews[k].review;
        assert_int_equal(rb->card, hb[c].sched.id);
        assert_int_equal(ra->time, rb->time);
        assert_int_equal(ra->rating, rb->rating);
        assert_int_equal(ra->state_before, rb->state_before);
        assert_int_equal(ra->elapsed_days, rb->elapsed_days);
        assert_int_equal(ra->scheduled_days, rb->scheduled_days);
        assert_int_equal(ra->answer_ms, rb->answer_ms);
        assert_int_equal(ra->mode, rb->mode);
        same_sched(&ha[c].reviews[k].before, &hb[c].reviews[k].before, x[i].id, nb);
      }
      rows += ha[c].n_reviews;
    }
    store_history_free(ha, ca);
    store_history_free(hb, cb);
  }
  store_notes_free(x, na);
  return rows;
}

static int export_history(Store *s, const char *path, DeckfileExportStats *st) {
  char err[512];
  int rc = deckfile_export_ex(s, "Geo", 0, T0, DECKFILE_DECK, 1, path, st, err, sizeof err);
  if (rc) fail_msg("%s", err);
  return rc;
}

static void import_history(Store *s, const char *path, StoreSyncStats *st,
                           StoreRestoreStats *hist) {
  ImportResult r;
  char err[512];
  assert_int_equal(import_file(path, NULL, &r), 0);
  for (int i = 0; i < r.n_problems; i++) fprintf(stderr, "%s\n", r.problems[i].message);
  assert_int_equal(r.n_problems, 0);
  if (import_commit_history(s, &r, st, hist, err, sizeof err)) fail_msg("%s", err);
  importres_free(&r);
}

static void test_history_round_trip(void **state) {
  Fx *f = *state;
  fill(f->a);
  int answers = study_two_profiles(f->a);
  /* cards: Geo 2 notes, Europe 1 note x 2 cards; ana studies all 4, ben
   * the 2 cloze cards; the suspended mcq card of ben is carried too */
  char path[200];
  snprintf(path, sizeof path, "%s/geo.qdeck", f->dir);
  DeckfileExportStats es;
  assert_int_equal(export_history(f->a, path, &es), 0);
  assert_int_equal(es.notes, 3);
  assert_int_equal(es.history_cards, 7);
  assert_int_equal(es.history_reviews, answers);

  /* b numbers its notes differently: new cards' queue positions (their
   * note ids) must follow */
  StoreNote other;
  int64_t od;
  memset(&other, 0, sizeof other);
  other.guid = S("other");
  other.prompt = S("Other?");
  other.answer = S("Yes");
  assert_int_equal(store_deck_ensure(f->b, "Other", &od), 0);
  assert_int_equal(store_deck_sync(f->b, od, &other, 1, 0, NULL), 0);
  store_note_clear(&other);

  StoreSyncStats st;
  StoreRestoreStats hist;
  import_history(f->b, path, &st, &hist);
  assert_int_equal(st.added, 3);
  assert_int_equal(hist.cards, 7);
  assert_int_equal(hist.cards_kept, 0);
  assert_int_equal(hist.reviews, answers);
  assert_int_equal(hist.reviews_present, 0);
  int rows = same_history(f->a, f->b, "Geo") + same_history(f->a, f->b, "Geo::Europe");
  assert_int_equal(rows, answers);

  /* the undo information came along: undoing the last answer of each
   * profile gives the same card in both databases */
  const char *profiles[] = {"ana", "ben"};
  for (int p = 0; p < 2; p++) {
    int64_t pa, pb, ca, cb;
    StoreCard xa, xb;
    assert_int_equal(store_profile_find(f->a, profiles[p], &pa), 0);
    assert_int_equal(store_profile_find(f->b, profiles[p], &pb), 0);
    assert_int_equal(store_undo(f->a, pa, &ca), 0);
    assert_int_equal(store_undo(f->b, pb, &cb), 0);
    assert_int_equal(store_card_get(f->a, ca, &xa), 0);
    assert_int_equal(store_card_get(f->b, cb, &xb), 0);
    assert_int_equal(xa.ord, xb.ord);
    same_sched(&xa.sched, &xb.sched, xa.note, xb.note);
  }
  rows = same_history(f->a, f->b, "Geo") + same_history(f->a, f->b, "Geo::Europe");
  assert_int_equal(rows, answers - 2);
}

static void test_history_reimport(void **state) {
  Fx *f = *state;
  fill(f->a);
  int answers = study_two_profiles(f->a);
  char path[200];
  snprintf(path, sizeof path, "%s/geo.qdeck", f->dir);
  DeckfileExportStats es;
  assert_int_equal(export_history(f->a, path, &es), 0);
  StoreSyncStats st;
  StoreRestoreStats hist;
  import_history(f->b, path, &st, &hist);
  /* the same file again: no duplicate rows */
  import_history(f->b, path, &st, &hist);
  assert_int_equal(st.unchanged, 3);
  assert_int_equal(hist.reviews, 0);
  assert_int_equal(hist.reviews_present, answers);
  assert_int_equal(same_history(f->a, f->b, "Geo") + same_history(f->a, f->b, "Geo::Europe"),
                   answers);

  /* ana studies on in b; importing the old file again keeps that progress */
  int64_t pid, geo, note, *ids = NULL;
  int n = 0;
  assert_int_equal(store_profile_find(f->b, "ana", &pid), 0);
  assert_int_equal(store_deck_find(f->b, "Geo", &geo), 0);
  assert_int_equal(store_note_find(f->b, geo, "g-qa", &note), 0);
  StoreCardHistory *h = NULL;
  int nh = 0;
  assert_int_equal(store_note_history(f->b, note, &h, &nh), 0);
  int64_t card = 0;
  for (int i = 0; i < nh; i++)
    if (strcmp(h[i].profile, "ana") == 0) card = h[i].sched.id;
  store_history_free(h, nh);
  assert_true(card > 0);
  StoreCard after, now;
  assert_int_equal(store_answer(f->b, card, 3, T0 + 400 * 86400, 900, STUDY_TYPED, &after), 0);
  import_history(f->b, path, &st, &hist);
  assert_int_equal(hist.cards_kept, 1);
  assert_int_equal(hist.cards, es.history_cards - 1);
  assert_int_equal(hist.reviews, 0);
  assert_int_equal(store_card_get(f->b, card, &now), 0);
  same_sched(&after.sched, &now.sched, 0, 0);
  free(ids);
  (void)n;
}

static char *zip_json(const char *path) {
  int ze = 0;
  zip_t *za = zip_open(path, ZIP_RDONLY, &ze);
  assert_non_null(za);
  zip_stat_t zs;
  assert_int_equal(zip_stat(za, DECKFILE_ENTRY, 0, &zs), 0);
  char *buf = calloc(1, (size_t)zs.size + 1);
  zip_file_t *zf = zip_fopen(za, DECKFILE_ENTRY, 0);
  assert_int_equal(zip_fread(zf, buf, zs.size), (zip_int64_t)zs.size);
  zip_fclose(zf);
  zip_discard(za);
  return buf;
}

static void write_zip_json(const char *path, const char *json) {
  int ze = 0;
  zip_t *za = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &ze);
  assert_non_null(za);
  zip_source_t *src = zip_source_buffer(za, json, strlen(json), 0);
  assert_non_null(src);
  assert_true(zip_file_add(za, DECKFILE_ENTRY, src, ZIP_FL_ENC_UTF_8) >= 0);
  assert_int_equal(zip_close(za), 0);
}

/* A hash of every card state and review count of the notes in deck "Geo"
 * (all profiles): a fingerprint of what an import could change. */
static uint64_t fingerprint(Store *s) {
  int64_t geo;
  uint64_t sum = 0;
  if (store_deck_find(s, "Geo", &geo) != 0) return 0;
  int n = 0;
  StoreNote *x = NULL;
  assert_int_equal(store_notes_list(s, geo, NULL, 0, 1000, &x, &n), 0);
  for (int i = 0; i < n; i++) {
    StoreCardHistory *h = NULL;
    int nh = 0;
    assert_int_equal(store_note_history(s, x[i].id, &h, &nh), 0);
    for (int c = 0; c < nh; c++) {
      sum = sum * 31u + (uint64_t)h[c].sched.reps * 7u + (uint64_t)h[c].sched.state +
            (uint64_t)h[c].suspended;
      sum = sum * 31u + (uint64_t)h[c].sched.due + (uint64_t)h[c].n_reviews;
    }
    store_history_free(h, nh);
  }
  store_notes_free(x, n);
  return sum * 1000u + (uint64_t)n;
}

static void test_history_corrupt_file(void **state) {
  Fx *f = *state;
  fill(f->a);
  study_two_profiles(f->a);
  char good[200], bad[200], err[512];
  snprintf(good, sizeof good, "%s/geo.qdeck", f->dir);
  snprintf(bad, sizeof bad, "%s/bad.qdeck", f->dir);
  DeckfileExportStats es;
  assert_int_equal(export_history(f->a, good, &es), 0);
  /* b already holds the deck with its history: a bad file must not touch it */
  StoreSyncStats st;
  StoreRestoreStats hist;
  import_history(f->b, good, &st, &hist);
  uint64_t before = fingerprint(f->b);
  assert_true(before != 0);

  char *json = zip_json(good);
  char *p = strstr(json, "\"state\":\"review\"");
  assert_non_null(p);
  memcpy(p, "\"state\":\"revues\"", 16);
  write_zip_json(bad, json);
  free(json);
  ImportResult r;
  assert_int_equal(import_file(bad, NULL, &r), 0);
  assert_true(r.n_errors >= 1);
  if (!strstr(r.problems[0].message, "\"state\" must be new, learning, review or"))
    fail_msg("%s", r.problems[0].message);
  char expect_file[260];
  snprintf(expect_file, sizeof expect_file, "%s/%s", bad, DECKFILE_ENTRY);
  assert_string_equal(r.problems[0].file, expect_file);
  assert_non_null(strstr(r.problems[0].message, "\"state\" must be new, learning, review or"));
  assert_non_null(strstr(r.problems[0].message, "deck 1 note "));
  assert_int_equal(import_commit_history(f->b, &r, &st, &hist, err, sizeof err), QD_EPARSE);
  importres_free(&r);
  assert_true(fingerprint(f->b) == before);

  /* a history that only the store rejects rolls the whole import back:
   * notes of a new deck included */
  assert_int_equal(import_file(good, NULL, &r), 0);
  free(r.decks[0].name);
  r.decks[0].name = strdup("Elsewhere");
  r.decks[r.n_decks - 1].history[0].cards[0].reviews[0].review.rating = 9;
  assert_int_equal(import_commit_history(f->b, &r, &st, &hist, err, sizeof err), QD_EINVAL);
  assert_non_null(strstr(err, "bad rating"));
  assert_non_null(strstr(err, good));
  importres_free(&r);
  int64_t id;
  assert_int_equal(store_deck_find(f->b, "Elsewhere", &id), QD_ENOTFOUND);
  assert_true(fingerprint(f->b) == before);
}

static void test_history_bad_fields(void **state) {
  (void)state;
#define HEAD "{\"format\": \"quizdeck-deck\", \"version\": 1, \"decks\": [{\"name\": \"D\", " \
             "\"notes\": [{\"guid\": \"x\", \"kind\": \"qa\", \"prompt\": \"p\", \"answer\": \"a\", "
#define CARD "{\"profile\": \"ana\", \"ord\": 0, \"state\": \"review\", \"due\": 5, \"reps\": 1, "
  const struct {
    const char *json, *problem;
  } cases[] = {
      {HEAD "\"history\": [" CARD "\"reviews\": [{\"time\": -5, \"rating\": 3, \"state_before\": 0}]}]}]}]}",
       "review 1: \"time\" must be"},
      {HEAD "\"history\": [" CARD "\"reviews\": [{\"time\": 9, \"rating\": 5, "
            "\"state_before\": 0}]}]}]}]}",
       "\"rating\" must be 1..4"},
      {HEAD "\"history\": [" CARD "\"reviews\": [{\"time\": 9, \"rating\": 0, "
            "\"state_before\": 0}]}]}]}]}",
       "\"rating\" must be 1..4"},
      {HEAD "\"history\": [{\"profile\": \"ana\", \"state\": \"forgotten\"}]}]}]}",
       "\"state\" must be new, learning"},
      {HEAD "\"history\": [{\"profile\": \"ana\", \"state\": \"review\"}]}]}]}",
       "\"due\" is missing"},
      {HEAD "\"history\": [" CARD "\"stability\": \"lots\"}]}]}]}", "\"stability\" must be"},
      {HEAD "\"history\": [" CARD "\"difficulty\": 11}]}]}]}", "\"difficulty\" must be"},
      {HEAD "\"history\": [" CARD "\"lapses\": -1}]}]}]}", "\"lapses\" must be"},
      {HEAD "\"history\": [" CARD "\"step\": 1.5}]}]}]}", "\"step\" must be"},
      {HEAD "\"history\": [{\"profile\": \"ana\", \"ord\": 1, \"state\": \"new\"}]}]}]}",
       "\"ord\" must be 0"},
      {HEAD "\"history\": [{\"state\": \"new\"}]}]}]}", "\"profile\" is missing"},
      {HEAD "\"history\": [" CARD "\"last_review\": -3}]}]}]}", "\"last_review\" must be"},
      {HEAD "\"history\": [" CARD "\"reviews\": [[1, 3]]}]}]}]}", "has 2 values"},
      {HEAD "\"history\": [" CARD "\"reviews\": [{\"time\": 9, \"rating\": 3, "
            "\"state_before\": 7}]}]}]}]}",
       "\"state_before\" must be 0..3"},
      {HEAD "\"history\": [" CARD "\"reviews\": [{\"time\": 9, \"rating\": 3, "
            "\"state_before\": 0, \"mode\": 9}]}]}]}]}",
       "\"mode\" must be 0..4"},
      {HEAD "\"history\": [" CARD "\"reviews\": [{\"time\": 9, \"rating\": 3}]}]}]}]}",
       "\"state_before\" is missing"},
      {HEAD "\"history\": [" CARD "\"suspended\": \"yes\"}]}]}]}", "\"suspended\" must be"},
      {HEAD "\"history\": [{\"profile\": \"ana\", \"state\": \"new\"}, {\"profile\": \"ana\", "
            "\"state\": \"new\", \"suspended\": true}]}]}]}",
       "repeats a card"},
      {HEAD "\"history\": {}}]}]}", "\"history\" must be a list"},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    ImportResult r;
    importres_init(&r, "d.qdeck", IMPORT_FMT_DECKFILE);
    assert_int_equal(
        deckfile_parse_json("d.qdeck", cases[i].json, strlen(cases[i].json), NULL, &r), 0);
    if (r.n_errors < 1 || !strstr(r.problems[0].message, cases[i].problem))
      fail_msg("case %zu: '%s'", i, r.n_problems ? r.problems[0].message : "(no problem)");
    assert_string_equal(r.problems[0].file, "d.qdeck/deck.json");
    assert_non_null(strstr(r.problems[0].message, "deck 1 note 1: "));
    assert_int_equal(importres_history_cards(&r), 0);
    importres_free(&r);
  }
  /* and a well-formed one with object rows and no undo columns */
  const char *ok = HEAD "\"history\": [" CARD "\"last_review\": 9, \"reviews\": [{\"time\": 9, "
                        "\"rating\": 3, \"state_before\": 0}]}]}]}]}";
  ImportResult r;
  importres_init(&r, "d.qdeck", IMPORT_FMT_DECKFILE);
  assert_int_equal(deckfile_parse_json("d.qdeck", ok, strlen(ok), NULL, &r), 0);
  assert_int_equal(r.n_problems, 0);
  assert_int_equal(importres_history_cards(&r), 1);
  assert_int_equal(importres_history_reviews(&r), 1);
  assert_int_equal(importres_history_profiles(&r), 1);
  const StoreHistoryReview *rv = &r.decks[0].history[0].cards[0].reviews[0];
  assert_int_equal(rv->review.time, 9);
  assert_int_equal(rv->before.state, SCHED_NEW);
  assert_int_equal(rv->before.reps, 1); /* the card's own values stand in */
  importres_free(&r);
#undef HEAD
#undef CARD
}

/* A deck file as the first version wrote it (no history, no
 * review_fields) still imports. */
static void test_old_deck_file(void **state) {
  Fx *f = *state;
  const char *json =
      "{\n \"format\": \"quizdeck-deck\",\n \"version\": 1,\n \"decks\": [\n  {\n   \"name\": "
      "\"Old\",\n   \"notes\": [\n    {\n     \"guid\": \"o1\",\n     \"kind\": \"qa\",\n     "
      "\"type\": null,\n     \"prompt\": \"2+2?\",\n     \"answer\": \"4\",\n     \"aliases\": "
      "[],\n     \"distractors\": [],\n     \"explanation\": null,\n     \"sources\": [],\n"
      "     \"tags\": null,\n     \"time_limit\": 0,\n     \"score\": 0.0,\n     \"n_cards\": 1\n"
      "    }\n   ]\n  }\n ]\n}";
  char path[200], err[512];
  snprintf(path, sizeof path, "%s/old.qdeck", f->dir);
  write_zip_json(path, json);
  ImportResult r;
  assert_int_equal(import_file(path, NULL, &r), 0);
  assert_int_equal(r.n_problems, 0);
  assert_string_equal(r.detail, "quizdeck deck file, version 1");
  assert_int_equal(importres_history_cards(&r), 0);
  StoreSyncStats st;
  StoreRestoreStats hist;
  assert_int_equal(import_commit_history(f->b, &r, &st, &hist, err, sizeof err), 0);
  assert_int_equal(st.added, 1);
  assert_int_equal(hist.cards + hist.reviews, 0);
  importres_free(&r);
}

static void test_history_needs_deck_format(void **state) {
  Fx *f = *state;
  fill(f->a);
  char path[200], err[512];
  snprintf(path, sizeof path, "%s/geo.tsv", f->dir);
  assert_int_equal(deckfile_export_ex(f->a, "Geo", 0, 0, DECKFILE_TSV, 1, path, NULL, err,
                                      sizeof err),
                   QD_EINVAL);
  assert_non_null(strstr(err, "only the deck format carries history"));
  assert_int_equal(access(path, F_OK), -1);
  /* without any study the history is empty and the file is the plain one */
  snprintf(path, sizeof path, "%s/geo.qdeck", f->dir);
  DeckfileExportStats es;
  assert_int_equal(export_history(f->a, path, &es), 0);
  assert_int_equal(es.history_cards, 0);
  assert_int_equal(es.history_reviews, 0);
  /* an export is for sharing: not the 0600 of its temporary file */
  struct stat sb;
  mode_t mask = umask(022);
  umask(mask);
  assert_int_equal(stat(path, &sb), 0);
  assert_int_equal(sb.st_mode & 0777, 0666 & ~mask);
}

#ifdef QD_QUIZDECK_BIN
/* Runs quizdeck with args (NULL-terminated), stdin from /dev/null, both
 * outputs into out; returns the exit code. */
static int run_cli(char *out, size_t cap, const char *const *args) {
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
    const char *argv[16];
    int n = 0;
    argv[n++] = QD_QUIZDECK_BIN;
    for (; *args && n < 15; args++) argv[n++] = *args;
    argv[n] = NULL;
    execv(QD_QUIZDECK_BIN, (char *const *)argv);
    _exit(127);
  }
  close(pipefd[1]);
  size_t len = 0;
  ssize_t got;
  while ((got = read(pipefd[0], out + len, cap - 1 - len)) > 0) len += (size_t)got;
  out[len] = '\0';
  close(pipefd[0]);
  int status;
  waitpid(pid, &status, 0);
  print_message("%s", out);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

#define CLI(out, ...) run_cli((out), sizeof(out), (const char *const[]){__VA_ARGS__, NULL})

static void has(const char *out, const char *text) {
  if (!strstr(out, text)) fail_msg("output lacks '%s':\n%s", text, out);
}

static void test_history_cli(void **state) {
  Fx *f = *state;
  fill(f->a);
  int answers = study_two_profiles(f->a);
  char a[200], b[200], deck[200], tsv[200], out[8192], want[200];
  snprintf(a, sizeof a, "%s/a.db", f->dir);
  snprintf(b, sizeof b, "%s/b.db", f->dir);
  snprintf(deck, sizeof deck, "%s/geo.qdeck", f->dir);
  snprintf(tsv, sizeof tsv, "%s/geo.tsv", f->dir);
  assert_int_equal(CLI(out, "--db", a, "export", "Geo", tsv, "--with-history"), 2);
  has(out, "--with-history needs the deck format");
  assert_int_equal(access(tsv, F_OK), -1);
  assert_int_equal(CLI(out, "--db", a, "export", "Geo", deck, "--format", "tsv", "--with-history"),
                   2);
  assert_int_equal(CLI(out, "--db", a, "export", "Geo", deck, "--with-history"), 0);
  snprintf(want, sizeof want, "with the review history of 7 cards (%d reviews)", answers);
  has(out, want);
  assert_int_equal(CLI(out, "--db", b, "import", deck, "--dry-run"), 0);
  snprintf(want, sizeof want, "review history: 7 cards, %d reviews in 2 profiles", answers);
  has(out, want);
  snprintf(want, sizeof want, "would restore the history of 7 cards (%d reviews)", answers);
  has(out, want);
  int64_t id;
  assert_int_equal(store_deck_find(f->b, "Geo", &id), QD_ENOTFOUND);
  assert_int_equal(CLI(out, "--db", b, "import", deck), 0);
  snprintf(want, sizeof want, "review history: restored 7 cards and %d reviews\n", answers);
  has(out, want);
  assert_int_equal(CLI(out, "--db", b, "import", deck), 0);
  snprintf(want, sizeof want, "restored 7 cards and 0 reviews (%d already here)", answers);
  has(out, want);
  assert_int_equal(same_history(f->a, f->b, "Geo") + same_history(f->a, f->b, "Geo::Europe"),
                   answers);
}
#endif

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup_teardown(test_deck_file_round_trip, setup, teardown),
      cmocka_unit_test_setup_teardown(test_tsv, setup, teardown),
      cmocka_unit_test_setup_teardown(test_export_failures, setup, teardown),
      cmocka_unit_test(test_bad_deck_files),
      cmocka_unit_test_setup_teardown(test_history_round_trip, setup, teardown),
      cmocka_unit_test_setup_teardown(test_history_reimport, setup, teardown),
      cmocka_unit_test_setup_teardown(test_history_corrupt_file, setup, teardown),
      cmocka_unit_test(test_history_bad_fields),
      cmocka_unit_test_setup_teardown(test_old_deck_file, setup, teardown),
      cmocka_unit_test_setup_teardown(test_history_needs_deck_format, setup, teardown),
#ifdef QD_QUIZDECK_BIN
      cmocka_unit_test_setup_teardown(test_history_cli, setup, teardown),
#endif
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
