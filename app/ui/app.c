/* app.c - window, loop, screen switching and the pieces screens share. */
#include "app.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "drop.h"
#include "kiosk_ui.h"
#include "error.h"

#define TOAST_MS 6000

int64_t app_now(void) { return (int64_t)time(NULL); }

void app_dirty(App *a) {
  a->layout_dirty = 1;
  a->redraw = 1;
}

void app_toast(App *a, int error, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(a->toast.text, sizeof a->toast.text, fmt, ap);
  va_end(ap);
  a->toast.error = error;
  a->toast.until = SDL_GetTicks64() + TOAST_MS + (error ? 4000 : 0);
  if (error) fprintf(stderr, "%s\n", a->toast.text);
  app_dirty(a);
}

void app_trace(App *a, const char *fmt, ...) {
  va_list ap;
  if (!a->trace) return;
  va_start(ap, fmt);
  vfprintf(a->trace, fmt, ap);
  va_end(ap);
  fputc('\n', a->trace);
  fflush(a->trace);
}

/* The clickable items with their centres in window coordinates. */
static void trace_layout(App *a) {
  if (!a->trace) return;
  fprintf(a->trace, "layout %s", a->screens[a->cur]->name);
  for (int i = 0; i < a->view.n; i++) {
    const Item *it = &a->view.items[i];
    if (it->kind != ITEM_PANEL || !it->cmd) continue;
    fprintf(a->trace, " %d:%d:%d:%d", it->cmd, it->arg,
            (int)((float)(it->r.x + it->r.w / 2) / a->density),
            (int)((float)(it->r.y + it->r.h / 2) / a->density));
  }
  fputc('\n', a->trace);
  fflush(a->trace);
}

void app_switch(App *a, ScreenId s) {
  if (a->screens[a->cur]->leave) a->screens[a->cur]->leave(a);
  a->cur = s;
  app_trace(a, "screen %s", a->screens[s]->name);
  a->hover = a->focus = a->pressed = -1;
  if (a->screens[s]->enter) a->screens[s]->enter(a);
  app_dirty(a);
}

static void measure(App *a) {
  int ww = 1, wh = 1;
  SDL_GetWindowSize(a->win, &ww, &wh);
  if (SDL_GetRendererOutputSize(a->sdl, &a->w, &a->h) < 0 || a->w <= 0) {
    a->w = ww;
    a->h = wh;
  }
  a->density = ww > 0 ? (float)a->w / (float)ww : 1.0f;
  if (a->density < 0.5f) a->density = 1.0f;
  theme_init(&a->th, a->high_contrast, a->w, a->h,
             a->density * (a->density < 1.5f ? a->dpi_factor : 1.0f),
             a->scale);
}

/* X11 does not scale windows on HiDPI screens: take the display's DPI
 * when SDL knows it (>= 144 dpi), else the desktop's GDK_SCALE. */
static float dpi_factor(SDL_Window *w) {
  float ddpi = 0;
  const char *g = getenv("GDK_SCALE");
  if (SDL_GetDisplayDPI(SDL_GetWindowDisplayIndex(w), &ddpi, NULL, NULL) ==
          0 && ddpi >= 144.0f)
    return ddpi / 96.0f > 3.0f ? 3.0f : ddpi / 96.0f;
  if (g && atoi(g) >= 2 && atoi(g) <= 3) return (float)atoi(g);
  return 1.0f;
}

static void save_setting(App *a, const char *key, const char *value) {
  if (a->store && store_setting_set(a->store, key, value) < 0)
    app_toast(a, 1, "%s", store_errmsg(a->store));
}

void app_set_scale(App *a, float scale) {
  char buf[32];
  if (scale < 0.75f) scale = 0.75f;
  if (scale > 2.5f) scale = 2.5f;
  a->scale = scale;
  snprintf(buf, sizeof buf, "%.2f", (double)scale);
  save_setting(a, "ui_scale", buf);
  measure(a);
  app_dirty(a);
}

void app_set_contrast(App *a, int on) {
  a->high_contrast = on;
  save_setting(a, "high_contrast", on ? "1" : "0");
  measure(a);
  app_dirty(a);
}

/* Makes `name` the current profile (creating it) without changing screen. */
static int set_profile(App *a, const char *name) {
  int64_t id = 0;
  int rc;
  char *last = NULL;
  if (!a->store) return QD_EINVAL;
  rc = store_profile_ensure(a->store, name, &id);
  if (rc < 0) {
    app_toast(a, 1, "%s", store_errmsg(a->store));
    return rc;
  }
  a->profile = id;
  snprintf(a->profile_name, sizeof a->profile_name, "%s", name);
  /* a durable write costs an fsync: only when it changes */
  if (store_setting_get(a->store, "last_profile", &last) < 0 || !last ||
      strcmp(last, name) != 0)
    save_setting(a, "last_profile", name);
  free(last);
  return 0;
}

int app_use_profile(App *a, const char *name) {
  int rc = set_profile(a, name);
  if (rc < 0) return rc;
  app_switch(a, SCR_DECKS);
  return 0;
}

void app_study(App *a, int64_t deck, const char *name) {
  a->deck = deck;
  snprintf(a->deck_name, sizeof a->deck_name, "%s", name);
  app_switch(a, SCR_STUDY);
}

void app_drop(App *a, const char *path) {
  char deck[256], msg[768];
  int rc = drop_import(a->store, path, deck, sizeof deck, msg, sizeof msg);
  app_toast(a, rc < 0, "%s", msg);
  if (rc == 0 && (a->cur == SCR_DECKS || a->cur == SCR_BROWSE)) {
    /* reload the list with the new deck (or the browsed deck's notes) */
    app_switch(a, a->cur);
  }
}

/* ---- shared layout ------------------------------------------------------ */

static int toast_live(const App *a) {
  return a->toast.text[0] && SDL_GetTicks64() < a->toast.until;
}

/* The message box: a mark (shape) and the words, in r. */
static void toast_box(App *a, URect r, int px, int min_px) {
  const Theme *th = &a->th;
  View *v = &a->view;
  int pad = theme_sp(th, 2), idx;
  int icon = text_line_height(v->text, px, TEXT_REGULAR) * 3 / 4;
  SDL_Color col = a->toast.error ? th->bad : th->ok;
  URect ir;
  idx = view_panel(v, r, a->toast.error ? th->bad_soft : th->ok_soft, col,
                   th->border, theme_sp(th, 2), 0);
  if (idx >= 0) v->items[idx].cmd = CMD_DISMISS;
  if (icon > r.h - 2 * th->border) icon = r.h - 2 * th->border;
  ir = (URect){r.x + pad, r.y + (r.h - icon) / 2, icon, icon};
  view_circle(v, ir.x + icon / 2, ir.y + icon / 2, icon / 2, col);
  if (a->toast.error)
    view_cross_mark(v, ir, th->high_contrast ? th->bg : th->surface);
  else
    view_check_mark(v, ir, th->high_contrast ? th->bg : th->surface);
  {
    int tw = r.w - 3 * pad - icon, avail = r.h - 2 * th->border - 2;
    int h = view_para_height(v, tw, a->toast.text, px, TEXT_REGULAR);
    if (h > avail) h = avail;
    view_para(v, r.x + 2 * pad + icon, r.y + (r.h - h) / 2, tw, h,
              a->toast.text, px, min_px, TEXT_REGULAR, th->text, ALIGN_LEFT);
  }
}

int app_toast_layout(App *a) {
  const Theme *th = &a->th;
  View *v = &a->view;
  int m = theme_sp(th, 4), px = theme_px(th, TYPE_SMALL);
  int bottom = a->h - m;
  if (toast_live(a)) {
    int w = a->w - 2 * m, pad = theme_sp(th, 2);
    int icon = text_line_height(v->text, px, TEXT_REGULAR);
    int tw = w - 3 * pad - icon;
    int h = view_para_height(v, tw, a->toast.text, px, TEXT_REGULAR);
    if (h > a->h / 4) h = a->h / 4;
    h += 2 * pad;
    toast_box(a, (URect){m, a->h - m - h, w, h}, px,
              theme_px(th, TYPE_CAPTION));
    bottom = a->h - m - h - theme_sp(th, 1);
  }
  return bottom;
}

Frame app_top_bar(App *a, const char *back_label, const char *title,
                  const char *right) {
  const Theme *th = &a->th;
  View *v = &a->view;
  Frame f;
  int m = theme_sp(th, a->w > 900 ? 6 : 4);
  int bh = theme_sp(th, 11), tpx = theme_px(th, TYPE_LARGE);
  int x = m, y = theme_sp(th, 3), right_w = 0, bottom;
  int body = theme_px(th, TYPE_BODY);
  if (back_label) {
    int bw = text_width(v->text, back_label, -1, body, TEXT_BOLD) +
             theme_sp(th, 6);
    if (bw > a->w / 3) bw = a->w / 3;
    view_button(v, (URect){x, y, bw, bh}, back_label, NULL, BTN_QUIET,
                CMD_BACK, 0, 0);
    x += bw + theme_sp(th, 3);
  }
  if (toast_live(a)) {
    /* messages take the place of the title, so nothing below moves when
     * they come and go */
    toast_box(a, (URect){x, y, a->w - m - x, bh}, theme_px(th, TYPE_SMALL),
              theme_px(th, TYPE_CAPTION));
    right = NULL;
    title = NULL;
  }
  if (right && *right) {
    int sp = theme_px(th, TYPE_SMALL);
    right_w = text_width(v->text, right, -1, sp, TEXT_REGULAR);
    if (right_w > (a->w - x - m) / 2) right_w = (a->w - x - m) / 2;
    view_label(v, a->w - m - right_w, y + (bh -
               text_line_height(v->text, sp, TEXT_REGULAR)) / 2, right_w,
               right, sp, TEXT_REGULAR, th->muted, ALIGN_RIGHT);
    right_w += theme_sp(th, 3);
  }
  if (title)
    view_label(v, x, y + (bh - text_line_height(v->text, tpx, TEXT_BOLD)) / 2,
               a->w - m - right_w - x, title, tpx, TEXT_BOLD, th->text,
               ALIGN_LEFT);
  bottom = a->h - theme_sp(th, 4);
  f.m = m;
  f.x = m;
  f.y = y + bh + theme_sp(th, 3);
  f.w = a->w - 2 * m;
  f.h = bottom - f.y;
  if (f.h < 0) f.h = 0;
  return f;
}

/* ---- the loop ----------------------------------------------------------- */

void app_layout(App *a) {
  measure(a);
  view_reset(&a->view, render_text(a->rd), &a->th, a->w, a->h);
  a->screens[a->cur]->update(a, 0.0);
  a->layout_dirty = 0;
}

void app_render(App *a) {
  render_set_clip(a->rd, NULL);
  render_clear(a->rd, a->th.bg);
  a->screens[a->cur]->draw(a, a->rd);
}

static void pointer(App *a, const Action *act) {
  int hit = view_hit(&a->view, act->x, act->y);
  if (act->kind == ACT_POINTER_MOVE) {
    if (a->ptr_down && act->arg) {
      /* a finger dragged up or down scrolls, a row per step, and is no
       * longer a tap */
      int step = theme_sp(&a->th, 12);
      a->drag += act->y - a->ptr_y;
      a->ptr_y = act->y;
      while (a->drag >= step || a->drag <= -step) {
        Action sc;
        memset(&sc, 0, sizeof sc);
        sc.kind = ACT_SCROLL;
        sc.n = a->drag > 0 ? -1 : 1;
        a->drag += a->drag > 0 ? -step : step;
        a->pressed = -1;
        a->screens[a->cur]->handle(a, &sc);
      }
      return;
    }
    if (hit != a->hover) {
      a->hover = hit;
      a->redraw = 1;
    }
    return;
  }
  if (act->kind == ACT_POINTER_DOWN) {
    a->ptr_down = 1;
    a->ptr_y = act->y;
    a->drag = 0;
    a->pressed = hit;
    a->focus = -1;
    a->redraw = 1;
    return;
  }
  if (act->kind == ACT_POINTER_UP) {
    int was = a->pressed;
    a->ptr_down = 0;
    a->pressed = -1;
    a->redraw = 1;
    if (act->arg) a->hover = -1; /* a finger leaves no hover behind */
    if (hit >= 0 && hit == was) {
      Action c;
      memset(&c, 0, sizeof c);
      c.kind = ACT_COMMAND;
      c.n = a->view.items[hit].cmd;
      c.arg = a->view.items[hit].arg;
      if (c.n == CMD_DISMISS) {
        a->toast.until = 0;
        app_dirty(a);
        return;
      }
      a->screens[a->cur]->handle(a, &c);
    }
  }
}

static void dispatch(App *a, Action *act) {
  if (a->opt.kiosk && (act->kind == ACT_SCALE_UP ||
                       act->kind == ACT_SCALE_DOWN ||
                       act->kind == ACT_SCALE_RESET ||
                       act->kind == ACT_CONTRAST ||
                       act->kind == ACT_DROP_FILE))
    return; /* a locked kiosk keeps its settings and decks */
  switch (act->kind) {
  case ACT_NONE:
    return;
  case ACT_QUIT:
    if (a->kiosk) break; /* the classroom screens decide (kiosk: locked) */
    a->quit = 1;
    return;
  case ACT_RESIZE:
  case ACT_REDRAW:
    app_dirty(a);
    return;
  case ACT_POINTER_DOWN:
  case ACT_POINTER_UP:
  case ACT_POINTER_MOVE:
    pointer(a, act);
    return;
  case ACT_SCALE_UP:
    app_set_scale(a, a->scale + 0.25f);
    return;
  case ACT_SCALE_DOWN:
    app_set_scale(a, a->scale - 0.25f);
    return;
  case ACT_SCALE_RESET:
    app_set_scale(a, 1.0f);
    return;
  case ACT_CONTRAST:
    app_set_contrast(a, !a->high_contrast);
    return;
  case ACT_DROP_FILE:
    app_drop(a, act->text);
    return;
  case ACT_NEXT_FOCUS:
  case ACT_PREV_FOCUS:
    a->focus = view_next_focus(&a->view, a->focus,
                               act->kind == ACT_NEXT_FOCUS ? 1 : -1);
    a->redraw = 1;
    return;
  case ACT_ACCEPT:
  case ACT_SPACE:
    if (a->focus >= 0 && a->focus < a->view.n && a->view.items[a->focus].cmd) {
      Action c;
      memset(&c, 0, sizeof c);
      c.kind = ACT_COMMAND;
      c.n = a->view.items[a->focus].cmd;
      c.arg = a->view.items[a->focus].arg;
      a->focus = -1;
      if (c.n == CMD_DISMISS) {
        a->toast.until = 0;
        app_dirty(a);
        return;
      }
      a->screens[a->cur]->handle(a, &c);
      return;
    }
    break;
  case ACT_BACK:
    if (a->focus >= 0) {
      a->focus = -1;
      a->redraw = 1;
      return;
    }
    break;
  default:
    break;
  }
  a->screens[a->cur]->handle(a, act);
}

void app_action(App *a, const Action *act) {
  Action copy = *act;
  dispatch(a, &copy);
}

static int typing(const App *a) {
  if (a->cur == SCR_BROWSE) return browse_typing(a);
  return (a->cur == SCR_PROFILES && a->prof.adding) ||
         (a->cur == SCR_KIOSK && kiosk_ui_typing(a)) ||
         (a->cur == SCR_STUDY && a->study.session &&
          session_mode(a->study.session) == STUDY_TYPED &&
          session_phase(a->study.session) == SESSION_ASKING);
}

static void save_shot(App *a) {
  char path[1024], err[512];
  const char *dir = a->opt.shot_dir ? a->opt.shot_dir : ".";
  snprintf(path, sizeof path, "%s/quizdeck-%02d-%s.png", dir, ++a->shots,
           a->screens[a->cur]->name);
  if (render_save_png(a->rd, path, err, sizeof err) < 0)
    app_toast(a, 1, "%s", err);
  else
    fprintf(stderr, "quizdeck: saved '%s'\n", path);
}

int app_frame(App *a) {
  SDL_Event e;
  int got = 0, shot = 0;
  uint64_t now_t;
  double dt;
  int block = !a->animating && !a->redraw && !a->layout_dirty &&
              a->opt.frames <= 0;
  if (block) {
    /* sleep until something happens (or the toast must go) */
    int timeout = -1;
    if (a->toast.text[0] && a->toast.until) {
      uint64_t t = SDL_GetTicks64();
      timeout = a->toast.until > t ? (int)(a->toast.until - t) + 10 : 0;
    }
    got = timeout < 0 ? SDL_WaitEvent(&e) : SDL_WaitEventTimeout(&e, timeout);
  } else {
    got = SDL_PollEvent(&e);
  }
  while (got) {
    int ww = 1, wh = 1;
    Action act;
    SDL_GetWindowSize(a->win, &ww, &wh);
    if (e.type == SDL_KEYDOWN && e.key.keysym.sym == SDLK_F12 &&
        (!a->opt.kiosk || a->opt.shot_dir)) { /* kiosk: no disk filling */
      shot = 1;
    } else {
      act = input_map(&e, typing(a), a->density, ww, wh);
      dispatch(a, &act);
    }
    if (e.type == SDL_DROPFILE) SDL_free(e.drop.file);
    got = SDL_PollEvent(&e);
  }
  if ((typing(a) != 0) != (SDL_IsTextInputActive() == SDL_TRUE)) {
    if (typing(a)) SDL_StartTextInput();
    else SDL_StopTextInput();
  }
  now_t = SDL_GetTicks64();
  dt = a->last_ticks ? (double)(now_t - a->last_ticks) / 1000.0 : 0.0;
  a->last_ticks = now_t;
  if (a->toast.text[0] && a->toast.until && now_t >= a->toast.until) {
    a->toast.text[0] = '\0';
    app_dirty(a);
  }
  if (a->animating || a->layout_dirty) {
    measure(a);
    view_reset(&a->view, render_text(a->rd), &a->th, a->w, a->h);
    a->animating = 0;
    a->screens[a->cur]->update(a, dt);
    a->layout_dirty = 0;
    a->redraw = 1;
    if (a->hover >= a->view.n) a->hover = -1;
    if (a->focus >= a->view.n) a->focus = -1;
    if (!a->animating) trace_layout(a);
  }
  if (a->redraw || a->opt.frames > 0 || shot) {
    app_render(a);
    a->frames_drawn++;
    if (shot) save_shot(a);
    if (a->opt.frames > 0 && a->frames_drawn >= a->opt.frames) {
      if (a->opt.screenshot) {
        char err[512];
        if (render_save_png(a->rd, a->opt.screenshot, err, sizeof err) < 0)
          fprintf(stderr, "%s\n", err);
      }
      render_present(a->rd);
      return 1;
    }
    render_present(a->rd);
    a->redraw = 0;
    if (a->animating && a->fps_cap > 0) {
      /* the software renderer has no vsync: pace to the display rate */
      uint64_t spent = SDL_GetTicks64() - now_t;
      uint64_t frame_ms = (uint64_t)(1000.0 / a->fps_cap);
      if (spent < frame_ms) SDL_Delay((Uint32)(frame_ms - spent));
    }
  }
  return a->quit;
}

int app_run(App *a) {
  while (!app_frame(a)) {
  }
  return 0;
}

/* ---- start and stop ----------------------------------------------------- */

static void load_settings(App *a) {
  char *v = NULL;
  a->scale = 1.0f;
  a->high_contrast = 0;
  if (a->store && store_setting_get(a->store, "ui_scale", &v) == 0 && v) {
    float s = (float)atof(v);
    if (s >= 0.5f && s <= 3.0f) a->scale = s;
  }
  free(v);
  v = NULL;
  if (a->store && store_setting_get(a->store, "high_contrast", &v) == 0 && v)
    a->high_contrast = atoi(v) != 0;
  free(v);
  v = NULL;
  if (a->store && store_setting_get(a->store, "study_mode", &v) == 0 && v) {
    int m = atoi(v);
    if (m >= STUDY_FLIP && m <= STUDY_TYPED) a->mode = (StudyMode)m;
  }
  free(v);
  if (a->opt.scale > 0) a->scale = a->opt.scale;
  if (a->opt.high_contrast >= 0) a->high_contrast = a->opt.high_contrast;
  if (a->opt.mode >= 0) a->mode = (StudyMode)a->opt.mode;
}

static const char *default_font_list(void) {
#ifdef QD_FONTS_DIR
  static const char path[] = QD_FONTS_DIR "/quizdeck-fonts.txt";
  struct stat st;
  if (stat(path, &st) == 0) return path;
#endif
  return NULL;
}

static void open_store(App *a) {
  char *def = NULL;
  const char *path = a->opt.db_path;
  char err[512];
  if (!path) {
    def = store_default_path();
    path = def;
  }
  if (!path) {
    snprintf(a->store_error, sizeof a->store_error,
             "store: cannot find a place for the database: set $HOME or "
             "use --db PATH");
    return;
  }
  if (store_open(path, 0, &a->store, err, sizeof err) < 0) {
    snprintf(a->store_error, sizeof a->store_error, "%s", err);
    fprintf(stderr, "%s\n", err);
    a->store = NULL;
  }
  free(def);
}

static void open_start_screen(App *a) {
  char *last = NULL;
  a->cur = SCR_PROFILES;
  if (a->opt.kiosk || a->opt.present) {
    app_switch(a, a->opt.kiosk ? SCR_KIOSK : SCR_PRESENT);
    return;
  }
  if (!a->store) {
    app_switch(a, SCR_PROFILES);
    return;
  }
  if (a->opt.deck) {
    /* straight into studying: the deck list is not needed first */
    int64_t id = 0;
    if (a->opt.profile) {
      set_profile(a, a->opt.profile);
    } else {
      if (store_setting_get(a->store, "last_profile", &last) == 0 && last)
        set_profile(a, last);
      else
        set_profile(a, "default");
      free(last);
    }
    if (!a->profile) {
      app_switch(a, SCR_PROFILES);
    } else if (store_deck_find(a->store, a->opt.deck, &id) == 0) {
      app_study(a, id, a->opt.deck);
    } else {
      app_switch(a, SCR_DECKS);
      app_toast(a, 1, "quizdeck: cannot open deck '%s': no such deck",
                a->opt.deck);
    }
  } else if (a->opt.profile) {
    app_use_profile(a, a->opt.profile);
  } else {
    app_switch(a, SCR_PROFILES);
  }
}

int app_open(const AppOptions *opt, App **out, char *err, size_t errlen) {
  App *a = calloc(1, sizeof *a);
  Uint32 flags = SDL_WINDOW_RESIZABLE | SDL_WINDOW_ALLOW_HIGHDPI;
  SDL_DisplayMode dm;
  int rc;
  *out = NULL;
  if (!a) {
    snprintf(err, errlen, "quizdeck: cannot start: out of memory");
    return QD_ENOMEM;
  }
  a->opt = *opt;
  a->mode = STUDY_FLIP;
  a->dpi_factor = 1.0f;
  a->hover = a->focus = a->pressed = -1;
  a->screens[SCR_PROFILES] = &screen_profiles;
  a->screens[SCR_DECKS] = &screen_decks;
  a->screens[SCR_STUDY] = &screen_study;
  a->screens[SCR_SUMMARY] = &screen_summary;
  a->screens[SCR_STATS] = &screen_stats;
  a->screens[SCR_KIOSK] = &screen_kiosk;
  a->screens[SCR_PRESENT] = &screen_present;
  a->screens[SCR_BROWSE] = &screen_browse;
  view_init(&a->view);
  if (opt->trace) {
    a->trace = fopen(opt->trace, "a");
    if (!a->trace)
      fprintf(stderr, "quizdeck: cannot open trace '%s'\n", opt->trace);
  }
  SDL_SetHint(SDL_HINT_TOUCH_MOUSE_EVENTS, "0");
  /* The software renderer by default: the UI is flat 2D that it draws well
   * within a frame, and an OpenGL driver (llvmpipe on machines without a
   * GPU) would cost ~90 MB and a slower start.  SDL_RENDER_DRIVER=opengl in
   * the environment still wins over these defaults. */
  SDL_SetHintWithPriority(SDL_HINT_RENDER_DRIVER, "software",
                          SDL_HINT_DEFAULT);
  SDL_SetHintWithPriority(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0",
                          SDL_HINT_DEFAULT);
  SDL_SetHint(SDL_HINT_VIDEO_X11_NET_WM_BYPASS_COMPOSITOR, "0");
  if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_EVENTS) < 0) {
    snprintf(err, errlen, "quizdeck: cannot start SDL video: %s",
             SDL_GetError());
    free(a);
    return QD_EIO;
  }
  if (opt->hidden) flags |= SDL_WINDOW_HIDDEN;
  if (opt->kiosk || opt->present) { /* full screen, no decorations */
    flags |= SDL_WINDOW_BORDERLESS;
    if (opt->width <= 0) flags |= SDL_WINDOW_FULLSCREEN_DESKTOP;
    if (opt->kiosk) SDL_SetHint(SDL_HINT_ALLOW_ALT_TAB_WHILE_GRABBED, "0");
  }
  {
    /* full screen: cover the display even without a window manager */
    SDL_Rect b = {(int)SDL_WINDOWPOS_CENTERED_DISPLAY(opt->display),
                  (int)SDL_WINDOWPOS_CENTERED_DISPLAY(opt->display),
                  opt->width > 0 ? opt->width : 1100,
                  opt->height > 0 ? opt->height : 760};
    SDL_Rect d;
    if ((flags & SDL_WINDOW_FULLSCREEN_DESKTOP) == SDL_WINDOW_FULLSCREEN_DESKTOP &&
        (SDL_GetDisplayBounds(opt->display, &d) == 0 ||
         SDL_GetDisplayBounds(0, &d) == 0))
      b = d;
    a->win = SDL_CreateWindow("quizdeck", b.x, b.y, b.w, b.h, flags);
  }
  if (!a->win) {
    snprintf(err, errlen, "quizdeck: cannot open a window: %s",
             SDL_GetError());
    rc = QD_EIO;
    goto fail;
  }
  SDL_SetWindowMinimumSize(a->win, 640, 480);
  a->dpi_factor = dpi_factor(a->win);
  if (opt->kiosk) SDL_SetWindowKeyboardGrab(a->win, SDL_TRUE);
  a->sdl = SDL_CreateRenderer(a->win, -1, SDL_RENDERER_PRESENTVSYNC);
  if (!a->sdl) a->sdl = SDL_CreateRenderer(a->win, -1, SDL_RENDERER_SOFTWARE);
  if (!a->sdl) {
    snprintf(err, errlen, "quizdeck: cannot create a renderer: %s",
             SDL_GetError());
    rc = QD_EIO;
    goto fail;
  }
  a->fps_cap = 60.0;
  if (SDL_GetCurrentDisplayMode(0, &dm) == 0 && dm.refresh_rate > 0)
    a->fps_cap = dm.refresh_rate;
  rc = render_open(a->sdl, opt->font_list ? opt->font_list
                                          : default_font_list(),
                   &a->rd, err, errlen);
  if (rc < 0) goto fail;
  if (!text_has_fonts(render_text(a->rd)))
    fprintf(stderr, "%s\n", text_status(render_text(a->rd)));
  open_store(a);
  load_settings(a);
  measure(a);
  open_start_screen(a);
  if (!text_has_fonts(render_text(a->rd)))
    app_toast(a, 1, "%s", text_status(render_text(a->rd)));
  app_dirty(a);
  *out = a;
  return 0;
fail:
  app_close(a);
  return rc;
}

void app_close(App *a) {
  if (!a) return;
  if (a->screens[a->cur] && a->screens[a->cur]->leave)
    a->screens[a->cur]->leave(a);
  browse_free(a);
  view_free(&a->view);
  render_close(a->rd);
  if (a->sdl) SDL_DestroyRenderer(a->sdl);
  if (a->win) SDL_DestroyWindow(a->win);
  store_close(a->store);
  if (a->trace) fclose(a->trace);
  free(a);
  SDL_Quit();
}
