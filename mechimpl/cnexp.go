package mechimpl

// CnexpSlice computes a group of cnexp steps' coefficients, as nocmodl
// writes them for x' = a·x + b: a = arg[i]/aDen[i], b = cc[i]/bDen[i]
// (a coefficient that is no quotient comes with a denominator of 1, which
// leaves it unchanged), then arg[i] = dt·a, the exponent, and cc[i] =
// -b/a, the value x tends to. Every operation is IEEE's correctly rounded
// one, so the bits are those of the same steps one instance at a time;
// where the CPU has AVX-512 or AVX2 the divisions, which bound a channel's
// state update when done one by one, go eight or four at a time. All four
// slices must be as long as arg.
func CnexpSlice(arg, aDen, cc, bDen []float64, dt float64) {
	n := len(arg)
	aDen, cc, bDen = aDen[:n], cc[:n], bDen[:n]
	for i := cnexpVector(arg, aDen, cc, bDen, dt); i < n; i++ {
		a, b := arg[i]/aDen[i], cc[i]/bDen[i]
		arg[i] = dt * a
		cc[i] = -b / a
	}
}
