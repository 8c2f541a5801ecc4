#!/usr/bin/env bash
# NEURON and nmodlgo on the same models, in the same run: the performance
# anchors P1 (the tutorial: one compartment, 40 ms), P2 (a 1000-segment hh
# cable, 100 ms), P3 (1000 one-compartment hh cells, 100 ms) and P4 (a ring
# network of 100 cells with 50-segment dendrites, 100 ms). NEURON is
# timed by tools/neuron/perf.py (finitialize + continuerun, median of N),
# nmodlgo by the Go benchmarks in ./tests (metric ns/comp-step).
# Prints ns per compartment-step for NEURON, for nmodlgo on one thread and
# on every CPU (-threads 0), and the ratios nmodlgo/NEURON (< 1: nmodlgo is
# faster), with the machine it ran on. Then, as a user runs it, the whole
# process `nmodlgo sim -threads 0` (start, scenario, build, run, CSV
# written; median of N) against NEURON's finitialize + continuerun alone,
# the two alternating (median of N each).
# Usage: tools/bench.sh [repeats, default 5]
set -uo pipefail
cd "$(dirname "$0")/.."
repeats="${1:-5}"

declare -A bench=([tutorial]=BenchmarkTutorial [P2_cable1000]=BenchmarkP2Cable [P3_1000cells]=BenchmarkP3Cells [P4_ring100]=BenchmarkP4Ring)
declare -A dir=([tutorial]=tests/testdata/golden/tutorial [P2_cable1000]=tests/testdata/perf/P2_cable1000 [P3_1000cells]=tests/testdata/perf/P3_1000cells [P4_ring100]=tests/testdata/perf/P4_ring100)

grep -m1 'model name' /proc/cpuinfo 2>/dev/null | sed 's/.*: /machine: /'
echo "CPUs: $(nproc), $(go version | cut -d' ' -f3)"
printf '%-14s %10s %12s %12s %10s %10s\n' model "NEURON ns" "1 thread ns" "all CPUs ns" "1 thread" "all CPUs"
for m in tutorial P2_cable1000 P3_1000cells P4_ring100; do
    neuron_json=$(/usr/bin/python3 tools/neuron/perf.py -n "$repeats" "${dir[$m]}" 2>/dev/null)
    neuron_ns=$(/usr/bin/python3 -c 'import json,sys; print("%.1f" % json.load(sys.stdin)["ns_per_compartment_step"])' <<<"$neuron_json" 2>/dev/null)
    go_ns() {
        go test -run '^$' -bench "^${bench[$m]}\$" -benchtime "${repeats}x" ./tests/ -args -threads "$1" 2>&1 |
            awk '/^Benchmark/ { for (i = 2; i <= NF; i++) if ($i == "ns/comp-step") { print $(i-1); exit } }'
    }
    one=$(go_ns 1)
    all=$(go_ns 0)
    ratio() { [[ -n "$neuron_ns" && -n "$1" ]] && awk -v n="$neuron_ns" -v g="$1" 'BEGIN { printf "%.2f", g / n }' || echo n/a; }
    printf '%-14s %10s %12s %12s %10s %10s\n' "$m" "${neuron_ns:-n/a}" "${one:-n/a}" "${all:-n/a}" "$(ratio "$one")" "$(ratio "$all")"
done

# median of µs values, in s
median() { printf '%s\n' "$@" | sort -n | awk '{ a[NR] = $1 } END { if (NR) printf "%.4f", a[int((NR + 1) / 2)] / 1e6 }'; }

bin=$(mktemp -d)/nmodlgo
go build -o "$bin" ./cmd/nmodlgo || exit 1
out=$(mktemp -d)
echo
printf '%-14s %14s %16s %10s\n' model "NEURON run s" "nmodlgo sim s" "ratio"
for m in P2_cable1000 P3_1000cells P4_ring100; do
    args=(sim -threads 0 -stats -o "$out/trace.csv")
    grep -q '"spikes"' "${dir[$m]}/scenario.json" && args+=(-spikes "$out/spikes.csv")
    # NEURON's run and nmodlgo's process alternate, so that both see the
    # same load of the machine's other tenants.
    walls=() neurons=()
    for ((i = 0; i < repeats; i++)); do
        n1=$(/usr/bin/python3 tools/neuron/perf.py -n 1 "${dir[$m]}" 2>/dev/null |
            /usr/bin/python3 -c 'import json,sys; print(int(json.load(sys.stdin)["median_s"] * 1e6))' 2>/dev/null) && neurons+=("$n1")
        start=${EPOCHREALTIME/[.,]/} # µs, without starting a process as date would
        "$bin" "${args[@]}" "${dir[$m]}" 2>"$out/stats" || { cat "$out/stats"; break; }
        walls+=($((${EPOCHREALTIME/[.,]/} - start)))
    done
    sim_s=$(median "${walls[@]}")
    n=$( ((${#neurons[@]})) && median "${neurons[@]}")
    r=n/a
    [[ -n "$n" && -n "$sim_s" ]] && r=$(awk -v n="$n" -v g="$sim_s" 'BEGIN { printf "%.2f", g / n }')
    printf '%-14s %14s %16s %10s   (%s)\n' "$m" "${n:-n/a}" "${sim_s:-n/a}" "$r" "$(sed 's/.* per compartment-step on //' "$out/stats")"
done
