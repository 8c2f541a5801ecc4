package mechimpl

import "math"

// Table is a TABLE of one or more quantities over n+1 evenly spaced
// points from lo to hi, as nocmodl makes them (parsact.cpp): rebuilt when a
// DEPEND value changes, read by linear interpolation and clamped at the
// ends. Generated code owns one per TABLE statement, per model.
type Table struct {
	lo, dx, mfac float64
	n, ncols     int
	// data is point-major (the ncols quantities at a point together), the
	// n+1 points followed by three pairs of rows that At gives outside
	// the table: the last point twice, NaN twice, the first point twice.
	data  []float64
	saved []float64
	built bool
}

// NewTable makes an empty table of ncols quantities.
func NewTable(lo, hi float64, n, ncols int) Table {
	dx := (hi - lo) / float64(n)
	return Table{lo: lo, dx: dx, mfac: 1 / dx, n: n, ncols: ncols, data: make([]float64, (n+6)*ncols)}
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
	nc := t.ncols
	x := t.lo
	for i := 0; i <= t.n; i++ {
		f(x, t.data[i*nc:(i+1)*nc])
		x += t.dx
	}
	// the pairs of rows for outside the table
	copy(t.data[(t.n+1)*nc:], t.data[t.n*nc:(t.n+1)*nc])
	for i := range 2 * nc {
		t.data[(t.n+2)*nc+i] = math.NaN()
	}
	copy(t.data[(t.n+4)*nc:], t.data[:nc])
	copy(t.data[(t.n+5)*nc:], t.data[:nc])
	t.built = true
}

// At finds x in the table: two rows of the quantities, lo and hi (rows[c]
// and rows[ncols+c]), and the fraction of the way from one to the other,
// so that quantity c is lo[c] + frac*(hi[c]-lo[c]). Outside the table both
// rows are the end row and frac is 0 (NEURON clamps, it does not
// extrapolate); for NaN every quantity is NaN. It is small enough for the
// compiler to write it into the channel kernels.
func (t *Table) At(x float64) (rows []float64, frac float64) {
	xi := t.mfac * (x - t.lo)
	i := t.n // at or above the last point
	switch {
	case xi > 0 && xi < float64(t.n):
		i = int(xi)
		frac = xi - float64(i)
	case xi <= 0:
		i = t.n + 4
	case xi != xi:
		i = t.n + 2
	}
	return t.data[i*t.ncols : (i+2)*t.ncols], frac
}

// Bool is NMODL's value of a condition: 1 if true, else 0.
func Bool(b bool) float64 {
	if b {
		return 1
	}
	return 0
}
