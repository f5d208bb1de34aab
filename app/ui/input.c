/* input.c - the key table and pointer mapping. */
#include "input.h"

#include <string.h>

typedef struct KeyBinding {
  SDL_Keycode key;
  int ctrl;          /* 1: needs Ctrl, 0: must not have Ctrl */
  int shift;         /* 1: needs Shift, 0: must not, -1: either */
  int when_typing;   /* 1: also while a text field has the focus; 2: also
                        in a field with a caret (typing == 2) */
  ActionKind kind;
  int n;
} KeyBinding;

static const KeyBinding key_table[] = {
    {SDLK_ESCAPE, 0, -1, 1, ACT_BACK, 0},
    {SDLK_AC_BACK, 0, -1, 1, ACT_BACK, 0},
    {SDLK_RETURN, 0, -1, 1, ACT_ACCEPT, 0},
    {SDLK_KP_ENTER, 0, -1, 1, ACT_ACCEPT, 0},
    {SDLK_SPACE, 0, -1, 0, ACT_SPACE, 0},
    {SDLK_1, 0, 0, 0, ACT_GRADE, 1},
    {SDLK_2, 0, 0, 0, ACT_GRADE, 2},
    {SDLK_3, 0, 0, 0, ACT_GRADE, 3},
    {SDLK_4, 0, 0, 0, ACT_GRADE, 4},
    {SDLK_KP_1, 0, 0, 0, ACT_GRADE, 1},
    {SDLK_KP_2, 0, 0, 0, ACT_GRADE, 2},
    {SDLK_KP_3, 0, 0, 0, ACT_GRADE, 3},
    {SDLK_KP_4, 0, 0, 0, ACT_GRADE, 4},
    {SDLK_z, 1, 0, 1, ACT_UNDO, 0},
    {SDLK_UP, 0, -1, 1, ACT_UP, 0},
    {SDLK_DOWN, 0, -1, 1, ACT_DOWN, 0},
    {SDLK_LEFT, 0, -1, 2, ACT_LEFT, 0},
    {SDLK_RIGHT, 0, -1, 2, ACT_RIGHT, 0},
    {SDLK_PAGEUP, 0, -1, 1, ACT_PAGE_UP, 0},
    {SDLK_PAGEDOWN, 0, -1, 1, ACT_PAGE_DOWN, 0},
    {SDLK_HOME, 0, -1, 2, ACT_HOME, 0},
    {SDLK_END, 0, -1, 2, ACT_END, 0},
    {SDLK_TAB, 0, 0, 1, ACT_NEXT_FOCUS, 0},
    {SDLK_TAB, 0, 1, 1, ACT_PREV_FOCUS, 0},
    {SDLK_BACKSPACE, 0, -1, 1, ACT_BACKSPACE, 0},
    {SDLK_BACKSPACE, 1, -1, 1, ACT_DELETE_WORD, 0},
    {SDLK_EQUALS, 1, -1, 1, ACT_SCALE_UP, 0},
    {SDLK_PLUS, 1, -1, 1, ACT_SCALE_UP, 0},
    {SDLK_KP_PLUS, 1, -1, 1, ACT_SCALE_UP, 0},
    {SDLK_MINUS, 1, -1, 1, ACT_SCALE_DOWN, 0},
    {SDLK_KP_MINUS, 1, -1, 1, ACT_SCALE_DOWN, 0},
    {SDLK_0, 1, -1, 1, ACT_SCALE_RESET, 0},
    {SDLK_F2, 0, -1, 1, ACT_CONTRAST, 0},
    {SDLK_q, 1, -1, 1, ACT_QUIT, 0},
    {SDLK_DELETE, 0, -1, 2, ACT_DELETE, 0},
    {SDLK_SLASH, 0, 0, 0, ACT_FIND, 0},
    {SDLK_KP_DIVIDE, 0, -1, 0, ACT_FIND, 0},
    {SDLK_f, 1, -1, 1, ACT_FIND, 0},
    {SDLK_b, 1, -1, 0, ACT_KEY, 'b'}, /* Ctrl+B: browse the deck */
    {SDLK_v, 1, -1, 2, ACT_PASTE, 0},
    {SDLK_INSERT, 0, 1, 2, ACT_PASTE, 0}, /* Shift+Insert */
};

static Action make(ActionKind k) {
  Action a;
  memset(&a, 0, sizeof a);
  a.kind = k;
  return a;
}

static Action map_key(const SDL_KeyboardEvent *k, int typing) {
  int ctrl = (k->keysym.mod & KMOD_CTRL) != 0;
  int shift = (k->keysym.mod & KMOD_SHIFT) != 0;
  SDL_Keycode key = k->keysym.sym;
  for (size_t i = 0; i < sizeof key_table / sizeof *key_table; i++) {
    const KeyBinding *b = &key_table[i];
    Action a;
    if (b->key != key || b->ctrl != ctrl) continue;
    if (b->shift >= 0 && b->shift != shift) continue;
    if (typing && (!b->when_typing || b->when_typing > typing)) continue;
    a = make(b->kind);
    a.n = b->n;
    return a;
  }
  if (!typing && !ctrl && key >= SDLK_a && key <= SDLK_z &&
      !(k->keysym.mod & (KMOD_ALT | KMOD_GUI))) {
    Action a = make(ACT_KEY);
    a.n = (int)key;
    return a;
  }
  return make(ACT_NONE);
}

Action input_map(const SDL_Event *e, int typing, float density, int win_w,
                 int win_h) {
  Action a = make(ACT_NONE);
  switch (e->type) {
  case SDL_QUIT:
    return make(ACT_QUIT);
  case SDL_KEYDOWN:
    return map_key(&e->key, typing);
  case SDL_TEXTINPUT:
    if (!typing) return a;
    a = make(ACT_TEXT);
    SDL_strlcpy(a.text, e->text.text, sizeof a.text);
    return a;
  case SDL_MOUSEBUTTONDOWN:
  case SDL_MOUSEBUTTONUP:
    if (e->button.which == SDL_TOUCH_MOUSEID || e->button.button != SDL_BUTTON_LEFT)
      return a; /* touch arrives as finger events */
    a = make(e->type == SDL_MOUSEBUTTONDOWN ? ACT_POINTER_DOWN : ACT_POINTER_UP);
    a.x = (int)((float)e->button.x * density);
    a.y = (int)((float)e->button.y * density);
    return a;
  case SDL_MOUSEMOTION:
    if (e->motion.which == SDL_TOUCH_MOUSEID) return a;
    a = make(ACT_POINTER_MOVE);
    a.x = (int)((float)e->motion.x * density);
    a.y = (int)((float)e->motion.y * density);
    return a;
  case SDL_MOUSEWHEEL:
    a = make(ACT_SCROLL);
    a.n = e->wheel.y > 0 ? -1 : (e->wheel.y < 0 ? 1 : 0);
    return a.n ? a : make(ACT_NONE);
  case SDL_FINGERDOWN:
  case SDL_FINGERUP:
  case SDL_FINGERMOTION:
    a = make(e->type == SDL_FINGERDOWN ? ACT_POINTER_DOWN
             : e->type == SDL_FINGERUP ? ACT_POINTER_UP
                                       : ACT_POINTER_MOVE);
    a.x = (int)(e->tfinger.x * (float)win_w * density);
    a.y = (int)(e->tfinger.y * (float)win_h * density);
    a.arg = 1; /* touch */
    return a;
  case SDL_DROPFILE:
    a = make(ACT_DROP_FILE);
    if (e->drop.file) SDL_strlcpy(a.text, e->drop.file, sizeof a.text);
    return a;
  case SDL_WINDOWEVENT:
    if (e->window.event == SDL_WINDOWEVENT_SIZE_CHANGED ||
        e->window.event == SDL_WINDOWEVENT_RESIZED)
      return make(ACT_RESIZE);
    if (e->window.event == SDL_WINDOWEVENT_EXPOSED ||
        e->window.event == SDL_WINDOWEVENT_SHOWN)
      return make(ACT_REDRAW);
    return a;
  default:
    return a;
  }
}
