#!/usr/bin/python3
"""Numbers from NEURON's Random123 streams, for mechimpl's TestRandom123:
hoc Random objects with the Random123 generator, their uniform(0, 1) and
negexp(1) distributions (which return the generator's double as it is, or
-log of it), from sequence 0 and from Random.seq(s).

  /usr/bin/python3 tools/neuron/random123.py > mechimpl/testdata/random123.json
"""
import json

from neuron import h

cases = []
for ids, seq, dist in (((1, 2, 3), 0, "uniform"), ((7, 0, 42), 5, "uniform"),
                       ((0, 0, 0), 0, "uniform"), ((4294967295, 1, 2), 9, "negexp"),
                       ((1, 0, 1), 0, "negexp")):
    r = h.Random()
    r.Random123(*ids)
    if seq:
        r.seq(seq)
    first = r.uniform(0, 1) if dist == "uniform" else r.negexp(1)
    values = [first] + [r.repick() for _ in range(11)]
    cases.append({"ids": list(ids), "seq4": seq, "dist": dist, "values": [repr(v) for v in values]})
print(json.dumps(cases, indent=1))
