/* scr_kiosk.c - the kiosk station: attract loop, questions with a
 * countdown, reveal with the source sentence, end screen, idle reset and
 * the teacher's PIN exit (see kiosk_ui.h).  Also the pieces the projector
 * screen shares: loading the deck, recording answers, the answer tiles. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "drop.h"
#include "error.h"
#include "kiosk_ui.h"

#define PIN_SETTING "kiosk.pin"
#define DECK_SETTING "kiosk.deck"
#define PIN_IDLE_MS 30000   /* an untouched PIN prompt closes */
#define CURSOR_IDLE_MS 3000 /* the pointer hides after this */
#define RETRY_MS 250        /* busy database: try again this often */

/* ---- PIN setting ----------------------------------------------------------- */

int kiosk_ui_save_pin(const char *db_path, const char *pin, char *err,
                      size_t errlen) {
  unsigned char salt[KIOSK_PIN_SALT];
  char hash[KIOSK_PIN_HASH_MAX], *def = NULL;
  Store *s = NULL;
  int rc;
  if (kiosk_pin_check(pin) < 0) {
    snprintf(err, errlen,
             "kiosk: cannot use the PIN: it must be %d to %d digits",
             KIOSK_PIN_MIN, KIOSK_PIN_MAX);
    return QD_EINVAL;
  }
  if (sodium_init() < 0) {
    snprintf(err, errlen, "kiosk: cannot hash the PIN: libsodium failed");
    return QD_EIO;
  }
  randombytes_buf(salt, sizeof salt);
  rc = kiosk_pin_hash(pin, salt, KIOSK_PIN_STRONG, hash, sizeof hash);
  if (rc < 0) {
    snprintf(err, errlen, "kiosk: cannot hash the PIN: %s", qd_strerror(rc));
    return rc;
  }
  if (!db_path) db_path = def = store_default_path();
  if (!db_path) {
    snprintf(err, errlen, "kiosk: cannot find the database: set $HOME or "
                          "use --db PATH");
    return QD_ENOTFOUND;
  }
  rc = store_open(db_path, 0, &s, err, errlen);
  if (rc == 0) {
    rc = store_setting_set(s, PIN_SETTING, hash);
    if (rc < 0) snprintf(err, errlen, "%s", store_errmsg(s));
  }
  sodium_memzero(hash, sizeof hash);
  store_close(s);
  free(def);
  return rc;
}

/* ---- loading ---------------------------------------------------------------- */

typedef struct NoteIdx {
  int64_t note;
  int q;
} NoteIdx;

static int cmp_noteidx(const void *x, const void *y) {
  const NoteIdx *a = x, *b = y;
  return a->note < b->note ? -1 : a->note > b->note;
}

/* Card id of each question for the kiosk profile: every card of the
 * profile in the deck (new, learning, review), matched by note. */
static int map_cards(Store *s, KioskUi *u, int64_t deck) {
  int64_t *lists[3] = {NULL, NULL, NULL};
  int counts[3] = {0, 0, 0}, rc;
  NoteIdx *idx = NULL;
  int n = u->deck.n;
  u->card = calloc((size_t)(n > 0 ? n : 1), sizeof *u->card);
  idx = malloc((size_t)(n > 0 ? n : 1) * sizeof *idx);
  if (!u->card || !idx) {
    rc = QD_ENOMEM;
    goto fail;
  }
  for (int i = 0; i < n; i++) {
    idx[i].note = u->deck.q[i].note;
    idx[i].q = i;
  }
  qsort(idx, (size_t)n, sizeof *idx, cmp_noteidx);
  rc = store_cards_new(s, u->profile, deck, 1 << 30, &lists[0], &counts[0]);
  if (!rc)
    rc = store_cards_learning(s, u->profile, deck, INT64_MAX, &lists[1],
                              &counts[1]);
  if (!rc)
    rc = store_cards_review_due(s, u->profile, deck, u->now / 1000,
                                INT64_MAX, 1 << 30, &lists[2], &counts[2]);
  for (int l = 0; !rc && l < 3; l++)
    for (int i = 0; i < counts[l]; i++) {
      StoreCard c;
      NoteIdx key, *hit;
      if (store_card_get(s, lists[l][i], &c) < 0) continue;
      key.note = c.note;
      hit = bsearch(&key, idx, (size_t)n, sizeof *idx, cmp_noteidx);
      if (hit && (!u->card[hit->q] || c.ord == 0))
        u->card[hit->q] = c.sched.id;
    }
fail:
  for (int l = 0; l < 3; l++) free(lists[l]);
  free(idx);
  return rc;
}

/* Which deck to play: --deck, the last one used, else the largest. */
static int pick_deck(App *a, KioskUi *u, int64_t *deck) {
  Store *s = a->store;
  char *name = NULL, msg[512];
  StoreDeckInfo *list = NULL;
  int n = 0, rc;
  if (a->opt.deck) {
    if (store_deck_find(s, a->opt.deck, deck) < 0) {
      snprintf(u->err, sizeof u->err, "kiosk: cannot open deck '%s': no such "
               "deck (see 'quizdeck decks')", a->opt.deck);
      return QD_ENOTFOUND;
    }
    snprintf(u->deck_name, sizeof u->deck_name, "%s", a->opt.deck);
    return 0;
  }
  if (store_setting_get(s, DECK_SETTING, &name) == 0 && name &&
      store_deck_find(s, name, deck) == 0) {
    snprintf(u->deck_name, sizeof u->deck_name, "%s", name);
    free(name);
    return 0;
  }
  free(name);
  for (int tries = 0; tries < 2; tries++) {
    int best = -1;
    rc = store_decks_list(s, u->profile, u->now / 1000, &list, &n);
    if (rc < 0) {
      snprintf(u->err, sizeof u->err, "%s", store_errmsg(s));
      return rc;
    }
    for (int i = 0; i < n; i++)
      if (list[i].n_notes >= KIOSK_OPTIONS &&
          (best < 0 || list[i].n_notes > list[best].n_notes))
        best = i;
    if (best >= 0) {
      *deck = list[best].id;
      snprintf(u->deck_name, sizeof u->deck_name, "%s", list[best].name);
      store_decks_free(list, n);
      return 0;
    }
    store_decks_free(list, n);
    list = NULL;
    if (tries == 0 &&
        drop_builtin_deck(s, u->profile, u->now / 1000, msg, sizeof msg) <= 0)
      break;
  }
  snprintf(u->err, sizeof u->err,
           "kiosk: no deck to play: import one first (quizdeck import FILE) "
           "or name it with --deck");
  return QD_ENOTFOUND;
}

int kiosk_ui_load(App *a, KioskUi *u) {
  Store *s = a->store;
  StoreNote *notes = NULL;
  StoreDeckSettings set;
  int n = 0, rc;
  int64_t deck = 0;
  if (!s) {
    snprintf(u->err, sizeof u->err, "%s",
             a->store_error[0] ? a->store_error : "kiosk: no database");
    return QD_EIO;
  }
  rc = store_profile_ensure(s, "kiosk", &u->profile);
  if (rc < 0) {
    snprintf(u->err, sizeof u->err, "%s", store_errmsg(s));
    return rc;
  }
  rc = pick_deck(a, u, &deck);
  if (rc < 0) return rc;
  rc = store_notes_list(s, deck, NULL, 0, 0, &notes, &n);
  if (rc == 0) rc = store_deck_settings(s, deck, &set);
  if (rc < 0) {
    snprintf(u->err, sizeof u->err, "%s", store_errmsg(s));
    store_notes_free(notes, n);
    return rc;
  }
  rc = kiosk_deck_build(notes, n, set.time_limit, (uint64_t)u->now, &u->deck);
  store_notes_free(notes, n);
  if (rc < 0) {
    snprintf(u->err, sizeof u->err, "kiosk: cannot build the questions of "
             "'%s': %s", u->deck_name, qd_strerror(rc));
    return rc;
  }
  if (u->deck.n == 0) {
    snprintf(u->err, sizeof u->err, "kiosk: deck '%s' has no question with "
             "four different answers to choose from (%d notes)",
             u->deck_name, n);
    return QD_ENOTFOUND;
  }
  rc = map_cards(s, u, deck);
  if (rc < 0) {
    snprintf(u->err, sizeof u->err, "%s", store_errmsg(s));
    return rc;
  }
  if (a->opt.deck) store_setting_set(s, DECK_SETTING, u->deck_name);
  /* from now on a busy database never blocks a frame */
  store_set_busy_timeout(s, 0);
  u->ready = 1;
  return 0;
}

KioskUi *kiosk_ui_new(App *a, int present) {
  KioskUi *u = calloc(1, sizeof *u);
  if (!u) return NULL;
  u->present = present;
  u->now = app_now() * 1000;
  u->chord_override = -1;
  u->last_pointer = u->now;
  u->logged_phase = -2;
  (void)a;
  return u;
}

void kiosk_ui_free(App *a) {
  KioskUi *u = a->kiosk;
  if (!u) return;
  kiosk_free(&u->k);
  kiosk_present_free(&u->p);
  kiosk_deck_free(&u->deck);
  free(u->card);
  if (u->pin_hash) sodium_memzero(u->pin_hash, strlen(u->pin_hash));
  free(u->pin_hash);
  sodium_memzero(u->pin, sizeof u->pin);
  if (u->fps0 > 0 && a->fps_cap > 0) a->fps_cap = u->fps0;
  free(u);
  a->kiosk = NULL;
  if (!SDL_ShowCursor(SDL_QUERY)) SDL_ShowCursor(SDL_ENABLE);
}

static int64_t card_of(const KioskUi *u, int64_t note) {
  for (int i = 0; i < u->deck.n; i++)
    if (u->deck.q[i].note == note) return u->card[i];
  return 0;
}

void kiosk_ui_flush(App *a, KioskUi *u, KioskOutbox *o, StudyMode mode) {
  KioskRecord r;
  int budget = 16;
  if (!a->store || !u->ready) return;
  if (u->busy && u->now - u->busy_since < RETRY_MS) return;
  while (budget-- > 0 && kiosk_outbox_peek(o, &r)) {
    int64_t card = card_of(u, r.note);
    int rc;
    if (!card) { /* suspended or deleted meanwhile: nothing to record */
      kiosk_outbox_pop(o);
      continue;
    }
    rc = store_answer(a->store, card, r.correct ? 3 : 1, r.at / 1000,
                      r.answer_ms, mode, NULL);
    if (rc == QD_EBUSY || rc == QD_EFULL || rc == QD_EIO ||
        rc == QD_EREADONLY) {
      /* keep it and retry on a later frame; the outbox keeps the newest
       * KIOSK_OUTBOX answers if this lasts for hours */
      if (!u->busy) fprintf(stderr, "%s (will retry)\n", store_errmsg(a->store));
      u->busy = 1;
      u->busy_since = u->now;
      return;
    }
    u->busy = 0;
    if (rc < 0) {
      u->store_failed++;
      fprintf(stderr, "%s\n", store_errmsg(a->store));
    } else {
      u->stored++;
    }
    kiosk_outbox_pop(o);
  }
}

/* ---- shapes and tiles ------------------------------------------------------- */

SDL_Color kiosk_ui_tile_color(int i) {
  /* red, blue, amber, green: dark enough for white text (>= 4.5:1) */
  static const unsigned pal[KIOSK_OPTIONS] = {0xC8102E, 0x1457B8, 0x8A5A00,
                                              0x1B7A1B};
  SDL_Color c;
  unsigned v = pal[(unsigned)i % KIOSK_OPTIONS];
  c.r = (Uint8)(v >> 16);
  c.g = (Uint8)(v >> 8);
  c.b = (Uint8)v;
  c.a = 255;
  return c;
}

void kiosk_ui_shape(View *v, int shape, int cx, int cy, int size,
                    SDL_Color c) {
  float half = (float)size / 2.0f, step = (float)size / 22.0f;
  if (step < 1.0f) step = 1.0f;
  switch (shape) {
  case 0: /* triangle: point up */
  case 1: /* diamond */
    for (float y = -half + step / 2; y <= half - step / 2 + 0.01f; y += step) {
      float t = (y + half) / (float)size, hw;
      hw = shape == 0 ? half * t : half * (1.0f - 2.0f * (t > 0.5f ? t - 0.5f
                                                                 : 0.5f - t));
      if (hw < step / 2) hw = step / 2;
      view_line(v, (float)cx - hw + step / 2, (float)cy + y,
                (float)cx + hw - step / 2, (float)cy + y, step * 1.5f, c);
    }
    break;
  case 2:
    view_circle(v, cx, cy, size / 2, c);
    break;
  default: {
    int s = size * 86 / 100; /* a square looks bigger than a circle */
    view_panel(v, (URect){cx - s / 2, cy - s / 2, s, s}, c, c, 0, size / 14,
               0);
  }
  }
}

static const char *const NUMS[KIOSK_OPTIONS] = {"1", "2", "3", "4"};

/* Width of the widest space-separated word of s (words of CJK and other
 * scripts that break anywhere are left out), so text shrinks before a
 * name is split in the middle. */
static int widest_word(View *v, const char *s, int px, TextWeight w) {
  int best = 0;
  while (*s) {
    int n = 0, cjk = 0, wd;
    while (*s == ' ') s++;
    while (s[n] && s[n] != ' ') {
      if ((unsigned char)s[n] >= 0xE3) cjk = 1;
      n++;
    }
    if (n && !cjk) {
      wd = text_width(v->text, s, n, px, w);
      if (wd > best) best = wd;
    }
    s += n;
  }
  return best;
}

void kiosk_ui_tile(View *v, URect r, int i, const char *text, int text_px,
                   int min_px, int state, int cmd) {
  const Theme *th = v->th;
  SDL_Color col = kiosk_ui_tile_color(i), white = {255, 255, 255, 255};
  SDL_Color fill = col, ink = white, shape_c = white, line = col;
  int pad = r.h / 8, idx, size, mark = 0, numw, tx, tw, th_, px = text_px;
  int border = th->border * 2;
  if (pad > r.w / 12) pad = r.w / 12;
  if (pad < 4) pad = 4;
  if (state == 3) {
    fill = th->surface_alt;
    ink = th->muted;
    shape_c = col;
    line = th->line;
    border = th->border;
  } else if (state == 1) {
    line = th->high_contrast ? th->accent : th->text;
    border = th->border * 4 > 6 ? th->border * 4 : 6;
  }
  idx = view_panel(v, r, fill, line, border, r.h / 8 < 24 ? r.h / 8 : 24,
                   cmd ? ITEM_HOVERABLE | ITEM_SHADOW : 0);
  if (idx >= 0 && cmd) {
    v->items[idx].cmd = cmd;
    v->items[idx].arg = i;
  }
  size = r.h * 45 / 100;
  if (size > r.w / 6) size = r.w / 6;
  if (size < 8) size = 8;
  kiosk_ui_shape(v, i, r.x + pad + size / 2, r.y + r.h / 2, size, shape_c);
  if (state == 1 || state == 2) {
    URect m;
    mark = size;
    m = (URect){r.x + r.w - pad - mark, r.y + (r.h - mark) / 2, mark, mark};
    view_circle(v, m.x + mark / 2, m.y + mark / 2, mark / 2, white);
    if (state == 1)
      view_check_mark(v, (URect){m.x + mark / 5, m.y + mark / 5,
                                 mark * 3 / 5, mark * 3 / 5}, th->ok);
    else
      view_cross_mark(v, (URect){m.x + mark / 5, m.y + mark / 5,
                                 mark * 3 / 5, mark * 3 / 5}, th->bad);
    mark += pad / 2;
  }
  /* the number, then the answer */
  numw = text_width(v->text, "4", 1, px, TEXT_BOLD);
  tx = r.x + pad + size + pad / 2;
  view_label(v, tx, r.y + (r.h - text_line_height(v->text, px, TEXT_BOLD)) / 2,
             numw + 2, NUMS[i % KIOSK_OPTIONS], px, TEXT_BOLD, ink,
             ALIGN_LEFT);
  tx += numw + pad;
  tw = r.x + r.w - pad - mark - tx;
  if (tw < 10) return;
  while (px > min_px &&
         (view_para_height(v, tw, text, px, TEXT_BOLD) > r.h - 2 * (pad / 2) ||
          widest_word(v, text, px, TEXT_BOLD) > tw))
    px -= px > 40 ? 3 : 1;
  th_ = view_para_height(v, tw, text, px, TEXT_BOLD);
  if (th_ > r.h - pad) th_ = r.h - pad;
  view_para(v, tx, r.y + (r.h - th_) / 2, tw, th_, text, px, min_px,
            TEXT_BOLD, ink, ALIGN_LEFT);
}

/* Four tiles in a 2x2 grid (or a column when the screen is narrow). */
void kiosk_ui_tiles(View *v, URect area, const KioskQuestion *q, int px,
                    int min_px, const int state[KIOSK_OPTIONS], int cmd) {
  int gap = area.h / 30 > 8 ? area.h / 30 : 8;
  int wide = area.w >= area.h * 3 / 2 || area.w > 900;
  for (int i = 0; i < KIOSK_OPTIONS; i++) {
    URect r;
    if (wide) {
      r.w = (area.w - gap) / 2;
      r.h = (area.h - gap) / 2;
      r.x = area.x + (i % 2) * (r.w + gap);
      r.y = area.y + (i / 2) * (r.h + gap);
    } else {
      r.w = area.w;
      r.h = (area.h - 3 * gap) / 4;
      r.x = area.x;
      r.y = area.y + i * (r.h + gap);
    }
    kiosk_ui_tile(v, r, i, q->options[i], px, min_px, state ? state[i] : 0,
                  cmd);
  }
}

/* A big button of our own (view_button's label is body-sized). */
int kiosk_ui_button(View *v, URect r, const char *label, int px, int primary,
                    int cmd, int arg) {
  const Theme *th = v->th;
  int idx = view_panel(v, r, primary ? th->accent : th->surface,
                       primary ? th->accent : th->text, th->border * 2,
                       r.h / 4, ITEM_HOVERABLE | ITEM_SHADOW);
  int lh;
  if (idx >= 0) {
    v->items[idx].cmd = cmd;
    v->items[idx].arg = arg;
  }
  lh = text_line_height(v->text, px, TEXT_BOLD);
  while (lh > r.h - 4 && px > 8) lh = text_line_height(v->text, --px, TEXT_BOLD);
  view_label(v, r.x + r.h / 4, r.y + (r.h - lh) / 2, r.w - r.h / 2, label, px,
             TEXT_BOLD, primary ? th->on_accent : th->text, ALIGN_CENTER);
  return idx;
}

/* Text lines in a box, shrinking to fit; vertically centred. */
int kiosk_ui_text(View *v, URect box, const char *s, int px, int min_px,
                  TextWeight w, SDL_Color c, Align al) {
  int h;
  if (box.h <= 0 || box.w <= 0) return 0;
  while (px > min_px && (view_para_height(v, box.w, s, px, w) > box.h ||
                         widest_word(v, s, px, w) > box.w))
    px -= px > 40 ? 3 : 1;
  h = view_para_height(v, box.w, s, px, w);
  if (h > box.h) h = box.h;
  return view_para(v, box.x, box.y + (box.h - h) / 2, box.w, h, s, px,
                   min_px, w, c, al);
}

/* ---- the screen ------------------------------------------------------------- */

static void enter(App *a) {
  KioskUi *u;
  KioskConfig cfg;
  char *hash = NULL;
  if (a->kiosk) kiosk_ui_free(a);
  u = a->kiosk = kiosk_ui_new(a, 0);
  if (!u) {
    app_toast(a, 1, "kiosk: cannot start: out of memory");
    return;
  }
  u->locked = 1;
  u->fps0 = a->fps_cap;
  if (kiosk_ui_load(a, u) < 0) fprintf(stderr, "%s\n", u->err);
  kiosk_config_default(&cfg);
  if (a->opt.idle_seconds > 0) cfg.idle_ms = (int64_t)a->opt.idle_seconds * 1000;
  if (cfg.warn_ms > cfg.idle_ms / 2) cfg.warn_ms = cfg.idle_ms / 2;
  if (a->opt.untimed) cfg.timed = 0;
  if (a->opt.correctness_only) cfg.speed_scoring = 0;
  if (a->opt.questions > 0) cfg.round_len = a->opt.questions;
  if (kiosk_init(&u->k, &cfg, &u->deck, (uint64_t)u->now, u->now) < 0) {
    u->ready = 0;
    snprintf(u->err, sizeof u->err, "kiosk: cannot start: out of memory");
  }
  if (a->store && store_setting_get(a->store, PIN_SETTING, &hash) == 0 &&
      hash && *hash)
    u->pin_hash = hash;
  else {
    free(hash);
    fprintf(stderr, "kiosk: no teacher PIN is set: holding Ctrl+Alt+Q for "
                    "two seconds exits without one (set it with "
                    "'quizdeck --set-pin NNNN')\n");
  }
}

static void leave(App *a) { kiosk_ui_free(a); }

int kiosk_ui_typing(const App *a) {
  return a->kiosk && !a->kiosk->present && a->kiosk->pin_open;
}

static void pin_close(KioskUi *u) {
  u->pin_open = 0;
  sodium_memzero(u->pin, sizeof u->pin);
  u->pin_msg[0] = '\0';
}

static void pin_submit(App *a, KioskUi *u) {
  int64_t wait = kiosk_pin_gate_wait(&u->gate, u->now);
  int ok;
  if (wait > 0) {
    snprintf(u->pin_msg, sizeof u->pin_msg,
             "Too many wrong PINs. Try again in %d s.",
             (int)((wait + 999) / 1000));
    u->pin_msg_bad = 1;
    return;
  }
  if (!u->pin_hash) {
    a->quit = 1; /* no PIN was ever set: the chord alone unlocks */
    return;
  }
  ok = kiosk_pin_verify(u->pin_hash, u->pin);
  if (ok < 0) {
    snprintf(u->pin_msg, sizeof u->pin_msg,
             "The stored PIN cannot be read (%s): set it again with "
             "--set-pin.", qd_strerror(ok));
    u->pin_msg_bad = 1;
    fprintf(stderr, "kiosk: cannot check the PIN: setting '%s': %s\n",
            PIN_SETTING, qd_strerror(ok));
    return;
  }
  kiosk_pin_gate_result(&u->gate, ok, u->now);
  if (ok) {
    fprintf(stderr, "kiosk: unlocked with the teacher PIN\n");
    a->quit = 1;
    return;
  }
  sodium_memzero(u->pin, sizeof u->pin);
  fprintf(stderr, "kiosk: wrong PIN (%d in a row)\n", u->gate.fails);
  snprintf(u->pin_msg, sizeof u->pin_msg, "Wrong PIN.");
  u->pin_msg_bad = 1;
}

static void pin_digit(KioskUi *u, char d) {
  size_t n = strlen(u->pin);
  if (n < KIOSK_PIN_MAX) {
    u->pin[n] = d;
    u->pin[n + 1] = '\0';
  }
  u->pin_msg[0] = '\0';
}

static void pin_handle(App *a, KioskUi *u, const Action *act) {
  u->pin_at = u->now;
  switch (act->kind) {
  case ACT_TEXT:
    for (const char *p = act->text; *p; p++)
      if (*p >= '0' && *p <= '9') pin_digit(u, *p);
    break;
  case ACT_GRADE:
    pin_digit(u, (char)('0' + act->n));
    break;
  case ACT_BACKSPACE:
    if (*u->pin) u->pin[strlen(u->pin) - 1] = '\0';
    break;
  case ACT_DELETE_WORD:
    sodium_memzero(u->pin, sizeof u->pin);
    break;
  case ACT_ACCEPT:
    pin_submit(a, u);
    break;
  case ACT_BACK:
    pin_close(u);
    break;
  case ACT_COMMAND:
    if (act->n == CMD_KIOSK_PIN_DIGIT && act->arg >= 0 && act->arg <= 9)
      pin_digit(u, (char)('0' + act->arg));
    else if (act->n == CMD_KIOSK_PIN_DEL && *u->pin)
      u->pin[strlen(u->pin) - 1] = '\0';
    else if (act->n == CMD_KIOSK_PIN_OK)
      pin_submit(a, u);
    else if (act->n == CMD_KIOSK_PIN_CANCEL)
      pin_close(u);
    break;
  default:
    break;
  }
  app_dirty(a);
}

static int is_input(const Action *act) {
  switch (act->kind) {
  case ACT_NONE: case ACT_RESIZE: case ACT_REDRAW: case ACT_QUIT:
  case ACT_DROP_FILE:
    return 0;
  default:
    return 1;
  }
}

static void handle(App *a, const Action *act) {
  KioskUi *u = a->kiosk;
  Kiosk *k;
  if (!u) {
    if (act->kind == ACT_QUIT) a->quit = 1;
    return;
  }
  k = &u->k;
  if (act->kind == ACT_POINTER_MOVE || act->kind == ACT_POINTER_DOWN) {
    u->last_pointer = u->now;
    if (u->cursor_hidden && !act->arg) {
      SDL_ShowCursor(SDL_ENABLE);
      u->cursor_hidden = 0;
    }
  }
  /* locked: quitting (Ctrl+Q, close button, Alt+F4) and Esc do nothing */
  if (act->kind == ACT_QUIT || act->kind == ACT_DROP_FILE) return;
  if (u->pin_open) {
    pin_handle(a, u, act);
    return;
  }
  if (!u->ready) return;
  if (is_input(act) && act->kind != ACT_POINTER_MOVE) kiosk_input(k, u->now);
  switch (k->phase) {
  case KIOSK_ATTRACT:
    if ((act->kind == ACT_COMMAND && act->n == CMD_KIOSK_START) ||
        act->kind == ACT_ACCEPT || act->kind == ACT_SPACE ||
        act->kind == ACT_GRADE)
      kiosk_start(k, u->now);
    break;
  case KIOSK_QUESTION:
    if (act->kind == ACT_GRADE) kiosk_answer(k, act->n - 1, u->now);
    else if (act->kind == ACT_COMMAND && act->n == CMD_KIOSK_CHOICE)
      kiosk_answer(k, act->arg, u->now);
    break;
  case KIOSK_REVEAL:
    if ((act->kind == ACT_COMMAND && act->n == CMD_KIOSK_NEXT) ||
        act->kind == ACT_ACCEPT || act->kind == ACT_SPACE ||
        act->kind == ACT_RIGHT || act->kind == ACT_PAGE_DOWN)
      kiosk_next(k, u->now);
    break;
  case KIOSK_END:
    if ((act->kind == ACT_COMMAND && act->n == CMD_KIOSK_AGAIN) ||
        act->kind == ACT_ACCEPT || act->kind == ACT_SPACE) {
      kiosk_reset(k, u->now);
      kiosk_start(k, u->now);
    } else if (act->kind == ACT_COMMAND && act->n == CMD_KIOSK_DONE) {
      kiosk_reset(k, u->now);
    }
    break;
  }
  app_dirty(a);
}

static int chord_held(const KioskUi *u) {
  const Uint8 *keys;
  SDL_Keymod m;
  if (u->chord_override >= 0) return u->chord_override;
  m = SDL_GetModState();
  keys = SDL_GetKeyboardState(NULL);
  return (m & KMOD_CTRL) && (m & KMOD_ALT) && keys && keys[SDL_SCANCODE_Q];
}

/* One line on stderr per event a teacher may look for in the journal. */
static void log_events(KioskUi *u, int idle_reset) {
  Kiosk *k = &u->k;
  if (u->present) {
    KioskPresent *p = &u->p;
    int key = p->black ? -1 : (int)p->phase * 10000 + p->i;
    if (key == u->logged_phase) return;
    u->logged_phase = key;
    if (p->black) fprintf(stderr, "present: screen blanked\n");
    else if (p->phase == PRESENT_QUESTION)
      fprintf(stderr, "present: question %d of %d\n", p->i + 1, p->n);
    else if (p->phase == PRESENT_END)
      fprintf(stderr, "present: quiz over (%d questions)\n", p->n);
    return;
  }
  if (k->players != u->logged_players) {
    u->logged_players = k->players;
    fprintf(stderr, "kiosk: player %ld started\n", k->players);
  }
  if ((int)k->phase == u->logged_phase) return;
  if (k->phase == KIOSK_END)
    fprintf(stderr, "kiosk: round over: %d of %d right, %d points\n",
            k->player.correct, k->player.answered, k->player.score);
  else if (k->phase == KIOSK_ATTRACT && idle_reset)
    fprintf(stderr, "kiosk: no input for %lld s: back to the welcome screen, "
            "player cleared\n", (long long)(k->cfg.idle_ms / 1000));
  u->logged_phase = (int)k->phase;
}

/* Time passes: timers, the chord, recording, the pointer. */
static void tick(App *a, KioskUi *u) {
  if (!u->present) {
    if (kiosk_chord_update(&u->chord, chord_held(u), u->now, KIOSK_CHORD_MS)) {
      pin_close(u);
      u->pin_open = 1;
      u->pin_at = u->now;
      if (!u->pin_hash)
        snprintf(u->pin_msg, sizeof u->pin_msg,
                 "No teacher PIN is set. Press OK to exit.");
      fprintf(stderr, "kiosk: teacher chord: PIN prompt open\n");
    }
    if (u->pin_open && u->now - u->pin_at > PIN_IDLE_MS) pin_close(u);
    if (u->ready) {
      KioskPhase before = u->k.phase;
      int changed = kiosk_tick(&u->k, u->now);
      log_events(u, changed && before != KIOSK_ATTRACT &&
                        u->k.phase == KIOSK_ATTRACT);
      kiosk_ui_flush(a, u, &u->k.out, STUDY_KIOSK);
    }
  } else if (u->ready) {
    log_events(u, 0);
    kiosk_ui_flush(a, u, &u->p.out, STUDY_PRESENT);
  }
  if (!u->cursor_hidden && u->now - u->last_pointer > CURSOR_IDLE_MS) {
    SDL_ShowCursor(SDL_DISABLE);
    u->cursor_hidden = 1;
  }
}

void kiosk_ui_advance(App *a, int64_t ms) {
  KioskUi *u = a->kiosk;
  if (!u) return;
  u->now += ms;
  tick(a, u);
  app_dirty(a);
}

/* ---- layout ----------------------------------------------------------------- */

static void fmt_secs(char *buf, size_t n, int64_t ms) {
  snprintf(buf, n, "%d", (int)((ms + 999) / 1000));
}

/* Text sizes follow the screen height, but a portrait screen's width
 * bounds them, so lines still fit on a tall narrow kiosk. */
static int font_unit(const App *a) { return a->h < a->w ? a->h : a->w; }

/* The strip at the top: question number, countdown, score and streak; or
 * the idle warning in its place.  Returns its height. */
static int top_strip(App *a, KioskUi *u, int px) {
  const Theme *th = &a->th;
  View *v = &a->view;
  Kiosk *k = &u->k;
  int m = a->h / 40, h = px * 2, y = m / 2, lh;
  char left[64], right[96];
  int64_t idle = kiosk_idle_left(k, u->now);
  lh = text_line_height(v->text, px, TEXT_BOLD);
  if (idle >= 0 && idle <= k->cfg.warn_ms) {
    char msg[160];
    int idx = view_panel(v, (URect){m, y, a->w - 2 * m, h}, th->bad, th->bad,
                         0, h / 4, ITEM_HOVERABLE);
    if (idx >= 0) v->items[idx].cmd = CMD_KIOSK_STAY;
    snprintf(msg, sizeof msg,
             "Still there? Back to the start in %d s \xE2\x80\x94 tap to keep "
             "playing", (int)((idle + 999) / 1000));
    view_label(v, 2 * m, y + (h - lh) / 2, a->w - 4 * m, msg, px, TEXT_BOLD,
               (SDL_Color){255, 255, 255, 255}, ALIGN_CENTER);
    return y + h + m / 2;
  }
  snprintf(left, sizeof left, "Question %d of %d",
           k->round_i + (k->phase == KIOSK_QUESTION ? 1 : 0),
           k->cfg.round_len);
  snprintf(right, sizeof right, "Score %d   Streak %d", k->player.score,
           k->player.streak);
  view_label(v, m, y + (h - lh) / 2, a->w / 3, left, px, TEXT_BOLD, th->text,
             ALIGN_LEFT);
  view_label(v, a->w - m - a->w / 3, y + (h - lh) / 2, a->w / 3, right, px,
             TEXT_BOLD, th->text, ALIGN_RIGHT);
  if (k->phase == KIOSK_QUESTION && k->cfg.timed) {
    int64_t left_ms = kiosk_time_left(k, u->now);
    const KioskQuestion *q = kiosk_question(k);
    int r = h / 2 + h / 6, cx = a->w / 2, cy = y + h / 2 + h / 12;
    SDL_Color c = left_ms <= 5000 ? th->bad : th->accent;
    char s[16];
    float frac = (float)left_ms / (float)q->time_limit_ms;
    int bar = a->h / 90 > 4 ? a->h / 90 : 4, by = y + h + m / 4;
    fmt_secs(s, sizeof s, left_ms);
    view_circle(v, cx, cy, r, c);
    view_label(v, cx - r, cy - lh / 2, 2 * r, s, px, TEXT_BOLD,
               th->high_contrast ? th->bg : th->on_accent, ALIGN_CENTER);
    view_panel(v, (URect){m, by, a->w - 2 * m, bar}, th->surface_alt,
               th->surface_alt, 0, bar / 2, 0);
    if (frac > 0)
      view_panel(v, (URect){m, by, (int)((float)(a->w - 2 * m) * frac), bar},
                 c, c, 0, bar / 2, 0);
    return by + bar + m / 2;
  }
  if (k->phase == KIOSK_QUESTION)
    view_label(v, a->w / 3, y + (h - lh) / 2, a->w / 3, "No time limit",
               px * 3 / 4, TEXT_REGULAR, th->muted, ALIGN_CENTER);
  return y + h + m / 2;
}

static void layout_attract(App *a, KioskUi *u) {
  const int F = font_unit(a);
  const Theme *th = &a->th;
  View *v = &a->view;
  const KioskQuestion *q = kiosk_sample(&u->k, u->now);
  int m = a->h / 24, y = m, H = a->h, W = a->w, idx;
  int hero = F / 9, big = F / 16, small = F / 34;
  URect card;
  idx = view_panel(v, (URect){0, 0, W, H}, th->bg, th->bg, 0, 0, 0);
  if (idx >= 0) v->items[idx].cmd = CMD_KIOSK_START;
  y += view_label(v, m, y, W - 2 * m, "quizdeck", hero, TEXT_BOLD, th->accent,
                  ALIGN_CENTER);
  y += view_label(v, m, y, W - 2 * m, u->deck_name, small * 3 / 2,
                  TEXT_REGULAR, th->muted, ALIGN_CENTER);
  y += m / 2;
  card = (URect){W / 10, y, W - W / 5, H * 46 / 100};
  if (q) {
    int pad = card.h / 14, ph;
    view_panel(v, card, th->surface, th->line, th->border, H / 40,
               ITEM_SHADOW);
    view_label(v, card.x + pad, card.y + pad / 2, card.w - 2 * pad,
               "Can you answer this?", small, TEXT_BOLD, th->muted,
               ALIGN_CENTER);
    ph = card.h * 30 / 100;
    kiosk_ui_text(v, (URect){card.x + pad, card.y + pad / 2 + small * 3 / 2,
                             card.w - 2 * pad, ph},
                  q->prompt, big, small, TEXT_BOLD, th->text, ALIGN_CENTER);
    kiosk_ui_tiles(v, (URect){card.x + pad, card.y + card.h * 45 / 100,
                              card.w - 2 * pad, card.h * 55 / 100 - pad},
                   q, small * 3 / 2, small * 3 / 4, NULL, 0);
  }
  y = card.y + card.h + m;
  {
    int bh = H / 8, bw = W / 2;
    if (y + bh > H - m - small * 2) bh = H - m - small * 2 - y;
    if (bh > 10)
      kiosk_ui_button(v, (URect){(W - bw) / 2, y, bw, bh}, "Tap to start",
                      bh * 45 / 100, 1, CMD_KIOSK_START, 0);
    y += bh + m / 3;
  }
  view_label(v, m, y, W - 2 * m,
             "Answers are anonymous \xC2\xB7 nothing about you is kept",
             small, TEXT_REGULAR, th->muted, ALIGN_CENTER);
}

static void layout_question(App *a, KioskUi *u, int top) {
  const int F = font_unit(a);
  const Theme *th = &a->th;
  View *v = &a->view;
  const KioskQuestion *q = kiosk_question(&u->k);
  int m = a->h / 30, H = a->h, W = a->w;
  int ph = H * 28 / 100;
  kiosk_ui_text(v, (URect){m * 2, top, W - 4 * m, ph}, q->prompt, F / 13,
                F / 26, TEXT_BOLD, th->text, ALIGN_CENTER);
  kiosk_ui_tiles(v, (URect){m, top + ph + m / 2, W - 2 * m,
                            H - (top + ph + m / 2) - m},
                 q, F / 19, F / 34, NULL, CMD_KIOSK_CHOICE);
}

static void layout_reveal(App *a, KioskUi *u, int top) {
  const int F = font_unit(a);
  const Theme *th = &a->th;
  View *v = &a->view;
  Kiosk *k = &u->k;
  const KioskQuestion *q = kiosk_question(k);
  int m = a->h / 34, H = a->h, W = a->w, y = top, state[KIOSK_OPTIONS];
  int right = k->chosen == q->correct, small = F / 34;
  char banner[400];
  SDL_Color bc = right ? th->ok : th->bad;
  kiosk_ui_text(v, (URect){2 * m, y, W - 4 * m, H * 11 / 100}, q->prompt,
                F / 22, small, TEXT_BOLD, th->text, ALIGN_CENTER);
  y += H * 11 / 100 + m / 2;
  if (right)
    snprintf(banner, sizeof banner, "Correct!  +%d points",
             k->player.last_points);
  else
    snprintf(banner, sizeof banner, "%s  It was %s",
             k->timed_out ? "Time\xE2\x80\x99s up!" : "Not quite.",
             q->options[q->correct]);
  {
    int bh = H / 11, ic = bh * 7 / 10, idx;
    URect br = {W / 6, y, W - W / 3, bh};
    idx = view_panel(v, br, right ? th->ok_soft : th->bad_soft, bc,
                     th->border * 2, bh / 4, 0);
    (void)idx;
    view_circle(v, br.x + bh / 2, br.y + bh / 2, ic / 2, bc);
    if (right)
      view_check_mark(v, (URect){br.x + bh / 2 - ic / 3, br.y + bh / 2 - ic / 3,
                                 ic * 2 / 3, ic * 2 / 3},
                      th->high_contrast ? th->bg : th->surface);
    else
      view_cross_mark(v, (URect){br.x + bh / 2 - ic / 3, br.y + bh / 2 - ic / 3,
                                 ic * 2 / 3, ic * 2 / 3},
                      th->high_contrast ? th->bg : th->surface);
    kiosk_ui_text(v, (URect){br.x + bh, br.y, br.w - 2 * bh, bh}, banner,
                  F / 18, small, TEXT_BOLD, bc, ALIGN_CENTER);
    y += bh + m / 2;
  }
  for (int i = 0; i < KIOSK_OPTIONS; i++)
    state[i] = i == q->correct ? 1 : i == k->chosen ? 2 : 3;
  {
    int th_ = H * 30 / 100;
    kiosk_ui_tiles(v, (URect){m, y, W - 2 * m, th_}, q, F / 26, small,
                   state, 0);
    y += th_ + m / 2;
  }
  {
    int bh = H / 10, bw = W / 4, sh = H - m - y;
    URect src = {m, y, W - 3 * m - bw, sh};
    if (q->source || q->explanation) {
      char text[1600];
      if (q->source)
        snprintf(text, sizeof text, "\xE2\x80\x9C%s\xE2\x80\x9D%s%s",
                 q->source, q->article ? "  \xE2\x80\x94 " : "",
                 q->article ? q->article : "");
      else
        snprintf(text, sizeof text, "%s", q->explanation);
      {
        int px = F / 30, need;
        while (px > F / 48 &&
               view_para_height(v, src.w - m, text, px, TEXT_REGULAR) >
                   src.h - m / 2)
          px--;
        need = view_para_height(v, src.w - m, text, px, TEXT_REGULAR) + m / 2;
        if (need < src.h) {
          src.y += (src.h - need) / 2;
          src.h = need;
        }
      }
      view_panel(v, src, th->surface, th->line, th->border, H / 60, 0);
      kiosk_ui_text(v, (URect){src.x + m / 2, src.y + m / 4, src.w - m,
                               src.h - m / 2},
                    text, F / 30, F / 48, TEXT_REGULAR, th->text, ALIGN_LEFT);
    }
    if (bh > sh) bh = sh;
    if (bh > 10)
      kiosk_ui_button(v, (URect){W - m - bw, y + (sh - bh) / 2, bw, bh},
                      k->round_i >= k->cfg.round_len ? "See my score"
                                                     : "Next",
                      bh * 45 / 100, 1, CMD_KIOSK_NEXT, 0);
  }
}

static void layout_end(App *a, KioskUi *u, int top) {
  const int F = font_unit(a);
  const Theme *th = &a->th;
  View *v = &a->view;
  KioskPlayer *p = &u->k.player;
  int H = a->h, W = a->w, m = H / 20, y = top > H / 10 ? top : H / 10;
  char line[160];
  y += view_label(v, m, y, W - 2 * m,
                  p->correct * 2 >= p->answered ? "Well done!" : "Good try!",
                  F / 11, TEXT_BOLD, th->accent, ALIGN_CENTER);
  snprintf(line, sizeof line, "%d points", p->score);
  y += view_label(v, m, y, W - 2 * m, line, F / 8, TEXT_BOLD, th->text,
                  ALIGN_CENTER);
  snprintf(line, sizeof line, "%d of %d right  \xC2\xB7  best streak %d",
           p->correct, p->answered, p->best_streak);
  y += view_label(v, m, y, W - 2 * m, line, F / 20, TEXT_REGULAR, th->text,
                  ALIGN_CENTER);
  y += m;
  {
    int bh = H / 8, bw = W / 4, gap = W / 20;
    if (y + bh > H - m) bh = H - m - y;
    if (bh > 10) {
      kiosk_ui_button(v, (URect){W / 2 - gap / 2 - bw, y, bw, bh},
                      "Play again", bh * 42 / 100, 1, CMD_KIOSK_AGAIN, 0);
      kiosk_ui_button(v, (URect){W / 2 + gap / 2, y, bw, bh}, "Finish",
                      bh * 42 / 100, 0, CMD_KIOSK_DONE, 0);
    }
  }
}

static void layout_pin(App *a, KioskUi *u) {
  const int F = font_unit(a);
  const Theme *th = &a->th;
  View *v = &a->view;
  int H = a->h, W = a->w, m = H / 30, y = H / 20, px = F / 22;
  int kw, kh, gap = H / 80, x0, dots;
  char shown[2 * KIOSK_PIN_MAX + 2];
  {
    int bh = H / 12, bw = W / 6;
    kiosk_ui_button(v, (URect){m, y, bw, bh}, "Cancel", bh * 4 / 10, 0,
                    CMD_KIOSK_PIN_CANCEL, 0);
    y += view_label(v, m + bw + m, y, W - 2 * (2 * m + bw), "Teacher PIN",
                    F / 14, TEXT_BOLD, th->text, ALIGN_CENTER);
  }
  dots = (int)strlen(u->pin);
  shown[0] = '\0';
  for (int i = 0; i < dots; i++) strcat(shown, i ? " \xE2\x80\xA2" : "\xE2\x80\xA2");
  {
    int fh = H / 10, fw = W / 3;
    view_panel(v, (URect){(W - fw) / 2, y, fw, fh}, th->surface, th->accent,
               th->border * 2, fh / 5, 0);
    if (dots)
      view_label(v, (W - fw) / 2, y + (fh - text_line_height(v->text, px,
                                                             TEXT_BOLD)) / 2,
                 fw, shown, px, TEXT_BOLD, th->text, ALIGN_CENTER);
    y += fh + m / 2;
  }
  if (u->pin_msg[0])
    y += view_label(v, m, y, W - 2 * m, u->pin_msg, F / 28, TEXT_BOLD,
                    u->pin_msg_bad ? th->bad : th->muted, ALIGN_CENTER);
  else
    y += text_line_height(v->text, F / 28, TEXT_BOLD);
  y += m / 2;
  kh = (H - y - m - 3 * gap) / 4;
  kw = kh * 2;
  if (3 * kw + 2 * gap > W - 2 * m) kw = (W - 2 * m - 2 * gap) / 3;
  x0 = (W - 3 * kw - 2 * gap) / 2;
  for (int i = 0; i < 12; i++) {
    URect r = {x0 + (i % 3) * (kw + gap), y + (i / 3) * (kh + gap), kw, kh};
    char lab[8];
    if (i < 9) {
      snprintf(lab, sizeof lab, "%d", i + 1);
      kiosk_ui_button(v, r, lab, kh / 2, 0, CMD_KIOSK_PIN_DIGIT, i + 1);
    } else if (i == 9) {
      kiosk_ui_button(v, r, "Delete", kh * 3 / 10, 0, CMD_KIOSK_PIN_DEL, 0);
    } else if (i == 10) {
      kiosk_ui_button(v, r, "0", kh / 2, 0, CMD_KIOSK_PIN_DIGIT, 0);
    } else {
      kiosk_ui_button(v, r, "OK", kh * 4 / 10, 1, CMD_KIOSK_PIN_OK, 0);
    }
  }
}

static void layout_error(App *a, KioskUi *u) {
  const int F = font_unit(a);
  const Theme *th = &a->th;
  View *v = &a->view;
  int H = a->h, W = a->w, m = H / 16;
  int y = H / 6;
  y += view_label(v, m, y, W - 2 * m, "This quiz station is not ready",
                  F / 14, TEXT_BOLD, th->bad, ALIGN_CENTER);
  y += m / 2;
  kiosk_ui_text(v, (URect){m, y, W - 2 * m, F / 4}, u->err, F / 28, F / 48,
                TEXT_REGULAR, th->text, ALIGN_CENTER);
  kiosk_ui_text(v, (URect){m, H - m - H / 8, W - 2 * m, H / 8},
                "Ask a teacher. (Teachers: hold Ctrl+Alt+Q for two seconds "
                "to exit.)",
                F / 34, F / 48, TEXT_REGULAR, th->muted, ALIGN_CENTER);
}

static void update(App *a, double dt) {
  KioskUi *u = a->kiosk;
  int top;
  if (!u) return;
  if (dt > 0) {
    u->now += (int64_t)(dt * 1000.0 + 0.5);
    tick(a, u);
  }
  u->frames++;
  a->animating = 1; /* countdown, idle timer and the chord need frames */
  if (a->fps_cap > 0 && u->fps0 > 0) {
    /* nothing moves smoothly on the welcome, end and PIN screens: 15
     * frames a second keep the samples, timers and chord exact for a
     * fraction of the power a school day on the attract loop would use */
    int calm = u->pin_open || !u->ready || u->k.phase == KIOSK_ATTRACT ||
               u->k.phase == KIOSK_END;
    a->fps_cap = calm && u->fps0 > 15 ? 15 : u->fps0;
  }
  if (u->chord.held && !u->chord.fired) {
    float f = (float)kiosk_chord_progress(&u->chord, u->now, KIOSK_CHORD_MS);
    view_line(&a->view, 2.0f, 2.0f, 2.0f + f * (float)(a->w - 4), 2.0f, 4.0f,
              a->th.accent);
  }
  if (u->pin_open) {
    layout_pin(a, u);
    return;
  }
  if (!u->ready) {
    layout_error(a, u);
    return;
  }
  switch (u->k.phase) {
  case KIOSK_ATTRACT:
    layout_attract(a, u);
    break;
  case KIOSK_QUESTION:
    top = top_strip(a, u, font_unit(a) / 26);
    layout_question(a, u, top);
    break;
  case KIOSK_REVEAL:
    top = top_strip(a, u, font_unit(a) / 26);
    layout_reveal(a, u, top);
    break;
  case KIOSK_END:
    top = kiosk_idle_left(&u->k, u->now) <= u->k.cfg.warn_ms
              ? top_strip(a, u, font_unit(a) / 26)
              : 0;
    layout_end(a, u, top);
    break;
  }
}

static void draw(const App *a, Render *rd) {
  view_draw(&a->view, rd, a->hover, a->focus, a->pressed);
}

const Screen screen_kiosk = {"kiosk", enter, leave, handle, update, draw};
