: Units in every place NMODL allows them.
NEURON {
    SUFFIX unitstest
    RANGE x, y
}

UNITS {
    (mA) = (milliamp)
    (mV) = (millivolt)
    (molar) = (1/liter)
    (mM) = (millimolar)
    FARADAY = (faraday) (coulomb)
    R = (k-mole) (joule/degC)
    PI = (pi) (1)
    F2 = 96485.3 (coulomb)
    foot2inch = (foot) -> (inch)
}

PARAMETER {
    k = 0.1 (/ms)
    kb = 1e3 (1/mM-ms)
    celsius (degC)
    a = 2 ()
    b = 1.5 ( mV )
}

ASSIGNED {
    v (mV)
    x (mA/cm2)
    y (1)
}

BREAKPOINT {
    x = f(v) * 2 (mA/cm2)
    y = 3 (1) + a
}

FUNCTION f(v (mV)) (mA/cm2) {
    f = (v - 10 (mV)) * 1e-3 (mA/cm2/mV)
}
