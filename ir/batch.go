package ir

// CnexpBatch is where the cnexp steps that end a DERIVATIVE block start,
// when those steps, their exponentials with them, may be taken for many
// instances at once, apart from the rest of the block (a vector kernel),
// with the same result: each step's a and b read no state that an earlier step sets and
// call no FUNCTION or PROCEDURE (which could), the states are per-instance
// scalars, and at least one step has an exponential. Otherwise it is -1.
//
// Computing the block for a group of instances, then the exponentials,
// then the steps, does the same operations on the same values: a and b
// are evaluated in the same order as before, among the same statements;
// only the updates of the states move after them.
func (d *Deriv) CnexpBatch() int {
	if d.Method != Cnexp {
		return -1
	}
	start := len(d.Body)
	for start > 0 {
		if _, ok := d.Body[start-1].(*CnexpStep); !ok {
			break
		}
		start--
	}
	if start == len(d.Body) {
		return -1
	}
	set := map[*Var]bool{}
	exps := 0
	for _, s := range d.Body[start:] {
		st := s.(*CnexpStep)
		if st.State.Index != nil || st.State.Var.Storage != PerInstance || st.State.Var.Size != 1 {
			return -1
		}
		pure := true
		for _, e := range []Expr{st.A, st.B} {
			inspectExpr(e, func(e Expr) bool {
				switch e := e.(type) {
				case *Call:
					pure = false
				case *VarRef:
					if set[e.Var] {
						pure = false
					}
				}
				return pure
			})
		}
		if !pure {
			return -1
		}
		if v, ok := ConstValue(st.A); !ok || v != 0 {
			exps++
		}
		set[st.State.Var] = true
	}
	if exps == 0 {
		return -1
	}
	return start
}
