/* store_anki.h - reading an Anki collection (the SQLite file inside an
 * .apkg), part of the store module: besides store.c the only file that
 * includes sqlite3.h.
 *
 * The collection is opened from memory (sqlite3_deserialize on a private
 * copy), read only, with `trusted_schema` off and Anki's `unicase`
 * collation registered (schema-18 name columns use it; without it even
 * "ORDER BY name" fails).  It never touches the quizdeck database and
 * never writes a file.  Both layouts are read:
 *   - schema 11 (collection.anki2 / .anki21): note types and decks are
 *     JSON in col.models / col.decks, returned raw for the caller to parse;
 *   - schema 15..18 (collection.anki21b): tables notetypes / fields /
 *     templates / decks, with protobuf config blobs returned raw.
 * Everything returned is owned by the AnkiCollection and freed by
 * store_anki_free. */
#ifndef QD_STORE_ANKI_H
#define QD_STORE_ANKI_H

#include <stddef.h>
#include <stdint.h>

typedef struct AnkiNote {
  int64_t id;
  char *guid;
  int64_t mid;  /* note type id */
  char *tags;   /* space-separated, as stored (" a b ") */
  char *flds;   /* field values (HTML) separated by 0x1f */
} AnkiNote;

typedef struct AnkiCard {
  int64_t id, nid, did;
  int64_t odid; /* original deck while in a filtered deck, else 0 */
  int ord;      /* template number, or cloze number - 1 */
  int type;     /* 0 new, 1 learning, 2 review, 3 relearning */
  int queue;    /* -1 suspended, -2/-3 buried, else as type */
} AnkiCard;

typedef struct AnkiDeck {
  int64_t id;
  char *name;   /* levels joined with "::" (schema 18 stores 0x1f) */
} AnkiDeck;

typedef struct AnkiTemplate {
  int ord;
  char *name;
  unsigned char *config; /* protobuf TemplateConfig (q/a format) */
  size_t config_len;
} AnkiTemplate;

typedef struct AnkiNotetype {
  int64_t id;
  char *name;
  unsigned char *config; /* protobuf NotetypeConfig (kind, sort field) */
  size_t config_len;
  char **fields;         /* field names by ord */
  int n_fields;
  AnkiTemplate *templates;
  int n_templates;
} AnkiNotetype;

typedef struct AnkiCollection {
  int schema;           /* col.ver */
  char *models_json;    /* schema 11: col.models; else NULL */
  char *decks_json;     /* schema 11: col.decks; else NULL */
  AnkiNote *notes;      /* ordered by id */
  int n_notes;
  AnkiCard *cards;      /* ordered by note id, then ord */
  int n_cards;
  AnkiDeck *decks;      /* schema >= 15 only */
  int n_decks;
  AnkiNotetype *notetypes; /* schema >= 15 only */
  int n_notetypes;
  int n_revlog;         /* review-log rows */
} AnkiCollection;

/* Reads the collection held in image[0..len) (a SQLite database file).
 * `name` is used in messages.  Returns 0, or QD_ENOTDB (not SQLite / not
 * an Anki collection), QD_ECORRUPT (integrity check failed or a query hit
 * corruption), QD_EUNSUPPORTED (unknown schema version), QD_ENOMEM.  On
 * failure `out` is empty and `err` holds e.g.
 * "store: cannot read 'deck.apkg/collection.anki2': file is not a database". */
int store_anki_read(const void *image, size_t len, const char *name,
                    AnkiCollection *out, char *err, size_t errlen);

/* Frees everything in the collection and zeroes it.  NULL-safe. */
void store_anki_free(AnkiCollection *c);

/* Anki's `unicase` order: compares two UTF-8 strings ignoring case
 * (ASCII, Latin-1, Latin Extended-A, Greek, Cyrillic), then bytewise.
 * Exposed for tests. */
int store_anki_unicase_cmp(const char *a, size_t alen, const char *b,
                           size_t blen);

#endif
