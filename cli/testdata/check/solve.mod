NEURON {
    SUFFIX lag
}

STATE {
    m
}

BREAKPOINT {
    SOLVE states METHOD sparse
}

DERIVATIVE states {
    m' = -m
}
