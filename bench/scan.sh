#!/usr/bin/env bash
# bench/scan.sh: time `ccerr scan --json` against `rg -c -F -f PATTERNS` on a
# seeded corpus of Claude Code transcripts and logs, and measure ccerr's
# peak memory. Not part of CI.
#
#   bench/scan.sh                      # 1 GiB corpus
#   SCAN_BENCH_SIZE=256M bench/scan.sh # smaller
#
# Environment:
#   SCAN_BENCH_SIZE  corpus size: bytes or a number with K, M or G (default 1G)
#   SCAN_BENCH_SEED  generator seed (default 1)
#   SCAN_BENCH_DIR   work folder (default ${TMPDIR:-/tmp}/ccerr-scan-bench); the
#                    corpus is kept there and reused while size and seed match
#   SCAN_BENCH_RUNS  hyperfine runs per command (default 10)
set -euo pipefail

size=${SCAN_BENCH_SIZE:-1G}
seed=${SCAN_BENCH_SEED:-1}
work=${SCAN_BENCH_DIR:-${TMPDIR:-/tmp}/ccerr-scan-bench}
runs=${SCAN_BENCH_RUNS:-10}
root=$(cd "$(dirname "$0")/.." && pwd)

need() {
	command -v "$1" >/dev/null 2>&1 && return
	echo "scan.sh: installing $2" >&2
	if [ "$(id -u)" = 0 ]; then
		apt-get update -qq && apt-get install -y -qq "$2" >/dev/null
	else
		sudo apt-get update -qq && sudo apt-get install -y -qq "$2" >/dev/null
	fi
}
need rg ripgrep
need hyperfine hyperfine
need python3 python3
[ -x /usr/bin/time ] || need /usr/bin/time time

mkdir -p "$work"
(cd "$root" && go build -o "$work/" ./cmd/ccerr ./cmd/ccerr-full)

corpus=$work/corpus
stamp="size=$size seed=$seed"
if [ "$(cat "$work/corpus.stamp" 2>/dev/null)" != "$stamp" ]; then
	rm -rf "$corpus"
	(cd "$root" && go run ./bench/gencorpus -dir "$corpus" -size "$size" -seed "$seed" \
		-manifest "$work/manifest.json")
	echo "$stamp" >"$work/corpus.stamp"
fi
# Two pattern sets: the head phrase of every catalog message, and one
# phrase per catalog entry (fewer patterns: rg's fastest case).
(cd "$root" && go run ./bench/gencorpus -dir "$work/empty" -size 1 -patterns "$work/patterns.txt" 2>/dev/null &&
	go run ./bench/gencorpus -dir "$work/empty" -size 1 -patterns "$work/patterns-entry.txt" -patterns-per-entry 2>/dev/null)
rm -rf "$work/empty"

bytes=$(find "$corpus" -type f -printf "%s\n" | awk "{s += \$1} END {print s}")
echo "corpus: $corpus, $bytes bytes, $(find "$corpus" -type f | wc -l) files"
echo "patterns: $(wc -l <"$work/patterns.txt") (rg-all), $(wc -l <"$work/patterns-entry.txt") (rg-entry)"
echo "cores: $(nproc); ccerr $("$work/ccerr" version); $(rg --version | head -1); $(hyperfine --version)"

# Warm the page cache so both tools read from memory.
find "$corpus" -type f -exec cat {} + >/dev/null

hyperfine --warmup 2 --runs "$runs" --ignore-failure --export-json "$work/hyperfine.json" \
	-n ccerr "$work/ccerr scan --json $corpus" \
	-n rg-all "rg -c -F -f $work/patterns.txt $corpus" \
	-n rg-entry "rg -c -F -f $work/patterns-entry.txt $corpus"

/usr/bin/time -v "$work/ccerr" scan --json "$corpus" >"$work/report.json" 2>"$work/time.txt" || true
rss_kb=$(awk -F: '/Maximum resident set size/ {gsub(/ /, "", $2); print $2}' "$work/time.txt")
rg_matches=$(rg -c -F -f "$work/patterns.txt" "$corpus" | awk -F: '{s += $NF} END {print s + 0}')

python3 - "$work/hyperfine.json" "$bytes" "$rss_kb" "$work/report.json" "$work/manifest.json" "$rg_matches" <<'PY'
import json, sys
hf, size, rss_kb, report, manifest, rg_matches = sys.argv[1:]
size, rss_kb = int(size), int(rss_kb)
results = json.load(open(hf))["results"]
med = {r["command"]: r["median"] for r in results}
cpu = {r["command"]: r["user"] + r["system"] for r in results}
rep, man = json.load(open(report)), json.load(open(manifest))
mib = 1 << 20
for name in ("ccerr", "rg-all", "rg-entry"):
    print(f"{name:8} median {med[name]:.3f} s  {size / med[name] / mib:8.1f} MiB/s"
          f"   (CPU {cpu[name]:.3f} s, {size / cpu[name] / mib:.1f} MiB per CPU-second)")
for name in ("rg-all", "rg-entry"):
    print(f"ccerr throughput / {name} throughput: {med[name] / med['ccerr']:.2f}")
print(f"ccerr peak RSS: {rss_kb / 1024:.1f} MiB")
print(f"ccerr events: {rep['events']} (manifest {man['events']}); rg matching lines: {rg_matches}")
PY
