TITLE A K channel whose TABLE needs what INITIAL computes
COMMENT
A regression test for the moment a TABLE is built. The rates use tadj,
a GLOBAL that INITIAL computes from celsius; assigning a GLOBAL makes
the mechanism not thread safe, so NEURON builds the table at the first
call of rates, after INITIAL has set tadj. Built any earlier, tadj is 0,
ntau is infinite, and the trace is NaN.
ENDCOMMENT
NEURON {
    SUFFIX kt
    USEION k READ ek WRITE ik
    RANGE gbar
    GLOBAL tadj, ninf, ntau
}
PARAMETER {
    gbar = 0.036 (S/cm2)
    q10 = 3
    temp = 6.3 (degC)
}
ASSIGNED {
    v (mV)
    celsius (degC)
    ek (mV)
    ik (mA/cm2)
    tadj
    ninf
    ntau (ms)
}
STATE { n }
INITIAL {
    tadj = q10^((celsius - temp)/10)
    rates(v)
    n = ninf
}
BREAKPOINT {
    SOLVE states METHOD cnexp
    ik = gbar*n*n*n*n*(v - ek)
}
DERIVATIVE states {
    rates(v)
    n' = (ninf - n)/ntau
}
PROCEDURE rates(v (mV)) {
    LOCAL a, b
    TABLE ninf, ntau DEPEND celsius FROM -100 TO 100 WITH 200
    a = 0.01*vtrap(-(v + 55), 10)
    b = 0.125*exp(-(v + 65)/80)
    ntau = 1/(tadj*(a + b))
    ninf = a/(a + b)
}
FUNCTION vtrap(x, y) {
    if (fabs(x/y) < 1e-6) {
        vtrap = y*(1 - x/y/2)
    } else {
        vtrap = x/(exp(x/y) - 1)
    }
}
