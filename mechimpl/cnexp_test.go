package mechimpl

import (
	"math"
	"math/rand/v2"
	"testing"
)

// cnexpOne is a cnexp step as the generated code took it one instance at
// a time, as nocmodl writes it.
func cnexpOne(x, aNum, aDen, bNum, bDen, dt float64) float64 {
	a, b := aNum/aDen, bNum/bDen
	arg, cc := dt*a, -b/a
	return x + (1.0-Exp(arg))*(cc-x)
}

// checkCnexp runs CnexpAdvance on every path this CPU has (eight and
// four at a time, four at a time) and one by one, and compares each
// result with cnexpOne's, to the bit.
func checkCnexp(t *testing.T, x, aNum, aDen, bNum, bDen []float64, dt float64) {
	t.Helper()
	savedVec, saved512 := vecCnexp, wide512
	defer func() { vecCnexp, wide512 = savedVec, saved512 }()
	for _, path := range [][2]bool{{savedVec, saved512}, {savedVec, false}, {false, false}} {
		vecCnexp, wide512 = path[0], path[1]
		vector := path
		got := append([]float64(nil), x...)
		CnexpAdvance(got, aNum, aDen, bNum, bDen, dt)
		bad := 0
		for i := range x {
			want := cnexpOne(x[i], aNum[i], aDen[i], bNum[i], bDen[i], dt)
			if math.Float64bits(got[i]) != math.Float64bits(want) && !(math.IsNaN(got[i]) && math.IsNaN(want)) {
				if bad++; bad <= 5 {
					t.Errorf("vector %v, n %d, [%d]: x %x, a %x/%x, b %x/%x: %x, one at a time %x",
						vector, len(x), i, x[i], aNum[i], aDen[i], bNum[i], bDen[i], got[i], want)
				}
			}
		}
	}
}

// TestCnexpAdvance checks CnexpAdvance against one step at a time for
// lengths that leave tails of every size, with zeros of both signs,
// infinities, NaNs and subnormals among ordinary rates, and with b's
// denominator a's column.
func TestCnexpAdvance(t *testing.T) {
	special := []float64{0, math.Copysign(0, -1), 1, -1, math.Inf(1), math.Inf(-1), math.NaN(),
		5e-324, -2.5e-310, math.MaxFloat64, 1e-300, 1e300}
	rng := rand.New(rand.NewPCG(1, 2))
	value := func() float64 {
		if rng.IntN(8) == 0 {
			return special[rng.IntN(len(special))]
		}
		return (rng.Float64() - 0.3) * math.Pow(10, float64(rng.IntN(12)-6))
	}
	for n := range 40 {
		x, aNum, aDen, bNum, bDen := make([]float64, n), make([]float64, n), make([]float64, n), make([]float64, n), make([]float64, n)
		for i := range n {
			x[i], aNum[i], aDen[i], bNum[i], bDen[i] = value(), value(), value(), value(), value()
		}
		if n > 2 {
			aDen[1], bDen[2] = 1, 1 // a coefficient that is no quotient
		}
		checkCnexp(t, x, aNum, aDen, bNum, bDen, 0.025)
		checkCnexp(t, x, aNum, aDen, bNum, aDen, 0.025) // x' = (inf - x)/tau
	}
	// channels' rates: x' = (inf - x)/tau
	n := 3 * StateGroup
	x, minus1, tau, inf := make([]float64, n), make([]float64, n), make([]float64, n), make([]float64, n)
	for i := range n {
		x[i], minus1[i], tau[i], inf[i] = rng.Float64(), -1, math.Exp(12*rng.Float64()-5), rng.Float64()
	}
	checkCnexp(t, x, minus1, tau, inf, tau, 0.025)
}

// TestCnexpAdvanceExp: the exponent dt·a is exactly aNum when aDen and dt
// are 1, so that the exponentials' arguments are rates', the edges Exp
// treats apart (tiny, large, beyond ±700, NaN, ±Inf) in every lane, and
// many in the vector path.
func TestCnexpAdvanceExp(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 5))
	special := []float64{0, -0, 1e-300, 0x1p-54, 0x1p-55, 511.9, 512, -512, 700, 701, -700, -701, 1e6, math.NaN(), math.Inf(1), math.Inf(-1), 5e-324}
	for _, n := range []int{1, 3, 4, 5, 8, 13, 1000, 1 << 16} {
		x, arg, one, b := make([]float64, n), make([]float64, n), make([]float64, n), make([]float64, n)
		for i := range n {
			switch r.IntN(5) {
			case 0:
				if n < 1<<16 {
					arg[i] = special[r.IntN(len(special))]
					break
				}
				fallthrough
			case 1:
				arg[i] = (r.Float64()*2 - 1) * 700
			default:
				arg[i] = -r.Float64() * 0.5 // dt/tau
			}
			x[i], one[i], b[i] = r.Float64(), 1, r.Float64()
		}
		checkCnexp(t, x, arg, one, b, one, 1)
	}
}

// BenchmarkCnexpAdvance: hh's three states for a group of instances.
func BenchmarkCnexpAdvance(b *testing.B) {
	const n = StateGroup
	r := rand.New(rand.NewPCG(1, 2))
	x, minus1, tau, inf := make([]float64, 3*n), FilledColumns(-1, -1, -1), make([]float64, 3*n), make([]float64, 3*n)
	for i := range x {
		x[i], tau[i], inf[i] = r.Float64(), 0.1+5*r.Float64(), r.Float64()
	}
	for b.Loop() {
		for s := range 3 {
			col := func(c []float64) []float64 { return c[s*n : (s+1)*n] }
			CnexpAdvance(col(x), col(minus1), col(tau), col(inf), col(tau), 0.025)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(3*n), "ns/step")
}
