#!/usr/bin/python3
"""Time NEURON on a scenario and print one JSON line.

Usage: /usr/bin/python3 tools/neuron/perf.py [-n REPEATS] [--notable] [SCENARIO_DIR]

SCENARIO_DIR holds a scenario.json (default: tests/testdata/perf/P2_cable1000,
the performance anchor P2: one hh cable of 1000 segments with an IClamp,
100 ms). The model is built exactly as golden.py builds it; the timed region,
as in reference/perf/perf_neuron.py, is h.finitialize(v_init) +
h.continuerun(tstop) only, with no recording; the median over the repeats is
reported, and ns_per_compartment_step = median / (compartments * steps) * 1e9
with compartments the sum of nseg.
"""
import argparse
import json
import os
import statistics
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from golden import build  # noqa: E402  (same builder as the golden traces)

from neuron import h  # noqa: E402

DEFAULT = os.path.join(HERE, "..", "..", "tests", "testdata", "perf", "P2_cable1000")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("-n", "--repeats", type=int, default=5)
    ap.add_argument("--notable", action="store_true", help="usetable_hh = 0")
    ap.add_argument("scenario", nargs="?", default=DEFAULT)
    a = ap.parse_args()

    with open(os.path.join(a.scenario, "scenario.json")) as f:
        sc = json.load(f)
    h.load_file("stdrun.hoc")
    for k, v in sc.get("globals", {}).items():
        setattr(h, k, v)
    if a.notable:
        h.usetable_hh = 0
    model = build(sc, h, a.scenario)  # keep the objects alive while timing
    run = sc["run"]
    h.dt = run["dt"]
    h.steps_per_ms = 1.0 / run["dt"]
    h.secondorder = int(run.get("secondorder", 0))
    h.celsius = run.get("celsius", 6.3)

    runs = []
    for _ in range(a.repeats):
        t0 = time.perf_counter()
        h.finitialize(run["v_init"])
        h.continuerun(run["tstop"])
        runs.append(time.perf_counter() - t0)
    del model
    compartments = sum(int(s.get("nseg", 1)) for s in sc["sections"])
    steps = int(round(run["tstop"] / run["dt"]))
    med = statistics.median(runs)
    print(json.dumps({
        "name": sc["name"] + ("_notable" if a.notable else ""),
        "neuron_version": h.nrnversion(5),
        "compartments": compartments, "steps": steps, "repeats": a.repeats,
        "runs_s": runs, "median_s": med,
        "ns_per_compartment_step": med / (compartments * steps) * 1e9,
    }))


if __name__ == "__main__":
    main()
