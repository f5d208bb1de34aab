/* qlex.h - general knowledge the extractor leans on.
 *
 * A QLex holds word lists read at run time from Debian data files (the
 * common-word list of wamerican, countries from iso-codes, cities from
 * libgeonames) plus small hand-kept lists (titles of office, months,
 * nationality adjectives, organisation and venue head words).  Nothing in
 * it is specific to any article.  Missing data files degrade gracefully:
 * qlex_open still succeeds and records a warning per missing file.
 *
 * Lookups take a byte string that need not be NUL-terminated.  A QLex is
 * not thread-safe: city lookups fill a cache inside the handle. */
#ifndef QD_QLEX_H
#define QD_QLEX_H

#include <stddef.h>

typedef struct QLex QLex;

typedef struct QLexPaths {
  const char *words;     /* e.g. /usr/share/dict/american-english; NULL = default */
  const char *countries; /* e.g. /usr/share/iso-codes/json/iso_3166-1.json */
  int no_geonames;       /* 1 = do not consult libgeonames (tests) */
} QLexPaths;

/* Opens the lexicon.  `paths` may be NULL for the Debian defaults.  Always
 * returns 0 with a usable handle unless memory runs out (QD_ENOMEM);
 * missing files are listed by qlex_warnings().  Caller frees with
 * qlex_close. */
int qlex_open(const QLexPaths *paths, QLex **out);
void qlex_close(QLex *lx); /* NULL is a no-op */

/* Newline-separated warnings ("qgen: cannot read '...': ..."), or "" when
 * all data was found.  Owned by the handle. */
const char *qlex_warnings(const QLex *lx);

/* 1 if the lowercase form of the word is an ordinary English word (so a
 * capitalised occurrence is likely just a sentence start or title case). */
int qlex_is_common(const QLex *lx, const char *w, size_t n);
/* 1 if the word list has it only capitalised (a known proper noun). */
int qlex_is_proper(const QLex *lx, const char *w, size_t n);

/* Month name or abbreviation ("Jan", "Sept."): 1..12, else 0. */
int qlex_month(const char *w, size_t n);
/* Weekday name: 1 (Monday) .. 7 (Sunday), else 0. */
int qlex_weekday(const char *w, size_t n);
/* Number word ("three", "twenty") value, or -1. */
int qlex_number_word(const char *w, size_t n);

/* Country name (iso-codes name or common name, "US", "U.S.", "Britain"). */
int qlex_is_country(const QLex *lx, const char *w, size_t n);
/* Nationality adjective or demonym: "Japanese", "South Korean", "U.S.". */
int qlex_is_nationality(const QLex *lx, const char *w, size_t n);
/* Region or continent word: "Asia", "Europe", "Northeast Asia", "Pacific". */
int qlex_is_region(const QLex *lx, const char *w, size_t n);

/* City known to libgeonames by that exact name; *pop gets its population
 * (may be NULL), *country (may be NULL) a pointer owned by the handle. */
int qlex_city(QLex *lx, const char *w, size_t n, unsigned *pop,
              const char **country);

/* Head of a title of office ("president", "minister", "adviser", "PM");
 * case-insensitive. */
int qlex_is_title_head(const QLex *lx, const char *w, size_t n);
/* Word that may precede a title head inside a title ("prime", "foreign",
 * "deputy", "former", "national", "security"); case-insensitive. */
int qlex_is_title_mod(const QLex *lx, const char *w, size_t n);
/* Honorific before a name ("Mr.", "Dr.", "H.E.") or suffix ("Jr."). */
int qlex_is_honorific(const QLex *lx, const char *w, size_t n);
/* Head word of an organisation name ("University", "Council", "Party"). */
int qlex_is_org_head(const QLex *lx, const char *w, size_t n);
/* Head word of a venue or site ("office", "memorial", "hotel", "palace"). */
int qlex_is_venue_head(const QLex *lx, const char *w, size_t n);
/* Head word of a geographic feature ("Peninsula", "Island", "Strait"). */
int qlex_is_geo_head(const QLex *lx, const char *w, size_t n);
/* Noun or verb that marks an event with a place ("summit", "met", "held"). */
int qlex_is_event_word(const QLex *lx, const char *w, size_t n);
/* Word classes of one word, as bits, for callers that test many at once
 * (a single lookup).  The same lists as the qlex_is_* functions below;
 * countries, nationalities and regions only when capitalised. */
enum {
  QLEX_TITLE = 1 << 0,   /* title head */
  QLEX_MOD = 1 << 1,     /* title modifier */
  QLEX_HON = 1 << 2,     /* honorific */
  QLEX_ORG = 1 << 3,     /* organisation head */
  QLEX_VENUE = 1 << 4,   /* venue head */
  QLEX_GEO = 1 << 5,     /* geographic feature head */
  QLEX_EVENT = 1 << 6,   /* event word */
  QLEX_FUNC = 1 << 7,    /* function word */
  QLEX_REGION = 1 << 8,  /* region */
  QLEX_COUNTRY = 1 << 10,
  QLEX_NATION = 1 << 11,
  QLEX_NUMWORD = 1 << 12, /* "five", "twenty" */
  QLEX_TRIGGER = 1 << 13, /* "in", "at", "to", "visit": a place may follow */
  QLEX_CALENDAR = 1 << 14, /* month and weekday names */
  QLEX_COMPASS = 1 << 15   /* "North", "South", "Central" */
};
unsigned qlex_word_class(const QLex *lx, const char *w, size_t n);

/* Pronouns and function words that must not start a name. */
int qlex_is_function_word(const QLex *lx, const char *w, size_t n);

#endif
