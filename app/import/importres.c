#include "importres.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "imputil.h"

enum { IMPORTRES_MAX_PROBLEMS = 1000 };

void importres_init(ImportResult *r, const char *path, ImportFormat fmt) {
  memset(r, 0, sizeof *r);
  r->format = fmt;
  r->path = imp_strdup(path ? path : "");
  if (!r->path) r->oom = 1;
}

void importres_free(ImportResult *r) {
  if (!r) return;
  for (int i = 0; i < r->n_decks; i++) {
    free(r->decks[i].name);
    for (int k = 0; k < r->decks[i].n_notes; k++)
      store_note_clear(&r->decks[i].notes[k]);
    free(r->decks[i].notes);
    for (int k = 0; k < r->decks[i].n_history; k++)
      store_history_free(r->decks[i].history[k].cards, r->decks[i].history[k].n_cards);
    free(r->decks[i].history);
  }
  free(r->decks);
  for (int i = 0; i < r->n_problems; i++) {
    free(r->problems[i].file);
    free(r->problems[i].message);
  }
  free(r->problems);
  free(r->path);
  free(r->detail);
  memset(r, 0, sizeof *r);
}

void importres_problem(ImportResult *r, ImportSeverity sev, const char *file,
                       int line, int column, const char *fmt, ...) {
  if (sev == IMPORT_ERROR) r->n_errors++;
  if (r->n_problems > IMPORTRES_MAX_PROBLEMS) {
    /* the summary line counts the rest */
    ImportProblem *last = &r->problems[r->n_problems - 1];
    int more = 0;
    if (sscanf(last->message, "and %d more problems", &more) == 1) {
      char buf[64];
      snprintf(buf, sizeof buf, "and %d more problems", more + 1);
      char *m = strdup(buf);
      if (m) {
        free(last->message);
        last->message = m;
      }
      if (sev == IMPORT_ERROR) last->severity = IMPORT_ERROR;
    }
    return;
  }
  if (r->n_problems == r->problems_cap) {
    int cap = r->problems_cap ? r->problems_cap * 2 : 16;
    ImportProblem *p = realloc(r->problems, (size_t)cap * sizeof *p);
    if (!p) {
      r->oom = 1;
      return;
    }
    r->problems = p;
    r->problems_cap = cap;
  }
  char buf[1024];
  if (r->n_problems == IMPORTRES_MAX_PROBLEMS) {
    snprintf(buf, sizeof buf, "and %d more problems", 1);
    line = column = 0;
  } else {
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
  }
  ImportProblem *p = &r->problems[r->n_problems];
  p->severity = sev;
  p->file = imp_strdup(file ? file : r->path);
  p->line = line;
  p->column = column;
  p->message = strdup(buf);
  if (!p->file || !p->message) {
    free(p->file);
    free(p->message);
    r->oom = 1;
    return;
  }
  r->n_problems++;
}

ImportDeck *importres_deck(ImportResult *r, const char *name) {
  for (int i = 0; i < r->n_decks; i++)
    if (strcmp(r->decks[i].name, name) == 0) return &r->decks[i];
  if (r->n_decks == r->decks_cap) {
    int cap = r->decks_cap ? r->decks_cap * 2 : 4;
    ImportDeck *d = realloc(r->decks, (size_t)cap * sizeof *d);
    if (!d) {
      r->oom = 1;
      return NULL;
    }
    r->decks = d;
    r->decks_cap = cap;
  }
  ImportDeck *d = &r->decks[r->n_decks];
  memset(d, 0, sizeof *d);
  d->name = strdup(name);
  if (!d->name) {
    r->oom = 1;
    return NULL;
  }
  r->n_decks++;
  return d;
}

int importres_add_note(ImportResult *r, ImportDeck *deck, StoreNote *note) {
  if (deck->n_notes == deck->cap) {
    int cap = deck->cap ? deck->cap * 2 : 64;
    StoreNote *n = realloc(deck->notes, (size_t)cap * sizeof *n);
    if (!n) {
      store_note_clear(note);
      r->oom = 1;
      return QD_ENOMEM;
    }
    deck->notes = n;
    deck->cap = cap;
  }
  deck->notes[deck->n_notes++] = *note;
  memset(note, 0, sizeof *note);
  return 0;
}

int importres_notes(const ImportResult *r) {
  int n = 0;
  for (int i = 0; i < r->n_decks; i++) n += r->decks[i].n_notes;
  return n;
}

int importres_cards(const ImportResult *r) {
  int n = 0;
  for (int i = 0; i < r->n_decks; i++)
    for (int k = 0; k < r->decks[i].n_notes; k++) {
      int c = r->decks[i].notes[k].n_cards;
      n += c > 0 ? c : 1;
    }
  return n;
}

int importres_strv_add(char ***v, int *n, const char *s) {
  char **nv = realloc(*v, (size_t)(*n + 1) * sizeof *nv);
  if (!nv) return QD_ENOMEM;
  *v = nv;
  nv[*n] = strdup(s);
  if (!nv[*n]) return QD_ENOMEM;
  (*n)++;
  return 0;
}

int importres_add_history(ImportResult *r, ImportDeck *deck, int note,
                          StoreCardHistory *cards, int n) {
  if (deck->n_history == deck->history_cap) {
    int cap = deck->history_cap ? deck->history_cap * 2 : 16;
    ImportNoteHistory *h = realloc(deck->history, (size_t)cap * sizeof *h);
    if (!h) {
      store_history_free(cards, n);
      r->oom = 1;
      return QD_ENOMEM;
    }
    deck->history = h;
    deck->history_cap = cap;
  }
  ImportNoteHistory *h = &deck->history[deck->n_history++];
  h->note = note;
  h->cards = cards;
  h->n_cards = n;
  return 0;
}

int importres_history_cards(const ImportResult *r) {
  int n = 0;
  for (int i = 0; i < r->n_decks; i++)
    for (int k = 0; k < r->decks[i].n_history; k++) n += r->decks[i].history[k].n_cards;
  return n;
}

int importres_history_reviews(const ImportResult *r) {
  int n = 0;
  for (int i = 0; i < r->n_decks; i++)
    for (int k = 0; k < r->decks[i].n_history; k++)
      for (int c = 0; c < r->decks[i].history[k].n_cards; c++)
        n += r->decks[i].history[k].cards[c].n_reviews;
  return n;
}

int importres_history_profiles(const ImportResult *r) {
  /* profiles are few: a list of the distinct names seen is enough */
  const char **seen = NULL;
  int n = 0;
  for (int i = 0; i < r->n_decks; i++)
    for (int k = 0; k < r->decks[i].n_history; k++)
      for (int c = 0; c < r->decks[i].history[k].n_cards; c++) {
        const char *p = r->decks[i].history[k].cards[c].profile;
        int found = 0;
        for (int j = 0; j < n && !found; j++) found = strcmp(seen[j], p) == 0;
        if (found) continue;
        const char **v = realloc(seen, (size_t)(n + 1) * sizeof *v);
        if (!v) {
          free(seen);
          return -1;
        }
        seen = v;
        seen[n++] = p;
      }
  free(seen);
  return n;
}
