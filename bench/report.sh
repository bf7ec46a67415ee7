#!/usr/bin/env bash
# bench/report.sh: time `ccerr scan --json --html PAGE` against `ccerr scan
# --json` on the seeded benchmark corpus (bench/gencorpus), and report the
# page's size. The page must cost at most 20% more time and weigh under
# 2 MB. --no-status keeps the run off the network. Not part of CI.
#
#   bench/report.sh                       # 1 GiB corpus
#   REPORT_BENCH_SIZE=256M bench/report.sh
#
# Environment:
#   REPORT_BENCH_SIZE  corpus size: bytes or a number with K, M or G (default 1G)
#   REPORT_BENCH_SEED  generator seed (default 1)
#   REPORT_BENCH_DIR   work folder (default ${TMPDIR:-/tmp}/ccerr-report-bench); the
#                      corpus is kept there and reused while size and seed match
#   REPORT_BENCH_RUNS  hyperfine runs per command (default 10)
set -euo pipefail

size=${REPORT_BENCH_SIZE:-1G}
seed=${REPORT_BENCH_SEED:-1}
work=${REPORT_BENCH_DIR:-${TMPDIR:-/tmp}/ccerr-report-bench}
runs=${REPORT_BENCH_RUNS:-10}
root=$(cd "$(dirname "$0")/.." && pwd)

if ! command -v hyperfine >/dev/null 2>&1; then
	echo "report.sh: installing hyperfine" >&2
	if [ "$(id -u)" = 0 ]; then
		apt-get update -qq && apt-get install -y -qq hyperfine >/dev/null
	else
		sudo apt-get update -qq && sudo apt-get install -y -qq hyperfine >/dev/null
	fi
fi

mkdir -p "$work"
(cd "$root" && go build -o "$work/" ./cmd/ccerr ./cmd/ccerr-full)
corpus=$work/corpus
stamp="size=$size seed=$seed"
if [ "$(cat "$work/corpus.stamp" 2>/dev/null)" != "$stamp" ]; then
	rm -rf "$corpus"
	(cd "$root" && go run ./bench/gencorpus -dir "$corpus" -size "$size" -seed "$seed")
	echo "$stamp" >"$work/corpus.stamp"
fi
bytes=$(find "$corpus" -type f -printf "%s\n" | awk '{s += $1} END {print s}')
echo "corpus: $corpus, $bytes bytes, $(find "$corpus" -type f | wc -l) files; cores: $(nproc)"
find "$corpus" -type f -exec cat {} + >/dev/null # warm the page cache

hyperfine --warmup 2 --runs "$runs" --export-json "$work/hyperfine.json" \
	-n json "$work/ccerr scan --json $corpus" \
	-n html "$work/ccerr scan --json --no-status --html $work/report.html $corpus"

"$work/ccerr" scan --json "$corpus" >"$work/plain.json"
"$work/ccerr" scan --json --no-status --html "$work/report.html" "$corpus" >"$work/with-html.json" 2>/dev/null
python3 - "$work/hyperfine.json" "$work/report.html" "$work/plain.json" "$work/with-html.json" <<'PY'
import json, os, sys
hf, page, plain, withhtml = sys.argv[1:]
med = {r["command"]: r["median"] for r in json.load(open(hf))["results"]}
ratio = med["html"] / med["json"]
size = os.path.getsize(page)
a, b = json.load(open(plain)), json.load(open(withhtml))
same = a["errors"] == b["errors"]
print(f"scan --json          median {med['json']:.3f} s")
print(f"scan --json --html   median {med['html']:.3f} s   ratio {ratio:.3f} (limit 1.2)")
print(f"page: {size} bytes ({size / 1024:.0f} KiB; limit 2 MB); timeline rows {len(b.get('timeline', []))}; errors table identical: {same}")
sys.exit(0 if ratio <= 1.2 and size < 2_000_000 and same else 1)
PY
