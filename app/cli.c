/* cli.c - quizdeck's subcommands for scripting (see cli.h). */
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "error.h"
#include "sched.h"
#include "store.h"

typedef int (*CliCommand)(const CliGlobals *g, int argc, char **argv);

static int cmd_decks(const CliGlobals *g, int argc, char **argv);
static int cmd_stats(const CliGlobals *g, int argc, char **argv);
static int cmd_help(const CliGlobals *g, int argc, char **argv);
static int cmd_settings(const CliGlobals *g, int argc, char **argv);

static const struct {
  const char *name;
  CliCommand run;
  const char *usage;
} COMMANDS[] = {
    {"decks", cmd_decks, "decks                       decks with new / learning / due counts"},
    {"stats", cmd_stats, "stats [DECK] [--kiosk]      reviews today, true retention, cards by state"},
    {"settings", cmd_settings, "settings DECK [--scheduler fsrs|sm2] [--retention R] [--new-per-day N]\n"
     "        [--reviews-per-day N] [--learn-steps \"1m 10m\"] [--relearn-steps 10m]\n"
     "        [--max-interval DAYS] [--fuzz on|off] [--time-limit SECONDS]\n"
     "                              show or change a deck's study settings"},
#ifdef QD_HAVE_IMPORT /* the teachers' commands, app/cli_decks.c */
    {"import", cli_cmd_import, "import FILE [--deck NAME] [--dry-run]"},
    {"export", cli_cmd_export, "export DECK FILE [--format tsv|deck] [--with-history]"},
    {"rename", cli_cmd_rename, "rename OLD NEW"},
    {"delete", cli_cmd_delete, "delete DECK [--yes]"},
    {"merge", cli_cmd_merge, "merge FROM INTO"},
#endif
    {"help", cmd_help, "help                        this text"},
};
#define N_COMMANDS (int)(sizeof COMMANDS / sizeof COMMANDS[0])

static int cmd_help(const CliGlobals *g, int argc, char **argv) {
  (void)g;
  (void)argc;
  (void)argv;
  printf("usage: quizdeck [--db PATH] [--profile NAME] COMMAND [ARGS]\n"
         "       quizdeck [--db PATH] [--profile NAME] [--deck NAME] "
         "[--mode flip|choice|typed]   (the app)\n\ncommands:\n");
  for (int i = 0; i < N_COMMANDS; i++) printf("  %s\n", COMMANDS[i].usage);
  return 0;
}

Store *cli_open_store(const CliGlobals *g, int flags) {
  char err[512];
  char *def = NULL;
  const char *path = g->db_path;
  if (!path) {
    def = store_default_path();
    if (!def) {
      fprintf(stderr, "quizdeck: cannot find a home directory for the "
                      "database; use --db PATH\n");
      return NULL;
    }
    path = def;
  }
  Store *s = NULL;
  if (store_open(path, flags, &s, err, sizeof err)) {
    fprintf(stderr, "%s\n", err);
    s = NULL;
  } else {
    store_set_utc_offset(s, g->utc_offset);
  }
  free(def);
  return s;
}

/* Finds the profile to report on.  Only "default" is created on the fly:
 * creating another profile makes cards for every note, which a read-only
 * command must not do behind the user's back. */
static int find_profile(Store *s, const char *name, int64_t *id) {
  int rc = store_profile_find(s, name, id);
  if (rc == QD_ENOTFOUND && strcmp(name, "default") == 0)
    rc = store_profile_ensure(s, name, id);
  return rc;
}

/* Number of terminal columns a UTF-8 string takes (one per code point;
 * East Asian wide characters count two). */
static int display_width(const char *str) {
  int w = 0;
  const unsigned char *p = (const unsigned char *)str;
  while (*p) {
    unsigned c = *p;
    int len = c < 0x80 ? 1 : c < 0xe0 ? 2 : c < 0xf0 ? 3 : 4;
    unsigned cp = c;
    if (len == 3 && p[1] && p[2])
      cp = ((c & 0x0f) << 12) | ((p[1] & 0x3f) << 6) | (p[2] & 0x3f);
    w += (len == 3 && cp >= 0x1100 &&
          (cp <= 0x115f || (cp >= 0x2e80 && cp <= 0xa4cf) ||
           (cp >= 0xac00 && cp <= 0xd7a3) || (cp >= 0xf900 && cp <= 0xfaff) ||
           (cp >= 0xff00 && cp <= 0xff60)))
             ? 2
             : 1;
    for (int i = 0; i < len && *p; i++) p++;
  }
  return w;
}

static int cmd_decks(const CliGlobals *g, int argc, char **argv) {
  if (argc > 1) {
    fprintf(stderr, "quizdeck: decks: unexpected argument '%s'\n", argv[1]);
    return 2;
  }
  Store *s = cli_open_store(g, STORE_NOCREATE);
  if (!s) return 1;
  int64_t profile;
  StoreDeckInfo *d = NULL;
  int n = 0, rc = find_profile(s, g->profile, &profile);
  if (!rc) rc = store_decks_list(s, profile, g->now, &d, &n);
  if (rc) {
    fprintf(stderr, "%s\n", store_errmsg(s));
    store_close(s);
    return 1;
  }
  int wname = 4;
  for (int i = 0; i < n; i++) {
    int w = display_width(d[i].name);
    if (w > wname) wname = w;
  }
  printf("%-*s  %5s  %5s  %5s  %7s\n", wname, "Deck", "New", "Learn", "Due",
         "Cards");
  for (int i = 0; i < n; i++) {
    int pad = wname - display_width(d[i].name);
    printf("%s%*s  %5d  %5d  %5d  %7d\n", d[i].name, pad, "", d[i].n_new,
           d[i].n_learning, d[i].n_due, d[i].n_cards);
  }
  if (n == 0) printf("(no decks yet: add one with 'quizdeck import FILE')\n");
  store_decks_free(d, n);
  store_close(s);
  return 0;
}

static void print_missed(Store *s, int64_t profile, int64_t deck) {
  StoreMissed *m = NULL;
  int n = 0;
  if (store_most_missed(s, profile, deck, 10, &m, &n)) {
    fprintf(stderr, "%s\n", store_errmsg(s));
    return;
  }
  printf("Most missed questions:\n");
  if (n == 0) printf("  (none missed yet)\n");
  for (int i = 0; i < n; i++)
    printf("  %3d%%  %d of %d  %s  [%s]\n", 100 * m[i].misses / m[i].reviews,
           m[i].misses, m[i].reviews, m[i].prompt, m[i].answer);
  store_missed_free(m, n);
}

static int cmd_stats(const CliGlobals *g, int argc, char **argv) {
  const char *deck_name = NULL;
  int kiosk = 0;
  for (int i = 1; i < argc; i++) {
    if (strcmp(argv[i], "--kiosk") == 0) kiosk = 1;
    else if (argv[i][0] == '-' && argv[i][1]) {
      fprintf(stderr, "quizdeck: stats: unknown option '%s'\n", argv[i]);
      return 2;
    } else if (!deck_name) deck_name = argv[i];
    else {
      fprintf(stderr, "quizdeck: stats: unexpected argument '%s'\n", argv[i]);
      return 2;
    }
  }
  Store *s = cli_open_store(g, STORE_NOCREATE);
  if (!s) return 1;
  const char *pname = kiosk ? "kiosk" : g->profile;
  int64_t profile = 0, deck = 0;
  int rc = find_profile(s, pname, &profile);
  if (rc == QD_ENOTFOUND && kiosk) {
    printf("Profile: kiosk\nNo kiosk answers recorded yet.\n"
           "Most missed questions:\n  (none missed yet)\n");
    store_close(s);
    return 0;
  }
  if (!rc && deck_name) rc = store_deck_find(s, deck_name, &deck);
  StoreStats st;
  if (!rc) rc = store_stats(s, profile, deck, g->now, &st);
  if (rc) {
    fprintf(stderr, "%s\n", store_errmsg(s));
    store_close(s);
    return 1;
  }
  printf("Profile: %s   Deck: %s\n", pname, deck_name ? deck_name : "(all)");
  printf("Reviews today: %d", st.reviews_today);
  if (st.reviews_today)
    printf(" (%d correct, %.0f%%)", st.correct_today,
           100.0 * st.correct_today / st.reviews_today);
  printf("\n");
  if (st.mature_reviews_30d)
    printf("True retention (30 days): %.1f%% of %d reviews\n",
           100.0 * st.mature_correct_30d / st.mature_reviews_30d,
           st.mature_reviews_30d);
  else
    printf("True retention (30 days): no reviews of review cards yet\n");
  printf("Cards: new %d, learning %d, review %d, relearning %d, "
         "suspended %d\n",
         st.cards_by_state[0], st.cards_by_state[1], st.cards_by_state[2],
         st.cards_by_state[3], st.suspended);
  int week = 0;
  for (int i = 23; i < 30; i++) week += st.reviews_per_day[i];
  printf("Reviews last 7 days: %d   Due tomorrow: %d\n", week,
         st.due_per_day[1]);
  if (kiosk) print_missed(s, profile, deck);
  store_close(s);
  return 0;
}

/* Parses "1m 10m 1h 1d" (a bare number is minutes) into seconds. */
static int parse_steps_arg(const char *text, int *steps, int max) {
  int n = 0;
  const char *p = text;
  while (*p) {
    while (*p == ' ' || *p == ',') p++;
    if (!*p) break;
    char *end;
    double v = strtod(p, &end);
    if (end == p || v <= 0) return -1;
    long mult = 60;
    if (*end == 's') mult = 1, end++;
    else if (*end == 'm') mult = 60, end++;
    else if (*end == 'h') mult = 3600, end++;
    else if (*end == 'd') mult = 86400, end++;
    if (*end && *end != ' ' && *end != ',') return -1;
    double secs = v * mult;
    if (n == max || secs < 1 || secs > 365.0 * 86400) return -1;
    steps[n++] = (int)(secs + 0.5);
    p = end;
  }
  return n;
}

static void print_steps(const int *steps, int n) {
  if (n == 0) printf("(none)");
  for (int i = 0; i < n; i++) {
    char b[16];
    sched_format_interval(steps[i], b, sizeof b);
    printf("%s%s", i ? " " : "", b);
  }
  printf("\n");
}

/* Reads an integer option value in [lo, hi]; prints the usage error. */
static int int_arg(const char *opt, const char *v, long lo, long hi, int *out) {
  char *end;
  long x = strtol(v, &end, 10);
  if (end == v || *end || x < lo || x > hi) {
    fprintf(stderr, "quizdeck: settings: %s wants a whole number from %ld to "
                    "%ld, not '%s'\n", opt, lo, hi, v);
    return -1;
  }
  *out = (int)x;
  return 0;
}

static int cmd_settings(const CliGlobals *g, int argc, char **argv) {
  const char *deck_name = NULL;
  int i;
  for (i = 1; i < argc; i++) {
    if (argv[i][0] == '-' && argv[i][1] == '-') {
      i++; /* every option takes a value */
      continue;
    }
    if (deck_name) {
      fprintf(stderr, "quizdeck: settings: unexpected argument '%s'\n", argv[i]);
      return 2;
    }
    deck_name = argv[i];
  }
  if (!deck_name) {
    fprintf(stderr, "usage: quizdeck settings DECK [options] (see 'quizdeck help')\n");
    return 2;
  }
  Store *s = cli_open_store(g, STORE_NOCREATE);
  if (!s) return 1;
  int64_t deck;
  StoreDeckSettings set;
  int rc = store_deck_find(s, deck_name, &deck);
  if (!rc) rc = store_deck_settings(s, deck, &set);
  if (rc) {
    fprintf(stderr, "%s\n", store_errmsg(s));
    store_close(s);
    return 1;
  }
  int changed = 0, bad = 0;
  SchedConfig *c = &set.sched;
  for (i = 1; i < argc && !bad; i++) {
    const char *o = argv[i];
    if (strncmp(o, "--", 2) != 0) continue;
    if (i + 1 >= argc) {
      fprintf(stderr, "quizdeck: settings: %s needs a value\n", o);
      bad = 1;
      break;
    }
    const char *v = argv[++i];
    changed = 1;
    if (strcmp(o, "--scheduler") == 0) {
      if (strcmp(v, "fsrs") == 0) c->algorithm = SCHED_FSRS;
      else if (strcmp(v, "sm2") == 0) c->algorithm = SCHED_SM2;
      else {
        fprintf(stderr, "quizdeck: settings: --scheduler is fsrs or sm2, not '%s'\n", v);
        bad = 1;
      }
    } else if (strcmp(o, "--retention") == 0) {
      char *end;
      double r = strtod(v, &end);
      if (end == v || *end || r < 0.7 || r > 0.99) {
        fprintf(stderr, "quizdeck: settings: --retention wants a number from "
                        "0.70 to 0.99, not '%s'\n", v);
        bad = 1;
      } else {
        c->desired_retention = r;
      }
    } else if (strcmp(o, "--new-per-day") == 0) {
      bad = int_arg(o, v, 0, 9999, &set.new_per_day) < 0;
    } else if (strcmp(o, "--reviews-per-day") == 0) {
      bad = int_arg(o, v, 0, 99999, &set.reviews_per_day) < 0;
    } else if (strcmp(o, "--max-interval") == 0) {
      bad = int_arg(o, v, 1, 36500, &c->maximum_interval) < 0;
    } else if (strcmp(o, "--time-limit") == 0) {
      bad = int_arg(o, v, 0, 3600, &set.time_limit) < 0;
    } else if (strcmp(o, "--fuzz") == 0) {
      if (strcmp(v, "on") == 0) c->fuzz = 1;
      else if (strcmp(v, "off") == 0) c->fuzz = 0;
      else {
        fprintf(stderr, "quizdeck: settings: --fuzz is on or off, not '%s'\n", v);
        bad = 1;
      }
    } else if (strcmp(o, "--learn-steps") == 0 || strcmp(o, "--relearn-steps") == 0) {
      int learn = o[2] == 'l';
      int *steps = learn ? c->learn_steps : c->relearn_steps;
      int n = parse_steps_arg(v, steps, SCHED_MAX_STEPS);
      if (n < 0) {
        fprintf(stderr, "quizdeck: settings: %s wants up to %d steps like "
                        "\"1m 10m 1h\", not '%s'\n", o, SCHED_MAX_STEPS, v);
        bad = 1;
      } else if (learn) {
        c->n_learn_steps = n;
      } else {
        c->n_relearn_steps = n;
      }
    } else {
      fprintf(stderr, "quizdeck: settings: unknown option '%s'\n", o);
      bad = 1;
    }
  }
  if (bad) {
    store_close(s);
    return 2;
  }
  if (changed && store_deck_set_settings(s, deck, &set)) {
    fprintf(stderr, "%s\n", store_errmsg(s));
    store_close(s);
    return 1;
  }
  printf("Deck: %s\n", deck_name);
  printf("Scheduler: %s\n", c->algorithm == SCHED_SM2 ? "SM-2 (Anki)" : "FSRS-6");
  printf("Desired retention: %.2f\n", c->desired_retention);
  printf("New cards per day: %d\n", set.new_per_day);
  printf("Reviews per day: %d\n", set.reviews_per_day);
  printf("Learning steps: ");
  print_steps(c->learn_steps, c->n_learn_steps);
  printf("Relearning steps: ");
  print_steps(c->relearn_steps, c->n_relearn_steps);
  printf("Maximum interval: %d days\n", c->maximum_interval);
  printf("Fuzz: %s\n", c->fuzz ? "on" : "off");
  printf("Time limit (classroom): %d s\n", set.time_limit);
  store_close(s);
  return 0;
}

/* Removes the global options from argv in place; returns the new argc or
 * -1 on a usage error. */
static int take_globals(int argc, char **argv, CliGlobals *g) {
  int out = 0;
  for (int i = 0; i < argc; i++) {
    const char *a = argv[i];
    if ((strcmp(a, "--db") == 0 || strcmp(a, "--profile") == 0)) {
      if (i + 1 >= argc) {
        fprintf(stderr, "quizdeck: %s needs a value\n", a);
        return -1;
      }
      if (a[2] == 'd') g->db_path = argv[++i];
      else g->profile = argv[++i];
    } else if (strncmp(a, "--db=", 5) == 0) {
      g->db_path = a + 5;
    } else if (strncmp(a, "--profile=", 10) == 0) {
      g->profile = a + 10;
    } else {
      argv[out++] = argv[i];
    }
  }
  return out;
}

int cli_dispatch(int argc, char **argv, int *exit_code) {
  /* find the subcommand: the first argument that is not an option or an
   * option's value */
  int cmd = -1, at = -1;
  for (int i = 1; i < argc && cmd < 0; i++) {
    const char *a = argv[i];
    if (a[0] == '-') {
      /* options of the app or of the CLI that take a value */
      static const char *const with_value[] = {
          "--db", "--profile", "--deck", "--mode", "--frames", "--screenshot",
          "--scale", "--size", "--pin", "--display", "--set-pin",
          "--idle-seconds", "--teams", "--questions", "--shot-dir",
          "--trace", "--fonts"};
      for (size_t k = 0; k < sizeof with_value / sizeof *with_value; k++)
        if (strcmp(a, with_value[k]) == 0) {
          i++;
          break;
        }
      if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
        cmd = N_COMMANDS - 1;
        at = i;
      }
      continue;
    }
    for (int k = 0; k < N_COMMANDS; k++)
      if (strcmp(a, COMMANDS[k].name) == 0) {
        cmd = k;
        at = i;
      }
    if (cmd < 0) {
      fprintf(stderr, "quizdeck: unknown command '%s' (try 'quizdeck help')\n",
              a);
      *exit_code = 2;
      return 1;
    }
  }
  if (cmd < 0) return 0;

  CliGlobals g = {NULL, "default", 0, 0};
  time_t now = time(NULL);
  struct tm lt;
  g.now = (int64_t)now;
  if (localtime_r(&now, &lt)) g.utc_offset = (int)lt.tm_gmtoff;

  /* argv for the command: its name first, then everything else */
  char **args = malloc((size_t)argc * sizeof *args);
  if (!args) {
    fprintf(stderr, "quizdeck: out of memory\n");
    *exit_code = 1;
    return 1;
  }
  int n = 0;
  args[n++] = argv[at];
  for (int i = 1; i < argc; i++)
    if (i != at) args[n++] = argv[i];
  n = take_globals(n, args, &g);
  *exit_code = n < 0 ? 2 : COMMANDS[cmd].run(&g, n, args);
  free(args);
  return 1;
}
