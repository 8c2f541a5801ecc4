#!/usr/bin/python3
"""Time NEURON on what morph's BenchmarkImport and BenchmarkFinitialize do:
read an SWC file through Import3D and set nseg by the d_lambda rule (Ra
100); then h.finitialize(-65) with hh in the soma and pas in the basal
dendrites. Prints the median of 5 runs of each, each import in a fresh
NEURON (Import3D instantiates into hoc's top level).

  /usr/bin/python3 tools/neuron/import_time.py morph/testdata/real/10-2012-02-09-001.CNG.swc
"""
import statistics
import subprocess
import sys

CHILD = r'''
import contextlib, io, sys, time
from neuron import h
h.load_file("stdrun.hoc")
h.load_file("import3d.hoc")
t0 = time.perf_counter()
r = h.Import3d_SWC_read()
r.quiet = 1
with contextlib.redirect_stdout(io.StringIO()):
    r.input(sys.argv[1])
    h.Import3d_GUI(r, 0).instantiate(None)
for s in h.allsec():
    s.Ra = 100
    s.nseg = int((s.L / (0.1 * h.lambda_f(100, sec=s)) + 0.9) / 2) * 2 + 1
t1 = time.perf_counter()
for s in h.allsec():
    s.insert("hh" if s.name().startswith("soma") else "pas")
h.finitialize(-65)
times = []
for _ in range(20):
    t2 = time.perf_counter()
    h.finitialize(-65)
    times.append(time.perf_counter() - t2)
times.sort()
print(t1 - t0, times[len(times) // 2])
'''


def main():
    imports, inits = [], []
    for _ in range(5):
        out = subprocess.run([sys.executable, "-c", CHILD, sys.argv[1]], capture_output=True, text=True, check=True).stdout
        a, b = out.split()[-2:]
        imports.append(float(a))
        inits.append(float(b))
    print("NEURON: import + d_lambda %.1f ms, finitialize %.3f ms (median of 5)" % (
        1e3 * statistics.median(imports), 1e3 * statistics.median(inits)))


if __name__ == "__main__":
    main()
