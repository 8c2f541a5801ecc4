package sim_test

import (
	"encoding/json"
	"math"
	"os"
	"strings"
	"testing"

	"github.com/nmodlgo/nmodlgo/generated/hh"
	"github.com/nmodlgo/nmodlgo/generated/iclamp"
	"github.com/nmodlgo/nmodlgo/generated/pas"
	"github.com/nmodlgo/nmodlgo/sim"
)

// TestBadInput: every mistake a user can make with the model's API gets an
// error that names the problem, never a panic.
func TestBadInput(t *testing.T) {
	m := sim.NewModel()
	soma, err := m.NewSection("soma")
	if err != nil {
		t.Fatal(err)
	}
	if err := soma.Insert(hh.Mechanism()); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		err  error
		want string
	}{
		{"diam 0", soma.SetDiam(0), "section soma: diam must be a positive number, got 0"},
		{"diam < 0", soma.SetDiam(-3), "section soma: diam must be a positive number, got -3"},
		{"diam NaN", soma.SetDiam(math.NaN()), "section soma: diam must be a positive number, got NaN"},
		{"L < 0", soma.SetL(-1), "section soma: L must be a positive number, got -1"},
		{"Ra 0", soma.SetRa(0), "section soma: Ra must be a positive number, got 0"},
		{"cm < 0", soma.SetCm(-1), "section soma: cm must be a non-negative number, got -1"},
		{"NaN parameter", soma.Set(hh.Gnabar, math.NaN()), "soma(0.5): gnabar_hh must be a finite number, got NaN"},
		{"Inf at a segment", soma.At(0.5).Set("el_hh", math.Inf(1)), "soma(0.5): el_hh must be a finite number, got +Inf"},
		{"NaN global", m.SetGlobal("celsius", math.NaN()), "celsius must be a finite number, got NaN"},
		{"nseg 0", soma.SetNseg(0), "section soma: nseg must be at least 1, got 0"},
		{"x > 1", first(m.NewPointProcess(iclamp.Mechanism(), soma.At(1.5))), "new point process IClamp: section soma: x must be in [0, 1], got 1.5"},
		{"x < 0", first(m.Record(soma.At(-0.1).Ref("v"))), "record soma(-0.1).v: section soma: x must be in [0, 1], got -0.1"},
		{"x NaN", soma.At(math.NaN()).Set("gnabar_hh", 1), "section soma: x must be in [0, 1], got NaN"},
		{"unknown mechanism", soma.InsertByName("kdr"), `section soma: insert: unknown mechanism "kdr" (registered: "IClamp", "hh")`},
		{"unknown point process", first(m.NewPointProcessByName("ExpSyn", soma.At(0.5))), `new point process: unknown mechanism "ExpSyn" (registered: "IClamp", "hh")`},
		{"unknown variable", soma.At(0.5).Set("gnabar", 1), `soma(0.5): no variable "gnabar" (known:`},
		{"variable of a mechanism not inserted", soma.At(0.5).Set("g_pas", 1), `soma(0.5): no variable "g_pas"`},
		{"unknown record", first(m.Record(soma.At(0.5).Ref("m_kdr"))), `record soma(0.5).m_kdr: soma(0.5): no variable "m_kdr"`},
		{"unknown global", m.SetGlobal("usetable_kdr", 0), `unknown global variable "usetable_kdr"`},
		{"duplicate section", first(m.NewSection("soma")), `new section: a section named "soma" already exists`},
		{"bad section name", first(m.NewSection("a b")), `new section: invalid name "a b"`},
		{"insert a point process", soma.Insert(iclamp.Mechanism()), "section soma: cannot insert IClamp: it is a point process; place it with NewPointProcess"},
		{"connect to itself", soma.Connect(soma, 1), "section soma: connect to soma would make a loop"},
		{"run before finitialize", sim.NewModel().ContinueRun(10), "continuerun: the model is not initialized"},
		{"fadvance before finitialize", sim.NewModel().Fadvance(), "fadvance: the model is not initialized"},
		{"run after a failed call", m.Finitialize(-65), "finitialize: not run: an earlier call failed to build the model, and its error was not cleared (Model.ClearErr): section soma: diam must be a positive number, got 0"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.err == nil {
				t.Fatalf("no error; want %q", tt.want)
			}
			if !strings.HasPrefix(tt.err.Error(), tt.want) {
				t.Errorf("error %q\nwant     %q", tt.err, tt.want)
			}
		})
	}
	stim, err := m.NewPointProcess(iclamp.Mechanism(), soma.At(0.5))
	if err != nil {
		t.Fatal(err)
	}
	if err := stim.Set("delay", 1); err == nil || !strings.Contains(err.Error(), `IClamp[0]: no variable "delay" (known: "amp", "del", "dur", "i")`) {
		t.Errorf("stim.Set(delay): %v", err)
	}
	if err := stim.Set(iclamp.Amp, math.NaN()); err == nil || err.Error() != "IClamp[0]: amp must be a finite number, got NaN" {
		t.Errorf("stim.Set(amp, NaN): %v", err)
	}
	if err := m.Err(); err == nil || err.Error() != "section soma: diam must be a positive number, got 0" {
		t.Errorf("Err() = %v, want the first error", err)
	}
	m.ClearErr()
	m.Dt = 0
	if err := m.Finitialize(-65); err == nil || !strings.Contains(err.Error(), "dt must be a positive number") {
		t.Errorf("Finitialize with dt 0: %v", err)
	}
	m.Dt, m.SecondOrder = 0.025, 3
	if err := m.Finitialize(-65); err == nil || !strings.Contains(err.Error(), "secondorder must be 0, 1 or 2") {
		t.Errorf("Finitialize with secondorder 3: %v", err)
	}
}

func first[T any](_ T, err error) error { return err }

// TestPSectionMatchesNEURON compares psection() of the tutorial's soma with
// NEURON's (tests/testdata/neuron_psection.json), key for key.
func TestPSectionMatchesNEURON(t *testing.T) {
	m := sim.NewModel()
	soma, _ := m.NewSection("soma")
	must(t, soma.SetL(20))
	must(t, soma.SetDiam(20))
	must(t, soma.Insert(hh.Mechanism()))
	if _, err := m.NewPointProcess(iclamp.Mechanism(), soma.At(0.5)); err != nil {
		t.Fatal(err)
	}
	got := jsonValue(t, []byte(soma.PSection().JSON()))
	data, err := os.ReadFile("../tests/testdata/neuron_psection.json")
	if err != nil {
		t.Fatal(err)
	}
	want := jsonValue(t, data)
	// An address in NEURON, a name here.
	delete(got.(map[string]any), "hoc_internal_name")
	delete(want.(map[string]any), "hoc_internal_name")
	gb, _ := json.Marshal(got)
	wb, _ := json.Marshal(want)
	if string(gb) != string(wb) {
		t.Errorf("psection:\n%s\nNEURON:\n%s", gb, wb)
	}
	// And the key order, which Go maps would lose.
	keys := []string{"point_processes", "density_mechs", "ions", "morphology", "nseg", "Ra", "cm"}
	s, prev := soma.PSection().JSON(), -1
	for _, k := range keys {
		i := strings.Index(s, `"`+k+`"`)
		if i < prev {
			t.Errorf("key %s out of NEURON's order", k)
		}
		prev = i
	}
	if !strings.Contains(s, `"gnabar": [`) || strings.Index(s, `"gnabar"`) > strings.Index(s, `"el"`) {
		t.Errorf("hh variables out of NEURON's order:\n%s", s)
	}
}

// TestPSectionPrintsAsHoc: a section prints as hoc's psection() prints
// it (tests/testdata/neuron_psection_hoc.txt, NEURON 8.2.2's text for the
// tutorial's soma), a few lines whatever nseg is.
func TestPSectionPrintsAsHoc(t *testing.T) {
	m := sim.NewModel()
	soma, _ := m.NewSection("soma")
	must(t, soma.SetL(20))
	must(t, soma.SetDiam(20))
	must(t, soma.Insert(hh.Mechanism()))
	stim, err := iclamp.New(m, soma.At(0.5))
	must(t, err)
	must(t, stim.Set(iclamp.Del, 2))
	must(t, stim.Set(iclamp.Dur, 0.1))
	must(t, stim.Set(iclamp.Amp, 0.9))
	want, err := os.ReadFile("../tests/testdata/neuron_psection_hoc.txt")
	must(t, err)
	if got := soma.PSection().String() + "\n"; got != string(want) {
		t.Errorf("psection:\n%s\nNEURON:\n%s", got, want)
	}
	dend, _ := m.NewSection("dend")
	must(t, dend.Connect(soma, 1))
	must(t, dend.SetNseg(11))
	must(t, dend.Insert(pas.Mechanism()))
	if got, want := dend.PSection().String(), "dend { nseg=11  L=100  Ra=35.4\n\tsoma connect dend (0), 1\n\t/* First segment only */\n\tinsert morphology { diam=500}\n\tinsert capacitance { cm=1}\n\tinsert pas { g_pas=0.001 e_pas=-70}\n}"; got != want {
		t.Errorf("dend:\n%s\nwant\n%s", got, want)
	}
}

func jsonValue(t *testing.T, data []byte) any {
	t.Helper()
	var v any
	if err := json.Unmarshal(data, &v); err != nil {
		t.Fatal(err)
	}
	return v
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// TestNsegKeepsValues: changing nseg keeps mechanism values, each new
// segment taking those of the old segment that held its centre.
func TestNsegKeepsValues(t *testing.T) {
	m := sim.NewModel()
	dend, _ := m.NewSection("dend")
	must(t, dend.Insert(pas.Mechanism()))
	must(t, dend.SetNseg(2))
	must(t, dend.At(0.25).Set("g_pas", 1))
	must(t, dend.At(0.75).Set("g_pas", 2))
	must(t, dend.SetNseg(4))
	want := []float64{1, 1, 2, 2}
	for i, seg := range dend.Segments() {
		g, err := seg.Get("g_pas")
		must(t, err)
		if g != want[i] {
			t.Errorf("%s: g_pas = %g, want %g", seg, g, want[i])
		}
	}
	must(t, m.Finitialize(-65))
	must(t, m.ContinueRun(1))
	if got, _ := dend.At(0.5).Get("v"); math.IsNaN(got) {
		t.Errorf("v is NaN after a run")
	}
}

// TestModelsAreIndependent runs two models at once in two goroutines, one
// with hh's tables on and one with them off; each must give what it gives
// alone.
func TestModelsAreIndependent(t *testing.T) {
	run := func(usetable float64) []float64 {
		m := sim.NewModel()
		soma, _ := m.NewSection("soma")
		must(t, soma.SetL(20))
		must(t, soma.SetDiam(20))
		must(t, soma.Insert(hh.Mechanism()))
		must(t, m.SetGlobal("usetable_hh", usetable))
		stim, err := m.NewPointProcess(iclamp.Mechanism(), soma.At(0.5))
		must(t, err)
		must(t, stim.Set("del", 2))
		must(t, stim.Set("dur", 0.1))
		must(t, stim.Set("amp", 0.9))
		v, err := m.Record(soma.At(0.5).Ref("v"))
		must(t, err)
		must(t, m.Finitialize(-65))
		must(t, m.ContinueRun(40))
		return v.Values()
	}
	alone := [2][]float64{run(1), run(0)}
	var both [2][]float64
	done := make(chan bool)
	for i := range both {
		go func() { both[i] = run(float64(1 - i)); done <- true }()
	}
	<-done
	<-done
	for i := range both {
		for j := range alone[i] {
			if both[i][j] != alone[i][j] {
				t.Fatalf("model %d differs at sample %d when run beside another", i, j)
			}
		}
	}
	if alone[0][210] == alone[1][210] {
		t.Errorf("usetable_hh made no difference: the two models share state")
	}
}

// TestRecordIonBeforeFirstRun records an ion's variables before the model
// has ever been laid out, as a script does right after inserting hh: the
// ion's storage does not exist yet, and the name must still be found.
func TestRecordIonBeforeFirstRun(t *testing.T) {
	m := sim.NewModel()
	soma, _ := m.NewSection("soma")
	must(t, soma.Insert(hh.Mechanism()))
	ena, err := m.Record(soma.At(0.5).Ref("ena"))
	must(t, err)
	ik, err := m.Record(soma.At(0.5).Ref("ik"))
	must(t, err)
	must(t, m.Finitialize(-65))
	must(t, m.ContinueRun(1))
	if got := ena.Values()[0]; got != 50 {
		t.Errorf("ena = %g, want hh's default 50", got)
	}
	if got := ik.Values()[len(ik.Values())-1]; got == 0 || math.IsNaN(got) {
		t.Errorf("ik = %g after 1 ms, want hh's potassium current", got)
	}
}

// TestCallFunction calls hh's FUNCTION and PROCEDURE as hoc does
// (setdata_hh(soma(0.5)); vtrap_hh(1, 2)), and the errors a caller can
// make.
func TestCallFunction(t *testing.T) {
	m := sim.NewModel()
	soma, _ := m.NewSection("soma")
	must(t, soma.Insert(hh.Mechanism()))
	seg := soma.At(0.5)
	got, err := seg.Call("hh", "vtrap", 1, 2)
	must(t, err)
	if want := 1 / (math.Exp(0.5) - 1); math.Abs(got-want) > 1e-15 {
		t.Errorf("vtrap(1, 2) = %.17g, want %.17g", got, want)
	}
	if got, err := seg.Call("hh", "rates", -65); err != nil || got != 1 {
		t.Errorf("rates(-65) = %g, %v; want 1 (a PROCEDURE), nil", got, err)
	}
	for _, tt := range []struct {
		mech, name string
		args       []float64
		want       string
	}{
		{"hh", "vtrp", []float64{1, 2}, "no FUNCTION or PROCEDURE of that name (it has: rates, vtrap)"},
		{"hh", "vtrap", []float64{1}, "1 arguments given, it takes 2 (x, y)"},
		{"hh", "vtrap", []float64{math.NaN(), 1}, "argument x is NaN"},
		{"pas", "rates", []float64{1}, "pas is not inserted in soma"},
	} {
		m.ClearErr()
		_, err := seg.Call(tt.mech, tt.name, tt.args...)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Call(%s, %s, %v): %v, want an error saying %q", tt.mech, tt.name, tt.args, err, tt.want)
		}
	}
}
