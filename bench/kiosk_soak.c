/* kiosk_soak.c - weeks of classroom use of the kiosk station, accelerated.
 *
 *   kiosk_soak [--questions N] [--every N] [--size WxH] [--dir DIR]
 *              [--seed S]
 *
 * Runs the real kiosk screen (app_open --kiosk, SDL offscreen driver,
 * software renderer) on a simulated clock: scripted students tap "start",
 * think 1-15 s, answer by touch (mouse events at the tiles) or keys 1-4,
 * sometimes let the countdown run out, play again, finish, or walk away
 * (60 s idle -> warning -> attract loop).  Input goes through SDL's event
 * queue and app_frame(), so each frame is the app's own: event mapping,
 * layout, software rendering, text cache, answers written to SQLite.
 * Along the way another connection holds the database's write lock now
 * and then (the kiosk must keep drawing and store the answers later),
 * and the display changes size.  Default: 100,000 answered questions
 * (about two weeks of use) on an 800x480 screen.  Time moves in steps of
 * seconds between frames (the screens' timers are exact across steps).
 *
 * Prints `name value unit` lines:
 *   kiosk_soak_rss_kb_at_<n>   resident memory after n questions (every
 *                              --every questions; flat = no leak)
 *   kiosk_soak_rss_growth_kb   last - first of those samples
 *   kiosk_soak_frame_ms_p50 / _p99 / _max   app_frame() wall time
 *   kiosk_soak_questions, _players, _attract_cycles, _simulated_days
 *   kiosk_soak_stored, _lost, _store_errors, _busy_periods,
 *   kiosk_soak_layout_errors, _text_cache_kb, _wall_s
 * Never asserts; exit 1 only when it cannot start. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "app.h"
#include "error.h"
#include "kiosk_ui.h"
#include "store.h"

#define DECK "Soak deck"
#define FT_BINS 20000 /* frame time histogram: 0.05 ms bins up to 1 s */

typedef struct Rng {
  uint64_t s;
} Rng;

static uint32_t rnd(Rng *r) { /* xorshift64* */
  r->s ^= r->s >> 12;
  r->s ^= r->s << 25;
  r->s ^= r->s >> 27;
  return (uint32_t)((r->s * 0x2545F4914F6CDD1DULL) >> 32);
}

static int below(Rng *r, int n) { return (int)(rnd(r) % (uint32_t)n); }

static double wall_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec * 1000.0 + (double)ts.tv_nsec / 1e6;
}

static long rss_kb(void) {
  long pages = 0, rss = 0;
  FILE *f = fopen("/proc/self/statm", "r");
  if (!f) return -1;
  if (fscanf(f, "%ld %ld", &pages, &rss) != 2) rss = -1;
  fclose(f);
  return rss < 0 ? -1 : rss * (sysconf(_SC_PAGESIZE) / 1024);
}

static int make_db(const char *path) {
  static const char *const types[] = {"person", "place", "date", "number"};
  Store *s = NULL;
  char err[512];
  int64_t deck;
  if (store_open(path, 0, &s, err, sizeof err) < 0) {
    fprintf(stderr, "%s\n", err);
    return -1;
  }
  if (store_deck_ensure(s, DECK, &deck) < 0) goto fail;
  for (int i = 0; i < 48; i++) {
    StoreNote n;
    StoreSource src;
    char guid[16], prompt[200], answer[64], sentence[256];
    memset(&n, 0, sizeof n);
    snprintf(guid, sizeof guid, "s%d", i);
    snprintf(prompt, sizeof prompt,
             "Soak question %d: which %s goes with fact %d of the reader?", i,
             types[i % 4], i);
    snprintf(answer, sizeof answer, "%s %d", types[i % 4], i);
    snprintf(sentence, sizeof sentence,
             "The reader states fact %d plainly: the answer is %s.", i,
             answer);
    src.article = "Soak reader";
    src.sentence = sentence;
    n.guid = guid;
    n.prompt = prompt;
    n.answer = answer;
    n.type = (char *)types[i % 4];
    n.sources = &src;
    n.n_sources = 1;
    n.time_limit = i % 5 == 0 ? 30 : 0;
    if (store_note_put(s, deck, &n, NULL) < 0) goto fail;
  }
  store_close(s);
  return 0;
fail:
  fprintf(stderr, "%s\n", store_errmsg(s));
  store_close(s);
  return -1;
}

typedef struct Soak {
  App *a;
  Rng r;
  double ft_sum;
  long ft_n, ft_hist[FT_BINS + 1];
  double ft_max;
  long layout_errors;
} Soak;

/* One frame of the app: `ms` of simulated time, then app_frame(). */
static void frame(Soak *k, int64_t ms) {
  double t0, dt;
  int bin;
  kiosk_ui_advance(k->a, ms);
  t0 = wall_ms();
  app_frame(k->a);
  dt = wall_ms() - t0;
  k->ft_sum += dt;
  k->ft_n++;
  if (dt > k->ft_max) k->ft_max = dt;
  bin = (int)(dt / 0.05);
  k->ft_hist[bin > FT_BINS ? FT_BINS : bin]++;
  if (k->ft_n % 97 == 0) {
    char msg[512];
    if (view_check(&k->a->view, msg, sizeof msg) != 0 || k->a->view.oom) {
      if (k->layout_errors++ < 5)
        fprintf(stderr, "kiosk_soak: layout: %s\n", msg);
    }
  }
}

/* Lets `ms` pass in steps of about `step` ms, a frame each. */
static void wait_ms(Soak *k, int64_t ms, int64_t step) {
  while (ms > 0) {
    int64_t d = ms < step ? ms : step;
    frame(k, d);
    ms -= d;
  }
}

static double pct(const Soak *k, double p) {
  long want = (long)(p * (double)k->ft_n), seen = 0;
  for (int i = 0; i <= FT_BINS; i++) {
    seen += k->ft_hist[i];
    if (seen > want) return (i + 0.5) * 0.05;
  }
  return k->ft_max;
}

static void push_key(SDL_Keycode key) {
  SDL_Event e;
  memset(&e, 0, sizeof e);
  e.type = SDL_KEYDOWN;
  e.key.keysym.sym = key;
  e.key.state = SDL_PRESSED;
  SDL_PushEvent(&e);
  e.type = SDL_KEYUP;
  e.key.state = SDL_RELEASED;
  SDL_PushEvent(&e);
}

static void push_tap(int x, int y) {
  SDL_Event e;
  memset(&e, 0, sizeof e);
  e.type = SDL_MOUSEBUTTONDOWN;
  e.button.button = SDL_BUTTON_LEFT;
  e.button.state = SDL_PRESSED;
  e.button.x = x;
  e.button.y = y;
  e.button.clicks = 1;
  SDL_PushEvent(&e);
  e.type = SDL_MOUSEBUTTONUP;
  e.button.state = SDL_RELEASED;
  SDL_PushEvent(&e);
}

/* Taps the centre of the laid-out item with command cmd (and arg). */
static int tap_cmd(Soak *k, int cmd, int arg) {
  const View *v = &k->a->view;
  for (int i = v->n - 1; i >= 0; i--)
    if (v->items[i].cmd == cmd && (arg < 0 || v->items[i].arg == arg)) {
      push_tap(v->items[i].r.x + v->items[i].r.w / 2,
               v->items[i].r.y + v->items[i].r.h / 2);
      return 0;
    }
  return -1;
}

int main(int argc, char **argv) {
  long target = 100000, every = 10000;
  int w = 800, h = 480; /* a common classroom touch screen */
  uint64_t seed = 1;
  const char *dir = NULL;
  char db[1024], err[512], wal[1100];
  AppOptions o;
  Soak *k = calloc(1, sizeof *k);
  Store *other = NULL;
  long first_rss = -1, last_rss = -1, next_sample, busy_periods = 0;
  long attract = 0, last_phase = -1, held_lock_until_q = -1;
  double t_start;
  int64_t sim0;
  KioskUi *u;
  if (!k) return 1;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (!strcmp(argv[i], "--questions")) target = atol(argv[i + 1]);
    else if (!strcmp(argv[i], "--every")) every = atol(argv[i + 1]);
    else if (!strcmp(argv[i], "--seed")) seed = strtoull(argv[i + 1], NULL, 10);
    else if (!strcmp(argv[i], "--dir")) dir = argv[i + 1];
    else if (!strcmp(argv[i], "--size")) {
      if (sscanf(argv[i + 1], "%dx%d", &w, &h) != 2 || w < 320 || h < 240) {
        fprintf(stderr, "kiosk_soak: bad size '%s'\n", argv[i + 1]);
        return 1;
      }
    } else {
      fprintf(stderr, "usage: kiosk_soak [--questions N] [--every N] "
                      "[--size WxH] [--dir DIR] [--seed S]\n");
      return 1;
    }
  }
  if (target < 1) target = 1;
  if (every < 1) every = target;
  if (!dir) {
    struct stat st;
    dir = stat("/dev/shm", &st) == 0 && S_ISDIR(st.st_mode) ? "/dev/shm"
                                                             : "/tmp";
  }
  snprintf(db, sizeof db, "%s/qd-kiosk-soak-%ld.db", dir, (long)getpid());
  if (make_db(db) < 0) return 1;
  if (kiosk_ui_save_pin(db, "2468", err, sizeof err) < 0) {
    fprintf(stderr, "%s\n", err);
    return 1;
  }
  setenv("SDL_VIDEODRIVER", "offscreen", 0);
  setenv("SDL_RENDER_DRIVER", "software", 0);
  memset(&o, 0, sizeof o);
  o.db_path = db;
  o.mode = -1;
  o.high_contrast = -1;
  o.width = w;
  o.height = h;
  o.hidden = 1;
  o.kiosk = 1;
  o.deck = DECK;
  if (app_open(&o, &k->a, err, sizeof err) < 0) {
    fprintf(stderr, "%s\n", err);
    return 1;
  }
  k->a->fps_cap = 0; /* no pacing to a display: as fast as it renders */
  k->r.s = seed * 0x9E3779B97F4A7C15ULL + 1;
  u = k->a->kiosk;
  if (!u || !u->ready) {
    fprintf(stderr, "kiosk_soak: the kiosk did not start: %s\n",
            u ? u->err : "no state");
    return 1;
  }
  if (store_open(db, 0, &other, err, sizeof err) < 0) {
    fprintf(stderr, "%s\n", err);
    return 1;
  }
  t_start = wall_ms();
  sim0 = u->now;
  next_sample = 0;
  frame(k, 16);
  while (u->k.answered_total < target) {
    Kiosk *g = &u->k;
    long q = g->answered_total;
    if (q >= next_sample) {
      long r = rss_kb();
      printf("kiosk_soak_rss_kb_at_%ld %ld kB\n", q, r);
      fflush(stdout);
      if (first_rss < 0 && q > 0) first_rss = r;
      last_rss = r;
      next_sample += every;
    }
    /* another program writes for a while, now and then */
    if (held_lock_until_q < 0 && q % 5000 == 2500 && q > 0) {
      if (store_begin(other) == 0 &&
          store_setting_set(other, "soak.lock", "held") == 0) {
        held_lock_until_q = q + 3;
        busy_periods++;
      } else {
        store_rollback(other);
      }
    } else if (held_lock_until_q >= 0 && q >= held_lock_until_q) {
      if (store_commit(other) < 0) store_rollback(other);
      held_lock_until_q = -1;
    }
    /* the display changes now and then */
    if (q % 20000 == 10000 && g->phase == KIOSK_QUESTION) {
      int nw = (q / 20000) % 2 ? h : w, nh = (q / 20000) % 2 ? w : h;
      SDL_SetWindowSize(k->a->win, nw < 320 ? 320 : nw, nh < 240 ? 240 : nh);
      SDL_Event e;
      memset(&e, 0, sizeof e);
      e.type = SDL_WINDOWEVENT;
      e.window.event = SDL_WINDOWEVENT_SIZE_CHANGED;
      SDL_PushEvent(&e);
    }
    if ((long)g->phase != last_phase) {
      if (g->phase == KIOSK_ATTRACT && last_phase >= 0) attract++;
      last_phase = g->phase;
    }
    switch (g->phase) {
    case KIOSK_ATTRACT:
      /* the welcome screen cycles its samples until someone comes */
      wait_ms(k, 2000 + below(&k->r, 20000), KIOSK_SAMPLE_MS);
      if (tap_cmd(k, CMD_KIOSK_START, -1) < 0) push_key(SDLK_RETURN);
      frame(k, 16);
      break;
    case KIOSK_QUESTION: {
      int think = 1000 + below(&k->r, 14000), timeout = below(&k->r, 20) == 0;
      const KioskQuestion *qq = kiosk_question(g);
      int pick = below(&k->r, 10) < 6 ? qq->correct : below(&k->r, 4);
      if (timeout) {
        wait_ms(k, qq->time_limit_ms + 100, 8000);
        break;
      }
      wait_ms(k, think, 6000);
      if (g->phase != KIOSK_QUESTION) break;
      if (below(&k->r, 2)) push_key(SDLK_1 + pick);
      else if (tap_cmd(k, CMD_KIOSK_CHOICE, pick) < 0) push_key(SDLK_1 + pick);
      frame(k, 16);
      break;
    }
    case KIOSK_REVEAL:
      if (below(&k->r, 3) == 0) {
        wait_ms(k, 8200, 4100); /* reveal moves on by itself */
      } else {
        wait_ms(k, 1000 + below(&k->r, 3000), 4000);
        if (tap_cmd(k, CMD_KIOSK_NEXT, -1) < 0) push_key(SDLK_SPACE);
        frame(k, 16);
      }
      break;
    case KIOSK_END: {
      int what = below(&k->r, 3);
      wait_ms(k, 2000 + below(&k->r, 3000), 5000);
      if (what == 0) tap_cmd(k, CMD_KIOSK_AGAIN, -1);
      else if (what == 1) tap_cmd(k, CMD_KIOSK_DONE, -1);
      else wait_ms(k, 61000, 10000); /* walks away: warning, attract */
      frame(k, 16);
      break;
    }
    }
    if (k->a->quit) {
      fprintf(stderr, "kiosk_soak: the kiosk quit by itself\n");
      break;
    }
  }
  if (held_lock_until_q >= 0) store_commit(other);
  wait_ms(k, 2000, 500); /* let the last answers reach the store */
  {
    long r = rss_kb();
    int entries = 0;
    size_t bytes = 0;
    long renders = 0;
    printf("kiosk_soak_rss_kb_at_%ld %ld kB\n", u->k.answered_total, r);
    last_rss = r;
    text_cache_stats(render_text(k->a->rd), &entries, &bytes, &renders);
    printf("kiosk_soak_rss_growth_kb %ld kB\n",
           first_rss >= 0 ? last_rss - first_rss : 0);
    printf("kiosk_soak_questions %ld questions\n", u->k.answered_total);
    printf("kiosk_soak_players %ld players\n", u->k.players);
    printf("kiosk_soak_attract_cycles %ld cycles\n", attract);
    printf("kiosk_soak_simulated_days %.1f days\n",
           (double)(u->now - sim0) / 86400000.0);
    printf("kiosk_soak_frames %ld frames\n", k->ft_n);
    printf("kiosk_soak_frame_ms_mean %.3f ms\n", k->ft_sum / (double)k->ft_n);
    printf("kiosk_soak_frame_ms_p50 %.2f ms\n", pct(k, 0.50));
    printf("kiosk_soak_frame_ms_p99 %.2f ms\n", pct(k, 0.99));
    printf("kiosk_soak_frame_ms_max %.2f ms\n", k->ft_max);
    printf("kiosk_soak_stored %ld answers\n", u->stored);
    printf("kiosk_soak_lost %ld answers\n",
           u->k.out.dropped + (long)u->k.out.n);
    printf("kiosk_soak_store_errors %ld errors\n", u->store_failed);
    printf("kiosk_soak_busy_periods %ld periods\n", busy_periods);
    printf("kiosk_soak_layout_errors %ld errors\n", k->layout_errors);
    printf("kiosk_soak_text_cache_kb %zu kB\n", bytes / 1024);
    printf("kiosk_soak_text_cache_entries %d entries\n", entries);
    printf("kiosk_soak_wall_s %.1f s\n", (wall_ms() - t_start) / 1000.0);
  }
  store_close(other);
  app_close(k->a);
  free(k);
  unlink(db);
  snprintf(wal, sizeof wal, "%s-wal", db);
  unlink(wal);
  snprintf(wal, sizeof wal, "%s-shm", db);
  unlink(wal);
  return 0;
}
