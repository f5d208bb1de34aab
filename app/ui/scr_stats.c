/* scr_stats.c - statistics drawn as charts: reviews per day, due
 * forecast, retention by interval, cards by state. */
#include <stdio.h>
#include <string.h>

#include "app.h"

static void load(App *a) {
  StatsState *s = &a->stats;
  memset(&s->stats, 0, sizeof s->stats);
  s->loaded = 0;
  s->err[0] = '\0';
  if (!a->store || !a->profile) return;
  if (store_stats(a->store, a->profile, s->all_decks ? 0 : a->deck, app_now(),
                  &s->stats) < 0) {
    snprintf(s->err, sizeof s->err, "%s", store_errmsg(a->store));
    app_toast(a, 1, "%s", s->err);
    return;
  }
  s->loaded = 1;
}

static void enter(App *a) {
  if (!a->deck) a->stats.all_decks = 1;
  load(a);
}

static void leave(App *a) { (void)a; }

static void handle(App *a, const Action *act) {
  if (act->kind == ACT_BACK ||
      (act->kind == ACT_COMMAND && act->n == CMD_BACK)) {
    app_switch(a, SCR_DECKS);
  } else if ((act->kind == ACT_KEY && act->n == 'a') ||
             (act->kind == ACT_COMMAND && act->n == CMD_STATS_SCOPE) ||
             act->kind == ACT_LEFT || act->kind == ACT_RIGHT) {
    if (a->deck) {
      a->stats.all_decks = !a->stats.all_decks;
      load(a);
      app_dirty(a);
    }
  }
}

typedef struct Chart {
  const char *title, *left, *right; /* title and the x-axis end labels */
  const int *values;
  const int *ok;                    /* retention: ok/values as a percentage */
  const char *const *bar_labels;    /* one per bar, or NULL */
  int n;
  SDL_Color color;
} Chart;

static void chart(App *a, URect r, const Chart *c) {
  const Theme *th = &a->th;
  View *v = &a->view;
  int pad = theme_sp(th, 3), cap = theme_px(th, TYPE_CAPTION);
  int small = theme_px(th, TYPE_SMALL);
  int lt = text_line_height(v->text, small, TEXT_BOLD);
  int lc = text_line_height(v->text, cap, TEXT_REGULAR);
  int maxv = 0, total = 0, plot_top, plot_bottom, plot_h, bw, x;
  char buf[64];
  view_panel(v, r, th->surface, th->line, th->border, theme_sp(th, 3),
             ITEM_SHADOW);
  for (int i = 0; i < c->n; i++) {
    int val = c->ok ? (c->values[i] ? c->ok[i] * 100 / c->values[i] : 0)
                    : c->values[i];
    if (val > maxv) maxv = val;
    total += c->values[i];
  }
  if (c->ok) maxv = 100;
  if (r.h < 2 * pad + lt + 2 * lc + th->unit) {
    view_label(v, r.x + pad, r.y + pad, r.w - 2 * pad, c->title, small,
               TEXT_BOLD, th->text, ALIGN_LEFT);
    return;
  }
  {
    /* title left, total or scale right */
    int tw;
    if (c->ok) snprintf(buf, sizeof buf, "%d reviews", total);
    else snprintf(buf, sizeof buf, "max %d", maxv);
    tw = text_width(v->text, buf, -1, cap, TEXT_REGULAR);
    if (tw > (r.w - 2 * pad) / 3) tw = (r.w - 2 * pad) / 3;
    view_label(v, r.x + pad, r.y + pad, r.w - 2 * pad - tw - pad, c->title,
               small, TEXT_BOLD, th->text, ALIGN_LEFT);
    view_label(v, r.x + r.w - pad - tw, r.y + pad + (lt - lc), tw, buf, cap,
               TEXT_REGULAR, th->muted, ALIGN_RIGHT);
  }
  plot_top = r.y + pad + lt + theme_sp(th, 2) + (c->ok ? lc : 0);
  plot_bottom = r.y + r.h - pad - lc - theme_sp(th, 1);
  plot_h = plot_bottom - plot_top;
  if (plot_h < 4) return;
  /* baseline */
  view_panel(v, (URect){r.x + pad, plot_bottom, r.w - 2 * pad, th->border},
             th->line, th->line, 0, 0, 0);
  bw = (r.w - 2 * pad) / (c->n > 0 ? c->n : 1);
  x = r.x + pad + ((r.w - 2 * pad) - bw * c->n) / 2;
  for (int i = 0; i < c->n; i++) {
    int val = c->ok ? (c->values[i] ? c->ok[i] * 100 / c->values[i] : 0)
                    : c->values[i];
    int h = maxv > 0 ? val * plot_h / maxv : 0;
    int g = bw > 6 ? bw / 5 : (bw > 2 ? 1 : 0);
    if (val > 0 && h < 2) h = 2;
    if (h > 0)
      view_panel(v, (URect){x + i * bw + g / 2, plot_bottom - h, bw - g, h},
                 c->color, c->color, 0, bw > 10 ? theme_sp(th, 1) / 2 : 0, 0);
    if (c->ok && c->values[i] > 0) {
      int tw;
      snprintf(buf, sizeof buf, "%d%%", val);
      tw = text_width(v->text, buf, -1, cap, TEXT_REGULAR);
      if (tw <= bw && plot_bottom - h - lc >= r.y + pad + lt)
        view_label(v, x + i * bw, plot_bottom - h - lc, bw, buf, cap,
                   TEXT_REGULAR, th->text, ALIGN_CENTER);
    }
    if (c->bar_labels) {
      int tw = text_width(v->text, c->bar_labels[i], -1, cap, TEXT_REGULAR);
      if (tw <= bw)
        view_label(v, x + i * bw, plot_bottom + theme_sp(th, 1), bw,
                   c->bar_labels[i], cap, TEXT_REGULAR, th->muted,
                   ALIGN_CENTER);
    }
  }
  if (!c->bar_labels) {
    int half = (r.w - 2 * pad) / 2;
    view_label(v, r.x + pad, plot_bottom + theme_sp(th, 1), half, c->left,
               cap, TEXT_REGULAR, th->muted, ALIGN_LEFT);
    view_label(v, r.x + pad + half, plot_bottom + theme_sp(th, 1), half,
               c->right, cap, TEXT_REGULAR, th->muted, ALIGN_RIGHT);
  }
}

/* Cards by state: one stacked bar and a legend with numbers. */
static void states_chart(App *a, URect r) {
  const Theme *th = &a->th;
  View *v = &a->view;
  const StoreStats *s = &a->stats.stats;
  static const char *const names[5] = {"New", "Learning", "Review",
                                       "Relearning", "Suspended"};
  SDL_Color cols[5];
  int vals[5], total = 0, pad = theme_sp(th, 3);
  int small = theme_px(th, TYPE_SMALL), cap = theme_px(th, TYPE_CAPTION);
  int lt = text_line_height(v->text, small, TEXT_BOLD);
  int lc = text_line_height(v->text, cap, TEXT_REGULAR);
  int y, barh, x, w = r.w - 2 * pad, legend_cols, colw;
  char buf[64];
  cols[0] = th->new_c;
  cols[1] = th->learn_c;
  cols[2] = th->due_c;
  cols[3] = th->again;
  cols[4] = th->muted;
  for (int i = 0; i < 4; i++) vals[i] = s->cards_by_state[i];
  vals[4] = s->suspended;
  for (int i = 0; i < 5; i++) total += vals[i];
  view_panel(v, r, th->surface, th->line, th->border, theme_sp(th, 3),
             ITEM_SHADOW);
  if (r.h < 2 * pad + lt + lc) return;
  snprintf(buf, sizeof buf, "%d cards", total);
  {
    int tw = text_width(v->text, buf, -1, cap, TEXT_REGULAR);
    if (tw > w / 3) tw = w / 3;
    view_label(v, r.x + pad, r.y + pad, w - tw - pad, "Cards by state", small,
               TEXT_BOLD, th->text, ALIGN_LEFT);
    view_label(v, r.x + r.w - pad - tw, r.y + pad + (lt - lc), tw, buf, cap,
               TEXT_REGULAR, th->muted, ALIGN_RIGHT);
  }
  y = r.y + pad + lt + theme_sp(th, 2);
  barh = theme_sp(th, 5);
  if (y + barh > r.y + r.h - pad) return;
  view_panel(v, (URect){r.x + pad, y, w, barh}, th->surface_alt, th->line, 0,
             theme_sp(th, 1), 0);
  x = r.x + pad;
  for (int i = 0; i < 5 && total > 0; i++) {
    int bw = (int)((long)vals[i] * w / total);
    if (vals[i] > 0 && bw < 2) bw = 2;
    if (x + bw > r.x + pad + w) bw = r.x + pad + w - x;
    if (bw > 0) view_panel(v, (URect){x, y, bw, barh}, cols[i], cols[i], 0, 0, 0);
    x += bw;
  }
  y += barh + theme_sp(th, 3);
  legend_cols = w > th->unit * 24 ? 3 : 2;
  colw = w / legend_cols;
  for (int i = 0; i < 5; i++) {
    int cx = r.x + pad + (i % legend_cols) * colw;
    int cy = y + (i / legend_cols) * (lc + theme_sp(th, 1));
    int dot = lc / 2;
    if (cy + lc > r.y + r.h - pad) break;
    view_circle(v, cx + dot / 2 + 1, cy + lc / 2, dot / 2, cols[i]);
    snprintf(buf, sizeof buf, "%s %d", names[i], vals[i]);
    view_label(v, cx + dot + theme_sp(th, 1), cy, colw - dot - theme_sp(th, 2),
               buf, cap, TEXT_REGULAR, th->text, ALIGN_LEFT);
  }
}

static void update(App *a, double dt) {
  const Theme *th = &a->th;
  View *v = &a->view;
  StatsState *st = &a->stats;
  const StoreStats *s = &st->stats;
  Frame f;
  char title[300], right[420], buf[64];
  int gap = theme_sp(th, 3), y, tiles_h, cw, ch;
  static const char *const ret_labels[6] = {"<1d", "1w", "1m", "3m", "1y",
                                            ">1y"};
  Chart c;
  (void)dt;
  snprintf(title, sizeof title, "Statistics");
  snprintf(right, sizeof right, "%s \xC2\xB7 %s", a->profile_name,
           st->all_decks || !a->deck ? "all decks" : a->deck_name);
  f = app_top_bar(a, "\xE2\x86\x90 Decks", title, right);
  y = f.y;
  if (a->deck) {
    /* this deck or all decks: a button as well as the A key */
    int body = theme_px(th, TYPE_BODY), bh = theme_sp(th, 9);
    const char *lab = st->all_decks ? "Show this deck only (A)"
                                    : "Show all decks (A)";
    int bw = text_width(v->text, lab, -1, body, TEXT_BOLD) + theme_sp(th, 6);
    if (bw > f.w) bw = f.w;
    view_button(v, (URect){f.x + f.w - bw, y, bw, bh}, lab, NULL, BTN_QUIET,
                CMD_STATS_SCOPE, 0, 0);
    y += bh + theme_sp(th, 2);
  }
  if (!st->loaded) {
    view_para(v, f.x, y, f.w, f.y + f.h - y,
              st->err[0] ? st->err : "No statistics yet.",
              theme_px(th, TYPE_BODY), theme_px(th, TYPE_SMALL), TEXT_REGULAR,
              th->muted, ALIGN_LEFT);
    return;
  }
  /* headline tiles, unless the charts would be left too little room */
  {
    int big0 = theme_px(th, TYPE_TITLE), cap0 = theme_px(th, TYPE_CAPTION);
    int need = text_line_height(v->text, big0, TEXT_BOLD) +
               text_line_height(v->text, cap0, TEXT_REGULAR) +
               2 * theme_sp(th, 2) + gap;
    if ((f.y + f.h - y - need - gap) / 2 < th->unit * 8) goto charts;
  }
  {
    int big = theme_px(th, TYPE_TITLE), cap = theme_px(th, TYPE_CAPTION);
    int l1 = text_line_height(v->text, big, TEXT_BOLD);
    int l2 = text_line_height(v->text, cap, TEXT_REGULAR);
    int tw = (f.w - 3 * gap) / 4, pad = theme_sp(th, 2);
    const char *labels[4] = {"reviews today", "correct today",
                             "retention (30 days)", "cards due today"};
    char vals[4][32];
    tiles_h = l1 + l2 + 2 * pad;
    snprintf(vals[0], sizeof vals[0], "%d", s->reviews_today);
    if (s->reviews_today)
      snprintf(vals[1], sizeof vals[1], "%d%%",
               s->correct_today * 100 / s->reviews_today);
    else
      snprintf(vals[1], sizeof vals[1], "\xE2\x80\x94");
    if (s->mature_reviews_30d)
      snprintf(vals[2], sizeof vals[2], "%d%%",
               s->mature_correct_30d * 100 / s->mature_reviews_30d);
    else
      snprintf(vals[2], sizeof vals[2], "\xE2\x80\x94");
    snprintf(vals[3], sizeof vals[3], "%d", s->due_per_day[0]);
    for (int i = 0; i < 4; i++) {
      URect r = {f.x + i * (tw + gap), y, tw, tiles_h};
      view_panel(v, r, th->surface, th->line, th->border, theme_sp(th, 3),
                 ITEM_SHADOW);
      view_label(v, r.x + pad, r.y + pad, r.w - 2 * pad, vals[i], big,
                 TEXT_BOLD, th->text, ALIGN_LEFT);
      view_label(v, r.x + pad, r.y + pad + l1, r.w - 2 * pad, labels[i], cap,
                 TEXT_REGULAR, th->muted, ALIGN_LEFT);
    }
    y += tiles_h + gap;
  }
charts:
  cw = (f.w - gap) / 2;
  ch = (f.y + f.h - y - gap) / 2;
  if (ch < th->unit * 3) return;
  memset(&c, 0, sizeof c);
  c.title = "Reviews per day";
  c.left = "30 days ago";
  c.right = "today";
  c.values = s->reviews_per_day;
  c.n = 30;
  c.color = th->accent;
  chart(a, (URect){f.x, y, cw, ch}, &c);
  memset(&c, 0, sizeof c);
  c.title = "Due in the next 30 days";
  c.left = "today";
  c.right = "in 30 days";
  c.values = s->due_per_day;
  c.n = 30;
  c.color = th->due_c;
  chart(a, (URect){f.x + cw + gap, y, cw, ch}, &c);
  memset(&c, 0, sizeof c);
  c.title = "Retention by interval";
  c.values = s->retention_bins;
  c.ok = s->retention_bins_ok;
  c.bar_labels = ret_labels;
  c.n = 6;
  c.color = th->easy;
  chart(a, (URect){f.x, y + ch + gap, cw, ch}, &c);
  states_chart(a, (URect){f.x + cw + gap, y + ch + gap, cw, ch});
  (void)buf;
}

static void draw(const App *a, Render *rd) {
  view_draw(&a->view, rd, a->hover, a->focus, a->pressed);
}

const Screen screen_stats = {"stats", enter, leave, handle, update, draw};
