package mechimpl

// StateGroup is the most instances whose cnexp steps a State phase
// computes together: the block for each, then CnexpAdvance over the
// group's columns, which stay in the CPU's first-level cache.
const StateGroup = 256

// CnexpAdvance takes a group of instances' cnexp steps of one state x,
// x' = a·x + b with a = aNum[i]/aDen[i] and b = bNum[i]/bDen[i] (a
// coefficient that is no quotient comes with a denominator of 1, which
// leaves it unchanged), as nocmodl writes them:
//
//	x += (1 - exp(dt·a))·(-b/a - x)
//
// Every operation is IEEE's correctly rounded one and Exp's, in that
// order, so the bits are those of the steps one instance at a time; where
// the CPU has AVX2 and FMA (where Exp follows glibc's FMA build) four go
// at a time, eight with AVX-512: the divisions, which bound a channel's
// state update when done one by one, and the exponentials with them
// (BenchmarkCnexpAdvance on the EPYC of the benchmarks: 0.88 ns per step
// eight at a time, 1.39 four at a time). Exponents Exp treats apart
// (|x| < 2^-54, |x| ≥ 512, NaN) go one by one. The slices may alias
// (a and b often share a denominator, tau) and must be as long as x.
func CnexpAdvance(x, aNum, aDen, bNum, bDen []float64, dt float64) {
	n := len(x)
	aNum, aDen, bNum, bDen = aNum[:n], aDen[:n], bNum[:n], bDen[:n]
	for i := 0; i < n; {
		i += cnexpVector(x[i:], aNum[i:], aDen[i:], bNum[i:], bDen[i:], dt)
		// the group that stopped it, or the tail
		for end := min(i+4, n); i < end; i++ {
			a, b := aNum[i]/aDen[i], bNum[i]/bDen[i]
			x[i] = x[i] + (1.0-Exp(dt*a))*(-b/a-x[i])
		}
	}
}

// FilledColumns returns len(values) columns of StateGroup values each,
// column s holding values[s]: the numbers among a State phase's cnexp
// coefficients (as the -1 of -1/tau), filled in once.
func FilledColumns(values ...float64) []float64 {
	cols := make([]float64, len(values)*StateGroup)
	for s, v := range values {
		col := cols[s*StateGroup : (s+1)*StateGroup]
		for i := range col {
			col[i] = v
		}
	}
	return cols
}
