TITLE line endings
: a comment
NEURON {
    SUFFIX crlf
    RANGE g
}
COMMENT
two lines
of comment
ENDCOMMENT
PARAMETER {
    g = 1 (S/cm2)
}
ASSIGNED { v (mV) i (mA/cm2) }
BREAKPOINT {
    i = g*v : trailing
}
