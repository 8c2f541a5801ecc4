COMMENT
RSyn as older ModelDB files write it: the hoc Random kept in a POINTER
that no NMODL code names, not a BBCOREPOINTER. Ours.
ENDCOMMENT

NEURON {
    POINT_PROCESS RSynP
    RANGE tau, e, i, g, last
    NONSPECIFIC_CURRENT i
    POINTER rng
}

VERBATIM
double nrn_random_pick(void* r);
void* nrn_random_arg(int argpos);
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
