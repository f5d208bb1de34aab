/* drop.h - files dropped on the window become decks.
 *
 * A table of importers, tried in order: each says whether it takes a file
 * (by name and first bytes) and imports it into a new deck.  Deck files
 * (Anki .apkg, CSV/TSV/Kahoot text, quizdeck deck files) go through the
 * teachers' importers (app/import) when they are built in; articles
 * (.txt, .md, .html) go through the question generator.  Before any
 * importer runs, the file is checked: it must be a regular, readable file
 * of at most the importer's size limit, and an article must be text (no
 * NUL bytes, valid UTF-8).  Nothing is written unless the import succeeds
 * whole. */
#ifndef QD_UI_DROP_H
#define QD_UI_DROP_H

#include <stddef.h>
#include <stdint.h>

#include "store.h"

#define DROP_MAX_BYTES (8L << 20)         /* articles */
#define DROP_MAX_DECK_BYTES (512L << 20)  /* deck files and packages */

typedef struct DropImporter {
  const char *name; /* "article", ... */
  long max_bytes;   /* larger files are refused before being read */
  /* 1 when this importer handles the file (name and first n bytes). */
  int (*accepts)(const char *path, const unsigned char *head, size_t n);
  /* Imports into a new deck named after the file; fills msg with a
   * one-line result ("Added 42 questions to 'x'") or error. */
  int (*import)(Store *s, const char *path, char *deck_name, size_t deck_len,
                char *msg, size_t msglen);
} DropImporter;

/* Checks and imports `path`.  Returns 0 (msg says what was added, and
 * deck_name the deck) or a negative QD_E* code (msg names the file and the
 * problem). */
int drop_import(Store *s, const char *path, char *deck_name, size_t deck_len,
                char *msg, size_t msglen);

/* Loads the built-in deck from the generator's corpus directory when the
 * database has no decks yet.  Returns 1 if a deck was added, 0 if nothing
 * was needed or available, or a negative code (msg says why). */
int drop_builtin_deck(Store *s, int64_t profile, int64_t now, char *msg,
                      size_t msglen);
/* Loads the built-in deck without checking for other decks first (the
 * caller knows there are none).  Same results as drop_builtin_deck. */
int drop_builtin_load(Store *s, char *msg, size_t msglen);

#endif
