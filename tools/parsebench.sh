#!/usr/bin/env bash
# Front-end speed side by side: NEURON's nocmodl and `nmodlgo check` on every
# corpus file that nocmodl accepts (../shared/corpus/manifest.tsv, column
# nocmodl_ok), measured in the same run. nocmodl translates as well as
# parses, so the ratio flatters us a little; it is still the tool users wait on.
# Usage: tools/parsebench.sh [corpus dir, default ../shared/corpus]
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=$(cd "${1:-../shared/corpus}" && pwd)
command -v nocmodl >/dev/null || { echo "nocmodl not found (apt-get install neuron)"; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# nocmodl writes its .c beside the input: work on a copy of the corpus.
cp -r "$corpus/public" "$work/public"
awk -F'\t' 'NR > 1 && $8 == "true" && $11 == "mod" { print $2 }' "$corpus/manifest.tsv" > "$work/files"
n=$(wc -l < "$work/files")

go build -o "$work/nmodlgo" ./cmd/nmodlgo

now() { date +%s.%N; }
t0=$(now)
while read -r f; do
    (cd "$work/$(dirname "$f")" && nocmodl "$(basename "$f")" >/dev/null 2>&1) || true
done < "$work/files"
t1=$(now)
# One process per file, as nocmodl runs.
while read -r f; do
    (cd "$work/$(dirname "$f")" && "$work/nmodlgo" check "$(basename "$f")" >/dev/null 2>&1) || true
done < "$work/files"
t2=$(now)
# All files in one process: the parser's own speed.
(cd "$work" && xargs "$work/nmodlgo" check < "$work/files" >/dev/null 2>&1) || true
t3=$(now)

awk -v n="$n" -v a="$t0" -v b="$t1" -v c="$t2" -v d="$t3" 'BEGIN {
    printf "files: %d (nocmodl_ok)\n", n
    printf "nocmodl, one process per file:  %.2f s\n", b - a
    printf "nmodlgo check, one per file:    %.2f s   (ratio nocmodl/nmodlgo %.2f)\n", c - b, (b - a) / (c - b)
    printf "nmodlgo check, all in one:      %.2f s   (ratio %.2f)\n", d - c, (b - a) / (d - c)
}'
