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
// hoc_spec_table makes it when hoc calls table_<name>_<suffix>: values at
// given points of one argument, or one value for every argument. A call
// of the function interpolates it as NEURON's hoc_func_table does.
type FuncTable struct {
	y    []float64
	x    []float64 // the points; nil for evenly spaced from min to max
	min  float64
	max  float64
	args int
}

// NewFuncTable is h.table_f(Vector(y), Vector(x)) for a function of one
// argument: y[i] at x[i], the x increasing.
func NewFuncTable(y, x []float64) (*FuncTable, error) {
	switch {
	case len(y) == 0:
		return nil, fmt.Errorf("no values")
	case len(x) != len(y):
		return nil, fmt.Errorf("%d values at %d points: the vectors must be the same size", len(y), len(x))
	case !slices.IsSorted(x):
		return nil, fmt.Errorf("the points do not increase")
	}
	return &FuncTable{y: slices.Clone(y), x: slices.Clone(x), args: 1}, nil
}

// NewFuncTableRange is hoc's table_f(&y[0], n, xmin, xmax): y evenly
// spaced from xmin to xmax, for a function of one argument.
func NewFuncTableRange(y []float64, xmin, xmax float64) (*FuncTable, error) {
	switch {
	case len(y) == 0:
		return nil, fmt.Errorf("no values")
	case xmax < xmin:
		return nil, fmt.Errorf("min %g > max %g", xmin, xmax)
	}
	// (With one value NEURON divides by zero; index takes it as constant.)
	return &FuncTable{y: slices.Clone(y), min: xmin, max: xmax, args: 1}, nil
}

// NewFuncTableConst is h.table_f(value): the function is value everywhere.
func NewFuncTableConst(value float64) *FuncTable {
	return &FuncTable{y: []float64{value}, min: 1e20, max: 1e20}
}

// Args is the number of arguments the table is for; 0 for a constant,
// which serves a function of any number.
func (t *FuncTable) Args() int { return t.args }

// index is NEURON's arg_index: the point below x and the fraction of the
// way to the next, clamped at the ends.
func (t *FuncTable) index(x float64) (j int, frac float64) {
	n := len(t.y)
	if t.x != nil {
		t0, t1 := 0, n-1
		switch {
		case x <= t.x[t0]:
			return 0, 0
		case x >= t.x[t1]:
			return t1, 0
		}
		for t0 < t1-1 {
			if j := (t0 + t1) / 2; t.x[j] <= x {
				t0 = j
			} else {
				t1 = j
			}
		}
		return t0, (x - t.x[t0]) / (t.x[t0+1] - t.x[t0])
	}
	switch {
	case x <= t.min || n == 1:
		return 0, 0
	case x >= t.max:
		return n - 1, 0
	}
	d := (t.max - t.min) / float64(n-1)
	x1 := (x - t.min) / d
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
	if t.args == 0 {
		return t.y[0]
	}
	j, frac := t.index(args[0])
	if frac > 0 {
		return (1-frac)*t.y[j] + frac*t.y[j+1]
	}
	return t.y[j]
}
