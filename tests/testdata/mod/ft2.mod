: A FUNCTION_TABLE of two arguments read in INITIAL (TestFunctionTableOfTwo).
NEURON { SUFFIX ft2 RANGE a, b, y }
PARAMETER { a = 0 b = 0 }
ASSIGNED { y }
FUNCTION_TABLE tau2(a, b)
INITIAL { y = tau2(a, b) }
