#!/usr/bin/env bash
# bench/interop-proxy.sh — real Claude Code behind `ccerr proxy`, in front of
# `ccerr mock`: when the proxy gives up, does what Claude Code prints still
# name the real cause (as `ccerr explain` reads it), and does the upstream
# see no more requests than one client attempt plus the proxy's own retries?
# (issue 11, items 15 and 16)
#
# For each scenario (overloaded, reset, hang, server-error, rate-limited,
# stream-error, refused) and each client timeout (API_TIMEOUT_MS unset, i.e.
# 600 s, and 3000 ms; hang only with 3000 and 5000), it starts
#
#   ccerr proxy --upstream http://127.0.0.1:PORT/scenario/<name>
#
# (CLAUDE_CODE_MAX_RETRIES=2 for the proxy too, so a storm takes seconds),
# runs `claude -p "say hi"` with ANTHROPIC_BASE_URL pointing at the proxy
# and CLAUDE_CODE_MAX_RETRIES=2, counts the requests the mock saw, and
# feeds what Claude Code printed to `ccerr explain --json`.
#
# Everything runs in a network namespace that has nothing but loopback
# (`unshare -rn`); the environment is emptied. Not part of CI. Exit 0 when
# every row matched (or when Claude Code cannot run here: a "skipped:" line
# says why), 1 otherwise. The table goes to stdout and $INTEROP_REPORT.
#
# Environment:
#   CLAUDE_BIN           a claude binary to use; otherwise the native package
#                        of CLAUDE_CODE_VERSION (default 2.1.332) is installed
#                        from npm into $INTEROP_DIR
#   INTEROP_DIR          work folder (default ${TMPDIR:-/tmp}/ccerr-interop-proxy)
#   INTEROP_PORT         mock port (default 18840); PORT+1 the proxy, PORT+2
#                        must be free (refused)
#   INTEROP_TIMEOUT      seconds before a run is killed (default 90)
#   INTEROP_REPORT       Markdown table (default $INTEROP_DIR/interop-proxy.md)
set -uo pipefail
export LC_ALL=C.UTF-8

root=$(cd "$(dirname "$0")/.." && pwd)
work=${INTEROP_DIR:-${TMPDIR:-/tmp}/ccerr-interop-proxy}
port=${INTEROP_PORT:-18840}
pport=$((port + 1))
closed_port=$((port + 2))
limit=${INTEROP_TIMEOUT:-90}
report=${INTEROP_REPORT:-$work/interop-proxy.md}
claude=${CLAUDE_BIN:-}
version=${CLAUDE_CODE_VERSION:-2.1.332}

skip() {
	echo "interop-proxy.sh: skipped: $*" >&2
	exit 0
}
die() {
	echo "interop-proxy.sh: $*" >&2
	exit 2
}
mkdir -p "$work" || die "cannot create $work"
command -v jq >/dev/null || die "needs jq"

if [ -z "$claude" ]; then
	command -v npm >/dev/null || skip "npm is not installed and CLAUDE_BIN is not set"
	case "$(uname -s)-$(uname -m)" in
	Linux-x86_64) plat=linux-x64 ;;
	Linux-aarch64) plat=linux-arm64 ;;
	*) skip "no Claude Code build known for $(uname -s) $(uname -m)" ;;
	esac
	pkg=@anthropic-ai/claude-code-$plat
	claude=$work/cc/node_modules/$pkg/claude
	if ! [ -x "$claude" ]; then
		timeout 600 npm install --prefix "$work/cc" --no-save --no-audit --no-fund --loglevel=error \
			"$pkg@$version" >&2 || skip "npm install $pkg@$version failed"
	fi
fi
cc_version=$("$claude" --version 2>/dev/null) || skip "$claude does not run on this machine"

ccerr=${INTEROP_CCERR:-}
if [ -z "$ccerr" ]; then
	(cd "$root" && go build -o "$work/" ./cmd/ccerr ./cmd/ccerr-full) || die "go build failed"
	ccerr=$work/ccerr
fi

if [ "${INTEROP_IN_NETNS:-}" != 1 ]; then
	unshare -rn sh -c 'ip link set lo up' 2>/dev/null || skip "unshare -rn is not available: no loopback-only namespace"
	exec unshare -rn env INTEROP_IN_NETNS=1 CLAUDE_BIN="$claude" INTEROP_CCERR="$ccerr" bash "$0"
fi
ip link set lo up || die "cannot bring up loopback in the network namespace"
echo "interop-proxy.sh: $cc_version; loopback-only network namespace" >&2

pids=()
cleanup() {
	for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null; done
	wait 2>/dev/null
}
trap cleanup EXIT

"$ccerr" mock --listen "127.0.0.1:$port" >"$work/mock.out" 2>"$work/mock.log" &
pids+=($!)
for _ in $(seq 50); do [ -s "$work/mock.out" ] && break; sleep 0.1; done
[ -s "$work/mock.out" ] || die "ccerr mock did not start"

home=$work/home
project=$work/project
rm -rf "$home" "$work/runs"
mkdir -p "$home" "$project" "$work/runs"
key=sk-ant-api03-ccerr-interop-FAKE-0000000000000000000000000000000000000000000000000000000000000000-AAAA
jq -n --arg k "${key: -20}" --arg p "$project" \
	'{hasCompletedOnboarding: true, customApiKeyResponses: {approved: [$k]}, projects: {($p): {hasTrustDialogAccepted: true}}}' \
	>"$home/.claude.json"

# scenario, catalog id wanted, API_TIMEOUT_MS ("-": unset)
runs="overloaded overloaded -
overloaded overloaded 3000
reset connection-failed -
reset connection-failed 3000
server-error server-error -
server-error server-error 3000
rate-limited rate-limited -
rate-limited rate-limited 3000
stream-error overloaded -
stream-error overloaded 3000
refused connection-failed -
hang request-timeout 3000
hang request-timeout 5000"

mdcell() {
	local s=${1//$'\n'/ ⏎ }
	s=${s//|/\\|}
	printf '%s' "$s"
}

rows=()
total=0
matched=0
while read -r name want tmo; do
	[ -n "$name" ] || continue
	if [ "$name" = refused ]; then
		upstream=http://127.0.0.1:$closed_port
	else
		upstream=http://127.0.0.1:$port/scenario/$name
	fi
	dir=$work/runs/$name-$tmo
	mkdir -p "$dir"
	env -i PATH=/usr/bin:/bin CLAUDE_CODE_MAX_RETRIES=2 \
		"$ccerr" proxy --upstream "$upstream" --listen "127.0.0.1:$pport" --log-format json \
		>"$dir/proxy.out" 2>"$dir/proxy.log" &
	ppid=$!
	for _ in $(seq 50); do grep -q ANTHROPIC_BASE_URL "$dir/proxy.log" 2>/dev/null && break; sleep 0.1; done
	before=$(jq -r --arg p "/scenario/$name/" 'select(.path | startswith($p)) | .path' "$work/mock.log" 2>/dev/null | wc -l)
	extra=()
	[ "$tmo" != - ] && extra+=(API_TIMEOUT_MS="$tmo")
	start=$(date +%s.%N)
	(cd "$project" && env -i PATH=/usr/bin:/bin HOME="$home" TERM=dumb LANG=C.UTF-8 \
		CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC=1 DISABLE_TELEMETRY=1 DISABLE_ERROR_REPORTING=1 \
		DISABLE_AUTOUPDATER=1 CLAUDE_CODE_MAX_RETRIES=2 ANTHROPIC_API_KEY="$key" \
		ANTHROPIC_BASE_URL="http://127.0.0.1:$pport" "${extra[@]}" \
		timeout "$limit" "$claude" -p "say hi" </dev/null >"$dir/stdout" 2>"$dir/stderr")
	rc=$?
	secs=$(echo "$(date +%s.%N) - $start" | bc 2>/dev/null || echo "?")
	kill "$ppid" 2>/dev/null
	wait "$ppid" 2>/dev/null
	after=$(jq -r --arg p "/scenario/$name/" 'select(.path | startswith($p)) | .path' "$work/mock.log" 2>/dev/null | wc -l)
	upstream_reqs=$((after - before))
	client_reqs=$(grep -c '"msg":"request"' "$dir/proxy.log")
	statuses=$(jq -Rr 'fromjson? | select(.msg == "request") | "\(.status)/\(.attempts)"' "$dir/proxy.log" 2>/dev/null | paste -sd' ')
	printed=$(cat "$dir/stdout")
	[ -n "$printed" ] || printed=$(cat "$dir/stderr")
	got=$(printf '%s\n' "$printed" | "$ccerr" explain --json 2>/dev/null | jq -r '.matches[0].id // "-"' 2>/dev/null || echo -)
	ok=no
	[ "$got" = "$want" ] && ok=yes
	total=$((total + 1))
	[ "$ok" = yes ] && matched=$((matched + 1))
	rows+=("| \`$name\` | ${tmo/-/unset} | \`$want\` | $client_reqs | $upstream_reqs | $statuses | $(mdcell "$printed") | \`$got\` | $ok |")
	printf 'interop-proxy.sh: %-13s API_TIMEOUT_MS=%-5s client %s, upstream %2s req, %5.1fs  %s (%s)\n' \
		"$name" "$tmo" "$client_reqs" "$upstream_reqs" "$secs" "$ok" "$got" >&2
done <<<"$runs"

{
	echo "Claude Code: $cc_version; ccerr: $(cd "$root" && git describe --always --dirty 2>/dev/null || echo unknown); CLAUDE_CODE_MAX_RETRIES=2 for Claude Code and the proxy; loopback-only network namespace; $(date -u +%Y-%m-%dT%H:%MZ)"
	echo
	echo "| scenario | API_TIMEOUT_MS | want | client requests | upstream requests | proxy answers (status/attempts) | Claude Code printed | explain | match |"
	echo "|---|---|---|---|---|---|---|---|---|"
	printf '%s\n' "${rows[@]}"
	echo
	echo "$matched of $total matched."
} | tee "$report"

[ "$matched" = "$total" ]
