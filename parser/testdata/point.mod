: A point process with events: NET_RECEIVE, WATCH, FOR_NETCONS, and the
: other NEURON-only blocks.
NEURON {
    POINT_PROCESS PointTest
    RANGE tau, e, i, thresh
    NONSPECIFIC_CURRENT i
    THREADSAFE tau
}

DEFINE RISE 2

PARAMETER {
    tau = 0.1 (ms) <1e-9, 1e9>
    e = 0 (mV)
    thresh = -20 (mV)
}

ASSIGNED {
    v (mV)
    i (nA)
    space
}

STATE {
    g (uS)
}

INITIAL {
    g = 0
    net_send(0, 1)
}

BREAKPOINT {
    SOLVE state METHOD cnexp
    i = g*(v - e)
}

DERIVATIVE state {
    g' = -g/tau
}

BEFORE BREAKPOINT { space = 1 }
AFTER SOLVE { space = 2 }
BEFORE INITIAL { space = 3 }
AFTER STEP { space = 4 }

CONSTRUCTOR {
VERBATIM
    /* raw C, kept as it is */
    _p_space = 0;
ENDVERBATIM
}

DESTRUCTOR {
VERBATIM
ENDVERBATIM
}

NET_RECEIVE(weight (uS), tlast (ms)) {
    INITIAL { tlast = t }
    if (flag == 0) {
        g = g + weight
        FOR_NETCONS(w, tl) {
            tl = t
        }
    } else if (flag == 1) {
        WATCH (v > thresh) RISE, (v < thresh - 10) 3
    } else {
        net_event(t)
    }
    PROTECT space = space + 1
    MUTEXLOCK
    tlast = t
    MUTEXUNLOCK
}
