/* app.h - the SDL front end: window, screens, study flow.
 *
 * The App owns the window, renderer, store and the current screen.  Each
 * screen has enter / leave / handle(action) / update(dt) / draw: update
 * lays the screen out into app->view (never draws), draw renders the view
 * (never changes state).  app_frame() runs one turn of the loop; app_run()
 * loops, sleeping in SDL_WaitEvent while nothing moves. */
#ifndef QD_UI_APP_H
#define QD_UI_APP_H

#include <SDL.h>
#include <stdint.h>
#include <stdio.h>

#include "answer.h"
#include "input.h"
#include "render.h"
#include "session.h"
#include "store.h"
#include "theme.h"
#include "view.h"

typedef struct AppOptions {
  const char *db_path;    /* NULL: store_default_path() */
  const char *profile;    /* open straight into this profile */
  const char *deck;       /* open straight into studying this deck */
  int mode;               /* StudyMode, or -1 for the saved/default one */
  int frames;             /* render this many frames, then exit (0: run) */
  const char *screenshot; /* save the last frame here (PNG) */
  const char *shot_dir;   /* F12 saves numbered screenshots here */
  float scale;            /* UI scale; 0 = saved setting or 1 */
  int high_contrast;      /* 1 on, 0 off, -1 saved setting */
  int width, height;      /* window size */
  const char *font_list;  /* NULL: fonts/quizdeck-fonts.txt or built-in */
  int hidden;             /* do not show the window (headless tests) */
  const char *trace;      /* append a line per screen, card, answer and
                             layout here (for scripted end-to-end tests) */
  /* classroom modes (kiosk_ui.h) */
  int kiosk, present;     /* --kiosk: locked station; --present: projector */
  const char *pin;        /* --set-pin / --pin: store this kiosk PIN */
  int display;            /* full screen on this display (0: first) */
  int idle_seconds;       /* kiosk: idle time before attract (0: 60) */
  int untimed;            /* no countdown (more time for every student) */
  int correctness_only;   /* no speed points */
  int questions;          /* questions per player / quiz (0: default) */
  int teams;              /* projector: number of teams (0: none) */
} AppOptions;

typedef enum {
  SCR_PROFILES, SCR_DECKS, SCR_STUDY, SCR_SUMMARY, SCR_STATS, SCR_KIOSK,
  SCR_PRESENT, SCR_BROWSE, SCR_COUNT
} ScreenId;

typedef enum {
  CMD_NONE = 0, CMD_BACK, CMD_PROFILE_PICK, CMD_PROFILE_NEW,
  CMD_PROFILE_CREATE, CMD_PROFILE_CANCEL, CMD_DECK_PICK, CMD_STUDY,
  CMD_MODE, CMD_STATS, CMD_REVEAL, CMD_GRADE, CMD_CHOICE, CMD_SUBMIT,
  CMD_CONTINUE, CMD_UNDO, CMD_SCROLL, CMD_CONTRAST, CMD_SCALE,
  CMD_DISMISS, CMD_FOCUS_INPUT, CMD_STATS_SCOPE,
  /* the deck browser (scr_browse.c) */
  CMD_BROWSE, CMD_NOTE_PICK, CMD_SEARCH, CMD_EDIT, CMD_SAVE, CMD_CANCEL,
  CMD_SUSPEND, CMD_DELETE, CMD_CONFIRM_DELETE, CMD_FIELD
} Command;

typedef struct App App;

typedef struct Screen {
  const char *name;
  void (*enter)(App *a);
  void (*leave)(App *a);
  void (*handle)(App *a, const Action *act);
  void (*update)(App *a, double dt);
  void (*draw)(const App *a, Render *rd);
} Screen;

typedef struct ProfilesState {
  StoreProfile *list;
  int n, sel, scroll;
  int adding;            /* the name field is open */
  char name[128];
} ProfilesState;

typedef struct DecksState {
  StoreDeckInfo *list;
  int n, sel, scroll;
  int builtin_tried;     /* the built-in deck was offered this run */
} DecksState;

typedef struct StudyState {
  StudySession *session;
  uint64_t shown_ticks;  /* SDL ticks when the card was shown */
  char typed[512];
  AnswerVerdict verdict;
  AnswerDiffSeg *diff;
  int n_diff;
  int64_t preview[4];
  int have_preview;
  double anim;           /* 0..1 card entrance */
} StudyState;

typedef struct StatsState {
  StoreStats stats;
  int loaded, all_decks;
  char err[256];
} StatsState;

/* A text field being edited: UTF-8, caret as a byte offset. */
typedef struct TextField {
  char text[4096];
  int caret;
} TextField;

typedef enum {
  BROWSE_LIST,           /* moving through the notes */
  BROWSE_DETAIL,         /* one note full width (narrow windows) */
  BROWSE_EDIT,           /* the note's text fields are open */
  BROWSE_CONFIRM         /* "Delete this card?" */
} BrowseMode;

typedef struct BrowseState {
  int64_t deck;          /* the deck sel and query below belong to */
  StoreNote *page;       /* notes [offset, offset + n) of the list */
  signed char *susp;     /* per page note: 1 when its cards (this
                            profile's) are suspended, 0 not, -1 not read */
  int n, offset;
  int sel, scroll;       /* indices in the whole (filtered) list */
  int rows;              /* rows the last layout showed (page keys) */
  int total;             /* notes in the list, or -1 while not known */
  int seen;              /* total unknown: at least this many */
  int deck_notes;        /* notes in the deck (deck list at entry) */
  BrowseMode mode;
  int searching;         /* the search field has the keyboard */
  TextField query;
  TextField field[3];    /* edit: prompt, answer, aliases ("; ") */
  int cur_field;
  int detail_skip;       /* sections of the note scrolled off (narrow) */
  int detail_more;       /* the last layout left some of the note out */
  int load_failed;       /* the last page failed: no retry until an action */
} BrowseState;

typedef struct Toast {
  char text[768];
  int error;
  uint64_t until;        /* SDL ticks */
} Toast;

struct App {
  AppOptions opt;
  SDL_Window *win;
  SDL_Renderer *sdl;
  Render *rd;
  Store *store;
  char store_error[512]; /* why there is no store, shown on screen */
  Theme th;
  float scale, density;  /* density: output pixels per window pixel */
  float dpi_factor;      /* HiDPI where the window is not scaled (X11) */
  int high_contrast;
  int w, h;              /* output pixels */
  View view;
  int layout_dirty, redraw, hover, focus, pressed;
  int ptr_down, ptr_y, drag; /* a finger dragging scrolls lists */
  ScreenId cur;
  const Screen *screens[SCR_COUNT];
  int64_t profile;
  char profile_name[128];
  int64_t deck;
  char deck_name[256];
  StudyMode mode;
  ProfilesState prof;
  DecksState decks;
  StudyState study;
  SessionSummary summary;
  StatsState stats;
  BrowseState browse;
  Toast toast;
  int animating, quit, frames_drawn, shots;
  uint64_t last_ticks;
  double fps_cap;
  FILE *trace;
  struct KioskUi *kiosk; /* classroom screens' state (kiosk_ui.h) */
};

/* Creates the window and everything in it; errors that the user can fix
 * (no database, no fonts) do not fail: they are shown on screen.  Returns
 * a negative QD_E* code only when no window can be made. */
int app_open(const AppOptions *opt, App **out, char *err, size_t errlen);
void app_close(App *a);
/* One turn: wait for (or poll) events, handle, update, draw if needed.
 * Returns 0 to go on, 1 when the app should exit. */
int app_frame(App *a);
/* Runs until quit or the --frames count.  Returns the exit code. */
int app_run(App *a);

/* Used by screens. */
void app_switch(App *a, ScreenId s);
void app_toast(App *a, int error, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;
void app_dirty(App *a);
/* Appends one line to the --trace file (no-op without one). */
void app_trace(App *a, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
int64_t app_now(void);
/* Sets the profile by name (creating it) and goes to the deck list. */
int app_use_profile(App *a, const char *name);
/* Starts studying deck (id, name) in the app's mode. */
void app_study(App *a, int64_t deck, const char *name);
/* Handles a file dropped on the window (see drop.h). */
void app_drop(App *a, const char *path);
/* Applies a new UI scale / contrast and saves it as a setting. */
void app_set_scale(App *a, float scale);
void app_set_contrast(App *a, int on);
/* Renders the current screen into the back buffer (no present). */
void app_render(App *a);
/* Lays the current screen out for the current size (tests). */
void app_layout(App *a);
/* Handles one action as if it came from the keyboard or pointer. */
void app_action(App *a, const Action *act);

/* Common pieces of screen layout. */
typedef struct Frame {
  int x, y, w, h;        /* content box under the top bar */
  int m;                 /* outer margin */
} Frame;
/* Top bar with an optional back button, a title and a subtitle on the
 * right; returns the content box below it and above the toast. */
Frame app_top_bar(App *a, const char *back_label, const char *title,
                  const char *right);
/* Bottom toast (if any) and the content bottom limit. */
int app_toast_layout(App *a);

extern const Screen screen_profiles, screen_decks, screen_study,
    screen_summary, screen_stats, screen_browse;

/* Opens the deck browser on deck (id, name); n_notes comes from the deck
 * list (shown as a count; the browser pages the notes). */
void app_browse(App *a, int64_t deck, const char *name, int n_notes);
/* 2 while the deck browser has a text field open (caret keys go to it),
 * else 0 (see input_map's `typing`). */
int browse_typing(const App *a);
/* Frees what the browser holds (app_close). */
void browse_free(App *a);

#endif
