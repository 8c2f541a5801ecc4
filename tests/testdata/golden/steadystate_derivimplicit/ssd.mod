: A gate of our own that INITIAL sets to its steady value, then SOLVEs
: STEADYSTATE derivimplicit: NEURON's _ss_derivimplicit_thread takes one
: derivimplicit step of 1e-9 ms (its Newton iteration converges only from
: a state at or next to its steady state; nmodlgo's test file).
NEURON {
  SUFFIX ssd
  NONSPECIFIC_CURRENT i
  RANGE g, e, mstart
}
UNITS { (mA) = (milliamp) (mV) = (millivolt) (S) = (siemens) }
PARAMETER { g = 0.003 (S/cm2) e = -80 (mV) mstart = -1 }
ASSIGNED { v (mV) i (mA/cm2) }
STATE { m }
INITIAL {
  if (mstart < 0) {
    m = 1/(1 + exp(-(v + 40)/5))
  } else {
    m = mstart : from here NEURON's Newton iteration does not converge
  }
  SOLVE states STEADYSTATE derivimplicit
}
BREAKPOINT {
  SOLVE states METHOD derivimplicit
  i = g*m*m*(v - e)
}
DERIVATIVE states {
  m' = (1/(1 + exp(-(v + 40)/5)) - m)/2
}
