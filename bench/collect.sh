#!/usr/bin/env bash
# bench/collect.sh — can `ccerr collect` take a team's errors? (issue 13)
#
# On loopback only: bench/collectsend posts RATE api_error events per second
# (default 2,000; an api_retries_exhausted after every other one) for
# DURATION (default 60s) from SENDERS concurrent senders (default 20) as
# OTLP/HTTP protobuf, retrying what is refused, then checks that
# /api/errors counts exactly the events sent. Prints events/s, latency and
# the collector's peak RSS (VmHWM), for SQLite and then PostgreSQL.
#
# PostgreSQL: set CCERR_BENCH_POSTGRES to a database URL (the run uses a
# scratch schema, ccerr_bench, dropped first); unset, that half is skipped.
# ONLY=sqlite or ONLY=postgres runs one half.
# Not part of CI.
set -euo pipefail

RATE=${RATE:-2000}
DURATION=${DURATION:-60s}
SENDERS=${SENDERS:-20}
BATCH=${BATCH:-10}
INFLIGHT=${INFLIGHT:-4}
PORT=${PORT:-18431}

cd "$(dirname "$0")/.."
work=$(mktemp -d)
pid=
cleanup() {
	[ -n "$pid" ] && kill "$pid" 2>/dev/null || true
	wait 2>/dev/null || true
	rm -rf "$work"
}
trap cleanup EXIT

go build -o "$work/" ./cmd/ccerr ./cmd/ccerr-full
go build -o "$work/collectsend" ./bench/collectsend

one() { # name dsn
	local name=$1 dsn=$2
	"$work/ccerr" collect --listen 127.0.0.1:$PORT --grpc-listen off --db "$dsn" 2>"$work/$name.log" &
	pid=$!
	for _ in $(seq 1 100); do
		curl -fsS "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && break
		sleep 0.1
	done
	echo "== $name ($RATE events/s for $DURATION, $SENDERS senders, $BATCH per request)"
	"$work/collectsend" -url "http://127.0.0.1:$PORT" -rate "$RATE" -duration "$DURATION" -senders "$SENDERS" -batch "$BATCH" -inflight "$INFLIGHT"
	echo "collector peak RSS: $(awk '/VmHWM/{print $2, $3}' /proc/$pid/status)"
	kill -INT "$pid"
	wait "$pid" || true
	pid=
}

[ "${ONLY:-}" = postgres ] || one sqlite "$work/ccerr.db"
if [ "${ONLY:-}" = sqlite ]; then
	:
elif [ -n "${CCERR_BENCH_POSTGRES:-}" ]; then
	psql -q "$CCERR_BENCH_POSTGRES" -c 'DROP SCHEMA IF EXISTS ccerr_bench CASCADE' -c 'CREATE SCHEMA ccerr_bench'
	sep='?'; case "$CCERR_BENCH_POSTGRES" in *\?*) sep='&';; esac
	one postgres "${CCERR_BENCH_POSTGRES}${sep}search_path=ccerr_bench"
else
	echo "== postgres: skipped (set CCERR_BENCH_POSTGRES to a database URL)"
fi
