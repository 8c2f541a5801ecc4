TITLE SEClamp.mod   single-electrode voltage clamp with three levels

COMMENT
Clamps the membrane through a series resistance rs to amp1 for dur1 ms,
then amp2 for dur2 ms, then amp3 for dur3 ms, from t = 0; after that the
clamp is off and injects nothing. i is the electrode current (positive
depolarizes), vc the command voltage. The arithmetic is that of NEURON's
built-in SEClamp: the command follows the time at which currents are
evaluated, and i is recomputed from the new v after each step (SOLVE icur
after the voltage update), so that i = (vc - v)/rs holds at every sample.
ENDCOMMENT

UNITS {
    (nA) = (nanoamp)
    (mV) = (millivolt)
    (uS) = (microsiemens)
}

NEURON {
    POINT_PROCESS SEClamp
    ELECTRODE_CURRENT i
    RANGE dur1, amp1, dur2, amp2, dur3, amp3, rs, vc, i
    THREADSAFE
}

PARAMETER {
    rs = 1 (megohm) <1e-9, 1e9>
    dur1 (ms)
    amp1 (mV)
    dur2 (ms) <0, 1e9>
    amp2 (mV)
    dur3 (ms) <0, 1e9>
    amp3 (mV)
}

ASSIGNED {
    v (mV)
    i (nA)
    vc (mV)
    tc2 (ms)
    tc3 (ms)
    on
}

INITIAL {
    tc2 = dur1 + dur2
    tc3 = tc2 + dur3
    on = 0
}

BREAKPOINT {
    SOLVE icur METHOD after_cvode
    vstim()
}

PROCEDURE icur() {
    if (on) {
        i = (vc - v)/rs
    } else {
        i = 0
    }
}

PROCEDURE vstim() {
    on = 1
    if (dur1) { at_time(dur1) }
    if (dur2) { at_time(tc2) }
    if (dur3) { at_time(tc3) }
    if (t < dur1) {
        vc = amp1
    } else if (t < tc2) {
        vc = amp2
    } else if (t < tc3) {
        vc = amp3
    } else {
        vc = 0
        on = 0
    }
    icur()
}
