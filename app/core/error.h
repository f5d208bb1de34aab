/* error.h - the one error table of quizdeck.
 *
 * Every fallible function in the core returns 0 on success or one of the
 * negative QD_E* codes below; handles keep a human message of the last
 * failure (store_errmsg, ...).  The X-macro generates the enum and the
 * strings so the two can never drift apart. */
#ifndef QD_ERROR_H
#define QD_ERROR_H

#define QD_ERRNO_MAP(X)                                              \
  X(ENOMEM,    -1, "out of memory")                                  \
  X(EIO,       -2, "input/output error")                             \
  X(ENOTDB,    -3, "file is not a quizdeck database")                \
  X(ECORRUPT,  -4, "database file is corrupt")                       \
  X(ENEWER,    -5, "database is from a newer version of quizdeck")   \
  X(EREADONLY, -6, "file is read-only")                              \
  X(EFULL,     -7, "disk is full")                                   \
  X(EBUSY,     -8, "database is locked by another program")          \
  X(EINVAL,    -9, "invalid argument")                               \
  X(ENOTFOUND, -10, "not found")                                     \
  X(EEXIST,    -11, "already exists")                                \
  X(EPARSE,    -12, "malformed input")                               \
  X(EUTF8,     -13, "invalid UTF-8")                                 \
  X(ETOOBIG,   -14, "input too large")                               \
  X(EUNSUPPORTED, -15, "unsupported format")                         \
  X(ECANCELED, -16, "canceled")

typedef enum {
  QD_OK = 0,
#define QD_ERR_ENUM_(name, code, msg) QD_##name = (code),
  QD_ERRNO_MAP(QD_ERR_ENUM_)
#undef QD_ERR_ENUM_
} QdError;

/* Static English text for an error code; never NULL. */
const char *qd_strerror(int code);

#endif
