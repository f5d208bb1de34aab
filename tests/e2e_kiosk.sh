#!/usr/bin/env bash
# e2e_kiosk.sh - the kiosk station for real: quizdeck --kiosk under Xvfb,
# driven with xdotool (real X input through the XTEST extension).
#
#   e2e_kiosk.sh QUIZDECK E2E_MKDB WMCLOSE ARTIFACT_DIR
#
# Checks: Escape, Alt+F4, Ctrl+Q, Alt+Tab, Super and the window's close
# button (WM_DELETE_WINDOW) do not end the kiosk; a tap starts a player
# and key 1 answers; after --idle-seconds without input it returns to the
# welcome screen and clears the player; Ctrl+Alt+Q held two seconds opens
# the PIN prompt, a wrong PIN keeps it locked, the right one exits 0; the
# answers show up in `quizdeck stats --kiosk`.  Screenshots (F12) of each
# screen are kept in ARTIFACT_DIR as e2e_kiosk_*.png.  Exit 77 = skipped.
set -u
QD=$1 MKDB=$2 WMCLOSE=$3 OUT=$4
for t in Xvfb xdotool; do
  command -v "$t" >/dev/null || { echo "e2e_kiosk: $t not installed: skipped"; exit 77; }
done
mkdir -p "$OUT"
work=$(mktemp -d /tmp/qd-e2e-kiosk.XXXXXX)
xpid='' qpid=''
cleanup() {
  [ -n "$qpid" ] && kill "$qpid" 2>/dev/null
  [ -n "$xpid" ] && kill "$xpid" 2>/dev/null
  wait 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT
fail() {
  echo "e2e_kiosk: FAIL: $*" >&2
  echo "--- app log ---" >&2
  cat "$work/log" >&2 2>/dev/null
  exit 1
}
# waits up to $2 seconds for the app log to contain $1
wait_log() {
  for _ in $(seq $(( $2 * 10 ))); do
    grep -q -- "$1" "$work/log" 2>/dev/null && return 0
    sleep 0.1
  done
  fail "no '$1' in the log after $2 s"
}
alive() { kill -0 "$qpid" 2>/dev/null || fail "quizdeck exited: $1"; }
nshot=0
shot() { # F12 makes the app save the frame; keep it under a name
  nshot=$((nshot + 1))
  local f
  xdotool key F12
  for _ in $(seq 50); do
    f=$(ls "$work"/shots/quizdeck-$(printf %02d $nshot)-*.png 2>/dev/null | head -1)
    [ -n "$f" ] && break
    sleep 0.1
  done
  [ -n "$f" ] || fail "screenshot $1 was not saved"
  mv "$f" "$OUT/e2e_kiosk_$1.png"
}

# an X server of our own
Xvfb -displayfd 3 -screen 0 1280x800x24 -nolisten tcp 3>"$work/display" \
  2>"$work/xvfb.log" &
xpid=$!
for _ in $(seq 50); do [ -s "$work/display" ] && break; sleep 0.1; done
[ -s "$work/display" ] || fail "Xvfb did not start: $(cat "$work/xvfb.log")"
export DISPLAY=":$(cat "$work/display")"
export SDL_VIDEODRIVER=x11

db="$work/k.db"
"$MKDB" "$db" 24 "World news" >/dev/null || fail "cannot make the database"
"$QD" --db "$db" --set-pin 12 2>"$work/pin.err" && fail "a 2-digit PIN was accepted"
grep -q "4 to 12 digits" "$work/pin.err" || fail "bad PIN message: $(cat "$work/pin.err")"
"$QD" --db "$db" --set-pin 1234 2>/dev/null || fail "--set-pin 1234 failed"
if command -v sqlite3 >/dev/null; then
  stored=$(sqlite3 "$db" "SELECT value FROM settings WHERE key = 'kiosk.pin'")
  case "$stored" in
    qdpin1\$argon2id\$*) ;;
    *) fail "the PIN is not stored as a salted hash: '$stored'" ;;
  esac
fi

mkdir -p "$work/shots"
"$QD" --db "$db" --kiosk --deck "World news" --idle-seconds 6 \
  --shot-dir="$work/shots" 2>"$work/log" &
qpid=$!
wid=$(timeout 20 xdotool search --sync --onlyvisible --name quizdeck | head -1)
[ -n "$wid" ] || fail "no kiosk window"
geom=$(xdotool getwindowgeometry "$wid")
echo "$geom" | grep -q "1280x800" || fail "not full screen: $geom"
sleep 1
shot 1_attract

# a student taps the screen and answers with key 1
xdotool mousemove --window "$wid" 640 400 click 1
wait_log "player 1 started" 5
sleep 0.5
shot 2_question
xdotool key 1
sleep 0.5
shot 3_reveal

# locked: none of these leave
for k in Escape alt+F4 ctrl+q alt+Tab super ctrl+alt+BackSpace F2 ctrl+equal; do
  xdotool key "$k"
  sleep 0.2
  alive "after $k"
done
"$WMCLOSE" "$wid" || fail "cannot press the close button"
sleep 0.5
alive "after the window's close button"

# idle: back to the welcome screen, the player forgotten
wait_log "back to the welcome screen, player cleared" 15
sleep 0.5
alive "after the idle reset"
shot 4_after_idle

# the teacher: chord held two seconds, wrong PIN, right PIN
xdotool keydown ctrl+alt+q
sleep 2.6
xdotool keyup ctrl+alt+q
wait_log "PIN prompt open" 5
sleep 0.3
shot 5_pin
xdotool type --delay 80 9999
sleep 0.3
shot 6_pin_typed
xdotool key Return
wait_log "wrong PIN" 10
sleep 0.3
alive "after a wrong PIN"
shot 7_pin_wrong
xdotool type --delay 80 1234
xdotool key Return
for _ in $(seq 100); do kill -0 "$qpid" 2>/dev/null || break; sleep 0.1; done
kill -0 "$qpid" 2>/dev/null && fail "the right PIN did not exit"
wait "$qpid"
rc=$?
qpid=''
[ "$rc" = 0 ] || fail "exit code $rc after the right PIN"
grep -q "unlocked with the teacher PIN" "$work/log" || fail "no unlock in the log"

# students cannot change the station's settings (F2 contrast, Ctrl+= size)
if command -v sqlite3 >/dev/null; then
  n=$(sqlite3 "$db" "SELECT count(*) FROM settings WHERE key IN ('high_contrast', 'ui_scale')")
  [ "$n" = 0 ] || fail "a student changed the kiosk's settings"
fi

# the teacher's view of what the class missed
"$QD" --db "$db" stats --kiosk >"$work/stats" 2>&1 || fail "stats --kiosk: $(cat "$work/stats")"
grep -q "Profile: kiosk" "$work/stats" || fail "stats: $(cat "$work/stats")"
grep -Eq "Reviews today: [1-9]" "$work/stats" || fail "no kiosk answers recorded: $(cat "$work/stats")"
cp "$work/log" "$OUT/e2e_kiosk.log"
echo "e2e_kiosk: ok ($(ls "$OUT"/e2e_kiosk_*.png | wc -l) screenshots in $OUT)"
