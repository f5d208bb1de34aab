#!/bin/bash
# e2e_lib.sh - sourced by the end-to-end tests: a private Xvfb, the app's
# --trace file (what is on screen, where each button is) and real input
# with xdotool.  The sourcing script sets E2E_NAME, BIN and ART first, then
# calls e2e_start_x, starts the app (APID=$!) and calls e2e_find_window.

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
  echo "$E2E_NAME: FAIL: $*" >&2
  echo "--- trace (last 15 lines) ---" >&2
  tail -n 15 "$TRACE" | cut -c1-200 >&2 || true
  exit 1
}

lines() { [ -f "$TRACE" ] && wc -l <"$TRACE" || echo 0; }

# Waits until the trace has a line matching $1 after line $2.
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

# Presses keys and waits for the trace line they cause.
press() {
  local pat=$1; shift
  local n
  n=$(lines)
  xdotool key --delay 30 "$@"
  wait_for "$pat" "$n"
}

# The latest line starting with $1.
last() { grep -- "^$1" "$TRACE" | tail -n 1; }

count_shots() { find "$ART" -maxdepth 1 -name 'quizdeck-*.png' | wc -l; }

shot() {
  local before after
  before=$(count_shots)
  sleep 0.2 # let the entrance animation settle
  xdotool key F12
  for _ in $(seq 200); do
    after=$(count_shots)
    [ "$after" -gt "$before" ] && return 0
    sleep 0.025
  done
  fail "no screenshot"
}

# Centre of the button with command $1 and argument $2 on the last layout.
button_at() {
  last "layout" | tr ' ' '\n' | awk -F: -v c="$1" -v a="$2" \
    '$1 == c && $2 == a { print $3, $4; exit }'
}

# Clicks the button (command $1, argument $2) until the trace shows $3:
# the layout can move under the pointer when a message goes away.
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

# Skips the test (CTest exit 77) when a tool is missing.
e2e_need_tools() {
  for tool in Xvfb xdotool sqlite3 "$@"; do
    command -v "$tool" >/dev/null || { echo "$E2E_NAME: $tool is not installed"; exit 77; }
  done
}

# A private X server on the first free display; the app runs on it.
e2e_start_x() {
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
}

# Waits for the app's window and focuses it (sets WID).
e2e_find_window() {
  rm -f "$ART"/quizdeck-*.png
  WID=
  for _ in $(seq 200); do
    WID=$(xdotool search --onlyvisible --name '^quizdeck$' 2>/dev/null | head -n1) && [ -n "$WID" ] && break
    kill -0 "$APID" 2>/dev/null || fail "the app did not start: $(cat "$WORK/app.log")"
    sleep 0.05
  done
  [ -n "$WID" ] || fail "no window"
  xdotool windowfocus --sync "$WID" || xdotool windowfocus "$WID"
}
