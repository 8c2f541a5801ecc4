#!/usr/bin/python3
"""NEURON's run of a model whose structure changes mid-run: the golden trace
of tests/midrun_test.go (tests/testdata/midrun/trace.csv).

A soma with hh runs 5 ms; then an IClamp is placed on it and a passive
dendrite is connected to it, and the run goes on to 20 ms without a new
finitialize, as NEURON allows.

  /usr/bin/python3 tools/neuron/midrun.py > tests/testdata/midrun/trace.csv
"""
from neuron import h

h.load_file("stdrun.hoc")
soma = h.Section(name="soma")
soma.L = soma.diam = 20
soma.insert("hh")
t = h.Vector().record(h._ref_t)
v = h.Vector().record(soma(0.5)._ref_v)
h.dt = 0.025
h.finitialize(-65)
h.continuerun(5)
stim = h.IClamp(soma(0.5))
stim.delay, stim.dur, stim.amp = 6, 1, 0.5
dend = h.Section(name="dend")
dend.L, dend.diam, dend.nseg = 200, 1, 5
dend.insert("pas")
dend.connect(soma(1))
vd = h.Vector().record(dend(0.5)._ref_v)  # records from the next finitialize
h.continuerun(20)
print("t,soma_v")
for a, b in zip(t, v):
    print("%r,%r" % (a, b))
print("#samples of a vector recorded mid-run,%d" % len(vd))
