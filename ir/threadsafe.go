package ir

import (
	"github.com/nmodlgo/nmodlgo/ast"
	"github.com/nmodlgo/nmodlgo/check"
)

// threadsafe is nocmodl 8.2's decision to translate the mechanism
// VECTORIZED (thread safe), which decides when its TABLEs are built. The
// rule (src/nmodl: parsact.cpp threadsafe(), nocpout.cpp chk_thread_safe(),
// solve.cpp), checked against nocmodl on every file of the corpus:
//
// Without THREADSAFE, a mechanism is not thread safe if a name of a GLOBAL
// statement is assigned (outside PROTECT; one PROTECTed assignment exempts
// it), or if it has VERBATIM text, POINTER, BBCOREPOINTER or EXTERNAL, or
// calls one of the functions of extdef5.h (normrand, …). THREADSAFE
// cancels the GLOBAL rule wherever it stands, the others only where it
// comes first in the file, since nocmodl decides them as it reads.
//
// Even with THREADSAFE it is not thread safe for SUFFIX nothing; a SOLVE of
// a DERIVATIVE block in BREAKPOINT by a method other than cnexp,
// derivimplicit or euler (no METHOD means adrunge); a SOLVE of a KINETIC
// block in BREAKPOINT by a method for derivatives; a SOLVE of a LINEAR,
// NONLINEAR, DISCRETE or PARTIAL block; state_discontinuity outside
// NET_RECEIVE; an ARTIFICIAL_CELL with a top-level LOCAL or a SOLVE by
// derivimplicit or sparse.
func (l *lowerer) threadsafe() bool {
	declared := false // THREADSAFE seen so far, in reading order
	unsafe := false   // a reason THREADSAFE cancels, met before it
	always := false   // a reason it does not cancel
	artificial := l.m.Kind == ast.ArtificialCell
	threadData := false // an ARTIFICIAL_CELL would need per-thread data
	assigned := map[*check.Object]bool{}
	protected := map[*check.Object]bool{}
	explicitGlobal := func(o *check.Object) bool {
		return o != nil && o.Kind == check.Var && l.globals[o.Name]
	}
	for _, b := range l.info.Blocks {
		switch b := b.(type) {
		case *ast.NeuronBlock:
			for _, s := range b.Stmts {
				switch s := s.(type) {
				case *ast.MechName:
					always = always || s.Name.Name == "nothing" && s.Kind == ast.Suffix
				case *ast.NameList:
					switch s.Kind {
					case ast.Threadsafe:
						declared = true
					case ast.Pointer, ast.BbcorePointer, ast.External:
						unsafe = unsafe || !declared
					}
				}
			}
			continue
		case *ast.Verbatim:
			unsafe = unsafe || !declared
			continue
		case *ast.Local:
			threadData = true
			continue
		}
		p, ok := b.(*ast.Proc)
		if !ok {
			continue
		}
		inProtect := map[ast.Node]bool{}
		ast.Inspect(p.Body, func(n ast.Node) bool {
			switch s := n.(type) {
			case *ast.Verbatim:
				unsafe = unsafe || !declared
			case *ast.Protect:
				ast.Inspect(s.Stmt, func(n ast.Node) bool {
					inProtect[n] = true
					return true
				})
			case *ast.Assign:
				var target *ast.Name
				switch lhs := s.Lhs.(type) {
				case *ast.Name:
					target = lhs
				case *ast.Index:
					target = lhs.X
				}
				if target != nil && target.Primes == 0 {
					if o := l.info.Uses[target]; explicitGlobal(o) {
						if inProtect[s] {
							protected[o] = true
						} else {
							assigned[o] = true
						}
					}
				}
			case *ast.Call:
				if o := l.info.Uses[s.Fun]; o != nil && o.Kind == check.Builtin {
					switch {
					case extdef5[s.Fun.Name]:
						unsafe = unsafe || !declared
					case s.Fun.Name == "state_discontinuity" && p.Kind != ast.NetReceive:
						always = true
					}
				}
			case *ast.Solve:
				always = always || l.unsafeSolve(p, s)
				method := ""
				if s.Method != nil {
					method = s.Method.Name
				} else if s.SteadyState != nil {
					method = s.SteadyState.Name
				}
				threadData = threadData || method == "derivimplicit" || method == "sparse"
			}
			return true
		})
	}
	for o := range assigned {
		if !protected[o] && !declared {
			unsafe = true
		}
	}
	if artificial && threadData {
		always = true
	}
	return !unsafe && !always
}

// unsafeSolve reports whether a SOLVE makes nocmodl give up thread safety
// whatever the file says (solve.cpp).
func (l *lowerer) unsafeSolve(in *ast.Proc, s *ast.Solve) bool {
	o := l.info.Uses[s.Block]
	if o == nil || o.Proc() == nil {
		return false
	}
	method := ""
	if s.Method != nil {
		method = s.Method.Name
	}
	switch o.Proc().Kind {
	case ast.Derivative:
		if in.Kind != ast.Breakpoint || s.SteadyState != nil {
			return false
		}
		return method != "cnexp" && method != "derivimplicit" && method != "euler"
	case ast.Kinetic:
		return in.Kind == ast.Breakpoint && derivMethods[method]
	case ast.Linear, ast.NonLinear, ast.Discrete, ast.Partial:
		return true
	}
	return false
}

// extdef5 are the functions nocmodl calls not thread safe (extdef5.h).
var extdef5 = map[string]bool{
	"force": true, "deflate": true, "expfit": true, "derivs": true, "spline": true,
	"exprand": true, "gauss": true, "normrand": true, "poisrand": true, "poisson": true,
	"setseed": true, "scop_random": true, "boundary": true, "romberg": true, "invert": true,
	"stepforce": true, "schedule": true, "set_seed": true, "nrn_random_play": true,
}

// derivMethods are the methods for DERIVATIVE blocks that nocmodl also
// accepts for KINETIC ones.
var derivMethods = map[string]bool{
	"adams": true, "runge": true, "euler": true, "adeuler": true, "heun": true,
	"adrunge": true, "gear": true, "clsoda": true,
}

// parallel decides Mechanism.Parallel.
func (l *lowerer) parallel() bool {
	if !l.m.Threadsafe || l.m.Kind == ast.ArtificialCell {
		return false
	}
	ok := true
	for _, b := range l.info.Blocks {
		ast.Inspect(b, func(n ast.Node) bool {
			if c, isCall := n.(*ast.Call); isCall && (c.Fun.Name == "erand" || c.Fun.Name == "printf") {
				ok = false
			}
			return ok
		})
	}
	return ok
}
