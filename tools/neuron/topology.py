#!/usr/bin/python3
"""Capture the exact text NEURON's h.topology() prints for a few trees.

Usage: /usr/bin/python3 tools/neuron/topology.py [-o tests/testdata]
Writes <out>/neuron_topology.txt (human-readable, every character kept) and
<out>/neuron_topology.json ([{case, code, output, nodes}], for tests;
nodes maps each section to its segments' node_index(), the solver's order).
Each case is exec'd in a fresh namespace; sections are deleted afterwards.
"""
import argparse
import contextlib
import io
import json
import os

from neuron import h

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

# (case id, python code); `S` is h.Section
CASES = [
    ("0_no_sections", ""),
    ("a_lone_soma", """
soma = S(name="soma")
"""),
    ("b_soma_dend21", """
soma = S(name="soma")
dend = S(name="dend")
dend.nseg = 21
dend.connect(soma(1))
"""),
    ("c_soma3_children_grandchild", """
soma = S(name="soma"); soma.nseg = 3
dend1 = S(name="dend1"); dend1.nseg = 5; dend1.connect(soma(1))
dend2 = S(name="dend2"); dend2.nseg = 2; dend2.connect(soma(1))
axon = S(name="axon"); axon.nseg = 2; axon.connect(soma(0))
tip = S(name="tip"); tip.nseg = 4; tip.connect(dend1(1))
"""),
    # extras: interior attachment points, tie order, two roots, reversed child
    ("d_interior_points", """
soma = S(name="soma"); soma.nseg = 5
a = S(name="a"); a.connect(soma(0.5))
b = S(name="b"); b.connect(soma(0.1))
c = S(name="c"); c.nseg = 3; c.connect(soma(0.99))
d = S(name="d"); d.connect(soma(0.2))
e = S(name="e"); e.nseg = 2; e.connect(a(0.5))
"""),
    ("e_sibling_order_ties", """
soma = S(name="soma")
x1 = S(name="x1"); x1.connect(soma(1))
x2 = S(name="x2"); x2.connect(soma(1))
x3 = S(name="x3"); x3.connect(soma(1))
y = S(name="y"); y.connect(soma(0))
z = S(name="z"); z.connect(soma(0))
"""),
    ("e2_ties_follow_connect_not_creation_order", """
soma = S(name="soma")
p = S(name="p"); q = S(name="q")
q.connect(soma(1)); p.connect(soma(1))
"""),
    ("f_two_roots", """
r1 = S(name="r1"); r1.nseg = 2
r2 = S(name="r2"); r2.nseg = 4
k = S(name="k"); k.connect(r2(1))
"""),
    ("g_child_connected_by_its_1_end", """
soma = S(name="soma")
rev = S(name="rev"); rev.nseg = 3; rev.connect(soma(1), 1)
gc = S(name="gc"); gc.connect(rev(0))
"""),
    ("i_truncation_and_reversed_interior", """
soma = S(name="soma"); soma.nseg = 100
a = S(name="a"); a.connect(soma(0.29))
rev = S(name="rev"); rev.nseg = 4; rev.connect(soma(1), 1)
b = S(name="b"); b.connect(rev(0.3))
"""),
    # the solver's node order: breadth first, siblings by where they
    # attach, the last connected first at one place
    ("j_node_order", """
soma = S(name="soma"); soma.nseg = 3
a = S(name="a"); a.connect(soma(1))
b = S(name="b"); b.nseg = 2; b.connect(soma(1))
c = S(name="c"); c.nseg = 3; c.connect(soma(0.5))
d = S(name="d"); d.connect(soma(0))
aa = S(name="aa"); aa.connect(a(1))
ab = S(name="ab"); ab.connect(a(1))
ba = S(name="ba"); ba.connect(b(0.5))
caa = S(name="caa"); caa.connect(c(0.9))
r2 = S(name="r2"); r2.nseg = 2
r2a = S(name="r2a"); r2a.connect(r2(1))
"""),
    ("h_rallbranch", """
soma = S(name="soma")
d = S(name="d"); d.connect(soma(1)); d.rallbranch = 3
"""),
]


def capture(code):
    ns = {"S": h.Section, "h": h}
    exec(code, ns)
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        h.topology()
    h.finitialize(-65)
    nodes = {sec.name(): [seg.node_index() for seg in sec] for sec in h.allsec()}
    for sec in list(h.allsec()):  # clean slate for the next case
        h.delete_section(sec=sec)
    return buf.getvalue(), nodes


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("-o", "--out", default=os.path.join(ROOT, "tests", "testdata"))
    a = ap.parse_args()
    res = []
    for c, code in CASES:
        out, nodes = capture(code)
        res.append({"case": c, "code": code.strip(), "output": out, "nodes": nodes})
    txt = ["# Exact output of NEURON %s h.topology()." % h.nrnversion(5),
           "# Between the BEGIN/END marker lines, every character is NEURON's,",
           "# including the leading and trailing blank lines it prints.", ""]
    for r in res:
        txt.append("=== case %s" % r["case"])
        txt += [">>> " + l for l in r["code"].splitlines()]
        txt.append("----- BEGIN h.topology() -----")
        txt.append(r["output"] + "----- END -----")
        txt.append("")
    with open(os.path.join(a.out, "neuron_topology.txt"), "w") as f:
        f.write("\n".join(txt))
    with open(os.path.join(a.out, "neuron_topology.json"), "w") as f:
        json.dump(res, f, indent=1)
        f.write("\n")
    print("\n".join(txt))


if __name__ == "__main__":
    main()
