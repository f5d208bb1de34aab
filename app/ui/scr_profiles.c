/* scr_profiles.c - who is studying: pick a profile or add one. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"

static void load(App *a) {
  ProfilesState *p = &a->prof;
  store_profiles_free(p->list, p->n);
  p->list = NULL;
  p->n = 0;
  if (!a->store) return;
  if (store_profiles_list(a->store, &p->list, &p->n) < 0) {
    app_toast(a, 1, "%s", store_errmsg(a->store));
    p->list = NULL;
    p->n = 0;
  }
  /* the anonymous kiosk profile is not picked here */
  for (int i = 0; i < p->n; i++)
    if (p->list[i].kiosk) {
      StoreProfile t = p->list[i];
      memmove(&p->list[i], &p->list[i + 1],
              (size_t)(p->n - i - 1) * sizeof t);
      p->list[--p->n] = t; /* kept at the end for freeing */
      free(t.name);
      p->list[p->n].name = NULL;
      i--;
    }
}

static void enter(App *a) {
  ProfilesState *p = &a->prof;
  load(a);
  p->adding = a->store && p->n == 0;
  p->name[0] = '\0';
  if (p->sel >= p->n) p->sel = 0;
}

static void leave(App *a) {
  store_profiles_free(a->prof.list, a->prof.n);
  a->prof.list = NULL;
  a->prof.n = 0;
  a->prof.adding = 0;
}

static void create(App *a) {
  ProfilesState *p = &a->prof;
  char *s = p->name, *e;
  while (*s == ' ') s++;
  e = s + strlen(s);
  while (e > s && e[-1] == ' ') *--e = '\0';
  if (!*s) {
    app_toast(a, 1, "profiles: cannot add a profile without a name");
    return;
  }
  {
    char name[128];
    snprintf(name, sizeof name, "%s", s);
    app_use_profile(a, name);
  }
}

static void pop_utf8(char *s) {
  size_t n = strlen(s);
  while (n > 0 && ((unsigned char)s[n - 1] & 0xC0) == 0x80) n--;
  if (n > 0) n--;
  s[n] = '\0';
}

static void handle(App *a, const Action *act) {
  ProfilesState *p = &a->prof;
  int total = p->n + 1; /* the "add" tile */
  if (!a->store) {
    if (act->kind == ACT_BACK) a->quit = 1;
    return;
  }
  if (p->adding) {
    switch (act->kind) {
    case ACT_TEXT:
      if (strlen(p->name) + strlen(act->text) < 60)
        strcat(p->name, act->text);
      app_dirty(a);
      return;
    case ACT_BACKSPACE:
      pop_utf8(p->name);
      app_dirty(a);
      return;
    case ACT_DELETE_WORD:
      p->name[0] = '\0';
      app_dirty(a);
      return;
    case ACT_ACCEPT:
      create(a);
      return;
    case ACT_BACK:
      if (p->n > 0) p->adding = 0;
      app_dirty(a);
      return;
    case ACT_COMMAND:
      if (act->n == CMD_PROFILE_CREATE) create(a);
      else if (act->n == CMD_PROFILE_CANCEL && p->n > 0) p->adding = 0;
      app_dirty(a);
      return;
    default:
      return;
    }
  }
  switch (act->kind) {
  case ACT_UP:
  case ACT_LEFT:
    p->sel = (p->sel + total - 1) % total;
    app_dirty(a);
    break;
  case ACT_DOWN:
  case ACT_RIGHT:
    p->sel = (p->sel + 1) % total;
    app_dirty(a);
    break;
  case ACT_SCROLL:
    p->sel += act->n;
    if (p->sel < 0) p->sel = 0;
    if (p->sel >= total) p->sel = total - 1;
    app_dirty(a);
    break;
  case ACT_ACCEPT:
  case ACT_SPACE:
    if (p->sel < p->n) app_use_profile(a, p->list[p->sel].name);
    else {
      p->adding = 1;
      p->name[0] = '\0';
      app_dirty(a);
    }
    break;
  case ACT_KEY:
    if (act->n == 'n') {
      p->adding = 1;
      p->name[0] = '\0';
      app_dirty(a);
    }
    break;
  case ACT_COMMAND:
    if (act->n == CMD_PROFILE_PICK && act->arg >= 0 && act->arg < p->n)
      app_use_profile(a, p->list[act->arg].name);
    else if (act->n == CMD_PROFILE_NEW) {
      p->adding = 1;
      p->name[0] = '\0';
      app_dirty(a);
    } else if (act->n == CMD_CONTRAST) {
      app_set_contrast(a, !a->high_contrast);
    } else if (act->n == CMD_SCALE) {
      app_set_scale(a, a->scale >= 1.49f ? 1.0f : a->scale + 0.25f);
    }
    break;
  default:
    break;
  }
}

/* First character of a name, for the avatar. */
static void initial(const char *name, char *out) {
  size_t k = 1;
  unsigned char c = (unsigned char)name[0];
  if (c >= 0xF0) k = 4;
  else if (c >= 0xE0) k = 3;
  else if (c >= 0xC0) k = 2;
  if (strlen(name) < k) k = strlen(name);
  memcpy(out, name, k);
  out[k] = '\0';
  if (k == 1 && out[0] >= 'a' && out[0] <= 'z') out[0] = (char)(out[0] - 32);
}

static SDL_Color avatar_color(const Theme *th, int i) {
  static const unsigned pal[] = {0x4F46E5, 0x0E7490, 0xB45309, 0x15803D,
                                 0xBE185D, 0x7C3AED, 0x1D4ED8, 0xC2410C};
  SDL_Color c;
  unsigned v = pal[i % 8];
  if (th->high_contrast) return th->accent;
  c.r = (Uint8)(v >> 16);
  c.g = (Uint8)(v >> 8);
  c.b = (Uint8)v;
  c.a = 255;
  return c;
}

static void update(App *a, double dt) {
  ProfilesState *p = &a->prof;
  const Theme *th = &a->th;
  View *v = &a->view;
  int m = theme_sp(th, a->w > 900 ? 8 : 4), y, bottom, colw, x0;
  int hero = theme_px(th, TYPE_HERO), title = theme_px(th, TYPE_TITLE);
  int body = theme_px(th, TYPE_BODY), small = theme_px(th, TYPE_SMALL);
  (void)dt;
  bottom = app_toast_layout(a);
  colw = a->w - 2 * m;
  if (colw > th->unit * 40) colw = th->unit * 40;
  x0 = (a->w - colw) / 2;
  y = theme_sp(th, a->h > 700 ? 10 : 4);
  /* settings in the corner: reachable by mouse and Tab */
  {
    int bw = text_width(v->text, "Contrast", -1, body, TEXT_BOLD) +
             theme_sp(th, 6);
    int bh = theme_sp(th, 9), gap = theme_sp(th, 2);
    int sw = text_width(v->text, "Text size", -1, body, TEXT_BOLD) +
             theme_sp(th, 6);
    view_button(v, (URect){a->w - theme_sp(th, 4) - bw, theme_sp(th, 3), bw, bh},
                "Contrast", NULL, BTN_QUIET, CMD_CONTRAST, 0,
                a->high_contrast);
    view_button(v, (URect){a->w - theme_sp(th, 4) - bw - gap - sw,
                           theme_sp(th, 3), sw, bh},
                "Text size", NULL, BTN_QUIET, CMD_SCALE, 0, 0);
    if (y < theme_sp(th, 3) + bh + theme_sp(th, 2))
      y = theme_sp(th, 3) + bh + theme_sp(th, 2);
  }
  y += view_label(v, x0, y, colw, "quizdeck", hero, TEXT_BOLD, th->accent,
                  ALIGN_CENTER);
  y += view_label(v, x0, y, colw, "Who\xE2\x80\x99s studying?", title,
                  TEXT_REGULAR, th->text, ALIGN_CENTER);
  y += theme_sp(th, 4);
  if (!a->store) {
    int h = bottom - y;
    URect r = {x0, y, colw, h > th->unit * 12 ? th->unit * 12 : h};
    int pad = theme_sp(th, 4), ty;
    if (r.h <= 0) return;
    view_panel(v, r, th->bad_soft, th->bad, th->border, theme_sp(th, 3),
               0);
    ty = r.y + pad;
    ty += view_label(v, r.x + pad, ty, r.w - 2 * pad,
                     "The study database cannot be opened", body, TEXT_BOLD,
                     th->bad, ALIGN_LEFT);
    ty += theme_sp(th, 1);
    ty += view_para(v, r.x + pad, ty, r.w - 2 * pad, r.y + r.h - pad - ty,
                    a->store_error, small, theme_px(th, TYPE_CAPTION),
                    TEXT_REGULAR, th->text, ALIGN_LEFT);
    ty += theme_sp(th, 1);
    view_para(v, r.x + pad, ty, r.w - 2 * pad, r.y + r.h - pad - ty,
              "Nothing was changed on disk. Start quizdeck with --db PATH "
              "to use another file, or move the damaged one away. Press "
              "Esc to quit.",
              small, theme_px(th, TYPE_CAPTION), TEXT_REGULAR, th->muted,
              ALIGN_LEFT);
    return;
  }
  if (p->adding) {
    int fh = theme_sp(th, 12), bh = theme_sp(th, 13), pad = theme_sp(th, 3);
    int bw = (colw - theme_sp(th, 3)) / 2;
    char shown[200];
    int lh;
    if (y + fh + bh + theme_sp(th, 12) > bottom) {
      y = bottom - fh - bh - theme_sp(th, 10);
      if (y < 0) y = 0;
    }
    lh = view_label(v, x0, y, colw, "Your name", small, TEXT_BOLD, th->muted,
                    ALIGN_LEFT);
    y += lh + theme_sp(th, 1);
    view_panel(v, (URect){x0, y, colw, fh}, th->surface, th->accent,
               th->border * 2, theme_sp(th, 3), 0);
    snprintf(shown, sizeof shown, "%s|", p->name);
    view_label(v, x0 + pad,
               y + (fh - text_line_height(v->text, theme_px(th, TYPE_LARGE),
                                          TEXT_REGULAR)) / 2,
               colw - 2 * pad, shown, theme_px(th, TYPE_LARGE), TEXT_REGULAR,
               th->text, ALIGN_LEFT);
    y += fh + theme_sp(th, 3);
    if (p->n > 0) {
      view_button(v, (URect){x0, y, bw, bh}, "Cancel", "Esc", BTN_SECONDARY,
                  CMD_PROFILE_CANCEL, 0, 0);
      view_button(v, (URect){x0 + colw - bw, y, bw, bh}, "Start studying",
                  "Enter", BTN_PRIMARY, CMD_PROFILE_CREATE, 0, 0);
    } else {
      /* the first profile: nothing to cancel back to */
      view_button(v, (URect){x0, y, colw, bh}, "Start studying", "Enter",
                  BTN_PRIMARY, CMD_PROFILE_CREATE, 0, 0);
    }
    return;
  }
  {
    int total = p->n + 1, rowh = theme_sp(th, 16), gap = theme_sp(th, 2);
    int room = (bottom - theme_sp(th, 8) - y + gap) / (rowh + gap);
    int first, last, av = rowh / 2 - theme_sp(th, 1);
    if (room < 1) room = 1;
    if (p->sel < p->scroll) p->scroll = p->sel;
    if (p->sel >= p->scroll + room) p->scroll = p->sel - room + 1;
    if (p->scroll > total - room) p->scroll = total - room;
    if (p->scroll < 0) p->scroll = 0;
    first = p->scroll;
    last = first + room < total ? first + room : total;
    for (int i = first; i < last; i++) {
      URect r = {x0, y, colw, rowh};
      int idx, cx = x0 + theme_sp(th, 3) + av, cy = y + rowh / 2;
      int tx = cx + av + theme_sp(th, 3);
      int sel = i == p->sel;
      idx = view_panel(v, r, th->surface, sel ? th->accent : th->line,
                       sel ? th->border * 2 : th->border, theme_sp(th, 3),
                       ITEM_SHADOW | ITEM_HOVERABLE);
      if (i < p->n) {
        char ini[8];
        if (idx >= 0) {
          v->items[idx].cmd = CMD_PROFILE_PICK;
          v->items[idx].arg = i;
        }
        view_circle(v, cx, cy, av, avatar_color(th, i));
        initial(p->list[i].name, ini);
        view_label(v, cx - av, cy - text_line_height(v->text, body, TEXT_BOLD) / 2,
                   2 * av, ini, body, TEXT_BOLD,
                   th->high_contrast ? th->bg : th->on_accent, ALIGN_CENTER);
        view_label(v, tx, cy - text_line_height(v->text, theme_px(th, TYPE_LARGE),
                                                TEXT_BOLD) / 2,
                   x0 + colw - tx - theme_sp(th, 3), p->list[i].name,
                   theme_px(th, TYPE_LARGE), TEXT_BOLD, th->text, ALIGN_LEFT);
      } else {
        if (idx >= 0) v->items[idx].cmd = CMD_PROFILE_NEW;
        view_circle(v, cx, cy, av, th->surface_alt);
        view_line(v, (float)(cx - av / 2), (float)cy, (float)(cx + av / 2),
                  (float)cy, (float)th->border * 2 + 1, th->accent);
        view_line(v, (float)cx, (float)(cy - av / 2), (float)cx,
                  (float)(cy + av / 2), (float)th->border * 2 + 1, th->accent);
        view_label(v, tx, cy - text_line_height(v->text, theme_px(th, TYPE_LARGE),
                                                TEXT_BOLD) / 2,
                   x0 + colw - tx - theme_sp(th, 3), "Add a profile  (N)",
                   theme_px(th, TYPE_LARGE), TEXT_BOLD, th->accent,
                   ALIGN_LEFT);
      }
      y += rowh + gap;
    }
    y += theme_sp(th, 2);
    if (y + text_line_height(v->text, small, TEXT_REGULAR) <= bottom)
      view_label(v, x0, y, colw,
                 "\xE2\x86\x91\xE2\x86\x93 choose \xC2\xB7 Enter open \xC2\xB7 "
                 "Ctrl+Q quit \xC2\xB7 F2 contrast \xC2\xB7 Ctrl+/- text size",
                 small, TEXT_REGULAR, th->muted, ALIGN_CENTER);
  }
}

static void draw(const App *a, Render *rd) {
  view_draw(&a->view, rd, a->hover, a->focus, a->pressed);
}

const Screen screen_profiles = {"profiles", enter, leave, handle, update,
                                draw};
