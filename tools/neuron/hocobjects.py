#!/usr/bin/python3
"""NEURON's run of a model whose mechanisms hold hoc objects: the golden
trace of tests/hocobjects_test.go (tests/testdata/hocobjects/trace.csv).

A soma with hh and a synapse of our own, RSyn (rsyn.mod), which scales each
event's weight by the next number of a hoc Random (Random123(7, 8, 9),
uniform(0.5, 1.5)) handed to it by setRandom(r); its events come from a
VecStim (NEURON's examples' vecevent.mod) that plays a Vector of times.
VERBATIM C reaches both objects: vector_arg, vector_capacity, vector_vec,
nrn_random_arg and nrn_random_pick. The model is run twice, as hoc scripts
often do: the second time the Random starts again (r.Random123 and
r.uniform called once more) and the VecStim plays a second Vector.

  /usr/bin/python3 tools/neuron/hocobjects.py > tests/testdata/hocobjects/trace.csv
"""
import os
import shutil
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from golden import compile_mods  # noqa: E402

from neuron import h  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "..", "..", "tests", "testdata", "golden", "hoc_objects")
tmp, dll = compile_mods(DATA, ["vecevent.mod", "rsyn.mod"])
try:
    if h.nrn_load_dll(dll) != 1:
        raise RuntimeError("nrn_load_dll failed")
finally:
    shutil.rmtree(tmp, ignore_errors=True)

h.load_file("stdrun.hoc")
soma = h.Section(name="soma")
soma.L = soma.diam = 20
soma.insert("hh")
syn = h.RSyn(soma(0.5))
syn.tau = 3
vs = h.VecStim()
nc = h.NetCon(vs, syn)
nc.delay = 1
nc.weight[0] = 0.004
r = h.Random()
apc = h.APCount(soma(0.5))
spikes = h.Vector()
apc.record(spikes)
t = h.Vector().record(h._ref_t)
v = h.Vector().record(soma(0.5)._ref_v)
g = h.Vector().record(syn._ref_g)
last = h.Vector().record(syn._ref_last)
h.dt = 0.025
rows, counts = [], []
for times in ([2, 5.5, 9, 9.025, 15, 22.2], [1, 4, 4, 12.5]):
    r.Random123(7, 8, 9)
    r.uniform(0.5, 1.5)
    syn.setRandom(r)
    spt = h.Vector(times)
    vs.play(spt)
    h.finitialize(-65)
    h.continuerun(30)
    rows += list(zip(t, v, g, last))
    counts.append("#apcount," + ",".join(repr(float(x)) for x in spikes))
print("t,soma_v,syn_g,syn_last")
for row in rows:
    print(",".join(repr(float(x)) for x in row))
for line in counts:
    print(line)
