/* scr_browse.c - the deck browser for teachers: page through a deck's
 * notes (never the whole deck: BROWSE_PAGE notes at a time), search them
 * (FTS5 through store_notes_list), read one with its sources, edit its
 * text, suspend or delete it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "error.h"

#define BROWSE_PAGE 64 /* notes read from the store at once */

/* ---- text fields --------------------------------------------------------- */

static int utf8_prev(const char *s, int i) {
  if (i <= 0) return 0;
  i--;
  while (i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80) i--;
  return i;
}

static int utf8_next(const char *s, int i) {
  int n = (int)strlen(s);
  if (i >= n) return n;
  i++;
  while (i < n && ((unsigned char)s[i] & 0xC0) == 0x80) i++;
  return i;
}

/* Copies s into the field with the caret at the end; 0, or QD_ETOOBIG
 * (field left empty) when it does not fit. */
static int field_set(TextField *f, const char *s) {
  size_t n = s ? strlen(s) : 0;
  f->text[0] = '\0';
  f->caret = 0;
  if (n >= sizeof f->text) return QD_ETOOBIG;
  if (n) memcpy(f->text, s, n);
  f->text[n] = '\0';
  f->caret = (int)n;
  return 0;
}

/* Copies the valid UTF-8 of s into out (at most n - 1 bytes, whole
 * characters): malformed bytes are dropped and control characters (a
 * pasted tab or newline) become spaces, since fields hold one line. */
static size_t clean_utf8(const char *s, char *out, size_t n) {
  const unsigned char *p = (const unsigned char *)s;
  size_t k = 0;
  while (*p) {
    int len = *p < 0x80 ? 1 : (*p & 0xE0) == 0xC0 ? 2
              : (*p & 0xF0) == 0xE0 ? 3 : (*p & 0xF8) == 0xF0 ? 4 : 0;
    int ok = len > 0 && !(len == 2 && *p < 0xC2) && !(len == 4 && *p > 0xF4);
    for (int i = 1; ok && i < len; i++)
      if ((p[i] & 0xC0) != 0x80) ok = 0;
    if (!ok) {
      p++;
      continue;
    }
    if (k + (size_t)len >= n) break;
    if (len == 1 && (*p < 0x20 || *p == 0x7F)) {
      out[k++] = ' ';
    } else {
      memcpy(out + k, p, (size_t)len);
      k += (size_t)len;
    }
    p += len;
  }
  out[k] = '\0';
  return k;
}

/* Applies an editing action to the field: 2 when the text changed, 1
 * when only the caret moved (or the action was the field's but did
 * nothing), 0 when the action is not for a field. */
static int field_edit(TextField *f, const Action *act) {
  int n = (int)strlen(f->text), p;
  if (f->caret > n) f->caret = n;
  switch (act->kind) {
  case ACT_TEXT: {
    char buf[sizeof act->text];
    size_t k = clean_utf8(act->text, buf, sizeof buf);
    if (k == 0) return 1;
    if ((size_t)n + k >= sizeof f->text) return 1; /* full */
    memmove(f->text + f->caret + k, f->text + f->caret,
            (size_t)(n - f->caret) + 1);
    memcpy(f->text + f->caret, buf, k);
    f->caret += (int)k;
    return 2;
  }
  case ACT_BACKSPACE:
    if (f->caret == 0) return 1;
    p = utf8_prev(f->text, f->caret);
    memmove(f->text + p, f->text + f->caret, (size_t)(n - f->caret) + 1);
    f->caret = p;
    return 2;
  case ACT_DELETE:
    if (f->caret >= n) return 1;
    p = utf8_next(f->text, f->caret);
    memmove(f->text + f->caret, f->text + p, (size_t)(n - p) + 1);
    return 2;
  case ACT_DELETE_WORD:
    /* the word before the caret, and the spaces after it */
    p = f->caret;
    while (p > 0 && f->text[p - 1] == ' ') p--;
    while (p > 0 && f->text[p - 1] != ' ') p = utf8_prev(f->text, p);
    if (p == f->caret) return 1;
    memmove(f->text + p, f->text + f->caret, (size_t)(n - f->caret) + 1);
    f->caret = p;
    return 2;
  case ACT_LEFT:
    f->caret = utf8_prev(f->text, f->caret);
    return 1;
  case ACT_RIGHT:
    f->caret = utf8_next(f->text, f->caret);
    return 1;
  case ACT_HOME:
    f->caret = 0;
    return 1;
  case ACT_END:
    f->caret = n;
    return 1;
  default:
    return 0;
  }
}

/* The field's text with a bar at the caret, for display. */
static void field_show(const TextField *f, char *out, size_t n) {
  snprintf(out, n, "%.*s|%s", f->caret, f->text, f->text + f->caret);
}

/* s without leading and trailing spaces, into out (NUL-terminated). */
static void trim_copy(const char *s, char *out, size_t n) {
  size_t len;
  while (*s == ' ') s++;
  len = strlen(s);
  while (len > 0 && s[len - 1] == ' ') len--;
  if (len >= n) len = n - 1;
  memcpy(out, s, len);
  out[len] = '\0';
}

/* The first `max` bytes of s (whole characters) with an ellipsis when cut:
 * names a note in a message. */
static void short_text(const char *s, char *out, size_t n, int max) {
  int len = (int)strlen(s ? s : "");
  if (!s) s = "";
  if (len <= max) {
    snprintf(out, n, "%s", s);
    return;
  }
  while (max > 0 && ((unsigned char)s[max] & 0xC0) == 0x80) max--;
  snprintf(out, n, "%.*s\xE2\x80\xA6", max, s);
}

/* list joined with sep into out; 0, or QD_ETOOBIG when only the first
 * items fit (out holds those). */
static int join(char **list, int n, const char *sep, char *out, size_t cap) {
  size_t k = 0, sl = strlen(sep);
  out[0] = '\0';
  for (int i = 0; i < n; i++) {
    size_t l = strlen(list[i] ? list[i] : "");
    if (k + l + (i ? sl : 0) + 1 > cap) return QD_ETOOBIG;
    if (i) {
      memcpy(out + k, sep, sl);
      k += sl;
    }
    memcpy(out + k, list[i] ? list[i] : "", l);
    k += l;
    out[k] = '\0';
  }
  return 0;
}

/* ---- what the screen knows ----------------------------------------------- */

static int is_wide(const App *a) { return a->w >= a->th.unit * 46; }

/* 1 when the cards of page note i are all suspended (the store's flag,
 * then what this screen set since the page was read). */
static int is_suspended(App *a, int i) {
  BrowseState *b = &a->browse;
  if (!b->susp || i < 0 || i >= b->n) return 0;
  if (b->susp[i] < 0) b->susp[i] = (signed char)(b->page[i].suspended != 0);
  return b->susp[i];
}

static void page_free(BrowseState *b) {
  store_notes_free(b->page, b->n);
  free(b->susp);
  b->page = NULL;
  b->susp = NULL;
  b->n = 0;
}

static const char *query_of(const BrowseState *b) {
  return b->query.text[0] ? b->query.text : NULL;
}

static int count_all(App *a);

/* Reads the notes from `first` on (a page, starting a little before so
 * that moving up does not read again) unless the loaded page already
 * covers [first, first + count).  Returns 0 or a negative QD_E* code
 * (shown as a toast). */
static int load(App *a, int first, int count, int force) {
  BrowseState *b = &a->browse;
  StoreNote *list = NULL;
  int n = 0, off, limit, rc;
  if (!a->store) return QD_EINVAL;
  if (first < 0) first = 0;
  if (count < 1) count = 1;
  if (!force && b->page && first >= b->offset &&
      (first + count <= b->offset + b->n ||
       (b->total >= 0 && b->offset + b->n >= b->total)))
    return 0;
  if (!force && b->load_failed) return QD_EIO;
  off = first - BROWSE_PAGE / 4;
  if (off < 0) off = 0;
  limit = first - off + count;
  if (limit < BROWSE_PAGE) limit = BROWSE_PAGE;
  rc = store_notes_list(a->store, a->deck, query_of(b), off, limit, &list, &n);
  if (rc < 0) {
    b->load_failed = 1;
    app_toast(a, 1, "%s", store_errmsg(a->store));
    return rc;
  }
  b->load_failed = 0;
  if (n == 0 && off > 0) {
    /* nothing there: the list is shorter than asked for (paging past
     * its end, or notes deleted elsewhere); count it, read its end */
    store_notes_free(list, n);
    b->total = -1;
    if (b->seen > off) b->seen = off;
    if ((rc = count_all(a)) < 0) return rc;
    if (b->total == 0) {
      page_free(b);
      b->offset = 0;
      return 0;
    }
    return load(a, b->total - 1 < first ? b->total - 1 : first, 1, 1);
  }
  page_free(b);
  b->page = list;
  b->n = n;
  b->offset = off;
  /* suspension read when shown (NULL on no memory: shown as active) */
  if ((b->susp = malloc(n > 0 ? (size_t)n : 1)) != NULL)
    memset(b->susp, -1, n > 0 ? (size_t)n : 1);
  if (n < limit) {
    b->total = off + n; /* a short page: the end of the list */
  } else {
    if (b->total >= 0 && b->total < off + n) b->total = -1;
    if (b->seen < off + n) b->seen = off + n;
  }
  return 0;
}

/* 1 when a note exists at index i of the list, 0 when not, or a
 * negative QD_E* code. */
static int probe(App *a, int i) {
  StoreNote *list = NULL;
  int n = 0, rc;
  rc = store_notes_list(a->store, a->deck, query_of(&a->browse), i, 1, &list,
                        &n);
  store_notes_free(list, n);
  if (rc < 0) {
    app_toast(a, 1, "%s", store_errmsg(a->store));
    return rc;
  }
  return n > 0;
}

/* Counts the list without reading it: single-note probes, doubling then
 * halving (about 2 log2 N of them). */
static int count_all(App *a) {
  BrowseState *b = &a->browse;
  int lo = b->seen, hi, rc;
  if (b->total >= 0) return b->total;
  hi = lo > 0 ? lo * 2 : 1;
  while ((rc = probe(a, hi)) > 0) {
    lo = hi + 1;
    hi *= 2;
  }
  if (rc < 0) return rc;
  while (lo < hi) { /* count in [lo, hi] */
    int mid = lo + (hi - lo + 1) / 2;
    rc = probe(a, mid - 1);
    if (rc < 0) return rc;
    if (rc) lo = mid;
    else hi = mid - 1;
  }
  b->total = lo;
  return lo;
}

/* The number of notes as far as known (at least one past sel). */
static int known_count(const BrowseState *b) {
  if (b->total >= 0) return b->total;
  return b->seen > b->offset + b->n ? b->seen : b->offset + b->n;
}

static StoreNote *current(BrowseState *b) {
  if (!b->page || b->sel < b->offset || b->sel >= b->offset + b->n)
    return NULL;
  return &b->page[b->sel - b->offset];
}

/* Moves the selection to index i (clamped to the list). */
static void select_at(App *a, int i) {
  BrowseState *b = &a->browse;
  if (i < 0) i = 0;
  /* past what is known: reading there finds more, or the end */
  if (b->total < 0 && i >= known_count(b)) load(a, i, 1, 0);
  if (i >= known_count(b)) i = known_count(b) - 1;
  if (i < 0) i = 0;
  load(a, i, 1, 0);
  if (b->total >= 0 && i >= b->total) { /* shorter than the deck list said */
    i = b->total > 0 ? b->total - 1 : 0;
    load(a, i, 1, 0);
  }
  if (i != b->sel) b->detail_skip = 0;
  b->sel = i;
  app_dirty(a);
}

/* The list after a change (search, edit, delete): read again around sel. */
static void reload(App *a) {
  BrowseState *b = &a->browse;
  b->total = query_of(b) ? -1 : b->deck_notes;
  b->seen = 0;
  if (load(a, b->sel, 1, 1) < 0) return;
  if (b->total >= 0 && b->sel >= b->total)
    b->sel = b->total > 0 ? b->total - 1 : 0;
  if (!query_of(b) && b->total >= 0) b->deck_notes = b->total;
}

static void run_search(App *a) {
  BrowseState *b = &a->browse;
  b->sel = b->scroll = 0;
  b->load_failed = 0;
  reload(a);
  app_dirty(a);
}

/* ---- actions ------------------------------------------------------------- */

static void begin_edit(App *a) {
  BrowseState *b = &a->browse;
  StoreNote *n = current(b);
  char aliases[sizeof b->field[2].text];
  if (!n || b->mode == BROWSE_EDIT || b->mode == BROWSE_CONFIRM) return;
  if (field_set(&b->field[0], n->prompt) < 0 ||
      field_set(&b->field[1], n->answer) < 0 ||
      join(n->aliases, n->n_aliases, "; ", aliases, sizeof aliases) < 0 ||
      field_set(&b->field[2], aliases) < 0) {
    app_toast(a, 1, "browse: cannot edit note %lld: its text is longer than "
              "%d bytes", (long long)n->id, (int)sizeof b->field[0].text - 1);
    return;
  }
  b->cur_field = 0;
  b->searching = 0;
  b->mode = BROWSE_EDIT;
  app_dirty(a);
}

static void end_edit(App *a) {
  BrowseState *b = &a->browse;
  b->mode = is_wide(a) ? BROWSE_LIST : BROWSE_DETAIL;
  app_dirty(a);
}

/* Splits "a; b ;c" into trimmed, non-empty items (caller frees each and
 * the array).  Returns 0 or QD_ENOMEM. */
static int split_aliases(const char *s, char ***out, int *n) {
  char **v = NULL;
  int k = 0;
  *out = NULL;
  *n = 0;
  while (*s) {
    const char *e = strchr(s, ';');
    size_t len = e ? (size_t)(e - s) : strlen(s);
    char item[sizeof ((TextField *)0)->text], *copy, **nv;
    if (len >= sizeof item) len = sizeof item - 1;
    memcpy(item, s, len);
    item[len] = '\0';
    {
      char t[sizeof item];
      trim_copy(item, t, sizeof t);
      if (t[0]) {
        copy = malloc(strlen(t) + 1);
        nv = copy ? realloc(v, (size_t)(k + 1) * sizeof *nv) : NULL;
        if (!nv) {
          free(copy);
          goto fail;
        }
        strcpy(copy, t);
        v = nv;
        v[k++] = copy;
      }
    }
    s += len;
    if (*s == ';') s++;
  }
  *out = v;
  *n = k;
  return 0;
fail:
  for (int i = 0; i < k; i++) free(v[i]);
  free(v);
  return QD_ENOMEM;
}

static void save_edit(App *a) {
  BrowseState *b = &a->browse;
  StoreNote *cur = current(b), copy;
  char prompt[sizeof b->field[0].text], answer[sizeof b->field[1].text];
  char old_aliases[sizeof b->field[2].text], brief[96];
  char **aliases = NULL;
  int n_aliases = 0, rc;
  int64_t id = 0;
  if (!cur) return;
  trim_copy(b->field[0].text, prompt, sizeof prompt);
  trim_copy(b->field[1].text, answer, sizeof answer);
  if (!prompt[0] || !answer[0]) {
    b->cur_field = prompt[0] ? 1 : 0;
    app_toast(a, 1, "The %s cannot be empty: type it, or Esc to keep the "
              "card as it was", prompt[0] ? "answer" : "question");
    return;
  }
  if (!cur->guid || !cur->guid[0]) {
    /* without its key the store would add a second note */
    app_toast(a, 1, "browse: cannot save note %lld: it has no guid",
              (long long)cur->id);
    return;
  }
  {
    /* deleted meanwhile (another window or program): the guid would make
     * it again as a new note */
    StoreNote now;
    rc = store_note_get(a->store, cur->id, &now);
    store_note_clear(&now);
    if (rc < 0) {
      app_toast(a, 1, "%s", rc == QD_ENOTFOUND
                                ? "browse: cannot save: this card was "
                                  "deleted meanwhile"
                                : store_errmsg(a->store));
      if (rc == QD_ENOTFOUND) {
        end_edit(a);
        reload(a);
      }
      return;
    }
  }
  copy = *cur; /* shallow: the strings stay the page's */
  copy.prompt = prompt;
  copy.answer = answer;
  /* aliases only when they were changed, so items holding ';' survive */
  if (join(cur->aliases, cur->n_aliases, "; ", old_aliases,
           sizeof old_aliases) < 0 ||
      strcmp(old_aliases, b->field[2].text) != 0) {
    if (split_aliases(b->field[2].text, &aliases, &n_aliases) < 0) {
      app_toast(a, 1, "browse: cannot save the card: out of memory");
      return;
    }
    copy.aliases = aliases;
    copy.n_aliases = n_aliases;
  }
  rc = store_note_put(a->store, cur->deck, &copy, &id);
  for (int i = 0; i < n_aliases; i++) free(aliases[i]);
  free(aliases);
  if (rc < 0) {
    app_toast(a, 1, "%s", store_errmsg(a->store));
    return;
  }
  short_text(prompt, brief, sizeof brief, 48);
  app_trace(a, "browse saved %lld", (long long)id);
  end_edit(a);
  reload(a);
  app_toast(a, 0,
            "Saved \xE2\x80\x9C%s\xE2\x80\x9D. Its review history is kept.",
            brief);
}

static void toggle_suspend(App *a) {
  BrowseState *b = &a->browse;
  StoreNote *n = current(b);
  char brief[96];
  int on;
  if (!n || b->mode == BROWSE_EDIT || b->mode == BROWSE_CONFIRM) return;
  on = !is_suspended(a, b->sel - b->offset);
  if (store_note_set_suspended(a->store, n->id, on) < 0) {
    app_toast(a, 1, "%s", store_errmsg(a->store));
    return;
  }
  if (b->susp) b->susp[b->sel - b->offset] = (signed char)on;
  short_text(n->prompt, brief, sizeof brief, 40);
  app_trace(a, "browse %s %lld", on ? "suspended" : "unsuspended",
            (long long)n->id);
  app_toast(a, 0, on ? "Suspended \xE2\x80\x9C%s\xE2\x80\x9D: left out of "
                       "study sessions"
                     : "Unsuspended \xE2\x80\x9C%s\xE2\x80\x9D: back in study "
                       "sessions",
            brief);
}

static void ask_delete(App *a) {
  BrowseState *b = &a->browse;
  if (!current(b) || b->mode == BROWSE_EDIT) return;
  b->searching = 0;
  b->mode = BROWSE_CONFIRM;
  app_dirty(a);
}

static void do_delete(App *a) {
  BrowseState *b = &a->browse;
  StoreNote *n = current(b);
  char brief[96];
  int64_t id;
  int rc;
  if (!n) return;
  id = n->id;
  short_text(n->prompt, brief, sizeof brief, 48);
  if ((rc = store_note_delete(a->store, id)) < 0) {
    app_toast(a, 1, "%s", store_errmsg(a->store));
    end_edit(a);
    if (rc == QD_ENOTFOUND) reload(a); /* gone meanwhile */
    return;
  }
  app_trace(a, "browse deleted %lld", (long long)id);
  if (b->deck_notes > 0) b->deck_notes--;
  b->mode = BROWSE_LIST;
  reload(a);
  app_toast(a, 0, "Deleted \xE2\x80\x9C%s\xE2\x80\x9D and its review history",
            brief);
}

static void move(App *a, int by) {
  BrowseState *b = &a->browse;
  int to = b->sel + by;
  if (to < 0) to = 0;
  select_at(a, to);
}

static void go_end(App *a) {
  BrowseState *b = &a->browse;
  if (count_all(a) < 0) return;
  select_at(a, b->total > 0 ? b->total - 1 : 0);
}

/* Rows a page key moves: what the last layout showed, less one. */
static int page_rows(const App *a) {
  return a->browse.rows > 2 ? a->browse.rows - 1 : 1;
}

static void command(App *a, const Action *act) {
  BrowseState *b = &a->browse;
  switch (act->n) {
  case CMD_BACK:
    if (b->mode == BROWSE_DETAIL && !is_wide(a)) {
      b->mode = BROWSE_LIST;
      app_dirty(a);
    } else {
      app_switch(a, SCR_DECKS);
    }
    break;
  case CMD_NOTE_PICK:
    if (b->mode == BROWSE_EDIT || b->mode == BROWSE_CONFIRM) break;
    b->searching = 0;
    select_at(a, act->arg);
    if (!is_wide(a)) b->mode = BROWSE_DETAIL;
    break;
  case CMD_SEARCH:
    if (b->mode == BROWSE_EDIT || b->mode == BROWSE_CONFIRM) break;
    b->searching = 1;
    b->query.caret = (int)strlen(b->query.text);
    app_dirty(a);
    break;
  case CMD_EDIT:
    begin_edit(a);
    break;
  case CMD_SAVE:
    if (b->mode == BROWSE_EDIT) save_edit(a);
    break;
  case CMD_CANCEL:
    if (b->mode == BROWSE_EDIT) end_edit(a);
    else if (b->mode == BROWSE_CONFIRM) end_edit(a);
    break;
  case CMD_SUSPEND:
    toggle_suspend(a);
    break;
  case CMD_DELETE:
    ask_delete(a);
    break;
  case CMD_CONFIRM_DELETE:
    if (b->mode == BROWSE_CONFIRM) do_delete(a);
    break;
  case CMD_FIELD:
    if (b->mode == BROWSE_EDIT && act->arg >= 0 && act->arg < 3) {
      b->cur_field = act->arg;
      app_dirty(a);
    }
    break;
  default:
    break;
  }
}

static void handle(App *a, const Action *act) {
  BrowseState *b = &a->browse;
  int r;
  b->load_failed = 0; /* an action: a failed page may be read again */
  if (!a->store) {
    if (act->kind == ACT_BACK ||
        (act->kind == ACT_COMMAND && act->n == CMD_BACK))
      app_switch(a, SCR_DECKS);
    return;
  }
  if (act->kind == ACT_COMMAND) {
    command(a, act);
    return;
  }
  if (act->kind == ACT_PASTE) {
    Action t;
    char *clip = SDL_HasClipboardText() ? SDL_GetClipboardText() : NULL;
    if (!clip || !clip[0] || !browse_typing(a)) {
      SDL_free(clip);
      return;
    }
    memset(&t, 0, sizeof t);
    t.kind = ACT_TEXT;
    clean_utf8(clip, t.text, sizeof t.text);
    SDL_free(clip);
    handle(a, &t);
    return;
  }
  if (b->mode == BROWSE_CONFIRM) {
    if (act->kind == ACT_ACCEPT) do_delete(a);
    else if (act->kind == ACT_BACK) end_edit(a);
    return;
  }
  if (b->mode == BROWSE_EDIT) {
    r = field_edit(&b->field[b->cur_field], act);
    if (r) {
      app_dirty(a);
      return;
    }
    if (act->kind == ACT_ACCEPT) save_edit(a);
    else if (act->kind == ACT_BACK) end_edit(a);
    else if (act->kind == ACT_UP)
      b->cur_field = (b->cur_field + 2) % 3;
    else if (act->kind == ACT_DOWN)
      b->cur_field = (b->cur_field + 1) % 3;
    app_dirty(a);
    return;
  }
  if (b->searching) {
    r = field_edit(&b->query, act);
    if (r == 2) run_search(a);
    if (r) {
      app_dirty(a);
      return;
    }
    if (act->kind == ACT_ACCEPT || act->kind == ACT_DOWN) {
      b->searching = 0;
      app_dirty(a);
      return;
    }
    if (act->kind == ACT_BACK) {
      /* Esc clears the search, a second Esc leaves the field */
      if (b->query.text[0]) {
        field_set(&b->query, "");
        run_search(a);
      } else {
        b->searching = 0;
      }
      app_dirty(a);
      return;
    }
    if (act->kind != ACT_PAGE_UP && act->kind != ACT_PAGE_DOWN &&
        act->kind != ACT_SCROLL)
      return; /* the rest is for the list, not while typing in the field */
  }
  if (b->mode == BROWSE_DETAIL && !is_wide(a) &&
      (act->kind == ACT_PAGE_UP || act->kind == ACT_PAGE_DOWN ||
       act->kind == ACT_SCROLL)) {
    /* the note alone on screen: page keys and the wheel scroll it */
    int down = act->kind == ACT_PAGE_DOWN ||
               (act->kind == ACT_SCROLL && act->n > 0);
    if (down && b->detail_more) b->detail_skip++;
    else if (!down && b->detail_skip > 0) b->detail_skip--;
    app_dirty(a);
    return;
  }
  switch (act->kind) {
  case ACT_BACK:
    if (b->mode == BROWSE_DETAIL && !is_wide(a)) {
      b->mode = BROWSE_LIST;
      app_dirty(a);
    } else {
      app_switch(a, SCR_DECKS);
    }
    break;
  case ACT_UP:
    move(a, -1);
    break;
  case ACT_DOWN:
    move(a, 1);
    break;
  case ACT_SCROLL:
    move(a, act->n);
    break;
  case ACT_PAGE_UP:
    move(a, -page_rows(a));
    break;
  case ACT_PAGE_DOWN:
    move(a, page_rows(a));
    break;
  case ACT_HOME:
    select_at(a, 0);
    break;
  case ACT_END:
    go_end(a);
    break;
  case ACT_ACCEPT:
    begin_edit(a);
    break;
  case ACT_SPACE:
  case ACT_RIGHT:
    if (!is_wide(a) && current(b)) {
      if (b->mode != BROWSE_DETAIL) b->detail_skip = 0;
      b->mode = BROWSE_DETAIL;
      app_dirty(a);
    }
    break;
  case ACT_LEFT:
    if (b->mode == BROWSE_DETAIL) {
      b->mode = BROWSE_LIST;
      app_dirty(a);
    }
    break;
  case ACT_DELETE:
    ask_delete(a);
    break;
  case ACT_FIND:
    b->searching = 1;
    b->query.caret = (int)strlen(b->query.text);
    if (!is_wide(a)) b->mode = BROWSE_LIST;
    app_dirty(a);
    break;
  case ACT_KEY:
    if (act->n == 's') toggle_suspend(a);
    else if (act->n == 'e') begin_edit(a);
    else if (act->n == 'd') ask_delete(a);
    break;
  default:
    break;
  }
}

/* ---- entering and leaving ------------------------------------------------ */

void app_browse(App *a, int64_t deck, const char *name, int n_notes) {
  BrowseState *b = &a->browse;
  if (deck != b->deck) {
    b->deck = deck;
    b->sel = b->scroll = 0;
    field_set(&b->query, "");
  }
  a->deck = deck;
  snprintf(a->deck_name, sizeof a->deck_name, "%s", name);
  b->deck_notes = n_notes;
  app_switch(a, SCR_BROWSE);
}

int browse_typing(const App *a) {
  const BrowseState *b = &a->browse;
  return (b->mode == BROWSE_EDIT || (b->searching && b->mode != BROWSE_CONFIRM))
             ? 2 : 0;
}

void browse_free(App *a) { page_free(&a->browse); }

/* The deck's counts when not given by app_browse (the browser opened
 * again over itself after a file drop added notes). */
static void recount_deck(App *a) {
  BrowseState *b = &a->browse;
  StoreDeckInfo *list = NULL;
  int n = 0;
  b->deck_notes = 0;
  if (store_decks_list(a->store, a->profile, app_now(), &list, &n) < 0) {
    app_toast(a, 1, "%s", store_errmsg(a->store));
    return;
  }
  for (int i = 0; i < n; i++)
    if (list[i].id == a->deck) b->deck_notes = list[i].n_notes;
  store_decks_free(list, n);
}

static void enter(App *a) {
  BrowseState *b = &a->browse;
  page_free(b);
  b->mode = BROWSE_LIST;
  b->searching = 0;
  b->load_failed = 0;
  b->detail_skip = 0;
  if (!a->store) return;
  if (b->deck_notes < 0) recount_deck(a);
  reload(a);
  app_trace(a, "browse %s", a->deck_name);
}

static void leave(App *a) {
  BrowseState *b = &a->browse;
  page_free(b);
  b->deck_notes = -1; /* app_browse gives them; else enter counts */
  b->mode = BROWSE_LIST;
  b->searching = 0;
}

/* ---- layout -------------------------------------------------------------- */

static const char *kind_name(const StoreNote *n) {
  switch (n->kind) {
  case NOTE_CLOZE:
    return "Cloze";
  case NOTE_MCQ:
    return "Multiple choice";
  default:
    return "Question";
  }
}

/* One line inside a field box: the query with its caret (or the
 * placeholder), scrolled so that the caret stays in view. */
static void search_box(App *a, URect r) {
  BrowseState *b = &a->browse;
  const Theme *th = &a->th;
  View *v = &a->view;
  int px = theme_px(th, TYPE_BODY), pad = theme_sp(th, 3), idx;
  int lh = text_line_height(v->text, px, TEXT_REGULAR);
  int w = r.w - 2 * pad, ty = r.y + (r.h - lh) / 2;
  idx = view_panel(v, r, th->surface, b->searching ? th->accent : th->line,
                   b->searching ? th->border * 2 : th->border,
                   theme_sp(th, 3), ITEM_HOVERABLE);
  if (idx >= 0) v->items[idx].cmd = CMD_SEARCH;
  if (lh > r.h) return;
  if (b->searching) {
    char shown[sizeof b->query.text + 2];
    int start = 0, caret_end = b->query.caret + 1;
    field_show(&b->query, shown, sizeof shown);
    while (start < caret_end &&
           text_width(v->text, shown + start, caret_end - start, px,
                      TEXT_REGULAR) > w)
      start = utf8_next(shown, start);
    view_label(v, r.x + pad, ty, w, shown + start, px, TEXT_REGULAR, th->text,
               ALIGN_LEFT);
  } else if (b->query.text[0]) {
    view_label(v, r.x + pad, ty, w, b->query.text, px, TEXT_REGULAR,
               th->text, ALIGN_LEFT);
  } else {
    view_label(v, r.x + pad, ty, w,
               "Search questions, answers and sources  ( / )", px,
               TEXT_REGULAR, th->muted, ALIGN_LEFT);
  }
}

/* A small "Suspended" tag ending at x_right; returns its width. */
static int suspended_tag(App *a, int x_right, int y, int h) {
  const Theme *th = &a->th;
  View *v = &a->view;
  int cap = theme_px(th, TYPE_CAPTION), pad = theme_sp(th, 2);
  int lh = text_line_height(v->text, cap, TEXT_BOLD);
  int tw = text_width(v->text, "Suspended", -1, cap, TEXT_BOLD);
  int w = tw + 2 * pad, th_h = lh + theme_sp(th, 1);
  if (th_h > h) return 0;
  view_panel(v, (URect){x_right - w, y + (h - th_h) / 2, w, th_h},
             th->surface_alt, th->hard, th->border, th_h / 2, 0);
  view_label(v, x_right - w + pad, y + (h - lh) / 2, tw + 1, "Suspended", cap,
             TEXT_BOLD, th->hard, ALIGN_LEFT);
  return w;
}

static void list_layout(App *a, URect box) {
  BrowseState *b = &a->browse;
  const Theme *th = &a->th;
  View *v = &a->view;
  int body = theme_px(th, TYPE_BODY), small = theme_px(th, TYPE_SMALL);
  int l1 = text_line_height(v->text, body, TEXT_BOLD);
  int l2 = text_line_height(v->text, small, TEXT_REGULAR);
  int pad = theme_sp(th, 3), gap = theme_sp(th, 1);
  int rowh = l1 + l2 + 2 * theme_sp(th, 2);
  int foot = l2 + theme_sp(th, 1), room, count, y = box.y, last;
  int clickable = b->mode != BROWSE_EDIT && b->mode != BROWSE_CONFIRM;
  char line[160];
  if (box.h < rowh) return;
  room = (box.h - foot + gap) / (rowh + gap);
  if (room < 1) room = 1;
  if (room > BROWSE_PAGE / 2) room = BROWSE_PAGE / 2;
  b->rows = room;
  if (b->sel < b->scroll) b->scroll = b->sel;
  if (b->sel >= b->scroll + room) b->scroll = b->sel - room + 1;
  if (b->scroll < 0) b->scroll = 0;
  load(a, b->scroll, room, 0);
  count = known_count(b);
  if (b->scroll > 0 && b->scroll + room > count && b->total >= 0) {
    b->scroll = count - room > 0 ? count - room : 0;
    load(a, b->scroll, room, 0);
  }
  if (count == 0) {
    char msg[sizeof b->query.text + 64];
    if (b->query.text[0])
      snprintf(msg, sizeof msg,
               "No card in this deck matches \xE2\x80\x9C%s\xE2\x80\x9D.",
               b->query.text);
    else
      snprintf(msg, sizeof msg, "This deck has no cards.");
    view_para(v, box.x, y + theme_sp(th, 2), box.w, box.h - theme_sp(th, 2),
              msg, body, small, TEXT_REGULAR, th->muted, ALIGN_LEFT);
    return;
  }
  last = b->scroll;
  for (int i = b->scroll; i < b->scroll + room; i++) {
    StoreNote *n;
    URect r = {box.x, y, box.w, rowh};
    int sel = i == b->sel, idx, susp, tagw = 0, tw;
    if (i < b->offset || i >= b->offset + b->n) break;
    n = &b->page[i - b->offset];
    susp = is_suspended(a, i - b->offset);
    idx = view_panel(v, r, sel ? th->surface : th->surface_alt,
                     sel ? th->accent : th->line,
                     sel ? th->border * 2 : th->border, theme_sp(th, 2),
                     clickable ? ITEM_HOVERABLE : 0);
    if (idx >= 0 && clickable) {
      v->items[idx].cmd = CMD_NOTE_PICK;
      v->items[idx].arg = i;
    }
    if (susp) tagw = suspended_tag(a, r.x + r.w - pad, y, rowh);
    tw = r.w - 2 * pad - (tagw ? tagw + theme_sp(th, 2) : 0);
    view_label(v, r.x + pad, y + theme_sp(th, 2), tw, n->prompt, body,
               TEXT_BOLD, susp ? th->muted : th->text, ALIGN_LEFT);
    snprintf(line, sizeof line, "%.100s  \xC2\xB7  %s%s%s",
             n->answer ? n->answer : "", kind_name(n),
             n->type && n->type[0] ? " \xC2\xB7 " : "",
             n->type && n->type[0] ? n->type : "");
    view_label(v, r.x + pad, y + theme_sp(th, 2) + l1, tw, line, small,
               TEXT_REGULAR, th->muted, ALIGN_LEFT);
    y += rowh + gap;
    last = i + 1;
  }
  if (y + l2 <= box.y + box.h) {
    if (b->total >= 0)
      snprintf(line, sizeof line, "%d\xE2\x80\x93%d of %d %s", b->scroll + 1,
               last, b->total,
               b->query.text[0] ? (b->total == 1 ? "match" : "matches")
                                : (b->total == 1 ? "card" : "cards"));
    else
      snprintf(line, sizeof line, "%d\xE2\x80\x93%d of %d+ %s", b->scroll + 1,
               last, count, b->query.text[0] ? "matches" : "cards");
    view_label(v, box.x, y + theme_sp(th, 1), box.w, line, small,
               TEXT_REGULAR, th->muted, ALIGN_LEFT);
  }
}

/* Where the next section of a note goes; sections scrolled off are
 * skipped, and `more` notes that some did not fit. */
typedef struct Flow {
  int x, y, w, bottom;
  int skip, drawn, more;
} Flow;

/* A caption and a paragraph; the first one shown may take all the room,
 * the others at most 1/max_share of it (0: all). */
static void section(App *a, Flow *fl, const char *caption, const char *text,
                    int px, TextWeight wt, SDL_Color c, int max_share) {
  const Theme *th = &a->th;
  View *v = &a->view;
  int cap = theme_px(th, TYPE_CAPTION), small = theme_px(th, TYPE_SMALL);
  int lc = text_line_height(v->text, cap, TEXT_BOLD);
  int lmin = text_line_height(v->text, small, wt);
  int avail = fl->bottom - fl->y - lc, h;
  if (!text || !text[0]) return;
  if (fl->skip > 0) {
    fl->skip--;
    return;
  }
  if (avail < lmin) {
    fl->more = 1;
    return;
  }
  if (fl->drawn && max_share > 0 && avail / max_share >= lmin)
    avail /= max_share;
  if (view_para_height(v, fl->w, text, px, wt) > avail) fl->more = 1;
  fl->y += view_label(v, fl->x, fl->y, fl->w, caption, cap, TEXT_BOLD,
                      th->muted, ALIGN_LEFT);
  h = view_para(v, fl->x, fl->y, fl->w, avail, text, px, small, wt, c,
                ALIGN_LEFT);
  fl->y += h + theme_sp(th, 2);
  fl->drawn++;
}

static void detail_layout(App *a, URect box) {
  BrowseState *b = &a->browse;
  const Theme *th = &a->th;
  View *v = &a->view;
  StoreNote *n = current(b);
  int pad = theme_sp(th, box.w > th->unit * 30 ? 5 : 3), gap = theme_sp(th, 2);
  int cap = theme_px(th, TYPE_CAPTION), body = theme_px(th, TYPE_BODY);
  int small = theme_px(th, TYPE_SMALL), large = theme_px(th, TYPE_LARGE);
  int bh = theme_sp(th, 12), x = box.x + pad, w = box.w - 2 * pad;
  int y = box.y + pad, bottom, susp;
  char line[4096];
  if (!n || box.h < bh + 2 * pad) return;
  susp = is_suspended(a, b->sel - b->offset);
  view_panel(v, box, th->surface, th->line, th->border, theme_sp(th, 4),
             ITEM_SHADOW);
  bottom = box.y + box.h - pad - bh - gap;
  if (b->mode == BROWSE_CONFIRM) {
    /* the question in words, then the two ways out */
    int l1 = text_line_height(v->text, body, TEXT_BOLD);
    int l2 = text_line_height(v->text, small, TEXT_REGULAR);
    int ch = l1 + l2 + 2 * gap;
    URect cr = {x, bottom - ch, w, ch};
    if (cr.y > y) {
      view_panel(v, cr, th->bad_soft, th->bad, th->border, theme_sp(th, 2), 0);
      view_label(v, cr.x + gap, cr.y + gap, cr.w - 2 * gap,
                 "Delete this card?", body, TEXT_BOLD, th->bad, ALIGN_LEFT);
      view_label(v, cr.x + gap, cr.y + gap + l1, cr.w - 2 * gap,
                 "Enter = delete, Esc = keep. Its review history goes too.",
                 small, TEXT_REGULAR, th->text, ALIGN_LEFT);
      bottom = cr.y - gap;
    }
  }
  {
    Flow fl = {x, y, w, bottom, b->detail_skip, 0, 0};
    char capline[200];
    int ch = text_line_height(v->text, cap, TEXT_BOLD);
    if (y + ch <= bottom) fl.y += ch + theme_sp(th, 1);
    section(a, &fl, n->kind == NOTE_CLOZE ? "CLOZE" : "QUESTION", n->prompt,
            large, TEXT_BOLD, th->text, 2);
    section(a, &fl, "ANSWER", n->answer, large, TEXT_BOLD, th->accent, 3);
    if (n->n_aliases > 0) {
      join(n->aliases, n->n_aliases, "; ", line, sizeof line);
      section(a, &fl, "ALSO ACCEPTED", line, body, TEXT_REGULAR, th->text, 4);
    }
    if (n->n_distractors > 0) {
      join(n->distractors, n->n_distractors, " \xC2\xB7 ", line, sizeof line);
      section(a, &fl, "WRONG OPTIONS (MULTIPLE CHOICE)", line, body,
              TEXT_REGULAR, th->text, 4);
    }
    section(a, &fl, "EXPLANATION", n->explanation, small, TEXT_REGULAR,
            th->text, 4);
    for (int i = 0; i < n->n_sources; i++) {
      char capt[48];
      const StoreSource *src = &n->sources[i];
      snprintf(capt, sizeof capt, n->n_sources > 1 ? "SOURCE %d OF %d"
                                                   : "SOURCE", i + 1,
               n->n_sources);
      snprintf(line, sizeof line,
               "\xE2\x80\x9C%s\xE2\x80\x9D \xE2\x80\x94 %s",
               src->sentence ? src->sentence : "",
               src->article && src->article[0] ? src->article : "(no title)");
      section(a, &fl, capt, line, small, TEXT_REGULAR, th->text,
              i + 1 < n->n_sources ? 2 : 0);
    }
    if (n->n_sources == 0)
      section(a, &fl, "SOURCE", "No source recorded", small, TEXT_REGULAR,
              th->muted, 0);
    section(a, &fl, "TAGS", n->tags, small, TEXT_REGULAR, th->text, 0);
    /* the caption line last: it says whether there is more to scroll */
    b->detail_more = fl.more;
    snprintf(capline, sizeof capline, "%s%s%s%s%s", kind_name(n),
             n->type && n->type[0] ? " \xC2\xB7 " : "",
             n->type && n->type[0] ? n->type : "",
             susp ? " \xC2\xB7 suspended" : "",
             !is_wide(a) && (fl.more || b->detail_skip > 0)
                 ? "   (Page Up/Down: more)" : "");
    if (y + ch <= bottom)
      view_label(v, x, y, w, capline, cap, TEXT_BOLD,
                 susp ? th->hard : th->muted, ALIGN_LEFT);
  }
  /* the actions */
  {
    int by = box.y + box.h - pad - bh, bw = (w - 2 * gap) / 3;
    if (b->mode == BROWSE_CONFIRM) {
      int hw = (w - gap) / 2;
      view_button(v, (URect){x, by, hw, bh}, "Delete", "Enter", BTN_BAD,
                  CMD_CONFIRM_DELETE, 0, 0);
      view_button(v, (URect){x + hw + gap, by, hw, bh}, "Keep", "Esc",
                  BTN_SECONDARY, CMD_CANCEL, 0, 0);
    } else {
      view_button(v, (URect){x, by, bw, bh}, "Edit", "Enter", BTN_PRIMARY,
                  CMD_EDIT, 0, 0);
      view_button(v, (URect){x + bw + gap, by, bw, bh},
                  susp ? "Unsuspend" : "Suspend", "S", BTN_SECONDARY,
                  CMD_SUSPEND, 0, 0);
      view_button(v, (URect){x + 2 * (bw + gap), by, bw, bh}, "Delete",
                  "Del", BTN_BAD, CMD_DELETE, 0, 0);
    }
  }
}

static void edit_layout(App *a, URect box) {
  BrowseState *b = &a->browse;
  const Theme *th = &a->th;
  View *v = &a->view;
  static const char *const captions[3] = {
      "QUESTION", "ANSWER", "ALSO ACCEPTED (separate with ;)"};
  int pad = theme_sp(th, box.w > th->unit * 30 ? 5 : 3), gap = theme_sp(th, 2);
  int cap = theme_px(th, TYPE_CAPTION), body = theme_px(th, TYPE_BODY);
  int small = theme_px(th, TYPE_SMALL);
  int lc = text_line_height(v->text, cap, TEXT_BOLD);
  int lb = text_line_height(v->text, body, TEXT_REGULAR);
  int bh = theme_sp(th, 12), x = box.x + pad, w = box.w - 2 * pad;
  int y = box.y + pad, bottom, ipad = theme_sp(th, 2);
  if (box.h < bh + 2 * pad) return;
  view_panel(v, box, th->surface, th->accent, th->border, theme_sp(th, 4),
             ITEM_SHADOW);
  bottom = box.y + box.h - pad - bh - gap;
  if (y + text_line_height(v->text, theme_px(th, TYPE_LARGE), TEXT_BOLD) +
          3 * (lc + lb + 2 * ipad) <= bottom) {
    int tpx = theme_px(th, TYPE_LARGE);
    int tw = text_width(v->text, "Edit card", -1, tpx, TEXT_BOLD);
    int lt = text_line_height(v->text, tpx, TEXT_BOLD);
    const char *keys = "\xE2\x86\x91\xE2\x86\x93 next field";
    int kw = text_width(v->text, keys, -1, cap, TEXT_REGULAR);
    view_label(v, x, y, tw + 1, "Edit card", tpx, TEXT_BOLD, th->text,
               ALIGN_LEFT);
    if (tw + kw + theme_sp(th, 4) <= w)
      view_label(v, x + w - kw - 1, y + lt - text_line_height(v->text, cap,
                 TEXT_REGULAR), kw + 1, keys, cap, TEXT_REGULAR, th->muted,
                 ALIGN_LEFT);
    y += lt + theme_sp(th, 1);
  }
  for (int i = 0; i < 3; i++) {
    const TextField *f = &b->field[i];
    int focused = i == b->cur_field, idx, want, maxh, left = 3 - i;
    char shown[sizeof f->text + 2];
    int rest = bottom - y - lc - 2 * ipad;
    if (rest < lb) break;
    if (focused) field_show(f, shown, sizeof shown);
    else snprintf(shown, sizeof shown, "%s", f->text);
    want = view_para_height(v, w - 2 * ipad, shown[0] ? shown : " ", body,
                            TEXT_REGULAR);
    /* each field may take its share of what is left, at least a line */
    maxh = rest - (left - 1) * (lc + lb + 2 * ipad + gap);
    if (left > 1 && maxh > rest / left * 2) maxh = rest / left * 2;
    if (maxh < lb) maxh = lb;
    if (want > maxh) want = maxh;
    if (want < lb) want = lb;
    y += view_label(v, x, y, w, captions[i], cap, TEXT_BOLD,
                    focused ? th->accent : th->muted, ALIGN_LEFT);
    idx = view_panel(v, (URect){x, y, w, want + 2 * ipad},
                     focused ? th->bg : th->surface_alt,
                     focused ? th->accent : th->line,
                     focused ? th->border * 2 : th->border, theme_sp(th, 2),
                     ITEM_HOVERABLE);
    if (idx >= 0) {
      v->items[idx].cmd = CMD_FIELD;
      v->items[idx].arg = i;
    }
    if (shown[0])
      view_para(v, x + ipad, y + ipad, w - 2 * ipad, want, shown, body, small,
                TEXT_REGULAR, th->text, ALIGN_LEFT);
    y += want + 2 * ipad + gap;
  }
  {
    int by = box.y + box.h - pad - bh, hw = (w - gap) / 2;
    view_button(v, (URect){x, by, hw, bh}, "Save", "Enter", BTN_PRIMARY,
                CMD_SAVE, 0, 0);
    view_button(v, (URect){x + hw + gap, by, hw, bh}, "Cancel", "Esc",
                BTN_SECONDARY, CMD_CANCEL, 0, 0);
  }
}

static void update(App *a, double dt) {
  BrowseState *b = &a->browse;
  const Theme *th = &a->th;
  char right[96], title[300];
  const char *back = "\xE2\x86\x90 Decks";
  int wide = is_wide(a), gap = theme_sp(th, 2);
  int show_list, y;
  Frame f;
  (void)dt;
  if (!wide && b->mode == BROWSE_DETAIL) back = "\xE2\x86\x90 List";
  if (b->mode == BROWSE_EDIT || b->mode == BROWSE_CONFIRM) back = NULL;
  if (wide && b->mode == BROWSE_DETAIL) b->mode = BROWSE_LIST;
  snprintf(title, sizeof title, "Browse \xC2\xB7 %s", a->deck_name);
  if (b->deck_notes < 0)
    right[0] = '\0';
  else
    snprintf(right, sizeof right, "%d cards", b->deck_notes);
  f = app_top_bar(a, back, title, right);
  if (!a->store || f.h <= 0) return;
  show_list = wide || b->mode == BROWSE_LIST;
  y = f.y;
  {
    int list_w = wide ? f.w * 9 / 20 : f.w;
    if (show_list) {
      int sh = theme_sp(th, 10);
      search_box(a, (URect){f.x, y, list_w, sh});
      list_layout(a, (URect){f.x, y + sh + gap, list_w, f.h - sh - gap});
    }
    if (!show_list || wide) {
      URect box = wide ? (URect){f.x + list_w + theme_sp(th, 4), f.y,
                                 f.w - list_w - theme_sp(th, 4), f.h}
                       : (URect){f.x, f.y, f.w, f.h};
      if (!current(b)) load(a, b->sel, 1, 0);
      if (b->mode == BROWSE_EDIT) edit_layout(a, box);
      else detail_layout(a, box);
    }
  }
}

static void draw(const App *a, Render *rd) {
  view_draw(&a->view, rd, a->hover, a->focus, a->pressed);
}

const Screen screen_browse = {"browse", enter, leave, handle, update, draw};
