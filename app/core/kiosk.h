/* kiosk.h - the classroom modes' game logic: kiosk station and projector.
 *
 * Pure C (no SDL, no SQLite): the screens in app/ui/scr_kiosk.c and
 * scr_present.c drive it and draw what it says.  Time is always a
 * parameter (`now`, milliseconds on any monotonic-enough clock the caller
 * chooses; the app uses wall-clock epoch milliseconds advanced by frame
 * time, the soak benchmark a simulated clock), and randomness is a seed.
 *
 *  - KioskDeck: multiple-choice questions built from a deck's notes (four
 *    options each: an MCQ note's own distractors, or other notes' answers
 *    of the same type), in a deterministic order for a seed.
 *  - Kiosk: one station.  Attract (welcome, sample questions) -> a player's
 *    round of questions with a countdown -> reveal -> ... -> end screen;
 *    60 s without input (warning in the last 10 s) resets to attract and
 *    forgets the player.  Answers to record are queued in an outbox the
 *    caller drains into the store (and may retry when the database is
 *    busy).
 *  - KioskPresent: the projector quiz the teacher clicks through, with
 *    optional team scoring and a scoreboard between rounds.
 *  - KioskChord: "held for two seconds" detection for the teacher chord.
 *  - PIN: salted Argon2id hash (libsodium crypto_pwhash) and verification,
 *    and a gate that slows down guessing.  Link libsodium into users of
 *    these functions.
 *
 * Errors are negative QD_E* codes (error.h). */
#ifndef QD_KIOSK_H
#define QD_KIOSK_H

#include <stddef.h>
#include <stdint.h>

#include "store.h"

#define KIOSK_OPTIONS 4
#define KIOSK_MAX_TEAMS 8
#define KIOSK_OUTBOX 512          /* answers waiting for the store */
#define KIOSK_IDLE_MS 60000       /* default idle time before attract */
#define KIOSK_WARN_MS 10000       /* warning shown for the last 10 s */
#define KIOSK_CHORD_MS 2000       /* teacher chord hold time */
#define KIOSK_SAMPLE_MS 5000      /* attract: each sample question shown */
#define KIOSK_MAX_POINTS 1000

/* ---- questions ----------------------------------------------------------- */

typedef struct KioskQuestion {
  int64_t note;
  char *prompt;
  char *options[KIOSK_OPTIONS];
  int correct;        /* index of the right option */
  char *source;       /* sentence the fact came from, or NULL */
  char *article;      /* its article, or NULL */
  char *explanation;  /* or NULL */
  int time_limit_ms;  /* > 0 */
} KioskQuestion;

typedef struct KioskDeck {
  KioskQuestion *q;
  int n;
  int skipped;        /* notes without enough distinct options */
} KioskDeck;

/* Builds the questions of `notes` (not kept).  Options: the note's own
 * distinct distractors (an MCQ note has three), topped up with other
 * notes' answers, preferring notes of the same `type`, chosen and placed
 * by `seed`.  A
 * note's time limit is its own, else default_limit_s (<= 0: 20 s).  Notes
 * that cannot get four distinct options, or have an empty prompt or
 * answer, are skipped and counted.  Returns 0 (possibly with no
 * questions), QD_ENOMEM or QD_EINVAL.  Free with kiosk_deck_free. */
int kiosk_deck_build(const StoreNote *notes, int n, int default_limit_s,
                     uint64_t seed, KioskDeck *out);
void kiosk_deck_free(KioskDeck *d); /* NULL is a no-op; zeroes *d */

/* Kahoot-style points for a correct answer after elapsed_ms of limit_ms:
 * round(1000 * (1 - elapsed/limit/2)), so 1000 for an instant answer and
 * 500 at the buzzer.  With speed == 0 (correctness only, or no timer) a
 * correct answer is worth 1000.  Wrong answers get 0 (not this
 * function). */
int kiosk_points(int64_t elapsed_ms, int64_t limit_ms, int speed);

/* ---- answers to record ----------------------------------------------------- */

typedef struct KioskRecord {
  int64_t note;
  int correct;        /* 1 right, 0 wrong or timed out */
  int timed_out;
  int answer_ms;      /* time to answer */
  int64_t at;         /* `now` when answered */
  int team;           /* projector: team index, else -1 */
} KioskRecord;

/* A bounded FIFO; when full the oldest record is dropped and counted. */
typedef struct KioskOutbox {
  KioskRecord r[KIOSK_OUTBOX];
  int head, n;
  long dropped;
} KioskOutbox;

/* Oldest record without removing it; 0 when there is none. */
int kiosk_outbox_peek(const KioskOutbox *o, KioskRecord *out);
/* Removes the oldest record (after it was stored). */
void kiosk_outbox_pop(KioskOutbox *o);
void kiosk_outbox_push(KioskOutbox *o, const KioskRecord *r);

/* ---- the kiosk station --------------------------------------------------- */

typedef enum {
  KIOSK_ATTRACT,  /* welcome screen, sample questions, "tap to start" */
  KIOSK_QUESTION, /* a question with its countdown */
  KIOSK_REVEAL,   /* right answer and source sentence */
  KIOSK_END       /* the player's score */
} KioskPhase;

typedef struct KioskConfig {
  int round_len;      /* questions per player (default 10) */
  int timed;          /* 1: countdown per question; 0: no time limit */
  int speed_scoring;  /* 1: faster = more points (only when timed) */
  int64_t idle_ms;    /* no input this long -> attract (default 60 s) */
  int64_t warn_ms;    /* warning before that (default 10 s) */
  int64_t reveal_ms;  /* reveal moves on by itself after this; 0: never */
} KioskConfig;

/* Defaults: 10 questions, timed, speed scoring, 60 s idle, 10 s warning,
 * reveal waits 8 s. */
void kiosk_config_default(KioskConfig *c);

typedef struct KioskPlayer {
  int score, streak, best_streak;
  int answered, correct;
  int last_points;    /* points of the last answer (0 when wrong) */
} KioskPlayer;

typedef struct Kiosk {
  KioskConfig cfg;
  const KioskDeck *deck; /* not owned; must outlive the kiosk */
  int *order;            /* shuffled question indices (owned) */
  int order_pos;
  uint64_t seed;
  KioskPhase phase;
  int cur;               /* current question (index into deck) */
  int round_i;           /* questions shown to this player so far */
  int chosen;            /* option picked at the reveal; -1 timed out */
  int timed_out;
  int64_t shown_at, revealed_at, last_input, phase_at;
  KioskPlayer player;
  long players;          /* players started since init */
  long answered_total;
  KioskOutbox out;       /* answers waiting to be stored */
  KioskRecord held[64];  /* timeouts kept until the player shows up again */
  int n_held;
} Kiosk;

/* Starts in KIOSK_ATTRACT.  cfg NULL: defaults.  Returns 0 or QD_ENOMEM. */
int kiosk_init(Kiosk *k, const KioskConfig *cfg, const KioskDeck *deck,
               uint64_t seed, int64_t now);
void kiosk_free(Kiosk *k);

/* Any touch, click or key from the player: keeps the station from going
 * idle, and confirms timed-out answers (the player was there). */
void kiosk_input(Kiosk *k, int64_t now);
/* A new player: clears the score and shows the first question.  Does
 * nothing without questions (returns QD_ENOTFOUND). */
int kiosk_start(Kiosk *k, int64_t now);
/* The player picks option `choice` (0..3).  QD_EINVAL outside a question
 * or for a bad choice.  Queues the answer in k->out. */
int kiosk_answer(Kiosk *k, int choice, int64_t now);
/* From the reveal to the next question or the end screen; from the end
 * screen to the attract loop. */
void kiosk_next(Kiosk *k, int64_t now);
/* Back to attract, forgetting everything about the player (unconfirmed
 * timeouts are dropped, not recorded). */
void kiosk_reset(Kiosk *k, int64_t now);
/* Advances time: the countdown running out (reveal with a timeout), the
 * reveal moving on, idle -> attract.  Returns 1 when something visible
 * changed phase. */
int kiosk_tick(Kiosk *k, int64_t now);

/* Milliseconds left to answer (0 when untimed or not asking). */
int64_t kiosk_time_left(const Kiosk *k, int64_t now);
/* Milliseconds before the idle reset; < 0 when no reset is pending
 * (attract).  The UI warns while 0 <= left <= cfg.warn_ms. */
int64_t kiosk_idle_left(const Kiosk *k, int64_t now);
/* The question shown now (NULL in attract and at the end). */
const KioskQuestion *kiosk_question(const Kiosk *k);
/* Attract loop: the sample question to show at `now` (NULL without
 * questions). */
const KioskQuestion *kiosk_sample(const Kiosk *k, int64_t now);

/* ---- the projector quiz -------------------------------------------------- */

typedef enum {
  PRESENT_QUESTION,   /* question and timer */
  PRESENT_REVEAL,     /* answer and source */
  PRESENT_TEAMS,      /* teacher marks which teams were right */
  PRESENT_SCOREBOARD, /* between rounds */
  PRESENT_END         /* final scoreboard (or "quiz over") */
} PresentPhase;

typedef struct KioskPresent {
  const KioskDeck *deck; /* not owned */
  int *order;
  int n;                 /* questions in this quiz */
  int i;                 /* current question 0..n-1 */
  PresentPhase phase;
  int timed;
  int n_teams;           /* 0: no team scoring */
  unsigned char *marks;  /* [question * KIOSK_MAX_TEAMS + team]: right */
  unsigned char *committed; /* [question]: its answers were queued */
  int black;             /* screen blanked (B) */
  int64_t shown_at, paused_left; /* countdown; paused_left >= 0: frozen */
  KioskOutbox out;       /* per-team answers (team scoring only) */
} KioskPresent;

/* A quiz of `n_questions` (<= 0 or more than the deck: the whole deck) in
 * seeded order, with n_teams teams (0..KIOSK_MAX_TEAMS).  Returns 0,
 * QD_EINVAL or QD_ENOMEM. */
int kiosk_present_init(KioskPresent *p, const KioskDeck *deck,
                       int n_questions, int timed, int n_teams,
                       uint64_t seed, int64_t now);
void kiosk_present_free(KioskPresent *p);
/* Clicker "next" (Page Down / Right / Space): question -> reveal ->
 * teams (if any) -> scoreboard -> next question ... -> end.  While the
 * screen is black, un-blanks instead. */
void kiosk_present_next(KioskPresent *p, int64_t now);
/* Clicker "back" (Page Up / Left): one step back; marks and awards are
 * undone when stepping back over them. */
void kiosk_present_prev(KioskPresent *p, int64_t now);
/* B: black screen on/off (the countdown pauses while black). */
void kiosk_present_black(KioskPresent *p, int64_t now);
/* Teams phase: team t (0-based) answered right / not (toggles).  Once a
 * question is left past its scoreboard its answers are queued in p->out
 * and its marks are final: QD_EINVAL then, and outside the teams phase. */
int kiosk_present_mark(KioskPresent *p, int team);
int64_t kiosk_present_time_left(const KioskPresent *p, int64_t now);
const KioskQuestion *kiosk_present_question(const KioskPresent *p);
/* Team t's score: questions it was marked right on, counting the current
 * question from its scoreboard on. */
int kiosk_present_score(const KioskPresent *p, int team);
/* 1 when team t is marked right on the current question. */
int kiosk_present_marked(const KioskPresent *p, int team);
/* Team indices ordered by score, best first (ties: lower index first),
 * into rank[n_teams]. */
void kiosk_present_ranking(const KioskPresent *p, int *rank);

/* ---- teacher chord ------------------------------------------------------- */

typedef struct KioskChord {
  int held;
  int64_t since;
  int fired;
} KioskChord;

/* Feed the chord's state every frame.  Returns 1 once when it has been
 * held continuously for hold_ms; it must be released before it fires
 * again. */
int kiosk_chord_update(KioskChord *c, int held, int64_t now,
                       int64_t hold_ms);
/* 0..1 how far the current hold is (for a progress ring). */
double kiosk_chord_progress(const KioskChord *c, int64_t now,
                            int64_t hold_ms);

/* ---- PIN ----------------------------------------------------------------- */

#define KIOSK_PIN_SALT 16         /* bytes of salt */
#define KIOSK_PIN_HASH_MAX 192    /* room for the encoded hash */
#define KIOSK_PIN_MIN 4
#define KIOSK_PIN_MAX 12

typedef enum {
  KIOSK_PIN_STRONG, /* Argon2id, libsodium's "interactive" limits */
  KIOSK_PIN_FAST    /* minimum limits: tests only */
} KioskPinCost;

/* 0 when pin is 4-12 ASCII digits, else QD_EINVAL. */
int kiosk_pin_check(const char *pin);
/* Hashes pin with the caller's random salt into
 * "qdpin1$argon2id$OPS$MEM$SALTHEX$HASHHEX" (NUL-terminated, at most
 * KIOSK_PIN_HASH_MAX bytes).  QD_EINVAL for a bad PIN or small buffer,
 * QD_ENOMEM when Argon2 cannot get its memory, QD_EIO when libsodium
 * cannot start. */
int kiosk_pin_hash(const char *pin, const unsigned char salt[KIOSK_PIN_SALT],
                   KioskPinCost cost, char *out, size_t outlen);
/* 1 when pin matches the stored hash, 0 when not, QD_EPARSE when the
 * stored text is not a hash this build reads (bounded cost: a tampered
 * setting cannot make it allocate gigabytes), QD_ENOMEM. */
int kiosk_pin_verify(const char *stored, const char *pin);

/* Slows guessing: after 5 wrong PINs in a row, each further attempt waits
 * 30 s after the last failure. */
typedef struct KioskPinGate {
  int fails;
  int64_t last_fail;
} KioskPinGate;
/* Milliseconds before the next attempt is allowed (0: now). */
int64_t kiosk_pin_gate_wait(const KioskPinGate *g, int64_t now);
void kiosk_pin_gate_result(KioskPinGate *g, int ok, int64_t now);

#endif
