#!/usr/bin/env bash
# bench/proxy.sh — how fast is `ccerr proxy` next to nginx? (issue 6)
#
# On loopback only, for a bounded time, it measures with wrk:
#   direct  wrk -> origin (nginx `return 200` with a canned Messages body)
#   nginx   wrk -> nginx reverse proxy (proxy_buffering off, keepalive upstream) -> origin
#   ccerr   wrk -> ccerr proxy -> origin (logging one line per request, to /dev/null)
#   ccerr-quiet  the same with --log-level warn (no per-request line)
# and prints req/s, p50 and p99 for each, and the ratios ccerr/nginx.
# Then, with hyperfine, the latency of one sequential request through each,
# and (bench/ssestreams) the proxy's memory with 1,000 open SSE streams.
#
# Not part of CI. Needs root for apt-get when nginx-light, wrk or hyperfine
# are missing. Settings: DURATION (default 5s per run), ROUNDS (3), CONNS
# (64), THREADS (2). The runs are interleaved and the best round of each
# target is reported, so that a burst of other work on the machine does not
# decide the ratios.
set -euo pipefail

DURATION=${DURATION:-5s}
ROUNDS=${ROUNDS:-3}
CONNS=${CONNS:-64}
THREADS=${THREADS:-2}
ORIGIN_PORT=${ORIGIN_PORT:-18081}
NGINX_PORT=${NGINX_PORT:-18082}
CCERR_PORT=${CCERR_PORT:-18083}
QUIET_PORT=${QUIET_PORT:-18084}

cd "$(dirname "$0")/.."
need=()
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || need+=(nginx-light)
command -v wrk >/dev/null || need+=(wrk)
command -v hyperfine >/dev/null || need+=(hyperfine)
if [ ${#need[@]} -gt 0 ]; then
	echo "installing ${need[*]}" >&2
	apt-get update -qq
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi
NGINX=$(command -v nginx || echo /usr/sbin/nginx)

work=$(mktemp -d)
pids=()
cleanup() {
	for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
	for conf in "$work"/origin.conf "$work"/proxy.conf; do
		[ -f "$conf" ] && "$NGINX" -c "$conf" -p "$work" -s quit 2>/dev/null || true
	done
	wait 2>/dev/null || true
	rm -rf "$work"
}
trap cleanup EXIT

echo "building ccerr" >&2
CGO_ENABLED=0 go build -o "$work/" ./cmd/ccerr ./cmd/ccerr-full

# A canned Messages API answer, as the real API sends it (non-streaming).
body='{"id":"msg_01XFDUDYJgAACzvnptvVoYEL","type":"message","role":"assistant","model":"claude-opus-5-5","content":[{"type":"text","text":"Hi! How can I help you today?"}],"stop_reason":"end_turn","stop_sequence":null,"usage":{"input_tokens":8,"output_tokens":12}}'

mkdir -p "$work/logs"
cat >"$work/origin.conf" <<EOF
worker_processes 1;
pid $work/origin.pid;
error_log $work/logs/origin.err warn;
events { worker_connections 4096; }
http {
	access_log off;
	keepalive_requests 1000000;
	server {
		listen 127.0.0.1:$ORIGIN_PORT reuseport;
		location / {
			default_type application/json;
			add_header request-id req_bench000000000000000001;
			return 200 '$body';
		}
	}
}
EOF
cat >"$work/proxy.conf" <<EOF
worker_processes auto;
pid $work/proxy.pid;
error_log $work/logs/proxy.err warn;
events { worker_connections 4096; }
http {
	access_log off;
	keepalive_requests 1000000;
	upstream origin {
		server 127.0.0.1:$ORIGIN_PORT;
		keepalive 256;
	}
	server {
		listen 127.0.0.1:$NGINX_PORT reuseport;
		client_max_body_size 32m;
		location / {
			proxy_pass http://origin;
			proxy_http_version 1.1;
			proxy_set_header Connection "";
			proxy_buffering off;
			proxy_request_buffering on;
		}
	}
}
EOF
"$NGINX" -c "$work/origin.conf" -p "$work" -e "$work/logs/origin.err"
"$NGINX" -c "$work/proxy.conf" -p "$work" -e "$work/logs/proxy.err"

"$work/ccerr" proxy --upstream "http://127.0.0.1:$ORIGIN_PORT" --listen "127.0.0.1:$CCERR_PORT" 2>/dev/null &
pids+=($!)
"$work/ccerr" proxy --upstream "http://127.0.0.1:$ORIGIN_PORT" --listen "127.0.0.1:$QUIET_PORT" --log-level warn 2>/dev/null &
pids+=($!)

wait_port() {
	for _ in $(seq 100); do
		curl -s -o /dev/null "http://127.0.0.1:$1/healthz" && return 0
		(exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0
		sleep 0.1
	done
	echo "nothing listening on port $1" >&2
	exit 1
}
for p in $ORIGIN_PORT $NGINX_PORT $CCERR_PORT $QUIET_PORT; do wait_port "$p"; done

# wrk sends what Claude Code sends: a POST with the API's headers and a small body.
cat >"$work/post.lua" <<'EOF'
wrk.method = "POST"
wrk.path = "/v1/messages?beta=true"
wrk.body = '{"model":"claude-opus-5-5","max_tokens":1024,"messages":[{"role":"user","content":"Hello, Claude"}]}'
wrk.headers["content-type"] = "application/json"
wrk.headers["anthropic-version"] = "2023-06-01"
wrk.headers["anthropic-beta"] = "claude-code-20250219,interleaved-thinking-2025-05-14"
wrk.headers["x-api-key"] = "sk-ant-api03-bench-not-a-real-key-0000"
wrk.headers["user-agent"] = "claude-cli/2.1.332 (external, sdk-cli)"
EOF

# to_ms converts wrk's latency figures (850.00us, 1.20ms, 2.01s) to ms.
to_ms() {
	awk -v v="$1" 'BEGIN {
		n = v + 0
		if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n = n; else if (v ~ /s$/) n *= 1000
		printf "%.3f", n }'
}

declare -A RPS P50 P99
run() { # name port: one measured run; keeps the best req/s of the rounds
	local out rps
	out=$(wrk -t"$THREADS" -c"$CONNS" -d"$DURATION" --latency -s "$work/post.lua" "http://127.0.0.1:$2")
	if echo "$out" | grep -q "Non-2xx"; then
		echo "$1: non-2xx answers:" >&2
		echo "$out" >&2
		exit 1
	fi
	rps=$(echo "$out" | awk '/^Requests\/sec:/ {print $2}')
	echo "  round: $1 $rps req/s" >&2
	if [ -z "${RPS[$1]:-}" ] || awk -v a="$rps" -v b="${RPS[$1]}" 'BEGIN { exit !(a > b) }'; then
		RPS[$1]=$rps
		P50[$1]=$(to_ms "$(echo "$out" | awk '$1 == "50%" {print $2}')")
		P99[$1]=$(to_ms "$(echo "$out" | awk '$1 == "99%" {print $2}')")
	fi
}

echo "wrk: $THREADS threads, $CONNS connections, $DURATION per run, best of $ROUNDS interleaved rounds, $(nproc) CPUs" >&2
for p in "$ORIGIN_PORT" "$NGINX_PORT" "$CCERR_PORT" "$QUIET_PORT"; do # warm the connection pools
	wrk -t"$THREADS" -c"$CONNS" -d1s -s "$work/post.lua" "http://127.0.0.1:$p" >/dev/null
done
for _ in $(seq "$ROUNDS"); do
	run direct "$ORIGIN_PORT"
	run nginx "$NGINX_PORT"
	run ccerr "$CCERR_PORT"
	run ccerr-quiet "$QUIET_PORT"
done

printf '\n%-12s %12s %10s %10s\n' target "req/s" "p50 ms" "p99 ms"
for k in direct nginx ccerr ccerr-quiet; do
	printf '%-12s %12.0f %10s %10s\n' "$k" "${RPS[$k]}" "${P50[$k]}" "${P99[$k]}"
done
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
echo
echo "nginx/direct req/s:        $(ratio "${RPS[nginx]}" "${RPS[direct]}")"
echo "ccerr/nginx req/s:         $(ratio "${RPS[ccerr]}" "${RPS[nginx]}")  (must >= 0.35, aim 0.5)"
echo "ccerr-quiet/nginx req/s:   $(ratio "${RPS[ccerr-quiet]}" "${RPS[nginx]}")"
echo "ccerr/nginx p50, p99:      $(ratio "${P50[ccerr]}" "${P50[nginx]}"), $(ratio "${P99[ccerr]}" "${P99[nginx]}")"

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
