/* theme.c - palettes and the type scale. */
#include "theme.h"

static SDL_Color rgb(unsigned v) {
  SDL_Color c = {(Uint8)(v >> 16), (Uint8)(v >> 8), (Uint8)v, 255};
  return c;
}

static SDL_Color rgba(unsigned v, Uint8 a) {
  SDL_Color c = rgb(v);
  c.a = a;
  return c;
}

void theme_init(Theme *t, int high_contrast, int out_w, int out_h,
                float density, float scale) {
  float fit, u;
  t->high_contrast = high_contrast;
  if (high_contrast) {
    t->bg = rgb(0x000000);
    t->surface = rgb(0x000000);
    t->surface_alt = rgb(0x1A1A1A);
    t->line = rgb(0xFFFFFF);
    t->text = rgb(0xFFFFFF);
    t->muted = rgb(0xE6E6E6);
    t->accent = rgb(0xFFE500);
    t->on_accent = rgb(0x000000);
    t->focus = rgb(0x00E5FF);
    t->again = rgb(0xFF6B6B);
    t->hard = rgb(0xFFB000);
    t->good = rgb(0x5CFF7A);
    t->easy = rgb(0x7CC4FF);
    t->new_c = rgb(0x7CC4FF);
    t->learn_c = rgb(0xFFB000);
    t->due_c = rgb(0x5CFF7A);
    t->ok = rgb(0x5CFF7A);
    t->bad = rgb(0xFF6B6B);
    t->ok_soft = rgb(0x003300);
    t->bad_soft = rgb(0x330000);
    t->shadow = rgba(0x000000, 0);
  } else {
    t->bg = rgb(0xF3F4F8);
    t->surface = rgb(0xFFFFFF);
    t->surface_alt = rgb(0xEEF0F6);
    t->line = rgb(0xD9DCE5);
    t->text = rgb(0x1B1F2A);
    t->muted = rgb(0x5B6275);
    t->accent = rgb(0x4F46E5);
    t->on_accent = rgb(0xFFFFFF);
    t->focus = rgb(0xF59E0B);
    t->again = rgb(0xC62828);
    t->hard = rgb(0xB45309);
    t->good = rgb(0x15803D);
    t->easy = rgb(0x1D4ED8);
    t->new_c = rgb(0x1D4ED8);
    t->learn_c = rgb(0xB45309);
    t->due_c = rgb(0x15803D);
    t->ok = rgb(0x15803D);
    t->bad = rgb(0xC62828);
    t->ok_soft = rgb(0xE7F6EC);
    t->bad_soft = rgb(0xFDECEC);
    t->shadow = rgba(0x1B1F2A, 20);
  }
  /* the window's size nudges the unit so a 4K window is not all margins
   * and 640x480 still fits; HiDPI and the user's scale multiply it */
  fit = (float)out_w / density / 1100.0f;
  if ((float)out_h / density / 720.0f < fit)
    fit = (float)out_h / density / 720.0f;
  if (fit < 0.82f) fit = 0.82f;
  if (fit > 1.9f) fit = 1.9f;
  if (scale < 0.5f) scale = 0.5f;
  if (scale > 3.0f) scale = 3.0f;
  u = 17.0f * fit * density * scale;
  t->unit = (int)(u + 0.5f);
  if (t->unit < 10) t->unit = 10;
  t->border = high_contrast ? (t->unit + 5) / 6 : (t->unit + 12) / 16;
  if (t->border < 1) t->border = 1;
}

int theme_px(const Theme *t, int type) {
  static const int pct[TYPE_COUNT] = {76, 88, 100, 122, 158, 190, 260};
  if (type < 0 || type >= TYPE_COUNT) type = TYPE_BODY;
  return (t->unit * pct[type] + 50) / 100;
}

int theme_sp(const Theme *t, int quarters) {
  return (t->unit * quarters + 2) / 4;
}
