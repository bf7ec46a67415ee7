#!/usr/bin/env bash
# bench/proxy.sh — how fast is `ccerr proxy` next to nginx? (issue 6)
#
# On loopback only, for a bounded time, it measures with wrk:
#   direct  wrk -> origin (nginx `return 200` with a canned Messages body)
#   nginx   wrk -> nginx reverse proxy (proxy_buffering off, keepalive upstream) -> origin
#   ccerr   wrk -> ccerr proxy -> origin (logging one line per request, to /dev/null)
#   ccerr-quiet  the same with --log-level warn (no per-request line)
#   ccerr-allcpu the same with --procs $(nproc): Go code on every CPU, not
#                the default half (see docs/proxy.md)
# and prints req/s, p50 and p99 for each, and the ratios ccerr/nginx.
# Then, with hyperfine, the latency of one sequential request through each,
# and (bench/ssestreams) the proxy's memory with 1,000 open SSE streams.
#
# Not part of CI. Needs root for apt-get when nginx-light, wrk or hyperfine
# are missing. Settings: DURATION (default 5s per run), ROUNDS (5), CONNS
# (64), THREADS (2). The runs are interleaved and the median of each
# target's rounds is reported, so that a burst of other work on the machine
# does not decide the ratios.
set -euo pipefail

DURATION=${DURATION:-5s}
ROUNDS=${ROUNDS:-5}
CONNS=${CONNS:-64}
THREADS=${THREADS:-2}
ORIGIN_PORT=${ORIGIN_PORT:-18081}
NGINX_PORT=${NGINX_PORT:-18082}
CCERR_PORT=${CCERR_PORT:-18083}
QUIET_PORT=${QUIET_PORT:-18084}
ALLCPU_PORT=${ALLCPU_PORT:-18085}

cd "$(dirname "$0")/.."
# shellcheck source=bench/lib/peers.sh
. bench/lib/peers.sh
install_peers

make_work

echo "building ccerr" >&2
CGO_ENABLED=0 go build -o "$work/" ./cmd/ccerr ./cmd/ccerr-full

start_peers
"$work/ccerr" proxy --upstream "http://127.0.0.1:$ORIGIN_PORT" --listen "127.0.0.1:$CCERR_PORT" 2>/dev/null &
pids+=($!)
"$work/ccerr" proxy --upstream "http://127.0.0.1:$ORIGIN_PORT" --listen "127.0.0.1:$QUIET_PORT" --log-level warn 2>/dev/null &
pids+=($!)
"$work/ccerr" proxy --upstream "http://127.0.0.1:$ORIGIN_PORT" --listen "127.0.0.1:$ALLCPU_PORT" --log-level warn --procs "$(nproc)" 2>/dev/null &
pids+=($!)

for p in $ORIGIN_PORT $NGINX_PORT $CCERR_PORT $QUIET_PORT $ALLCPU_PORT; do wait_port "$p"; done

declare -A RPS P50 P99
run() { # name port: one measured run; its figures join the target's lists
	local out
	out=$(wrk -t"$THREADS" -c"$CONNS" -d"$DURATION" --latency -s "$work/post.lua" "http://127.0.0.1:$2")
	if echo "$out" | grep -q "Non-2xx"; then
		echo "$1: non-2xx answers:" >&2
		echo "$out" >&2
		exit 1
	fi
	RPS[$1]+="$(echo "$out" | awk '/^Requests\/sec:/ {print $2}') "
	P50[$1]+="$(to_ms "$(echo "$out" | awk '$1 == "50%" {print $2}')") "
	P99[$1]+="$(to_ms "$(echo "$out" | awk '$1 == "99%" {print $2}')") "
	echo "  round: $1 $(echo "${RPS[$1]}" | awk '{print $NF}') req/s" >&2
}
median() { tr ' ' '\n' | grep . | sort -g | awk '{ a[NR] = $1 } END { print (NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2) }'; }

echo "wrk: $THREADS threads, $CONNS connections, $DURATION per run, medians of $ROUNDS interleaved rounds, $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg)" >&2
for p in "$ORIGIN_PORT" "$NGINX_PORT" "$CCERR_PORT" "$QUIET_PORT" "$ALLCPU_PORT"; do # warm the connection pools
	wrk -t"$THREADS" -c"$CONNS" -d1s -s "$work/post.lua" "http://127.0.0.1:$p" >/dev/null
done
for _ in $(seq "$ROUNDS"); do
	run direct "$ORIGIN_PORT"
	run nginx "$NGINX_PORT"
	run ccerr "$CCERR_PORT"
	run ccerr-quiet "$QUIET_PORT"
	run ccerr-allcpu "$ALLCPU_PORT"
done

for k in direct nginx ccerr ccerr-quiet ccerr-allcpu; do
	RPS[$k]=$(echo "${RPS[$k]}" | median)
	P50[$k]=$(echo "${P50[$k]}" | median)
	P99[$k]=$(echo "${P99[$k]}" | median)
done
printf '\n%-12s %12s %10s %10s\n' target "req/s" "p50 ms" "p99 ms"
for k in direct nginx ccerr ccerr-quiet ccerr-allcpu; do
	printf '%-12s %12.0f %10s %10s\n' "$k" "${RPS[$k]}" "${P50[$k]}" "${P99[$k]}"
done
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
echo
echo "nginx/direct req/s:        $(ratio "${RPS[nginx]}" "${RPS[direct]}")"
echo "ccerr/nginx req/s:         $(ratio "${RPS[ccerr]}" "${RPS[nginx]}")  (issue 15: must >= 0.5, aim 1.0)"
echo "ccerr/nginx p50, p99:      $(ratio "${P50[ccerr]}" "${P50[nginx]}"), $(ratio "${P99[ccerr]}" "${P99[nginx]}")  (p99 must <= 2)"
for k in ccerr-quiet ccerr-allcpu; do
	printf '%-26s %s, p99 %s\n' "$k/nginx req/s:" "$(ratio "${RPS[$k]}" "${RPS[nginx]}")" "$(ratio "${P99[$k]}" "${P99[nginx]}")"
done

echo
echo "one request at a time (hyperfine, curl):"
hyperfine -N --warmup 20 --runs 200 --style basic \
	-n direct "curl -s -o /dev/null -X POST -d {} http://127.0.0.1:$ORIGIN_PORT/v1/messages" \
	-n nginx "curl -s -o /dev/null -X POST -d {} http://127.0.0.1:$NGINX_PORT/v1/messages" \
	-n ccerr "curl -s -o /dev/null -X POST -d {} http://127.0.0.1:$CCERR_PORT/v1/messages" 2>&1 |
	grep -E '^(Benchmark|  Time)'

echo
echo "ccerr resident memory holding 1,000 open SSE streams (must stay under 60 MB; RssFile is mostly the binary, RssAnon the heap and stacks):"
go run ./bench/ssestreams -ccerr "$work/ccerr" -n 1000 2>/dev/null
echo "the same with a 100 KiB request body per stream, as Claude Code sends some turns in (the bodies are let go once each answer begins; the heap holds them until the next collection):"
go run ./bench/ssestreams -ccerr "$work/ccerr" -n 1000 -pad 102400 2>/dev/null

echo
echo "ccerr resident memory after the wrk runs:"
for pid in "${pids[@]}"; do
	if [ -r "/proc/$pid/status" ]; then
		echo "  pid $pid: $(grep -E 'VmHWM|VmRSS' "/proc/$pid/status" | tr -s ' \t' ' ' | paste -sd' ')"
	else
		echo "  pid $pid: gone"
	fi
done
