TITLE A K channel whose rates are FUNCTION_TABLEs

COMMENT
A test of FUNCTION_TABLE: the steady state comes from a table at given
points, the time constant from evenly spaced values, and a scale factor
is a constant; the scenario fills all three as hoc's table_ calls do.
ENDCOMMENT

NEURON {
    SUFFIX ftk
    USEION k READ ek WRITE ik
    RANGE gbar
}

PARAMETER {
    gbar = 0.02 (S/cm2)
}

STATE { n }

ASSIGNED {
    v (mV)
    ek (mV)
    ik (mA/cm2)
}

FUNCTION_TABLE ninf(v (mV))
FUNCTION_TABLE ntau(v (mV)) (ms)
FUNCTION_TABLE scale(v (mV))

INITIAL {
    n = ninf(v)
}

BREAKPOINT {
    SOLVE states METHOD cnexp
    ik = scale(v)*gbar*n*n*(v - ek)
}

DERIVATIVE states {
    n' = (ninf(v) - n)/ntau(v)
}
