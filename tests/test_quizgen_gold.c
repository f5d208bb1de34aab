/* test_quizgen_gold.c - the quality bar: cards generated from the built-in
 * corpus against the hand-annotated gold facts in tests/data/gold/.
 *
 * Matching follows tests/data/gold/README.md: a core fact (not marked
 * scoring "skip") counts as found when a card whose sources include its
 * article has an answer or alias equal to the fact's answer or one of its
 * aliases after normalisation (extract_key: case, accents, punctuation,
 * possessive 's, a leading article).  Precision is the share of distinct
 * date/person/place card answers per article that match some fact of
 * that article.  Prints the figures and the misses; fails below recall
 * 90% per type or precision 80%. */
#include <ctype.h>
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "extract.h"
#include "generate.h"
#include "qgen.h"
#include "qtext.h"

/* ---- a small JSON reader (enough for the gold files) --------------- */

typedef enum { J_NULL, J_BOOL, J_NUM, J_STR, J_ARR, J_OBJ } JType;

typedef struct J {
  JType t;
  char *s;         /* string value */
  double n;
  struct J **v;    /* array items or object values */
  char **k;        /* object keys */
  int len;
} J;

typedef struct JP {
  const char *p;
  int err;
} JP;

static void jfree(J *j) {
  if (!j) return;
  free(j->s);
  for (int i = 0; i < j->len; i++) {
    jfree(j->v[i]);
    if (j->k) free(j->k[i]);
  }
  free(j->v);
  free(j->k);
  free(j);
}

static void jws(JP *p) {
  while (*p->p && isspace((unsigned char)*p->p)) p->p++;
}

static void put_utf8(char **o, unsigned cp) {
  char *q = *o;
  if (cp < 0x80) {
    *q++ = (char)cp;
  } else if (cp < 0x800) {
    *q++ = (char)(0xC0 | (cp >> 6));
    *q++ = (char)(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    *q++ = (char)(0xE0 | (cp >> 12));
    *q++ = (char)(0x80 | ((cp >> 6) & 0x3F));
    *q++ = (char)(0x80 | (cp & 0x3F));
  } else {
    *q++ = (char)(0xF0 | (cp >> 18));
    *q++ = (char)(0x80 | ((cp >> 12) & 0x3F));
    *q++ = (char)(0x80 | ((cp >> 6) & 0x3F));
    *q++ = (char)(0x80 | (cp & 0x3F));
  }
  *o = q;
}

static char *jstr(JP *p) {
  if (*p->p != '"') {
    p->err = 1;
    return NULL;
  }
  p->p++;
  const char *s = p->p;
  size_t n = 0;
  while (s[n] && s[n] != '"') n += s[n] == '\\' && s[n + 1] ? 2 : 1;
  char *out = malloc(n * 2 + 4), *o = out;
  while (*p->p && *p->p != '"') {
    char c = *p->p++;
    if (c != '\\') {
      *o++ = c;
      continue;
    }
    c = *p->p++;
    switch (c) {
    case 'n': *o++ = '\n'; break;
    case 't': *o++ = '\t'; break;
    case 'r': *o++ = '\r'; break;
    case 'b': *o++ = '\b'; break;
    case 'f': *o++ = '\f'; break;
    case 'u': {
      unsigned cp = (unsigned)strtoul((char[]){p->p[0], p->p[1], p->p[2], p->p[3], 0}, NULL, 16);
      p->p += 4;
      if (cp >= 0xD800 && cp <= 0xDBFF && p->p[0] == '\\' && p->p[1] == 'u') {
        unsigned lo = (unsigned)strtoul((char[]){p->p[2], p->p[3], p->p[4], p->p[5], 0}, NULL, 16);
        p->p += 6;
        cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
      }
      put_utf8(&o, cp);
      break;
    }
    default: *o++ = c;
    }
  }
  if (*p->p == '"') p->p++;
  else p->err = 1;
  *o = 0;
  return out;
}

static J *jval(JP *p);

static J *jnew(JType t) {
  J *j = calloc(1, sizeof *j);
  j->t = t;
  return j;
}

static void jpush(J *j, char *key, J *v) {
  j->v = realloc(j->v, (size_t)(j->len + 1) * sizeof *j->v);
  if (j->t == J_OBJ) j->k = realloc(j->k, (size_t)(j->len + 1) * sizeof *j->k);
  j->v[j->len] = v;
  if (j->t == J_OBJ) j->k[j->len] = key;
  j->len++;
}

static J *jval(JP *p) {
  jws(p);
  char c = *p->p;
  if (c == '{' || c == '[') {
    J *j = jnew(c == '{' ? J_OBJ : J_ARR);
    p->p++;
    jws(p);
    if (*p->p == (c == '{' ? '}' : ']')) {
      p->p++;
      return j;
    }
    for (;;) {
      char *key = NULL;
      if (c == '{') {
        jws(p);
        key = jstr(p);
        jws(p);
        if (*p->p == ':') p->p++;
        else p->err = 1;
      }
      J *v = jval(p);
      jpush(j, key, v);
      jws(p);
      if (*p->p == ',') {
        p->p++;
        continue;
      }
      if (*p->p == (c == '{' ? '}' : ']')) {
        p->p++;
        break;
      }
      p->err = 1;
      break;
    }
    return j;
  }
  if (c == '"') {
    J *j = jnew(J_STR);
    j->s = jstr(p);
    return j;
  }
  if (!strncmp(p->p, "true", 4) || !strncmp(p->p, "false", 5)) {
    J *j = jnew(J_BOOL);
    j->n = *p->p == 't';
    p->p += *p->p == 't' ? 4 : 5;
    return j;
  }
  if (!strncmp(p->p, "null", 4)) {
    p->p += 4;
    return jnew(J_NULL);
  }
  J *j = jnew(J_NUM);
  char *end;
  j->n = strtod(p->p, &end);
  if (end == p->p) p->err = 1;
  p->p = end;
  return j;
}

static const J *jget(const J *o, const char *key) {
  if (!o || o->t != J_OBJ) return NULL;
  for (int i = 0; i < o->len; i++)
    if (!strcmp(o->k[i], key)) return o->v[i];
  return NULL;
}

static const char *jgets(const J *o, const char *key) {
  const J *v = jget(o, key);
  return v && v->t == J_STR ? v->s : NULL;
}

static char *slurp(const char *path) {
  FILE *f = fopen(path, "rb");
  if (!f) return NULL;
  fseek(f, 0, SEEK_END);
  long n = ftell(f);
  fseek(f, 0, SEEK_SET);
  char *b = malloc((size_t)n + 1);
  if (fread(b, 1, (size_t)n, f) != (size_t)n) {
    free(b);
    fclose(f);
    return NULL;
  }
  b[n] = 0;
  fclose(f);
  return b;
}

/* ---- matching ----------------------------------------------------- */

static int key_eq(const char *a, const char *b) {
  char *ka = extract_key(a), *kb = extract_key(b);
  int r = ka && kb && *ka && !strcmp(ka, kb);
  free(ka);
  free(kb);
  return r;
}

/* fact answer or aliases vs one string */
static int fact_accepts(const J *fact, const char *s) {
  if (key_eq(jgets(fact, "answer"), s)) return 1;
  const J *al = jget(fact, "aliases");
  for (int i = 0; al && i < al->len; i++)
    if (al->v[i]->t == J_STR && key_eq(al->v[i]->s, s)) return 1;
  return 0;
}

static int card_in_article(const QCard *c, const char *title) {
  for (int i = 0; i < c->n_sources; i++)
    if (!strcmp(c->sources[i].article, title)) return 1;
  return 0;
}

static int card_matches_fact(const QCard *c, const J *fact) {
  if (fact_accepts(fact, c->answer)) return 1;
  for (int i = 0; i < c->n_aliases; i++)
    if (fact_accepts(fact, c->aliases[i])) return 1;
  return 0;
}

static const char *const gated[] = {"date", "person", "place"};

static void test_gold(void **state) {
  (void)state;
  /* the corpus files, sorted */
  char *files[64];
  int nf = 0;
  DIR *d = opendir(QD_CORPUS_DIR);
  assert_non_null(d);
  struct dirent *de;
  while ((de = readdir(d)) != NULL && nf < 64) {
    size_t l = strlen(de->d_name);
    if (l < 5 || strcmp(de->d_name + l - 4, ".txt")) continue;
    files[nf] = malloc(strlen(QD_CORPUS_DIR) + l + 2);
    sprintf(files[nf], "%s/%s", QD_CORPUS_DIR, de->d_name);
    nf++;
  }
  closedir(d);
  assert_true(nf >= 5);

  QCard *cards = NULL;
  int n = 0;
  char err[512];
  assert_int_equal(qgen_generate_files(NULL, (const char *const *)files, nf,
                                       NULL, &cards, &n, err, sizeof err), 0);
  printf("gold: %d cards from %d articles\n", n, nf);

  int found[3] = {0}, total[3] = {0};
  int prec_ok = 0, prec_all = 0;
  for (int fi = 0; fi < nf; fi++) {
    const char *base = strrchr(files[fi], '/') + 1;
    char gp[512];
    snprintf(gp, sizeof gp, "%s/%.*s.json", QD_GOLD_DIR,
             (int)(strlen(base) - 4), base);
    char *gtext = slurp(gp);
    if (!gtext) {
      printf("gold: no gold file for %s\n", base);
      free(files[fi]);
      continue;
    }
    JP p = {gtext, 0};
    J *g = jval(&p);
    assert_false(p.err);
    const J *facts = jget(g, "facts");
    assert_non_null(facts);
    /* the article's title as the generator names it */
    char *buf;
    size_t len;
    assert_int_equal(qtext_read_file(files[fi], &buf, &len, err, sizeof err), 0);
    QDoc *docs;
    int nd;
    assert_int_equal(qtext_parse(files[fi], buf, len, &docs, &nd), 0);
    const char *title = docs[0].title;

    /* recall */
    for (int i = 0; i < facts->len; i++) {
      const J *f = facts->v[i];
      const char *type = jgets(f, "type");
      const char *sal = jgets(f, "salience");
      const char *scoring = jgets(f, "scoring");
      int t = -1;
      for (int k = 0; k < 3; k++)
        if (type && !strcmp(type, gated[k])) t = k;
      if (t < 0 || (sal && strcmp(sal, "core")) ||
          (scoring && !strcmp(scoring, "skip")))
        continue;
      total[t]++;
      int hit = 0;
      for (int c = 0; c < n && !hit; c++)
        if (card_in_article(&cards[c], title) && card_matches_fact(&cards[c], f))
          hit = 1;
      if (hit) found[t]++;
      else printf("gold: MISS %s %-7s %s\n", base, type, jgets(f, "answer"));
    }
    /* precision over distinct answers */
    char *seen[512];
    int ns = 0;
    for (int c = 0; c < n; c++) {
      const QCard *cd = &cards[c];
      if (cd->type != QF_DATE && cd->type != QF_PERSON && cd->type != QF_PLACE)
        continue;
      if (!card_in_article(cd, title)) continue;
      int dup = 0;
      for (int k = 0; k < ns; k++)
        if (!strcmp(seen[k], cd->key)) dup = 1;
      if (dup || ns >= 512) continue;
      seen[ns++] = cd->key;
      int ok = 0;
      for (int i = 0; i < facts->len && !ok; i++) {
        const char *scoring = jgets(facts->v[i], "scoring");
        if (scoring && !strcmp(scoring, "skip")) continue;
        ok = card_matches_fact(cd, facts->v[i]);
      }
      prec_all++;
      prec_ok += ok;
      if (!ok)
        printf("gold: EXTRA %s %-7s %s\n", base, extract_type_name(cd->type),
               cd->answer);
    }
    qtext_docs_free(docs, nd);
    free(buf);
    jfree(g);
    free(gtext);
    free(files[fi]);
  }
  double prec = prec_all ? (double)prec_ok / prec_all : 0;
  for (int k = 0; k < 3; k++)
    printf("gold: recall %-6s %3d/%3d = %5.1f%%\n", gated[k], found[k],
           total[k], total[k] ? 100.0 * found[k] / total[k] : 0.0);
  printf("gold: precision %d/%d = %5.1f%%\n", prec_ok, prec_all, 100 * prec);
  for (int k = 0; k < 3; k++) {
    assert_true(total[k] > 0);
    assert_true(found[k] * 10 >= total[k] * 9);
  }
  assert_true(prec_ok * 10 >= prec_all * 8);
  gen_cards_free(cards, n);
}

int main(void) {
  const struct CMUnitTest tests[] = {cmocka_unit_test(test_gold)};
  return cmocka_run_group_tests(tests, NULL, NULL);
}
