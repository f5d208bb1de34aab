/* extract.h - facts from article sentences.
 *
 * Finds, in the sentences of a QDoc (qtext.h):
 *   dates   years, ranges (1910-45, 1910-1945, from 2008 to 2013), full
 *           dates (May 7, 2023; 7 May 2023), month and year, day ranges
 *           (June 29-30), bare months after a preposition, decades, and
 *           relative expressions (last October, next April, Sunday) only
 *           when the article's own date makes them exact;
 *   people  with role and nationality from a title before the name or an
 *           appositive after it; later mentions by surname are linked to
 *           the full name; spelling variants share one key;
 *   places  of events: cities, countries, regions and venues after an
 *           event ("the summit in Madrid", "visit Seoul", "at the
 *           presidential office");
 *   orgs    acronyms, names ending in an organisation word, "X summit";
 *   numbers percentages and counts with what they measure.
 * Each fact keeps its sentence and the byte span of the answer in it, so
 * the generator can blank it out or rewrite the sentence as a question. */
#ifndef QD_EXTRACT_H
#define QD_EXTRACT_H

#include "qlex.h"
#include "qtext.h"

typedef enum {
  QF_DATE = 0,
  QF_PERSON,
  QF_PLACE,
  QF_ORG,
  QF_NUMBER,
  QF_NTYPES
} QFactType;

/* Subkinds, for question wording and distractors. */
enum {
  QD_YEAR = 1, QD_RANGE, QD_FULL, QD_MONTHDAY, QD_DAYRANGE, QD_MONTHYEAR,
  QD_MONTH, QD_DECADE, QD_SEASONYEAR /* "late 2019" */
};
enum { QP_CITY = 1, QP_COUNTRY, QP_REGION, QP_VENUE };
enum { QN_PERCENT = 1, QN_COUNT, QN_DURATION };
enum { QO_AGREEMENT = 1 }; /* an org fact that names a treaty or pact */

/* Tokens of a sentence: words (with internal hyphens and apostrophes,
 * dotted acronyms like "U.S." whole), numbers ("30,000", "1990s"),
 * possessive "'s", and single punctuation marks. */
enum { QT_WORD = 1, QT_NUM, QT_PUNCT, QT_POSS };
typedef struct QTok {
  int s, e;            /* byte span in the sentence */
  unsigned char k;     /* QT_* */
  unsigned char cap;   /* first letter is upper case */
  unsigned char upper; /* all letters upper case (acronym) */
} QTok;
typedef struct QToks {
  QTok *v;
  int n, cap;
} QToks;
/* Tokenises `s` into t (reusing its array; free t->v when done).
 * Returns 0 or QD_ENOMEM. */
int extract_tokenize(const char *s, QToks *t);

typedef struct QFact {
  QFactType type;
  int sub;        /* QD_* / QP_* / QN_* or 0 */
  char *answer;   /* display form (full name for a surname mention) */
  char *key;      /* identity: normalised answer (see extract_key) */
  char *role;     /* person: role; place: "city in Japan"; number: what it
                     measures; may be NULL */
  char *norm;     /* dates: ISO-like "2023-05-07", "1910/1945"; else NULL */
  char *surface;  /* the text in the sentence when it differs from answer */
  int doc;        /* index of the document, set by the caller */
  int sent;       /* sentence index within the document */
  int start, end; /* byte span of the answer in the sentence */
  int qstart, qend; /* span a question removes ("in 2018", title + name) */
  int adj;        /* date used as a modifier: "a 1965 treaty" */
  int subject;    /* person mention is the subject of its clause */
  int speaker;    /* person is the speaker of a quote in the sentence */
  int full;       /* the mention spells the full answer */
  int year, month, day, year2; /* parsed date parts (0 when absent) */
  double value;   /* numbers: the value */
} QFact;

typedef struct QFacts {
  QFact *v;
  int n, cap;
  /* tokens of every sentence of the document extracted last (so that the
   * generator need not tokenise again); doc index in toks_doc */
  QToks *sent_toks;
  int n_sent_toks;
  int toks_doc;
} QFacts;

/* Appends the facts of `doc` to `out`, tagging them with doc index
 * `doc_index`.  Returns 0 or QD_ENOMEM (out keeps what it had). */
int extract_doc(QLex *lx, const QDoc *doc, int doc_index, QFacts *out);
void extract_facts_free(QFacts *f); /* frees members; f itself is not freed */


/* Normalised key of an answer for matching and de-duplication: Unicode
 * NFKD, accents stripped, case folded, only letters and digits kept, a
 * leading article and a trailing possessive dropped.  Caller frees.
 * NULL only when out of memory. */
char *extract_key(const char *s);

/* Name of a fact type: "date", "person", "place", "org", "number". */
const char *extract_type_name(QFactType t);

#endif
