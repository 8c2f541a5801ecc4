: A PROCEDURE whose VERBATIM nmodlgo cannot translate and that nothing in
: the mechanism calls (TestUncalledRefusal).
NEURON { SUFFIX seedr RANGE x }
PARAMETER { x = 1 }
PROCEDURE setRNG() {
VERBATIM
  nrnran123_State** pv = (nrnran123_State**)(&_p_rng);
ENDVERBATIM
}
