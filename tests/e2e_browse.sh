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
mkdir -p "$ART"
WORK=$(mktemp -d)
DB=$WORK/e2e.db
TRACE=$WORK/trace.log
XPID=
APID=

cleanup() {
  [ -n "$APID" ] && kill "$APID" 2>/dev/null || true
  [ -n "$XPID" ] && kill "$XPID" 2>/dev/null || true
  if [ -n "${KEEP_WORK:-}" ]; then echo "kept $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT

fail() {
  echo "e2e_browse: FAIL: $*" >&2
  echo "--- trace (last 15 lines) ---" >&2
  tail -n 15 "$TRACE" | cut -c1-200 >&2 || true
  exit 1
}

for tool in Xvfb xdotool sqlite3; do
  command -v "$tool" >/dev/null || { echo "e2e_browse: $tool is not installed"; exit 77; }
done

"$MKDB" "$DB" 40 "E2E deck" >/dev/null

exec 5>"$WORK/display"
Xvfb -displayfd 5 -screen 0 1280x800x24 -nolisten tcp >"$WORK/xvfb.log" 2>&1 &
XPID=$!
for _ in $(seq 100); do
  [ -s "$WORK/display" ] && break
  sleep 0.05
done
[ -s "$WORK/display" ] || fail "Xvfb did not start"
export DISPLAY=":$(head -n1 "$WORK/display")"
unset WAYLAND_DISPLAY
export SDL_VIDEODRIVER=x11

"$BIN" --db "$DB" --profile Teacher --size 1024x700 --shot-dir="$ART" \
  --trace="$TRACE" >"$WORK/app.log" 2>&1 &
APID=$!

lines() { [ -f "$TRACE" ] && wc -l <"$TRACE" || echo 0; }

wait_for() {
  local pat=$1 after=$2
  for _ in $(seq 400); do
    if tail -n +"$((after + 1))" "$TRACE" 2>/dev/null | grep -q -- "$pat"; then
      return 0
    fi
    kill -0 "$APID" 2>/dev/null || fail "the app exited while waiting for '$pat'"
    sleep 0.025
  done
  fail "timed out waiting for '$pat'"
}

press() {
  local pat=$1; shift
  local n
  n=$(lines)
  xdotool key --delay 30 "$@"
  wait_for "$pat" "$n"
}

last() { grep -- "^$1" "$TRACE" | tail -n 1; }

count_shots() { find "$ART" -maxdepth 1 -name 'quizdeck-*.png' | wc -l; }

shot() {
  local before after
  before=$(count_shots)
  sleep 0.2
  xdotool key F12
  for _ in $(seq 200); do
    after=$(count_shots)
    [ "$after" -gt "$before" ] && return 0
    sleep 0.025
  done
  fail "no screenshot"
}

button_at() {
  last "layout" | tr ' ' '\n' | awk -F: -v c="$1" -v a="$2" \
    '$1 == c && $2 == a { print $3, $4; exit }'
}

click_until() {
  local n X Y
  for _ in 1 2 3 4 5; do
    n=$(lines)
    read -r X Y < <(button_at "$1" "$2") || true
    [ -n "${X:-}" ] || fail "no button $1:$2 on the screen"
    xdotool mousemove --window "$WID" "$X" "$Y" click 1
    for _ in $(seq 40); do
      tail -n +"$((n + 1))" "$TRACE" | grep -q -- "$3" && return 0
      sleep 0.025
    done
  done
  fail "clicking $1:$2 never gave '$3'"
}

q() { sqlite3 "$DB" "$1"; }

rm -f "$ART"/quizdeck-*.png
WID=
for _ in $(seq 200); do
  WID=$(xdotool search --onlyvisible --name '^quizdeck$' 2>/dev/null | head -n1) && [ -n "$WID" ] && break
  kill -0 "$APID" 2>/dev/null || fail "the app did not start: $(cat "$WORK/app.log")"
  sleep 0.05
done
[ -n "$WID" ] || fail "no window"
xdotool windowfocus --sync "$WID" || xdotool windowfocus "$WID"
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
