/* browse_bench.c - the deck browser on a big deck (teachers' screen).
 *
 *   browse_bench E2E_MKDB WORKDIR [N_NOTES]
 *
 * Makes (once, kept in WORKDIR) a database with one deck of N_NOTES notes
 * (100,000 by default), opens the app headless at 1280x800 and prints,
 * each as the wall-clock time of the action and the layout after it:
 *   browse_enter_ms            B on the deck list: first page and layout
 *   browse_page_notes          notes held in memory (a page, not the deck)
 *   browse_down_ms             Down (no read)
 *   browse_end_ms              End: count, then the last page
 *   browse_search_key_mean_ms / _max_ms
 *                              a letter typed in the search field (FTS5
 *                              over prompt, answer and sources, first page)
 *   browse_edit_save_ms        Enter, a letter, Enter (store_note_put)
 *   browse_suspend_ms          S
 *   browse_enter_suspended_ms  B again with a suspended card in the deck
 *                              (each shown note's suspension is read with
 *                              store_note_history: StoreNote has no flag)
 * Uses SDL's dummy video driver; never asserts anything. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "app.h"

static double wall_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec * 1000.0 + (double)ts.tv_nsec / 1e6;
}

/* One action as the loop handles it: the action, then the layout. */
static double timed(App *a, ActionKind k, int n, const char *text) {
  Action x;
  double t0 = wall_ms();
  memset(&x, 0, sizeof x);
  x.kind = k;
  x.n = n;
  if (text) snprintf(x.text, sizeof x.text, "%s", text);
  app_action(a, &x);
  app_layout(a);
  return wall_ms() - t0;
}

int main(int argc, char **argv) {
  char db[1024], cmd[3000], err[512];
  const char *n_notes = argc > 3 ? argv[3] : "100000";
  struct stat st;
  AppOptions o;
  App *a = NULL;
  double sum = 0, worst = 0;
  static const char *const keys[] = {"s", "u", "m", "m", "i", "t"};
  if (argc < 3) {
    fprintf(stderr, "usage: browse_bench E2E_MKDB WORKDIR [N_NOTES]\n");
    return 2;
  }
  snprintf(db, sizeof db, "%s/browse-%s.db", argv[2], n_notes);
  mkdir(argv[2], 0755);
  if (stat(db, &st) != 0) {
    snprintf(cmd, sizeof cmd, "'%s' '%s' %s 'Big deck' >/dev/null", argv[1],
             db, n_notes);
    if (system(cmd) != 0) {
      fprintf(stderr, "browse_bench: cannot make '%s'\n", db);
      return 1;
    }
  }
  setenv("SDL_VIDEODRIVER", "dummy", 1);
  setenv("SDL_RENDER_DRIVER", "software", 1);
  memset(&o, 0, sizeof o);
  o.db_path = db;
  o.profile = "Bench";
  o.mode = -1;
  o.high_contrast = 0;
  o.scale = 1.0f;
  o.width = 1280;
  o.height = 800;
  o.hidden = 1;
  if (app_open(&o, &a, err, sizeof err) < 0) {
    fprintf(stderr, "%s\n", err);
    return 1;
  }
  app_layout(a);
  if (a->cur != SCR_DECKS || a->decks.n < 1) {
    fprintf(stderr, "browse_bench: no deck list\n");
    app_close(a);
    return 1;
  }
  printf("browse_enter_ms %.1f ms\n", timed(a, ACT_KEY, 'b', NULL));
  printf("browse_page_notes %d notes\n", a->browse.n);
  printf("browse_down_ms %.2f ms\n", timed(a, ACT_DOWN, 0, NULL));
  printf("browse_end_ms %.1f ms\n", timed(a, ACT_END, 0, NULL));
  timed(a, ACT_HOME, 0, NULL);
  timed(a, ACT_FIND, 0, NULL);
  for (size_t i = 0; i < sizeof keys / sizeof *keys; i++) {
    double t = timed(a, ACT_TEXT, 0, keys[i]);
    sum += t;
    if (t > worst) worst = t;
  }
  printf("browse_search_key_mean_ms %.1f ms\n",
         sum / (double)(sizeof keys / sizeof *keys));
  printf("browse_search_key_max_ms %.1f ms\n", worst);
  timed(a, ACT_BACK, 0, NULL); /* clear */
  timed(a, ACT_BACK, 0, NULL); /* leave the field */
  {
    double t = timed(a, ACT_ACCEPT, 0, NULL);
    t += timed(a, ACT_TEXT, 0, "!");
    t += timed(a, ACT_ACCEPT, 0, NULL);
    printf("browse_edit_save_ms %.1f ms\n", t);
  }
  printf("browse_suspend_ms %.1f ms\n", timed(a, ACT_KEY, 's', NULL));
  timed(a, ACT_BACK, 0, NULL);
  printf("browse_enter_suspended_ms %.1f ms\n",
         timed(a, ACT_KEY, 'b', NULL));
  /* leave the database as it was for the next run */
  timed(a, ACT_KEY, 's', NULL);
  timed(a, ACT_ACCEPT, 0, NULL);
  timed(a, ACT_BACKSPACE, 0, NULL);
  timed(a, ACT_ACCEPT, 0, NULL);
  app_close(a);
  return 0;
}
