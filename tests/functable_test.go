package tests

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/nmodlgo/nmodlgo/generated/builtin"
	"github.com/nmodlgo/nmodlgo/generated/hh"
	"github.com/nmodlgo/nmodlgo/scenario"
	"github.com/nmodlgo/nmodlgo/sim"
	"github.com/nmodlgo/nmodlgo/tests/internal/ftk"
	"github.com/nmodlgo/nmodlgo/tests/internal/testmechs"
)

// TestFunctionTableAPI: FUNCTION_TABLEs are filled by name through the
// model, what is wrong with a table is said, and a run that calls a table
// never given stops with the table's name.
func TestFunctionTableAPI(t *testing.T) {
	m := sim.NewModel()
	soma, _ := m.NewSection("soma")
	soma.Insert(hh.Mechanism())
	soma.Insert(ftk.Mechanism())
	for _, c := range []struct {
		err  error
		want string
	}{
		{m.SetFunctionTable("ftk", "ninff", []float64{1}, []float64{0}), "FUNCTION_TABLE ninff of ftk: no such table (ftk has ninf, ntau, scale)"},
		{m.SetFunctionTable("hh", "ninf", []float64{1}, []float64{0}), "FUNCTION_TABLE ninf of hh: hh has no FUNCTION_TABLE"},
		{m.SetFunctionTable("nope", "ninf", []float64{1}, []float64{0}), `FUNCTION_TABLE ninf of nope: unknown mechanism "nope"`},
		{m.SetFunctionTable("ftk", "ninf", []float64{1, 2}, []float64{0}), "2 values at 1 points"},
		{m.SetFunctionTable("ftk", "ninf", []float64{1, 2}, []float64{1, 0}), "the points do not increase"},
		{m.SetFunctionTableRange("ftk", "ntau", []float64{1, 2}, 5, -5), "min 5 > max -5"},
		{m.SetFunctionTableConst("ftk", "scale", 1/zero()), "+Inf is not a finite number"},
	} {
		if c.err == nil || !strings.Contains(c.err.Error(), c.want) {
			t.Errorf("error %v, want %q", c.err, c.want)
		}
	}
	m.ClearErr()
	if err := m.SetFunctionTable("ftk", "ninf", []float64{0, 1}, []float64{-100, 50}); err != nil {
		t.Fatal(err)
	}
	if err := m.SetFunctionTableConst("ftk", "scale", 1); err != nil {
		t.Fatal(err)
	}
	// ntau is never given
	err := m.Run(-65, 1)
	if err == nil || !strings.Contains(err.Error(), "FUNCTION_TABLE ntau of ftk: no table was given") {
		t.Errorf("a run with a table never given: %v", err)
	}
}

func zero() float64 { return 0 }

// TestFunctionTableScenario: a scenario's function_tables name tables by
// their hoc names, and say where the values are.
func TestFunctionTableScenario(t *testing.T) {
	for _, c := range []struct {
		ft   scenario.FunctionTable
		want string
	}{
		{scenario.FunctionTable{Call: "table_ninf_ftkk", Y: []float64{1}}, "function_tables[3].call: table_ninf_ftkk names no FUNCTION_TABLE of the model's mechanisms"},
		{scenario.FunctionTable{Call: "table_ninf_ftk", Y: []float64{1, 2}}, "function_tables[3]: 2 values and no x, xmin or xmax"},
		{scenario.FunctionTable{Call: "table_ninf_ftk", Y: []float64{1, 2}, X: []float64{0, 1}, Xmin: ptr(0.0)}, "give x, or xmin and xmax, not both"},
		{scenario.FunctionTable{Call: "table_ninf_ftk", Y: []float64{1, 2}, Xmin: ptr(0.0)}, "give both xmin and xmax"},
		{scenario.FunctionTable{Call: "table_ninf_ftk", PointProcess: "nope", Y: []float64{1}}, `function_tables[3].point_process: no point process "nope"`},
	} {
		s, err := scenario.Load(filepath.Join("testdata", "golden", "function_table"))
		if err != nil {
			t.Fatal(err)
		}
		s.FunctionTables = append(s.FunctionTables, c.ft)
		_, err = s.Build(append(builtin.Mechanisms(), testmechs.Mechanisms()...))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%+v: %v, want %q", c.ft, err, c.want)
		}
	}
}

func ptr[T any](v T) *T { return &v }
