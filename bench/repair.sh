#!/usr/bin/env bash
# bench/repair.sh: check and repair one large Claude Code session with
# `ccerr repair`, and report wall time and peak memory (/usr/bin/time -v).
# Not part of CI.
#
#   bench/repair.sh                          # a 200 MB session
#   REPAIR_BENCH_SIZE=1G bench/repair.sh     # larger
#
# The session comes from bench/gensession: a long conversation in Claude
# Code's compact JSON (prompts, signed thinking, tool calls with results of
# 1–7 KB, an image in one result of 40), poisoned every 400 turns (a lost
# tool result, an orphan result, an unsigned thinking block, an image over
# 8000 px) with a cut-off line every 1000 turns.
#
# Three runs on a fresh copy each time: --dry-run (check only), a repair
# (check, backup copy, mended copy written and flushed, rename), and a
# second check of the mended file, which must find nothing.
#
# Environment:
#   REPAIR_BENCH_SIZE  session size: bytes or a number with K, M or G (default 200M)
#   REPAIR_BENCH_SEED  generator seed (default 1)
#   REPAIR_BENCH_DIR   work folder (default ${TMPDIR:-/tmp}/ccerr-repair-bench)
set -euo pipefail

size=${REPAIR_BENCH_SIZE:-200M}
seed=${REPAIR_BENCH_SEED:-1}
work=${REPAIR_BENCH_DIR:-${TMPDIR:-/tmp}/ccerr-repair-bench}
root=$(cd "$(dirname "$0")/.." && pwd)
[ -x /usr/bin/time ] || { echo "repair.sh: /usr/bin/time is needed (apt-get install time)" >&2; exit 2; }

mkdir -p "$work"
(cd "$root" && go build -o "$work/" ./cmd/ccerr ./cmd/ccerr-full && go build -o "$work/gensession" ./bench/gensession)
src=$work/session-$size-$seed.jsonl
[ -s "$src" ] || "$work/gensession" -size "$size" -seed "$seed" >"$src"
bytes=$(stat -c %s "$src")
id=7e1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d
target=$work/run/$id.jsonl

# measure LABEL ARGS...: one run on a fresh copy, prints seconds and peak KiB.
measure() {
	local label=$1
	shift
	rm -rf "$work/run" && mkdir -p "$work/run" && cp "$src" "$target"
	sync
	local rc=0
	/usr/bin/time -v -o "$work/time.txt" "$work/ccerr" repair --force "$@" "$target" >"$work/out.txt" 2>"$work/err.txt" || rc=$?
	local wall rss
	wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$work/time.txt")
	rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$work/time.txt")
	printf '%-22s exit %-2s wall %-8s peak RSS %6.1f MiB  %s\n' "$label" "$rc" "$wall" "$(echo "$rss/1024" | bc -l)" "$(tail -1 "$work/err.txt")"
}

echo "session: $src ($(echo "$bytes/1048576" | bc) MiB, $(wc -l <"$src") lines); $(nproc) cores; $(date -u +%Y-%m-%dT%H:%MZ)"
measure "check (--dry-run)" --dry-run
measure "check and repair"
cp "$target" "$work/mended.jsonl"
findings=$(wc -l <"$work/out.txt")
rm -rf "$work/run" && mkdir -p "$work/run" && cp "$work/mended.jsonl" "$target"
if "$work/ccerr" repair --dry-run "$target" >"$work/again.txt" 2>&1; then
	echo "second check: clean ($findings findings mended)"
else
	echo "second check: NOT clean:" && head "$work/again.txt" && exit 1
fi
