: KINETIC schemes with diffusion, as in NEURON's cadif.mod.
NEURON {
    SUFFIX kintest
    USEION ca READ cao, ica WRITE cai
    RANGE kf
}

DEFINE N 4

UNITS {
    (mM) = (milli/liter)
    (um) = (micron)
    (mA) = (milliamp)
    FARADAY = (faraday) (10000 coulomb)
    PI = (pi) (1)
}

PARAMETER {
    kf = 0.1 (/ms)
    kb = 0.05 (/ms)
    D = 0.6 (um2/ms)
    total = 1
}

ASSIGNED {
    diam (um)
    ica (mA/cm2)
    cai (mM)
    cao (mM)
    vol[N]
    rate (/ms)
}

STATE {
    C O I
    ca[N] (mM) <1e-6>
    B[N] (mM)
    CB[N] (mM)
}

BREAKPOINT {
    SOLVE scheme METHOD sparse
    SOLVE diffusion METHOD sparse
}

INITIAL {
    SOLVE scheme STEADYSTATE sparse
}

KINETIC scheme {
    rate = f_flux - b_flux
    ~ C <-> O (kf, kb)
    ~ O -> (kb)
    ~ 2 C + O <-> I (kf*kf, kb)
    CONSERVE C + O + 2I = total
}

KINETIC diffusion SOLVEFOR ca {
    LOCAL i
    COMPARTMENT i, diam*diam*vol[i]*PI/4 {ca B CB}
    COMPARTMENT (1e10)*vol[0] {cao}
    LONGITUDINAL_DIFFUSION i, D*diam*diam*vol[i] {ca}
    ~ ca[0] << (-ica*PI*diam/(2*FARADAY))
    FROM i = 0 TO N - 2 {
        ~ ca[i] <-> ca[i+1] (D, D)
    }
    FROM i = 0 TO N - 1 {
        ~ ca[i] + B[i] <-> CB[i] (kf, kb)
    }
    cai = ca[0]
}
