package sim

import (
	"fmt"
	"strings"

	"github.com/nmodlgo/nmodlgo/mechimpl"
)

// SetFunctionTable gives FUNCTION_TABLE name of mechanism mech its table:
// the values y at the increasing points x, as NEURON's
// table_<name>_<mech>(Vector(y), Vector(x)). A call of the function
// interpolates linearly between points and takes the end value beyond
// them. Until it has a table, a call of the function stops the run.
func (m *Model) SetFunctionTable(mech, name string, y, x []float64) (err error) {
	defer m.note(&err)
	return m.setFuncTable(mech, name, 1, y, x, func() (*mechimpl.FuncTable, error) { return mechimpl.NewFuncTable(y, x) })
}

// SetFunctionTableRange is SetFunctionTable with the points evenly spaced
// from xmin to xmax, as hoc's table_<name>_<mech>(&y[0], n, xmin, xmax).
func (m *Model) SetFunctionTableRange(mech, name string, y []float64, xmin, xmax float64) (err error) {
	defer m.note(&err)
	return m.setFuncTable(mech, name, 1, y, []float64{xmin, xmax}, func() (*mechimpl.FuncTable, error) { return mechimpl.NewFuncTableRange(y, xmin, xmax) })
}

// TableAxis is one argument's points for SetFunctionTableAxes: N evenly
// spaced from Min to Max, or the points X (increasing).
type TableAxis = mechimpl.TableAxis

// SetFunctionTableAxes fills FUNCTION_TABLE name of mechanism mech, a
// function of as many arguments as axes, as hoc's
// table_<name>_<mech>(&y[0], n1, min1, max1, n2, …) (or with &x[0] in
// place of a min and max): y holds the values on the grid, the last
// argument's index varying fastest. A call interpolates as NEURON's:
// linearly in one argument, bilinearly in two, not at all in more.
func (m *Model) SetFunctionTableAxes(mech, name string, y []float64, axes ...TableAxis) (err error) {
	defer m.note(&err)
	var nums []float64
	for _, a := range axes {
		nums = append(append(nums, a.X...), a.Min, a.Max)
	}
	return m.setFuncTable(mech, name, len(axes), y, nums, func() (*mechimpl.FuncTable, error) { return mechimpl.NewFuncTableAxes(y, axes) })
}

// SetFunctionTableConst makes FUNCTION_TABLE name of mechanism mech the
// constant value, as table_<name>_<mech>(value).
func (m *Model) SetFunctionTableConst(mech, name string, value float64) (err error) {
	defer m.note(&err)
	return m.setFuncTable(mech, name, 0, []float64{value}, nil, func() (*mechimpl.FuncTable, error) { return mechimpl.NewFuncTableConst(value), nil })
}

// setFuncTable checks the names, the argument count (args 0 fits any) and
// the numbers, and sets the table for every kernel of the type.
func (m *Model) setFuncTable(mech, name string, args int, y, x []float64, build func() (*mechimpl.FuncTable, error)) error {
	what := fmt.Sprintf("FUNCTION_TABLE %s of %s", name, mech)
	mt, err := m.mechType(mech)
	if err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	i := -1
	var known []string
	for j, ft := range mt.info.FuncTables {
		known = append(known, ft.Name)
		if ft.Name == name {
			i = j
		}
	}
	switch {
	case i < 0 && len(known) == 0:
		return fmt.Errorf("%s: %s has no FUNCTION_TABLE", what, mech)
	case i < 0:
		return fmt.Errorf("%s: no such table (%s has %s)", what, mech, strings.Join(known, ", "))
	case args != 0 && mt.info.FuncTables[i].Args != args:
		return fmt.Errorf("%s: it takes %d arguments, the table given has %d (SetFunctionTableAxes fills a table of several)", what, mt.info.FuncTables[i].Args, args)
	}
	for _, list := range [][]float64{y, x} {
		for _, v := range list {
			if !finite(v) {
				return fmt.Errorf("%s: %g is not a finite number", what, v)
			}
		}
	}
	t, err := build()
	if err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	mt.data.FuncTables[i] = t
	return nil
}
