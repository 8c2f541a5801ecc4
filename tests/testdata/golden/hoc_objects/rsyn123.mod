COMMENT
RSyn with a Random123 stream of its own instead of a hoc Random, in the C
that BBP's stochastic synapses write (nrnran123.h): noiseFromRandom123(id1,
id2, id3) makes the stream, INITIAL starts it again, and each event's
weight is scaled by 0.5 + a uniform number of it. Ours.
ENDCOMMENT

NEURON {
    THREADSAFE
    POINT_PROCESS RSyn123
    RANGE tau, e, i, g, last
    NONSPECIFIC_CURRENT i
    BBCOREPOINTER ran
}

VERBATIM
#include "nrnran123.h"
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
    ran
}

STATE {
    g (uS)
}

INITIAL {
VERBATIM
    if (_p_ran) {
        nrnran123_setseq((nrnran123_State*)_p_ran, 0, 0);
    }
ENDVERBATIM
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
    scale = 1
VERBATIM
    if (_p_ran) {
        _lscale = 0.5 + nrnran123_dblpick((nrnran123_State*)_p_ran);
    }
ENDVERBATIM
}

PROCEDURE noiseFromRandom123() {
VERBATIM
    nrnran123_State** pv = (nrnran123_State**)(&_p_ran);
    if (*pv) {
        nrnran123_deletestream(*pv);
        *pv = (nrnran123_State*)0;
    }
    if (ifarg(3)) {
        *pv = nrnran123_newstream3((uint32_t)*getarg(1), (uint32_t)*getarg(2), (uint32_t)*getarg(3));
    }
ENDVERBATIM
}
