// Package random is NEURON's Random class, as a model script uses it to
// draw weights, delays or positions: a generator (Random123, MCellRan4,
// or ACG, NEURON 8's default) and any of NEURON's distributions (uniform,
// discunif, normal, lognormal, negexp, poisson, binomial, geometric,
// hypergeo, erlang, weibull), giving the numbers hoc's and Python's
// h.Random give for the same calls, so that a model built in Go from a
// NEURON script gets NEURON's values.
//
//	r := random.NewRandom123(1, 2, 3) // r = h.Random(); r.Random123(1, 2, 3)
//	w := r.Uniform(0, 0.01)            // r.uniform(0, 0.01): the first pick
//	for i := range weights {
//		weights[i] = r.Repick()        // r.repick()
//	}
//
// As in NEURON, choosing a distribution returns its first number, and a
// new Random draws from normal(0, 1) until another is chosen. The
// generators' numbers are NEURON's to the bit; so are those of uniform,
// discunif, binomial and geometric, and of poisson (the C library's exp).
// The others take a logarithm or a power, Go's, within an ulp of the C
// library's: their numbers can differ from NEURON's in the last bits.
package random

import (
	"errors"
	"math"

	"github.com/nmodlgo/nmodlgo/mechimpl"
)

// Random is one of NEURON's Random objects. It is not safe for
// concurrent use.
type Random struct {
	gen  generator
	dist func() float64
}

// generator is a stream of numbers in (0, 1) (libg++'s RNG asDouble).
type generator interface {
	double() float64
}

// NewRandom123 is h.Random() then r.Random123(id1, id2, id3): NEURON's
// Random123 generator (Philox4x32-10 on the ids and a sequence number).
func NewRandom123(id1, id2, id3 uint32) *Random {
	return newRandom(&random123{mechimpl.NewRandom123(id1, id2, id3)})
}

// NewMCellRan4 is h.Random() then r.MCellRan4(seed, ilow): NEURON's
// MCellRan4 generator, a hash of the sequence number seed (which goes up
// by one each pick) and the stream number ilow. seed must not be 0
// (NEURON then picks one from a count of its generators).
func NewMCellRan4(seed, ilow uint32) *Random {
	return newRandom(&mcellRan4{high: seed, orig: seed, low: ilow})
}

func newRandom(g generator) *Random {
	r := &Random{gen: g}
	r.normal(0, 1) // NEURON's Rand starts with Normal(0, 1)
	return r
}

// Repick is r.repick(): the next number of the distribution.
func (r *Random) Repick() float64 { return r.dist() }

// Uniform is r.uniform(low, high): uniform in [low, high), as libg++'s
// Uniform, low + (high-low)*u. It returns the first number.
func (r *Random) Uniform(low, high float64) float64 {
	lo, hi := low, high
	if !(low < high) {
		lo, hi = high, low
	}
	delta := hi - lo
	r.dist = func() float64 { return lo + delta*r.gen.double() }
	return r.dist()
}

// Discunif is r.discunif(low, high): whole numbers from low to high, as
// libg++'s DiscreteUniform. It returns the first number.
func (r *Random) Discunif(low, high int) float64 {
	lo, hi := low, high
	if !(low < high) {
		lo, hi = high, low
	}
	delta := float64(hi-lo) + 1
	r.dist = func() float64 { return float64(lo + int(math.Floor(delta*r.gen.double()))) }
	return r.dist()
}

// Normal is r.normal(mean, variance): libg++'s Normal, the polar method,
// each accepted pair giving two numbers. It returns the first.
func (r *Random) Normal(mean, variance float64) float64 {
	r.normal(mean, variance)
	return r.dist()
}

func (r *Random) normal(mean, variance float64) { r.dist = r.gaussian(mean, math.Sqrt(variance)) }

// gaussian is libg++'s Normal with its mean and standard deviation.
func (r *Random) gaussian(mean, sd float64) func() float64 {
	cached, have := 0.0, false
	return func() float64 {
		if have {
			have = false
			return cached*sd + mean
		}
		for {
			v1 := 2*r.gen.double() - 1
			v2 := 2*r.gen.double() - 1
			if w := v1*v1 + v2*v2; w <= 1 {
				y := math.Sqrt(-2 * math.Log(w) / w)
				cached, have = v2*y, true
				return v1*y*sd + mean
			}
		}
	}
}

// Negexp is r.negexp(mean): -mean·log(u), libg++'s NegativeExpntl. It
// returns the first number.
func (r *Random) Negexp(mean float64) float64 {
	r.dist = func() float64 { return -mean * math.Log(r.gen.double()) }
	return r.dist()
}

// Poisson is r.poisson(mean): libg++'s Poisson, the count of uniform
// numbers whose product stays at or above exp(-mean). It returns the
// first number.
func (r *Random) Poisson(mean float64) float64 {
	bound := mechimpl.Exp(-1.0 * mean)
	r.dist = func() float64 {
		count := 0
		for product := 1.0; product >= bound; product *= r.gen.double() {
			count++
		}
		return float64(count - 1)
	}
	return r.dist()
}

// errNoSeq is NEURON's refusal of seq() on an ACG.
var errNoSeq = errors.New("seq: an ACG generator has no place in a stream (NEURON: seq() can only be used with MCellRan4 or Random123)")

// Seq is r.seq(): for Random123 the stream's place as 4·sequence + the
// number of its next value in the counter, for MCellRan4 the sequence
// number; an error for ACG.
func (r *Random) Seq() (float64, error) {
	switch g := r.gen.(type) {
	case *random123:
		return g.s.Seq4(), nil
	case *mcellRan4:
		return float64(g.high), nil
	}
	return 0, errNoSeq
}

// SetSeq is r.seq(x): the stream goes to place x, as Seq gives it; an
// error for ACG.
func (r *Random) SetSeq(x float64) error {
	switch g := r.gen.(type) {
	case *random123:
		g.s.SetSeq4(x)
	case *mcellRan4:
		g.high = uint32(int64(x))
	default:
		return errNoSeq
	}
	return nil
}

// random123 is NEURON's NrnRandom123: nrnran123's doubles.
type random123 struct{ s *mechimpl.Random123 }

func (g *random123) double() float64 { return g.s.DblPick() }

// mcellRan4 is NEURON's MCellRan4 (mcran4.cpp): a 64-bit hash of the
// sequence number and the stream number, its top 32 bits over 2^32.
type mcellRan4 struct {
	high, orig, low uint32
}

func (g *mcellRan4) double() float64 {
	return float64(mechimpl.Ran4(&g.high, g.low)) / 4294967296.0
}
