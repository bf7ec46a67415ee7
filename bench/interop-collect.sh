#!/usr/bin/env bash
# bench/interop-collect.sh — does `ccerr collect` store exactly the failures
# real Claude Code reports? (issue 13)
#
# Real Claude Code runs `claude -p "say hi"` against `ccerr mock` scenarios
# with telemetry pointed at `ccerr collect` (OTLP over http/json,
# http/protobuf and grpc, one collector and database per protocol) and the
# StopFailure hook set to `ccerr hook stop-failure` (forwarding to the same
# collector through CCERR_COLLECT_URL). Each failing scenario must come out
# of /api/errors as exactly one failure with the scenario's catalog id: the
# api_error, its api_retries_exhausted and the hook record are one failure.
# The successful run (ok) must add none. The table goes to stdout and to
# $INTEROP_REPORT as Markdown.
#
# Claude Code only ever talks to 127.0.0.1: everything runs inside
# `unshare -rn` (a network namespace with nothing but loopback) when that
# works, and the environment is emptied.
#
# Not part of CI. Exit 0 when every count matched or when Claude Code cannot
# run here ("skipped:" on stderr says why), 1 on a mismatch.
#
# Environment:
#   CLAUDE_BIN           claude binary to use (else installed from npm as
#                        bench/interop-claude.sh does, into $INTEROP_DIR/cc)
#   CLAUDE_CODE_VERSION  version to install (default: the latest on npm)
#   INTEROP_DIR          work folder (default ${TMPDIR:-/tmp}/ccerr-interop-collect)
#   INTEROP_PORT         mock port (default 18890); PORT+1 OTLP/HTTP, PORT+2 gRPC
#   INTEROP_SCENARIOS    space-separated scenarios (default below)
#   INTEROP_PROTOCOLS    space-separated (default "http/json http/protobuf grpc")
#   INTEROP_MAX_RETRIES  CLAUDE_CODE_MAX_RETRIES (default 2)
#   INTEROP_TIMEOUT      seconds before a run is killed (default 90)
#   INTEROP_REPORT       Markdown (default $INTEROP_DIR/interop-collect.md)
set -uo pipefail
export LC_ALL=C.UTF-8

root=$(cd "$(dirname "$0")/.." && pwd)
work=${INTEROP_DIR:-${TMPDIR:-/tmp}/ccerr-interop-collect}
port=${INTEROP_PORT:-18890}
http_port=$((port + 1))
grpc_port=$((port + 2))
retries=${INTEROP_MAX_RETRIES:-2}
limit=${INTEROP_TIMEOUT:-90}
report=${INTEROP_REPORT:-$work/interop-collect.md}
scenarios=${INTEROP_SCENARIOS:-"overloaded rate-limited server-error invalid-api-key credit-balance-low prompt-too-long reset ok"}
protocols=${INTEROP_PROTOCOLS:-"http/json http/protobuf grpc"}
claude=${CLAUDE_BIN:-}

skip() {
	echo "interop-collect.sh: skipped: $*" >&2
	exit 0
}
die() {
	echo "interop-collect.sh: $*" >&2
	exit 2
}
mkdir -p "$work" || die "cannot create $work"
command -v jq >/dev/null || die "needs jq"
command -v curl >/dev/null || die "needs curl"

if [ -z "$claude" ]; then
	command -v npm >/dev/null 2>&1 || skip "npm is not installed and CLAUDE_BIN is not set"
	version=${CLAUDE_CODE_VERSION:-$(timeout 60 npm view @anthropic-ai/claude-code version 2>/dev/null)} ||
		skip "cannot reach the npm registry"
	[ "$(uname -sm)" = "Linux x86_64" ] || skip "this script installs the linux-x64 build only; set CLAUDE_BIN"
	pkg=@anthropic-ai/claude-code-linux-x64
	claude=$work/cc/node_modules/$pkg/claude
	if ! [ -x "$claude" ]; then
		timeout 600 npm install --prefix "$work/cc" --no-save --no-audit --no-fund --loglevel=error "$pkg@$version" >&2 ||
			skip "npm install $pkg@$version failed"
	fi
fi
cc_version=$("$claude" --version 2>/dev/null) || skip "$claude does not run here"

ccerr=${INTEROP_CCERR:-}
if [ -z "$ccerr" ]; then
	(cd "$root" && go build -o "$work/" ./cmd/ccerr ./cmd/ccerr-full) || die "go build failed"
	ccerr=$work/ccerr
fi

netns="no"
if [ "${INTEROP_IN_NETNS:-}" = 1 ]; then
	ip link set lo up || die "cannot bring up loopback"
	netns="yes (unshare -rn: loopback only)"
elif command -v ip >/dev/null 2>&1 && unshare -rn sh -c 'ip link set lo up' 2>/dev/null; then
	exec unshare -rn env INTEROP_IN_NETNS=1 CLAUDE_BIN="$claude" INTEROP_CCERR="$ccerr" bash "$0"
fi
echo "interop-collect.sh: $cc_version; network namespace: $netns" >&2

pids=()
cleanup() {
	for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null; done
	wait 2>/dev/null
}
trap cleanup EXIT

"$ccerr" mock --listen "127.0.0.1:$port" >"$work/mock.out" 2>"$work/mock.log" &
pids+=($!)

home=$work/home
project=$work/project
rm -rf "$home" "$work/runs" "$work/hookdata"
mkdir -p "$home/.claude" "$project" "$work/runs"
key=sk-ant-api03-ccerr-interop-FAKE-0000000000000000000000000000000000000000000000000000000000000000-AAAA
jq -n --arg k "${key: -20}" --arg p "$project" \
	'{hasCompletedOnboarding: true, customApiKeyResponses: {approved: [$k]}, projects: {($p): {hasTrustDialogAccepted: true}}}' \
	>"$home/.claude.json"
"$ccerr" hook install --settings "$home/.claude/settings.json" --command "$ccerr hook stop-failure" >/dev/null ||
	die "ccerr hook install failed"

rows=()
ok_all=1
for proto in $protocols; do
	db=$work/collect-${proto//\//-}.db
	rm -f "$db"*
	"$ccerr" collect --listen "127.0.0.1:$http_port" --grpc-listen "127.0.0.1:$grpc_port" --db "$db" \
		2>"$work/collect-${proto//\//-}.log" &
	cpid=$!
	for _ in $(seq 100); do curl -fsS "http://127.0.0.1:$http_port/healthz" >/dev/null 2>&1 && break; sleep 0.1; done
	endpoint=http://127.0.0.1:$http_port
	[ "$proto" = grpc ] && endpoint=http://127.0.0.1:$grpc_port
	declare -A want=()
	for name in $scenarios; do
		id=$("$ccerr" mock --list --json | jq -r --arg n "$name" '.[] | select(.name == $n) | .id // empty')
		[ "$name" = reset ] && id=connection-failed
		dir=$work/runs/${proto//\//-}-$name
		mkdir -p "$dir"
		(cd "$project" && env -i PATH=/usr/bin:/bin HOME="$home" TERM=dumb LANG=C.UTF-8 \
			DISABLE_ERROR_REPORTING=1 DISABLE_AUTOUPDATER=1 CLAUDE_CODE_MAX_RETRIES="$retries" \
			ANTHROPIC_BASE_URL="http://127.0.0.1:$port/scenario/$name" ANTHROPIC_API_KEY="$key" \
			CLAUDE_CODE_ENABLE_TELEMETRY=1 OTEL_LOGS_EXPORTER=otlp OTEL_METRICS_EXPORTER=otlp \
			OTEL_EXPORTER_OTLP_PROTOCOL="$proto" OTEL_EXPORTER_OTLP_ENDPOINT="$endpoint" \
			OTEL_LOGS_EXPORT_INTERVAL=500 OTEL_METRIC_EXPORT_INTERVAL=1000 \
			CCERR_COLLECT_URL="http://127.0.0.1:$http_port" XDG_DATA_HOME="$work/hookdata" \
			timeout "$limit" "$claude" -p "say hi" </dev/null >"$dir/stdout" 2>"$dir/stderr")
		echo $? >"$dir/rc"
		[ -n "$id" ] && want[$id]=$((${want[$id]:-0} + 1))
		echo "interop-collect.sh: $proto $name exit $(cat "$dir/rc")" >&2
	done
	sleep 2 # exports are flushed at exit; let the last hook forward land
	curl -fsS "http://127.0.0.1:$http_port/api/errors?since=1h" >"$work/api-${proto//\//-}.json"
	curl -fsS "http://127.0.0.1:$http_port/metrics" >"$work/metrics-${proto//\//-}.txt"
	hooks=$(awk '/^ccerr_collect_events_total\{event="hook"\}/{print $2}' "$work/metrics-${proto//\//-}.txt")
	errs=$(awk '/^ccerr_collect_events_total\{event="claude_code.api_error"\}/{print $2}' "$work/metrics-${proto//\//-}.txt")
	kill -INT "$cpid"
	wait "$cpid"
	for id in $(printf '%s\n' "${!want[@]}" $(jq -r '.rows[].id' "$work/api-${proto//\//-}.json") | sort -u); do
		got=$(jq -r --arg id "$id" '[.rows[] | select(.id == $id) | .count] | add // 0' "$work/api-${proto//\//-}.json")
		w=${want[$id]:-0}
		[ "$got" = "$w" ] && m=yes || { m=no; ok_all=0; }
		rows+=("| $proto | \`$id\` | $w | $got | ${errs:-0} | ${hooks:-0} | $m |")
	done
	unset want
done

{
	echo "Claude Code: $cc_version; ccerr: $(cd "$root" && git describe --always --dirty 2>/dev/null || echo unknown)"
	echo "CLAUDE_CODE_MAX_RETRIES=$retries; scenarios: $scenarios; network namespace: $netns; $(date -u +%Y-%m-%dT%H:%MZ)"
	echo
	echo "| protocol | catalog id | expected failures | stored (/api/errors) | api_error events received | hook records received | match |"
	echo "|---|---|---|---|---|---|---|"
	printf '%s\n' "${rows[@]}"
} | tee "$report"
[ -s "$work/hookdata/ccerr/hook.log" ] && { echo; echo "hook.log:"; cat "$work/hookdata/ccerr/hook.log"; }
[ "$ok_all" = 1 ]
