#include "deckfile.h"

#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zip.h>

#include "error.h"
#include "fsrs.h"
#include "sched.h"
#include "imputil.h"

enum { DECKFILE_PAGE = 2000 };
#define DECKFILE_MAX_JSON ((size_t)256 << 20)

static const char *const KIND_NAMES[] = {"qa", "cloze", "mcq"};
static const char *const STATE_NAMES[] = {"new", "learning", "review", "relearning"};

/* Columns of a review row in "review_fields" order (the file says which
 * order it uses; these are the names, matching the review_log columns). */
typedef enum {
  RF_TIME, RF_RATING, RF_STATE_BEFORE, RF_ELAPSED_DAYS, RF_SCHEDULED_DAYS, RF_ANSWER_MS,
  RF_MODE, RF_PREV_STEP, RF_PREV_STABILITY, RF_PREV_DIFFICULTY, RF_PREV_EASE, RF_PREV_DUE,
  RF_PREV_LAST_REVIEW, RF_PREV_SCHEDULED_DAYS, RF_PREV_REPS, RF_PREV_LAPSES, RF_COUNT
} ReviewField;

static const char *const REVIEW_FIELDS[RF_COUNT] = {
    "time", "rating", "state_before", "elapsed_days", "scheduled_days", "answer_ms", "mode",
    "prev_step", "prev_stability", "prev_difficulty", "prev_ease", "prev_due",
    "prev_last_review", "prev_scheduled_days", "prev_reps", "prev_lapses"};

/* ---- collecting the notes ----------------------------------------- */

typedef struct ExportHistory {
  StoreCardHistory *cards; /* only the cards with something to carry */
  int n;
} ExportHistory;

typedef struct ExportDeck {
  char *name;
  StoreNote *notes;
  int n_notes;
  int has_settings;
  StoreDeckSettings settings;
  ExportHistory *history; /* per note, or NULL without --with-history */
} ExportDeck;

static void export_decks_free(ExportDeck *d, int n) {
  for (int i = 0; d && i < n; i++) {
    free(d[i].name);
    if (d[i].history)
      for (int k = 0; k < d[i].n_notes; k++)
        store_history_free(d[i].history[k].cards, d[i].history[k].n);
    free(d[i].history);
    store_notes_free(d[i].notes, d[i].n_notes);
  }
  free(d);
}

/* A card never studied, not suspended: the importing database makes the
 * same one itself. */
static int untouched(const StoreCardHistory *h) {
  return h->n_reviews == 0 && !h->suspended && h->sched.state == SCHED_NEW &&
         h->sched.reps == 0 && h->sched.lapses == 0 && h->sched.last_review == 0;
}

/* The history of every note of `d`, untouched cards left out. */
static int load_history(Store *s, ExportDeck *d) {
  d->history = calloc((size_t)d->n_notes + 1, sizeof *d->history);
  if (!d->history) return QD_ENOMEM;
  for (int k = 0; k < d->n_notes; k++) {
    StoreCardHistory *h = NULL;
    int n = 0, keep = 0;
    int rc = store_note_history(s, d->notes[k].id, &h, &n);
    if (rc) return rc;
    for (int i = 0; i < n; i++) {
      if (untouched(&h[i])) {
        free(h[i].profile);
        free(h[i].reviews);
      } else {
        h[keep++] = h[i];
      }
    }
    d->history[k].cards = h;
    d->history[k].n = keep;
  }
  return 0;
}

static int load_notes(Store *s, int64_t deck, StoreNote **out, int *n) {
  StoreNote *all = NULL;
  int total = 0, rc = 0;
  *out = NULL;
  *n = 0;
  for (;;) {
    StoreNote *page = NULL;
    int got = 0;
    rc = store_notes_list(s, deck, NULL, total, DECKFILE_PAGE, &page, &got);
    if (rc) break;
    if (got) {
      StoreNote *na = realloc(all, (size_t)(total + got) * sizeof *na);
      if (!na) {
        store_notes_free(page, got);
        rc = QD_ENOMEM;
        break;
      }
      all = na;
      memcpy(all + total, page, (size_t)got * sizeof *page);
      free(page); /* members now owned by `all` */
      total += got;
    } else {
      free(page);
    }
    if (got < DECKFILE_PAGE) break;
  }
  if (rc) {
    store_notes_free(all, total);
    return rc;
  }
  *out = all;
  *n = total;
  return 0;
}

static int collect(Store *s, const char *name, int64_t profile, int64_t now, int with_history,
                   ExportDeck **out, int *n_out, char *err, size_t errlen) {
  StoreDeckInfo *info = NULL;
  int n_info = 0, rc;
  ExportDeck *decks = NULL;
  int n = 0;
  int64_t root;
  *out = NULL;
  *n_out = 0;
  /* a parent that only groups sub-decks has no row of its own */
  int own = store_deck_find(s, name, &root);
  if (own && own != QD_ENOTFOUND) {
    snprintf(err, errlen, "export: cannot export '%s': %s", name, store_errmsg(s));
    return own;
  }
  if (own) root = 0;
  if ((rc = store_decks_list(s, profile, now, &info, &n_info))) {
    snprintf(err, errlen, "export: cannot export '%s': %s", name, store_errmsg(s));
    return rc;
  }
  decks = calloc((size_t)n_info + 1, sizeof *decks);
  if (!decks) {
    rc = QD_ENOMEM;
    goto fail;
  }
  size_t nl = strlen(name);
  for (int i = -1; i < n_info; i++) {
    int64_t id;
    const char *dn;
    if (i < 0) {
      if (own) continue;
      id = root;
      dn = name;
    } else {
      if (!own && info[i].id == root) continue;
      if (strncmp(info[i].name, name, nl) != 0 || strncmp(info[i].name + nl, "::", 2) != 0)
        continue;
      id = info[i].id;
      dn = info[i].name;
    }
    decks[n].name = strdup(dn);
    if (!decks[n].name) {
      rc = QD_ENOMEM;
      goto fail;
    }
    n++;
    if ((rc = store_deck_settings(s, id, &decks[n - 1].settings)) == 0)
      decks[n - 1].has_settings = 1;
    if (rc || (rc = load_notes(s, id, &decks[n - 1].notes, &decks[n - 1].n_notes)) ||
        (with_history && (rc = load_history(s, &decks[n - 1])))) {
      snprintf(err, errlen, "export: cannot export '%s': %s", name,
               rc == QD_ENOMEM ? "out of memory" : store_errmsg(s));
      goto fail;
    }
  }
  store_decks_free(info, n_info);
  info = NULL;
  n_info = 0;
  if (n == 0) {
    snprintf(err, errlen, "export: cannot export '%s': no such deck", name);
    rc = QD_ENOTFOUND;
    goto fail;
  }
  *out = decks;
  *n_out = n;
  return 0;
fail:
  if (rc == QD_ENOMEM) snprintf(err, errlen, "export: cannot export '%s': out of memory", name);
  store_decks_free(info, n_info);
  export_decks_free(decks, n);
  return rc;
}

/* ---- TSV ------------------------------------------------------------ */

static void tsv_field(ImpBuf *b, const char *s) {
  if (!s) s = "";
  if (strpbrk(s, "\t\n\r\"")) {
    imp_buf_addc(b, '"');
    for (const char *p = s; *p; p++) {
      if (*p == '"') imp_buf_addc(b, '"');
      imp_buf_addc(b, *p);
    }
    imp_buf_addc(b, '"');
  } else {
    imp_buf_adds(b, s);
  }
}

/* The Anki Cloze text of a note, or NULL when it is front/back: the
 * markup itself for several deletions, else the single "____" gap filled
 * back in as {{c1::answer}}.  Caller frees. */
static char *cloze_text(const StoreNote *x) {
  if (x->kind != NOTE_CLOZE || !x->prompt) return NULL;
  if (strstr(x->prompt, "{{c")) return strdup(x->prompt);
  const char *gap = strstr(x->prompt, "____");
  if (!gap || strstr(gap + 4, "____") || !x->answer) return NULL;
  ImpBuf b = {0};
  imp_buf_add(&b, x->prompt, (size_t)(gap - x->prompt));
  imp_buf_adds(&b, "{{c1::");
  imp_buf_adds(&b, x->answer);
  imp_buf_adds(&b, "}}");
  imp_buf_adds(&b, gap + 4);
  return imp_buf_take(&b);
}

static char *build_tsv(const ExportDeck *d, int n) {
  ImpBuf b = {0};
  imp_buf_adds(&b, "#separator:tab\n#html:false\n");
  if (n == 1) {
    imp_buf_adds(&b, "#deck:");
    imp_buf_adds(&b, d[0].name);
    imp_buf_addc(&b, '\n');
  }
  imp_buf_adds(&b, "#columns:Front\tBack\tExplanation\tTags\tDeck\tGUID\tNotetype\n"
                   "#tags column:4\n#deck column:5\n#guid column:6\n#notetype column:7\n");
  for (int i = 0; i < n; i++)
    for (int k = 0; k < d[i].n_notes; k++) {
      const StoreNote *x = &d[i].notes[k];
      char *cz = cloze_text(x);
      /* Anki's Cloze type has Text and Back Extra */
      tsv_field(&b, cz ? cz : x->prompt);
      imp_buf_addc(&b, '\t');
      tsv_field(&b, cz ? x->explanation : x->answer);
      imp_buf_addc(&b, '\t');
      tsv_field(&b, x->explanation);
      imp_buf_addc(&b, '\t');
      tsv_field(&b, x->tags);
      imp_buf_addc(&b, '\t');
      tsv_field(&b, d[i].name);
      imp_buf_addc(&b, '\t');
      tsv_field(&b, x->guid);
      imp_buf_addc(&b, '\t');
      imp_buf_adds(&b, cz ? "Cloze" : "Basic");
      imp_buf_addc(&b, '\n');
      free(cz);
    }
  return imp_buf_take(&b);
}

/* ---- JSON ------------------------------------------------------------ */

static json_t *jstr_or_null(const char *s) { return s ? json_string(s) : json_null(); }

static json_t *strv(char **v, int n) {
  json_t *a = json_array();
  for (int i = 0; a && i < n; i++) json_array_append_new(a, json_string(v[i] ? v[i] : ""));
  return a;
}

static json_t *ints(const int *v, int n) {
  json_t *a = json_array();
  for (int i = 0; a && i < n; i++) json_array_append_new(a, json_integer(v[i]));
  return a;
}

static json_t *settings_json(const StoreDeckSettings *st) {
  const SchedConfig *c = &st->sched;
  json_t *o = json_object(), *w = json_array(), *sm2 = json_object();
  for (int i = 0; i < FSRS_NPARAMS; i++) json_array_append_new(w, json_real(c->w[i]));
  json_object_set_new(o, "new_per_day", json_integer(st->new_per_day));
  json_object_set_new(o, "reviews_per_day", json_integer(st->reviews_per_day));
  json_object_set_new(o, "time_limit", json_integer(st->time_limit));
  json_object_set_new(o, "algorithm", json_string(c->algorithm == SCHED_SM2 ? "sm2" : "fsrs"));
  json_object_set_new(o, "w", w);
  json_object_set_new(o, "desired_retention", json_real(c->desired_retention));
  json_object_set_new(o, "maximum_interval", json_integer(c->maximum_interval));
  json_object_set_new(o, "learn_steps", ints(c->learn_steps, c->n_learn_steps));
  json_object_set_new(o, "relearn_steps", ints(c->relearn_steps, c->n_relearn_steps));
  json_object_set_new(o, "fuzz", json_boolean(c->fuzz));
  json_object_set_new(o, "rollover_hour", json_integer(c->rollover_hour));
  json_object_set_new(sm2, "initial_ease", json_real(c->sm2_initial_ease));
  json_object_set_new(sm2, "graduating_good", json_integer(c->sm2_graduating_good));
  json_object_set_new(sm2, "graduating_easy", json_integer(c->sm2_graduating_easy));
  json_object_set_new(sm2, "hard_factor", json_real(c->sm2_hard_factor));
  json_object_set_new(sm2, "easy_bonus", json_real(c->sm2_easy_bonus));
  json_object_set_new(sm2, "interval_modifier", json_real(c->sm2_interval_modifier));
  json_object_set_new(sm2, "lapse_multiplier", json_real(c->sm2_lapse_multiplier));
  json_object_set_new(o, "sm2", sm2);
  return o;
}

/* The scheduling fields of a card into object o ("due" left out for a
 * new card: there it is only a queue position). */
static void sched_json(json_t *o, const SchedCard *c) {
  int st = (int)c->state >= 0 && (int)c->state <= 3 ? (int)c->state : 0;
  json_object_set_new(o, "state", json_string(STATE_NAMES[st]));
  json_object_set_new(o, "step", json_integer(c->step));
  json_object_set_new(o, "stability", json_real(c->stability));
  json_object_set_new(o, "difficulty", json_real(c->difficulty));
  json_object_set_new(o, "ease", json_real(c->ease));
  if (c->state != SCHED_NEW) json_object_set_new(o, "due", json_integer(c->due));
  json_object_set_new(o, "last_review", json_integer(c->last_review));
  json_object_set_new(o, "scheduled_days", json_integer(c->scheduled_days));
  json_object_set_new(o, "reps", json_integer(c->reps));
  json_object_set_new(o, "lapses", json_integer(c->lapses));
}

/* One review as a row in REVIEW_FIELDS order. */
static json_t *review_json(const StoreHistoryReview *x) {
  const StoreReview *r = &x->review;
  const SchedCard *b = &x->before;
  json_t *a = json_array();
  json_array_append_new(a, json_integer(r->time));
  json_array_append_new(a, json_integer(r->rating));
  json_array_append_new(a, json_integer(r->state_before));
  json_array_append_new(a, json_integer(r->elapsed_days));
  json_array_append_new(a, json_integer(r->scheduled_days));
  json_array_append_new(a, json_integer(r->answer_ms));
  json_array_append_new(a, json_integer(r->mode));
  json_array_append_new(a, json_integer(b->step));
  json_array_append_new(a, json_real(b->stability));
  json_array_append_new(a, json_real(b->difficulty));
  json_array_append_new(a, json_real(b->ease));
  json_array_append_new(a, json_integer(b->due));
  json_array_append_new(a, json_integer(b->last_review));
  json_array_append_new(a, json_integer(b->scheduled_days));
  json_array_append_new(a, json_integer(b->reps));
  json_array_append_new(a, json_integer(b->lapses));
  return a;
}

static json_t *history_json(const ExportHistory *h) {
  json_t *a = json_array();
  for (int i = 0; i < h->n; i++) {
    const StoreCardHistory *c = &h->cards[i];
    json_t *o = json_object(), *rows = json_array();
    json_object_set_new(o, "profile", json_string(c->profile));
    json_object_set_new(o, "ord", json_integer(c->ord));
    json_object_set_new(o, "suspended", json_boolean(c->suspended));
    sched_json(o, &c->sched);
    for (int k = 0; k < c->n_reviews; k++) json_array_append_new(rows, review_json(&c->reviews[k]));
    json_object_set_new(o, "reviews", rows);
    json_array_append_new(a, o);
  }
  return a;
}

static char *build_json(const ExportDeck *d, int n, int with_history) {
  json_t *root = json_object();
  json_t *decks = json_array();
  if (!root || !decks) {
    json_decref(root);
    json_decref(decks);
    return NULL;
  }
  json_object_set_new(root, "format", json_string(DECKFILE_FORMAT));
  json_object_set_new(root, "version", json_integer(DECKFILE_VERSION));
  if (with_history) {
    json_t *f = json_array();
    for (int i = 0; i < RF_COUNT; i++) json_array_append_new(f, json_string(REVIEW_FIELDS[i]));
    json_object_set_new(root, "review_fields", f);
  }
  for (int i = 0; i < n; i++) {
    json_t *jd = json_object(), *notes = json_array();
    json_object_set_new(jd, "name", json_string(d[i].name));
    for (int k = 0; k < d[i].n_notes; k++) {
      const StoreNote *x = &d[i].notes[k];
      json_t *o = json_object();
      json_object_set_new(o, "guid", jstr_or_null(x->guid));
      json_object_set_new(o, "kind",
                          json_string(x->kind >= 0 && x->kind <= 2 ? KIND_NAMES[x->kind] : "qa"));
      json_object_set_new(o, "type", jstr_or_null(x->type));
      json_object_set_new(o, "prompt", jstr_or_null(x->prompt));
      json_object_set_new(o, "answer", jstr_or_null(x->answer));
      json_object_set_new(o, "aliases", strv(x->aliases, x->n_aliases));
      json_object_set_new(o, "distractors", strv(x->distractors, x->n_distractors));
      json_object_set_new(o, "explanation", jstr_or_null(x->explanation));
      json_t *src = json_array();
      for (int j = 0; j < x->n_sources; j++) {
        json_t *so = json_object();
        json_object_set_new(so, "article", jstr_or_null(x->sources[j].article));
        json_object_set_new(so, "sentence", jstr_or_null(x->sources[j].sentence));
        json_array_append_new(src, so);
      }
      json_object_set_new(o, "sources", src);
      json_object_set_new(o, "tags", jstr_or_null(x->tags));
      json_object_set_new(o, "time_limit", json_integer(x->time_limit));
      json_object_set_new(o, "score", json_real(x->score));
      json_object_set_new(o, "n_cards", json_integer(x->n_cards));
      if (d[i].history && d[i].history[k].n > 0)
        json_object_set_new(o, "history", history_json(&d[i].history[k]));
      json_array_append_new(notes, o);
    }
    json_object_set_new(jd, "notes", notes);
    if (d[i].has_settings) json_object_set_new(jd, "settings", settings_json(&d[i].settings));
    json_array_append_new(decks, jd);
  }
  json_object_set_new(root, "decks", decks);
  /* review rows would take a line per number when indented */
  char *s = json_dumps(root, (with_history ? JSON_COMPACT : JSON_INDENT(1)) | JSON_PRESERVE_ORDER);
  json_decref(root);
  return s;
}

/* ---- writing ---------------------------------------------------------- */

static int write_all(int fd, const char *s, size_t n) {
  while (n) {
    ssize_t w = write(fd, s, n);
    if (w < 0) {
      if (errno == EINTR) continue;
      return -1;
    }
    s += w;
    n -= (size_t)w;
  }
  return 0;
}

static char *temp_beside(const char *path, int *fd) {
  size_t n = strlen(path);
  char *t = malloc(n + 16);
  if (!t) return NULL;
  memcpy(t, path, n);
  memcpy(t + n, ".tmp-XXXXXX", 12);
  *fd = mkstemp(t);
  if (*fd < 0) {
    free(t);
    return NULL;
  }
  /* mkstemp makes the file private (0600); an exported deck is meant to
   * be shared, so give it the mode a new file would have */
  mode_t mask = umask(077);
  umask(mask);
  (void)fchmod(*fd, 0666 & ~mask); /* on failure still readable by its owner */
  return t;
}

static int write_tsv(const char *path, const char *text, char *err, size_t errlen) {
  int fd;
  char *tmp = temp_beside(path, &fd);
  if (!tmp) {
    snprintf(err, errlen, "export: cannot write '%s': %s", path, strerror(errno));
    return QD_EIO;
  }
  int bad = write_all(fd, text, strlen(text)) != 0 || fsync(fd) != 0;
  int e = errno;
  if (close(fd) != 0 && !bad) {
    bad = 1;
    e = errno;
  }
  if (!bad && rename(tmp, path) != 0) {
    bad = 1;
    e = errno;
  }
  if (bad) {
    unlink(tmp);
    free(tmp);
    snprintf(err, errlen, "export: cannot write '%s': %s", path, strerror(e));
    return e == ENOSPC ? QD_EFULL : QD_EIO;
  }
  free(tmp);
  return 0;
}

static int write_zip(const char *path, char *json, char *err, size_t errlen) {
  int fd, rc = QD_EIO;
  char *tmp = temp_beside(path, &fd);
  if (!tmp) {
    snprintf(err, errlen, "export: cannot write '%s': %s", path, strerror(errno));
    free(json);
    return QD_EIO;
  }
  close(fd);
  int ze = 0;
  zip_t *za = zip_open(tmp, ZIP_CREATE | ZIP_TRUNCATE, &ze);
  if (!za) {
    snprintf(err, errlen, "export: cannot write '%s': cannot create the zip", path);
    free(json);
    goto done;
  }
  zip_source_t *src = zip_source_buffer(za, json, strlen(json), 1);
  if (!src) {
    free(json);
    snprintf(err, errlen, "export: cannot write '%s': %s", path, zip_strerror(za));
    zip_discard(za);
    goto done;
  }
  if (zip_file_add(za, DECKFILE_ENTRY, src, ZIP_FL_ENC_UTF_8) < 0) {
    zip_source_free(src);
    snprintf(err, errlen, "export: cannot write '%s': %s", path, zip_strerror(za));
    zip_discard(za);
    goto done;
  }
  if (zip_close(za) != 0) {
    snprintf(err, errlen, "export: cannot write '%s': %s", path, zip_strerror(za));
    zip_discard(za);
    goto done;
  }
  if (rename(tmp, path) != 0) {
    snprintf(err, errlen, "export: cannot write '%s': %s", path, strerror(errno));
    goto done;
  }
  rc = 0;
done:
  if (rc) unlink(tmp);
  free(tmp);
  return rc;
}

int deckfile_export(Store *s, const char *name, int64_t profile, int64_t now,
                    DeckfileFormat fmt, const char *path, int *n_notes, char *err,
                    size_t errlen) {
  DeckfileExportStats st;
  int rc = deckfile_export_ex(s, name, profile, now, fmt, 0, path, &st, err, errlen);
  if (!rc && n_notes) *n_notes = st.notes;
  return rc;
}

int deckfile_export_ex(Store *s, const char *name, int64_t profile, int64_t now,
                       DeckfileFormat fmt, int with_history, const char *path,
                       DeckfileExportStats *stats, char *err, size_t errlen) {
  ExportDeck *d = NULL;
  int n = 0;
  if (stats) memset(stats, 0, sizeof *stats);
  if (with_history && fmt != DECKFILE_DECK) {
    snprintf(err, errlen, "export: cannot export '%s' with its review history to '%s': only "
                          "the deck format carries history, not TSV", name, path);
    return QD_EINVAL;
  }
  int rc = collect(s, name, profile, now, with_history, &d, &n, err, errlen);
  if (rc) return rc;
  DeckfileExportStats total = {0, 0, 0};
  for (int i = 0; i < n; i++) {
    total.notes += d[i].n_notes;
    for (int k = 0; d[i].history && k < d[i].n_notes; k++) {
      total.history_cards += d[i].history[k].n;
      for (int c = 0; c < d[i].history[k].n; c++)
        total.history_reviews += d[i].history[k].cards[c].n_reviews;
    }
  }
  if (fmt == DECKFILE_TSV) {
    char *text = build_tsv(d, n);
    if (!text) {
      rc = QD_ENOMEM;
      snprintf(err, errlen, "export: cannot export '%s': out of memory", name);
    } else {
      rc = write_tsv(path, text, err, errlen);
    }
    free(text);
  } else {
    char *json = build_json(d, n, with_history);
    if (!json) {
      rc = QD_ENOMEM;
      snprintf(err, errlen, "export: cannot export '%s': out of memory", name);
    } else {
      rc = write_zip(path, json, err, errlen); /* takes json */
    }
  }
  export_decks_free(d, n);
  if (!rc && stats) *stats = total;
  return rc;
}

/* ---- reading ------------------------------------------------------------ */

static int get_str(ImportResult *r, const char *where, json_t *o, const char *key, int required,
                   char **out) {
  json_t *v = json_object_get(o, key);
  *out = NULL;
  if (!v || json_is_null(v)) {
    if (required) importres_problem(r, IMPORT_ERROR, where, 0, 0, "\"%s\" is missing", key);
    return 0;
  }
  if (!json_is_string(v)) {
    importres_problem(r, IMPORT_ERROR, where, 0, 0, "\"%s\" must be text", key);
    return 0;
  }
  *out = imp_strndup(json_string_value(v), json_string_length(v));
  return *out ? 0 : QD_ENOMEM;
}

static int get_strv(ImportResult *r, const char *where, json_t *o, const char *key, char ***v,
                    int *n) {
  json_t *a = json_object_get(o, key);
  if (!a || json_is_null(a)) return 0;
  if (!json_is_array(a)) {
    importres_problem(r, IMPORT_ERROR, where, 0, 0, "\"%s\" must be a list of texts", key);
    return 0;
  }
  for (size_t i = 0; i < json_array_size(a); i++) {
    json_t *e = json_array_get(a, i);
    if (!json_is_string(e)) {
      importres_problem(r, IMPORT_ERROR, where, 0, 0, "\"%s\" must be a list of texts", key);
      return 0;
    }
    if (importres_strv_add(v, n, json_string_value(e))) return QD_ENOMEM;
  }
  return 0;
}

static int num_in(json_t *o, const char *key, double lo, double hi, double *out) {
  json_t *v = json_object_get(o, key);
  if (!v) return 0; /* absent: keep the default */
  if (!json_is_number(v)) return -1;
  double x = json_number_value(v);
  if (!(x >= lo && x <= hi)) return -1;
  *out = x;
  return 0;
}

static int int_in(json_t *o, const char *key, int lo, int hi, int *out) {
  double x = *out;
  int rc = num_in(o, key, lo, hi, &x);
  if (rc == 0) *out = (int)x;
  return rc;
}

static int steps_in(json_t *o, const char *key, int *v, int *n) {
  json_t *a = json_object_get(o, key);
  if (!a) return 0;
  if (!json_is_array(a) || json_array_size(a) > SCHED_MAX_STEPS) return -1;
  int k = 0;
  for (size_t i = 0; i < json_array_size(a); i++) {
    json_t *e = json_array_get(a, i);
    if (!json_is_integer(e) || json_integer_value(e) < 1 || json_integer_value(e) > 86400 * 365)
      return -1;
    v[k++] = (int)json_integer_value(e);
  }
  *n = k;
  return 0;
}

/* Deck settings from a deck file; missing keys keep quizdeck's defaults.
 * Returns 0, or -1 with *bad naming the first unusable key. */
static int parse_settings(json_t *o, StoreDeckSettings *st, const char **bad) {
  memset(st, 0, sizeof *st);
  sched_config_default(&st->sched);
  st->new_per_day = 20;
  st->reviews_per_day = 200;
  st->time_limit = 20;
  SchedConfig *c = &st->sched;
  json_t *sm2 = json_object_get(o, "sm2");
  json_t *w = json_object_get(o, "w");
  const char *alg = json_string_value(json_object_get(o, "algorithm"));
  double fuzz = c->fuzz;
#define QD_CHECK(expr, key) \
  if ((expr) != 0) {        \
    *bad = key;             \
    return -1;              \
  }
  QD_CHECK(int_in(o, "new_per_day", 0, 100000, &st->new_per_day), "new_per_day");
  QD_CHECK(int_in(o, "reviews_per_day", 0, 1000000, &st->reviews_per_day), "reviews_per_day");
  QD_CHECK(int_in(o, "time_limit", 0, 3600, &st->time_limit), "time_limit");
  QD_CHECK(num_in(o, "desired_retention", 0.7, 0.99, &c->desired_retention),
           "desired_retention");
  QD_CHECK(int_in(o, "maximum_interval", 1, 36500, &c->maximum_interval), "maximum_interval");
  QD_CHECK(steps_in(o, "learn_steps", c->learn_steps, &c->n_learn_steps), "learn_steps");
  QD_CHECK(steps_in(o, "relearn_steps", c->relearn_steps, &c->n_relearn_steps), "relearn_steps");
  QD_CHECK(int_in(o, "rollover_hour", 0, 23, &c->rollover_hour), "rollover_hour");
  if (json_object_get(o, "fuzz")) {
    QD_CHECK(!json_is_boolean(json_object_get(o, "fuzz")), "fuzz");
    fuzz = json_is_true(json_object_get(o, "fuzz"));
  }
  c->fuzz = (int)fuzz;
  if (alg) {
    QD_CHECK(strcmp(alg, "fsrs") != 0 && strcmp(alg, "sm2") != 0, "algorithm");
    c->algorithm = strcmp(alg, "sm2") == 0 ? SCHED_SM2 : SCHED_FSRS;
  }
  if (w) {
    QD_CHECK(!json_is_array(w) || json_array_size(w) != FSRS_NPARAMS, "w");
    for (int i = 0; i < FSRS_NPARAMS; i++) {
      json_t *e = json_array_get(w, (size_t)i);
      QD_CHECK(!json_is_number(e) || !(json_number_value(e) > -100 && json_number_value(e) < 100),
               "w");
      c->w[i] = json_number_value(e);
    }
    fsrs_clip_params(c->w, c->n_relearn_steps ? c->n_relearn_steps : 1);
  }
  if (sm2) {
    QD_CHECK(!json_is_object(sm2), "sm2");
    QD_CHECK(num_in(sm2, "initial_ease", 1.3, 10, &c->sm2_initial_ease), "sm2.initial_ease");
    QD_CHECK(int_in(sm2, "graduating_good", 1, 36500, &c->sm2_graduating_good),
             "sm2.graduating_good");
    QD_CHECK(int_in(sm2, "graduating_easy", 1, 36500, &c->sm2_graduating_easy),
             "sm2.graduating_easy");
    QD_CHECK(num_in(sm2, "hard_factor", 0.5, 5, &c->sm2_hard_factor), "sm2.hard_factor");
    QD_CHECK(num_in(sm2, "easy_bonus", 1, 10, &c->sm2_easy_bonus), "sm2.easy_bonus");
    QD_CHECK(num_in(sm2, "interval_modifier", 0.1, 10, &c->sm2_interval_modifier),
             "sm2.interval_modifier");
    QD_CHECK(num_in(sm2, "lapse_multiplier", 0, 1, &c->sm2_lapse_multiplier),
             "sm2.lapse_multiplier");
  }
#undef QD_CHECK
  return 0;
}

static char *renamed(const char *deck, const ImportOptions *opts) {
  if (!opts || !opts->deck || !*opts->deck) return strdup(deck);
  ImpBuf b = {0};
  const char *rest = strstr(deck, "::");
  imp_buf_adds(&b, opts->deck);
  if (rest) imp_buf_adds(&b, rest);
  return imp_buf_take(&b);
}

static int parse_note(ImportResult *r, const char *name, json_t *o, int di, int ni,
                      StoreNote *n) {
  char where[600];
  snprintf(where, sizeof where, "%s/%s", name, DECKFILE_ENTRY);
  int before = r->n_errors, rc;
  if (!json_is_object(o)) {
    importres_problem(r, IMPORT_ERROR, where, 0, 0, "deck %d note %d is not an object", di + 1,
                      ni + 1);
    return 0;
  }
  char *kind = NULL;
  if ((rc = get_str(r, where, o, "guid", 1, &n->guid)) ||
      (rc = get_str(r, where, o, "kind", 1, &kind)) ||
      (rc = get_str(r, where, o, "type", 0, &n->type)) ||
      (rc = get_str(r, where, o, "prompt", 1, &n->prompt)) ||
      (rc = get_str(r, where, o, "answer", 1, &n->answer)) ||
      (rc = get_str(r, where, o, "explanation", 0, &n->explanation)) ||
      (rc = get_str(r, where, o, "tags", 0, &n->tags)) ||
      (rc = get_strv(r, where, o, "aliases", &n->aliases, &n->n_aliases)) ||
      (rc = get_strv(r, where, o, "distractors", &n->distractors, &n->n_distractors))) {
    free(kind);
    return rc;
  }
  n->kind = NOTE_QA;
  if (kind) {
    int k = -1;
    for (int i = 0; i < 3; i++)
      if (strcmp(kind, KIND_NAMES[i]) == 0) k = i;
    if (k < 0)
      importres_problem(r, IMPORT_ERROR, where, 0, 0, "deck %d note %d: unknown kind '%s'",
                        di + 1, ni + 1, kind);
    else
      n->kind = (NoteKind)k;
  }
  free(kind);
  json_t *src = json_object_get(o, "sources");
  if (json_is_array(src) && json_array_size(src) > 0) {
    size_t ns = json_array_size(src);
    n->sources = calloc(ns, sizeof *n->sources);
    if (!n->sources) return QD_ENOMEM;
    for (size_t i = 0; i < ns; i++) {
      json_t *so = json_array_get(src, i);
      if (!json_is_object(so)) {
        importres_problem(r, IMPORT_ERROR, where, 0, 0, "deck %d note %d: bad source", di + 1,
                          ni + 1);
        break;
      }
      n->n_sources++;
      if ((rc = get_str(r, where, so, "article", 0, &n->sources[i].article)) ||
          (rc = get_str(r, where, so, "sentence", 0, &n->sources[i].sentence)))
        return rc;
    }
  }
  json_t *v;
  if ((v = json_object_get(o, "time_limit")) && json_is_integer(v)) {
    json_int_t t = json_integer_value(v);
    n->time_limit = t < 0 || t > 86400 ? 0 : (int)t;
  }
  if ((v = json_object_get(o, "score")) && json_is_number(v)) n->score = json_number_value(v);
  if ((v = json_object_get(o, "n_cards")) && json_is_integer(v)) {
    json_int_t c = json_integer_value(v);
    if (c < 0 || c > 1000)
      importres_problem(r, IMPORT_ERROR, where, 0, 0, "deck %d note %d: %lld cards", di + 1,
                        ni + 1, (long long)c);
    else
      n->n_cards = (int)c;
  }
  if (r->n_errors > before) store_note_clear(n);
  return 0;
}

/* ---- reading review history ----------------------------------------- */

#define HIST_MAX_TIME 1000000000000LL /* 10^12 s, as the scheduler */

/* Where each review field sits in an array row (-1: not in the rows). */
typedef struct ReviewLayout {
  int pos[RF_COUNT];
  int width; /* values per array row */
} ReviewLayout;

/* Reads "review_fields"; without it rows use REVIEW_FIELDS order.
 * Returns 0, or 0 with an error problem. */
static void review_layout(ImportResult *r, const char *where, json_t *root, ReviewLayout *l) {
  json_t *f = json_object_get(root, "review_fields");
  for (int i = 0; i < RF_COUNT; i++) l->pos[i] = f ? -1 : i;
  l->width = RF_COUNT;
  if (!f) return;
  if (!json_is_array(f)) {
    importres_problem(r, IMPORT_ERROR, where, 0, 0, "\"review_fields\" must be a list of names");
    return;
  }
  l->width = (int)json_array_size(f);
  for (size_t i = 0; i < json_array_size(f); i++) {
    const char *nm = json_string_value(json_array_get(f, i));
    int k = -1;
    for (int j = 0; nm && j < RF_COUNT; j++)
      if (strcmp(nm, REVIEW_FIELDS[j]) == 0) k = j;
    if (!nm) {
      importres_problem(r, IMPORT_ERROR, where, 0, 0,
                        "\"review_fields\" must be a list of names (entry %zu is not)", i + 1);
    } else if (k < 0) {
      importres_problem(r, IMPORT_WARNING, where, 0, 0,
                        "review field \"%s\" is unknown to this quizdeck and is ignored", nm);
    } else if (l->pos[k] >= 0) {
      importres_problem(r, IMPORT_ERROR, where, 0, 0, "review field \"%s\" is named twice", nm);
    } else {
      l->pos[k] = (int)i;
    }
  }
}

/* A whole number in [lo, hi]: 0, or -1 when v is not one. */
static int hist_int(json_t *v, long long lo, long long hi, long long *out) {
  if (!json_is_integer(v)) return -1;
  json_int_t x = json_integer_value(v);
  if (x < lo || x > hi) return -1;
  *out = (long long)x;
  return 0;
}

static int hist_real(json_t *v, double lo, double hi, double *out) {
  if (!json_is_number(v)) return -1;
  double x = json_number_value(v);
  if (!(x >= lo && x <= hi)) return -1;
  *out = x;
  return 0;
}

/* The context of a history problem: "deck 1 note 2: history 1 (profile
 * 'ana', card 0)". */
typedef struct HistWhere {
  ImportResult *r;
  const char *file;
  int deck, note, entry;
  const char *profile;
  int ord;
} HistWhere;

static void hist_problem(const HistWhere *w, int review, const char *field, const char *what) {
  char ctx[300];
  int n = snprintf(ctx, sizeof ctx, "deck %d note %d: history %d", w->deck + 1, w->note + 1,
                   w->entry + 1);
  if (w->profile && n > 0 && (size_t)n < sizeof ctx)
    n += snprintf(ctx + n, sizeof ctx - (size_t)n, " (profile '%.60s', card %d)", w->profile,
                  w->ord);
  if (review > 0 && n > 0 && (size_t)n < sizeof ctx)
    snprintf(ctx + n, sizeof ctx - (size_t)n, ", review %d", review);
  importres_problem(w->r, IMPORT_ERROR, w->file, 0, 0, "%s: \"%s\" %s", ctx, field, what);
}

/* Field checks: absent keeps *out and is fine unless required. */
#define HIST_INT(w, review, obj, key, lo, hi, required, out, what)      \
  do {                                                                   \
    json_t *v_ = json_object_get(obj, key);                              \
    long long x_ = 0;                                                    \
    if (!v_) {                                                           \
      if (required) hist_problem(w, review, key, "is missing");          \
    } else if (hist_int(v_, lo, hi, &x_) != 0) {                         \
      hist_problem(w, review, key, what);                                \
    } else {                                                             \
      *(out) = x_;                                                       \
    }                                                                    \
  } while (0)

static void sched_from_json(const HistWhere *w, json_t *o, SchedCard *c) {
  long long x;
  const char *st = json_string_value(json_object_get(o, "state"));
  int state = -1;
  for (int i = 0; st && i < 4; i++)
    if (strcmp(st, STATE_NAMES[i]) == 0) state = i;
  if (!json_object_get(o, "state"))
    hist_problem(w, 0, "state", "is missing");
  else if (state < 0)
    hist_problem(w, 0, "state", "must be new, learning, review or relearning");
  else
    c->state = (SchedState)state;
  x = c->step;
  HIST_INT(w, 0, o, "step", 0, 1000, 0, &x, "must be a whole number 0..1000");
  c->step = (int)x;
  static const struct {
    const char *key;
    double hi;
    const char *what;
  } reals[] = {{"stability", 1e9, "must be a number >= 0"},
               {"difficulty", 10, "must be a number 0..10"},
               {"ease", 1000, "must be a number >= 0"}};
  double *dst[] = {&c->stability, &c->difficulty, &c->ease};
  for (int i = 0; i < 3; i++) {
    json_t *v = json_object_get(o, reals[i].key);
    if (v && hist_real(v, 0, reals[i].hi, dst[i]) != 0)
      hist_problem(w, 0, reals[i].key, reals[i].what);
  }
  x = 0;
  HIST_INT(w, 0, o, "due", 0, HIST_MAX_TIME, state > 0, &x, "must be a time (seconds, >= 0)");
  c->due = (int64_t)x;
  x = 0;
  HIST_INT(w, 0, o, "last_review", 0, HIST_MAX_TIME, 0, &x, "must be a time (seconds, >= 0)");
  c->last_review = (int64_t)x;
  x = 0;
  HIST_INT(w, 0, o, "scheduled_days", 0, 10000000, 0, &x, "must be a whole number of days >= 0");
  c->scheduled_days = (int)x;
  x = 0;
  HIST_INT(w, 0, o, "reps", 0, 1000000000, 0, &x, "must be a whole number >= 0");
  c->reps = (int)x;
  x = 0;
  HIST_INT(w, 0, o, "lapses", 0, 1000000000, 0, &x, "must be a whole number >= 0");
  c->lapses = (int)x;
}

/* One review row (array in layout order, or object) into *out. */
static void review_from_json(const HistWhere *w, const ReviewLayout *l, json_t *row, int idx,
                             const SchedCard *card, StoreHistoryReview *out) {
  static const struct {
    long long lo, hi;
    int required;
    const char *what;
  } spec[RF_COUNT] = {
      [RF_TIME] = {0, HIST_MAX_TIME, 1, "must be a time (seconds, >= 0)"},
      [RF_RATING] = {1, 4, 1, "must be 1..4 (again, hard, good, easy)"},
      [RF_STATE_BEFORE] = {0, 3, 1, "must be 0..3 (new, learning, review, relearning)"},
      [RF_ELAPSED_DAYS] = {-10000000, 10000000, 0, "must be a whole number of days"},
      [RF_SCHEDULED_DAYS] = {0, 10000000, 0, "must be a whole number of days >= 0"},
      [RF_ANSWER_MS] = {0, 2000000000, 0, "must be milliseconds >= 0"},
      [RF_MODE] = {0, 4, 0, "must be 0..4 (flip, choice, typed, kiosk, present)"},
      [RF_PREV_STEP] = {0, 1000, 0, "must be a whole number 0..1000"},
      [RF_PREV_DUE] = {0, HIST_MAX_TIME, 0, "must be a time (seconds, >= 0)"},
      [RF_PREV_LAST_REVIEW] = {0, HIST_MAX_TIME, 0, "must be a time (seconds, >= 0)"},
      [RF_PREV_SCHEDULED_DAYS] = {0, 10000000, 0, "must be a whole number of days >= 0"},
      [RF_PREV_REPS] = {0, 1000000000, 0, "must be a whole number >= 0"},
      [RF_PREV_LAPSES] = {0, 1000000000, 0, "must be a whole number >= 0"},
  };
  memset(out, 0, sizeof *out);
  out->before = *card; /* without prev_* values: the card's state */
  out->before.id = 0;
  if (json_is_array(row) && (int)json_array_size(row) != l->width) {
    char what[80];
    snprintf(what, sizeof what, "has %zu values where \"review_fields\" names %d",
             json_array_size(row), l->width);
    hist_problem(w, idx, "reviews", what);
    return;
  }
  if (!json_is_array(row) && !json_is_object(row)) {
    hist_problem(w, idx, "reviews", "must hold lists or objects");
    return;
  }
  long long iv[RF_COUNT] = {0};
  double dv[RF_COUNT] = {0};
  int have[RF_COUNT] = {0};
  for (int f = 0; f < RF_COUNT; f++) {
    json_t *v = json_is_array(row) ? (l->pos[f] >= 0 ? json_array_get(row, (size_t)l->pos[f])
                                                      : NULL)
                                   : json_object_get(row, REVIEW_FIELDS[f]);
    if (!v || json_is_null(v)) {
      if (spec[f].required) hist_problem(w, idx, REVIEW_FIELDS[f], "is missing");
      continue;
    }
    int bad;
    if (f == RF_PREV_STABILITY || f == RF_PREV_EASE)
      bad = hist_real(v, 0, f == RF_PREV_EASE ? 1000 : 1e9, &dv[f]);
    else if (f == RF_PREV_DIFFICULTY)
      bad = hist_real(v, 0, 10, &dv[f]);
    else
      bad = hist_int(v, spec[f].lo, spec[f].hi, &iv[f]);
    if (bad) {
      hist_problem(w, idx, REVIEW_FIELDS[f],
                   f == RF_PREV_DIFFICULTY ? "must be a number 0..10"
                   : (f == RF_PREV_STABILITY || f == RF_PREV_EASE) ? "must be a number >= 0"
                                                                   : spec[f].what);
      continue;
    }
    have[f] = 1;
  }
  StoreReview *rv = &out->review;
  SchedCard *b = &out->before;
  rv->time = (int64_t)iv[RF_TIME];
  rv->rating = (int)iv[RF_RATING];
  rv->state_before = (int)iv[RF_STATE_BEFORE];
  rv->elapsed_days = (int)iv[RF_ELAPSED_DAYS];
  rv->scheduled_days = (int)iv[RF_SCHEDULED_DAYS];
  rv->answer_ms = (int)iv[RF_ANSWER_MS];
  rv->mode = (int)iv[RF_MODE];
  b->state = (SchedState)rv->state_before;
  if (have[RF_PREV_STEP]) b->step = (int)iv[RF_PREV_STEP];
  if (have[RF_PREV_STABILITY]) b->stability = dv[RF_PREV_STABILITY];
  if (have[RF_PREV_DIFFICULTY]) b->difficulty = dv[RF_PREV_DIFFICULTY];
  if (have[RF_PREV_EASE]) b->ease = dv[RF_PREV_EASE];
  if (have[RF_PREV_DUE]) b->due = (int64_t)iv[RF_PREV_DUE];
  if (have[RF_PREV_LAST_REVIEW]) b->last_review = (int64_t)iv[RF_PREV_LAST_REVIEW];
  if (have[RF_PREV_SCHEDULED_DAYS]) b->scheduled_days = (int)iv[RF_PREV_SCHEDULED_DAYS];
  if (have[RF_PREV_REPS]) b->reps = (int)iv[RF_PREV_REPS];
  if (have[RF_PREV_LAPSES]) b->lapses = (int)iv[RF_PREV_LAPSES];
}

/* Reads a note's "history" list and attaches it to note `note` of `d`.
 * Problems name the file, deck, note, entry, review and field. */
static int parse_history(ImportResult *r, const char *where, json_t *jh, const ReviewLayout *l,
                         int di, int ni, const StoreNote *n, ImportDeck *d, int note) {
  HistWhere w = {r, where, di, ni, 0, NULL, 0};
  int before = r->n_errors;
  if (!json_is_array(jh)) {
    importres_problem(r, IMPORT_ERROR, where, 0, 0,
                      "deck %d note %d: \"history\" must be a list", di + 1, ni + 1);
    return 0;
  }
  size_t count = json_array_size(jh);
  if (count == 0) return 0;
  if (!n->guid || !n->guid[0]) {
    importres_problem(r, IMPORT_ERROR, where, 0, 0,
                      "deck %d note %d: a note with \"history\" needs a \"guid\"", di + 1,
                      ni + 1);
    return 0;
  }
  StoreCardHistory *h = calloc(count, sizeof *h);
  if (!h) return QD_ENOMEM;
  int ncards = n->n_cards > 0 ? n->n_cards : 1, got = 0;
  for (size_t e = 0; e < count; e++) {
    json_t *o = json_array_get(jh, e);
    StoreCardHistory *c = &h[got];
    w.entry = (int)e;
    w.profile = NULL;
    w.ord = 0;
    if (!json_is_object(o)) {
      hist_problem(&w, 0, "history", "entries must be objects");
      continue;
    }
    const char *prof = json_string_value(json_object_get(o, "profile"));
    if (!prof || !*prof) {
      hist_problem(&w, 0, "profile", json_object_get(o, "profile") ? "must be a non-empty name"
                                                                   : "is missing");
      continue;
    }
    got++;
    if (!(c->profile = strdup(prof))) {
      store_history_free(h, got);
      return QD_ENOMEM;
    }
    w.profile = c->profile;
    long long x = 0;
    HIST_INT(&w, 0, o, "ord", 0, ncards - 1, 0, &x,
             ncards == 1 ? "must be 0 (the note has one card)"
                         : "must be a card number of the note (0 .. n_cards-1)");
    c->ord = (int)x;
    w.ord = c->ord;
    json_t *sus = json_object_get(o, "suspended");
    if (sus && !json_is_boolean(sus) && !(json_is_integer(sus) && (json_integer_value(sus) == 0 ||
                                                                   json_integer_value(sus) == 1)))
      hist_problem(&w, 0, "suspended", "must be true or false");
    else
      c->suspended = json_is_true(sus) || (json_is_integer(sus) && json_integer_value(sus) == 1);
    sched_from_json(&w, o, &c->sched);
    for (int k = 0; k + 1 < got; k++)
      if (h[k].ord == c->ord && strcmp(h[k].profile, c->profile) == 0) {
        hist_problem(&w, 0, "ord", "repeats a card listed earlier in this history");
        break;
      }
    json_t *rows = json_object_get(o, "reviews");
    if (!rows || json_is_null(rows)) continue;
    if (!json_is_array(rows)) {
      hist_problem(&w, 0, "reviews", "must be a list");
      continue;
    }
    size_t nr = json_array_size(rows);
    if (nr == 0) continue;
    c->reviews = calloc(nr, sizeof *c->reviews);
    if (!c->reviews) {
      store_history_free(h, got);
      return QD_ENOMEM;
    }
    for (size_t k = 0; k < nr; k++)
      review_from_json(&w, l, json_array_get(rows, k), (int)k + 1, &c->sched, &c->reviews[k]);
    c->n_reviews = (int)nr;
  }
  if (r->n_errors > before || got == 0) {
    store_history_free(h, got);
    return 0;
  }
  return importres_add_history(r, d, note, h, got);
}

int deckfile_parse_json(const char *name, const char *json, size_t len,
                        const ImportOptions *opts, ImportResult *r) {
  json_error_t je;
  char where[600];
  snprintf(where, sizeof where, "%s/%s", name, DECKFILE_ENTRY);
  r->format = IMPORT_FMT_DECKFILE;
  json_t *root = json_loadb(json, len, JSON_REJECT_DUPLICATES, &je);
  if (!root) {
    importres_problem(r, IMPORT_ERROR, where, je.line, je.column, "not valid JSON: %s",
                      je.text);
    return 0;
  }
  int rc = 0;
  const char *fmt = json_string_value(json_object_get(root, "format"));
  json_t *ver = json_object_get(root, "version");
  json_t *decks = json_object_get(root, "decks");
  if (!fmt || strcmp(fmt, DECKFILE_FORMAT) != 0) {
    importres_problem(r, IMPORT_ERROR, where, 0, 0, "not a quizdeck deck file (format is not "
                                                    "\"%s\")", DECKFILE_FORMAT);
    goto done;
  }
  if (!json_is_integer(ver) || json_integer_value(ver) < 1) {
    importres_problem(r, IMPORT_ERROR, where, 0, 0, "the deck file has no valid version");
    goto done;
  }
  if (json_integer_value(ver) > DECKFILE_VERSION) {
    importres_problem(r, IMPORT_ERROR, where, 0, 0,
                      "the deck file is version %lld, made by a newer quizdeck (this one "
                      "reads version %d)", (long long)json_integer_value(ver), DECKFILE_VERSION);
    goto done;
  }
  if (!json_is_array(decks)) {
    importres_problem(r, IMPORT_ERROR, where, 0, 0, "\"decks\" must be a list");
    goto done;
  }
  free(r->detail);
  r->detail = strdup("quizdeck deck file, version 1");
  ReviewLayout layout;
  review_layout(r, where, root, &layout);
  for (size_t i = 0; i < json_array_size(decks) && !rc; i++) {
    json_t *jd = json_array_get(decks, i);
    const char *dn = json_string_value(json_object_get(jd, "name"));
    json_t *notes = json_object_get(jd, "notes");
    if (!dn || !*dn || !json_is_array(notes)) {
      importres_problem(r, IMPORT_ERROR, where, 0, 0,
                        "deck %zu needs a \"name\" and a list of \"notes\"", i + 1);
      continue;
    }
    char *target = renamed(dn, opts);
    if (!target) {
      rc = QD_ENOMEM;
      break;
    }
    ImportDeck *d = importres_deck(r, target);
    free(target);
    if (!d) {
      rc = QD_ENOMEM;
      break;
    }
    json_t *js = json_object_get(jd, "settings");
    if (js) {
      const char *bad = "settings";
      if (json_is_object(js) && parse_settings(js, &d->settings, &bad) == 0)
        d->has_settings = 1;
      else
        importres_problem(r, IMPORT_WARNING, where, 0, 0,
                          "deck '%s': setting \"%s\" is out of range; the deck keeps "
                          "quizdeck's defaults", dn, bad);
    }
    for (size_t k = 0; k < json_array_size(notes) && !rc; k++) {
      StoreNote n;
      memset(&n, 0, sizeof n);
      r->n_source_notes++;
      json_t *jn = json_array_get(notes, k);
      rc = parse_note(r, name, jn, (int)i, (int)k, &n);
      if (!rc && n.prompt) {
        rc = importres_add_note(r, d, &n);
        json_t *jh = json_is_object(jn) ? json_object_get(jn, "history") : NULL;
        if (!rc && jh && !json_is_null(jh))
          rc = parse_history(r, where, jh, &layout, (int)i, (int)k, &d->notes[d->n_notes - 1],
                             d, d->n_notes - 1);
      }
      store_note_clear(&n);
    }
  }
  if (!rc && importres_history_cards(r) > 0) {
    free(r->detail);
    r->detail = strdup("quizdeck deck file, version 1, with review history");
  }
done:
  json_decref(root);
  return rc;
}

static int parse_zip(const char *name, zip_t *za, const ImportOptions *opts, ImportResult *r) {
  zip_int64_t idx = zip_name_locate(za, DECKFILE_ENTRY, 0);
  r->format = IMPORT_FMT_DECKFILE;
  if (idx < 0) {
    importres_problem(r, IMPORT_ERROR, name, 0, 0, "not a quizdeck deck file: no %s inside",
                      DECKFILE_ENTRY);
    return 0;
  }
  zip_file_t *zf = zip_fopen_index(za, (zip_uint64_t)idx, 0);
  if (!zf) {
    importres_problem(r, IMPORT_ERROR, name, 0, 0, "cannot open %s: %s", DECKFILE_ENTRY,
                      zip_strerror(za));
    return 0;
  }
  ImpBuf b = {0};
  char chunk[65536];
  int rc = 0;
  for (;;) {
    zip_int64_t got = zip_fread(zf, chunk, sizeof chunk);
    if (got < 0) {
      importres_problem(r, IMPORT_ERROR, name, 0, 0, "%s is damaged: %s", DECKFILE_ENTRY,
                        zip_file_strerror(zf));
      goto done;
    }
    if (got == 0) break;
    imp_buf_add(&b, chunk, (size_t)got);
    if (b.oom) {
      rc = QD_ENOMEM;
      goto done;
    }
    if (b.len > DECKFILE_MAX_JSON) {
      importres_problem(r, IMPORT_ERROR, name, 0, 0,
                        "%s expands beyond %zu MB: refusing it (a zip bomb?)", DECKFILE_ENTRY,
                        DECKFILE_MAX_JSON >> 20);
      goto done;
    }
  }
  rc = deckfile_parse_json(name, b.s ? b.s : "", b.len, opts, r);
done:
  zip_fclose(zf);
  imp_buf_free(&b);
  return rc;
}

int deckfile_parse_file(const char *path, const ImportOptions *opts, ImportResult *r) {
  int ze = 0;
  zip_t *za = zip_open(path, ZIP_RDONLY | ZIP_CHECKCONS, &ze);
  r->format = IMPORT_FMT_DECKFILE;
  if (!za) {
    zip_error_t e;
    zip_error_init_with_code(&e, ze);
    importres_problem(r, IMPORT_ERROR, path, 0, 0, "not a readable zip file (%s)",
                      zip_error_strerror(&e));
    zip_error_fini(&e);
    return 0;
  }
  int rc = parse_zip(path, za, opts, r);
  zip_discard(za);
  return rc;
}

int deckfile_parse_buffer(const char *name, const void *data, size_t len,
                          const ImportOptions *opts, ImportResult *r) {
  zip_error_t ze;
  zip_error_init(&ze);
  r->format = IMPORT_FMT_DECKFILE;
  zip_source_t *src = zip_source_buffer_create(data, len, 0, &ze);
  if (!src) {
    zip_error_fini(&ze);
    return QD_ENOMEM;
  }
  zip_t *za = zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &ze);
  if (!za) {
    importres_problem(r, IMPORT_ERROR, name, 0, 0, "not a readable zip file (%s)",
                      zip_error_strerror(&ze));
    zip_source_free(src);
    zip_error_fini(&ze);
    return 0;
  }
  zip_error_fini(&ze);
  int rc = parse_zip(name, za, opts, r);
  zip_discard(za);
  return rc;
}
