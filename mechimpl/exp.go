package mechimpl

import (
	"math"
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
	if useFMA {
		return expFused(x)
	}
	return expUnfused(x)
}

// fastExp computes e^x within about 0.51 ulp with the method of glibc's
// and ARM's optimized-routines exp: x = k·ln2/N + r with N = 128, so
// e^x = 2^(k/N)·e^r, 2^(k/N) read from a table (as a double and a
// correction), e^r from a degree-5 polynomial. (Go's math.Exp is off by up
// to 2 ulp, and slower.) Arguments outside ±1024 and NaN go to math.Exp.
//
// glibc compiles that C twice on x86-64 and picks one when it loads: with
// fused multiply-adds where the CPU has FMA and AVX2, without elsewhere.
// The two differ in the last bit for about one argument in 1400, so
// fastExp does what the local glibc, and so NEURON, does: useFMA.
func fastExp(x float64) float64 {
	if useFMA {
		return expFused(x)
	}
	return expUnfused(x)
}

// The constants of glibc's exp (sysdeps/ieee754/dbl-64/e_exp_data.c).
const (
	expN         = 128
	expInvLn2N   = 0x1.71547652b82fep0 * expN
	expNegLn2hiN = -0x1.62e42fefa0000p-8
	expNegLn2loN = -0x1.cf79abc9e3b3ap-47
	expShift     = 0x1.8p52
	expC2        = 0x1.ffffffffffdbdp-2
	expC3        = 0x1.555555555543cp-3
	expC4        = 0x1.55555cf172b91p-5
	expC5        = 0x1.1111167a4d017p-7
)

// expUnfused is glibc's exp as compiled without FMA (__exp_sse2): every
// product rounded (the float64 conversions stop Go from fusing any).
func expUnfused(x float64) float64 {
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
	kd := float64(expInvLn2N*x) + expShift
	ki := math.Float64bits(kd)
	kd -= expShift
	r := x + float64(kd*expNegLn2hiN) + float64(kd*expNegLn2loN)
	i := 2 * (ki % expN)
	tail := math.Float64frombits(expTable[i])
	sbits := expTable[i+1] + ki<<(52-7)
	r2 := r * r
	tmp := tail + r + float64(r2*float64(expC2+float64(r*expC3))) + float64(float64(r2*r2)*float64(expC4+float64(r*expC5)))
	if large {
		return expLarge(ki, sbits, tmp, false)
	}
	scale := math.Float64frombits(sbits)
	return scale + float64(scale*tmp)
}

// expFused is glibc's exp as GCC compiles it with FMA (__exp_fma; read
// from its machine code in glibc 2.36): the same steps with seven
// multiply-adds fused.
func expFused(x float64) float64 {
	abstop := (math.Float64bits(x) >> 52) & 0x7ff
	large := false
	if abstop-0x3c9 >= 0x408-0x3c9 {
		if abstop < 0x3c9 {
			return 1 + x
		}
		if abstop >= 0x409 {
			return math.Exp(x)
		}
		large = true
	}
	kd := math.FMA(x, expInvLn2N, expShift)
	ki := math.Float64bits(kd)
	kd -= expShift
	r := math.FMA(kd, expNegLn2loN, math.FMA(kd, expNegLn2hiN, x))
	i := 2 * (ki % expN)
	tail := math.Float64frombits(expTable[i])
	sbits := expTable[i+1] + ki<<(52-7)
	r2 := r * r
	tmp := math.FMA(r2*r2, math.FMA(r, expC5, expC4), math.FMA(math.FMA(r, expC3, expC2), r2, tail+r))
	if large {
		return expLarge(ki, sbits, tmp, true)
	}
	scale := math.Float64frombits(sbits)
	return math.FMA(scale, tmp, scale)
}

// expLarge is glibc's specialcase, for 512 ≤ |x| < 1024: the exponent of
// 2^(k/N) may not fit a double, so it is scaled into range and back.
func expLarge(ki, sbits uint64, tmp float64, fused bool) float64 {
	if ki&0x80000000 == 0 {
		scale := math.Float64frombits(sbits - 1009<<52)
		if fused {
			return 0x1p1009 * math.FMA(scale, tmp, scale)
		}
		return 0x1p1009 * (scale + float64(scale*tmp))
	}
	// Unfused in both builds.
	scale := math.Float64frombits(sbits + 1022<<52)
	st := float64(scale * tmp)
	y := scale + st
	if y < 1 {
		// A subnormal result: round y to its final precision before
		// scaling it down, so that it is rounded once.
		lo := scale - y + st
		hi := 1 + y
		lo = 1 - hi + y + lo
		if y = hi + lo - 1; y == 0 {
			y = 0
		}
	}
	return 0x1p-1022 * y
}
