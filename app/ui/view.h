/* view.h - the display list a screen lays out and the app draws.
 *
 * A screen's update() builds a View: panels, single lines of text (long
 * text is wrapped by the builder into one item a line), strokes and
 * circles, each with its rectangle in output pixels.  draw() only walks
 * the list.  Clickable panels carry a command, so hit-testing, keyboard
 * focus and the layout checks of the tests all read the same list. */
#ifndef QD_UI_VIEW_H
#define QD_UI_VIEW_H

#include <stddef.h>

#include "render.h"
#include "theme.h"

typedef enum { ITEM_PANEL, ITEM_TEXT, ITEM_LINE, ITEM_CIRCLE } ItemKind;

enum {
  ITEM_SHADOW = 1 << 0,  /* soft shadow under a card */
  ITEM_HOVERABLE = 1 << 1,
  ITEM_SELECTED = 1 << 2 /* drawn with the focus ring colour */
};

typedef struct Item {
  ItemKind kind;
  URect r;            /* panel or text box (text: measured size) */
  SDL_Color fill, line;
  int radius, border, flags;
  size_t text;        /* offset of the text in the arena */
  int len, px;
  TextWeight weight;
  float x0, y0, x1, y1, thick; /* ITEM_LINE */
  int cmd, arg;       /* command of a clickable panel (0: none) */
} Item;

typedef struct View {
  Item *items;
  int n, cap;
  char *arena;
  size_t used, arena_cap;
  TextSys *text;
  const Theme *th;
  int w, h;           /* output size */
  int oom;            /* an allocation failed: the list is incomplete */
} View;

typedef enum { ALIGN_LEFT, ALIGN_CENTER, ALIGN_RIGHT } Align;

typedef enum {
  BTN_PRIMARY, BTN_SECONDARY, BTN_QUIET, BTN_AGAIN, BTN_HARD, BTN_GOOD,
  BTN_EASY, BTN_OK, BTN_BAD
} ButtonStyle;

void view_init(View *v);
void view_free(View *v);
/* Empties the list for a new layout. */
void view_reset(View *v, TextSys *text, const Theme *th, int w, int h);

int view_panel(View *v, URect r, SDL_Color fill, SDL_Color line, int border,
               int radius, int flags);
/* One line of text in the box (x, y, maxw); cut with an ellipsis if too
 * wide.  Returns the line height. */
int view_label(View *v, int x, int y, int maxw, const char *s, int px,
               TextWeight w, SDL_Color c, Align align);
/* Wrapped text in the box (x, y, w) using at most max_h pixels of height;
 * if it does not fit, the size steps down to min_px, then the last line is
 * cut with an ellipsis.  Returns the height used. */
int view_para(View *v, int x, int y, int w, int max_h, const char *s, int px,
              int min_px, TextWeight wt, SDL_Color c, Align align);
/* Height view_para would use at size px without a height limit. */
int view_para_height(View *v, int w, const char *s, int px, TextWeight wt);
/* A button: a rounded panel with a command, a label and an optional small
 * key hint under or beside it. */
int view_button(View *v, URect r, const char *label, const char *hint,
                ButtonStyle style, int cmd, int arg, int selected);
void view_line(View *v, float x0, float y0, float x1, float y1, float thick,
               SDL_Color c);
void view_circle(View *v, int cx, int cy, int radius, SDL_Color c);
/* Check mark or cross drawn as strokes in the square r (feedback by shape
 * as well as colour). */
void view_check_mark(View *v, URect r, SDL_Color c);
void view_cross_mark(View *v, URect r, SDL_Color c);

const char *view_item_text(const View *v, const Item *it);
/* Moves items [from, v->n) down by dy pixels (centring a block once its
 * height is known). */
void view_shift(View *v, int from, int dy);

/* Draws the list; `hover` and `focus` are item indices or -1. */
void view_draw(const View *v, Render *rd, int hover, int focus, int pressed);
/* Topmost item with a command under (x, y), or -1. */
int view_hit(const View *v, int x, int y);
/* Next/previous item with a command after `from` (wraps), or -1. */
int view_next_focus(const View *v, int from, int dir);
/* Layout invariants: every item inside the window and no two text items
 * overlapping.  Returns 0, or -1 with a description in msg. */
int view_check(const View *v, char *msg, size_t msglen);

#endif
