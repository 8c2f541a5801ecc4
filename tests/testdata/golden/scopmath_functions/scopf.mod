: scopmath's functions, each called at every step with t or v (nmodlgo's
: test file): their values recorded and compared with NEURON's. Not step:
: NEURON 8.2.2 crashes when a mechanism calls it.
NEURON {
  SUFFIX scopf
  RANGE f1, f2, f3, f4, f5, f6, f7, f8, f9, f10, f11, f12, f13, f14, f16, f17
}
ASSIGNED { v (mV) f1 f2 f3 f4 f5 f6 f7 f8 f9 f10 f11 f12 f13 f14 f16 f17 }
BREAKPOINT {
  f1 = factorial(t/2)
  f2 = gauss(v, -60, 5)
  f3 = poisson(floor(t/5), 3)
  f4 = sigmoid(t + 1, 2, 10, 3)
  f5 = revsigmoid(t + 1, 2, 10, 2.5)
  f6 = hyperbol(t, 3, 7)
  f7 = revhyperbol(t, 3, 7)
  f8 = harmonic(t, 7, 2, 0.3)
  f9 = squarewave(t, 6, 1.5)
  f10 = sawtooth(t, 4, 2)
  f11 = revsawtooth(t, 4, 2)
  f12 = ramp(t, 5, 3, 10)
  f13 = pulse(t, 5, 2, 3)
  f14 = perpulse(t, 2, 1, 3, 4)
  f16 = perstep(t, 3, 7, 0.5)
  f17 = erf((v + 60)/10)
}
