#!/usr/bin/env bash
# P2 side by side: NEURON (tools/neuron/perf.py) vs our Go benchmark
# (BenchmarkP2Cable in ./tests/, which reports the metric "ns/comp-step").
# Usage: tools/bench.sh [neuron repeats, default 5]
# Prints ns per compartment-step for both and the ratio NEURON/ours
# (> 1 means nmodlgo is faster). Missing NEURON or benchmark -> "n/a".
set -uo pipefail
cd "$(dirname "$0")/.."

repeats="${1:-5}"

echo "== NEURON: tools/neuron/perf.py -n $repeats"
neuron_ns=""
if json=$(/usr/bin/python3 tools/neuron/perf.py -n "$repeats" 2>/dev/null); then
    echo "$json"
    neuron_ns=$(printf '%s' "$json" | /usr/bin/python3 -c \
        'import json,sys; print(json.load(sys.stdin)["ns_per_compartment_step"])')
else
    echo "NEURON run failed (is python3-neuron installed?)"
fi

echo "== Go: go test -run '^\$' -bench BenchmarkP2Cable -benchtime 3x ./tests/"
go_out=$(go test -run '^$' -bench 'BenchmarkP2Cable' -benchtime 3x ./tests/ 2>&1)
echo "$go_out"
# the value just before the unit "ns/comp-step" on the first benchmark line
go_ns=$(printf '%s\n' "$go_out" | awk '/^BenchmarkP2Cable/ {
    for (i = 2; i <= NF; i++) if ($i == "ns/comp-step") { print $(i-1); exit } }')

echo "== P2 (1000 compartments x 4000 steps), ns per compartment-step"
printf 'NEURON   %s\n' "${neuron_ns:-n/a}"
printf 'nmodlgo  %s\n' "${go_ns:-n/a (benchmark missing or failed)}"
if [[ -n "$neuron_ns" && -n "$go_ns" ]]; then
    awk -v n="$neuron_ns" -v g="$go_ns" \
        'BEGIN { printf "ratio NEURON/nmodlgo = %.2f\n", n / g }'
else
    echo "ratio NEURON/nmodlgo = n/a"
fi
