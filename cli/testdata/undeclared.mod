NEURON {
    SUFFIX leak
    NONSPECIFIC_CURRENT i
    RANGE g
}

PARAMETER {
    g = .001 (S/cm2)
}

BREAKPOINT {
    i = g*(v - erev)
}
