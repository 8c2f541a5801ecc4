: gobody.mod in NMODL alone (TestGoBodies).
NEURON { SUFFIX gobodyref NONSPECIFIC_CURRENT i RANGE g, e, calls }
PARAMETER { g = 0.001 (S/cm2) e = -70 (mV) }
ASSIGNED { i (mA/cm2) v (mV) calls }
INITIAL { calls = 0 }
BREAKPOINT {
	count()
	i = g*scale(v, 40)*(v - e)
}
FUNCTION scale(x, h) {
	scale = 1/(1 + (x + h)*(x + h)/100)
}
PROCEDURE count() {
	calls = calls + 1
}
