/* test_ui_input.c - the event-to-action table: Anki's keys, typing mode,
 * mouse and touch coordinates, drops and window events. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "input.h"

static SDL_Event key(SDL_Keycode k, Uint16 mod) {
  SDL_Event e;
  memset(&e, 0, sizeof e);
  e.type = SDL_KEYDOWN;
  e.key.keysym.sym = k;
  e.key.keysym.mod = mod;
  return e;
}

typedef struct {
  SDL_Keycode k;
  Uint16 mod;
  int typing;
  ActionKind want;
  int n;
} KeyCase;

static const KeyCase key_cases[] = {
    {SDLK_SPACE, 0, 0, ACT_SPACE, 0},
    {SDLK_SPACE, 0, 1, ACT_NONE, 0},        /* a space typed in the answer */
    {SDLK_RETURN, 0, 0, ACT_ACCEPT, 0},
    {SDLK_RETURN, 0, 1, ACT_ACCEPT, 0},     /* Enter submits while typing */
    {SDLK_KP_ENTER, 0, 0, ACT_ACCEPT, 0},
    {SDLK_1, 0, 0, ACT_GRADE, 1},
    {SDLK_4, 0, 0, ACT_GRADE, 4},
    {SDLK_KP_3, 0, 0, ACT_GRADE, 3},
    {SDLK_2, 0, 1, ACT_NONE, 0},            /* a digit typed in the answer */
    {SDLK_5, 0, 0, ACT_NONE, 0},
    {SDLK_z, KMOD_LCTRL, 0, ACT_UNDO, 0},
    {SDLK_z, KMOD_RCTRL, 1, ACT_UNDO, 0},
    {SDLK_z, 0, 0, ACT_KEY, 'z'},
    {SDLK_ESCAPE, 0, 0, ACT_BACK, 0},
    {SDLK_ESCAPE, 0, 1, ACT_BACK, 0},
    {SDLK_TAB, 0, 0, ACT_NEXT_FOCUS, 0},
    {SDLK_TAB, KMOD_LSHIFT, 0, ACT_PREV_FOCUS, 0},
    {SDLK_BACKSPACE, 0, 1, ACT_BACKSPACE, 0},
    {SDLK_BACKSPACE, KMOD_LCTRL, 1, ACT_DELETE_WORD, 0},
    {SDLK_EQUALS, KMOD_LCTRL, 0, ACT_SCALE_UP, 0},
    {SDLK_MINUS, KMOD_LCTRL, 1, ACT_SCALE_DOWN, 0},
    {SDLK_0, KMOD_LCTRL, 0, ACT_SCALE_RESET, 0},
    {SDLK_F2, 0, 0, ACT_CONTRAST, 0},
    {SDLK_q, KMOD_LCTRL, 0, ACT_QUIT, 0},
    {SDLK_s, 0, 0, ACT_KEY, 's'},
    {SDLK_s, 0, 1, ACT_NONE, 0},
    {SDLK_s, KMOD_LALT, 0, ACT_NONE, 0},
    {SDLK_UP, 0, 1, ACT_UP, 0},
    {SDLK_LEFT, 0, 1, ACT_NONE, 0},         /* left/right stay in the field */
};

static void test_keys(void **state) {
  (void)state;
  for (size_t i = 0; i < sizeof key_cases / sizeof *key_cases; i++) {
    const KeyCase *c = &key_cases[i];
    SDL_Event e = key(c->k, c->mod);
    Action a = input_map(&e, c->typing, 1.0f, 800, 600);
    if (a.kind != c->want || (c->n && a.n != c->n))
      fail_msg("case %zu: key %d mod %d typing %d -> %d/%d, want %d/%d", i,
               (int)c->k, c->mod, c->typing, a.kind, a.n, c->want, c->n);
  }
}

static void test_text(void **state) {
  SDL_Event e;
  Action a;
  (void)state;
  memset(&e, 0, sizeof e);
  e.type = SDL_TEXTINPUT;
  strcpy(e.text.text, "\xEC\x9C\xA4");
  a = input_map(&e, 1, 1.0f, 800, 600);
  assert_int_equal(a.kind, ACT_TEXT);
  assert_string_equal(a.text, "\xEC\x9C\xA4");
  a = input_map(&e, 0, 1.0f, 800, 600);
  assert_int_equal(a.kind, ACT_NONE);
}

static void test_pointer(void **state) {
  SDL_Event e;
  Action a;
  (void)state;
  memset(&e, 0, sizeof e);
  e.type = SDL_MOUSEBUTTONDOWN;
  e.button.button = SDL_BUTTON_LEFT;
  e.button.x = 100;
  e.button.y = 50;
  a = input_map(&e, 0, 2.0f, 800, 600); /* HiDPI: output = 2x window */
  assert_int_equal(a.kind, ACT_POINTER_DOWN);
  assert_int_equal(a.x, 200);
  assert_int_equal(a.y, 100);
  e.button.which = SDL_TOUCH_MOUSEID; /* synthesized from touch: ignored */
  assert_int_equal(input_map(&e, 0, 1.0f, 800, 600).kind, ACT_NONE);
  e.button.which = 0;
  e.button.button = SDL_BUTTON_RIGHT;
  assert_int_equal(input_map(&e, 0, 1.0f, 800, 600).kind, ACT_NONE);

  memset(&e, 0, sizeof e);
  e.type = SDL_FINGERUP;
  e.tfinger.x = 0.5f;
  e.tfinger.y = 0.25f;
  a = input_map(&e, 0, 1.0f, 800, 600);
  assert_int_equal(a.kind, ACT_POINTER_UP);
  assert_int_equal(a.x, 400);
  assert_int_equal(a.y, 150);
  assert_int_equal(a.arg, 1);

  memset(&e, 0, sizeof e);
  e.type = SDL_MOUSEWHEEL;
  e.wheel.y = -1;
  a = input_map(&e, 0, 1.0f, 800, 600);
  assert_int_equal(a.kind, ACT_SCROLL);
  assert_int_equal(a.n, 1);
}

static void test_window_and_drop(void **state) {
  SDL_Event e;
  Action a;
  char path[] = "/tmp/article.txt";
  (void)state;
  memset(&e, 0, sizeof e);
  e.type = SDL_DROPFILE;
  e.drop.file = path;
  a = input_map(&e, 0, 1.0f, 800, 600);
  assert_int_equal(a.kind, ACT_DROP_FILE);
  assert_string_equal(a.text, path);
  memset(&e, 0, sizeof e);
  e.type = SDL_WINDOWEVENT;
  e.window.event = SDL_WINDOWEVENT_SIZE_CHANGED;
  assert_int_equal(input_map(&e, 0, 1.0f, 800, 600).kind, ACT_RESIZE);
  e.type = SDL_QUIT;
  assert_int_equal(input_map(&e, 0, 1.0f, 800, 600).kind, ACT_QUIT);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_keys),
      cmocka_unit_test(test_text),
      cmocka_unit_test(test_pointer),
      cmocka_unit_test(test_window_and_drop),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
