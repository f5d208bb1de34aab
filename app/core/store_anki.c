#include "store_anki.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"

/* ---- unicase ----------------------------------------------------------- */

static uint32_t next_cp(const unsigned char *s, size_t n, size_t *i) {
  unsigned c = s[*i];
  size_t k = 0;
  uint32_t cp;
  if (c < 0x80) {
    (*i)++;
    return c;
  }
  if ((c & 0xE0) == 0xC0) { k = 1; cp = c & 0x1F; }
  else if ((c & 0xF0) == 0xE0) { k = 2; cp = c & 0x0F; }
  else if ((c & 0xF8) == 0xF0) { k = 3; cp = c & 0x07; }
  else {
    (*i)++;
    return 0xFFFD;
  }
  if (*i + k >= n) {
    *i = n;
    return 0xFFFD;
  }
  for (size_t j = 1; j <= k; j++) cp = (cp << 6) | (s[*i + j] & 0x3F);
  *i += k + 1;
  return cp;
}

static uint32_t fold(uint32_t c) {
  if (c >= 'A' && c <= 'Z') return c + 32;
  if ((c >= 0xC0 && c <= 0xDE && c != 0xD7)) return c + 32;
  if (c >= 0x100 && c <= 0x17F && c != 0x130 && c != 0x131 && c != 0x138 && c != 0x149 &&
      c != 0x17F) {
    if ((c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E))
      return (c & 1) ? c + 1 : c;
    return (c & 1) ? c : c + 1;
  }
  if (c >= 0x391 && c <= 0x3AB && c != 0x3A2) return c + 32;
  if (c >= 0x410 && c <= 0x42F) return c + 32;
  if (c >= 0x400 && c <= 0x40F) return c + 80;
  return c;
}

int store_anki_unicase_cmp(const char *a, size_t alen, const char *b, size_t blen) {
  size_t i = 0, j = 0;
  const unsigned char *x = (const unsigned char *)a, *y = (const unsigned char *)b;
  while (i < alen && j < blen) {
    uint32_t ca = fold(next_cp(x, alen, &i)), cb = fold(next_cp(y, blen, &j));
    if (ca != cb) return ca < cb ? -1 : 1;
  }
  if (i < alen) return 1;
  if (j < blen) return -1;
  return 0;
}

static int unicase(void *ctx, int alen, const void *a, int blen, const void *b) {
  (void)ctx;
  return store_anki_unicase_cmp(a, (size_t)alen, b, (size_t)blen);
}

/* ---- reading ------------------------------------------------------------ */

typedef struct Reader {
  sqlite3 *db;
  const char *name;
  char *err;
  size_t errlen;
} Reader;

static int fail_db(Reader *R, const char *what) {
  int code = sqlite3_errcode(R->db);
  int rc = QD_ECORRUPT;
  if (code == SQLITE_NOTADB) rc = QD_ENOTDB;
  else if (code == SQLITE_NOMEM) rc = QD_ENOMEM;
  else if (code == SQLITE_ERROR) rc = QD_ENOTDB; /* missing table/column */
  snprintf(R->err, R->errlen, "store: cannot read '%s': %s (%s)", R->name,
           rc == QD_ENOTDB && code == SQLITE_ERROR ? "not an Anki collection"
           : rc == QD_ENOTDB                        ? "file is not a database"
           : rc == QD_ENOMEM                        ? "out of memory"
                                                    : "collection is corrupt",
           what);
  return rc;
}

static char *col_text(sqlite3_stmt *st, int i) {
  const unsigned char *t = sqlite3_column_text(st, i);
  int n = sqlite3_column_bytes(st, i);
  char *s = malloc((size_t)n + 1);
  if (!s) return NULL;
  if (t && n) memcpy(s, t, (size_t)n);
  s[n] = '\0';
  return s;
}

static unsigned char *col_blob(sqlite3_stmt *st, int i, size_t *len) {
  const void *b = sqlite3_column_blob(st, i);
  int n = sqlite3_column_bytes(st, i);
  unsigned char *s = malloc((size_t)n + 1);
  if (!s) return NULL;
  if (b && n) memcpy(s, b, (size_t)n);
  *len = (size_t)n;
  return s;
}

static int has_table(Reader *R, const char *table, int *yes) {
  sqlite3_stmt *st = NULL;
  *yes = 0;
  if (sqlite3_prepare_v2(R->db,
                         "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?1",
                         -1, &st, NULL) != SQLITE_OK)
    return fail_db(R, "reading the schema");
  sqlite3_bind_text(st, 1, table, -1, SQLITE_STATIC);
  int s = sqlite3_step(st);
  if (s == SQLITE_ROW) *yes = 1;
  sqlite3_finalize(st);
  if (s != SQLITE_ROW && s != SQLITE_DONE) return fail_db(R, "reading the schema");
  return 0;
}

static int grow(void **arr, int *cap, int n, size_t size) {
  if (n < *cap) return 0;
  int nc = *cap ? *cap * 2 : 64;
  void *p = realloc(*arr, (size_t)nc * size);
  if (!p) return QD_ENOMEM;
  *arr = p;
  *cap = nc;
  return 0;
}

static int read_notes(Reader *R, AnkiCollection *c) {
  sqlite3_stmt *st = NULL;
  int cap = 0, rc = 0, s;
  if (sqlite3_prepare_v2(R->db, "SELECT id, guid, mid, tags, flds FROM notes ORDER BY id",
                         -1, &st, NULL) != SQLITE_OK)
    return fail_db(R, "reading notes");
  while ((s = sqlite3_step(st)) == SQLITE_ROW) {
    if ((rc = grow((void **)&c->notes, &cap, c->n_notes, sizeof *c->notes))) break;
    AnkiNote *n = &c->notes[c->n_notes];
    memset(n, 0, sizeof *n);
    n->id = sqlite3_column_int64(st, 0);
    n->mid = sqlite3_column_int64(st, 2);
    c->n_notes++;
    n->guid = col_text(st, 1);
    n->tags = col_text(st, 3);
    n->flds = col_text(st, 4);
    if (!n->guid || !n->tags || !n->flds) {
      rc = QD_ENOMEM;
      break;
    }
  }
  if (!rc && s != SQLITE_DONE) rc = fail_db(R, "reading notes");
  sqlite3_finalize(st);
  return rc;
}

static int read_cards(Reader *R, AnkiCollection *c) {
  sqlite3_stmt *st = NULL;
  int cap = 0, rc = 0, s;
  if (sqlite3_prepare_v2(R->db,
                         "SELECT id, nid, did, odid, ord, type, queue FROM cards "
                         "ORDER BY nid, ord, id",
                         -1, &st, NULL) != SQLITE_OK)
    return fail_db(R, "reading cards");
  while ((s = sqlite3_step(st)) == SQLITE_ROW) {
    if ((rc = grow((void **)&c->cards, &cap, c->n_cards, sizeof *c->cards))) break;
    AnkiCard *k = &c->cards[c->n_cards++];
    k->id = sqlite3_column_int64(st, 0);
    k->nid = sqlite3_column_int64(st, 1);
    k->did = sqlite3_column_int64(st, 2);
    k->odid = sqlite3_column_int64(st, 3);
    k->ord = sqlite3_column_int(st, 4);
    k->type = sqlite3_column_int(st, 5);
    k->queue = sqlite3_column_int(st, 6);
  }
  if (!rc && s != SQLITE_DONE) rc = fail_db(R, "reading cards");
  sqlite3_finalize(st);
  return rc;
}

static int read_decks(Reader *R, AnkiCollection *c) {
  sqlite3_stmt *st = NULL;
  int cap = 0, rc = 0, s;
  if (sqlite3_prepare_v2(R->db, "SELECT id, name FROM decks ORDER BY name", -1, &st, NULL) !=
      SQLITE_OK)
    return fail_db(R, "reading decks");
  while ((s = sqlite3_step(st)) == SQLITE_ROW) {
    if ((rc = grow((void **)&c->decks, &cap, c->n_decks, sizeof *c->decks))) break;
    AnkiDeck *d = &c->decks[c->n_decks++];
    d->id = sqlite3_column_int64(st, 0);
    const unsigned char *t = sqlite3_column_text(st, 1);
    int n = sqlite3_column_bytes(st, 1);
    /* levels are separated by 0x1f: spell them "::" */
    size_t extra = 0;
    for (int i = 0; i < n; i++) extra += t[i] == 0x1f;
    d->name = malloc((size_t)n + extra + 1);
    if (!d->name) {
      rc = QD_ENOMEM;
      break;
    }
    size_t w = 0;
    for (int i = 0; i < n; i++) {
      if (t[i] == 0x1f) {
        d->name[w++] = ':';
        d->name[w++] = ':';
      } else {
        d->name[w++] = (char)t[i];
      }
    }
    d->name[w] = '\0';
  }
  if (!rc && s != SQLITE_DONE) rc = fail_db(R, "reading decks");
  sqlite3_finalize(st);
  return rc;
}

static int read_notetypes(Reader *R, AnkiCollection *c) {
  sqlite3_stmt *st = NULL, *fq = NULL, *tq = NULL;
  int cap = 0, rc = 0, s;
  if (sqlite3_prepare_v2(R->db, "SELECT id, name, config FROM notetypes ORDER BY id", -1, &st,
                         NULL) != SQLITE_OK ||
      sqlite3_prepare_v2(R->db, "SELECT ord, name FROM fields WHERE ntid = ?1 ORDER BY ord",
                         -1, &fq, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2(R->db,
                         "SELECT ord, name, config FROM templates WHERE ntid = ?1 ORDER BY ord",
                         -1, &tq, NULL) != SQLITE_OK) {
    rc = fail_db(R, "reading note types");
    goto done;
  }
  while ((s = sqlite3_step(st)) == SQLITE_ROW) {
    if ((rc = grow((void **)&c->notetypes, &cap, c->n_notetypes, sizeof *c->notetypes)))
      break;
    AnkiNotetype *t = &c->notetypes[c->n_notetypes++];
    memset(t, 0, sizeof *t);
    t->id = sqlite3_column_int64(st, 0);
    t->name = col_text(st, 1);
    t->config = col_blob(st, 2, &t->config_len);
    if (!t->name || !t->config) {
      rc = QD_ENOMEM;
      break;
    }
    int fcap = 0, fs;
    sqlite3_reset(fq);
    sqlite3_bind_int64(fq, 1, t->id);
    while ((fs = sqlite3_step(fq)) == SQLITE_ROW) {
      if ((rc = grow((void **)&t->fields, &fcap, t->n_fields, sizeof *t->fields))) break;
      t->fields[t->n_fields] = col_text(fq, 1);
      if (!t->fields[t->n_fields]) {
        rc = QD_ENOMEM;
        break;
      }
      t->n_fields++;
    }
    if (!rc && fs != SQLITE_DONE) rc = fail_db(R, "reading fields");
    if (rc) break;
    int tcap = 0, ts;
    sqlite3_reset(tq);
    sqlite3_bind_int64(tq, 1, t->id);
    while ((ts = sqlite3_step(tq)) == SQLITE_ROW) {
      if ((rc = grow((void **)&t->templates, &tcap, t->n_templates, sizeof *t->templates)))
        break;
      AnkiTemplate *m = &t->templates[t->n_templates++];
      memset(m, 0, sizeof *m);
      m->ord = sqlite3_column_int(tq, 0);
      m->name = col_text(tq, 1);
      m->config = col_blob(tq, 2, &m->config_len);
      if (!m->name || !m->config) {
        rc = QD_ENOMEM;
        break;
      }
    }
    if (!rc && ts != SQLITE_DONE) rc = fail_db(R, "reading templates");
    if (rc) break;
  }
  if (!rc && s != SQLITE_DONE) rc = fail_db(R, "reading note types");
done:
  sqlite3_finalize(st);
  sqlite3_finalize(fq);
  sqlite3_finalize(tq);
  return rc;
}

int store_anki_read(const void *image, size_t len, const char *name, AnkiCollection *out,
                    char *err, size_t errlen) {
  Reader R = {NULL, name, err, errlen};
  sqlite3_stmt *st = NULL;
  unsigned char *copy = NULL;
  int rc = 0;
  memset(out, 0, sizeof *out);
  if (errlen) err[0] = '\0';
  if (len < 100 || memcmp(image, "SQLite format 3", 16) != 0) {
    snprintf(err, errlen, "store: cannot read '%s': file is not a database", name);
    return QD_ENOTDB;
  }
  if (sqlite3_open_v2(":memory:", &R.db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_MEMORY, NULL) !=
      SQLITE_OK) {
    snprintf(err, errlen, "store: cannot read '%s': out of memory", name);
    rc = QD_ENOMEM;
    goto fail;
  }
  sqlite3_db_config(R.db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
  sqlite3_db_config(R.db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
  sqlite3_db_config(R.db, SQLITE_DBCONFIG_ENABLE_TRIGGER, 0, NULL);
  sqlite3_db_config(R.db, SQLITE_DBCONFIG_ENABLE_VIEW, 0, NULL);
  sqlite3_create_collation(R.db, "unicase", SQLITE_UTF8, NULL, unicase);
  copy = sqlite3_malloc64(len);
  if (!copy) {
    snprintf(err, errlen, "store: cannot read '%s': out of memory", name);
    rc = QD_ENOMEM;
    goto fail;
  }
  memcpy(copy, image, len);
  /* a WAL-mode header cannot be opened from memory: read it as a
   * rollback-journal database (the WAL itself is never in a package) */
  if (copy[18] == 2) copy[18] = 1;
  if (copy[19] == 2) copy[19] = 1;
  if (sqlite3_deserialize(R.db, "main", copy, (sqlite3_int64)len, (sqlite3_int64)len,
                          SQLITE_DESERIALIZE_FREEONCLOSE | SQLITE_DESERIALIZE_READONLY) !=
      SQLITE_OK) {
    copy = NULL; /* freed by SQLite on failure */
    rc = fail_db(&R, "loading");
    goto fail;
  }
  copy = NULL;
  if (sqlite3_prepare_v2(R.db, "PRAGMA quick_check", -1, &st, NULL) != SQLITE_OK) {
    rc = fail_db(&R, "integrity check");
    goto fail;
  }
  int s = sqlite3_step(st);
  if (s != SQLITE_ROW || strcmp((const char *)sqlite3_column_text(st, 0), "ok") != 0) {
    if (s == SQLITE_ROW || sqlite3_errcode(R.db) == SQLITE_CORRUPT) {
      snprintf(err, errlen, "store: cannot read '%s': collection is corrupt (integrity check "
                            "failed)", name);
      rc = QD_ECORRUPT;
    } else {
      rc = fail_db(&R, "integrity check");
    }
    goto fail;
  }
  sqlite3_finalize(st);
  st = NULL;
  int has_col, has_nt;
  if ((rc = has_table(&R, "col", &has_col))) goto fail;
  if ((rc = has_table(&R, "notetypes", &has_nt))) goto fail;
  if (!has_col) {
    snprintf(err, errlen, "store: cannot read '%s': not an Anki collection (no col table)",
             name);
    rc = QD_ENOTDB;
    goto fail;
  }
  if (sqlite3_prepare_v2(R.db, "SELECT ver, models, decks FROM col", -1, &st, NULL) !=
      SQLITE_OK) {
    rc = fail_db(&R, "reading col");
    goto fail;
  }
  if (sqlite3_step(st) != SQLITE_ROW) {
    if (sqlite3_errcode(R.db) == SQLITE_ROW || sqlite3_errcode(R.db) == SQLITE_DONE ||
        sqlite3_errcode(R.db) == SQLITE_OK) {
      snprintf(err, errlen, "store: cannot read '%s': not an Anki collection (col is empty)",
               name);
      rc = QD_ENOTDB;
    } else {
      rc = fail_db(&R, "reading col");
    }
    goto fail;
  }
  out->schema = sqlite3_column_int(st, 0);
  if (out->schema < 11 || out->schema > 18 || (out->schema >= 15 && !has_nt) ||
      (out->schema < 15 && has_nt)) {
    snprintf(err, errlen,
             "store: cannot read '%s': unsupported Anki collection schema %d (known: 11 to 18)",
             name, out->schema);
    rc = QD_EUNSUPPORTED;
    goto fail;
  }
  if (!has_nt) {
    out->models_json = col_text(st, 1);
    out->decks_json = col_text(st, 2);
    if (!out->models_json || !out->decks_json) {
      rc = QD_ENOMEM;
      goto fail;
    }
  }
  sqlite3_finalize(st);
  st = NULL;
  if ((rc = read_notes(&R, out))) goto fail;
  if ((rc = read_cards(&R, out))) goto fail;
  if (has_nt) {
    if ((rc = read_decks(&R, out))) goto fail;
    if ((rc = read_notetypes(&R, out))) goto fail;
  }
  int has_rev;
  if ((rc = has_table(&R, "revlog", &has_rev))) goto fail;
  if (has_rev) {
    if (sqlite3_prepare_v2(R.db, "SELECT count(*) FROM revlog", -1, &st, NULL) != SQLITE_OK ||
        sqlite3_step(st) != SQLITE_ROW) {
      rc = fail_db(&R, "reading the review log");
      goto fail;
    }
    out->n_revlog = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    st = NULL;
  }
  sqlite3_close(R.db);
  return 0;
fail:
  if (rc == QD_ENOMEM && (!err[0]))
    snprintf(err, errlen, "store: cannot read '%s': out of memory", name);
  sqlite3_finalize(st);
  sqlite3_free(copy);
  sqlite3_close(R.db);
  store_anki_free(out);
  return rc;
}

void store_anki_free(AnkiCollection *c) {
  if (!c) return;
  for (int i = 0; i < c->n_notes; i++) {
    free(c->notes[i].guid);
    free(c->notes[i].tags);
    free(c->notes[i].flds);
  }
  free(c->notes);
  free(c->cards);
  for (int i = 0; i < c->n_decks; i++) free(c->decks[i].name);
  free(c->decks);
  for (int i = 0; i < c->n_notetypes; i++) {
    AnkiNotetype *t = &c->notetypes[i];
    free(t->name);
    free(t->config);
    for (int k = 0; k < t->n_fields; k++) free(t->fields[k]);
    free(t->fields);
    for (int k = 0; k < t->n_templates; k++) {
      free(t->templates[k].name);
      free(t->templates[k].config);
    }
    free(t->templates);
  }
  free(c->notetypes);
  free(c->models_json);
  free(c->decks_json);
  memset(c, 0, sizeof *c);
}
