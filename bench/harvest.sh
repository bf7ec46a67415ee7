#!/usr/bin/env bash
# bench/harvest.sh — collect every error, retry and limit message that
# published Claude Code releases contain, and write them to
# catalog/data/harvest.json and docs/wordings.md (issue 9).
#
# For a spread of releases of @anthropic-ai/claude-code it fetches the npm
# tarball with `npm pack` (which runs no package scripts): the package itself
# for the JavaScript releases (package/cli.js), and for the native releases,
# whose main package holds no cli.js, the per-platform package named in its
# optionalDependencies (@anthropic-ai/claude-code-linux-x64 by default). It
# then runs `go run ./internal/harvest -extract`, which reads the string
# literals of cli.js or of the executable without running anything, and
# finally merges every release into the data file and the docs page.
#
# Extracted releases are kept in $HARVEST_DIR/cache, so a second run only
# fetches what is new, or what an older extractor (another format number)
# read.
#
# Needs npm and the network to the npm registry; not part of CI. The output
# is committed; `go generate ./internal/harvest` rebuilds docs/wordings.md
# from it without npm.
#
# Environment:
#   HARVEST_DIR       work folder (default ${TMPDIR:-/tmp}/ccerr-harvest)
#   HARVEST_RELEASES  space-separated releases to harvest instead of the
#                     default spread (every 0.2.x, every 3rd 1.0.x, every 2nd
#                     2.0.x, every 3rd JavaScript 2.1.x, every 10th native
#                     2.1.x, and always the first and last of each series and
#                     the newest release)
#   HARVEST_PLATFORM  native package suffix (default linux-x64)
#   HARVEST_KEEP      1 keeps the downloaded tarballs (default: removed once
#                     extracted)
#   HARVEST_OUT       data file (default catalog/data/harvest.json)
#   HARVEST_DOCS      docs page (default docs/wordings.md)
set -euo pipefail
export LC_ALL=C.UTF-8

root=$(cd "$(dirname "$0")/.." && pwd)
work=${HARVEST_DIR:-${TMPDIR:-/tmp}/ccerr-harvest}
plat=${HARVEST_PLATFORM:-linux-x64}
out=${HARVEST_OUT:-$root/catalog/data/harvest.json}
docs=${HARVEST_DOCS:-$root/docs/wordings.md}
pkg=@anthropic-ai/claude-code

die() {
	echo "harvest.sh: $*" >&2
	exit 2
}
command -v npm >/dev/null 2>&1 || die "npm is not installed"
command -v jq >/dev/null 2>&1 || die "jq is not installed (apt-get install jq)"
mkdir -p "$work/cache" "$work/tgz"
(cd "$root" && go build -o "$work/harvest" ./internal/harvest) || die "go build ./internal/harvest failed"

# spread prints the default selection from the registry's list of versions,
# coarse first, so that an interrupted run still spans every series.
spread() {
	timeout 120 npm view "$pkg" versions --json | jq -r '.[]' | awk -F. '
		
		{
			series = $1 "." $2
			native = ($1 == 2 && $2 == 1 && $3 >= 113) || ($1 == 2 && $2 > 1) || $1 > 2
			if (native) series = "native"
			n = count[series]++
			every = 1
			if (series == "1.0") every = 3
			else if (series == "2.0") every = 2
			else if (series == "2.1") every = 3
			else if (series == "native") every = 10
			keep = (n % every == 0)
			last[series] = $0
			if (keep) { sel[$0] = 1; order[++k] = $0; rank[$0] = int(n / every) }
		}
		END {
			for (s in last) if (!(last[s] in sel)) { sel[last[s]] = 1; order[++k] = last[s]; rank[last[s]] = 0 }
			for (i = 1; i <= k; i++) print rank[order[i]] % 4, order[i]
		}' | sort -s -n -k1,1 | cut -d' ' -f2
}

if [ -n "${HARVEST_RELEASES:-}" ]; then
	releases=$HARVEST_RELEASES
else
	releases=$(spread) || die "cannot list $pkg versions from the npm registry"
fi

# fetch packs one npm package into $work/tgz and prints the tarball's path.
fetch() {
	local name
	name=$(cd "$work/tgz" && timeout 900 npm pack --silent "$1" 2>/dev/null | tail -1) || return 1
	[ -n "$name" ] && [ -f "$work/tgz/$name" ] || return 1
	echo "$work/tgz/$name"
}

fmt=$("$work/harvest" -format)
n=0
for v in $releases; do
	n=$((n + 1))
	if [ "$(jq -r '.format // 0' "$work/cache/$v.json" 2>/dev/null)" = "$fmt" ]; then
		continue
	fi
	start=$SECONDS
	tgz=$(fetch "$pkg@$v") || {
		echo "harvest.sh: npm pack $pkg@$v failed; skipped" >&2
		continue
	}
	# grep reads all of tar's listing: with pipefail, grep -q would fail it.
	if ! tar tzf "$tgz" 2>/dev/null | grep -E '^package/cli\.m?js$' >/dev/null; then
		[ "${HARVEST_KEEP:-0}" = 1 ] || rm -f "$tgz"
		tgz=$(fetch "$pkg-$plat@$v") || {
			echo "harvest.sh: $pkg@$v has no cli.js and npm pack $pkg-$plat@$v failed; skipped" >&2
			continue
		}
	fi
	"$work/harvest" -extract "$tgz" -release "$v" -cache "$work/cache" ||
		echo "harvest.sh: extracting $v failed; skipped" >&2
	[ "${HARVEST_KEEP:-0}" = 1 ] || rm -f "$tgz"
	echo "harvest.sh: [$n] $v $(jq '.kind + ", " + (.texts | length | tostring) + " candidates"' -r "$work/cache/$v.json" 2>/dev/null) in $((SECONDS - start))s" >&2
done

"$work/harvest" -cache "$work/cache" -out "$out" -docs "$docs"
echo "harvest.sh: $(ls "$work/cache" | wc -l) releases; $(jq length "$out") messages ($(jq '[.[] | select(.id != "")] | length' "$out") assigned) in $out" >&2
