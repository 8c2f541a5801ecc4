: nocmodl translates this file; it only warns about celsius.
NEURON {
    SUFFIX warm
    NONSPECIFIC_CURRENT i
    RANGE g
}

PARAMETER {
    g = .001 (S/cm2)
    celsius = 36 (degC)
}

ASSIGNED {
    i (mA/cm2)
    v (mV)
}

BREAKPOINT {
    i = g*(v + 65)*celsius/36
}
