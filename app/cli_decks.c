/* cli_decks.c - the teachers' deck commands of the command line:
 * import, export, rename, delete, merge (declared in cli.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "cli.h"
#include "deckfile.h"
#include "error.h"
#include "import.h"
#include "store.h"

enum { CLI_DECKS_PREVIEW = 5 };

static int64_t profile_id(Store *s, const CliGlobals *g) {
  int64_t id = 0;
  if (store_profile_find(s, g->profile ? g->profile : "default", &id)) id = 0;
  return id;
}

/* One line of at most `max` characters (UTF-8 aware), newlines shown as
 * spaces. */
static void print_short(const char *s, int max) {
  int chars = 0;
  const unsigned char *p = (const unsigned char *)(s ? s : "");
  while (*p) {
    if ((*p & 0xC0) != 0x80) {
      if (chars == max) {
        fputs("...", stdout);
        return;
      }
      chars++;
    }
    putchar(*p == '\n' || *p == '\r' || *p == '\t' ? ' ' : *p);
    p++;
  }
}

static void print_problem(const ImportProblem *p) {
  if (p->line > 0 && p->column > 0)
    printf("%s:%d:%d: ", p->file, p->line, p->column);
  else if (p->line > 0)
    printf("%s:%d: ", p->file, p->line);
  else
    printf("%s: ", p->file);
  printf("%s: %s\n", p->severity == IMPORT_ERROR ? "error" : "warning", p->message);
}

static void print_result(const ImportResult *r) {
  printf("%s: %s\n", r->path, r->detail ? r->detail : import_format_name(r->format));
  if (r->format != IMPORT_FMT_ARTICLE && (r->n_errors == 0 || importres_notes(r) > 0)) {
    int notes = importres_notes(r), cards = importres_cards(r);
    printf("%d note%s, %d card%s in %d deck%s\n", notes, notes == 1 ? "" : "s", cards,
           cards == 1 ? "" : "s", r->n_decks, r->n_decks == 1 ? "" : "s");
    for (int i = 0; i < r->n_decks; i++)
      printf("  %s: %d note%s\n", r->decks[i].name, r->decks[i].n_notes,
             r->decks[i].n_notes == 1 ? "" : "s");
    int shown = 0;
    for (int i = 0; i < r->n_decks && shown < CLI_DECKS_PREVIEW; i++)
      for (int k = 0; k < r->decks[i].n_notes && shown < CLI_DECKS_PREVIEW; k++) {
        const StoreNote *n = &r->decks[i].notes[k];
        if (!shown) printf("first cards:\n");
        printf("  %d. ", ++shown);
        print_short(n->prompt, 60);
        printf("  ->  ");
        print_short(n->answer, 40);
        if (n->kind == NOTE_MCQ) printf("  (choice of %d", 1 + n->n_aliases + n->n_distractors);
        if (n->kind == NOTE_MCQ && n->time_limit) printf(", %d s", n->time_limit);
        if (n->kind == NOTE_MCQ) printf(")");
        if (n->n_cards > 1) printf("  [%d cards]", n->n_cards);
        printf("\n");
      }
    int hc = importres_history_cards(r);
    if (hc > 0) {
      int hr = importres_history_reviews(r), hp = importres_history_profiles(r);
      printf("review history: %d card%s, %d review%s", hc, hc == 1 ? "" : "s", hr,
             hr == 1 ? "" : "s");
      if (hp > 0) printf(" in %d profile%s", hp, hp == 1 ? "" : "s");
      printf("\n");
    }
  }
  for (int i = 0; i < r->n_problems; i++) print_problem(&r->problems[i]);
}

int cli_cmd_import(const CliGlobals *g, int argc, char **argv) {
  const char *file = NULL;
  ImportOptions o;
  int dry = 0;
  memset(&o, 0, sizeof o);
  for (int i = 1; i < argc; i++) {
    if (strcmp(argv[i], "--dry-run") == 0 || strcmp(argv[i], "-n") == 0) {
      dry = 1;
    } else if (strcmp(argv[i], "--deck") == 0 && i + 1 < argc) {
      o.deck = argv[++i];
    } else if ((strcmp(argv[i], "--front") == 0 || strcmp(argv[i], "--back") == 0) &&
               i + 1 < argc) {
      int c = atoi(argv[i + 1]);
      if (c < 1) {
        fprintf(stderr, "import: %s needs a column number (1, 2, ...)\n", argv[i]);
        return 2;
      }
      if (argv[i][2] == 'f') o.front_column = c;
      else o.back_column = c;
      i++;
    } else if (argv[i][0] == '-' && argv[i][1]) {
      fprintf(stderr, "import: unknown option '%s'\nusage: quizdeck import FILE [--deck NAME] "
                      "[--dry-run] [--front N] [--back N]\n", argv[i]);
      return 2;
    } else if (!file) {
      file = argv[i];
    } else {
      fprintf(stderr, "import: one file at a time ('%s' and '%s')\n", file, argv[i]);
      return 2;
    }
  }
  if (!file) {
    fprintf(stderr, "usage: quizdeck import FILE [--deck NAME] [--dry-run]\n");
    return 2;
  }
  ImportResult r;
  int rc = import_file(file, &o, &r);
  if (rc) {
    fprintf(stderr, "import: cannot import '%s': %s\n", file, qd_strerror(rc));
    importres_free(&r);
    return 1;
  }
  print_result(&r);
  if (r.n_errors) {
    printf("nothing imported: %d error%s\n", r.n_errors, r.n_errors == 1 ? "" : "s");
    importres_free(&r);
    return 1;
  }
  char err[1024];
  char scratch[512] = "", scratch_dir[256] = "";
  StoreSyncStats st;
  StoreRestoreStats hist;
  Store *s = NULL;
  int code = 0;
  if (dry && r.format != IMPORT_FMT_ARTICLE) {
    if (importres_history_cards(&r) > 0)
      printf("dry run: would restore the history of %d card%s (%d review%s); nothing written\n",
             importres_history_cards(&r), importres_history_cards(&r) == 1 ? "" : "s",
             importres_history_reviews(&r), importres_history_reviews(&r) == 1 ? "" : "s");
    else
      printf("dry run: nothing written\n");
    goto done;
  }
  if (dry) {
    /* the generator needs a database to run in; never create the user's
     * just for a preview: use a private scratch one when it is missing */
    char *def = g->db_path ? NULL : store_default_path();
    const char *path = g->db_path ? g->db_path : def;
    if (path && access(path, F_OK) == 0) {
      s = cli_open_store(g, STORE_NOCREATE);
    } else {
      char tmpl[] = "/tmp/quizdeck-preview-XXXXXX";
      if (mkdtemp(tmpl)) {
        snprintf(scratch, sizeof scratch, "%s/preview.db", tmpl);
        snprintf(scratch_dir, sizeof scratch_dir, "%s", tmpl);
        if (store_open(scratch, 0, &s, err, sizeof err)) {
          fprintf(stderr, "%s\n", err);
          s = NULL;
        }
      }
    }
    free(def);
    if (!s) {
      code = 1;
      goto done;
    }
  } else if (!(s = cli_open_store(g, 0))) {
    code = 1;
    goto done;
  }
  if (dry) {
    StoreNote *first = NULL;
    int n_first = 0;
    rc = import_preview_articles(s, &r, &st, &first, &n_first, CLI_DECKS_PREVIEW, err,
                                 sizeof err);
    if (rc) {
      fprintf(stderr, "%s\n", err);
      code = 1;
    } else {
      for (int i = 0; i < n_first; i++) {
        if (!i) printf("first cards:\n");
        printf("  %d. ", i + 1);
        print_short(first[i].prompt, 60);
        printf("  ->  ");
        print_short(first[i].answer, 40);
        printf("\n");
      }
      printf("dry run: would add %d and update %d notes; nothing written\n", st.added,
             st.updated);
    }
    store_notes_free(first, n_first);
    goto done;
  }
  rc = import_commit_history(s, &r, &st, &hist, err, sizeof err);
  if (rc) {
    fprintf(stderr, "%s\nnothing imported\n", err);
    code = 1;
    goto done;
  }
  printf("imported: %d added, %d updated, %d unchanged\n", st.added, st.updated, st.unchanged);
  if (importres_history_cards(&r) > 0) {
    printf("review history: restored %d card%s and %d review%s", hist.cards,
           hist.cards == 1 ? "" : "s", hist.reviews, hist.reviews == 1 ? "" : "s");
    if (hist.reviews_present)
      printf(" (%d already here)", hist.reviews_present);
    printf("\n");
    if (hist.cards_kept)
      printf("kept this database's state of %d card%s studied here more recently\n",
             hist.cards_kept, hist.cards_kept == 1 ? "" : "s");
  }
done:
  store_close(s);
  if (scratch_dir[0]) { /* the preview database and its WAL files */
    static const char *const suffix[] = {"", "-wal", "-shm", "-journal"};
    char p[600];
    for (int i = 0; i < 4; i++) {
      snprintf(p, sizeof p, "%s%s", scratch, suffix[i]);
      unlink(p);
    }
    rmdir(scratch_dir);
  }
  importres_free(&r);
  return code;
}

int cli_cmd_export(const CliGlobals *g, int argc, char **argv) {
  const char *deck = NULL, *file = NULL, *format = NULL;
  int history = 0;
  for (int i = 1; i < argc; i++) {
    if (strcmp(argv[i], "--format") == 0 && i + 1 < argc) {
      format = argv[++i];
    } else if (strncmp(argv[i], "--format=", 9) == 0) {
      format = argv[i] + 9;
    } else if (strcmp(argv[i], "--with-history") == 0) {
      history = 1;
    } else if (argv[i][0] == '-' && argv[i][1]) {
      fprintf(stderr, "export: unknown option '%s'\n", argv[i]);
      return 2;
    } else if (!deck) {
      deck = argv[i];
    } else if (!file) {
      file = argv[i];
    } else {
      fprintf(stderr, "export: too many arguments\n");
      return 2;
    }
  }
  if (!deck || !file) {
    fprintf(stderr, "usage: quizdeck export DECK FILE [--format tsv|deck] [--with-history]\n");
    return 2;
  }
  DeckfileFormat fmt;
  if (format) {
    if (strcmp(format, "tsv") == 0) fmt = DECKFILE_TSV;
    else if (strcmp(format, "deck") == 0) fmt = DECKFILE_DECK;
    else {
      fprintf(stderr, "export: unknown format '%s' (use tsv or deck)\n", format);
      return 2;
    }
  } else {
    const char *dot = strrchr(file, '.');
    fmt = dot && (strcasecmp(dot, ".tsv") == 0 || strcasecmp(dot, ".txt") == 0 ||
                  strcasecmp(dot, ".csv") == 0)
              ? DECKFILE_TSV
              : DECKFILE_DECK;
  }
  if (history && fmt == DECKFILE_TSV) {
    fprintf(stderr, "export: --with-history needs the deck format: TSV for Anki has no place "
                    "for review history (use --format deck, or a .qdeck file)\nusage: quizdeck "
                    "export DECK FILE [--format tsv|deck] [--with-history]\n");
    return 2;
  }
  Store *s = cli_open_store(g, STORE_NOCREATE);
  if (!s) return 1;
  char err[1024];
  DeckfileExportStats st;
  int rc = deckfile_export_ex(s, deck, profile_id(s, g), g->now, fmt, history, file, &st, err,
                              sizeof err);
  store_close(s);
  if (rc) {
    fprintf(stderr, "%s\n", err);
    return 1;
  }
  int n = st.notes;
  printf("exported %d note%s of '%s' to '%s' (%s)", n, n == 1 ? "" : "s", deck, file,
         fmt == DECKFILE_TSV ? "TSV for Anki" : "quizdeck deck file");
  if (history)
    printf(" with the review history of %d card%s (%d review%s)", st.history_cards,
           st.history_cards == 1 ? "" : "s", st.history_reviews,
           st.history_reviews == 1 ? "" : "s");
  printf("\n");
  return 0;
}

/* Decks whose names start with "name::" (their ids and names). */
static int children(Store *s, const CliGlobals *g, const char *name, StoreDeckInfo **out,
                    int *n, int *n_child) {
  int rc = store_decks_list(s, profile_id(s, g), g->now, out, n);
  *n_child = 0;
  if (rc) return rc;
  size_t l = strlen(name);
  for (int i = 0; i < *n; i++)
    if (strncmp((*out)[i].name, name, l) == 0 && strncmp((*out)[i].name + l, "::", 2) == 0)
      (*n_child)++;
  return 0;
}

static int is_child(const char *deck, const char *parent) {
  size_t l = strlen(parent);
  return strncmp(deck, parent, l) == 0 && strncmp(deck + l, "::", 2) == 0;
}

int cli_cmd_rename(const CliGlobals *g, int argc, char **argv) {
  if (argc != 3 || !argv[1][0] || !argv[2][0]) {
    fprintf(stderr, "usage: quizdeck rename OLD NEW\n");
    return 2;
  }
  const char *from = argv[1], *to = argv[2];
  Store *s = cli_open_store(g, STORE_NOCREATE);
  if (!s) return 1;
  int64_t id, other;
  StoreDeckInfo *d = NULL;
  int n = 0, nc = 0, code = 1;
  int own = store_deck_find(s, from, &id);
  if (own && own != QD_ENOTFOUND) {
    fprintf(stderr, "rename: %s\n", store_errmsg(s));
    goto done;
  }
  if (children(s, g, from, &d, &n, &nc)) {
    fprintf(stderr, "rename: %s\n", store_errmsg(s));
    goto done;
  }
  if (own == QD_ENOTFOUND && nc == 0) { /* a parent with only sub-decks has no row */
    fprintf(stderr, "rename: no deck called '%s'\n", from);
    goto done;
  }
  if (store_deck_find(s, to, &other) == 0 && (own || other != id)) {
    fprintf(stderr, "rename: a deck called '%s' already exists (use merge to combine them)\n",
            to);
    goto done;
  }
  if (is_child(to, from)) {
    fprintf(stderr, "rename: cannot move '%s' inside itself\n", from);
    goto done;
  }
  if (store_begin(s)) {
    fprintf(stderr, "rename: %s\n", store_errmsg(s));
    goto done;
  }
  int rc = own ? 0 : store_deck_rename(s, id, to);
  for (int i = 0; !rc && i < n; i++) {
    if (!is_child(d[i].name, from)) continue;
    size_t need = strlen(to) + strlen(d[i].name) + 1;
    char *nn = malloc(need);
    if (!nn) {
      rc = QD_ENOMEM;
      break;
    }
    snprintf(nn, need, "%s%s", to, d[i].name + strlen(from));
    if (store_deck_find(s, nn, &other) == 0) {
      fprintf(stderr, "rename: a deck called '%s' already exists (use merge to combine "
                      "them)\n", nn);
      free(nn);
      store_rollback(s);
      goto done;
    }
    rc = store_deck_rename(s, d[i].id, nn);
    free(nn);
  }
  if (!rc) rc = store_commit(s);
  if (rc) {
    fprintf(stderr, "rename: cannot rename '%s': %s\n", from,
            rc == QD_ENOMEM ? "out of memory" : store_errmsg(s));
    store_rollback(s);
    goto done;
  }
  printf("renamed '%s' to '%s'", from, to);
  if (nc) printf(" (with %d sub-deck%s)", nc, nc == 1 ? "" : "s");
  printf("\n");
  code = 0;
done:
  store_decks_free(d, n);
  store_close(s);
  return code;
}

static int confirm(const char *question) {
  printf("%s [y/N] ", question);
  fflush(stdout);
  char line[64];
  if (!fgets(line, sizeof line, stdin)) return 0;
  return line[0] == 'y' || line[0] == 'Y';
}

int cli_cmd_delete(const CliGlobals *g, int argc, char **argv) {
  const char *name = NULL;
  int yes = 0;
  for (int i = 1; i < argc; i++) {
    if (strcmp(argv[i], "--yes") == 0 || strcmp(argv[i], "-y") == 0) yes = 1;
    else if (argv[i][0] == '-' && argv[i][1]) {
      fprintf(stderr, "delete: unknown option '%s'\n", argv[i]);
      return 2;
    } else if (!name) name = argv[i];
    else {
      fprintf(stderr, "delete: one deck at a time\n");
      return 2;
    }
  }
  if (!name) {
    fprintf(stderr, "usage: quizdeck delete DECK [--yes]\n");
    return 2;
  }
  Store *s = cli_open_store(g, STORE_NOCREATE);
  if (!s) return 1;
  int64_t id;
  StoreDeckInfo *d = NULL;
  int n = 0, nc = 0, code = 1, notes = 0;
  int own = store_deck_find(s, name, &id);
  if (own && own != QD_ENOTFOUND) {
    fprintf(stderr, "delete: %s\n", store_errmsg(s));
    goto done;
  }
  if (children(s, g, name, &d, &n, &nc)) {
    fprintf(stderr, "delete: %s\n", store_errmsg(s));
    goto done;
  }
  if (own == QD_ENOTFOUND && nc == 0) {
    fprintf(stderr, "delete: no deck called '%s'\n", name);
    goto done;
  }
  for (int i = 0; i < n; i++)
    if ((!own && d[i].id == id) || is_child(d[i].name, name)) notes += d[i].n_notes;
  if (!yes) {
    if (!isatty(0)) {
      fprintf(stderr, "delete: not deleting '%s' without --yes (input is not a terminal to "
                      "ask on)\n", name);
      goto done;
    }
    char q[1024];
    snprintf(q, sizeof q, "Delete deck '%s'%s with %d note%s and all their review history?",
             name, nc ? " and its sub-decks" : "", notes, notes == 1 ? "" : "s");
    if (!confirm(q)) {
      printf("nothing deleted\n");
      code = 0;
      goto done;
    }
  }
  if (store_begin(s)) {
    fprintf(stderr, "delete: %s\n", store_errmsg(s));
    goto done;
  }
  int rc = 0;
  for (int i = 0; !rc && i < n; i++)
    if (is_child(d[i].name, name)) rc = store_deck_delete(s, d[i].id);
  if (!rc && !own) rc = store_deck_delete(s, id);
  if (!rc) rc = store_commit(s);
  if (rc) {
    fprintf(stderr, "delete: cannot delete '%s': %s\n", name, store_errmsg(s));
    store_rollback(s);
    goto done;
  }
  printf("deleted '%s'%s (%d note%s)\n", name, nc ? " and its sub-decks" : "", notes,
         notes == 1 ? "" : "s");
  code = 0;
done:
  store_decks_free(d, n);
  store_close(s);
  return code;
}

int cli_cmd_merge(const CliGlobals *g, int argc, char **argv) {
  if (argc != 3 || !argv[1][0] || !argv[2][0]) {
    fprintf(stderr, "usage: quizdeck merge FROM INTO\n");
    return 2;
  }
  const char *from = argv[1], *into = argv[2];
  Store *s = cli_open_store(g, STORE_NOCREATE);
  if (!s) return 1;
  int64_t fid, iid;
  StoreDeckInfo *d = NULL;
  int n = 0, nc = 0, code = 1;
  int own = store_deck_find(s, from, &fid);
  if (own && own != QD_ENOTFOUND) {
    fprintf(stderr, "merge: %s\n", store_errmsg(s));
    goto done;
  }
  if (children(s, g, from, &d, &n, &nc)) {
    fprintf(stderr, "merge: %s\n", store_errmsg(s));
    goto done;
  }
  if (own == QD_ENOTFOUND && nc == 0) {
    fprintf(stderr, "merge: no deck called '%s'\n", from);
    goto done;
  }
  int into_own = store_deck_find(s, into, &iid);
  if (into_own == QD_ENOTFOUND) {
    StoreDeckInfo *d2 = NULL;
    int n2 = 0, nc2 = 0;
    if (children(s, g, into, &d2, &n2, &nc2) == 0 && nc2 > 0) into_own = 0, iid = 0;
    store_decks_free(d2, n2);
  }
  if (into_own) {
    if (into_own == QD_ENOTFOUND)
      fprintf(stderr, "merge: no deck called '%s'\n", into);
    else
      fprintf(stderr, "merge: %s\n", store_errmsg(s));
    goto done;
  }
  if (!own && fid == iid) {
    fprintf(stderr, "merge: '%s' and '%s' are the same deck\n", from, into);
    goto done;
  }
  if (is_child(into, from)) {
    fprintf(stderr, "merge: cannot merge '%s' into its own sub-deck '%s'\n", from, into);
    goto done;
  }
  if (store_begin(s)) {
    fprintf(stderr, "merge: %s\n", store_errmsg(s));
    goto done;
  }
  int rc = 0;
  /* sub-decks follow: FROM::x becomes INTO::x (merged if that exists) */
  for (int i = 0; !rc && i < n; i++) {
    if (!is_child(d[i].name, from)) continue;
    size_t need = strlen(into) + strlen(d[i].name) + 1;
    char *nn = malloc(need);
    if (!nn) {
      rc = QD_ENOMEM;
      break;
    }
    snprintf(nn, need, "%s%s", into, d[i].name + strlen(from));
    int64_t target;
    int frc = store_deck_find(s, nn, &target);
    if (frc == 0) rc = store_deck_merge(s, d[i].id, target);
    else if (frc == QD_ENOTFOUND) rc = store_deck_rename(s, d[i].id, nn);
    else rc = frc;
    free(nn);
  }
  if (!rc && !own) {
    /* INTO may be a parent with only sub-decks: give it its row now */
    if (!iid) rc = store_deck_ensure(s, into, &iid);
    if (!rc) rc = store_deck_merge(s, fid, iid);
  }
  if (!rc) rc = store_commit(s);
  if (rc) {
    fprintf(stderr, "merge: cannot merge '%s' into '%s': %s\n", from, into,
            rc == QD_ENOMEM ? "out of memory" : store_errmsg(s));
    store_rollback(s);
    goto done;
  }
  printf("merged '%s' into '%s'\n", from, into);
  code = 0;
done:
  store_decks_free(d, n);
  store_close(s);
  return code;
}
