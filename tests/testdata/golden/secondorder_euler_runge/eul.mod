COMMENT
A gate of our own that follows v, solved by forward Euler (METHOD euler),
with a small potassium-like current so that it acts on v.
ENDCOMMENT
NEURON { SUFFIX eul NONSPECIFIC_CURRENT i RANGE g, x }
UNITS { (mV) = (millivolt) (mA) = (milliamp) (S) = (siemens) }
PARAMETER { g = 0.002 (S/cm2) tau = 3 (ms) }
ASSIGNED { v (mV) i (mA/cm2) }
STATE { x }
INITIAL { x = 1/(1 + exp(-(v + 40)/5)) }
BREAKPOINT {
    SOLVE d METHOD euler
    i = g*x*(v + 80)
}
DERIVATIVE d { x' = (1/(1 + exp(-(v + 40)/5)) - x)/tau }
