package mechimpl

import (
	"math"
	"strings"
	"testing"
)

// TestScopmath: scopmath's functions on values worked out by hand from
// its C (the traces of golden scopmath_functions compare them with
// NEURON's), and factorial's stop on a negative argument.
func TestScopmath(t *testing.T) {
	c := &Context{}
	for _, tc := range []struct {
		name      string
		got, want float64
	}{
		{"factorial(5)", Factorial(c, 5), 120},
		{"factorial(4.95): 5 from n + 0.1, the loop from 4", Factorial(c, 4.95), 24},
		{"factorial(1.5)", Factorial(c, 1.5), 1},
		{"factorial(-0.5): 0", Factorial(c, -0.5), 1},
		{"factorial(19)", Factorial(c, 19), 121645100408832000},
		{"factorial(20): Stirling", Factorial(c, 20), fastExp(-20) * math.Pow(20, 20) * math.Sqrt(scopTwoPi*20)},
		{"gauss at the mean", Gauss(1, 1, 2), 1 / (math.Sqrt(scopTwoPi) * 2)},
		{"poisson(0, 3)", Poisson(c, 0, 3), fastExp(-3)},
		{"sigmoid at K", Sigmoid(2, 3, 2, 4), 1.5},
		{"hyperbol", Hyperbol(1, 3, 2), 1},
		{"revhyperbol", RevHyperbol(1, 3, 2), 2},
		{"squarewave, first half", SquareWave(7, 6, 1.5), 1.5},
		{"squarewave, second half", SquareWave(10, 6, 1.5), -1.5},
		{"sawtooth", SawTooth(5, 4, 2), 0.5},
		{"revsawtooth", RevSawTooth(5, 4, 2), 1.5},
		{"ramp before", Ramp(4, 5, 3, 10), 0},
		{"ramp during", Ramp(10, 5, 3, 10), 1.5},
		{"ramp after", Ramp(16, 5, 3, 10), 3},
		{"pulse at its end", Pulse(8, 5, 2, 3), 0},
		{"pulse during", Pulse(7, 5, 2, 3), 2},
		{"perpulse in the second pulse", PerPulse(10, 2, 1, 3, 4), 1},
		{"perpulse between", PerPulse(7, 2, 1, 3, 4), 0},
		{"perstep at lag", PerStep(3, 3, 7, 0.5), 0.5},
		{"perstep after two periods", PerStep(17.5, 3, 7, 0.5), 1.5},
	} {
		if tc.got != tc.want {
			t.Errorf("%s = %v, want %v", tc.name, tc.got, tc.want)
		}
	}
	if err := c.Err(); err != nil {
		t.Fatalf("a failure: %v", err)
	}
	Factorial(c, -2)
	if err := c.Err(); err == nil || !strings.Contains(err.Error(), "factorial(-2): a negative argument") {
		t.Errorf("factorial(-2): %v", err)
	}
}
