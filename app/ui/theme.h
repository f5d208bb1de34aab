/* theme.h - colours, type scale and spacing of the app.
 *
 * Two palettes: the default light one and a high-contrast one (black,
 * white, yellow; thick borders).  Sizes are derived from one unit, the
 * body text size in output pixels, so the UI scale setting, HiDPI and the
 * window size all act through it. */
#ifndef QD_UI_THEME_H
#define QD_UI_THEME_H

#include <SDL.h>

typedef struct Theme {
  SDL_Color bg, surface, surface_alt, line, text, muted, accent, on_accent,
      focus, again, hard, good, easy, new_c, learn_c, due_c, ok, bad,
      ok_soft, bad_soft, shadow;
  int high_contrast;
  int unit;    /* body text size in pixels */
  int border;  /* border width in pixels */
} Theme;

/* Type scale (pixel sizes) derived from the unit. */
enum { TYPE_CAPTION, TYPE_SMALL, TYPE_BODY, TYPE_LARGE, TYPE_TITLE,
       TYPE_DISPLAY, TYPE_HERO, TYPE_COUNT };

/* Fills the palette; unit from the window size (output pixels), the
 * pixel density and the user's scale (1.0 = normal, 1.5 = large text). */
void theme_init(Theme *t, int high_contrast, int out_w, int out_h,
                float density, float scale);
int theme_px(const Theme *t, int type);
/* Spacing step n (in quarters of the unit). */
int theme_sp(const Theme *t, int quarters);

#endif
