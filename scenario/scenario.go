// Package scenario reads and runs scenarios: declarative descriptions of a
// model and a run of it, in the format of NEURON reference runs
// (scenario.json, defined by SchemaJSON and documented in
// docs/scenario.md), and reads and writes their traces (trace.csv).
//
// Reading is strict: a key missing, null where a value is needed, of the
// wrong type, out of range, unknown, or naming something the scenario does
// not have, is an error that names the key's path (sections[0].cm) and its
// line and column. Nothing is zero-filled.
package scenario

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"github.com/nmodlgo/nmodlgo/diag"
	"github.com/nmodlgo/nmodlgo/morph"
)

// Scenario is one scenario.json.
type Scenario struct {
	Name           string             `json:"name"`
	Description    string             `json:"description"`
	ModFiles       []string           `json:"mod_files"`
	IncludeFiles   []string           `json:"include_files"`
	Globals        map[string]float64 `json:"globals"`
	Sections       []Section          `json:"sections"`
	Morphology     *Morphology        `json:"morphology,omitempty"`
	Mechanisms     []Mechanism        `json:"mechanisms"`
	PointProcesses []PointProcess     `json:"point_processes"`
	NetStims       []NetStim          `json:"netstims"`
	NetCons        []NetCon           `json:"netcons"`
	Run            Run                `json:"run"`
	Record         []Record           `json:"record"`
	Tolerance      float64            `json:"tolerance"`
	ToleranceNote  string             `json:"tolerance_note"`
	AxonVelocity   *AxonVelocity      `json:"axon_velocity,omitempty"`

	// nmodlgo's own keys.
	RecordInterval float64       `json:"record_interval,omitempty"` // 0: after every step
	Spikes         []SpikeRecord `json:"spikes,omitempty"`
	Play           []Play        `json:"play,omitempty"`
	UseMCellRan4   bool          `json:"use_mcell_ran4,omitempty"`
	MCellRan4Init  int           `json:"mcell_ran4_init,omitempty"` // 0 to 2^32 - 1 (the schema)

	// Keys of the reference set's second wave. POINTERs are set and
	// FUNCTION_TABLEs filled after the model is built; Randoms are made
	// again, and SetupCalls made, before every finitialize.
	Pointers       []Pointer       `json:"pointers,omitempty"`
	FunctionTables []FunctionTable `json:"function_tables,omitempty"`
	Randoms        []Random        `json:"randoms,omitempty"`
	SetupCalls     []SetupCall     `json:"setup_calls,omitempty"`
	// nmodlgo's: hoc Vectors for setup_calls (a VecStim's play).
	Vectors []Vector `json:"vectors,omitempty"`

	cell     *morph.Cell // the morphology's cell, read by Parse
	warnings diag.List
	dir      string     // folder holding the file, for mod_files
	file     *diag.File // the text it was read from, or nil
	root     *node      // the file's JSON, for the positions of values
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

// Morphology is a cell's shape from an SWC file.
type Morphology struct {
	File      string  `json:"file"`
	Ra        float64 `json:"Ra"`
	Cm        float64 `json:"cm"`
	Nseg      int     `json:"nseg,omitempty"`
	DLambda   float64 `json:"d_lambda,omitempty"`
	Frequency float64 `json:"frequency,omitempty"`
}

// sectionLists are the names mechanisms[].section may give to lists of a
// morphology's sections (morph.Built.List).
var sectionLists = map[string]bool{"all": true, "somatic": true, "axonal": true, "basal": true, "apical": true}

// Mechanism is a density mechanism inserted in a section, or in each
// section of a list of a morphology's (sectionLists).
type Mechanism struct {
	Section    string             `json:"section"`
	Name       string             `json:"name"`
	Params     map[string]float64 `json:"params"`
	ByDistance *ByDistance        `json:"by_distance,omitempty"`
}

// ByDistance sets RANGE variables as functions of the path distance from
// an origin.
type ByDistance struct {
	Origin Location           `json:"origin"`
	Params map[string]Profile `json:"params"`
}

// Location is a place on a section.
type Location struct {
	Section string  `json:"section"`
	X       float64 `json:"x"`
}

// Profile is a function of distance: linear between its points, constant
// beyond them.
type Profile struct {
	Distance []float64 `json:"distance"`
	Value    []float64 `json:"value"`
}

// At is the profile's value at distance d.
func (p Profile) At(d float64) float64 {
	n := len(p.Distance)
	switch {
	case d <= p.Distance[0]:
		return p.Value[0]
	case d >= p.Distance[n-1]:
		return p.Value[n-1]
	}
	i := 1
	for p.Distance[i] < d {
		i++
	}
	d0, d1, v0, v1 := p.Distance[i-1], p.Distance[i], p.Value[i-1], p.Value[i]
	return v0 + (v1-v0)*(d-d0)/(d1-d0)
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

// NetConSource is a NetCon's source: a NetStim's id, a point process's
// (an ARTIFICIAL_CELL's, say), or a spike detector on v at a location.
type NetConSource struct {
	ID      string  // the NetStim's or the point process's id, or ""
	Section string  // the detector's section when ID is ""
	X       float64 // and its location
}

// UnmarshalJSON reads a source written as "id" or {"section": s, "x": x}.
func (src *NetConSource) UnmarshalJSON(data []byte) error {
	if err := json.Unmarshal(data, &src.ID); err == nil {
		return nil
	}
	var at struct {
		Section string   `json:"section"`
		X       *float64 `json:"x"`
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&at); err != nil || at.Section == "" || at.X == nil {
		return fmt.Errorf(`netcon source must be a NetStim's or a point process's id, or {"section": name, "x": location}, got %s`, data)
	}
	src.Section, src.X = at.Section, *at.X
	return nil
}

// MarshalJSON writes the source as UnmarshalJSON reads it.
func (src NetConSource) MarshalJSON() ([]byte, error) {
	if src.ID != "" {
		return json.Marshal(src.ID)
	}
	return json.Marshal(map[string]any{"section": src.Section, "x": src.X})
}

// SpikeRecord asks for the spike times of a source.
type SpikeRecord struct {
	Name      string       `json:"name"`
	Source    NetConSource `json:"source"`
	Threshold *float64     `json:"threshold,omitempty"`
}

// Play drives a variable from a vector.
type Play struct {
	What         string    `json:"what"`
	Section      string    `json:"section,omitempty"`
	X            *float64  `json:"x,omitempty"`
	PointProcess string    `json:"point_process,omitempty"`
	Y            []float64 `json:"y"`
	T            []float64 `json:"t,omitempty"`
	Interval     float64   `json:"interval,omitempty"`
	Continuous   bool      `json:"continuous,omitempty"`
}

// Pointer sets a POINTER, as NEURON's setpointer: of a density mechanism
// in every segment of a section, or of a point process.
type Pointer struct {
	Mechanism    string        `json:"mechanism,omitempty"`
	Section      string        `json:"section,omitempty"`
	PointProcess string        `json:"point_process,omitempty"`
	Pointer      string        `json:"pointer"`
	Target       PointerTarget `json:"target"`
}

// PointerTarget is what a POINTER points to: a variable at a location, in
// the segment that holds the mechanism, or of a point process.
type PointerTarget struct {
	Section      string   `json:"section,omitempty"`
	X            *float64 `json:"x,omitempty"`
	SameSegment  bool     `json:"same_segment,omitempty"`
	PointProcess string   `json:"point_process,omitempty"`
	What         string   `json:"what"`
}

// SetupCall is a hoc call of a mechanism's FUNCTION or PROCEDURE made
// before every finitialize: pp.<call>(args…) of a point process, or
// setdata_<mechanism>(sec(x)) then <call>(args…) (call is then the hoc
// name, <name>_<mechanism>).
type SetupCall struct {
	Call         string            `json:"call"`
	Args         []json.RawMessage `json:"args"`
	PointProcess string            `json:"point_process,omitempty"`
	Setdata      *Setdata          `json:"setdata,omitempty"`
}

// Random is a hoc Random object: r = h.Random(); r.<Generator[0]>(
// *Generator[1]); r.<Distribution[0]>(*Distribution[1]), done again
// before every finitialize.
type Random struct {
	ID           string            `json:"id"`
	Generator    []json.RawMessage `json:"generator"`
	Distribution []json.RawMessage `json:"distribution"`
}

// Vector is a hoc Vector of values (nmodlgo's key): h.Vector(values).
type Vector struct {
	ID     string    `json:"id"`
	Values []float64 `json:"values"`
}

// Setdata names the instance of a density mechanism a SetupCall is for.
type Setdata struct {
	Mechanism string  `json:"mechanism"`
	Section   string  `json:"section"`
	X         float64 `json:"x"`
}

// FunctionTable fills a FUNCTION_TABLE, as hoc's h.<call>(Vector(y),
// Vector(x)) or h.<call>(Vector(y), xmin, xmax).
type FunctionTable struct {
	Call         string    `json:"call"`
	PointProcess string    `json:"point_process,omitempty"`
	Y            []float64 `json:"y"`
	X            []float64 `json:"x,omitempty"`
	Xmin         *float64  `json:"xmin,omitempty"`
	Xmax         *float64  `json:"xmax,omitempty"`
	// Axes are the points of each argument of a table of several (the
	// nmodlgo superset): y then holds the values with the last
	// argument's index varying fastest.
	Axes []TableAxis `json:"axes,omitempty"`
}

// TableAxis is one argument of a table of several: n points, evenly
// spaced from min to max, or the points x.
type TableAxis struct {
	N   int       `json:"n"`
	X   []float64 `json:"x,omitempty"`
	Min *float64  `json:"min,omitempty"`
	Max *float64  `json:"max,omitempty"`
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

// Load reads a scenario from a scenario.json file or a folder holding one,
// and checks that the files it lists are there.
func Load(path string) (*Scenario, error) {
	if st, err := os.Stat(path); err == nil && st.IsDir() {
		path = filepath.Join(path, "scenario.json")
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	s, err := parse(path, data) // data is ours: the scenario's strings may share it
	if s == nil {
		return nil, err
	}
	s.dir = filepath.Dir(path)
	errs, _ := err.(diag.List)
	for _, list := range []struct {
		key   string
		files []string
	}{{"mod_files", s.ModFiles}, {"include_files", s.IncludeFiles}} {
		for i, f := range list.files {
			at := fmt.Sprintf("%s[%d]", list.key, i)
			if _, err := os.Stat(filepath.Join(s.dir, f)); err != nil {
				errs.Errorf(s.pos(at), "%s: no file %s in %s", at, f, s.dir)
			}
		}
	}
	errs.Sort()
	if err := errs.Err(); err != nil {
		return nil, err
	}
	return s, nil
}

// Parse reads a scenario from the text of a scenario.json; filename is for
// messages, and its folder is where a morphology's SWC file is read from.
// The text must fit the schema (SchemaJSON), and the names in it must refer
// to sections, point processes, netstims and columns it has.
// The error is a diag.List of every problem (up to ten), each at its line
// and column and naming its key path; if the only problems are features
// nmodlgo cannot run yet (IsNotSupported), the scenario is returned with
// them.
func Parse(filename string, data []byte) (*Scenario, error) {
	return parse(filename, bytes.Clone(data))
}

// parse is Parse of data that no one changes afterwards: the scenario's
// strings and the positions of its messages are read from it.
func parse(filename string, data []byte) (*Scenario, error) {
	file := diag.NewFile(filename, data)
	var errs diag.List
	if bytes.IndexByte(data, 0) >= 0 {
		errs.Errorf(diag.NewFile(filename, nil).Whole(), "a binary file (it holds NUL bytes), not a scenario's JSON")
		return nil, errs
	}
	root, err := readJSON(data)
	if err != nil {
		se := err.(*syntaxError)
		errs.Errorf(file.Pos(se.off), "%s", se)
		return nil, errs
	}
	var probs []problem
	rootSchema().validate(root, &keyPath{}, &probs)
	for i, p := range probs {
		if i == maxProblems {
			errs.Errorf(file.Pos(p.off), "and %d more problems", len(probs)-i)
			break
		}
		msg := p.msg
		if p.path != "" {
			msg = p.path + ": " + msg
		}
		errs.Add(file.Pos(p.off), diag.Error, msg)
	}
	if len(errs) > 0 {
		return nil, errs
	}
	s := &Scenario{file: file, root: root}
	if err := root.decode(data, reflect.ValueOf(s).Elem()); err != nil {
		// The schema admits only what decodes; this is a bug, said plainly.
		errs.Errorf(file.Start(), "the scenario fits the schema but does not decode: %v", err)
		return nil, errs
	}
	s.dir = filepath.Dir(filename)
	s.readMorphology(&errs)
	s.checkNames(&errs)
	s.checkSupported(&errs)
	errs.Sort()
	if errs.HasErrors() {
		if IsNotSupported(errs) {
			return s, errs
		}
		return nil, errs.Errors()
	}
	return s, nil
}

// IsNotSupported reports whether err is only about features of a valid
// scenario that nmodlgo cannot run yet.
func IsNotSupported(err error) bool {
	var l diag.List
	if !errors.As(err, &l) || !l.HasErrors() {
		return false
	}
	for _, d := range l.Errors() {
		if d.Severity != diag.Unsupported {
			return false
		}
	}
	return true
}

// at returns the value at path in n (a key path as joinPath and
// "[i]" make them), or nil.
func (n *node) at(path string) *node {
	for path != "" && n != nil {
		if path[0] == '[' {
			end := strings.IndexByte(path, ']')
			i, err := strconv.Atoi(path[1:max(end, 1)])
			if end < 0 || err != nil || i < 0 || i >= len(n.elems) {
				return nil
			}
			n, path = n.elems[i], path[end+1:]
			continue
		}
		path = strings.TrimPrefix(path, ".")
		end := strings.IndexAny(path, ".[")
		if end < 0 {
			end = len(path)
		}
		n, path = n.member(path[:end]), path[end:]
	}
	return n
}

// pos returns the position of the value at path, or of the nearest
// enclosing value (a missing key is reported at its object). A scenario
// made in Go, not read from a file, has no positions.
func (s *Scenario) pos(path string) diag.Pos {
	if s.file == nil {
		return diag.Pos{}
	}
	for {
		if n := s.root.at(path); n != nil {
			return s.file.Pos(n.off)
		}
		i := strings.LastIndexAny(path, ".[")
		if i < 0 {
			return s.file.Start()
		}
		path = path[:i]
	}
}

// notSupported returns, as a diag.List of one, that the value at path
// asks what nmodlgo cannot do yet.
func (s *Scenario) notSupported(path, format string, args ...any) error {
	var l diag.List
	l.Unsupportedf(s.pos(path), "%s: %s", path, fmt.Sprintf(format, args...))
	return l
}

// errorf returns the error of the value at path as a diag.List of one.
func (s *Scenario) errorf(path, format string, args ...any) error {
	var l diag.List
	l.Errorf(s.pos(path), "%s: %s", path, fmt.Sprintf(format, args...))
	return l
}

// readMorphology reads the morphology's SWC file, beside the scenario.
func (s *Scenario) readMorphology(errs *diag.List) {
	if s.Morphology == nil {
		return
	}
	path := filepath.Join(s.dir, s.Morphology.File)
	data, err := os.ReadFile(path)
	if err != nil {
		errs.Errorf(s.pos("morphology.file"), "morphology.file: no file %s in %s", s.Morphology.File, s.dir)
		return
	}
	cell, err := morph.ReadSWC(path, data)
	if err != nil { // each at its line of the SWC file
		*errs = append(*errs, err.(diag.List)...)
		return
	}
	s.cell = cell
	s.warnings = append(s.warnings, cell.Warnings...)
}

// Warnings are what the scenario's files say that is not an error: what
// NEURON does quietly to a morphology, for one.
func (s *Scenario) Warnings() diag.List { return s.warnings }

// checkNames checks that every name refers to something the scenario has,
// and that names meant to be unique are.
func (s *Scenario) checkNames(errs *diag.List) {
	bad := func(path, format string, args ...any) {
		errs.Errorf(s.pos(path), "%s: %s", path, fmt.Sprintf(format, args...))
	}
	sections := map[string]int{} // to the index in s.Sections, -1 for the morphology's
	if s.cell != nil {
		for _, sec := range s.cell.Sections {
			sections[sec.Name] = -1
		}
	}
	if m := s.Morphology; m != nil && m.Nseg != 0 && m.DLambda != 0 {
		bad("morphology.d_lambda", "nseg and d_lambda both say how many segments; give one")
	}
	if len(s.Sections) == 0 && s.Morphology == nil {
		bad("sections", "no sections: a scenario needs at least one, or a morphology")
	}
	for i, sec := range s.Sections {
		at := fmt.Sprintf("sections[%d].name", i)
		if j, dup := sections[sec.Name]; dup {
			if j < 0 {
				bad(at, "%q is a section of the morphology (%s)", sec.Name, s.Morphology.File)
			} else {
				bad(at, "%q already names sections[%d]", sec.Name, j)
			}
			continue
		}
		if sectionLists[sec.Name] && s.Morphology != nil {
			bad(at, "%q names a list of the morphology's sections", sec.Name)
		}
		sections[sec.Name] = i
	}
	section := func(path, name string) {
		if _, ok := sections[name]; !ok {
			bad(path, "no section %q%s", name, suggestName(name, keys(sections)))
		}
	}
	for i, sec := range s.Sections {
		at := fmt.Sprintf("sections[%d]", i)
		if sec.Parent == nil {
			if sec.ParentX != nil || sec.ChildEnd != nil {
				bad(at+".parent", "null (a root section) but parent_x or child_end is not null")
			}
			continue
		}
		section(at+".parent", *sec.Parent)
		if *sec.Parent == sec.Name {
			bad(at+".parent", "a section cannot be its own parent")
		}
		if sec.ParentX == nil || sec.ChildEnd == nil {
			bad(at+".parent", "a section with a parent needs parent_x and child_end (not null)")
		}
	}
	for i, m := range s.Mechanisms {
		at := fmt.Sprintf("mechanisms[%d]", i)
		if !sectionLists[m.Section] || s.Morphology == nil {
			section(at+".section", m.Section)
		}
		if m.ByDistance == nil {
			continue
		}
		section(at+".by_distance.origin.section", m.ByDistance.Origin.Section)
		for _, name := range keys(m.ByDistance.Params) {
			p := m.ByDistance.Params[name]
			path := at + ".by_distance.params." + name
			if _, ok := m.Params[name]; ok {
				bad(path, "%s is in params too; give it one value or one profile", name)
			}
			if len(p.Value) != len(p.Distance) {
				bad(path+".value", "%d values for %d distances", len(p.Value), len(p.Distance))
			}
			for j := 1; j < len(p.Distance); j++ {
				if !(p.Distance[j] > p.Distance[j-1]) {
					bad(fmt.Sprintf("%s.distance[%d]", path, j), "%g does not increase on %g", p.Distance[j], p.Distance[j-1])
				}
			}
		}
	}
	ids := map[string]string{} // point process and netstim ids, to the path that made them
	for i, pp := range s.PointProcesses {
		at := fmt.Sprintf("point_processes[%d]", i)
		hasX := s.file == nil || s.root.at(at+".x") != nil
		switch {
		case pp.Section == "" && s.file != nil && s.root.at(at+".section") != nil:
			section(at+".section", pp.Section)
		case pp.Section == "" && s.file != nil && hasX:
			bad(at+".x", "a location without a section")
		case pp.Section != "" && !hasX:
			bad(at, "x: missing (required with section: the location in it)")
		case pp.Section != "":
			section(at+".section", pp.Section)
		}
		if prev, dup := ids[pp.ID]; dup {
			bad(at+".id", "%q already names %s", pp.ID, prev)
		}
		ids[pp.ID] = at
	}
	for i, ns := range s.NetStims {
		at := fmt.Sprintf("netstims[%d]", i)
		if prev, dup := ids[ns.ID]; dup {
			bad(at+".id", "%q already names %s", ns.ID, prev)
		}
		ids[ns.ID] = at
	}
	isPP := func(id string) bool { return strings.HasPrefix(ids[id], "point_processes") }
	for i, ptr := range s.Pointers {
		at := fmt.Sprintf("pointers[%d]", i)
		switch {
		case ptr.PointProcess != "" && !isPP(ptr.PointProcess):
			bad(at+".point_process", "no point process %q", ptr.PointProcess)
		case ptr.PointProcess == "":
			section(at+".section", ptr.Section)
		}
		t := ptr.Target
		switch {
		case t.PointProcess != "":
			if !isPP(t.PointProcess) {
				bad(at+".target.point_process", "no point process %q", t.PointProcess)
			}
			if t.Section != "" || t.X != nil || t.SameSegment {
				bad(at+".target", "a point process's variable has no section, x or same_segment")
			}
		case t.SameSegment:
			if ptr.PointProcess != "" {
				bad(at+".target.same_segment", "same_segment is for a density mechanism's POINTER")
			}
			if t.X != nil {
				bad(at+".target.x", "same_segment takes the segment holding the mechanism; no x")
			}
		default:
			section(at+".target.section", t.Section)
			if t.X == nil {
				bad(at+".target", "a target is {section, x, what}, {section, what, same_segment: true} or {point_process, what}")
			}
		}
	}
	netcons := map[string]int{}
	for i, nc := range s.NetCons {
		at := fmt.Sprintf("netcons[%d]", i)
		if j, dup := netcons[nc.ID]; dup {
			bad(at+".id", "%q already names netcons[%d]", nc.ID, j)
		}
		netcons[nc.ID] = i
		switch {
		case nc.Source.ID != "" && ids[nc.Source.ID] == "":
			bad(at+".source", "no netstim or point process %q%s", nc.Source.ID, suggestName(nc.Source.ID, keys(ids)))
		case nc.Source.ID == "":
			section(at+".source.section", nc.Source.Section)
		}
		if prev := ids[nc.Target]; !strings.HasPrefix(prev, "point_processes") {
			bad(at+".target", "no point process %q", nc.Target)
		}
		if nc.Threshold != nil && nc.Source.ID != "" {
			bad(at+".threshold", "a netstim or point process source has no threshold; it is for a v source")
		}
	}
	for i, sp := range s.Spikes {
		at := fmt.Sprintf("spikes[%d]", i)
		for j := range i {
			if s.Spikes[j].Name == sp.Name {
				bad(at+".name", "%q already names spikes[%d]", sp.Name, j)
			}
		}
		if sp.Source.ID != "" {
			if ids[sp.Source.ID] == "" {
				bad(at+".source", "no netstim or point process %q%s", sp.Source.ID, suggestName(sp.Source.ID, keys(ids)))
			}
			if sp.Threshold != nil {
				bad(at+".threshold", "a netstim or point process source has no threshold; it is for a v source")
			}
		} else {
			section(at+".source.section", sp.Source.Section)
		}
	}
	for i, pl := range s.Play {
		at := fmt.Sprintf("play[%d]", i)
		switch {
		case pl.PointProcess != "" && (pl.Section != "" || pl.X != nil):
			bad(at, "give section and x, or point_process, not both")
		case pl.PointProcess != "":
			if prev := ids[pl.PointProcess]; !strings.HasPrefix(prev, "point_processes") {
				bad(at+".point_process", "no point process %q", pl.PointProcess)
			}
		case pl.Section == "" || pl.X == nil:
			bad(at, "give section and x (a location), or point_process")
		default:
			section(at+".section", pl.Section)
		}
		switch {
		case (pl.T == nil) == (pl.Interval == 0):
			bad(at, "give t (a time for each value) or interval, one of them")
		case pl.T != nil && len(pl.T) != len(pl.Y):
			bad(at+".t", "%d times for %d values in y", len(pl.T), len(pl.Y))
		case pl.Continuous && pl.T == nil:
			bad(at+".continuous", "a continuous play needs t, as in NEURON")
		}
		for j := 1; j < len(pl.T); j++ {
			if pl.T[j] < pl.T[j-1] {
				bad(fmt.Sprintf("%s.t[%d]", at, j), "%g comes before the time before it, %g", pl.T[j], pl.T[j-1])
				break
			}
		}
	}
	objects := map[string]string{} // Random and Vector ids, to "random" or "vector"
	for i, r := range s.Randoms {
		at := fmt.Sprintf("randoms[%d]", i)
		if objects[r.ID] != "" {
			bad(at+".id", "%q already names a Random or a Vector", r.ID)
		}
		objects[r.ID] = "random"
		if _, err := r.generator(); err != nil {
			bad(at+".generator", "%v", err)
		}
		if _, err := r.distribution(); err != nil {
			bad(at+".distribution", "%v", err)
		}
	}
	for i, v := range s.Vectors {
		at := fmt.Sprintf("vectors[%d]", i)
		if objects[v.ID] != "" {
			bad(at+".id", "%q already names a Random or a Vector", v.ID)
		}
		objects[v.ID] = "vector"
	}
	for i, c := range s.SetupCalls {
		for j, a := range c.Args {
			at := fmt.Sprintf("setup_calls[%d].args[%d]", i, j)
			kind, id, err := callArg(a)
			switch {
			case err != nil:
				bad(at, "%v", err)
			case kind != "" && objects[id] != "" && objects[id] != kind:
				bad(at, "%q is a %s, not a %s", id, objects[id], kind)
			case kind != "" && objects[id] == "":
				bad(at, "no %s %q%s", kind, id, suggestName(id, keys(objects)))
			}
		}
	}
	columns := map[string]int{"t": -1}
	for i, r := range s.Record {
		at := fmt.Sprintf("record[%d]", i)
		if j, dup := columns[r.Name]; dup {
			if j < 0 {
				bad(at+".name", "t is the time column's name")
			} else {
				bad(at+".name", "%q already names record[%d]", r.Name, j)
			}
		}
		columns[r.Name] = i
		if r.PointProcess != "" {
			if prev := ids[r.PointProcess]; !strings.HasPrefix(prev, "point_processes") {
				bad(at+".point_process", "no point process %q", r.PointProcess)
			}
		} else {
			section(at+".section", r.Section)
		}
	}
	if av := s.AxonVelocity; av != nil {
		for key, name := range map[string]string{"from": av.From, "to": av.To} {
			if j, ok := columns[name]; !ok || j < 0 || s.Record[j].What != "v" {
				bad("axon_velocity."+key, "%q is not a v column of record", name)
			}
		}
	}
}

// checkSupported refuses, as not supported, what a valid scenario may ask
// and nmodlgo cannot do yet.
func (s *Scenario) checkSupported(errs *diag.List) {
	for i, sec := range s.Sections {
		if sec.ChildEnd != nil && *sec.ChildEnd != 0 {
			at := fmt.Sprintf("sections[%d].child_end", i)
			errs.Unsupportedf(s.pos(at), "%s: a section connected by its 1 end", at)
		}
	}
}

// suggestName names the known name nearest to name, if one is near.
func suggestName(name string, known []string) string {
	best, bestD := "", 3
	for _, k := range known {
		if d := editDistance(name, k); d < bestD {
			best, bestD = k, d
		}
	}
	if best == "" {
		return ""
	}
	return fmt.Sprintf(" (did you mean %q?)", best)
}

func keys[V any](m map[string]V) []string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	slices.Sort(ks)
	return ks
}

// ModPaths returns the scenario's mod_files as paths.
func (s *Scenario) ModPaths() []string {
	paths := make([]string, len(s.ModFiles))
	for i, f := range s.ModFiles {
		paths[i] = filepath.Join(s.dir, f)
	}
	return paths
}
