/* view.c - building, drawing and checking the display list. */
#include "view.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void view_init(View *v) { memset(v, 0, sizeof *v); }

void view_free(View *v) {
  free(v->items);
  free(v->arena);
  memset(v, 0, sizeof *v);
}

void view_reset(View *v, TextSys *text, const Theme *th, int w, int h) {
  v->n = 0;
  v->used = 0;
  v->text = text;
  v->th = th;
  v->w = w;
  v->h = h;
  v->oom = 0;
}

static Item *push(View *v) {
  Item *it;
  if (v->n == v->cap) {
    int nc = v->cap ? v->cap * 2 : 256;
    Item *ni = realloc(v->items, (size_t)nc * sizeof *ni);
    if (!ni) {
      v->oom = 1;
      return NULL;
    }
    v->items = ni;
    v->cap = nc;
  }
  it = &v->items[v->n++];
  memset(it, 0, sizeof *it);
  return it;
}

static int store_text(View *v, const char *s, int len, size_t *off) {
  if (v->used + (size_t)len + 1 > v->arena_cap) {
    size_t nc = v->arena_cap ? v->arena_cap * 2 : 16384;
    char *na;
    while (nc < v->used + (size_t)len + 1) nc *= 2;
    na = realloc(v->arena, nc);
    if (!na) {
      v->oom = 1;
      return -1;
    }
    v->arena = na;
    v->arena_cap = nc;
  }
  memcpy(v->arena + v->used, s, (size_t)len);
  v->arena[v->used + (size_t)len] = '\0';
  *off = v->used;
  v->used += (size_t)len + 1;
  return 0;
}

void view_shift(View *v, int from, int dy) {
  for (int i = from < 0 ? 0 : from; i < v->n; i++) {
    v->items[i].r.y += dy;
    v->items[i].y0 += (float)dy;
    v->items[i].y1 += (float)dy;
  }
}

const char *view_item_text(const View *v, const Item *it) {
  return v->arena + it->text;
}

int view_panel(View *v, URect r, SDL_Color fill, SDL_Color line, int border,
               int radius, int flags) {
  Item *it = push(v);
  if (!it) return -1;
  it->kind = ITEM_PANEL;
  it->r = r;
  it->fill = fill;
  it->line = line;
  it->border = border;
  it->radius = radius;
  it->flags = flags;
  return v->n - 1;
}

static void add_text(View *v, int x, int y, const char *s, int len,
                     int width, int px, TextWeight w, SDL_Color c,
                     int ellipsis) {
  Item *it;
  char buf[2048];
  const char *src = s;
  if (len <= 0 && !ellipsis) return;
  if (ellipsis) {
    int k = len < (int)sizeof buf - 4 ? len : (int)sizeof buf - 4;
    memcpy(buf, s, (size_t)k);
    memcpy(buf + k, "\xE2\x80\xA6", 3);
    len = k + 3;
    src = buf;
    width = text_width(v->text, src, len, px, w);
  }
  it = push(v);
  if (!it) return;
  it->kind = ITEM_TEXT;
  if (store_text(v, src, len, &it->text) < 0) {
    v->n--;
    return;
  }
  it->len = len;
  it->px = px;
  it->weight = w;
  it->fill = c;
  it->r = (URect){x, y, width, text_line_height(v->text, px, w)};
}

int view_label(View *v, int x, int y, int maxw, const char *s, int px,
               TextWeight w, SDL_Color c, Align align) {
  int ell = 0, len, width, lh = text_line_height(v->text, px, w);
  if (!s || maxw <= 0) return lh;
  len = text_fit(v->text, s, px, w, maxw, &ell);
  width = text_width(v->text, s, len, px, w);
  if (ell) width += text_width(v->text, "\xE2\x80\xA6", 3, px, w);
  if (align == ALIGN_CENTER) x += (maxw - width) / 2;
  else if (align == ALIGN_RIGHT) x += maxw - width;
  add_text(v, x, y, s, len, width, px, w, c, ell);
  return lh;
}

#define VIEW_MAX_LINES 64

int view_para_height(View *v, int w, const char *s, int px, TextWeight wt) {
  TextLine lines[1];
  int n;
  if (!s || !*s || w <= 0) return 0;
  n = text_wrap(v->text, s, px, wt, w, lines, 1);
  if (n < 0) n = 1;
  return n * text_line_height(v->text, px, wt);
}

int view_para(View *v, int x, int y, int w, int max_h, const char *s, int px,
              int min_px, TextWeight wt, SDL_Color c, Align align) {
  TextLine lines[VIEW_MAX_LINES];
  int n, lh, fit_lines, shown;
  if (!s || !*s || w <= 0 || max_h <= 0) return 0;
  if (min_px > px) min_px = px;
  for (;;) {
    lh = text_line_height(v->text, px, wt);
    n = text_wrap(v->text, s, px, wt, w, lines, VIEW_MAX_LINES);
    if (n < 0) return 0;
    if (n * lh <= max_h || px <= min_px) break;
    px = px * 9 / 10;
    if (px < min_px) px = min_px;
  }
  fit_lines = max_h / lh;
  if (fit_lines < 1) return 0;
  shown = n < fit_lines ? n : fit_lines;
  if (shown > VIEW_MAX_LINES) shown = VIEW_MAX_LINES;
  for (int i = 0; i < shown; i++) {
    const char *ls = s + lines[i].start;
    int lw = lines[i].width, len = lines[i].len, ell = 0, lx = x;
    if (i == shown - 1 && shown < n) {
      /* cut: make room for the ellipsis */
      char tmp[2048];
      int k = len < (int)sizeof tmp - 1 ? len : (int)sizeof tmp - 1;
      memcpy(tmp, ls, (size_t)k);
      tmp[k] = '\0';
      len = text_fit(v->text, tmp, px, wt,
                     w - text_width(v->text, "\xE2\x80\xA6", 3, px, wt), &ell);
      ell = 1;
      lw = text_width(v->text, ls, len, px, wt) +
           text_width(v->text, "\xE2\x80\xA6", 3, px, wt);
    }
    if (align == ALIGN_CENTER) lx = x + (w - lw) / 2;
    else if (align == ALIGN_RIGHT) lx = x + w - lw;
    add_text(v, lx, y + i * lh, ls, len, lw, px, wt, c, ell);
  }
  return shown * lh;
}

static void button_colors(const Theme *th, ButtonStyle s, SDL_Color *fill,
                          SDL_Color *text, SDL_Color *line) {
  *line = th->line;
  switch (s) {
  case BTN_PRIMARY:
    *fill = th->accent;
    *text = th->on_accent;
    *line = th->accent;
    break;
  case BTN_QUIET:
    *fill = th->bg;
    *text = th->text;
    break;
  case BTN_AGAIN: case BTN_HARD: case BTN_GOOD: case BTN_EASY:
  case BTN_OK: case BTN_BAD: {
    SDL_Color c = s == BTN_AGAIN ? th->again : s == BTN_HARD ? th->hard
                  : s == BTN_GOOD ? th->good : s == BTN_EASY ? th->easy
                  : s == BTN_OK ? th->ok : th->bad;
    *fill = th->surface;
    *text = c;
    *line = c;
    break;
  }
  default:
    *fill = th->surface;
    *text = th->text;
    break;
  }
}

int view_button(View *v, URect r, const char *label, const char *hint,
                ButtonStyle style, int cmd, int arg, int selected) {
  const Theme *th = v->th;
  SDL_Color fill, text, line;
  int idx, px = theme_px(th, TYPE_BODY), hpx = theme_px(th, TYPE_CAPTION);
  int lh = text_line_height(v->text, px, TEXT_BOLD);
  int hh = hint ? text_line_height(v->text, hpx, TEXT_REGULAR) : 0;
  int pad = theme_sp(th, 2), border;
  button_colors(th, style, &fill, &text, &line);
  border = style >= BTN_AGAIN ? th->border * 2 : th->border;
  if (th->high_contrast) border = th->border;
  idx = view_panel(v, r, fill, line, border, theme_sp(th, 3),
                   ITEM_HOVERABLE | (selected ? ITEM_SELECTED : 0));
  if (idx < 0) return idx;
  v->items[idx].cmd = cmd;
  v->items[idx].arg = arg;
  if (hint && lh + hh <= r.h - 2 * border) {
    int top = r.y + (r.h - lh - hh) / 2;
    view_label(v, r.x + pad, top, r.w - 2 * pad, label, px, TEXT_BOLD, text,
               ALIGN_CENTER);
    view_label(v, r.x + pad, top + lh, r.w - 2 * pad, hint, hpx,
               TEXT_REGULAR, style == BTN_PRIMARY ? text : th->muted,
               ALIGN_CENTER);
  } else if (lh <= r.h) {
    view_label(v, r.x + pad, r.y + (r.h - lh) / 2, r.w - 2 * pad, label, px,
               TEXT_BOLD, text, ALIGN_CENTER);
  }
  return idx;
}

void view_line(View *v, float x0, float y0, float x1, float y1, float thick,
               SDL_Color c) {
  Item *it = push(v);
  float h = thick / 2.0f;
  if (!it) return;
  it->kind = ITEM_LINE;
  it->x0 = x0;
  it->y0 = y0;
  it->x1 = x1;
  it->y1 = y1;
  it->thick = thick;
  it->fill = c;
  it->r.x = (int)((x0 < x1 ? x0 : x1) - h);
  it->r.y = (int)((y0 < y1 ? y0 : y1) - h);
  it->r.w = (int)((x0 < x1 ? x1 - x0 : x0 - x1) + thick);
  it->r.h = (int)((y0 < y1 ? y1 - y0 : y0 - y1) + thick);
}

void view_circle(View *v, int cx, int cy, int radius, SDL_Color c) {
  Item *it = push(v);
  if (!it) return;
  it->kind = ITEM_CIRCLE;
  it->r = (URect){cx - radius, cy - radius, 2 * radius, 2 * radius};
  it->fill = c;
}

void view_check_mark(View *v, URect r, SDL_Color c) {
  float t = (float)r.w / 7.0f;
  float x = (float)r.x, y = (float)r.y, s = (float)r.w;
  view_line(v, x + s * 0.18f, y + s * 0.52f, x + s * 0.42f, y + s * 0.76f, t, c);
  view_line(v, x + s * 0.42f, y + s * 0.76f, x + s * 0.84f, y + s * 0.26f, t, c);
}

void view_cross_mark(View *v, URect r, SDL_Color c) {
  float t = (float)r.w / 7.0f;
  float x = (float)r.x, y = (float)r.y, s = (float)r.w;
  view_line(v, x + s * 0.24f, y + s * 0.24f, x + s * 0.76f, y + s * 0.76f, t, c);
  view_line(v, x + s * 0.76f, y + s * 0.24f, x + s * 0.24f, y + s * 0.76f, t, c);
}

static SDL_Color mix(SDL_Color a, SDL_Color b, int pct) {
  SDL_Color c;
  c.r = (Uint8)((a.r * (100 - pct) + b.r * pct) / 100);
  c.g = (Uint8)((a.g * (100 - pct) + b.g * pct) / 100);
  c.b = (Uint8)((a.b * (100 - pct) + b.b * pct) / 100);
  c.a = a.a;
  return c;
}

void view_draw(const View *v, Render *rd, int hover, int focus, int pressed) {
  const Theme *th = v->th;
  for (int i = 0; i < v->n; i++) {
    const Item *it = &v->items[i];
    switch (it->kind) {
    case ITEM_PANEL: {
      SDL_Color fill = it->fill, line = it->line;
      int border = it->border;
      if ((it->flags & ITEM_SHADOW) && th->shadow.a) {
        /* only the strip that shows below the panel is drawn */
        int off = theme_sp(th, 1) / 2 + 1, hh = 2 * it->radius + off;
        URect s = it->r;
        if (hh < s.h) {
          s.y += s.h - hh + off;
          s.h = hh;
        } else {
          s.y += off;
        }
        render_round(rd, s, it->radius, th->shadow);
      }
      if (i == pressed && it->cmd) fill = mix(fill, th->text, 16);
      else if (i == hover && (it->flags & ITEM_HOVERABLE))
        fill = mix(fill, th->accent, th->high_contrast ? 30 : 8);
      if (it->flags & ITEM_SELECTED) {
        line = th->accent;
        border = border < 2 ? 2 : border;
      }
      render_round_border(rd, it->r, it->radius, border, fill, line);
      if (i == focus) {
        int f = th->border * 2 + 1, gap = f;
        URect fr = {it->r.x - gap, it->r.y - gap, it->r.w + 2 * gap,
                    it->r.h + 2 * gap};
        SDL_Color none = {0, 0, 0, 0};
        render_round_border(rd, fr, it->radius + gap, f, none, th->focus);
      }
      break;
    }
    case ITEM_TEXT:
      text_draw(render_text(rd), v->arena + it->text, it->len, it->px,
                it->weight, it->r.x, it->r.y, it->fill);
      break;
    case ITEM_LINE:
      render_line(rd, it->x0, it->y0, it->x1, it->y1, it->thick, it->fill);
      break;
    case ITEM_CIRCLE:
      render_circle(rd, it->r.x + it->r.w / 2, it->r.y + it->r.h / 2,
                    it->r.w / 2, it->fill);
      break;
    }
  }
}

int view_hit(const View *v, int x, int y) {
  for (int i = v->n - 1; i >= 0; i--) {
    const Item *it = &v->items[i];
    if (it->kind == ITEM_PANEL && it->cmd && x >= it->r.x &&
        x < it->r.x + it->r.w && y >= it->r.y && y < it->r.y + it->r.h)
      return i;
  }
  return -1;
}

int view_next_focus(const View *v, int from, int dir) {
  if (v->n == 0) return -1;
  for (int k = 1; k <= v->n; k++) {
    int i = ((from < 0 ? (dir > 0 ? -1 : 0) : from) + dir * k + v->n * 2) % v->n;
    if (v->items[i].kind == ITEM_PANEL && v->items[i].cmd) return i;
  }
  return -1;
}

static int overlap(URect a, URect b) {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h &&
         b.y < a.y + a.h;
}

int view_check(const View *v, char *msg, size_t msglen) {
  if (v->oom) {
    snprintf(msg, msglen, "view: out of memory while laying out");
    return -1;
  }
  for (int i = 0; i < v->n; i++) {
    const Item *it = &v->items[i];
    if (it->r.x < 0 || it->r.y < 0 || it->r.x + it->r.w > v->w ||
        it->r.y + it->r.h > v->h) {
      snprintf(msg, msglen,
               "item %d (%s '%s') at %d,%d %dx%d is outside the %dx%d window",
               i, it->kind == ITEM_TEXT ? "text" : "shape",
               it->kind == ITEM_TEXT ? v->arena + it->text : "", it->r.x,
               it->r.y, it->r.w, it->r.h, v->w, v->h);
      return -1;
    }
    if (it->kind != ITEM_TEXT) continue;
    for (int j = i + 1; j < v->n; j++) {
      const Item *o = &v->items[j];
      if (o->kind == ITEM_TEXT && overlap(it->r, o->r)) {
        snprintf(msg, msglen, "text '%s' (%d,%d %dx%d) overlaps '%s' "
                 "(%d,%d %dx%d)", v->arena + it->text, it->r.x, it->r.y,
                 it->r.w, it->r.h, v->arena + o->text, o->r.x, o->r.y,
                 o->r.w, o->r.h);
        return -1;
      }
    }
  }
  return 0;
}
