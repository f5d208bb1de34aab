/* scr_decks.c - the deck list with new / learning / due counts, the study
 * mode for the session, and the way to statistics. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "error.h"
#include "drop.h"

static void load(App *a) {
  DecksState *d = &a->decks;
  store_decks_free(d->list, d->n);
  d->list = NULL;
  d->n = 0;
  if (!a->store || !a->profile) return;
  if (store_decks_list(a->store, a->profile, app_now(), &d->list, &d->n) < 0) {
    app_toast(a, 1, "%s", store_errmsg(a->store));
    d->list = NULL;
    d->n = 0;
    return;
  }
  char *loaded = NULL;
  if (d->n == 0 && !d->builtin_tried &&
      store_setting_get(a->store, "builtin.loaded", &loaded) == QD_ENOTFOUND) {
    /* first start: the built-in deck from the generator's corpus (once: a
     * teacher who deletes it does not get it back) */
    char msg[512];
    int rc;
    d->builtin_tried = 1;
    rc = drop_builtin_load(a->store, msg, sizeof msg);
    if (rc < 0) app_toast(a, 1, "%s", msg);
    else if (rc > 0) {
      store_setting_set(a->store, "builtin.loaded", "1");
      app_toast(a, 0, "%s", msg);
      load(a);
    }
  }
  free(loaded);
  if (d->sel >= d->n) d->sel = d->n > 0 ? d->n - 1 : 0;
}

static void enter(App *a) {
  DecksState *d = &a->decks;
  load(a);
  for (int i = 0; i < d->n; i++)
    if (d->list[i].id == a->deck) d->sel = i;
}

static void leave(App *a) {
  store_decks_free(a->decks.list, a->decks.n);
  a->decks.list = NULL;
  a->decks.n = 0;
}

static void set_mode(App *a, int m) {
  char buf[8];
  a->mode = (StudyMode)m;
  snprintf(buf, sizeof buf, "%d", m);
  if (a->store) store_setting_set(a->store, "study_mode", buf);
  app_dirty(a);
}

static void study(App *a, int i) {
  DecksState *d = &a->decks;
  if (i < 0 || i >= d->n) return;
  d->sel = i;
  app_study(a, d->list[i].id, d->list[i].name);
}

static void browse(App *a, int i) {
  DecksState *d = &a->decks;
  if (i < 0 || i >= d->n) return;
  d->sel = i;
  app_browse(a, d->list[i].id, d->list[i].name, d->list[i].n_notes);
}

static void handle(App *a, const Action *act) {
  DecksState *d = &a->decks;
  switch (act->kind) {
  case ACT_BACK:
    app_switch(a, SCR_PROFILES);
    break;
  case ACT_UP:
    if (d->sel > 0) d->sel--;
    app_dirty(a);
    break;
  case ACT_DOWN:
    if (d->sel + 1 < d->n) d->sel++;
    app_dirty(a);
    break;
  case ACT_PAGE_UP:
  case ACT_HOME:
    d->sel = 0;
    app_dirty(a);
    break;
  case ACT_PAGE_DOWN:
  case ACT_END:
    d->sel = d->n > 0 ? d->n - 1 : 0;
    app_dirty(a);
    break;
  case ACT_SCROLL:
    d->sel += act->n;
    if (d->sel >= d->n) d->sel = d->n - 1;
    if (d->sel < 0) d->sel = 0;
    app_dirty(a);
    break;
  case ACT_LEFT:
    set_mode(a, (a->mode + 2) % 3);
    break;
  case ACT_RIGHT:
    set_mode(a, (a->mode + 1) % 3);
    break;
  case ACT_ACCEPT:
  case ACT_SPACE:
    study(a, d->sel);
    break;
  case ACT_KEY:
    if (act->n == 'f') set_mode(a, STUDY_FLIP);
    else if (act->n == 'c') set_mode(a, STUDY_CHOICE);
    else if (act->n == 't') set_mode(a, STUDY_TYPED);
    else if (act->n == 'b') browse(a, d->sel);
    else if (act->n == 's') {
      if (d->n > 0) {
        a->deck = d->list[d->sel].id;
        snprintf(a->deck_name, sizeof a->deck_name, "%s",
                 d->list[d->sel].name);
      }
      a->stats.all_decks = d->n == 0;
      app_switch(a, SCR_STATS);
    }
    break;
  case ACT_COMMAND:
    switch (act->n) {
    case CMD_BACK:
      app_switch(a, SCR_PROFILES);
      break;
    case CMD_DECK_PICK:
      study(a, act->arg);
      break;
    case CMD_BROWSE:
      browse(a, act->arg);
      break;
    case CMD_MODE:
      set_mode(a, act->arg);
      break;
    case CMD_STUDY:
      study(a, d->sel);
      break;
    case CMD_STATS: {
      Action s;
      memset(&s, 0, sizeof s);
      s.kind = ACT_KEY;
      s.n = 's';
      handle(a, &s);
      break;
    }
    case CMD_CONTRAST:
      app_set_contrast(a, !a->high_contrast);
      break;
    case CMD_SCALE:
      app_set_scale(a, a->scale >= 1.49f ? 1.0f : a->scale + 0.25f);
      break;
    default:
      break;
    }
    break;
  default:
    break;
  }
}

/* "Parent::Child" shown as "Parent › Child". */
static void pretty_name(const char *in, char *out, size_t n) {
  size_t k = 0;
  for (const char *s = in; *s && k + 6 < n; s++) {
    if (s[0] == ':' && s[1] == ':') {
      memcpy(out + k, " \xE2\x80\xBA ", 5);
      k += 5;
      s++;
    } else {
      out[k++] = *s;
    }
  }
  out[k] = '\0';
}

static void count_cell(App *a, int x, int y, int w, int h, int value,
                       const char *label, SDL_Color c) {
  const Theme *th = &a->th;
  View *v = &a->view;
  char num[16];
  int big = theme_px(th, TYPE_LARGE), cap = theme_px(th, TYPE_CAPTION);
  int lh1 = text_line_height(v->text, big, TEXT_BOLD);
  int lh2 = text_line_height(v->text, cap, TEXT_REGULAR);
  int top = y + (h - lh1 - lh2) / 2;
  snprintf(num, sizeof num, "%d", value);
  if (lh1 + lh2 > h) {
    view_label(v, x, y + (h - lh1) / 2, w, num, big, TEXT_BOLD,
               value ? c : th->muted, ALIGN_RIGHT);
    return;
  }
  view_label(v, x, top, w, num, big, TEXT_BOLD, value ? c : th->muted,
             ALIGN_RIGHT);
  view_label(v, x, top + lh1, w, label, cap, TEXT_REGULAR, th->muted,
             ALIGN_RIGHT);
}

static void update(App *a, double dt) {
  DecksState *d = &a->decks;
  const Theme *th = &a->th;
  View *v = &a->view;
  char right[200];
  Frame f;
  int y, body = theme_px(th, TYPE_BODY), small = theme_px(th, TYPE_SMALL);
  int bh = theme_sp(th, 10), gap = theme_sp(th, 2);
  static const char *const mode_names[3] = {"Flip", "Multiple choice",
                                            "Typed"};
  static const char *const mode_keys[3] = {"F", "C", "T"};
  (void)dt;
  snprintf(right, sizeof right, "%s", a->profile_name);
  f = app_top_bar(a, "\xE2\x86\x90 Profiles", "Decks", right);
  y = f.y;
  /* mode picker (segmented), then settings */
  {
    int segw = (f.w - 2 * gap) / 3, mx = f.x;
    int lab = text_line_height(v->text, small, TEXT_BOLD);
    if (segw > th->unit * 12) segw = th->unit * 12;
    view_label(v, f.x, y, f.w, "Study mode for this session", small,
               TEXT_BOLD, th->muted, ALIGN_LEFT);
    y += lab + theme_sp(th, 1);
    for (int m = 0; m < 3; m++) {
      char hint[16];
      snprintf(hint, sizeof hint, "%s", mode_keys[m]);
      view_button(v, (URect){mx, y, segw, bh + theme_sp(th, 2)},
                  mode_names[m], hint,
                  (int)a->mode == m ? BTN_PRIMARY : BTN_SECONDARY, CMD_MODE,
                  m, 0);
      mx += segw + gap;
    }
    y += bh + theme_sp(th, 2) + theme_sp(th, 4);
  }
  {
    int foot = bh + theme_sp(th, 3);
    int rowh = theme_sp(th, 15), room, first, last;
    int list_bottom = f.y + f.h - foot;
    if (d->n == 0) {
      int pad = theme_sp(th, 4);
      URect r = {f.x, y, f.w, list_bottom - y - gap};
      if (r.h > th->unit * 9) r.h = th->unit * 9;
      if (r.h > 2 * pad) {
        int ty = r.y + pad;
        view_panel(v, r, th->surface, th->line, th->border, theme_sp(th, 3),
                   ITEM_SHADOW);
        ty += view_label(v, r.x + pad, ty, r.w - 2 * pad, "No decks yet",
                         theme_px(th, TYPE_LARGE), TEXT_BOLD, th->text,
                         ALIGN_LEFT);
        view_para(v, r.x + pad, ty + theme_sp(th, 1), r.w - 2 * pad,
                  r.y + r.h - pad - ty - theme_sp(th, 1),
                  "Drag a news article (.txt, .md or .html) onto this window: "
                  "quizdeck makes questions from it and puts them in a new "
                  "deck.",
                  body, small, TEXT_REGULAR, th->muted, ALIGN_LEFT);
      }
    } else {
      room = (list_bottom - y) / (rowh + gap);
      if (room < 1) room = 1;
      if (d->sel < d->scroll) d->scroll = d->sel;
      if (d->sel >= d->scroll + room) d->scroll = d->sel - room + 1;
      if (d->scroll > d->n - room) d->scroll = d->n - room;
      if (d->scroll < 0) d->scroll = 0;
      first = d->scroll;
      last = first + room < d->n ? first + room : d->n;
      for (int i = first; i < last; i++) {
        const StoreDeckInfo *di = &d->list[i];
        URect r = {f.x, y, f.w, rowh};
        int sel = i == d->sel, pad = theme_sp(th, 4);
        int cellw = theme_sp(th, 18), cells = 3;
        int lpx = theme_px(th, TYPE_LARGE);
        int l1 = text_line_height(v->text, lpx, TEXT_BOLD);
        int l2 = text_line_height(v->text, small, TEXT_REGULAR);
        int namew, idx, ty, bw, bbh = theme_sp(th, 9);
        char name[300], sub[96];
        if (cellw * 3 > f.w / 2) cellw = f.w / 6;
        /* "Browse" between the name and the counts (teachers' cards) */
        bw = text_width(v->text, "Browse", -1, body, TEXT_BOLD) +
             theme_sp(th, 5);
        if (bbh > rowh - 2 * theme_sp(th, 1)) bbh = rowh - 2 * theme_sp(th, 1);
        namew = f.w - 2 * pad - cells * cellw - bw - gap;
        idx = view_panel(v, r, th->surface, sel ? th->accent : th->line,
                         sel ? th->border * 2 : th->border, theme_sp(th, 3),
                         ITEM_SHADOW | ITEM_HOVERABLE);
        if (idx >= 0) {
          v->items[idx].cmd = CMD_DECK_PICK;
          v->items[idx].arg = i;
        }
        pretty_name(di->name, name, sizeof name);
        snprintf(sub, sizeof sub, "%d note%s%s", di->n_notes,
                 di->n_notes == 1 ? "" : "s",
                 di->n_suspended ? " \xC2\xB7 some suspended" : "");
        ty = y + (rowh - l1 - l2) / 2;
        if (l1 + l2 <= rowh - theme_sp(th, 1)) {
          view_label(v, r.x + pad, ty, namew, name, lpx, TEXT_BOLD, th->text,
                     ALIGN_LEFT);
          view_label(v, r.x + pad, ty + l1, namew, sub, small, TEXT_REGULAR,
                     th->muted, ALIGN_LEFT);
        } else {
          view_label(v, r.x + pad, y + (rowh - l1) / 2, namew, name, lpx,
                     TEXT_BOLD, th->text, ALIGN_LEFT);
        }
        view_button(v, (URect){r.x + r.w - pad - 3 * cellw - bw - gap,
                               y + (rowh - bbh) / 2, bw, bbh},
                    "Browse", NULL, BTN_QUIET, CMD_BROWSE, i, 0);
        count_cell(a, r.x + r.w - pad - 3 * cellw, y, cellw - gap, rowh,
                   di->n_new, "new", th->new_c);
        count_cell(a, r.x + r.w - pad - 2 * cellw, y, cellw - gap, rowh,
                   di->n_learning, "learning", th->learn_c);
        count_cell(a, r.x + r.w - pad - cellw, y, cellw - gap, rowh,
                   di->n_due, "due", th->due_c);
        y += rowh + gap;
      }
      if (d->n > room) {
        char more[64];
        snprintf(more, sizeof more, "%d\xE2\x80\x93%d of %d decks \xC2\xB7 "
                 "\xE2\x86\x91\xE2\x86\x93 to scroll", first + 1, last, d->n);
        if (y + text_line_height(v->text, small, TEXT_REGULAR) <= list_bottom)
          view_label(v, f.x, y, f.w, more, small, TEXT_REGULAR, th->muted,
                     ALIGN_CENTER);
      }
    }
    /* footer: actions and the drop hint */
    {
      int fy = f.y + f.h - bh;
      int sw = text_width(v->text, "Statistics", -1, body, TEXT_BOLD) +
               theme_sp(th, 8);
      int stw = text_width(v->text, "Study now", -1, body, TEXT_BOLD) +
                theme_sp(th, 8);
      int cw = text_width(v->text, "Contrast", -1, body, TEXT_BOLD) +
               theme_sp(th, 6);
      int zw = text_width(v->text, "Text size", -1, body, TEXT_BOLD) +
               theme_sp(th, 6);
      int x = f.x + f.w;
      if (fy >= y && fy >= f.y) {
        if (d->n > 0) {
          x -= stw;
          view_button(v, (URect){x, fy, stw, bh}, "Study now", NULL,
                      BTN_PRIMARY, CMD_STUDY, 0, 0);
          x -= gap;
        }
        x -= sw;
        view_button(v, (URect){x, fy, sw, bh}, "Statistics", NULL,
                    BTN_SECONDARY, CMD_STATS, 0, 0);
        if (x - f.x >= cw + zw + 2 * gap) {
          view_button(v, (URect){f.x, fy, cw, bh}, "Contrast", NULL,
                      BTN_QUIET, CMD_CONTRAST, 0, a->high_contrast);
          view_button(v, (URect){f.x + cw + gap, fy, zw, bh}, "Text size",
                      NULL, BTN_QUIET, CMD_SCALE, 0, 0);
        }
      }
    }
  }
}

static void draw(const App *a, Render *rd) {
  view_draw(&a->view, rd, a->hover, a->focus, a->pressed);
}

const Screen screen_decks = {"decks", enter, leave, handle, update, draw};
