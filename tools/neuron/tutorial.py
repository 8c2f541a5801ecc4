#!/usr/bin/python3
"""NEURON's "Scripting NEURON basics" tutorial, printing what the Go version
must reproduce: topology, psection() (as JSON), the IClamp's fields, and the
spike peak.

Usage: /usr/bin/python3 tools/neuron/tutorial.py [--save tests/testdata]
--save DIR also writes DIR/neuron_tutorial_stdout.txt (everything printed) and
DIR/neuron_psection.json (psection() of the soma with hh and the IClamp).
"""
import argparse
import contextlib
import io
import json
import os

from neuron import h

OUT = []  # everything printed, for --save


def say(*args):
    s = " ".join(str(a) for a in args)
    OUT.append(s + "\n")
    print(s)


def topology():
    """h.topology() prints through sys.stdout; capture it to keep it exact."""
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        h.topology()
    OUT.append(buf.getvalue())
    print(buf.getvalue(), end="")


def jsonable(x):
    """psection() holds sets and NEURON objects; make it plain JSON."""
    if isinstance(x, dict):
        return {str(k): jsonable(v) for k, v in x.items()}
    if isinstance(x, (set, frozenset)):
        return sorted((jsonable(v) for v in x), key=str)
    if isinstance(x, (list, tuple)):
        return [jsonable(v) for v in x]
    if x is None or isinstance(x, (bool, int, float, str)):
        return x
    return str(x)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--save", metavar="DIR")
    a = ap.parse_args()

    h.load_file("stdrun.hoc")
    say("# NEURON version:", h.nrnversion(5))

    soma = h.Section(name="soma")
    say("# h.topology() with a fresh soma:")
    topology()
    say("# soma.psection() (fresh):")
    say(json.dumps(jsonable(soma.psection()), indent=1))

    soma.L = soma.diam = 20
    soma.insert("hh")
    iclamp = h.IClamp(soma(0.5))
    iclamp.delay = 2
    iclamp.dur = 0.1
    iclamp.amp = 0.9

    say("# IClamp attributes (dir without dunders):")
    say(json.dumps([n for n in dir(iclamp) if not n.startswith("__")]))
    say("# IClamp fields:")
    for n in ("delay", "dur", "amp", "i"):
        say("iclamp.%s = %r" % (n, getattr(iclamp, n)))
    say("iclamp.get_segment() =", iclamp.get_segment())
    say("iclamp.hname() =", iclamp.hname())

    say("# h.topology() after L=diam=20, insert hh, IClamp(0.5):")
    topology()
    ps = jsonable(soma.psection())
    say("# soma.psection() (hh + IClamp):")
    say(json.dumps(ps, indent=1))

    v = h.Vector().record(soma(0.5)._ref_v)
    t = h.Vector().record(h._ref_t)
    h.finitialize(-65)
    h.continuerun(40)
    i = max(range(len(v)), key=lambda k: v[k])
    say("# run: finitialize(-65), continuerun(40)")
    say("rows = %d, t_last = %r" % (len(t), t[-1]))
    say("peak v = %r mV at t = %r ms (row %d)" % (v[i], t[i], i))

    if a.save:
        with open(os.path.join(a.save, "neuron_tutorial_stdout.txt"), "w") as f:
            f.write("".join(OUT))
        with open(os.path.join(a.save, "neuron_psection.json"), "w") as f:
            json.dump(ps, f, indent=1)
            f.write("\n")


if __name__ == "__main__":
    main()
