: LINEAR and NONLINEAR blocks.
NEURON {
    SUFFIX lintest
}

STATE {
    x y z
}

ASSIGNED {
    a
}

INITIAL {
    SOLVE eqs
    SOLVE neq
}

BREAKPOINT {
    SOLVE eqs
}

LINEAR eqs {
    ~ x + y = 1
    ~ 2*x - y = a
}

NONLINEAR neq SOLVEFOR z {
    ~ z*z = 4
}
