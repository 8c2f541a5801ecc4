package mechimpl

import (
	"math"
	"math/bits"
)

// Random123 is one stream of NEURON's Random123 generator (nrnran123.cpp):
// Philox4x32-10 on a counter whose first word is the sequence number and
// whose others are the stream's three ids, with NEURON's key (global index
// 0). Each counter gives four 32-bit numbers, picked in order. A RANDOM
// variable of NMODL (NEURON 9) is one stream per instance; so is the
// stream NEURON 8.2's NetStim.noiseFromRandom123 makes.
type Random123 struct {
	c     [4]uint32 // sequence, id3, id1, id2
	r     [4]uint32 // philox(c)
	which int       // the next of r to pick
}

// NewRandom123 returns the stream with ids id1, id2, id3 at sequence 0
// (nrnran123_newstream3).
func NewRandom123(id1, id2, id3 uint32) *Random123 {
	s := &Random123{}
	s.SetIDs(id1, id2, id3)
	s.SetSeq(0, 0)
	return s
}

// SetIDs sets the stream's ids (nrnran123_setids). As in NEURON, the
// numbers already drawn from the counter are picked first: call SetSeq
// to start the new stream.
func (s *Random123) SetIDs(id1, id2, id3 uint32) {
	s.c[1], s.c[2], s.c[3] = id3, id1, id2
}

// IDs returns the stream's ids (nrnran123_getids3).
func (s *Random123) IDs() (id1, id2, id3 uint32) { return s.c[2], s.c[3], s.c[1] }

// SetSeq puts the stream at sequence seq, number which (0 to 3; another
// which is 0) of its counter (nrnran123_setseq).
func (s *Random123) SetSeq(seq uint32, which int) {
	if which < 0 || which > 3 {
		which = 0
	}
	s.which, s.c[0] = which, seq
	s.r = philox4x32(s.c, [2]uint32{})
}

// SetSeq4 is SetSeq from seq*4 + which as one number (NEURON 9's
// random_setseq, hoc's Random.seq): below 0 or above 2^40-1 it is 0,
// and only its low 34 bits count.
func (s *Random123) SetSeq4(seq4which float64) {
	if seq4which < 0 || seq4which > float64(0xffffffffff) {
		seq4which = 0
	}
	x := uint64(seq4which) & 0x3ffffffff
	s.SetSeq(uint32(x>>2), int(x&3))
}

// Seq4 is the stream's place as seq*4 + which.
func (s *Random123) Seq4() float64 { return float64(s.c[0])*4 + float64(s.which) }

// IPick returns the next 32-bit number (nrnran123_ipick). After the
// fourth of a counter the sequence number goes up by one, as NEURON 8.2
// counts it (the ids never carry).
func (s *Random123) IPick() uint32 {
	x := s.r[s.which]
	if s.which++; s.which > 3 {
		s.which = 0
		s.c[0]++
		s.r = philox4x32(s.c, [2]uint32{})
	}
	return x
}

// DblPick returns the next number in the open interval (0, 1):
// (u + 1)/(2^32 + 1) (nrnran123_dblpick).
func (s *Random123) DblPick() float64 {
	const shift32 = 1.0 / 4294967297.0
	return (float64(s.IPick()) + 1.0) * shift32
}

// NegExp is a negative exponential number of mean 1: -log(DblPick())
// (nrnran123_negexp).
func (s *Random123) NegExp() float64 { return -math.Log(s.DblPick()) }

// Normal is a normal number of mean 0 and deviation 1 by the polar
// method, one of each accepted pair (nrnran123_normal).
func (s *Random123) Normal() float64 {
	var u1, w float64
	for {
		u1 = 2*s.DblPick() - 1
		u2 := 2*s.DblPick() - 1
		if w = u1*u1 + u2*u2; w <= 1 {
			break
		}
	}
	return u1 * math.Sqrt(-2*math.Log(w)/w)
}

// philox4x32 is Random123's Philox4x32 with 10 rounds.
func philox4x32(ctr [4]uint32, key [2]uint32) [4]uint32 {
	const (
		m0, m1 = 0xD2511F53, 0xCD9E8D57
		w0, w1 = 0x9E3779B9, 0xBB67AE85
	)
	for round := range 10 {
		if round > 0 {
			key[0] += w0
			key[1] += w1
		}
		hi0, lo0 := bits.Mul32(m0, ctr[0])
		hi1, lo1 := bits.Mul32(m1, ctr[2])
		ctr = [4]uint32{hi1 ^ ctr[1] ^ key[0], lo1, hi0 ^ ctr[3] ^ key[1], lo0}
	}
	return ctr
}

// The NMODL functions of a RANDOM variable (NEURON 9), on an instance's
// stream.

// RandomSetseq is random_setseq(r, seq4which): NEURON 9's nocmodl calls
// nrnran123_setseq with a double, seq*4 + which.
func RandomSetseq(s *Random123, seq4which float64) float64 {
	s.SetSeq4(seq4which)
	return 0
}

// RandomSetids is random_setids(r, id1, id2, id3), each converted as C
// converts a double to uint32_t.
func RandomSetids(s *Random123, id1, id2, id3 float64) float64 {
	s.SetIDs(uint32(int64(id1)), uint32(int64(id2)), uint32(int64(id3)))
	return 0
}

// RandomUniform is random_uniform(r): DblPick.
func RandomUniform(s *Random123) float64 { return s.DblPick() }

// RandomUniformAB is random_uniform(r, a, b): a + DblPick()*(b - a).
func RandomUniformAB(s *Random123, a, b float64) float64 { return a + s.DblPick()*(b-a) }

// RandomNegexp is random_negexp(r).
func RandomNegexp(s *Random123) float64 { return s.NegExp() }

// RandomNegexpMean is random_negexp(r, mean): -log(DblPick())*mean.
func RandomNegexpMean(s *Random123, mean float64) float64 { return s.NegExp() * mean }

// RandomNormal is random_normal(r).
func RandomNormal(s *Random123) float64 { return s.Normal() }

// RandomNormalMS is random_normal(r, mu, sigma): mu + Normal()*sigma.
func RandomNormalMS(s *Random123, mu, sigma float64) float64 { return mu + s.Normal()*sigma }

// RandomIpick is random_ipick(r): the next 32-bit number, as a double.
func RandomIpick(s *Random123) float64 { return float64(s.IPick()) }

// RandomDpick is random_dpick(r): DblPick.
func RandomDpick(s *Random123) float64 { return s.DblPick() }
