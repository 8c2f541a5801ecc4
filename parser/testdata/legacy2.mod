: Legacy constructs nocmodl 8.2 still parses: STEPPED, MODEL_LEVEL, PLOT,
: PARTIAL equations, NAME@n references, SENS, FORALL and MATCH.
NEURON {
    SUFFIX legacy2
}

PARAMETER {
    a = 1
    f[10]
    g[10]
}

STATE {
    V[10]
    u
    w[4]
}

STEPPED {
    amp = 1, 2, -3 (nA)
}

MODEL_LEVEL 2

PLOT V[2], u VS t

INDEPENDENT {
    t FROM 0 TO 1 WITH 1 (ms)
}

PARTIAL p {
    ~ V' = f*DEL2(V) + g
    ~ DEL V[FIRST] = 0
    ~ V[LAST] = 1
}

DISCRETE d {
    u = u@1 + w@2[3]
}

BREAKPOINT {
    SOLVE s METHOD derivimplicit
}

DERIVATIVE s {
    SENS a
    u' = -a*u
    FORALL i {
        w[i] = 0
    }
    MATCH {
        u
        w[i](i) = i
    }
}
