#!/usr/bin/env bash
# NEURON and nmodlgo on the same models, in the same run: the performance
# anchors P1 (the tutorial: one compartment, 40 ms), P2 (a 1000-segment hh
# cable, 100 ms) and P3 (1000 one-compartment hh cells, 100 ms). NEURON is
# timed by tools/neuron/perf.py (finitialize + continuerun, median of N),
# nmodlgo by the Go benchmarks in ./tests (metric ns/comp-step).
# Prints ns per compartment-step for both and the ratio NEURON/nmodlgo
# (> 1: nmodlgo is faster).
# Usage: tools/bench.sh [repeats, default 5]
set -uo pipefail
cd "$(dirname "$0")/.."
repeats="${1:-5}"

declare -A bench=([tutorial]=BenchmarkTutorial [P2_cable1000]=BenchmarkP2Cable [P3_1000cells]=BenchmarkP3Cells)
declare -A dir=([tutorial]=tests/testdata/golden/tutorial [P2_cable1000]=tests/testdata/perf/P2_cable1000 [P3_1000cells]=tests/testdata/perf/P3_1000cells)

printf '%-14s %14s %14s %8s\n' model "NEURON ns" "nmodlgo ns" ratio
for m in tutorial P2_cable1000 P3_1000cells; do
    neuron_ns=$(/usr/bin/python3 tools/neuron/perf.py -n "$repeats" "${dir[$m]}" 2>/dev/null |
        /usr/bin/python3 -c 'import json,sys; print("%.1f" % json.load(sys.stdin)["ns_per_compartment_step"])' 2>/dev/null)
    go_ns=$(go test -run '^$' -bench "^${bench[$m]}\$" -benchtime "${repeats}x" ./tests/ 2>&1 |
        awk '/^Benchmark/ { for (i = 2; i <= NF; i++) if ($i == "ns/comp-step") { print $(i-1); exit } }')
    ratio=n/a
    if [[ -n "$neuron_ns" && -n "$go_ns" ]]; then
        ratio=$(awk -v n="$neuron_ns" -v g="$go_ns" 'BEGIN { printf "%.2f", n / g }')
    fi
    printf '%-14s %14s %14s %8s\n' "$m" "${neuron_ns:-n/a}" "${go_ns:-n/a}" "$ratio"
done
