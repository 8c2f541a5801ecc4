TITLE declarations of every kind
INCLUDE "decls.inc"
DEFINE NANN 4

NEURON {
    SUFFIX decls
    RANGE a
}

LOCAL shared, table[3]

CONSTANT {
    FARADAY = 96485.309 (coul)
    small = -1e-3
}

INDEPENDENT {
    t FROM 0 TO 1 WITH 1 (ms)
}

PARAMETER {
    a = 1.5 (mV) <0, 10>
    b[NANN] (mM)
    c[3] <0, 1>
    d = .5
    e = 2.
    f = 1E+3
    g = -0
}

ASSIGNED {
    v (mV)
    r[NANN]
    s (/ms)
}

STATE {
    x (mM) <1e-6>
    y[NANN] (mM)
    z FROM 0 TO 1 START 0.5
    w START 1 (mM)
}

INITIAL {
    LOCAL i, tmp[NANN]
    FROM i = 0 TO NANN - 1 {
        tmp[i] = i
        y[i] = tmp[i]
    }
    x = 1
}
