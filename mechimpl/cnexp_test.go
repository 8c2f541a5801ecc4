package mechimpl

import (
	"math"
	"math/rand/v2"
	"testing"
)

// cnexpOne is a cnexp step's coefficients as the generated code computed
// them one instance at a time.
func cnexpOne(aNum, aDen, bNum, bDen, dt float64) (arg, cc float64) {
	a, b := aNum/aDen, bNum/bDen
	return dt * a, -b / a
}

// TestCnexpSlice checks CnexpSlice against one value at a time, to the
// bit, on every path this CPU has and the plain loop, for lengths that
// leave tails of every size, with zeros of both signs, infinities, NaNs and
// subnormals among ordinary rates.
func TestCnexpSlice(t *testing.T) {
	special := []float64{0, math.Copysign(0, -1), 1, -1, math.Inf(1), math.Inf(-1), math.NaN(),
		5e-324, -2.5e-310, math.MaxFloat64, 1e-300, 1e300}
	rng := rand.New(rand.NewPCG(1, 2))
	value := func() float64 {
		if rng.IntN(8) == 0 {
			return special[rng.IntN(len(special))]
		}
		return (rng.Float64() - 0.3) * math.Pow(10, float64(rng.IntN(12)-6))
	}
	saved512, savedAVX := cnexpAVX512, cnexpAVX
	defer func() { cnexpAVX512, cnexpAVX = saved512, savedAVX }()
	paths := []struct {
		name        string
		avx512, avx bool
	}{{"AVX-512", saved512, savedAVX}, {"AVX", false, savedAVX}, {"one by one", false, false}}
	for _, p := range paths {
		cnexpAVX512, cnexpAVX = p.avx512, p.avx
		for n := range 40 {
			aNum, aDen, bNum, bDen := make([]float64, n), make([]float64, n), make([]float64, n), make([]float64, n)
			for i := range n {
				aNum[i], aDen[i], bNum[i], bDen[i] = value(), value(), value(), value()
			}
			if n > 2 {
				aDen[1], bDen[2] = 1, 1 // a coefficient that is no quotient
			}
			dt := 0.025
			arg, cc := append([]float64(nil), aNum...), append([]float64(nil), bNum...)
			CnexpSlice(arg, aDen, cc, bDen, dt)
			for i := range n {
				wantArg, wantCC := cnexpOne(aNum[i], aDen[i], bNum[i], bDen[i], dt)
				if math.Float64bits(arg[i]) != math.Float64bits(wantArg) || math.Float64bits(cc[i]) != math.Float64bits(wantCC) {
					t.Errorf("%s, n %d, i %d: (%x/%x, %x/%x): arg %x cc %x, one at a time %x %x", p.name, n, i,
						aNum[i], aDen[i], bNum[i], bDen[i], arg[i], cc[i], wantArg, wantCC)
				}
			}
		}
	}
}

func BenchmarkCnexpSlice(b *testing.B) {
	n := 3 * StateGroup
	arg, aDen, cc, bDen := make([]float64, n), make([]float64, n), make([]float64, n), make([]float64, n)
	for i := range n {
		aDen[i], bDen[i] = 1+float64(i%7), 2+float64(i%5)
	}
	for b.Loop() {
		for i := range n {
			arg[i], cc[i] = -1, 0.5
		}
		CnexpSlice(arg, aDen, cc, bDen, 0.025)
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/step")
}
