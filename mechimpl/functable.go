package mechimpl

import (
	"fmt"
	"slices"
)

// FuncTableInfo describes a FUNCTION_TABLE of a mechanism.
type FuncTableInfo struct {
	Name string // as in the .mod file: tabmtau
	Args int    // its number of arguments
}

// FuncTable is the table behind a FUNCTION_TABLE, as NEURON's
// hoc_spec_table makes it when hoc calls table_<name>_<suffix>: values on
// a grid of the arguments, or one value for every argument. A call of the
// function interpolates it as NEURON's hoc_func_table does: linearly in
// one argument, bilinearly in two, not at all in more.
type FuncTable struct {
	y    []float64
	axes []TableAxis // one per argument; nil for a constant
}

// TableAxis is the points of one argument of a table: N evenly spaced
// from Min to Max, or the points X (increasing), as hoc's table_ function
// takes them for each argument.
type TableAxis struct {
	N        int
	X        []float64 // nil for evenly spaced
	Min, Max float64
}

// NewFuncTable is h.table_f(Vector(y), Vector(x)) for a function of one
// argument: y[i] at x[i], the x increasing.
func NewFuncTable(y, x []float64) (*FuncTable, error) {
	if len(x) != len(y) {
		return nil, fmt.Errorf("%d values at %d points: the vectors must be the same size", len(y), len(x))
	}
	return NewFuncTableAxes(y, []TableAxis{{N: len(x), X: x}})
}

// NewFuncTableRange is hoc's table_f(&y[0], n, xmin, xmax): y evenly
// spaced from xmin to xmax, for a function of one argument.
func NewFuncTableRange(y []float64, xmin, xmax float64) (*FuncTable, error) {
	return NewFuncTableAxes(y, []TableAxis{{N: len(y), Min: xmin, Max: xmax}})
}

// NewFuncTableAxes is hoc's table_f(&y[0], n1, …, n2, …) for a function
// of as many arguments as axes: y holds the values with the last
// argument's index varying fastest.
func NewFuncTableAxes(y []float64, axes []TableAxis) (*FuncTable, error) {
	if len(y) == 0 {
		return nil, fmt.Errorf("no values")
	}
	size := 1
	for i, a := range axes {
		switch {
		case a.N < 1:
			return nil, fmt.Errorf("argument %d: %d points (at least 1)", i+1, a.N)
		case a.X != nil && len(a.X) != a.N:
			return nil, fmt.Errorf("argument %d: %d points given for a size of %d", i+1, len(a.X), a.N)
		case a.X != nil && !slices.IsSorted(a.X):
			return nil, fmt.Errorf("argument %d: the points do not increase", i+1)
		case a.X == nil && a.Max < a.Min:
			return nil, fmt.Errorf("argument %d: min %g > max %g", i+1, a.Min, a.Max)
		}
		size *= a.N
		axes[i].X = slices.Clone(a.X)
	}
	if len(y) != size {
		return nil, fmt.Errorf("%d values for a grid of %d", len(y), size)
	}
	return &FuncTable{y: slices.Clone(y), axes: slices.Clone(axes)}, nil
}

// NewFuncTableConst is h.table_f(value): the function is value everywhere.
func NewFuncTableConst(value float64) *FuncTable {
	return &FuncTable{y: []float64{value}}
}

// Args is the number of arguments the table is for; 0 for a constant,
// which serves a function of any number.
func (t *FuncTable) Args() int { return len(t.axes) }

// index is NEURON's arg_index: the point below x and the fraction of the
// way to the next, clamped at the ends.
func (a *TableAxis) index(x float64) (j int, frac float64) {
	n := a.N
	if a.X != nil {
		t0, t1 := 0, n-1
		switch {
		case x <= a.X[t0]:
			return 0, 0
		case x >= a.X[t1]:
			return t1, 0
		}
		for t0 < t1-1 {
			if j := (t0 + t1) / 2; a.X[j] <= x {
				t0 = j
			} else {
				t1 = j
			}
		}
		return t0, (x - a.X[t0]) / (a.X[t0+1] - a.X[t0])
	}
	switch {
	case x <= a.Min || n == 1:
		// (With one point NEURON divides by zero and lands here too.)
		return 0, 0
	case x >= a.Max:
		return n - 1, 0
	}
	d := (a.Max - a.Min) / float64(n-1)
	x1 := (x - a.Min) / d
	j = int(x1)
	return j, x1 - float64(j)
}

// CallFuncTable is a call of a FUNCTION_TABLE: its table at the
// arguments, interpolated as NEURON's hoc_func_table; a table never given
// is an error of the run (NEURON's "table not specified").
func CallFuncTable(c *Context, t *FuncTable, what string, args ...float64) float64 {
	if t == nil {
		c.Fail(fmt.Sprintf("FUNCTION_TABLE %s: no table was given (sim.Model.SetFunctionTable; NEURON's table_ function)", what))
		return 0
	}
	if len(t.axes) == 0 {
		return t.y[0]
	}
	j := 0
	var frac [2]float64
	for i := range t.axes {
		ji, f := t.axes[i].index(args[i])
		j = j*t.axes[i].N + ji
		if i < 2 {
			frac[i] = f
		}
	}
	inter := func(frac float64, j int) float64 {
		if frac > 0 {
			return (1-frac)*t.y[j] + frac*t.y[j+1]
		}
		return t.y[j]
	}
	switch len(t.axes) {
	case 1:
		return inter(frac[0], j)
	case 2:
		// adjacent values are adjacent in the second argument
		y1 := inter(frac[1], j)
		if frac[0] == 0 {
			return y1
		}
		y2 := inter(frac[1], j+t.axes[1].N)
		return (1-frac[0])*y1 + frac[0]*y2
	}
	return t.y[j]
}
