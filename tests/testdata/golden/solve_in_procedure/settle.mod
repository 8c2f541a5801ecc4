: A gate that INITIAL moves one derivimplicit step through a PROCEDURE
: that SOLVEs the block (as ModelDB's cacum variants do): golden scenario
: solve_in_procedure.
NEURON { SUFFIX settle NONSPECIFIC_CURRENT i RANGE g, tau }
PARAMETER { g = 2e-4 (S/cm2) tau = 3 (ms) e = -80 (mV) }
ASSIGNED { v (mV) i (mA/cm2) }
STATE { x }
INITIAL {
    x = 0
    advance1()
}
BREAKPOINT {
    SOLVE gate METHOD derivimplicit
    i = g*x*x*(v - e)
}
PROCEDURE advance1() {
    SOLVE gate METHOD derivimplicit
}
DERIVATIVE gate { x' = (1/(1 + exp(-(v + 50)/5)) - x)/tau }
