TITLE tdir: a K channel whose state block reads v, ek and a RANGE value after its tabulated rates

COMMENT
Written for nmodlgo's tests: after rates(v - shift), whose TABLE gives
the GLOBALs ninf and ntau, the DERIVATIVE block reads v, the ion's ek and
the RANGE vscale, which nmodlgo's batched state update keeps in locals.
ENDCOMMENT

NEURON {
    SUFFIX tdir
    USEION k READ ek WRITE ik
    RANGE gbar, shift, vscale
    GLOBAL ninf, ntau
    THREADSAFE
}

UNITS {
    (mV) = (millivolt)
    (mA) = (milliamp)
    (S) = (siemens)
}

PARAMETER {
    gbar = 0.03 (S/cm2)
    shift = 5 (mV)
    vscale = 0.002 (/mV)
}

ASSIGNED {
    v (mV)
    ek (mV)
    ik (mA/cm2)
    ninf
    ntau (ms)
}

STATE { n }

INITIAL {
    rates(v - shift)
    n = ninf
}

BREAKPOINT {
    SOLVE states METHOD cnexp
    ik = gbar*n*n*n*n*(v - ek)
}

DERIVATIVE states {
    LOCAL tau
    rates(v - shift)
    tau = ntau*(1 + vscale*(v - ek))
    n' = (ninf - n)/tau
}

PROCEDURE rates(v (mV)) {
    TABLE ninf, ntau FROM -100 TO 100 WITH 200
    UNITSOFF
    ninf = 1/(1 + exp(-(v + 45)/10))
    ntau = 0.5 + 5*exp(-(v + 50)*(v + 50)/900)
    UNITSON
}
