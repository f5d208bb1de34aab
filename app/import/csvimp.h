/* csvimp.h - delimited text: CSV, TSV, semicolon/pipe/colon separated
 * word lists, Anki's text export, and Kahoot quiz sheets saved as CSV.
 *
 * Understands Anki's text-import header lines at the top of the file
 * (#separator:, #html:, #columns:, #deck:, #tags:, #tags column:,
 * #guid column:, #deck column:, #notetype:).  Without #separator: the
 * separator is the one of tab , ; | : that splits the first rows into a
 * consistent number (at least two) of fields, so "9:00" in a comma file
 * does not fool it.  Fields may be quoted ("a, b" and "say ""hi"""),
 * quoted fields may hold separators and line breaks.  A first row made of
 * column names (front, back, tags, guid, expression, ...) is a header,
 * not a card.
 *
 * Columns: front = column 1 and back = column 2 unless the header names
 * them (front/question/term, back/answer/definition) or the options pick
 * others; a "tags" column gives space-separated tags and a "guid" column
 * the stable id; any further columns go into the explanation as
 * "name: value" lines.  Text is stored exactly as written unless the file
 * says #html:true, in which case HTML is reduced to plain text.
 *
 * Guids: the guid column when present, else a hash of the front field
 * (a repeated front gets an occurrence suffix), so re-importing the same
 * file updates the same notes.
 *
 * Kahoot sheets (a header row with "Question", "Answer 1".."Answer 4",
 * "Time limit" and "Correct answer(s)") become multiple-choice notes:
 * answer = the first correct answer, aliases = other correct answers,
 * distractors = the wrong answers, time_limit = the sheet's limit.
 *
 * Problems (invalid UTF-8, malformed quoting, wrong field counts, empty
 * fronts, bad Kahoot cells) are recorded in the result with line and
 * column; errors make the whole file refused by import_commit. */
#ifndef QD_CSVIMP_H
#define QD_CSVIMP_H

#include <stddef.h>

#include "importres.h"

/* Parses data[0..len) (the contents of `path`, which is used for
 * messages and the default deck name) into `r`, which must have been
 * initialised with importres_init.  Returns 0 (problems are in r), or
 * QD_ENOMEM. */
int csvimp_parse(const char *path, const char *data, size_t len,
                 const ImportOptions *opts, ImportResult *r);

#endif
