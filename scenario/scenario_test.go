package scenario

import (
	"encoding/json"
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/nmodlgo/nmodlgo/generated/builtin"
)

// TestPyRepr: numbers are written as Python's repr writes them, so that our
// trace.csv reads like NEURON's.
func TestPyRepr(t *testing.T) {
	for _, c := range []struct {
		x    float64
		want string
	}{
		{0, "0.0"}, {math.Copysign(0, -1), "-0.0"}, {-65, "-65.0"}, {0.025, "0.025"},
		{40.00000000000053, "40.00000000000053"}, {-64.99925452909274, "-64.99925452909274"},
		{1e-05, "1e-05"}, {0.0001, "0.0001"}, {1e16, "1e+16"}, {1234567890123456.0, "1234567890123456.0"},
		{1.5e300, "1.5e+300"}, {5e-324, "5e-324"}, {math.NaN(), "nan"}, {math.Inf(-1), "-inf"},
		{1.0000000000000002, "1.0000000000000002"}, {123456.789, "123456.789"},
	} {
		if got := PyRepr(c.x); got != c.want {
			t.Errorf("PyRepr(%v) = %s, want %s", c.x, got, c.want)
		}
	}
}

const tutorial = `{"name": "t", "description": "", "mod_files": [], "globals": {},
 "sections": [{"name": "soma", "L": 20, "diam": 20, "nseg": 1, "Ra": 35.4, "cm": 1,
   "parent": null, "parent_x": null, "child_end": null}],
 "mechanisms": [{"section": "soma", "name": "hh", "params": {}}],
 "point_processes": [{"id": "stim", "name": "IClamp", "section": "soma", "x": 0.5,
   "params": {"del": 2, "dur": 0.1, "amp": 0.9}}],
 "netstims": [], "netcons": [],
 "run": {"v_init": -65, "tstop": 5, "dt": 0.025, "celsius": 6.3, "secondorder": 0},
 "record": [{"name": "v", "what": "v", "section": "soma", "x": 0.5},
   {"name": "i", "what": "i", "point_process": "stim"}],
 "tolerance": 1e-6}`

// TestBuildErrors: a scenario that asks for something impossible or
// unsupported gets an error naming it, never a panic.
func TestBuildErrors(t *testing.T) {
	tests := []struct {
		name, from, to, want string
		notSupported         bool
	}{
		{"unknown mechanism", `"name": "hh"`, `"name": "kdr"`, `not supported yet: mechanism "kdr"`, true},
		{"unknown point process", `"name": "IClamp"`, `"name": "AlphaSynapse"`, `not supported yet: point process "AlphaSynapse"`, true},
		{"netcon target without NET_RECEIVE", `"netcons": []`, `"netcons": [{"id": "nc", "source": {"section": "soma", "x": 0.5}, "target": "stim", "weight": 1, "delay": 1}]`, "netcon nc: new netcon: IClamp[0] has no NET_RECEIVE block", false},
		{"netcon unknown target", `"netcons": []`, `"netcons": [{"id": "nc", "source": "ns", "target": "syn", "weight": 1, "delay": 1}]`, `netcon nc: unknown target point process "syn"`, false},
		{"netcon unknown netstim", `"netcons": []`, `"netcons": [{"id": "nc", "source": "ns", "target": "stim", "weight": 1, "delay": 1}]`, `netcon nc: unknown source netstim "ns"`, false},
		{"netcon unknown section", `"netcons": []`, `"netcons": [{"id": "nc", "source": {"section": "axon", "x": 0}, "target": "stim", "weight": 1, "delay": 1}]`, `netcon nc: unknown source section "axon"`, false},
		{"netstim id taken", `"netstims": []`, `"netstims": [{"id": "stim", "interval": 1, "number": 1, "start": 0, "noise": 0}]`, "netstim stim: id already used", false},
		{"negative diam", `"diam": 20`, `"diam": -20`, "section soma: diam must be a positive number, got -20", false},
		{"zero nseg", `"nseg": 1`, `"nseg": 0`, "section soma: nseg must be at least 1, got 0", false},
		{"x outside", `"x": 0.5,`, `"x": 1.5,`, "section soma: x must be in [0, 1], got 1.5", false},
		{"unknown section", `"section": "soma", "name": "hh"`, `"section": "dend", "name": "hh"`, `unknown section "dend"`, false},
		{"unknown parameter", `"del": 2`, `"delay": 2`, `no variable "delay"`, false},
		{"unknown record", `"what": "i",`, `"what": "g",`, `no variable "g"`, false},
		{"unknown global", `"globals": {}`, `"globals": {"usetable_kdr": 0}`, `unknown global variable "usetable_kdr"`, false},
		{"bad dt", `"dt": 0.025`, `"dt": 0`, "dt must be a positive number of ms, got 0", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := strings.Replace(tutorial, tt.from, tt.to, 1)
			if src == tutorial {
				t.Fatalf("%q is not in the scenario", tt.from)
			}
			s, err := Parse([]byte(src))
			if err != nil {
				t.Fatal(err)
			}
			_, err = s.Simulate(builtin.Mechanisms())
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error %v, want one containing %q", err, tt.want)
			}
			var ns *NotSupportedError
			if errors.As(err, &ns) != tt.notSupported {
				t.Errorf("NotSupportedError: %v, want %v", errors.As(err, &ns), tt.notSupported)
			}
		})
	}
	s, err := Parse([]byte(tutorial))
	if err != nil {
		t.Fatal(err)
	}
	s.ModFiles, s.Mechanisms[0].Name = []string{"kdr.mod"}, "kdr"
	want := `not supported yet: scenario t compiles its own mod files (kdr.mod), and mechanism "kdr" is not among the mechanisms given`
	if _, err := s.Simulate(builtin.Mechanisms()); err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("mod files not compiled: %v", err)
	}
	badSource := strings.Replace(tutorial, `"netcons": []`, `"netcons": [{"id": "nc", "source": {"sec": "soma"}, "target": "stim", "weight": 1, "delay": 1}]`, 1)
	if _, err := Parse([]byte(badSource)); err == nil || !strings.Contains(err.Error(), "netcon source must be a NetStim id or") {
		t.Errorf("a malformed netcon source: %v", err)
	}
	if _, err := Parse([]byte(strings.Replace(tutorial, `"tolerance"`, `"tolerence"`, 1))); err == nil {
		t.Errorf("a misspelt key was accepted")
	}
}

// TestRunAndCSV runs a small scenario and reads its CSV back exactly.
func TestRunAndCSV(t *testing.T) {
	s, err := Parse([]byte(tutorial))
	if err != nil {
		t.Fatal(err)
	}
	tr, err := s.Simulate(builtin.Mechanisms())
	if err != nil {
		t.Fatal(err)
	}
	if tr.Rows() != 201 || strings.Join(tr.Columns, ",") != "t,v,i" {
		t.Fatalf("%d rows of %v", tr.Rows(), tr.Columns)
	}
	if i := tr.Column("i"); i[80] != 0 || i[81] != 0.9 || i[84] != 0.9 || i[85] != 0 {
		t.Errorf("IClamp i around the pulse: %v (on for the 4 steps whose midpoints are in [2, 2.1))", i[79:87])
	}
	var b strings.Builder
	if err := tr.WriteCSV(&b); err != nil {
		t.Fatal(err)
	}
	back, err := ReadCSV(strings.NewReader(b.String()))
	if err != nil {
		t.Fatal(err)
	}
	d, err := MaxDiff(back, tr)
	if err != nil || d["v"].Max != 0 || d["i"].Max != 0 {
		t.Errorf("CSV round trip: %v %v", d, err)
	}
}

// FuzzScenario: no scenario text makes the reader or the builder panic;
// small ones that build also run.
func FuzzScenario(f *testing.F) {
	f.Add([]byte(tutorial))
	f.Add([]byte(strings.Replace(tutorial, `"parent": null, "parent_x": null`, `"parent": "soma", "parent_x": 2`, 1)))
	f.Add([]byte(strings.Replace(strings.Replace(tutorial, `"netstims": []`, `"netstims": [{"id": "ns", "interval": 1, "number": 3, "start": 0.5, "noise": 0}]`, 1),
		`"point_processes": [`, `"point_processes": [{"id": "syn", "name": "ExpSyn", "section": "soma", "x": 0.5, "params": {}}, `, 1)))
	f.Add([]byte(strings.Replace(tutorial, `"netcons": []`, `"netcons": [{"id": "nc", "source": {"section": "soma", "x": 1}, "target": "stim", "weight": 1, "delay": 1}]`, 1)))
	f.Add([]byte(`{"sections": [{"name": "a", "nseg": 3, "L": 1, "diam": 1, "Ra": 1, "cm": 1}], "run": {"dt": 1, "tstop": 2}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := Parse(data)
		if err != nil {
			return
		}
		nseg := 0
		for _, sec := range s.Sections {
			nseg += max(sec.Nseg, 0)
		}
		m, err := s.Build(builtin.Mechanisms())
		if err != nil || nseg > 2000 || s.Run.Dt <= 0 || s.Run.Tstop/s.Run.Dt > 2000 {
			return
		}
		_, _ = m.Run()
	})
}

// FuzzReadCSV: no text makes the trace reader panic, and what it reads it
// writes back readably.
func FuzzReadCSV(f *testing.F) {
	f.Add([]byte("t,v\n0.0,-65.0\n0.025,-64.9\n"))
	f.Add([]byte("t,v\n0.0\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		tr, err := ReadCSV(strings.NewReader(string(data)))
		if err != nil {
			return
		}
		var b strings.Builder
		if err := tr.WriteCSV(&b); err != nil {
			t.Fatal(err)
		}
		if _, err := ReadCSV(strings.NewReader(b.String())); err != nil {
			t.Fatalf("written trace does not read back: %v\n%s", err, b.String())
		}
	})
}

// TestNetConSourceRoundTrip: both forms of a NetCon source write back as
// they were read.
func TestNetConSourceRoundTrip(t *testing.T) {
	for _, src := range []string{`"ns"`, `{"section":"soma","x":0.5}`} {
		var s NetConSource
		if err := json.Unmarshal([]byte(src), &s); err != nil {
			t.Fatal(err)
		}
		out, err := json.Marshal(s)
		if err != nil || string(out) != src {
			t.Errorf("%s came back as %s (%v)", src, out, err)
		}
	}
}
