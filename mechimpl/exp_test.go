package mechimpl

import (
	"math"
	"math/big"
	"math/rand/v2"
	"os"
	"os/exec"
	"runtime"
	"strconv"
	"strings"
	"testing"
)

// ulps is the distance between two doubles in units in the last place.
func ulps(a, b float64) float64 {
	if a == b {
		return 0
	}
	return math.Abs(a-b) / (math.Nextafter(math.Abs(b), math.Inf(1)) - math.Abs(b))
}

// bigExp is e^x to about 150 bits, by the Taylor series of e^(x/2^20)
// squared 20 times.
func bigExp(x float64) *big.Float {
	const prec = 200
	y := new(big.Float).SetPrec(prec).SetMantExp(big.NewFloat(x), -20)
	sum := big.NewFloat(1).SetPrec(prec)
	term := big.NewFloat(1).SetPrec(prec)
	for k := 1; k < 30; k++ {
		term.Mul(term, y)
		term.Quo(term, big.NewFloat(float64(k)))
		sum.Add(sum, term)
	}
	for range 20 {
		sum.Mul(sum, sum)
	}
	return sum
}

// ulpsFromExact is |got - exact| in units in the last place of got.
func ulpsFromExact(got float64, exact *big.Float) float64 {
	d := new(big.Float).Sub(big.NewFloat(got), exact)
	f, _ := d.Float64()
	return math.Abs(f) / (math.Nextafter(got, math.Inf(1)) - got)
}

// TestFastExp: within 0.52 ulp of the exact value (checked in big-float
// arithmetic) and within 2 ulp of math.Exp (which is that far off itself), over the range channel rates
// use and beyond, and exact at the edges hoc_Exp defines.
func TestFastExp(t *testing.T) {
	for name, exp := range map[string]func(float64) float64{"fused": expFused, "unfused": expUnfused} {
		r := rand.New(rand.NewPCG(7, 11))
		worst := 0.0
		for i := range 3000 {
			x := (r.Float64()*2 - 1) * 40
			if i%3 == 0 {
				x = (r.Float64()*2 - 1) * 700
			}
			got, want := exp(x), bigExp(x)
			if u := ulpsFromExact(got, want); u > worst {
				worst = u
			}
		}
		t.Logf("%s: worst error %.3f ulp", name, worst)
		if worst > 0.52 {
			t.Errorf("%s: off by %.3f ulp", name, worst)
		}
		for range 1_000_000 {
			x := (r.Float64()*2 - 1) * 50
			if u := ulps(exp(x), math.Exp(x)); u > 2 { // math.Exp is off by up to 2 ulp
				t.Fatalf("%s(%g) = %g, math.Exp %g: %.2f ulp apart", name, x, exp(x), math.Exp(x), u)
			}
		}
	}
	for _, c := range []struct{ x, want float64 }{
		{0, 1}, {1e-300, 1}, {-701, 0}, {-800, 0}, {701, fastExp(700)}, {math.Inf(1), fastExp(700)},
	} {
		if got := Exp(c.x); got != c.want {
			t.Errorf("Exp(%g) = %g, want %g", c.x, got, c.want)
		}
	}
	if !math.IsNaN(Exp(math.NaN())) {
		t.Errorf("Exp(NaN) is not NaN")
	}
}

func BenchmarkExp(b *testing.B) {
	for _, c := range []struct {
		name string
		exp  func(float64) float64
	}{{"Exp", Exp}, {"fused", expFused}, {"unfused", expUnfused}} {
		b.Run(c.name, func(b *testing.B) {
			s, x := 0.0, -0.005
			for i := 0; b.Loop(); i++ {
				s += c.exp(x + float64(i&7)*1e-4)
			}
			sink = s
		})
	}
}

func BenchmarkMathExp(b *testing.B) {
	s, x := 0.0, -0.005
	for i := 0; b.Loop(); i++ {
		s += math.Exp(x + float64(i&7)*1e-4)
	}
	sink = s
}

var sink float64

// TestExpIsLibms: fastExp gives what this machine's C library gives (the
// exp NEURON calls), bit for bit, for 200000 arguments across the range,
// asked of Python's math.exp, which calls it.
func TestExpIsLibms(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("the C library's exp is matched on Linux (glibc) only")
	}
	if _, err := os.Stat("/usr/bin/python3"); err != nil {
		t.Skip("no /usr/bin/python3 to ask the C library's exp")
	}
	r := rand.New(rand.NewPCG(3, 5))
	var in strings.Builder
	var xs []float64
	for i := range 200_000 {
		x := (r.Float64()*2 - 1) * []float64{1, 40, 700, 1000}[i%4]
		xs = append(xs, x)
		in.WriteString(strconv.FormatFloat(x, 'x', -1, 64) + "\n")
	}
	cmd := exec.Command("/usr/bin/python3", "-c", `import sys, math
for l in sys.stdin:
    x = float.fromhex(l)
    try: y = math.exp(x)
    except OverflowError: y = math.inf
    print(y.hex())`)
	cmd.Stdin = strings.NewReader(in.String())
	out, err := cmd.Output()
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Fields(string(out))
	bad := 0
	for i, x := range xs {
		want, err := strconv.ParseFloat(lines[i], 64)
		if err != nil {
			t.Fatal(err)
		}
		if got := fastExp(x); got != want && !(x > 709.78 && math.IsInf(want, 1)) {
			if bad++; bad <= 5 {
				t.Errorf("exp(%x): %x, the C library's %x (useFMA %v)", x, got, want, useFMA)
			}
		}
	}
	if bad > 0 {
		t.Errorf("%d of %d differ", bad, len(xs))
	}
}
