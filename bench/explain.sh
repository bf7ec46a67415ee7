#!/usr/bin/env bash
# bench/explain.sh — the whole `ccerr explain` process against ripgrep on the same input.
#
# Generates a log of MB megabytes (default 8) of ordinary noise — access logs, JSON log lines,
# ANSI-coloured test output, prose and other tools' errors that use the same words — with a
# handful of documented Claude Code errors in it, then times with hyperfine:
#
#   ccerr explain < input                         (recognise, extract fields, render)
#   rg -c -F -f phrases.txt input                 (count lines with the errors' exact phrases)
#   rg -c -F -i -f literals.txt input             (the matcher's whole literal set, case-blind)
#
# and prints the medians and the ratio ccerr / rg. Before that, start-up (issue 15): a hello-world
# Go binary built here with the same toolchain, `ccerr version`, `ccerr explain` on a one-line
# paste and on a 10 KB paste, `rg --version` and rg on the same 10 KB, in one hyperfine run, with
# the ratios to hello-world and to rg; and, when perf is installed, the CPU time of each
# (task-clock, robust on a loaded machine). Not part of CI; needs apt-get for its peers
# (ripgrep, hyperfine) when they are missing, and Go to build ccerr.
#
# Usage: bench/explain.sh [MB]     env: RUNS (default 20), KEEP=1 keeps the work directory,
#                                  STARTUP_ONLY=1 stops after the start-up figures,
#                                  CCERR_BIN=path times that binary instead of building one
set -euo pipefail
cd "$(dirname "$0")/.."

MB=${1:-8}
RUNS=${RUNS:-20}

need() { command -v "$1" >/dev/null 2>&1; }
if ! need rg || ! need hyperfine; then
  echo "== installing ripgrep and hyperfine"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO=sudo
  $SUDO apt-get install -y ripgrep hyperfine >/dev/null || {
    $SUDO apt-get update >/dev/null && $SUDO apt-get install -y ripgrep hyperfine >/dev/null; }
fi
need jq || { echo "bench/explain.sh needs jq to read the results (apt-get install -y jq)" >&2; exit 2; }

WORK=$(mktemp -d "${TMPDIR:-/tmp}/ccerr-bench.XXXXXX")
[ "${KEEP:-}" = 1 ] || trap 'rm -rf "$WORK"' EXIT

if [ -n "${CCERR_BIN:-}" ]; then
  echo "== using $CCERR_BIN"
  cp "$CCERR_BIN" "$WORK/ccerr"
else
  # As released: without cgo (ccerr needs none), so the binary is static and
  # no dynamic loader or libc start-up is timed; see the README's install line.
  echo "== building ccerr (CGO_ENABLED=0)"
  CGO_ENABLED=0 go build -trimpath -o "$WORK/ccerr" ./cmd/ccerr
fi
CCERR="$WORK/ccerr"

echo "== building hello-world"
mkdir -p "$WORK/hello"
cat > "$WORK/hello/main.go" <<'EOF2'
package main

import "fmt"

func main() { fmt.Println("hello, world") }
EOF2
(cd "$WORK/hello" && GOFLAGS= GO111MODULE=on go mod init hello >/dev/null 2>&1 && go build -trimpath -o "$WORK/hello-world" .)
printf '   ccerr %s bytes, hello-world %s bytes\n' "$(wc -c < "$CCERR")" "$(wc -c < "$WORK/hello-world")"

# Start-up: one line, and a 10 KB paste (the first 10 KB of a session of ordinary noise with
# documented errors in it, cut at a line end).
echo "Credit balance is too low" > "$WORK/one.txt"
gen_small() { awk 'BEGIN { srand(11)
  for (n = 1; total < 10240; n++) {
    if (n % 40 == 0) line = "API Error: Repeated 529 Overloaded errors"
    else if (n % 55 == 0) line = "  ⎿  Not logged in · Please run /login"
    else line = sprintf("2026-11-26T10:%02d:%02d.%03dZ INFO  [worker-%d] GET /api/v1/items/%d 200 %dms", int(n / 60) % 60, n % 60, n % 1000, n % 16, int(rand() * 100000), int(rand() * 900))
    if (total + length(line) + 1 > 10240) break
    print line; total += length(line) + 1
  } }'; }
gen_small > "$WORK/paste10k.txt"
printf 'Repeated 529 Overloaded errors\nNot logged in · Please run /login\nCredit balance is too low\n' > "$WORK/phrases10k.txt"
(
  cd "$WORK"
  echo "== start-up, hyperfine ($((RUNS * 5)) runs each)"
  hyperfine -N --warmup 5 --runs $((RUNS * 5)) --style none --export-json startup.json \
    -n "hello-world" "./hello-world" \
    -n "ccerr version" "./ccerr version" \
    -n "rg --version" "rg --version" \
    -n "ccerr explain (1 line)" "sh -c './ccerr explain < one.txt > /dev/null'" \
    -n "sh + hello-world" "sh -c './hello-world < one.txt > /dev/null'" \
    -n "ccerr explain (10 KB)" "sh -c './ccerr explain < paste10k.txt > /dev/null'" \
    -n "rg (10 KB)" "sh -c 'rg -c -F -f phrases10k.txt paste10k.txt > /dev/null'" >/dev/null
  jq -r '(.results | map({(.command): .median}) | add) as $m
    | (.results[] | "   \(.command | . + (" " * (24 - length))) median \(.median * 1000 | . * 100 | round / 100) ms"),
      "   ratio ccerr version / hello-world:            \($m["ccerr version"] / $m["hello-world"] * 100 | round / 100)x",
      "   ratio ccerr version / rg --version:           \($m["ccerr version"] / $m["rg --version"] * 100 | round / 100)x",
      "   ratio explain (1 line) / sh + hello-world:    \($m["ccerr explain (1 line)"] / $m["sh + hello-world"] * 100 | round / 100)x",
      "   ratio explain (10 KB) / sh + hello-world:     \($m["ccerr explain (10 KB)"] / $m["sh + hello-world"] * 100 | round / 100)x",
      "   ratio explain (10 KB) / rg (10 KB):           \($m["ccerr explain (10 KB)"] / $m["rg (10 KB)"] * 100 | round / 100)x"' startup.json
  if command -v perf >/dev/null 2>&1; then
    echo "== start-up, CPU time (perf stat -r $((RUNS * 2)) -e task-clock)"
    tc() { perf stat -r $((RUNS * 2)) -e task-clock -x, "$@" 2>&1 >/dev/null | awk -F, '/task-clock/ { print $1 }'; }
    # Page faults: on a VM each costs tens of microseconds, and they, not
    # instructions, are most of a Go program's start-up here.
    pf() { perf stat -r 5 -e page-faults -x, "$@" 2>&1 >/dev/null | awk -F, '/page-faults/ { print $1 }'; }
    echo "   page faults: hello-world $(pf ./hello-world), ccerr version $(pf ./ccerr version), rg --version $(pf rg --version)"
    h=$(tc ./hello-world)
    v=$(tc ./ccerr version)
    e1=$(tc sh -c './ccerr explain < one.txt > /dev/null')
    sh1=$(tc sh -c './hello-world < one.txt > /dev/null')
    e10=$(tc sh -c './ccerr explain < paste10k.txt > /dev/null')
    r10=$(tc sh -c 'rg -c -F -f phrases10k.txt paste10k.txt > /dev/null')
    awk -v h="$h" -v v="$v" -v e1="$e1" -v sh1="$sh1" -v e10="$e10" -v r10="$r10" 'BEGIN {
      printf "   hello-world %.2f ms, ccerr version %.2f ms (%.2fx)\n", h, v, v / h
      printf "   sh + hello-world %.2f ms, explain (1 line) %.2f ms (%.2fx)\n", sh1, e1, e1 / sh1
      printf "   explain (10 KB) %.2f ms, rg (10 KB) %.2f ms (%.2fx)\n", e10, r10, e10 / r10 }'
  fi
)
[ "${STARTUP_ONLY:-}" = 1 ] && exit 0

echo "== generating ${MB} MB of input, twice"
# Deterministic noise (srand(7)); every 5000th line is one of the documented errors below.
# input.log: one line in four uses the errors' own words in ordinary prose ("retrying",
# "request timed out", "overloaded", "rate limit") — the near misses the matcher must verify
# and reject. clean.log: the same without those lines, closer to an everyday log.
gen() { awk -v bytes=$((MB * 1024 * 1024)) -v nearmiss="$1" 'BEGIN {
  srand(7)
  err[0] = "API Error: Repeated 529 Overloaded errors"
  err[1] = "\033[31m● Unable to connect to API (ECONNREFUSED)\033[0m"
  err[2] = "{\"type\":\"assistant\",\"message\":{\"content\":[{\"type\":\"text\",\"text\":\"Credit balance is too low\"}]},\"isApiErrorMessage\":true}"
  err[3] = "  ⎿  Not logged in · Please run /login"
  err[4] = "You'"'"'ve hit your weekly limit · resets Mon 12:00am"
  err[5] = "Prompt is too long"
  err[6] = "✻ 529 Overloaded · Retrying in 4s · attempt 6/10"
  n = 0; total = 0; e = 0
  while (total < bytes) {
    n++
    r = int(rand() * 8)
    ts = sprintf("2026-11-26T%02d:%02d:%02d.%03dZ", int(n / 3600000) % 24, int(n / 60000) % 60, int(n / 1000) % 60, n % 1000)
    if (n % 5000 == 0) line = err[e++ % 7]
    else if (r == 0) line = sprintf("%s INFO  [worker-%d] GET /api/v1/items/%d 200 %dms", ts, n % 16, int(rand() * 100000), int(rand() * 900))
    else if (r == 1) line = sprintf("%s DEBUG cache miss key=user:%d ttl=300 shard=%d", ts, int(rand() * 1e6), n % 32)
    else if (r == 2) line = sprintf("\033[32m✓\033[0m parser/lexer_test.go: case %d passed (%dms)", n, int(rand() * 50))
    else if (r == 3) line = sprintf("{\"level\":\"warn\",\"ts\":\"%s\",\"msg\":\"slow request\",\"path\":\"/v1/search\",\"ms\":%d}", ts, int(rand() * 5000))
    else if (!nearmiss && (r == 4 || r == 6)) line = sprintf("%s INFO  [worker-%d] POST /api/v1/orders 201 %dms", ts, n % 16, int(rand() * 900))
    else if (r == 4) line = sprintf("%s WARN  retrying upload of chunk %d after a timeout; the server looked overloaded", ts, n)
    else if (r == 5) line = sprintf("%s ERROR connection reset by peer while reading from upstream 10.0.%d.%d:443", ts, n % 255, int(rand() * 255))
    else if (r == 6) line = "the nightly build was slow again: rate limit reached on the package mirror, request timed out twice"
    else line = sprintf("npm ERR! code EACCES (attempt %d) — permission denied, mkdir /usr/lib/node_modules/pkg-%d", n % 10, n)
    print line
    total += length(line) + 1
  }
}'; }
gen 1 > "$WORK/input.log"
gen 0 > "$WORK/clean.log"
for f in input.log clean.log; do
  printf '   %-9s %s bytes, %s lines, %s near-miss lines\n' "$f" "$(wc -c < "$WORK/$f")" "$(wc -l < "$WORK/$f")" \
    "$(grep -c -e 'retrying upload' -e 'request timed out twice' "$WORK/$f" || true)"
done

# The exact phrases of the errors planted above, and the matcher's whole literal set.
cat > "$WORK/phrases.txt" <<'EOF'
Repeated 529 Overloaded errors
Unable to connect to API
Credit balance is too low
Not logged in · Please run /login
You've hit your weekly limit
Prompt is too long
529 Overloaded · Retrying in
EOF
jq -r '.[].patterns[]?.literal' catalog/data/entries.json | sort -u > "$WORK/literals.txt"
echo "   $(wc -l < "$WORK/literals.txt") catalog literals"

echo "== sanity check"
"$CCERR" explain --json < "$WORK/input.log" | jq -r '.matches[] | "   \(.id) ×\(.count) first on line \(.line)"'
echo "   rg lines with a phrase: $(rg -c -F -f "$WORK/phrases.txt" "$WORK/input.log")"

cd "$WORK"
for f in input.log clean.log; do
  echo "== hyperfine on $f ($RUNS runs each)"
  hyperfine --warmup 3 --runs "$RUNS" --style basic --export-json "result-$f.json" \
    -n "ccerr explain" "./ccerr explain < $f > /dev/null" \
    -n "rg -F phrases" "rg -c -F -f phrases.txt $f > /dev/null" \
    -n "rg -F -i literals" "rg -c -F -i -f literals.txt $f > /dev/null"
done

for f in input.log clean.log; do
  echo "== result: $f"
  jq -r --arg mb "$MB" '
    .results[] | "   \(.command | . + (" " * (20 - length))) median \(.median * 1000 | . * 10 | round / 10) ms  (\(($mb | tonumber) / .median | round) MB/s)"' "result-$f.json"
  jq -r '
    (.results | map({(.command): .median}) | add) as $m
    | "   ratio ccerr / rg (phrases):          \($m["ccerr explain"] / $m["rg -F phrases"] * 100 | round / 100)x",
      "   ratio ccerr / rg (literals, -i):     \($m["ccerr explain"] / $m["rg -F -i literals"] * 100 | round / 100)x"' "result-$f.json"
done

# Startup alone: the same command on a one-line input.
echo "Credit balance is too low" > one.txt
hyperfine --warmup 3 --runs "$RUNS" --style none --export-json start.json \
  -n "ccerr explain (1 line)" "./ccerr explain < one.txt > /dev/null" \
  -n "rg (1 line)" "rg -c -F -f phrases.txt one.txt > /dev/null" >/dev/null
jq -r '.results[] | "   startup \(.command | . + (" " * (24 - length))) median \(.median * 1000 | . * 10 | round / 10) ms"' start.json
