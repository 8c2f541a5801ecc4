: Every statement of the NEURON block.
NEURON {
    SUFFIX nrntest
    USEION na READ ena, nai WRITE ina
    USEION ca READ cai, cao WRITE ica, cai VALENCE 2
    USEION k WRITE ik
    USEION cl READ ecl VALENCE -1 REPRESENTS CHEBI:17996
    USEION x READ xi CHARGE 1
    NONSPECIFIC_CURRENT i
    RANGE gbar, g, i
    GLOBAL tau
    POINTER ptr
    BBCOREPOINTER rng
    EXTERNAL ext
    REPRESENTS NCIT:C17145
    THREADSAFE
}

PARAMETER {
    gbar = 0.001 (S/cm2)
    tau = 1 (ms)
}

ASSIGNED {
    v (mV)
    ena (mV)
    nai (mM)
    ina (mA/cm2)
    cai (mM)
    cao (mM)
    ica (mA/cm2)
    ik (mA/cm2)
    ecl (mV)
    xi (mM)
    i (mA/cm2)
    g (S/cm2)
    ptr
    rng
}

BREAKPOINT {
    g = gbar
    i = g*(v - ena)
    ina = 0
    ica = 0
    ik = 0
}
