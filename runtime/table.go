package runtime

import "math"

// Table is a TABLE of one or more quantities over n+1 evenly spaced
// points from lo to hi, as nocmodl makes them (parsact.cpp): rebuilt when a
// DEPEND value changes, read by linear interpolation and clamped at the
// ends. Generated code owns one per TABLE statement, per model.
type Table struct {
	lo, dx, mfac float64
	n            int
	cols         [][]float64
	saved        []float64
	built        bool
}

// NewTable makes an empty table of ncols quantities.
func NewTable(lo, hi float64, n, ncols int) Table {
	dx := (hi - lo) / float64(n)
	t := Table{lo: lo, dx: dx, mfac: 1 / dx, n: n, cols: make([][]float64, ncols)}
	for i := range t.cols {
		t.cols[i] = make([]float64, n+1)
	}
	return t
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
	row := make([]float64, len(t.cols))
	x := t.lo
	for i := 0; i <= t.n; i++ {
		f(x, row)
		for c := range t.cols {
			t.cols[c][i] = row[c]
		}
		x += t.dx
	}
	t.built = true
}

// Locate finds x in the table: the point below it and the fraction of the
// way to the next. Outside the table it returns an end point with
// theta 0; for NaN it returns i = -1.
func (t *Table) Locate(x float64) (i int, theta float64) {
	xi := t.mfac * (x - t.lo)
	switch {
	case math.IsNaN(xi):
		return -1, 0
	case xi <= 0:
		return 0, 0
	case xi >= float64(t.n):
		return t.n, 0
	}
	i = int(xi)
	return i, xi - float64(i)
}

// Value interpolates quantity col at a located point.
func (t *Table) Value(col, i int, theta float64) float64 {
	if i < 0 {
		return math.NaN()
	}
	c := t.cols[col]
	if i >= t.n {
		return c[t.n]
	}
	return c[i] + theta*(c[i+1]-c[i])
}

// Bool is NMODL's value of a condition: 1 if true, else 0.
func Bool(b bool) float64 {
	if b {
		return 1
	}
	return 0
}
