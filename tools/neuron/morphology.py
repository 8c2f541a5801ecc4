#!/usr/bin/python3
"""What NEURON 8.2's Import3D makes of SWC files, for morph's tests.

For each file.swc given, writes file.json next to it: the sections in
creation order (name, parent, where on it, the pt3dstyle logical point, the
3-D points or for big files the first and last), then with Ra 100 Ω·cm,
cm 1 µF/cm² and nseg by the d_lambda rule (0.1 at 100 Hz, NEURON's
fixnseg.hoc) every segment's area and ri, h.distance() from soma[0](0.5)
and from 0.3 along the section farthest from it to each segment and end
of every section, h.topology()'s text, and a
trace: hh in the soma sections, pas elsewhere, 1 nA into soma[0](0.5) from
1 to 3 ms, v at soma[0](0.5) and at the 1 end of the section farthest from
it, dt 0.025 ms to 10 ms.

  /usr/bin/python3 tools/neuron/morphology.py morph/testdata/*.swc morph/testdata/real/*.swc

Each file is read by a fresh NEURON (Import3D instantiates into hoc's top
level).
"""
import contextlib
import io
import json
import subprocess
import sys

BIG = 200  # files with more points than this keep only first/last points


def dump(path):
    from neuron import h

    h.load_file("stdrun.hoc")
    h.load_file("import3d.hoc")
    r = h.Import3d_SWC_read()
    r.quiet = 1
    with contextlib.redirect_stdout(io.StringIO()):
        r.input(path)
        h.Import3d_GUI(r, 0).instantiate(None)
    secs = list(h.allsec())
    big = sum(s.n3d() for s in secs) > BIG

    def pts(s, idx):
        return [[s.x3d(i), s.y3d(i), s.z3d(i), s.diam3d(i)] for i in idx]

    out = []
    for s in secs:
        ps = s.parentseg()
        logical = None
        style = h.pt3dstyle(sec=s)
        if style:
            xx, yy, zz = h.ref(0.0), h.ref(0.0), h.ref(0.0)
            h.pt3dstyle(style, xx, yy, zz, sec=s)
            logical = [xx[0], yy[0], zz[0]]
        d = {
            "name": s.name(),
            "parent": ps.sec.name() if ps is not None else None,
            "parentx": ps.x if ps is not None else None,
            "logical": logical,
            "n3d": s.n3d(),
            "L": s.L,
        }
        n = s.n3d()
        d["points"] = pts(s, [0, n - 1] if big else range(n))
        out.append(d)
    for s in secs:
        s.Ra, s.cm = 100, 1
        try:
            n = int((s.L / (0.1 * h.lambda_f(100, sec=s)) + 0.9) / 2) * 2 + 1
        except RuntimeError:  # hoc's division by zero, for points all at one place
            n = 1
        s.nseg = n if n <= 32767 else 1  # one test file is 1.2 m long
    for s, d in zip(secs, out):
        d["nseg"] = s.nseg
        d["area"] = [seg.area() for seg in s]
        d["ri"] = [seg.ri() for seg in s] + [s(1).ri()]
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        h.topology()

    soma = secs[0]
    tip = max(secs, key=lambda s: h.distance(soma(0.5), s(1)))
    for s, d in zip(secs, out):
        locs = [s(0)] + list(s) + [s(1)]
        d["distance"] = [[h.distance(soma(0.5), g) for g in locs], [h.distance(tip(0.3), g) for g in locs]]
    for s in secs:
        s.insert("hh" if s.name().startswith("soma") else "pas")
        if not s.name().startswith("soma"):
            for seg in s:
                seg.pas.g, seg.pas.e = 1e-4, -65
    stim = h.IClamp(soma(0.5))
    stim.delay, stim.dur, stim.amp = 1, 2, 1
    t, vs, vt = h.Vector(), h.Vector(), h.Vector()
    t.record(h._ref_t)
    vs.record(soma(0.5)._ref_v)
    vt.record(tip(1)._ref_v)
    h.dt = 0.025
    h.finitialize(-65)
    h.continuerun(10)
    return {
        "sections": out,
        "topology": buf.getvalue(),
        "trace": {
            "columns": ["t", soma.name() + "(0.5).v", tip.name() + "(1).v"],
            "rows": [[a, b, c] for a, b, c in zip(t, vs, vt)],
        },
    }


def main():
    if len(sys.argv) == 3 and sys.argv[1] == "-one":
        json.dump(dump(sys.argv[2]), sys.stdout, indent=1)
        return
    for path in sys.argv[1:]:
        res = subprocess.run([sys.executable, __file__, "-one", path], capture_output=True, text=True, check=True)
        with open(path[: -len(".swc")] + ".json", "w") as f:
            f.write(res.stdout + "\n")


if __name__ == "__main__":
    main()
