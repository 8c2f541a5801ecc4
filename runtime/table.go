package runtime

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
}

// NewTable makes an empty table of ncols quantities.
func NewTable(lo, hi float64, n, ncols int) Table {
	dx := (hi - lo) / float64(n)
	return Table{lo: lo, dx: dx, mfac: 1 / dx, n: n, ncols: ncols, data: make([]float64, (n+1)*ncols)}
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
	at := i*t.ncols + col
	if i >= t.n {
		return t.data[at]
	}
	lo, hi := t.data[at], t.data[at+t.ncols]
	return lo + theta*(hi-lo)
}

// Bool is NMODL's value of a condition: 1 if true, else 0.
func Bool(b bool) float64 {
	if b {
		return 1
	}
	return 0
}
