/* e2e_mkdb.c - makes a study database for the app's tests and benchmarks
 * through store.h (never through SQL).
 *
 *   e2e_mkdb DB N_NOTES [DECK_NAME] [N_DECKS]
 *
 * Notes are questions in the style of the generator (dates, people,
 * places) with sources, aliases and distractors, in English, Korean and
 * Japanese; the answer of note i is predictable ("Answer i" for the
 * generic ones) so a test can type it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store.h"

typedef struct Seed {
  const char *prompt, *answer, *type, *alias, *d1, *d2, *d3, *sentence;
} Seed;

static const Seed seeds[] = {
    {"When did Moon Jae-in and Kim Jong-un meet at Panmunjom?",
     "27 April 2018", "date", NULL, "12 June 2018", "19 September 2018",
     "26 May 2018",
     "Moon Jae-in and Kim Jong-un met at Panmunjom on 27 April 2018."},
    {"Who became President of South Korea in May 2022?", "\xEC\x9C\xA4\xEC\x84\x9D\xEC\x97\xB4",
     "person", "Yoon Suk Yeol", "\xEC\x9D\xB4\xEC\x9E\xAC\xEB\xAA\x85",
     "\xEB\xAC\xB8\xEC\x9E\xAC\xEC\x9D\xB8", "\xED\x95\x9C\xEB\x8D\x95\xEC\x88\x98",
     "\xEC\x9C\xA4\xEC\x84\x9D\xEC\x97\xB4 (Yoon Suk Yeol) took office on 10 May 2022."},
    {"Which Japanese Prime Minister visited Seoul in May 2023?",
     "\xE5\xB2\xB8\xE7\x94\xB0\xE6\x96\x87\xE9\x9B\x84", "person", "Fumio Kishida",
     "\xE5\xAE\x89\xE5\x80\x8D\xE6\x99\x8B\xE4\xB8\x89", "\xE8\x8F\x85\xE7\xBE\xA9\xE5\x81\x89",
     "\xE7\x9F\xB3\xE7\xA0\xB4\xE8\x8C\x82",
     "\xE5\xB2\xB8\xE7\x94\xB0\xE6\x96\x87\xE9\x9B\x84\xE9\xA6\x96\xE7\x9B\xB8\xE3\x81\xAF"
     "2023\xE5\xB9\xB4" "5\xE6\x9C\x88\xE3\x81\xAB\xE3\x82\xBD\xE3\x82\xA6\xE3\x83\xAB\xE3\x82\x92"
     "\xE8\xA8\xAA\xE5\x95\x8F\xE3\x81\x97\xE3\x81\x9F\xE3\x80\x82"},
    {"In which city was the 2018 Winter Olympics held?", "Pyeongchang",
     "place", "PyeongChang", "Gangneung", "Sapporo", "Nagano",
     "The 2018 Winter Olympics were held in Pyeongchang, South Korea."},
};

int main(int argc, char **argv) {
  Store *s = NULL;
  char err[512];
  int n, n_decks = 1, rc = 1;
  const char *deck = argc > 3 ? argv[3] : "Japan\xE2\x80\x93South Korea relations";
  if (argc < 3) {
    fprintf(stderr, "usage: e2e_mkdb DB N_NOTES [DECK] [N_DECKS]\n");
    return 2;
  }
  n = atoi(argv[2]);
  if (argc > 4) n_decks = atoi(argv[4]);
  if (store_open(argv[1], 0, &s, err, sizeof err) < 0) {
    fprintf(stderr, "%s\n", err);
    return 1;
  }
  if (store_begin(s) < 0) goto fail;
  for (int d = 0; d < n_decks; d++) {
    int64_t id;
    char name[300];
    if (d == 0) snprintf(name, sizeof name, "%s", deck);
    else snprintf(name, sizeof name, "%s %d", deck, d + 1);
    if (store_deck_ensure(s, name, &id) < 0) goto fail;
    for (int i = 0; i < n; i++) {
      StoreNote note;
      StoreSource src;
      char guid[32], prompt[300], answer[64], alias[64];
      char d1[64], d2[64], d3[64], sentence[400];
      char *aliases[1], *dis[3];
      const Seed *sd = &seeds[i % 4];
      memset(&note, 0, sizeof note);
      snprintf(guid, sizeof guid, "n%d", i);
      if (i < 4) {
        snprintf(prompt, sizeof prompt, "%s", sd->prompt);
        snprintf(answer, sizeof answer, "%s", sd->answer);
        snprintf(alias, sizeof alias, "%s", sd->alias ? sd->alias : "");
        snprintf(d1, sizeof d1, "%s", sd->d1);
        snprintf(d2, sizeof d2, "%s", sd->d2);
        snprintf(d3, sizeof d3, "%s", sd->d3);
        snprintf(sentence, sizeof sentence, "%s", sd->sentence);
      } else {
        snprintf(prompt, sizeof prompt,
                 "Question %d: which answer goes with fact number %d of the "
                 "summit coverage?", i, i);
        snprintf(answer, sizeof answer, "Answer %d", i);
        snprintf(alias, sizeof alias, "A%d", i);
        snprintf(d1, sizeof d1, "Wrong %d a", i);
        snprintf(d2, sizeof d2, "Wrong %d b", i);
        snprintf(d3, sizeof d3, "Wrong %d c", i);
        snprintf(sentence, sizeof sentence,
                 "The article states fact number %d plainly: Answer %d.", i, i);
      }
      aliases[0] = alias;
      dis[0] = d1;
      dis[1] = d2;
      dis[2] = d3;
      src.article = "Seoul and Tokyo mend ties (Example News, 2023)";
      src.sentence = sentence;
      note.guid = guid;
      note.kind = NOTE_QA;
      note.type = (char *)sd->type;
      note.prompt = prompt;
      note.answer = answer;
      note.aliases = aliases;
      note.n_aliases = alias[0] ? 1 : 0;
      note.distractors = dis;
      note.n_distractors = 3;
      note.sources = &src;
      note.n_sources = 1;
      note.score = 1.0;
      if (store_note_put(s, id, &note, NULL) < 0) goto fail;
    }
  }
  if (store_commit(s) < 0) goto fail;
  rc = 0;
fail:
  if (rc) {
    fprintf(stderr, "e2e_mkdb: %s\n", store_errmsg(s));
    store_rollback(s);
  }
  store_close(s);
  return rc;
}
