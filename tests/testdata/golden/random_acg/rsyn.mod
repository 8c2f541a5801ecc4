COMMENT
A synapse of our own whose every event's weight is scaled by the next
number of a hoc Random the program hands it (setRandom(r)), kept in a
BBCOREPOINTER, in the C that ModelDB's stochastic synapses write. Without
a Random each event has its weight as given.
ENDCOMMENT

NEURON {
    THREADSAFE
    POINT_PROCESS RSyn
    RANGE tau, e, i, g, last
    NONSPECIFIC_CURRENT i
    BBCOREPOINTER rng
}

VERBATIM
double nrn_random_pick(void* r);
void* nrn_random_arg(int argpos);
/* NEURON requires these with a BBCOREPOINTER; only CoreNEURON calls them */
static void bbcore_write(double* x, int* d, int* xx, int* offset, _threadargsproto_) {}
static void bbcore_read(double* x, int* d, int* xx, int* offset, _threadargsproto_) {}
ENDVERBATIM

UNITS {
    (nA) = (nanoamp)
    (mV) = (millivolt)
    (uS) = (microsiemens)
}

PARAMETER {
    tau = 2 (ms) <1e-9, 1e9>
    e = 0 (mV)
}

ASSIGNED {
    v (mV)
    i (nA)
    last
    rng
}

STATE {
    g (uS)
}

INITIAL {
    g = 0
    last = 0
}

BREAKPOINT {
    SOLVE state METHOD cnexp
    i = g*(v - e)
}

DERIVATIVE state {
    g' = -g/tau
}

NET_RECEIVE(weight (uS)) {
    last = scale()
    g = g + weight*last
}

FUNCTION scale() {
VERBATIM
    if (_p_rng) {
        _lscale = nrn_random_pick(_p_rng);
    } else {
        _lscale = 1;
    }
ENDVERBATIM
}

PROCEDURE setRandom() {
VERBATIM
    void** pv = (void**)(&_p_rng);
    if (ifarg(1)) {
        *pv = nrn_random_arg(1);
    } else {
        *pv = (void*)0;
    }
ENDVERBATIM
}
