package random

import (
	"fmt"
	"math"
)

// NEURON's distributions beyond the common ones, each libg++'s
// (src/gnu/*.cpp), with NEURON's checks of their arguments (ivocrand.cpp).
// Each returns the first number; Repick gives the next.

// Lognormal is r.lognormal(mean, variance): e to the power of a normal
// number whose mean and variance make the result's mean and variance
// these, as libg++'s LogNormal.
func (r *Random) Lognormal(mean, variance float64) float64 {
	m2 := mean * mean
	normal := r.gaussian(math.Log(m2/math.Sqrt(variance+m2)), math.Sqrt(math.Log((variance+m2)/m2)))
	r.dist = func() float64 { return math.Pow(math.E, normal()) }
	return r.dist()
}

// Binomial is r.binomial(n, p): how many of n uniform numbers are below
// p. NEURON wants n ≥ 0 and p in [0, 1].
func (r *Random) Binomial(n int, p float64) (float64, error) {
	if err := BinomialArgs(n, p); err != nil {
		return 0, err
	}
	r.dist = func() float64 {
		s := 0
		for range n {
			if r.gen.double() < p {
				s++
			}
		}
		return float64(s)
	}
	return r.dist(), nil
}

// Geometric is r.geometric(p): 1 + how many uniform numbers in a row are
// below p. NEURON wants p in [0, 1].
func (r *Random) Geometric(p float64) (float64, error) {
	if err := GeometricArgs(p); err != nil {
		return 0, err
	}
	r.dist = func() float64 {
		n := 1
		for r.gen.double() < p {
			n++
		}
		return float64(n)
	}
	return r.dist(), nil
}

// Hypergeo is r.hypergeo(mean, variance): libg++'s HyperGeometric, a
// mixture of two exponentials.
func (r *Random) Hypergeo(mean, variance float64) float64 {
	z := variance / (mean * mean)
	p := 0.5 * (1.0 - math.Sqrt((z-1.0)/(z+1.0)))
	r.dist = func() float64 {
		d := p
		if r.gen.double() > p {
			d = 1.0 - p
		}
		return -mean * math.Log(r.gen.double()) / (2.0 * d)
	}
	return r.dist()
}

// Erlang is r.erlang(mean, variance): the sum of k exponentials, k the
// whole number nearest mean²/variance (at least 1), as libg++'s Erlang.
func (r *Random) Erlang(mean, variance float64) float64 {
	k := max(int(mean*mean/variance+0.5), 1)
	a := float64(k) / mean
	r.dist = func() float64 {
		prod := 1.0
		for range k {
			prod *= r.gen.double()
		}
		return -math.Log(prod) / a
	}
	return r.dist()
}

// Weibull is r.weibull(alpha, beta): (beta·(-log(1-u)))^(1/alpha), as
// libg++'s Weibull.
func (r *Random) Weibull(alpha, beta float64) float64 {
	inv := 1.0 / alpha
	r.dist = func() float64 { return math.Pow(beta*(-math.Log(1-r.gen.double())), inv) }
	return r.dist()
}

// BinomialArgs says whether NEURON takes binomial(n, p).
func BinomialArgs(n int, p float64) error {
	if n < 0 || !(p >= 0 && p <= 1) {
		return fmt.Errorf("binomial(%d, %g): NEURON wants n ≥ 0 and p in [0, 1]", n, p)
	}
	return nil
}

// GeometricArgs says whether NEURON takes geometric(p).
func GeometricArgs(p float64) error {
	if !(p >= 0 && p <= 1) {
		return fmt.Errorf("geometric(%g): NEURON wants p in [0, 1]", p)
	}
	return nil
}
