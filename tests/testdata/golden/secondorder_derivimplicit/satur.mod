: A state that decays at a saturating rate: its equation is not linear in
: the state, so NEURON integrates the cnexp SOLVE by derivimplicit (golden
: scenario cnexp_nonlinear).
NEURON { SUFFIX satur NONSPECIFIC_CURRENT i RANGE g }
PARAMETER { g = 1e-4 (S/cm2) }
ASSIGNED { v (mV) i (mA/cm2) }
STATE { x }
INITIAL { x = 42 }
BREAKPOINT {
    SOLVE decay METHOD cnexp
    i = g*x*1e-2*(v + 65)
}
DERIVATIVE decay { x' = -x/(1 + x) }
