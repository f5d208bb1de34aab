/* test_ui_screens.c - every screen laid out and drawn headless (SDL's
 * dummy video driver, software renderer) at 640x480, 1280x800 and
 * 3840x2160, in the normal and the high-contrast/large-text themes:
 * no laid-out box outside the window, no two text boxes overlapping,
 * and the pixels read back show that every text was drawn.  The frames
 * are kept as PNGs in the artifacts directory (argv[1]). */
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
#include "drop.h"
#include "store.h"

static char g_dir[512] = ".";
static char g_db[600];

static void make_db(const char *path) {
  Store *s = NULL;
  char err[256];
  int64_t deck, deck2;
  static const char *const prompts[] = {
      "When did Moon Jae-in and Kim Jong-un meet at Panmunjom?",
      "Who became President of South Korea in May 2022?",
      "\xE5\xB2\xB8\xE7\x94\xB0\xE6\x96\x87\xE9\x9B\x84\xE9\xA6\x96\xE7\x9B\xB8\xE3\x81\xAF"
      "2023\xE5\xB9\xB4\xE3\x81\xAB\xE3\x81\xA9\xE3\x81\x93\xE3\x81\xAE\xE9\x83\xBD\xE5\xB8\x82"
      "\xE3\x82\x92\xE8\xA8\xAA\xE5\x95\x8F\xE3\x81\x97\xE3\x81\x9F\xE3\x81\x8B\xE3\x80\x82"
      "\xE3\x81\x93\xE3\x82\x8C\xE3\x81\xAF\xE6\x94\xB9\xE8\xA1\x8C\xE3\x82\x92\xE8\xA9\xA6"
      "\xE3\x81\x99\xE3\x81\x9F\xE3\x82\x81\xE3\x81\xAE\xE9\x95\xB7\xE3\x81\x84\xE6\x97\xA5"
      "\xE6\x9C\xAC\xE8\xAA\x9E\xE3\x81\xAE\xE6\x96\x87\xE7\xAB\xA0\xE3\x81\xA7\xE3\x81\x99"
      "\xE3\x80\x82",
      "A deliberately long question to push the layout: which agreement, "
      "signed after many months of negotiation between the two governments "
      "and announced at a joint press conference attended by both leaders, "
      "restored the military intelligence-sharing pact that had been "
      "suspended, and what were the main conditions attached to it by each "
      "side during the talks that preceded the announcement?"};
  static const char *const answers[] = {
      "27 April 2018", "\xEC\x9C\xA4\xEC\x84\x9D\xEC\x97\xB4",
      "\xE3\x82\xBD\xE3\x82\xA6\xE3\x83\xAB", "GSOMIA"};
  assert_int_equal(store_open(path, 0, &s, err, sizeof err), 0);
  assert_int_equal(store_deck_ensure(s, "Japan\xE2\x80\x93South Korea relations",
                                     &deck), 0);
  assert_int_equal(store_deck_ensure(s, "Vocabulary::A deck with a very long name "
                                     "that must be cut before the counts",
                                     &deck2), 0);
  for (int i = 0; i < 32; i++) {
    StoreNote n;
    StoreSource src;
    char guid[16], *dis[3] = {"Busan", "\xE6\x9D\xB1\xE4\xBA\xAC", "Incheon"};
    memset(&n, 0, sizeof n);
    snprintf(guid, sizeof guid, "g%d", i);
    src.article = "Seoul and Tokyo mend ties (Example News, 2023)";
    src.sentence = "\xEC\x9C\xA4\xEC\x84\x9D\xEC\x97\xB4 and "
                   "\xE5\xB2\xB8\xE7\x94\xB0\xE6\x96\x87\xE9\x9B\x84 met in "
                   "Seoul; the long source sentence wraps onto several lines "
                   "when the window is small.";
    n.guid = guid;
    n.prompt = (char *)prompts[i % 4];
    n.answer = (char *)answers[i % 4];
    n.type = "person";
    n.distractors = dis;
    n.n_distractors = 3;
    n.sources = &src;
    n.n_sources = 1;
    assert_int_equal(store_note_put(s, i < 30 ? deck : deck2, &n, NULL), 0);
  }
  store_close(s);
}

static void shot(App *a, const char *name) {
  ui_shot(a, g_dir, "ui", name);
}

static void act(App *a, ActionKind k, int n) {
  Action x;
  memset(&x, 0, sizeof x);
  x.kind = k;
  x.n = n;
  app_action(a, &x);
}

static void type_text(App *a, const char *t) {
  Action x;
  memset(&x, 0, sizeof x);
  x.kind = ACT_TEXT;
  snprintf(x.text, sizeof x.text, "%s", t);
  app_action(a, &x);
}

static void run_size(int w, int h, int hc, float scale) {
  AppOptions o;
  App *a = NULL;
  char err[512], name[64];
  memset(&o, 0, sizeof o);
  o.db_path = g_db;
  o.mode = STUDY_FLIP;
  o.high_contrast = hc;
  o.scale = scale;
  o.width = w;
  o.height = h;
  o.hidden = 1;
  assert_int_equal(app_open(&o, &a, err, sizeof err), 0);
  SDL_SetWindowSize(a->win, w, h);
  /* profiles: the name field first (no profile yet), then the list */
  if (!a->prof.adding) act(a, ACT_KEY, 'n');
  assert_true(a->prof.adding);
  {
    snprintf(name, sizeof name, "Mina \xEB\xAF\xBC\xEC\x95\x84 %dx%d%s", w, h,
             hc ? " hc" : "");
    type_text(a, name);
  }
  shot(a, "profiles_new");
  act(a, ACT_ACCEPT, 0);
  assert_int_equal(a->cur, SCR_DECKS);
  shot(a, "decks");
  if (w == 1280) {
    /* keyboard focus: Tab to the second button, Enter presses it */
    act(a, ACT_NEXT_FOCUS, 0);
    act(a, ACT_NEXT_FOCUS, 0);
    assert_true(a->focus >= 0);
    shot(a, "decks_focus");
    act(a, ACT_BACK, 0); /* Esc first drops the focus ring */
    assert_int_equal(a->focus, -1);
    assert_int_equal(a->cur, SCR_DECKS);
  }
  act(a, ACT_BACK, 0);
  assert_int_equal(a->cur, SCR_PROFILES);
  shot(a, "profiles");
  a->prof.sel = -1;
  for (int i = 0; i < a->prof.n; i++)
    if (strcmp(a->prof.list[i].name, name) == 0) a->prof.sel = i;
  assert_true(a->prof.sel >= 0);
  act(a, ACT_ACCEPT, 0);
  assert_int_equal(a->cur, SCR_DECKS);
  /* flip: question, answer with intervals, grade */
  act(a, ACT_ACCEPT, 0);
  assert_int_equal(a->cur, SCR_STUDY);
  shot(a, "study_flip");
  act(a, ACT_SPACE, 0);
  assert_int_equal(session_phase(a->study.session), SESSION_REVEALED);
  shot(a, "study_flip_revealed");
  act(a, ACT_SPACE, 0); /* Good */
  act(a, ACT_SPACE, 0); /* reveal */
  act(a, ACT_GRADE, 3);
  /* the Japanese question, revealed */
  act(a, ACT_SPACE, 0);
  assert_non_null(strstr(session_note(a->study.session)->prompt,
                         "\xE5\xB2\xB8\xE7\x94\xB0"));
  shot(a, "study_flip_ja");
  act(a, ACT_GRADE, 4);
  act(a, ACT_UNDO, 0);
  assert_int_equal(session_phase(a->study.session), SESSION_ASKING);
  act(a, ACT_BACK, 0);
  assert_int_equal(a->cur, SCR_SUMMARY);
  shot(a, "summary");
  act(a, ACT_KEY, 's');
  assert_int_equal(a->cur, SCR_STATS);
  shot(a, "stats");
  act(a, ACT_BACK, 0);
  /* multiple choice */
  act(a, ACT_KEY, 'c');
  act(a, ACT_ACCEPT, 0);
  assert_int_equal(a->cur, SCR_STUDY);
  shot(a, "study_choice");
  act(a, ACT_GRADE, 2);
  assert_int_equal(session_phase(a->study.session), SESSION_FEEDBACK);
  shot(a, "study_choice_feedback");
  act(a, ACT_BACK, 0);
  act(a, ACT_ACCEPT, 0);
  /* typed, with a wrong answer to show the diff */
  act(a, ACT_KEY, 't');
  act(a, ACT_ACCEPT, 0);
  assert_int_equal(a->cur, SCR_STUDY);
  type_text(a, "Pyongyang 2019");
  shot(a, "study_typed");
  act(a, ACT_ACCEPT, 0);
  assert_int_equal(session_phase(a->study.session), SESSION_FEEDBACK);
  shot(a, "study_typed_feedback");
  act(a, ACT_BACK, 0);
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

/* Hangul and kanji render from a real font (no missing-glyph boxes), and
 * kanji come from the Japanese face when the Noto CJK package is there. */
static void test_cjk_fonts(void **state) {
  SDL_Window *w;
  SDL_Renderer *r;
  Render *rd = NULL;
  char err[256];
  static const unsigned long cps[] = {0xC724, 0xC11D, 0xC5F4, /* 윤석열 */
                                      0x5CB8, 0x7530, 0x6587, 0x96C4, /* 岸田文雄 */
                                      0x3042, 0x30AB, 'A', 'z'};
  (void)state;
  assert_int_equal(SDL_Init(SDL_INIT_VIDEO), 0);
  w = SDL_CreateWindow("t", 0, 0, 320, 200, SDL_WINDOW_HIDDEN);
  assert_non_null(w);
  r = SDL_CreateRenderer(w, -1, SDL_RENDERER_SOFTWARE);
  assert_non_null(r);
  assert_int_equal(render_open(r, QD_FONTS_DIR "/quizdeck-fonts.txt", &rd, err,
                               sizeof err), 0);
  if (!text_has_fonts(render_text(rd))) {
    print_message("no fonts installed: %s\n", text_status(render_text(rd)));
  } else {
    for (size_t i = 0; i < sizeof cps / sizeof *cps; i++) {
      int f = text_face_of(render_text(rd), cps[i]);
      if (f < 0) fail_msg("no font draws U+%04lX", cps[i]);
      if (cps[i] == 0x5CB8 && access("/usr/share/fonts/opentype/noto/"
                                     "NotoSansCJK-Regular.ttc", R_OK) == 0)
        assert_non_null(strstr(text_font_file(render_text(rd), f),
                               "NotoSansCJK"));
    }
  }
  render_close(rd);
  SDL_DestroyRenderer(r);
  SDL_DestroyWindow(w);
  SDL_Quit();
}

/* Japanese wraps between characters, English between words. */
static void test_line_breaks(void **state) {
  SDL_Window *w;
  SDL_Renderer *r;
  Render *rd = NULL;
  TextLine lines[32];
  char err[256];
  int n;
  const char *ja = "\xE5\xB2\xB8\xE7\x94\xB0\xE6\x96\x87\xE9\x9B\x84\xE9\xA6\x96"
                   "\xE7\x9B\xB8\xE3\x81\xAF\xE3\x82\xBD\xE3\x82\xA6\xE3\x83\xAB"
                   "\xE3\x82\x92\xE8\xA8\xAA\xE5\x95\x8F\xE3\x81\x97\xE3\x81\x9F";
  const char *en = "the quick brown fox jumps over the lazy dog";
  (void)state;
  assert_int_equal(SDL_Init(SDL_INIT_VIDEO), 0);
  w = SDL_CreateWindow("t", 0, 0, 320, 200, SDL_WINDOW_HIDDEN);
  r = SDL_CreateRenderer(w, -1, SDL_RENDERER_SOFTWARE);
  assert_int_equal(render_open(r, QD_FONTS_DIR "/quizdeck-fonts.txt", &rd, err,
                               sizeof err), 0);
  if (text_has_fonts(render_text(rd))) {
    TextSys *t = render_text(rd);
    int full = text_width(t, ja, -1, 20, TEXT_REGULAR);
    n = text_wrap(t, ja, 20, TEXT_REGULAR, full / 3 + 1, lines, 32);
    assert_true(n >= 3);
    for (int i = 0; i < n; i++) assert_true(lines[i].width <= full / 3 + 1);
    n = text_wrap(t, en, 20, TEXT_REGULAR,
                  text_width(t, "the quick brown", -1, 20, TEXT_REGULAR) + 2,
                  lines, 32);
    assert_true(n >= 3);
    /* every line ends at a word end */
    for (int i = 0; i < n; i++) {
      char end = en[lines[i].start + lines[i].len];
      assert_true(end == ' ' || end == '\0');
    }
    /* a hard newline breaks */
    n = text_wrap(t, "one\ntwo", 20, TEXT_REGULAR, 1000, lines, 32);
    assert_int_equal(n, 2);
    /* invalid UTF-8 does not crash */
    n = text_wrap(t, "ab\xff\xfe cd \xc3", 20, TEXT_REGULAR, 30, lines, 32);
    assert_true(n >= 1);
  }
  render_close(rd);
  SDL_DestroyRenderer(r);
  SDL_DestroyWindow(w);
  SDL_Quit();
}

/* No font at all: the built-in bitmap font still draws and says why. */
static void test_no_fonts(void **state) {
  AppOptions o;
  App *a = NULL;
  char err[512], list[700];
  FILE *f;
  (void)state;
  snprintf(list, sizeof list, "%s/empty-fonts.txt", g_dir);
  f = fopen(list, "w");
  assert_non_null(f);
  fputs("# nothing that exists\nNo Such Font Family XYZ\n", f);
  fclose(f);
  memset(&o, 0, sizeof o);
  o.db_path = g_db;
  o.mode = -1;
  o.high_contrast = -1;
  o.width = 640;
  o.height = 480;
  o.hidden = 1;
  o.font_list = list;
  assert_int_equal(app_open(&o, &a, err, sizeof err), 0);
  assert_false(text_has_fonts(render_text(a->rd)));
  assert_non_null(strstr(a->toast.text, "cannot find any font"));
  shot(a, "nofonts");
  app_close(a);
}

/* A corrupt database: the app starts, says so, and leaves the file as it
 * was. */
static void test_corrupt_db(void **state) {
  AppOptions o;
  App *a = NULL;
  char err[512], path[700], back[64];
  FILE *f;
  (void)state;
  snprintf(path, sizeof path, "%s/corrupt.db", g_dir);
  f = fopen(path, "wb");
  assert_non_null(f);
  for (int i = 0; i < 200; i++) fputs("this is not a database. ", f);
  fclose(f);
  memset(&o, 0, sizeof o);
  o.db_path = path;
  o.mode = -1;
  o.high_contrast = -1;
  o.width = 640;
  o.height = 480;
  o.hidden = 1;
  assert_int_equal(app_open(&o, &a, err, sizeof err), 0);
  assert_null(a->store);
  assert_true(a->store_error[0] != '\0');
  shot(a, "corrupt_db");
  app_close(a);
  f = fopen(path, "rb");
  assert_non_null(f);
  assert_int_equal(fread(back, 1, 24, f), 24);
  fclose(f);
  assert_memory_equal(back, "this is not a database. ", 24);
}

/* Dropped files that are not articles, binary, or missing: a message, no
 * deck, the app goes on. */
static void test_bad_drops(void **state) {
  AppOptions o;
  App *a = NULL;
  char err[512], path[700];
  FILE *f;
  StoreDeckInfo *d = NULL;
  int nd0 = 0, nd1 = 0;
  (void)state;
  memset(&o, 0, sizeof o);
  o.db_path = g_db;
  o.profile = "Dropper";
  o.mode = -1;
  o.high_contrast = -1;
  o.width = 800;
  o.height = 600;
  o.hidden = 1;
  assert_int_equal(app_open(&o, &a, err, sizeof err), 0);
  assert_int_equal(store_decks_list(a->store, a->profile, 0, &d, &nd0), 0);
  store_decks_free(d, nd0);
  snprintf(path, sizeof path, "%s/binary.txt", g_dir);
  f = fopen(path, "wb");
  assert_non_null(f);
  for (int i = 0; i < 4096; i++) fputc(i * 7 & 255, f);
  fclose(f);
  app_drop(a, path);
  assert_true(a->toast.error);
  assert_non_null(strstr(a->toast.text, "binary.txt"));
  shot(a, "drop_binary");
  snprintf(path, sizeof path, "%s/huge.txt", g_dir);
  f = fopen(path, "wb");
  assert_non_null(f);
  assert_int_equal(fseek(f, DROP_MAX_BYTES + 10, SEEK_SET), 0);
  fputc('x', f);
  fclose(f);
  app_drop(a, path);
  assert_true(a->toast.error);
  assert_non_null(strstr(a->toast.text, "too large"));
  app_drop(a, "/nonexistent/file.txt");
  assert_true(a->toast.error);
  snprintf(path, sizeof path, "%s/picture.png", g_dir);
  f = fopen(path, "wb");
  assert_non_null(f);
  fputs("\x89PNG", f);
  fclose(f);
  app_drop(a, path);
  assert_true(a->toast.error);
  assert_non_null(strstr(a->toast.text, "unknown file type"));
  assert_int_equal(store_decks_list(a->store, a->profile, 0, &d, &nd1), 0);
  store_decks_free(d, nd1);
  assert_int_equal(nd0, nd1);
  app_close(a);
}

#ifdef QD_HAVE_QGEN
/* An article dropped on the window becomes a deck named after the file;
 * a fresh database gets the built-in deck on first start. */
static void test_good_drop_and_builtin(void **state) {
  AppOptions o;
  App *a = NULL;
  char err[512], path[700], fresh[700], src[700];
  FILE *in, *out;
  int64_t id = 0;
  char buf[4096];
  size_t k;
  (void)state;
  snprintf(src, sizeof src, "%s/000_4cad738b966eeb68.txt", QD_CORPUS_DIR);
  snprintf(path, sizeof path, "%s/seoul-summit.txt", g_dir);
  in = fopen(src, "rb");
  if (!in) {
    print_message("no corpus article '%s'\n", src);
    return;
  }
  out = fopen(path, "wb");
  assert_non_null(out);
  while ((k = fread(buf, 1, sizeof buf, in)) > 0) fwrite(buf, 1, k, out);
  fclose(in);
  fclose(out);
  memset(&o, 0, sizeof o);
  o.db_path = g_db;
  o.profile = "Dropper2";
  o.mode = -1;
  o.high_contrast = -1;
  o.width = 800;
  o.height = 600;
  o.hidden = 1;
  assert_int_equal(app_open(&o, &a, err, sizeof err), 0);
  app_drop(a, path);
  if (a->toast.error) fail_msg("drop failed: %s", a->toast.text);
  assert_int_equal(store_deck_find(a->store, "seoul-summit", &id), 0);
  shot(a, "drop_ok");
  app_close(a);

  snprintf(fresh, sizeof fresh, "%s/fresh.db", g_dir);
  unlink(fresh);
  o.db_path = fresh;
  o.profile = "First";
  assert_int_equal(app_open(&o, &a, err, sizeof err), 0);
  assert_int_equal(a->cur, SCR_DECKS);
  assert_int_equal(a->decks.n, 1);
  assert_non_null(strstr(a->decks.list[0].name, "South Korea"));
  assert_true(a->decks.list[0].n_notes > 10);
  app_close(a);
}
#endif

#ifdef QD_HAVE_IMPORT
/* A teacher's TSV dropped on the window becomes a deck through the
 * importers; a TSV with a broken row is refused with its line number. */
static void test_drop_tsv(void **state) {
  AppOptions o;
  App *a = NULL;
  char err[512], path[700];
  FILE *f;
  int64_t id = 0;
  (void)state;
  snprintf(path, sizeof path, "%s/capitals.tsv", g_dir);
  f = fopen(path, "w");
  assert_non_null(f);
  fputs("Capital of South Korea\tSeoul\nCapital of Japan\tTokyo\n"
        "Capital of France\tParis\n", f);
  fclose(f);
  memset(&o, 0, sizeof o);
  o.db_path = g_db;
  o.profile = "Teacher";
  o.mode = -1;
  o.high_contrast = -1;
  o.width = 800;
  o.height = 600;
  o.hidden = 1;
  assert_int_equal(app_open(&o, &a, err, sizeof err), 0);
  app_drop(a, path);
  if (a->toast.error) fail_msg("tsv drop failed: %s", a->toast.text);
  assert_int_equal(store_deck_find(a->store, "capitals", &id), 0);
  app_close(a);
}
#endif

/* Taps (finger down and up on a button) work like clicks. */
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
      return 1;
    }
  }
  return 0;
}

static void test_touch(void **state) {
  AppOptions o;
  App *a = NULL;
  char err[512];
  int64_t first;
  (void)state;
  memset(&o, 0, sizeof o);
  o.db_path = g_db;
  o.profile = "Touch";
  o.mode = STUDY_FLIP;
  o.high_contrast = -1;
  o.width = 800;
  o.height = 600;
  o.hidden = 1;
  assert_int_equal(app_open(&o, &a, err, sizeof err), 0);
  assert_int_equal(a->cur, SCR_DECKS);
  assert_true(tap(a, CMD_STUDY, 0));
  assert_int_equal(a->cur, SCR_STUDY);
  first = session_card_id(a->study.session);
  assert_true(tap(a, CMD_REVEAL, 0));
  assert_int_equal(session_phase(a->study.session), SESSION_REVEALED);
  assert_true(tap(a, CMD_GRADE, 3));
  assert_int_equal(session_phase(a->study.session), SESSION_ASKING);
  assert_true(session_card_id(a->study.session) != first);
  assert_true(tap(a, CMD_BACK, 0));
  assert_int_equal(a->cur, SCR_SUMMARY);
  app_close(a);
}

int main(int argc, char **argv) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_cjk_fonts),
      cmocka_unit_test(test_line_breaks),
      cmocka_unit_test(test_small),
      cmocka_unit_test(test_medium),
      cmocka_unit_test(test_4k),
      cmocka_unit_test(test_small_large_text_contrast),
      cmocka_unit_test(test_no_fonts),
      cmocka_unit_test(test_corrupt_db),
      cmocka_unit_test(test_bad_drops),
      cmocka_unit_test(test_touch),
#ifdef QD_HAVE_QGEN
      cmocka_unit_test(test_good_drop_and_builtin),
#endif
#ifdef QD_HAVE_IMPORT
      cmocka_unit_test(test_drop_tsv),
#endif
  };
  if (argc > 1) snprintf(g_dir, sizeof g_dir, "%s", argv[1]);
  setenv("SDL_VIDEODRIVER", "dummy", 1);
  setenv("SDL_RENDER_DRIVER", "software", 1);
  snprintf(g_db, sizeof g_db, "%s/ui-test.db", g_dir);
  unlink(g_db);
  {
    char wal[700];
    snprintf(wal, sizeof wal, "%s-wal", g_db);
    unlink(wal);
  }
  make_db(g_db);
  return cmocka_run_group_tests(tests, NULL, NULL);
}
