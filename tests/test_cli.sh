#!/usr/bin/env bash
# test_cli.sh QUIZDECK DATA_DIR - the command-line face of the real binary:
# decks and stats on an imported deck, and the one-line errors (file named,
# non-zero exit, file untouched) for bad databases.
set -u
qd=$1; data=$2
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
fails=0; passes=0
ok()   { passes=$((passes+1)); echo "ok   $*"; }
bad()  { fails=$((fails+1)); echo "FAIL $*"; }
check() { # check NAME COND...
  local name=$1; shift
  if "$@"; then ok "$name"; else bad "$name"; fi
}
db=$tmp/q.db

# a real word list through the importer
"$qd" --db "$db" import "$data/import/text/jlpt_n5.csv" --deck "JLPT N5" >"$tmp/out" 2>&1
check "import exits 0" test $? -eq 0
"$qd" decks --db "$db" >"$tmp/decks" 2>&1
check "decks exits 0" test $? -eq 0
check "decks lists the deck" grep -q '^JLPT N5 ' "$tmp/decks"
check "decks shows 20 new (daily limit)" awk '/^JLPT N5 /{exit !($3 == 20)}' "$tmp/decks"
"$qd" --db "$db" --profile default stats "JLPT N5" >"$tmp/stats" 2>&1
check "stats exits 0" test $? -eq 0
check "stats shows cards by state" grep -q '^Cards: new [0-9]*, learning 0, review 0' "$tmp/stats"
check "stats shows today" grep -q '^Reviews today: 0' "$tmp/stats"
"$qd" --db "$db" stats --kiosk >"$tmp/kiosk" 2>&1
check "stats --kiosk exits 0" test $? -eq 0
check "stats --kiosk lists missed questions" grep -q '^Most missed questions' "$tmp/kiosk"
"$qd" --db "$db" stats "No such deck" >"$tmp/err" 2>&1
check "stats of a missing deck fails" test $? -eq 1
check "... naming the deck" grep -q "no deck 'No such deck'" "$tmp/err"

# per-deck settings: shown, changed, validated, and used by the queue
"$qd" --db "$db" settings "JLPT N5" >"$tmp/set" 2>&1
check "settings shows FSRS-6 by default" grep -q '^Scheduler: FSRS-6' "$tmp/set"
"$qd" --db "$db" settings "JLPT N5" --scheduler sm2 --new-per-day 7 --retention 0.85 \
  --learn-steps "1m 10m 1h" >"$tmp/set" 2>&1
check "settings change exits 0" test $? -eq 0
check "settings: SM-2 chosen" grep -q '^Scheduler: SM-2' "$tmp/set"
check "settings: steps parsed" grep -q '^Learning steps: 1m 10m 1h' "$tmp/set"
"$qd" decks --db "$db" >"$tmp/decks" 2>&1
check "decks honours the new daily limit" awk '/^JLPT N5 /{exit !($3 == 7)}' "$tmp/decks"
"$qd" --db "$db" settings "JLPT N5" --retention 3 >"$tmp/o" 2>"$tmp/e"
check "settings: bad retention exits 2" test $? -eq 2
check "settings: ... and says why" grep -q "retention wants a number" "$tmp/e"
"$qd" --db "$db" settings "JLPT N5" >"$tmp/set" 2>&1
check "settings: bad value changed nothing" grep -q '^Desired retention: 0.85' "$tmp/set"

# expect_fail NAME FILE WORDS: exit 1, one stderr line naming FILE and WORDS, FILE unchanged
expect_fail() {
  local name=$1 f=$2 words=$3 before after
  before=$(sha256sum "$f" | cut -d' ' -f1)
  "$qd" --db "$f" decks >"$tmp/o" 2>"$tmp/e"; local rc=$?
  after=$(sha256sum "$f" | cut -d' ' -f1)
  check "$name: exit 1" test $rc -eq 1
  check "$name: one line" test "$(wc -l <"$tmp/e")" -eq 1
  check "$name: names the file" grep -qF "'$f'" "$tmp/e"
  check "$name: says '$words'" grep -qF "$words" "$tmp/e"
  check "$name: file untouched" test "$before" = "$after"
  check "$name: no WAL left" test ! -e "$f-wal"
}
printf 'front,back\nthis is a CSV file, not a database\n' >"$tmp/notes.csv"
expect_fail "not sqlite" "$tmp/notes.csv" "file is not a database"
cp "$db" "$tmp/newer.db"
printf '\x00\x00\x00\x63' | dd of="$tmp/newer.db" bs=1 seek=60 conv=notrunc 2>/dev/null
expect_fail "newer schema" "$tmp/newer.db" "newer version of quizdeck"
cp "$db" "$tmp/bad.db"
head -c 4096 /dev/urandom | dd of="$tmp/bad.db" bs=1 seek=100 conv=notrunc 2>/dev/null
"$qd" --db "$tmp/bad.db" decks >"$tmp/o" 2>"$tmp/e"
check "corrupt: exit 1" test $? -eq 1
check "corrupt: names the file" grep -qF "'$tmp/bad.db'" "$tmp/e"
"$qd" --db "$tmp/missing.db" decks >"$tmp/o" 2>"$tmp/e"
check "missing: exit 1" test $? -eq 1
check "missing: not created" test ! -e "$tmp/missing.db"
"$qd" frobnicate >"$tmp/o" 2>"$tmp/e"
check "unknown command: exit 2" test $? -eq 2
"$qd" --db >"$tmp/o" 2>"$tmp/e"
check "option without value: exit 2" test $? -eq 2

echo "$passes passed, $fails failed"
test $fails -eq 0
