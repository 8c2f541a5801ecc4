: A GLOBAL that another mechanism reads as EXTERNAL (TestExternal).
NEURON { SUFFIX extsrc GLOBAL gbl }
PARAMETER { gbl = 3.5 }
