package random

import (
	"encoding/json"
	"math"
	"os"
	"strconv"
	"strings"
	"testing"
)

// TestAsNEURON: each generator and distribution gives the numbers NEURON
// 8.2.2's Random objects give for the same calls (testdata/neuron.json,
// made by tools/neuron/hoc_random.py, Random123, MCellRan4 and ACG): 12
// numbers each, and the place in the stream after them. uniform,
// discunif, poisson, binomial and geometric to the bit; normal, negexp,
// lognormal, hypergeo, erlang and weibull within 4 ulps, as they take Go's
// math.Log (and math.Pow), within an ulp of the C library's but not always
// equal to it.
func TestAsNEURON(t *testing.T) {
	data, err := os.ReadFile("testdata/neuron.json")
	if err != nil {
		t.Fatal(err)
	}
	var cases []struct {
		Generator string
		Gargs     []float64
		Dist      string
		Dargs     []float64
		Values    []string
		Seq       *string // null for ACG, which has none
	}
	if err := json.Unmarshal(data, &cases); err != nil {
		t.Fatal(err)
	}
	exact, all, worst := 0, 0, int64(0)
	for _, c := range cases {
		var r *Random
		switch c.Generator {
		case "Random123":
			r = NewRandom123(uint32(c.Gargs[0]), uint32(c.Gargs[1]), uint32(c.Gargs[2]))
		case "MCellRan4":
			r = NewMCellRan4(uint32(c.Gargs[0]), uint32(c.Gargs[1]))
		case "ACG", "Random": // r.ACG(seed[, size]), NEURON 8's h.Random(seed[, size])
			size := 55
			if len(c.Gargs) > 1 {
				size = int(c.Gargs[1])
			}
			r, err = NewACG(uint32(c.Gargs[0]), size)
			if err != nil {
				t.Fatal(err)
			}
		}
		var got []float64
		switch c.Dist {
		case "uniform":
			got = append(got, r.Uniform(c.Dargs[0], c.Dargs[1]))
		case "normal":
			got = append(got, r.Normal(c.Dargs[0], c.Dargs[1]))
		case "negexp":
			got = append(got, r.Negexp(c.Dargs[0]))
		case "poisson":
			got = append(got, r.Poisson(c.Dargs[0]))
		case "discunif":
			got = append(got, r.Discunif(int(c.Dargs[0]), int(c.Dargs[1])))
		case "lognormal":
			got = append(got, r.Lognormal(c.Dargs[0], c.Dargs[1]))
		case "binomial":
			v, err := r.Binomial(int(c.Dargs[0]), c.Dargs[1])
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, v)
		case "geometric":
			v, err := r.Geometric(c.Dargs[0])
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, v)
		case "hypergeo":
			got = append(got, r.Hypergeo(c.Dargs[0], c.Dargs[1]))
		case "erlang":
			got = append(got, r.Erlang(c.Dargs[0], c.Dargs[1]))
		case "weibull":
			got = append(got, r.Weibull(c.Dargs[0], c.Dargs[1]))
		}
		for len(got) < len(c.Values) {
			got = append(got, r.Repick())
		}
		ulps := int64(0)
		switch c.Dist {
		case "normal", "negexp", "default", "lognormal", "hypergeo", "erlang", "weibull": // Go's log and pow
			ulps = 4
		}
		for i, v := range c.Values {
			want, err := strconv.ParseFloat(v, 64)
			if err != nil {
				t.Fatal(err)
			}
			all++
			d := int64(math.Float64bits(got[i]) - math.Float64bits(want))
			if d == 0 {
				exact++
			}
			worst = max(worst, d, -d)
			if d < -ulps || d > ulps {
				t.Errorf("%s%v %s%v: number %d is %v, NEURON's %v", c.Generator, c.Gargs, c.Dist, c.Dargs, i, got[i], want)
				break
			}
		}
		seq, err := r.Seq()
		if c.Seq == nil {
			if err == nil {
				t.Errorf("%s%v: seq %v, but NEURON has none", c.Generator, c.Gargs, seq)
			}
			continue
		}
		if want, _ := strconv.ParseFloat(*c.Seq, 64); err != nil || seq != want {
			t.Errorf("%s%v %s%v: seq %v (%v) after, NEURON's %v", c.Generator, c.Gargs, c.Dist, c.Dargs, seq, err, want)
		}
	}
	t.Logf("%d of %d numbers identical to NEURON's to the bit, the others within %d ulps", exact, all, worst)
}

// TestSeq: a stream set back to where it was gives the same numbers again.
func TestSeq(t *testing.T) {
	for _, r := range []*Random{NewRandom123(3, 1, 4), NewMCellRan4(15, 9)} {
		r.Uniform(0, 1)
		at, err := r.Seq()
		if err != nil {
			t.Fatal(err)
		}
		a := []float64{r.Repick(), r.Repick(), r.Repick()}
		if err := r.SetSeq(at); err != nil {
			t.Fatal(err)
		}
		if b := []float64{r.Repick(), r.Repick(), r.Repick()}; a[0] != b[0] || a[2] != b[2] {
			t.Errorf("from seq %v: %v, then %v", at, a, b)
		}
	}
}

// TestRefuses: NEURON's limits: an ACG's size from 7 to 98, no seq of an
// ACG, binomial's n ≥ 0 and p and geometric's p in [0, 1].
func TestRefuses(t *testing.T) {
	for _, size := range []int{6, 99, -1} {
		if _, err := NewACG(1, size); err == nil || !strings.Contains(err.Error(), "7 to 98") {
			t.Errorf("size %d: %v", size, err)
		}
	}
	r, err := NewACG(1, 7)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := r.Seq(); err == nil {
		t.Error("Seq of an ACG: no error")
	}
	if err := r.SetSeq(3); err == nil {
		t.Error("SetSeq of an ACG: no error")
	}
	for _, c := range []struct {
		n int
		p float64
	}{{-1, 0.5}, {3, -0.1}, {3, 1.5}, {3, math.NaN()}} {
		if _, err := r.Binomial(c.n, c.p); err == nil || !strings.Contains(err.Error(), "NEURON wants") {
			t.Errorf("binomial(%d, %g): %v", c.n, c.p, err)
		}
	}
	for _, p := range []float64{-0.1, 1.5, math.NaN()} {
		if _, err := r.Geometric(p); err == nil || !strings.Contains(err.Error(), "NEURON wants") {
			t.Errorf("geometric(%g): %v", p, err)
		}
	}
}
