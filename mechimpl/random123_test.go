package mechimpl

import (
	"encoding/json"
	"math"
	"os"
	"strconv"
	"testing"
)

// TestPhilox: Random123's known answers for Philox4x32-10
// (kat_vectors).
func TestPhilox(t *testing.T) {
	for _, c := range []struct {
		ctr  [4]uint32
		key  [2]uint32
		want [4]uint32
	}{
		{[4]uint32{}, [2]uint32{}, [4]uint32{0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8}},
		{[4]uint32{0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff}, [2]uint32{0xffffffff, 0xffffffff}, [4]uint32{0x408f276d, 0x41c83b0e, 0xa20bc7c6, 0x6d5451fd}},
		{[4]uint32{0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344}, [2]uint32{0xa4093822, 0x299f31d0}, [4]uint32{0xd16cfe09, 0x94fdcceb, 0x5001e420, 0x24126ea1}},
	} {
		if got := philox4x32(c.ctr, c.key); got != c.want {
			t.Errorf("philox4x32(%x, %x) = %x, want %x", c.ctr, c.key, got, c.want)
		}
	}
}

// TestRandom123: streams give NEURON's numbers: hoc Random objects with
// the Random123 generator, from sequence 0 and from Random.seq
// (testdata/random123.json, made by tools/neuron/random123.py), across
// several counters. The uniform numbers are NEURON's to the bit; their
// negative logarithms may differ in the last bit, since Go's math.Log is
// not glibc's log (within an ulp of it).
func TestRandom123(t *testing.T) {
	data, err := os.ReadFile("testdata/random123.json")
	if err != nil {
		t.Fatal(err)
	}
	var cases []struct {
		IDs    [3]uint32
		Seq4   float64
		Dist   string
		Values []string
	}
	if err := json.Unmarshal(data, &cases); err != nil {
		t.Fatal(err)
	}
	for _, c := range cases {
		s := NewRandom123(c.IDs[0], c.IDs[1], c.IDs[2])
		s.SetSeq4(c.Seq4)
		for i, v := range c.Values {
			want, err := strconv.ParseFloat(v, 64)
			if err != nil {
				t.Fatal(err)
			}
			got, ulps := s.DblPick(), int64(0)
			if c.Dist == "negexp" {
				got, ulps = -math.Log(got), 1
			}
			if d := int64(math.Float64bits(got) - math.Float64bits(want)); d < -ulps || d > ulps {
				t.Errorf("ids %v from %g: pick %d is %v, NEURON's %v", c.IDs, c.Seq4, i, got, want)
				break
			}
		}
	}
	s := NewRandom123(1, 2, 3)
	s.SetSeq4(4*7 + 2)
	if id1, id2, id3 := s.IDs(); id1 != 1 || id2 != 2 || id3 != 3 || s.Seq4() != 30 {
		t.Errorf("ids %d %d %d, seq4 %g", id1, id2, id3, s.Seq4())
	}
}
