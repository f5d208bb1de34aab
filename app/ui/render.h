/* render.h - the drawing primitives of the app (with text.h, the only code
 * that calls SDL_Render*).
 *
 * Works in output pixels (HiDPI: the renderer's output size, not the
 * window's).  Rounded shapes are anti-aliased with a pre-computed circle
 * texture, so corners look smooth on the software renderer too. */
#ifndef QD_UI_RENDER_H
#define QD_UI_RENDER_H

#include <SDL.h>
#include <stddef.h>

#include "text.h"

typedef struct Render Render;

typedef struct URect {
  int x, y, w, h;
} URect;

/* Wraps r (not owned) and the text system (owned: closed with the
 * renderer).  font_list: see text_open. */
int render_open(SDL_Renderer *r, const char *font_list, Render **out,
                char *err, size_t errlen);
void render_close(Render *rd); /* NULL is a no-op */

TextSys *render_text(Render *rd);
SDL_Renderer *render_sdl(Render *rd);
/* Output size in pixels. */
void render_output_size(Render *rd, int *w, int *h);

void render_clear(Render *rd, SDL_Color c);
void render_fill(Render *rd, URect r, SDL_Color c);
/* Filled rounded rectangle; radius is clamped to half the short side. */
void render_round(Render *rd, URect r, int radius, SDL_Color c);
/* Rounded rectangle with a border of `border` pixels (fill may have
 * alpha 0 for an outline only). */
void render_round_border(Render *rd, URect r, int radius, int border,
                         SDL_Color fill, SDL_Color line);
void render_circle(Render *rd, int cx, int cy, int radius, SDL_Color c);
/* A straight stroke of the given thickness with round ends. */
void render_line(Render *rd, float x0, float y0, float x1, float y1,
                 float thickness, SDL_Color c);
void render_set_clip(Render *rd, const URect *r); /* NULL: no clip */
void render_present(Render *rd);

/* Reads the current frame (before present) as ARGB8888 into a new
 * surface (caller frees).  NULL on failure. */
SDL_Surface *render_read(Render *rd);
/* Saves the current frame as PNG.  Returns 0 or a negative QD_E* code
 * with the message in err. */
int render_save_png(Render *rd, const char *path, char *err, size_t errlen);

#endif
