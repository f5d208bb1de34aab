/* generate.h - quiz cards from extracted facts.
 *
 * A QGen collects the facts of any number of articles.  The same fact
 * (same type and normalised answer) seen in several sentences or articles
 * becomes one set of cards with several sources.  gen_finish then writes,
 * for each fact, up to three cards:
 *   qa     a natural question (who / when / where / which / how many)
 *          rewritten from the best source sentence;
 *   mcq    the same question with the answer and three distractors of the
 *          same kind (nearby years, people of the same role or country,
 *          places of the same kind), never a variant of the answer;
 *   cloze  the source sentence with the answer blanked as "____".
 * Cards are scored (type, sources, sentence quality, question template)
 * and those that would depend on an unresolved pronoun or relative date
 * ("he", "this month") are not written.  Deterministic for a given seed. */
#ifndef QD_GENERATE_H
#define QD_GENERATE_H

#include <stdint.h>

#include "extract.h"

typedef enum { QC_QA = 0, QC_CLOZE = 1, QC_MCQ = 2 } QCardKind; /* = NoteKind */

typedef struct QCardSource {
  char *article;  /* article title (or file name) */
  char *sentence; /* the sentence */
} QCardSource;

typedef struct QCard {
  QCardKind kind;
  QFactType type;
  char *prompt;       /* question, or cloze text with "____" */
  char *answer;
  char **aliases;     /* other accepted answers (spelling variants) */
  int n_aliases;
  char **choices;     /* mcq: the 4 options in display order; else NULL */
  int n_choices;
  char **distractors; /* mcq: the 3 wrong options */
  int n_distractors;
  char *explanation;  /* e.g. "Yoon Suk Yeol: South Korean President"; may be NULL */
  QCardSource *sources; /* best first */
  int n_sources;
  char *guid;         /* stable: hash of kind, type and normalised answer */
  char *key;          /* normalised answer */
  double score;       /* rank; higher is better, in (0, 2] */
} QCard;

typedef struct QGen QGen;

/* New generator.  `lx` is borrowed (must outlive the generator); `seed`
 * drives every choice that is not fixed by the text (distractor order). */
int gen_new(QLex *lx, uint64_t seed, QGen **out);
void gen_free(QGen *g); /* NULL is a no-op */

/* Adds the facts of one document (the doc and facts are only read; the
 * generator copies what it keeps).  Sentence tokens saved by extract_doc
 * in facts are reused when they belong to this document. */
int gen_add(QGen *g, const QDoc *doc, const QFacts *facts);

/* Builds the ranked cards (best first) for everything added so far.
 * *cards is owned by the caller: free with gen_cards_free.  Cards below
 * `min_score` are dropped.  Returns 0 or QD_ENOMEM. */
int gen_finish(QGen *g, double min_score, QCard **cards, int *n);
void gen_cards_free(QCard *cards, int n);

/* Default minimum score used by quizgen. */
#define GEN_MIN_SCORE 0.45

/* Helpers exposed for tests. */
/* 1 if text contains a pronoun or relative time expression a reader of the
 * card alone could not resolve ("he", "their", "this month", "last week"). */
int gen_has_unresolved(const char *text);
/* 1 if text leans on an earlier sentence in a way a cloze cannot show:
 * "similarly", "likewise", "the same", "the latter", or a bare definite
 * event noun ("died in the attack", "after the talks") that no name,
 * number or quotation after it pins down.  (Part of gen_has_unresolved,
 * which also rejects pronouns, "also", "such" and a leading "that".) */
int gen_refers_back(const char *text);
/* 1 if `a` and `b` are variants of one name/answer (same key, or one is a
 * word-subset of the other: "Yoon" / "Yoon Suk-yeol"). */
int gen_is_variant(const char *a, const char *b);

#endif
