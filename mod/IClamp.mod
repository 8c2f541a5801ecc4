TITLE IClamp.mod   current clamp: a rectangular current pulse

COMMENT
Injects amp nA into the cell from t = del for dur ms. Like an electrode, a
positive i depolarizes the membrane. The pulse is on while del <= t < del+dur,
with t the time at which NEURON evaluates currents (mid-step in fixed step).
ENDCOMMENT

UNITS {
    (nA) = (nanoamp)
}

NEURON {
    POINT_PROCESS IClamp
    RANGE del, dur, amp, i
    ELECTRODE_CURRENT i
    THREADSAFE
}

PARAMETER {
    del (ms)
    dur (ms) <0,1e9>
    amp (nA)
}

ASSIGNED {
    i (nA)
}

INITIAL {
    i = 0
}

BREAKPOINT {
    at_time(del)
    at_time(del + dur)
    if (t < del + dur && t >= del) {
        i = amp
    } else {
        i = 0
    }
}
