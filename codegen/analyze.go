package codegen

import (
	"slices"
	"strconv"
	"strings"

	"github.com/nmodlgo/nmodlgo/ast"
	"github.com/nmodlgo/nmodlgo/check"
	"github.com/nmodlgo/nmodlgo/diag"
)

// Storage says where a variable lives in generated code.
type Storage int

const (
	PerInstance Storage = iota // one value per instance: k.name[ix]
	Shared                     // one value per model (GLOBAL): k.name
	Loaded                     // an ion variable only READ: copied from the ion before each instance's block, k.name
	Special                    // v, t, dt, celsius, area, diam: from the runtime
	Constant                   // CONSTANT or a UNITS factor: a Go constant
)

// Var is one variable of the mechanism.
type Var struct {
	Name    string
	Units   string
	Decl    ast.DeclKind
	Storage Storage
	Public  bool    // visible by name (RANGE, STATE, currents)
	Default float64 // from PARAMETER/CONSTANT, else 0
	Size    int     // array length, 1 for scalars
	Ion     *Ion    // the ion it belongs to, for ion variables
	Hidden  bool    // a top-level LOCAL: shared, but not a GLOBAL by name
	Pos     ast.Pos
}

// Ion is one USEION statement, resolved.
type Ion struct {
	Name    string
	Read    []string
	Write   []string
	Valence float64
	Field   string // Go field holding the *rt.Ion
}

// Table is a TABLE statement and the procedure or function it belongs to.
type Table struct {
	Proc   *ast.Proc
	Stmt   *ast.Table
	Vars   []string // tabulated variables (empty for a FUNCTION: its value)
	Depend []string
}

// Mechanism is the checked model of one .mod file, ready for emission.
type Mechanism struct {
	File       *ast.File
	Name       string // SUFFIX or POINT_PROCESS name
	Kind       ast.MechKind
	Title      string
	Threadsafe bool
	Vars       []*Var // in declaration order
	byName     map[string]*Var
	Ions       []*Ion
	Currents   []string // summed in BREAKPOINT, in NEURON-block order
	Electrode  bool

	Defines map[string]float64 // DEFINE name value

	Initial    *ast.Proc
	Breakpoint *ast.Proc
	NetReceive *ast.Proc
	BA         []*ast.Proc // BEFORE and AFTER blocks, in source order
	Solves     []*Solve
	Procs      []*ast.Proc // PROCEDURE and FUNCTION, in source order
	procByName map[string]*ast.Proc
	Derivs     map[string]*ast.Proc
	Tables     map[*ast.Proc]*Table
}

// Solve is one SOLVE of the BREAKPOINT block.
type Solve struct {
	Stmt   *ast.Solve
	Block  *ast.Proc
	Method string
}

// Var returns the variable called name, or nil.
func (m *Mechanism) Var(name string) *Var { return m.byName[name] }

// specials are the names NEURON provides to every mechanism.
var specials = map[string]string{
	"v": "mV", "t": "ms", "dt": "ms", "celsius": "degC", "area": "um2", "diam": "um",
}

// Analyze checks a parsed file and builds its Mechanism. The file must pass
// package check first (Analyze runs it); what remains here is what code
// generation needs and what it does not support yet. Problems are returned
// as a diag.List with positions.
func Analyze(f *ast.File) (*Mechanism, error) {
	if _, diags := check.File(f); diags.HasErrors() {
		return nil, diags.Errors()
	}
	a := &analyzer{m: &Mechanism{
		File:       f,
		byName:     map[string]*Var{},
		procByName: map[string]*ast.Proc{},
		Derivs:     map[string]*ast.Proc{},
		Tables:     map[*ast.Proc]*Table{},
		Defines:    map[string]float64{},
	}}
	a.run()
	if len(a.errs) > 0 {
		a.errs.Sort()
		return nil, a.errs
	}
	return a.m, nil
}

type analyzer struct {
	m    *Mechanism
	errs diag.List
	// NEURON-block facts gathered before the declarations are read.
	ranges   map[string]bool // RANGE names (and currents)
	globals  map[string]bool
	currents map[string]bool
}

func (a *analyzer) errorf(pos ast.Pos, format string, args ...any) {
	if pos.File == nil {
		pos.File = a.m.File.Source
	}
	a.errs.Unsupportedf(pos, format, args...)
}

func (a *analyzer) run() {
	m := a.m
	a.ranges, a.globals, a.currents = map[string]bool{}, map[string]bool{}, map[string]bool{}
	var neuron *ast.NeuronBlock
	for _, b := range m.File.Blocks {
		switch b := b.(type) {
		case *ast.Title:
			if m.Title == "" {
				m.Title = strings.TrimSpace(b.Text)
			}
		case *ast.NeuronBlock:
			if neuron != nil {
				a.errorf(b.At, "second NEURON block (the first is at line %d)", neuron.At.Line)
			}
			neuron = b
		}
	}
	if neuron == nil {
		a.errorf(m.File.Source.Start(), "no NEURON block: a mechanism needs NEURON { SUFFIX name } or POINT_PROCESS name")
		return
	}
	a.neuronBlock(neuron)
	for _, b := range m.File.Blocks {
		if d, ok := b.(*ast.Define); ok {
			m.Defines[d.Name.Name] = d.Value.Value
		}
	}
	for _, b := range m.File.Blocks {
		switch b := b.(type) {
		case *ast.DeclBlock:
			a.declBlock(b)
		case *ast.UnitsBlock:
			a.unitFactors(b)
		case *ast.Local:
			// A top-level LOCAL is a variable of the file that every
			// instance shares (a static in nocmodl's C).
			for _, n := range b.Names {
				size := 1.0
				if n.Size != nil {
					var ok bool
					if size, ok = a.m.constant(n.Size); !ok || size < 1 || size != float64(int(size)) {
						a.errorf(n.At, "the size of LOCAL %s must be a positive integer", n.Name.Name)
						continue
					}
				}
				a.declare(&Var{Name: n.Name.Name, Decl: ast.Assigned, Storage: Shared, Hidden: true, Size: int(size), Pos: n.At})
			}
		}
	}
	a.implicitVars()
	for _, b := range m.File.Blocks {
		switch b := b.(type) {
		case *ast.Proc:
			a.proc(b)
		case *ast.Verbatim:
			a.errorf(b.At, "VERBATIM blocks hold C code, which nmodlgo cannot compile to Go")
		case *ast.Plot, *ast.Stepped, *ast.ModelLevel:
			a.errorf(b.Pos(), "%s is a legacy construct that nmodlgo reads but does not compile", legacyName(b))
		}
	}
	if m.Breakpoint != nil {
		a.solves()
	}
	for _, p := range m.Procs {
		a.tables(p)
	}
}

func (a *analyzer) neuronBlock(nb *ast.NeuronBlock) {
	m := a.m
	seenName := false
	for _, s := range nb.Stmts {
		switch s := s.(type) {
		case *ast.MechName:
			if seenName {
				a.errorf(s.At, "%s %s: the mechanism already has a name, %s", s.Kind, s.Name.Name, m.Name)
				continue
			}
			seenName = true
			m.Name, m.Kind = s.Name.Name, s.Kind
		case *ast.UseIon:
			ion := &Ion{Name: s.Name.Name, Field: "ion" + export(s.Name.Name)}
			for _, r := range s.Read {
				ion.Read = append(ion.Read, r.Name)
			}
			for _, w := range s.Write {
				ion.Write = append(ion.Write, w.Name)
			}
			if s.Valence != nil {
				z, ok := constValue(s.Valence)
				if !ok {
					a.errorf(s.Valence.Pos(), "VALENCE must be a number")
				}
				ion.Valence = z
			}
			for _, name := range append(append([]string{}, ion.Read...), ion.Write...) {
				if !ionVarOf(ion.Name, name) {
					a.errorf(s.At, "USEION %s: %s is not a variable of ion %s (expected e%s, %si, %so or i%s)",
						ion.Name, name, ion.Name, ion.Name, ion.Name, ion.Name, ion.Name)
				}
			}
			for _, w := range ion.Write {
				if w == "i"+ion.Name {
					m.Currents = append(m.Currents, w)
					a.currents[w] = true
				}
			}
			m.Ions = append(m.Ions, ion)
		case *ast.NameList:
			for _, n := range s.Names {
				switch s.Kind {
				case ast.Range:
					a.ranges[n.Name] = true
				case ast.Global:
					a.globals[n.Name] = true
				case ast.NonspecificCurrent, ast.ElectrodeCurrent:
					if s.Kind == ast.ElectrodeCurrent {
						m.Electrode = true
					}
					m.Currents = append(m.Currents, n.Name)
					a.currents[n.Name] = true
					a.ranges[n.Name] = true
				case ast.Threadsafe:
					// THREADSAFE a, b: GLOBALs that become per-thread; in
					// nmodlgo every model has its own globals anyway.
				default:
					a.errorf(n.At, "%s is not supported yet", s.Kind)
				}
			}
			if s.Kind == ast.Threadsafe {
				m.Threadsafe = true
			}
		}
	}
	if !seenName {
		a.errorf(nb.At, "the NEURON block names no mechanism: add SUFFIX name or POINT_PROCESS name")
	}
}

func legacyName(b ast.Block) string {
	switch b.(type) {
	case *ast.Plot:
		return "PLOT"
	case *ast.Stepped:
		return "STEPPED"
	}
	return "MODEL_LEVEL"
}

// unitFactorValues are the named factors of the UNITS block that nmodlgo
// knows, with the values NEURON 8.2 gives them (2019 SI constants).
var unitFactorValues = map[[2]string]float64{
	{"faraday", "coulomb"}:       96485.33212331001,
	{"faraday", "coul"}:          96485.33212331001,
	{"faraday", "kilocoulombs"}:  96.48533212331001,
	{"faraday", "10000 coulomb"}: 9.648533212331001,
	{"k-mole", "joule/degC"}:     8.31446261815324,
	{"pi", "1"}:                  3.141592653589793,
}

// unitFactors declares the named constants of a UNITS block.
func (a *analyzer) unitFactors(b *ast.UnitsBlock) {
	for _, d := range b.Defs {
		if d.Name == nil {
			continue
		}
		v := &Var{Name: d.Name.Name, Decl: ast.Constant, Storage: Constant, Size: 1, Pos: d.At}
		switch {
		case d.Value != nil:
			v.Default = d.Value.Value
		case d.From != nil && d.To != nil:
			x, ok := unitFactorValues[[2]string{d.From.Text, d.To.Text}]
			if !ok {
				a.errorf(d.At, "the unit factor %s = (%s) (%s) is not supported yet (known: FARADAY = (faraday) (coulomb), R = (k-mole) (joule/degC), PI = (pi) (1), and plain numbers)",
					d.Name.Name, d.From.Text, d.To.Text)
				continue
			}
			v.Default = x
		default:
			continue
		}
		a.declare(v)
	}
}

// ionVarOf reports whether name is one of ion's variables.
func ionVarOf(ion, name string) bool {
	return name == "e"+ion || name == ion+"i" || name == ion+"o" || name == "i"+ion
}

func (a *analyzer) declare(v *Var) {
	if old := a.m.byName[v.Name]; old != nil {
		a.errorf(v.Pos, "%s is declared twice (first at line %d)", v.Name, old.Pos.Line)
		return
	}
	a.m.byName[v.Name] = v
	a.m.Vars = append(a.m.Vars, v)
}

func (a *analyzer) ionOf(name string) *Ion {
	for _, ion := range a.m.Ions {
		for _, n := range append(append([]string{}, ion.Read...), ion.Write...) {
			if n == name {
				return ion
			}
		}
	}
	return nil
}

func (a *analyzer) declBlock(d *ast.DeclBlock) {
	for _, vd := range d.Decls {
		name := vd.Name.Name
		v := &Var{Name: name, Decl: d.Kind, Size: 1, Pos: vd.At}
		if vd.Units != nil {
			v.Units = vd.Units.Text
		}
		if vd.Size != nil {
			n, ok := a.m.constant(vd.Size)
			if !ok || n < 1 || n != float64(int(n)) {
				a.errorf(vd.Size.Pos(), "array size of %s must be a positive integer", name)
				n = 1
			}
			v.Size = int(n)
		}
		if vd.Value != nil {
			x, ok := constValue(vd.Value)
			if !ok {
				a.errorf(vd.Value.Pos(), "the value of %s must be a number", name)
			}
			v.Default = x
		}
		if _, ok := specials[name]; ok {
			if d.Kind == ast.State {
				a.errorf(vd.At, "%s is provided by the simulator and cannot be a STATE", name)
			}
			continue // declared for its units only
		}
		v.Ion = a.ionOf(name)
		switch d.Kind {
		case ast.Parameter:
			v.Storage, v.Public = Shared, false
			if a.ranges[name] {
				v.Storage, v.Public = PerInstance, true
			}
		case ast.Assigned:
			v.Storage, v.Public = PerInstance, a.ranges[name]
			if a.globals[name] {
				v.Storage, v.Public = Shared, false
			}
		case ast.State:
			v.Storage, v.Public = PerInstance, true
		case ast.Constant:
			v.Storage = Constant
		case ast.Independent:
			continue
		default:
			a.errorf(vd.At, "%s declarations are not supported", d.Kind)
		}
		if v.Ion != nil {
			v.Storage, v.Public = ionStorage(v.Ion, name), false
		}
		if v.Decl == ast.State && a.globals[name] {
			a.errorf(vd.At, "STATE %s cannot be GLOBAL", name)
		}
		a.declare(v)
	}
}

// ionStorage is where an ion variable lives: one that is only read needs no
// per-instance copy, as the ion holds it; one the mechanism writes does.
func ionStorage(ion *Ion, name string) Storage {
	if slices.Contains(ion.Write, name) {
		return PerInstance
	}
	return Loaded
}

// implicitVars declares what the NEURON block implies but the file did not
// declare: ion variables and currents.
func (a *analyzer) implicitVars() {
	for _, ion := range a.m.Ions {
		for _, n := range append(append([]string{}, ion.Read...), ion.Write...) {
			if a.m.byName[n] == nil {
				a.declare(&Var{Name: n, Decl: ast.Assigned, Storage: ionStorage(ion, n), Size: 1, Ion: ion})
			}
		}
	}
	for _, c := range a.m.Currents {
		if a.m.byName[c] == nil {
			a.declare(&Var{Name: c, Decl: ast.Assigned, Storage: PerInstance, Public: true, Size: 1})
		}
	}
	// A RANGE name declared nowhere is ignored, as nocmodl ignores it when
	// no code uses it (package check reports a use).
}

func (a *analyzer) proc(p *ast.Proc) {
	m := a.m
	switch p.Kind {
	case ast.Initial:
		if m.Initial != nil {
			a.errorf(p.At, "second INITIAL block")
		}
		m.Initial = p
	case ast.Breakpoint:
		if m.Breakpoint != nil {
			a.errorf(p.At, "second BREAKPOINT block")
		}
		m.Breakpoint = p
	case ast.NetReceive:
		m.NetReceive = p
	case ast.Before, ast.After:
		m.BA = append(m.BA, p)
	case ast.Derivative:
		if a.defineProc(p) {
			m.Derivs[p.Name.Name] = p
		}
	case ast.Procedure, ast.Function:
		if a.defineProc(p) {
			m.Procs = append(m.Procs, p)
		}
	case ast.Kinetic, ast.Linear, ast.NonLinear:
		a.defineProc(p) // reported by the SOLVE that names it
	default:
		a.errorf(p.At, "%s blocks are not supported yet", p.Kind)
	}
}

func (a *analyzer) defineProc(p *ast.Proc) bool {
	name := p.Name.Name
	if old := a.m.procByName[name]; old != nil {
		a.errorf(p.Name.At, "%s %s is defined twice (first at line %d)", p.Kind, name, old.At.Line)
		return false
	}
	if v := a.m.byName[name]; v != nil {
		a.errorf(p.Name.At, "%s %s has the name of a variable declared at line %d", p.Kind, name, v.Pos.Line)
		return false
	}
	a.m.procByName[name] = p
	return true
}

// Proc returns the PROCEDURE, FUNCTION or DERIVATIVE block called name.
func (m *Mechanism) Proc(name string) *ast.Proc { return m.procByName[name] }

func (a *analyzer) solves() {
	m := a.m
	for _, s := range m.Breakpoint.Body.Stmts {
		sv, ok := s.(*ast.Solve)
		if !ok {
			continue
		}
		name := sv.Block.Name
		blk := m.procByName[name]
		if blk != nil && blk.Kind == ast.Procedure && len(blk.Params) == 0 && sv.SteadyState == nil {
			// SOLVE of a PROCEDURE (with no METHOD, or after_cvode and its
			// kin, which mean the same in fixed step): called in the
			// state phase, after the voltage update, as nrn_state does.
			method := "procedure"
			if sv.Method != nil && !strings.HasPrefix(sv.Method.Name, "cvode_") && sv.Method.Name != "after_cvode" {
				a.errorf(sv.At, "SOLVE %s METHOD %s: a PROCEDURE is solved with no METHOD or after_cvode", name, sv.Method.Name)
				continue
			}
			m.Solves = append(m.Solves, &Solve{Stmt: sv, Block: blk, Method: method})
			continue
		}
		if blk != nil && blk.Kind == ast.Kinetic && sv.SteadyState == nil {
			if sv.Method == nil || sv.Method.Name != "sparse" {
				a.errorf(sv.At, "SOLVE %s: a KINETIC block is solved with METHOD sparse here", name)
				continue
			}
			m.Solves = append(m.Solves, &Solve{Stmt: sv, Block: blk, Method: "sparse"})
			continue
		}
		if blk == nil || blk.Kind != ast.Derivative {
			if blk != nil {
				a.errorf(sv.Block.At, "SOLVE %s: %s is a %s; only DERIVATIVE blocks are supported yet", name, name, blk.Kind)
			} else {
				a.errorf(sv.Block.At, "SOLVE %s: there is no block called %s", name, name)
			}
			continue
		}
		if sv.SteadyState != nil {
			a.errorf(sv.SteadyState.At, "SOLVE … STEADYSTATE is not supported yet")
			continue
		}
		method := "derivimplicit"
		if sv.Method != nil {
			method = sv.Method.Name
		}
		if method != "cnexp" && method != "euler" && method != "derivimplicit" && method != "runge" {
			a.errorf(sv.At, "SOLVE %s METHOD %s: only cnexp, derivimplicit, euler and runge are supported yet", name, method)
			continue
		}
		m.Solves = append(m.Solves, &Solve{Stmt: sv, Block: blk, Method: method})
	}
}

func (a *analyzer) tables(p *ast.Proc) {
	for _, s := range p.Body.Stmts {
		ts, ok := s.(*ast.Table)
		if !ok {
			continue
		}
		if len(p.Params) != 1 {
			a.errorf(ts.At, "TABLE in %s %s: a tabulated %s must take exactly one argument, it takes %d",
				p.Kind, p.Name.Name, strings.ToLower(p.Kind.String()), len(p.Params))
			continue
		}
		if p.Kind == ast.Function && len(ts.Vars) > 0 {
			a.errorf(ts.At, "TABLE in FUNCTION %s: a function's table holds its value; list no variables", p.Name.Name)
			continue
		}
		if p.Kind == ast.Procedure && len(ts.Vars) == 0 {
			a.errorf(ts.At, "TABLE in PROCEDURE %s: name the variables to tabulate", p.Name.Name)
			continue
		}
		if _, dup := a.m.Tables[p]; dup {
			a.errorf(ts.At, "second TABLE in %s", p.Name.Name)
			continue
		}
		t := &Table{Proc: p, Stmt: ts}
		for _, v := range ts.Vars {
			if a.m.byName[v.Name] == nil {
				a.errorf(v.At, "TABLE %s: %s is not declared", v.Name, v.Name)
			}
			t.Vars = append(t.Vars, v.Name)
		}
		for _, d := range ts.Depend {
			if a.m.byName[d.Name] == nil && specials[d.Name] == "" {
				a.errorf(d.At, "TABLE … DEPEND %s: %s is not declared", d.Name, d.Name)
			} else if v := a.m.byName[d.Name]; v != nil && v.Storage == PerInstance {
				a.errorf(d.At, "TABLE … DEPEND %s: %s is a RANGE variable; a table can only depend on GLOBALs", d.Name, d.Name)
			}
			t.Depend = append(t.Depend, d.Name)
		}
		if _, ok := a.m.constant(ts.With); !ok {
			a.errorf(ts.With.Pos(), "TABLE … WITH must be a number")
		}
		// FROM and TO may be expressions of GLOBALs: they are evaluated
		// when the table is built, as nocmodl does.
		a.m.Tables[p] = t
	}
}

// constant evaluates a number, possibly negated, or a DEFINE'd name.
func (m *Mechanism) constant(e ast.Expr) (float64, bool) {
	if n, ok := e.(*ast.Name); ok && n.Primes == 0 {
		x, ok := m.Defines[n.Name]
		return x, ok
	}
	return constValue(e)
}

// constValue evaluates a literal, possibly negated, number.
func constValue(e ast.Expr) (float64, bool) {
	switch e := e.(type) {
	case *ast.Number:
		return e.Value, true
	case *ast.Unary:
		x, ok := constValue(e.X)
		if e.Op == "-" {
			x = -x
		}
		return x, ok && (e.Op == "-" || e.Op == "+")
	case *ast.Paren:
		return constValue(e.X)
	}
	return 0, false
}

// export makes an identifier start with an upper-case letter.
func export(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// numberLit writes a number so that Go reads it as the same float64.
func numberLit(n *ast.Number) string {
	text := n.Text
	if text == "" {
		text = strconv.FormatFloat(n.Value, 'g', -1, 64)
	}
	if strings.HasPrefix(text, ".") {
		text = "0" + text
	}
	if strings.HasSuffix(text, ".") {
		text += "0"
	}
	if !strings.ContainsAny(text, ".eE") {
		text += ".0"
	}
	return text
}

// builtin is a function every mechanism can call.
type builtin struct {
	args int    // number of arguments
	pkg  string // Go package of the implementation
	fn   string // Go function
}

const runtimePath = "github.com/nmodlgo/nmodlgo/runtime"

var builtins = map[string]builtin{
	"exp":     {1, runtimePath, "Exp"},
	"fabs":    {1, "math", "Abs"},
	"pow":     {2, "math", "Pow"},
	"log":     {1, "math", "Log"},
	"log10":   {1, "math", "Log10"},
	"sqrt":    {1, "math", "Sqrt"},
	"sin":     {1, "math", "Sin"},
	"cos":     {1, "math", "Cos"},
	"tan":     {1, "math", "Tan"},
	"asin":    {1, "math", "Asin"},
	"acos":    {1, "math", "Acos"},
	"atan":    {1, "math", "Atan"},
	"atan2":   {2, "math", "Atan2"},
	"sinh":    {1, "math", "Sinh"},
	"cosh":    {1, "math", "Cosh"},
	"tanh":    {1, "math", "Tanh"},
	"floor":   {1, "math", "Floor"},
	"ceil":    {1, "math", "Ceil"},
	"fmod":    {2, "math", "Mod"},
	"at_time": {1, runtimePath, "AtTime"},
	"erand":   {0, runtimePath, "ERand"},
}
