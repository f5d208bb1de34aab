#include "import.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <zip.h>

#include "apkg.h"
#include "csvimp.h"
#include "deckfile.h"
#include "error.h"
#include "imputil.h"
#ifdef QD_HAVE_QGEN
#include "qgen.h"
#endif

static const char *ext_of(const char *path) {
  const char *b = imp_basename(path);
  const char *dot = strrchr(b, '.');
  return dot ? dot + 1 : "";
}

/* Delimited text rather than prose: Anki header lines, or most lines
 * split by tabs. */
static int txt_is_delimited(const char *data, size_t len) {
  if (len && data[0] == '#') {
    static const char *const keys[] = {"#separator:", "#html:", "#columns:", "#deck:",
                                       "#tags:", "#notetype:", "#guid column:"};
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
      if (len >= strlen(keys[i]) && strncasecmp(data, keys[i], strlen(keys[i])) == 0)
        return 1;
  }
  size_t n = len < 65536 ? len : 65536;
  int lines = 0, tabbed = 0;
  const char *p = data, *end = data + n;
  while (p < end) {
    const char *nl = memchr(p, '\n', (size_t)(end - p));
    const char *e = nl ? nl : end;
    if (e - p > 1) {
      lines++;
      if (memchr(p, '\t', (size_t)(e - p))) tabbed++;
    }
    p = e + 1;
  }
  return lines > 0 && tabbed * 10 >= lines * 9;
}

static int is_article_ext(const char *e) {
  return strcasecmp(e, "md") == 0 || strcasecmp(e, "markdown") == 0 ||
         strcasecmp(e, "html") == 0 || strcasecmp(e, "htm") == 0;
}

static ImportFormat detect(const char *path, const char *head, size_t n) {
  const char *e = ext_of(path);
  if (n >= 4 && memcmp(head, "PK\x03\x04", 4) == 0) {
    int ze = 0;
    zip_t *za = zip_open(path, ZIP_RDONLY, &ze);
    ImportFormat f = IMPORT_FMT_APKG;
    if (za) {
      if (zip_name_locate(za, DECKFILE_ENTRY, 0) >= 0) f = IMPORT_FMT_DECKFILE;
      zip_discard(za);
    }
    return f;
  }
  if (n >= 4 && memcmp(head, "PK\x05\x06", 4) == 0) return IMPORT_FMT_APKG; /* empty zip */
  if (n >= 16 && memcmp(head, "SQLite format 3", 16) == 0) return IMPORT_FMT_APKG; /* a bare
                                                               collection.anki2 */
  if (strcasecmp(e, "apkg") == 0 || strcasecmp(e, "colpkg") == 0) return IMPORT_FMT_APKG;
  if (strcasecmp(e, "qdeck") == 0) return IMPORT_FMT_DECKFILE;
  if (is_article_ext(e)) return IMPORT_FMT_ARTICLE;
  if (strcasecmp(e, "txt") == 0 || strcasecmp(e, "text") == 0)
    return txt_is_delimited(head, n) ? IMPORT_FMT_DELIMITED : IMPORT_FMT_ARTICLE;
  return IMPORT_FMT_DELIMITED;
}

ImportFormat import_detect(const char *path) {
  char head[65536];
  FILE *f = fopen(path, "rb");
  if (!f) return IMPORT_FMT_UNKNOWN;
  size_t n = fread(head, 1, sizeof head, f);
  fclose(f);
  return detect(path, head, n);
}

const char *import_format_name(ImportFormat f) {
  switch (f) {
  case IMPORT_FMT_DELIMITED: return "CSV/TSV text";
  case IMPORT_FMT_KAHOOT: return "Kahoot quiz sheet";
  case IMPORT_FMT_APKG: return "Anki package";
  case IMPORT_FMT_DECKFILE: return "quizdeck deck file";
  case IMPORT_FMT_ARTICLE: return "article";
  case IMPORT_FMT_UNKNOWN: break;
  }
  return "unknown";
}

int import_file(const char *path, const ImportOptions *opts, ImportResult *out) {
  ImportOptions none;
  memset(&none, 0, sizeof none);
  if (!opts) opts = &none;
  importres_init(out, path, IMPORT_FMT_UNKNOWN);
  if (out->oom) return QD_ENOMEM;
  FILE *f = fopen(path, "rb");
  if (!f) {
    importres_problem(out, IMPORT_ERROR, path, 0, 0, "cannot open the file: %s",
                      strerror(errno));
    return out->oom ? QD_ENOMEM : 0;
  }
  char head[65536];
  size_t n = fread(head, 1, sizeof head, f);
  fclose(f);
  ImportFormat fmt = detect(path, head, n);
  out->format = fmt;
  int rc = 0;
  switch (fmt) {
  case IMPORT_FMT_APKG:
    if (n >= 16 && memcmp(head, "SQLite format 3", 16) == 0) {
      char *data = NULL;
      size_t len = 0;
      char err[512];
      int frc = imp_read_file(path, APKG_MAX_EXPAND, &data, &len, err, sizeof err);
      if (frc == QD_ENOMEM) return QD_ENOMEM;
      if (frc) {
        const char *m = strstr(err, "': ");
        importres_problem(out, IMPORT_ERROR, path, 0, 0, "%s", m ? m + 3 : err);
      } else {
        rc = apkg_parse_collection(path, data, len, opts, out);
      }
      free(data);
    } else {
      rc = apkg_parse_file(path, opts, 0, out);
    }
    break;
  case IMPORT_FMT_DECKFILE:
    rc = deckfile_parse_file(path, opts, out);
    break;
  case IMPORT_FMT_ARTICLE: {
    char *data = NULL;
    size_t len = 0;
    char err[512];
    int frc = imp_read_file(path, IMPORT_MAX_TEXT, &data, &len, err, sizeof err);
    if (frc) {
      importres_problem(out, IMPORT_ERROR, path, 0, 0, "%s", err);
    } else {
      size_t bad;
      if (imp_utf8_check(data, len, &bad) != 0) {
        int line, col;
        imp_text_pos(data, bad, &line, &col);
        importres_problem(out, IMPORT_ERROR, path, line, col,
                          "invalid UTF-8 (byte 0x%02X); save the article as UTF-8",
                          (unsigned char)data[bad]);
      }
#ifndef QD_HAVE_QGEN
      importres_problem(out, IMPORT_ERROR, path, 0, 0,
                        "articles need the question generator, which this build lacks");
#endif
    }
    free(data);
    free(out->detail);
    out->detail = strdup("article for the question generator");
    if (opts->deck && *opts->deck && !importres_deck(out, opts->deck)) rc = QD_ENOMEM;
    break;
  }
  default: {
    char *data = NULL;
    size_t len = 0;
    char err[512];
    int frc = imp_read_file(path, IMPORT_MAX_TEXT, &data, &len, err, sizeof err);
    if (frc == QD_ENOMEM) return QD_ENOMEM;
    if (frc) {
      /* the message already names the file */
      const char *m = strstr(err, "': ");
      importres_problem(out, IMPORT_ERROR, path, 0, 0, "%s", m ? m + 3 : err);
    } else {
      rc = csvimp_parse(path, data, len, opts, out);
    }
    free(data);
    break;
  }
  }
  if (out->oom && !rc) rc = QD_ENOMEM;
  return rc;
}

static void add_stats(StoreSyncStats *a, const StoreSyncStats *b) {
  a->added += b->added;
  a->updated += b->updated;
  a->unchanged += b->unchanged;
  a->removed += b->removed;
}

#ifdef QD_HAVE_QGEN
static int run_articles(Store *s, const ImportResult *r, const char *deck,
                        StoreSyncStats *st, char *err, size_t errlen) {
  const char *paths[1] = {r->path};
  return qgen_import_files(s, deck, paths, 1, st, err, errlen);
}

static char *article_deck(const ImportResult *r) {
  /* the deck named by --deck was recorded as the result's only deck */
  if (r->n_decks > 0) return strdup(r->decks[0].name);
  const char *b = imp_basename(r->path);
  const char *dot = strrchr(b, '.');
  return imp_strndup(b, dot && dot != b ? (size_t)(dot - b) : strlen(b));
}
#endif

static int apply_settings(Store *s, int64_t deck, const StoreDeckSettings *in) {
  StoreDeckSettings cur;
  int rc = store_deck_settings(s, deck, &cur);
  if (rc) return rc;
  StoreDeckSettings next = *in;
  next.sched.utc_offset = cur.sched.utc_offset; /* the machine's, not the file's */
  return store_deck_set_settings(s, deck, &next);
}

/* Puts back the review history of deck `d` (synced into deck `id`). */
static int restore_history(Store *s, const ImportResult *r, const ImportDeck *d, int64_t id,
                           StoreRestoreStats *acc, char *err, size_t errlen) {
  for (int k = 0; k < d->n_history; k++) {
    const ImportNoteHistory *h = &d->history[k];
    const StoreNote *n = &d->notes[h->note];
    int64_t note = 0;
    int rc = store_note_find(s, id, n->guid, &note);
    for (int c = 0; !rc && c < h->n_cards; c++) rc = store_card_restore(s, note, &h->cards[c], acc);
    if (rc) {
      snprintf(err, errlen, "import: cannot restore the review history of note '%s' in deck "
                            "'%s' from '%s': %s", n->guid ? n->guid : "", d->name, r->path,
               store_errmsg(s));
      return rc;
    }
  }
  return 0;
}

int import_commit(Store *s, const ImportResult *r, StoreSyncStats *stats, char *err,
                  size_t errlen) {
  return import_commit_history(s, r, stats, NULL, err, errlen);
}

int import_commit_history(Store *s, const ImportResult *r, StoreSyncStats *stats,
                          StoreRestoreStats *hist, char *err, size_t errlen) {
  StoreSyncStats total = {0, 0, 0, 0};
  StoreRestoreStats htotal = {0, 0, 0, 0};
  int rc = 0;
  if (stats) *stats = total;
  if (hist) *hist = htotal;
  if (r->n_errors > 0) {
    snprintf(err, errlen, "import: cannot import '%s': %d problem%s must be fixed first",
             r->path, r->n_errors, r->n_errors == 1 ? "" : "s");
    return QD_EPARSE;
  }
  if ((rc = store_begin(s))) {
    snprintf(err, errlen, "import: cannot import '%s': %s", r->path, store_errmsg(s));
    return rc;
  }
  if (r->format == IMPORT_FMT_ARTICLE) {
#ifdef QD_HAVE_QGEN
    char *deck = article_deck(r);
    if (!deck) {
      rc = QD_ENOMEM;
      snprintf(err, errlen, "import: cannot import '%s': out of memory", r->path);
    } else {
      rc = run_articles(s, r, deck, &total, err, errlen);
    }
    free(deck);
#else
    rc = QD_EUNSUPPORTED;
    snprintf(err, errlen, "import: cannot import '%s': this build has no question generator",
             r->path);
#endif
    if (rc) goto fail;
  }
  for (int i = 0; r->format != IMPORT_FMT_ARTICLE && i < r->n_decks; i++) {
    const ImportDeck *d = &r->decks[i];
    int64_t id = 0;
    StoreSyncStats st = {0, 0, 0, 0};
    /* a deck file's settings apply to a deck it creates, never over the
     * settings of a deck the user already has */
    int is_new = store_deck_find(s, d->name, &id) == QD_ENOTFOUND;
    if ((rc = store_deck_ensure(s, d->name, &id)) ||
        (is_new && d->has_settings && (rc = apply_settings(s, id, &d->settings))) ||
        (rc = store_deck_sync(s, id, d->notes, d->n_notes, 0, &st))) {
      snprintf(err, errlen, "import: cannot import '%s' into deck '%s': %s", r->path, d->name,
               store_errmsg(s));
      goto fail;
    }
    if ((rc = restore_history(s, r, d, id, &htotal, err, errlen))) goto fail;
    add_stats(&total, &st);
  }
  if ((rc = store_commit(s))) {
    snprintf(err, errlen, "import: cannot import '%s': %s", r->path, store_errmsg(s));
    goto fail;
  }
  if (stats) *stats = total;
  if (hist) *hist = htotal;
  return 0;
fail:
  store_rollback(s);
  return rc;
}

int import_preview_articles(Store *s, const ImportResult *r, StoreSyncStats *stats,
                            StoreNote **first, int *n_first, int max_first, char *err,
                            size_t errlen) {
  if (first) *first = NULL;
  if (n_first) *n_first = 0;
#ifdef QD_HAVE_QGEN
  StoreSyncStats st = {0, 0, 0, 0};
  int rc = store_begin(s);
  if (rc) {
    snprintf(err, errlen, "import: cannot preview '%s': %s", r->path, store_errmsg(s));
    return rc;
  }
  char *deck = article_deck(r);
  rc = deck ? run_articles(s, r, deck, &st, err, errlen) : QD_ENOMEM;
  if (!rc && first && n_first && max_first > 0) {
    int64_t id;
    if (store_deck_find(s, deck, &id) == 0 &&
        store_notes_list(s, id, NULL, 0, max_first, first, n_first) != 0) {
      *first = NULL;
      *n_first = 0;
    }
  }
  free(deck);
  store_rollback(s);
  if (!rc && stats) *stats = st;
  return rc;
#else
  (void)s;
  (void)stats;
  (void)max_first;
  snprintf(err, errlen, "import: cannot preview '%s': this build has no question generator",
           r->path);
  return QD_EUNSUPPORTED;
#endif
}
