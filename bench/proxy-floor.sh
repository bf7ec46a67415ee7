#!/usr/bin/env bash
# bench/proxy-floor.sh — which part limits `ccerr proxy`? (issue 15)
#
# On loopback, wrk against, side by side in interleaved rounds:
#   nginx        the nginx reverse proxy of bench/proxy.sh
#   ccerr        ccerr proxy --log-level warn (Go code on half the CPUs, its default)
#   ccerr-allcpu the same with --procs $(nproc)
#   std+direct   bench/proxyfloor: net/http's Server + the proxy's direct client
#   fast+direct  fasthttp's Server + the proxy's direct client
#   fast+direct-1p  the same with GOMAXPROCS=1
#   fast+fast    fasthttp on both sides (answers buffered whole)
# The floors do nothing but forward: no retries, metrics, logs or checks.
# It prints the median req/s and p99 of each and their ratios to nginx's.
#
# Not part of CI. Installs nginx-light, wrk and hyperfine when missing (root).
# Settings: DURATION (3s per run), ROUNDS (5), CONNS (64), THREADS (2).
set -euo pipefail

DURATION=${DURATION:-3s}
ROUNDS=${ROUNDS:-5}
CONNS=${CONNS:-64}
THREADS=${THREADS:-2}
ORIGIN_PORT=${ORIGIN_PORT:-18081}
NGINX_PORT=${NGINX_PORT:-18082}

cd "$(dirname "$0")/.."
# shellcheck source=bench/lib/peers.sh
. bench/lib/peers.sh
install_peers

make_work

echo "building ccerr and the floors" >&2
CGO_ENABLED=0 go build -o "$work/" ./cmd/ccerr ./cmd/ccerr-full ./bench/proxyfloor
start_peers

names=(nginx)
ports=("$NGINX_PORT")
port=18090
start() { # name env... -- command...: starts one target on the next port
	local name=$1 envs=()
	shift
	while [ "$1" != -- ]; do envs+=("$1"); shift; done
	shift
	env "${envs[@]}" "$@" "127.0.0.1:$port" >/dev/null 2>&1 &
	pids+=($!)
	names+=("$name")
	ports+=("$port")
	port=$((port + 1))
}
up="http://127.0.0.1:$ORIGIN_PORT"
start ccerr -- "$work/ccerr" proxy --upstream "$up" --log-level warn --listen
start ccerr-allcpu -- "$work/ccerr" proxy --upstream "$up" --log-level warn --procs "$(nproc)" --listen
start std+direct -- "$work/proxyfloor" -upstream "127.0.0.1:$ORIGIN_PORT" -server nethttp -client direct -listen
start fast+direct -- "$work/proxyfloor" -upstream "127.0.0.1:$ORIGIN_PORT" -server fasthttp -client direct -listen
start fast+direct-1p GOMAXPROCS=1 -- "$work/proxyfloor" -upstream "127.0.0.1:$ORIGIN_PORT" -server fasthttp -client direct -listen
start fast+fast -- "$work/proxyfloor" -upstream "127.0.0.1:$ORIGIN_PORT" -server fasthttp -client fasthttp -listen
for p in "$ORIGIN_PORT" "${ports[@]}"; do wait_port "$p"; done

declare -A RPS P99
for p in "${ports[@]}"; do # warm the connection pools
	wrk -t"$THREADS" -c"$CONNS" -d1s -s "$work/post.lua" "http://127.0.0.1:$p" >/dev/null
done
echo "wrk: $THREADS threads, $CONNS connections, $DURATION per run, medians of $ROUNDS interleaved rounds, $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg)" >&2
for _ in $(seq "$ROUNDS"); do
	for i in "${!names[@]}"; do
		out=$(wrk -t"$THREADS" -c"$CONNS" -d"$DURATION" --latency -s "$work/post.lua" "http://127.0.0.1:${ports[$i]}")
		if echo "$out" | grep -q "Non-2xx"; then
			echo "${names[$i]}: non-2xx answers:" >&2
			echo "$out" >&2
			exit 1
		fi
		RPS[${names[$i]}]+="$(echo "$out" | awk '/^Requests\/sec:/ {print $2}') "
		P99[${names[$i]}]+="$(to_ms "$(echo "$out" | awk '$1 == "99%" {print $2}')") "
	done
	echo "  round done" >&2
done

median() { tr ' ' '\n' | grep . | sort -g | awk '{ a[NR] = $1 } END { print (NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2) }'; }
rn=$(echo "${RPS[nginx]}" | median)
pn=$(echo "${P99[nginx]}" | median)
printf '\n%-16s %10s %8s %10s %8s\n' target "req/s" "×nginx" "p99 ms" "×nginx"
for n in "${names[@]}"; do
	r=$(echo "${RPS[$n]}" | median)
	p=$(echo "${P99[$n]}" | median)
	awk -v n="$n" -v r="$r" -v p="$p" -v rn="$rn" -v pn="$pn" 'BEGIN { printf "%-16s %10.0f %8.2f %10.2f %8.2f\n", n, r, r / rn, p, p / pn }'
done
