/* cli.h - the command-line face of quizdeck (no SDL).
 *
 *   quizdeck [--db PATH] [--profile NAME] decks
 *   quizdeck [--db PATH] [--profile NAME] stats [DECK] [--kiosk]
 *   quizdeck [--db PATH] import FILE [--deck NAME] [--dry-run]
 *   quizdeck [--db PATH] export DECK FILE [--format tsv|deck] [--with-history]
 *   quizdeck [--db PATH] rename OLD NEW | delete DECK [--yes] | merge FROM INTO
 *
 * Global options may stand before or after the subcommand. */
#ifndef QD_CLI_H
#define QD_CLI_H

#include <stdint.h>

/* Options every subcommand shares, parsed out of argv by cli_dispatch. */
typedef struct CliGlobals {
  const char *db_path; /* --db, or NULL for store_default_path() */
  const char *profile; /* --profile, default "default" */
  int64_t now;         /* current unix time (read once in cli_dispatch) */
  int utc_offset;      /* local time zone offset in seconds east of UTC */
} CliGlobals;

/* Handles argv when it names a subcommand: returns 1 and sets *exit_code
 * (0 success, 1 failure, 2 usage).  Returns 0 when argv holds no
 * subcommand, so the caller starts the GUI. */
int cli_dispatch(int argc, char **argv, int *exit_code);

/* Opens the database the globals name (--db, else the default path) with
 * store_open flags and the local time zone; prints the one-line error and
 * returns NULL on failure.  Caller closes. */
struct Store *cli_open_store(const CliGlobals *g, int flags);

/* Subcommands implemented in other files of app/ (teachers' decks):
 * argv[0] is the subcommand name, globals already removed.  Each returns
 * the exit code. */
int cli_cmd_import(const CliGlobals *g, int argc, char **argv);
int cli_cmd_export(const CliGlobals *g, int argc, char **argv);
int cli_cmd_rename(const CliGlobals *g, int argc, char **argv);
int cli_cmd_delete(const CliGlobals *g, int argc, char **argv);
int cli_cmd_merge(const CliGlobals *g, int argc, char **argv);

#endif
