/* answer.c - typed-answer matching, dates, diffs, multiple-choice grades. */
#include "answer.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "error.h"
#include "sched.h"

#define ANSWER_MAX_CP 512

/* Decodes UTF-8 into a fresh code point array.  Returns the count or a
 * negative error. */
static int decode_utf8(const char *s, size_t len, int32_t **out) {
  int32_t *cp = malloc((len + 1) * sizeof *cp);
  int n = 0;
  size_t i = 0;
  if (!cp) return QD_ENOMEM;
  while (i < len) {
    utf8proc_int32_t c;
    utf8proc_ssize_t k =
        utf8proc_iterate((const utf8proc_uint8_t *)s + i,
                         (utf8proc_ssize_t)(len - i), &c);
    if (k <= 0) {
      free(cp);
      return QD_EUTF8;
    }
    cp[n++] = c;
    i += (size_t)k;
  }
  *out = cp;
  return n;
}

static int is_space_or_punct(int32_t c) {
  switch (utf8proc_category(c)) {
  case UTF8PROC_CATEGORY_ZS: case UTF8PROC_CATEGORY_ZL:
  case UTF8PROC_CATEGORY_ZP: case UTF8PROC_CATEGORY_CC:
  case UTF8PROC_CATEGORY_CF:
  case UTF8PROC_CATEGORY_PC: case UTF8PROC_CATEGORY_PD:
  case UTF8PROC_CATEGORY_PS: case UTF8PROC_CATEGORY_PE:
  case UTF8PROC_CATEGORY_PI: case UTF8PROC_CATEGORY_PF:
  case UTF8PROC_CATEGORY_PO:
    return 1;
  default:
    return 0;
  }
}

/* Case-folded, compatibility-decomposed code points of `in`, with the
 * combining marks of Latin, Greek and Cyrillic letters removed and the
 * rest recomposed (so Japanese voicing marks and Hangul survive). */
static int fold_codepoints(const char *in, int32_t **out) {
  utf8proc_uint8_t *nfkd = NULL;
  int32_t *cp = NULL;
  int n, k = 0;
  utf8proc_ssize_t r;
  int32_t prev_base = 0;

  r = utf8proc_map((const utf8proc_uint8_t *)in, 0, &nfkd,
                   UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_DECOMPOSE |
                       UTF8PROC_COMPAT | UTF8PROC_CASEFOLD);
  if (r < 0) return r == UTF8PROC_ERROR_NOMEM ? QD_ENOMEM : QD_EUTF8;
  n = decode_utf8((const char *)nfkd, (size_t)r, &cp);
  free(nfkd);
  if (n < 0) return n;
  for (int i = 0; i < n; i++) {
    utf8proc_category_t cat = utf8proc_category(cp[i]);
    if (cat == UTF8PROC_CATEGORY_MN && prev_base < 0x0530) continue;
    if (cat != UTF8PROC_CATEGORY_MN) prev_base = cp[i];
    cp[k++] = cp[i];
  }
  if (k > 0) {
    r = utf8proc_normalize_utf32(cp, k, UTF8PROC_STABLE | UTF8PROC_COMPOSE);
    if (r < 0) {
      free(cp);
      return QD_EUTF8;
    }
    k = (int)r;
  }
  *out = cp;
  return k;
}

static int word_is(const int32_t *cp, int n, int at, const char *w) {
  int len = (int)strlen(w);
  if (at + len > n) return 0;
  for (int i = 0; i < len; i++)
    if (cp[at + i] != (unsigned char)w[i]) return 0;
  return at + len == n || is_space_or_punct(cp[at + len]);
}

/* Comparison code points: folded, leading article and separators dropped. */
static int compare_form(const char *in, int32_t **out) {
  int32_t *cp = NULL;
  int n = fold_codepoints(in, &cp), k = 0, start = 0;
  static const char *const articles[] = {"the", "an", "a"};
  if (n < 0) return n;
  while (start < n && is_space_or_punct(cp[start])) start++;
  for (size_t a = 0; a < sizeof articles / sizeof *articles; a++) {
    if (word_is(cp, n, start, articles[a])) {
      int after = start + (int)strlen(articles[a]);
      int rest = after;
      while (rest < n && is_space_or_punct(cp[rest])) rest++;
      if (rest < n) start = rest; /* never reduce "A" to nothing */
      break;
    }
  }
  for (int i = start; i < n; i++)
    if (!is_space_or_punct(cp[i])) cp[k++] = cp[i];
  *out = cp;
  return k;
}

int answer_normalize(const char *in, char *out, size_t outlen) {
  int32_t *cp = NULL;
  int n, rc;
  size_t used = 0;
  if (!in || !out || outlen == 0) return QD_EINVAL;
  n = compare_form(in, &cp);
  if (n < 0) return n;
  rc = 0;
  for (int i = 0; i < n; i++) {
    utf8proc_uint8_t buf[4];
    utf8proc_ssize_t k = utf8proc_encode_char(cp[i], buf);
    if (used + (size_t)k + 1 > outlen) {
      rc = QD_ETOOBIG;
      break;
    }
    memcpy(out + used, buf, (size_t)k);
    used += (size_t)k;
  }
  out[used] = '\0';
  free(cp);
  return rc < 0 ? rc : (int)used;
}

/* ---- dates ------------------------------------------------------------ */

static int month_from_word(const char *w) {
  static const char *const names[12] = {
      "january", "february", "march",     "april",   "may",      "june",
      "july",    "august",   "september", "october", "november", "december"};
  size_t len = strlen(w);
  if (len < 3) return 0;
  for (int m = 0; m < 12; m++) {
    if (strcmp(w, names[m]) == 0) return m + 1;
    if (len == 3 && strncmp(w, names[m], 3) == 0) return m + 1;
  }
  if (strcmp(w, "sept") == 0) return 9;
  return 0;
}

static int days_in_month(int y, int m) {
  static const int dm[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) return 29;
  return dm[m - 1];
}

int answer_parse_date(const char *s, int *year, int *month, int *day) {
  int32_t *cp = NULL;
  int n, nums[4], digits[4], n_nums = 0, mon = 0, y = 0, m = 0, d = 0;
  int rc = QD_EPARSE;
  if (!s) return QD_EINVAL;
  n = fold_codepoints(s, &cp);
  if (n < 0) return QD_EPARSE;
  for (int i = 0; i < n;) {
    int32_t c = cp[i];
    if (c >= '0' && c <= '9') {
      long v = 0;
      int nd = 0;
      while (i < n && cp[i] >= '0' && cp[i] <= '9') {
        if (nd < 6) v = v * 10 + (cp[i] - '0');
        nd++;
        i++;
      }
      if (n_nums == 4 || nd > 4) goto done;
      nums[n_nums] = (int)v;
      digits[n_nums++] = nd;
      /* ordinal suffix: 27th, 1st, 2nd, 3rd */
      if (i + 1 < n && ((cp[i] == 't' && cp[i + 1] == 'h') ||
                        (cp[i] == 's' && cp[i + 1] == 't') ||
                        (cp[i] == 'n' && cp[i + 1] == 'd') ||
                        (cp[i] == 'r' && cp[i + 1] == 'd')) &&
          (i + 2 == n || !(cp[i + 2] >= 'a' && cp[i + 2] <= 'z')))
        i += 2;
    } else if (c >= 'a' && c <= 'z') {
      char w[16];
      int wl = 0;
      while (i < n && cp[i] >= 'a' && cp[i] <= 'z') {
        if (wl < 15) w[wl++] = (char)cp[i];
        i++;
      }
      w[wl] = '\0';
      if (strcmp(w, "of") == 0 || strcmp(w, "the") == 0) continue;
      if (mon || !(mon = month_from_word(w))) goto done;
    } else if (c == 0x5E74 || c == 0x6708 || c == 0x65E5 || /* 年 月 日 */
               is_space_or_punct(c)) {
      i++;
    } else {
      goto done;
    }
  }
  if (mon) {
    if (n_nums != 2) goto done;
    m = mon;
    if (digits[0] == 4 && digits[1] <= 2) {
      y = nums[0];
      d = nums[1];
    } else if (digits[1] == 4 && digits[0] <= 2) {
      y = nums[1];
      d = nums[0];
    } else {
      goto done;
    }
  } else {
    if (n_nums != 3) goto done;
    if (digits[0] == 4 && digits[1] <= 2 && digits[2] <= 2) {
      y = nums[0];
      m = nums[1];
      d = nums[2];
    } else if (digits[2] == 4 && digits[0] <= 2 && digits[1] <= 2) {
      y = nums[2];
      if (nums[0] > 12) {
        d = nums[0];
        m = nums[1];
      } else if (nums[1] > 12 || nums[0] == nums[1]) {
        m = nums[0];
        d = nums[1];
      } else {
        goto done; /* 4/5/2018: day or month first cannot be told */
      }
    } else {
      goto done;
    }
  }
  if (y < 1 || m < 1 || m > 12 || d < 1 || d > days_in_month(y, m)) goto done;
  *year = y;
  *month = m;
  *day = d;
  rc = 0;
done:
  free(cp);
  return rc;
}

/* ---- matching --------------------------------------------------------- */

static int edit_distance_at_most_1(const int32_t *a, int na, const int32_t *b,
                                   int nb) {
  int i = 0, j = 0, edits = 0;
  if (abs(na - nb) > 1) return 0;
  while (i < na && j < nb) {
    if (a[i] == b[j]) {
      i++;
      j++;
      continue;
    }
    if (++edits > 1) return 0;
    if (na > nb) i++;
    else if (nb > na) j++;
    else {
      /* substitution, or a swap of two neighbours */
      if (i + 1 < na && j + 1 < nb && a[i] == b[j + 1] && a[i + 1] == b[j]) {
        i += 2;
        j += 2;
        continue;
      }
      i++;
      j++;
    }
  }
  edits += (na - i) + (nb - j);
  return edits <= 1;
}

static int same_digits(const int32_t *a, int na, const int32_t *b, int nb) {
  int i = 0, j = 0;
  for (;;) {
    while (i < na && !(a[i] >= '0' && a[i] <= '9')) i++;
    while (j < nb && !(b[j] >= '0' && b[j] <= '9')) j++;
    if (i == na || j == nb) return i == na && j == nb;
    if (a[i++] != b[j++]) return 0;
  }
}

static AnswerVerdict check_one(const int32_t *t, int nt, const char *typed,
                               const char *expected) {
  int32_t *e = NULL;
  int ne, ty, tm, td, ey, em, ed;
  AnswerVerdict v = ANSWER_WRONG;
  if (!expected) return ANSWER_WRONG;
  if (answer_parse_date(expected, &ey, &em, &ed) == 0 &&
      answer_parse_date(typed, &ty, &tm, &td) == 0)
    return (ey == ty && em == tm && ed == td) ? ANSWER_EXACT : ANSWER_WRONG;
  ne = compare_form(expected, &e);
  if (ne < 0) return ANSWER_WRONG;
  if (ne == nt && (nt == 0 || memcmp(e, t, (size_t)nt * sizeof *t) == 0))
    v = nt > 0 ? ANSWER_EXACT : ANSWER_WRONG;
  else if (ne >= 6 && same_digits(e, ne, t, nt) &&
           edit_distance_at_most_1(e, ne, t, nt))
    v = ANSWER_CLOSE;
  free(e);
  return v;
}

AnswerVerdict answer_check(const char *typed, const char *answer,
                           const char *const *aliases, int n_aliases) {
  int32_t *t = NULL;
  int nt;
  AnswerVerdict best = ANSWER_WRONG;
  if (!typed || !answer) return ANSWER_WRONG;
  nt = compare_form(typed, &t);
  if (nt <= 0) {
    free(t);
    return ANSWER_WRONG;
  }
  best = check_one(t, nt, typed, answer);
  for (int i = 0; i < n_aliases && best != ANSWER_EXACT; i++) {
    AnswerVerdict v = check_one(t, nt, typed, aliases[i]);
    if (v > best) best = v;
  }
  free(t);
  return best;
}

/* ---- diff ------------------------------------------------------------- */

static int seg_append(AnswerDiffSeg **segs, int *n, int *cap,
                      AnswerDiffKind kind, int32_t c) {
  utf8proc_uint8_t buf[4];
  utf8proc_ssize_t k = utf8proc_encode_char(c, buf);
  AnswerDiffSeg *s;
  size_t len;
  char *t;
  if (*n == 0 || (*segs)[*n - 1].kind != kind) {
    if (*n == *cap) {
      int nc = *cap ? *cap * 2 : 8;
      AnswerDiffSeg *g = realloc(*segs, (size_t)nc * sizeof *g);
      if (!g) return QD_ENOMEM;
      *segs = g;
      *cap = nc;
    }
    (*segs)[*n].kind = kind;
    (*segs)[*n].text = calloc(1, 1);
    if (!(*segs)[*n].text) return QD_ENOMEM;
    (*n)++;
  }
  s = &(*segs)[*n - 1];
  len = strlen(s->text);
  t = realloc(s->text, len + (size_t)k + 1);
  if (!t) return QD_ENOMEM;
  memcpy(t + len, buf, (size_t)k);
  t[len + (size_t)k] = '\0';
  s->text = t;
  return 0;
}

int answer_diff(const char *typed, const char *expected, AnswerDiffSeg **segs,
                int *n) {
  int32_t *a = NULL, *b = NULL;
  int na, nb, rc = 0, i, j, ns = 0, cap = 0;
  int *L = NULL;
  AnswerDiffSeg *out = NULL;
  if (!typed || !expected || !segs || !n) return QD_EINVAL;
  *segs = NULL;
  *n = 0;
  na = decode_utf8(typed, strlen(typed), &a);
  if (na < 0) return na;
  nb = decode_utf8(expected, strlen(expected), &b);
  if (nb < 0) {
    rc = nb;
    goto fail;
  }
  if (na > ANSWER_MAX_CP) na = ANSWER_MAX_CP;
  if (nb > ANSWER_MAX_CP) nb = ANSWER_MAX_CP;
  /* L[i][j] = LCS length of a[i..] and b[j..] */
  L = calloc((size_t)(na + 1) * (size_t)(nb + 1), sizeof *L);
  if (!L) {
    rc = QD_ENOMEM;
    goto fail;
  }
#define LCS(i_, j_) L[(size_t)(i_) * (size_t)(nb + 1) + (size_t)(j_)]
  for (i = na - 1; i >= 0; i--)
    for (j = nb - 1; j >= 0; j--)
      LCS(i, j) = utf8proc_tolower(a[i]) == utf8proc_tolower(b[j])
                      ? LCS(i + 1, j + 1) + 1
                      : (LCS(i + 1, j) > LCS(i, j + 1) ? LCS(i + 1, j)
                                                       : LCS(i, j + 1));
  i = j = 0;
  while (i < na || j < nb) {
    if (i < na && j < nb &&
        utf8proc_tolower(a[i]) == utf8proc_tolower(b[j])) {
      rc = seg_append(&out, &ns, &cap, ANSWER_DIFF_SAME, b[j]);
      i++;
      j++;
    } else if (j < nb && (i == na || LCS(i, j + 1) >= LCS(i + 1, j))) {
      rc = seg_append(&out, &ns, &cap, ANSWER_DIFF_MISSING, b[j]);
      j++;
    } else {
      rc = seg_append(&out, &ns, &cap, ANSWER_DIFF_EXTRA, a[i]);
      i++;
    }
    if (rc < 0) goto fail;
  }
#undef LCS
  free(L);
  free(a);
  free(b);
  *segs = out;
  *n = ns;
  return 0;
fail:
  answer_diff_free(out, ns);
  free(L);
  free(a);
  free(b);
  return rc;
}

void answer_diff_free(AnswerDiffSeg *segs, int n) {
  if (!segs) return;
  for (int i = 0; i < n; i++) free(segs[i].text);
  free(segs);
}

/* ---- grades and shuffles ---------------------------------------------- */

int answer_grade(AnswerVerdict verdict, int answer_ms, int time_limit_ms) {
  if (verdict == ANSWER_WRONG) return SCHED_AGAIN;
  if (verdict == ANSWER_CLOSE) return SCHED_HARD;
  if (time_limit_ms > 0) {
    if ((long)answer_ms * 10 > (long)time_limit_ms * 6) return SCHED_HARD;
    if ((long)answer_ms * 10 < (long)time_limit_ms * 2) return SCHED_EASY;
    return SCHED_GOOD;
  }
  if (answer_ms > 15000) return SCHED_HARD;
  if (answer_ms < 4000) return SCHED_EASY;
  return SCHED_GOOD;
}

static uint64_t splitmix64(uint64_t *x) {
  uint64_t z = (*x += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

void answer_shuffle(uint64_t seed, int *order, int n_options) {
  for (int i = 0; i < n_options; i++) order[i] = i;
  for (int i = n_options - 1; i > 0; i--) {
    int k = (int)(splitmix64(&seed) % (uint64_t)(i + 1));
    int t = order[i];
    order[i] = order[k];
    order[k] = t;
  }
}
