TITLE A gap junction: a conductance between v here and v elsewhere

COMMENT
The usual way NEURON models write an electrical synapse: a point process
whose POINTER is set, with setpointer, to v in the other cell.
ENDCOMMENT

NEURON {
    POINT_PROCESS Gap
    POINTER vgap
    RANGE g, i
    NONSPECIFIC_CURRENT i
}

PARAMETER {
    g = 0.005 (uS)
}

ASSIGNED {
    v (mV)
    vgap (mV)
    i (nA)
}

BREAKPOINT {
    i = g*(v - vgap)
}
