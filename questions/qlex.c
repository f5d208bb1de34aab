/* qlex.c - word lists for the extractor (see qlex.h). */
#include "qlex.h"

#include <ctype.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef QLEX_NO_GEONAMES
#include <geonames.h>
#endif

#include "error.h"

#define QLEX_WORDS_DEFAULT "/usr/share/dict/american-english"
#define QLEX_COUNTRIES_DEFAULT "/usr/share/iso-codes/json/iso_3166-1.json"
#define QLEX_MAXKEY 64

/* Open-addressing set of lowercase keys with a small value per key. */
typedef struct LexSet {
  char **keys;
  unsigned *vals;
  size_t cap, n;
  int borrowed; /* keys point into a buffer the QLex owns: not freed here */
} LexSet;

typedef struct CityInfo {
  int geo;       /* index in libgeonames */
  int next;      /* next city of the same name, or -1 */
  int resolved;  /* pop and country read */
  unsigned pop;
  char *country;
} CityInfo;

struct QLex {
  LexSet common;  /* lowercase English words */
  LexSet proper;  /* words listed only capitalised */
  LexSet country; /* country names, lowercase */
  LexSet nation;  /* nationality adjectives, lowercase */
  LexSet classes; /* hand-kept word lists: value = QLC_* bits */
  uint32_t class_shape[32]; /* first letter & 31 -> lengths present (bits) */
  LexSet city;    /* city name -> index into cities + 1 */
  CityInfo *cities;
  size_t n_cities, cap_cities;
  int no_geonames;
  int cities_loaded;
  char *words_buf; /* the word list file; common/proper keys point into it */
  char *warnings;
  size_t warn_len;
};

static uint64_t lex_hash(const char *s, size_t n) {
  uint64_t h = 1469598103934665603ULL;
  for (size_t i = 0; i < n; i++) {
    h ^= (unsigned char)s[i];
    h *= 1099511628211ULL;
  }
  return h;
}

/* Lowercases ASCII letters of w into buf; returns 0 if too long. */
static size_t lex_lower(const char *w, size_t n, char *buf) {
  if (n == 0 || n >= QLEX_MAXKEY) return 0;
  for (size_t i = 0; i < n; i++) buf[i] = (char)tolower((unsigned char)w[i]);
  buf[n] = 0;
  return n;
}

static int set_grow(LexSet *s) {
  size_t ncap = s->cap ? s->cap * 2 : 1024;
  char **nk = calloc(ncap, sizeof *nk);
  unsigned *nv = calloc(ncap, sizeof *nv);
  if (!nk || !nv) {
    free(nk);
    free(nv);
    return QD_ENOMEM;
  }
  for (size_t i = 0; i < s->cap; i++) {
    if (!s->keys[i]) continue;
    size_t j = lex_hash(s->keys[i], strlen(s->keys[i])) & (ncap - 1);
    while (nk[j]) j = (j + 1) & (ncap - 1);
    nk[j] = s->keys[i];
    nv[j] = s->vals[i];
  }
  free(s->keys);
  free(s->vals);
  s->keys = nk;
  s->vals = nv;
  s->cap = ncap;
  return 0;
}

/* Finds the slot of key (lowercase, length n); -1 if absent. */
static long set_find(const LexSet *s, const char *key, size_t n) {
  if (!s->cap) return -1;
  size_t j = lex_hash(key, n) & (s->cap - 1);
  while (s->keys[j]) {
    if (strncmp(s->keys[j], key, n) == 0 && s->keys[j][n] == 0) return (long)j;
    j = (j + 1) & (s->cap - 1);
  }
  return -1;
}

static int set_add(LexSet *s, const char *key, size_t n, unsigned val) {
  if (set_find(s, key, n) >= 0) return 0;
  if ((s->n + 1) * 2 > s->cap && set_grow(s) < 0) return QD_ENOMEM;
  char *k = malloc(n + 1);
  if (!k) return QD_ENOMEM;
  memcpy(k, key, n);
  k[n] = 0;
  size_t j = lex_hash(key, n) & (s->cap - 1);
  while (s->keys[j]) j = (j + 1) & (s->cap - 1);
  s->keys[j] = k;
  s->vals[j] = val;
  s->n++;
  return 0;
}

/* Inserts a NUL-terminated lowercase key that stays alive elsewhere (the
 * word list buffer): no copy.  A key already present is ignored. */
static int set_add_borrowed(LexSet *s, char *key, size_t n) {
  if ((s->n + 1) * 2 > s->cap && set_grow(s) < 0) return QD_ENOMEM;
  size_t j = lex_hash(key, n) & (s->cap - 1);
  while (s->keys[j]) {
    if (strncmp(s->keys[j], key, n) == 0 && s->keys[j][n] == 0) return 0;
    j = (j + 1) & (s->cap - 1);
  }
  s->keys[j] = key;
  s->vals[j] = 1;
  s->n++;
  return 0;
}

static int set_add_ci(LexSet *s, const char *w, size_t n, unsigned val) {
  char buf[QLEX_MAXKEY];
  if (!lex_lower(w, n, buf)) return 0;
  return set_add(s, buf, n, val);
}

static int set_has_ci(const LexSet *s, const char *w, size_t n) {
  char buf[QLEX_MAXKEY];
  if (!lex_lower(w, n, buf)) return 0;
  return set_find(s, buf, n) >= 0;
}

static void set_free(LexSet *s) {
  for (size_t i = 0; i < s->cap && !s->borrowed; i++) free(s->keys[i]);
  free(s->keys);
  free(s->vals);
  memset(s, 0, sizeof *s);
}

static void lex_warn(QLex *lx, const char *msg) {
  size_t m = strlen(msg);
  char *nw = realloc(lx->warnings, lx->warn_len + m + 2);
  if (!nw) return;
  memcpy(nw + lx->warn_len, msg, m);
  lx->warn_len += m;
  nw[lx->warn_len++] = '\n';
  nw[lx->warn_len] = 0;
  lx->warnings = nw;
}

static char *lex_slurp(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  if (!f) return NULL;
  char *buf = NULL;
  size_t cap = 0, n = 0;
  for (;;) {
    if (n + 65536 + 1 > cap) {
      size_t ncap = cap ? cap * 2 : 1 << 20;
      char *nb = realloc(buf, ncap);
      if (!nb) {
        free(buf);
        fclose(f);
        return NULL;
      }
      buf = nb;
      cap = ncap;
    }
    size_t r = fread(buf + n, 1, 65536, f);
    n += r;
    if (r == 0) break;
  }
  fclose(f);
  buf[n] = 0;
  *len = n;
  return buf;
}

static int lex_load_words(QLex *lx, const char *path) {
  size_t len = 0;
  char *buf = lex_slurp(path, &len);
  if (!buf) {
    char msg[512];
    snprintf(msg, sizeof msg,
             "qgen: cannot read '%s': %s (names are told from common words "
             "less reliably)", path, strerror(errno ? errno : ENOENT));
    lex_warn(lx, msg);
    return 0;
  }
  /* the words stay in the file buffer, lowercased in place: no copy and
   * no allocation per word; tables sized once */
  lx->words_buf = buf;
  lx->common.borrowed = lx->proper.borrowed = 1;
  while (lx->common.cap < len / 4 && set_grow(&lx->common) == 0) {
  }
  while (lx->proper.cap < len / 16 && set_grow(&lx->proper) == 0) {
  }
  int rc = 0;
  char *p = buf, *end = buf + len;
  while (p < end) {
    char *nl = memchr(p, '\n', (size_t)(end - p));
    if (!nl) nl = end;
    size_t n = (size_t)(nl - p);
    *nl = 0; /* end == buf + len holds the slurp's NUL */
    if (n > 0 && n < QLEX_MAXKEY && !memchr(p, '\'', n)) {
      unsigned char c = (unsigned char)p[0];
      LexSet *set = c >= 'a' && c <= 'z'   ? &lx->common
                    : c >= 'A' && c <= 'Z' ? &lx->proper
                                           : NULL;
      if (set) {
        for (size_t k = 0; k < n; k++) p[k] = (char)tolower((unsigned char)p[k]);
        rc = set_add_borrowed(set, p, n);
        if (rc < 0) break;
      }
    }
    p = nl + 1;
  }
  return rc;
}

/* Pulls every "name" / "common_name" string out of the iso-codes JSON. */
static int lex_load_countries(QLex *lx, const char *path) {
  size_t len = 0;
  char *buf = lex_slurp(path, &len);
  if (!buf) {
    char msg[512];
    snprintf(msg, sizeof msg,
             "qgen: cannot read '%s': %s (using a short built-in country "
             "list)", path, strerror(errno ? errno : ENOENT));
    lex_warn(lx, msg);
    return 0;
  }
  static const char *const keys[] = {"\"name\": \"", "\"common_name\": \""};
  int rc = 0;
  for (size_t k = 0; k < 2 && rc == 0; k++) {
    const char *p = buf;
    while ((p = strstr(p, keys[k])) != NULL) {
      p += strlen(keys[k]);
      const char *q = strchr(p, '"');
      if (!q) break;
      size_t n = (size_t)(q - p);
      if (!memchr(p, ',', n)) rc = set_add_ci(&lx->country, p, n, 1);
      if (rc < 0) break;
      p = q;
    }
  }
  free(buf);
  return rc;
}

static const char *const lex_extra_countries[] = {
    "US", "U.S.", "USA", "U.S.A.", "UK", "U.K.", "Britain", "Great Britain",
    "America", "Russia", "Korea", "South Korea", "North Korea", "Taiwan",
    "Vietnam", "Iran", "Syria", "Laos", "Japan", "China", "Mongolia",
    "Philippines", "the Philippines", "Netherlands", "Czechia", "Turkey",
    "Moldova", "Bolivia", "Venezuela", "Tanzania", "Brunei", "Palestine",
    NULL};

/* Nationality adjectives (hand-kept; the iso-codes data has none). */
static const char *const lex_nationalities[] = {
    "American", "U.S.", "US", "British", "U.K.", "UK", "English", "Chinese",
    "Japanese", "Korean", "South Korean", "North Korean", "Taiwanese",
    "Russian", "Indian", "French", "German", "Italian", "Spanish",
    "Canadian", "Australian", "Mongolian", "Vietnamese", "Filipino",
    "Philippine", "Thai", "Indonesian", "Malaysian", "Singaporean",
    "Ukrainian", "Brazilian", "Mexican", "European", "Asian", "Israeli",
    "Iranian", "Turkish", "Saudi", "Pakistani", "Polish", "Dutch", "Swedish",
    "Norwegian", "Finnish", "Danish", "Belgian", "Swiss", "Austrian", "Greek",
    "Portuguese", "Irish", "Scottish", "Egyptian", "Syrian", "Iraqi",
    "Afghan", "Cambodian", "Laotian", "Burmese", "Myanmar", "Nepalese",
    "Bangladeshi", "Sri Lankan", "New Zealand", "Argentine", "Chilean",
    "Peruvian", "Colombian", "Venezuelan", "Cuban", "Nigerian", "Kenyan",
    "South African", "Ethiopian", "Hungarian", "Czech", "Slovak", "Romanian",
    "Bulgarian", "Serbian", "Croatian", "Belarusian", "Georgian", "Armenian",
    "Kazakh", "Uzbek", "Qatari", "Emirati", "Jordanian", "Lebanese",
    "Palestinian", "Soviet", "Hong Kong", "Macanese", "Okinawan", NULL};

enum {
  QLC_COUNTRY = 1 << 10,
  QLC_NATION = 1 << 11,
  QLC_TITLE = 1 << 0,
  QLC_MOD = 1 << 1,
  QLC_HON = 1 << 2,
  QLC_ORG = 1 << 3,
  QLC_VENUE = 1 << 4,
  QLC_GEO = 1 << 5,
  QLC_EVENT = 1 << 6,
  QLC_FUNC = 1 << 7,
  QLC_REGION = 1 << 8,
};

static const char *const lex_title_head_words[] = {
      "President", "Minister", "PM", "Premier", "Chancellor", "Secretary",
      "Advisor", "Adviser", "Ambassador", "Envoy", "Diplomat", "Governor",
      "Mayor", "Senator", "Lawmaker", "Spokesperson", "Spokesman",
      "Spokeswoman", "Chairman", "Chairwoman", "Chair", "Director",
      "Commander", "General", "Admiral", "King", "Queen", "Emperor", "Prince",
      "Princess", "Leader", "Prosecutor", "Judge", "Justice", "Professor",
      "Prof", "Dr", "CEO", "Chief", "Speaker", "Representative", "Rep",
      "Sen", "Gov", "Gen", "Lt", "Col", "Captain", "Capt", "Official",
      "Counterpart", "Delegate", "Negotiator", "Vice-President", "Envoy",
      "Sergeant", "Pope", "Cardinal", "Bishop", "Sheikh", "Lecturer",
      "Scholar", "Fellow", "Expert", "Analyst", "Researcher", "Economist",
      "Reporter", "Correspondent", "Editor", "Journalist", "Photographer",
      "Specialist", "Historian", "Commentator", "Columnist", "Activist",
      "Founder", "Director-General", "Secretary-General", "Predecessor",
      "Successor", "Member", "Head", "Aide", "Strategist", NULL};

static const char *const lex_title_mod_words[] = {
      "Prime", "Foreign", "Defense", "Defence", "Finance", "Trade",
      "National", "Security", "Deputy", "Vice", "Former", "Then", "New",
      "Acting", "Senior", "Top", "First", "Interior", "Unification", "State",
      "Economy", "Economic", "Justice", "Home", "Chief", "Cabinet", "Assistant",
      "Special", "Supreme", "Executive", "Labor", "Labour", "Health",
      "Education", "Culture", "Industry", "Energy", "Environment",
      "Commerce", "Nuclear", "Policy", "Presidential", "Parliamentary",
      "Lead", "Military", "Defense-", "Vice-", "Opposition", "Party", "Army",
      "Navy", "Air", "Force", "Joint", "Staff", "Lieutenant", "Major",
      "Colonel", "Brigadier", "Regional", NULL};

static const char *const lex_honorific_words[] = {"Mr", "Mrs", "Ms", "Miss", "Dr", "H.E",
                                    "Sir", "Dame", "Lord", "Lady", "Jr",
                                    "Sr", "III", "II", "IV", "Mx", NULL};

static const char *const lex_org_head_words[] = {
      "University", "Institute", "Institution", "Council", "Center", "Centre",
      "Foundation", "Court", "Assembly", "Party", "Ministry", "Department",
      "Agency", "Bank", "Commission", "Committee", "Organization",
      "Organisation", "Union", "Group", "Forum", "Electronics", "Corporation",
      "Corp", "Inc", "Ltd", "Limited", "Company", "Co", "NPO", "Councillors",
      "Congress", "Parliament", "Senate", "Administration", "Government",
      "Office", "Bureau", "Service", "Services", "Association", "Society",
      "Alliance", "Federation", "League", "Fund", "Times", "News", "Post",
      "Journal", "Agency", "Network", "Media", "Press", "Daily", "Herald",
      "Army", "Navy", "Force", "Forces", "Command", "Guard", "Police",
      "Treaty", "Agreement", "Accord", "Pact", "Declaration", "Summit",
      "Conference", "Dialogue", "Initiative", "Partnership", "Industries",
      "Motors", "Holdings", "Airlines", "Group", "Club", "Academy", "School",
      "College", "Cabinet", "Diet", "House", "Chamber", "Board", "Tribunal",
      "Secretariat", "Team", "Coalition", "Movement", "Front", "Programme",
      "Program", NULL};

static const char *const lex_venue_head_words[] = {
      "office", "memorial", "hotel", "palace", "house", "hall", "museum",
      "stadium", "guesthouse", "building", "residence", "embassy",
      "consulate", "headquarters", "cemetery", "shrine", "temple", "park",
      "square", "airport", "base", "port", "harbor", "harbour", "bridge",
      "tower", "castle", "restaurant", "centre", "center", "plaza",
      "monument", "villa", "compound", "garden", "gardens", "campus",
      "church", "cathedral", "mosque", "station", "zone", "DMZ", "village",
      "island", "peninsula", NULL};

static const char *const lex_geo_head_words[] = {
      "Peninsula", "Island", "Islands", "Strait", "Sea", "Ocean", "Bay",
      "Gulf", "River", "Mountain", "Mountains", "Province", "Prefecture",
      "Region", "County", "State", "District", "Valley", "Desert", "Lake",
      "Coast", "Channel", "Archipelago", "Islets", "Reef", "Canal", "Border",
      NULL};

static const char *const lex_event_word_words[] = {
      "summit", "summits", "meeting", "meetings", "meet", "meets", "met",
      "talks", "conference", "gathering", "visit", "visits", "visited",
      "visiting", "ceremony", "election", "elections", "trip", "trips",
      "held", "hold", "holds", "hosted", "hosts", "host", "signed", "sign",
      "forum", "rally", "protest", "protests", "attack", "bombing",
      "occupation", "invasion", "went", "go", "goes", "travel", "traveled",
      "travelled", "travels", "arrived", "arrive", "arrives", "flew", "fly",
      "headquarters", "based", "located", "built", "building", "facility",
      "plant", "factory", "office", "memorial", "dinner", "lunch",
      "banquet", "session", "negotiations", "dialogue", "drills", "exercise",
      "exercises", "inauguration", "funeral", "born", "died", "killed",
      "stay", "stayed", "staying", "opened", "convene", "convened",
      "reported", "annexation", "liberation", "battle", "siege", "war",
      "landed", "docked", "deployed", "stationed", "tour", "toured", "spoke",
      "speech", "address", "addressed", "press", "briefing", "gathered",
      "marathon", "sidelines", "margins", "welcomed", "received", NULL};

static const char *const lex_function_word_words[] = {
      "The", "A", "An", "This", "That", "These", "Those", "He", "She", "It",
      "They", "We", "I", "You", "His", "Her", "Its", "Their", "Our", "My",
      "Your", "But", "And", "Or", "If", "When", "While", "As", "At", "In",
      "On", "Of", "For", "From", "To", "With", "By", "After", "Before",
      "Since", "Until", "During", "Although", "Though", "Because", "So",
      "Yet", "Still", "Then", "There", "Here", "What", "Who", "Which", "Why",
      "How", "Where", "Both", "Each", "All", "Many", "Most", "Some", "Any",
      "No", "Not", "Even", "Also", "Only", "Just", "Now", "Already", "Much",
      "More", "Less", "Such", "Other", "Another", "Among", "Between", "Under",
      "Over", "Into", "Onto", "Upon", "Without", "Within", "Via", "Per",
      "Like", "Unlike", "Despite", "Against", "Toward", "Towards", "Across",
      "Is", "Are", "Was", "Were", "Be", "Been", "Has", "Have", "Had", "Do",
      "Does", "Did", "Will", "Would", "Can", "Could", "Should", "May",
      "Might", "Must", "Shall", "Said", "Says", "Mr", "Ms", "Mrs", "Dr",
      "However", "Meanwhile", "Instead", "Perhaps", "Almost", "Already",
      "Then-", "Former", "New", "Why", "Yes", NULL};

static const char *const lex_region_words[] = {
      "Asia", "Europe", "Africa", "Oceania", "Antarctica", "America",
      "North America", "South America", "Latin America", "Middle East",
      "East Asia", "Northeast Asia", "Southeast Asia", "South Asia",
      "Central Asia", "Asia-Pacific", "Indo-Pacific", "Pacific", "Atlantic",
      "Eurasia", "Scandinavia", "Balkans", "Caucasus", "Arctic",
      "Western Europe", "Eastern Europe", "Korean Peninsula", "Far East",
      NULL};

/* number words and the words after which a place may follow */
static const char *const lex_numword_words[] = {
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
    "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen",
    "seventeen", "eighteen", "nineteen", "twenty", "thirty", "forty",
    "fifty", "sixty", "seventy", "eighty", "ninety", "hundred", "thousand",
    "dozen", "zero", NULL};
static const char *const lex_trigger_words[] = {
    "in", "at", "near", "outside", "to", "from", "of", "visit", "visits",
    "visited", "visiting", "toured", "tour", NULL};

static const char *const lex_month_words[] = {
    "January", "February", "March", "April", "May", "June", "July",
    "August", "September", "October", "November", "December", "Monday",
    "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
    NULL};
static const char *const lex_compass_words[] = {
    "North", "South", "East", "West", "Northeast", "Northwest", "Southeast",
    "Southwest", "Central", NULL};

static const struct {
  const char *const *words;
  unsigned bit;
} lex_classes[] = {
    {lex_numword_words, 1u << 12},
    {lex_trigger_words, 1u << 13},
    {lex_month_words, 1u << 14},
    {lex_compass_words, 1u << 15},
    {lex_title_head_words, QLC_TITLE},
    {lex_title_mod_words, QLC_MOD},
    {lex_honorific_words, QLC_HON},
    {lex_org_head_words, QLC_ORG},
    {lex_venue_head_words, QLC_VENUE},
    {lex_geo_head_words, QLC_GEO},
    {lex_event_word_words, QLC_EVENT},
    {lex_function_word_words, QLC_FUNC},
    {lex_region_words, QLC_REGION},
};

/* Lowercase key without a trailing period ("Dr." -> "dr"). */
static size_t class_key(const char *w, size_t n, char *buf) {
  if (n > 1 && w[n - 1] == '.') n--;
  return lex_lower(w, n, buf);
}

static void class_shape_add(QLex *lx, const char *key, size_t n) {
  lx->class_shape[(unsigned char)key[0] & 31] |= 1u << (n < 31 ? n : 31);
}

static int lex_build_classes(QLex *lx) {
  for (size_t c = 0; c < sizeof lex_classes / sizeof lex_classes[0]; c++) {
    for (int i = 0; lex_classes[c].words[i]; i++) {
      char buf[QLEX_MAXKEY];
      size_t n = class_key(lex_classes[c].words[i],
                           strlen(lex_classes[c].words[i]), buf);
      if (!n) continue;
      long slot = set_find(&lx->classes, buf, n);
      if (slot >= 0) {
        lx->classes.vals[slot] |= lex_classes[c].bit;
      } else if (set_add(&lx->classes, buf, n, lex_classes[c].bit) < 0) {
        return QD_ENOMEM;
      }
      class_shape_add(lx, buf, n);
    }
  }
  return 0;
}

static unsigned lex_class(const QLex *lx, const char *w, size_t n) {
  if (n == 0) return 0;
  size_t m = n > 1 && w[n - 1] == '.' ? n - 1 : n;
  /* most words are in no list: a cheap first-letter-and-length test */
  if (!(lx->class_shape[(unsigned char)tolower((unsigned char)w[0]) & 31] &
        (1u << (m < 31 ? m : 31))))
    return 0;
  char buf[QLEX_MAXKEY];
  size_t k = class_key(w, n, buf);
  if (!k) return 0;
  long slot = set_find(&lx->classes, buf, k);
  return slot >= 0 ? lx->classes.vals[slot] : 0;
}

int qlex_open(const QLexPaths *paths, QLex **out) {
  *out = NULL;
  QLex *lx = calloc(1, sizeof *lx);
  if (!lx) return QD_ENOMEM;
  const char *wp = paths && paths->words ? paths->words : QLEX_WORDS_DEFAULT;
  const char *cp =
      paths && paths->countries ? paths->countries : QLEX_COUNTRIES_DEFAULT;
  lx->no_geonames = paths ? paths->no_geonames : 0;
#ifdef QLEX_NO_GEONAMES
  lex_warn(lx, "qgen: built without libgeonames: cities are not recognised");
#endif
  int rc = lex_build_classes(lx);
  if (rc == 0) rc = lex_load_words(lx, wp);
  if (rc == 0) rc = lex_load_countries(lx, cp);
  for (size_t i = 0; rc == 0 && lex_extra_countries[i]; i++)
    rc = set_add_ci(&lx->country, lex_extra_countries[i],
                    strlen(lex_extra_countries[i]), 1);
  for (size_t i = 0; rc == 0 && lex_nationalities[i]; i++)
    rc = set_add_ci(&lx->nation, lex_nationalities[i],
                    strlen(lex_nationalities[i]), 1);
  /* one-word countries and nationalities also go into the class map so
   * that a token needs a single lookup */
  const LexSet *sets[2] = {&lx->country, &lx->nation};
  const unsigned bits[2] = {QLC_COUNTRY, QLC_NATION};
  for (int k = 0; k < 2 && rc == 0; k++)
    for (size_t i = 0; i < sets[k]->cap && rc == 0; i++) {
      const char *raw = sets[k]->keys[i];
      if (!raw || strchr(raw, ' ')) continue;
      /* the same normalisation as lookups: "u.s." -> "u.s" */
      char key[QLEX_MAXKEY];
      size_t n = class_key(raw, strlen(raw), key);
      if (!n) continue;
      long slot = set_find(&lx->classes, key, n);
      if (slot >= 0) lx->classes.vals[slot] |= bits[k];
      else rc = set_add(&lx->classes, key, n, bits[k]);
      class_shape_add(lx, key, n);
    }
  if (rc < 0) {
    qlex_close(lx);
    return rc;
  }
  *out = lx;
  return 0;
}

void qlex_close(QLex *lx) {
  if (!lx) return;
  set_free(&lx->common);
  set_free(&lx->proper);
  free(lx->words_buf);
  set_free(&lx->country);
  set_free(&lx->nation);
  set_free(&lx->classes);
  set_free(&lx->city);
  for (size_t i = 0; i < lx->n_cities; i++) free(lx->cities[i].country);
  free(lx->cities);
  free(lx->warnings);
  free(lx);
}

const char *qlex_warnings(const QLex *lx) {
  return lx->warnings ? lx->warnings : "";
}

int qlex_is_common(const QLex *lx, const char *w, size_t n) {
  return set_has_ci(&lx->common, w, n);
}

int qlex_is_proper(const QLex *lx, const char *w, size_t n) {
  return set_has_ci(&lx->proper, w, n) && !set_has_ci(&lx->common, w, n);
}

/* Case-insensitive match of w against a NULL-terminated list; returns the
 * 1-based index or 0.  A trailing '.' on w is ignored. */
static int lex_in_list(const char *const *list, const char *w, size_t n) {
  if (n > 1 && w[n - 1] == '.') n--;
  if (n == 0) return 0;
  int c0 = tolower((unsigned char)w[0]);
  for (int i = 0; list[i]; i++)
    if (tolower((unsigned char)list[i][0]) == c0 && strlen(list[i]) == n &&
        strncasecmp(list[i], w, n) == 0)
      return i + 1;
  return 0;
}

int qlex_month(const char *w, size_t n) {
  static const char *const full[] = {
      "January", "February", "March",     "April",   "May",      "June",
      "July",    "August",   "September", "October", "November", "December",
      NULL};
  static const char *const abbr[] = {"Jan", "Feb", "Mar", "Apr", "May",
                                     "Jun", "Jul", "Aug", "Sep", "Oct",
                                     "Nov", "Dec", NULL};
  if (n == 0 || !isupper((unsigned char)w[0])) return 0;
  int m = lex_in_list(full, w, n);
  if (m) return m;
  if (n == 5 && strncmp(w, "Sept.", 5) == 0) return 9;
  if (n == 4 && strncmp(w, "Sept", 4) == 0) return 9;
  /* abbreviations only with their period ("Jan."), except May */
  if (n == 4 && w[3] == '.') return lex_in_list(abbr, w, n);
  return 0;
}

int qlex_weekday(const char *w, size_t n) {
  static const char *const days[] = {"Monday", "Tuesday", "Wednesday",
                                     "Thursday", "Friday", "Saturday",
                                     "Sunday", NULL};
  if (n == 0 || !isupper((unsigned char)w[0])) return 0;
  return lex_in_list(days, w, n);
}

int qlex_number_word(const char *w, size_t n) {
  static const char *const nums[] = {
      "zero", "one", "two", "three", "four", "five", "six", "seven", "eight",
      "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen",
      "sixteen", "seventeen", "eighteen", "nineteen", "twenty", NULL};
  int i = lex_in_list(nums, w, n);
  if (i) return i - 1;
  static const char *const tens[] = {"thirty", "forty", "fifty", "sixty",
                                     "seventy", "eighty", "ninety", NULL};
  i = lex_in_list(tens, w, n);
  if (i) return 20 + 10 * i;
  if (n == 7 && strncasecmp(w, "hundred", 7) == 0) return 100;
  if (n == 8 && strncasecmp(w, "thousand", 8) == 0) return 1000;
  if (n == 5 && strncasecmp(w, "dozen", 5) == 0) return 12;
  return -1;
}

int qlex_is_country(const QLex *lx, const char *w, size_t n) {
  if (n == 0 || !isupper((unsigned char)w[0])) return 0;
  if (!memchr(w, ' ', n)) return (lex_class(lx, w, n) & QLC_COUNTRY) != 0;
  return set_has_ci(&lx->country, w, n);
}

int qlex_is_nationality(const QLex *lx, const char *w, size_t n) {
  if (n == 0 || !isupper((unsigned char)w[0])) return 0;
  if (!memchr(w, ' ', n)) return (lex_class(lx, w, n) & QLC_NATION) != 0;
  return set_has_ci(&lx->nation, w, n);
}

unsigned qlex_word_class(const QLex *lx, const char *w, size_t n) {
  unsigned c = lex_class(lx, w, n);
  /* countries, nationalities and regions are names: capitalised only */
  if (n == 0 || !isupper((unsigned char)w[0]))
    c &= ~(unsigned)(QLEX_COUNTRY | QLEX_NATION | QLEX_REGION);
  return c;
}

int qlex_is_region(const QLex *lx, const char *w, size_t n) {
  if (n == 0 || !isupper((unsigned char)w[0])) return 0;
  return (lex_class(lx, w, n) & QLC_REGION) != 0;
}

/* Loads the name of every libgeonames city once (a query per name would
 * scan the whole table each time); population and country are read only
 * for names that are asked about. */
static void lex_load_cities(QLex *lx) {
  lx->cities_loaded = 1;
#ifndef QLEX_NO_GEONAMES
  int n = geonames_get_n_cities();
  if (n <= 0) {
    lex_warn(lx, "qgen: libgeonames has no cities: cities are not recognised");
    return;
  }
  lx->cities = calloc((size_t)n, sizeof *lx->cities);
  if (!lx->cities) return;
  lx->cap_cities = (size_t)n;
  for (int i = 0; i < n; i++) {
    GeonamesCity *c = geonames_get_city(i);
    if (!c) continue;
    const char *nm = geonames_city_get_name(c);
    size_t nl = nm ? strlen(nm) : 0;
    if (nl > 0 && nl < QLEX_MAXKEY) {
      CityInfo *ci = &lx->cities[lx->n_cities];
      ci->geo = i;
      ci->next = -1;
      long slot = set_find(&lx->city, nm, nl);
      if (slot >= 0) {
        /* same name elsewhere: chain it behind the first */
        CityInfo *first = &lx->cities[lx->city.vals[slot] - 1];
        ci->next = first->next;
        first->next = (int)lx->n_cities;
        lx->n_cities++;
      } else if (set_add(&lx->city, nm, nl, (unsigned)lx->n_cities + 1) == 0) {
        lx->n_cities++;
      }
    }
    geonames_city_free(c);
  }
#endif
}

/* Fills population and country of one city on first use. */
static void lex_resolve_city(CityInfo *ci) {
  if (ci->resolved) return;
  ci->resolved = 1;
#ifndef QLEX_NO_GEONAMES
  GeonamesCity *c = geonames_get_city(ci->geo);
  if (!c) return;
  const char *cc = geonames_city_get_country(c);
  ci->pop = geonames_city_get_population(c);
  ci->country = strdup(cc ? cc : "");
  geonames_city_free(c);
#endif
}

int qlex_city(QLex *lx, const char *w, size_t n, unsigned *pop,
              const char **country) {
  if (pop) *pop = 0;
  if (country) *country = NULL;
  if (lx->no_geonames || n == 0 || n >= QLEX_MAXKEY ||
      !isupper((unsigned char)w[0]))
    return 0;
  if (!lx->cities_loaded) lex_load_cities(lx);
  long slot = set_find(&lx->city, w, n); /* case-sensitive: names as written */
  if (slot < 0) return 0;
  /* the largest city of that name */
  CityInfo *best = NULL;
  for (int k = (int)lx->city.vals[slot] - 1; k >= 0; k = lx->cities[k].next) {
    CityInfo *ci = &lx->cities[k];
    lex_resolve_city(ci);
    if (ci->country && (!best || ci->pop > best->pop)) best = ci;
  }
  if (!best) return 0;
  if (pop) *pop = best->pop;
  if (country) *country = best->country;
  return 1;
}

int qlex_is_title_head(const QLex *lx, const char *w, size_t n) {
  return (lex_class(lx, w, n) & QLC_TITLE) != 0;
}

int qlex_is_title_mod(const QLex *lx, const char *w, size_t n) {
  return (lex_class(lx, w, n) & QLC_MOD) != 0;
}

int qlex_is_honorific(const QLex *lx, const char *w, size_t n) {
  return (lex_class(lx, w, n) & QLC_HON) != 0;
}

int qlex_is_org_head(const QLex *lx, const char *w, size_t n) {
  return (lex_class(lx, w, n) & QLC_ORG) != 0;
}

int qlex_is_venue_head(const QLex *lx, const char *w, size_t n) {
  return (lex_class(lx, w, n) & QLC_VENUE) != 0;
}

int qlex_is_geo_head(const QLex *lx, const char *w, size_t n) {
  return (lex_class(lx, w, n) & QLC_GEO) != 0;
}

int qlex_is_event_word(const QLex *lx, const char *w, size_t n) {
  return (lex_class(lx, w, n) & QLC_EVENT) != 0;
}

int qlex_is_function_word(const QLex *lx, const char *w, size_t n) {
  return (lex_class(lx, w, n) & QLC_FUNC) != 0;
}
