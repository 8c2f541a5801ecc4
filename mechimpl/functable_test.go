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

// TestFuncTableAxes: tables of two and three arguments, looked up as
// NEURON's hoc_func_table does (bilinear in two, none in three); the
// values are NEURON 8.2.2's for the same tables and arguments (hoc's
// table_tau2_ft2(&y[0], 2, 0, 1, 3, 0, 2), with points, and of three).
func TestFuncTableAxes(t *testing.T) {
	y := []float64{1, 2, 4, 8, 16, 32}
	even, err := NewFuncTableAxes(y, []TableAxis{{N: 2, Min: 0, Max: 1}, {N: 3, Min: 0, Max: 2}})
	if err != nil {
		t.Fatal(err)
	}
	points, err := NewFuncTableAxes(y, []TableAxis{{N: 2, X: []float64{0, 10}}, {N: 3, X: []float64{-1, 0, 5}}})
	if err != nil {
		t.Fatal(err)
	}
	cube, err := NewFuncTableAxes([]float64{0, 1, 2, 3, 4, 5, 6, 7}, []TableAxis{{N: 2, Max: 1}, {N: 2, Max: 1}, {N: 2, Max: 1}})
	if err != nil {
		t.Fatal(err)
	}
	ctx := &Context{}
	for _, tt := range []struct {
		t    *FuncTable
		args []float64
		want float64
	}{
		{even, []float64{0, 0}, 1}, {even, []float64{0.5, 0}, 4.5}, {even, []float64{0, 0.5}, 1.5},
		{even, []float64{0.25, 1.5}, 8.25}, {even, []float64{1, 2}, 32}, {even, []float64{-1, 3}, 4},
		{even, []float64{0.7, 1.0}, 11.799999999999999}, {even, []float64{0.3, 0.2}, 3.7200000000000006},
		{points, []float64{5, -0.5}, 6.75}, {points, []float64{2, 3}, 7.6800000000000015},
		{points, []float64{10, 5}, 32}, {points, []float64{0, -2}, 1}, {points, []float64{7.5, 4.9}, 24.749999999999996},
		{cube, []float64{0.5, 0.5, 0.5}, 0}, {cube, []float64{1, 0, 1}, 5}, {cube, []float64{0.9, 0.9, 0.1}, 0},
	} {
		if got := CallFuncTable(ctx, tt.t, "tau", tt.args...); got != tt.want {
			t.Errorf("table at %v = %.17g, NEURON %.17g", tt.args, got, tt.want)
		}
	}
	for _, bad := range []struct {
		y    []float64
		axes []TableAxis
		want string
	}{
		{y, []TableAxis{{N: 2, Max: 1}, {N: 2, Max: 1}}, "6 values for a grid of 4"},
		{y, []TableAxis{{N: 0}, {N: 3}}, "argument 1: 0 points"},
		{y, []TableAxis{{N: 2, X: []float64{1, 0}}, {N: 3, Max: 1}}, "argument 1: the points do not increase"},
		{y, []TableAxis{{N: 2, Max: 1}, {N: 3, Min: 2, Max: 1}}, "argument 2: min 2 > max 1"},
	} {
		if _, err := NewFuncTableAxes(bad.y, bad.axes); err == nil || !strings.Contains(err.Error(), bad.want) {
			t.Errorf("%v: %v, want %q", bad.axes, err, bad.want)
		}
	}
}
