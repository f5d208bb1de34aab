/* scr_summary.c - the end of a session: how it went. */
#include <stdio.h>
#include <string.h>

#include "app.h"

static void enter(App *a) { (void)a; }
static void leave(App *a) { (void)a; }

static void handle(App *a, const Action *act) {
  if (act->kind == ACT_ACCEPT || act->kind == ACT_SPACE ||
      act->kind == ACT_BACK ||
      (act->kind == ACT_COMMAND && (act->n == CMD_BACK))) {
    app_switch(a, SCR_DECKS);
  } else if ((act->kind == ACT_KEY && act->n == 's') ||
             (act->kind == ACT_COMMAND && act->n == CMD_STATS)) {
    a->stats.all_decks = 0;
    app_switch(a, SCR_STATS);
  } else if ((act->kind == ACT_KEY && act->n == 'r') ||
             (act->kind == ACT_COMMAND && act->n == CMD_STUDY)) {
    app_switch(a, SCR_STUDY);
  }
}

static void tile(App *a, URect r, const char *value, const char *label) {
  const Theme *th = &a->th;
  View *v = &a->view;
  int big = theme_px(th, TYPE_TITLE), cap = theme_px(th, TYPE_SMALL);
  int l1 = text_line_height(v->text, big, TEXT_BOLD);
  int l2 = text_line_height(v->text, cap, TEXT_REGULAR);
  int pad = theme_sp(th, 2), top;
  view_panel(v, r, th->surface, th->line, th->border, theme_sp(th, 3),
             ITEM_SHADOW);
  if (l1 + l2 > r.h - 2 * pad) {
    view_label(v, r.x + pad, r.y + (r.h - l1) / 2, r.w - 2 * pad, value, big,
               TEXT_BOLD, th->text, ALIGN_CENTER);
    return;
  }
  top = r.y + (r.h - l1 - l2) / 2;
  view_label(v, r.x + pad, top, r.w - 2 * pad, value, big, TEXT_BOLD,
             th->text, ALIGN_CENTER);
  view_label(v, r.x + pad, top + l1, r.w - 2 * pad, label, cap, TEXT_REGULAR,
             th->muted, ALIGN_CENTER);
}

static void update(App *a, double dt) {
  const Theme *th = &a->th;
  View *v = &a->view;
  const SessionSummary *s = &a->summary;
  Frame f;
  char buf[64];
  int y, colw, x0, gap = theme_sp(th, 3), bh = theme_sp(th, 13);
  int correct = s->reviewed - s->by_rating[0];
  int body = theme_px(th, TYPE_BODY);
  static const char *const names[4] = {"Again", "Hard", "Good", "Easy"};
  (void)dt;
  f = app_top_bar(a, "\xE2\x86\x90 Decks", a->deck_name, NULL);
  colw = f.w > th->unit * 44 ? th->unit * 44 : f.w;
  x0 = f.x + (f.w - colw) / 2;
  y = f.y;
  {
    int icon = theme_px(th, TYPE_HERO);
    int tpx = theme_px(th, TYPE_TITLE);
    int lh = text_line_height(v->text, tpx, TEXT_BOLD);
    const char *title = s->reviewed ? "Session complete" : "All done for now";
    int tw = text_width(v->text, title, -1, tpx, TEXT_BOLD);
    int total = icon + theme_sp(th, 3) + tw, sx;
    if (total > colw) total = colw;
    sx = x0 + (colw - total) / 2;
    view_circle(v, sx + icon / 2, y + icon / 2, icon / 2, th->ok);
    view_check_mark(v, (URect){sx, y, icon, icon},
                    th->high_contrast ? th->bg : th->surface);
    view_label(v, sx + icon + theme_sp(th, 3), y + (icon - lh) / 2,
               colw - icon - theme_sp(th, 3), title, tpx, TEXT_BOLD,
               th->text, ALIGN_LEFT);
    y += icon + theme_sp(th, 4);
  }
  {
    int tw = (colw - 2 * gap) / 3, thh = theme_sp(th, 22);
    long secs = (long)(s->total_ms / 1000);
    if (y + thh > f.y + f.h - bh - gap) thh = f.y + f.h - bh - gap - y;
    if (thh > th->unit * 2) {
      snprintf(buf, sizeof buf, "%d", s->reviewed);
      tile(a, (URect){x0, y, tw, thh}, buf,
           s->reviewed == 1 ? "card reviewed" : "cards reviewed");
      if (s->reviewed)
        snprintf(buf, sizeof buf, "%d%%", correct * 100 / s->reviewed);
      else
        snprintf(buf, sizeof buf, "\xE2\x80\x94");
      tile(a, (URect){x0 + tw + gap, y, tw, thh}, buf, "remembered");
      snprintf(buf, sizeof buf, "%ld:%02ld", secs / 60, secs % 60);
      tile(a, (URect){x0 + 2 * (tw + gap), y, tw, thh}, buf, "time spent");
      y += thh + theme_sp(th, 4);
    }
  }
  {
    /* one bar per grade, with the count in words */
    int lh = text_line_height(v->text, body, TEXT_BOLD);
    int rowh = lh + theme_sp(th, 2), namew = theme_sp(th, 22);
    int maxv = 1;
    for (int g = 0; g < 4; g++)
      if (s->by_rating[g] > maxv) maxv = s->by_rating[g];
    for (int g = 0; g < 4 && y + rowh <= f.y + f.h - bh - gap; g++) {
      SDL_Color c = g == 0 ? th->again : g == 1 ? th->hard
                    : g == 2 ? th->good : th->easy;
      int barw = colw - namew - theme_sp(th, 14);
      int w = s->by_rating[g] * barw / maxv;
      view_label(v, x0, y + (rowh - lh) / 2, namew, names[g], body, TEXT_BOLD,
                 c, ALIGN_LEFT);
      view_panel(v, (URect){x0 + namew, y + theme_sp(th, 1), barw,
                            rowh - theme_sp(th, 2)},
                 th->surface_alt, th->line, 0, theme_sp(th, 1), 0);
      if (w > 0)
        view_panel(v, (URect){x0 + namew, y + theme_sp(th, 1), w,
                              rowh - theme_sp(th, 2)},
                   c, c, 0, theme_sp(th, 1), 0);
      snprintf(buf, sizeof buf, "%d", s->by_rating[g]);
      view_label(v, x0 + namew + barw + theme_sp(th, 2), y + (rowh - lh) / 2,
                 colw - namew - barw - theme_sp(th, 2), buf, body, TEXT_BOLD,
                 th->text, ALIGN_RIGHT);
      y += rowh;
    }
  }
  {
    int by = f.y + f.h - bh, bw = (colw - 2 * gap) / 3;
    if (by >= y) {
      view_button(v, (URect){x0, by, bw, bh}, "Study more", "R",
                  BTN_SECONDARY, CMD_STUDY, 0, 0);
      view_button(v, (URect){x0 + bw + gap, by, bw, bh}, "Statistics", "S",
                  BTN_SECONDARY, CMD_STATS, 0, 0);
      view_button(v, (URect){x0 + 2 * (bw + gap), by, bw, bh}, "Decks",
                  "Enter", BTN_PRIMARY, CMD_BACK, 0, 0);
    }
  }
}

static void draw(const App *a, Render *rd) {
  view_draw(&a->view, rd, a->hover, a->focus, a->pressed);
}

const Screen screen_summary = {"summary", enter, leave, handle, update, draw};
