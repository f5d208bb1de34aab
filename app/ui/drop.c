/* drop.c - the dropped-file importer table and the built-in deck. */
#include "drop.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "error.h"
#ifdef QD_HAVE_QGEN
#include "qgen.h"
#endif
#ifdef QD_DROP_IMPORT
#include "import.h"
#endif

#define BUILTIN_DECK "Japan\xE2\x80\x93South Korea relations"

static const char *base_name(const char *path) {
  const char *s = strrchr(path, '/');
  return s ? s + 1 : path;
}

static const char *ext_of(const char *path) {
  const char *b = base_name(path), *d = strrchr(b, '.');
  return d ? d + 1 : "";
}

static int valid_utf8(const unsigned char *s, size_t n, int allow_cut) {
  size_t i = 0;
  while (i < n) {
    unsigned c = s[i];
    size_t need;
    if (c == 0) return 0;
    if (c < 0x80) { i++; continue; }
    if ((c & 0xE0) == 0xC0 && c >= 0xC2) need = 1;
    else if ((c & 0xF0) == 0xE0) need = 2;
    else if ((c & 0xF8) == 0xF0 && c <= 0xF4) need = 3;
    else return 0;
    if (i + need >= n) return allow_cut; /* sequence cut by the buffer */
    for (size_t k = 1; k <= need; k++)
      if ((s[i + k] & 0xC0) != 0x80) return 0;
    i += need + 1;
  }
  return 1;
}

static int article_accepts(const char *path, const unsigned char *head,
                           size_t n) {
  const char *e = ext_of(path);
  (void)head;
  (void)n;
  return strcasecmp(e, "txt") == 0 || strcasecmp(e, "md") == 0 ||
         strcasecmp(e, "html") == 0 || strcasecmp(e, "htm") == 0 ||
         strcasecmp(e, "markdown") == 0;
}

/* Deck name from the file name: "seoul-summit.txt" -> "seoul-summit". */
static void deck_from_file(const char *path, char *out, size_t len) {
  const char *b = base_name(path), *d = strrchr(b, '.');
  size_t k = d && d > b ? (size_t)(d - b) : strlen(b);
  if (k >= len) k = len - 1;
  memcpy(out, b, k);
  out[k] = '\0';
}

static int article_import(Store *s, const char *path, char *deck_name,
                          size_t deck_len, char *msg, size_t msglen) {
  deck_from_file(path, deck_name, deck_len);
#ifdef QD_HAVE_QGEN
  {
    StoreSyncStats st = {0, 0, 0, 0};
    const char *paths[1] = {path};
    char err[512] = "";
    int rc = qgen_import_files(s, deck_name, paths, 1, &st, err, sizeof err);
    if (rc < 0) {
      snprintf(msg, msglen, "%s", err[0] ? err : qd_strerror(rc));
      return rc;
    }
    if (st.added + st.updated + st.unchanged == 0) {
      snprintf(msg, msglen,
               "import: '%s': no questions could be made from this article",
               base_name(path));
      return QD_EPARSE;
    }
    snprintf(msg, msglen, "Added %d question%s to \xE2\x80\x9C%s\xE2\x80\x9D",
             st.added, st.added == 1 ? "" : "s", deck_name);
    if (st.updated)
      snprintf(msg + strlen(msg), msglen - strlen(msg), " (%d updated)",
               st.updated);
    return 0;
  }
#else
  (void)s;
  snprintf(msg, msglen,
           "import: cannot read '%s': this build has no question generator",
           base_name(path));
  return QD_EUNSUPPORTED;
#endif
}

#ifdef QD_DROP_IMPORT
/* Anki packages, CSV/TSV/Kahoot text and quizdeck deck files: whatever
 * the importers recognise that is not an article. */
static int deck_accepts(const char *path, const unsigned char *head,
                        size_t n) {
  static const char *const exts[] = {"apkg", "colpkg", "csv", "tsv", "zip",
                                      "qdeck"};
  const char *e = ext_of(path);
  int known = n >= 4 && memcmp(head, "PK\x03\x04", 4) == 0; /* zip */
  ImportFormat f;
  for (size_t i = 0; i < sizeof exts / sizeof *exts; i++)
    if (strcasecmp(e, exts[i]) == 0) known = 1;
  /* a .txt is a deck only when it is tab-separated or an Anki export */
  if (!known && strcasecmp(e, "txt") != 0) return 0;
  f = import_detect(path);
  return f != IMPORT_FMT_UNKNOWN && f != IMPORT_FMT_ARTICLE;
}

static int deck_import(Store *s, const char *path, char *deck_name,
                       size_t deck_len, char *msg, size_t msglen) {
  ImportResult r;
  ImportOptions o;
  StoreSyncStats st = {0, 0, 0, 0};
  char err[512] = "";
  int rc, warnings = 0;
  memset(&o, 0, sizeof o);
  rc = import_file(path, &o, &r);
  if (rc < 0) {
    snprintf(msg, msglen, "import: cannot read '%s': %s", base_name(path),
             qd_strerror(rc));
    importres_free(&r);
    return rc;
  }
  if (r.n_errors > 0) {
    for (int i = 0; i < r.n_problems; i++) {
      const ImportProblem *p = &r.problems[i];
      if (p->severity != IMPORT_ERROR) continue;
      if (p->line > 0)
        snprintf(msg, msglen, "import: '%s' line %d: %s", base_name(p->file),
                 p->line, p->message);
      else
        snprintf(msg, msglen, "import: '%s': %s", base_name(p->file),
                 p->message);
      break;
    }
    if (r.n_errors > 1 && strlen(msg) + 40 < msglen)
      snprintf(msg + strlen(msg), msglen - strlen(msg),
               " (and %d more problems)", r.n_errors - 1);
    importres_free(&r);
    return QD_EPARSE;
  }
  for (int i = 0; i < r.n_problems; i++) warnings++;
  rc = import_commit(s, &r, &st, err, sizeof err);
  if (rc < 0) {
    snprintf(msg, msglen, "%s", err[0] ? err : qd_strerror(rc));
    importres_free(&r);
    return rc;
  }
  snprintf(deck_name, deck_len, "%s",
           r.n_decks > 0 && r.decks[0].name ? r.decks[0].name : "");
  snprintf(msg, msglen, "Added %d note%s to \xE2\x80\x9C%s\xE2\x80\x9D%s",
           st.added, st.added == 1 ? "" : "s", deck_name,
           r.n_decks > 1 ? " and other decks" : "");
  if (st.updated)
    snprintf(msg + strlen(msg), msglen - strlen(msg), ", %d updated",
             st.updated);
  if (warnings)
    snprintf(msg + strlen(msg), msglen - strlen(msg),
             " (%d warning%s: see 'quizdeck import --dry-run')", warnings,
             warnings == 1 ? "" : "s");
  importres_free(&r);
  return 0;
}
#endif

/* The rows of the drop table, tried in order. */
static const DropImporter importers[] = {
#ifdef QD_DROP_IMPORT
    {"deck", DROP_MAX_DECK_BYTES, deck_accepts, deck_import},
#endif
    {"article", DROP_MAX_BYTES, article_accepts, article_import},
};

int drop_import(Store *s, const char *path, char *deck_name, size_t deck_len,
                char *msg, size_t msglen) {
  struct stat st;
  unsigned char head[8192];
  size_t n;
  FILE *f;
  const DropImporter *imp = NULL;
  deck_name[0] = '\0';
  if (!s) {
    snprintf(msg, msglen, "import: cannot add '%s': no database is open",
             base_name(path));
    return QD_EINVAL;
  }
  if (stat(path, &st) != 0) {
    snprintf(msg, msglen, "import: cannot open '%s': %s", base_name(path),
             strerror(errno));
    return QD_ENOTFOUND;
  }
  if (!S_ISREG(st.st_mode)) {
    snprintf(msg, msglen, "import: cannot add '%s': not a regular file",
             base_name(path));
    return QD_EINVAL;
  }
  f = fopen(path, "rb");
  if (!f) {
    snprintf(msg, msglen, "import: cannot open '%s': %s", base_name(path),
             strerror(errno));
    return QD_EIO;
  }
  n = fread(head, 1, sizeof head, f);
  fclose(f);
  for (size_t i = 0; i < sizeof importers / sizeof *importers; i++)
    if (importers[i].accepts(path, head, n)) {
      imp = &importers[i];
      break;
    }
  if (!imp) {
    snprintf(msg, msglen,
             "import: cannot add '%s': unknown file type (articles: .txt, "
             ".md, .html%s)", base_name(path),
             sizeof importers / sizeof *importers > 1
                 ? "; decks: .apkg, .csv, .tsv, deck files" : "");
    return QD_EUNSUPPORTED;
  }
  if (st.st_size > imp->max_bytes) {
    snprintf(msg, msglen,
             "import: cannot add '%s': file is too large (%.1f MB, at most "
             "%ld MB)", base_name(path), (double)st.st_size / 1048576.0,
             imp->max_bytes >> 20);
    return QD_ETOOBIG;
  }
  if (strcmp(imp->name, "article") == 0) {
    if (n == 0) {
      snprintf(msg, msglen, "import: cannot add '%s': file is empty",
               base_name(path));
      return QD_EPARSE;
    }
    if (!valid_utf8(head, n, n == sizeof head)) {
      snprintf(msg, msglen,
               "import: cannot add '%s': not a text file (binary data or "
               "invalid UTF-8 near the start)", base_name(path));
      return QD_EUTF8;
    }
  }
  return imp->import(s, path, deck_name, deck_len, msg, msglen);
}

static int cmp_str(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

int drop_builtin_deck(Store *s, int64_t profile, int64_t now, char *msg,
                      size_t msglen) {
  StoreDeckInfo *decks = NULL;
  int n = 0, rc;
  msg[0] = '\0';
  rc = store_decks_list(s, profile, now, &decks, &n);
  if (rc < 0) {
    snprintf(msg, msglen, "%s", store_errmsg(s));
    return rc;
  }
  store_decks_free(decks, n);
  if (n > 0) return 0;
  return drop_builtin_load(s, msg, msglen);
}

int drop_builtin_load(Store *s, char *msg, size_t msglen) {
  int rc;
  msg[0] = '\0';
#if defined(QD_HAVE_QGEN) && defined(QD_CORPUS_DIR)
  {
    DIR *d = opendir(QD_CORPUS_DIR);
    struct dirent *e;
    char **paths = NULL;
    int np = 0, cap = 0;
    StoreSyncStats st = {0, 0, 0, 0};
    if (!d) {
      snprintf(msg, msglen, "quizdeck: cannot open the built-in corpus '%s': %s",
               QD_CORPUS_DIR, strerror(errno));
      return QD_ENOTFOUND;
    }
    while ((e = readdir(d))) {
      size_t l = strlen(e->d_name);
      char *p;
      if (l < 5 || strcmp(e->d_name + l - 4, ".txt") != 0) continue;
      if (np == cap) {
        int nc = cap ? cap * 2 : 32;
        char **g = realloc(paths, (size_t)nc * sizeof *g);
        if (!g) break;
        paths = g;
        cap = nc;
      }
      p = malloc(strlen(QD_CORPUS_DIR) + l + 2);
      if (!p) break;
      sprintf(p, "%s/%s", QD_CORPUS_DIR, e->d_name);
      paths[np++] = p;
    }
    closedir(d);
    if (np > 0) qsort(paths, (size_t)np, sizeof *paths, cmp_str);
    rc = np > 0 ? qgen_import_files(s, BUILTIN_DECK,
                                    (const char *const *)paths, np, &st, msg,
                                    msglen)
                : QD_ENOTFOUND;
    for (int i = 0; i < np; i++) free(paths[i]);
    free(paths);
    if (rc < 0) {
      if (!msg[0])
        snprintf(msg, msglen, "quizdeck: cannot load the built-in deck: %s",
                 qd_strerror(rc));
      return rc;
    }
    snprintf(msg, msglen, "Loaded the built-in deck \xE2\x80\x9C%s\xE2\x80\x9D "
             "(%d questions)", BUILTIN_DECK, st.added);
    return 1;
  }
#else
  (void)s;
  (void)msglen;
  (void)cmp_str;
  (void)rc;
  return 0;
#endif
}
