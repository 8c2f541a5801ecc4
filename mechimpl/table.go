package mechimpl

import "math"

// Table is a TABLE of one or more quantities over n+1 evenly spaced
// points from lo to hi, as nocmodl makes them (parsact.cpp): rebuilt when a
// DEPEND value changes, read by linear interpolation and clamped at the
// ends. Generated code owns one per TABLE statement, per model.
type Table struct {
	lo, dx, mfac float64
	n, ncols     int
	data         []float64 // point-major: the ncols quantities at a point are together
	saved        []float64
	built        bool
	nan          []float64 // the row for a NaN argument, made when first needed
}

// NewTable makes an empty table of ncols quantities.
func NewTable(lo, hi float64, n, ncols int) Table {
	dx := (hi - lo) / float64(n)
	return Table{lo: lo, dx: dx, mfac: 1 / dx, n: n, ncols: ncols, data: make([]float64, (n+1)*ncols)}
}

// SetRange moves the table to lo … hi, for a TABLE whose FROM and TO are
// expressions: nocmodl evaluates them each time it builds the table.
func (t *Table) SetRange(lo, hi float64) {
	t.lo, t.dx = lo, (hi-lo)/float64(t.n)
	t.mfac = 1 / t.dx
}

// Stale reports whether the table must be (re)built for these DEPEND
// values, and remembers them.
func (t *Table) Stale(depend ...float64) bool {
	stale := !t.built || len(depend) != len(t.saved)
	for i := 0; !stale && i < len(depend); i++ {
		stale = depend[i] != t.saved[i]
	}
	if stale {
		t.saved = append(t.saved[:0], depend...)
	}
	return stale
}

// Fill computes every point: f(x, row) puts the quantities at x in row.
// x advances by repeated addition of dx, as in nocmodl's loop, so that the
// points are bit for bit NEURON's.
func (t *Table) Fill(f func(x float64, row []float64)) {
	x := t.lo
	for i := 0; i <= t.n; i++ {
		f(x, t.data[i*t.ncols:(i+1)*t.ncols])
		x += t.dx
	}
	t.built = true
}

// Lookup finds x in the table: the rows of quantities at the points below
// and above it, and the fraction of the way from one to the other, so that
// quantity c is lo[c] + frac*(hi[c]-lo[c]). Outside the table both rows
// are the end row and frac is 0 (NEURON clamps, it does not extrapolate);
// for NaN every quantity is NaN.
func (t *Table) Lookup(x float64) (frac float64, lo, hi []float64) {
	xi := t.mfac * (x - t.lo)
	nc := t.ncols
	switch {
	case math.IsNaN(xi):
		if t.nan == nil {
			t.nan = make([]float64, nc)
			for i := range t.nan {
				t.nan[i] = math.NaN()
			}
		}
		return 0, t.nan, t.nan
	case xi <= 0:
		return 0, t.data[:nc], t.data[:nc]
	case xi >= float64(t.n):
		end := t.data[t.n*nc : (t.n+1)*nc]
		return 0, end, end
	}
	i := int(xi)
	return xi - float64(i), t.data[i*nc : (i+1)*nc], t.data[(i+1)*nc : (i+2)*nc]
}

// Bool is NMODL's value of a condition: 1 if true, else 0.
func Bool(b bool) float64 {
	if b {
		return 1
	}
	return 0
}
