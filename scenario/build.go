package scenario

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/nmodlgo/nmodlgo/diag"
	"github.com/nmodlgo/nmodlgo/morph"
	"github.com/nmodlgo/nmodlgo/sim"
)

// Model is a scenario built into a model, ready to run.
type Model struct {
	*sim.Model
	Scenario *Scenario
	Columns  []string
	// Quantities name what each column after t holds, with its unit when
	// known: "v (mV)", "m_hh", "i (nA)"; columns of one quantity can
	// share a plot.
	Quantities map[string]string
	vectors    []*sim.Vector
	spikes     []*sim.Vector  // of Scenario.Spikes
	setup      []func() error // the setup_calls, made before every finitialize
	randoms    []*hocRandom   // made again before every finitialize
	mechs      []sim.Mechanism
	// Of a rank's part (RunRanks): the index in Scenario.Record of each
	// vector after t's, and in Scenario.Spikes of each spike record.
	records, spikeRecords []int
}

// Finitialize makes the scenario's Randoms again and its setup_calls,
// then initializes the model (sim.Model.Finitialize).
func (bm *Model) Finitialize(v float64) error {
	for _, r := range bm.randoms {
		r.reset()
	}
	for _, call := range bm.setup {
		if err := call(); err != nil {
			return err
		}
	}
	return bm.Model.Finitialize(v)
}

// Build makes the model the scenario describes, with the given mechanism
// types available by name. An error names the scenario's key at fault (a
// diag.List of one, positioned if the scenario was read from a file).
func (s *Scenario) Build(mechs []sim.Mechanism) (*Model, error) {
	var unsupported diag.List
	s.checkSupported(&unsupported)
	if err := unsupported.Err(); err != nil {
		return nil, err
	}
	return s.build(sim.NewModel(), mechs, nil)
}

// build makes the scenario in m, or with part only one rank's cells
// (RunRanks).
func (s *Scenario) build(m *sim.Model, mechs []sim.Mechanism, part *rankPart) (*Model, error) {
	if err := m.Register(mechs...); err != nil {
		return nil, err
	}
	byName := map[string]*sim.MechInfo{}
	for _, mech := range mechs {
		byName[mech.Info.Name] = mech.Info
	}
	for _, name := range keys(s.Globals) {
		switch name {
		case "celsius", "dt", "secondorder":
			// run_scenario.py sets run's after the globals: say so, rather
			// than let one silently win.
			return nil, s.errorf("globals."+name, "%s is not a global of a scenario: it is run.%s", name, name)
		}
		if err := m.SetGlobal(sim.Var(name), s.Globals[name]); err != nil {
			return nil, s.errorf("globals."+name, "%v", err)
		}
	}
	cell, err := s.buildMorphology(m)
	if err != nil {
		return nil, err
	}
	for i, ss := range s.Sections {
		if !part.has(ss.Name) {
			continue
		}
		at := fmt.Sprintf("sections[%d]", i)
		sec, err := m.NewSection(ss.Name)
		if err != nil {
			return nil, s.errorf(at+".name", "%v", err)
		}
		for _, set := range []struct {
			key string
			err error
		}{
			{"L", sec.SetL(ss.L)}, {"diam", sec.SetDiam(ss.Diam)}, {"Ra", sec.SetRa(ss.Ra)},
			{"cm", sec.SetCm(ss.Cm)}, {"nseg", sec.SetNseg(ss.Nseg)},
		} {
			if set.err != nil {
				return nil, s.errorf(at+"."+set.key, "%v", set.err)
			}
		}
	}
	for i, ss := range s.Sections {
		if ss.Parent == nil || !part.has(ss.Name) {
			continue
		}
		if err := m.Section(ss.Name).Connect(m.Section(*ss.Parent), *ss.ParentX); err != nil {
			return nil, s.errorf(fmt.Sprintf("sections[%d].parent", i), "%v", err)
		}
	}
	// mechanism finds a mechanism by name, of the kind the key wants.
	mechanism := func(at, name string, kind sim.MechKind) (*sim.MechInfo, error) {
		info := byName[name]
		if info != nil && info.Kind == kind {
			return info, nil
		}
		var known []string
		for _, mech := range mechs {
			if mech.Info.Kind == kind {
				known = append(known, mech.Info.Name)
			}
		}
		slices.Sort(known)
		what := kind.String()
		if info != nil {
			return nil, s.errorf(at, "%s is a %s, not a %s", name, info.Kind, what)
		}
		from := ""
		if len(s.ModFiles) > 0 {
			from = " (mod_files: " + strings.Join(s.ModFiles, ", ") + ")"
		}
		return nil, s.errorf(at, "no %s %q%s; known: %s%s", what, name, suggestName(name, known), strings.Join(known, ", "), from)
	}
	for i, ms := range s.Mechanisms {
		if !part.has(ms.Section) {
			continue
		}
		at := fmt.Sprintf("mechanisms[%d]", i)
		info, err := mechanism(at+".name", ms.Name, sim.KindDensity)
		if err != nil {
			return nil, err
		}
		for _, p := range keys(ms.Params) {
			if err := paramOf(info, p); err != nil {
				return nil, s.errorf(at+".params."+p, "%v", err)
			}
		}
		var origin sim.Segment
		if bd := ms.ByDistance; bd != nil {
			for _, p := range keys(bd.Params) {
				if err := paramOf(info, p); err != nil {
					return nil, s.errorf(at+".by_distance.params."+p, "%v", err)
				}
			}
			origin = m.Section(bd.Origin.Section).At(bd.Origin.X)
		}
		for _, sec := range sectionsOf(m, cell, ms.Section) {
			if err := sec.InsertByName(ms.Name); err != nil {
				return nil, s.errorf(at, "%v", err)
			}
			for _, p := range keys(ms.Params) {
				if err := sec.Set(sim.Var(p+"_"+ms.Name), ms.Params[p]); err != nil {
					return nil, s.errorf(at+".params."+p, "%v", err)
				}
			}
			if ms.ByDistance == nil {
				continue
			}
			for _, g := range sec.Segments() {
				d, err := m.Distance(origin, g)
				if err != nil {
					return nil, s.errorf(at+".by_distance.origin", "%v", err)
				}
				for _, p := range keys(ms.ByDistance.Params) {
					if err := g.Set(sim.Var(p+"_"+ms.Name), ms.ByDistance.Params[p].At(d)); err != nil {
						return nil, s.errorf(at+".by_distance.params."+p, "%v", err)
					}
				}
			}
		}
	}
	pps := map[string]*sim.PointProcess{}
	for i, ps := range s.PointProcesses {
		if ps.Section != "" && !part.has(ps.Section) {
			continue
		}
		at := fmt.Sprintf("point_processes[%d]", i)
		kind := sim.KindPoint
		if info := byName[ps.Name]; info != nil && info.Kind == sim.KindArtificial {
			kind = sim.KindArtificial
		}
		info, err := mechanism(at+".name", ps.Name, kind)
		if err != nil {
			return nil, err
		}
		artificial := info.Kind == sim.KindArtificial
		var pp *sim.PointProcess
		switch {
		case ps.Section == "" && !artificial:
			return nil, s.errorf(at, "section: missing (%s is a POINT_PROCESS: it needs a location; only an ARTIFICIAL_CELL has none)", ps.Name)
		case ps.Section == "":
			pp, err = m.NewArtificialCellByName(ps.Name)
		case artificial:
			return nil, s.errorf(at+".section", "%s is an ARTIFICIAL_CELL, which has no location: drop section and x", ps.Name)
		default:
			pp, err = m.NewPointProcessByName(ps.Name, m.Section(ps.Section).At(ps.X))
		}
		if err != nil {
			return nil, s.errorf(at, "%v", err)
		}
		for _, p := range keys(ps.Params) {
			if err := paramOf(info, p); err != nil {
				return nil, s.errorf(at+".params."+p, "%v", err)
			}
			if err := pp.Set(sim.Var(p), ps.Params[p]); err != nil {
				return nil, s.errorf(at+".params."+p, "%v", err)
			}
		}
		pps[ps.ID] = pp
	}
	var stims map[string]*sim.PointProcess
	if part != nil {
		err = s.connectGids(m, pps, part)
	} else {
		stims, err = s.buildNetwork(m, byName, pps)
	}
	if err != nil {
		return nil, err
	}
	bm := &Model{Model: m, Scenario: s, Columns: []string{"t"}, Quantities: map[string]string{}, mechs: mechs}
	source := func(id string) *sim.PointProcess {
		if pp := stims[id]; pp != nil {
			return pp
		}
		return pps[id]
	}
	for i, sp := range s.Spikes {
		if sp.Source.ID == "" && !part.has(sp.Source.Section) {
			continue
		}
		bm.spikeRecords = append(bm.spikeRecords, i)
		at := fmt.Sprintf("spikes[%d]", i)
		var nc *sim.NetCon
		if sp.Source.ID != "" {
			nc, err = m.NewNetCon(source(sp.Source.ID), nil, 0, 0)
		} else {
			nc, err = m.NewNetConFromV(m.Section(sp.Source.Section).At(sp.Source.X), nil, 0, 0)
			if err == nil && sp.Threshold != nil {
				err = nc.SetThreshold(*sp.Threshold)
			}
		}
		if err != nil {
			return nil, s.errorf(at, "%v", err)
		}
		bm.spikes = append(bm.spikes, nc.RecordSpikes())
	}
	for i, pl := range s.Play {
		at := fmt.Sprintf("play[%d]", i)
		var ref sim.Ref
		if pl.PointProcess != "" {
			ref = pps[pl.PointProcess].Ref(sim.Var(pl.What))
		} else {
			ref = m.Section(pl.Section).At(*pl.X).Ref(sim.Var(pl.What))
		}
		if pl.T != nil {
			err = m.Play(ref, pl.T, pl.Y, pl.Continuous)
		} else {
			err = m.PlayEvery(ref, pl.Interval, pl.Y)
		}
		if err != nil {
			return nil, s.errorf(at+".what", "%v", err)
		}
	}
	if err := s.setPointers(m, pps); err != nil {
		return nil, err
	}
	if err := s.fillTables(m, pps); err != nil {
		return nil, err
	}
	randoms, vectors, err := s.objects()
	if err != nil {
		return nil, err
	}
	for _, r := range s.Randoms {
		bm.randoms = append(bm.randoms, randoms[r.ID])
	}
	if bm.setup, err = s.setupCalls(m, pps, stims, randoms, vectors); err != nil {
		return nil, err
	}
	record := func(ref sim.Ref) (*sim.Vector, error) {
		if s.RecordInterval > 0 {
			return m.RecordEvery(ref, s.RecordInterval)
		}
		return m.Record(ref)
	}
	tv, err := record(m.TimeRef())
	if err != nil {
		return nil, s.errorf("record_interval", "%v", err)
	}
	bm.vectors = append(bm.vectors, tv)
	for i, r := range s.Record {
		if r.PointProcess != "" && pps[r.PointProcess] == nil || r.PointProcess == "" && !part.has(r.Section) {
			continue // on another rank
		}
		bm.records = append(bm.records, i)
		at := fmt.Sprintf("record[%d]", i)
		var ref sim.Ref
		if r.PointProcess != "" {
			ref = pps[r.PointProcess].Ref(sim.Var(r.What))
		} else {
			ref = m.Section(r.Section).At(r.X).Ref(sim.Var(r.What))
		}
		vec, err := record(ref)
		if err != nil {
			return nil, s.errorf(at+".what", "%v", err)
		}
		bm.vectors = append(bm.vectors, vec)
		bm.Columns = append(bm.Columns, r.Name)
		bm.Quantities[r.Name] = s.quantity(r, byName, pps)
	}
	m.Dt, m.Celsius, m.SecondOrder = s.Run.Dt, s.Run.Celsius, s.Run.SecondOrder
	m.UseMCellRan4, m.MCellRan4Low = s.UseMCellRan4, uint32(s.MCellRan4Init)
	return bm, nil
}

// quantity names what a record holds, with the unit its .mod file gives.
func (s *Scenario) quantity(r Record, byName map[string]*sim.MechInfo, pps map[string]*sim.PointProcess) string {
	unit := ""
	switch {
	case r.PointProcess != "":
		unit = unitOf(pps[r.PointProcess].Info(), r.What)
	case r.What == "v":
		unit = "mV"
	default:
		for _, ms := range s.Mechanisms {
			if base, ok := strings.CutSuffix(r.What, "_"+ms.Name); ok && ms.Section == r.Section {
				unit = unitOf(byName[ms.Name], base)
			}
		}
	}
	if unit == "" || unit == "1" {
		return r.What
	}
	return r.What + " (" + unit + ")"
}

func unitOf(info *sim.MechInfo, name string) string {
	if i := info.VarIndex(name); i >= 0 {
		return info.Vars[i].Units
	}
	return ""
}

// paramOf checks that a scenario may set p of a mechanism: a public
// variable of it (its RANGE and per-instance variables), named as in the
// .mod file.
func paramOf(info *sim.MechInfo, p string) error {
	var public []string
	for _, v := range info.Vars {
		if v.Public {
			if v.Name == p {
				return nil
			}
			public = append(public, v.Name)
		}
	}
	return fmt.Errorf("%s has no range variable %q%s; it has: %s", info.Name, p, suggestName(p, public), strings.Join(public, ", "))
}

// buildNetwork makes the scenario's NetStims and NetCons, and returns
// the NetStims by id.
func (s *Scenario) buildNetwork(m *sim.Model, byName map[string]*sim.MechInfo, pps map[string]*sim.PointProcess) (map[string]*sim.PointProcess, error) {
	if len(s.NetStims) > 0 && byName["NetStim"] == nil {
		return nil, s.errorf("netstims", "the mechanisms given have no NetStim")
	}
	stims := map[string]*sim.PointProcess{}
	for i, ns := range s.NetStims {
		at := fmt.Sprintf("netstims[%d]", i)
		pp, err := m.NewArtificialCellByName("NetStim")
		if err != nil {
			return nil, s.errorf(at, "%v", err)
		}
		for _, p := range []struct {
			name string
			v    float64
		}{{"interval", ns.Interval}, {"number", ns.Number}, {"start", ns.Start}, {"noise", ns.Noise}} {
			if err := pp.Set(sim.Var(p.name), p.v); err != nil {
				return nil, s.errorf(at+"."+p.name, "%v", err)
			}
		}
		stims[ns.ID] = pp
	}
	for i, cs := range s.NetCons {
		at := fmt.Sprintf("netcons[%d]", i)
		target := pps[cs.Target]
		var err error
		switch src := cs.Source; {
		case src.ID != "" && stims[src.ID] != nil:
			_, err = m.NewNetCon(stims[src.ID], target, cs.Weight, cs.Delay)
		case src.ID != "":
			_, err = m.NewNetCon(pps[src.ID], target, cs.Weight, cs.Delay)
		default:
			var nc *sim.NetCon
			nc, err = m.NewNetConFromV(m.Section(src.Section).At(src.X), target, cs.Weight, cs.Delay)
			if err == nil && cs.Threshold != nil {
				err = nc.SetThreshold(*cs.Threshold) // shared with the other NetCons on this v
			}
		}
		if err != nil {
			return nil, s.errorf(at, "%v", err)
		}
	}
	return stims, nil
}

// Run initializes the model and runs it to tstop, returning the trace.
func (bm *Model) Run() (*Trace, error) {
	return bm.RunContext(context.Background(), nil)
}

// RunContext is Run that a caller can watch and stop (see
// sim.Model.ContinueRunContext). A run stopped through ctx returns the
// rows recorded so far with the error.
func (bm *Model) RunContext(ctx context.Context, progress func(t float64)) (*Trace, error) {
	s := bm.Scenario
	if err := bm.Finitialize(s.Run.VInit); err != nil {
		return nil, fmt.Errorf("scenario %s: %w", s.Name, err)
	}
	err := bm.ContinueRunContext(ctx, s.Run.Tstop, progress)
	if err != nil && ctx.Err() == nil {
		return nil, fmt.Errorf("scenario %s: %w", s.Name, err)
	}
	tr := &Trace{Columns: bm.Columns}
	for _, vec := range bm.vectors {
		tr.Data = append(tr.Data, vec.Values())
	}
	for i, vec := range bm.spikes {
		tr.Spikes = append(tr.Spikes, Spikes{Name: s.Spikes[i].Name, Times: vec.Values()})
	}
	return tr, err
}

// Simulate builds and runs a scenario.
func (s *Scenario) Simulate(mechs []sim.Mechanism) (*Trace, error) {
	bm, err := s.Build(mechs)
	if err != nil {
		return nil, err
	}
	return bm.Run()
}

// buildMorphology makes the morphology's sections, as NEURON's Import3D
// does, and gives them Ra, cm and nseg; nil without a morphology.
func (s *Scenario) buildMorphology(m *sim.Model) (*morph.Built, error) {
	mo := s.Morphology
	if mo == nil {
		return nil, nil
	}
	if s.cell == nil { // a scenario made in Go, not parsed
		var errs diag.List
		if s.readMorphology(&errs); errs.HasErrors() {
			return nil, errs.Errors()
		}
	}
	cell, err := s.cell.Build(m, "")
	if err != nil {
		return nil, s.errorf("morphology.file", "%v", err)
	}
	for i, sec := range cell.Sections {
		if err := sec.SetRa(mo.Ra); err != nil {
			return nil, s.errorf("morphology.Ra", "%v", err)
		}
		if err := sec.SetCm(mo.Cm); err != nil {
			return nil, s.errorf("morphology.cm", "%v", err)
		}
		nseg := max(mo.Nseg, 1)
		if mo.DLambda != 0 {
			freq := mo.Frequency
			if freq == 0 {
				freq = 100
			}
			if nseg, err = morph.DLambda(sec, freq, mo.DLambda); err != nil {
				return nil, s.errorf("morphology.d_lambda", "%v (line %d of %s)", err, s.cell.Sections[i].Line, mo.File)
			}
		}
		if err := sec.SetNseg(nseg); err != nil {
			return nil, s.errorf("morphology.nseg", "%v", err)
		}
	}
	return cell, nil
}

// sectionsOf returns the section called name, or the sections of the
// morphology's list called name.
func sectionsOf(m *sim.Model, cell *morph.Built, name string) []*sim.Section {
	if cell != nil && sectionLists[name] {
		return cell.List(name)
	}
	return []*sim.Section{m.Section(name)}
}

// fillTables fills the FUNCTION_TABLEs the scenario gives, by their hoc
// names: table_<name>_<suffix>, or table_<name> of a point process.
func (s *Scenario) fillTables(m *sim.Model, pps map[string]*sim.PointProcess) error {
	for i, ft := range s.FunctionTables {
		at := fmt.Sprintf("function_tables[%d]", i)
		var mech, name string
		if ft.PointProcess != "" {
			pp := pps[ft.PointProcess]
			if pp == nil {
				return s.errorf(at+".point_process", "no point process %q", ft.PointProcess)
			}
			mech = pp.Info().Name
			name = strings.TrimSuffix(strings.TrimPrefix(ft.Call, "table_"), "_"+mech)
		} else {
			for _, mt := range m.Mechanisms() {
				for _, t := range mt.FuncTables {
					if ft.Call == "table_"+t.Name+"_"+mt.Name {
						mech, name = mt.Name, t.Name
					}
				}
			}
			if mech == "" {
				return s.errorf(at+".call", "%s names no FUNCTION_TABLE of the model's mechanisms (table_<name>_<suffix>)", ft.Call)
			}
		}
		var err error
		switch {
		case len(ft.Axes) > 0 && (ft.X != nil || ft.Xmin != nil || ft.Xmax != nil):
			return s.errorf(at, "give axes, or x, xmin and xmax, not both")
		case len(ft.Axes) > 0:
			var axes []sim.TableAxis
			for j, a := range ft.Axes {
				ax := sim.TableAxis{N: a.N, X: a.X}
				switch {
				case a.X != nil && (a.Min != nil || a.Max != nil):
					return s.errorf(fmt.Sprintf("%s.axes[%d]", at, j), "give x, or min and max, not both")
				case a.X == nil && (a.Min == nil || a.Max == nil):
					return s.errorf(fmt.Sprintf("%s.axes[%d]", at, j), "give x, or both min and max")
				case a.X == nil:
					ax.Min, ax.Max = *a.Min, *a.Max
				}
				axes = append(axes, ax)
			}
			err = m.SetFunctionTableAxes(mech, name, ft.Y, axes...)
		case ft.X != nil && (ft.Xmin != nil || ft.Xmax != nil):
			return s.errorf(at, "give x, or xmin and xmax, not both")
		case ft.X != nil:
			err = m.SetFunctionTable(mech, name, ft.Y, ft.X)
		case ft.Xmin != nil && ft.Xmax != nil:
			err = m.SetFunctionTableRange(mech, name, ft.Y, *ft.Xmin, *ft.Xmax)
		case ft.Xmin != nil || ft.Xmax != nil:
			return s.errorf(at, "give both xmin and xmax")
		case len(ft.Y) == 1:
			err = m.SetFunctionTableConst(mech, name, ft.Y[0])
		default:
			return s.errorf(at, "%d values and no x, xmin or xmax: where are they?", len(ft.Y))
		}
		if err != nil {
			return s.errorf(at, "%v", err)
		}
	}
	return nil
}

// setupCalls checks the scenario's setup_calls and returns them, to be
// made before every finitialize.
func (s *Scenario) setupCalls(m *sim.Model, pps, stims map[string]*sim.PointProcess, randoms map[string]*hocRandom, vectors map[string]*sim.Vector) ([]func() error, error) {
	var calls []func() error
	for i, c := range s.SetupCalls {
		at := fmt.Sprintf("setup_calls[%d]", i)
		args := make([]any, len(c.Args))
		for j, a := range c.Args {
			kind, id, err := callArg(a)
			switch {
			case err != nil:
				return nil, s.errorf(fmt.Sprintf("%s.args[%d]", at, j), "%v", err)
			case kind == "random" && randoms[id] != nil:
				args[j] = randoms[id]
			case kind == "vector" && vectors[id] != nil:
				args[j] = vectors[id]
			case kind != "":
				return nil, s.errorf(fmt.Sprintf("%s.args[%d]", at, j), "no %s %q", kind, id)
			default:
				var x float64
				_ = json.Unmarshal(a, &x) // callArg has read it
				args[j] = x
			}
		}
		var call func() error
		switch {
		case c.PointProcess != "" && c.Setdata != nil:
			return nil, s.errorf(at, "give point_process or setdata, not both")
		case c.PointProcess != "":
			pp := pps[c.PointProcess]
			if pp == nil {
				pp = stims[c.PointProcess] // a NetStim is an artificial cell
			}
			if pp == nil {
				return nil, s.errorf(at+".point_process", "no point process or NetStim %q", c.PointProcess)
			}
			call = func() error {
				_, err := pp.CallWith(c.Call, args...)
				return err
			}
		case c.Setdata != nil:
			sec := m.Section(c.Setdata.Section)
			if sec == nil {
				return nil, s.errorf(at+".setdata.section", "no section %q", c.Setdata.Section)
			}
			suffix := "_" + c.Setdata.Mechanism
			if !strings.HasSuffix(c.Call, suffix) {
				return nil, s.errorf(at+".call", "%s: the hoc name of a density mechanism's FUNCTION ends in %s", c.Call, suffix)
			}
			name, seg := strings.TrimSuffix(c.Call, suffix), sec.At(c.Setdata.X)
			call = func() error {
				_, err := seg.CallWith(c.Setdata.Mechanism, name, args...)
				return err
			}
		default:
			return nil, s.errorf(at, "nmodlgo calls only a mechanism's FUNCTIONs and PROCEDUREs: give point_process or setdata")
		}
		calls = append(calls, func() error {
			if err := call(); err != nil {
				return s.errorf(at, "%v", err)
			}
			return nil
		})
	}
	return calls, nil
}

// setPointers sets the POINTERs the scenario gives, as NEURON's setpointer.
func (s *Scenario) setPointers(m *sim.Model, pps map[string]*sim.PointProcess) error {
	for i, ptr := range s.Pointers {
		at := fmt.Sprintf("pointers[%d]", i)
		t := ptr.Target
		target := func(g sim.Segment) sim.Ref {
			switch {
			case t.PointProcess != "":
				return pps[t.PointProcess].Ref(sim.Var(t.What))
			case t.SameSegment:
				return g.Ref(sim.Var(t.What))
			}
			return m.Section(t.Section).At(*t.X).Ref(sim.Var(t.What))
		}
		if t.What == "i_membrane" || t.What == "e_extracellular" {
			return s.notSupported(at+".target.what", "%s: the extracellular mechanism and i_membrane are not supported yet", t.What)
		}
		if ptr.PointProcess != "" {
			pp := pps[ptr.PointProcess]
			if err := pp.SetPointer(ptr.Pointer, target(pp.Segment())); err != nil {
				return s.errorf(at, "%v", err)
			}
			continue
		}
		for _, g := range m.Section(ptr.Section).Segments() {
			if err := g.SetPointer(ptr.Mechanism, ptr.Pointer, target(g)); err != nil {
				return s.errorf(at, "%v", err)
			}
		}
	}
	return nil
}
