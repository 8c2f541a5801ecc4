package random

import (
	"fmt"
	"math"
)

// acg is libg++'s ACG, NEURON 8's default generator (src/gnu/ACG.cpp
// before NEURON 9): an additive congruential generator whose sums are
// shuffled with a linear congruential one. Its doubles are libg++'s
// RNG::asDouble: two 32-bit numbers as the mantissa of a double in [1, 2),
// less 1.
type acg struct {
	state, aux []uint32 // the additive table and the shuffle table
	j, k       int
	lcg        uint32
}

// acgTables are the sizes libg++ allows: the lags j and k of the additive
// table (k its length) and the length of the shuffle table.
var acgTables = [][3]int{
	{3, 7, 16}, {4, 9, 32}, {3, 10, 32}, {1, 11, 32}, {1, 15, 64}, {3, 17, 128},
	{7, 18, 128}, {3, 20, 128}, {2, 21, 128}, {1, 22, 128}, {5, 23, 128}, {3, 25, 128},
	{2, 29, 128}, {3, 31, 128}, {13, 33, 256}, {2, 35, 256}, {11, 36, 256},
	{14, 39, 256}, {3, 41, 256}, {9, 49, 256}, {3, 52, 256}, {24, 55, 256}, {7, 57, 256},
	{19, 58, 256}, {38, 89, 512}, {17, 95, 512}, {6, 97, 512}, {11, 98, 512},
}

// acgPermutations are the byte masks of the shuffle, four per permutation.
var acgPermutations = [64]uint32{
	0xffffffff, 0x00000000, 0x00000000, 0x00000000, // 3210
	0x0000ffff, 0x00ff0000, 0x00000000, 0xff000000, // 2310
	0xff0000ff, 0x0000ff00, 0x00000000, 0x00ff0000, // 3120
	0x00ff00ff, 0x00000000, 0xff00ff00, 0x00000000, // 1230

	0xffff0000, 0x000000ff, 0x00000000, 0x0000ff00, // 3201
	0x00000000, 0x00ff00ff, 0x00000000, 0xff00ff00, // 2301
	0xff000000, 0x00000000, 0x000000ff, 0x00ffff00, // 3102
	0x00000000, 0x00000000, 0x00000000, 0xffffffff, // 2103

	0xff00ff00, 0x00000000, 0x00ff00ff, 0x00000000, // 3012
	0x0000ff00, 0x00000000, 0x00ff0000, 0xff0000ff, // 2013
	0x00000000, 0x00000000, 0xffffffff, 0x00000000, // 1032
	0x00000000, 0x0000ff00, 0xffff0000, 0x000000ff, // 1023

	0x00000000, 0xffffffff, 0x00000000, 0x00000000, // 0321
	0x00ffff00, 0xff000000, 0x00000000, 0x000000ff, // 0213
	0x00000000, 0xff000000, 0x0000ffff, 0x00ff0000, // 0132
	0x00000000, 0xff00ff00, 0x00000000, 0x00ff00ff, // 0123
}

// acgSeeds start the table for seeds below 32 and are mixed into others.
var acgSeeds = [32]uint32{
	0xbdcc47e5, 0x54aea45d, 0xec0df859, 0xda84637b,
	0xc8c6cb4f, 0x35574b01, 0x28260b7d, 0x0d07fdbf,
	0x9faaeeb0, 0x613dd169, 0x5ce2d818, 0x85b9e706,
	0xab2469db, 0xda02b0dc, 0x45c60d6e, 0xffe49d10,
	0x7224fea3, 0xf9684fc9, 0xfc7ee074, 0x326ce92a,
	0x366d13b5, 0x17aaa731, 0xeb83a675, 0x7781cb32,
	0x4ec7c92d, 0x7f187521, 0x2cf346b4, 0xad13310f,
	0xb89cff2b, 0x12164de1, 0xa865168d, 0x32b56cdf,
}

func lcg(x uint32) uint32 { return x*66049 + 3907864577 }

// NewACG is NEURON 8's h.Random(seed, size), or r.ACG(seed, size): libg++'s
// ACG with an additive table of size numbers (NEURON's default 55; 7 to
// 98, as NEURON allows; libg++ takes the first of its sizes not under
// size). NEURON 9 has no ACG: its h.Random(seed) is NewRandom123(seed, 55,
// 0) with that default size. An ACG has no place in its stream to ask
// for or set: Seq and SetSeq say so, as NEURON's seq() does.
func NewACG(seed uint32, size int) (*Random, error) {
	if err := CheckACGSize(size); err != nil {
		return nil, err
	}
	l := 0
	for l < len(acgTables)-1 && acgTables[l][1] < size {
		l++
	}
	g := &acg{state: make([]uint32, acgTables[l][1]), aux: make([]uint32, acgTables[l][2])}
	u := seed ^ acgSeeds[seed&31]
	if seed < 32 {
		u = acgSeeds[seed]
	}
	for i := range g.state {
		u = lcg(u)
		g.state[i] = u
	}
	for i := range g.aux {
		u = lcg(u)
		g.aux[i] = u
	}
	n := len(g.state)
	g.k = int(u % uint32(n))
	g.j = g.k - (n - acgTables[l][0])
	if g.j < 0 {
		g.j += n
	}
	g.lcg = u
	return newRandom(g), nil
}

// next is ACG::asLong.
func (g *acg) next() uint32 {
	n := len(g.state)
	result := g.state[g.k] + g.state[g.j]
	g.state[g.k] = result
	g.j = (g.j + n - 1) % n
	g.k = (g.k + n - 1) % n
	i := (result >> 24) & uint32(len(g.aux)-1)
	a := g.aux[i]
	g.lcg = lcg(g.lcg)
	g.aux[i] = g.lcg
	p := acgPermutations[result&0x3c:]
	return p[0]&a | p[1]&(a<<24|a>>8&0xffffff) | p[2]&(a<<16|a>>16&0xffff) | p[3]&(a<<8|a>>24&0xff)
}

// double is RNG::asDouble: the first number fills the low 32 bits of the
// mantissa, the second the high 20.
func (g *acg) double() float64 {
	lo := uint64(g.next())
	hi := uint64(g.next() & 0xfffff)
	return math.Float64frombits(0x3ff0000000000000|hi<<32|lo) - 1
}

// CheckACGSize refuses an ACG size NEURON refuses (it takes 7 to 98).
func CheckACGSize(size int) error {
	if size < 7 || size > 98 {
		return fmt.Errorf("ACG size %d: NEURON allows 7 to 98", size)
	}
	return nil
}
