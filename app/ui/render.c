/* render.c - SDL_Renderer primitives: fills, anti-aliased rounded shapes,
 * strokes, read-back and PNG screenshots. */
#include "render.h"

#include <SDL_image.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "error.h"

#define CIRCLE_TEX 128 /* diameter of the anti-aliased circle texture */
#define DISC_CACHE 96  /* pre-coloured discs kept for corners and dots */

/* The software renderer blits unscaled, unmodulated textures on its fast
 * path, so discs are kept per (radius, colour) at their final size. */
typedef struct Disc {
  int radius;
  SDL_Color c;
  SDL_Texture *tex;
  unsigned long used;
} Disc;

struct Render {
  SDL_Renderer *r;
  TextSys *text;
  SDL_Texture *circle;
  Disc discs[DISC_CACHE];
  int n_discs;
  unsigned long tick;
};

/* An anti-aliased disc of radius rad in colour c (cached). */
static SDL_Texture *disc(Render *rd, int rad, SDL_Color c) {
  Disc *d = NULL;
  SDL_Surface *s;
  int size = rad * 2;
  float r = (float)rad;
  rd->tick++;
  for (int i = 0; i < rd->n_discs; i++) {
    Disc *e = &rd->discs[i];
    if (e->radius == rad && e->c.r == c.r && e->c.g == c.g && e->c.b == c.b &&
        e->c.a == c.a) {
      e->used = rd->tick;
      return e->tex;
    }
  }
  if (rad <= 0 || rad > 1024) return NULL;
  if (rd->n_discs < DISC_CACHE) {
    d = &rd->discs[rd->n_discs++];
  } else {
    d = &rd->discs[0];
    for (int i = 1; i < DISC_CACHE; i++)
      if (rd->discs[i].used < d->used) d = &rd->discs[i];
    SDL_DestroyTexture(d->tex);
  }
  d->tex = NULL;
  d->radius = rad;
  d->c = c;
  d->used = rd->tick;
  s = SDL_CreateRGBSurfaceWithFormat(0, size, size, 32,
                                     SDL_PIXELFORMAT_ARGB8888);
  if (!s) return NULL;
  for (int y = 0; y < size; y++)
    for (int x = 0; x < size; x++) {
      int inside = 0;
      for (int sy = 0; sy < 4; sy++)
        for (int sx = 0; sx < 4; sx++) {
          float fx = (float)x + (sx + 0.5f) / 4.0f - r;
          float fy = (float)y + (sy + 0.5f) / 4.0f - r;
          if (fx * fx + fy * fy <= r * r) inside++;
        }
      ((Uint32 *)((Uint8 *)s->pixels + y * s->pitch))[x] =
          ((Uint32)(inside * c.a / 16) << 24) | ((Uint32)c.r << 16) |
          ((Uint32)c.g << 8) | c.b;
    }
  d->tex = SDL_CreateTextureFromSurface(rd->r, s);
  SDL_FreeSurface(s);
  if (d->tex) SDL_SetTextureBlendMode(d->tex, SDL_BLENDMODE_BLEND);
  return d->tex;
}

static SDL_Texture *make_circle(SDL_Renderer *r) {
  SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, CIRCLE_TEX, CIRCLE_TEX,
                                                  32, SDL_PIXELFORMAT_ARGB8888);
  SDL_Texture *t;
  const float rad = CIRCLE_TEX / 2.0f;
  if (!s) return NULL;
  for (int y = 0; y < CIRCLE_TEX; y++)
    for (int x = 0; x < CIRCLE_TEX; x++) {
      int inside = 0;
      for (int sy = 0; sy < 4; sy++)
        for (int sx = 0; sx < 4; sx++) {
          float fx = (float)x + (sx + 0.5f) / 4.0f - rad;
          float fy = (float)y + (sy + 0.5f) / 4.0f - rad;
          if (fx * fx + fy * fy <= rad * rad) inside++;
        }
      ((Uint32 *)((Uint8 *)s->pixels + y * s->pitch))[x] =
          ((Uint32)(inside * 255 / 16) << 24) | 0xFFFFFFu;
    }
  t = SDL_CreateTextureFromSurface(r, s);
  SDL_FreeSurface(s);
  if (t) {
    SDL_SetTextureBlendMode(t, SDL_BLENDMODE_BLEND);
    SDL_SetTextureScaleMode(t, SDL_ScaleModeLinear);
  }
  return t;
}

int render_open(SDL_Renderer *r, const char *font_list, Render **out,
                char *err, size_t errlen) {
  Render *rd = calloc(1, sizeof *rd);
  int rc;
  *out = NULL;
  if (!rd) {
    if (err) snprintf(err, errlen, "render: cannot start: out of memory");
    return QD_ENOMEM;
  }
  rd->r = r;
  SDL_SetRenderDrawBlendMode(r, SDL_BLENDMODE_BLEND);
  rd->circle = make_circle(r);
  rc = text_open(r, font_list, &rd->text, err, errlen);
  if (rc < 0) {
    render_close(rd);
    return rc;
  }
  *out = rd;
  return 0;
}

void render_close(Render *rd) {
  if (!rd) return;
  text_close(rd->text);
  if (rd->circle) SDL_DestroyTexture(rd->circle);
  for (int i = 0; i < rd->n_discs; i++)
    if (rd->discs[i].tex) SDL_DestroyTexture(rd->discs[i].tex);
  free(rd);
}

TextSys *render_text(Render *rd) { return rd->text; }
SDL_Renderer *render_sdl(Render *rd) { return rd->r; }

void render_output_size(Render *rd, int *w, int *h) {
  if (SDL_GetRendererOutputSize(rd->r, w, h) < 0) *w = *h = 0;
}

static void set_color(Render *rd, SDL_Color c) {
  SDL_SetRenderDrawColor(rd->r, c.r, c.g, c.b, c.a);
}

void render_clear(Render *rd, SDL_Color c) {
  set_color(rd, c);
  SDL_RenderClear(rd->r);
}

void render_fill(Render *rd, URect r, SDL_Color c) {
  SDL_Rect s = {r.x, r.y, r.w, r.h};
  if (r.w <= 0 || r.h <= 0 || c.a == 0) return;
  set_color(rd, c);
  /* opaque fills without blending: the software renderer's blended fill
   * is a per-pixel multiply even at alpha 255 */
  if (c.a == 255) SDL_SetRenderDrawBlendMode(rd->r, SDL_BLENDMODE_NONE);
  SDL_RenderFillRect(rd->r, &s);
  if (c.a == 255) SDL_SetRenderDrawBlendMode(rd->r, SDL_BLENDMODE_BLEND);
}

/* Quarter q (0 top-left, 1 top-right, 2 bottom-left, 3 bottom-right) of
 * the disc texture at (x, y). */
static void corner(Render *rd, SDL_Texture *d, int q, int x, int y, int rad) {
  SDL_Rect src = {(q & 1) ? rad : 0, (q & 2) ? rad : 0, rad, rad};
  SDL_Rect dst = {x, y, rad, rad};
  SDL_RenderCopy(rd->r, d, &src, &dst);
}

void render_round(Render *rd, URect r, int radius, SDL_Color c) {
  int rad = radius;
  SDL_Texture *d;
  if (r.w <= 0 || r.h <= 0 || c.a == 0) return;
  if (rad * 2 > r.w) rad = r.w / 2;
  if (rad * 2 > r.h) rad = r.h / 2;
  if (rad <= 1 || !(d = disc(rd, rad, c))) {
    render_fill(rd, r, c);
    return;
  }
  corner(rd, d, 0, r.x, r.y, rad);
  corner(rd, d, 1, r.x + r.w - rad, r.y, rad);
  corner(rd, d, 2, r.x, r.y + r.h - rad, rad);
  corner(rd, d, 3, r.x + r.w - rad, r.y + r.h - rad, rad);
  render_fill(rd, (URect){r.x + rad, r.y, r.w - 2 * rad, r.h}, c);
  render_fill(rd, (URect){r.x, r.y + rad, rad, r.h - 2 * rad}, c);
  render_fill(rd, (URect){r.x + r.w - rad, r.y + rad, rad, r.h - 2 * rad}, c);
}

void render_round_border(Render *rd, URect r, int radius, int border,
                         SDL_Color fill, SDL_Color line) {
  if (border <= 0 || line.a == 0) {
    render_round(rd, r, radius, fill);
    return;
  }
  if (fill.a == 255 && (r.w < 4 * radius || r.h < 4 * radius)) {
    render_round(rd, r, radius, line);
    render_round(rd, (URect){r.x + border, r.y + border, r.w - 2 * border,
                             r.h - 2 * border},
                 radius - border, fill);
    return;
  }
  if (fill.a == 255) {
    /* large panels: the border as four strips and the corners, so the
     * panel's area is filled once, not twice */
    int rad = radius, ir;
    if (rad * 2 > r.w) rad = r.w / 2;
    if (rad * 2 > r.h) rad = r.h / 2;
    ir = rad - border;
    render_round(rd, (URect){r.x, r.y, 2 * rad, 2 * rad}, rad, line);
    render_round(rd, (URect){r.x + r.w - 2 * rad, r.y, 2 * rad, 2 * rad}, rad,
                 line);
    render_round(rd, (URect){r.x, r.y + r.h - 2 * rad, 2 * rad, 2 * rad}, rad,
                 line);
    render_round(rd, (URect){r.x + r.w - 2 * rad, r.y + r.h - 2 * rad,
                             2 * rad, 2 * rad}, rad, line);
    render_fill(rd, (URect){r.x + rad, r.y, r.w - 2 * rad, border}, line);
    render_fill(rd, (URect){r.x + rad, r.y + r.h - border, r.w - 2 * rad,
                            border}, line);
    render_fill(rd, (URect){r.x, r.y + rad, border, r.h - 2 * rad}, line);
    render_fill(rd, (URect){r.x + r.w - border, r.y + rad, border,
                            r.h - 2 * rad}, line);
    render_round(rd, (URect){r.x + border, r.y + border, r.w - 2 * border,
                             r.h - 2 * border}, ir, fill);
    return;
  }
  /* outline over whatever is below: four straight sides and corners */
  render_round(rd, (URect){r.x + border, r.y + border, r.w - 2 * border,
                           r.h - 2 * border},
               radius - border, fill);
  render_fill(rd, (URect){r.x + radius, r.y, r.w - 2 * radius, border}, line);
  render_fill(rd, (URect){r.x + radius, r.y + r.h - border, r.w - 2 * radius,
                          border}, line);
  render_fill(rd, (URect){r.x, r.y + radius, border, r.h - 2 * radius}, line);
  render_fill(rd, (URect){r.x + r.w - border, r.y + radius, border,
                          r.h - 2 * radius}, line);
  for (int a = 0; a < 4; a++) {
    float cx = (a & 1) ? (float)(r.x + r.w - radius) : (float)(r.x + radius);
    float cy = (a & 2) ? (float)(r.y + r.h - radius) : (float)(r.y + radius);
    float sx = (a & 1) ? 1.0f : -1.0f, sy = (a & 2) ? 1.0f : -1.0f;
    const int steps = 8;
    for (int i = 0; i < steps; i++) {
      float t0 = (float)i / steps * 1.5707964f;
      float t1 = (float)(i + 1) / steps * 1.5707964f;
      float rr = (float)radius - border / 2.0f;
      render_line(rd, cx + sx * rr * cosf(t0), cy + sy * rr * sinf(t0),
                  cx + sx * rr * cosf(t1), cy + sy * rr * sinf(t1),
                  (float)border, line);
    }
  }
}

void render_circle(Render *rd, int cx, int cy, int radius, SDL_Color c) {
  SDL_Rect dst = {cx - radius, cy - radius, radius * 2, radius * 2};
  SDL_Texture *d;
  if (radius <= 0) return;
  d = disc(rd, radius, c);
  if (d) {
    SDL_RenderCopy(rd->r, d, NULL, &dst);
  } else if (rd->circle) {
    SDL_SetTextureColorMod(rd->circle, c.r, c.g, c.b);
    SDL_SetTextureAlphaMod(rd->circle, c.a);
    SDL_RenderCopy(rd->r, rd->circle, NULL, &dst);
  }
}

void render_line(Render *rd, float x0, float y0, float x1, float y1,
                 float thickness, SDL_Color c) {
  float dx = x1 - x0, dy = y1 - y0, len = sqrtf(dx * dx + dy * dy);
  float nx, ny, h = thickness / 2.0f;
  SDL_Vertex v[4];
  int idx[6] = {0, 1, 2, 2, 1, 3};
  if (len < 0.001f) return;
  nx = -dy / len * h;
  ny = dx / len * h;
  for (int i = 0; i < 4; i++) {
    v[i].color = c;
    v[i].tex_coord.x = v[i].tex_coord.y = 0;
  }
  v[0].position = (SDL_FPoint){x0 + nx, y0 + ny};
  v[1].position = (SDL_FPoint){x0 - nx, y0 - ny};
  v[2].position = (SDL_FPoint){x1 + nx, y1 + ny};
  v[3].position = (SDL_FPoint){x1 - nx, y1 - ny};
  SDL_RenderGeometry(rd->r, NULL, v, 4, idx, 6);
  render_circle(rd, (int)lroundf(x0), (int)lroundf(y0), (int)lroundf(h), c);
  render_circle(rd, (int)lroundf(x1), (int)lroundf(y1), (int)lroundf(h), c);
}

void render_set_clip(Render *rd, const URect *r) {
  if (r) {
    SDL_Rect s = {r->x, r->y, r->w, r->h};
    SDL_RenderSetClipRect(rd->r, &s);
  } else {
    SDL_RenderSetClipRect(rd->r, NULL);
  }
}

void render_present(Render *rd) {
  SDL_RenderPresent(rd->r);
  text_frame_end(rd->text);
}

SDL_Surface *render_read(Render *rd) {
  int w, h;
  SDL_Surface *s;
  render_output_size(rd, &w, &h);
  if (w <= 0 || h <= 0) return NULL;
  s = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888);
  if (!s) return NULL;
  if (SDL_RenderReadPixels(rd->r, NULL, SDL_PIXELFORMAT_ARGB8888, s->pixels,
                           s->pitch) < 0) {
    SDL_FreeSurface(s);
    return NULL;
  }
  return s;
}

int render_save_png(Render *rd, const char *path, char *err, size_t errlen) {
  SDL_Surface *s = render_read(rd);
  if (!s) {
    if (err)
      snprintf(err, errlen, "render: cannot read the frame for '%s': %s",
               path, SDL_GetError());
    return QD_EIO;
  }
  if (IMG_SavePNG(s, path) < 0) {
    if (err)
      snprintf(err, errlen, "render: cannot save '%s': %s", path,
               IMG_GetError());
    SDL_FreeSurface(s);
    return QD_EIO;
  }
  SDL_FreeSurface(s);
  return 0;
}
