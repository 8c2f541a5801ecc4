: Legacy blocks and statements that nocmodl still parses.
NEURON {
    SUFFIX legacy
}

INDEPENDENT {
    SWEEP tt FROM 0 TO 1 WITH 10 (ms)
}

STATE {
    u
}

PARAMETER {
    lagged = 1
}

ASSIGNED {
    q
}

DISCRETE d {
    u = u + 1
}

TERMINAL {
    q = 0
}

PROCEDURE p() {
    LAG q BY lagged
    RESET
}
