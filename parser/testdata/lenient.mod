: What this parser accepts beyond nocmodl 8.2: stray semicolons, signed
: limits, LOCAL after the first statement, START after the units, unary
: plus, If/Else/While in mixed case,
: COMMENT blocks anywhere, non-ASCII bytes in line comments.
NEURON {
COMMENT
a COMMENT block inside the NEURON block
ENDCOMMENT
    SUFFIX lenient; : Latin-1 in a line comment: µm
    RANGE a;
};

PARAMETER {
    a = 1.5 (mV) <-10, +10>;
}

STATE {
    s (mM) START 1
}

BREAKPOINT {
    a = +a;
    LOCAL b
    b = a ; ;
    If (b > 1) { b = 1 } Else { b = 0 }
    While (b < 0) { b = b + 1 }
}
