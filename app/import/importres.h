/* importres.h - what an importer found in a file, before anything is
 * written: notes grouped by deck, and every problem with its position.
 *
 * The parsers (csvimp, apkg, deckfile) fill an ImportResult; import.h
 * commits it to the store.  An ImportResult owns all its strings. */
#ifndef QD_IMPORTRES_H
#define QD_IMPORTRES_H

#include <stddef.h>

#include "store.h"

typedef enum {
  IMPORT_WARNING = 0, /* imported anyway; the user should know */
  IMPORT_ERROR = 1,   /* the file is not imported while any error remains */
} ImportSeverity;

typedef struct ImportProblem {
  ImportSeverity severity;
  char *file;    /* path as given (or "file/entry" inside a package) */
  int line;      /* 1-based; 0 when the problem has no line */
  int column;    /* 1-based in characters; 0 when unknown */
  char *message; /* lowercase, says what is wrong, e.g. "expected 5 fields, found 3" */
} ImportProblem;

/* The review history a deck file carries for one note: its cards in the
 * profiles that studied it (store_card_restore puts them back). */
typedef struct ImportNoteHistory {
  int note;                /* index into the deck's notes */
  StoreCardHistory *cards;
  int n_cards;
} ImportNoteHistory;

typedef struct ImportDeck {
  char *name;       /* "Parent::Child" */
  StoreNote *notes; /* guid always set, deck member unused (0) */
  int n_notes;
  int cap;
  int has_settings; /* 1: `settings` came with the file (deck files) and */
  StoreDeckSettings settings; /* apply when the deck is created */
  ImportNoteHistory *history; /* deck files exported --with-history */
  int n_history;
  int history_cap;
} ImportDeck;

typedef enum {
  IMPORT_FMT_UNKNOWN = 0,
  IMPORT_FMT_DELIMITED, /* CSV / TSV / semicolon text, Anki text export */
  IMPORT_FMT_KAHOOT,    /* Kahoot quiz spreadsheet saved as CSV */
  IMPORT_FMT_APKG,      /* Anki package */
  IMPORT_FMT_DECKFILE,  /* quizdeck portable deck (export --format deck) */
  IMPORT_FMT_ARTICLE,   /* .txt/.md/.html article for the question generator */
} ImportFormat;

/* Choices the user can make before importing. Zero-initialise. */
typedef struct ImportOptions {
  const char *deck; /* target deck (Anki: replaces the top level); NULL = from the file */
  int front_column; /* delimited text: 1-based column for the front; 0 = automatic */
  int back_column;  /* 1-based column for the back; 0 = automatic */
} ImportOptions;

typedef struct ImportResult {
  ImportFormat format;
  char *path;          /* file as given */
  char *detail;        /* one line, e.g. "Anki package, schema 18"; may be NULL */
  ImportDeck *decks;
  int n_decks;
  ImportProblem *problems;
  int n_problems;
  int n_errors;        /* problems with IMPORT_ERROR */
  int n_source_notes;  /* notes as counted in the file (Anki notes, data rows) */
  int n_source_cards;  /* cards the file defines (Anki cards rows) */
  int oom;             /* an allocation failed while filling the result */
  int problems_cap, decks_cap;
} ImportResult;

/* Starts an empty result for `path` (copied). */
void importres_init(ImportResult *r, const char *path, ImportFormat fmt);
/* Frees everything and zeroes the struct.  NULL-safe. */
void importres_free(ImportResult *r);

/* Records a problem (printf-style message).  Keeps at most 1000 problems
 * in full; later ones are only counted into one final summary line. */
void importres_problem(ImportResult *r, ImportSeverity sev, const char *file,
                       int line, int column, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 6, 7)))
#endif
    ;

/* The deck called `name`, created empty if new (NULL when out of memory). */
ImportDeck *importres_deck(ImportResult *r, const char *name);

/* Appends `note` to `deck`, taking ownership of its members (the caller's
 * struct is zeroed).  Returns 0 or QD_ENOMEM (the note is then freed). */
int importres_add_note(ImportResult *r, ImportDeck *deck, StoreNote *note);

/* Attaches the history `cards[0..n)` to note `note` (an index into
 * deck->notes), taking ownership of the array (freed with
 * store_history_free, also on failure).  Returns 0 or QD_ENOMEM. */
int importres_add_history(ImportResult *r, ImportDeck *deck, int note,
                          StoreCardHistory *cards, int n);

/* Appends a copy of `s` to a string array; returns 0 or QD_ENOMEM. */
int importres_strv_add(char ***v, int *n, const char *s);

/* Totals over all decks. */
int importres_notes(const ImportResult *r);
int importres_cards(const ImportResult *r); /* sum of n_cards (0 counts 1) */
/* Review history carried by the file: cards, review-log rows, and the
 * number of distinct profile names (-1 when out of memory). */
int importres_history_cards(const ImportResult *r);
int importres_history_reviews(const ImportResult *r);
int importres_history_profiles(const ImportResult *r);

#endif
