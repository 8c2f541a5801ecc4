: Control flow and operators.
NEURON {
    SUFFIX ctrl
    RANGE x
}

ASSIGNED {
    x
    v (mV)
}

STATE {
    m
}

BREAKPOINT {
    SOLVE states METHOD derivimplicit
    x = f(v)
}

DERIVATIVE states {
    m' = -m
}

FUNCTION f(v) {
    LOCAL i, s
    s = 0
    i = 0
    while (i < 10) {
        s = s + i^2^0.5
        i = i + 1
    }
    WHILE (i > 0) { i = i - 1 }
    FROM i = 0 TO 10 BY 2 {
        s = s - -i
    }
    if (v > 0 && !(v >= 10) || v == -5) {
        s = -s^2
    } else if (v != 1) {
        s = 2 * (s + 1) / 3 - 4 + 5 * 6
    } ELSE IF (v <= 2) {
        s = 1
    } else {
        s = 0
    }
    f = s
}

FUNCTION_TABLE tab(v (mV), c (mM)) (/ms)

FUNCTION tabled(v (mV)) {
    TABLE FROM -100 TO 100 WITH 200
    tabled = v
}

FUNCTION noargs() {
    noargs = 1
}
