/* cloze.h - Anki cloze markup: "{{c1::Paris::capital}} is in {{c2::France}}",
 * and the face (question and answer) each card of a note shows.
 *
 * Plain text in, plain text out; nested deletions are handled (the inner
 * one is shown as text on cards of the outer number). */
#ifndef QD_CLOZE_H
#define QD_CLOZE_H

/* The distinct cloze numbers used in `text`, ascending, into nums[0..max)
 * (extra ones are dropped).  Returns how many were found. */
int cloze_numbers(const char *text, int *nums, int max);

/* Card for cloze number `num` (1-based): *front = the text with every
 * deletion of that number replaced by "____" (or "____ (hint)"), others
 * shown; *back = the hidden texts joined by ", ".  num = 0 reveals all
 * (front = the full text, back = NULL).  Caller frees both.  Returns 0 or
 * QD_ENOMEM. */
int cloze_card(const char *text, int num, char **front, char **back);

/* Rewrites the markup so that the numbers used become 1..N in ascending
 * order (c2,c5 -> c1,c2).  Caller frees; NULL when out of memory. */
char *cloze_renumber(const char *text);

struct StoreNote;

/* The question and answer card `ord` (0-based) of a note shows: for a
 * cloze note whose prompt holds {{cN::...}} markup, cloze number ord + 1;
 * for a reversed note (two cards, not cloze) ord 1 swaps the sides;
 * otherwise the note's own prompt and answer.  *swapped (may be NULL) is
 * set when the answer is not the note's answer (aliases and distractors do
 * not apply).  Caller frees both.  Returns 0 or QD_ENOMEM. */
int cloze_card_face(const struct StoreNote *note, int ord, char **front,
                    char **back, int *swapped);

#endif
