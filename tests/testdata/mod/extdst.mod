: Reads and writes extsrc's GLOBAL through EXTERNAL (TestExternal).
NEURON { SUFFIX extdst EXTERNAL gbl_extsrc RANGE y }
ASSIGNED { gbl_extsrc y }
INITIAL {
    y = 2*gbl_extsrc
    gbl_extsrc = gbl_extsrc + 1
}
