package scenario

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
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

const tutorial = `{
  "name": "t", "description": "", "mod_files": [], "globals": {},
  "sections": [
    {"name": "soma", "L": 20, "diam": 20, "nseg": 1, "Ra": 35.4, "cm": 1,
     "parent": null, "parent_x": null, "child_end": null}
  ],
  "mechanisms": [{"section": "soma", "name": "hh", "params": {}}],
  "point_processes": [
    {"id": "stim", "name": "IClamp", "section": "soma", "x": 0.5,
     "params": {"del": 2, "dur": 0.1, "amp": 0.9}}
  ],
  "netstims": [], "netcons": [],
  "run": {"v_init": -65, "tstop": 5, "dt": 0.025, "celsius": 6.3, "secondorder": 0},
  "record": [
    {"name": "v", "what": "v", "section": "soma", "x": 0.5},
    {"name": "i", "what": "i", "point_process": "stim"}
  ],
  "tolerance": 1e-6, "tolerance_note": ""
}`

// edit returns the tutorial with each from replaced by its to, failing the
// test if a from is not there.
func edit(t *testing.T, pairs ...string) string {
	t.Helper()
	src := tutorial
	for i := 0; i+1 < len(pairs); i += 2 {
		if !strings.Contains(src, pairs[i]) {
			t.Fatalf("%q is not in the scenario", pairs[i])
		}
		src = strings.Replace(src, pairs[i], pairs[i+1], 1)
	}
	return src
}

// TestParseErrors: a malformed scenario is refused with the key's path, at
// its line and column, and says what is wrong; nothing is zero-filled.
func TestParseErrors(t *testing.T) {
	tests := []struct {
		name  string
		edits []string // from, to, …
		want  string   // one of the errors, whole or its end
	}{
		{"missing cm", []string{`, "cm": 1,`, `,`}, `scenario.json:4:5: error: sections[0].cm: missing (required: specific membrane capacitance, in uF/cm2)`},
		{"null celsius", []string{`"celsius": 6.3`, `"celsius": null`}, `scenario.json:13:62: error: run.celsius: want a number (degC), got null`},
		{"no record", []string{`"record": [`, `"recorded": [`}, `scenario.json:1:1: error: record: missing (required: the trace's columns after t, in order: one row per step, t = 0 included)`},
		{"empty record", []string{`{"name": "v", "what": "v", "section": "soma", "x": 0.5},
    {"name": "i", "what": "i", "point_process": "stim"}`, ``}, `scenario.json:14:13: error: record: must have at least 1 element(s)`},
		{"no run", []string{`"run": {`, `"rn": {`}, `scenario.json:1:1: error: run: missing (required: how to run: h.finitialize(v_init), then h.continuerun(tstop) with a fixed step)`},
		{"string L", []string{`"L": 20`, `"L": "20"`}, `scenario.json:4:27: error: sections[0].L: want a number (um), got a string "20"`},
		{"fractional nseg", []string{`"nseg": 1`, `"nseg": 1.5`}, `sections[0].nseg: want an integer, got a number 1.5`},
		{"negative diam", []string{`"diam": 20`, `"diam": -20`}, `sections[0].diam: must be greater than 0 um, got -20`},
		{"x outside", []string{`"x": 0.5,
     "params"`, `"x": 1.5,
     "params"`}, `point_processes[0].x: must be at most 1, got 1.5`},
		{"secondorder 3", []string{`"secondorder": 0`, `"secondorder": 3`}, `run.secondorder: must be one of 0, 1, 2, got 3`},
		{"huge number", []string{`"tstop": 5`, `"tstop": 1e400`}, `run.tstop: 1e400 is out of the range of a float64`},
		{"misspelt key", []string{`"tolerance": 1e-6`, `"tolerence": 1e-6`}, `tolerence: unknown key (did you mean "tolerance"?)`},
		{"unknown key", []string{`"cm": 1,`, `"cm": 1, "colour": "red",`}, `sections[0].colour: unknown key (known: name, L, diam, nseg, Ra, cm, parent, parent_x, child_end)`},
		{"key twice", []string{`"dt": 0.025`, `"dt": 0.025, "dt": 0.01`}, `scenario.json:13:51: error: run.dt: given twice`},
		{"truncated", []string{`"tolerance": 1e-6, "tolerance_note": ""
}`, `"tolerance": 1e-6, "tol`}, `error: the file ends before the JSON value does (is it cut short?)`},
		{"NaN", []string{`"v_init": -65`, `"v_init": NaN`}, `scenario.json:13:21: error: run.v_init: NaN is not a JSON number; every number in a scenario must be finite`},
		{"not JSON", []string{`"L": 20,`, `"L": 20,,`}, `scenario.json:4:29: error: sections[0]: not JSON: invalid character ',' looking for beginning of object key string`},
		{"text after", []string{"\n}", "\n}}"}, `error: text after the end of the JSON value`},
		{"comma after", []string{"\n}", "\n},"}, `error: text after the end of the JSON value`},
		{"netcon source number", []string{`"netcons": []`, `"netcons": [{"id": "nc", "source": 3, "target": "stim", "weight": 1, "delay": 1}]`}, `netcons[0].source: want a netstim's or a point process's id or a spike detector on v at a location, got a number 3`},
		{"netcon source without x", []string{`"netcons": []`, `"netcons": [{"id": "nc", "source": {"section": "soma"}, "target": "stim", "weight": 1, "delay": 1}]`}, `netcons[0].source.x: missing (required: the location)`},
		{"record without x", []string{`"section": "soma", "x": 0.5}`, `"section": "soma"}`}, `record[0].x: missing (required: the location)`},
		{"param not a number", []string{`"amp": 0.9`, `"amp": "0.9"`}, `point_processes[0].params.amp: want a number, got a string "0.9"`},
		{"unknown section", []string{`{"section": "soma", "name": "hh"`, `{"section": "some", "name": "hh"`}, `mechanisms[0].section: no section "some" (did you mean "soma"?)`},
		{"unknown parent", []string{`"parent": null, "parent_x": null, "child_end": null`, `"parent": "axon", "parent_x": 1, "child_end": 0`}, `sections[0].parent: no section "axon"`},
		{"root with parent_x", []string{`"parent_x": null`, `"parent_x": 1`}, `sections[0].parent: null (a root section) but parent_x or child_end is not null`},
		{"section twice", []string{`"child_end": null}
  ]`, `"child_end": null},
    {"name": "soma", "L": 20, "diam": 20, "nseg": 1, "Ra": 35.4, "cm": 1, "parent": null, "parent_x": null, "child_end": null}
  ]`}, `sections[1].name: "soma" already names sections[0]`},
		{"column twice", []string{`{"name": "i", "what"`, `{"name": "v", "what"`}, `record[1].name: "v" already names record[0]`},
		{"column t", []string{`{"name": "i", "what"`, `{"name": "t", "what"`}, `record[1].name: t is the time column's name`},
		{"unknown point process", []string{`"point_process": "stim"`, `"point_process": "syn"`}, `record[1].point_process: no point process "syn"`},
		{"netcon unknown target", []string{`"netcons": []`, `"netcons": [{"id": "nc", "source": {"section": "soma", "x": 0.5}, "target": "syn", "weight": 1, "delay": 1}]`}, `netcons[0].target: no point process "syn"`},
		{"netcon unknown netstim", []string{`"netcons": []`, `"netcons": [{"id": "nc", "source": "ns", "target": "stim", "weight": 1, "delay": 1}]`}, `netcons[0].source: no netstim or point process "ns"`},
		{"netstim id taken", []string{`"netstims": []`, `"netstims": [{"id": "stim", "interval": 1, "number": 1, "start": 0, "noise": 0}]`}, `netstims[0].id: "stim" already names point_processes[0]`},
		{"spikes from nowhere", []string{`"tolerance_note": ""`, `"tolerance_note": "", "spikes": [{"name": "s", "source": "ns"}]`}, `spikes[0].source: no netstim or point process "ns"`},
		{"setup call with a string", []string{`"netcons": []`, `"netcons": [], "setup_calls": [{"call": "rates_hh", "args": ["x"], "setdata": {"mechanism": "hh", "section": "soma", "x": 0.5}}]`}, `setup_calls[0].args[0]: "x" is not a number, {"random": id} or {"vector": id}`},
		{"setup call with an unknown Random", []string{`"netcons": []`, `"netcons": [], "setup_calls": [{"call": "rates_hh", "args": [{"random": "r"}], "setdata": {"mechanism": "hh", "section": "soma", "x": 0.5}}]`}, `setup_calls[0].args[0]: no random "r"`},
		{"setup call with a Vector for a Random", []string{`"netcons": []`, `"netcons": [], "vectors": [{"id": "r", "values": [1]}], "setup_calls": [{"call": "rates_hh", "args": [{"random": "r"}], "setdata": {"mechanism": "hh", "section": "soma", "x": 0.5}}]`}, `setup_calls[0].args[0]: "r" is a vector, not a random`},
		{"random of an unknown generator", []string{`"netcons": []`, `"netcons": [], "randoms": [{"id": "r", "generator": ["Mersenne", [1]], "distribution": ["normal", [0, 1]]}]`}, `randoms[0].generator: Mersenne: nmodlgo's Random has ACG, MCellRan4, Random123`},
		{"binomial NEURON refuses", []string{`"netcons": []`, `"netcons": [], "randoms": [{"id": "r", "generator": ["ACG", []], "distribution": ["binomial", [3, 1.5]]}]`}, `randoms[0].distribution: binomial(3, 1.5): NEURON wants n ≥ 0 and p in [0, 1]`},
		{"ACG of a size NEURON refuses", []string{`"netcons": []`, `"netcons": [], "randoms": [{"id": "r", "generator": ["ACG", [1, 6]], "distribution": ["normal", [0, 1]]}]`}, `randoms[0].generator: ACG size 6: NEURON allows 7 to 98`},
		{"random of too many arguments", []string{`"netcons": []`, `"netcons": [], "randoms": [{"id": "r", "generator": ["Random123", [1, 2, 3]], "distribution": ["normal", [0, 1, 2]]}]`}, `randoms[0].distribution: normal takes [2] arguments, not 3`},
		{"random seeded by the clock", []string{`"netcons": []`, `"netcons": [], "randoms": [{"id": "r", "generator": ["MCellRan4", [0]], "distribution": ["uniform", [0, 1]]}]`}, `randoms[0].generator: MCellRan4(0) makes NEURON choose a seed of its own, from the clock`},
		{"random id twice", []string{`"netcons": []`, `"netcons": [], "randoms": [{"id": "r", "generator": ["Random123", [1]], "distribution": ["negexp", [1]]}], "vectors": [{"id": "r", "values": []}]`}, `vectors[0].id: "r" already names a Random or a Vector`},
		{"artificial cell with x", []string{`"section": "soma", "x": 0.5,
     "params"`, `"x": 0.5,
     "params"`}, `point_processes[0].x: a location without a section`},
		{"point process without x", []string{`"section": "soma", "x": 0.5,
     "params"`, `"section": "soma",
     "params"`}, `point_processes[0]: x: missing (required with section: the location in it)`},
		{"spikes twice", []string{`"tolerance_note": ""`, `"tolerance_note": "", "spikes": [{"name": "s", "source": {"section": "soma", "x": 0.5}}, {"name": "s", "source": {"section": "soma", "x": 1}}]`}, `spikes[1].name: "s" already names spikes[0]`},
		{"play without times", []string{`"tolerance_note": ""`, `"tolerance_note": "", "play": [{"point_process": "stim", "what": "amp", "y": [1, 2]}]`}, `play[0]: give t (a time for each value) or interval, one of them`},
		{"play t and y", []string{`"tolerance_note": ""`, `"tolerance_note": "", "play": [{"point_process": "stim", "what": "amp", "t": [0], "y": [1, 2]}]`}, `play[0].t: 1 times for 2 values in y`},
		{"play backwards", []string{`"tolerance_note": ""`, `"tolerance_note": "", "play": [{"section": "soma", "x": 0.5, "what": "gnabar_hh", "t": [0, 2, 1], "y": [1, 2, 3]}]`}, `play[0].t[2]: 1 comes before the time before it, 2`},
		{"continuous play every", []string{`"tolerance_note": ""`, `"tolerance_note": "", "play": [{"point_process": "stim", "what": "amp", "interval": 1, "y": [1, 2], "continuous": true}]`}, `play[0].continuous: a continuous play needs t, as in NEURON`},
		{"play nowhere", []string{`"tolerance_note": ""`, `"tolerance_note": "", "play": [{"what": "amp", "interval": 1, "y": [1]}]`}, `play[0]: give section and x (a location), or point_process`},
		{"record interval 0", []string{`"tolerance_note": ""`, `"tolerance_note": "", "record_interval": 0`}, `record_interval: must be at least 1e-09 ms, got 0`},
		{"mcell_ran4_init negative", []string{`"tolerance_note": ""`, `"tolerance_note": "", "mcell_ran4_init": -1`}, `mcell_ran4_init: must be at least 0, got -1`},
		{"use_mcell_ran4 not a boolean", []string{`"tolerance_note": ""`, `"tolerance_note": "", "use_mcell_ran4": 1`}, `use_mcell_ran4: want a boolean, got a number 1`},
		{"empty file", []string{tutorial, "  \n"}, `scenario.json:1:1: error: the file is empty; a scenario is a JSON object`},
		{"array", []string{tutorial, "[]"}, `scenario.json:1:1: error: want an object, got an array`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := Parse("scenario.json", []byte(edit(t, tt.edits...)))
			if err == nil {
				t.Fatalf("accepted: %+v", s)
			}
			if s != nil {
				t.Errorf("a scenario came back with the error")
			}
			if !strings.Contains(err.Error()+"\n", tt.want+"\n") {
				t.Errorf("got  %s\nwant %s", err, tt.want)
			}
			if IsNotSupported(err) {
				t.Errorf("an error reads as not supported")
			}
		})
	}
}

// TestNotSupported: a valid scenario that asks for what nmodlgo cannot do
// yet is returned with a not-supported error naming the key.
func TestNotSupported(t *testing.T) {
	src := edit(t, `"child_end": null}`, `"child_end": null},
    {"name": "dend", "L": 20, "diam": 1, "nseg": 1, "Ra": 35.4, "cm": 1, "parent": "soma", "parent_x": 1, "child_end": 1}`)
	s, err := Parse("scenario.json", []byte(src))
	if !IsNotSupported(err) || !strings.Contains(err.Error(), "not supported: sections[1].child_end: a section connected by its 1 end") {
		t.Fatalf("got %v", err)
	}
	if _, err := s.Build(builtin.Mechanisms()); !IsNotSupported(err) {
		t.Errorf("Build: %v", err)
	}
}

// TestBuildErrors: a scenario that names what the mechanisms do not have
// gets an error naming the key, never a panic.
func TestBuildErrors(t *testing.T) {
	tests := []struct {
		name  string
		edits []string
		want  string
	}{
		{"unknown mechanism", []string{`"name": "hh"`, `"name": "kdr"`}, `scenario.json:7:46: error: mechanisms[0].name: no density mechanism "kdr"; known: hh, pas`},
		{"point process as mechanism", []string{`"name": "hh"`, `"name": "IClamp"`}, `mechanisms[0].name: IClamp is a point process, not a density mechanism`},
		{"unknown point process", []string{`"name": "IClamp"`, `"name": "AlphaSynapse"`}, `point_processes[0].name: no point process "AlphaSynapse"; known: APCount, Exp2Syn, ExpSyn, IClamp, SEClamp`},
		{"unknown parameter", []string{`"del": 2`, `"delay": 2`}, `point_processes[0].params.delay: IClamp has no range variable "delay" (did you mean "del"?); it has: del, dur, amp, i`},
		{"unknown mechanism parameter", []string{`"params": {}`, `"params": {"gnabar_hh": 0.1}`}, `mechanisms[0].params.gnabar_hh: hh has no range variable "gnabar_hh"`},
		{"unknown record", []string{`"what": "i",`, `"what": "g",`}, `record[1].what: record IClamp[0].g: IClamp[0]: no variable "g"`},
		{"unknown range variable", []string{`"what": "v",`, `"what": "m_kdr",`}, `record[0].what: record soma(0.5).m_kdr: soma(0.5): no variable "m_kdr"`},
		{"unknown global", []string{`"globals": {}`, `"globals": {"usetable_kdr": 0}`}, `globals.usetable_kdr: unknown global variable "usetable_kdr"`},
		{"celsius as a global", []string{`"globals": {}`, `"globals": {"celsius": 16}`}, `globals.celsius: celsius is not a global of a scenario: it is run.celsius`},
		{"setup call of an unknown function", []string{`"netcons": []`, `"netcons": [], "setup_calls": [{"call": "seed_hh", "args": [1], "setdata": {"mechanism": "hh", "section": "soma", "x": 0.5}}]`}, "setup_calls[0]: call seed of hh: no FUNCTION or PROCEDURE of that name (it has: rates, vtrap)"},
		{"setup call without its instance", []string{`"netcons": []`, `"netcons": [], "setup_calls": [{"call": "rates", "args": [1]}]`}, "setup_calls[0]: nmodlgo calls only a mechanism's FUNCTIONs and PROCEDUREs: give point_process or setdata"},
		{"point process without a section", []string{`"section": "soma", "x": 0.5,
     "params"`, `"params"`}, "point_processes[0]: section: missing (IClamp is a POINT_PROCESS: it needs a location; only an ARTIFICIAL_CELL has none)"},
		{"setup call of a point process", []string{`"netcons": []`, `"netcons": [], "setup_calls": [{"call": "rates", "args": [1], "point_process": "stim"}]`}, "setup_calls[0]: call rates of IClamp: IClamp has no FUNCTION or PROCEDURE"},
		{"netcon target without NET_RECEIVE", []string{`"netcons": []`, `"netcons": [{"id": "nc", "source": {"section": "soma", "x": 0.5}, "target": "stim", "weight": 1, "delay": 1}]`}, "netcons[0]: new netcon: IClamp[0] has no NET_RECEIVE block"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := Parse("scenario.json", []byte(edit(t, tt.edits...)))
			if err != nil {
				t.Fatal(err)
			}
			_, err = s.Simulate(builtin.Mechanisms())
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("got  %v\nwant %s", err, tt.want)
			}
		})
	}
}

// TestLoadChecksFiles: a mod_files or include_files entry that is not
// there is an error at its key.
func TestLoadChecksFiles(t *testing.T) {
	dir := t.TempDir()
	src := edit(t, `"mod_files": []`, `"mod_files": ["kdr.mod"], "include_files": ["k.inc"]`)
	if err := os.WriteFile(filepath.Join(dir, "scenario.json"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := Load(dir)
	want := []string{
		"scenario.json:2:49: error: mod_files[0]: no file kdr.mod in " + dir,
		"scenario.json:2:79: error: include_files[0]: no file k.inc in " + dir,
	}
	if err == nil || err.Error() != filepath.Join(dir, want[0])+"\n"+filepath.Join(dir, want[1]) {
		t.Errorf("got %v\nwant %s", err, want)
	}
}

// TestReferenceScenariosRead: every scenario of the reference set reads
// without error (a few are refused as not supported), and every golden
// scenario of our own.
func TestReferenceScenariosRead(t *testing.T) {
	var paths []string
	for _, pattern := range []string{"../../shared/reference/*/scenario.json", "../../shared/reference/*/*/scenario.json", "../tests/testdata/golden/*/scenario.json"} {
		m, _ := filepath.Glob(pattern)
		paths = append(paths, m...)
	}
	if len(paths) < 10 {
		t.Fatalf("only %d scenarios found", len(paths))
	}
	refused := 0
	for _, p := range paths {
		_, err := Load(p)
		switch {
		case IsNotSupported(err):
			refused++
		case err != nil:
			t.Errorf("%v", err)
		}
	}
	t.Logf("%d scenarios read, %d of them refused as not supported", len(paths), refused)
}

// TestParseCopiesItsText: the scenario's strings are read from the text
// without copying each, so Parse must read a copy of the caller's: a text
// changed after Parse does not change the scenario.
func TestParseCopiesItsText(t *testing.T) {
	data := []byte(tutorial)
	s, err := Parse("scenario.json", data)
	if err != nil {
		t.Fatal(err)
	}
	name := strings.Clone(s.Sections[0].Name)
	for i := range data {
		data[i] = 'x'
	}
	if s.Sections[0].Name != name {
		t.Errorf("the scenario changed with the text given to Parse: section %q, was %q", s.Sections[0].Name, name)
	}
}

// TestRunAndCSV runs a small scenario and reads its CSV back exactly.
func TestRunAndCSV(t *testing.T) {
	s, err := Parse("scenario.json", []byte(tutorial))
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
	f.Add([]byte(`{"a": [1, {"b": null, "b": true}], "c": "\u00e9"}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := Parse("scenario.json", data)
		if err != nil {
			return
		}
		// Parse decodes the tree it read as Unmarshal decodes the text.
		var want Scenario
		if err := json.Unmarshal(data, &want); err != nil {
			t.Fatalf("Parse accepts what Unmarshal refuses: %v", err)
		}
		a, _ := json.Marshal(s)
		b, _ := json.Marshal(&want)
		if !bytes.Equal(a, b) {
			t.Fatalf("Parse decoded\n%s\nUnmarshal\n%s", a, b)
		}
		nseg := 0
		for _, sec := range s.Sections {
			nseg += max(sec.Nseg, 0)
		}
		spikes := 0.0
		for _, ns := range s.NetStims {
			spikes += ns.Number
		}
		m, err := s.Build(builtin.Mechanisms())
		if err != nil || nseg > 2000 || s.Run.Tstop/s.Run.Dt > 2000 || spikes > 1000 {
			return // too big to run in a fuzz test, as NEURON would take long too
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

// TestMorphology: a morphology's sections are named as NEURON names them,
// its lists reach the right sections, and what is wrong with it is said.
func TestMorphology(t *testing.T) {
	const swc = "1 1 0 0 0 10 -1\n2 3 0 10 0 1 1\n3 3 0 20 0 1 2\n4 2 0 -10 0 0.5 1\n5 2 0 -20 0 0.5 4\n"
	withMorph := func(t *testing.T, morphology string, pairs ...string) string {
		return strings.Replace(edit(t, pairs...), `"globals": {},`, `"globals": {}, "morphology": `+morphology+`,`, 1)
	}
	good := `{"file": "cell.swc", "Ra": 100, "cm": 1, "d_lambda": 0.1}`
	for _, c := range []struct{ name, scenario, want string }{
		{"no file", withMorph(t, `{"file": "nosuch.swc", "Ra": 100, "cm": 1}`), `morphology.file: no file nosuch.swc in`},
		{"bad swc", withMorph(t, `{"file": "bad.swc", "Ra": 100, "cm": 1}`), `bad.swc:2:1: error: point 2 has parent 7: a parent must come before its children`},
		{"nseg and d_lambda", withMorph(t, `{"file": "cell.swc", "Ra": 100, "cm": 1, "nseg": 3, "d_lambda": 0.1}`), `morphology.d_lambda: nseg and d_lambda both say how many segments; give one`},
		{"name taken", withMorph(t, good, `"name": "soma", "L"`, `"name": "dend[0]", "L"`), `sections[0].name: "dend[0]" is a section of the morphology (cell.swc)`},
		{"list name taken", withMorph(t, good, `"name": "soma", "L"`, `"name": "basal", "L"`), `sections[0].name: "basal" names a list of the morphology's sections`},
		{"unknown section", withMorph(t, good, `"section": "soma", "x": 0.5}`, `"section": "dend[1]", "x": 0.5}`), `record[0].section: no section "dend[1]" (did you mean "dend[0]"?)`},
		{"list without morphology", edit(t, `{"section": "soma", "name": "hh"`, `{"section": "somatic", "name": "hh"`), `mechanisms[0].section: no section "somatic"`},
		{"no sections at all", edit(t, `{"name": "soma", "L": 20, "diam": 20, "nseg": 1, "Ra": 35.4, "cm": 1,
     "parent": null, "parent_x": null, "child_end": null}`, ``), `sections: no sections: a scenario needs at least one, or a morphology`},
		{"missing Ra", withMorph(t, `{"file": "cell.swc", "cm": 1}`), `morphology.Ra: missing`},
		{"profile lengths", edit(t, `"name": "hh", "params": {}`, `"name": "hh", "params": {}, "by_distance": {"origin": {"section": "soma", "x": 0.5}, "params": {"gnabar": {"distance": [0, 10], "value": [1]}}}`),
			`mechanisms[0].by_distance.params.gnabar.value: 1 values for 2 distances`},
		{"profile order", edit(t, `"name": "hh", "params": {}`, `"name": "hh", "params": {}, "by_distance": {"origin": {"section": "soma", "x": 0.5}, "params": {"gnabar": {"distance": [0, 10, 10], "value": [1, 2, 3]}}}`),
			`mechanisms[0].by_distance.params.gnabar.distance[2]: 10 does not increase on 10`},
		{"profile and value", edit(t, `"name": "hh", "params": {}`, `"name": "hh", "params": {"gnabar": 0.1}, "by_distance": {"origin": {"section": "soma", "x": 0.5}, "params": {"gnabar": {"distance": [0], "value": [1]}}}`),
			`mechanisms[0].by_distance.params.gnabar: gnabar is in params too; give it one value or one profile`},
		{"profile origin", edit(t, `"name": "hh", "params": {}`, `"name": "hh", "params": {}, "by_distance": {"origin": {"section": "som", "x": 0.5}, "params": {}}`),
			`mechanisms[0].by_distance.origin.section: no section "som" (did you mean "soma"?)`},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			os.WriteFile(filepath.Join(dir, "cell.swc"), []byte(swc), 0o644)
			os.WriteFile(filepath.Join(dir, "bad.swc"), []byte("1 1 0 0 0 10 -1\n2 3 0 10 0 1 7\n"), 0o644)
			path := filepath.Join(dir, "scenario.json")
			os.WriteFile(path, []byte(c.scenario), 0o644)
			_, err := Load(path)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("error:\n%v\nwant one containing:\n%s", err, c.want)
			}
		})
	}

	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "cell.swc"), []byte(swc), 0o644)
	src := withMorph(t, good, `{"section": "soma", "name": "hh", "params": {}}`,
		`{"section": "somatic", "name": "pas", "params": {"g": 2e-4}}, {"section": "axonal", "name": "hh", "params": {}}`,
		`"parent": null, "parent_x": null, "child_end": null`, `"parent": "dend[0]", "parent_x": 1, "child_end": 0`)
	os.WriteFile(filepath.Join(dir, "scenario.json"), []byte(src), 0o644)
	s, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	m, err := s.Build(builtin.Mechanisms())
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, sec := range m.Sections() {
		got = append(got, fmt.Sprintf("%s nseg=%d pas=%v hh=%v", sec.Name(), sec.Nseg(), sec.Has("pas"), sec.Has("hh")))
	}
	want := []string{"soma[0] nseg=1 pas=true hh=false", "axon[0] nseg=1 pas=false hh=true", "dend[0] nseg=1 pas=false hh=false", "soma nseg=1 pas=false hh=false"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("sections:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if p := m.Section("soma").Parent(); p == nil || p.Name() != "dend[0]" {
		t.Errorf("soma's parent is %v, want dend[0]", p)
	}
}

func TestProfileAt(t *testing.T) {
	p := Profile{Distance: []float64{0, 100, 300}, Value: []float64{1, 3, 2}}
	for _, c := range []struct{ d, want float64 }{
		{0, 1}, {50, 2}, {100, 3}, {200, 2.5}, {300, 2}, {1e20, 2},
	} {
		if got := p.At(c.d); got != c.want {
			t.Errorf("At(%g) = %g, want %g", c.d, got, c.want)
		}
	}
	if got := (Profile{Distance: []float64{10}, Value: []float64{7}}).At(3); got != 7 {
		t.Errorf("a one-point profile gives %g, want 7", got)
	}
}

// pyReprTwice is PyRepr as it was written first, from two conversions:
// the reference for the one-conversion AppendPyRepr.
func pyReprTwice(x float64) string {
	s := strconv.FormatFloat(x, 'e', -1, 64)
	exp, _ := strconv.Atoi(s[strings.IndexByte(s, 'e')+1:])
	if exp < -4 || exp >= 16 {
		return s
	}
	s = strconv.FormatFloat(x, 'f', -1, 64)
	if !strings.Contains(s, ".") {
		s += ".0"
	}
	return s
}

// FuzzPyRepr: AppendPyRepr writes every finite non-zero float64 as the
// two conversions do (the seeds: random bits, random numbers from 1e-6
// to 1e17, and the edges of the two forms).
func FuzzPyRepr(f *testing.F) {
	r := rand.New(rand.NewPCG(1, 2))
	for range 1000 {
		f.Add(r.Uint64())
		f.Add(math.Float64bits(r.NormFloat64() * math.Pow(10, float64(r.IntN(24)-6))))
	}
	for _, x := range []float64{1e-4, 9.999999999999999e-05, 1e16, 9999999999999998, 0.1, 1, 10, 123e10, -2.5e-4} {
		f.Add(math.Float64bits(x))
	}
	f.Fuzz(func(t *testing.T, bits uint64) {
		x := math.Float64frombits(bits)
		if math.IsNaN(x) || math.IsInf(x, 0) || x == 0 {
			return
		}
		if got, want := PyRepr(x), pyReprTwice(x); got != want {
			t.Fatalf("%b: %s, want %s", bits, got, want)
		}
	})
}
