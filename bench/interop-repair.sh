#!/usr/bin/env bash
# bench/interop-repair.sh — real Claude Code, poisoned sessions, and
# `ccerr repair` (issue 12). Not part of CI.
#
# Each case makes a poisoned session with real Claude Code runs against
# `ccerr mock --strict` (which refuses what the Messages API refuses), then
# resumes it twice from the same starting point: once as it is, once after
# `ccerr repair`. For each resume it records Claude Code's exit code and
# what it printed, and the status of every request the mock saw; it also
# records what `ccerr repair --dry-run` found, and that a second check of the
# mended file is clean.
#
#   thinking-signer   a session made against one strict mock, resumed against
#                     another: its thinking blocks carry a signature the new
#                     server did not issue (a provider or key switch)
#   thinking-unsigned a reply whose thinking block lost its signature on the
#                     way (the mock leaves out signature_delta, as a gateway
#                     that drops it would)
#   tool-duplicate-id two turns whose tool calls share one id (the mock is
#                     told to reuse it), as parallel or replayed calls do
#   interrupted-tool  Claude Code killed (SIGKILL) while a tool runs: the
#                     tool_use has no tool_result
#   image-in-history  a 12 MB base64 PNG in a user message of a real session
#                     (added to the file, the shape FACTS §10.3 describes)
#   truncated-line    a line in the middle of a real session cut in half, as
#                     a crash during a write leaves it
#
# The session as it is is resumed twice (Claude Code records a failure in
# the transcript, which can change what the next resume sends); request
# sizes show how much history a resume sent.
#
# Claude Code runs only inside a network namespace that has nothing but
# loopback (unshare -rn), with an emptied environment and a throwaway HOME,
# as in bench/interop-claude.sh. Exit 0 with "skipped:" on stderr when
# Claude Code or unshare is not available.
#
# Environment:
#   CLAUDE_BIN       use this claude binary instead of installing one from npm
#   INTEROP_DIR      work folder (default ${TMPDIR:-/tmp}/ccerr-interop-repair)
#   INTEROP_PORT     first of two mock ports (default 18960)
#   INTEROP_REPORT   Markdown report (default $INTEROP_DIR/interop-repair.md)
set -uo pipefail
export LC_ALL=C.UTF-8

root=$(cd "$(dirname "$0")/.." && pwd)
work=${INTEROP_DIR:-${TMPDIR:-/tmp}/ccerr-interop-repair}
port=${INTEROP_PORT:-18960}
port2=$((port + 1))
report=${INTEROP_REPORT:-$work/interop-repair.md}
claude=${CLAUDE_BIN:-}

skip() {
	echo "interop-repair.sh: skipped: $*" >&2
	exit 0
}
die() {
	echo "interop-repair.sh: $*" >&2
	exit 2
}
mkdir -p "$work" || die "cannot create $work"
for t in jq timeout python3 base64; do command -v $t >/dev/null || die "$t is needed"; done

if [ -z "$claude" ]; then
	command -v npm >/dev/null 2>&1 || skip "npm is not installed and CLAUDE_BIN is not set"
	[ "$(uname -s)-$(uname -m)" = Linux-x86_64 ] || skip "this script installs the linux-x64 build; set CLAUDE_BIN"
	version=$(timeout 60 npm view @anthropic-ai/claude-code version 2>/dev/null) || skip "cannot reach the npm registry"
	claude=$work/cc/node_modules/@anthropic-ai/claude-code-linux-x64/claude
	if ! [ -x "$claude" ] || [ "$("$claude" --version 2>/dev/null | cut -d' ' -f1)" != "$version" ]; then
		timeout 600 npm install --prefix "$work/cc" --no-save --no-audit --no-fund --loglevel=error \
			"@anthropic-ai/claude-code-linux-x64@$version" >&2 || skip "npm install failed"
	fi
fi
cc_version=$("$claude" --version 2>/dev/null) || skip "$claude does not run here"

if [ "${INTEROP_IN_NETNS:-}" != 1 ]; then
	command -v unshare >/dev/null && unshare -rn sh -c 'ip link set lo up' 2>/dev/null ||
		skip "unshare -rn is not available: Claude Code runs only in a loopback-only namespace"
	(cd "$root" && go build -o "$work/" ./cmd/ccerr ./cmd/ccerr-full) || die "go build failed"
	exec unshare -rn env INTEROP_IN_NETNS=1 CLAUDE_BIN="$claude" PATH="$PATH" bash "$0"
fi
ip link set lo up || die "cannot bring up loopback"
ccerr=$work/ccerr

key=sk-ant-api03-ccerr-interop-FAKE-0000000000000000000000000000000000000000000000000000000000000000-AAAA
home=$work/home
project=$work/project

pids=()
cleanup() {
	for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null; done
	wait 2>/dev/null
}
trap cleanup EXIT

# mock NAME PORT: a strict mock with its own signing key, logging to NAME.log.
mock() {
	"$ccerr" mock --strict --listen "127.0.0.1:$2" >"$work/$1.out" 2>"$work/$1.log" &
	pids+=($!)
	for _ in $(seq 50); do [ -s "$work/$1.out" ] && return; sleep 0.1; done
	die "ccerr mock did not start (see $work/$1.log)"
}

fresh_home() {
	rm -rf "$home" "$project"
	mkdir -p "$home" "$project"
	jq -n --arg k "${key: -20}" --arg p "$project" \
		'{hasCompletedOnboarding: true, customApiKeyResponses: {approved: [$k]}, projects: {($p): {hasTrustDialogAccepted: true}}}' >"$home/.claude.json"
}

# cc PORT SIGNAL SECONDS ARGS...: one Claude Code run; output in $work/cc.out.
cc() {
	local p=$1 sig=$2 secs=$3
	shift 3
	(cd "$project" && env -i PATH=/usr/bin:/bin HOME="$home" TERM=dumb LANG=C.UTF-8 \
		CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC=1 DISABLE_TELEMETRY=1 DISABLE_ERROR_REPORTING=1 \
		DISABLE_AUTOUPDATER=1 CLAUDE_CODE_MAX_RETRIES=0 ANTHROPIC_BASE_URL="http://127.0.0.1:$p" \
		ANTHROPIC_API_KEY="$key" timeout -s "$sig" "$secs" "$claude" "$@" </dev/null >"$work/cc.out" 2>&1)
}

session_file() { ls -t "$home"/.claude/projects/*/*.jsonl 2>/dev/null | head -1; }

# statuses LOG FROM: the statuses of the requests logged after line FROM.
statuses() { tail -n +"$(($2 + 1))" "$1" | jq -r '"\(.status) (\(.body_bytes) B)"' | paste -sd' ' -; }
lines() { wc -l <"$1"; }

# findings FILE: the kinds ccerr repair finds, counted.
findings() {
	HOME=$home "$ccerr" repair --dry-run --json "$1" 2>/dev/null |
		jq -r '[.findings[].kind] | group_by(.) | map("\(.[0]) ×\(length)") | join(", ") | if . == "" then "none" else . end'
}

cell() {
	local s=${1//$'\n'/ }
	[ ${#s} -gt 110 ] && s="${s:0:110}…"
	printf '%s' "${s//|/\\|}"
}

# resume LOGNAME PORT: resume the session and describe the outcome.
resume() {
	local log=$work/$1.log from
	from=$(lines "$log")
	cc "$2" TERM 60 --resume "$id" -p "hello again"
	local rc=$?
	printf 'exit %s; requests: %s; printed: %s' "$rc" "$(statuses "$log" "$from")" "$(cell "$(cat "$work/cc.out")")"
}

# mend: repair the session (it was just written, hence --force), then check again.
mend() {
	HOME=$home "$ccerr" repair --force "$id" >"$work/repair.out" 2>&1
	local rc=$?
	local again
	again=$(findings "$(session_file)")
	printf 'repair exit %s, then %s' "$rc" "$again"
}

rows=()
row() { rows+=("| $1 | $2 | $3 | $4 | $5 |"); echo "interop-repair.sh: $1 done" >&2; }

mock a "$port"
mock b "$port2"

# make_CASE: produce the poisoned session (sets id); port to resume against in $rport.
make_thinking-signer() {
	cc "$port" TERM 60 -p "say hi"
	rport=$port2 rlog=b
}
make_thinking-unsigned() {
	cc "$port" TERM 60 -p $'say hi\nccerr-mock: thinking unsigned'
	rport=$port rlog=a
}
make_tool-duplicate-id() {
	cc "$port" TERM 60 --allowedTools "Bash(echo:*)" -p 'ccerr-mock: tool Bash {"command":"echo one","description":"first"} id=toolu_dup'
	local f
	f=$(session_file)
	cc "$port" TERM 60 --allowedTools "Bash(echo:*)" --resume "$(basename "$f" .jsonl)" -p 'ccerr-mock: tool Bash {"command":"echo two","description":"second"} id=toolu_dup'
	rport=$port rlog=a
}
make_interrupted-tool() {
	cc "$port" KILL 10 --allowedTools "Bash" -p 'ccerr-mock: tool Bash {"command":"python3 -c \"import time; time.sleep(60)\"","description":"wait"}'
	rport=$port rlog=a
}
make_image-in-history() {
	cc "$port" TERM 60 -p "say hi"
	local f leaf
	f=$(session_file)
	python3 - "$work/big.b64" <<'PY'
import base64, random, struct, sys, zlib
# A 1500x1500 RGBA PNG of noise: about 9 MB, 12 MB in base64.
w = h = 1500
rnd = random.Random(1)
raw = b"".join(b"\x00" + rnd.randbytes(w * 4) for _ in range(h))
def chunk(t, d): return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d))
png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 6, 0, 0, 0)) + chunk(b"IDAT", zlib.compress(raw, 1)) + chunk(b"IEND", b"")
open(sys.argv[1], "w").write(base64.b64encode(png).decode())
PY
	leaf=$(jq -r 'select(.uuid != null and .isSidechain == false) | .uuid' "$f" | tail -1)
	jq -cn --rawfile d "$work/big.b64" --arg p "$leaf" --arg s "$(basename "$f" .jsonl)" --arg cwd "$project" \
		'{parentUuid:$p,isSidechain:false,type:"user",message:{role:"user",content:[{type:"image",source:{type:"base64",media_type:"image/png",data:$d}},{type:"text",text:"what is this?"}]},uuid:"11111111-2222-4333-8444-555555555555",timestamp:"2026-12-05T13:00:00.000Z",userType:"external",entrypoint:"sdk-cli",cwd:$cwd,sessionId:$s,version:"2.1.332",gitBranch:"HEAD"}' >>"$f"
	rport=$port rlog=a
}
make_truncated-line() {
	cc "$port" TERM 60 -p "first question"
	local f
	f=$(session_file)
	cc "$port" TERM 60 --resume "$(basename "$f" .jsonl)" -p "second question"
	# Cut the assistant answer to the first question in half.
	local n
	n=$(grep -n '"text":"Hello from ccerr mock."' "$f" | head -1 | cut -d: -f1)
	python3 - "$f" "$n" <<'PY'
import sys
path, n = sys.argv[1], int(sys.argv[2])
lines = open(path, "rb").read().split(b"\n")
lines[n - 1] = lines[n - 1][: len(lines[n - 1]) // 2]
open(path, "wb").write(b"\n".join(lines))
PY
	rport=$port rlog=a
}

for case in thinking-signer thinking-unsigned tool-duplicate-id interrupted-tool image-in-history truncated-line; do
	# As it is.
	fresh_home
	"make_$case"
	f=$(session_file)
	id=$(basename "$f" .jsonl)
	found=$(findings "$f")
	plain="1st: $(resume "$rlog" "$rport")<br>2nd: $(resume "$rlog" "$rport")"
	# The same poison, repaired before the resume.
	fresh_home
	"make_$case"
	f=$(session_file)
	id=$(basename "$f" .jsonl)
	extra=()
	[ "$case" = thinking-signer ] && extra=(--drop-thinking)
	if [ ${#extra[@]} -gt 0 ]; then
		HOME=$home "$ccerr" repair --force "${extra[@]}" "$id" >"$work/repair.out" 2>&1
		mended="repair ${extra[*]} exit $?, then $(findings "$f")"
	else
		mended=$(mend)
	fi
	after=$(resume "$rlog" "$rport")
	row "\`$case\`" "$found" "$plain" "$mended" "$after"
done

{
	echo "Claude Code: $cc_version ($claude); ccerr: $(cd "$root" && git describe --always --dirty 2>/dev/null || echo unknown); network namespace: unshare -rn, loopback only; $(date -u +%Y-%m-%dT%H:%MZ)"
	echo
	echo "| case | ccerr repair --dry-run finds | resume as it is | ccerr repair | resume after repair |"
	echo "|---|---|---|---|---|"
	printf '%s\n' "${rows[@]}"
} | tee "$report"
