package sim

import (
	"fmt"
	"math"
	"strings"

	"github.com/nmodlgo/nmodlgo/mechimpl"
)

// Call calls the point process's FUNCTION or PROCEDURE name with args, as
// hoc's pp.name(args…), and returns the FUNCTION's value (1 for a
// PROCEDURE, as hoc returns). The body runs with the v of the point
// process's segment and the ion values there (an artificial cell has
// none). A mechanism's own wrapper of set_seed, called this way, seeds
// NEURON's scop_random stream as it does in NEURON.
func (pp *PointProcess) Call(name string, args ...float64) (_ float64, err error) {
	if pp == nil {
		return 0, errNilPointProcess
	}
	defer pp.in.mt.m.note(&err)
	return pp.in.call(name, args)
}

// Call calls FUNCTION or PROCEDURE name of the density mechanism mech at
// the segment, as hoc's setdata_<mech>(sec(x)) then name_<mech>(args…):
// see PointProcess.Call.
func (g Segment) Call(mech, name string, args ...float64) (_ float64, err error) {
	if g.sec == nil {
		return 0, errNilSection
	}
	defer g.sec.model.note(&err)
	if err := g.check(); err != nil {
		return 0, fmt.Errorf("call %s: %w", name, err)
	}
	di := g.sec.mechanism(mech)
	if di == nil {
		return 0, fmt.Errorf("call %s: %s is not inserted in %s", name, mech, g.sec.name)
	}
	return di.inst[g.index()].call(name, args)
}

func (in *instance) call(name string, args []float64) (float64, error) {
	mt := in.mt
	info := mt.info
	where := fmt.Sprintf("call %s of %s", name, info.Name)
	proc := -1
	var names []string
	for i, p := range info.Procs {
		names = append(names, p.Name)
		if p.Name == name {
			proc = i
		}
	}
	if proc < 0 {
		if len(names) == 0 {
			return 0, fmt.Errorf("%s: %s has no FUNCTION or PROCEDURE", where, info.Name)
		}
		return 0, fmt.Errorf("%s: no FUNCTION or PROCEDURE of that name (it has: %s)", where, strings.Join(names, ", "))
	}
	p := info.Procs[proc]
	if len(args) != len(p.Params) {
		return 0, fmt.Errorf("%s: %d arguments given, it takes %d (%s)", where, len(args), len(p.Params), strings.Join(p.Params, ", "))
	}
	for i, a := range args {
		if math.IsNaN(a) || math.IsInf(a, 0) {
			return 0, fmt.Errorf("%s: argument %s is %g", where, p.Params[i], a)
		}
	}
	m := mt.m
	if err := m.build(); err != nil {
		return 0, fmt.Errorf("%s: %w", where, err)
	}
	caller, ok := mt.kernel.(mechimpl.Caller)
	if !ok {
		return 0, fmt.Errorf("%s: the generated package has no Call; regenerate it with this nmodlgo", where)
	}
	m.ctx.ClearErr()
	r := caller.Call(proc, in.idx, args)
	if err := m.ctx.Err(); err != nil {
		m.ctx.ClearErr()
		return r, fmt.Errorf("%s: %w", where, err)
	}
	return r, nil
}
