/* kiosk_ui.h - the classroom screens: kiosk station (scr_kiosk.c) and
 * projector quiz (scr_present.c), on top of the game logic in kiosk.h.
 *
 * `quizdeck --kiosk` opens SCR_KIOSK full screen and locked: Escape,
 * Alt+F4, the close button and Ctrl+Q do nothing; holding Ctrl+Alt+Q for
 * two seconds opens a PIN prompt, and the teacher's PIN (stored only as a
 * salted hash in the setting "kiosk.pin") leaves.  `quizdeck --present`
 * opens SCR_PRESENT for a presentation clicker.  Both keep their state in
 * app->kiosk (created by the screen's enter, freed by its leave), record
 * answers under the anonymous profile "kiosk" with mode STUDY_KIOSK /
 * STUDY_PRESENT, and keep time on their own millisecond clock that frame
 * time advances (tests and the soak benchmark advance it by hand). */
#ifndef QD_UI_KIOSK_UI_H
#define QD_UI_KIOSK_UI_H

#include <stddef.h>
#include <stdint.h>

#include "app.h"
#include "kiosk.h"

/* Commands of the classroom screens' buttons (after app.h's Command). */
enum {
  CMD_KIOSK_START = 1000, /* attract: tap to start */
  CMD_KIOSK_CHOICE,       /* arg = option 0..3 */
  CMD_KIOSK_NEXT,         /* reveal -> next question */
  CMD_KIOSK_AGAIN,        /* end screen: play again */
  CMD_KIOSK_DONE,         /* end screen: back to the welcome screen */
  CMD_KIOSK_STAY,         /* idle warning: keep playing */
  CMD_KIOSK_PIN_DIGIT,    /* arg = 0..9 */
  CMD_KIOSK_PIN_DEL,
  CMD_KIOSK_PIN_OK,
  CMD_KIOSK_PIN_CANCEL,
  CMD_PRESENT_NEXT,
  CMD_PRESENT_TEAM        /* arg = team 0.. */
};

/* Smallest text on the projector, as a fraction of the screen height
 * (1/24: 45 px on a 1080-line projector, readable from ~10 m). */
#define PRESENT_MIN_TEXT_FRAC (1.0 / 24.0)

typedef struct KioskUi {
  int present;            /* 1: projector, 0: kiosk station */
  int locked;             /* kiosk: quitting needs the PIN */
  int64_t now;            /* the screens' clock, ms */
  KioskDeck deck;
  Kiosk k;
  KioskPresent p;
  int ready;              /* a deck with questions is loaded */
  char deck_name[256];
  char err[512];          /* why nothing can be played (shown) */
  int64_t profile;        /* the "kiosk" profile */
  int64_t *card;          /* card id of each deck question (0: none) */
  /* recording */
  int busy;               /* the database was busy at the last try */
  long stored, store_failed;
  int64_t busy_since;
  /* teacher exit */
  KioskChord chord;
  int chord_override;     /* tests: -1 read the keyboard, else 0/1 */
  int pin_open;
  char pin[KIOSK_PIN_MAX + 1];
  char pin_msg[160];
  int pin_msg_bad;
  int64_t pin_at;         /* last PIN prompt activity */
  KioskPinGate gate;
  char *pin_hash;         /* stored hash, or NULL when no PIN is set */
  /* presentation */
  int64_t last_pointer;   /* cursor hidden a while after the last move */
  int cursor_hidden;
  int esc_armed;          /* projector: Esc pressed once */
  int64_t esc_at;
  int frames;             /* frames laid out (for soak statistics) */
  int logged_phase;       /* last phase written to the log (stderr) */
  double fps0;            /* the app's frame rate cap when we started */
  long logged_players;
} KioskUi;

/* Hashes `pin` with a fresh random salt and stores it as the kiosk PIN
 * in the database at db_path (NULL: the default database).  Returns 0, or
 * a negative QD_E* code with the message in err. */
int kiosk_ui_save_pin(const char *db_path, const char *pin, char *err,
                      size_t errlen);

/* 1 while the kiosk PIN prompt wants typed digits (app.c's typing()). */
int kiosk_ui_typing(const App *a);

/* Moves the classroom screens' clock on by `ms` and lets timers run
 * (tests, soak benchmark); the next layout shows the result. */
void kiosk_ui_advance(App *a, int64_t ms);

/* Draws one of the four answer shapes (0 triangle, 1 diamond, 2 circle,
 * 3 square) centred on (cx, cy), `size` pixels across. */
void kiosk_ui_shape(View *v, int shape, int cx, int cy, int size,
                    SDL_Color c);
/* Tile colour of option i (distinct hues that keep white text readable). */
SDL_Color kiosk_ui_tile_color(int i);
/* One answer tile: colour, shape, number and text.  state: 0 normal,
 * 1 the right answer revealed, 2 the player's wrong pick, 3 dimmed.
 * cmd 0: not clickable.  text_px is the largest size tried. */
void kiosk_ui_tile(View *v, URect r, int i, const char *text, int text_px,
                   int min_px, int state, int cmd);

/* ---- shared by the two screens (scr_kiosk.c) ---- */

/* A new state with its clock at the wall time (NULL: out of memory). */
KioskUi *kiosk_ui_new(App *a, int present);
/* Frees app->kiosk and sets it to NULL; shows the cursor again. */
void kiosk_ui_free(App *a);
/* Opens the "kiosk" profile, picks the deck (--deck, the last one used,
 * else the largest), builds its questions and maps them to the profile's
 * cards; then sets the store's busy timeout to 0 so that a locked
 * database never blocks a frame.  On failure u->err says why. */
int kiosk_ui_load(App *a, KioskUi *u);
/* Stores queued answers; a busy or full database keeps them queued and
 * is retried on a later frame. */
void kiosk_ui_flush(App *a, KioskUi *u, KioskOutbox *o, StudyMode mode);
/* Four answer tiles in `area` (2x2, or a column when narrow); state may
 * be NULL (all normal). */
void kiosk_ui_tiles(View *v, URect area, const KioskQuestion *q, int px,
                    int min_px, const int state[KIOSK_OPTIONS], int cmd);
/* A large button with the label at px (shrunk to fit the height). */
int kiosk_ui_button(View *v, URect r, const char *label, int px, int primary,
                    int cmd, int arg);
/* Wrapped text centred vertically in box, shrinking from px to min_px to
 * fit.  Returns the height used. */
int kiosk_ui_text(View *v, URect box, const char *s, int px, int min_px,
                  TextWeight w, SDL_Color c, Align al);

extern const Screen screen_kiosk, screen_present;

#endif
