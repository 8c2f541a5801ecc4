#!/usr/bin/python3
"""Numbers from NEURON's Random objects, for package random's tests: for
each generator (Random123, MCellRan4 and ACG, with the arguments given) and
distribution, the first number (the distribution method's value) and
eleven repicks; and the default distribution, normal(0, 1), repicked
right after the generator is chosen. ACG has no seq (NEURON refuses it):
its "seq" is null. "Random" is h.Random(seed[, size]) itself, NEURON 8's
default generator (ACG).

  /usr/bin/python3 tools/neuron/hoc_random.py > random/testdata/neuron.json
"""
import json

from neuron import h

GENERATORS = [("Random123", [1, 2, 3]), ("Random123", [7, 0, 42]), ("MCellRan4", [1, 0]),
              ("MCellRan4", [12345, 7]), ("MCellRan4", [4294967295, 1]), ("ACG", [0]), ("ACG", [5, 7]),
              ("ACG", [31, 98]), ("ACG", [32]), ("ACG", [123456789, 30]), ("Random", [17]), ("Random", [4294967295, 55])]
DISTRIBUTIONS = [("uniform", [0, 1]), ("uniform", [-2.5, 4]), ("uniform", [3, 1]), ("normal", [0, 1]),
                 ("normal", [-65, 4]), ("negexp", [1]), ("negexp", [2.5]), ("poisson", [3]),
                 ("poisson", [0.5]), ("discunif", [1, 6]), ("discunif", [10, -3]), ("lognormal", [1, 0.5]),
                 ("lognormal", [2, 4]), ("binomial", [10, 0.3]), ("binomial", [0, 0.5]), ("geometric", [0.6]),
                 ("hypergeo", [2, 8]), ("erlang", [3, 1.5]), ("erlang", [0.2, 1]), ("weibull", [1.5, 2]),
                 ("default", [])]

cases = []
for gen, gargs in GENERATORS:
    for dist, dargs in DISTRIBUTIONS:
        if gen == "Random":
            r = h.Random(*gargs)
        else:
            r = h.Random()
            getattr(r, gen)(*gargs)
        values = []
        if dist != "default":
            values.append(getattr(r, dist)(*dargs))
        values += [r.repick() for _ in range(12 - len(values))]
        cases.append({"generator": gen, "gargs": gargs, "dist": dist, "dargs": dargs,
                      "values": [repr(v) for v in values], "seq": None if gen in ("ACG", "Random") else repr(r.seq())})
print(json.dumps(cases, indent=1))
