#!/usr/bin/env bash
# bench/interop-claude.sh — does real Claude Code, pointed at `ccerr mock`,
# print the documented message for every scenario, and does `ccerr explain`
# recognise what it printed? (issue 3: "Real clients must see the documented
# error")
#
# It installs Claude Code's native binary from npm into the work folder (the
# platform package, e.g. @anthropic-ai/claude-code-linux-x64, which needs no
# node), builds ccerr, starts `ccerr mock` on loopback (a plain server, a
# --tls server, and a port nothing listens on for `refused`), and for each
# scenario of `ccerr mock --list` runs
#
#   ANTHROPIC_BASE_URL=http://127.0.0.1:PORT/scenario/<name> claude -p "say hi"
#
# in a throwaway HOME with a fake credential: an API key, or a subscription
# (OAuth) token for the scenarios whose wording depends on it (usage-limit,
# server-throttled, oauth-*; with an API key Claude Code prints the
# rate-limited wording for every 429). It keeps stdout, stderr and the exit
# code, counts the requests the mock saw, feeds the output to
# `ccerr explain --json` and compares the first id with the scenario's catalog
# id. Scenarios without an id (ok, slow) must exit 0 and match nothing.
# The table goes to stdout and to $INTEROP_REPORT as Markdown.
#
# Claude Code only ever talks to 127.0.0.1 here: the environment is emptied
# (no proxy variables) and nonessential traffic, telemetry, error reporting
# and the auto-updater are switched off. Where `unshare -rn` works, the mock
# and every run live in a fresh network namespace that has nothing but
# loopback (INTEROP_NETNS=0 turns that off).
#
# Not part of CI. Exit 0 when every scenario matched or when Claude Code cannot
# run here (a line starting "skipped:" on stderr says why), 1 on a mismatch.
#
# Release matrix (issue 9): with RELEASES set, e.g.
#
#   RELEASES="1.0.100 2.0.50 2.1.200 2.1.332" bench/interop-claude.sh
#
# the script runs itself once per release and per CLAUDE_CODE_MAX_RETRIES
# value of INTEROP_RETRIES_LIST (default "0 1 2"), over the server-side
# scenarios (default: overloaded server-error rate-limited request-timeout
# hang reset connection-failed refused stream-error), and writes a tally per
# release and the list of misnamed outputs to $INTEROP_MATRIX_REPORT
# (default $INTEROP_DIR/matrix.md); one row per run goes to
# $INTEROP_DIR/matrix/runs.tsv. Each release is installed once into
# $INTEROP_DIR/cc-<release>: the native package where npm has one for this
# platform (2.1.113 and later), else the JavaScript CLI, which runs on the
# node the release's engines field asks for. Exit 0 when every run named
# its scenario's entry, 1 otherwise.
#
# Environment:
#   CLAUDE_BIN             use this claude binary instead of installing one
#   CLAUDE_CODE_VERSION    version to install (default: the latest on npm)
#   INTEROP_DIR            work folder (default ${TMPDIR:-/tmp}/ccerr-interop)
#   INTEROP_PORT           mock port (default 18788); PORT+1 serves TLS,
#                          PORT+2 must be free (the refused scenario)
#   INTEROP_SCENARIOS      comma-free, space-separated subset to run
#   INTEROP_MAX_RETRIES    CLAUDE_CODE_MAX_RETRIES for every run (default 2)
#   INTEROP_TIMEOUT        seconds before a run is killed (default 60)
#   INTEROP_API_TIMEOUT_MS API_TIMEOUT_MS for the scenarios that never answer
#                          (hang, stall, request-timeout; default 5000, since
#                          the 600000 default would outlast INTEROP_TIMEOUT)
#   INTEROP_STREAM_IDLE_MS CLAUDE_BYTE_STREAM_IDLE_TIMEOUT_MS for stall
#                          (default 10000, the least 2.1.332 accepts): headers
#                          arrived, so API_TIMEOUT_MS alone does not end the
#                          attempt; 2.1.332's own byte-idle watchdog waits
#                          180 s, or more
#   INTEROP_REPORT         Markdown table (default $INTEROP_DIR/interop.md)
#   INTEROP_NETNS          1 (default): run inside `unshare -rn` when possible
#   RELEASES               space-separated releases: the matrix mode above
#   INTEROP_RETRIES_LIST   CLAUDE_CODE_MAX_RETRIES values of the matrix
#   INTEROP_MATRIX_REPORT  Markdown tally of the matrix
#   INTEROP_TSV            append one tab-separated row per run to this file
#   INTEROP_TALLY          only print the summary of this runs.tsv (for
#                          instance of a matrix that was stopped early)
set -uo pipefail
export LC_ALL=C.UTF-8

root=$(cd "$(dirname "$0")/.." && pwd)
work=${INTEROP_DIR:-${TMPDIR:-/tmp}/ccerr-interop}
port=${INTEROP_PORT:-18788}
tls_port=$((port + 1))
closed_port=$((port + 2))
retries=${INTEROP_MAX_RETRIES:-2}
limit=${INTEROP_TIMEOUT:-60}
hang_ms=${INTEROP_API_TIMEOUT_MS:-5000}
stall_ms=${INTEROP_STREAM_IDLE_MS:-10000}
report=${INTEROP_REPORT:-$work/interop.md}
claude=${CLAUDE_BIN:-}
version=${CLAUDE_CODE_VERSION:-}

skip() {
	echo "interop-claude.sh: skipped: $*" >&2
	exit 0
}
die() {
	echo "interop-claude.sh: $*" >&2
	exit 2
}

mkdir -p "$work" || die "cannot create $work"

need() {
	command -v "$1" >/dev/null 2>&1 && return
	echo "interop-claude.sh: installing $2" >&2
	local sudo=
	[ "$(id -u)" = 0 ] || sudo=sudo
	{ $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$2" >/dev/null; } ||
		die "cannot install $2"
}
need jq jq
need timeout coreutils

# tally prints the Markdown summary of a matrix's runs.tsv.
tally() {
	local tsv=$1
	{
		echo "Claude Code releases against \`ccerr mock\`: each release × scenario × CLAUDE_CODE_MAX_RETRIES (${INTEROP_RETRIES_LIST:-0 1 2}); ccerr $(cd "$root" && git describe --always --dirty 2>/dev/null || echo unknown); API_TIMEOUT_MS=${INTEROP_API_TIMEOUT_MS:-3000} for hang and request-timeout; $(date -u +%Y-%m-%dT%H:%MZ)"
		echo
		echo "| release | runs | named the scenario's entry | first id wrong | nothing recognised | of which killed (exit 124) |"
		echo "|---|---|---|---|---|---|"
		awk -F'\t' '{ n[$1]++; if ($7 == "yes") y[$1]++; else if ($5 == "-") none[$1]++; else wrong[$1]++; if ($7 != "yes" && $8 == 124) killed[$1]++; if (!($1 in seen)) { seen[$1] = 1; order[++k] = $1 } }
			END { for (i = 1; i <= k; i++) { r = order[i]; printf "| %s | %d | %d | %d | %d | %d |\n", r, n[r], y[r], wrong[r], none[r], killed[r]; N += n[r]; Y += y[r]; W += wrong[r]; E += none[r]; K += killed[r] }
				printf "| all | %d | %d (%.1f%%) | %d | %d | %d |\n", N, Y, N ? 100 * Y / N : 0, W, E, K }' "$tsv"
		echo
		echo "Misnamed outputs (release, retries, scenario: want → explain's ids; what Claude Code printed):"
		echo
		awk -F'\t' '$7 != "yes" { printf "- %s, retries %s, `%s`: want `%s`, explain `%s` (exit %s, %s requests): %s\n", $1, $2, $3, $4, $6, $8, $9, $10 }' "$tsv"
	}
}

# matrix runs this script once per release and retry setting (see RELEASES
# above) and tallies the rows the runs append to $INTEROP_TSV.
matrix() {
	local dir=$work/matrix tsv out scen
	tsv=$dir/runs.tsv
	out=${INTEROP_MATRIX_REPORT:-$work/matrix.md}
	scen=${INTEROP_SCENARIOS:-overloaded server-error rate-limited request-timeout hang reset connection-failed refused stream-error}
	mkdir -p "$dir" || die "cannot create $dir"
	: >"$tsv"
	(cd "$root" && go build -o "$work/" ./cmd/ccerr ./cmd/ccerr-full) || die "go build failed"
	local v r
	for v in $RELEASES; do
		for r in ${INTEROP_RETRIES_LIST:-0 1 2}; do
			echo "interop-claude.sh: release $v, CLAUDE_CODE_MAX_RETRIES=$r" >&2
			INTEROP_MATRIX_CHILD=1 RELEASES= CLAUDE_BIN= CLAUDE_CODE_VERSION="$v" INTEROP_MAX_RETRIES="$r" \
				INTEROP_SCENARIOS="$scen" INTEROP_CCERR="$work/ccerr" INTEROP_TSV="$tsv" \
				INTEROP_REPORT="$dir/$v-retries$r.md" INTEROP_API_TIMEOUT_MS="${INTEROP_API_TIMEOUT_MS:-3000}" \
				bash "$0" >/dev/null
		done
	done
	tally "$tsv" | tee "$out"
	! awk -F'\t' '$7 != "yes" { bad = 1 } END { exit !bad }' "$tsv"
}
if [ -n "${INTEROP_TALLY:-}" ]; then
	tally "$INTEROP_TALLY"
	exit
fi
if [ -n "${RELEASES:-}" ] && [ -z "${INTEROP_MATRIX_CHILD:-}" ]; then
	matrix
	exit
fi

# platform prints the suffix of Claude Code's native npm package for this
# machine (linux-x64, linux-arm64-musl, darwin-arm64, …).
platform() {
	local os arch libc=
	case $(uname -s) in
	Linux) os=linux ;;
	Darwin) os=darwin ;;
	*) return 1 ;;
	esac
	case $(uname -m) in
	x86_64 | amd64) arch=x64 ;;
	aarch64 | arm64) arch=arm64 ;;
	*) return 1 ;;
	esac
	if [ "$os" = linux ] && ldd --version 2>&1 | grep -qi musl; then
		libc=-musl
	fi
	echo "$os-$arch$libc"
}

install_claude() {
	command -v npm >/dev/null 2>&1 || skip "npm is not installed and CLAUDE_BIN is not set"
	if [ -z "$version" ]; then
		version=$(timeout 60 npm view @anthropic-ai/claude-code version 2>/dev/null) ||
			skip "cannot reach the npm registry to find Claude Code"
	fi
	local plat pkg optional
	plat=$(platform) || skip "no Claude Code build for $(uname -s) $(uname -m)"
	pkg=@anthropic-ai/claude-code-$plat
	optional=$(timeout 60 npm view "@anthropic-ai/claude-code@$version" optionalDependencies --json 2>/dev/null) ||
		skip "cannot read @anthropic-ai/claude-code@$version from the npm registry"
	if [ -n "$optional" ] && jq -e --arg p "$pkg" 'has($p)' <<<"$optional" >/dev/null 2>&1; then
		claude=$work/cc-$version/node_modules/$pkg/claude
		# The package's own version, not `claude --version`: nothing of
		# Claude Code runs outside the network namespace.
		if ! [ -x "$claude" ] || [ "$(jq -r .version "$work/cc-$version/node_modules/$pkg/package.json" 2>/dev/null)" != "$version" ]; then
			echo "interop-claude.sh: installing $pkg@$version from npm" >&2
			timeout 600 npm install --prefix "$work/cc-$version" --no-save --no-audit --no-fund --loglevel=error \
				"$pkg@$version" >&2 || skip "npm install $pkg@$version failed"
		fi
		return
	fi
	# No native package for this platform (or a release from before the
	# native packages): the JS CLI, on the node its engines field asks for
	# (>=18 up to 2.1.112; assume 22 when the field is missing).
	local want have need_major
	want=$(timeout 60 npm view "@anthropic-ai/claude-code@$version" engines.node 2>/dev/null)
	need_major=$(sed -E 's/^[^0-9]*([0-9]+).*/\1/' <<<"${want:->=22}")
	have=$(node --version 2>/dev/null | sed 's/^v//')
	if [ -z "$have" ] || [ "${have%%.*}" -lt "$need_major" ]; then
		skip "Claude Code $version has no native package for $plat and its JS CLI needs node ${want:->=22} (found ${have:-none})"
	fi
	claude=$work/cc-$version/node_modules/@anthropic-ai/claude-code/cli.js
	[ -f "$claude" ] || claude=$work/cc-$version/node_modules/@anthropic-ai/claude-code/cli.mjs
	if ! [ -f "$claude" ]; then
		echo "interop-claude.sh: installing @anthropic-ai/claude-code@$version from npm" >&2
		# --ignore-scripts: nothing of the package runs outside the namespace.
		timeout 600 npm install --prefix "$work/cc-$version" --no-save --no-audit --no-fund --loglevel=error \
			--ignore-scripts "@anthropic-ai/claude-code@$version" >&2 || skip "npm install @anthropic-ai/claude-code@$version failed"
	fi
	claude=$work/cc-$version/node_modules/@anthropic-ai/claude-code/cli.js
	[ -f "$claude" ] || claude=$work/cc-$version/node_modules/@anthropic-ai/claude-code/cli.mjs
	[ -f "$claude" ] || skip "npm install @anthropic-ai/claude-code@$version holds no cli.js"
}

[ -n "$claude" ] || install_claude
[ -e "$claude" ] || skip "$claude does not exist"

ccerr=${INTEROP_CCERR:-}
if [ -z "$ccerr" ]; then
	(cd "$root" && go build -o "$work/" ./cmd/ccerr ./cmd/ccerr-full) || die "go build failed"
	ccerr=$work/ccerr
fi

# Everything below needs no network but loopback: run it in a namespace that
# has nothing else, so nothing can leave the machine whatever Claude Code does.
netns="no (INTEROP_NETNS=0 or unshare unavailable)"
if [ "${INTEROP_IN_NETNS:-}" = 1 ]; then
	ip link set lo up || die "cannot bring up loopback in the network namespace"
	netns="yes (unshare -rn: loopback only)"
elif [ "${INTEROP_NETNS:-1}" != 0 ] && command -v ip >/dev/null 2>&1 &&
	unshare -rn sh -c 'ip link set lo up' 2>/dev/null; then
	exec unshare -rn env INTEROP_IN_NETNS=1 CLAUDE_BIN="$claude" INTEROP_CCERR="$ccerr" bash "$0"
fi
cc_version=$(env -i PATH=/usr/bin:/bin HOME="$work" DISABLE_AUTOUPDATER=1 "$claude" --version 2>/dev/null </dev/null) || skip "$claude does not run on this machine"
echo "interop-claude.sh: $cc_version at $claude; network namespace: $netns" >&2

listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
for p in "$port" "$tls_port" "$closed_port"; do
	listening "$p" && die "127.0.0.1:$p is already in use; set INTEROP_PORT"
done

pids=()
cleanup() {
	for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null; done
	wait 2>/dev/null
}
trap cleanup EXIT
trap 'exit 130' INT TERM

"$ccerr" mock --listen "127.0.0.1:$port" >"$work/mock.out" 2>"$work/mock.log" &
pids+=($!)
"$ccerr" mock --listen "127.0.0.1:$tls_port" --tls >"$work/mock-tls.out" 2>"$work/mock-tls.log" &
pids+=($!)
for _ in $(seq 50); do
	[ -s "$work/mock.out" ] && [ -s "$work/mock-tls.out" ] && break
	sleep 0.1
done
{ [ -s "$work/mock.out" ] && [ -s "$work/mock-tls.out" ]; } || die "ccerr mock did not start (see $work/mock.log)"

# A throwaway HOME that has done onboarding, trusts the project folder and
# approved the fake key (FACTS §4), so -p neither asks nor phones home.
home=$work/home
project=$work/project
rm -rf "$home" "$work/runs"
mkdir -p "$home" "$project" "$work/runs"
key=sk-ant-api03-ccerr-interop-FAKE-0000000000000000000000000000000000000000000000000000000000000000-AAAA
oauth=sk-ant-oat01-ccerr-interop-FAKE-000000000000000000000000000000000000-AAAA
jq -n --arg k "${key: -20}" --arg p "$project" \
	'{hasCompletedOnboarding: true, customApiKeyResponses: {approved: [$k]}, projects: {($p): {hasTrustDialogAccepted: true, allowedTools: []}}}' \
	>"$home/.claude.json"

# name, catalog id ("-" when none), note; from the mock's own list, plus
# refused (a closed port) and one sequence.
scenarios=$("$ccerr" mock --list --json | jq -r '.[] | select(.servable) | [.name, (.id // "-")] | @tsv')
scenarios+=$'\n'"refused	connection-failed"
scenarios+=$'\n'"overloaded,overloaded,ok	-"
# What the real API does after a mid-stream error: Claude Code re-sends the
# request without streaming, and an overloaded API answers that with a 529.
scenarios+=$'\n'"stream-error,overloaded	overloaded"

mdcell() {
	# one line, at most 120 characters, pipes escaped for a Markdown table
	local s=${1//$'\n'/ ⏎ }
	s=${s//$'\r'/}
	[ ${#s} -gt 120 ] && s="${s:0:120}…"
	s=${s//|/\\|}
	printf '%s' "$s"
}

rows=()
gaps=()
total=0
matched=0
while IFS=$'\t' read -r name want; do
	[ -n "$name" ] || continue
	if [ -n "${INTEROP_SCENARIOS:-}" ] && ! [[ " $INTEROP_SCENARIOS " == *" $name "* ]]; then
		continue
	fi
	case $name in
	tls | tls-certificate) base=https://127.0.0.1:$tls_port/scenario/$name log=$work/mock-tls.log ;;
	refused) base=http://127.0.0.1:$closed_port log=/dev/null ;;
	*) base=http://127.0.0.1:$port/scenario/$name log=$work/mock.log ;;
	esac
	extra=()
	case $name in
	usage-limit | server-throttled | oauth-token-invalid | oauth-scope)
		cred=oauth
		extra+=(CLAUDE_CODE_OAUTH_TOKEN="$oauth")
		;;
	*)
		cred=api-key
		extra+=(ANTHROPIC_API_KEY="$key")
		;;
	esac
	case $name in
	hang | request-timeout) extra+=(API_TIMEOUT_MS="$hang_ms") ;;
	stall) extra+=(API_TIMEOUT_MS="$hang_ms" CLAUDE_BYTE_STREAM_IDLE_TIMEOUT_MS="$stall_ms") ;;
	esac
	dir=$work/runs/${name//,/_}
	mkdir -p "$dir"
	start=$(date +%s.%N)
	(cd "$project" && env -i PATH=/usr/bin:/bin HOME="$home" TERM=dumb LANG=C.UTF-8 \
		CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC=1 DISABLE_TELEMETRY=1 DISABLE_ERROR_REPORTING=1 \
		DISABLE_AUTOUPDATER=1 CLAUDE_CODE_MAX_RETRIES="$retries" \
		ANTHROPIC_BASE_URL="$base" "${extra[@]}" \
		timeout "$limit" "$claude" -p "say hi" </dev/null >"$dir/stdout" 2>"$dir/stderr")
	rc=$?
	secs=$(echo "$(date +%s.%N) - $start" | bc 2>/dev/null || echo "?")
	echo "$rc" >"$dir/rc"
	requests=$(jq -r --arg p "/scenario/$name/" 'select(.path | startswith($p)) | .path' "$log" 2>/dev/null | wc -l)
	cat "$dir/stdout" "$dir/stderr" | "$ccerr" explain --json >"$dir/explain.json" 2>/dev/null
	got=$(jq -r '.matches[0].id // "-"' "$dir/explain.json" 2>/dev/null || echo "-")
	printed=$(cat "$dir/stdout")
	[ -n "$printed" ] || printed=$(cat "$dir/stderr")
	if [ "$want" = - ]; then
		[ "$rc" = 0 ] && [ "$got" = - ] && ok=yes || ok=no
	else
		[ "$got" = "$want" ] && ok=yes || ok=no
	fi
	total=$((total + 1))
	if [ "$ok" = yes ]; then
		matched=$((matched + 1))
	else
		gaps+=("$name ($cred; want $want, explain $got, exit $rc): $printed")
	fi
	if [ -n "${INTEROP_TSV:-}" ]; then
		all=$(jq -r '[.matches[]?.id] | join(",")' "$dir/explain.json" 2>/dev/null)
		line=${printed//$'\t'/ }
		line=${line//$'\r'/}
		line=${line//$'\n'/ ⏎ }
		printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "${cc_version%% *}" "$retries" "$name" "$want" "$got" "${all:--}" "$ok" "$rc" "$requests" "${line:0:400}" >>"$INTEROP_TSV"
	fi
	[ "$rc" = 124 ] && rcs="124 (killed)" || rcs=$rc
	rows+=("| \`$name\` | \`$want\` | $cred | $rcs | $requests | $(mdcell "$printed") | \`$got\` | $ok |")
	printf 'interop-claude.sh: %-26s %-7s exit %-3s %2s req %5.1fs  %s\n' "$name" "$cred" "$rc" "$requests" "$secs" "$ok" >&2
done <<<"$scenarios"

{
	echo "Claude Code: $cc_version ($claude); ccerr: $(cd "$root" && git describe --always --dirty 2>/dev/null || echo unknown)"
	echo "CLAUDE_CODE_MAX_RETRIES=$retries; API_TIMEOUT_MS=$hang_ms for hang, stall, request-timeout; CLAUDE_BYTE_STREAM_IDLE_TIMEOUT_MS=$stall_ms for stall; network namespace: $netns; $(date -u +%Y-%m-%dT%H:%MZ)"
	echo
	echo "| scenario | catalog id | credential | exit | requests | Claude Code printed (first 120 chars) | explain id | match |"
	echo "|---|---|---|---|---|---|---|---|"
	printf '%s\n' "${rows[@]}"
	echo
	echo "$matched of $total matched."
	if [ ${#gaps[@]} -gt 0 ]; then
		echo
		echo "Not matched (full text):"
		for g in "${gaps[@]}"; do echo "- $g"; done
	fi
} | tee "$report"

[ "$matched" = "$total" ]
