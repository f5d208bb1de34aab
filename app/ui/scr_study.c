/* scr_study.c - the study screen: flip, multiple choice, typed answer. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "error.h"
#include "sched.h"

#define CARD_ANIM_S 0.18

static void clear_feedback(StudyState *s) {
  answer_diff_free(s->diff, s->n_diff);
  s->diff = NULL;
  s->n_diff = 0;
  s->typed[0] = '\0';
  s->have_preview = 0;
}

/* A new card is on screen: restart its clock and entrance. */
static void card_shown(App *a) {
  StudyState *s = &a->study;
  clear_feedback(s);
  s->shown_ticks = SDL_GetTicks64();
  s->anim = 0.0;
  if (s->session && session_phase(s->session) == SESSION_DONE) {
    session_summary(s->session, &a->summary);
    app_switch(a, SCR_SUMMARY);
    return;
  }
  if (s->session) {
    const StoreNote *n = session_note(s->session);
    app_trace(a, "card %lld %d %d %s\t%s", (long long)session_card_id(s->session),
              (int)session_mode(s->session),
              session_correct_option(s->session) + 1,
              n && n->answer ? n->answer : "",
              n && n->n_aliases > 0 ? n->aliases[0] : "");
  }
  app_dirty(a);
  a->animating = 1;
}

static void enter(App *a) {
  StudyState *s = &a->study;
  char err[512];
  memset(&a->summary, 0, sizeof a->summary);
  clear_feedback(s);
  if (!a->store) {
    app_switch(a, SCR_PROFILES);
    return;
  }
  if (session_open(a->store, a->profile, a->deck, a->mode, app_now(),
                   (uint64_t)SDL_GetPerformanceCounter(), &s->session, err,
                   sizeof err) < 0) {
    s->session = NULL;
    app_toast(a, 1, "%s", err);
    app_switch(a, SCR_DECKS);
    return;
  }
  card_shown(a);
}

static void leave(App *a) {
  StudyState *s = &a->study;
  if (s->session) {
    session_summary(s->session, &a->summary);
    session_close(s->session);
  }
  s->session = NULL;
  clear_feedback(s);
}

static int answer_ms(const App *a) {
  uint64_t t = SDL_GetTicks64() - a->study.shown_ticks;
  return t > 3600000u ? 3600000 : (int)t;
}

static void failed(App *a) {
  app_toast(a, 1, "%s", session_errmsg(a->study.session));
}

static void grade(App *a, int rating) {
  if (session_grade(a->study.session, rating, app_now(), answer_ms(a)) < 0) {
    failed(a);
    return;
  }
  app_trace(a, "answered %d", rating);
  card_shown(a);
}

static void choose(App *a, int opt) {
  int r = 0;
  if (session_choose(a->study.session, opt, app_now(), answer_ms(a), &r) <
      0) {
    failed(a);
    return;
  }
  app_trace(a, "answered %d", r);
  app_dirty(a);
}

static void submit(App *a) {
  StudyState *s = &a->study;
  const StoreNote *n = session_note(s->session);
  char typed[512];
  snprintf(typed, sizeof typed, "%s", s->typed);
  int r = 0;
  if (session_type(s->session, typed, app_now(), answer_ms(a), &s->verdict,
                   &r) < 0) {
    failed(a);
    return;
  }
  app_trace(a, "answered %d", r);
  snprintf(s->typed, sizeof s->typed, "%s", typed);
  if (s->verdict != ANSWER_EXACT && n && n->answer)
    answer_diff(typed, n->answer, &s->diff, &s->n_diff);
  app_dirty(a);
}

static void next(App *a) {
  if (session_next(a->study.session, app_now()) < 0) {
    failed(a);
    return;
  }
  card_shown(a);
}

static void undo(App *a) {
  int rc = session_undo(a->study.session, app_now());
  if (rc == QD_ENOTFOUND) {
    app_toast(a, 0, "Nothing to undo in this session");
    return;
  }
  if (rc < 0) {
    failed(a);
    return;
  }
  app_toast(a, 0, "Undid the last answer");
  card_shown(a);
}

static void back(App *a) {
  SessionSummary sum;
  if (a->study.session) {
    session_summary(a->study.session, &sum);
    if (sum.reviewed > 0) {
      app_switch(a, SCR_SUMMARY);
      return;
    }
  }
  app_switch(a, SCR_DECKS);
}

static void pop_utf8(char *s) {
  size_t n = strlen(s);
  while (n > 0 && ((unsigned char)s[n - 1] & 0xC0) == 0x80) n--;
  if (n > 0) n--;
  s[n] = '\0';
}

static void handle(App *a, const Action *act) {
  StudyState *s = &a->study;
  SessionPhase ph;
  StudyMode mode;
  if (!s->session) return;
  ph = session_phase(s->session);
  mode = session_mode(s->session);
  if (act->kind == ACT_BACK || (act->kind == ACT_COMMAND && act->n == CMD_BACK)) {
    back(a);
    return;
  }
  if (act->kind == ACT_UNDO ||
      (act->kind == ACT_COMMAND && act->n == CMD_UNDO)) {
    undo(a);
    return;
  }
  if (act->kind == ACT_COMMAND) {
    switch (act->n) {
    case CMD_REVEAL:
      if (session_reveal(s->session) == 0) {
        app_trace(a, "revealed");
        app_dirty(a);
      }
      break;
    case CMD_GRADE:
      if (ph == SESSION_REVEALED) grade(a, act->arg);
      break;
    case CMD_CHOICE:
      if (ph == SESSION_ASKING) choose(a, act->arg);
      break;
    case CMD_SUBMIT:
      if (ph == SESSION_ASKING) submit(a);
      break;
    case CMD_CONTINUE:
      if (ph == SESSION_FEEDBACK) next(a);
      break;
    default:
      break;
    }
    return;
  }
  switch (mode) {
  case STUDY_FLIP:
    if (ph == SESSION_ASKING &&
        (act->kind == ACT_SPACE || act->kind == ACT_ACCEPT)) {
      if (session_reveal(s->session) == 0) {
        app_trace(a, "revealed");
        app_dirty(a);
      }
    } else if (ph == SESSION_REVEALED) {
      if (act->kind == ACT_SPACE || act->kind == ACT_ACCEPT)
        grade(a, SCHED_GOOD);
      else if (act->kind == ACT_GRADE)
        grade(a, act->n);
    }
    break;
  case STUDY_CHOICE:
    if (ph == SESSION_ASKING && act->kind == ACT_GRADE) {
      const char *opts[SESSION_MAX_OPTIONS];
      int n = session_options(s->session, opts, SESSION_MAX_OPTIONS);
      if (act->n - 1 < n) choose(a, act->n - 1);
    } else if (ph == SESSION_FEEDBACK &&
               (act->kind == ACT_SPACE || act->kind == ACT_ACCEPT)) {
      next(a);
    }
    break;
  case STUDY_TYPED:
    if (ph == SESSION_ASKING) {
      if (act->kind == ACT_TEXT) {
        if (strlen(s->typed) + strlen(act->text) < sizeof s->typed - 1)
          strcat(s->typed, act->text);
        app_dirty(a);
      } else if (act->kind == ACT_BACKSPACE) {
        pop_utf8(s->typed);
        app_dirty(a);
      } else if (act->kind == ACT_DELETE_WORD) {
        s->typed[0] = '\0';
        app_dirty(a);
      } else if (act->kind == ACT_ACCEPT) {
        submit(a);
      }
    } else if (ph == SESSION_FEEDBACK &&
               (act->kind == ACT_SPACE || act->kind == ACT_ACCEPT)) {
      next(a);
    }
    break;
  default:
    break;
  }
}

/* ---- layout ------------------------------------------------------------- */

static const char *const grade_names[4] = {"Again", "Hard", "Good", "Easy"};

/* The note's source: sentence and article, inside box r; returns height. */
static int source_block(App *a, int x, int y, int w, int max_h,
                        const StoreNote *n) {
  const Theme *th = &a->th;
  View *v = &a->view;
  int small = theme_px(th, TYPE_SMALL), cap = theme_px(th, TYPE_CAPTION);
  int used = 0, lh = text_line_height(v->text, cap, TEXT_BOLD);
  char line[600];
  if (!n || max_h < lh * 2) return 0;
  if (n->explanation && n->explanation[0]) {
    used += view_para(v, x, y, w, max_h / 3, n->explanation, small, cap,
                      TEXT_REGULAR, th->text, ALIGN_LEFT);
    used += theme_sp(th, 1);
  }
  if (n->n_sources > 0 && n->sources[0].sentence) {
    snprintf(line, sizeof line, "\xE2\x80\x9C%s\xE2\x80\x9D",
             n->sources[0].sentence);
    used += view_label(v, x, y + used, w, "FROM THE ARTICLE", cap, TEXT_BOLD,
                       th->muted, ALIGN_LEFT);
    used += view_para(v, x, y + used, w, max_h - used - lh, line, small, cap,
                      TEXT_REGULAR, th->text, ALIGN_LEFT);
    if (n->sources[0].article && max_h - used >= lh) {
      snprintf(line, sizeof line, "\xE2\x80\x94 %s", n->sources[0].article);
      used += view_label(v, x, y + used, w, line, cap, TEXT_REGULAR,
                         th->muted, ALIGN_LEFT);
    }
  }
  return used;
}

/* Verdict line: a mark (shape) and words, in colour. */
static int verdict_line(App *a, int x, int y, int w, int ok, int close,
                        const char *words) {
  const Theme *th = &a->th;
  View *v = &a->view;
  int px = theme_px(th, TYPE_LARGE);
  int lh = text_line_height(v->text, px, TEXT_BOLD), icon = lh * 3 / 4;
  SDL_Color c = ok ? (close ? th->hard : th->ok) : th->bad;
  URect ir = {x, y + (lh - icon) / 2, icon, icon};
  view_circle(v, ir.x + icon / 2, ir.y + icon / 2, icon / 2, c);
  if (ok) view_check_mark(v, ir, th->high_contrast ? th->bg : th->surface);
  else view_cross_mark(v, ir, th->high_contrast ? th->bg : th->surface);
  view_label(v, x + icon + theme_sp(th, 2), y, w - icon - theme_sp(th, 2),
             words, px, TEXT_BOLD, c, ALIGN_LEFT);
  return lh;
}

/* 1 when the typed answer shares at least half of the expected one:
 * then a letter-by-letter diff helps; otherwise it is noise. */
static int diff_useful(const StudyState *s) {
  size_t same = 0, expected = 0;
  for (int i = 0; i < s->n_diff; i++) {
    if (s->diff[i].kind != ANSWER_DIFF_EXTRA)
      expected += strlen(s->diff[i].text);
    if (s->diff[i].kind == ANSWER_DIFF_SAME) same += strlen(s->diff[i].text);
  }
  return !s->typed[0] || same * 2 >= expected;
}

/* Character diff of the typed answer: extra letters struck through on
 * red, missing ones underlined on green. */
static int diff_block(App *a, int x, int y, int w, int max_h) {
  const Theme *th = &a->th;
  View *v = &a->view;
  StudyState *s = &a->study;
  int px = theme_px(th, TYPE_LARGE), lh, cx = x, cy = y, lines = 1;
  AnswerDiffSeg whole[1];
  const AnswerDiffSeg *segs = s->diff;
  int nseg = s->n_diff;
  lh = text_line_height(v->text, px, TEXT_REGULAR);
  if (max_h < lh) return 0;
  if (!diff_useful(s)) {
    /* hardly anything in common: a letter-by-letter diff is noise, so
     * strike the whole answer out (the right one is shown below) */
    whole[0].kind = ANSWER_DIFF_EXTRA;
    whole[0].text = s->typed;
    segs = whole;
    nseg = 1;
  }
  for (int i = 0; i < nseg; i++) {
    const char *t = segs[i].text;
    int kind = segs[i].kind;
    while (*t) {
      int ell = 0, len = text_fit(v->text, t, px, TEXT_REGULAR, x + w - cx,
                                  &ell);
      int tw;
      char piece[512];
      if (ell) {
        /* no ellipsis here: the rest goes to the next line */
        int full = (int)strlen(t), k = 0;
        while (k < full && text_width(v->text, t, k + 1, px, TEXT_REGULAR) <=
                               x + w - cx)
          k++;
        while (k > 0 && ((unsigned char)t[k] & 0xC0) == 0x80) k--;
        len = k;
      }
      if (len <= 0) {
        if (cx == x) len = 1; /* a single glyph wider than the line */
        else {
          cx = x;
          cy += lh;
          if (++lines > max_h / lh) return cy - y;
          continue;
        }
      }
      while (len < (int)strlen(t) && ((unsigned char)t[len] & 0xC0) == 0x80)
        len++;
      snprintf(piece, sizeof piece, "%.*s", len, t);
      tw = text_width(v->text, piece, -1, px, TEXT_REGULAR);
      if (kind != ANSWER_DIFF_SAME) {
        SDL_Color bg = kind == ANSWER_DIFF_EXTRA ? th->bad_soft : th->ok_soft;
        SDL_Color fg = kind == ANSWER_DIFF_EXTRA ? th->bad : th->ok;
        view_panel(v, (URect){cx, cy, tw, lh}, bg, fg, 0, 3, 0);
        if (kind == ANSWER_DIFF_EXTRA)
          view_line(v, (float)cx, (float)(cy + lh / 2), (float)(cx + tw),
                    (float)(cy + lh / 2), (float)th->border + 1, fg);
        else
          view_line(v, (float)cx, (float)(cy + lh - th->border - 1),
                    (float)(cx + tw), (float)(cy + lh - th->border - 1),
                    (float)th->border + 1, fg);
        view_label(v, cx, cy, tw + 1, piece, px, TEXT_REGULAR, fg, ALIGN_LEFT);
      } else {
        view_label(v, cx, cy, tw + 1, piece, px, TEXT_REGULAR, th->text,
                   ALIGN_LEFT);
      }
      cx += tw;
      t += len;
    }
  }
  return cy + lh - y;
}

static void update(App *a, double dt) {
  StudyState *s = &a->study;
  const Theme *th = &a->th;
  View *v = &a->view;
  Frame f;
  char right[160], label[64];
  int nn = 0, nl = 0, nr = 0, gap = theme_sp(th, 2), bh = theme_sp(th, 13);
  int body = theme_px(th, TYPE_BODY), small = theme_px(th, TYPE_SMALL);
  int cap = theme_px(th, TYPE_CAPTION);
  const StoreNote *n;
  SessionPhase ph;
  StudyMode mode;
  int colw, x0, action_h, card_top, card_h, pad, y, inner_w, off;
  URect card;
  if (!s->session) {
    app_top_bar(a, "\xE2\x86\x90 Decks", a->deck_name, NULL);
    return;
  }
  if (s->anim < 1.0) {
    s->anim += dt / CARD_ANIM_S;
    if (dt > 0 || s->anim < 1.0) a->animating = s->anim < 1.0;
    if (s->anim > 1.0) s->anim = 1.0;
  }
  ph = session_phase(s->session);
  mode = session_mode(s->session);
  n = session_note(s->session);
  session_counts(s->session, &nn, &nl, &nr);
  snprintf(right, sizeof right, "%d new \xC2\xB7 %d learning \xC2\xB7 %d due",
           nn, nl, nr);
  f = app_top_bar(a, "\xE2\x86\x90 Decks", a->deck_name, right);
  if (!n || f.h <= 0) return;
  colw = f.w;
  if (colw > th->unit * 48) colw = th->unit * 48;
  x0 = f.x + (f.w - colw) / 2;
  /* the action area first: the card gets what is left */
  if (mode == STUDY_CHOICE) {
    const char *opts[SESSION_MAX_OPTIONS];
    int no = session_options(s->session, opts, SESSION_MAX_OPTIONS);
    int ob = theme_sp(th, 10);
    action_h = no * (ob + gap) + (ph == SESSION_FEEDBACK ? bh + gap : 0);
  } else if (mode == STUDY_TYPED && ph == SESSION_ASKING) {
    action_h = theme_sp(th, 12) + gap + bh;
  } else {
    action_h = bh + theme_sp(th, 2);
  }
  if (action_h > f.h / 2 + bh) action_h = f.h / 2 + bh;
  card_top = f.y;
  card_h = f.h - action_h - theme_sp(th, 3);
  off = (int)((1.0 - s->anim) * (1.0 - s->anim) * theme_sp(th, 6));
  card = (URect){x0, card_top + off, colw, card_h - off};
  if (card.h < th->unit * 3) card.h = th->unit * 3;
  pad = theme_sp(th, card.w > th->unit * 30 ? 6 : 4);
  inner_w = card.w - 2 * pad;
  view_panel(v, card, th->surface, th->line, th->border, theme_sp(th, 4),
             ITEM_SHADOW);
  y = card.y + pad;
  {
    /* kind of card, as a small caption */
    static const char *const states[4] = {"New card", "Learning",
                                          "Review", "Relearning"};
    char capline[96];
    SchedState st = session_card_state(s->session);
    snprintf(capline, sizeof capline, "%s%s%s",
             states[st >= 0 && st <= 3 ? st : 0],
             n->type ? " \xC2\xB7 " : "", n->type ? n->type : "");
    y += view_label(v, card.x + pad, y, inner_w, capline, cap, TEXT_BOLD,
                    th->muted, ALIGN_LEFT);
    y += theme_sp(th, 2);
  }
  {
    int inner_bottom = card.y + card.h - pad, first_item = v->n;
    int shown_more = ph != SESSION_ASKING;
    int prompt_max = shown_more ? (inner_bottom - y) * 2 / 5
                                : inner_bottom - y;
    if (!shown_more) {
      /* a question alone sits in the middle of the card */
      int ph_h = view_para_height(v, inner_w, n->prompt ? n->prompt : "",
                                  theme_px(th, TYPE_DISPLAY), TEXT_BOLD);
      int top = card.y + (card.h - ph_h) / 2;
      if (ph_h < prompt_max && top > y) {
        prompt_max -= top - y;
        y = top;
      }
    }
    y += view_para(v, card.x + pad, y, inner_w, prompt_max,
                   n->prompt ? n->prompt : "", theme_px(th, TYPE_DISPLAY),
                   body, TEXT_BOLD, th->text, ALIGN_CENTER);
    if (shown_more && inner_bottom - y > th->unit * 2) {
      y += theme_sp(th, 3);
      view_panel(v, (URect){card.x + pad, y, inner_w, th->border}, th->line,
                 th->line, 0, 0, 0);
      y += th->border + theme_sp(th, 3);
      if (mode == STUDY_FLIP) {
        y += view_para(v, card.x + pad, y, inner_w, (inner_bottom - y) / 2,
                       n->answer ? n->answer : "", theme_px(th, TYPE_TITLE),
                       body, TEXT_BOLD, th->accent, ALIGN_CENTER);
      } else if (mode == STUDY_CHOICE) {
        int ok = session_chosen_option(s->session) ==
                 session_correct_option(s->session);
        snprintf(label, sizeof label, "%s \xE2\x80\x94 graded %s",
                 ok ? "Correct" : "Not this time",
                 grade_names[session_last_rating(s->session) - 1]);
        y += verdict_line(a, card.x + pad, y, inner_w, ok, 0, label);
      } else {
        int ok = s->verdict != ANSWER_WRONG;
        snprintf(label, sizeof label, "%s \xE2\x80\x94 graded %s",
                 s->verdict == ANSWER_EXACT ? "Correct"
                 : s->verdict == ANSWER_CLOSE ? "Almost: one typo"
                                              : "Not quite",
                 grade_names[session_last_rating(s->session) - 1]);
        y += verdict_line(a, card.x + pad, y, inner_w, ok,
                          s->verdict == ANSWER_CLOSE, label);
        y += theme_sp(th, 1);
        if (s->verdict != ANSWER_EXACT && s->n_diff > 0) {
          y += view_label(v, card.x + pad, y, inner_w,
                          !s->typed[0] ? "You left it empty. The answer:"
                          : diff_useful(s) ? "Your answer, corrected:"
                                           : "Your answer:",
                          cap, TEXT_BOLD, th->muted, ALIGN_LEFT);
          y += diff_block(a, card.x + pad, y, inner_w,
                          (inner_bottom - y) / 3);
        }
        y += theme_sp(th, 1);
        {
          char ans[600];
          snprintf(ans, sizeof ans, "Answer: %s", n->answer ? n->answer : "");
          y += view_para(v, card.x + pad, y, inner_w, (inner_bottom - y) / 2,
                         ans, theme_px(th, TYPE_LARGE), small, TEXT_BOLD,
                         th->accent, ALIGN_LEFT);
        }
      }
      y += theme_sp(th, 3);
      y += source_block(a, card.x + pad, y, inner_w, inner_bottom - y, n);
      /* the question, answer and source as one block in the middle of the
       * card, leaving the caption at the top */
      if (inner_bottom - y > 1) view_shift(v, first_item, (inner_bottom - y) / 2);
    }
  }
  /* actions */
  y = card_top + card_h + theme_sp(th, 3);
  if (mode == STUDY_FLIP && ph == SESSION_ASKING) {
    view_button(v, (URect){x0, y, colw, bh}, "Show answer", "Space or Enter",
                BTN_PRIMARY, CMD_REVEAL, 0, 0);
  } else if (mode == STUDY_FLIP) {
    int bw = (colw - 3 * gap) / 4;
    if (!s->have_preview &&
        session_preview(s->session, app_now(), s->preview) == 0)
      s->have_preview = 1;
    for (int g = 0; g < 4; g++) {
      char iv[16] = "", hint[48];
      if (s->have_preview) sched_format_interval(s->preview[g], iv, sizeof iv);
      snprintf(hint, sizeof hint, "%d \xC2\xB7 %s", g + 1, iv);
      view_button(v, (URect){x0 + g * (bw + gap), y, bw, bh}, grade_names[g],
                  hint, (ButtonStyle)(BTN_AGAIN + g), CMD_GRADE, g + 1, 0);
    }
  } else if (mode == STUDY_CHOICE) {
    const char *opts[SESSION_MAX_OPTIONS];
    int no = session_options(s->session, opts, SESSION_MAX_OPTIONS);
    int ob = theme_sp(th, 10), correct = session_correct_option(s->session);
    int chosen = session_chosen_option(s->session);
    for (int i = 0; i < no && y + ob <= f.y + f.h; i++) {
      char lab[600];
      ButtonStyle st = BTN_SECONDARY;
      URect r = {x0, y, colw, ob};
      int mark = ob / 2, idx;
      if (ph == SESSION_FEEDBACK) {
        if (i == correct) st = BTN_OK;
        else if (i == chosen) st = BTN_BAD;
      }
      snprintf(lab, sizeof lab, "%d   %s", i + 1, opts[i]);
      idx = view_panel(v, r, th->surface,
                       st == BTN_OK ? th->ok : st == BTN_BAD ? th->bad : th->line,
                       st == BTN_SECONDARY ? th->border : th->border * 2,
                       theme_sp(th, 3), ITEM_HOVERABLE);
      if (idx >= 0 && ph == SESSION_ASKING) {
        v->items[idx].cmd = CMD_CHOICE;
        v->items[idx].arg = i;
      }
      view_label(v, r.x + theme_sp(th, 4),
                 r.y + (ob - text_line_height(v->text, body, TEXT_BOLD)) / 2,
                 r.w - theme_sp(th, 8) - mark - theme_sp(th, 2), lab, body,
                 TEXT_BOLD,
                 st == BTN_OK ? th->ok : st == BTN_BAD ? th->bad : th->text,
                 ALIGN_LEFT);
      if (st != BTN_SECONDARY) {
        URect mr = {r.x + r.w - theme_sp(th, 4) - mark, r.y + (ob - mark) / 2,
                    mark, mark};
        view_circle(v, mr.x + mark / 2, mr.y + mark / 2, mark / 2,
                    st == BTN_OK ? th->ok : th->bad);
        if (st == BTN_OK)
          view_check_mark(v, mr, th->high_contrast ? th->bg : th->surface);
        else
          view_cross_mark(v, mr, th->high_contrast ? th->bg : th->surface);
      }
      y += ob + gap;
    }
    if (ph == SESSION_FEEDBACK && y + bh <= f.y + f.h)
      view_button(v, (URect){x0, y, colw, bh}, "Continue", "Space or Enter",
                  BTN_PRIMARY, CMD_CONTINUE, 0, 0);
  } else if (mode == STUDY_TYPED && ph == SESSION_ASKING) {
    int fh = theme_sp(th, 12), ipad = theme_sp(th, 4);
    int lpx = theme_px(th, TYPE_LARGE);
    char shown[600];
    int start = 0;
    view_panel(v, (URect){x0, y, colw, fh}, th->surface, th->accent,
               th->border * 2, theme_sp(th, 3), 0);
    if (s->typed[0]) {
      /* keep the end (with the caret) visible */
      snprintf(shown, sizeof shown, "%s|", s->typed);
      while (text_width(v->text, shown + start, -1, lpx, TEXT_REGULAR) >
             colw - 2 * ipad) {
        start++;
        while (((unsigned char)shown[start] & 0xC0) == 0x80) start++;
      }
      view_label(v, x0 + ipad,
                 y + (fh - text_line_height(v->text, lpx, TEXT_REGULAR)) / 2,
                 colw - 2 * ipad, shown + start, lpx, TEXT_REGULAR, th->text,
                 ALIGN_LEFT);
    } else {
      view_label(v, x0 + ipad,
                 y + (fh - text_line_height(v->text, lpx, TEXT_REGULAR)) / 2,
                 colw - 2 * ipad, "Type your answer\xE2\x80\xA6", lpx,
                 TEXT_REGULAR, th->muted, ALIGN_LEFT);
    }
    y += fh + gap;
    view_button(v, (URect){x0, y, colw, bh}, "Check", "Enter", BTN_PRIMARY,
                CMD_SUBMIT, 0, 0);
  } else {
    view_button(v, (URect){x0, y, colw, bh}, "Continue", "Space or Enter",
                BTN_PRIMARY, CMD_CONTINUE, 0, 0);
  }
  (void)small;
}

static void draw(const App *a, Render *rd) {
  view_draw(&a->view, rd, a->hover, a->focus, a->pressed);
}

const Screen screen_study = {"study", enter, leave, handle, update, draw};
