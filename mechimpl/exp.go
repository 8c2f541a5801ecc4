package mechimpl

import (
	"math"
	"math/big"
)

// Exp is NEURON's exp (hoc_Exp): 0 below -700, and exp(700) above 700 so
// that a runaway rate does not become +Inf. Channel kernels call it three
// or more times per compartment per step, so it is the fast exp below
// rather than math.Exp.
func Exp(x float64) float64 {
	if x < -700 {
		return 0
	}
	if x > 700 {
		x = 700
	}
	return fastExp(x)
}

// fastExp computes e^x within about 0.51 ulp with the method of glibc's
// and ARM's optimized-routines exp: x = k·ln2/N + r with N = 128, so
// e^x = 2^(k/N)·e^r, 2^(k/N) read from a table (as a double and a
// correction), e^r from a degree-5 polynomial. (Go's math.Exp is off by up
// to 2 ulp, and slower.) Arguments outside ±1024, NaN, and subnormal
// results go to math.Exp.
func fastExp(x float64) float64 {
	const (
		n         = 128
		invLn2N   = 0x1.71547652b82fep0 * n
		negLn2hiN = -0x1.62e42fefa0000p-8
		negLn2loN = -0x1.cf79abc9e3b3ap-47
		shift     = 0x1.8p52
		c2        = 0x1.ffffffffffdbdp-2
		c3        = 0x1.555555555543cp-3
		c4        = 0x1.55555cf172b91p-5
		c5        = 0x1.1111167a4d017p-7
	)
	abstop := (math.Float64bits(x) >> 52) & 0x7ff
	large := false
	if abstop-0x3c9 >= 0x408-0x3c9 { // |x| < 2^-54, |x| ≥ 512, or not finite
		if abstop < 0x3c9 {
			return 1 + x
		}
		if abstop >= 0x409 { // |x| ≥ 1024, Inf, NaN
			return math.Exp(x)
		}
		large = true
	}
	// k = round(x·N/ln2), r = x - k·ln2/N, |r| ≤ ln2/(2N).
	kd := invLn2N*x + shift
	ki := math.Float64bits(kd)
	kd -= shift
	r := x + kd*negLn2hiN + kd*negLn2loN
	i := 2 * (ki % n)
	tail := math.Float64frombits(expTable[i])
	sbits := expTable[i+1] + ki<<(52-7)
	r2 := r * r
	tmp := tail + r + r2*(c2+r*c3) + r2*r2*(c4+r*c5)
	if large {
		// The exponent of 2^(k/N) may not fit a double: scale it into range
		// and back, as glibc's specialcase does.
		if ki&0x80000000 == 0 {
			scale := math.Float64frombits(sbits - 1009<<52)
			return 0x1p1009 * (scale + scale*tmp)
		}
		scale := math.Float64frombits(sbits + 1022<<52)
		if y := scale + scale*tmp; y >= 1 {
			return 0x1p-1022 * y
		}
		return math.Exp(x) // a subnormal result
	}
	scale := math.Float64frombits(sbits)
	return scale + scale*tmp
}

// expTable holds, for i = 0 … 127, 2^(i/128) as the bits of a double with
// i<<45 taken out of its exponent field (fastExp adds k<<45 back) and the
// relative error of that double as a correction ("tail"). It is computed
// once from 2^(1/128) in 200-bit arithmetic.
var expTable = func() (t [256]uint64) {
	const prec = 200
	root := big.NewFloat(2).SetPrec(prec)
	for range 7 {
		root.Sqrt(root)
	}
	p := big.NewFloat(1).SetPrec(prec)
	for i := range 128 {
		d, _ := p.Float64()
		// tail = (p - d)/d, the error of d relative to d
		exact := new(big.Float).SetPrec(prec).Sub(p, big.NewFloat(d))
		exact.Quo(exact, big.NewFloat(d))
		tail, _ := exact.Float64()
		t[2*i] = math.Float64bits(tail)
		t[2*i+1] = math.Float64bits(d) - uint64(i)<<45
		p.Mul(p, root)
	}
	return t
}()
