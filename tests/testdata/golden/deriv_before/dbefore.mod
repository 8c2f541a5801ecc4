COMMENT
A synapse whose DERIVATIVE block reads D' before D's equation, as
ModelDB 145836's SynExp5NMDA2.mod does: NEURON's C reads the D' that the
evaluation before left in the instance's data.
ENDCOMMENT

NEURON {
    POINT_PROCESS dbefore
    RANGE tau1, tau2, tauD, e, i, g
    NONSPECIFIC_CURRENT i
}

UNITS {
    (nA) = (nanoamp)
    (mV) = (millivolt)
    (uS) = (microsiemens)
}

PARAMETER {
    tau1 = 2 (ms)
    tau2 = 8 (ms)
    tauD = 20 (ms)
    e = 0 (mV)
}

ASSIGNED {
    v (mV)
    i (nA)
    g (uS)
    wf (uS)
}

STATE {
    A (uS)
    B (uS)
    D
}

INITIAL {
    A = 0
    B = 0
    D = 1
    wf = 0
}

BREAKPOINT {
    SOLVE state METHOD derivimplicit
    g = B - A
    i = g*(v - e)
}

DERIVATIVE state {
    A' = -(A - wf*D')/tau1
    B' = -(B - wf*D')/tau2
    D' = (1 - D)/tauD
}

NET_RECEIVE (weight (uS)) {
    wf = weight*D
    A = A + wf
    B = B + wf
    D = D*0.5
}
