/* scr_present.c - the projector quiz: a teacher clicks through question,
 * reveal, (teams, scoreboard,) next with a presentation clicker.  Text is
 * never smaller than PRESENT_MIN_TEXT_FRAC of the screen height; one idea
 * per screen. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kiosk_ui.h"

#define ESC_CONFIRM_MS 3000

static int min_px(const App *a) {
  int px = (int)((double)a->h * PRESENT_MIN_TEXT_FRAC + 0.999);
  return px < 12 ? 12 : px;
}

static void enter(App *a) {
  KioskUi *u;
  int teams = a->opt.teams, n = a->opt.questions > 0 ? a->opt.questions : 10;
  if (a->kiosk) kiosk_ui_free(a);
  u = a->kiosk = kiosk_ui_new(a, 1);
  if (!u) {
    app_toast(a, 1, "present: cannot start: out of memory");
    return;
  }
  if (teams < 0) teams = 0;
  if (teams > KIOSK_MAX_TEAMS) teams = KIOSK_MAX_TEAMS;
  if (kiosk_ui_load(a, u) < 0) {
    fprintf(stderr, "%s\n", u->err);
    u->ready = 0;
    return;
  }
  if (kiosk_present_init(&u->p, &u->deck, n, !a->opt.untimed, teams,
                         (uint64_t)u->now, u->now) < 0) {
    u->ready = 0;
    snprintf(u->err, sizeof u->err, "present: cannot start: out of memory");
  }
}

static void leave(App *a) { kiosk_ui_free(a); }

static void handle(App *a, const Action *act) {
  KioskUi *u = a->kiosk;
  KioskPresent *p;
  if (!u || act->kind == ACT_QUIT) {
    if (act->kind == ACT_QUIT || act->kind == ACT_BACK) a->quit = 1;
    return;
  }
  p = &u->p;
  if (act->kind == ACT_POINTER_MOVE || act->kind == ACT_POINTER_DOWN) {
    u->last_pointer = u->now;
    if (u->cursor_hidden) {
      SDL_ShowCursor(SDL_ENABLE);
      u->cursor_hidden = 0;
    }
  }
  if (act->kind == ACT_BACK) {
    if (u->esc_armed && u->now - u->esc_at <= ESC_CONFIRM_MS) a->quit = 1;
    u->esc_armed = 1;
    u->esc_at = u->now;
    app_dirty(a);
    return;
  }
  if (!u->ready) return;
  switch (act->kind) {
  case ACT_PAGE_DOWN: case ACT_RIGHT: case ACT_DOWN: case ACT_SPACE:
  case ACT_ACCEPT:
    kiosk_present_next(p, u->now);
    break;
  case ACT_PAGE_UP: case ACT_LEFT: case ACT_UP: case ACT_BACKSPACE:
    kiosk_present_prev(p, u->now);
    break;
  case ACT_KEY:
    if (act->n == 'b' || act->n == 'w') kiosk_present_black(p, u->now);
    break;
  case ACT_GRADE:
    if (p->phase == PRESENT_TEAMS) kiosk_present_mark(p, act->n - 1);
    break;
  case ACT_COMMAND:
    if (act->n == CMD_PRESENT_NEXT) kiosk_present_next(p, u->now);
    else if (act->n == CMD_PRESENT_TEAM) kiosk_present_mark(p, act->arg);
    break;
  default:
    return;
  }
  u->esc_armed = 0;
  app_dirty(a);
}

/* "Question 2 of 5" on the left (or the Esc warning), timer on the
 * right.  Returns the bottom of the row. */
static int top_row(App *a, KioskUi *u, int with_timer) {
  const Theme *th = &a->th;
  View *v = &a->view;
  KioskPresent *p = &u->p;
  int mp = min_px(a), m = a->h / 30, lh = text_line_height(v->text, mp,
                                                           TEXT_BOLD);
  int rowh = with_timer ? a->h / 9 : lh + m / 2;
  char s[96];
  if (u->esc_armed && u->now - u->esc_at <= ESC_CONFIRM_MS)
    view_label(v, m, m / 2 + (rowh - lh) / 2, a->w * 2 / 3,
               "Press Esc again to end the quiz", mp, TEXT_BOLD, th->bad,
               ALIGN_LEFT);
  else {
    snprintf(s, sizeof s, "Question %d of %d", p->i + 1, p->n);
    view_label(v, m, m / 2 + (rowh - lh) / 2, a->w / 2, s, mp, TEXT_BOLD,
               th->text, ALIGN_LEFT);
  }
  if (with_timer && p->timed) {
    int64_t left = kiosk_present_time_left(p, u->now);
    int r = rowh / 2, cx = a->w - m - r, cy = m / 2 + rowh / 2;
    SDL_Color c = left <= 5000 ? th->bad : th->accent;
    int tpx = rowh * 55 / 100 < mp ? mp : rowh * 55 / 100;
    if (left > 0) {
      snprintf(s, sizeof s, "%d", (int)((left + 999) / 1000));
      view_circle(v, cx, cy, r, c);
      view_label(v, cx - r, cy - text_line_height(v->text, tpx, TEXT_BOLD) / 2,
                 2 * r, s, tpx, TEXT_BOLD,
                 th->high_contrast ? th->bg : th->on_accent, ALIGN_CENTER);
    } else {
      int w = text_width(v->text, "Time\xE2\x80\x99s up", -1, mp, TEXT_BOLD);
      view_label(v, a->w - m - w, cy - lh / 2, w, "Time\xE2\x80\x99s up", mp,
                 TEXT_BOLD, th->bad, ALIGN_RIGHT);
    }
  }
  return m / 2 + rowh + m / 2;
}

static void layout_question(App *a, KioskUi *u) {
  const Theme *th = &a->th;
  View *v = &a->view;
  const KioskQuestion *q = kiosk_present_question(&u->p);
  int H = a->h, W = a->w, m = H / 30, mp = min_px(a);
  int y = top_row(a, u, 1), ph = H * 33 / 100;
  kiosk_ui_text(v, (URect){2 * m, y, W - 4 * m, ph}, q->prompt, H / 10,
                mp * 3 / 2, TEXT_BOLD, th->text, ALIGN_CENTER);
  y += ph + m / 2;
  kiosk_ui_tiles(v, (URect){m, y, W - 2 * m, H - y - m}, q, H / 14, mp, NULL,
                 0);
}

static void layout_reveal(App *a, KioskUi *u) {
  const Theme *th = &a->th;
  View *v = &a->view;
  const KioskQuestion *q = kiosk_present_question(&u->p);
  int H = a->h, W = a->w, m = H / 30, mp = min_px(a);
  int y = top_row(a, u, 0), tw = W * 3 / 4, thh = H / 4;
  y += view_label(v, m, y, W - 2 * m, "The answer is", mp * 3 / 2,
                  TEXT_REGULAR, th->text, ALIGN_CENTER);
  y += m / 2;
  kiosk_ui_tile(v, (URect){(W - tw) / 2, y, tw, thh}, q->correct,
                q->options[q->correct], H / 10, mp, 1, 0);
  y += thh + m;
  if (q->source || q->explanation) {
    char text[1600];
    if (q->source)
      snprintf(text, sizeof text, "\xE2\x80\x9C%s\xE2\x80\x9D", q->source);
    else
      snprintf(text, sizeof text, "%s", q->explanation);
    kiosk_ui_text(v, (URect){2 * m, y, W - 4 * m, H - y - 2 * m - mp}, text,
                  H / 16, mp, TEXT_REGULAR, th->text, ALIGN_CENTER);
    if (q->source && q->article)
      view_label(v, 2 * m, H - m - text_line_height(v->text, mp, TEXT_REGULAR),
                 W - 4 * m, q->article, mp, TEXT_REGULAR, th->text,
                 ALIGN_CENTER);
  }
}

static void layout_teams(App *a, KioskUi *u) {
  const Theme *th = &a->th;
  View *v = &a->view;
  KioskPresent *p = &u->p;
  int H = a->h, W = a->w, m = H / 30, mp = min_px(a);
  int y = top_row(a, u, 0), cols = p->n_teams > 4 ? 4 : p->n_teams;
  int rows = (p->n_teams + cols - 1) / cols, gap = m, tw, thh;
  char hint[96];
  y += view_label(v, m, y, W - 2 * m, "Which teams got it right?", H / 12,
                  TEXT_BOLD, th->text, ALIGN_CENTER);
  y += m;
  tw = (W - 2 * m - (cols - 1) * gap) / cols;
  thh = (H - y - 3 * m - mp - (rows - 1) * gap) / rows;
  if (thh > H / 4) thh = H / 4;
  for (int t = 0; t < p->n_teams; t++) {
    URect r = {m + (t % cols) * (tw + gap), y + (t / cols) * (thh + gap), tw,
               thh};
    int on = kiosk_present_marked(p, t), idx, lh, mk = thh / 3;
    char name[32];
    idx = view_panel(v, r, on ? th->ok_soft : th->surface,
                     on ? th->ok : th->text,
                     on ? th->border * 4 : th->border * 2,
                     thh / 8, ITEM_HOVERABLE | ITEM_SHADOW);
    if (idx >= 0) {
      v->items[idx].cmd = CMD_PRESENT_TEAM;
      v->items[idx].arg = t;
    }
    snprintf(name, sizeof name, "Team %d", t + 1);
    lh = text_line_height(v->text, H / 14, TEXT_BOLD);
    view_label(v, r.x + m / 2, r.y + m / 2, r.w - m, name, H / 14, TEXT_BOLD,
               th->text, ALIGN_CENTER);
    if (on && r.h - lh - m > mk) {
      int cx = r.x + r.w / 2, cy = r.y + m / 2 + lh + (r.h - lh - m) / 2;
      view_circle(v, cx, cy, mk / 2, th->ok);
      view_check_mark(v, (URect){cx - mk / 3, cy - mk / 3, mk * 2 / 3,
                                 mk * 2 / 3},
                      th->high_contrast ? th->bg : th->surface);
    }
  }
  snprintf(hint, sizeof hint, "Tap a team or press 1\xE2\x80\x93%d, then Next",
           p->n_teams < 4 ? p->n_teams : 4);
  view_label(v, m, H - m - text_line_height(v->text, mp, TEXT_REGULAR),
             W - 2 * m, hint, mp, TEXT_REGULAR, th->text, ALIGN_CENTER);
}

static void layout_scores(App *a, KioskUi *u, int final) {
  const Theme *th = &a->th;
  View *v = &a->view;
  KioskPresent *p = &u->p;
  int H = a->h, W = a->w, m = H / 30, mp = min_px(a), rank[KIOSK_MAX_TEAMS];
  int y = final ? m : top_row(a, u, 0), rowh, best = 1, namew;
  y += view_label(v, m, y, W - 2 * m, final ? "Final scores" : "Scores",
                  H / 11, TEXT_BOLD, th->text, ALIGN_CENTER);
  y += m / 2;
  kiosk_present_ranking(p, rank);
  for (int t = 0; t < p->n_teams; t++)
    if (kiosk_present_score(p, t) > best) best = kiosk_present_score(p, t);
  rowh = (H - y - m) / (p->n_teams > 0 ? p->n_teams : 1);
  if (rowh > H / 8) rowh = H / 8;
  namew = text_width(v->text, "Team 8", -1, H / 16, TEXT_BOLD) + m;
  for (int i = 0; i < p->n_teams; i++) {
    int t = rank[i], sc = kiosk_present_score(p, t), px = rowh * 6 / 10;
    int barx = 2 * m + namew, barw = W - barx - 2 * m - namew, lh;
    char name[32], num[16];
    if (px > H / 16) px = H / 16;
    if (px < mp) px = mp;
    lh = text_line_height(v->text, px, TEXT_BOLD);
    snprintf(name, sizeof name, "Team %d", t + 1);
    snprintf(num, sizeof num, "%d", sc);
    view_label(v, 2 * m, y + (rowh - lh) / 2, namew - m / 2, name, px,
               TEXT_BOLD, th->text, ALIGN_LEFT);
    view_panel(v, (URect){barx, y + rowh / 6, barw, rowh * 2 / 3},
               th->surface_alt, th->surface_alt, 0, rowh / 6, 0);
    if (sc > 0)
      view_panel(v, (URect){barx, y + rowh / 6, barw * sc / best,
                            rowh * 2 / 3},
                 i == 0 ? th->accent : kiosk_ui_tile_color(1),
                 i == 0 ? th->accent : kiosk_ui_tile_color(1), 0, rowh / 6, 0);
    view_label(v, barx + barw + m / 2, y + (rowh - lh) / 2, namew, num, px,
               TEXT_BOLD, th->text, ALIGN_LEFT);
    y += rowh;
  }
}

static void layout_end(App *a, KioskUi *u) {
  const Theme *th = &a->th;
  View *v = &a->view;
  int H = a->h, W = a->w, m = H / 20, y = H / 4, mp = min_px(a);
  char s[96];
  if (u->p.n_teams > 0) {
    layout_scores(a, u, 1);
    return;
  }
  y += view_label(v, m, y, W - 2 * m, "That\xE2\x80\x99s the quiz!", H / 9,
                  TEXT_BOLD, th->accent, ALIGN_CENTER);
  snprintf(s, sizeof s, "%d questions", u->p.n);
  y += view_label(v, m, y, W - 2 * m, s, H / 14, TEXT_REGULAR, th->text,
                  ALIGN_CENTER);
  y += m;
  view_label(v, m, y, W - 2 * m, "Page Up to go back \xC2\xB7 Esc twice to leave",
             mp, TEXT_REGULAR, th->text, ALIGN_CENTER);
}

static void update(App *a, double dt) {
  KioskUi *u = a->kiosk;
  const Theme *th = &a->th;
  View *v = &a->view;
  KioskPresent *p;
  int idx;
  if (!u) return;
  p = &u->p;
  if (dt > 0) u->now += (int64_t)(dt * 1000.0 + 0.5);
  kiosk_ui_advance(a, 0); /* log, store answers */
  u->frames++;
  if (!u->ready) {
    int m = a->h / 16;
    view_label(v, m, a->h / 5, a->w - 2 * m, "The quiz cannot start",
               a->h / 12, TEXT_BOLD, th->bad, ALIGN_CENTER);
    kiosk_ui_text(v, (URect){m, a->h * 2 / 5, a->w - 2 * m, a->h / 3},
                  u->err, a->h / 22, min_px(a), TEXT_REGULAR, th->text,
                  ALIGN_CENTER);
    return;
  }
  /* keep frames coming while a countdown runs or answers wait */
  a->animating = (p->phase == PRESENT_QUESTION && p->timed && !p->black &&
                  kiosk_present_time_left(p, u->now) > 0) ||
                 p->out.n > 0 || u->esc_armed || !u->cursor_hidden;
  if (u->esc_armed && u->now - u->esc_at > ESC_CONFIRM_MS) u->esc_armed = 0;
  if (p->black) {
    SDL_Color black = {0, 0, 0, 255};
    view_panel(v, (URect){0, 0, a->w, a->h}, black, black, 0, 0, 0);
    return;
  }
  /* a click anywhere moves on (team tiles are on top of this) */
  idx = view_panel(v, (URect){0, 0, a->w, a->h}, th->bg, th->bg, 0, 0, 0);
  if (idx >= 0) v->items[idx].cmd = CMD_PRESENT_NEXT;
  switch (p->phase) {
  case PRESENT_QUESTION:
    layout_question(a, u);
    break;
  case PRESENT_REVEAL:
    layout_reveal(a, u);
    break;
  case PRESENT_TEAMS:
    layout_teams(a, u);
    break;
  case PRESENT_SCOREBOARD:
    layout_scores(a, u, 0);
    break;
  case PRESENT_END:
    layout_end(a, u);
    break;
  }
}

static void draw(const App *a, Render *rd) {
  view_draw(&a->view, rd, a->hover, a->focus, a->pressed);
}

const Screen screen_present = {"present", enter, leave, handle, update, draw};
