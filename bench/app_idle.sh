#!/bin/bash
# app_idle.sh - CPU used by the study app while nobody touches it, in a
# real X window (Xvfb): it must sleep in SDL_WaitEvent.  Prints
#   app_idle_cpu_percent   CPU time / wall time over 5 s, on the study screen
#   app_idle_rss_mb        resident memory at that point
#   app_idle_wakeups       voluntary context switches in those 5 s
#   app_idle.sh QUIZDECK E2E_MKDB
set -euo pipefail
BIN=$1
MKDB=$2
command -v Xvfb >/dev/null || { echo "app_idle: Xvfb not installed" >&2; exit 0; }
WORK=$(mktemp -d)
XPID=
APID=
cleanup() {
  [ -n "$APID" ] && kill "$APID" 2>/dev/null || true
  [ -n "$XPID" ] && kill "$XPID" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT
"$MKDB" "$WORK/idle.db" 50 "Idle deck" >/dev/null
exec 5>"$WORK/display"
Xvfb -displayfd 5 -screen 0 1920x1080x24 -nolisten tcp >/dev/null 2>&1 &
XPID=$!
for _ in $(seq 100); do [ -s "$WORK/display" ] && break; sleep 0.05; done
export DISPLAY=":$(head -n1 "$WORK/display")"
export SDL_VIDEODRIVER=x11
"$BIN" --db "$WORK/idle.db" --profile idle --deck "Idle deck" --size 1280x800 \
  >/dev/null 2>&1 &
APID=$!
sleep 2 # start, first frames, the card's entrance animation
ticks() { awk '{print $14 + $15}' "/proc/$APID/stat"; }
ctx() { awk '/^voluntary_ctxt_switches/ {print $2}' "/proc/$APID/status"; }
hz=$(getconf CLK_TCK)
c0=$(ticks); w0=$(ctx); t0=$(date +%s.%N)
sleep 5
c1=$(ticks); w1=$(ctx); t1=$(date +%s.%N)
rss=$(awk '/^VmRSS/ {print $2}' "/proc/$APID/status")
awk -v c="$((c1 - c0))" -v hz="$hz" -v a="$t0" -v b="$t1" \
  'BEGIN { printf "app_idle_cpu_percent %.2f %%\n", 100 * c / hz / (b - a) }'
awk -v r="$rss" 'BEGIN { printf "app_idle_rss_mb %.1f MB\n", r / 1024 }'
echo "app_idle_wakeups $((w1 - w0)) switches/5s"
