: A kinetic scheme of our own whose KINETIC block also writes a
: derivative, A' = ..., as Arbor's test_alternating_differential.mod
: does: nocmodl writes DA = ..., the slot in which scopmath's sparse keeps
: A's value at the start of the step (nmodlgo's test file).
NEURON {
  SUFFIX kder
  NONSPECIFIC_CURRENT i
  RANGE g, e
}
UNITS { (mA) = (milliamp) (mV) = (millivolt) (S) = (siemens) }
PARAMETER { g = 0.002 (S/cm2) e = -20 (mV) }
ASSIGNED { v (mV) i (mA/cm2) kf kb }
STATE { A B C }
INITIAL { A = 0.6 B = 0.4 C = 0 }
BREAKPOINT {
  SOLVE kin METHOD sparse
  i = g*C*(v - e)
}
KINETIC kin {
  kf = 0.5*exp((v + 50)/30)
  kb = 0.2
  ~ A + B <-> C (kf, kb)
  A' = 0.01*A
  ~ C <-> B (0.1, 0.05)
}
