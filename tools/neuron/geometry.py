#!/usr/bin/python3
"""NEURON's geometry from 3-D points, for sim's TestGeometryMatchesNEURON.

Prints JSON: for sections made with pt3dadd (random shapes from a fixed
seed, and cases where points fall on segment boundaries or repeat), for
several nseg and Ra, NEURON's L, and each segment's area, ri and diam,
with ri at x = 1; then the same after L or diam is set with the points in
place.

  /usr/bin/python3 tools/neuron/geometry.py > sim/testdata/geometry.json
"""
import json
import random
import sys

from neuron import h


def shapes():
    random.seed(7)
    out = []
    for _ in range(20):
        n = random.randint(2, 9)
        pts, x, y, z = [], 0.0, 0.0, 0.0
        for i in range(n):
            if not (random.random() < 0.1 and pts):  # else a repeated point
                x += random.uniform(-20, 20)
                y += random.uniform(-20, 20)
                z += random.uniform(-5, 5)
            pts.append([x, y, z, random.uniform(0.1, 10.0)])
        if len({tuple(p[:3]) for p in pts}) > 1:
            out.append(pts)
    out += [
        [[0, 0, 0, 2], [10, 0, 0, 1]],
        [[0, 0, 0, 1], [5, 0, 0, 3], [10, 0, 0, 1]],
        [[0, 0, 0, 1], [2.5, 0, 0, 3], [5, 0, 0, 2], [7.5, 0, 0, 4], [10, 0, 0, 1]],
        [[0, 0, 0, 1], [5, 0, 0, 3], [5, 0, 0, 6], [10, 0, 0, 1]],
        [[0.1, 0.2, 0.3, 1.1], [1000.3, 7.7, -3.3, 2.2]],
        [[1.1, 2.2, 3.3, 1.7], [4.4, 5.5, 6.6, 2.9], [7.7, 8.8, 9.9, 0.4]],
    ]
    return out


def measure(s):
    return {
        "L": s.L,
        "area": [seg.area() for seg in s],
        "ri": [seg.ri() for seg in s] + [s(1).ri()],
        "diam": [seg.diam for seg in s],
        "pts": [[s.x3d(i), s.y3d(i), s.z3d(i), s.diam3d(i)] for i in range(s.n3d())],
    }


cases = []
for pts in shapes():
    for nseg in (1, 2, 3, 7):
        for ra in ((35.4, 123.456) if nseg == 2 else (35.4,)):
            s = h.Section(name="s")
            s.nseg, s.Ra = nseg, ra
            for p in pts:
                s.pt3dadd(*p)
            case = {"points": pts, "nseg": nseg, "Ra": ra, "then": measure(s)}
            if nseg == 3:
                s.L = s.L * 1.37  # rescales the points
                case["setL"] = measure(s)
                s.diam = 0.3  # every point takes it
                case["setDiam"] = measure(s)
            cases.append(case)
            h.delete_section(sec=s)
sys.stdout.write(json.dumps({"neuron": h.nrnversion(), "cases": cases}).replace("}, {\"points\"", "},\n{\"points\""))
sys.stdout.write("\n")
