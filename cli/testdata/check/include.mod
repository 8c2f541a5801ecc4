NEURON {
    SUFFIX inc
    NONSPECIFIC_CURRENT i
}

INCLUDE "channel.inc"

ASSIGNED {
    i (mA/cm2)
    v (mV)
}

BREAKPOINT {
    rates()
    i = gbar*(v + 65)
}
