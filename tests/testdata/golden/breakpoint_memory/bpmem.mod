TITLE What a BREAKPOINT remembers from one evaluation to the next
COMMENT
A regression test for the current loop that keeps the block's values in
Go locals. NEURON evaluates BREAKPOINT twice a step (at v + 0.001 mV,
then at v) and each evaluation sees what the one before it assigned. acc
is read before it is assigned, so it carries over from evaluation to
evaluation and step to step; peak is assigned only when v passes it, and
otherwise keeps its value. The current depends on both: a local that
starts afresh, or is not stored back, changes the trace.
ENDCOMMENT
NEURON {
    SUFFIX bpmem
    NONSPECIFIC_CURRENT i
    RANGE g, e, acc, peak
}
PARAMETER {
    g = 1e-4 (S/cm2)
    e = -70 (mV)
}
ASSIGNED {
    v (mV)
    i (mA/cm2)
    acc
    peak (mV)
}
INITIAL {
    acc = 0
    peak = -100
}
BREAKPOINT {
    acc = acc + 1e-3
    if (v > peak) {
        peak = v
    }
    i = g*(v - e)*(1 + acc) + 1e-5*(peak + 65)
}
