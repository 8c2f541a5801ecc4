TITLE A calcium influx for a while

COMMENT
A test of longitudinal diffusion: calcium enters where this is
inserted, from del to del + dur, and cadif.mod spreads it.
ENDCOMMENT

NEURON {
    SUFFIX caflux
    USEION ca WRITE ica
    RANGE amp, del, dur
}

PARAMETER {
    amp = 0.005 (mA/cm2)
    del = 1 (ms)
    dur = 3 (ms)
}

ASSIGNED {
    ica (mA/cm2)
}

BREAKPOINT {
    if (t > del && t < del + dur) {
        ica = -amp
    } else {
        ica = 0
    }
}
