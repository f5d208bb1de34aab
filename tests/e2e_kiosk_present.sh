#!/usr/bin/env bash
# e2e_kiosk_present.sh - the projector quiz for real: quizdeck --present
# under Xvfb, driven like a presentation clicker with xdotool (Page Down /
# Right = next, Page Up = back, B = black screen, 1/2 = team right).
#
#   e2e_kiosk_present.sh QUIZDECK E2E_MKDB ARTIFACT_DIR
#
# Runs five questions with two teams: question, reveal, teams, scoreboard,
# next; checks the app's log says each question was shown and the quiz
# ended after five, that Esc twice leaves with exit code 0, and that the
# teams' answers were recorded (stats --kiosk).  Screenshots (F12) go to
# ARTIFACT_DIR as e2e_present_*.png.  Exit 77 = skipped.
set -u
QD=$1 MKDB=$2 OUT=$3
for t in Xvfb xdotool; do
  command -v "$t" >/dev/null || { echo "e2e_present: $t not installed: skipped"; exit 77; }
done
mkdir -p "$OUT"
work=$(mktemp -d /tmp/qd-e2e-present.XXXXXX)
xpid='' qpid=''
cleanup() {
  [ -n "$qpid" ] && kill "$qpid" 2>/dev/null
  [ -n "$xpid" ] && kill "$xpid" 2>/dev/null
  wait 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT
fail() {
  echo "e2e_present: FAIL: $*" >&2
  echo "--- app log ---" >&2
  cat "$work/log" >&2 2>/dev/null
  exit 1
}
wait_log() {
  for _ in $(seq $(( $2 * 10 ))); do
    grep -q -- "$1" "$work/log" 2>/dev/null && return 0
    sleep 0.1
  done
  fail "no '$1' in the log after $2 s"
}
nshot=0
shot() {
  nshot=$((nshot + 1))
  local f
  xdotool key F12
  for _ in $(seq 50); do
    f=$(ls "$work"/shots/quizdeck-$(printf %02d $nshot)-*.png 2>/dev/null | head -1)
    [ -n "$f" ] && break
    sleep 0.1
  done
  [ -n "$f" ] || fail "screenshot $1 was not saved"
  mv "$f" "$OUT/e2e_present_$1.png"
}
click() { xdotool key "$1"; sleep 0.3; }

Xvfb -displayfd 3 -screen 0 1280x720x24 -nolisten tcp 3>"$work/display" \
  2>"$work/xvfb.log" &
xpid=$!
for _ in $(seq 50); do [ -s "$work/display" ] && break; sleep 0.1; done
[ -s "$work/display" ] || fail "Xvfb did not start: $(cat "$work/xvfb.log")"
export DISPLAY=":$(cat "$work/display")"
export SDL_VIDEODRIVER=x11

db="$work/p.db"
"$MKDB" "$db" 24 "World news" >/dev/null || fail "cannot make the database"
mkdir -p "$work/shots"
"$QD" --db "$db" --present --deck "World news" --questions 5 --teams 2 \
  --shot-dir="$work/shots" 2>"$work/log" &
qpid=$!
wid=$(timeout 20 xdotool search --sync --onlyvisible --name quizdeck | head -1)
[ -n "$wid" ] || fail "no projector window"
xdotool getwindowgeometry "$wid" | grep -q "1280x720" || fail "not full screen"
wait_log "present: question 1 of 5" 5
sleep 0.5
for i in 1 2 3 4 5; do
  wait_log "present: question $i of 5" 5
  [ "$i" -le 2 ] && shot "q${i}_question"
  if [ "$i" = 2 ]; then click Right; else click Next; fi   # reveal
  [ "$i" = 1 ] && shot "q1_reveal"
  click Page_Down                                           # teams
  click 1                                                   # team 1 right
  [ "$i" -ge 3 ] && click 2                                 # team 2 too
  [ "$i" = 3 ] && shot "q3_teams"
  if [ "$i" = 4 ]; then                                     # black screen
    click b
    wait_log "screen blanked" 5
    shot "q4_black"
    click Page_Down                                         # un-blank
    click Page_Up                                           # back to reveal
    click Page_Down                                         # teams again
  fi
  click Page_Down                                           # scoreboard
  [ "$i" = 3 ] && shot "q3_scores"
  click Page_Down                                           # next
done
wait_log "present: quiz over (5 questions)" 5
sleep 0.3
shot "end"
kill -0 "$qpid" 2>/dev/null || fail "quit early"
click Escape
kill -0 "$qpid" 2>/dev/null || fail "one Esc left the quiz"
click Escape
for _ in $(seq 50); do kill -0 "$qpid" 2>/dev/null || break; sleep 0.1; done
kill -0 "$qpid" 2>/dev/null && fail "Esc twice did not leave"
wait "$qpid"
rc=$?
qpid=''
[ "$rc" = 0 ] || fail "exit code $rc"
"$QD" --db "$db" stats --kiosk >"$work/stats" 2>&1 || fail "stats: $(cat "$work/stats")"
grep -q "Reviews today: 10 " "$work/stats" ||
  fail "expected 10 team answers (5 questions x 2 teams): $(cat "$work/stats")"
grep -q "(8 correct" "$work/stats" ||
  fail "expected 8 right (team 1: 5, team 2: 3): $(cat "$work/stats")"
cp "$work/log" "$OUT/e2e_present.log"
echo "e2e_present: ok ($(ls "$OUT"/e2e_present_*.png | wc -l) screenshots in $OUT)"
