// Package scenario reads and runs the declarative model descriptions of
// NEURON reference runs (scenario.json, documented in the reference set's
// README) and reads and writes their traces (trace.csv).
package scenario

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/nmodlgo/nmodlgo/sim"
)

// Scenario is one scenario.json.
type Scenario struct {
	Name           string             `json:"name"`
	Description    string             `json:"description"`
	ModFiles       []string           `json:"mod_files"`
	IncludeFiles   []string           `json:"include_files"`
	Globals        map[string]float64 `json:"globals"`
	Sections       []Section          `json:"sections"`
	Mechanisms     []Mechanism        `json:"mechanisms"`
	PointProcesses []PointProcess     `json:"point_processes"`
	NetStims       []NetStim          `json:"netstims"`
	NetCons        []NetCon           `json:"netcons"`
	Run            Run                `json:"run"`
	Record         []Record           `json:"record"`
	Tolerance      float64            `json:"tolerance"`
	ToleranceNote  string             `json:"tolerance_note"`
	AxonVelocity   *AxonVelocity      `json:"axon_velocity,omitempty"`

	// Keys of the reference set's second wave that nmodlgo cannot run yet
	// (POINTER, FUNCTION_TABLE, NEURON's Random, hoc calls): Load refuses a
	// scenario that uses them, by name.
	Pointers       json.RawMessage `json:"pointers,omitempty"`
	FunctionTables json.RawMessage `json:"function_tables,omitempty"`
	Randoms        json.RawMessage `json:"randoms,omitempty"`
	SetupCalls     json.RawMessage `json:"setup_calls,omitempty"`

	dir string // folder holding the file, for mod_files
}

// AxonVelocity asks for a conduction velocity between two v columns.
type AxonVelocity struct {
	From       string  `json:"from"`
	To         string  `json:"to"`
	DistanceUm float64 `json:"distance_um"`
}

// Section is an unbranched cylinder.
type Section struct {
	Name     string   `json:"name"`
	L        float64  `json:"L"`
	Diam     float64  `json:"diam"`
	Nseg     int      `json:"nseg"`
	Ra       float64  `json:"Ra"`
	Cm       float64  `json:"cm"`
	Parent   *string  `json:"parent"`
	ParentX  *float64 `json:"parent_x"`
	ChildEnd *float64 `json:"child_end"`
}

// Mechanism is a density mechanism inserted in a section.
type Mechanism struct {
	Section string             `json:"section"`
	Name    string             `json:"name"`
	Params  map[string]float64 `json:"params"`
}

// PointProcess is a point process placed on a section.
type PointProcess struct {
	ID      string             `json:"id"`
	Name    string             `json:"name"`
	Section string             `json:"section"`
	X       float64            `json:"x"`
	Params  map[string]float64 `json:"params"`
}

// NetStim is a spike generator (NEURON's NetStim artificial cell).
type NetStim struct {
	ID       string  `json:"id"`
	Interval float64 `json:"interval"`
	Number   float64 `json:"number"`
	Start    float64 `json:"start"`
	Noise    float64 `json:"noise"`
}

// NetCon delivers the spikes of a source to a point process's NET_RECEIVE.
type NetCon struct {
	ID        string       `json:"id"`
	Source    NetConSource `json:"source"`
	Target    string       `json:"target"`
	Weight    float64      `json:"weight"`
	Delay     float64      `json:"delay"`
	Threshold *float64     `json:"threshold,omitempty"`
}

// NetConSource is a NetCon's source: a NetStim's id, or a spike detector
// on v at a location.
type NetConSource struct {
	NetStim string  // the NetStim's id, or ""
	Section string  // the detector's section when NetStim is ""
	X       float64 // and its location
}

// UnmarshalJSON reads a source written as "id" or {"section": s, "x": x}.
func (src *NetConSource) UnmarshalJSON(data []byte) error {
	if err := json.Unmarshal(data, &src.NetStim); err == nil {
		return nil
	}
	var at struct {
		Section string   `json:"section"`
		X       *float64 `json:"x"`
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&at); err != nil || at.Section == "" || at.X == nil {
		return fmt.Errorf(`netcon source must be a NetStim id or {"section": name, "x": location}, got %s`, data)
	}
	src.Section, src.X = at.Section, *at.X
	return nil
}

// MarshalJSON writes the source as UnmarshalJSON reads it.
func (src NetConSource) MarshalJSON() ([]byte, error) {
	if src.NetStim != "" {
		return json.Marshal(src.NetStim)
	}
	return json.Marshal(map[string]any{"section": src.Section, "x": src.X})
}

// Run says how to run.
type Run struct {
	VInit       float64 `json:"v_init"`
	Tstop       float64 `json:"tstop"`
	Dt          float64 `json:"dt"`
	Celsius     float64 `json:"celsius"`
	SecondOrder int     `json:"secondorder"`
}

// Record is one trace column: v or a range variable at a location, or a
// point-process variable.
type Record struct {
	Name         string  `json:"name"`
	What         string  `json:"what"`
	Section      string  `json:"section,omitempty"`
	X            float64 `json:"x,omitempty"`
	PointProcess string  `json:"point_process,omitempty"`
}

// Load reads a scenario from a scenario.json file or a folder holding one.
func Load(path string) (*Scenario, error) {
	if st, err := os.Stat(path); err == nil && st.IsDir() {
		path = filepath.Join(path, "scenario.json")
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	s, err := Parse(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	s.dir = filepath.Dir(path)
	if s.Name == "" {
		s.Name = filepath.Base(s.dir)
	}
	for _, list := range []struct {
		key   string
		files []string
	}{{"mod_files", s.ModFiles}, {"include_files", s.IncludeFiles}} {
		for i, f := range list.files {
			if _, err := os.Stat(filepath.Join(s.dir, f)); err != nil {
				return nil, fmt.Errorf("%s: %s[%d]: %w", path, list.key, i, err)
			}
		}
	}
	for _, k := range []struct {
		key, what string
		val       json.RawMessage
	}{
		{"pointers", "POINTER variables set with setpointer", s.Pointers},
		{"function_tables", "FUNCTION_TABLEs filled from hoc", s.FunctionTables},
		{"randoms", "NEURON's Random objects", s.Randoms},
		{"setup_calls", "hoc calls of a mechanism's FUNCTIONs and PROCEDUREs", s.SetupCalls},
	} {
		if v := strings.TrimSpace(string(k.val)); v != "" && v != "null" && v != "[]" {
			return nil, fmt.Errorf("%s: %w", path, &NotSupportedError{What: k.key + " (" + k.what + ")"})
		}
	}
	return s, nil
}

// Parse reads a scenario from its JSON text. Unknown fields are errors, so
// that a misspelt key is not silently ignored.
func Parse(data []byte) (*Scenario, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var s Scenario
	if err := dec.Decode(&s); err != nil {
		return nil, err
	}
	return &s, nil
}

// ModPaths returns the scenario's mod_files as paths.
func (s *Scenario) ModPaths() []string {
	paths := make([]string, len(s.ModFiles))
	for i, f := range s.ModFiles {
		paths[i] = filepath.Join(s.dir, f)
	}
	return paths
}

// NotSupportedError says that a scenario uses something nmodlgo cannot
// run yet.
type NotSupportedError struct{ What string }

func (e *NotSupportedError) Error() string { return "not supported yet: " + e.What }

// Model is a scenario built into a model, ready to run.
type Model struct {
	*sim.Model
	Scenario *Scenario
	Columns  []string
	vectors  []*sim.Vector
}

// Build makes the model the scenario describes, with the given mechanism
// types available by name.
func (s *Scenario) Build(mechs []sim.Mechanism) (*Model, error) {
	m := sim.NewModel()
	if err := m.Register(mechs...); err != nil {
		return nil, err
	}
	known := map[string]bool{}
	for _, mech := range mechs {
		known[mech.Info.Name] = true
	}
	for name, v := range s.Globals {
		if err := m.SetGlobal(sim.Var(name), v); err != nil {
			return nil, fmt.Errorf("scenario %s: globals: %w", s.Name, err)
		}
	}
	for _, ss := range s.Sections {
		sec, err := m.NewSection(ss.Name)
		if err != nil {
			return nil, fmt.Errorf("scenario %s: %w", s.Name, err)
		}
		for _, set := range []func() error{
			func() error { return sec.SetL(ss.L) },
			func() error { return sec.SetDiam(ss.Diam) },
			func() error { return sec.SetRa(ss.Ra) },
			func() error { return sec.SetCm(ss.Cm) },
			func() error { return sec.SetNseg(ss.Nseg) },
		} {
			if err := set(); err != nil {
				return nil, fmt.Errorf("scenario %s: %w", s.Name, err)
			}
		}
	}
	for _, ss := range s.Sections {
		if ss.Parent == nil {
			continue
		}
		if ss.ChildEnd != nil && *ss.ChildEnd != 0 {
			return nil, &NotSupportedError{fmt.Sprintf("section %s connects by its 1 end", ss.Name)}
		}
		parent := m.Section(*ss.Parent)
		if parent == nil {
			return nil, fmt.Errorf("scenario %s: section %s: unknown parent %q", s.Name, ss.Name, *ss.Parent)
		}
		x := 1.0
		if ss.ParentX != nil {
			x = *ss.ParentX
		}
		if err := m.Section(ss.Name).Connect(parent, x); err != nil {
			return nil, fmt.Errorf("scenario %s: %w", s.Name, err)
		}
	}
	section := func(name, what string) (*sim.Section, error) {
		if sec := m.Section(name); sec != nil {
			return sec, nil
		}
		return nil, fmt.Errorf("scenario %s: %s: unknown section %q", s.Name, what, name)
	}
	unknown := func(what, name string) error {
		if len(s.ModFiles) > 0 {
			return &NotSupportedError{fmt.Sprintf("scenario %s compiles its own mod files (%s), and %s %q is not among the mechanisms given; compile them with `nmodlgo gen` and pass them in",
				s.Name, strings.Join(s.ModFiles, ", "), what, name)}
		}
		return &NotSupportedError{fmt.Sprintf("%s %q (available: %s)", what, name, names(mechs))}
	}
	for _, ms := range s.Mechanisms {
		if !known[ms.Name] {
			return nil, unknown("mechanism", ms.Name)
		}
		sec, err := section(ms.Section, "mechanism "+ms.Name)
		if err != nil {
			return nil, err
		}
		if err := sec.InsertByName(ms.Name); err != nil {
			return nil, err
		}
		for p, v := range ms.Params {
			if err := sec.Set(sim.Var(p+"_"+ms.Name), v); err != nil {
				return nil, fmt.Errorf("scenario %s: %w", s.Name, err)
			}
		}
	}
	pps := map[string]*sim.PointProcess{}
	for _, ps := range s.PointProcesses {
		if !known[ps.Name] {
			return nil, unknown("point process", ps.Name)
		}
		sec, err := section(ps.Section, "point process "+ps.ID)
		if err != nil {
			return nil, err
		}
		pp, err := m.NewPointProcessByName(ps.Name, sec.At(ps.X))
		if err != nil {
			return nil, fmt.Errorf("scenario %s: %w", s.Name, err)
		}
		for p, v := range ps.Params {
			if err := pp.Set(sim.Var(p), v); err != nil {
				return nil, fmt.Errorf("scenario %s: point process %s: %w", s.Name, ps.ID, err)
			}
		}
		pps[ps.ID] = pp
	}
	if err := s.buildNetwork(m, known, pps, unknown); err != nil {
		return nil, err
	}
	bm := &Model{Model: m, Scenario: s, Columns: []string{"t"}}
	tv, err := m.Record(m.TimeRef())
	if err != nil {
		return nil, err
	}
	bm.vectors = append(bm.vectors, tv)
	for _, r := range s.Record {
		var ref sim.Ref
		switch {
		case r.PointProcess != "":
			pp := pps[r.PointProcess]
			if pp == nil {
				return nil, fmt.Errorf("scenario %s: record %s: unknown point process %q", s.Name, r.Name, r.PointProcess)
			}
			ref = pp.Ref(sim.Var(r.What))
		default:
			sec, err := section(r.Section, "record "+r.Name)
			if err != nil {
				return nil, err
			}
			ref = sec.At(r.X).Ref(sim.Var(r.What))
		}
		vec, err := m.Record(ref)
		if err != nil {
			return nil, fmt.Errorf("scenario %s: %w", s.Name, err)
		}
		bm.vectors = append(bm.vectors, vec)
		bm.Columns = append(bm.Columns, r.Name)
	}
	m.Dt, m.Celsius, m.SecondOrder = s.Run.Dt, s.Run.Celsius, s.Run.SecondOrder
	return bm, nil
}

// buildNetwork makes the scenario's NetStims and NetCons.
func (s *Scenario) buildNetwork(m *sim.Model, known map[string]bool, pps map[string]*sim.PointProcess, unknown func(what, name string) error) error {
	if len(s.NetStims) > 0 && !known["NetStim"] {
		return unknown("artificial cell", "NetStim")
	}
	stims := map[string]*sim.PointProcess{}
	for _, ns := range s.NetStims {
		if _, dup := stims[ns.ID]; dup || pps[ns.ID] != nil {
			return fmt.Errorf("scenario %s: netstim %s: id already used", s.Name, ns.ID)
		}
		pp, err := m.NewArtificialCellByName("NetStim")
		if err != nil {
			return fmt.Errorf("scenario %s: netstim %s: %w", s.Name, ns.ID, err)
		}
		for _, p := range []struct {
			name string
			v    float64
		}{{"interval", ns.Interval}, {"number", ns.Number}, {"start", ns.Start}, {"noise", ns.Noise}} {
			if err := pp.Set(sim.Var(p.name), p.v); err != nil {
				return fmt.Errorf("scenario %s: netstim %s: %w", s.Name, ns.ID, err)
			}
		}
		stims[ns.ID] = pp
	}
	for _, cs := range s.NetCons {
		target := pps[cs.Target]
		if target == nil {
			return fmt.Errorf("scenario %s: netcon %s: unknown target point process %q", s.Name, cs.ID, cs.Target)
		}
		var err error
		switch src := cs.Source; {
		case src.NetStim != "":
			source := stims[src.NetStim]
			if source == nil {
				return fmt.Errorf("scenario %s: netcon %s: unknown source netstim %q", s.Name, cs.ID, src.NetStim)
			}
			_, err = m.NewNetCon(source, target, cs.Weight, cs.Delay)
		default:
			sec := m.Section(src.Section)
			if sec == nil {
				return fmt.Errorf("scenario %s: netcon %s: unknown source section %q", s.Name, cs.ID, src.Section)
			}
			var nc *sim.NetCon
			nc, err = m.NewNetConFromV(sec.At(src.X), target, cs.Weight, cs.Delay)
			if err == nil && cs.Threshold != nil {
				err = nc.SetThreshold(*cs.Threshold) // shared with the other NetCons on this v
			}
		}
		if err != nil {
			return fmt.Errorf("scenario %s: netcon %s: %w", s.Name, cs.ID, err)
		}
	}
	return nil
}

// Run initializes the model and runs it to tstop, returning the trace.
func (bm *Model) Run() (*Trace, error) {
	s := bm.Scenario
	if err := bm.Finitialize(s.Run.VInit); err != nil {
		return nil, fmt.Errorf("scenario %s: %w", s.Name, err)
	}
	if err := bm.ContinueRun(s.Run.Tstop); err != nil {
		return nil, fmt.Errorf("scenario %s: %w", s.Name, err)
	}
	tr := &Trace{Columns: bm.Columns}
	for _, vec := range bm.vectors {
		tr.Data = append(tr.Data, vec.Values())
	}
	return tr, nil
}

// Simulate builds and runs a scenario.
func (s *Scenario) Simulate(mechs []sim.Mechanism) (*Trace, error) {
	bm, err := s.Build(mechs)
	if err != nil {
		return nil, err
	}
	return bm.Run()
}

func names(mechs []sim.Mechanism) string {
	var ns []string
	for _, m := range mechs {
		ns = append(ns, m.Info.Name)
	}
	return strings.Join(ns, ", ")
}
