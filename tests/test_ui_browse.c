/* test_ui_browse.c - the deck browser, headless (SDL's dummy video driver,
 * software renderer): laid out at 640x480, 1280x800 and 3840x2160 (and
 * large text, high contrast) without boxes outside the window or text
 * over text; search narrows the list; paging reads a page, not the deck;
 * an edit, a suspension and a deletion land in the store (read back
 * through a second connection).  Frames are kept as PNGs in argv[1]. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "app.h"
#include "ui_shot.h"
#include "error.h"
#include "store.h"

#define N_NOTES 150

static char g_dir[512] = ".";
static char g_db[600];

/* Note i (0-based) of the big deck. */
static void note_text(int i, char *prompt, size_t n) {
  if (i == 4)
    snprintf(prompt, n, "Question %03d: a deliberately long question to push "
             "the layout, which agreement, signed after many months of talks "
             "between the two governments and announced at a joint press "
             "conference, restored the intelligence-sharing pact?", i + 1);
  else if (i == 5)
    snprintf(prompt, n, "Question %03d: \xE5\xB2\xB8\xE7\x94\xB0\xE6\x96\x87"
             "\xE9\x9B\x84\xE9\xA6\x96\xE7\x9B\xB8\xE3\x81\xAF\xE3\x81\xA9"
             "\xE3\x81\x93\xE3\x82\x92\xE8\xA8\xAA\xE5\x95\x8F\xE3\x81\x97"
             "\xE3\x81\x9F\xE3\x81\x8B", i + 1);
  else if (i % 10 == 3)
    snprintf(prompt, n, "Question %03d: when did the leaders meet at "
             "Panmunjom?", i + 1);
  else
    snprintf(prompt, n, "Question %03d: who chaired summit number %d?", i + 1,
             i);
}

static void make_db(const char *path) {
  Store *s = NULL;
  char err[256];
  int64_t deck, empty, odd;
  assert_int_equal(store_open(path, 0, &s, err, sizeof err), 0);
  assert_int_equal(store_deck_ensure(s, "Korea news", &deck), 0);
  assert_int_equal(store_deck_ensure(s, "Empty deck", &empty), 0);
  assert_int_equal(store_begin(s), 0);
  for (int i = 0; i < N_NOTES; i++) {
    StoreNote n;
    StoreSource src[2];
    char guid[16], prompt[400], answer[64], sentence[200];
    char *dis[3] = {"Busan", "\xE6\x9D\xB1\xE4\xBA\xAC", "Incheon"};
    char *al[2] = {"the chair", "chair; acting"};
    memset(&n, 0, sizeof n);
    snprintf(guid, sizeof guid, "g%d", i);
    note_text(i, prompt, sizeof prompt);
    snprintf(answer, sizeof answer, "Answer %03d", i + 1);
    snprintf(sentence, sizeof sentence,
             "%s met in Seoul on day %d; the long source sentence wraps onto "
             "several lines when the window is small.",
             i % 7 == 0 ? "Kaesong delegates" : "The two leaders", i);
    src[0].article = "Seoul and Tokyo mend ties (Example News, 2023)";
    src[0].sentence = sentence;
    src[1].article = "Second article";
    src[1].sentence = "Another sentence that says the same.";
    n.guid = guid;
    n.prompt = prompt;
    n.answer = answer;
    n.kind = i % 3 == 0 ? NOTE_MCQ : NOTE_QA;
    n.type = i % 2 ? "person" : "date";
    if (n.kind == NOTE_MCQ) {
      n.distractors = dis;
      n.n_distractors = 3;
    }
    if (i % 5 == 1) {
      n.aliases = al;
      n.n_aliases = 2;
    }
    n.sources = src;
    n.n_sources = i % 4 == 0 ? 2 : (i == 2 ? 0 : 1);
    n.tags = i % 2 ? "korea summit" : NULL;
    assert_int_equal(store_note_put(s, deck, &n, NULL), 0);
  }
  assert_int_equal(store_commit(s), 0);
  /* odd notes: too long to edit, malformed UTF-8, a cloze, no source */
  assert_int_equal(store_deck_ensure(s, "Odd notes", &odd), 0);
  {
    StoreNote n;
    char *huge = malloc(6001);
    assert_non_null(huge);
    for (int i = 0; i < 6000; i++) huge[i] = "word "[i % 5];
    memcpy(huge, "Huge", 4);
    huge[6000] = '\0';
    memset(&n, 0, sizeof n);
    n.guid = "huge";
    n.prompt = huge;
    n.answer = "big";
    assert_int_equal(store_note_put(s, odd, &n, NULL), 0);
    free(huge);
    memset(&n, 0, sizeof n);
    n.guid = "bad-utf8";
    n.prompt = "Bad bytes \xFF\xFE in \xC3 the prompt";
    n.answer = "\xE2\x82 cut";
    assert_int_equal(store_note_put(s, odd, &n, NULL), 0);
    memset(&n, 0, sizeof n);
    n.guid = "cloze";
    n.kind = NOTE_CLOZE;
    n.prompt = "Seoul and Tokyo signed ____ in 2019.";
    n.answer = "GSOMIA";
    n.explanation = "The General Security of Military Information Agreement.";
    assert_int_equal(store_note_put(s, odd, &n, NULL), 0);
  }
  store_close(s);
}

static void shot(App *a, const char *name) {
  ui_shot(a, g_dir, "browse", name);
}

static void act(App *a, ActionKind k, int n) {
  Action x;
  memset(&x, 0, sizeof x);
  x.kind = k;
  x.n = n;
  app_action(a, &x);
  app_layout(a); /* as the loop does after each batch of events */
}

static void type_text(App *a, const char *t) {
  Action x;
  memset(&x, 0, sizeof x);
  x.kind = ACT_TEXT;
  snprintf(x.text, sizeof x.text, "%s", t);
  app_action(a, &x);
  app_layout(a);
}

/* Taps (finger down and up) the first button with this command. */
static int tap(App *a, int cmd, int arg) {
  app_layout(a);
  for (int i = 0; i < a->view.n; i++) {
    const Item *it = &a->view.items[i];
    if (it->kind == ITEM_PANEL && it->cmd == cmd && it->arg == arg) {
      Action x;
      memset(&x, 0, sizeof x);
      x.kind = ACT_POINTER_DOWN;
      x.x = it->r.x + it->r.w / 2;
      x.y = it->r.y + it->r.h / 2;
      x.arg = 1;
      app_action(a, &x);
      x.kind = ACT_POINTER_UP;
      app_action(a, &x);
      app_layout(a);
      return 1;
    }
  }
  return 0;
}

static int view_has_text(const App *a, const char *needle) {
  for (int i = 0; i < a->view.n; i++)
    if (a->view.items[i].kind == ITEM_TEXT &&
        strstr(view_item_text(&a->view, &a->view.items[i]), needle))
      return 1;
  return 0;
}

/* A text item that is exactly `label` (a button's). */
static int view_has_label(const App *a, const char *label) {
  for (int i = 0; i < a->view.n; i++)
    if (a->view.items[i].kind == ITEM_TEXT &&
        strcmp(view_item_text(&a->view, &a->view.items[i]), label) == 0)
      return 1;
  return 0;
}

static App *open_app(int w, int h, int hc, float scale) {
  AppOptions o;
  App *a = NULL;
  char err[512];
  memset(&o, 0, sizeof o);
  o.db_path = g_db;
  o.profile = "Teacher";
  o.mode = STUDY_FLIP;
  o.high_contrast = hc;
  o.scale = scale;
  o.width = w;
  o.height = h;
  o.hidden = 1;
  assert_int_equal(app_open(&o, &a, err, sizeof err), 0);
  SDL_SetWindowSize(a->win, w, h);
  app_layout(a);
  assert_int_equal(a->cur, SCR_DECKS);
  return a;
}

/* From the deck list into the browser of `deck` with the B key. */
static void browse_deck(App *a, const char *deck) {
  int found = -1;
  for (int i = 0; i < a->decks.n; i++)
    if (strcmp(a->decks.list[i].name, deck) == 0) found = i;
  assert_true(found >= 0);
  a->decks.sel = found;
  act(a, ACT_KEY, 'b');
  assert_int_equal(a->cur, SCR_BROWSE);
}

static const StoreNote *cur_note(const App *a) {
  const BrowseState *b = &a->browse;
  if (b->sel < b->offset || b->sel >= b->offset + b->n) return NULL;
  return &b->page[b->sel - b->offset];
}

static Store *reader(void) {
  Store *s = NULL;
  char err[256];
  assert_int_equal(store_open(g_db, 0, &s, err, sizeof err), 0);
  return s;
}

/* ---- layout at every size ------------------------------------------------ */

static void run_size(int w, int h, int hc, float scale) {
  App *a = open_app(w, h, hc, scale);
  shot(a, "decks");
  browse_deck(a, "Korea news");
  shot(a, "list");
  /* the long and the Japanese question, selected */
  act(a, ACT_DOWN, 0);
  act(a, ACT_DOWN, 0);
  act(a, ACT_DOWN, 0);
  act(a, ACT_DOWN, 0);
  assert_int_equal(a->browse.sel, 4);
  act(a, ACT_SPACE, 0); /* narrow windows: the note full width */
  shot(a, "detail_long");
  act(a, ACT_LEFT, 0);
  act(a, ACT_DOWN, 0);
  act(a, ACT_SPACE, 0);
  shot(a, "detail_ja");
  act(a, ACT_ACCEPT, 0);
  assert_int_equal(a->browse.mode, BROWSE_EDIT);
  shot(a, "edit");
  act(a, ACT_BACK, 0);
  assert_int_not_equal(a->browse.mode, BROWSE_EDIT);
  act(a, ACT_DELETE, 0);
  assert_int_equal(a->browse.mode, BROWSE_CONFIRM);
  shot(a, "confirm");
  act(a, ACT_BACK, 0);
  act(a, ACT_LEFT, 0);
  act(a, ACT_FIND, 0);
  type_text(a, "Panmunjom");
  shot(a, "search");
  act(a, ACT_ACCEPT, 0); /* leave the field */
  act(a, ACT_KEY, 's');
  shot(a, "suspended");
  act(a, ACT_KEY, 's');
  act(a, ACT_FIND, 0);
  type_text(a, "zzzznothing");
  shot(a, "no_match");
  act(a, ACT_BACK, 0); /* clears */
  act(a, ACT_BACK, 0); /* leaves the field */
  act(a, ACT_BACK, 0); /* to the decks */
  assert_int_equal(a->cur, SCR_DECKS);
  browse_deck(a, "Odd notes");
  shot(a, "odd");
  act(a, ACT_ACCEPT, 0); /* too long to edit here: refused, not cut */
  assert_int_equal(a->browse.mode, BROWSE_LIST);
  assert_true(a->toast.error);
  act(a, ACT_SPACE, 0);
  shot(a, "odd_huge");
  act(a, ACT_DOWN, 0);
  act(a, ACT_SPACE, 0);
  shot(a, "odd_bad_utf8");
  act(a, ACT_ACCEPT, 0);
  assert_int_equal(a->browse.mode, BROWSE_EDIT);
  shot(a, "odd_bad_utf8_edit");
  act(a, ACT_BACK, 0);
  act(a, ACT_DOWN, 0);
  act(a, ACT_SPACE, 0);
  shot(a, "odd_cloze");
  for (int i = 0; i < 3 && a->cur == SCR_BROWSE; i++) act(a, ACT_BACK, 0);
  assert_int_equal(a->cur, SCR_DECKS);
  browse_deck(a, "Empty deck");
  shot(a, "empty");
  act(a, ACT_ACCEPT, 0); /* nothing to edit */
  act(a, ACT_DELETE, 0);
  act(a, ACT_KEY, 's');
  assert_int_equal(a->browse.mode, BROWSE_LIST);
  act(a, ACT_BACK, 0);
  assert_int_equal(a->cur, SCR_DECKS);
  app_close(a);
}

static void test_small(void **state) {
  (void)state;
  run_size(640, 480, 0, 1.0f);
}
static void test_medium(void **state) {
  (void)state;
  run_size(1280, 800, 0, 1.0f);
}
static void test_4k(void **state) {
  (void)state;
  run_size(3840, 2160, 0, 1.0f);
}
static void test_small_large_text_contrast(void **state) {
  (void)state;
  run_size(640, 480, 1, 1.5f);
}

/* A note taller than a small window: Page Down scrolls it a section at
 * a time, down to the tags, and Page Up back. */
static void test_detail_scroll(void **state) {
  App *a = open_app(640, 480, 0, 1.5f);
  int steps = 0;
  (void)state;
  browse_deck(a, "Korea news");
  for (int i = 0; i < 4; i++) act(a, ACT_DOWN, 0);
  act(a, ACT_SPACE, 0);
  assert_int_equal(a->browse.mode, BROWSE_DETAIL);
  assert_true(a->browse.detail_more);
  assert_false(view_has_text(a, "TAGS"));
  while (a->browse.detail_more && steps < 10) {
    act(a, ACT_PAGE_DOWN, 0);
    steps++;
  }
  assert_false(a->browse.detail_more);
  assert_true(view_has_text(a, "SOURCE 2 OF 2"));
  shot(a, "detail_scrolled");
  act(a, ACT_PAGE_DOWN, 0); /* nothing more */
  assert_int_equal(a->browse.detail_skip, steps);
  for (int i = 0; i < steps + 2; i++) act(a, ACT_PAGE_UP, 0);
  assert_int_equal(a->browse.detail_skip, 0);
  assert_true(view_has_text(a, "QUESTION"));
  act(a, ACT_DOWN, 0); /* the next note starts at its top */
  act(a, ACT_PAGE_DOWN, 0);
  act(a, ACT_DOWN, 0);
  assert_int_equal(a->browse.detail_skip, 0);
  app_close(a);
}

/* ---- behaviour ----------------------------------------------------------- */

/* Counts the notes of the current list by going to its end (out of the
 * search field and back, where End would move the caret). */
static int list_count(App *a) {
  int searching = a->browse.searching;
  if (searching) act(a, ACT_ACCEPT, 0);
  act(a, ACT_END, 0);
  assert_true(a->browse.total >= 0);
  if (a->browse.total > 0) assert_int_equal(a->browse.sel, a->browse.total - 1);
  act(a, ACT_HOME, 0);
  if (searching) act(a, ACT_FIND, 0);
  return a->browse.total;
}

static void test_paging(void **state) {
  App *a = open_app(1280, 800, 0, 1.0f);
  char want[400];
  (void)state;
  browse_deck(a, "Korea news");
  assert_true(a->browse.n <= 64); /* a page, not the deck */
  act(a, ACT_END, 0);
  assert_int_equal(a->browse.sel, N_NOTES - 1);
  assert_true(a->browse.n <= 64);
  note_text(N_NOTES - 1, want, sizeof want);
  assert_non_null(cur_note(a));
  assert_string_equal(cur_note(a)->prompt, want);
  shot(a, "end");
  act(a, ACT_HOME, 0);
  assert_int_equal(a->browse.sel, 0);
  act(a, ACT_PAGE_DOWN, 0);
  assert_true(a->browse.sel > 1);
  for (int i = 0; i < 70; i++) act(a, ACT_DOWN, 0);
  note_text(a->browse.sel, want, sizeof want);
  assert_string_equal(cur_note(a)->prompt, want);
  act(a, ACT_SCROLL, -3);
  note_text(a->browse.sel, want, sizeof want);
  assert_string_equal(cur_note(a)->prompt, want);
  app_close(a);
}

static void test_search(void **state) {
  App *a = open_app(1280, 800, 0, 1.0f);
  int all, n;
  (void)state;
  browse_deck(a, "Korea news");
  all = list_count(a);
  assert_int_equal(all, N_NOTES);
  act(a, ACT_FIND, 0);
  assert_true(a->browse.searching);
  type_text(a, "panmun"); /* a prefix, any case */
  n = list_count(a);
  assert_int_equal(n, 15); /* i % 10 == 3 */
  for (int i = 0; i < a->browse.n; i++)
    assert_non_null(strstr(a->browse.page[i].prompt, "Panmunjom"));
  assert_true(view_has_text(a, "of 15 matches"));
  /* sources are searched too */
  act(a, ACT_BACK, 0); /* clears the query */
  assert_string_equal(a->browse.query.text, "");
  assert_int_equal(list_count(a), N_NOTES);
  type_text(a, "Kaesong");
  assert_int_equal(list_count(a), (N_NOTES + 6) / 7);
  /* FTS syntax in the query is just text */
  act(a, ACT_DELETE_WORD, 0);
  type_text(a, "\"AND (OR* NEAR");
  assert_int_equal(list_count(a), 0);
  assert_false(a->toast.error);
  shot(a, "fts_syntax");
  /* caret editing: Home, Delete, End */
  act(a, ACT_DELETE_WORD, 0);
  act(a, ACT_DELETE_WORD, 0);
  act(a, ACT_DELETE_WORD, 0);
  assert_string_equal(a->browse.query.text, "");
  type_text(a, "xsummit");
  act(a, ACT_HOME, 0);
  act(a, ACT_DELETE, 0);
  assert_string_equal(a->browse.query.text, "summit");
  act(a, ACT_END, 0);
  assert_int_equal(a->browse.query.caret, 6);
  /* more matches than a page, count not known: paging runs into the end
   * and stops on the last match */
  act(a, ACT_ACCEPT, 0);
  assert_int_equal(a->browse.total, -1);
  for (int i = 0; i < 40; i++) act(a, ACT_PAGE_DOWN, 0);
  assert_int_equal(a->browse.total, N_NOTES - 15 - 2);
  assert_int_equal(a->browse.sel, N_NOTES - 15 - 2 - 1);
  assert_non_null(cur_note(a));
  assert_non_null(strstr(cur_note(a)->prompt, "Question 150"));
  act(a, ACT_HOME, 0);
  act(a, ACT_FIND, 0);
  assert_int_equal(list_count(a), N_NOTES - 15 - 2); /* not the Panmunjom
                                                       * nor long/ja ones */
  act(a, ACT_ACCEPT, 0);
  assert_false(a->browse.searching);
  app_close(a);
}

/* The card of note `note` for the profile (new cards of the deck). */
static int64_t card_of(Store *s, int64_t profile, int64_t deck, int64_t note) {
  int64_t *ids = NULL, found = 0;
  int n = 0;
  StoreCard c;
  assert_int_equal(store_cards_new(s, profile, deck, 1000, &ids, &n), 0);
  for (int i = 0; i < n && !found; i++) {
    assert_int_equal(store_card_get(s, ids[i], &c), 0);
    if (c.note == note) found = ids[i];
  }
  free(ids);
  return found;
}

static void test_edit(void **state) {
  App *a = open_app(1280, 800, 0, 1.0f);
  Store *s = reader();
  StoreNote n;
  StoreCard c;
  int64_t id, card, profile, deck;
  char before[400];
  (void)state;
  profile = a->profile;
  browse_deck(a, "Korea news");
  deck = a->deck;
  act(a, ACT_DOWN, 0); /* note 2: has aliases ("chair; acting" holds ';') */
  id = cur_note(a)->id;
  snprintf(before, sizeof before, "%s", cur_note(a)->prompt);
  card = card_of(s, profile, deck, id);
  assert_true(card > 0);
  assert_int_equal(store_answer(s, card, 3, app_now(), 4000, STUDY_FLIP, NULL),
                   0);
  /* Esc cancels: nothing written */
  act(a, ACT_ACCEPT, 0);
  assert_int_equal(a->browse.mode, BROWSE_EDIT);
  type_text(a, " zzz");
  act(a, ACT_BACK, 0);
  assert_int_equal(a->browse.mode, BROWSE_LIST);
  assert_int_equal(store_note_get(s, id, &n), 0);
  assert_string_equal(n.prompt, before);
  store_note_clear(&n);
  /* an empty answer is refused, the card stays as it was */
  act(a, ACT_ACCEPT, 0);
  act(a, ACT_DOWN, 0);
  assert_int_equal(a->browse.cur_field, 1);
  for (int i = 0; i < 12; i++) act(a, ACT_BACKSPACE, 0);
  assert_string_equal(a->browse.field[1].text, "");
  act(a, ACT_ACCEPT, 0);
  assert_int_equal(a->browse.mode, BROWSE_EDIT);
  assert_true(a->toast.error);
  act(a, ACT_BACK, 0);
  assert_int_equal(store_note_get(s, id, &n), 0);
  assert_string_equal(n.answer, "Answer 002");
  store_note_clear(&n);
  /* the real edit: caret moves, UTF-8, all three fields */
  act(a, ACT_ACCEPT, 0);
  act(a, ACT_HOME, 0);
  type_text(a, "Edited: ");
  act(a, ACT_END, 0);
  act(a, ACT_BACKSPACE, 0); /* the '?' */
  type_text(a, " \xE2\x80\x94 \xEC\x9C\xA4\xEC\x9C\xA4?");
  act(a, ACT_BACKSPACE, 0);
  act(a, ACT_BACKSPACE, 0); /* a whole Hangul syllable */
  type_text(a, "\xEC\x84\x9D\xEC\x97\xB4?");
  act(a, ACT_DOWN, 0);
  act(a, ACT_DELETE_WORD, 0); /* "002" */
  act(a, ACT_DELETE_WORD, 0); /* "Answer " */
  type_text(a, "\xE6\x96\xB0\xE3\x81\x97\xE3\x81\x84\xE7\xAD\x94\xE3\x81\x88");
  act(a, ACT_LEFT, 0);
  act(a, ACT_LEFT, 0);
  act(a, ACT_RIGHT, 0);
  act(a, ACT_DELETE, 0); /* the last character */
  /* malformed UTF-8 typed or pasted is dropped, tabs become spaces */
  type_text(a, "\xFF\xC3");
  act(a, ACT_DELETE, 0);
  assert_string_equal(a->browse.field[1].text,
                      "\xE6\x96\xB0\xE3\x81\x97\xE3\x81\x84\xE7\xAD\x94");
  /* SDL keeps the clipboard itself where the video driver has none */
  assert_int_equal(SDL_SetClipboardText("pasted\ttext"), 0);
  act(a, ACT_PASTE, 0);
  assert_string_equal(a->browse.field[1].text,
                      "\xE6\x96\xB0\xE3\x81\x97\xE3\x81\x84\xE7\xAD\x94"
                      "pasted text");
  for (int i = 0; i < 11; i++) act(a, ACT_BACKSPACE, 0);
  shot(a, "editing");
  act(a, ACT_ACCEPT, 0);
  assert_int_equal(a->browse.mode, BROWSE_LIST);
  assert_false(a->toast.error);
  assert_non_null(strstr(a->toast.text, "Saved"));
  assert_int_equal(store_note_get(s, id, &n), 0);
  {
    char want[500];
    snprintf(want, sizeof want, "Edited: %.*s \xE2\x80\x94 \xEC\x9C\xA4"
             "\xEC\x84\x9D\xEC\x97\xB4?", (int)strlen(before) - 1, before);
    assert_string_equal(n.prompt, want);
  }
  assert_string_equal(n.answer,
                      "\xE6\x96\xB0\xE3\x81\x97\xE3\x81\x84\xE7\xAD\x94");
  assert_string_equal(n.guid, "g1");
  /* aliases untouched: kept exactly, ';' inside one included */
  assert_int_equal(n.n_aliases, 2);
  assert_string_equal(n.aliases[1], "chair; acting");
  assert_int_equal(n.n_sources, 1);
  store_note_clear(&n);
  /* the review history is kept: same card, still answered once */
  assert_int_equal(store_card_get(s, card, &c), 0);
  assert_int_equal(c.note, id);
  assert_int_equal(c.sched.reps, 1);
  /* the list shows the new text */
  assert_non_null(strstr(cur_note(a)->prompt, "Edited: "));
  /* aliases edited */
  act(a, ACT_ACCEPT, 0);
  act(a, ACT_UP, 0); /* wraps to the aliases */
  assert_int_equal(a->browse.cur_field, 2);
  for (int i = 0; i < 40; i++) act(a, ACT_BACKSPACE, 0);
  type_text(a, " chair ;; new alias ;");
  act(a, ACT_ACCEPT, 0);
  assert_int_equal(store_note_get(s, id, &n), 0);
  assert_int_equal(n.n_aliases, 2);
  assert_string_equal(n.aliases[0], "chair");
  assert_string_equal(n.aliases[1], "new alias");
  store_note_clear(&n);
  /* deleted by another program while open in the editor: not made again */
  act(a, ACT_DOWN, 0);
  {
    int64_t gone = cur_note(a)->id;
    StoreNote keep;
    assert_int_equal(store_note_get(s, gone, &keep), 0);
    act(a, ACT_ACCEPT, 0);
    type_text(a, "!");
    assert_int_equal(store_note_delete(s, gone), 0);
    act(a, ACT_ACCEPT, 0);
    assert_true(a->toast.error);
    assert_non_null(strstr(a->toast.text, "deleted meanwhile"));
    assert_int_equal(store_note_get(s, gone, &n), QD_ENOTFOUND);
    assert_true(cur_note(a)->id != gone);
    /* put back (at the end) for the tests that follow */
    assert_int_equal(store_note_put(s, deck, &keep, NULL), 0);
    store_note_clear(&keep);
  }
  /* no second note was made (and one is gone) */
  {
    StoreNote *list = NULL;
    int cnt = 0;
    assert_int_equal(store_notes_list(s, deck, NULL, 0, 0, &list, &cnt), 0);
    assert_int_equal(cnt, N_NOTES);
    store_notes_free(list, cnt);
  }
  store_close(s);
  app_close(a);
}

static void test_suspend_delete(void **state) {
  App *a = open_app(1280, 800, 0, 1.0f);
  Store *s = reader();
  StoreNote n;
  StoreCard c;
  int64_t id, card, deck;
  (void)state;
  browse_deck(a, "Korea news");
  deck = a->deck;
  for (int i = 0; i < 7; i++) act(a, ACT_DOWN, 0);
  id = cur_note(a)->id;
  card = card_of(s, a->profile, deck, id);
  assert_true(card > 0);
  act(a, ACT_KEY, 's');
  assert_int_equal(store_card_get(s, card, &c), 0);
  assert_int_equal(c.suspended, 1);
  assert_non_null(strstr(a->toast.text, "Suspended"));
  assert_true(view_has_label(a, "Unsuspend"));
  shot(a, "suspended_detail");
  /* the mark is read back from the store: after leaving, in a new run */
  act(a, ACT_BACK, 0);
  assert_int_equal(a->cur, SCR_DECKS);
  browse_deck(a, "Korea news");
  assert_int_equal(a->browse.sel, 7);
  assert_true(view_has_label(a, "Unsuspend"));
  app_close(a);
  a = open_app(1280, 800, 0, 1.0f);
  browse_deck(a, "Korea news");
  for (int i = 0; i < 7; i++) act(a, ACT_DOWN, 0);
  assert_int_equal(cur_note(a)->id, id);
  assert_true(view_has_label(a, "Unsuspend"));
  act(a, ACT_UP, 0);
  assert_false(view_has_label(a, "Unsuspend"));
  act(a, ACT_DOWN, 0);
  act(a, ACT_KEY, 's');
  assert_int_equal(store_card_get(s, card, &c), 0);
  assert_int_equal(c.suspended, 0);
  assert_non_null(strstr(a->toast.text, "Unsuspended"));
  assert_false(view_has_label(a, "Unsuspend"));
  /* delete: Esc keeps, Enter deletes */
  act(a, ACT_DELETE, 0);
  assert_int_equal(a->browse.mode, BROWSE_CONFIRM);
  assert_true(view_has_text(a, "Delete this card?"));
  act(a, ACT_BACK, 0);
  assert_int_equal(a->browse.mode, BROWSE_LIST);
  assert_int_equal(store_note_get(s, id, &n), 0);
  store_note_clear(&n);
  act(a, ACT_DELETE, 0);
  act(a, ACT_ACCEPT, 0);
  assert_int_equal(store_note_get(s, id, &n), QD_ENOTFOUND);
  assert_non_null(strstr(a->toast.text, "Deleted"));
  assert_int_equal(a->browse.sel, 7); /* the next note takes its place */
  assert_true(cur_note(a)->id != id);
  assert_int_equal(list_count(a), N_NOTES - 1);
  /* notes deleted by another program: the list finds its new end */
  {
    StoreNote *list = NULL;
    int cnt = 0;
    assert_int_equal(store_notes_list(s, deck, NULL, N_NOTES - 6, 0, &list,
                                      &cnt), 0);
    assert_int_equal(cnt, 5);
    for (int i = 0; i < cnt; i++)
      assert_int_equal(store_note_delete(s, list[i].id), 0);
    store_notes_free(list, cnt);
  }
  act(a, ACT_END, 0);
  assert_int_equal(a->browse.sel, N_NOTES - 7);
  assert_non_null(cur_note(a));
  act(a, ACT_HOME, 0);
  for (int i = 0; i < 60; i++) act(a, ACT_PAGE_DOWN, 0);
  assert_int_equal(a->browse.sel, N_NOTES - 7);
  assert_non_null(cur_note(a));
  /* the last note: the selection moves up */
  act(a, ACT_END, 0);
  id = cur_note(a)->id;
  act(a, ACT_DELETE, 0);
  act(a, ACT_ACCEPT, 0);
  assert_int_equal(store_note_get(s, id, &n), QD_ENOTFOUND);
  assert_int_equal(a->browse.sel, N_NOTES - 8);
  assert_non_null(cur_note(a));
  store_close(s);
  app_close(a);
}

/* Another program holds the database: every write fails with a message,
 * the edit stays open with the teacher's text, nothing is half done. */
static void test_locked(void **state) {
  App *a = open_app(1280, 800, 0, 1.0f);
  Store *s = reader();
  StoreNote n;
  int64_t id;
  (void)state;
  store_set_busy_timeout(a->store, 50);
  browse_deck(a, "Korea news");
  act(a, ACT_DOWN, 0);
  act(a, ACT_DOWN, 0);
  id = cur_note(a)->id;
  act(a, ACT_ACCEPT, 0);
  type_text(a, " (locked)");
  assert_int_equal(store_begin(s), 0);
  act(a, ACT_ACCEPT, 0);
  assert_int_equal(a->browse.mode, BROWSE_EDIT);
  assert_true(a->toast.error);
  assert_non_null(strstr(a->browse.field[0].text, " (locked)"));
  act(a, ACT_BACK, 0);
  act(a, ACT_KEY, 's');
  assert_true(a->toast.error);
  assert_true(view_has_label(a, "Suspend"));
  act(a, ACT_DELETE, 0);
  act(a, ACT_ACCEPT, 0);
  assert_true(a->toast.error);
  store_rollback(s);
  assert_int_equal(store_note_get(s, id, &n), 0);
  assert_null(strstr(n.prompt, "(locked)"));
  store_note_clear(&n);
  /* free again: the same keys work */
  act(a, ACT_KEY, 's');
  assert_false(a->toast.error);
  act(a, ACT_KEY, 's');
  store_close(s);
  app_close(a);
}

static void test_touch(void **state) {
  App *a = open_app(800, 600, 0, 1.0f);
  Store *s = reader();
  StoreCard c;
  int deck_i = -1;
  int64_t id, card;
  (void)state;
  for (int i = 0; i < a->decks.n; i++)
    if (strcmp(a->decks.list[i].name, "Korea news") == 0) deck_i = i;
  assert_true(tap(a, CMD_BROWSE, deck_i));
  assert_int_equal(a->cur, SCR_BROWSE);
  assert_true(tap(a, CMD_NOTE_PICK, 2));
  assert_int_equal(a->browse.sel, 2);
  id = cur_note(a)->id;
  card = card_of(s, a->profile, a->deck, id);
  assert_true(tap(a, CMD_SUSPEND, 0));
  assert_int_equal(store_card_get(s, card, &c), 0);
  assert_int_equal(c.suspended, 1);
  assert_true(view_has_text(a, "Suspended"));
  assert_true(tap(a, CMD_SUSPEND, 0));
  assert_int_equal(store_card_get(s, card, &c), 0);
  assert_int_equal(c.suspended, 0);
  assert_true(tap(a, CMD_EDIT, 0));
  assert_int_equal(a->browse.mode, BROWSE_EDIT);
  assert_true(tap(a, CMD_FIELD, 1));
  assert_int_equal(a->browse.cur_field, 1);
  assert_true(tap(a, CMD_CANCEL, 0));
  assert_int_equal(a->browse.mode, BROWSE_LIST);
  assert_true(tap(a, CMD_SEARCH, 0));
  assert_true(a->browse.searching);
  assert_true(tap(a, CMD_BACK, 0));
  assert_int_equal(a->cur, SCR_DECKS);
  store_close(s);
  app_close(a);
}

#ifdef QD_HAVE_IMPORT
/* A file dropped on the browser that adds notes to the browsed deck: the
 * list and the counts are read again. */
static void test_drop_into_browsed_deck(void **state) {
  App *a = open_app(1280, 800, 0, 1.0f);
  char path[700];
  FILE *f;
  (void)state;
  snprintf(path, sizeof path, "%s/Odd notes.tsv", g_dir);
  f = fopen(path, "w");
  assert_non_null(f);
  fputs("Capital of South Korea\tSeoul\nCapital of Japan\tTokyo\n", f);
  fclose(f);
  browse_deck(a, "Odd notes");
  assert_int_equal(a->browse.deck_notes, 3);
  app_drop(a, path);
  if (a->toast.error) fail_msg("tsv drop failed: %s", a->toast.text);
  app_layout(a);
  assert_int_equal(a->cur, SCR_BROWSE);
  assert_int_equal(a->browse.deck_notes, 5);
  assert_int_equal(list_count(a), 5);
  assert_true(view_has_text(a, "5 cards"));
  act(a, ACT_END, 0);
  assert_string_equal(cur_note(a)->answer, "Tokyo");
  assert_false(view_has_label(a, "Unsuspend"));
  app_close(a);
}
#endif

/* The keys the browser adds to the table. */
static void test_keys(void **state) {
  static const struct {
    SDL_Keycode k;
    Uint16 mod;
    int typing;
    ActionKind want;
    int n;
  } cases[] = {
      {SDLK_LEFT, 0, 2, ACT_LEFT, 0},    /* caret fields take the arrows */
      {SDLK_LEFT, 0, 1, ACT_NONE, 0},    /* other fields do not */
      {SDLK_HOME, 0, 2, ACT_HOME, 0},
      {SDLK_END, 0, 0, ACT_END, 0},
      {SDLK_DELETE, 0, 0, ACT_DELETE, 0},
      {SDLK_DELETE, 0, 2, ACT_DELETE, 0},
      {SDLK_DELETE, 0, 1, ACT_NONE, 0},
      {SDLK_SLASH, 0, 0, ACT_FIND, 0},
      {SDLK_SLASH, 0, 2, ACT_NONE, 0},   /* typed as text */
      {SDLK_f, KMOD_LCTRL, 0, ACT_FIND, 0},
      {SDLK_b, 0, 0, ACT_KEY, 'b'},
      {SDLK_b, KMOD_LCTRL, 0, ACT_KEY, 'b'},
      {SDLK_b, KMOD_LCTRL, 2, ACT_NONE, 0},
      {SDLK_s, 0, 2, ACT_NONE, 0},
      {SDLK_UP, 0, 2, ACT_UP, 0},
  };
  (void)state;
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
    SDL_Event e;
    Action x;
    memset(&e, 0, sizeof e);
    e.type = SDL_KEYDOWN;
    e.key.keysym.sym = cases[i].k;
    e.key.keysym.mod = cases[i].mod;
    x = input_map(&e, cases[i].typing, 1.0f, 800, 600);
    if (x.kind != cases[i].want || (cases[i].n && x.n != cases[i].n))
      fail_msg("case %zu: got %d/%d, want %d/%d", i, x.kind, x.n,
               cases[i].want, cases[i].n);
  }
}

int main(int argc, char **argv) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_keys),
      cmocka_unit_test(test_small),
      cmocka_unit_test(test_medium),
      cmocka_unit_test(test_4k),
      cmocka_unit_test(test_small_large_text_contrast),
      cmocka_unit_test(test_detail_scroll),
      cmocka_unit_test(test_paging),
      cmocka_unit_test(test_search),
      cmocka_unit_test(test_edit),
      cmocka_unit_test(test_suspend_delete),
      cmocka_unit_test(test_locked),
      cmocka_unit_test(test_touch),
#ifdef QD_HAVE_IMPORT
      cmocka_unit_test(test_drop_into_browsed_deck),
#endif
  };
  char side[700];
  if (argc > 1) snprintf(g_dir, sizeof g_dir, "%s", argv[1]);
  setenv("SDL_VIDEODRIVER", "dummy", 1);
  setenv("SDL_RENDER_DRIVER", "software", 1);
  snprintf(g_db, sizeof g_db, "%s/ui-browse-test.db", g_dir);
  unlink(g_db);
  snprintf(side, sizeof side, "%s-wal", g_db);
  unlink(side);
  snprintf(side, sizeof side, "%s-shm", g_db);
  unlink(side);
  make_db(g_db);
  return cmocka_run_group_tests(tests, NULL, NULL);
}
