package unitcheck

import (
	"math"
	"strconv"
	"strings"

	"github.com/nmodlgo/nmodlgo/ast"
	"github.com/nmodlgo/nmodlgo/internal/unitdb"
)

// The units of expressions, as modlunit's third pass computes them on its
// stack of units (src/modlunit/units.cpp, units1.cpp, parse1.ypp): a name
// has the units it is declared with, a number none and fits any units
// (isnum), a number in parentheses alone is a conversion factor, + and -
// and comparisons need the same units (dimensions, and factors within
// 1e-5), * and / combine them, ^ takes a dimensionless exponent, a
// function's arguments must have its parameters' units (a built-in's
// dimensionless with factor 1, or those of extargs.h), an assignment
// needs the units of its variable, a LOCAL takes those of what is
// assigned to it, s' has the units of s per ms, t undeclared is in ms, a
// UNITS factor has its units. UNITSOFF turns the checks off until UNITSON,
// in the order of the text. KINETIC blocks: kinetic.go.
//
// What this does not model is wild: it fits any units and is never
// reported, so that a file modlunit passes gets no warning (DISCRETE and
// PARTIAL blocks, names declared nowhere, which modlunit
// takes as dimensionless, functions defined in VERBATIM).

// uval is one value's units.
type uval struct {
	u     unitdb.Unit
	isnum bool // a plain number: takes the units of what it meets
	wild  bool // not modelled: fits anything
}

var (
	wild  = uval{wild: true}
	plain = uval{u: unitdb.Unit{Factor: 1}} // "": dimensionless, factor 1
)

// exprChecker walks the code blocks of a file in order.
type exprChecker struct {
	*checker
	on      bool // UNITSON (modlunit's unitonflag)
	defines map[string]bool
	factors map[string]uval // the named factors of UNITS blocks
	volumes map[string]uval // in a KINETIC block, its states' COMPARTMENT volumes
	flux    *uval           // the last reaction's flux: f_flux's and b_flux's units
	procs   map[string]*ast.Proc
	locals  []map[string]*uval // LOCALs and arguments, innermost last
	result  *ast.Proc          // the FUNCTION being checked
	time    uval               // the units of t, for a derivative
}

// checkExprs checks the units of the code of blocks.
func (c *checker) checkExprs(blocks []ast.Block) {
	e := &exprChecker{checker: c, on: true, defines: map[string]bool{}, factors: map[string]uval{}, procs: map[string]*ast.Proc{}}
	e.time = e.unitOf("ms")
	if d := c.decls["t"]; d != nil && d.Units != nil {
		e.time = e.unitOf(d.Units.Text)
	}
	for _, b := range blocks {
		switch b := b.(type) {
		case *ast.Define:
			e.defines[b.Name.Name] = true
		case *ast.UnitsBlock:
			for _, d := range b.Defs {
				switch {
				case d.Name == nil:
				case d.To != nil: // FARADAY = (faraday) (coulomb), R = 8.314 (J/mol-degC)
					e.factors[d.Name.Name] = e.unitOf(d.To.Text)
				case d.Value != nil: // PI = 3.14159
					e.factors[d.Name.Name] = plain
				default:
					e.factors[d.Name.Name] = wild
				}
			}
		case *ast.Proc:
			if b.Name != nil {
				e.procs[b.Name.Name] = b
			}
		}
	}
	// Top-level LOCALs are the blocks' shared locals, their units those
	// last assigned to them, in the order of the text.
	shared := map[string]*uval{}
	for _, b := range blocks {
		if l, ok := b.(*ast.Local); ok {
			for _, n := range l.Names {
				v := plain
				if n.Size != nil {
					v = wild
				}
				shared[n.Name.Name] = &v
			}
		}
	}
	e.locals = []map[string]*uval{shared}
	for _, b := range blocks {
		switch b := b.(type) {
		case *ast.UnitsOnOff:
			e.on = b.On
		case *ast.Proc:
			e.proc(b)
		}
	}
}

// unitOf evaluates a unit's text; wild if the database cannot (said
// where the unit is written).
func (e *exprChecker) unitOf(text string) uval {
	u, err := e.units.Eval(text)
	if err != nil {
		return wild
	}
	return uval{u: u}
}

func (e *exprChecker) proc(p *ast.Proc) {
	if p.Body == nil {
		return
	}
	switch p.Kind {
	case ast.Discrete, ast.Partial, ast.Terminal:
		e.skip(p.Body)
		return
	}
	scope := map[string]*uval{}
	for _, prm := range p.Params {
		v := plain
		if prm.Units != nil {
			v = e.unitOf(prm.Units.Text)
		}
		if prm.Size != nil {
			v = wild
		}
		scope[prm.Name.Name] = &v
	}
	e.locals = append(e.locals, scope)
	e.result = nil
	if p.Kind == ast.Function {
		e.result = p
	}
	if p.Kind == ast.Kinetic {
		e.kinetic(p)
	} else {
		e.block(p.Body)
	}
	e.locals = e.locals[:len(e.locals)-1]
}

func (e *exprChecker) block(b *ast.StmtBlock) {
	if b == nil {
		return
	}
	e.locals = append(e.locals, map[string]*uval{})
	for _, s := range b.Stmts {
		e.stmt(s)
	}
	e.locals = e.locals[:len(e.locals)-1]
}

func (e *exprChecker) stmt(s ast.Stmt) {
	switch s := s.(type) {
	case *ast.UnitsOnOff:
		e.on = s.On
	case *ast.Local:
		for _, n := range s.Names {
			v := plain
			if n.Size != nil {
				v = wild
			}
			e.locals[len(e.locals)-1][n.Name.Name] = &v
		}
	case *ast.Assign:
		e.assign(s)
	case *ast.ExprStmt:
		e.expr(s.X)
	case *ast.If:
		e.expr(s.Cond)
		e.block(s.Then)
		if s.Else != nil {
			e.stmt(s.Else)
		}
	case *ast.While:
		e.expr(s.Cond)
		e.block(s.Body)
	case *ast.For:
		e.expr(s.From)
		e.expr(s.To)
		e.locals = append(e.locals, map[string]*uval{s.Var.Name: &uval{u: plain.u}})
		e.block(s.Body)
		e.locals = e.locals[:len(e.locals)-1]
	case *ast.StmtBlock:
		e.block(s)
	case *ast.Protect:
		e.stmt(s.Stmt)
	case *ast.Reaction:
		e.reaction(s)
	case *ast.Conserve:
		e.conserve(s)
	default:
		// SOLVE, TABLE, VERBATIM, WATCH, … are not modelled
		e.skip(s)
	}
}

// skip passes over code not modelled; its UNITSON/UNITSOFF still count.
func (e *exprChecker) skip(n ast.Node) {
	ast.Inspect(n, func(n ast.Node) bool {
		if u, ok := n.(*ast.UnitsOnOff); ok {
			e.on = u.On
		}
		return true
	})
}

// assign is modlunit's asgn: a LOCAL takes the units of its value (as
// units: no longer a plain number); any other variable needs them.
func (e *exprChecker) assign(s *ast.Assign) {
	rhs := e.expr(s.Rhs)
	n, ok := s.Lhs.(*ast.Name)
	if ok && n.Primes == 0 {
		if l := e.local(n.Name); l != nil {
			*l = rhs
			l.isnum = false
			return
		}
	}
	var lhs uval
	switch {
	case ok && n.Primes == 1:
		lhs = e.name(n.Name)
		if !lhs.wild {
			lhs = div(lhs, e.time)
		}
	case ok && n.Primes > 1:
		lhs = wild
	default:
		lhs = e.expr(s.Lhs)
	}
	e.cmp(lhs, rhs, s.Rhs.Pos())
}

func (e *exprChecker) local(name string) *uval {
	for i := len(e.locals) - 1; i >= 0; i-- {
		if l, ok := e.locals[i][name]; ok {
			return l
		}
	}
	return nil
}

// name is the units of a variable.
func (e *exprChecker) name(name string) uval {
	if l := e.local(name); l != nil {
		v := *l
		v.isnum = false
		return v
	}
	if e.defines[name] {
		return uval{u: plain.u, isnum: true}
	}
	if e.result != nil && e.result.Name.Name == name {
		if e.result.Units == nil {
			return plain
		}
		return e.unitOf(e.result.Units.Text)
	}
	d := e.decls[name]
	if f, ok := e.factors[name]; ok && d == nil {
		return f
	}
	if d == nil {
		if name == "t" { // declared by NEURON, in ms
			return e.time
		}
		if (name == "f_flux" || name == "b_flux") && e.flux != nil {
			return *e.flux
		}
		// modlunit takes it as dimensionless ("zz undefined. (declared
		// within VERBATIM?)"), but its units also come from places not
		// modelled here (KINETIC's f_flux, COMPARTMENT volumes, ...)
		return wild
	}
	if d.Units == nil {
		return plain
	}
	return e.unitOf(d.Units.Text)
}

// extdef are NEURON's functions as modlunit knows them
// (src/modlunit/extdef.h): their arguments must be dimensionless, their
// value is, unless extArgs says otherwise.
var extdef = map[string]bool{}

func init() {
	for _, name := range strings.Fields(`fabs sqrt sin cos tan acos asin atan atan2 sinh cosh tanh
		floor ceil fmod log10 log pow printf prterr exp threshold force deflate expfit derivs
		spline hyperbol revhyperbol sigmoid revsigmoid harmonic squarewave sawtooth revsawtooth
		ramp pulse perpulse step perstep erf exprand factorial gauss normrand poisrand poisson
		setseed scop_random boundary romberg legendre invert stepforce schedule set_seed
		nrn_pointing state_discontinuity net_send net_move net_event nrn_random_play at_time
		nrn_ghk random_negexp random_normal random_uniform random_setseq random_setids
		random_ipick`) {
		extdef[name] = true
	}
}

// extArgs are the units of the value and of the arguments of the
// functions modlunit's extargs.h lists; "m9" is any units.
var extArgs = map[string][]string{
	"at_time":             {"", "ms"},
	"state_discontinuity": {"", "m9", "m9"},
	"net_send":            {"", "ms", "m9"},
	"net_event":           {"", "ms"},
	"net_move":            {"", "ms"},
	"nrn_ghk":             {"millicoulombs/cm3", "millivolt", "milli/liter", "milli/liter", ""},
}

func (e *exprChecker) expr(x ast.Expr) uval {
	switch x := x.(type) {
	case *ast.Number:
		if x.Units != nil {
			return e.unitOf(x.Units.Text)
		}
		return uval{u: plain.u, isnum: true}
	case *ast.Name:
		v := e.name(x.Name)
		for range x.Primes {
			v = div(v, e.time)
		}
		return v
	case *ast.Index:
		e.expr(x.Index)
		return e.name(x.X.Name)
	case *ast.Paren:
		v := e.expr(x.X)
		// (1000) alone is a conversion factor: its units are 1/1000
		if n, ok := x.X.(*ast.Number); ok && n.Units == nil && n.Value != 0 {
			return uval{u: unitdb.Unit{Factor: 1 / n.Value}}
		}
		if n, ok := x.X.(*ast.Name); ok && n.Primes == 0 && e.defines[n.Name] && e.local(n.Name) == nil {
			return wild // 1/DEFINE's value: not looked up here
		}
		return v
	case *ast.Unary:
		v := e.expr(x.X)
		if x.Op == "!" {
			return plain
		}
		return v
	case *ast.Binary:
		return e.binary(x)
	case *ast.Call:
		return e.call(x)
	}
	return wild
}

func (e *exprChecker) binary(x *ast.Binary) uval {
	a := e.expr(x.X)
	b := e.expr(x.Y)
	switch x.Op {
	case "+", "-":
		return e.cmp(a, b, x.Y.Pos())
	case "*":
		return mul(a, b)
	case "/":
		return div(a, b)
	case "^":
		e.less(b, x.Y.Pos())
		if n, ok := x.Y.(*ast.Number); ok && n.Units == nil && !strings.ContainsAny(n.Text, ".eE") {
			if a.wild {
				return wild
			}
			return pow(a, int(n.Value))
		}
		e.less(a, x.X.Pos())
		return plain
	case "&&", "||":
		return plain
	default: // comparisons
		e.cmp(a, b, x.Y.Pos())
		return plain
	}
}

func (e *exprChecker) call(x *ast.Call) uval {
	name := x.Fun.Name
	p := e.procs[name]
	switch {
	case p != nil && (p.Kind == ast.Function || p.Kind == ast.Procedure || p.Kind == ast.FunctionTable) && e.local(name) == nil:
		for i, a := range x.Args {
			v := e.expr(a)
			if i >= len(p.Params) {
				continue
			}
			want := plain
			if prm := p.Params[i]; prm.Size != nil {
				want = wild
			} else if prm.Units != nil {
				want = e.unitOf(prm.Units.Text)
			}
			e.cmp(want, v, a.Pos())
		}
		if p.Kind != ast.Procedure && p.Units != nil {
			return e.unitOf(p.Units.Text)
		}
		return plain
	case extdef[name] && p == nil:
		units, ok := extArgs[name]
		for i, a := range x.Args {
			v := e.expr(a)
			switch {
			case !ok:
				e.less(v, a.Pos())
			case i+1 < len(units) && units[i+1] != "m9":
				e.cmp(e.unitOf(units[i+1]), v, a.Pos())
			}
		}
		if ok {
			return e.unitOf(units[0])
		}
		return plain
	}
	for _, a := range x.Args {
		e.expr(a)
	}
	return wild
}

// cmp is modlunit's Unit_cmp: b must have a's units, unless either is a
// plain number; the result has a's units (b's if a is a number).
func (e *exprChecker) cmp(a, b uval, at ast.Pos) uval {
	switch {
	case a.wild || b.wild:
		return wild
	case b.isnum:
		return a
	case a.isnum:
		return uval{u: b.u}
	}
	if e.on {
		if a.u.Dim != b.u.Dim {
			e.warn(at, "the units of this expression, %s, are not those of the expression it meets, %s: modlunit refuses the file (\"not conformable\")", show(b.u), show(a.u))
		} else if outTolerance(a.u.Factor, b.u.Factor) {
			e.warn(at, "this expression, in %s, needs the conversion factor (%g) to meet %s: modlunit refuses the file", show(b.u), b.u.Factor/a.u.Factor, show(a.u))
		}
	}
	return a
}

// less is modlunit's unit_less: v must be dimensionless with factor 1.
func (e *exprChecker) less(v uval, at ast.Pos) {
	if v.wild || !e.on {
		return
	}
	if v.u.Dim != plain.u.Dim {
		e.warn(at, "this expression, in %s, must be dimensionless: modlunit refuses the file", show(v.u))
	} else if outTolerance(v.u.Factor, 1) {
		e.warn(at, "this expression needs the conversion factor (%g): modlunit refuses the file", 1/v.u.Factor)
	}
}

func outTolerance(a, b float64) bool { return math.Abs(b/a-1) > 1e-5 }

func mul(a, b uval) uval {
	if a.wild || b.wild {
		return wild
	}
	r := uval{isnum: a.isnum && b.isnum}
	r.u.Factor = a.u.Factor * b.u.Factor
	for i := range r.u.Dim {
		r.u.Dim[i] = a.u.Dim[i] + b.u.Dim[i]
	}
	return r
}

func div(a, b uval) uval {
	if a.wild || b.wild {
		return wild
	}
	r := uval{isnum: a.isnum && b.isnum}
	r.u.Factor = a.u.Factor / b.u.Factor
	for i := range r.u.Dim {
		r.u.Dim[i] = a.u.Dim[i] - b.u.Dim[i]
	}
	return r
}

// pow is modlunit's Unit_exponent: the dimensions times n, the factor
// multiplied by itself n-1 times (so left alone for n < 2).
func pow(a uval, n int) uval {
	r := uval{isnum: a.isnum, u: a.u}
	for i := range r.u.Dim {
		r.u.Dim[i] = a.u.Dim[i] * n
	}
	for i := 1; i < n; i++ {
		r.u.Factor *= a.u.Factor
	}
	return r
}

// primitives are the names of NEURON's primitive units, *a* to *j*.
var primitives = [...]string{"m", "kg", "sec", "coul", "candela", "dollar", "radian", "bit", "erlang", "K"}

// show writes units for a message, as modlunit does: the factor, then the
// primitives with their powers, "0.001 m2-kg/sec3-coul".
func show(u unitdb.Unit) string {
	var num, den []string
	for i, d := range u.Dim {
		name := primitives[i]
		switch {
		case d == 1:
			num = append(num, name)
		case d > 1:
			num = append(num, name+strconv.Itoa(d))
		case d == -1:
			den = append(den, name)
		case d < -1:
			den = append(den, name+strconv.Itoa(-d))
		}
	}
	s := strconv.FormatFloat(u.Factor, 'g', 6, 64)
	if len(num) > 0 {
		s += " " + strings.Join(num, "-")
	}
	if len(den) > 0 {
		s += "/" + strings.Join(den, "-")
	}
	return "(" + s + ")"
}
