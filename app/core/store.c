/* store.c - SQLite storage for quizdeck (see store.h). */
#include "store.h"

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sqlite3.h>

#include "error.h"

#define STORE_APP_ID 0x51444B31 /* 'QDK1' in PRAGMA application_id */
#define STORE_VERSION 1
#define LIST_SEP '\x1f' /* joins aliases / distractors in one column */

/* ---- schema ----------------------------------------------------------- */

/* Migration i takes the database from user_version i to i + 1. */
static const char *const MIGRATIONS[] = {
    /* 0 -> 1 */
    "CREATE TABLE profiles("
    "  id INTEGER PRIMARY KEY,"
    "  name TEXT NOT NULL UNIQUE,"
    "  kiosk INTEGER NOT NULL DEFAULT 0);"
    "CREATE TABLE decks("
    "  id INTEGER PRIMARY KEY,"
    "  name TEXT NOT NULL UNIQUE);"
    "CREATE TABLE deck_settings("
    "  deck INTEGER PRIMARY KEY REFERENCES decks(id) ON DELETE CASCADE,"
    "  algorithm INTEGER NOT NULL DEFAULT 0,"
    "  desired_retention REAL NOT NULL DEFAULT 0.9,"
    "  maximum_interval INTEGER NOT NULL DEFAULT 36500,"
    "  learn_steps TEXT NOT NULL DEFAULT '60 600',"
    "  relearn_steps TEXT NOT NULL DEFAULT '600',"
    "  fuzz INTEGER NOT NULL DEFAULT 1,"
    "  rollover_hour INTEGER NOT NULL DEFAULT 4,"
    "  new_per_day INTEGER NOT NULL DEFAULT 20,"
    "  reviews_per_day INTEGER NOT NULL DEFAULT 200,"
    "  time_limit INTEGER NOT NULL DEFAULT 20,"
    "  weights TEXT,"                  /* 21 numbers, NULL = FSRS-6 defaults */
    "  sm2 TEXT);"                     /* SM-2 options, NULL = Anki defaults */
    "CREATE TABLE notes("
    "  id INTEGER PRIMARY KEY,"
    "  deck INTEGER NOT NULL REFERENCES decks(id) ON DELETE CASCADE,"
    "  guid TEXT NOT NULL,"
    "  kind INTEGER NOT NULL,"
    "  type TEXT,"
    "  prompt TEXT NOT NULL,"
    "  answer TEXT NOT NULL,"
    "  aliases TEXT NOT NULL DEFAULT '',"
    "  distractors TEXT NOT NULL DEFAULT '',"
    "  explanation TEXT,"
    "  tags TEXT,"
    "  time_limit INTEGER NOT NULL DEFAULT 0,"
    "  score REAL NOT NULL DEFAULT 0,"
    "  n_cards INTEGER NOT NULL DEFAULT 1,"
    "  hash INTEGER NOT NULL DEFAULT 0,"  /* content hash: detects changes */
    "  UNIQUE(deck, guid));"
    "CREATE TABLE sources("
    "  note INTEGER NOT NULL REFERENCES notes(id) ON DELETE CASCADE,"
    "  ord INTEGER NOT NULL,"
    "  article TEXT NOT NULL,"
    "  sentence TEXT NOT NULL,"
    "  PRIMARY KEY(note, ord)) WITHOUT ROWID;"
    "CREATE TABLE cards("
    "  id INTEGER PRIMARY KEY,"
    "  note INTEGER NOT NULL REFERENCES notes(id) ON DELETE CASCADE,"
    "  profile INTEGER NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,"
    "  deck INTEGER NOT NULL,"         /* copy of notes.deck for the queue */
    "  ord INTEGER NOT NULL DEFAULT 0,"
    "  state INTEGER NOT NULL DEFAULT 0,"
    "  step INTEGER NOT NULL DEFAULT 0,"
    "  stability REAL NOT NULL DEFAULT 0,"
    "  difficulty REAL NOT NULL DEFAULT 0,"
    "  ease REAL NOT NULL DEFAULT 0,"
    "  due INTEGER NOT NULL DEFAULT 0,"  /* new cards: position (note id) */
    "  last_review INTEGER NOT NULL DEFAULT 0,"
    "  scheduled_days INTEGER NOT NULL DEFAULT 0,"
    "  reps INTEGER NOT NULL DEFAULT 0,"
    "  lapses INTEGER NOT NULL DEFAULT 0,"
    "  suspended INTEGER NOT NULL DEFAULT 0,"
    "  UNIQUE(note, profile, ord));"
    "CREATE INDEX cards_queue ON cards(profile, deck, state, due,"
    "  last_review, stability) WHERE suspended = 0;"
    /* covering for counts per deck and by state (deck list, statistics) */
    "CREATE INDEX cards_deck ON cards(profile, deck, state, suspended);"
    "CREATE TABLE review_log("
    "  id INTEGER PRIMARY KEY,"
    "  card INTEGER NOT NULL REFERENCES cards(id) ON DELETE CASCADE,"
    "  profile INTEGER NOT NULL,"
    "  deck INTEGER NOT NULL,"
    "  time INTEGER NOT NULL,"
    "  rating INTEGER NOT NULL,"
    "  state_before INTEGER NOT NULL,"
    "  elapsed_days INTEGER NOT NULL,"
    "  scheduled_days INTEGER NOT NULL,"
    "  answer_ms INTEGER NOT NULL,"
    "  mode INTEGER NOT NULL,"
    /* the card as it was before the answer, for undo */
    "  prev_step INTEGER NOT NULL, prev_stability REAL NOT NULL,"
    "  prev_difficulty REAL NOT NULL, prev_ease REAL NOT NULL,"
    "  prev_due INTEGER NOT NULL, prev_last_review INTEGER NOT NULL,"
    "  prev_scheduled_days INTEGER NOT NULL, prev_reps INTEGER NOT NULL,"
    "  prev_lapses INTEGER NOT NULL);"
    /* covering for "today's answers" and the statistics: no row lookups */
    "CREATE INDEX review_log_time ON review_log(profile, time, deck,"
    "  state_before, rating, elapsed_days);"
    "CREATE INDEX review_log_card ON review_log(card);"
    "CREATE TABLE settings(key TEXT PRIMARY KEY, value TEXT NOT NULL)"
    "  WITHOUT ROWID;"
    "CREATE VIRTUAL TABLE notes_fts USING fts5(prompt, answer, sources,"
    "  tokenize = 'unicode61 remove_diacritics 2');",
};

int store_schema_version(void) { return STORE_VERSION; }

/* ---- prepared statements ---------------------------------------------- */

#define STMT_MAP(X)                                                           \
  X(BEGIN, "BEGIN IMMEDIATE")                                                 \
  X(COMMIT, "COMMIT")                                                         \
  X(ROLLBACK, "ROLLBACK")                                                     \
  X(PROFILE_FIND, "SELECT id FROM profiles WHERE name = ?1")                  \
  X(PROFILE_INSERT, "INSERT INTO profiles(name, kiosk) VALUES(?1, ?2)")       \
  X(PROFILE_CARDS,                                                            \
    "INSERT OR IGNORE INTO cards(note, profile, deck, ord, due)"              \
    " WITH RECURSIVE o(ord) AS (SELECT 0 UNION ALL SELECT ord + 1 FROM o"     \
    "   WHERE ord + 1 < (SELECT max(n_cards) FROM notes))"                    \
    " SELECT n.id, ?1, n.deck, o.ord, n.id FROM notes n JOIN o"               \
    "   ON o.ord < n.n_cards")                                                \
  X(PROFILES_LIST, "SELECT id, name, kiosk FROM profiles ORDER BY name")      \
  X(PROFILE_IDS, "SELECT id FROM profiles")                                   \
  X(DECK_FIND, "SELECT id FROM decks WHERE name = ?1")                        \
  X(DECK_INSERT, "INSERT INTO decks(name) VALUES(?1)")                        \
  X(DECK_SETTINGS_INSERT, "INSERT INTO deck_settings(deck) VALUES(?1)")       \
  X(DECK_RENAME, "UPDATE decks SET name = ?2 WHERE id = ?1")                  \
  X(DECK_DELETE_FTS, "DELETE FROM notes_fts WHERE rowid IN"                   \
                     " (SELECT id FROM notes WHERE deck = ?1)")               \
  X(DECK_DELETE, "DELETE FROM decks WHERE id = ?1")                           \
  X(DECK_MERGE_NOTES_CLASH,                                                   \
    "SELECT count(*) FROM notes a JOIN notes b ON a.guid = b.guid"            \
    " WHERE a.deck = ?1 AND b.deck = ?2")                                     \
  X(DECK_MERGE_NOTES, "UPDATE notes SET deck = ?2 WHERE deck = ?1")           \
  X(DECK_MERGE_CARDS, "UPDATE cards SET deck = ?2 WHERE deck = ?1")           \
  X(DECK_MERGE_LOG, "UPDATE review_log SET deck = ?2 WHERE deck = ?1")        \
  X(DECKS_LIST, "SELECT id, name FROM decks ORDER BY name")                   \
  X(DECK_NOTE_COUNT, "SELECT count(*) FROM notes WHERE deck = ?1")            \
  X(DECK_CARD_COUNT,                                                          \
    "SELECT count(*), coalesce(sum(suspended), 0) FROM cards"                 \
    " WHERE profile = ?1 AND deck = ?2")                                      \
  X(COUNT_LEARNING,                                                           \
    "SELECT count(*) FROM cards WHERE profile = ?1 AND deck = ?2"             \
    " AND state IN (1, 3) AND due < ?3 AND suspended = 0")                    \
  X(COUNT_DUE,                                                                \
    "SELECT count(*) FROM (SELECT 1 FROM cards WHERE profile = ?1"            \
    " AND deck = ?2 AND state = 2 AND due < ?3 AND suspended = 0 LIMIT ?4)")  \
  X(COUNT_NEW,                                                                \
    "SELECT count(*) FROM (SELECT 1 FROM cards WHERE profile = ?1"            \
    " AND deck = ?2 AND state = 0 AND suspended = 0 LIMIT ?3)")               \
  X(SETTINGS_GET,                                                             \
    "SELECT algorithm, desired_retention, maximum_interval, learn_steps,"     \
    " relearn_steps, fuzz, rollover_hour, new_per_day, reviews_per_day,"      \
    " time_limit, weights, sm2 FROM deck_settings WHERE deck = ?1")           \
  X(SETTINGS_PUT,                                                             \
    "INSERT OR REPLACE INTO deck_settings(deck, algorithm,"                   \
    " desired_retention, maximum_interval, learn_steps, relearn_steps, fuzz," \
    " rollover_hour, new_per_day, reviews_per_day, time_limit, weights, sm2)" \
    " VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)")        \
  X(NOTE_FIND, "SELECT id, hash, n_cards FROM notes WHERE deck = ?1"          \
               " AND guid = ?2")                                              \
  X(NOTE_INSERT,                                                              \
    "INSERT INTO notes(deck, guid, kind, type, prompt, answer, aliases,"      \
    " distractors, explanation, tags, time_limit, score, n_cards, hash)"      \
    " VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)")   \
  X(NOTE_UPDATE,                                                              \
    "UPDATE notes SET kind = ?3, type = ?4, prompt = ?5, answer = ?6,"        \
    " aliases = ?7, distractors = ?8, explanation = ?9, tags = ?10,"          \
    " time_limit = ?11, score = ?12, n_cards = ?13, hash = ?14"               \
    " WHERE id = ?1 AND deck = ?2")                                           \
  X(NOTE_GET,                                                                 \
    "SELECT id, deck, guid, kind, type, prompt, answer, aliases,"             \
    " distractors, explanation, tags, time_limit, score, n_cards,"            \
    " (SELECT coalesce(min(suspended), 0) FROM cards WHERE note = ?1)"        \
    " FROM notes WHERE id = ?1")                                              \
  X(NOTE_DELETE, "DELETE FROM notes WHERE id = ?1")                           \
  X(NOTE_SUSPEND, "UPDATE cards SET suspended = ?2 WHERE note = ?1")          \
  X(NOTES_PAGE,                                                               \
    "SELECT id FROM notes WHERE deck = ?1 ORDER BY id LIMIT ?3 OFFSET ?2")    \
  X(NOTES_SEARCH,                                                             \
    "SELECT n.id FROM notes_fts f JOIN notes n ON n.id = f.rowid"             \
    " WHERE notes_fts MATCH ?4 AND n.deck = ?1 ORDER BY n.id"                 \
    " LIMIT ?3 OFFSET ?2")                                                    \
  X(SOURCES_DELETE, "DELETE FROM sources WHERE note = ?1")                    \
  X(SOURCE_INSERT, "INSERT INTO sources(note, ord, article, sentence)"        \
                   " VALUES(?1, ?2, ?3, ?4)")                                 \
  X(SOURCES_GET, "SELECT article, sentence FROM sources WHERE note = ?1"      \
                 " ORDER BY ord")                                             \
  X(FTS_DELETE, "DELETE FROM notes_fts WHERE rowid = ?1")                     \
  X(FTS_INSERT, "INSERT INTO notes_fts(rowid, prompt, answer, sources)"       \
                " VALUES(?1, ?2, ?3, ?4)")                                    \
  X(CARD_INSERT, "INSERT OR IGNORE INTO cards(note, profile, deck, ord, due)" \
                 " VALUES(?1, ?2, ?3, ?4, ?1)")                               \
  X(CARD_GET,                                                                 \
    "SELECT id, note, deck, profile, ord, state, step, stability,"            \
    " difficulty, ease, due, last_review, scheduled_days, reps, lapses,"      \
    " suspended FROM cards WHERE id = ?1")                                    \
  X(CARD_UPDATE,                                                              \
    "UPDATE cards SET state = ?2, step = ?3, stability = ?4,"                 \
    " difficulty = ?5, ease = ?6, due = ?7, last_review = ?8,"                \
    " scheduled_days = ?9, reps = ?10, lapses = ?11 WHERE id = ?1")           \
  X(CARDS_LEARNING,                                                           \
    "SELECT id FROM cards WHERE profile = ?1 AND deck = ?2"                   \
    " AND state IN (1, 3) AND due < ?3 AND suspended = 0 ORDER BY due")       \
  X(CARDS_REVIEW,                                                             \
    "SELECT id FROM cards WHERE profile = ?1 AND deck = ?2 AND state = 2"     \
    " AND due < ?4 AND suspended = 0"                                         \
    " ORDER BY (?3 - last_review) / max(stability, 0.001) DESC LIMIT ?5")     \
  X(CARDS_NEW,                                                                \
    "SELECT id FROM cards WHERE profile = ?1 AND deck = ?2 AND state = 0"     \
    " AND suspended = 0 ORDER BY due, ord LIMIT ?3")                          \
  X(DONE_TODAY,                                                               \
    "SELECT coalesce(sum(state_before = 0), 0),"                              \
    " coalesce(sum(state_before = 2), 0) FROM (SELECT state_before"           \
    " FROM review_log WHERE profile = ?1 AND time >= ?3 AND deck = ?2)")      \
  X(LOG_INSERT,                                                               \
    "INSERT INTO review_log(card, profile, deck, time, rating, state_before," \
    " elapsed_days, scheduled_days, answer_ms, mode, prev_step,"              \
    " prev_stability, prev_difficulty, prev_ease, prev_due,"                  \
    " prev_last_review, prev_scheduled_days, prev_reps, prev_lapses)"         \
    " VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14,"    \
    " ?15, ?16, ?17, ?18, ?19)")                                              \
  X(LOG_LAST,                                                                 \
    "SELECT id, card, state_before, prev_step, prev_stability,"               \
    " prev_difficulty, prev_ease, prev_due, prev_last_review,"                \
    " prev_scheduled_days, prev_reps, prev_lapses FROM review_log"            \
    " WHERE profile = ?1 ORDER BY time DESC, id DESC LIMIT 1")                \
  X(LOG_DELETE, "DELETE FROM review_log WHERE id = ?1")                       \
  X(NOTE_DECK_CARDS, "SELECT deck, n_cards FROM notes WHERE id = ?1")         \
  X(HISTORY_CARDS,                                                            \
    "SELECT c.id, p.name, c.ord, c.state, c.step, c.stability, c.difficulty," \
    " c.ease, c.due, c.last_review, c.scheduled_days, c.reps, c.lapses,"      \
    " c.suspended FROM cards c JOIN profiles p ON p.id = c.profile"           \
    " WHERE c.note = ?1 ORDER BY p.name, c.ord")                              \
  X(HISTORY_LOG,                                                              \
    "SELECT id, time, rating, state_before, elapsed_days, scheduled_days,"    \
    " answer_ms, mode, prev_step, prev_stability, prev_difficulty,"           \
    " prev_ease, prev_due, prev_last_review, prev_scheduled_days, prev_reps," \
    " prev_lapses FROM review_log WHERE card = ?1 ORDER BY time, id")         \
  X(CARD_FIND, "SELECT id, last_review FROM cards WHERE note = ?1"            \
               " AND profile = ?2 AND ord = ?3")                              \
  X(CARD_RESTORE,                                                             \
    "UPDATE cards SET state = ?2, step = ?3, stability = ?4,"                 \
    " difficulty = ?5, ease = ?6, due = ?7, last_review = ?8,"                \
    " scheduled_days = ?9, reps = ?10, lapses = ?11, suspended = ?12"         \
    " WHERE id = ?1")                                                         \
  X(LOG_EXISTS, "SELECT 1 FROM review_log WHERE card = ?1 AND time = ?2"      \
                " AND rating = ?3")                                           \
  X(SETTING_GET, "SELECT value FROM settings WHERE key = ?1")                 \
  X(SETTING_PUT, "INSERT OR REPLACE INTO settings(key, value)"                \
                 " VALUES(?1, ?2)")

typedef enum {
#define STMT_ENUM_(name, sql) ST_##name,
  STMT_MAP(STMT_ENUM_)
#undef STMT_ENUM_
  ST_COUNT_
} StmtId;

static const char *const STMT_SQL[] = {
#define STMT_SQL_(name, sql) sql,
    STMT_MAP(STMT_SQL_)
#undef STMT_SQL_
};

struct Store {
  sqlite3 *db;
  char *path;
  int utc_offset;
  int tx_depth;                 /* store_begin nesting */
  sqlite3_stmt *stmts[ST_COUNT_];
  int64_t settings_deck;        /* deck whose settings are cached, or 0 */
  StoreDeckSettings settings;
  char errmsg[512];
};

/* ---- errors ----------------------------------------------------------- */

/* errno of the failing system call, read before sqlite3_reset clears it;
 * 0 when unknown. */
static int map_sqlite_errno(int rc, int sys);

static int map_sqlite(sqlite3 *db, int rc) {
  return map_sqlite_errno(rc, db ? sqlite3_system_errno(db) : 0);
}

static int map_sqlite_errno(int rc, int sys) {
  int prim = rc & 0xff;
  switch (prim) {
  case SQLITE_OK: case SQLITE_ROW: case SQLITE_DONE: return QD_OK;
  case SQLITE_NOMEM: return QD_ENOMEM;
  case SQLITE_NOTADB: return QD_ENOTDB;
  case SQLITE_CORRUPT: return QD_ECORRUPT;
  case SQLITE_FULL: return QD_EFULL;
  case SQLITE_READONLY: return QD_EREADONLY;
  case SQLITE_PERM: return QD_EREADONLY;
  case SQLITE_BUSY: case SQLITE_LOCKED: return QD_EBUSY;
  case SQLITE_CONSTRAINT: return QD_EEXIST;
  case SQLITE_CANTOPEN:
    return (sys == EACCES || sys == EROFS || sys == EPERM) ? QD_EREADONLY
                                                           : QD_EIO;
  case SQLITE_IOERR:
    if (sys == ENOSPC || sys == EFBIG || sys == EDQUOT) return QD_EFULL;
    if (sys == EROFS || sys == EACCES || sys == EPERM) return QD_EREADONLY;
    return QD_EIO;
  default: return QD_EIO;
  }
}

static void set_err(Store *s, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(s->errmsg, sizeof s->errmsg, fmt, ap);
  va_end(ap);
}

/* Records a SQLite failure on the handle and returns the QD code. */
static int fail_sql_errno(Store *s, int rc, int sys, const char *what) {
  int code = map_sqlite_errno(rc, sys);
  const char *detail = qd_strerror(code);
  if (code == QD_EIO || code == QD_EEXIST)
    detail = sqlite3_errmsg(s->db);
  set_err(s, "store: cannot %s in '%s': %s", what, s->path, detail);
  return code ? code : QD_EIO;
}

static int fail_sql(Store *s, int rc, const char *what) {
  return fail_sql_errno(s, rc, sqlite3_system_errno(s->db), what);
}

const char *store_errmsg(const Store *s) {
  return s ? s->errmsg : "store: no database";
}

const char *store_path(const Store *s) { return s ? s->path : ""; }

void store_set_busy_timeout(Store *s, int ms) {
  sqlite3_busy_timeout(s->db, ms < 0 ? 0 : ms);
}

void store_set_utc_offset(Store *s, int utc_offset) {
  s->utc_offset = utc_offset;
  s->settings_deck = 0;
}

/* ---- statements ------------------------------------------------------- */

/* Returns the cached statement, prepared on first use and reset. */
static sqlite3_stmt *stmt(Store *s, StmtId id) {
  sqlite3_stmt *st = s->stmts[id];
  if (!st) {
    int rc = sqlite3_prepare_v3(s->db, STMT_SQL[id], -1,
                                SQLITE_PREPARE_PERSISTENT, &s->stmts[id], NULL);
    if (rc != SQLITE_OK) {
      fail_sql(s, rc, "prepare a statement");
      return NULL;
    }
    st = s->stmts[id];
  }
  sqlite3_reset(st);
  sqlite3_clear_bindings(st);
  return st;
}

static void bind_text(sqlite3_stmt *st, int i, const char *v) {
  if (v)
    sqlite3_bind_text(st, i, v, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null(st, i);
}

/* Steps a statement that returns no rows. */
static int exec_stmt(Store *s, sqlite3_stmt *st, const char *what) {
  errno = 0;
  int rc = sqlite3_step(st);
  /* SQLite reads errno lazily and often loses it; the C errno of the
   * failed write survives the successful calls of its rollback */
  int sys = sqlite3_system_errno(s->db);
  if (!sys) sys = errno;
  sqlite3_reset(st);
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    return fail_sql_errno(s, rc, sys, what);
  return QD_OK;
}

static char *dupstr(const char *v) {
  if (!v) return NULL;
  size_t n = strlen(v) + 1;
  char *d = malloc(n);
  if (d) memcpy(d, v, n);
  return d;
}

static char *col_text(sqlite3_stmt *st, int i) {
  const unsigned char *t = sqlite3_column_text(st, i);
  return t ? dupstr((const char *)t) : NULL;
}

/* ---- transactions ----------------------------------------------------- */

int store_begin(Store *s) {
  if (s->tx_depth++ > 0) return QD_OK;
  sqlite3_stmt *st = stmt(s, ST_BEGIN);
  int rc = st ? exec_stmt(s, st, "start a transaction") : QD_EIO;
  if (rc) s->tx_depth = 0;
  return rc;
}

int store_commit(Store *s) {
  if (s->tx_depth == 0) return QD_EINVAL;
  if (--s->tx_depth > 0) return QD_OK;
  sqlite3_stmt *st = stmt(s, ST_COMMIT);
  int rc = st ? exec_stmt(s, st, "commit") : QD_EIO;
  if (rc) {
    /* a failed COMMIT (disk full) leaves the transaction open: undo it */
    if (!sqlite3_get_autocommit(s->db))
      sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
  }
  s->settings_deck = 0;
  return rc;
}

void store_rollback(Store *s) {
  if (s->tx_depth == 0) return;
  s->tx_depth = 0;
  if (!sqlite3_get_autocommit(s->db))
    sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
  s->settings_deck = 0;
}

/* ---- open / close ----------------------------------------------------- */

static int exec_sql(Store *s, const char *sql, const char *what) {
  char *msg = NULL;
  int rc = sqlite3_exec(s->db, sql, NULL, NULL, &msg);
  sqlite3_free(msg);
  if (rc != SQLITE_OK) return fail_sql(s, rc, what);
  return QD_OK;
}

static int pragma_int(Store *s, const char *sql, int *out) {
  sqlite3_stmt *st = NULL;
  int rc = sqlite3_prepare_v2(s->db, sql, -1, &st, NULL);
  if (rc == SQLITE_OK) {
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
      *out = sqlite3_column_int(st, 0);
      rc = SQLITE_OK;
    }
  }
  sqlite3_finalize(st);
  return rc;
}

static int migrate(Store *s, int from) {
  int rc = exec_sql(s, "BEGIN IMMEDIATE", "start the schema migration");
  if (rc) return rc;
  for (int v = from; v < STORE_VERSION; v++) {
    rc = exec_sql(s, MIGRATIONS[v], "migrate the schema");
    if (rc) goto fail;
  }
  char sql[96];
  snprintf(sql, sizeof sql, "PRAGMA user_version = %d; PRAGMA application_id = %d",
           STORE_VERSION, STORE_APP_ID);
  rc = exec_sql(s, sql, "migrate the schema");
  if (rc) goto fail;
  rc = exec_sql(s, "COMMIT", "commit the schema migration");
  if (rc) goto fail;
  return QD_OK;
fail:
  sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
  return rc;
}

/* Checks what kind of file this is without writing to it. */
static int check_header(Store *s, int *version) {
  int app = 0, tables = 0;
  int rc = pragma_int(s, "PRAGMA user_version", version);
  if (rc == SQLITE_OK) rc = pragma_int(s, "PRAGMA application_id", &app);
  if (rc == SQLITE_OK)
    rc = pragma_int(s, "SELECT count(*) FROM sqlite_schema", &tables);
  if (rc != SQLITE_OK) {
    int code = map_sqlite(s->db, rc);
    set_err(s, "store: cannot open '%s': %s", s->path,
            code == QD_ENOTDB ? "file is not a database" : qd_strerror(code));
    return code ? code : QD_EIO;
  }
  if (tables > 0 && app != STORE_APP_ID) {
    set_err(s, "store: cannot open '%s': file is an SQLite database of "
               "another program, not quizdeck's", s->path);
    return QD_ENOTDB;
  }
  if (*version > STORE_VERSION) {
    set_err(s, "store: cannot open '%s': database is from a newer version of "
               "quizdeck (schema %d, this build knows %d)",
            s->path, *version, STORE_VERSION);
    return QD_ENEWER;
  }
  return QD_OK;
}

int store_open(const char *path, int flags, Store **out, char *err,
               size_t errlen) {
  int rc;
  struct stat sb;
  Store *s = calloc(1, sizeof *s);
  *out = NULL;
  if (!s) {
    if (err) snprintf(err, errlen, "store: out of memory");
    return QD_ENOMEM;
  }
  s->path = dupstr(path ? path : "");
  if (!s->path) { rc = QD_ENOMEM; goto fail; }

  int exists = stat(path, &sb) == 0;
  if (!exists && (flags & (STORE_READONLY | STORE_NOCREATE))) {
    set_err(s, "store: cannot open '%s': no such file", path);
    rc = QD_ENOTFOUND;
    goto fail;
  }
  if (exists && S_ISDIR(sb.st_mode)) {
    set_err(s, "store: cannot open '%s': is a directory", path);
    rc = QD_EINVAL;
    goto fail;
  }
  int readonly = (flags & STORE_READONLY) != 0;
  if (exists && !readonly && access(path, W_OK) != 0) {
    set_err(s, "store: cannot open '%s': file is read-only", path);
    rc = QD_EREADONLY;
    goto fail;
  }
  int oflags = readonly ? SQLITE_OPEN_READONLY
                        : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
  rc = sqlite3_open_v2(path, &s->db, oflags | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK) {
    int code = map_sqlite(s->db, rc);
    set_err(s, "store: cannot open '%s': %s", path,
            s->db ? sqlite3_errmsg(s->db) : qd_strerror(code));
    rc = code ? code : QD_EIO;
    goto fail;
  }
  sqlite3_extended_result_codes(s->db, 1);
  sqlite3_busy_timeout(s->db, 5000);

  int version = 0;
  rc = check_header(s, &version);
  if (rc) goto fail;
  if (readonly) {
    if (version < STORE_VERSION) {
      set_err(s, "store: cannot open '%s': database needs an upgrade and "
                 "was opened read-only", path);
      rc = QD_EREADONLY;
      goto fail;
    }
  } else {
    /* only now, knowing the file is ours (or empty), do we write to it */
    rc = exec_sql(s, "PRAGMA journal_mode = WAL", "enable WAL");
    if (rc) goto fail;
  }
  rc = exec_sql(s, "PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL",
                "configure the database");
  if (rc) goto fail;
  if (version < STORE_VERSION) {
    rc = migrate(s, version);
    if (rc) goto fail;
  }
  *out = s;
  return QD_OK;
fail:
  if (err) snprintf(err, errlen, "%s", s->errmsg[0] ? s->errmsg : "store: cannot open database");
  store_close(s);
  return rc;
}

void store_close(Store *s) {
  if (!s) return;
  for (int i = 0; i < ST_COUNT_; i++) sqlite3_finalize(s->stmts[i]);
  if (s->db) sqlite3_close_v2(s->db);
  free(s->path);
  free(s);
}

char *store_default_path(void) {
  const char *xdg = getenv("XDG_DATA_HOME");
  const char *home = getenv("HOME");
  char dir[PATH_MAX];
  if (xdg && xdg[0] == '/')
    snprintf(dir, sizeof dir, "%s/quizdeck", xdg);
  else if (home && home[0])
    snprintf(dir, sizeof dir, "%s/.local/share/quizdeck", home);
  else
    return NULL;
  /* mkdir -p */
  for (char *p = dir + 1; *p; p++) {
    if (*p == '/') {
      *p = '\0';
      mkdir(dir, 0700);
      *p = '/';
    }
  }
  mkdir(dir, 0700);
  size_t n = strlen(dir) + sizeof "/quizdeck.db";
  char *path = malloc(n);
  if (path) snprintf(path, n, "%s/quizdeck.db", dir);
  return path;
}

/* ---- small helpers ---------------------------------------------------- */

/* Runs a one-row, one-int64 query; QD_ENOTFOUND when there is no row. */
static int query_id(Store *s, sqlite3_stmt *st, int64_t *id, const char *what) {
  int rc = sqlite3_step(st);
  if (rc == SQLITE_ROW) {
    *id = sqlite3_column_int64(st, 0);
    sqlite3_reset(st);
    return QD_OK;
  }
  sqlite3_reset(st);
  if (rc == SQLITE_DONE) return QD_ENOTFOUND;
  return fail_sql(s, rc, what);
}

/* Collects the int64 first column of every row into a malloc'd array. */
static int collect_ids(Store *s, sqlite3_stmt *st, int64_t **ids, int *n,
                       const char *what) {
  int cap = 64, len = 0, rc;
  int64_t *v = malloc(cap * sizeof *v);
  if (!v) return QD_ENOMEM;
  while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
    if (len == cap) {
      int64_t *nv = realloc(v, 2 * cap * sizeof *v);
      if (!nv) { free(v); sqlite3_reset(st); return QD_ENOMEM; }
      v = nv;
      cap *= 2;
    }
    v[len++] = sqlite3_column_int64(st, 0);
  }
  sqlite3_reset(st);
  if (rc != SQLITE_DONE) {
    free(v);
    return fail_sql(s, rc, what);
  }
  *ids = v;
  *n = len;
  return QD_OK;
}

/* Wraps a write in its own transaction unless one is open. */
#define TX_BEGIN(s)                                                            \
  do {                                                                         \
    int tx_rc_ = store_begin(s);                                               \
    if (tx_rc_) return tx_rc_;                                                 \
  } while (0)

static int tx_end(Store *s, int rc) {
  if (rc) {
    store_rollback(s);
    return rc;
  }
  return store_commit(s);
}

/* ---- profiles --------------------------------------------------------- */

int store_profile_find(Store *s, const char *name, int64_t *id) {
  sqlite3_stmt *st = stmt(s, ST_PROFILE_FIND);
  if (!st) return QD_EIO;
  bind_text(st, 1, name);
  int rc = query_id(s, st, id, "look up a profile");
  if (rc == QD_ENOTFOUND)
    set_err(s, "store: no profile '%s' in '%s'", name, s->path);
  return rc;
}

int store_profile_ensure(Store *s, const char *name, int64_t *id) {
  if (!name || !name[0]) {
    set_err(s, "store: a profile needs a name");
    return QD_EINVAL;
  }
  int rc = store_profile_find(s, name, id);
  if (rc != QD_ENOTFOUND) return rc;
  TX_BEGIN(s);
  sqlite3_stmt *st = stmt(s, ST_PROFILE_INSERT);
  rc = st ? QD_OK : QD_EIO;
  if (!rc) {
    bind_text(st, 1, name);
    sqlite3_bind_int(st, 2, strcmp(name, "kiosk") == 0);
    rc = exec_stmt(s, st, "create a profile");
  }
  if (!rc) {
    *id = sqlite3_last_insert_rowid(s->db);
    st = stmt(s, ST_PROFILE_CARDS);
    rc = st ? QD_OK : QD_EIO;
    if (!rc) {
      sqlite3_bind_int64(st, 1, *id);
      rc = exec_stmt(s, st, "create the profile's cards");
    }
  }
  return tx_end(s, rc);
}

int store_profiles_list(Store *s, StoreProfile **out, int *n) {
  sqlite3_stmt *st = stmt(s, ST_PROFILES_LIST);
  if (!st) return QD_EIO;
  int cap = 8, len = 0, rc;
  StoreProfile *v = calloc(cap, sizeof *v);
  if (!v) return QD_ENOMEM;
  while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
    if (len == cap) {
      StoreProfile *nv = realloc(v, 2 * cap * sizeof *v);
      if (!nv) { rc = SQLITE_NOMEM; break; }
      v = nv;
      cap *= 2;
    }
    v[len].id = sqlite3_column_int64(st, 0);
    v[len].name = col_text(st, 1);
    v[len].kiosk = sqlite3_column_int(st, 2);
    len++;
  }
  sqlite3_reset(st);
  if (rc != SQLITE_DONE) {
    store_profiles_free(v, len);
    return fail_sql(s, rc, "list profiles");
  }
  *out = v;
  *n = len;
  return QD_OK;
}

void store_profiles_free(StoreProfile *p, int n) {
  if (!p) return;
  for (int i = 0; i < n; i++) free(p[i].name);
  free(p);
}

/* ---- decks ------------------------------------------------------------ */

int store_deck_find(Store *s, const char *name, int64_t *id) {
  sqlite3_stmt *st = stmt(s, ST_DECK_FIND);
  if (!st) return QD_EIO;
  bind_text(st, 1, name);
  int rc = query_id(s, st, id, "look up a deck");
  if (rc == QD_ENOTFOUND)
    set_err(s, "store: no deck '%s' in '%s'", name, s->path);
  return rc;
}

int store_deck_ensure(Store *s, const char *name, int64_t *id) {
  if (!name || !name[0]) {
    set_err(s, "store: a deck needs a name");
    return QD_EINVAL;
  }
  int rc = store_deck_find(s, name, id);
  if (rc != QD_ENOTFOUND) return rc;
  TX_BEGIN(s);
  sqlite3_stmt *st = stmt(s, ST_DECK_INSERT);
  rc = st ? QD_OK : QD_EIO;
  if (!rc) {
    bind_text(st, 1, name);
    rc = exec_stmt(s, st, "create a deck");
  }
  if (!rc) {
    *id = sqlite3_last_insert_rowid(s->db);
    st = stmt(s, ST_DECK_SETTINGS_INSERT);
    rc = st ? QD_OK : QD_EIO;
    if (!rc) {
      sqlite3_bind_int64(st, 1, *id);
      rc = exec_stmt(s, st, "create the deck's settings");
    }
  }
  return tx_end(s, rc);
}

int store_deck_rename(Store *s, int64_t deck, const char *new_name) {
  if (!new_name || !new_name[0]) {
    set_err(s, "store: a deck needs a name");
    return QD_EINVAL;
  }
  int64_t other;
  int rc = store_deck_find(s, new_name, &other);
  if (rc == QD_OK) {
    set_err(s, "store: a deck named '%s' already exists in '%s'", new_name,
            s->path);
    return QD_EEXIST;
  }
  if (rc != QD_ENOTFOUND) return rc;
  TX_BEGIN(s);
  sqlite3_stmt *st = stmt(s, ST_DECK_RENAME);
  rc = st ? QD_OK : QD_EIO;
  if (!rc) {
    sqlite3_bind_int64(st, 1, deck);
    bind_text(st, 2, new_name);
    rc = exec_stmt(s, st, "rename a deck");
    if (!rc && sqlite3_changes(s->db) == 0) {
      set_err(s, "store: no deck %lld in '%s'", (long long)deck, s->path);
      rc = QD_ENOTFOUND;
    }
  }
  return tx_end(s, rc);
}

int store_deck_delete(Store *s, int64_t deck) {
  TX_BEGIN(s);
  sqlite3_stmt *st = stmt(s, ST_DECK_DELETE_FTS);
  int rc = st ? QD_OK : QD_EIO;
  if (!rc) {
    sqlite3_bind_int64(st, 1, deck);
    rc = exec_stmt(s, st, "delete a deck");
  }
  if (!rc && !(st = stmt(s, ST_DECK_DELETE))) rc = QD_EIO;
  if (!rc) {
    sqlite3_bind_int64(st, 1, deck);
    rc = exec_stmt(s, st, "delete a deck");
    if (!rc && sqlite3_changes(s->db) == 0) {
      set_err(s, "store: no deck %lld in '%s'", (long long)deck, s->path);
      rc = QD_ENOTFOUND;
    }
  }
  s->settings_deck = 0;
  return tx_end(s, rc);
}

int store_deck_merge(Store *s, int64_t from, int64_t into) {
  if (from == into) {
    set_err(s, "store: cannot merge a deck into itself");
    return QD_EINVAL;
  }
  TX_BEGIN(s);
  int64_t clashes = 0;
  sqlite3_stmt *st = stmt(s, ST_DECK_MERGE_NOTES_CLASH);
  int rc = st ? QD_OK : QD_EIO;
  if (!rc) {
    sqlite3_bind_int64(st, 1, from);
    sqlite3_bind_int64(st, 2, into);
    rc = query_id(s, st, &clashes, "merge decks");
  }
  if (!rc && clashes > 0) {
    set_err(s, "store: cannot merge: %lld notes exist in both decks",
            (long long)clashes);
    rc = QD_EEXIST;
  }
  static const StmtId steps[] = {ST_DECK_MERGE_NOTES, ST_DECK_MERGE_CARDS,
                                 ST_DECK_MERGE_LOG};
  for (size_t i = 0; !rc && i < sizeof steps / sizeof steps[0]; i++) {
    if (!(st = stmt(s, steps[i]))) { rc = QD_EIO; break; }
    sqlite3_bind_int64(st, 1, from);
    sqlite3_bind_int64(st, 2, into);
    rc = exec_stmt(s, st, "merge decks");
  }
  if (!rc && !(st = stmt(s, ST_DECK_DELETE))) rc = QD_EIO;
  if (!rc) {
    sqlite3_bind_int64(st, 1, from);
    rc = exec_stmt(s, st, "merge decks");
  }
  s->settings_deck = 0;
  return tx_end(s, rc);
}

static int count_query(Store *s, StmtId id, int64_t a, int64_t b, int64_t c,
                       int64_t d, int nargs, int *out) {
  sqlite3_stmt *st = stmt(s, id);
  if (!st) return QD_EIO;
  int64_t args[4] = {a, b, c, d};
  for (int i = 0; i < nargs; i++) sqlite3_bind_int64(st, i + 1, args[i]);
  int64_t v = 0;
  int rc = query_id(s, st, &v, "count cards");
  *out = (int)v;
  return rc == QD_ENOTFOUND ? QD_OK : rc;
}

int store_decks_list(Store *s, int64_t profile, int64_t now,
                     StoreDeckInfo **out, int *n) {
  sqlite3_stmt *st = stmt(s, ST_DECKS_LIST);
  if (!st) return QD_EIO;
  int cap = 8, len = 0, rc;
  StoreDeckInfo *v = calloc(cap, sizeof *v);
  if (!v) return QD_ENOMEM;
  while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
    if (len == cap) {
      StoreDeckInfo *nv = realloc(v, 2 * cap * sizeof *v);
      if (!nv) { rc = SQLITE_NOMEM; break; }
      memset(nv + cap, 0, cap * sizeof *v);
      v = nv;
      cap *= 2;
    }
    v[len].id = sqlite3_column_int64(st, 0);
    v[len].name = col_text(st, 1);
    len++;
  }
  sqlite3_reset(st);
  if (rc != SQLITE_DONE) {
    store_decks_free(v, len);
    return fail_sql(s, rc, "list decks");
  }
  rc = QD_OK;
  for (int i = 0; i < len && !rc; i++) {
    StoreDeckInfo *d = &v[i];
    StoreDeckSettings set;
    int new_done = 0, rev_done = 0;
    rc = store_deck_settings(s, d->id, &set);
    if (rc) break;
    int64_t day_end = sched_day_end(&set.sched, now);
    rc = store_done_today(s, profile, d->id, day_end - 86400, &new_done,
                          &rev_done);
    if (rc) break;
    int new_left = set.new_per_day - new_done;
    int rev_left = set.reviews_per_day - rev_done;
    if (new_left < 0) new_left = 0;
    if (rev_left < 0) rev_left = 0;
    rc = count_query(s, ST_DECK_NOTE_COUNT, d->id, 0, 0, 0, 1, &d->n_notes);
    if (!rc) {
      sqlite3_stmt *cs = stmt(s, ST_DECK_CARD_COUNT);
      if (!cs) { rc = QD_EIO; break; }
      sqlite3_bind_int64(cs, 1, profile);
      sqlite3_bind_int64(cs, 2, d->id);
      int r = sqlite3_step(cs);
      if (r == SQLITE_ROW) {
        d->n_cards = sqlite3_column_int(cs, 0);
        d->n_suspended = sqlite3_column_int(cs, 1);
      } else if (r != SQLITE_DONE) {
        rc = fail_sql(s, r, "count cards");
      }
      sqlite3_reset(cs);
    }
    if (!rc)
      rc = count_query(s, ST_COUNT_LEARNING, profile, d->id, day_end, 0, 3,
                       &d->n_learning);
    if (!rc)
      rc = count_query(s, ST_COUNT_DUE, profile, d->id, day_end, rev_left, 4,
                       &d->n_due);
    if (!rc)
      rc = count_query(s, ST_COUNT_NEW, profile, d->id, new_left, 0, 3,
                       &d->n_new);
  }
  if (rc) {
    store_decks_free(v, len);
    return rc;
  }
  *out = v;
  *n = len;
  return QD_OK;
}

void store_decks_free(StoreDeckInfo *d, int n) {
  if (!d) return;
  for (int i = 0; i < n; i++) free(d[i].name);
  free(d);
}

/* ---- deck settings ---------------------------------------------------- */

/* Parses "60 600" into steps (seconds). */
static int parse_steps(const char *text, int *steps, int max) {
  int n = 0;
  const char *p = text ? text : "";
  while (*p && n < max) {
    char *end;
    long v = strtol(p, &end, 10);
    if (end == p) break;
    if (v > 0 && v < 365L * 86400) steps[n++] = (int)v;
    p = end;
  }
  return n;
}

static void format_steps(const int *steps, int n, char *buf, size_t len) {
  size_t off = 0;
  buf[0] = '\0';
  for (int i = 0; i < n && off < len; i++)
    off += (size_t)snprintf(buf + off, len - off, i ? " %d" : "%d", steps[i]);
}

int store_deck_settings(Store *s, int64_t deck, StoreDeckSettings *out) {
  if (s->settings_deck == deck && deck != 0) {
    *out = s->settings;
    return QD_OK;
  }
  StoreDeckSettings d;
  memset(&d, 0, sizeof d);
  sched_config_default(&d.sched);
  d.sched.utc_offset = s->utc_offset;
  d.new_per_day = 20;
  d.reviews_per_day = 200;
  d.time_limit = 20;
  sqlite3_stmt *st = stmt(s, ST_SETTINGS_GET);
  if (!st) return QD_EIO;
  sqlite3_bind_int64(st, 1, deck);
  int rc = sqlite3_step(st);
  if (rc == SQLITE_ROW) {
    SchedConfig *c = &d.sched;
    c->algorithm = sqlite3_column_int(st, 0) == 1 ? SCHED_SM2 : SCHED_FSRS;
    c->desired_retention = sqlite3_column_double(st, 1);
    c->maximum_interval = sqlite3_column_int(st, 2);
    c->n_learn_steps = parse_steps((const char *)sqlite3_column_text(st, 3),
                                   c->learn_steps, SCHED_MAX_STEPS);
    c->n_relearn_steps = parse_steps((const char *)sqlite3_column_text(st, 4),
                                     c->relearn_steps, SCHED_MAX_STEPS);
    c->fuzz = sqlite3_column_int(st, 5);
    c->rollover_hour = sqlite3_column_int(st, 6);
    d.new_per_day = sqlite3_column_int(st, 7);
    d.reviews_per_day = sqlite3_column_int(st, 8);
    d.time_limit = sqlite3_column_int(st, 9);
    const char *w = (const char *)sqlite3_column_text(st, 10);
    if (w) {
      double tmp[FSRS_NPARAMS];
      int k = 0;
      const char *p = w;
      while (k < FSRS_NPARAMS) {
        char *end;
        double x = strtod(p, &end);
        if (end == p) break;
        tmp[k++] = x;
        p = end;
      }
      if (k == FSRS_NPARAMS) {
        memcpy(c->w, tmp, sizeof tmp);
        fsrs_clip_params(c->w, c->n_relearn_steps ? c->n_relearn_steps : 1);
      }
    }
    const char *sm2 = (const char *)sqlite3_column_text(st, 11);
    if (sm2) {
      double ie, hf, eb, im, lm;
      int gg, ge;
      if (sscanf(sm2, "%lf %d %d %lf %lf %lf %lf", &ie, &gg, &ge, &hf, &eb,
                 &im, &lm) == 7) {
        c->sm2_initial_ease = ie;
        c->sm2_graduating_good = gg;
        c->sm2_graduating_easy = ge;
        c->sm2_hard_factor = hf;
        c->sm2_easy_bonus = eb;
        c->sm2_interval_modifier = im;
        c->sm2_lapse_multiplier = lm;
      }
    }
    if (c->desired_retention < 0.5 || c->desired_retention > 0.999)
      c->desired_retention = 0.9;
    if (c->maximum_interval < 1) c->maximum_interval = 36500;
    if (c->rollover_hour < 0 || c->rollover_hour > 23) c->rollover_hour = 4;
  } else if (rc != SQLITE_DONE) {
    sqlite3_reset(st);
    return fail_sql(s, rc, "read deck settings");
  }
  sqlite3_reset(st);
  s->settings = d;
  s->settings_deck = deck;
  *out = d;
  return QD_OK;
}

int store_deck_set_settings(Store *s, int64_t deck,
                            const StoreDeckSettings *in) {
  const SchedConfig *c = &in->sched;
  char learn[128], relearn[128], w[FSRS_NPARAMS * 24], sm2[256];
  if (c->desired_retention < 0.5 || c->desired_retention > 0.999 ||
      c->maximum_interval < 1 || in->new_per_day < 0 ||
      in->reviews_per_day < 0) {
    set_err(s, "store: invalid deck settings");
    return QD_EINVAL;
  }
  format_steps(c->learn_steps, c->n_learn_steps, learn, sizeof learn);
  format_steps(c->relearn_steps, c->n_relearn_steps, relearn, sizeof relearn);
  size_t off = 0;
  for (int i = 0; i < FSRS_NPARAMS; i++)
    off += (size_t)snprintf(w + off, sizeof w - off, i ? " %.17g" : "%.17g",
                            c->w[i]);
  snprintf(sm2, sizeof sm2, "%.17g %d %d %.17g %.17g %.17g %.17g",
           c->sm2_initial_ease, c->sm2_graduating_good,
           c->sm2_graduating_easy, c->sm2_hard_factor, c->sm2_easy_bonus,
           c->sm2_interval_modifier, c->sm2_lapse_multiplier);
  TX_BEGIN(s);
  sqlite3_stmt *st = stmt(s, ST_SETTINGS_PUT);
  int rc = st ? QD_OK : QD_EIO;
  if (!rc) {
    sqlite3_bind_int64(st, 1, deck);
    sqlite3_bind_int(st, 2, c->algorithm == SCHED_SM2);
    sqlite3_bind_double(st, 3, c->desired_retention);
    sqlite3_bind_int(st, 4, c->maximum_interval);
    bind_text(st, 5, learn);
    bind_text(st, 6, relearn);
    sqlite3_bind_int(st, 7, c->fuzz != 0);
    sqlite3_bind_int(st, 8, c->rollover_hour);
    sqlite3_bind_int(st, 9, in->new_per_day);
    sqlite3_bind_int(st, 10, in->reviews_per_day);
    sqlite3_bind_int(st, 11, in->time_limit);
    bind_text(st, 12, w);
    bind_text(st, 13, sm2);
    rc = exec_stmt(s, st, "save deck settings");
  }
  s->settings_deck = 0;
  return tx_end(s, rc);
}

/* ---- notes ------------------------------------------------------------ */

void store_note_clear(StoreNote *n) {
  if (!n) return;
  free(n->guid);
  free(n->type);
  free(n->prompt);
  free(n->answer);
  for (int i = 0; i < n->n_aliases; i++) free(n->aliases[i]);
  free(n->aliases);
  for (int i = 0; i < n->n_distractors; i++) free(n->distractors[i]);
  free(n->distractors);
  free(n->explanation);
  for (int i = 0; i < n->n_sources; i++) {
    free(n->sources[i].article);
    free(n->sources[i].sentence);
  }
  free(n->sources);
  free(n->tags);
  memset(n, 0, sizeof *n);
}

void store_notes_free(StoreNote *notes, int n) {
  if (!notes) return;
  for (int i = 0; i < n; i++) store_note_clear(&notes[i]);
  free(notes);
}

/* Joins strings with LIST_SEP (malloc'd; "" for none). */
static char *join_list(char *const *v, int n) {
  size_t len = 1;
  for (int i = 0; i < n; i++) len += (v[i] ? strlen(v[i]) : 0) + 1;
  char *out = malloc(len), *p = out;
  if (!out) return NULL;
  for (int i = 0; i < n; i++) {
    if (i) *p++ = LIST_SEP;
    size_t l = v[i] ? strlen(v[i]) : 0;
    memcpy(p, v[i] ? v[i] : "", l);
    p += l;
  }
  *p = '\0';
  return out;
}

static int split_list(const char *text, char ***out, int *n) {
  *out = NULL;
  *n = 0;
  if (!text || !text[0]) return QD_OK;
  int count = 1;
  for (const char *p = text; *p; p++) count += *p == LIST_SEP;
  char **v = calloc(count, sizeof *v);
  if (!v) return QD_ENOMEM;
  const char *start = text;
  for (int i = 0; i < count; i++) {
    const char *end = strchr(start, LIST_SEP);
    size_t l = end ? (size_t)(end - start) : strlen(start);
    v[i] = malloc(l + 1);
    if (!v[i]) {
      for (int j = 0; j < i; j++) free(v[j]);
      free(v);
      return QD_ENOMEM;
    }
    memcpy(v[i], start, l);
    v[i][l] = '\0';
    start = end ? end + 1 : start + l;
  }
  *out = v;
  *n = count;
  return QD_OK;
}

static uint64_t fnv(uint64_t h, const char *str) {
  const unsigned char *p = (const unsigned char *)(str ? str : "\x01");
  while (*p) {
    h ^= *p++;
    h *= 1099511628211ULL;
  }
  h ^= 0xff; /* field separator */
  return h * 1099511628211ULL;
}

static int64_t note_hash(const StoreNote *n) {
  char num[64];
  uint64_t h = 1469598103934665603ULL;
  snprintf(num, sizeof num, "%d %d %.9g %d", (int)n->kind, n->time_limit,
           n->score, n->n_cards);
  h = fnv(h, num);
  h = fnv(h, n->type);
  h = fnv(h, n->prompt);
  h = fnv(h, n->answer);
  for (int i = 0; i < n->n_aliases; i++) h = fnv(h, n->aliases[i]);
  h = fnv(h, "|");
  for (int i = 0; i < n->n_distractors; i++) h = fnv(h, n->distractors[i]);
  h = fnv(h, n->explanation);
  h = fnv(h, n->tags);
  for (int i = 0; i < n->n_sources; i++) {
    h = fnv(h, n->sources[i].article);
    h = fnv(h, n->sources[i].sentence);
  }
  return (int64_t)(h & 0x7fffffffffffffffULL);
}

static int validate_note(Store *s, const StoreNote *n, int index) {
  if (!n->prompt || !n->answer) {
    set_err(s, "store: note %d has no %s", index + 1,
            n->prompt ? "answer" : "prompt");
    return QD_EINVAL;
  }
  if (n->kind < NOTE_QA || n->kind > NOTE_MCQ) {
    set_err(s, "store: note %d has an unknown kind %d", index + 1, n->kind);
    return QD_EINVAL;
  }
  if (n->n_cards < 0 || n->n_cards > 1000) {
    set_err(s, "store: note %d has %d cards", index + 1, n->n_cards);
    return QD_EINVAL;
  }
  return QD_OK;
}

/* Writes the note's sources and its full-text row, replacing the old ones
 * unless the note is new (`fresh`: nothing to delete). */
static int write_note_text(Store *s, int64_t id, const StoreNote *n,
                           int fresh) {
  sqlite3_stmt *st;
  int rc = QD_OK;
  if (!fresh) {
    if (!(st = stmt(s, ST_SOURCES_DELETE))) return QD_EIO;
    sqlite3_bind_int64(st, 1, id);
    rc = exec_stmt(s, st, "save a note's sources");
  }
  size_t srclen = 1;
  for (int i = 0; !rc && i < n->n_sources; i++) {
    if (!(st = stmt(s, ST_SOURCE_INSERT))) return QD_EIO;
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_int(st, 2, i);
    bind_text(st, 3, n->sources[i].article ? n->sources[i].article : "");
    bind_text(st, 4, n->sources[i].sentence ? n->sources[i].sentence : "");
    rc = exec_stmt(s, st, "save a note's sources");
    srclen += (n->sources[i].sentence ? strlen(n->sources[i].sentence) : 0) +
              (n->sources[i].article ? strlen(n->sources[i].article) : 0) + 2;
  }
  if (rc) return rc;
  if (!fresh) {
    if (!(st = stmt(s, ST_FTS_DELETE))) return QD_EIO;
    sqlite3_bind_int64(st, 1, id);
    if ((rc = exec_stmt(s, st, "index a note"))) return rc;
  }
  char *src = malloc(srclen), *p = src;
  if (!src) return QD_ENOMEM;
  for (int i = 0; i < n->n_sources; i++) {
    p += sprintf(p, "%s%s %s", i ? " " : "",
                 n->sources[i].article ? n->sources[i].article : "",
                 n->sources[i].sentence ? n->sources[i].sentence : "");
  }
  *p = '\0';
  if (!(st = stmt(s, ST_FTS_INSERT))) { free(src); return QD_EIO; }
  sqlite3_bind_int64(st, 1, id);
  bind_text(st, 2, n->prompt);
  bind_text(st, 3, n->answer);
  bind_text(st, 4, src);
  rc = exec_stmt(s, st, "index a note");
  free(src);
  return rc;
}

/* Binds the note's columns ?3..?14 (shared by insert and update). */
static int bind_note(sqlite3_stmt *st, const StoreNote *n, int64_t hash) {
  char *aliases = join_list(n->aliases, n->n_aliases);
  char *distractors = join_list(n->distractors, n->n_distractors);
  if (!aliases || !distractors) {
    free(aliases);
    free(distractors);
    return QD_ENOMEM;
  }
  sqlite3_bind_int(st, 3, (int)n->kind);
  bind_text(st, 4, n->type);
  bind_text(st, 5, n->prompt);
  bind_text(st, 6, n->answer);
  sqlite3_bind_text(st, 7, aliases, -1, free);
  sqlite3_bind_text(st, 8, distractors, -1, free);
  bind_text(st, 9, n->explanation);
  bind_text(st, 10, n->tags);
  sqlite3_bind_int(st, 11, n->time_limit);
  sqlite3_bind_double(st, 12, n->score);
  sqlite3_bind_int(st, 13, n->n_cards > 0 ? n->n_cards : 1);
  sqlite3_bind_int64(st, 14, hash);
  return QD_OK;
}

/* Every profile's id (a note gets a card per profile). */
typedef struct ProfileIds {
  int64_t *ids;
  int n;
} ProfileIds;

static int profile_ids(Store *s, ProfileIds *out) {
  sqlite3_stmt *st = stmt(s, ST_PROFILE_IDS);
  if (!st) return QD_EIO;
  return collect_ids(s, st, &out->ids, &out->n, "list profiles");
}

/* Creates missing cards (ords < n_cards) of a note for every profile. */
static int ensure_cards(Store *s, const ProfileIds *profiles, int64_t note,
                        int64_t deck, int n_cards) {
  sqlite3_stmt *st;
  int rc = QD_OK;
  for (int p = 0; !rc && p < profiles->n; p++) {
    for (int ord = 0; !rc && ord < (n_cards > 0 ? n_cards : 1); ord++) {
      if (!(st = stmt(s, ST_CARD_INSERT))) { rc = QD_EIO; break; }
      sqlite3_bind_int64(st, 1, note);
      sqlite3_bind_int64(st, 2, profiles->ids[p]);
      sqlite3_bind_int64(st, 3, deck);
      sqlite3_bind_int(st, 4, ord);
      rc = exec_stmt(s, st, "create a card");
    }
  }
  return rc;
}

/* The body of store_note_put without its transaction.  *outcome: 0 added,
 * 1 updated, 2 unchanged. */
static int put_note(Store *s, const ProfileIds *profiles, int64_t deck,
                    const StoreNote *n, int64_t *id, int *outcome) {
  int64_t hash = note_hash(n);
  int64_t existing = 0, old_hash = 0;
  int old_cards = 1;
  sqlite3_stmt *st;
  int rc;
  char guidbuf[40];
  const char *guid = n->guid;
  if (!guid || !guid[0]) {
    /* no key given: the content is the key */
    snprintf(guidbuf, sizeof guidbuf, "h%016llx", (unsigned long long)hash);
    guid = guidbuf;
  }
  if (!(st = stmt(s, ST_NOTE_FIND))) return QD_EIO;
  sqlite3_bind_int64(st, 1, deck);
  bind_text(st, 2, guid);
  rc = sqlite3_step(st);
  if (rc == SQLITE_ROW) {
    existing = sqlite3_column_int64(st, 0);
    old_hash = sqlite3_column_int64(st, 1);
    old_cards = sqlite3_column_int(st, 2);
  } else if (rc != SQLITE_DONE) {
    sqlite3_reset(st);
    return fail_sql(s, rc, "look up a note");
  }
  sqlite3_reset(st);

  if (existing && old_hash == hash) {
    *id = existing;
    *outcome = 2;
    return QD_OK;
  }
  if (!(st = stmt(s, existing ? ST_NOTE_UPDATE : ST_NOTE_INSERT)))
    return QD_EIO;
  if (existing) sqlite3_bind_int64(st, 1, existing);
  else bind_text(st, 2, guid);
  if (existing) sqlite3_bind_int64(st, 2, deck);
  else sqlite3_bind_int64(st, 1, deck);
  if ((rc = bind_note(st, n, hash))) return rc;
  if ((rc = exec_stmt(s, st, existing ? "update a note" : "add a note")))
    return rc;
  *id = existing ? existing : sqlite3_last_insert_rowid(s->db);
  *outcome = existing ? 1 : 0;
  if ((rc = write_note_text(s, *id, n, !existing))) return rc;
  int n_cards = n->n_cards > 0 ? n->n_cards : 1;
  if (!existing || n_cards > old_cards)
    rc = ensure_cards(s, profiles, *id, deck, n_cards);
  return rc;
}

int store_note_put(Store *s, int64_t deck, const StoreNote *note,
                   int64_t *id) {
  int rc = validate_note(s, note, 0);
  if (rc) return rc;
  int outcome;
  int64_t tmp;
  ProfileIds profiles = {NULL, 0};
  TX_BEGIN(s);
  rc = profile_ids(s, &profiles);
  if (!rc) rc = put_note(s, &profiles, deck, note, id ? id : &tmp, &outcome);
  free(profiles.ids);
  return tx_end(s, rc);
}

int store_deck_sync(Store *s, int64_t deck, const StoreNote *notes, int n,
                    int remove_missing, StoreSyncStats *stats) {
  StoreSyncStats st_ = {0, 0, 0, 0};
  for (int i = 0; i < n; i++) {
    int rc = validate_note(s, &notes[i], i);
    if (rc) return rc;
  }
  TX_BEGIN(s);
  int rc = exec_sql(s, "CREATE TEMP TABLE IF NOT EXISTS sync_seen("
                       "id INTEGER PRIMARY KEY); DELETE FROM sync_seen",
                    "synchronise a deck");
  sqlite3_stmt *seen = NULL;
  ProfileIds profiles = {NULL, 0};
  if (!rc) rc = profile_ids(s, &profiles);
  if (!rc) {
    int prc = sqlite3_prepare_v2(s->db, "INSERT OR IGNORE INTO sync_seen "
                                        "VALUES(?1)", -1, &seen, NULL);
    if (prc != SQLITE_OK) rc = fail_sql(s, prc, "synchronise a deck");
  }
  for (int i = 0; !rc && i < n; i++) {
    int64_t id;
    int outcome;
    rc = put_note(s, &profiles, deck, &notes[i], &id, &outcome);
    if (rc) break;
    if (outcome == 0) st_.added++;
    else if (outcome == 1) st_.updated++;
    else st_.unchanged++;
    sqlite3_bind_int64(seen, 1, id);
    rc = exec_stmt(s, seen, "synchronise a deck");
  }
  sqlite3_finalize(seen);
  free(profiles.ids);
  if (!rc && remove_missing) {
    sqlite3_stmt *del = NULL;
    int prc = sqlite3_prepare_v2(
        s->db,
        "DELETE FROM notes_fts WHERE rowid IN (SELECT id FROM notes WHERE "
        "deck = ?1 AND id NOT IN (SELECT id FROM sync_seen))",
        -1, &del, NULL);
    if (prc == SQLITE_OK) {
      sqlite3_bind_int64(del, 1, deck);
      rc = exec_stmt(s, del, "synchronise a deck");
    } else {
      rc = fail_sql(s, prc, "synchronise a deck");
    }
    sqlite3_finalize(del);
    del = NULL;
    if (!rc) {
      prc = sqlite3_prepare_v2(s->db,
                               "DELETE FROM notes WHERE deck = ?1 AND id NOT "
                               "IN (SELECT id FROM sync_seen)",
                               -1, &del, NULL);
      if (prc == SQLITE_OK) {
        sqlite3_bind_int64(del, 1, deck);
        rc = exec_stmt(s, del, "synchronise a deck");
        if (!rc) st_.removed = sqlite3_changes(s->db);
      } else {
        rc = fail_sql(s, prc, "synchronise a deck");
      }
      sqlite3_finalize(del);
    }
  }
  rc = tx_end(s, rc);
  if (!rc && stats) *stats = st_;
  return rc;
}

int store_note_get(Store *s, int64_t note_id, StoreNote *out) {
  memset(out, 0, sizeof *out);
  sqlite3_stmt *st = stmt(s, ST_NOTE_GET);
  if (!st) return QD_EIO;
  sqlite3_bind_int64(st, 1, note_id);
  int rc = sqlite3_step(st);
  if (rc != SQLITE_ROW) {
    sqlite3_reset(st);
    if (rc == SQLITE_DONE) {
      set_err(s, "store: no note %lld in '%s'", (long long)note_id, s->path);
      return QD_ENOTFOUND;
    }
    return fail_sql(s, rc, "read a note");
  }
  out->id = sqlite3_column_int64(st, 0);
  out->deck = sqlite3_column_int64(st, 1);
  out->guid = col_text(st, 2);
  out->kind = (NoteKind)sqlite3_column_int(st, 3);
  out->type = col_text(st, 4);
  out->prompt = col_text(st, 5);
  out->answer = col_text(st, 6);
  int e = split_list((const char *)sqlite3_column_text(st, 7), &out->aliases,
                     &out->n_aliases);
  if (!e)
    e = split_list((const char *)sqlite3_column_text(st, 8),
                   &out->distractors, &out->n_distractors);
  out->explanation = col_text(st, 9);
  out->tags = col_text(st, 10);
  out->time_limit = sqlite3_column_int(st, 11);
  out->score = sqlite3_column_double(st, 12);
  out->n_cards = sqlite3_column_int(st, 13);
  out->suspended = sqlite3_column_int(st, 14);
  sqlite3_reset(st);
  if (e || !out->prompt || !out->answer) {
    store_note_clear(out);
    return QD_ENOMEM;
  }
  if (!(st = stmt(s, ST_SOURCES_GET))) {
    store_note_clear(out);
    return QD_EIO;
  }
  sqlite3_bind_int64(st, 1, note_id);
  int cap = 0;
  while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
    if (out->n_sources == cap) {
      cap = cap ? 2 * cap : 2;
      StoreSource *v = realloc(out->sources, cap * sizeof *v);
      if (!v) { rc = SQLITE_NOMEM; break; }
      out->sources = v;
    }
    out->sources[out->n_sources].article = col_text(st, 0);
    out->sources[out->n_sources].sentence = col_text(st, 1);
    out->n_sources++;
  }
  sqlite3_reset(st);
  if (rc != SQLITE_DONE) {
    store_note_clear(out);
    return fail_sql(s, rc, "read a note's sources");
  }
  return QD_OK;
}

int store_note_delete(Store *s, int64_t note_id) {
  TX_BEGIN(s);
  sqlite3_stmt *st = stmt(s, ST_FTS_DELETE);
  int rc = st ? QD_OK : QD_EIO;
  if (!rc) {
    sqlite3_bind_int64(st, 1, note_id);
    rc = exec_stmt(s, st, "delete a note");
  }
  if (!rc && !(st = stmt(s, ST_NOTE_DELETE))) rc = QD_EIO;
  if (!rc) {
    sqlite3_bind_int64(st, 1, note_id);
    rc = exec_stmt(s, st, "delete a note");
    if (!rc && sqlite3_changes(s->db) == 0) {
      set_err(s, "store: no note %lld in '%s'", (long long)note_id, s->path);
      rc = QD_ENOTFOUND;
    }
  }
  return tx_end(s, rc);
}

int store_note_set_suspended(Store *s, int64_t note_id, int suspended) {
  TX_BEGIN(s);
  sqlite3_stmt *st = stmt(s, ST_NOTE_SUSPEND);
  int rc = st ? QD_OK : QD_EIO;
  if (!rc) {
    sqlite3_bind_int64(st, 1, note_id);
    sqlite3_bind_int(st, 2, suspended != 0);
    rc = exec_stmt(s, st, "suspend a note");
  }
  return tx_end(s, rc);
}

/* Turns free text into an FTS5 query of quoted prefix terms, so that user
 * input can never be read as FTS syntax. */
static char *fts_query(const char *q) {
  size_t len = strlen(q);
  char *out = malloc(len * 2 + 16), *p = out;
  if (!out) return NULL;
  const char *c = q;
  while (*c) {
    while (*c == ' ' || *c == '\t') c++;
    if (!*c) break;
    if (p != out) *p++ = ' ';
    *p++ = '"';
    while (*c && *c != ' ' && *c != '\t') {
      if (*c == '"') *p++ = '"';
      *p++ = *c++;
    }
    *p++ = '"';
    *p++ = '*';
  }
  *p = '\0';
  return out;
}

int store_notes_list(Store *s, int64_t deck, const char *query, int offset,
                     int limit, StoreNote **out, int *n) {
  *out = NULL;
  *n = 0;
  int use_fts = query && strspn(query, " \t") < strlen(query);
  sqlite3_stmt *st = stmt(s, use_fts ? ST_NOTES_SEARCH : ST_NOTES_PAGE);
  if (!st) return QD_EIO;
  sqlite3_bind_int64(st, 1, deck);
  sqlite3_bind_int(st, 2, offset < 0 ? 0 : offset);
  sqlite3_bind_int(st, 3, limit <= 0 ? INT_MAX : limit);
  if (use_fts) {
    char *fq = fts_query(query);
    if (!fq) return QD_ENOMEM;
    sqlite3_bind_text(st, 4, fq, -1, free);
  }
  int64_t *ids = NULL;
  int nids = 0;
  int rc = collect_ids(s, st, &ids, &nids, "list notes");
  if (rc) return rc;
  StoreNote *v = calloc(nids ? nids : 1, sizeof *v);
  if (!v) { free(ids); return QD_ENOMEM; }
  for (int i = 0; i < nids && !rc; i++) rc = store_note_get(s, ids[i], &v[i]);
  free(ids);
  if (rc) {
    store_notes_free(v, nids);
    return rc;
  }
  *out = v;
  *n = nids;
  return QD_OK;
}

/* ---- cards ------------------------------------------------------------ */

int store_card_get(Store *s, int64_t card_id, StoreCard *out) {
  sqlite3_stmt *st = stmt(s, ST_CARD_GET);
  if (!st) return QD_EIO;
  sqlite3_bind_int64(st, 1, card_id);
  int rc = sqlite3_step(st);
  if (rc != SQLITE_ROW) {
    sqlite3_reset(st);
    if (rc == SQLITE_DONE) {
      set_err(s, "store: no card %lld in '%s'", (long long)card_id, s->path);
      return QD_ENOTFOUND;
    }
    return fail_sql(s, rc, "read a card");
  }
  memset(out, 0, sizeof *out);
  SchedCard *c = &out->sched;
  c->id = sqlite3_column_int64(st, 0);
  out->note = sqlite3_column_int64(st, 1);
  out->deck = sqlite3_column_int64(st, 2);
  out->profile = sqlite3_column_int64(st, 3);
  out->ord = sqlite3_column_int(st, 4);
  int state = sqlite3_column_int(st, 5);
  c->state = (state >= 0 && state <= 3) ? (SchedState)state : SCHED_NEW;
  c->step = sqlite3_column_int(st, 6);
  c->stability = sqlite3_column_double(st, 7);
  c->difficulty = sqlite3_column_double(st, 8);
  c->ease = sqlite3_column_double(st, 9);
  c->due = sqlite3_column_int64(st, 10);
  c->last_review = sqlite3_column_int64(st, 11);
  c->scheduled_days = sqlite3_column_int(st, 12);
  c->reps = sqlite3_column_int(st, 13);
  c->lapses = sqlite3_column_int(st, 14);
  out->suspended = sqlite3_column_int(st, 15);
  sqlite3_reset(st);
  return QD_OK;
}

int store_cards_learning(Store *s, int64_t profile, int64_t deck,
                         int64_t until, int64_t **ids, int *n) {
  sqlite3_stmt *st = stmt(s, ST_CARDS_LEARNING);
  if (!st) return QD_EIO;
  sqlite3_bind_int64(st, 1, profile);
  sqlite3_bind_int64(st, 2, deck);
  sqlite3_bind_int64(st, 3, until);
  return collect_ids(s, st, ids, n, "list learning cards");
}

int store_cards_review_due(Store *s, int64_t profile, int64_t deck,
                           int64_t now, int64_t day_end, int limit,
                           int64_t **ids, int *n) {
  sqlite3_stmt *st = stmt(s, ST_CARDS_REVIEW);
  if (!st) return QD_EIO;
  sqlite3_bind_int64(st, 1, profile);
  sqlite3_bind_int64(st, 2, deck);
  /* elapsed in days relative to stability: divide by 86400 in SQL terms */
  sqlite3_bind_int64(st, 3, now);
  sqlite3_bind_int64(st, 4, day_end);
  sqlite3_bind_int(st, 5, limit < 0 ? 0 : limit);
  return collect_ids(s, st, ids, n, "list due cards");
}

int store_cards_new(Store *s, int64_t profile, int64_t deck, int limit,
                    int64_t **ids, int *n) {
  sqlite3_stmt *st = stmt(s, ST_CARDS_NEW);
  if (!st) return QD_EIO;
  sqlite3_bind_int64(st, 1, profile);
  sqlite3_bind_int64(st, 2, deck);
  sqlite3_bind_int(st, 3, limit < 0 ? 0 : limit);
  return collect_ids(s, st, ids, n, "list new cards");
}

int store_done_today(Store *s, int64_t profile, int64_t deck,
                     int64_t day_start, int *new_done, int *reviews_done) {
  sqlite3_stmt *st = stmt(s, ST_DONE_TODAY);
  if (!st) return QD_EIO;
  sqlite3_bind_int64(st, 1, profile);
  sqlite3_bind_int64(st, 2, deck);
  sqlite3_bind_int64(st, 3, day_start);
  int rc = sqlite3_step(st);
  if (rc == SQLITE_ROW) {
    *new_done = sqlite3_column_int(st, 0);
    *reviews_done = sqlite3_column_int(st, 1);
    rc = SQLITE_DONE;
  }
  sqlite3_reset(st);
  if (rc != SQLITE_DONE) return fail_sql(s, rc, "count today's reviews");
  return QD_OK;
}

static int write_card(Store *s, const SchedCard *c) {
  sqlite3_stmt *st = stmt(s, ST_CARD_UPDATE);
  if (!st) return QD_EIO;
  sqlite3_bind_int64(st, 1, c->id);
  sqlite3_bind_int(st, 2, (int)c->state);
  sqlite3_bind_int(st, 3, c->step);
  sqlite3_bind_double(st, 4, c->stability);
  sqlite3_bind_double(st, 5, c->difficulty);
  sqlite3_bind_double(st, 6, c->ease);
  sqlite3_bind_int64(st, 7, c->due);
  sqlite3_bind_int64(st, 8, c->last_review);
  sqlite3_bind_int(st, 9, c->scheduled_days);
  sqlite3_bind_int(st, 10, c->reps);
  sqlite3_bind_int(st, 11, c->lapses);
  return exec_stmt(s, st, "save a card");
}

int store_answer(Store *s, int64_t card_id, int rating, int64_t now,
                 int answer_ms, StudyMode mode, StoreCard *after) {
  if (rating < SCHED_AGAIN || rating > SCHED_EASY) {
    set_err(s, "store: rating %d is not 1..4", rating);
    return QD_EINVAL;
  }
  StoreCard card;
  StoreDeckSettings set;
  int rc = store_card_get(s, card_id, &card);
  if (!rc) rc = store_deck_settings(s, card.deck, &set);
  if (rc) return rc;
  SchedCard next;
  rc = sched_answer(&set.sched, &card.sched, rating, now, &next);
  if (rc) {
    set_err(s, "store: cannot schedule card %lld", (long long)card_id);
    return rc;
  }
  const SchedCard *b = &card.sched;
  int elapsed = 0;
  if (b->last_review > 0)
    elapsed = (int)(sched_day(&set.sched, now) -
                    sched_day(&set.sched, b->last_review));
  TX_BEGIN(s);
  rc = write_card(s, &next);
  sqlite3_stmt *st = NULL;
  if (!rc && !(st = stmt(s, ST_LOG_INSERT))) rc = QD_EIO;
  if (!rc) {
    sqlite3_bind_int64(st, 1, card_id);
    sqlite3_bind_int64(st, 2, card.profile);
    sqlite3_bind_int64(st, 3, card.deck);
    sqlite3_bind_int64(st, 4, now);
    sqlite3_bind_int(st, 5, rating);
    sqlite3_bind_int(st, 6, (int)b->state);
    sqlite3_bind_int(st, 7, elapsed);
    sqlite3_bind_int(st, 8, next.scheduled_days);
    sqlite3_bind_int(st, 9, answer_ms < 0 ? 0 : answer_ms);
    sqlite3_bind_int(st, 10, (int)mode);
    sqlite3_bind_int(st, 11, b->step);
    sqlite3_bind_double(st, 12, b->stability);
    sqlite3_bind_double(st, 13, b->difficulty);
    sqlite3_bind_double(st, 14, b->ease);
    sqlite3_bind_int64(st, 15, b->due);
    sqlite3_bind_int64(st, 16, b->last_review);
    sqlite3_bind_int(st, 17, b->scheduled_days);
    sqlite3_bind_int(st, 18, b->reps);
    sqlite3_bind_int(st, 19, b->lapses);
    rc = exec_stmt(s, st, "record an answer");
  }
  rc = tx_end(s, rc);
  if (!rc && after) {
    *after = card;
    after->sched = next;
  }
  return rc;
}

int store_undo(Store *s, int64_t profile, int64_t *card_id) {
  sqlite3_stmt *st = stmt(s, ST_LOG_LAST);
  if (!st) return QD_EIO;
  sqlite3_bind_int64(st, 1, profile);
  int rc = sqlite3_step(st);
  if (rc != SQLITE_ROW) {
    sqlite3_reset(st);
    if (rc == SQLITE_DONE) {
      set_err(s, "store: nothing to undo");
      return QD_ENOTFOUND;
    }
    return fail_sql(s, rc, "read the last answer");
  }
  int64_t log_id = sqlite3_column_int64(st, 0);
  SchedCard c;
  c.id = sqlite3_column_int64(st, 1);
  c.state = (SchedState)sqlite3_column_int(st, 2);
  c.step = sqlite3_column_int(st, 3);
  c.stability = sqlite3_column_double(st, 4);
  c.difficulty = sqlite3_column_double(st, 5);
  c.ease = sqlite3_column_double(st, 6);
  c.due = sqlite3_column_int64(st, 7);
  c.last_review = sqlite3_column_int64(st, 8);
  c.scheduled_days = sqlite3_column_int(st, 9);
  c.reps = sqlite3_column_int(st, 10);
  c.lapses = sqlite3_column_int(st, 11);
  sqlite3_reset(st);
  TX_BEGIN(s);
  rc = write_card(s, &c);
  if (!rc && !(st = stmt(s, ST_LOG_DELETE))) rc = QD_EIO;
  if (!rc) {
    sqlite3_bind_int64(st, 1, log_id);
    rc = exec_stmt(s, st, "undo an answer");
  }
  rc = tx_end(s, rc);
  if (!rc && card_id) *card_id = c.id;
  return rc;
}

/* ---- review history of a note ----------------------------------------- */

int store_note_find(Store *s, int64_t deck, const char *guid, int64_t *id) {
  sqlite3_stmt *st = stmt(s, ST_NOTE_FIND);
  if (!st) return QD_EIO;
  sqlite3_bind_int64(st, 1, deck);
  bind_text(st, 2, guid ? guid : "");
  int rc = query_id(s, st, id, "look up a note");
  if (rc == QD_ENOTFOUND)
    set_err(s, "store: no note '%s' in deck %lld of '%s'", guid ? guid : "",
            (long long)deck, s->path);
  return rc;
}

void store_history_free(StoreCardHistory *h, int n) {
  if (!h) return;
  for (int i = 0; i < n; i++) {
    free(h[i].profile);
    free(h[i].reviews);
  }
  free(h);
}

/* Reads one card's review-log rows, oldest first, into h. */
static int history_log(Store *s, StoreCardHistory *h) {
  sqlite3_stmt *st = stmt(s, ST_HISTORY_LOG);
  if (!st) return QD_EIO;
  sqlite3_bind_int64(st, 1, h->sched.id);
  int cap = 0, rc;
  while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
    if (h->n_reviews == cap) {
      int nc = cap ? cap * 2 : 8;
      StoreHistoryReview *v = realloc(h->reviews, (size_t)nc * sizeof *v);
      if (!v) {
        sqlite3_reset(st);
        return QD_ENOMEM;
      }
      h->reviews = v;
      cap = nc;
    }
    StoreHistoryReview *x = &h->reviews[h->n_reviews++];
    memset(x, 0, sizeof *x);
    StoreReview *r = &x->review;
    SchedCard *b = &x->before;
    r->id = sqlite3_column_int64(st, 0);
    r->card = h->sched.id;
    r->time = sqlite3_column_int64(st, 1);
    r->rating = sqlite3_column_int(st, 2);
    r->state_before = sqlite3_column_int(st, 3);
    r->elapsed_days = sqlite3_column_int(st, 4);
    r->scheduled_days = sqlite3_column_int(st, 5);
    r->answer_ms = sqlite3_column_int(st, 6);
    r->mode = sqlite3_column_int(st, 7);
    b->id = h->sched.id;
    b->state = (r->state_before >= 0 && r->state_before <= 3)
                   ? (SchedState)r->state_before : SCHED_NEW;
    b->step = sqlite3_column_int(st, 8);
    b->stability = sqlite3_column_double(st, 9);
    b->difficulty = sqlite3_column_double(st, 10);
    b->ease = sqlite3_column_double(st, 11);
    b->due = sqlite3_column_int64(st, 12);
    b->last_review = sqlite3_column_int64(st, 13);
    b->scheduled_days = sqlite3_column_int(st, 14);
    b->reps = sqlite3_column_int(st, 15);
    b->lapses = sqlite3_column_int(st, 16);
  }
  sqlite3_reset(st);
  if (rc != SQLITE_DONE) return fail_sql(s, rc, "read the review log");
  return QD_OK;
}

int store_note_history(Store *s, int64_t note, StoreCardHistory **out,
                       int *n) {
  *out = NULL;
  *n = 0;
  int64_t deck_unused;
  sqlite3_stmt *st = stmt(s, ST_NOTE_DECK_CARDS);
  if (!st) return QD_EIO;
  sqlite3_bind_int64(st, 1, note);
  int rc = query_id(s, st, &deck_unused, "look up a note");
  if (rc == QD_ENOTFOUND)
    set_err(s, "store: no note %lld in '%s'", (long long)note, s->path);
  if (rc) return rc;
  if (!(st = stmt(s, ST_HISTORY_CARDS))) return QD_EIO;
  sqlite3_bind_int64(st, 1, note);
  StoreCardHistory *v = NULL;
  int len = 0, cap = 0;
  while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
    if (len == cap) {
      int nc = cap ? cap * 2 : 4;
      StoreCardHistory *nv = realloc(v, (size_t)nc * sizeof *nv);
      if (!nv) {
        rc = QD_ENOMEM;
        break;
      }
      v = nv;
      cap = nc;
    }
    StoreCardHistory *h = &v[len++];
    memset(h, 0, sizeof *h);
    SchedCard *c = &h->sched;
    c->id = sqlite3_column_int64(st, 0);
    h->profile = col_text(st, 1);
    h->ord = sqlite3_column_int(st, 2);
    int state = sqlite3_column_int(st, 3);
    c->state = (state >= 0 && state <= 3) ? (SchedState)state : SCHED_NEW;
    c->step = sqlite3_column_int(st, 4);
    c->stability = sqlite3_column_double(st, 5);
    c->difficulty = sqlite3_column_double(st, 6);
    c->ease = sqlite3_column_double(st, 7);
    c->due = sqlite3_column_int64(st, 8);
    c->last_review = sqlite3_column_int64(st, 9);
    c->scheduled_days = sqlite3_column_int(st, 10);
    c->reps = sqlite3_column_int(st, 11);
    c->lapses = sqlite3_column_int(st, 12);
    h->suspended = sqlite3_column_int(st, 13) != 0;
    if (!h->profile) {
      rc = QD_ENOMEM;
      break;
    }
  }
  sqlite3_reset(st);
  if (rc == SQLITE_DONE) rc = QD_OK;
  else if (rc != QD_ENOMEM) rc = fail_sql(s, rc, "read a note's cards");
  for (int i = 0; !rc && i < len; i++) rc = history_log(s, &v[i]);
  if (rc) {
    if (rc == QD_ENOMEM) set_err(s, "store: out of memory");
    store_history_free(v, len);
    return rc;
  }
  *out = v;
  *n = len;
  return QD_OK;
}

#define STORE_MAX_TIME INT64_C(1000000000000) /* as sched_answer: 10^12 s */

/* Checks a scheduling state from outside; "" when fine, else the field. */
static const char *bad_sched(const SchedCard *c, int check_due) {
  if ((int)c->state < SCHED_NEW || (int)c->state > SCHED_RELEARNING)
    return "state";
  if (c->step < 0) return "step";
  if (!(c->stability >= 0 && c->stability < 1e9)) return "stability";
  if (!(c->difficulty >= 0 && c->difficulty <= 10)) return "difficulty";
  if (!(c->ease >= 0 && c->ease < 1e3)) return "ease";
  if (check_due && (c->due < 0 || c->due > STORE_MAX_TIME)) return "due";
  if (c->last_review < 0 || c->last_review > STORE_MAX_TIME)
    return "last_review";
  if (c->scheduled_days < 0) return "scheduled_days";
  if (c->reps < 0) return "reps";
  if (c->lapses < 0) return "lapses";
  return "";
}

static int check_history(Store *s, int64_t note, const StoreCardHistory *h) {
  const char *bad;
  if (!h->profile || !h->profile[0]) {
    set_err(s, "store: note %lld: a card's history needs a profile name",
            (long long)note);
    return QD_EINVAL;
  }
  if (h->ord < 0) {
    set_err(s, "store: note %lld: card ord %d is negative", (long long)note,
            h->ord);
    return QD_EINVAL;
  }
  if (*(bad = bad_sched(&h->sched, h->sched.state != SCHED_NEW))) {
    set_err(s, "store: note %lld, profile '%s', card %d: bad %s",
            (long long)note, h->profile, h->ord, bad);
    return QD_EINVAL;
  }
  if (h->n_reviews < 0 || (h->n_reviews > 0 && !h->reviews)) return QD_EINVAL;
  for (int i = 0; i < h->n_reviews; i++) {
    const StoreReview *r = &h->reviews[i].review;
    bad = "";
    if (r->time < 0 || r->time > STORE_MAX_TIME) bad = "time";
    else if (r->rating < SCHED_AGAIN || r->rating > SCHED_EASY) bad = "rating";
    else if (r->state_before < SCHED_NEW || r->state_before > SCHED_RELEARNING)
      bad = "state_before";
    else if (r->scheduled_days < 0) bad = "scheduled_days";
    else if (r->answer_ms < 0) bad = "answer_ms";
    else if (r->mode < STUDY_FLIP || r->mode > STUDY_PRESENT) bad = "mode";
    else bad = bad_sched(&h->reviews[i].before, 1);
    if (*bad) {
      set_err(s, "store: note %lld, profile '%s', card %d, review %d: bad %s",
              (long long)note, h->profile, h->ord, i + 1, bad);
      return QD_EINVAL;
    }
  }
  return QD_OK;
}

/* The body of store_card_restore, inside its transaction. */
static int restore_card(Store *s, int64_t note, const StoreCardHistory *h,
                        StoreRestoreStats *acc) {
  int64_t deck = 0, profile = 0, card = 0, here_last = 0;
  int n_cards = 1, rc;
  sqlite3_stmt *st = stmt(s, ST_NOTE_DECK_CARDS);
  if (!st) return QD_EIO;
  sqlite3_bind_int64(st, 1, note);
  rc = sqlite3_step(st);
  if (rc == SQLITE_ROW) {
    deck = sqlite3_column_int64(st, 0);
    n_cards = sqlite3_column_int(st, 1);
  }
  sqlite3_reset(st);
  if (rc == SQLITE_DONE) {
    set_err(s, "store: no note %lld in '%s'", (long long)note, s->path);
    return QD_ENOTFOUND;
  }
  if (rc != SQLITE_ROW) return fail_sql(s, rc, "look up a note");
  if (h->ord >= (n_cards > 0 ? n_cards : 1)) {
    set_err(s, "store: note %lld has %d card%s, no card %d", (long long)note,
            n_cards, n_cards == 1 ? "" : "s", h->ord);
    return QD_EINVAL;
  }
  if ((rc = store_profile_ensure(s, h->profile, &profile))) return rc;
  /* the profile's cards exist for every note; this only repairs a gap */
  if (!(st = stmt(s, ST_CARD_INSERT))) return QD_EIO;
  sqlite3_bind_int64(st, 1, note);
  sqlite3_bind_int64(st, 2, profile);
  sqlite3_bind_int64(st, 3, deck);
  sqlite3_bind_int(st, 4, h->ord);
  if ((rc = exec_stmt(s, st, "create a card"))) return rc;
  if (!(st = stmt(s, ST_CARD_FIND))) return QD_EIO;
  sqlite3_bind_int64(st, 1, note);
  sqlite3_bind_int64(st, 2, profile);
  sqlite3_bind_int(st, 3, h->ord);
  rc = sqlite3_step(st);
  if (rc == SQLITE_ROW) {
    card = sqlite3_column_int64(st, 0);
    here_last = sqlite3_column_int64(st, 1);
  }
  sqlite3_reset(st);
  if (rc != SQLITE_ROW) return fail_sql(s, rc, "look up a card");

  const SchedCard *c = &h->sched;
  if (here_last > c->last_review) {
    acc->cards_kept++;
  } else {
    if (!(st = stmt(s, ST_CARD_RESTORE))) return QD_EIO;
    sqlite3_bind_int64(st, 1, card);
    sqlite3_bind_int(st, 2, (int)c->state);
    sqlite3_bind_int(st, 3, c->step);
    sqlite3_bind_double(st, 4, c->stability);
    sqlite3_bind_double(st, 5, c->difficulty);
    sqlite3_bind_double(st, 6, c->ease);
    /* a new card's due is its place in this database's new-card queue */
    sqlite3_bind_int64(st, 7, c->state == SCHED_NEW ? note : c->due);
    sqlite3_bind_int64(st, 8, c->last_review);
    sqlite3_bind_int(st, 9, c->scheduled_days);
    sqlite3_bind_int(st, 10, c->reps);
    sqlite3_bind_int(st, 11, c->lapses);
    sqlite3_bind_int(st, 12, h->suspended != 0);
    if ((rc = exec_stmt(s, st, "restore a card"))) return rc;
    acc->cards++;
  }
  for (int i = 0; i < h->n_reviews; i++) {
    const StoreReview *r = &h->reviews[i].review;
    const SchedCard *b = &h->reviews[i].before;
    if (!(st = stmt(s, ST_LOG_EXISTS))) return QD_EIO;
    sqlite3_bind_int64(st, 1, card);
    sqlite3_bind_int64(st, 2, r->time);
    sqlite3_bind_int(st, 3, r->rating);
    rc = sqlite3_step(st);
    sqlite3_reset(st);
    if (rc == SQLITE_ROW) {
      acc->reviews_present++;
      continue;
    }
    if (rc != SQLITE_DONE) return fail_sql(s, rc, "read the review log");
    if (!(st = stmt(s, ST_LOG_INSERT))) return QD_EIO;
    sqlite3_bind_int64(st, 1, card);
    sqlite3_bind_int64(st, 2, profile);
    sqlite3_bind_int64(st, 3, deck);
    sqlite3_bind_int64(st, 4, r->time);
    sqlite3_bind_int(st, 5, r->rating);
    sqlite3_bind_int(st, 6, r->state_before);
    sqlite3_bind_int(st, 7, r->elapsed_days);
    sqlite3_bind_int(st, 8, r->scheduled_days);
    sqlite3_bind_int(st, 9, r->answer_ms);
    sqlite3_bind_int(st, 10, r->mode);
    sqlite3_bind_int(st, 11, b->step);
    sqlite3_bind_double(st, 12, b->stability);
    sqlite3_bind_double(st, 13, b->difficulty);
    sqlite3_bind_double(st, 14, b->ease);
    sqlite3_bind_int64(st, 15, b->state == SCHED_NEW ? note : b->due);
    sqlite3_bind_int64(st, 16, b->last_review);
    sqlite3_bind_int(st, 17, b->scheduled_days);
    sqlite3_bind_int(st, 18, b->reps);
    sqlite3_bind_int(st, 19, b->lapses);
    if ((rc = exec_stmt(s, st, "restore the review log"))) return rc;
    acc->reviews++;
  }
  return QD_OK;
}

int store_card_restore(Store *s, int64_t note, const StoreCardHistory *h,
                       StoreRestoreStats *stats) {
  int rc = check_history(s, note, h);
  if (rc) return rc;
  StoreRestoreStats acc = {0, 0, 0, 0};
  TX_BEGIN(s);
  rc = tx_end(s, restore_card(s, note, h, &acc));
  if (!rc && stats) {
    stats->cards += acc.cards;
    stats->cards_kept += acc.cards_kept;
    stats->reviews += acc.reviews;
    stats->reviews_present += acc.reviews_present;
  }
  return rc;
}

/* ---- statistics ------------------------------------------------------- */

/* Runs an ad-hoc statistics query (prepared per call: not on a hot path)
 * with ?1 profile, ?2 deck (0 = all), ?3..?5 extra int64s. */
static int stats_query(Store *s, const char *sql, int64_t profile,
                       int64_t deck, int64_t a, int64_t b, int64_t c,
                       sqlite3_stmt **out) {
  int rc = sqlite3_prepare_v2(s->db, sql, -1, out, NULL);
  if (rc != SQLITE_OK) return fail_sql(s, rc, "compute statistics");
  sqlite3_bind_int64(*out, 1, profile);
  sqlite3_bind_int64(*out, 2, deck);
  sqlite3_bind_int64(*out, 3, a);
  sqlite3_bind_int64(*out, 4, b);
  sqlite3_bind_int64(*out, 5, c);
  return QD_OK;
}

/* Two spellings of each statistics query: one for a deck, one for all
 * decks ("?2 = 0 OR deck = ?2" would keep SQLite from using the indexes). */
#define DECK_FILTER " AND deck = ?2"
#define ANY_DECK ""
#define STATS_SQL(deck, head, tail)                                           \
  ((deck) ? head DECK_FILTER tail : head ANY_DECK tail)

int store_stats(Store *s, int64_t profile, int64_t deck, int64_t now,
                StoreStats *out) {
  memset(out, 0, sizeof *out);
  StoreDeckSettings set;
  int rc = store_deck_settings(s, deck, &set);
  if (rc) return rc;
  int64_t day_end = sched_day_end(&set.sched, now);
  int64_t today = day_end - 86400;
  sqlite3_stmt *st = NULL;

  /* today's reviews */
  rc = stats_query(s, STATS_SQL(deck, "SELECT count(*), coalesce(sum(rating "
                      "> 1), 0) FROM review_log WHERE profile = ?1 AND time "
                      ">= ?3", ""),
                   profile, deck, today, 0, 0, &st);
  if (rc) return rc;
  if (sqlite3_step(st) == SQLITE_ROW) {
    out->reviews_today = sqlite3_column_int(st, 0);
    out->correct_today = sqlite3_column_int(st, 1);
  }
  sqlite3_finalize(st);

  /* cards by state */
  rc = stats_query(s, STATS_SQL(deck, "SELECT state, suspended, count(*) "
                      "FROM cards WHERE profile = ?1",
                      " GROUP BY state, suspended"),
                   profile, deck, 0, 0, 0, &st);
  if (rc) return rc;
  while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
    int state = sqlite3_column_int(st, 0), susp = sqlite3_column_int(st, 1);
    int cnt = sqlite3_column_int(st, 2);
    if (susp) out->suspended += cnt;
    else if (state >= 0 && state < 4) out->cards_by_state[state] += cnt;
  }
  sqlite3_finalize(st);
  if (rc != SQLITE_DONE) return fail_sql(s, rc, "compute statistics");

  /* reviews per day and true retention over the last 30 days */
  rc = stats_query(s, STATS_SQL(deck, "SELECT (time - ?3) / 86400, "
                      "count(*), coalesce(sum(state_before = 2), 0), "
                      "coalesce(sum(state_before = 2 AND rating > 1), 0) "
                      "FROM review_log WHERE profile = ?1 AND time >= ?3",
                      " GROUP BY 1"),
                   profile, deck, today - 29 * 86400, 0, 0, &st);
  if (rc) return rc;
  while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
    int d = sqlite3_column_int(st, 0);
    if (d >= 0 && d < 30) out->reviews_per_day[d] += sqlite3_column_int(st, 1);
    out->mature_reviews_30d += sqlite3_column_int(st, 2);
    out->mature_correct_30d += sqlite3_column_int(st, 3);
  }
  sqlite3_finalize(st);
  if (rc != SQLITE_DONE) return fail_sql(s, rc, "compute statistics");

  /* due forecast: learning and review cards by day, overdue into today */
  rc = stats_query(s, STATS_SQL(deck, "SELECT max(0, (due - ?3) / 86400), "
                      "count(*) FROM cards WHERE profile = ?1",
                      " AND state > 0 AND suspended = 0 AND due < ?4 "
                      "GROUP BY 1"),
                   profile, deck, today, today + 30 * 86400, 0, &st);
  if (rc) return rc;
  while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
    int d = sqlite3_column_int(st, 0);
    if (d >= 0 && d < 30) out->due_per_day[d] += sqlite3_column_int(st, 1);
  }
  sqlite3_finalize(st);
  if (rc != SQLITE_DONE) return fail_sql(s, rc, "compute statistics");

  /* retention by elapsed interval, over the last year's review answers */
  rc = stats_query(s, STATS_SQL(deck, "SELECT CASE WHEN elapsed_days < 1 "
                      "THEN 0 WHEN elapsed_days < 7 THEN 1 WHEN elapsed_days "
                      "< 30 THEN 2 WHEN elapsed_days < 90 THEN 3 WHEN "
                      "elapsed_days < 365 THEN 4 ELSE 5 END, count(*), "
                      "coalesce(sum(rating > 1), 0) FROM review_log WHERE "
                      "profile = ?1 AND time >= ?3",
                      " AND state_before = 2 GROUP BY 1"),
                   profile, deck, today - 365 * 86400, 0, 0, &st);
  if (rc) return rc;
  while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
    int b = sqlite3_column_int(st, 0);
    if (b >= 0 && b < 6) {
      out->retention_bins[b] = sqlite3_column_int(st, 1);
      out->retention_bins_ok[b] = sqlite3_column_int(st, 2);
    }
  }
  sqlite3_finalize(st);
  if (rc != SQLITE_DONE) return fail_sql(s, rc, "compute statistics");
  return QD_OK;
}

int store_most_missed(Store *s, int64_t profile, int64_t deck, int limit,
                      StoreMissed **out, int *n) {
  *out = NULL;
  *n = 0;
  sqlite3_stmt *st = NULL;
  int rc = stats_query(
      s,
      "SELECT n.id, n.prompt, n.answer, count(*) AS reviews, "
      "sum(r.rating = 1) AS misses FROM review_log r "
      "JOIN cards c ON c.id = r.card JOIN notes n ON n.id = c.note "
      "WHERE r.profile = ?1 AND (?2 = 0 OR r.deck = ?2) GROUP BY n.id "
      "HAVING misses > 0 ORDER BY 1.0 * misses / reviews DESC, misses DESC "
      "LIMIT ?3",
      profile, deck, limit > 0 ? limit : 10, 0, 0, &st);
  if (rc) return rc;
  int cap = limit > 0 ? limit : 10, len = 0;
  StoreMissed *v = calloc(cap, sizeof *v);
  if (!v) { sqlite3_finalize(st); return QD_ENOMEM; }
  while ((rc = sqlite3_step(st)) == SQLITE_ROW && len < cap) {
    v[len].note = sqlite3_column_int64(st, 0);
    v[len].prompt = col_text(st, 1);
    v[len].answer = col_text(st, 2);
    v[len].reviews = sqlite3_column_int(st, 3);
    v[len].misses = sqlite3_column_int(st, 4);
    len++;
  }
  sqlite3_finalize(st);
  if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
    store_missed_free(v, len);
    return fail_sql(s, rc, "compute statistics");
  }
  *out = v;
  *n = len;
  return QD_OK;
}

void store_missed_free(StoreMissed *m, int n) {
  if (!m) return;
  for (int i = 0; i < n; i++) {
    free(m[i].prompt);
    free(m[i].answer);
  }
  free(m);
}

/* ---- key/value settings ------------------------------------------------ */

int store_setting_get(Store *s, const char *key, char **value) {
  *value = NULL;
  sqlite3_stmt *st = stmt(s, ST_SETTING_GET);
  if (!st) return QD_EIO;
  bind_text(st, 1, key);
  int rc = sqlite3_step(st);
  if (rc == SQLITE_ROW) {
    *value = col_text(st, 0);
    sqlite3_reset(st);
    return *value ? QD_OK : QD_ENOMEM;
  }
  sqlite3_reset(st);
  if (rc == SQLITE_DONE) return QD_ENOTFOUND;
  return fail_sql(s, rc, "read a setting");
}

int store_setting_set(Store *s, const char *key, const char *value) {
  TX_BEGIN(s);
  sqlite3_stmt *st = stmt(s, ST_SETTING_PUT);
  int rc = st ? QD_OK : QD_EIO;
  if (!rc) {
    bind_text(st, 1, key);
    bind_text(st, 2, value ? value : "");
    rc = exec_stmt(s, st, "save a setting");
  }
  return tx_end(s, rc);
}
