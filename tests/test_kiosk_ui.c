/* test_kiosk_ui.c - the classroom screens headless (SDL offscreen driver,
 * software renderer) on a clock the test moves: attract, question,
 * reveal, end, idle warning and reset, the PIN prompt, the lock against
 * quitting, answers reaching the store (also while another connection
 * holds the write lock), and the projector quiz with teams.  Every
 * layout passes view_check (inside the window, no overlapping text) at
 * several sizes; the frames are kept as PNGs in the artifacts directory
 * (argv[1]). */
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
#include "error.h"
#include "kiosk_ui.h"
#include "store.h"

static char g_dir[512] = ".";
static char g_db[600];

static void make_db(const char *path) {
  static const char *const people[] = {"Marie Curie", "Ada Lovelace",
                                       "Alan Turing", "Grace Hopper",
                                       "Nikola Tesla", "Rosalind Franklin"};
  static const char *const places[] = {"Nairobi", "Lima", "Oslo", "Hanoi",
                                       "Quito", "Accra"};
  Store *s = NULL;
  char err[256];
  int64_t deck;
  assert_int_equal(store_open(path, 0, &s, err, sizeof err), 0);
  assert_int_equal(store_deck_ensure(s, "Classroom", &deck), 0);
  for (int i = 0; i < 12; i++) {
    StoreNote n;
    StoreSource src;
    char guid[16], prompt[200], sentence[300];
    memset(&n, 0, sizeof n);
    snprintf(guid, sizeof guid, "k%d", i);
    if (i < 6) {
      snprintf(prompt, sizeof prompt, "Which scientist is fact %d about?", i);
      n.answer = (char *)people[i];
      n.type = "person";
    } else {
      snprintf(prompt, sizeof prompt,
               "Which capital city is described in the long article about "
               "rivers, markets and old railway stations, number %d?", i);
      n.answer = (char *)places[i - 6];
      n.type = "place";
    }
    snprintf(sentence, sizeof sentence,
             "According to the article, the answer to question %d is %s, as "
             "the reporter explained at some length.", i, n.answer);
    src.article = "Classroom reader (Example News, 2024)";
    src.sentence = sentence;
    n.guid = guid;
    n.prompt = prompt;
    n.sources = &src;
    n.n_sources = 1;
    assert_int_equal(store_note_put(s, deck, &n, NULL), 0);
  }
  store_close(s);
}

static App *open_app_opts(int kiosk, int w, int h, int teams, int untimed,
                          int high_contrast) {
  AppOptions o;
  App *a = NULL;
  char err[512];
  memset(&o, 0, sizeof o);
  o.db_path = g_db;
  o.mode = -1;
  o.high_contrast = high_contrast ? 1 : -1;
  o.untimed = untimed;
  o.correctness_only = untimed;
  o.width = w;
  o.height = h;
  o.hidden = 1;
  o.kiosk = kiosk;
  o.present = !kiosk;
  o.deck = "Classroom";
  o.idle_seconds = 30;
  o.questions = kiosk ? 3 : 5;
  o.teams = teams;
  assert_int_equal(app_open(&o, &a, err, sizeof err), 0);
  SDL_SetWindowSize(a->win, w, h);
  assert_int_equal(a->cur, kiosk ? SCR_KIOSK : SCR_PRESENT);
  assert_non_null(a->kiosk);
  assert_true(a->kiosk->ready);
  return a;
}

static App *open_app(int kiosk, int w, int h, int teams) {
  return open_app_opts(kiosk, w, h, teams, 0, 0);
}

static void act(App *a, ActionKind k, int n, int arg) {
  Action x;
  memset(&x, 0, sizeof x);
  x.kind = k;
  x.n = n;
  x.arg = arg;
  a->screens[a->cur]->handle(a, &x);
}

static void text(App *a, const char *s) {
  Action x;
  memset(&x, 0, sizeof x);
  x.kind = ACT_TEXT;
  snprintf(x.text, sizeof x.text, "%s", s);
  a->screens[a->cur]->handle(a, &x);
}

/* Lays out, checks, draws and saves the frame. */
static void shot(App *a, const char *name) {
  char msg[1024], path[1200];
  app_layout(a);
  if (view_check(&a->view, msg, sizeof msg) != 0)
    fail_msg("%s at %dx%d: %s", name, a->w, a->h, msg);
  assert_false(a->view.oom);
  app_render(a);
  snprintf(path, sizeof path, "%s/kiosk_%s_%dx%d.png", g_dir, name, a->w,
           a->h);
  assert_int_equal(render_save_png(a->rd, path, msg, sizeof msg), 0);
}

static int has_text(const App *a, const char *needle) {
  for (int i = 0; i < a->view.n; i++)
    if (a->view.items[i].kind == ITEM_TEXT &&
        strstr(view_item_text(&a->view, &a->view.items[i]), needle))
      return 1;
  return 0;
}

static int count_cmd(const App *a, int cmd) {
  int n = 0;
  for (int i = 0; i < a->view.n; i++)
    if (a->view.items[i].cmd == cmd) n++;
  return n;
}

static int64_t kiosk_profile(Store *s) {
  int64_t id = 0;
  assert_int_equal(store_profile_find(s, "kiosk", &id), 0);
  return id;
}

static Store *open_db(void) {
  Store *s = NULL;
  char err[256];
  assert_int_equal(store_open(g_db, 0, &s, err, sizeof err), 0);
  return s;
}

static int reviews(Store *s) {
  StoreStats st;
  assert_int_equal(store_stats(s, kiosk_profile(s), 0, app_now(), &st), 0);
  return st.reviews_today;
}

/* ---- kiosk ------------------------------------------------------------- */

static void test_kiosk_round(void **state) {
  App *a = open_app(1, 1280, 800, 0);
  KioskUi *u = a->kiosk;
  Store *s = open_db();
  int before = reviews(s);
  (void)state;
  shot(a, "attract");
  assert_int_equal(u->k.phase, KIOSK_ATTRACT);
  assert_true(count_cmd(a, CMD_KIOSK_START) >= 1);
  assert_true(has_text(a, "Tap to start"));
  kiosk_ui_advance(a, KIOSK_SAMPLE_MS); /* the next sample question */
  shot(a, "attract_next");
  act(a, ACT_COMMAND, CMD_KIOSK_START, 0);
  assert_int_equal(u->k.phase, KIOSK_QUESTION);
  kiosk_ui_advance(a, 4000);
  shot(a, "question");
  assert_int_equal(count_cmd(a, CMD_KIOSK_CHOICE), 4);
  assert_true(has_text(a, "Question 1 of 3"));
  assert_true(has_text(a, "16")); /* the countdown: 20 s - 4 s */
  {
    /* four tiles, four colours (read back from the frame) */
    SDL_Surface *px = render_read(a->rd);
    Uint32 seen[4];
    int k = 0;
    assert_non_null(px);
    for (int i = 0; i < a->view.n; i++) {
      const Item *it = &a->view.items[i];
      int x, y;
      Uint32 p;
      if (it->cmd != CMD_KIOSK_CHOICE) continue;
      x = it->r.x + it->r.w - it->r.h / 8 - 4;
      y = it->r.y + it->r.h / 2;
      p = ((Uint32 *)((Uint8 *)px->pixels + y * px->pitch))[x];
      {
        SDL_Color c = kiosk_ui_tile_color(it->arg);
        assert_int_equal((p >> 16) & 255, c.r);
        assert_int_equal((p >> 8) & 255, c.g);
        assert_int_equal(p & 255, c.b);
      }
      for (int j = 0; j < k; j++) assert_int_not_equal(seen[j], p);
      seen[k++] = p;
    }
    assert_int_equal(k, 4);
    SDL_FreeSurface(px);
  }
  /* the right answer by key: 1-4 */
  act(a, ACT_GRADE, kiosk_question(&u->k)->correct + 1, 0);
  assert_int_equal(u->k.phase, KIOSK_REVEAL);
  assert_int_equal(u->k.player.last_points, 900); /* 4 s of 20 */
  shot(a, "reveal_right");
  assert_true(has_text(a, "Correct!"));
  assert_true(has_text(a, "According to the article"));
  kiosk_ui_advance(a, 16); /* flushes the answer */
  assert_int_equal(u->k.out.n, 0);
  assert_int_equal(reviews(s), before + 1);
  act(a, ACT_COMMAND, CMD_KIOSK_NEXT, 0);
  /* a wrong answer by touch */
  {
    const KioskQuestion *q = kiosk_question(&u->k);
    act(a, ACT_COMMAND, CMD_KIOSK_CHOICE, (q->correct + 1) % 4);
  }
  shot(a, "reveal_wrong");
  assert_true(has_text(a, "Not quite"));
  assert_int_equal(u->k.player.streak, 0);
  act(a, ACT_ACCEPT, 0, 0);
  /* the countdown runs out */
  kiosk_ui_advance(a, 20000);
  assert_int_equal(u->k.phase, KIOSK_REVEAL);
  assert_int_equal(u->k.timed_out, 1);
  shot(a, "reveal_timeout");
  assert_true(has_text(a, "up!"));
  act(a, ACT_SPACE, 0, 0); /* input: the timeout counts */
  assert_int_equal(u->k.phase, KIOSK_END);
  shot(a, "end");
  assert_true(has_text(a, "900 points"));
  assert_true(has_text(a, "1 of 3 right"));
  kiosk_ui_advance(a, 16);
  assert_int_equal(reviews(s), before + 3);
  {
    /* quizdeck stats --kiosk lists the missed questions */
    StoreMissed *m = NULL;
    int n = 0;
    assert_int_equal(store_most_missed(s, kiosk_profile(s), 0, 10, &m, &n), 0);
    assert_true(n >= 2);
    store_missed_free(m, n);
  }
  /* play again: a fresh player */
  act(a, ACT_COMMAND, CMD_KIOSK_AGAIN, 0);
  assert_int_equal(u->k.phase, KIOSK_QUESTION);
  assert_int_equal(u->k.player.score, 0);
  assert_int_equal(u->k.player.answered, 0);
  store_close(s);
  app_close(a);
}

static void test_kiosk_idle_reset(void **state) {
  App *a = open_app(1, 1280, 800, 0);
  KioskUi *u = a->kiosk;
  (void)state;
  act(a, ACT_COMMAND, CMD_KIOSK_START, 0);
  act(a, ACT_GRADE, kiosk_question(&u->k)->correct + 1, 0);
  act(a, ACT_COMMAND, CMD_KIOSK_NEXT, 0);
  assert_true(u->k.player.score > 0);
  /* 30 s idle: warning in the last 10 (here 15: half the idle time) */
  kiosk_ui_advance(a, 18000);
  app_layout(a);
  assert_false(has_text(a, "Still there?"));
  kiosk_ui_advance(a, 5000);
  shot(a, "idle_warning");
  assert_true(has_text(a, "Still there?"));
  assert_true(has_text(a, "in 7 s"));
  assert_int_equal(count_cmd(a, CMD_KIOSK_STAY), 1);
  /* a tap keeps the player */
  act(a, ACT_COMMAND, CMD_KIOSK_STAY, 0);
  kiosk_ui_advance(a, 16000);
  assert_int_not_equal(u->k.phase, KIOSK_ATTRACT);
  assert_true(u->k.player.score > 0);
  /* then nobody: back to attract, nothing of the player left */
  kiosk_ui_advance(a, 14001);
  assert_int_equal(u->k.phase, KIOSK_ATTRACT);
  shot(a, "after_idle");
  assert_int_equal(u->k.player.score, 0);
  assert_int_equal(u->k.player.answered, 0);
  assert_false(has_text(a, "Score"));
  assert_false(has_text(a, "Streak"));
  assert_false(has_text(a, "points"));
  assert_false(has_text(a, "Question 2"));
  app_close(a);
}

static void test_kiosk_locked_and_pin(void **state) {
  App *a = open_app(1, 1024, 768, 0);
  KioskUi *u = a->kiosk;
  SDL_Event e;
  (void)state;
  /* the window's close button, Ctrl+Q and Esc do not leave */
  memset(&e, 0, sizeof e);
  e.type = SDL_QUIT;
  SDL_PushEvent(&e);
  assert_int_equal(app_frame(a), 0);
  memset(&e, 0, sizeof e);
  e.type = SDL_KEYDOWN;
  e.key.keysym.sym = SDLK_ESCAPE;
  e.key.keysym.scancode = SDL_SCANCODE_ESCAPE;
  SDL_PushEvent(&e);
  e.key.keysym.sym = SDLK_q;
  e.key.keysym.scancode = SDL_SCANCODE_Q;
  e.key.keysym.mod = KMOD_LCTRL;
  SDL_PushEvent(&e);
  assert_int_equal(app_frame(a), 0);
  act(a, ACT_QUIT, 0, 0);
  act(a, ACT_BACK, 0, 0);
  assert_int_equal(a->quit, 0);
  assert_int_equal(u->pin_open, 0);
  /* the chord held for less than two seconds does nothing */
  u->chord_override = 1;
  kiosk_ui_advance(a, 1000);
  kiosk_ui_advance(a, 900);
  assert_int_equal(u->pin_open, 0);
  shot(a, "chord_progress");
  u->chord_override = 0;
  kiosk_ui_advance(a, 100);
  u->chord_override = 1;
  kiosk_ui_advance(a, 10);
  kiosk_ui_advance(a, 2000);
  assert_int_equal(u->pin_open, 1);
  assert_int_equal(kiosk_ui_typing(a), 1);
  u->chord_override = 0;
  kiosk_ui_advance(a, 10);
  shot(a, "pin");
  assert_int_equal(count_cmd(a, CMD_KIOSK_PIN_DIGIT), 10);
  /* a wrong PIN (typed) keeps it locked */
  text(a, "1111");
  shot(a, "pin_typed");
  act(a, ACT_ACCEPT, 0, 0);
  assert_int_equal(a->quit, 0);
  assert_true(has_text(a, "") && u->pin_msg_bad);
  shot(a, "pin_wrong");
  assert_true(has_text(a, "Wrong PIN"));
  assert_string_equal(u->pin, "");
  /* Esc closes the prompt; the game is still there */
  act(a, ACT_BACK, 0, 0);
  assert_int_equal(u->pin_open, 0);
  assert_int_equal(a->quit, 0);
  /* again, with the right PIN on the keypad */
  u->chord_override = 1;
  kiosk_ui_advance(a, 10);
  kiosk_ui_advance(a, 2000);
  assert_int_equal(u->pin_open, 1);
  act(a, ACT_COMMAND, CMD_KIOSK_PIN_DIGIT, 2);
  act(a, ACT_COMMAND, CMD_KIOSK_PIN_DIGIT, 4);
  act(a, ACT_COMMAND, CMD_KIOSK_PIN_DIGIT, 6);
  act(a, ACT_COMMAND, CMD_KIOSK_PIN_DIGIT, 9);
  act(a, ACT_COMMAND, CMD_KIOSK_PIN_DEL, 0);
  act(a, ACT_COMMAND, CMD_KIOSK_PIN_DIGIT, 8);
  assert_string_equal(u->pin, "2468");
  act(a, ACT_COMMAND, CMD_KIOSK_PIN_OK, 0);
  assert_int_equal(a->quit, 1);
  app_close(a);
}

static void test_kiosk_busy_db(void **state) {
  App *a = open_app(1, 1280, 800, 0);
  KioskUi *u = a->kiosk;
  Store *other = open_db();
  int before;
  (void)state;
  before = reviews(other);
  /* another program holds the write lock */
  assert_int_equal(store_begin(other), 0);
  assert_int_equal(store_setting_set(other, "kiosk.test", "busy"), 0);
  act(a, ACT_COMMAND, CMD_KIOSK_START, 0);
  act(a, ACT_GRADE, kiosk_question(&u->k)->correct + 1, 0);
  for (int i = 0; i < 20; i++) kiosk_ui_advance(a, 16);
  assert_int_equal(u->busy, 1);
  assert_int_equal(u->k.out.n, 1); /* kept, not lost */
  /* the screen goes on meanwhile */
  act(a, ACT_COMMAND, CMD_KIOSK_NEXT, 0);
  act(a, ACT_GRADE, (kiosk_question(&u->k)->correct + 1) % 4 + 1, 0);
  shot(a, "busy_db");
  assert_int_equal(u->k.out.n, 2);
  assert_int_equal(store_commit(other), 0);
  kiosk_ui_advance(a, 300);
  assert_int_equal(u->busy, 0);
  assert_int_equal(u->k.out.n, 0);
  assert_int_equal(reviews(other), before + 2);
  store_close(other);
  app_close(a);
}

static void test_kiosk_untimed_contrast(void **state) {
  /* no countdown for students who need more time; high-contrast theme */
  App *a = open_app_opts(1, 1280, 800, 0, 1, 1);
  KioskUi *u = a->kiosk;
  (void)state;
  assert_int_equal(a->high_contrast, 1);
  shot(a, "hc_attract");
  act(a, ACT_COMMAND, CMD_KIOSK_START, 0);
  for (int i = 0; i < 10; i++) { /* a minute and a half, still thinking */
    kiosk_ui_advance(a, 9000);
    act(a, ACT_POINTER_DOWN, 0, 0);
  }
  shot(a, "hc_untimed_question");
  assert_int_equal(u->k.phase, KIOSK_QUESTION);
  assert_true(has_text(a, "No time limit"));
  act(a, ACT_GRADE, kiosk_question(&u->k)->correct + 1, 0);
  assert_int_equal(u->k.player.last_points, 1000); /* correctness only */
  shot(a, "hc_reveal");
  app_close(a);
}

static void test_kiosk_sizes(void **state) {
  static const int sizes[][2] = {{640, 480}, {1920, 1080}, {800, 1280},
                                 {3840, 2160}};
  (void)state;
  for (size_t i = 0; i < sizeof sizes / sizeof *sizes; i++) {
    App *a = open_app(1, sizes[i][0], sizes[i][1], 0);
    KioskUi *u = a->kiosk;
    shot(a, "attract");
    act(a, ACT_COMMAND, CMD_KIOSK_START, 0);
    shot(a, "question");
    act(a, ACT_GRADE, 1, 0);
    shot(a, "reveal");
    /* the display changes size under the running game */
    SDL_SetWindowSize(a->win, sizes[i][1] > 600 ? sizes[i][1] : 600,
                      sizes[i][0] > 600 ? sizes[i][0] : 600);
    shot(a, "reveal_rotated");
    SDL_SetWindowSize(a->win, sizes[i][0], sizes[i][1]);
    u->chord_override = 1;
    kiosk_ui_advance(a, 10);
    kiosk_ui_advance(a, 2000);
    shot(a, "pin");
    app_close(a);
  }
}

/* ---- projector ------------------------------------------------------------ */

static void check_min_text(const App *a, const char *what) {
  int min = (int)((double)a->h * PRESENT_MIN_TEXT_FRAC + 0.999);
  for (int i = 0; i < a->view.n; i++) {
    const Item *it = &a->view.items[i];
    if (it->kind == ITEM_TEXT && it->px < min)
      fail_msg("%s at %dx%d: '%s' is %d px, under %d (1/24 of the height)",
               what, a->w, a->h, view_item_text(&a->view, it), it->px, min);
  }
}

static void pshot(App *a, const char *name) {
  shot(a, name);
  check_min_text(a, name);
}

static void test_present_five(void **state) {
  App *a = open_app(0, 1920, 1080, 2);
  KioskUi *u = a->kiosk;
  Store *s = open_db();
  int before = reviews(s);
  (void)state;
  assert_int_equal(u->p.n, 5);
  for (int i = 0; i < 5; i++) {
    char name[32];
    assert_int_equal(u->p.phase, PRESENT_QUESTION);
    assert_int_equal(u->p.i, i);
    kiosk_ui_advance(a, 3000);
    snprintf(name, sizeof name, "present_q%d", i + 1);
    pshot(a, name);
    assert_true(has_text(a, "of 5"));
    act(a, i % 2 ? ACT_RIGHT : ACT_PAGE_DOWN, 0, 0);
    assert_int_equal(u->p.phase, PRESENT_REVEAL);
    if (i == 0) pshot(a, "present_reveal");
    act(a, ACT_PAGE_DOWN, 0, 0);
    assert_int_equal(u->p.phase, PRESENT_TEAMS);
    act(a, ACT_GRADE, 1, 0);
    if (i % 2) act(a, ACT_COMMAND, CMD_PRESENT_TEAM, 1);
    if (i == 1) pshot(a, "present_teams");
    act(a, ACT_PAGE_DOWN, 0, 0);
    assert_int_equal(u->p.phase, PRESENT_SCOREBOARD);
    if (i == 1) pshot(a, "present_scores");
    if (i == 2) {
      /* Page Up steps back, B blanks the screen */
      act(a, ACT_PAGE_UP, 0, 0);
      assert_int_equal(u->p.phase, PRESENT_TEAMS);
      act(a, ACT_KEY, 'b', 0);
      pshot(a, "present_black");
      assert_int_equal(u->p.black, 1);
      act(a, ACT_PAGE_DOWN, 0, 0); /* un-blanks */
      assert_int_equal(u->p.black, 0);
      assert_int_equal(u->p.phase, PRESENT_TEAMS);
      act(a, ACT_PAGE_DOWN, 0, 0);
    }
    act(a, ACT_PAGE_DOWN, 0, 0);
  }
  assert_int_equal(u->p.phase, PRESENT_END);
  pshot(a, "present_end");
  assert_true(has_text(a, "Final scores"));
  assert_int_equal(kiosk_present_score(&u->p, 0), 5);
  assert_int_equal(kiosk_present_score(&u->p, 1), 2);
  kiosk_ui_advance(a, 16);
  assert_int_equal(u->p.out.n, 0);
  assert_int_equal(reviews(s), before + 10); /* 5 questions x 2 teams */
  /* Esc once warns, twice leaves */
  act(a, ACT_BACK, 0, 0);
  assert_int_equal(a->quit, 0);
  act(a, ACT_BACK, 0, 0);
  assert_int_equal(a->quit, 1);
  store_close(s);
  app_close(a);
}

static void test_present_sizes(void **state) {
  static const int sizes[][2] = {{1024, 768}, {1280, 720}, {3840, 2160}};
  (void)state;
  for (size_t i = 0; i < sizeof sizes / sizeof *sizes; i++) {
    App *a = open_app(0, sizes[i][0], sizes[i][1], i == 2 ? 8 : 0);
    pshot(a, "present_q");
    act(a, ACT_PAGE_DOWN, 0, 0);
    pshot(a, "present_reveal");
    act(a, ACT_PAGE_DOWN, 0, 0);
    pshot(a, i == 2 ? "present_teams8" : "present_q2");
    /* Ctrl+Q / the close button leave the projector (not locked) */
    act(a, ACT_QUIT, 0, 0);
    assert_int_equal(a->quit, 1);
    app_close(a);
  }
}

int main(int argc, char **argv) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_kiosk_round),
      cmocka_unit_test(test_kiosk_idle_reset),
      cmocka_unit_test(test_kiosk_locked_and_pin),
      cmocka_unit_test(test_kiosk_busy_db),
      cmocka_unit_test(test_kiosk_untimed_contrast),
      cmocka_unit_test(test_kiosk_sizes),
      cmocka_unit_test(test_present_five),
      cmocka_unit_test(test_present_sizes),
  };
  char err[512];
  if (argc > 1) snprintf(g_dir, sizeof g_dir, "%s", argv[1]);
  setenv("SDL_VIDEODRIVER", "offscreen", 1);
  setenv("SDL_RENDER_DRIVER", "software", 1);
  snprintf(g_db, sizeof g_db, "%s/kiosk-ui-test.db", g_dir);
  unlink(g_db);
  {
    char side[700];
    snprintf(side, sizeof side, "%s-wal", g_db);
    unlink(side);
    snprintf(side, sizeof side, "%s-shm", g_db);
    unlink(side);
  }
  make_db(g_db);
  if (kiosk_ui_save_pin(g_db, "2468", err, sizeof err) != 0) {
    fprintf(stderr, "%s\n", err);
    return 1;
  }
  return cmocka_run_group_tests(tests, NULL, NULL);
}
