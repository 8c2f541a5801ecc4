: VERBATIM C that stops the run with a message (TestExecError).
NEURON { SUFFIX guard RANGE x }
PARAMETER { x = 1 }
INITIAL {
VERBATIM
  if (x < 0) { hoc_execerr_ext("guard: x = %g is negative", x); }
ENDVERBATIM
}
