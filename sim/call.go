package sim

import (
	"fmt"
	"math"
	"reflect"
	"strings"

	"github.com/nmodlgo/nmodlgo/mechimpl"
)

// Call calls the point process's FUNCTION or PROCEDURE name with args, as
// hoc's pp.name(args…), and returns the FUNCTION's value (1 for a
// PROCEDURE, as hoc returns). The body runs with the v of the point
// process's segment and the ion values there (an artificial cell has
// none). A mechanism's own wrapper of set_seed, called this way, seeds
// NEURON's scop_random stream as it does in NEURON.
func (pp *PointProcess) Call(name string, args ...float64) (float64, error) {
	return pp.CallWith(name, numbers(args)...)
}

// CallWith is Call with hoc objects among the arguments, for VERBATIM
// code that reads them: a *Vector of NewVector's (vector_arg, as
// VecStim's play(vec)) or a Random (nrn_random_arg; any mechimpl.Picker, such as
// *random.Random), besides numbers (float64 or int). Such a FUNCTION or
// PROCEDURE may take more arguments than it declares, as in hoc.
func (pp *PointProcess) CallWith(name string, args ...any) (_ float64, err error) {
	if pp == nil {
		return 0, errNilPointProcess
	}
	defer pp.in.mt.m.note(&err)
	return pp.in.call(name, args)
}

// Call calls FUNCTION or PROCEDURE name of the density mechanism mech at
// the segment, as hoc's setdata_<mech>(sec(x)) then name_<mech>(args…):
// see PointProcess.Call.
func (g Segment) Call(mech, name string, args ...float64) (float64, error) {
	return g.CallWith(mech, name, numbers(args)...)
}

// CallWith is Segment.Call with hoc objects among the arguments: see
// PointProcess.CallWith.
func (g Segment) CallWith(mech, name string, args ...any) (_ float64, err error) {
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

func numbers(xs []float64) []any {
	args := make([]any, len(xs))
	for i, x := range xs {
		args[i] = x
	}
	return args
}

// callArgs checks the arguments of a call and gives each as the runtime
// takes it: float64, *Vector or mechimpl.Picker.
func callArgs(args []any, params []string) ([]any, error) {
	out := make([]any, len(args))
	for i, a := range args {
		name := fmt.Sprint(i + 1)
		if i < len(params) {
			name = params[i]
		}
		switch a := a.(type) {
		case float64:
			if math.IsNaN(a) || math.IsInf(a, 0) {
				return nil, fmt.Errorf("argument %s is %g", name, a)
			}
			out[i] = a
		case int:
			out[i] = float64(a)
		case *Vector:
			switch {
			case a == nil:
				return nil, fmt.Errorf("argument %s is a nil *Vector", name)
			case a.given == nil:
				return nil, fmt.Errorf("argument %s is a Vector that records %s: hand a mechanism one of NewVector's (NewVector(rec.Values()))", name, a.Name())
			}
			out[i] = a.given
		case mechimpl.Picker:
			if a == nil || reflect.ValueOf(a).Kind() == reflect.Pointer && reflect.ValueOf(a).IsNil() {
				return nil, fmt.Errorf("argument %s is a nil %T", name, a)
			}
			out[i] = a
		default:
			return nil, fmt.Errorf("argument %s is a %T: hoc's arguments are numbers, a *sim.Vector or a Random (mechimpl.Picker)", name, a)
		}
	}
	return out, nil
}

func (in *instance) call(name string, given []any) (float64, error) {
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
	switch {
	case p.Variadic && len(given) < len(p.Params):
		return 0, fmt.Errorf("%s: %d arguments given, it takes at least %d (%s)", where, len(given), len(p.Params), strings.Join(p.Params, ", "))
	case !p.Variadic && len(given) != len(p.Params):
		return 0, fmt.Errorf("%s: %d arguments given, it takes %d (%s)", where, len(given), len(p.Params), strings.Join(p.Params, ", "))
	}
	all, err := callArgs(given, p.Params)
	if err != nil {
		return 0, fmt.Errorf("%s: %w", where, err)
	}
	args := make([]float64, len(p.Params))
	for i := range args {
		x, ok := all[i].(float64)
		if !ok {
			return 0, fmt.Errorf("%s: argument %s is a %T, not a number", where, p.Params[i], all[i])
		}
		args[i] = x
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
	m.ctx.SetCallArgs(all)
	r := caller.Call(proc, in.idx, args)
	m.ctx.SetCallArgs(nil)
	if err := m.ctx.Err(); err != nil {
		m.ctx.ClearErr()
		return r, fmt.Errorf("%s: %w", where, err)
	}
	return r, nil
}
