#!/usr/bin/python3
"""Time NEURON on performance anchor P2 and print one JSON line.

P2 (= ../shared/reference/perf/P2_cable1000/scenario.json): one hh cable,
L 10000 um, diam 1, nseg 1000, Ra 100, cm 1, IClamp at x=0 (del 1, dur 0.5,
amp 0.5 nA), v_init -65, 100 ms, dt 0.025, celsius 6.3, backward Euler.

Usage: /usr/bin/python3 tools/neuron/perf.py [-n REPEATS] [--notable]

Timed region, as in reference/perf/perf_neuron.py: h.finitialize(-65) +
h.continuerun(100) only, no recording; median over the repeats.
ns_per_compartment_step = median / (1000 compartments * 4000 steps) * 1e9.
"""
import argparse
import json
import statistics
import time

from neuron import h

NSEG, TSTOP, DT = 1000, 100.0, 0.025


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("-n", "--repeats", type=int, default=5)
    ap.add_argument("--notable", action="store_true", help="usetable_hh = 0")
    a = ap.parse_args()

    h.load_file("stdrun.hoc")
    h.usetable_hh = 0 if a.notable else 1
    cab = h.Section(name="cable")
    cab.L, cab.diam, cab.Ra, cab.cm = 10000, 1, 100, 1.0
    cab.nseg = NSEG
    cab.insert("hh")
    stim = h.IClamp(cab(0))
    stim.delay, stim.dur, stim.amp = 1, 0.5, 0.5
    h.dt = DT
    h.steps_per_ms = 1.0 / DT
    h.secondorder = 0
    h.celsius = 6.3

    runs = []
    for _ in range(a.repeats):
        t0 = time.perf_counter()
        h.finitialize(-65)
        h.continuerun(TSTOP)
        runs.append(time.perf_counter() - t0)
    steps = int(round(TSTOP / DT))
    med = statistics.median(runs)
    print(json.dumps({
        "name": "P2_cable1000" + ("_notable" if a.notable else ""),
        "neuron_version": h.nrnversion(5),
        "compartments": NSEG, "steps": steps, "repeats": a.repeats,
        "runs_s": runs, "median_s": med,
        "ns_per_compartment_step": med / (NSEG * steps) * 1e9,
    }))


if __name__ == "__main__":
    main()
