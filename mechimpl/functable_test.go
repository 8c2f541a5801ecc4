package mechimpl

import (
	"math"
	"strings"
	"testing"
)

// TestFuncTable: NEURON's hoc_func_table on tables of values at points,
// evenly spaced values, and constants (cases worked from functabl.cpp).
func TestFuncTable(t *testing.T) {
	at, _ := NewFuncTable([]float64{1, 3, 2, 2}, []float64{-10, 0, 10, 10})
	rng, _ := NewFuncTableRange([]float64{0, 10, 20}, -1, 1)
	for _, c := range []struct {
		name string
		t    *FuncTable
		x    float64
		want float64
	}{
		{"below the first point", at, -50, 1},
		{"at the first point", at, -10, 1},
		{"between", at, -5, 2},
		{"at an inner point", at, 0, 3},
		{"between, falling", at, 2.5, 2.75},
		{"at a repeated last point", at, 10, 2},
		{"beyond", at, 1e9, 2},
		{"NaN takes the first", at, math.NaN(), 1},
		{"range below", rng, -2, 0},
		{"range between", rng, -0.5, 5},
		{"range at a point", rng, 0, 10},
		{"range above", rng, 1, 20},
		{"constant", NewFuncTableConst(7), -3, 7},
	} {
		var c0 Context
		if got := CallFuncTable(&c0, c.t, "f", c.x); got != c.want || c0.Err() != nil {
			t.Errorf("%s: f(%g) = %g (%v), want %g", c.name, c.x, got, c0.Err(), c.want)
		}
	}
	var c0 Context
	if got := CallFuncTable(&c0, nil, "tau of k3st", 1); got != 0 || c0.Err() == nil || !strings.Contains(c0.Err().Error(), "FUNCTION_TABLE tau of k3st: no table was given") {
		t.Errorf("a table never given: %g, %v", got, c0.Err())
	}
	for _, c := range []struct {
		y, x []float64
		want string
	}{
		{nil, nil, "no values"},
		{[]float64{1, 2}, []float64{1}, "2 values at 1 points"},
		{[]float64{1, 2}, []float64{2, 1}, "the points do not increase"},
	} {
		if _, err := NewFuncTable(c.y, c.x); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("NewFuncTable(%v, %v): %v, want %q", c.y, c.x, err, c.want)
		}
	}
	if _, err := NewFuncTableRange([]float64{1, 2}, 1, 0); err == nil {
		t.Errorf("min > max accepted")
	}
}
