/* input.h - SDL events become actions through one table.
 *
 * Screens never see SDL events: they get Actions.  Keys follow Anki where
 * Anki has a key (Space/Enter reveal and grade Good, 1-4 grade, Ctrl+Z
 * undo, Esc back).  Mouse and touch (SDL finger events) become the same
 * pointer actions; the app turns a press and release on one button into
 * ACT_COMMAND. */
#ifndef QD_UI_INPUT_H
#define QD_UI_INPUT_H

#include <SDL.h>

typedef enum {
  ACT_NONE = 0,
  ACT_QUIT,
  ACT_BACK,        /* Esc */
  ACT_ACCEPT,      /* Enter */
  ACT_SPACE,       /* Space (not while typing) */
  ACT_GRADE,       /* 1-4: n = 1..4 */
  ACT_UNDO,        /* Ctrl+Z */
  ACT_UP, ACT_DOWN, ACT_LEFT, ACT_RIGHT, ACT_PAGE_UP, ACT_PAGE_DOWN,
  ACT_HOME, ACT_END,
  ACT_NEXT_FOCUS,  /* Tab */
  ACT_PREV_FOCUS,  /* Shift+Tab */
  ACT_KEY,         /* a letter shortcut (not while typing): n = 'a'..'z' */
  ACT_TEXT,        /* typed text (while typing): text */
  ACT_BACKSPACE,
  ACT_DELETE_WORD, /* Ctrl+Backspace */
  ACT_SCALE_UP,    /* Ctrl + '+' */
  ACT_SCALE_DOWN,  /* Ctrl + '-' */
  ACT_SCALE_RESET, /* Ctrl + 0 */
  ACT_CONTRAST,    /* F2: high-contrast theme on/off */
  ACT_POINTER_DOWN, ACT_POINTER_UP, ACT_POINTER_MOVE, /* x, y output px */
  ACT_SCROLL,      /* n = lines (positive = down) */
  ACT_DROP_FILE,   /* text = path */
  ACT_RESIZE,
  ACT_REDRAW,      /* window exposed */
  ACT_COMMAND,     /* a button: n = command id, arg = its argument */
  ACT_DELETE,      /* Delete (also while typing in a caret field) */
  ACT_FIND,        /* '/' or Ctrl+F: go to the search field */
  ACT_PASTE        /* Ctrl+V in a caret field: the screen reads the
                      clipboard */
} ActionKind;

typedef struct Action {
  ActionKind kind;
  int n, arg;
  int x, y;
  char text[1024];
} Action;

/* Maps one SDL event to an action (ACT_NONE when it means nothing).
 * `typing`: a text field has the focus (letters and digits are text, not
 * shortcuts); 2: a field with a movable caret, where Left/Right/Home/End
 * and Delete also act inside the field.  `density`: output pixels per
 * window pixel, for pointer coordinates; win_w/win_h: window size for
 * finger events. */
Action input_map(const SDL_Event *e, int typing, float density, int win_w,
                 int win_h);

#endif
