: An artificial cell whose CONSTRUCTOR reads hoc's arguments of new, as
: ModelDB's nstim.mod does (TestConstructorArguments).
NEURON { ARTIFICIAL_CELL ArgCell RANGE id, type }
ASSIGNED { id type }
CONSTRUCTOR {
VERBATIM
  { if (ifarg(2)) { id = *getarg(2); } else { id = -1; }
    if (ifarg(3)) { type = *getarg(3); } else { type = 1; }
  }
ENDVERBATIM
}
