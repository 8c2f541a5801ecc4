package mechimpl

import (
	"math"
	"testing"
)

// TestTable checks NEURON's TABLE semantics: n+1 points from lo to hi,
// linear interpolation inside, the end values outside, NaN for NaN, and a
// rebuild only when a DEPEND value changes.
func TestTable(t *testing.T) {
	tab := NewTable(-100, 100, 200, 2)
	builds := 0
	fill := func(x float64, row []float64) { row[0], row[1] = x*x, -x }
	for _, celsius := range []float64{6.3, 6.3, 16, 16} {
		if tab.Stale(celsius) {
			builds++
			tab.Fill(fill)
		}
	}
	if builds != 2 {
		t.Errorf("%d builds for two distinct DEPEND values", builds)
	}
	for _, c := range []struct{ x, want0, want1 float64 }{
		{-100, 10000, 100},
		{100, 10000, -100},
		{-150, 10000, 100}, // clamped, not extrapolated
		{1e9, 10000, -100},
		{0.5, 0.5, -0.5}, // between 0 and 1: (0+1)/2, -(0+1)/2
		{-99.25, 0.75*9801 + 0.25*10000, 99.25},
		{3, 9, -3},
	} {
		rows, frac := tab.At(c.x)
		lo, hi := rows[:2], rows[2:]
		if got := lo[0] + frac*(hi[0]-lo[0]); math.Abs(got-c.want0) > 1e-9 {
			t.Errorf("x = %g: column 0 = %g, want %g", c.x, got, c.want0)
		}
		if got := lo[1] + frac*(hi[1]-lo[1]); math.Abs(got-c.want1) > 1e-9 {
			t.Errorf("x = %g: column 1 = %g, want %g", c.x, got, c.want1)
		}
	}
	if rows, frac := tab.At(math.NaN()); !math.IsNaN(rows[1] + frac*(rows[3]-rows[1])) {
		t.Errorf("NaN in, not NaN out")
	}
}
