TITLE Latin-1 bytes in comments
COMMENT
Written by François Müller, 37°C.
ENDCOMMENT
NEURON {
    SUFFIX latin1
    RANGE g
}
PARAMETER {
    g = 1 (S/cm2) ? conductance
}
