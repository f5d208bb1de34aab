/* main.c - quizdeck: subcommands go to the command line (cli.c), anything
 * else starts the study app (ui/).
 *
 *   quizdeck [--db PATH] [--profile NAME] [--deck NAME]
 *            [--mode flip|choice|typed] [--frames N] [--screenshot FILE.png]
 *            [--scale X] [--high-contrast] [--size WxH]
 *            [--fonts=LIST] [--shot-dir=DIR]
 *
 * --deck opens straight into studying that deck (with --profile, or the
 * last profile used); --frames N renders N frames and exits, saving the
 * last one with --screenshot; F12 saves a screenshot into --shot-dir. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "cli.h"

static int usage(const char *msg, const char *arg) {
  fprintf(stderr, "quizdeck: %s '%s'\n", msg, arg);
  fprintf(stderr,
          "usage: quizdeck [--db PATH] [--profile NAME] [--deck NAME] "
          "[--mode flip|choice|typed]\n"
          "                [--frames N] [--screenshot FILE.png] [--scale X] "
          "[--high-contrast]\n"
          "                [--size WxH] [--fonts=LIST] [--shot-dir=DIR]\n"
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
    if (strncmp(a, "--shot-dir=", 11) == 0) {
      o->shot_dir = a + 11;
      continue;
    }
    if (!val) return usage("missing value or unknown option", a);
    if (strcmp(a, "--db") == 0) o->db_path = val;
    else if (strcmp(a, "--profile") == 0) o->profile = val;
    else if (strcmp(a, "--deck") == 0) o->deck = val;
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

int main(int argc, char **argv) {
  AppOptions opt;
  App *app = NULL;
  char err[512];
  int code = 0, rc;
  if (cli_dispatch(argc, argv, &code)) return code;
  rc = parse(argc, argv, &opt);
  if (rc) return rc;
  if (app_open(&opt, &app, err, sizeof err) < 0) {
    fprintf(stderr, "%s\n", err);
    return 1;
  }
  code = app_run(app);
  app_close(app);
  return code;
}
