/* kiosk.c - classroom kiosk and projector game logic (see kiosk.h). */
#include "kiosk.h"

#include <limits.h>
#include <math.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"

/* ---- small helpers ------------------------------------------------------- */

static uint64_t mix64(uint64_t *state) { /* splitmix64 */
  uint64_t z = (*state += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

static int below(uint64_t *state, int n) { /* uniform 0..n-1, n > 0 */
  uint64_t lim = UINT64_MAX - UINT64_MAX % (uint64_t)n, x;
  do x = mix64(state);
  while (x >= lim);
  return (int)(x % (uint64_t)n);
}

static void shuffle(int *v, int n, uint64_t *state) {
  for (int i = n - 1; i > 0; i--) {
    int j = below(state, i + 1), t = v[i];
    v[i] = v[j];
    v[j] = t;
  }
}

static char *dup_str(const char *s) {
  size_t n;
  char *d;
  if (!s) return NULL;
  n = strlen(s) + 1;
  d = malloc(n);
  if (d) memcpy(d, s, n);
  return d;
}

static int blank(const char *s) {
  if (!s) return 1;
  for (; *s; s++)
    if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r') return 0;
  return 1;
}

/* Options are "the same" when they differ only in ASCII case and the
 * spaces around them. */
static int same_option(const char *a, const char *b) {
  const char *ea, *eb;
  while (*a == ' ') a++;
  while (*b == ' ') b++;
  ea = a + strlen(a);
  eb = b + strlen(b);
  while (ea > a && ea[-1] == ' ') ea--;
  while (eb > b && eb[-1] == ' ') eb--;
  if (ea - a != eb - b) return 0;
  for (; a < ea; a++, b++) {
    int ca = (unsigned char)*a, cb = (unsigned char)*b;
    if (ca >= 'A' && ca <= 'Z') ca += 32;
    if (cb >= 'A' && cb <= 'Z') cb += 32;
    if (ca != cb) return 0;
  }
  return 1;
}

static int same_type(const char *a, const char *b) {
  if (!a || !*a) return !b || !*b;
  return b && strcmp(a, b) == 0;
}

/* ---- questions ----------------------------------------------------------- */

static void question_free(KioskQuestion *q) {
  free(q->prompt);
  for (int i = 0; i < KIOSK_OPTIONS; i++) free(q->options[i]);
  free(q->source);
  free(q->article);
  free(q->explanation);
  memset(q, 0, sizeof *q);
}

void kiosk_deck_free(KioskDeck *d) {
  if (!d) return;
  for (int i = 0; i < d->n; i++) question_free(&d->q[i]);
  free(d->q);
  memset(d, 0, sizeof *d);
}

/* Adds `cand` to opts (size *n) unless it repeats one; returns 1 if added. */
static int add_option(const char **opts, int *n, const char *cand) {
  if (blank(cand)) return 0;
  for (int i = 0; i < *n; i++)
    if (same_option(opts[i], cand)) return 0;
  opts[(*n)++] = cand;
  return 1;
}

/* Picks three wrong options for note i from the other notes' answers:
 * first those of the same type, then any, each pool in seeded order. */
static void pick_from_others(const StoreNote *notes, int n, int i,
                             const int *perm, const char **opts, int *k) {
  for (int pass = 0; pass < 2 && *k < KIOSK_OPTIONS; pass++)
    for (int j = 0; j < n && *k < KIOSK_OPTIONS; j++) {
      const StoreNote *o = &notes[perm[j]];
      if (perm[j] == i) continue;
      if (pass == 0 && !same_type(notes[i].type, o->type)) continue;
      if (pass == 1 && same_type(notes[i].type, o->type)) continue;
      add_option(opts, k, o->answer);
    }
}

int kiosk_deck_build(const StoreNote *notes, int n, int default_limit_s,
                     uint64_t seed, KioskDeck *out) {
  int *perm = NULL, rc = QD_ENOMEM;
  uint64_t st = seed;
  memset(out, 0, sizeof *out);
  if (n < 0 || (n > 0 && !notes)) return QD_EINVAL;
  if (n == 0) return 0;
  if (default_limit_s <= 0) default_limit_s = 20;
  perm = malloc((size_t)n * sizeof *perm);
  out->q = calloc((size_t)n, sizeof *out->q);
  if (!perm || !out->q) goto fail;
  for (int i = 0; i < n; i++) perm[i] = i;
  for (int i = 0; i < n; i++) {
    const StoreNote *note = &notes[i];
    const char *opts[KIOSK_OPTIONS];
    int k = 0, correct, slot[KIOSK_OPTIONS];
    KioskQuestion *q = &out->q[out->n];
    if (blank(note->prompt) || blank(note->answer)) {
      out->skipped++;
      continue;
    }
    opts[k++] = note->answer;
    /* the note's own wrong options first (MCQ notes always have them;
     * generated notes often do), then other notes' answers */
    if (note->n_distractors > 0 && note->distractors) {
      for (int j = 0; j < note->n_distractors && k < KIOSK_OPTIONS; j++)
        add_option(opts, &k, note->distractors[j]);
    }
    if (k < KIOSK_OPTIONS) {
      shuffle(perm, n, &st);
      pick_from_others(notes, n, i, perm, opts, &k);
    }
    if (k < KIOSK_OPTIONS) {
      out->skipped++;
      continue;
    }
    for (int j = 0; j < KIOSK_OPTIONS; j++) slot[j] = j;
    shuffle(slot, KIOSK_OPTIONS, &st);
    correct = -1;
    for (int j = 0; j < KIOSK_OPTIONS; j++) {
      q->options[j] = dup_str(opts[slot[j]]);
      if (!q->options[j]) goto fail_q;
      if (slot[j] == 0) correct = j;
    }
    q->correct = correct;
    q->note = note->id;
    q->prompt = dup_str(note->prompt);
    if (!q->prompt) goto fail_q;
    if (note->n_sources > 0 && note->sources) {
      if (note->sources[0].sentence &&
          !(q->source = dup_str(note->sources[0].sentence)))
        goto fail_q;
      if (note->sources[0].article &&
          !(q->article = dup_str(note->sources[0].article)))
        goto fail_q;
    }
    if (note->explanation && !(q->explanation = dup_str(note->explanation)))
      goto fail_q;
    q->time_limit_ms =
        1000 * (note->time_limit > 0 && note->time_limit <= 3600
                    ? note->time_limit
                    : default_limit_s);
    out->n++;
    continue;
  fail_q:
    question_free(q);
    goto fail;
  }
  free(perm);
  return 0;
fail:
  free(perm);
  kiosk_deck_free(out);
  return rc;
}

int kiosk_points(int64_t elapsed_ms, int64_t limit_ms, int speed) {
  double f;
  if (!speed || limit_ms <= 0) return KIOSK_MAX_POINTS;
  if (elapsed_ms < 0) elapsed_ms = 0;
  if (elapsed_ms > limit_ms) elapsed_ms = limit_ms;
  f = 1.0 - (double)elapsed_ms / (double)limit_ms / 2.0;
  return (int)lround(KIOSK_MAX_POINTS * f);
}

/* ---- outbox -------------------------------------------------------------- */

int kiosk_outbox_peek(const KioskOutbox *o, KioskRecord *out) {
  if (o->n == 0) return 0;
  *out = o->r[o->head];
  return 1;
}

void kiosk_outbox_pop(KioskOutbox *o) {
  if (o->n == 0) return;
  o->head = (o->head + 1) % KIOSK_OUTBOX;
  o->n--;
}

void kiosk_outbox_push(KioskOutbox *o, const KioskRecord *r) {
  if (o->n == KIOSK_OUTBOX) {
    kiosk_outbox_pop(o);
    o->dropped++;
  }
  o->r[(o->head + o->n) % KIOSK_OUTBOX] = *r;
  o->n++;
}

/* ---- the kiosk station --------------------------------------------------- */

void kiosk_config_default(KioskConfig *c) {
  c->round_len = 10;
  c->timed = 1;
  c->speed_scoring = 1;
  c->idle_ms = KIOSK_IDLE_MS;
  c->warn_ms = KIOSK_WARN_MS;
  c->reveal_ms = 8000;
}

int kiosk_init(Kiosk *k, const KioskConfig *cfg, const KioskDeck *deck,
               uint64_t seed, int64_t now) {
  memset(k, 0, sizeof *k);
  if (cfg) k->cfg = *cfg;
  else kiosk_config_default(&k->cfg);
  if (k->cfg.round_len <= 0) k->cfg.round_len = 10;
  if (k->cfg.idle_ms <= 0) k->cfg.idle_ms = KIOSK_IDLE_MS;
  if (k->cfg.warn_ms < 0) k->cfg.warn_ms = 0;
  if (k->cfg.warn_ms > k->cfg.idle_ms) k->cfg.warn_ms = k->cfg.idle_ms;
  k->deck = deck;
  k->seed = seed;
  if (deck && deck->n > 0) {
    k->order = malloc((size_t)deck->n * sizeof *k->order);
    if (!k->order) return QD_ENOMEM;
    for (int i = 0; i < deck->n; i++) k->order[i] = i;
    shuffle(k->order, deck->n, &k->seed);
  }
  kiosk_reset(k, now);
  return 0;
}

void kiosk_free(Kiosk *k) {
  if (!k) return;
  free(k->order);
  k->order = NULL;
}

static void release_held(Kiosk *k) {
  for (int i = 0; i < k->n_held; i++) kiosk_outbox_push(&k->out, &k->held[i]);
  k->n_held = 0;
}

void kiosk_input(Kiosk *k, int64_t now) {
  k->last_input = now;
  release_held(k);
}

static void set_phase(Kiosk *k, KioskPhase ph, int64_t now) {
  k->phase = ph;
  k->phase_at = now;
}

static void show_next(Kiosk *k, int64_t now) {
  int n = k->deck->n;
  if (k->order_pos >= n) {
    int last = k->order[n - 1];
    shuffle(k->order, n, &k->seed);
    /* never the same question twice in a row across a reshuffle */
    if (n > 1 && k->order[0] == last) {
      k->order[0] = k->order[n - 1];
      k->order[n - 1] = last;
    }
    k->order_pos = 0;
  }
  k->cur = k->order[k->order_pos++];
  k->chosen = -1;
  k->timed_out = 0;
  k->shown_at = now;
  set_phase(k, KIOSK_QUESTION, now);
}

int kiosk_start(Kiosk *k, int64_t now) {
  if (!k->deck || k->deck->n == 0) return QD_ENOTFOUND;
  memset(&k->player, 0, sizeof k->player);
  k->round_i = 0;
  k->players++;
  kiosk_input(k, now);
  show_next(k, now);
  return 0;
}

static void reveal(Kiosk *k, int choice, int64_t now) {
  const KioskQuestion *q = &k->deck->q[k->cur];
  int64_t elapsed = now - k->shown_at;
  int right = choice == q->correct;
  KioskRecord r;
  KioskPlayer *p = &k->player;
  k->chosen = choice;
  k->timed_out = choice < 0;
  p->answered++;
  k->round_i++;
  k->answered_total++;
  if (right) {
    p->correct++;
    p->streak++;
    if (p->streak > p->best_streak) p->best_streak = p->streak;
    p->last_points = kiosk_points(elapsed, q->time_limit_ms,
                                  k->cfg.timed && k->cfg.speed_scoring);
    p->score += p->last_points;
  } else {
    p->streak = 0;
    p->last_points = 0;
  }
  memset(&r, 0, sizeof r);
  r.note = q->note;
  r.correct = right;
  r.timed_out = choice < 0;
  r.answer_ms = elapsed < 0 ? 0 : elapsed > 3600000 ? 3600000 : (int)elapsed;
  r.at = now;
  r.team = -1;
  if (choice >= 0) kiosk_outbox_push(&k->out, &r);
  else if (k->n_held < (int)(sizeof k->held / sizeof *k->held))
    k->held[k->n_held++] = r;
  k->revealed_at = now;
  set_phase(k, KIOSK_REVEAL, now);
}

int kiosk_answer(Kiosk *k, int choice, int64_t now) {
  if (k->phase != KIOSK_QUESTION || choice < 0 || choice >= KIOSK_OPTIONS)
    return QD_EINVAL;
  kiosk_input(k, now);
  reveal(k, choice, now);
  return 0;
}

void kiosk_next(Kiosk *k, int64_t now) {
  if (k->phase == KIOSK_REVEAL) {
    if (k->round_i >= k->cfg.round_len) set_phase(k, KIOSK_END, now);
    else show_next(k, now);
  } else if (k->phase == KIOSK_END) {
    kiosk_reset(k, now);
  }
}

void kiosk_reset(Kiosk *k, int64_t now) {
  memset(&k->player, 0, sizeof k->player);
  k->n_held = 0;
  memset(k->held, 0, sizeof k->held);
  k->round_i = 0;
  k->chosen = -1;
  k->timed_out = 0;
  k->cur = 0;
  k->shown_at = k->revealed_at = 0;
  k->last_input = now;
  set_phase(k, KIOSK_ATTRACT, now);
}

int kiosk_tick(Kiosk *k, int64_t now) {
  if (k->phase == KIOSK_ATTRACT) return 0;
  if (now - k->last_input >= k->cfg.idle_ms) {
    kiosk_reset(k, now);
    return 1;
  }
  if (k->phase == KIOSK_QUESTION && k->cfg.timed &&
      now - k->shown_at >= k->deck->q[k->cur].time_limit_ms) {
    reveal(k, -1, k->shown_at + k->deck->q[k->cur].time_limit_ms);
    k->revealed_at = now;
    return 1;
  }
  if (k->phase == KIOSK_REVEAL && k->cfg.reveal_ms > 0 &&
      now - k->revealed_at >= k->cfg.reveal_ms) {
    kiosk_next(k, now);
    return 1;
  }
  return 0;
}

int64_t kiosk_time_left(const Kiosk *k, int64_t now) {
  int64_t left;
  if (k->phase != KIOSK_QUESTION || !k->cfg.timed) return 0;
  left = k->shown_at + k->deck->q[k->cur].time_limit_ms - now;
  return left < 0 ? 0 : left;
}

int64_t kiosk_idle_left(const Kiosk *k, int64_t now) {
  int64_t left;
  if (k->phase == KIOSK_ATTRACT) return -1;
  left = k->last_input + k->cfg.idle_ms - now;
  return left < 0 ? 0 : left;
}

const KioskQuestion *kiosk_question(const Kiosk *k) {
  if (k->phase != KIOSK_QUESTION && k->phase != KIOSK_REVEAL) return NULL;
  return &k->deck->q[k->cur];
}

const KioskQuestion *kiosk_sample(const Kiosk *k, int64_t now) {
  int64_t i;
  if (!k->deck || k->deck->n == 0) return NULL;
  i = (now - k->phase_at) / KIOSK_SAMPLE_MS;
  if (i < 0) i = 0;
  return &k->deck->q[k->order[i % k->deck->n]];
}

/* ---- projector ----------------------------------------------------------- */

int kiosk_present_init(KioskPresent *p, const KioskDeck *deck,
                       int n_questions, int timed, int n_teams,
                       uint64_t seed, int64_t now) {
  uint64_t st = seed;
  memset(p, 0, sizeof *p);
  if (!deck || n_teams < 0 || n_teams > KIOSK_MAX_TEAMS) return QD_EINVAL;
  p->deck = deck;
  p->timed = timed;
  p->n_teams = n_teams;
  p->n = n_questions <= 0 || n_questions > deck->n ? deck->n : n_questions;
  p->paused_left = -1;
  if (deck->n > 0) {
    p->order = malloc((size_t)deck->n * sizeof *p->order);
    p->marks = calloc((size_t)deck->n * KIOSK_MAX_TEAMS, 1);
    p->committed = calloc((size_t)deck->n, 1);
    if (!p->order || !p->marks || !p->committed) {
      kiosk_present_free(p);
      return QD_ENOMEM;
    }
    for (int i = 0; i < deck->n; i++) p->order[i] = i;
    shuffle(p->order, deck->n, &st);
  }
  p->phase = p->n > 0 ? PRESENT_QUESTION : PRESENT_END;
  p->shown_at = now;
  return 0;
}

void kiosk_present_free(KioskPresent *p) {
  if (!p) return;
  free(p->order);
  free(p->marks);
  free(p->committed);
  p->order = NULL;
  p->marks = p->committed = NULL;
}

static void present_commit(KioskPresent *p, int64_t now) {
  const KioskQuestion *q;
  if (p->n_teams == 0 || p->committed[p->i]) return;
  q = &p->deck->q[p->order[p->i]];
  for (int t = 0; t < p->n_teams; t++) {
    KioskRecord r;
    memset(&r, 0, sizeof r);
    r.note = q->note;
    r.correct = p->marks[p->i * KIOSK_MAX_TEAMS + t];
    r.at = now;
    r.team = t;
    kiosk_outbox_push(&p->out, &r);
  }
  p->committed[p->i] = 1;
}

static void present_show(KioskPresent *p, int64_t now) {
  p->phase = PRESENT_QUESTION;
  p->shown_at = now;
  p->paused_left = -1;
}

void kiosk_present_next(KioskPresent *p, int64_t now) {
  if (p->black) {
    kiosk_present_black(p, now);
    return;
  }
  switch (p->phase) {
  case PRESENT_QUESTION:
    p->phase = PRESENT_REVEAL;
    break;
  case PRESENT_REVEAL:
    if (p->n_teams > 0) {
      p->phase = PRESENT_TEAMS;
      break;
    }
    /* fall through */
  case PRESENT_SCOREBOARD:
    present_commit(p, now);
    if (p->i + 1 < p->n) {
      p->i++;
      present_show(p, now);
    } else {
      p->phase = PRESENT_END;
    }
    break;
  case PRESENT_TEAMS:
    p->phase = PRESENT_SCOREBOARD;
    break;
  case PRESENT_END:
    break;
  }
}

void kiosk_present_prev(KioskPresent *p, int64_t now) {
  if (p->black) {
    kiosk_present_black(p, now);
    return;
  }
  switch (p->phase) {
  case PRESENT_QUESTION:
    if (p->i > 0) {
      p->i--;
      p->phase = p->n_teams > 0 ? PRESENT_SCOREBOARD : PRESENT_REVEAL;
    }
    break;
  case PRESENT_REVEAL:
    present_show(p, now);
    break;
  case PRESENT_TEAMS:
    p->phase = PRESENT_REVEAL;
    break;
  case PRESENT_SCOREBOARD:
    p->phase = PRESENT_TEAMS;
    break;
  case PRESENT_END:
    if (p->n > 0) {
      p->i = p->n - 1;
      p->phase = p->n_teams > 0 ? PRESENT_SCOREBOARD : PRESENT_REVEAL;
    }
    break;
  }
}

void kiosk_present_black(KioskPresent *p, int64_t now) {
  if (!p->black) {
    p->black = 1;
    if (p->phase == PRESENT_QUESTION && p->timed)
      p->paused_left = kiosk_present_time_left(p, now);
  } else {
    p->black = 0;
    if (p->paused_left >= 0 && p->n > 0)
      p->shown_at = now - (p->deck->q[p->order[p->i]].time_limit_ms -
                           p->paused_left);
    p->paused_left = -1;
  }
}

int kiosk_present_mark(KioskPresent *p, int team) {
  unsigned char *m;
  if (p->phase != PRESENT_TEAMS || team < 0 || team >= p->n_teams ||
      p->committed[p->i])
    return QD_EINVAL;
  m = &p->marks[p->i * KIOSK_MAX_TEAMS + team];
  *m = !*m;
  return 0;
}

int64_t kiosk_present_time_left(const KioskPresent *p, int64_t now) {
  int64_t left;
  if (!p->timed || p->phase != PRESENT_QUESTION || p->n == 0) return 0;
  if (p->paused_left >= 0) return p->paused_left;
  left = p->shown_at + p->deck->q[p->order[p->i]].time_limit_ms - now;
  return left < 0 ? 0 : left;
}

const KioskQuestion *kiosk_present_question(const KioskPresent *p) {
  if (p->n == 0 || p->phase == PRESENT_END) return NULL;
  return &p->deck->q[p->order[p->i]];
}

int kiosk_present_score(const KioskPresent *p, int team) {
  int s = 0, upto;
  if (team < 0 || team >= p->n_teams || p->n == 0) return 0;
  upto = p->phase == PRESENT_END ? p->n
         : p->phase == PRESENT_SCOREBOARD ? p->i + 1
                                          : p->i;
  for (int q = 0; q < upto; q++) s += p->marks[q * KIOSK_MAX_TEAMS + team];
  return s;
}

int kiosk_present_marked(const KioskPresent *p, int team) {
  if (team < 0 || team >= p->n_teams || p->n == 0 || p->i >= p->n) return 0;
  return p->marks[p->i * KIOSK_MAX_TEAMS + team];
}

void kiosk_present_ranking(const KioskPresent *p, int *rank) {
  int sc[KIOSK_MAX_TEAMS];
  for (int t = 0; t < p->n_teams; t++) {
    rank[t] = t;
    sc[t] = kiosk_present_score(p, t);
  }
  for (int i = 1; i < p->n_teams; i++) { /* stable insertion sort */
    int r = rank[i], j = i;
    while (j > 0 && sc[rank[j - 1]] < sc[r]) {
      rank[j] = rank[j - 1];
      j--;
    }
    rank[j] = r;
  }
}

/* ---- chord --------------------------------------------------------------- */

int kiosk_chord_update(KioskChord *c, int held, int64_t now,
                       int64_t hold_ms) {
  if (!held) {
    c->held = 0;
    c->fired = 0;
    return 0;
  }
  if (!c->held) {
    c->held = 1;
    c->since = now;
  }
  if (!c->fired && now - c->since >= hold_ms) {
    c->fired = 1;
    return 1;
  }
  return 0;
}

double kiosk_chord_progress(const KioskChord *c, int64_t now,
                            int64_t hold_ms) {
  double f;
  if (!c->held || c->fired || hold_ms <= 0) return 0.0;
  f = (double)(now - c->since) / (double)hold_ms;
  return f < 0 ? 0 : f > 1 ? 1 : f;
}

/* ---- PIN ----------------------------------------------------------------- */

#define PIN_TAG "qdpin1$argon2id$"
#define PIN_KEY 32
#define PIN_OPS_MAX 16ULL
#define PIN_MEM_MAX (256ULL << 20)

int kiosk_pin_check(const char *pin) {
  size_t n;
  if (!pin) return QD_EINVAL;
  n = strlen(pin);
  if (n < KIOSK_PIN_MIN || n > KIOSK_PIN_MAX) return QD_EINVAL;
  for (size_t i = 0; i < n; i++)
    if (pin[i] < '0' || pin[i] > '9') return QD_EINVAL;
  return 0;
}

static int derive(const char *pin, const unsigned char *salt,
                  unsigned long long ops, size_t mem,
                  unsigned char key[PIN_KEY]) {
  if (sodium_init() < 0) return QD_EIO;
  if (crypto_pwhash(key, PIN_KEY, pin, strlen(pin), salt, ops, mem,
                    crypto_pwhash_ALG_ARGON2ID13) != 0)
    return QD_ENOMEM; /* the only way it fails with valid limits */
  return 0;
}

int kiosk_pin_hash(const char *pin, const unsigned char salt[KIOSK_PIN_SALT],
                   KioskPinCost cost, char *out, size_t outlen) {
  unsigned char key[PIN_KEY];
  char salthex[2 * KIOSK_PIN_SALT + 1], keyhex[2 * PIN_KEY + 1];
  unsigned long long ops = cost == KIOSK_PIN_FAST
                               ? crypto_pwhash_OPSLIMIT_MIN
                               : crypto_pwhash_OPSLIMIT_INTERACTIVE;
  size_t mem = cost == KIOSK_PIN_FAST ? crypto_pwhash_MEMLIMIT_MIN
                                      : crypto_pwhash_MEMLIMIT_INTERACTIVE;
  int rc, n;
  if (kiosk_pin_check(pin) < 0 || !salt || !out) return QD_EINVAL;
  if (crypto_pwhash_SALTBYTES != KIOSK_PIN_SALT) return QD_EIO;
  rc = derive(pin, salt, ops, mem, key);
  if (rc < 0) return rc;
  sodium_bin2hex(salthex, sizeof salthex, salt, KIOSK_PIN_SALT);
  sodium_bin2hex(keyhex, sizeof keyhex, key, PIN_KEY);
  sodium_memzero(key, sizeof key);
  n = snprintf(out, outlen, PIN_TAG "%llu$%zu$%s$%s", ops, mem, salthex,
               keyhex);
  if (n < 0 || (size_t)n >= outlen) {
    if (outlen) out[0] = '\0';
    return QD_EINVAL;
  }
  return 0;
}

/* Reads a decimal field ending at '$'; advances *s past it. */
static int read_num(const char **s, unsigned long long *v) {
  const char *p = *s;
  unsigned long long x = 0;
  if (*p < '0' || *p > '9') return -1;
  for (; *p >= '0' && *p <= '9'; p++) {
    if (x > (ULLONG_MAX - 9) / 10) return -1;
    x = x * 10 + (unsigned long long)(*p - '0');
  }
  if (*p != '$') return -1;
  *s = p + 1;
  *v = x;
  return 0;
}

static int read_hex(const char **s, unsigned char *bin, size_t n, char end) {
  const char *p = *s, *stop;
  size_t got = 0;
  if (strlen(p) < 2 * n || p[2 * n] != end) return -1;
  if (sodium_hex2bin(bin, n, p, 2 * n, NULL, &got, &stop) != 0 || got != n)
    return -1;
  *s = p + 2 * n + (end ? 1 : 0);
  return 0;
}

int kiosk_pin_verify(const char *stored, const char *pin) {
  unsigned char salt[KIOSK_PIN_SALT], want[PIN_KEY], got[PIN_KEY];
  unsigned long long ops, mem;
  const char *p = stored;
  int rc;
  if (!stored || strncmp(p, PIN_TAG, strlen(PIN_TAG)) != 0)
    return QD_EPARSE;
  p += strlen(PIN_TAG);
  if (read_num(&p, &ops) < 0 || read_num(&p, &mem) < 0 ||
      read_hex(&p, salt, sizeof salt, '$') < 0 ||
      read_hex(&p, want, sizeof want, '\0') < 0)
    return QD_EPARSE;
  if (ops < crypto_pwhash_OPSLIMIT_MIN || ops > PIN_OPS_MAX ||
      mem < crypto_pwhash_MEMLIMIT_MIN || mem > PIN_MEM_MAX)
    return QD_EPARSE;
  if (kiosk_pin_check(pin) < 0) return 0; /* cannot match a stored PIN */
  rc = derive(pin, salt, ops, (size_t)mem, got);
  if (rc < 0) return rc;
  rc = crypto_verify_32(got, want) == 0;
  sodium_memzero(got, sizeof got);
  return rc;
}

int64_t kiosk_pin_gate_wait(const KioskPinGate *g, int64_t now) {
  int64_t w;
  if (g->fails < 5) return 0;
  w = g->last_fail + 30000 - now;
  return w > 0 ? w : 0;
}

void kiosk_pin_gate_result(KioskPinGate *g, int ok, int64_t now) {
  if (ok) {
    g->fails = 0;
    return;
  }
  g->fails++;
  g->last_fail = now;
}
