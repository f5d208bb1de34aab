#!/bin/bash
# e2e_study.sh - the real quizdeck binary in a real X window (Xvfb), driven
# with real input (xdotool keys, typing and mouse clicks): make a profile,
# choose a deck, study ten cards in each mode (flip, multiple choice,
# typed), undo once, look at the summary and the statistics, quit.  Then
# the database (sqlite3 CLI) must hold ten reviews per mode with the right
# ratings.  Screenshots of every screen go to the artifacts directory.
#
#   e2e_study.sh QUIZDECK E2E_MKDB ARTIFACTS_DIR
#
# The app's --trace file says what is on screen (card shown, correct
# option, answer, button positions), so the script knows what to press;
# it never writes to the database itself.
set -euo pipefail

BIN=$1
MKDB=$2
ART=$3
E2E_NAME=e2e_study
# shellcheck source=e2e_lib.sh
source "$(dirname "$0")/e2e_lib.sh"
e2e_need_tools

"$MKDB" "$DB" 40 "E2E deck" >/dev/null
e2e_start_x
"$BIN" --db "$DB" --size 1024x700 --shot-dir="$ART" --trace="$TRACE" \
  >"$WORK/app.log" 2>&1 &
APID=$!
e2e_find_window
wait_for "^layout profiles" 0

# --- profile: the name field is open on a new database ----------------------
xdotool type --delay 20 "Student"
wait_for "^layout profiles" "$(($(lines) - 1))"
shot
press "^screen decks" Return
wait_for "^layout decks" "$(($(lines) - 1))"

# --- flip: choose the mode with the mouse, study with the keyboard ------------
click_until 8 0 "^layout decks"   # CMD_MODE, flip
shot
press "^card " Return
FLIP="3 3 1 3 4 3 2 3 3 3"
i=0
for r in $FLIP; do
  i=$((i + 1))
  [ $i -eq 1 ] && shot      # the question
  press "^revealed" space
  [ $i -eq 1 ] && shot
  case $i in
    1) key=Return ;;  # Enter grades Good
    2) key=space ;;   # so does Space
    *) key=$r ;;
  esac
  if [ $i -eq 10 ]; then
    # grade Easy by mistake, undo with Ctrl+Z, grade again
    press "^answered 4" 4
    press "^card " ctrl+z
    press "^revealed" space
  fi
  press "^answered $r" "$key"
done
press "^screen summary" Escape
shot
press "^screen decks" Return

# --- multiple choice: 1-4 keys and mouse clicks, three wrong on purpose ------
press "^layout decks" c
press "^card " Return
for i in $(seq 10); do
  c=$(last "card " | awk '{print $4}')
  [ "$c" -ge 1 ] || fail "no correct option in the trace"
  if [ $((i % 3)) -eq 2 ]; then pick=$(( c % 4 + 1 )); else pick=$c; fi
  n=$(lines)
  if [ $((i % 2)) -eq 0 ]; then
    wait_for "^layout study" "$((n - 1))"
    click_until 12 $((pick - 1)) "^answered"   # CMD_CHOICE
  else
    press "^answered" "$pick"
  fi
  [ $i -eq 1 ] && shot
  press "^card \|^screen summary" space
done
press "^screen summary" Escape
press "^screen decks" Return

# --- typed: exact, sloppy (case, punctuation), aliases, dates, misses --------
press "^layout decks" t
press "^card " Return
for i in $(seq 10); do
  line=$(last "card ")
  ans=$(printf '%s' "$line" | cut -d' ' -f5- | cut -f1)
  alias=$(printf '%s' "$line" | cut -f2)
  case "$ans" in
    "27 April 2018") typed="2018-04-27" ;;                   # another date form
    *) if printf '%s' "$ans" | LC_ALL=C grep -q '[^ -~]'; then
         typed="$alias"                                       # Hangul/kanji: the alias
       elif [ $((i % 2)) -eq 0 ]; then
         typed="$(printf '%s' "$ans" | tr '[:upper:]' '[:lower:]')."  # case + punctuation
       else
         typed="$ans"
       fi ;;
  esac
  if [ $((i % 3)) -eq 0 ]; then typed="nothing like it"; fi
  n=$(lines)
  xdotool type --delay 15 -- "$typed"
  sleep 0.1
  [ $i -eq 1 ] && shot      # typing
  press "^answered" Return
  [ $i -eq 3 ] && shot      # a miss, with the diff
  [ $i -eq 4 ] && shot      # a hit
  press "^card \|^screen summary" Return
done
press "^screen summary" Escape
shot
press "^screen stats" s
shot
press "^screen decks" Escape
n=$(lines)
xdotool key ctrl+q
for _ in $(seq 200); do
  kill -0 "$APID" 2>/dev/null || break
  sleep 0.05
done
kill -0 "$APID" 2>/dev/null && fail "the app did not quit on Ctrl+Q"
wait "$APID" || fail "the app exited with an error: $(cat "$WORK/app.log")"
APID=

# --- the database ------------------------------------------------------------
q() { sqlite3 -batch -noheader "$DB" "$1"; }
flip=$(q "SELECT group_concat(rating, ' ') FROM (SELECT rating FROM review_log WHERE mode = 0 ORDER BY id);")
[ "$flip" = "$FLIP" ] || fail "flip ratings '$flip', want '$FLIP'"
for mode in 1 2; do
  cnt=$(q "SELECT count(*) FROM review_log WHERE mode = $mode;")
  [ "$cnt" = 10 ] || fail "mode $mode: $cnt reviews, want 10"
  again=$(q "SELECT count(*) FROM review_log WHERE mode = $mode AND rating = 1;")
  [ "$again" = 3 ] || fail "mode $mode: $again answers graded Again, want 3"
  # right answers are graded by time: <4 s Easy, 4-15 s Good, >15 s Hard
  bad=$(q "SELECT count(*) FROM review_log WHERE mode = $mode AND rating <> 1 AND NOT ((answer_ms < 4000 AND rating = 4) OR (answer_ms BETWEEN 4000 AND 15000 AND rating = 3) OR (answer_ms > 15000 AND rating = 2));")
  [ "$bad" = 0 ] || fail "mode $mode: $bad right answers graded against the time rule"
done
total=$(q "SELECT count(*) FROM review_log;")
[ "$total" = 30 ] || fail "$total reviews in all, want 30 (the undone one must be gone)"
shots=$(count_shots)
[ "$shots" -ge 10 ] || fail "only $shots screenshots"
echo "e2e: 30 reviews (10 flip, 10 choice, 10 typed) with the right ratings; $shots screenshots in $ART"
