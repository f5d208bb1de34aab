/* main.c - quizdeck: subcommands go to the command line (cli.c), anything
 * else starts the study app (ui/).
 *
 *   quizdeck [--db PATH] [--profile NAME] [--deck NAME]
 *            [--mode flip|choice|typed] [--frames N] [--screenshot FILE.png]
 *            [--scale X] [--high-contrast] [--size WxH]
 *            [--fonts=LIST] [--shot-dir=DIR] [--trace=FILE]
 *
 * --deck opens straight into studying that deck (with --profile, or the
 * last profile used); --frames N renders N frames and exits, saving the
 * last one with --screenshot; F12 saves a screenshot into --shot-dir;
 * --trace appends what is on screen (screens, cards, answers, button
 * positions) to FILE for scripted end-to-end tests. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "cli.h"
#include "kiosk_ui.h"

/* Classroom options (kiosk_ui.h).  Their values may follow as the next
 * argument; main() joins them as --name=VALUE before the subcommand
 * parser looks at argv. */
static const char *const CLASSROOM_VALUED[] = {
    "--set-pin", "--idle-seconds", "--teams", "--questions"};

static const char *eq_value(const char *a, const char *name) {
  size_t n = strlen(name);
  return strncmp(a, name, n) == 0 && a[n] == '=' ? a + n + 1 : NULL;
}

static int small_int(const char *v, int lo, int hi, int *out) {
  char *end;
  long n = strtol(v, &end, 10);
  if (!*v || *end || n < lo || n > hi) return -1;
  *out = (int)n;
  return 0;
}

static int usage(const char *msg, const char *arg) {
  fprintf(stderr, "quizdeck: %s '%s'\n", msg, arg);
  fprintf(stderr,
          "usage: quizdeck [--db PATH] [--profile NAME] [--deck NAME] "
          "[--mode flip|choice|typed]\n"
          "                [--frames N] [--screenshot FILE.png] [--scale X] "
          "[--high-contrast]\n"
          "                [--size WxH] [--fonts=LIST] [--shot-dir=DIR] "
          "[--trace=FILE]\n"
          "       quizdeck --kiosk | --present [--deck NAME] [--display N] "
          "[--questions N]\n"
          "                [--idle-seconds N] [--untimed] "
          "[--correctness-only] [--teams N]\n"
          "       quizdeck --set-pin NNNN   (teacher PIN that unlocks the "
          "kiosk: hold Ctrl+Alt+Q)\n"
          "       quizdeck help   (subcommands: decks, stats, import, ...)\n");
  return 2;
}

static int parse(int argc, char **argv, AppOptions *o) {
  memset(o, 0, sizeof *o);
  o->mode = -1;
  o->high_contrast = -1;
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    const char *val = i + 1 < argc ? argv[i + 1] : NULL;
    if (strcmp(a, "--high-contrast") == 0) {
      o->high_contrast = 1;
      continue;
    }
    if (strcmp(a, "--hidden") == 0) {
      o->hidden = 1;
      continue;
    }
    if (strncmp(a, "--fonts=", 8) == 0) {
      o->font_list = a + 8;
      continue;
    }
    if (strcmp(a, "--kiosk") == 0 || strcmp(a, "--present") == 0) {
      if (a[2] == 'k') o->kiosk = 1;
      else o->present = 1;
      continue;
    }
    if (strcmp(a, "--untimed") == 0 || strcmp(a, "--no-timer") == 0) {
      o->untimed = 1;
      continue;
    }
    if (strcmp(a, "--correctness-only") == 0) {
      o->correctness_only = 1;
      continue;
    }
    if (eq_value(a, "--set-pin")) {
      o->pin = eq_value(a, "--set-pin");
      continue;
    }
    if (eq_value(a, "--idle-seconds")) {
      if (small_int(eq_value(a, "--idle-seconds"), 5, 86400,
                    &o->idle_seconds) < 0)
        return usage("bad idle time (5 to 86400 seconds)", a);
      continue;
    }
    if (eq_value(a, "--teams")) {
      if (small_int(eq_value(a, "--teams"), 0, 8, &o->teams) < 0)
        return usage("bad number of teams (0 to 8)", a);
      continue;
    }
    if (eq_value(a, "--questions")) {
      if (small_int(eq_value(a, "--questions"), 1, 1000, &o->questions) < 0)
        return usage("bad number of questions (1 to 1000)", a);
      continue;
    }
    if (strncmp(a, "--trace=", 8) == 0) {
      o->trace = a + 8;
      continue;
    }
    if (strncmp(a, "--shot-dir=", 11) == 0) {
      o->shot_dir = a + 11;
      continue;
    }
    if (!val) return usage("missing value or unknown option", a);
    if (strcmp(a, "--db") == 0) o->db_path = val;
    else if (strcmp(a, "--profile") == 0) o->profile = val;
    else if (strcmp(a, "--deck") == 0) o->deck = val;
    else if (strcmp(a, "--pin") == 0) o->pin = val;
    else if (strcmp(a, "--display") == 0) {
      if (small_int(val, 0, 15, &o->display) < 0)
        return usage("bad display number (0 to 15)", val);
    }
    else if (strcmp(a, "--screenshot") == 0) o->screenshot = val;
    else if (strcmp(a, "--mode") == 0) {
      if (strcmp(val, "flip") == 0) o->mode = STUDY_FLIP;
      else if (strcmp(val, "choice") == 0) o->mode = STUDY_CHOICE;
      else if (strcmp(val, "typed") == 0) o->mode = STUDY_TYPED;
      else return usage("unknown mode (flip, choice or typed)", val);
    } else if (strcmp(a, "--frames") == 0) {
      char *end;
      long n = strtol(val, &end, 10);
      if (*end || n < 1 || n > 1000000) return usage("bad frame count", val);
      o->frames = (int)n;
    } else if (strcmp(a, "--scale") == 0) {
      char *end;
      double s = strtod(val, &end);
      if (*end || s < 0.5 || s > 3.0)
        return usage("bad scale (0.5 to 3)", val);
      o->scale = (float)s;
    } else if (strcmp(a, "--size") == 0) {
      int w = 0, h = 0;
      char x = 0, extra = 0;
      if (sscanf(val, "%d%c%d%c", &w, &x, &h, &extra) != 3 || x != 'x' ||
          w < 320 || h < 240 || w > 16384 || h > 16384)
        return usage("bad size (WxH, e.g. 1280x800)", val);
      o->width = w;
      o->height = h;
    } else {
      return usage("unknown option", a);
    }
    i++;
  }
  if (o->screenshot && o->frames == 0) o->frames = 1;
  return 0;
}

static int run(int argc, char **argv) {
  AppOptions opt;
  App *app = NULL;
  char err[512];
  int code = 0, rc;
  if (cli_dispatch(argc, argv, &code)) return code;
  rc = parse(argc, argv, &opt);
  if (rc) return rc;
  if (opt.pin) {
    if (kiosk_ui_save_pin(opt.db_path, opt.pin, err, sizeof err) < 0) {
      fprintf(stderr, "%s\n", err);
      return 1;
    }
    fprintf(stderr, "quizdeck: kiosk PIN set (stored as a salted hash)\n");
    if (!opt.kiosk && !opt.present) return 0;
  }
  if (app_open(&opt, &app, err, sizeof err) < 0) {
    fprintf(stderr, "%s\n", err);
    return 1;
  }
  code = app_run(app);
  app_close(app);
  return code;
}

int main(int argc, char **argv) {
  /* --set-pin 1234 -> --set-pin=1234 (see CLASSROOM_VALUED) */
  char **args = calloc((size_t)argc + 1, sizeof *args);
  char *joined[sizeof CLASSROOM_VALUED / sizeof *CLASSROOM_VALUED * 8];
  int n = 0, nj = 0, code;
  if (!args) return 1;
  for (int i = 0; i < argc; i++) {
    args[n] = argv[i];
    for (size_t k = 0; k < sizeof CLASSROOM_VALUED / sizeof *CLASSROOM_VALUED;
         k++)
      if (strcmp(argv[i], CLASSROOM_VALUED[k]) == 0 && i + 1 < argc &&
          nj < (int)(sizeof joined / sizeof *joined)) {
        size_t len = strlen(argv[i]) + strlen(argv[i + 1]) + 2;
        char *j = malloc(len);
        if (!j) break;
        snprintf(j, len, "%s=%s", argv[i], argv[i + 1]);
        args[n] = joined[nj++] = j;
        i++;
        break;
      }
    n++;
  }
  code = run(n, args);
  for (int i = 0; i < nj; i++) free(joined[i]);
  free(args);
  return code;
}
