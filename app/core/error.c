#include "error.h"

const char *qd_strerror(int code) {
  switch (code) {
  case QD_OK: return "success";
#define QD_ERR_STR_(name, c, msg) case QD_##name: return msg;
    QD_ERRNO_MAP(QD_ERR_STR_)
#undef QD_ERR_STR_
  default: return "unknown error";
  }
}
