/* test_kiosk.c - the classroom modes' game logic (kiosk.h), no SDL, no
 * disk: question building, scoring, the attract/idle state machine,
 * the projector flow with teams, the teacher chord and the PIN hash. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "error.h"
#include "kiosk.h"

/* ---- fixtures ------------------------------------------------------------ */

typedef struct {
  StoreNote notes[16];
  char *distr[3];
  StoreSource src;
  int n;
} Notes;

static void add_note(Notes *ns, NoteKind kind, const char *type,
                     const char *prompt, const char *answer) {
  StoreNote *n = &ns->notes[ns->n];
  memset(n, 0, sizeof *n);
  n->id = 100 + ns->n;
  n->kind = kind;
  n->type = (char *)type;
  n->prompt = (char *)prompt;
  n->answer = (char *)answer;
  ns->n++;
}

/* 4 people, 4 places, 1 MCQ with its own distractors, 1 lone date. */
static void sample_notes(Notes *ns) {
  memset(ns, 0, sizeof *ns);
  add_note(ns, NOTE_QA, "person", "Who wrote Hamlet?", "Shakespeare");
  add_note(ns, NOTE_QA, "person", "Who painted the Mona Lisa?", "Leonardo");
  add_note(ns, NOTE_QA, "person", "Who discovered penicillin?", "Fleming");
  add_note(ns, NOTE_QA, "person", "Who wrote Faust?", "Goethe");
  add_note(ns, NOTE_QA, "place", "Capital of France?", "Paris");
  add_note(ns, NOTE_QA, "place", "Capital of Japan?", "Tokyo");
  add_note(ns, NOTE_QA, "place", "Capital of Peru?", "Lima");
  add_note(ns, NOTE_QA, "place", "Capital of Kenya?", "Nairobi");
  add_note(ns, NOTE_MCQ, NULL, "Largest planet?", "Jupiter");
  ns->distr[0] = "Saturn";
  ns->distr[1] = "Mars";
  ns->distr[2] = "Venus";
  ns->notes[8].distractors = ns->distr;
  ns->notes[8].n_distractors = 3;
  ns->notes[8].time_limit = 30;
  ns->src.article = "Planets";
  ns->src.sentence = "Jupiter is the largest planet in the Solar System.";
  ns->notes[8].sources = &ns->src;
  ns->notes[8].n_sources = 1;
  add_note(ns, NOTE_QA, "date", "When did WWII end?", "1945");
}

static int find_q(const KioskDeck *d, int64_t note) {
  for (int i = 0; i < d->n; i++)
    if (d->q[i].note == note) return i;
  return -1;
}

static void build_deck(KioskDeck *d, uint64_t seed) {
  Notes ns;
  sample_notes(&ns);
  assert_int_equal(kiosk_deck_build(ns.notes, ns.n, 0, seed, d), 0);
}

/* ---- questions ----------------------------------------------------------- */

static void test_deck_options(void **st) {
  KioskDeck d;
  Notes ns;
  (void)st;
  sample_notes(&ns);
  assert_int_equal(kiosk_deck_build(ns.notes, ns.n, 15, 7, &d), 0);
  assert_int_equal(d.n, 10);
  assert_int_equal(d.skipped, 0);
  for (int i = 0; i < d.n; i++) {
    const KioskQuestion *q = &d.q[i];
    const StoreNote *n = &ns.notes[q->note - 100];
    assert_in_range(q->correct, 0, 3);
    assert_string_equal(q->options[q->correct], n->answer);
    for (int a = 0; a < 4; a++)
      for (int b = a + 1; b < 4; b++)
        assert_string_not_equal(q->options[a], q->options[b]);
    if (n->type && strcmp(n->type, "date") != 0) {
      /* same-type distractors: every option is an answer of that type */
      for (int a = 0; a < 4; a++) {
        int ok = 0;
        for (int j = 0; j < ns.n; j++)
          if (ns.notes[j].type && strcmp(ns.notes[j].type, n->type) == 0 &&
              strcmp(ns.notes[j].answer, q->options[a]) == 0)
            ok = 1;
        assert_true(ok);
      }
    }
  }
  {
    const KioskQuestion *q = &d.q[find_q(&d, 108)];
    int seen = 0;
    for (int a = 0; a < 4; a++)
      if (!strcmp(q->options[a], "Saturn") || !strcmp(q->options[a], "Mars") ||
          !strcmp(q->options[a], "Venus"))
        seen++;
    assert_int_equal(seen, 3);
    assert_int_equal(q->time_limit_ms, 30000);
    assert_string_equal(q->source, ns.src.sentence);
    assert_string_equal(q->article, "Planets");
  }
  assert_int_equal(d.q[find_q(&d, 100)].time_limit_ms, 15000);
  assert_null(d.q[find_q(&d, 100)].source);
  kiosk_deck_free(&d);
  kiosk_deck_free(&d); /* twice is harmless */
}

static void test_deck_deterministic(void **st) {
  KioskDeck a, b, c;
  int differ = 0;
  (void)st;
  build_deck(&a, 42);
  build_deck(&b, 42);
  build_deck(&c, 43);
  assert_int_equal(a.n, b.n);
  for (int i = 0; i < a.n; i++) {
    assert_int_equal(a.q[i].correct, b.q[i].correct);
    for (int k = 0; k < 4; k++) {
      assert_string_equal(a.q[i].options[k], b.q[i].options[k]);
      if (strcmp(a.q[i].options[k], c.q[i].options[k])) differ = 1;
    }
  }
  assert_true(differ);
  {
    /* the right answer is not always in the same place */
    int where[4] = {0};
    for (uint64_t s = 0; s < 40; s++) {
      KioskDeck d;
      build_deck(&d, s);
      where[d.q[0].correct]++;
      kiosk_deck_free(&d);
    }
    for (int k = 0; k < 4; k++) assert_true(where[k] > 0);
  }
  kiosk_deck_free(&a);
  kiosk_deck_free(&b);
  kiosk_deck_free(&c);
}

static void test_deck_skips(void **st) {
  Notes ns;
  KioskDeck d;
  (void)st;
  memset(&ns, 0, sizeof ns);
  add_note(&ns, NOTE_QA, NULL, "A?", "x");
  add_note(&ns, NOTE_QA, NULL, "B?", "X "); /* same as x */
  add_note(&ns, NOTE_QA, NULL, "C?", "y");
  add_note(&ns, NOTE_QA, NULL, "", "z");   /* empty prompt */
  add_note(&ns, NOTE_QA, NULL, "D?", "w");
  assert_int_equal(kiosk_deck_build(ns.notes, ns.n, 0, 1, &d), 0);
  /* options available: x, y, w (+ z from the skipped one) */
  assert_int_equal(d.n + d.skipped, 5);
  assert_true(d.skipped >= 1);
  for (int i = 0; i < d.n; i++)
    assert_int_equal(d.q[i].time_limit_ms, 20000); /* default 20 s */
  kiosk_deck_free(&d);
  /* too few notes for four options */
  assert_int_equal(kiosk_deck_build(ns.notes, 3, 0, 1, &d), 0);
  assert_int_equal(d.n, 0);
  assert_int_equal(d.skipped, 3);
  kiosk_deck_free(&d);
  assert_int_equal(kiosk_deck_build(NULL, 0, 0, 1, &d), 0);
  assert_int_equal(d.n, 0);
  assert_int_equal(kiosk_deck_build(NULL, 3, 0, 1, &d), QD_EINVAL);
  assert_int_equal(kiosk_deck_build(ns.notes, -1, 0, 1, &d), QD_EINVAL);
}

static void test_deck_own_distractors(void **st) {
  /* a plain note with two wrong options of its own: both used, the third
   * comes from another note of the same type */
  Notes ns;
  KioskDeck d;
  char *two[2] = {"Turin", "Milan"};
  const KioskQuestion *q;
  int own = 0, place = 0;
  (void)st;
  sample_notes(&ns);
  ns.notes[4].distractors = two;
  ns.notes[4].n_distractors = 2;
  assert_int_equal(kiosk_deck_build(ns.notes, ns.n, 0, 3, &d), 0);
  q = &d.q[find_q(&d, 104)];
  for (int a = 0; a < 4; a++) {
    if (!strcmp(q->options[a], "Turin") || !strcmp(q->options[a], "Milan"))
      own++;
    if (!strcmp(q->options[a], "Tokyo") || !strcmp(q->options[a], "Lima") ||
        !strcmp(q->options[a], "Nairobi"))
      place++;
  }
  assert_int_equal(own, 2);
  assert_int_equal(place, 1);
  assert_string_equal(q->options[q->correct], "Paris");
  kiosk_deck_free(&d);
}

static void test_points(void **st) {
  (void)st;
  assert_int_equal(kiosk_points(0, 20000, 1), 1000);
  assert_int_equal(kiosk_points(20000, 20000, 1), 500);
  assert_int_equal(kiosk_points(10000, 20000, 1), 750);
  assert_int_equal(kiosk_points(1000, 20000, 1), 975);
  assert_int_equal(kiosk_points(99999, 20000, 1), 500); /* clamped */
  assert_int_equal(kiosk_points(-5, 20000, 1), 1000);
  assert_int_equal(kiosk_points(15000, 20000, 0), 1000);
  assert_int_equal(kiosk_points(15000, 0, 1), 1000);
}

/* ---- the station --------------------------------------------------------- */

static int wrong_of(const KioskQuestion *q) { return (q->correct + 1) % 4; }

static void test_kiosk_round(void **st) {
  KioskDeck d;
  Kiosk k;
  KioskConfig cfg;
  int64_t t = 1000000;
  KioskRecord r;
  (void)st;
  build_deck(&d, 3);
  kiosk_config_default(&cfg);
  cfg.round_len = 3;
  cfg.reveal_ms = 0;
  assert_int_equal(kiosk_init(&k, &cfg, &d, 9, t), 0);
  assert_int_equal(k.phase, KIOSK_ATTRACT);
  assert_null(kiosk_question(&k));
  assert_non_null(kiosk_sample(&k, t));
  assert_true(kiosk_idle_left(&k, t) < 0);
  assert_int_equal(kiosk_answer(&k, 0, t), QD_EINVAL);
  assert_int_equal(kiosk_start(&k, t), 0);
  assert_int_equal(k.phase, KIOSK_QUESTION);
  /* right after 5 s of 20: 875 points */
  {
    const KioskQuestion *q = kiosk_question(&k);
    int64_t lim = q->time_limit_ms;
    t += lim / 4;
    assert_int_equal(kiosk_time_left(&k, t), lim - lim / 4);
    assert_int_equal(kiosk_answer(&k, q->correct, t), 0);
    assert_int_equal(k.player.last_points, kiosk_points(lim / 4, lim, 1));
  }
  assert_int_equal(k.phase, KIOSK_REVEAL);
  assert_int_equal(kiosk_answer(&k, 0, t), QD_EINVAL); /* no double answer */
  assert_int_equal(k.player.streak, 1);
  assert_int_equal(kiosk_outbox_peek(&k.out, &r), 1);
  assert_int_equal(r.correct, 1);
  assert_int_equal(r.team, -1);
  kiosk_outbox_pop(&k.out);
  assert_int_equal(kiosk_outbox_peek(&k.out, &r), 0);
  kiosk_next(&k, t);
  assert_int_equal(kiosk_answer(&k, 4, t), QD_EINVAL);
  assert_int_equal(kiosk_answer(&k, wrong_of(kiosk_question(&k)), t + 10), 0);
  assert_int_equal(k.player.streak, 0);
  assert_int_equal(k.player.best_streak, 1);
  assert_int_equal(k.player.last_points, 0);
  kiosk_next(&k, t + 20);
  t += 1000;
  assert_int_equal(kiosk_answer(&k, kiosk_question(&k)->correct, t), 0);
  kiosk_next(&k, t);
  assert_int_equal(k.phase, KIOSK_END);
  assert_int_equal(k.player.answered, 3);
  assert_int_equal(k.player.correct, 2);
  assert_int_equal(k.out.n, 2);
  /* the end screen's "play again" -> attract -> a fresh player */
  kiosk_next(&k, t);
  assert_int_equal(k.phase, KIOSK_ATTRACT);
  assert_int_equal(k.player.score, 0);
  assert_int_equal(kiosk_start(&k, t), 0);
  assert_int_equal(k.players, 2);
  assert_int_equal(k.player.answered, 0);
  kiosk_free(&k);
  kiosk_deck_free(&d);
}

static void test_kiosk_untimed(void **st) {
  KioskDeck d;
  Kiosk k;
  KioskConfig cfg;
  int64_t t = 0;
  (void)st;
  build_deck(&d, 3);
  kiosk_config_default(&cfg);
  cfg.timed = 0;
  kiosk_init(&k, &cfg, &d, 1, t);
  kiosk_start(&k, t);
  /* no countdown: a minute later the question still waits (with input) */
  for (int i = 0; i < 12; i++) {
    t += 5000;
    kiosk_input(&k, t);
    assert_int_equal(kiosk_tick(&k, t), 0);
  }
  assert_int_equal(k.phase, KIOSK_QUESTION);
  assert_int_equal(kiosk_time_left(&k, t), 0);
  kiosk_answer(&k, kiosk_question(&k)->correct, t);
  assert_int_equal(k.player.last_points, 1000);
  kiosk_free(&k);
  kiosk_deck_free(&d);
}

static void test_kiosk_timeout_held(void **st) {
  KioskDeck d;
  Kiosk k;
  KioskConfig cfg;
  int64_t t = 5000;
  KioskRecord r;
  (void)st;
  build_deck(&d, 5);
  kiosk_config_default(&cfg);
  cfg.reveal_ms = 3000;
  kiosk_init(&k, &cfg, &d, 2, t);
  kiosk_start(&k, t);
  t += kiosk_question(&k)->time_limit_ms;
  assert_int_equal(kiosk_tick(&k, t), 1);
  assert_int_equal(k.phase, KIOSK_REVEAL);
  assert_int_equal(k.timed_out, 1);
  assert_int_equal(k.chosen, -1);
  assert_int_equal(k.player.answered, 1);
  /* not recorded yet: the player may have walked away */
  assert_int_equal(k.out.n, 0);
  assert_int_equal(k.n_held, 1);
  t += 3000;
  assert_int_equal(kiosk_tick(&k, t), 1); /* reveal moves on by itself */
  assert_int_equal(k.phase, KIOSK_QUESTION);
  kiosk_input(&k, t); /* the player is there: the timeout counts */
  assert_int_equal(k.out.n, 1);
  assert_int_equal(kiosk_outbox_peek(&k.out, &r), 1);
  assert_int_equal(r.correct, 0);
  assert_int_equal(r.timed_out, 1);
  assert_int_equal(r.answer_ms, kiosk_question(&k) ? r.answer_ms : 0);
  /* a timeout followed by leaving is never recorded */
  t += kiosk_question(&k)->time_limit_ms;
  kiosk_tick(&k, t);
  assert_int_equal(k.n_held, 1);
  while (k.phase != KIOSK_ATTRACT) {
    t += 1000;
    kiosk_tick(&k, t);
  }
  assert_int_equal(k.n_held, 0);
  assert_int_equal(k.out.n, 1);
  kiosk_free(&k);
  kiosk_deck_free(&d);
}

static void test_kiosk_idle(void **st) {
  KioskDeck d;
  Kiosk k;
  KioskConfig cfg;
  int64_t t = 0;
  (void)st;
  build_deck(&d, 5);
  kiosk_config_default(&cfg);
  cfg.timed = 0;
  kiosk_init(&k, &cfg, &d, 2, t);
  kiosk_start(&k, t);
  kiosk_answer(&k, kiosk_question(&k)->correct, t + 100);
  kiosk_next(&k, t + 200);
  t = 200;
  assert_int_equal(kiosk_idle_left(&k, t), 60000 - 100);
  /* warning window: the last 10 s */
  assert_false(kiosk_idle_left(&k, 100 + 49999) <= cfg.warn_ms);
  assert_true(kiosk_idle_left(&k, 100 + 50000) <= cfg.warn_ms);
  assert_int_equal(kiosk_tick(&k, 100 + 59999), 0);
  assert_int_equal(k.phase, KIOSK_QUESTION);
  /* input in the warning window keeps the player */
  kiosk_input(&k, 100 + 55000);
  assert_int_equal(kiosk_tick(&k, 100 + 60000), 0);
  assert_int_equal(k.player.score, 1000);
  assert_int_equal(kiosk_tick(&k, 100 + 55000 + 60000), 1);
  assert_int_equal(k.phase, KIOSK_ATTRACT);
  /* nothing of the previous player is left */
  assert_int_equal(k.player.score, 0);
  assert_int_equal(k.player.answered, 0);
  assert_int_equal(k.player.best_streak, 0);
  assert_int_equal(k.round_i, 0);
  assert_null(kiosk_question(&k));
  kiosk_free(&k);
  /* a configurable idle time */
  cfg.idle_ms = 3000;
  cfg.warn_ms = 99999; /* clamped to idle_ms */
  kiosk_init(&k, &cfg, &d, 2, 0);
  assert_int_equal(k.cfg.warn_ms, 3000);
  kiosk_start(&k, 0);
  assert_int_equal(kiosk_tick(&k, 2999), 0);
  assert_int_equal(kiosk_tick(&k, 3000), 1);
  assert_int_equal(k.phase, KIOSK_ATTRACT);
  kiosk_free(&k);
  kiosk_deck_free(&d);
}

static void test_kiosk_cycles(void **st) {
  /* many players: every question comes up, never twice in a row */
  KioskDeck d;
  Kiosk k;
  int seen[16] = {0}, prev = -1;
  int64_t t = 0;
  (void)st;
  build_deck(&d, 5);
  kiosk_init(&k, NULL, &d, 77, t);
  for (int p = 0; p < 30; p++) {
    kiosk_start(&k, t);
    while (k.phase != KIOSK_END) {
      const KioskQuestion *q = kiosk_question(&k);
      int idx = (int)(q - d.q);
      assert_int_not_equal(idx, prev);
      prev = idx;
      seen[idx]++;
      t += 700;
      kiosk_answer(&k, (p + idx) % 4, t);
      kiosk_next(&k, t);
    }
    kiosk_next(&k, t);
    assert_int_equal(k.phase, KIOSK_ATTRACT);
  }
  for (int i = 0; i < d.n; i++) assert_int_equal(seen[i], 30);
  /* every answer is waiting in the outbox (nobody drained it) */
  assert_int_equal(k.out.n, 300);
  assert_int_equal(k.out.dropped, 0);
  assert_int_equal(k.answered_total, 300);
  kiosk_free(&k);
  /* empty deck: no start */
  {
    KioskDeck e;
    memset(&e, 0, sizeof e);
    kiosk_init(&k, NULL, &e, 1, 0);
    assert_int_equal(kiosk_start(&k, 0), QD_ENOTFOUND);
    assert_null(kiosk_sample(&k, 0));
    kiosk_free(&k);
  }
  kiosk_deck_free(&d);
}

static void test_outbox(void **st) {
  KioskOutbox o;
  KioskRecord r;
  (void)st;
  memset(&o, 0, sizeof o);
  for (int i = 0; i < KIOSK_OUTBOX + 10; i++) {
    memset(&r, 0, sizeof r);
    r.note = i;
    kiosk_outbox_push(&o, &r);
  }
  assert_int_equal(o.n, KIOSK_OUTBOX);
  assert_int_equal(o.dropped, 10);
  for (int i = 10; i < KIOSK_OUTBOX + 10; i++) {
    assert_int_equal(kiosk_outbox_peek(&o, &r), 1);
    assert_int_equal(r.note, i);
    kiosk_outbox_pop(&o);
  }
  assert_int_equal(kiosk_outbox_peek(&o, &r), 0);
  kiosk_outbox_pop(&o); /* empty: no-op */
  assert_int_equal(o.n, 0);
}

/* ---- projector ----------------------------------------------------------- */

static void test_present_plain(void **st) {
  KioskDeck d;
  KioskPresent p;
  int64_t t = 0;
  const KioskQuestion *first;
  (void)st;
  build_deck(&d, 5);
  assert_int_equal(kiosk_present_init(&p, &d, 5, 1, 0, 11, t), 0);
  assert_int_equal(p.n, 5);
  first = kiosk_present_question(&p);
  for (int i = 0; i < 5; i++) {
    assert_int_equal(p.phase, PRESENT_QUESTION);
    assert_int_equal(p.i, i);
    assert_true(kiosk_present_time_left(&p, t + 1000) > 0);
    kiosk_present_next(&p, t);
    assert_int_equal(p.phase, PRESENT_REVEAL);
    assert_int_equal(kiosk_present_time_left(&p, t), 0);
    kiosk_present_next(&p, t);
  }
  assert_int_equal(p.phase, PRESENT_END);
  assert_null(kiosk_present_question(&p));
  kiosk_present_next(&p, t); /* stays */
  assert_int_equal(p.phase, PRESENT_END);
  assert_int_equal(p.out.n, 0); /* no teams: nothing to record */
  /* back all the way */
  for (int i = 0; i < 20; i++) kiosk_present_prev(&p, t);
  assert_int_equal(p.i, 0);
  assert_int_equal(p.phase, PRESENT_QUESTION);
  assert_ptr_equal(kiosk_present_question(&p), first);
  kiosk_present_free(&p);
  /* black screen pauses the countdown; any clicker key un-blanks */
  kiosk_present_init(&p, &d, 0, 1, 0, 11, 0);
  assert_int_equal(p.n, d.n);
  {
    int64_t lim = kiosk_present_question(&p)->time_limit_ms;
    kiosk_present_black(&p, 4000);
    assert_int_equal(kiosk_present_time_left(&p, 60000), lim - 4000);
    kiosk_present_next(&p, 60000); /* un-blanks only */
    assert_int_equal(p.black, 0);
    assert_int_equal(p.phase, PRESENT_QUESTION);
    assert_int_equal(kiosk_present_time_left(&p, 61000), lim - 5000);
    assert_int_equal(kiosk_present_time_left(&p, 60000 + lim), 0);
  }
  kiosk_present_free(&p);
  assert_int_equal(kiosk_present_init(&p, &d, 5, 1, 9, 1, 0), QD_EINVAL);
  kiosk_deck_free(&d);
}

static void test_present_teams(void **st) {
  KioskDeck d;
  KioskPresent p;
  int rank[3];
  KioskRecord r;
  (void)st;
  build_deck(&d, 5);
  kiosk_present_init(&p, &d, 2, 0, 3, 4, 0);
  assert_int_equal(kiosk_present_mark(&p, 0), QD_EINVAL); /* not yet */
  kiosk_present_next(&p, 0); /* reveal */
  kiosk_present_next(&p, 0); /* teams */
  assert_int_equal(p.phase, PRESENT_TEAMS);
  assert_int_equal(kiosk_present_mark(&p, 1), 0);
  assert_int_equal(kiosk_present_mark(&p, 2), 0);
  assert_int_equal(kiosk_present_mark(&p, 2), 0); /* toggled off */
  assert_int_equal(kiosk_present_mark(&p, 3), QD_EINVAL);
  assert_int_equal(kiosk_present_score(&p, 1), 0); /* not before board */
  kiosk_present_next(&p, 0);
  assert_int_equal(p.phase, PRESENT_SCOREBOARD);
  assert_int_equal(kiosk_present_score(&p, 1), 1);
  kiosk_present_ranking(&p, rank);
  assert_int_equal(rank[0], 1);
  assert_int_equal(rank[1], 0);
  assert_int_equal(rank[2], 2);
  /* back from the board un-counts, forward again counts once */
  kiosk_present_prev(&p, 0);
  assert_int_equal(kiosk_present_score(&p, 1), 0);
  kiosk_present_next(&p, 0);
  assert_int_equal(kiosk_present_score(&p, 1), 1);
  assert_int_equal(p.out.n, 0);
  kiosk_present_next(&p, 50); /* question 2: question 1 is committed */
  assert_int_equal(p.i, 1);
  assert_int_equal(p.out.n, 3);
  assert_int_equal(kiosk_outbox_peek(&p.out, &r), 1);
  assert_int_equal(r.team, 0);
  assert_int_equal(r.correct, 0);
  assert_int_equal(r.at, 50);
  assert_int_equal(p.out.r[1].correct, 1);
  /* going back to a committed question: marks are final */
  kiosk_present_prev(&p, 0);
  kiosk_present_prev(&p, 0);
  assert_int_equal(p.phase, PRESENT_TEAMS);
  assert_int_equal(kiosk_present_mark(&p, 0), QD_EINVAL);
  kiosk_present_next(&p, 0);
  kiosk_present_next(&p, 0);
  assert_int_equal(p.out.n, 3); /* not recorded twice */
  kiosk_present_next(&p, 0);
  kiosk_present_next(&p, 0);
  kiosk_present_mark(&p, 0);
  kiosk_present_next(&p, 0);
  kiosk_present_next(&p, 0);
  assert_int_equal(p.phase, PRESENT_END);
  assert_int_equal(p.out.n, 6);
  assert_int_equal(kiosk_present_score(&p, 0), 1);
  assert_int_equal(kiosk_present_score(&p, 1), 1);
  kiosk_present_free(&p);
  kiosk_deck_free(&d);
}

/* ---- chord and PIN ------------------------------------------------------- */

static void test_chord(void **st) {
  KioskChord c;
  (void)st;
  memset(&c, 0, sizeof c);
  assert_int_equal(kiosk_chord_update(&c, 1, 1000, 2000), 0);
  assert_int_equal(kiosk_chord_update(&c, 1, 2999, 2000), 0);
  assert_true(kiosk_chord_progress(&c, 2000, 2000) > 0.49);
  assert_int_equal(kiosk_chord_update(&c, 0, 3000, 2000), 0); /* let go */
  assert_int_equal(kiosk_chord_update(&c, 1, 3100, 2000), 0);
  assert_int_equal(kiosk_chord_update(&c, 1, 5099, 2000), 0);
  assert_int_equal(kiosk_chord_update(&c, 1, 5100, 2000), 1);
  assert_int_equal(kiosk_chord_update(&c, 1, 9000, 2000), 0); /* once */
  assert_true(kiosk_chord_progress(&c, 9000, 2000) == 0.0);
  kiosk_chord_update(&c, 0, 9100, 2000);
  kiosk_chord_update(&c, 1, 9200, 2000);
  assert_int_equal(kiosk_chord_update(&c, 1, 11200, 2000), 1);
}

static void test_pin(void **st) {
  unsigned char s1[KIOSK_PIN_SALT], s2[KIOSK_PIN_SALT];
  char h1[KIOSK_PIN_HASH_MAX], h2[KIOSK_PIN_HASH_MAX], bad[KIOSK_PIN_HASH_MAX];
  (void)st;
  memset(s1, 1, sizeof s1);
  memset(s2, 2, sizeof s2);
  assert_int_equal(kiosk_pin_check("1234"), 0);
  assert_int_equal(kiosk_pin_check("123"), QD_EINVAL);
  assert_int_equal(kiosk_pin_check("12a4"), QD_EINVAL);
  assert_int_equal(kiosk_pin_check("1234567890123"), QD_EINVAL);
  assert_int_equal(kiosk_pin_check(NULL), QD_EINVAL);
  assert_int_equal(kiosk_pin_hash("12", s1, KIOSK_PIN_FAST, h1, sizeof h1),
                   QD_EINVAL);
  assert_int_equal(kiosk_pin_hash("1234", s1, KIOSK_PIN_FAST, h1, 20),
                   QD_EINVAL);
  assert_int_equal(kiosk_pin_hash("1234", s1, KIOSK_PIN_FAST, h1, sizeof h1), 0);
  assert_int_equal(kiosk_pin_hash("1234", s2, KIOSK_PIN_FAST, h2, sizeof h2), 0);
  /* salted: the same PIN hashes differently; the PIN is not in the text */
  assert_string_not_equal(h1, h2);
  assert_null(strstr(h1, "1234$"));
  assert_int_equal(strncmp(h1, "qdpin1$argon2id$", 16), 0);
  assert_int_equal(kiosk_pin_verify(h1, "1234"), 1);
  assert_int_equal(kiosk_pin_verify(h2, "1234"), 1);
  assert_int_equal(kiosk_pin_verify(h1, "1235"), 0);
  assert_int_equal(kiosk_pin_verify(h1, "4321"), 0);
  assert_int_equal(kiosk_pin_verify(h1, ""), 0);
  assert_int_equal(kiosk_pin_verify(h1, "12345"), 0);
  /* malformed or tampered settings */
  assert_int_equal(kiosk_pin_verify("1234", "1234"), QD_EPARSE);
  assert_int_equal(kiosk_pin_verify("", "1234"), QD_EPARSE);
  assert_int_equal(kiosk_pin_verify(NULL, "1234"), QD_EPARSE);
  snprintf(bad, sizeof bad, "%.*s", (int)strlen(h1) - 2, h1); /* cut */
  assert_int_equal(kiosk_pin_verify(bad, "1234"), QD_EPARSE);
  snprintf(bad, sizeof bad, "qdpin1$argon2id$1$99999999999$%s",
           strchr(strchr(h1 + 16, '$') + 1, '$') + 1); /* 93 GB */
  assert_int_equal(kiosk_pin_verify(bad, "1234"), QD_EPARSE);
  snprintf(bad, sizeof bad, "%s", h1);
  bad[strlen(bad) - 1] = bad[strlen(bad) - 1] == '0' ? '1' : '0';
  assert_int_equal(kiosk_pin_verify(bad, "1234"), 0); /* hash changed */
}

static void test_pin_strong(void **st) {
  unsigned char s[KIOSK_PIN_SALT] = {9, 8, 7};
  char h[KIOSK_PIN_HASH_MAX];
  (void)st;
  assert_int_equal(kiosk_pin_hash("246810", s, KIOSK_PIN_STRONG, h, sizeof h),
                   0);
  assert_int_equal(kiosk_pin_verify(h, "246810"), 1);
  assert_int_equal(kiosk_pin_verify(h, "246811"), 0);
}

static void test_pin_gate(void **st) {
  KioskPinGate g;
  (void)st;
  memset(&g, 0, sizeof g);
  for (int i = 0; i < 4; i++) {
    assert_int_equal(kiosk_pin_gate_wait(&g, 1000), 0);
    kiosk_pin_gate_result(&g, 0, 1000);
  }
  assert_int_equal(kiosk_pin_gate_wait(&g, 1000), 0);
  kiosk_pin_gate_result(&g, 0, 2000); /* fifth failure */
  assert_int_equal(kiosk_pin_gate_wait(&g, 2000), 30000);
  assert_int_equal(kiosk_pin_gate_wait(&g, 31999), 1);
  assert_int_equal(kiosk_pin_gate_wait(&g, 32000), 0);
  kiosk_pin_gate_result(&g, 1, 32000);
  assert_int_equal(kiosk_pin_gate_wait(&g, 32000), 0);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_deck_options),
      cmocka_unit_test(test_deck_deterministic),
      cmocka_unit_test(test_deck_skips),
      cmocka_unit_test(test_deck_own_distractors),
      cmocka_unit_test(test_points),
      cmocka_unit_test(test_kiosk_round),
      cmocka_unit_test(test_kiosk_untimed),
      cmocka_unit_test(test_kiosk_timeout_held),
      cmocka_unit_test(test_kiosk_idle),
      cmocka_unit_test(test_kiosk_cycles),
      cmocka_unit_test(test_outbox),
      cmocka_unit_test(test_present_plain),
      cmocka_unit_test(test_present_teams),
      cmocka_unit_test(test_chord),
      cmocka_unit_test(test_pin),
      cmocka_unit_test(test_pin_strong),
      cmocka_unit_test(test_pin_gate),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
