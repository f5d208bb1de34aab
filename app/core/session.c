/* session.c - one study session over the queue. */
#include "session.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cloze.h"
#include "error.h"

#define SESSION_POOL 300   /* answers of other notes, for distractors */
#define SESSION_UNDO 256   /* ratings remembered for undo */

typedef struct PoolEntry {
  char *answer;
  char *type;
  char norm[96];
} PoolEntry;

struct StudySession {
  Store *store;
  StudyQueue *queue;
  int64_t profile, deck;
  StudyMode mode;
  uint64_t seed;
  SessionPhase phase;
  int64_t card_id;
  StoreCard card;
  StoreNote note;
  int have_note;
  const char *options[SESSION_MAX_OPTIONS];
  int n_options, correct_option, chosen, last_rating;
  char *typed;
  PoolEntry *pool;
  int n_pool;
  int undo_ratings[SESSION_UNDO];
  int64_t undo_ms[SESSION_UNDO];
  int n_undo;
  SessionSummary sum;
  char errmsg[512];
};

static int fail_with(StudySession *ss, int rc, const char *what) {
  snprintf(ss->errmsg, sizeof ss->errmsg, "session: cannot %s: %s", what,
           store_errmsg(ss->store));
  return rc;
}

static void clear_card(StudySession *ss) {
  if (ss->have_note) store_note_clear(&ss->note);
  ss->have_note = 0;
  ss->card_id = 0;
  ss->n_options = 0;
  ss->correct_option = -1;
  ss->chosen = -1;
  ss->last_rating = 0;
  free(ss->typed);
  ss->typed = NULL;
}

static int pool_has(const char *norm, const char *const *taken, int n) {
  char tn[96];
  for (int i = 0; i < n; i++) {
    if (answer_normalize(taken[i], tn, sizeof tn) < 0) continue;
    if (strcmp(tn, norm) == 0) return 1;
  }
  return 0;
}

/* Correct answer + the note's distractors + same-type answers of other
 * notes, at most SESSION_MAX_OPTIONS, in an order drawn from the seed. */
static void build_options(StudySession *ss) {
  const char *raw[SESSION_MAX_OPTIONS];
  int n = 0, order[SESSION_MAX_OPTIONS];
  const StoreNote *nt = &ss->note;
  raw[n++] = nt->answer ? nt->answer : "";
  for (int i = 0; i < nt->n_distractors && n < SESSION_MAX_OPTIONS; i++) {
    char dn[96];
    if (!nt->distractors[i] || !nt->distractors[i][0]) continue;
    if (answer_normalize(nt->distractors[i], dn, sizeof dn) < 0) continue;
    if (!pool_has(dn, raw, n)) raw[n++] = nt->distractors[i];
  }
  /* two passes over the pool: same answer type first, then any */
  for (int pass = 0; pass < 2 && n < SESSION_MAX_OPTIONS; pass++) {
    int start = ss->n_pool ? (int)((ss->seed ^ (uint64_t)ss->card_id) %
                                   (uint64_t)ss->n_pool)
                           : 0;
    for (int k = 0; k < ss->n_pool && n < SESSION_MAX_OPTIONS; k++) {
      const PoolEntry *p = &ss->pool[(start + k) % ss->n_pool];
      int same = (p->type && nt->type && strcmp(p->type, nt->type) == 0) ||
                 (!p->type && !nt->type);
      if (pass == 0 && !same) continue;
      if (!p->norm[0] || pool_has(p->norm, raw, n)) continue;
      raw[n++] = p->answer;
    }
  }
  answer_shuffle(ss->seed ^ ((uint64_t)ss->card_id * 0x9E3779B97F4A7C15ull),
                 order, n);
  for (int i = 0; i < n; i++) {
    ss->options[i] = raw[order[i]];
    if (order[i] == 0) ss->correct_option = i;
  }
  ss->n_options = n;
}

/* Puts the face of the current card (cloze number, reversed side) in place
 * of the note's prompt and answer, which is what every mode shows and
 * checks. */
static int show_face(StudySession *ss) {
  char *front, *back;
  int swapped;
  int rc = cloze_card_face(&ss->note, ss->card.ord, &front, &back, &swapped);
  if (rc < 0) return rc;
  free(ss->note.prompt);
  free(ss->note.answer);
  ss->note.prompt = front;
  ss->note.answer = back;
  if (swapped) {
    /* the note's aliases and wrong options belong to its other side */
    for (int i = 0; i < ss->note.n_aliases; i++) free(ss->note.aliases[i]);
    for (int i = 0; i < ss->note.n_distractors; i++)
      free(ss->note.distractors[i]);
    ss->note.n_aliases = ss->note.n_distractors = 0;
  }
  return 0;
}

/* Loads the next card from the queue (or DONE). */
static int show_next(StudySession *ss, int64_t now) {
  int64_t id = 0;
  int rc;
  clear_card(ss);
  rc = queue_next(ss->queue, now, &id);
  if (rc < 0) return fail_with(ss, rc, "pick the next card");
  if (id == 0) {
    ss->phase = SESSION_DONE;
    return 0;
  }
  rc = store_card_get(ss->store, id, &ss->card);
  if (rc < 0) return fail_with(ss, rc, "load the card");
  rc = store_note_get(ss->store, ss->card.note, &ss->note);
  if (rc < 0) return fail_with(ss, rc, "load the note");
  rc = show_face(ss);
  if (rc < 0) return fail_with(ss, rc, "load the note");
  ss->have_note = 1;
  ss->card_id = id;
  ss->phase = SESSION_ASKING;
  if (ss->mode == STUDY_CHOICE) build_options(ss);
  return 0;
}

int session_open(Store *s, int64_t profile, int64_t deck, StudyMode mode,
                 int64_t now, uint64_t seed, StudySession **out, char *err,
                 size_t errlen) {
  StudySession *ss = NULL;
  StoreNote *notes = NULL;
  int n_notes = 0, rc;
  *out = NULL;
  ss = calloc(1, sizeof *ss);
  if (!ss) {
    rc = QD_ENOMEM;
    if (err) snprintf(err, errlen, "session: cannot start: out of memory");
    goto fail;
  }
  ss->store = s;
  ss->profile = profile;
  ss->deck = deck;
  ss->mode = mode;
  ss->seed = seed;
  ss->chosen = -1;
  ss->correct_option = -1;
  rc = queue_open(s, profile, deck, now, &ss->queue);
  if (rc < 0) {
    if (err)
      snprintf(err, errlen, "session: cannot build the queue: %s",
               store_errmsg(s));
    goto fail;
  }
  if (mode == STUDY_CHOICE) {
    rc = store_notes_list(s, deck, NULL, 0, SESSION_POOL, &notes, &n_notes);
    if (rc < 0) {
      if (err)
        snprintf(err, errlen, "session: cannot list the deck: %s",
                 store_errmsg(s));
      goto fail;
    }
    ss->pool = calloc(n_notes ? (size_t)n_notes : 1, sizeof *ss->pool);
    if (!ss->pool) {
      rc = QD_ENOMEM;
      goto fail;
    }
    for (int i = 0; i < n_notes; i++) {
      PoolEntry *p = &ss->pool[ss->n_pool];
      if (!notes[i].answer) continue;
      if (answer_normalize(notes[i].answer, p->norm, sizeof p->norm) <= 0)
        continue;
      p->answer = notes[i].answer;
      p->type = notes[i].type;
      notes[i].answer = NULL; /* moved into the pool */
      notes[i].type = NULL;
      ss->n_pool++;
    }
    store_notes_free(notes, n_notes);
    notes = NULL;
  }
  rc = show_next(ss, now);
  if (rc < 0) {
    if (err) snprintf(err, errlen, "%s", ss->errmsg);
    goto fail;
  }
  *out = ss;
  return 0;
fail:
  store_notes_free(notes, n_notes);
  session_close(ss);
  return rc;
}

void session_close(StudySession *ss) {
  if (!ss) return;
  clear_card(ss);
  queue_close(ss->queue);
  for (int i = 0; i < ss->n_pool; i++) {
    free(ss->pool[i].answer);
    free(ss->pool[i].type);
  }
  free(ss->pool);
  free(ss);
}

SessionPhase session_phase(const StudySession *ss) { return ss->phase; }
StudyMode session_mode(const StudySession *ss) { return ss->mode; }
int64_t session_card_id(const StudySession *ss) { return ss->card_id; }
const StoreNote *session_note(const StudySession *ss) {
  return ss->have_note ? &ss->note : NULL;
}
SchedState session_card_state(const StudySession *ss) {
  return ss->card.sched.state;
}

int session_options(const StudySession *ss, const char **opts, int max) {
  int n = ss->n_options < max ? ss->n_options : max;
  for (int i = 0; i < n; i++) opts[i] = ss->options[i];
  return n;
}
int session_correct_option(const StudySession *ss) {
  return ss->correct_option;
}
int session_chosen_option(const StudySession *ss) { return ss->chosen; }
const char *session_typed(const StudySession *ss) {
  return ss->typed ? ss->typed : "";
}
int session_last_rating(const StudySession *ss) { return ss->last_rating; }

int session_reveal(StudySession *ss) {
  if (ss->phase != SESSION_ASKING || ss->mode != STUDY_FLIP) return QD_EINVAL;
  ss->phase = SESSION_REVEALED;
  return 0;
}

static int record(StudySession *ss, int rating, int64_t now, int answer_ms) {
  int rc;
  if (answer_ms < 0) answer_ms = 0;
  rc = queue_answer(ss->queue, ss->card_id, rating, now, answer_ms, ss->mode,
                    NULL);
  if (rc < 0) return fail_with(ss, rc, "record the answer");
  ss->last_rating = rating;
  ss->sum.reviewed++;
  ss->sum.by_rating[rating - 1]++;
  ss->sum.total_ms += answer_ms;
  if (ss->n_undo == SESSION_UNDO) {
    memmove(ss->undo_ratings, ss->undo_ratings + 1,
            (SESSION_UNDO - 1) * sizeof *ss->undo_ratings);
    memmove(ss->undo_ms, ss->undo_ms + 1,
            (SESSION_UNDO - 1) * sizeof *ss->undo_ms);
    ss->n_undo--;
  }
  ss->undo_ratings[ss->n_undo] = rating;
  ss->undo_ms[ss->n_undo++] = answer_ms;
  return 0;
}

int session_grade(StudySession *ss, int rating, int64_t now, int answer_ms) {
  int rc;
  if (ss->mode != STUDY_FLIP || ss->phase != SESSION_REVEALED ||
      rating < SCHED_AGAIN || rating > SCHED_EASY)
    return QD_EINVAL;
  rc = record(ss, rating, now, answer_ms);
  if (rc < 0) return rc;
  return show_next(ss, now);
}

int session_choose(StudySession *ss, int option, int64_t now, int answer_ms,
                   int *rating) {
  int r, rc;
  if (ss->mode != STUDY_CHOICE || ss->phase != SESSION_ASKING ||
      option < 0 || option >= ss->n_options)
    return QD_EINVAL;
  r = answer_grade(option == ss->correct_option ? ANSWER_EXACT : ANSWER_WRONG,
                   answer_ms, ss->note.time_limit * 1000);
  rc = record(ss, r, now, answer_ms);
  if (rc < 0) return rc;
  ss->chosen = option;
  ss->phase = SESSION_FEEDBACK;
  if (rating) *rating = r;
  return 0;
}

int session_type(StudySession *ss, const char *typed, int64_t now,
                 int answer_ms, AnswerVerdict *verdict, int *rating) {
  AnswerVerdict v;
  int r, rc;
  char *copy;
  if (ss->mode != STUDY_TYPED || ss->phase != SESSION_ASKING || !typed)
    return QD_EINVAL;
  copy = strdup(typed);
  if (!copy) return QD_ENOMEM;
  v = answer_check(typed, ss->note.answer,
                   (const char *const *)ss->note.aliases, ss->note.n_aliases);
  r = answer_grade(v, answer_ms, ss->note.time_limit * 1000);
  rc = record(ss, r, now, answer_ms);
  if (rc < 0) {
    free(copy);
    return rc;
  }
  free(ss->typed);
  ss->typed = copy;
  ss->phase = SESSION_FEEDBACK;
  if (verdict) *verdict = v;
  if (rating) *rating = r;
  return 0;
}

int session_next(StudySession *ss, int64_t now) {
  if (ss->phase != SESSION_FEEDBACK) return QD_EINVAL;
  return show_next(ss, now);
}

int session_undo(StudySession *ss, int64_t now) {
  int64_t id = 0;
  int rc, r;
  (void)now;
  if (ss->n_undo == 0) return QD_ENOTFOUND;
  rc = queue_undo(ss->queue, &id);
  if (rc < 0) return fail_with(ss, rc, "undo");
  ss->n_undo--;
  r = ss->undo_ratings[ss->n_undo];
  ss->sum.reviewed--;
  ss->sum.by_rating[r - 1]--;
  ss->sum.total_ms -= ss->undo_ms[ss->n_undo];
  clear_card(ss);
  rc = store_card_get(ss->store, id, &ss->card);
  if (rc < 0) return fail_with(ss, rc, "load the card");
  rc = store_note_get(ss->store, ss->card.note, &ss->note);
  if (rc < 0) return fail_with(ss, rc, "load the note");
  rc = show_face(ss);
  if (rc < 0) return fail_with(ss, rc, "load the note");
  ss->have_note = 1;
  ss->card_id = id;
  ss->phase = SESSION_ASKING;
  if (ss->mode == STUDY_CHOICE) build_options(ss);
  return 0;
}

void session_counts(const StudySession *ss, int *n_new, int *n_learning,
                    int *n_review) {
  queue_counts(ss->queue, n_new, n_learning, n_review);
}

int session_preview(StudySession *ss, int64_t now, int64_t seconds[4]) {
  if (!ss->card_id) return QD_EINVAL;
  return queue_preview(ss->queue, ss->card_id, now, seconds);
}

void session_summary(const StudySession *ss, SessionSummary *out) {
  *out = ss->sum;
}

const char *session_errmsg(const StudySession *ss) { return ss->errmsg; }
