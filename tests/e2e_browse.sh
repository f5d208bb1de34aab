#!/bin/bash
# e2e_browse.sh - the deck browser in the real quizdeck binary, in a real X
# window (Xvfb), driven with real input (xdotool clicks, keys and typing):
# open a deck's browser with the mouse, search (typed letters stay in the
# field: 's' does not suspend), edit a question, suspend and unsuspend it,
# delete another card after the confirmation, go back with Esc, come back
# with Ctrl+B.  Then the database (sqlite3 CLI) must hold exactly that.
# Screenshots go to the artifacts directory.
#
#   e2e_browse.sh QUIZDECK E2E_MKDB ARTIFACTS_DIR
#
# The app's --trace file says what is on screen and which note each action
# touched; the script never writes to the database itself.
set -euo pipefail

BIN=$1
MKDB=$2
ART=$3
E2E_NAME=e2e_browse
# shellcheck source=e2e_lib.sh
source "$(dirname "$0")/e2e_lib.sh"
e2e_need_tools

"$MKDB" "$DB" 40 "E2E deck" >/dev/null
e2e_start_x
"$BIN" --db "$DB" --profile Teacher --size 1024x700 --shot-dir="$ART" \
  --trace="$TRACE" >"$WORK/app.log" 2>&1 &
APID=$!
q() { sqlite3 "$DB" "$1"; }
e2e_find_window
wait_for "^layout decks" 0

# Command ids (app.h): CMD_BROWSE = 22 on the deck list.
click_until 22 0 "^screen browse"
wait_for "^layout browse" 0
shot

# --- search: the sources are searched; letters are text, not shortcuts ------
press "^layout browse" slash
xdotool type --delay 40 "states number 17 plainly"
sleep 0.3
press "^layout browse" Return
grep -q "browse suspended" "$TRACE" && fail "a letter typed in the search suspended a card"
shot

# --- edit the one match --------------------------------------------------
press "^layout browse" Return
press "^layout browse" End
xdotool type --delay 30 " (checked)"
press "^browse saved" Return
ID=$(last "browse saved" | awk '{print $3}')
[ -n "$ID" ] || fail "no note saved"
PROMPT=$(q "SELECT prompt FROM notes WHERE id = $ID")
[ "$PROMPT" = "Question 17: which answer goes with fact number 17 of the summit coverage? (checked)" ] ||
  fail "saved prompt is '$PROMPT'"
[ "$(q "SELECT count(*) FROM notes")" = 40 ] || fail "the edit made a new note"

# --- suspend, unsuspend, suspend --------------------------------------------
press "^browse suspended $ID" s
[ "$(q "SELECT min(suspended) FROM cards WHERE note = $ID")" = 1 ] || fail "not suspended"
shot
press "^browse unsuspended $ID" s
[ "$(q "SELECT max(suspended) FROM cards WHERE note = $ID")" = 0 ] || fail "not unsuspended"
press "^browse suspended $ID" s

# --- delete another card: Esc keeps it, Enter deletes ------------------------
press "^layout browse" slash             # clear the search: the whole deck
press "^layout browse" Escape
press "^layout browse" Escape
press "^layout browse" Home Down Down
press "^layout browse" Delete
shot
press "^layout browse" Escape
[ "$(q "SELECT count(*) FROM notes")" = 40 ] || fail "Esc deleted the card"
press "^layout browse" Delete
press "^browse deleted" Return
DEL=$(last "browse deleted" | awk '{print $3}')
[ "$(q "SELECT count(*) FROM notes WHERE id = $DEL")" = 0 ] || fail "note $DEL still there"
[ "$(q "SELECT count(*) FROM notes")" = 39 ] || fail "not exactly one note deleted"
[ "$(q "SELECT count(*) FROM cards WHERE note = $DEL")" = 0 ] || fail "cards of $DEL left"

# --- back to the decks, and in again with Ctrl+B ---------------------------
press "^screen decks" Escape
press "^screen browse" ctrl+b
shot
press "^screen decks" Escape
xdotool key ctrl+q
for _ in $(seq 200); do
  kill -0 "$APID" 2>/dev/null || break
  sleep 0.025
done
kill -0 "$APID" 2>/dev/null && fail "the app did not quit"
APID=
# still suspended after all that, in the database
[ "$(q "SELECT min(suspended) FROM cards WHERE note = $ID")" = 1 ] || fail "suspension lost"
echo "e2e_browse: ok (edited, suspended $ID; deleted $DEL; $(count_shots) screenshots)"
