: A second-order equation, x'' = -k*x, and derivatives of an array of
: states. nocmodl 8.2.2 parses this, then aborts on the second-order
: equation (a failed assertion in deriv.cpp).
NEURON {
    SUFFIX deriv2
    RANGE w
}

PARAMETER {
    w = 1 (/ms)
}

STATE {
    x
    y[2]
}

INITIAL {
    x = 1
    y[0] = 0
    y[1] = 1
}

BREAKPOINT {
    SOLVE states METHOD derivimplicit
}

DERIVATIVE states {
    LOCAL k
    k = w*w
    x'' = -k*x
    y'[0] = -y[0]
    y'[1] = -y[1]
}
