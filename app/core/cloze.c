#include "cloze.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "imputil.h"
#include "store.h"

enum { CLOZE_MAX_DEPTH = 16 };

typedef struct Span {
  size_t start, end;        /* whole "{{cN::...}}" */
  int num;
  size_t cstart, cend;      /* content */
  size_t hstart, hend;      /* hint (hstart == hend: none) */
} Span;

/* Finds the next deletion at or after `from`. */
static int next_span(const char *s, size_t n, size_t from, Span *sp) {
  for (size_t i = from; i + 5 < n; i++) {
    if (s[i] != '{' || s[i + 1] != '{' || (s[i + 2] != 'c' && s[i + 2] != 'C')) continue;
    size_t j = i + 3;
    int num = 0, digits = 0;
    while (j < n && isdigit((unsigned char)s[j]) && digits < 4) {
      num = num * 10 + (s[j] - '0');
      j++;
      digits++;
    }
    if (!digits || num == 0 || j + 1 >= n || s[j] != ':' || s[j + 1] != ':') continue;
    size_t cs = j + 2, k = cs, hint = 0;
    int depth = 0;
    while (k + 1 < n) {
      if (s[k] == '{' && s[k + 1] == '{') {
        depth++;
        k += 2;
      } else if (s[k] == '}' && s[k + 1] == '}') {
        if (depth == 0) break;
        depth--;
        k += 2;
      } else {
        if (depth == 0 && s[k] == ':' && s[k + 1] == ':') hint = k;
        k++;
      }
    }
    if (k + 1 >= n) return 0; /* unclosed: plain text */
    sp->start = i;
    sp->end = k + 2;
    sp->num = num;
    sp->cstart = cs;
    sp->cend = hint ? hint : k;
    sp->hstart = hint ? hint + 2 : k;
    sp->hend = k;
    return 1;
  }
  return 0;
}

static void collect(const char *s, size_t n, int *nums, int max, int *count, int depth) {
  Span sp;
  size_t pos = 0;
  if (depth > CLOZE_MAX_DEPTH) return;
  while (next_span(s, n, pos, &sp)) {
    int found = 0;
    for (int i = 0; i < *count; i++) found |= nums[i] == sp.num;
    if (!found && *count < max) nums[(*count)++] = sp.num;
    collect(s + sp.cstart, sp.cend - sp.cstart, nums, max, count, depth + 1);
    pos = sp.end;
  }
}

static int cmp_int(const void *a, const void *b) {
  int x = *(const int *)a, y = *(const int *)b;
  return (x > y) - (x < y);
}

int cloze_numbers(const char *text, int *nums, int max) {
  int count = 0;
  collect(text, strlen(text), nums, max, &count, 0);
  qsort(nums, (size_t)count, sizeof *nums, cmp_int);
  return count;
}

static void render(const char *s, size_t n, int num, ImpBuf *front, ImpBuf *back, int depth) {
  Span sp;
  size_t pos = 0;
  while (depth <= CLOZE_MAX_DEPTH && next_span(s, n, pos, &sp)) {
    imp_buf_add(front, s + pos, sp.start - pos);
    if (num && sp.num == num) {
      imp_buf_adds(front, "____");
      if (sp.hend > sp.hstart) {
        imp_buf_adds(front, " (");
        imp_buf_add(front, s + sp.hstart, sp.hend - sp.hstart);
        imp_buf_adds(front, ")");
      }
      if (back->len) imp_buf_adds(back, ", ");
      ImpBuf inner = {0}, dummy = {0};
      render(s + sp.cstart, sp.cend - sp.cstart, 0, &inner, &dummy, depth + 1);
      imp_buf_add(back, inner.s ? inner.s : "", inner.len);
      imp_buf_free(&inner);
      imp_buf_free(&dummy);
    } else {
      render(s + sp.cstart, sp.cend - sp.cstart, num, front, back, depth + 1);
    }
    pos = sp.end;
  }
  imp_buf_add(front, s + pos, n - pos);
}

int cloze_card(const char *text, int num, char **front, char **back) {
  ImpBuf f = {0}, b = {0};
  *front = *back = NULL;
  render(text, strlen(text), num, &f, &b, 0);
  imp_buf_add(&f, "", 0);
  imp_buf_add(&b, "", 0);
  *front = imp_buf_take(&f);
  *back = num ? imp_buf_take(&b) : NULL;
  imp_buf_free(&b);
  if (!*front || (num && !*back)) {
    free(*front);
    free(*back);
    *front = *back = NULL;
    return QD_ENOMEM;
  }
  imp_collapse_space(*front);
  if (*back) imp_collapse_space(*back);
  return 0;
}

static void renumber(const char *s, size_t n, const int *nums, int count, ImpBuf *out,
                     int depth) {
  Span sp;
  size_t pos = 0;
  while (depth <= CLOZE_MAX_DEPTH && next_span(s, n, pos, &sp)) {
    imp_buf_add(out, s + pos, sp.start - pos);
    int k = 0;
    while (k < count && nums[k] != sp.num) k++;
    char head[24];
    int hl = snprintf(head, sizeof head, "{{c%d::", k + 1);
    imp_buf_add(out, head, (size_t)hl);
    renumber(s + sp.cstart, sp.cend - sp.cstart, nums, count, out, depth + 1);
    if (sp.hend > sp.hstart) {
      imp_buf_adds(out, "::");
      imp_buf_add(out, s + sp.hstart, sp.hend - sp.hstart);
    }
    imp_buf_adds(out, "}}");
    pos = sp.end;
  }
  imp_buf_add(out, s + pos, n - pos);
}

char *cloze_renumber(const char *text) {
  int nums[256];
  int count = cloze_numbers(text, nums, 256);
  ImpBuf out = {0};
  renumber(text, strlen(text), nums, count, &out, 0);
  imp_buf_add(&out, "", 0);
  return imp_buf_take(&out);
}

int cloze_card_face(const StoreNote *note, int ord, char **front, char **back,
                    int *swapped) {
  int nums[64];
  *front = *back = NULL;
  if (swapped) *swapped = 0;
  if (note->kind == NOTE_CLOZE && cloze_numbers(note->prompt, nums, 64) > 0) {
    int k = cloze_numbers(note->prompt, nums, 64);
    int num = nums[ord >= 0 && ord < k ? ord : 0];
    if (swapped) *swapped = k > 1;
    return cloze_card(note->prompt, num, front, back);
  }
  int reverse = ord == 1 && note->n_cards == 2 && note->kind != NOTE_CLOZE;
  *front = imp_strdup(reverse ? note->answer : note->prompt);
  *back = imp_strdup(reverse ? note->prompt : note->answer);
  if (swapped) *swapped = reverse;
  if (!*front || !*back) {
    free(*front);
    free(*back);
    *front = *back = NULL;
    return QD_ENOMEM;
  }
  return QD_OK;
}
