TITLE APCount.mod   counts action potentials

COMMENT
A point process that counts the times v at its location rises through
thresh: n counts them, time is the last, and record(vec) makes each
crossing's time an element of vec as well (a hoc Vector, in VERBATIM as
NEURON's own APCount keeps it). A crossing counts once v has fallen below
thresh again after it. As NEURON's built-in APCount, it looks at v after
every step (SOLVE ... METHOD after_cvode) and in INITIAL.
ENDCOMMENT

NEURON {
    THREADSAFE
    POINT_PROCESS APCount
    RANGE n, thresh, time, firing
}

UNITS {
    (mV) = (millivolt)
}

PARAMETER {
    n
    thresh = -20 (mV)
    time (ms)
}

ASSIGNED {
    firing
    space : the Vector of record(vec), as its handle
    v (mV)
}

INITIAL {
    n = 0
    firing = 0
VERBATIM
    { void* vv = *((void**)(&space));
      if (vv) {
          vector_resize(vv, 0);
      }
    }
ENDVERBATIM
    check()
}

BREAKPOINT {
    SOLVE check METHOD after_cvode
}

PROCEDURE check() {
    if (v >= thresh && !firing) {
        firing = 1
        time = t
        n = n + 1
        keep()
    }
    if (firing && v < thresh && t > time) {
        firing = 0
    }
}

: appends time to the Vector of record(vec), if there is one
PROCEDURE keep() {
VERBATIM
    { int size; double* px; void* vv = *((void**)(&space));
      if (vv) {
          size = (int)n;
          vector_resize(vv, size);
          px = vector_vec(vv);
          px[size - 1] = time;
      }
    }
ENDVERBATIM
}

PROCEDURE record() {
VERBATIM
    { void** vv = (void**)(&space);
      *vv = (void*)0;
      if (ifarg(1)) {
          *vv = vector_arg(1);
      }
    }
ENDVERBATIM
}
