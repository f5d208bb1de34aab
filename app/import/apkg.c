#include "apkg.h"

#include <ctype.h>
#include <errno.h>
#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>
#include <zstd.h>

#include "anki.pb-c.h"
#include "cloze.h"
#include "error.h"
#include "htmltext.h"
#include "imputil.h"
#include "store_anki.h"

enum { APKG_MAX_RENDER_DEPTH = 8, APKG_MAX_MEDIA_NAMES = 5 };

/* A note type, from JSON (schema 11) or protobuf (schema 18). */
typedef struct Model {
  int64_t id;
  char *name;
  int cloze;
  char **fields;
  int n_fields;
  char **qfmt; /* by template index */
  char **afmt;
  int *tord;   /* template ord of each index */
  int n_tmpls;
} Model;

typedef struct DeckName {
  int64_t id;
  char *name;
} DeckName;

typedef struct Pkg {
  const char *path;
  const ImportOptions *opts;
  ImportResult *r;
  size_t max_expand;
  Model *models;
  int n_models;
  DeckName *decks;
  int n_decks;
  /* media */
  int media_files;
  char *media_names[APKG_MAX_MEDIA_NAMES];
  int n_media_names;
  int media_refs;   /* references in fields */
  char entry[512];  /* "path/entry" for messages */
} Pkg;

/* ---- zip entries ---------------------------------------------------- */

static int unsafe_name(const char *n) {
  if (n[0] == '/' || n[0] == '\\' || strstr(n, "..") || strchr(n, '\\') ||
      (isalpha((unsigned char)n[0]) && n[1] == ':'))
    return 1;
  return 0;
}

/* Doubles the buffer an entry expands into, refusing to go past the
 * expansion limit (a zip bomb).  Returns 0, QD_ETOOBIG or QD_ENOMEM. */
static int grow_expanded(Pkg *P, unsigned char **buf, size_t *cap) {
  size_t nc = *cap * 2;
  if (nc > P->max_expand + 1) nc = P->max_expand + 1;
  if (nc <= *cap) {
    importres_problem(P->r, IMPORT_ERROR, P->entry, 0, 0,
                      "entry expands beyond %zu MB: refusing it (a zip bomb?)",
                      P->max_expand >> 20);
    return QD_ETOOBIG;
  }
  unsigned char *nb = realloc(*buf, nc);
  if (!nb) return QD_ENOMEM;
  *buf = nb;
  *cap = nc;
  return 0;
}

/* Reads a whole zip entry into memory, never more than max bytes. */
static int read_entry(Pkg *P, zip_t *za, zip_int64_t idx, const char *name,
                      unsigned char **out, size_t *len) {
  int rc = 0;
  unsigned char *buf = NULL;
  size_t n = 0, cap = 0;
  *out = NULL;
  *len = 0;
  snprintf(P->entry, sizeof P->entry, "%s/%s", P->path, name);
  zip_file_t *zf = zip_fopen_index(za, (zip_uint64_t)idx, 0);
  if (!zf) {
    importres_problem(P->r, IMPORT_ERROR, P->entry, 0, 0,
                      "cannot open the zip entry: %s", zip_strerror(za));
    return QD_EPARSE;
  }
  zip_stat_t st;
  if (zip_stat_index(za, (zip_uint64_t)idx, 0, &st) == 0 && (st.valid & ZIP_STAT_SIZE) &&
      st.size <= P->max_expand)
    cap = (size_t)st.size + 1;
  if (cap < 4096) cap = 4096;
  buf = malloc(cap);
  if (!buf) {
    rc = QD_ENOMEM;
    goto done;
  }
  for (;;) {
    if (n == cap && (rc = grow_expanded(P, &buf, &cap))) goto done;
    zip_int64_t got = zip_fread(zf, buf + n, cap - n);
    if (got < 0) {
      importres_problem(P->r, IMPORT_ERROR, P->entry, 0, 0,
                        "the zip entry is damaged: %s", zip_file_strerror(zf));
      rc = QD_EPARSE;
      goto done;
    }
    if (got == 0) break;
    n += (size_t)got;
    if (n > P->max_expand) {
      importres_problem(P->r, IMPORT_ERROR, P->entry, 0, 0,
                        "entry expands beyond %zu MB: refusing it (a zip bomb?)",
                        P->max_expand >> 20);
      rc = QD_ETOOBIG;
      goto done;
    }
  }
  *out = buf;
  *len = n;
  buf = NULL;
done:
  free(buf);
  zip_fclose(zf);
  return rc;
}

static int unzstd(Pkg *P, const unsigned char *in, size_t inlen, unsigned char **out,
                  size_t *outlen) {
  int rc = 0;
  ZSTD_DStream *ds = ZSTD_createDStream();
  unsigned char *buf = NULL;
  size_t cap = 1 << 20, n = 0;
  *out = NULL;
  *outlen = 0;
  if (!ds || !(buf = malloc(cap))) {
    rc = QD_ENOMEM;
    goto done;
  }
  ZSTD_initDStream(ds);
  ZSTD_inBuffer ib = {in, inlen, 0};
  size_t last = 1;
  while (ib.pos < ib.size || last != 0) {
    if (n == cap && (rc = grow_expanded(P, &buf, &cap))) goto done;
    ZSTD_outBuffer ob = {buf + n, cap - n, 0};
    size_t before = ib.pos;
    last = ZSTD_decompressStream(ds, &ob, &ib);
    if (ZSTD_isError(last)) {
      importres_problem(P->r, IMPORT_ERROR, P->entry, 0, 0,
                        "zstd data is damaged: %s", ZSTD_getErrorName(last));
      rc = QD_EPARSE;
      goto done;
    }
    n += ob.pos;
    if (n > P->max_expand) {
      importres_problem(P->r, IMPORT_ERROR, P->entry, 0, 0,
                        "entry expands beyond %zu MB: refusing it (a zip bomb?)",
                        P->max_expand >> 20);
      rc = QD_ETOOBIG;
      goto done;
    }
    if (ib.pos == ib.size && ob.pos == 0 && ib.pos == before) {
      if (last != 0) {
        importres_problem(P->r, IMPORT_ERROR, P->entry, 0, 0,
                          "zstd data is truncated");
        rc = QD_EPARSE;
        goto done;
      }
      break;
    }
  }
  *out = buf;
  *outlen = n;
  buf = NULL;
done:
  free(buf);
  ZSTD_freeDStream(ds);
  return rc;
}

/* ---- note types and decks ------------------------------------------ */

static void model_free(Model *m) {
  free(m->name);
  for (int i = 0; i < m->n_fields; i++) free(m->fields[i]);
  free(m->fields);
  for (int i = 0; i < m->n_tmpls; i++) {
    free(m->qfmt[i]);
    free(m->afmt[i]);
  }
  free(m->qfmt);
  free(m->afmt);
  free(m->tord);
}

static int model_alloc(Model *m, int n_fields, int n_tmpls) {
  m->fields = calloc((size_t)(n_fields ? n_fields : 1), sizeof *m->fields);
  m->qfmt = calloc((size_t)(n_tmpls ? n_tmpls : 1), sizeof *m->qfmt);
  m->afmt = calloc((size_t)(n_tmpls ? n_tmpls : 1), sizeof *m->afmt);
  m->tord = calloc((size_t)(n_tmpls ? n_tmpls : 1), sizeof *m->tord);
  return (m->fields && m->qfmt && m->afmt && m->tord) ? 0 : QD_ENOMEM;
}

static const char *jstr(json_t *o, const char *key) {
  const char *s = json_string_value(json_object_get(o, key));
  return s ? s : "";
}

static int64_t jint(json_t *o, const char *key) {
  json_t *v = json_object_get(o, key);
  if (json_is_integer(v)) return (int64_t)json_integer_value(v);
  if (json_is_string(v)) return strtoll(json_string_value(v), NULL, 10);
  return 0;
}

/* Parses a legacy collection's JSON column, which must be an object;
 * reports `what` as invalid and returns NULL otherwise.  Caller decrefs. */
static json_t *json_object_of(Pkg *P, const char *text, const char *entry,
                              const char *what) {
  json_error_t je;
  json_t *root = json_loads(text, 0, &je);
  if (json_is_object(root)) return root;
  importres_problem(P->r, IMPORT_ERROR, entry, 0, 0,
                    "%s are not valid JSON: %s", what, je.text);
  json_decref(root);
  return NULL;
}

static int models_from_json(Pkg *P, const AnkiCollection *c, const char *entry) {
  json_t *root = json_object_of(P, c->models_json, entry, "the note types (col.models)");
  if (!root) return QD_EPARSE;
  size_t n = json_object_size(root);
  P->models = calloc(n ? n : 1, sizeof *P->models);
  if (!P->models) {
    json_decref(root);
    return QD_ENOMEM;
  }
  const char *key;
  json_t *v;
  int rc = 0;
  json_object_foreach(root, key, v) {
    if (!json_is_object(v)) continue;
    Model *m = &P->models[P->n_models++];
    json_t *flds = json_object_get(v, "flds"), *tmpls = json_object_get(v, "tmpls");
    int nf = json_is_array(flds) ? (int)json_array_size(flds) : 0;
    int nt = json_is_array(tmpls) ? (int)json_array_size(tmpls) : 0;
    m->id = jint(v, "id");
    if (!m->id) m->id = strtoll(key, NULL, 10);
    m->cloze = jint(v, "type") == 1;
    m->name = strdup(jstr(v, "name"));
    if (!m->name || model_alloc(m, nf, nt)) {
      rc = QD_ENOMEM;
      break;
    }
    for (int i = 0; i < nf; i++) {
      m->fields[i] = strdup(jstr(json_array_get(flds, (size_t)i), "name"));
      if (!m->fields[i]) rc = QD_ENOMEM;
      m->n_fields++;
    }
    for (int i = 0; i < nt; i++) {
      json_t *t = json_array_get(tmpls, (size_t)i);
      m->qfmt[i] = strdup(jstr(t, "qfmt"));
      m->afmt[i] = strdup(jstr(t, "afmt"));
      m->tord[i] = json_object_get(t, "ord") ? (int)jint(t, "ord") : i;
      m->n_tmpls++;
      if (!m->qfmt[i] || !m->afmt[i]) rc = QD_ENOMEM;
    }
    if (rc) break;
  }
  json_decref(root);
  return rc;
}

static int decks_from_json(Pkg *P, const AnkiCollection *c, const char *entry) {
  json_t *root = json_object_of(P, c->decks_json, entry, "the deck list (col.decks)");
  if (!root) return QD_EPARSE;
  size_t n = json_object_size(root);
  P->decks = calloc(n ? n : 1, sizeof *P->decks);
  if (!P->decks) {
    json_decref(root);
    return QD_ENOMEM;
  }
  const char *key;
  json_t *v;
  json_object_foreach(root, key, v) {
    if (!json_is_object(v)) continue;
    DeckName *d = &P->decks[P->n_decks++];
    d->id = jint(v, "id");
    if (!d->id) d->id = strtoll(key, NULL, 10);
    d->name = strdup(jstr(v, "name"));
    if (!d->name) {
      json_decref(root);
      return QD_ENOMEM;
    }
  }
  json_decref(root);
  return 0;
}

static int models_from_tables(Pkg *P, const AnkiCollection *c, const char *entry) {
  P->models = calloc((size_t)(c->n_notetypes ? c->n_notetypes : 1), sizeof *P->models);
  if (!P->models) return QD_ENOMEM;
  for (int i = 0; i < c->n_notetypes; i++) {
    const AnkiNotetype *t = &c->notetypes[i];
    Model *m = &P->models[P->n_models++];
    m->id = t->id;
    m->name = strdup(t->name);
    if (!m->name || model_alloc(m, t->n_fields, t->n_templates)) return QD_ENOMEM;
    Qdanki__NotetypeConfig *cfg =
        qdanki__notetype_config__unpack(NULL, t->config_len, t->config);
    if (!cfg) {
      importres_problem(P->r, IMPORT_ERROR, entry, 0, 0,
                        "note type '%s' has a damaged configuration", t->name);
      return QD_EPARSE;
    }
    m->cloze = cfg->kind == QDANKI__NOTETYPE_CONFIG__KIND__KIND_CLOZE;
    qdanki__notetype_config__free_unpacked(cfg, NULL);
    for (int k = 0; k < t->n_fields; k++) {
      m->fields[k] = strdup(t->fields[k]);
      m->n_fields++;
      if (!m->fields[k]) return QD_ENOMEM;
    }
    for (int k = 0; k < t->n_templates; k++) {
      Qdanki__TemplateConfig *tc = qdanki__template_config__unpack(
          NULL, t->templates[k].config_len, t->templates[k].config);
      if (!tc) {
        importres_problem(P->r, IMPORT_ERROR, entry, 0, 0,
                          "card template '%s' of note type '%s' is damaged",
                          t->templates[k].name, t->name);
        return QD_EPARSE;
      }
      m->qfmt[k] = strdup(tc->q_format ? tc->q_format : "");
      m->afmt[k] = strdup(tc->a_format ? tc->a_format : "");
      m->tord[k] = t->templates[k].ord;
      m->n_tmpls++;
      qdanki__template_config__free_unpacked(tc, NULL);
      if (!m->qfmt[k] || !m->afmt[k]) return QD_ENOMEM;
    }
  }
  P->decks = calloc((size_t)(c->n_decks ? c->n_decks : 1), sizeof *P->decks);
  if (!P->decks) return QD_ENOMEM;
  for (int i = 0; i < c->n_decks; i++) {
    P->decks[i].id = c->decks[i].id;
    P->decks[i].name = strdup(c->decks[i].name);
    P->n_decks++;
    if (!P->decks[i].name) return QD_ENOMEM;
  }
  return 0;
}

static const Model *find_model(const Pkg *P, int64_t id) {
  for (int i = 0; i < P->n_models; i++)
    if (P->models[i].id == id) return &P->models[i];
  return NULL;
}

static const char *find_deck(const Pkg *P, int64_t id) {
  for (int i = 0; i < P->n_decks; i++)
    if (P->decks[i].id == id) return P->decks[i].name;
  return NULL;
}

/* ---- template rendering -------------------------------------------- */

typedef struct Render {
  const Model *m;
  char **vals;
  size_t *lens;
  const char *frontside;
  const char *tags;
  const char *deck;
} Render;

static int field_index(const Render *R, const char *name, size_t n) {
  for (int i = 0; i < R->m->n_fields; i++)
    if (strlen(R->m->fields[i]) == n && memcmp(R->m->fields[i], name, n) == 0) return i;
  return -1;
}

static void trim_span(const char **s, size_t *n) {
  while (*n && isspace((unsigned char)**s)) {
    (*s)++;
    (*n)--;
  }
  while (*n && isspace((unsigned char)(*s)[*n - 1])) (*n)--;
}

static int field_nonempty(const Render *R, const char *name, size_t n) {
  int i = field_index(R, name, n);
  if (i < 0) return 0;
  char *t = htmltext_plain(R->vals[i], R->lens[i]);
  int ne = t && *t;
  free(t);
  /* a field with only a picture is not empty either */
  if (!ne) ne = htmltext_media(R->vals[i], R->lens[i], NULL, NULL) > 0;
  return ne;
}

/* "漢字[かんじ]" ruby syntax: keep the base (kanji), the reading (kana),
 * or both as "漢字(かんじ)" (furigana). */
static void ruby(ImpBuf *out, const char *s, size_t n, char mode) {
  size_t i = 0;
  while (i < n) {
    if (s[i] == '[') {
      const char *e = memchr(s + i, ']', n - i);
      if (e) {
        size_t rl = (size_t)(e - s) - i - 1;
        if (mode == 'f') {
          imp_buf_addc(out, '(');
          imp_buf_add(out, s + i + 1, rl);
          imp_buf_addc(out, ')');
        } else if (mode == 'k') {
          imp_buf_add(out, s + i + 1, rl);
        }
        i = (size_t)(e - s) + 1;
        continue;
      }
    }
    if (s[i] == ' ' && mode != 'f') { /* the space only marks where ruby starts */
      i++;
      continue;
    }
    imp_buf_addc(out, s[i]);
    i++;
  }
}

static void render(const Render *R, const char *t, size_t n, ImpBuf *out, int depth) {
  size_t i = 0;
  if (depth > APKG_MAX_RENDER_DEPTH) return;
  while (i < n) {
    const char *open = NULL;
    for (size_t k = i; k + 1 < n; k++)
      if (t[k] == '{' && t[k + 1] == '{') {
        open = t + k;
        break;
      }
    if (!open) {
      imp_buf_add(out, t + i, n - i);
      return;
    }
    size_t o = (size_t)(open - t);
    imp_buf_add(out, t + i, o - i);
    const char *close = NULL;
    for (size_t k = o + 2; k + 1 < n; k++)
      if (t[k] == '}' && t[k + 1] == '}') {
        close = t + k;
        break;
      }
    if (!close) {
      imp_buf_add(out, t + o, n - o);
      return;
    }
    const char *tag = t + o + 2;
    size_t tl = (size_t)(close - tag);
    size_t after = (size_t)(close - t) + 2;
    trim_span(&tag, &tl);
    if (tl && (tag[0] == '#' || tag[0] == '^')) {
      const char *name = tag + 1;
      size_t nl = tl - 1;
      trim_span(&name, &nl);
      /* find {{/name}} */
      size_t end = n, resume = n;
      for (size_t k = after; k + 4 < n; k++) {
        if (t[k] != '{' || t[k + 1] != '{') continue;
        const char *c = t + k + 2;
        const char *ce = NULL;
        for (size_t q = k + 2; q + 1 < n; q++)
          if (t[q] == '}' && t[q + 1] == '}') {
            ce = t + q;
            break;
          }
        if (!ce) break;
        size_t cl = (size_t)(ce - c);
        trim_span(&c, &cl);
        if (cl == nl + 1 && c[0] == '/') {
          const char *cn = c + 1;
          size_t cnl = cl - 1;
          trim_span(&cn, &cnl);
          if (cnl == nl && memcmp(cn, name, nl) == 0) {
            end = k;
            resume = (size_t)(ce - t) + 2;
            break;
          }
        }
      }
      int show = field_nonempty(R, name, nl);
      if (tag[0] == '^') show = !show;
      if (show) render(R, t + after, end - after, out, depth + 1);
      i = resume;
      continue;
    }
    i = after;
    if (!tl || tag[0] == '/' || tag[0] == '!') continue;
    /* filters:...:Field */
    const char *fname = tag;
    size_t fl = tl;
    const char *last_colon = NULL;
    for (size_t k = 0; k < tl; k++)
      if (tag[k] == ':') last_colon = tag + k;
    if (last_colon) {
      fname = last_colon + 1;
      fl = tl - (size_t)(fname - tag);
      trim_span(&fname, &fl);
    }
    const char *value = NULL;
    size_t vl = 0;
    if (fl == 9 && memcmp(fname, "FrontSide", 9) == 0) {
      value = R->frontside ? R->frontside : "";
    } else if (fl == 4 && memcmp(fname, "Tags", 4) == 0) {
      value = R->tags ? R->tags : "";
    } else if (fl == 4 && memcmp(fname, "Deck", 4) == 0) {
      value = R->deck ? R->deck : "";
    } else if (fl == 7 && memcmp(fname, "Subdeck", 7) == 0) {
      const char *d = R->deck ? R->deck : "";
      const char *sep = NULL;
      for (const char *p = d; (p = strstr(p, "::")); p += 2) sep = p;
      value = sep ? sep + 2 : d;
    } else if (fl == 4 && memcmp(fname, "Type", 4) == 0) {
      value = R->m->name;
    } else {
      int fi = field_index(R, fname, fl);
      if (fi >= 0) {
        value = R->vals[fi];
        vl = R->lens[fi];
      }
    }
    if (!value) continue;
    if (!vl) vl = strlen(value);
    /* the filter right before the field name decides */
    int is_type = 0;
    char ruby_mode = 0;
    if (last_colon) {
      const char *f = tag;
      size_t flen = (size_t)(last_colon - tag);
      const char *pc = NULL;
      for (size_t k = 0; k < flen; k++)
        if (f[k] == ':') pc = f + k;
      if (pc) {
        flen = flen - (size_t)(pc + 1 - f);
        f = pc + 1;
      }
      if (flen == 4 && memcmp(f, "type", 4) == 0) is_type = 1;
      if (flen == 4 && memcmp(f, "kana", 4) == 0) ruby_mode = 'k';
      if (flen == 5 && memcmp(f, "kanji", 5) == 0) ruby_mode = 'j';
      if (flen == 8 && memcmp(f, "furigana", 8) == 0) ruby_mode = 'f';
    }
    /* a typing box: nothing on the question side; the answer side shows
     * the expected text (R->frontside is set only there) */
    if (is_type && !R->frontside) continue;
    if (ruby_mode)
      ruby(out, value, vl, ruby_mode);
    else
      imp_buf_add(out, value, vl);
  }
}

/* ---- notes -------------------------------------------------------- */

static void media_name(void *ctx, const char *name, size_t n) {
  Pkg *P = ctx;
  P->media_refs++;
  if (P->n_media_names >= APKG_MAX_MEDIA_NAMES) return;
  for (int i = 0; i < P->n_media_names; i++)
    if (strlen(P->media_names[i]) == n && memcmp(P->media_names[i], name, n) == 0) return;
  char *s = imp_strndup(name, n);
  if (s) P->media_names[P->n_media_names++] = s;
}

static char *deck_target(Pkg *P, const char *anki_name) {
  const char *opt = P->opts ? P->opts->deck : NULL;
  if (!opt || !*opt) return strdup(anki_name);
  const char *rest = strstr(anki_name, "::");
  ImpBuf b = {0};
  imp_buf_adds(&b, opt);
  if (rest) imp_buf_adds(&b, rest);
  return imp_buf_take(&b);
}

static int split_fields(const char *flds, int n_fields, char ***vals, size_t **lens,
                        int *found) {
  int n = 1;
  for (const char *p = flds; *p; p++) n += *p == '\x1f';
  *found = n;
  int cnt = n > n_fields ? n : n_fields;
  *vals = calloc((size_t)cnt, sizeof **vals);
  *lens = calloc((size_t)cnt, sizeof **lens);
  if (!*vals || !*lens) return QD_ENOMEM;
  const char *p = flds;
  for (int i = 0; i < cnt; i++) {
    if (i < n) {
      const char *e = strchr(p, '\x1f');
      size_t l = e ? (size_t)(e - p) : strlen(p);
      (*vals)[i] = imp_strndup(p, l);
      (*lens)[i] = l;
      p = e ? e + 1 : p + l;
    } else {
      (*vals)[i] = strdup("");
    }
    if (!(*vals)[i]) return QD_ENOMEM;
  }
  return 0;
}

static char *render_plain(const Render *R, const char *tmpl) {
  ImpBuf b = {0};
  render(R, tmpl, strlen(tmpl), &b, 0);
  imp_buf_add(&b, "", 0);
  if (b.oom) {
    imp_buf_free(&b);
    return NULL;
  }
  char *s = htmltext_plain(b.s, b.len);
  imp_buf_free(&b);
  return s;
}

/* The field a cloze template shows: {{cloze:Name}} in the question. */
static int cloze_field(const Model *m) {
  const char *q = m->n_tmpls ? m->qfmt[0] : "";
  const char *c = strstr(q, "cloze:");
  if (c) {
    c += 6;
    const char *e = strstr(c, "}}");
    if (e) {
      size_t n = (size_t)(e - c);
      while (n && isspace((unsigned char)c[n - 1])) n--;
      while (n && isspace((unsigned char)*c)) {
        c++;
        n--;
      }
      for (int i = 0; i < m->n_fields; i++)
        if (strlen(m->fields[i]) == n && memcmp(m->fields[i], c, n) == 0) return i;
    }
  }
  return 0;
}

static int build_note(Pkg *P, const AnkiNote *an, const AnkiCard *cards, int n_cards,
                      const char *entry) {
  int rc = 0;
  char **vals = NULL;
  size_t *lens = NULL;
  int n_vals = 0;
  char *deck = NULL, *tags = NULL;
  StoreNote note;
  memset(&note, 0, sizeof note);
  const Model *m = find_model(P, an->mid);
  if (!m) {
    importres_problem(P->r, IMPORT_ERROR, entry, 0, 0,
                      "note %lld uses note type %lld, which the collection does not define",
                      (long long)an->id, (long long)an->mid);
    return 0;
  }
  size_t bad;
  if (imp_utf8_check(an->flds, strlen(an->flds), &bad) != 0 ||
      imp_utf8_check(an->tags, strlen(an->tags), &bad) != 0 ||
      imp_utf8_check(an->guid, strlen(an->guid), &bad) != 0) {
    importres_problem(P->r, IMPORT_ERROR, entry, 0, 0,
                      "note %lld is not valid UTF-8 text (the collection is damaged)",
                      (long long)an->id);
    return 0;
  }
  int64_t did = cards[0].odid ? cards[0].odid : cards[0].did;
  const char *dname = find_deck(P, did);
  if (!dname) {
    importres_problem(P->r, IMPORT_WARNING, entry, 0, 0,
                      "note %lld: its deck %lld is missing; put into \"Default\"",
                      (long long)an->id, (long long)did);
    dname = "Default";
  }
  if (!*dname || imp_utf8_check(dname, strlen(dname), &bad) != 0) {
    importres_problem(P->r, IMPORT_WARNING, entry, 0, 0,
                      "note %lld: its deck has no usable name; put into \"Default\"",
                      (long long)an->id);
    dname = "Default";
  }
  deck = deck_target(P, dname);
  tags = strdup(an->tags);
  if (!deck || !tags) goto oom;
  imp_collapse_space(tags);
  int n_found = 0;
  rc = split_fields(an->flds, m->n_fields, &vals, &lens, &n_found);
  n_vals = n_found > m->n_fields ? n_found : m->n_fields;
  if (rc) goto fail;
  if (n_found != m->n_fields)
    importres_problem(P->r, IMPORT_WARNING, entry, 0, 0,
                      "note %lld has %d fields but its type '%s' has %d", (long long)an->id,
                      n_found, m->name, m->n_fields);
  for (int i = 0; i < n_vals; i++) htmltext_media(vals[i], lens[i], media_name, P);
  Render R = {m, vals, lens, NULL, tags, deck};

  note.guid = strdup(*an->guid ? an->guid : "");
  if (!note.guid) goto oom;
  if (!*an->guid) {
    char g[17];
    imp_guid("anki", an->flds, g);
    free(note.guid);
    if (!(note.guid = strdup(g))) goto oom;
  }
  if (*tags) {
    note.tags = tags;
    tags = NULL;
  }
  if (m->cloze) {
    int cf = cloze_field(m);
    char *text = htmltext_plain(vals[cf], lens[cf]);
    if (!text) goto oom;
    if (strstr(text, "image-occlusion:")) {
      importres_problem(P->r, IMPORT_WARNING, entry, 0, 0,
                        "note %lld (guid %s) is an image occlusion, which needs its picture; "
                        "skipped", (long long)an->id, an->guid);
      free(text);
      goto done;
    }
    int nums[256];
    int k = cloze_numbers(text, nums, 256);
    if (k == 0) {
      importres_problem(P->r, IMPORT_WARNING, entry, 0, 0,
                        "cloze note %lld has no {{c1::...}} deletion; skipped",
                        (long long)an->id);
      free(text);
      goto done;
    }
    note.kind = NOTE_CLOZE;
    if (k == 1) {
      rc = cloze_card(text, nums[0], &note.prompt, &note.answer);
      free(text);
      if (rc) goto fail;
      note.n_cards = 1;
    } else {
      note.prompt = cloze_renumber(text);
      free(text);
      if (!note.prompt) goto oom;
      char *front = NULL;
      if ((rc = cloze_card(note.prompt, 0, &front, &note.answer))) goto fail;
      note.answer = front;
      note.n_cards = k;
    }
    ImpBuf ex = {0};
    for (int i = 0; i < n_vals; i++) {
      if (i == cf) continue;
      char *t = htmltext_plain(vals[i], lens[i]);
      if (t && *t) {
        if (ex.len) imp_buf_addc(&ex, '\n');
        imp_buf_adds(&ex, t);
      }
      free(t);
    }
    if (ex.len) note.explanation = imp_buf_take(&ex);
    imp_buf_free(&ex);
  } else {
    int ti = 0;
    for (int i = 0; i < m->n_tmpls; i++)
      if (m->tord[i] == cards[0].ord) ti = i;
    if (!m->n_tmpls) {
      importres_problem(P->r, IMPORT_ERROR, entry, 0, 0,
                        "note type '%s' has no card template", m->name);
      goto done;
    }
    note.kind = NOTE_QA;
    note.prompt = render_plain(&R, m->qfmt[ti]);
    if (!note.prompt) goto oom;
    R.frontside = "";
    note.answer = render_plain(&R, m->afmt[ti]);
    if (!note.answer) goto oom;
    note.n_cards = n_cards;
  }
  if (!*note.prompt) {
    importres_problem(P->r, IMPORT_WARNING, entry, 0, 0,
                      "note %lld (guid %s): the question is empty once pictures and sounds "
                      "are left out; skipped", (long long)an->id, an->guid);
    goto done;
  }
  ImportDeck *d = importres_deck(P->r, deck);
  if (!d) goto oom;
  rc = importres_add_note(P->r, d, &note);
  goto done;
oom:
  rc = QD_ENOMEM;
fail:
done:
  store_note_clear(&note);
  for (int i = 0; i < n_vals; i++) free(vals ? vals[i] : NULL);
  free(vals);
  free(lens);
  free(deck);
  free(tags);
  return rc;
}

/* ---- the package ---------------------------------------------------- */

static void pkg_free(Pkg *P);

static int count_media_json(Pkg *P, const unsigned char *data, size_t len) {
  json_error_t je;
  json_t *root = json_loadb((const char *)data, len, 0, &je);
  if (!json_is_object(root)) {
    importres_problem(P->r, IMPORT_WARNING, P->entry, 0, 0,
                      "the media list is not valid JSON (%s); media files not counted",
                      je.text);
    json_decref(root);
    return 0;
  }
  const char *key;
  json_t *v;
  json_object_foreach(root, key, v) {
    P->media_files++;
    const char *s = json_string_value(v);
    if (s) media_name(P, s, strlen(s));
  }
  P->media_refs = 0; /* counted again from the fields */
  json_decref(root);
  return 0;
}

static int count_media_pb(Pkg *P, const unsigned char *data, size_t len) {
  unsigned char *raw = NULL;
  size_t rl = 0;
  int rc = unzstd(P, data, len, &raw, &rl);
  if (rc) return rc == QD_ENOMEM ? rc : 0;
  Qdanki__MediaEntries *me = qdanki__media_entries__unpack(NULL, rl, raw);
  free(raw);
  if (!me) {
    importres_problem(P->r, IMPORT_WARNING, P->entry, 0, 0,
                      "the media list is damaged; media files not counted");
    return 0;
  }
  for (size_t i = 0; i < me->n_entries; i++) {
    P->media_files++;
    if (me->entries[i]->name) media_name(P, me->entries[i]->name, strlen(me->entries[i]->name));
  }
  P->media_refs = 0;
  qdanki__media_entries__free_unpacked(me, NULL);
  return 0;
}

/* Reads the collection image and turns its notes into the result. */
static int convert(Pkg *P, const unsigned char *db, size_t db_len, const char *use_name,
                   int is_21b) {
  int rc = 0;
  AnkiCollection col;
  memset(&col, 0, sizeof col);
  char entry[600];
  if (use_name)
    snprintf(entry, sizeof entry, "%s/%s", P->path, use_name);
  else
    snprintf(entry, sizeof entry, "%s", P->path);
  char err[512];
  int arc = store_anki_read(db, db_len, entry, &col, err, sizeof err);
  if (arc == QD_ENOMEM) {
    rc = arc;
    goto done;
  }
  if (arc) {
    const char *msg = err;
    size_t pl = strlen("store: cannot read '") + strlen(entry) + strlen("': ");
    if (strlen(err) > pl) msg = err + pl;
    importres_problem(P->r, IMPORT_ERROR, entry, 0, 0, "%s", msg);
    goto done;
  }
  {
    char buf[128];
    if (use_name)
      snprintf(buf, sizeof buf, "Anki package, %s, schema %d", use_name, col.schema);
    else
      snprintf(buf, sizeof buf, "Anki collection, schema %d", col.schema);
    free(P->r->detail);
    P->r->detail = strdup(buf);
  }
  if (col.models_json)
    rc = models_from_json(P, &col, entry);
  if (!rc && col.decks_json) rc = decks_from_json(P, &col, entry);
  if (!rc && !col.models_json) rc = models_from_tables(P, &col, entry);
  if (rc == QD_EPARSE) {
    rc = 0;
    goto done;
  }
  if (rc) goto done;
  /* the placeholder collection of a current export must not be imported */
  if (!is_21b && col.n_notes == 1 && strstr(col.notes[0].flds, "update to the latest Anki")) {
    importres_problem(P->r, IMPORT_ERROR, entry, 0, 0,
                      "this is only the placeholder Anki writes for old versions; the real "
                      "collection is missing from the package");
    goto done;
  }
  P->r->n_source_notes = col.n_notes;
  P->r->n_source_cards = col.n_cards;
  int scheduled = 0, suspended = 0, orphans = 0;
  for (int i = 0; i < col.n_cards; i++) {
    scheduled += col.cards[i].type != 0;
    suspended += col.cards[i].queue == -1;
  }
  /* cards are ordered by note id: walk both lists together */
  int ci = 0;
  for (int i = 0; i < col.n_notes && !rc; i++) {
    const AnkiNote *an = &col.notes[i];
    while (ci < col.n_cards && col.cards[ci].nid < an->id) {
      ci++;
      orphans++;
    }
    int start = ci, distinct = 0, last_ord = -1;
    while (ci < col.n_cards && col.cards[ci].nid == an->id) {
      if (col.cards[ci].ord != last_ord) distinct++;
      last_ord = col.cards[ci].ord;
      ci++;
    }
    if (ci == start) {
      importres_problem(P->r, IMPORT_WARNING, entry, 0, 0,
                        "note %lld has no cards; skipped", (long long)an->id);
      continue;
    }
    rc = build_note(P, an, &col.cards[start], distinct, entry);
  }
  if (rc) goto done;
  orphans += col.n_cards - ci;
  if (orphans)
    importres_problem(P->r, IMPORT_WARNING, entry, 0, 0,
                      "%d cards belong to no note; skipped", orphans);
  if (scheduled)
    importres_problem(P->r, IMPORT_WARNING, entry, 0, 0,
                      "%d card%s had review history in Anki (%d review-log rows); "
                      "scheduling is not carried over: they start as new cards",
                      scheduled, scheduled == 1 ? "" : "s", col.n_revlog);
  if (suspended)
    importres_problem(P->r, IMPORT_WARNING, entry, 0, 0,
                      "%d card%s suspended in Anki; imported as active", suspended,
                      suspended == 1 ? " was" : "s were");
  if (P->media_files || P->n_media_names) {
    ImpBuf names = {0};
    for (int i = 0; i < P->n_media_names; i++) {
      if (i) imp_buf_adds(&names, ", ");
      imp_buf_adds(&names, P->media_names[i]);
    }
    int total = P->media_files > P->n_media_names ? P->media_files : P->n_media_names;
    importres_problem(P->r, IMPORT_WARNING, P->path, 0, 0,
                      "%d picture/sound file%s cannot be shown by quizdeck and %s left out "
                      "(the cards keep their text): %s%s",
                      total, total == 1 ? "" : "s", total == 1 ? "is" : "are",
                      names.s ? names.s : "", total > P->n_media_names ? ", ..." : "");
    imp_buf_free(&names);
  }
  if (importres_notes(P->r) == 0 && P->r->n_errors == 0)
    importres_problem(P->r, IMPORT_ERROR, entry, 0, 0, "the collection holds no cards");
done:
  store_anki_free(&col);
  return rc == QD_ENOMEM ? rc : 0;
}

static int parse_zip(Pkg *P, zip_t *za) {
  int rc = 0;
  unsigned char *raw = NULL, *db = NULL;
  size_t raw_len = 0, db_len = 0;
  zip_int64_t n = zip_get_num_entries(za, 0);
  zip_int64_t i_meta = -1, i_media = -1, i_21b = -1, i_21 = -1, i_2 = -1;
  int unsafe = 0;
  for (zip_int64_t i = 0; i < n; i++) {
    const char *name = zip_get_name(za, (zip_uint64_t)i, 0);
    if (!name) continue;
    if (unsafe_name(name)) {
      if (unsafe++ < 5)
        importres_problem(P->r, IMPORT_WARNING, P->path, 0, 0,
                          "zip entry '%s' has an unsafe name; ignored", name);
      continue;
    }
    if (strcmp(name, "meta") == 0) i_meta = i;
    else if (strcmp(name, "media") == 0) i_media = i;
    else if (strcmp(name, "collection.anki21b") == 0) i_21b = i;
    else if (strcmp(name, "collection.anki21") == 0) i_21 = i;
    else if (strcmp(name, "collection.anki2") == 0) i_2 = i;
  }
  int latest = 0;
  if (i_meta >= 0) {
    if ((rc = read_entry(P, za, i_meta, "meta", &raw, &raw_len))) goto done;
    Qdanki__PackageMetadata *meta = qdanki__package_metadata__unpack(NULL, raw_len, raw);
    if (!meta) {
      importres_problem(P->r, IMPORT_ERROR, P->entry, 0, 0, "the package metadata is damaged");
      rc = QD_EPARSE;
      goto done;
    }
    latest = meta->version >= QDANKI__PACKAGE_METADATA__VERSION__VERSION_LATEST;
    if (meta->version > QDANKI__PACKAGE_METADATA__VERSION__VERSION_LATEST)
      importres_problem(P->r, IMPORT_WARNING, P->entry, 0, 0,
                        "package version %d is newer than this importer knows (3); "
                        "trying anyway", (int)meta->version);
    qdanki__package_metadata__free_unpacked(meta, NULL);
    free(raw);
    raw = NULL;
  }
  zip_int64_t use = i_21b >= 0 ? i_21b : i_21 >= 0 ? i_21 : i_2;
  const char *use_name = i_21b >= 0 ? "collection.anki21b"
                         : i_21 >= 0 ? "collection.anki21" : "collection.anki2";
  if (use < 0 || (latest && i_21b < 0)) {
    importres_problem(P->r, IMPORT_ERROR, P->path, 0, 0,
                      latest ? "the package says it holds collection.anki21b but it is missing"
                             : "not an Anki package: no collection.anki2, collection.anki21 or "
                               "collection.anki21b inside");
    goto done;
  }
  if (i_media >= 0) {
    if ((rc = read_entry(P, za, i_media, "media", &raw, &raw_len))) {
      if (rc == QD_ENOMEM) goto done;
      rc = 0;
    } else if (latest) {
      rc = count_media_pb(P, raw, raw_len);
    } else {
      rc = count_media_json(P, raw, raw_len);
    }
    free(raw);
    raw = NULL;
    if (rc) goto done;
  }
  if ((rc = read_entry(P, za, use, use_name, &raw, &raw_len))) goto done;
  if (use == i_21b) {
    if ((rc = unzstd(P, raw, raw_len, &db, &db_len))) goto done;
    free(raw);
    raw = NULL;
  } else {
    db = raw;
    db_len = raw_len;
    raw = NULL;
  }
  rc = convert(P, db, db_len, use_name, use == i_21b);
done:
  free(raw);
  free(db);
  return rc == QD_ENOMEM ? rc : 0;
}

static void pkg_free(Pkg *P) {
  for (int i = 0; i < P->n_models; i++) model_free(&P->models[i]);
  free(P->models);
  for (int i = 0; i < P->n_decks; i++) free(P->decks[i].name);
  free(P->decks);
  for (int i = 0; i < P->n_media_names; i++) free(P->media_names[i]);
}

static void zip_problem(ImportResult *r, const char *path, int ze) {
  zip_error_t e;
  zip_error_init_with_code(&e, ze);
  importres_problem(r, IMPORT_ERROR, path, 0, 0, "not a readable zip file (%s)",
                    zip_error_strerror(&e));
  zip_error_fini(&e);
}

int apkg_parse_file(const char *path, const ImportOptions *opts, size_t max_expand,
                    ImportResult *r) {
  Pkg P;
  memset(&P, 0, sizeof P);
  P.path = path;
  P.opts = opts;
  P.r = r;
  P.max_expand = max_expand ? max_expand : APKG_MAX_EXPAND;
  r->format = IMPORT_FMT_APKG;
  int ze = 0;
  zip_t *za = zip_open(path, ZIP_RDONLY | ZIP_CHECKCONS, &ze);
  if (!za) {
    zip_problem(r, path, ze);
    return 0;
  }
  int rc = parse_zip(&P, za);
  zip_discard(za);
  pkg_free(&P);
  return rc;
}

int apkg_parse_buffer(const char *name, const void *data, size_t len,
                      const ImportOptions *opts, size_t max_expand, ImportResult *r) {
  Pkg P;
  memset(&P, 0, sizeof P);
  P.path = name;
  P.opts = opts;
  P.r = r;
  P.max_expand = max_expand ? max_expand : APKG_MAX_EXPAND;
  r->format = IMPORT_FMT_APKG;
  zip_error_t ze;
  zip_error_init(&ze);
  zip_source_t *src = zip_source_buffer_create(data, len, 0, &ze);
  if (!src) {
    zip_error_fini(&ze);
    return QD_ENOMEM;
  }
  zip_t *za = zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &ze);
  if (!za) {
    zip_problem(r, name, zip_error_code_zip(&ze));
    zip_source_free(src);
    zip_error_fini(&ze);
    return 0;
  }
  zip_error_fini(&ze);
  int rc = parse_zip(&P, za);
  zip_discard(za);
  pkg_free(&P);
  return rc;
}

int apkg_parse_collection(const char *name, const void *db, size_t len,
                          const ImportOptions *opts, ImportResult *r) {
  Pkg P;
  memset(&P, 0, sizeof P);
  P.path = name;
  P.opts = opts;
  P.r = r;
  P.max_expand = APKG_MAX_EXPAND;
  r->format = IMPORT_FMT_APKG;
  int rc = convert(&P, db, len, NULL, 0);
  pkg_free(&P);
  return rc == QD_ENOMEM ? rc : 0;
}
