: A current clamp of three steps whose level a FROM loop finds, left by
: VERBATIM's break, with a VERBATIM check of cvode_active_ (golden scenario
: verbatim_break).
NEURON { POINT_PROCESS StepClamp ELECTRODE_CURRENT i RANGE i }
DEFINE NSTEP 3
ASSIGNED { i (nA) dur[NSTEP] (ms) amp[NSTEP] (nA) }
INITIAL {
    FROM j = 0 TO NSTEP-1 {
        dur[j] = 5 + 5*j
        amp[j] = 0.05*(j + 1)
    }
VERBATIM
    if (cvode_active_) { hoc_execerror("StepClamp", " does not work with CVODE"); }
ENDVERBATIM
}
BREAKPOINT {
    LOCAL tc
    i = 0
    tc = 0
    FROM j = 0 TO NSTEP-1 {
        tc = tc + dur[j]
        if (t < tc) {
            i = amp[j]
VERBATIM
            break;
ENDVERBATIM
        }
    }
}
