: A leak whose conductance scale is a FUNCTION written in C that nmodlgo
: does not translate (a pointer), and a PROCEDURE that counts its calls in a
: RANGE variable: their Go bodies are given by the program (TestGoBodies).
: gobodyref.mod is the same mechanism in NMODL alone.
NEURON { SUFFIX gobody NONSPECIFIC_CURRENT i RANGE g, e, calls }
PARAMETER { g = 0.001 (S/cm2) e = -70 (mV) }
ASSIGNED { i (mA/cm2) v (mV) calls }
INITIAL { calls = 0 }
BREAKPOINT {
	count()
	i = g*scale(v, 40)*(v - e)
}
FUNCTION scale(x, h) {
VERBATIM
	double* p = &_lx;
	_lscale = 1/(1 + (*p + _lh)*(*p + _lh)/100);
ENDVERBATIM
}
PROCEDURE count() {
VERBATIM
	double* c = &calls;
	*c += 1;
ENDVERBATIM
}
