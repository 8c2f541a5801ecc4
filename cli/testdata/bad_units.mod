NEURON {
    SUFFIX leak
    NONSPECIFIC_CURRENT i
}

PARAMETER {
    g = .001 (S/cm2
    e = -70 (mV)
}
