#!/usr/bin/python3
"""NEURON's performance anchor P4 (the 100-cell ring) built as a
ParallelContext script, for any number of MPI ranks: gid i on rank
i mod nhost, pc.cell for each cell's spike detector, pc.gid_connect for
the ring (i -> i+1, weight 0.05) and the links i -> i+37 (0.01), all with
delay 1 ms; pc.psolve(100). examples/ring is the same model in Go on
sim.RunRanks, and its test compares the two.

Usage:
  mpiexec -n 2 /usr/bin/python3 tools/neuron/ring_parallel.py trace.csv spikes.csv

Rank 0 writes trace.csv (t and the columns of tests/testdata/perf/P4_ring100,
values as Python repr) and spikes.csv (name,t: s<gid>, by gid, then time).
"""
import sys

from neuron import h

h.nrnmpi_init()
pc = h.ParallelContext()
rank, nhost = int(pc.id()), int(pc.nhost())
h.load_file("stdrun.hoc")

N = 100
cells = {}
for gid in range(N):
    pc.set_gid2node(gid, gid % nhost)
    if not pc.gid_exists(gid):
        continue
    soma = h.Section(name="s%d" % gid)
    soma.L = soma.diam = 20
    soma.insert("hh")
    dend = h.Section(name="d%d" % gid)
    dend.L, dend.diam, dend.nseg = 500, 2, 50
    dend.insert("pas")
    dend.g_pas, dend.e_pas = 1e-4, -65
    dend.connect(soma(1))
    syn = h.ExpSyn(dend(0.1))
    syn.tau, syn.e = 2, 0
    nc = h.NetCon(soma(0.5)._ref_v, None, sec=soma)
    nc.threshold = 0
    pc.cell(gid, nc)
    cells[gid] = (soma, dend, syn)
netcons = []
for gid, (soma, dend, syn) in cells.items():
    for src, w in (((gid - 1) % N, 0.05), ((gid - 37) % N, 0.01)):
        nc = pc.gid_connect(src, syn)
        nc.weight[0], nc.delay = w, 1.0
        netcons.append(nc)
if 0 in cells:
    stim = h.IClamp(cells[0][0](0.5))
    stim.delay, stim.dur, stim.amp = 1, 1, 1.0

COLUMNS = [("s0_v", 0, lambda c: c[0](0.5)._ref_v), ("s1_v", 1, lambda c: c[0](0.5)._ref_v),
           ("s37_v", 37, lambda c: c[0](0.5)._ref_v), ("s99_v", 99, lambda c: c[0](0.5)._ref_v),
           ("d50_v", 50, lambda c: c[1](0.1)._ref_v), ("syn50_g", 50, lambda c: c[2]._ref_g)]
recs = {}
for name, gid, ref in COLUMNS:
    if gid in cells:
        recs[name] = h.Vector()
        recs[name].record(ref(cells[gid]))
tvec = h.Vector()
tvec.record(h._ref_t)
spike_t, spike_gid = h.Vector(), h.Vector()
pc.spike_record(-1, spike_t, spike_gid)

h.dt, h.celsius = 0.025, 6.3
pc.set_maxstep(10)
h.finitialize(-65)
pc.psolve(100)

columns = pc.py_gather({k: list(v) for k, v in recs.items()}, 0)
spikes = pc.py_gather(list(zip([int(g) for g in spike_gid], list(spike_t))), 0)
if rank == 0:
    data = {}
    for part in columns:
        data.update(part)
    names = [c[0] for c in COLUMNS]
    with open(sys.argv[1], "w") as f:
        f.write("t," + ",".join(names) + "\n")
        for i, t in enumerate(tvec):
            f.write(",".join(repr(x) for x in [t] + [data[n][i] for n in names]) + "\n")
    with open(sys.argv[2], "w") as f:
        f.write("name,t\n")
        for gid, t in sorted(sum(spikes, []), key=lambda s: (s[0], s[1])):
            f.write("s%d,%r\n" % (gid, t))
pc.barrier()
pc.done()
h.quit()
