package ir

import (
	"cmp"
	"fmt"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/nmodlgo/nmodlgo/ast"
	"github.com/nmodlgo/nmodlgo/check"
	"github.com/nmodlgo/nmodlgo/diag"
	"github.com/nmodlgo/nmodlgo/internal/unitdb"
)

// MaxRefusals is the most Unsupported diagnostics Lower reports: after a
// few, the file's verdict is clear.
const MaxRefusals = 10

// Lower checks a parsed file (package check) and lowers it. It returns the
// Mechanism and every diagnostic: check's errors and warnings, then what
// nmodlgo cannot compile yet (diag.Unsupported). The Mechanism is nil when
// the diagnostics hold an error or a refusal. A file that INCLUDEs others
// must have been parsed with them (parser.ParseFile). Lower never panics on
// a tree the parser made: a bug shows as an "internal error" diagnostic.
func Lower(f *ast.File) (m *Mechanism, ds diag.List) {
	return LowerWith(f, Options{})
}

// Options change what Lower makes of a file.
type Options struct {
	// GoBodies compiles a FUNCTION or PROCEDURE whose body nmodlgo cannot
	// compile (VERBATIM C it does not translate, say), and that the
	// mechanism calls, to call a Go body the program gives (Proc.GoBody),
	// instead of refusing the mechanism. One that nothing in the mechanism
	// calls is compiled so with or without it.
	GoBodies bool
}

// LowerWith is Lower with options.
func LowerWith(f *ast.File, opts Options) (m *Mechanism, ds diag.List) {
	info, ds := check.File(f)
	if ds.HasErrors() {
		return nil, ds
	}
	l := newLowerer(f, info)
	l.opts = opts
	defer func() {
		if r := recover(); r != nil {
			m = nil
			ds = append(ds, diag.Diagnostic{Pos: f.Pos(), Severity: diag.Error,
				Msg: fmt.Sprintf("internal error in lowering: %v", r)})
		}
	}()
	m = l.lower()
	ds = l.sorted(append(ds, l.refusals()...))
	if ds.HasErrors() {
		return nil, ds
	}
	return m, ds
}

// lowerer holds what lowering has made so far.
type lowerer struct {
	f     *ast.File
	opts  Options
	info  *check.Info
	m     *Mechanism
	diags diag.List
	seen  map[ast.Pos]bool // positions already refused

	vars    map[*check.Object]*Var // declared variables (and the implied ones, by their Listed objects)
	byName  map[string]*Var
	locals  map[*check.Object]*Local
	procs   map[*ast.Proc]*Proc
	ftabs   map[*ast.Proc]*FuncTable
	derivs  map[*ast.Proc]*Deriv
	kins    map[*ast.Proc]*Kinetic
	algs    map[*ast.Proc]*Algebraic
	lagVars map[string]*Var // lag_x_y of each LAG x BY y
	defines map[string]float64

	ranges, globals map[string]bool // RANGE and GLOBAL names
	pointers        []string        // POINTER names, in order
	externals       []string        // EXTERNAL names, in order
	units           *unitdb.Table   // NEURON's units and the file's UNITS definitions, once a UNITS block is read
	bbcore          []string        // BBCOREPOINTER names
	currentNames    []string        // currents in the NEURON block's order

	cx *context // the block being lowered
	// variadic says that the code lowered reads the arguments of a hoc
	// call (argFuncs)
	variadic bool
}

func newLowerer(f *ast.File, info *check.Info) *lowerer {
	return &lowerer{
		f: f, info: info, m: &Mechanism{Source: filepath.Base(f.Name)},
		seen:    map[ast.Pos]bool{},
		vars:    map[*check.Object]*Var{},
		byName:  map[string]*Var{},
		locals:  map[*check.Object]*Local{},
		procs:   map[*ast.Proc]*Proc{},
		derivs:  map[*ast.Proc]*Deriv{},
		kins:    map[*ast.Proc]*Kinetic{},
		algs:    map[*ast.Proc]*Algebraic{},
		lagVars: map[string]*Var{},
		defines: map[string]float64{},
		ranges:  map[string]bool{},
		globals: map[string]bool{},
	}
}

// refuse reports a construct nmodlgo cannot compile yet, once per position.
// what names the feature; the message says what is missing.
func (l *lowerer) refuse(pos ast.Pos, format string, args ...any) {
	if l.seen[pos] {
		return
	}
	l.seen[pos] = true
	if !pos.IsValid() {
		pos = l.f.Pos()
	}
	l.diags.Unsupportedf(pos, format, args...)
}

// errorf reports an error of the file that the checker cannot see (one
// that NEURON's nocmodl stops on too), once per position.
func (l *lowerer) errorf(pos ast.Pos, format string, args ...any) {
	if l.seen[pos] {
		return
	}
	l.seen[pos] = true
	l.diags.Errorf(pos, format, args...)
}

// sorted sorts diagnostics in the order nocmodl reads the files, by
// position; those at one line keep their order.
func (l *lowerer) sorted(ds diag.List) diag.List {
	order := map[*diag.File]int{}
	for i, f := range l.info.Files {
		order[f.Source] = i
	}
	ds = slices.Clone(ds)
	slices.SortStableFunc(ds, func(a, b diag.Diagnostic) int {
		return cmp.Or(cmp.Compare(order[a.Pos.File], order[b.Pos.File]), cmp.Compare(a.Pos.Line, b.Pos.Line))
	})
	return ds
}

// refusals returns the refusals in the order nocmodl reads the files, at
// most MaxRefusals, one per line.
func (l *lowerer) refusals() diag.List {
	ds := l.sorted(l.diags)
	var out diag.List
	for i, d := range ds {
		if i > 0 && d.Pos.File == ds[i-1].Pos.File && d.Pos.Line == ds[i-1].Pos.Line {
			continue
		}
		out = append(out, d)
	}
	if len(out) > MaxRefusals {
		out = out[:MaxRefusals]
	}
	return out
}

func (l *lowerer) lower() *Mechanism {
	m := l.m
	l.mechanism()
	for _, b := range l.info.Blocks {
		switch b := b.(type) {
		case *ast.Title:
			if m.Title == "" {
				m.Title = strings.TrimSpace(b.Text)
			}
		case *ast.NeuronBlock:
			l.neuronBlock(b)
		case *ast.Define:
			l.defines[b.Name.Name] = b.Value.Value
		}
	}
	for _, b := range l.info.Blocks {
		switch b := b.(type) {
		case *ast.DeclBlock:
			l.declBlock(b)
		case *ast.UnitsBlock:
			l.unitFactors(b)
		case *ast.Local:
			l.topLocals(b)
		case *ast.Verbatim:
			if r, bad := l.info.VerbatimRefused[b]; bad {
				l.refuse(r.Pos, "VERBATIM: %s", r.Msg)
			}
		case *ast.Plot, *ast.Stepped, *ast.ModelLevel:
			l.refuse(b.Pos(), "%s: a legacy construct that nmodlgo reads but does not compile", legacyName(b))
		}
	}
	l.impliedVars()
	l.declareProcs()
	l.lowerBlocks()
	l.layout()
	m.Threadsafe = l.threadsafe()
	m.Parallel = l.parallel()
	if m.Threadsafe {
		l.threadDataDefaults()
	}
	m.NEURONOrder = neuronOrder[m.Name]
	for _, t := range m.Tables {
		t.Lazy = !m.Threadsafe
	}
	return m
}

// mechanism takes the name and kind from check: as nocmodl, a file
// without SUFFIX, POINT_PROCESS or ARTIFICIAL_CELL is a density mechanism
// named after the file.
func (l *lowerer) mechanism() {
	if mech := l.info.Mech; mech != nil {
		l.m.Name, l.m.Kind = mech.Name, mech.Kind
		return
	}
	base := filepath.Base(l.f.Name)
	l.m.Name, l.m.Kind = strings.TrimSuffix(base, filepath.Ext(base)), ast.Suffix
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

// neuronBlock reads USEION and the name lists (a file may have several
// NEURON blocks; nocmodl reads them all).
func (l *lowerer) neuronBlock(nb *ast.NeuronBlock) {
	m := l.m
	for _, s := range nb.Stmts {
		switch s := s.(type) {
		case *ast.UseIon:
			ion := &Ion{Name: s.Name.Name}
			if s.Valence != nil {
				z, ok := constValue(s.Valence)
				if !ok {
					l.refuse(s.Valence.Pos(), "VALENCE: only a number is supported")
				}
				ion.Valence, ion.HasZ = z, true
			}
			for _, id := range s.Write {
				if id.Name == "i"+ion.Name {
					l.currentNames = append(l.currentNames, id.Name)
				}
			}
			m.Ions = append(m.Ions, ion)
		case *ast.NameList:
			for _, id := range s.Names {
				switch s.Kind {
				case ast.Range:
					l.ranges[id.Name] = true
				case ast.Global:
					l.globals[id.Name] = true
				case ast.NonspecificCurrent, ast.ElectrodeCurrent:
					if s.Kind == ast.ElectrodeCurrent {
						m.Electrode = true
					}
					l.currentNames = append(l.currentNames, id.Name)
					l.ranges[id.Name] = true
				case ast.Threadsafe:
					// THREADSAFE a, b: GLOBALs that become per thread; in
					// nmodlgo every model has its own anyway.
				case ast.Pointer:
					if l.info.ObjectPointers[id.Name] {
						// a hoc object's slot, as a BBCOREPOINTER
						l.bbcore = append(l.bbcore, id.Name)
						break
					}
					l.pointers = append(l.pointers, id.Name)
				case ast.BbcorePointer:
					l.bbcore = append(l.bbcore, id.Name)
				case ast.External:
					l.externals = append(l.externals, id.Name)
				case ast.Random:
					l.m.Randoms = append(l.m.Randoms, &Random{Name: id.Name, Index: len(l.m.Randoms), Pos: id.At})
				case ast.Section:
					l.refuse(id.At, "SECTION: this obsolete list is not supported")
				}
			}
		}
	}
}

// ionUse finds the USEION that reads or writes name, and whether it
// writes it.
func (l *lowerer) ionUse(name string) (*Ion, bool) {
	for _, b := range l.info.Blocks {
		nb, ok := b.(*ast.NeuronBlock)
		if !ok {
			continue
		}
		for _, s := range nb.Stmts {
			u, ok := s.(*ast.UseIon)
			if !ok {
				continue
			}
			ion := l.ionByStmt(nb, u)
			for _, id := range u.Write {
				if id.Name == name {
					return ion, true
				}
			}
			for _, id := range u.Read {
				if id.Name == name {
					return ion, false
				}
			}
		}
	}
	return nil, false
}

// ionByStmt returns the Ion made for a USEION statement.
func (l *lowerer) ionByStmt(nb *ast.NeuronBlock, u *ast.UseIon) *Ion {
	k := 0
	for _, b := range l.info.Blocks {
		b, ok := b.(*ast.NeuronBlock)
		if !ok {
			continue
		}
		for _, s := range b.Stmts {
			if s == ast.NeuronStmt(u) {
				return l.m.Ions[k]
			}
			if _, ok := s.(*ast.UseIon); ok {
				k++
			}
		}
	}
	panic("USEION statement not found")
}

// specialOf maps the names NEURON supplies to their kinds.
var specialOf = map[string]SpecialKind{
	"v": SpecialV, "t": SpecialT, "dt": SpecialDt, "celsius": SpecialCelsius,
	"area": SpecialArea, "diam": SpecialDiam, "secondorder": SpecialSecondOrder,
}

// declare adds a variable.
func (l *lowerer) declare(o *check.Object, v *Var) {
	if o != nil {
		l.vars[o] = v
	}
	l.byName[v.Name] = v
	l.m.Vars = append(l.m.Vars, v)
}

func (l *lowerer) declBlock(d *ast.DeclBlock) {
	for _, vd := range d.Decls {
		name := vd.Name.Name
		if strings.HasSuffix(name, "'") {
			// nocmodl takes STATE m' as a variable Dm (and ASSIGNED h' as h)
			l.refuse(vd.Name.At, "%s %s: a declared name with a prime (nocmodl declares another name for it): not supported", d.Kind, name)
			continue
		}
		o := l.info.Decls[name]
		if o == nil || o.Decl != ast.Node(vd) {
			continue // a second declaration: check reported it
		}
		if _, ok := specialOf[name]; ok {
			if d.Kind == ast.State {
				l.refuse(vd.At, "STATE %s: NEURON supplies %s; it cannot be a STATE", name, name)
			}
			continue // declared for its units only
		}
		switch d.Kind {
		case ast.Independent:
			continue // the independent variable is t
		case ast.Dependent:
			l.refuse(vd.At, "DEPENDENT: a legacy block that nmodlgo does not compile")
			continue
		}
		v := &Var{Name: name, Decl: d.Kind, Size: 1, Pos: vd.Name.At, Doc: l.lineComment(vd.At)}
		if vd.Units != nil {
			v.Units = vd.Units.Text
		}
		if vd.Size != nil {
			v.Size = l.arraySize(vd.Size, name)
		}
		if vd.Value != nil {
			x, ok := constValue(vd.Value)
			if !ok {
				l.refuse(vd.Value.Pos(), "the value of %s: only a number is supported", name)
			}
			v.Default = x
			if d.Kind == ast.Parameter {
				v.Default = printedDefault(x)
			}
		}
		if vd.Start != nil && d.Kind == ast.State {
			// nocmodl's x0, the value x has before INITIAL
			x, ok := constValue(vd.Start)
			if !ok {
				l.refuse(vd.Start.Pos(), "the START value of %s: only a number is supported", name)
			}
			v.Default = printedDefault(x)
		}
		if ion, writes := l.ionUse(name); ion != nil {
			v.Ion = ion
			v.Storage = IonRead
			if writes {
				v.Storage = PerInstance
			}
		} else {
			switch d.Kind {
			case ast.Parameter:
				v.Storage = Shared
				if l.ranges[name] {
					v.Storage, v.Public = PerInstance, true
				}
				if slices.Contains(l.pointers, name) && v.Size <= 1 {
					// nocmodl makes it a pointer all the same (gap.mod of
					// NEURON's examples declares vgap so)
					v.Storage, v.Public = Pointer, false
				}
			case ast.Assigned:
				v.Storage, v.Public = PerInstance, l.ranges[name]
				if l.globals[name] {
					v.Storage, v.Public = Shared, false
				}
				if slices.Contains(l.externals, name) {
					v.Storage, v.Public = External, false
				}
				if slices.Contains(l.bbcore, name) {
					v.Storage, v.Public, v.Handle = PerInstance, false, true
				}
				if slices.Contains(l.pointers, name) {
					v.Storage, v.Public = Pointer, false
					if v.Size > 1 {
						l.refuse(vd.At, "POINTER %s: an array of pointers is not supported", name)
					}
				}
			case ast.State:
				v.Storage, v.Public = PerInstance, true
			case ast.Constant:
				v.Storage = Constant
			}
		}
		l.declare(o, v)
	}
}

// lineComment returns the text of a ':' comment on the line of pos, for
// documentation.
func (l *lowerer) lineComment(pos ast.Pos) string {
	for _, f := range l.info.Files {
		if f.Source != pos.File {
			continue
		}
		for _, c := range f.Comments {
			if !c.Block && c.At.Line == pos.Line && pos.Before(c.At) {
				return strings.TrimSpace(c.Text)
			}
		}
	}
	return ""
}

// arraySize evaluates the size of an array: a positive integer, written
// as a number or a DEFINE.
func (l *lowerer) arraySize(e ast.Expr, name string) int {
	n, ok := l.constant(e)
	if !ok || n < 1 || n != float64(int(n)) || n > 1<<24 {
		l.refuse(e.Pos(), "the size of array %s: only a positive integer (a number or a DEFINE) is supported", name)
		return 1
	}
	return int(n)
}

// constant evaluates a number, possibly negated, or a DEFINE.
func (l *lowerer) constant(e ast.Expr) (float64, bool) {
	if n, ok := e.(*ast.Name); ok && n.Primes == 0 {
		if o := l.info.Uses[n]; o != nil && o.Kind == check.Define {
			return l.defines[n.Name], true
		}
		return 0, false
	}
	return constValue(e)
}

// constValue evaluates a literal number, possibly negated or in
// parentheses.
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

// unitFactors declares the named constants of a UNITS block, evaluated in
// NEURON's units database as nocmodl evaluates them, with the units the
// file's UNITS blocks define, (mV) = (millivolt), in their order.
func (l *lowerer) unitFactors(b *ast.UnitsBlock) {
	if l.units == nil {
		db, err := unitdb.NEURON()
		if err != nil {
			l.refuse(b.At, "UNITS: NEURON's units database: %v", err)
			return
		}
		l.units = db.Extend()
	}
	for _, d := range b.Defs {
		if d.Name == nil {
			if d.Alias != nil && d.From != nil {
				if err := l.units.Define(d.Alias.Text, d.From.Text); err != nil {
					l.errorf(d.At, "(%s) = (%s): %v", d.Alias.Text, d.From.Text, err)
				}
			}
			continue
		}
		o := l.info.Decls[d.Name.Name]
		if o == nil || o.Decl != ast.Node(d) {
			continue
		}
		v := &Var{Name: d.Name.Name, Decl: ast.Constant, Storage: Constant, Size: 1, Pos: d.Name.At}
		switch {
		case d.Value != nil:
			v.Default = d.Value.Value
		case d.From != nil && d.To != nil:
			x, err := l.units.Factor(d.From.Text, d.To.Text)
			if err != nil {
				l.errorf(d.At, "the unit factor %s = (%s) (%s): %v", d.Name.Name, d.From.Text, d.To.Text, err)
			}
			v.Default = x
		default:
			l.refuse(d.At, "the unit factor %s: only a number or a pair of units is supported", d.Name.Name)
		}
		l.declare(o, v)
	}
}

// topLocals declares the file's LOCALs: variables every instance shares,
// as the statics of nocmodl's C.
func (l *lowerer) topLocals(b *ast.Local) {
	for _, p := range b.Names {
		o := l.info.Defs[p]
		if o == nil {
			continue
		}
		size := 1
		if p.Size != nil {
			size = l.arraySize(p.Size, p.Name.Name)
		}
		l.declare(o, &Var{Name: p.Name.Name, Decl: ast.Assigned, Storage: Shared, Hidden: true, Size: size, Pos: p.Name.At})
	}
}

// impliedVars declares what the NEURON block implies but the file does
// not declare: the variables of its ions and its currents. Then it fills
// each ion's READ and WRITE lists and the currents.
func (l *lowerer) impliedVars() {
	m := l.m
	for _, b := range l.info.Blocks {
		nb, ok := b.(*ast.NeuronBlock)
		if !ok {
			continue
		}
		for _, s := range nb.Stmts {
			switch s := s.(type) {
			case *ast.UseIon:
				ion := l.ionByStmt(nb, s)
				for _, id := range s.Read {
					ion.Read = append(ion.Read, l.implied(id, ion))
				}
				for _, id := range s.Write {
					ion.Write = append(ion.Write, l.implied(id, ion))
				}
			case *ast.NameList:
				if s.Kind == ast.BbcorePointer {
					// a slot no ASSIGNED declares
					for _, id := range s.Names {
						if o := l.info.Uses[id]; l.byName[id.Name] == nil && o != nil {
							l.declare(o, &Var{Name: id.Name, Decl: ast.Assigned, Storage: PerInstance, Handle: true, Size: 1})
						}
					}
					continue
				}
				if s.Kind != ast.NonspecificCurrent && s.Kind != ast.ElectrodeCurrent {
					continue
				}
				for _, id := range s.Names {
					if l.byName[id.Name] == nil {
						v := &Var{Name: id.Name, Decl: ast.Assigned, Storage: PerInstance, Public: true, Size: 1}
						l.declare(l.info.Uses[id], v)
					} else if o := l.info.Uses[id]; o != nil && o.Kind == check.Listed {
						l.vars[o] = l.byName[id.Name]
					}
				}
			}
		}
	}
	// A RANGE or GLOBAL name that only a TABLE declares is an ASSIGNED
	// variable, as nocmodl makes it.
	tabled := map[string]bool{}
	for _, b := range l.info.Blocks {
		ast.Inspect(b, func(n ast.Node) bool {
			if t, ok := n.(*ast.Table); ok {
				for _, id := range t.Vars {
					tabled[id.Name] = true
				}
			}
			return true
		})
	}
	for _, b := range l.info.Blocks {
		nb, ok := b.(*ast.NeuronBlock)
		if !ok {
			continue
		}
		for _, s := range nb.Stmts {
			nl, ok := s.(*ast.NameList)
			if !ok || (nl.Kind != ast.Range && nl.Kind != ast.Global) {
				continue
			}
			for _, id := range nl.Names {
				o := l.info.Uses[id]
				if l.byName[id.Name] != nil || o == nil || o.Kind != check.Listed || !tabled[id.Name] {
					continue
				}
				v := &Var{Name: id.Name, Decl: ast.Assigned, Storage: PerInstance, Public: true, Size: 1}
				if nl.Kind == ast.Global {
					v.Storage, v.Public = Shared, false
				}
				l.declare(o, v)
			}
		}
	}
	for _, name := range l.currentNames {
		if v := l.byName[name]; v != nil && !slices.Contains(m.Currents, v) {
			m.Currents = append(m.Currents, v)
		}
	}
	for _, name := range l.externals {
		v := l.byName[name]
		switch {
		case v == nil:
			v = &Var{Name: name, Decl: ast.Assigned, Storage: External, Size: 1}
			l.declare(l.info.Decls[name], v)
		case v.Storage != External || v.Size > 1:
			l.refuse(v.Pos, "EXTERNAL %s: only a scalar ASSIGNED variable can be EXTERNAL", name)
			continue
		}
		if !slices.Contains(m.Externals, v) {
			m.Externals = append(m.Externals, v)
		}
	}
	for _, name := range l.pointers {
		v := l.byName[name]
		switch {
		case v == nil:
			// nocmodl makes an undeclared POINTER an ASSIGNED one
			v = &Var{Name: name, Decl: ast.Assigned, Storage: Pointer, Size: 1}
			l.declare(l.info.Decls[name], v)
		case v.Storage != Pointer:
			l.refuse(v.Pos, "POINTER %s: only an ASSIGNED or PARAMETER variable can be a POINTER", name)
			continue
		}
		if !slices.Contains(m.Pointers, v) {
			m.Pointers = append(m.Pointers, v)
		}
	}
}

// implied returns the variable of an ion's READ or WRITE name, declaring it
// when the file does not.
func (l *lowerer) implied(id *ast.Ident, ion *Ion) *Var {
	v := l.byName[id.Name]
	if v == nil {
		storage := IonRead
		if _, writes := l.ionUse(id.Name); writes {
			storage = PerInstance // READ and WRITE: the mechanism keeps its own value
		}
		v = &Var{Name: id.Name, Decl: ast.Assigned, Storage: storage, Size: 1, Ion: ion}
		l.declare(nil, v)
	}
	if o := l.info.Uses[id]; o != nil && o.Kind == check.Listed {
		l.vars[o] = v // code that names it resolves to the NEURON-block entry
	}
	return v
}

// declareProcs makes the FUNCTIONs and PROCEDUREs before any code is
// lowered, so that calls find them.
func (l *lowerer) declareProcs() {
	for _, b := range l.info.Blocks {
		p, ok := b.(*ast.Proc)
		if !ok || p.Name == nil || (p.Kind != ast.Function && p.Kind != ast.Procedure && p.Kind != ast.FunctionTable) {
			continue
		}
		if o := l.info.Decls[p.Name.Name]; o == nil || o.Decl != ast.Node(p) {
			continue
		}
		if p.Kind == ast.FunctionTable {
			ft := &FuncTable{Name: p.Name.Name, Args: len(p.Params), Index: len(l.m.FuncTables), Pos: p.At}
			if l.ftabs == nil {
				l.ftabs = map[*ast.Proc]*FuncTable{}
			}
			l.ftabs[p] = ft
			l.m.FuncTables = append(l.m.FuncTables, ft)
			continue
		}
		pr := &Proc{Name: p.Name.Name, Kind: p.Kind, Pos: p.At}
		for _, prm := range p.Params {
			if strings.HasSuffix(prm.Name.Name, "'") {
				l.refuse(prm.At, "the argument %s: a name with a prime: not supported", prm.Name.Name)
			}
			if prm.Size != nil {
				l.refuse(prm.At, "the array argument %s[]: not supported", prm.Name.Name)
			}
			pr.Params = append(pr.Params, l.newLocal(prm, prm.Name.Name, prm.Name.At))
		}
		if p.Kind == ast.Function {
			pr.Result = &Local{Name: p.Name.Name, Pos: p.Name.At}
		}
		l.procs[p] = pr
		l.m.Procs = append(l.m.Procs, pr)
	}
}

// lowerBlocks lowers the code blocks in source order, BREAKPOINT's SOLVEs
// with it.
func (l *lowerer) lowerBlocks() {
	m := l.m
	deferred := map[*Proc]diag.List{} // the refusals of each FUNCTION and PROCEDURE
	for _, b := range l.info.Blocks {
		p, ok := b.(*ast.Proc)
		if !ok {
			continue
		}
		switch p.Kind {
		case ast.Initial:
			// nocmodl runs a second INITIAL (or BREAKPOINT) block after the
			// first, as a block of its own.
			body := l.topBlock(p, ctxInitial)
			if m.Initial == nil {
				m.Initial = &Code{Pos: p.At, Body: body}
			} else {
				m.Initial.Body = append(m.Initial.Body, &Block{Body: body})
			}
		case ast.Breakpoint:
			body := l.breakpoint(p)
			if m.Breakpoint == nil {
				m.Breakpoint = &Code{Pos: p.At, Body: body}
			} else {
				m.Breakpoint.Body = append(m.Breakpoint.Body, &Block{Body: body})
			}
		case ast.NetReceive:
			l.netReceive(p)
		case ast.Before, ast.After:
			l.beforeAfter(p)
		case ast.Function, ast.Procedure:
			if pr := l.procs[p]; pr != nil {
				before := len(l.diags)
				l.variadic = false
				l.proc(pr, p)
				pr.Variadic = l.variadic
				// Its refusals wait until it is known whether anything
				// in the mechanism calls it (deferUncalled).
				var kept diag.List
				for _, d := range l.diags[before:] {
					if d.Severity >= diag.Unsupported {
						deferred[pr] = append(deferred[pr], d)
					} else {
						kept = append(kept, d)
					}
				}
				l.diags = append(l.diags[:before], kept...)
			}
		case ast.Derivative, ast.Kinetic, ast.Linear, ast.NonLinear:
			// Lowered where a SOLVE names them; a block nothing solves does
			// nothing, in NEURON too (check warns).
		case ast.FunctionTable:
			// declared by declareProcs; its calls read the table
		case ast.Constructor:
			l.variadic = false
			l.constructor(p)
			if l.variadic && m.Kind != ast.ArtificialCell {
				// hoc's new X(x, a, b) or Python's X(seg, a, b): the
				// location comes first, in a form each gives its own way
				l.refuse(p.At, "CONSTRUCTOR of a POINT_PROCESS reading the arguments of hoc's new (ifarg, getarg): not supported")
			}
			// An ARTIFICIAL_CELL's reads them as from new X(): nmodlgo
			// makes it with none (ifarg gives 0).
		case ast.Destructor:
			// NEURON runs it when it frees the instance; a model frees none
			// of its point processes while it exists, so it never runs. It
			// is lowered for what it refuses.
			l.topBlock(p, ctxPlain)
		default:
			l.refuse(p.At, "%s blocks: a legacy construct that nmodlgo does not compile", p.Kind)
		}
	}
	l.stateStarts()
	l.deferUncalled(deferred)
	// Tables in the order of their procedures.
	for _, pr := range m.Procs {
		if pr.Table != nil {
			m.Tables = append(m.Tables, pr.Table)
		}
	}
	// Kinetic systems in source order.
	for _, b := range l.info.Blocks {
		if k := l.kins[asProc(b)]; k != nil {
			m.Kinetics = append(m.Kinetics, k)
		}
	}
}

// threadDataDefaults follows NEURON 8.2's nocmodl for a thread-safe
// mechanism: a PARAMETER that is global (not RANGE) and that the file
// assigns to, never inside PROTECT, becomes per-thread data, which starts
// at 0; its default is never used (nocpout.cpp, _thread1data).
func (l *lowerer) threadDataDefaults() {
	assigned := map[*Var]ast.Pos{}
	protected := map[*Var]bool{}
	for _, b := range l.info.Blocks {
		inProtect := map[ast.Node]bool{}
		ast.Inspect(b, func(n ast.Node) bool {
			switch s := n.(type) {
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
				if target == nil || target.Primes > 0 {
					break
				}
				v := l.vars[l.info.Uses[target]]
				if v == nil || v.Decl != ast.Parameter || v.Storage != Shared {
					break
				}
				if inProtect[s] {
					protected[v] = true
				} else if _, ok := assigned[v]; !ok {
					assigned[v] = target.At
				}
			}
			return true
		})
	}
	for _, v := range l.m.Vars {
		pos, ok := assigned[v]
		if !ok || protected[v] || v.Default == 0 {
			continue
		}
		l.diags.Warnf(pos, "PARAMETER %s is assigned here, so NEURON 8.2 makes it per-thread data that starts at 0, not at its default %g; nmodlgo does the same", v.Name, v.Default)
		v.Default = 0
	}
}

// printedDefault is a PARAMETER's default or a STATE's START value as
// NEURON 8.2's nocmodl passes it to the C compiler: printed with %g, six
// significant digits (a default of 2.393541665657613e-02 is 0.0239354 in
// NEURON). CONSTANTs keep their text.
func printedDefault(x float64) float64 {
	y, _ := strconv.ParseFloat(strconv.FormatFloat(x, 'g', 6, 64), 64)
	return y
}

// deferUncalled decides the refusals of FUNCTIONs and PROCEDUREs: those of
// one that the mechanism's blocks call (directly or not) stand; one that
// only hoc could call (a seed setter whose VERBATIM uses NEURON's Random
// objects, say) is compiled to stop the run, with the reason, if it is
// ever called, and its refusals become warnings. The mechanism itself then
// does exactly what NEURON's does.
func (l *lowerer) deferUncalled(deferred map[*Proc]diag.List) {
	called := l.calledProcs()
	for _, pr := range l.m.Procs {
		ds := deferred[pr]
		if len(ds) == 0 {
			continue
		}
		kind := "PROCEDURE"
		if pr.Result != nil {
			kind = "FUNCTION"
		}
		switch {
		case pr.Table != nil:
			// NEURON would look its values up in a table of the C's
			// values: a Go body could not give the same numbers
			if called[pr] {
				l.diags = append(l.diags, ds...)
				continue
			}
		case called[pr] && !l.opts.GoBodies:
			d := ds[0]
			d.Msg += fmt.Sprintf(" (or give %s %s a Go body: nmodlgo gen -gobodies)", kind, pr.Name)
			l.diags = append(l.diags, d)
			l.diags = append(l.diags, ds[1:]...)
			continue
		default:
			at := ds[0].Pos
			pr.GoBody = fmt.Sprintf("%s:%d:%d: %s", filepath.Base(at.Filename()), at.Line, at.Col, ds[0].Msg)
		}
		for _, d := range ds {
			if called[pr] {
				l.diags.Warnf(d.Pos, "%s (in %s %s: nmodlgo compiles it to call the Go body the program gives in GoBodies)", d.Msg, kind, pr.Name)
			} else if pr.GoBody != "" {
				l.diags.Warnf(d.Pos, "%s (in %s %s, which nothing in the mechanism calls: nmodlgo compiles it to call the Go body the program may give in GoBodies, and to stop the run with this reason if it is called without one)", d.Msg, kind, pr.Name)
			} else {
				l.diags.Warnf(d.Pos, "%s (in %s %s, which nothing in the mechanism calls: nmodlgo compiles it to stop the run with this reason if it is called from outside)", d.Msg, kind, pr.Name)
			}
		}
		msg := fmt.Sprintf("not supported: %s %s (%s): %s", kind, pr.Name, ds[0].Pos, ds[0].Msg)
		if pr.GoBody != "" {
			msg += " (the program gave no Go body for it in GoBodies)"
		}
		pr.Body = []Stmt{&ExprStmt{X: &Fail{Format: strings.ReplaceAll(msg, "%", "%%")}}}
		pr.Table = nil
	}
}

// calledProcs are the FUNCTIONs and PROCEDUREs that the code of the
// mechanism's blocks calls, directly or through others.
func (l *lowerer) calledProcs() map[*Proc]bool {
	m := l.m
	called := map[*Proc]bool{}
	var visit func(body []Stmt)
	var visitExpr func(e Expr) bool
	visitExpr = func(e Expr) bool {
		if c, ok := e.(*Call); ok && !called[c.Proc] {
			called[c.Proc] = true
			visit(c.Proc.Body)
		}
		return true
	}
	visit = func(body []Stmt) {
		inspectStmts(body, func(s Stmt) {
			inspectStmtExprs(s, visitExpr)
			switch s := s.(type) {
			case *SolveAlgebraic:
				visit(s.Block.Body)
			case *SolveDeriv:
				visit(s.Deriv.Body)
			case *KineticSteadyState:
				visit(s.Kinetic.Body)
			}
		})
	}
	for _, c := range []*Code{m.Initial, m.Breakpoint, m.Constructor} {
		if c != nil {
			visit(c.Body)
		}
	}
	for _, s := range m.Solves {
		if s.Proc != nil && !called[s.Proc] {
			called[s.Proc] = true
			visit(s.Proc.Body)
		}
	}
	for _, d := range m.Derivs {
		visit(d.Body)
	}
	for _, k := range m.Kinetics {
		visit(k.Body)
		for _, vol := range k.Volumes {
			inspectExpr(vol, visitExpr)
		}
		for _, d := range k.Diffusions {
			inspectExpr(d.Rate, visitExpr)
			inspectExpr(d.Volume, visitExpr)
		}
	}
	for _, a := range m.Algebraics {
		visit(a.Body)
	}
	for _, b := range m.BA {
		visit(b.Body)
	}
	if nr := m.NetReceive; nr != nil {
		visit(nr.Body)
		if nr.Init != nil {
			visit(nr.Init.Body)
		}
	}
	for _, w := range m.Watches {
		inspectExpr(w.Above, visitExpr)
		inspectExpr(w.Below, visitExpr)
	}
	return called
}

// stateStarts gives each STATE x the value of the file's variable x0, when
// it declares one, before INITIAL: nocmodl's initmodel starts with x = x0
// for every state, x0 a hidden 0 (or START's value, which the simulator
// sets) unless the file declares it.
func (l *lowerer) stateStarts() {
	m := l.m
	var starts []Stmt
	for _, v := range m.Vars {
		x0 := l.byName[v.Name+"0"]
		if v.Decl != ast.State || x0 == nil || x0.Decl == ast.State {
			continue
		}
		if x0.Size > 1 {
			l.refuse(x0.Pos, "%s: an array as the start value of STATE %s: not supported", x0.Name, v.Name)
			continue
		}
		for e := range v.Size {
			lhs := &VarRef{Var: v}
			if v.Size > 1 {
				lhs.Index = num(float64(e))
			}
			starts = append(starts, &Assign{Lhs: lhs, Rhs: &VarRef{Var: x0}})
		}
	}
	if len(starts) == 0 {
		return
	}
	if m.Initial == nil {
		m.Initial = &Code{Pos: starts[0].(*Assign).Lhs.(*VarRef).Var.Pos}
	}
	m.Initial.Body = append(starts, m.Initial.Body...)
}

// constructor lowers CONSTRUCTOR, run when a point process or artificial
// cell is made, before it has a place in the cell: it may not read v or an
// ion.
func (l *lowerer) constructor(p *ast.Proc) {
	if l.m.Kind == ast.Suffix {
		l.refuse(p.At, "CONSTRUCTOR in a density mechanism: NEURON runs it whenever it allocates the mechanism's data (insert, nseg); not supported yet")
		return
	}
	body := l.topBlock(p, ctxPlain)
	bad := false
	inspectStmts(body, func(s Stmt) {
		switch s.(type) {
		case *NetSend, *NetMove, *NetEvent, *WatchStmt, *ForNetcons:
			bad = true
		}
		inspectStmtExprs(s, func(e Expr) bool {
			switch e := e.(type) {
			case *Special:
				bad = bad || e.Kind == SpecialV
			case *VarRef:
				bad = bad || e.Var.Ion != nil
			case *Call:
				bad = true // its body might
			}
			return !bad
		})
	})
	if bad {
		l.refuse(p.At, "CONSTRUCTOR that reads v or an ion, sends an event or calls a FUNCTION or PROCEDURE: not supported yet")
		return
	}
	l.m.Constructor = &Code{Pos: p.At, Body: body}
}

func asProc(b ast.Block) *ast.Proc {
	p, _ := b.(*ast.Proc)
	return p
}

// baTypes are the BEFORE and AFTER blocks NEURON runs (check refuses the
// other combinations, which NEURON cannot load).
var baTypes = map[string]BAType{
	"BEFORE INITIAL": BeforeInitial, "AFTER INITIAL": AfterInitial,
	"BEFORE BREAKPOINT": BeforeBreakpoint, "AFTER SOLVE": AfterSolve, "BEFORE STEP": BeforeStep,
}

func (l *lowerer) beforeAfter(p *ast.Proc) {
	when, ok := baTypes[p.Kind.String()+" "+p.When]
	if !ok {
		l.refuse(p.At, "%s %s: NEURON has no such block", p.Kind, p.When)
		return
	}
	l.m.BA = append(l.m.BA, &BABlock{When: when, Pos: p.At, Body: l.topBlock(p, ctxPlain)})
}

// useTable is usetable, made the first time it is needed: by a TABLE, or
// by code that reads it.
func (l *lowerer) useTable() *Var {
	if l.m.UseTable == nil {
		l.m.UseTable = &Var{Name: "usetable", Decl: ast.Parameter, Storage: Shared, Default: 1, Size: 1,
			Doc: "look values up in the TABLEs (1) or compute them (0)"}
	}
	return l.m.UseTable
}

// layout orders the variables for the simulator: per-instance ones as
// psection lists them (public PARAMETERs, ASSIGNEDs, STATEs, then the
// hidden ones), and the globals NEURON names; usetable when there are
// TABLEs.
func (l *lowerer) layout() {
	m := l.m
	if len(m.Tables) > 0 {
		l.useTable()
	}
	var pub, hidden []*Var
	for _, v := range m.Vars {
		switch {
		case v.Storage == PerInstance && v.Public:
			pub = append(pub, v)
		case v.Storage == PerInstance:
			hidden = append(hidden, v)
		case v.Storage == Shared && !v.Hidden:
			m.Globals = append(m.Globals, v)
		}
	}
	rank := func(v *Var) int {
		switch v.Decl {
		case ast.Parameter:
			return 0
		case ast.Assigned:
			return 1
		}
		return 2
	}
	slices.SortStableFunc(pub, func(a, b *Var) int { return rank(a) - rank(b) })
	m.Range = append(pub, hidden...)
	if m.UseTable != nil {
		m.Globals = append(m.Globals, m.UseTable)
	}
}

// neuronOrder is the order in which NEURON 8.2 registers the mechanisms
// built into it (src/nrnoc/cabvars.h, after capacitance; hh's ions come
// just before hh).
var neuronOrder = map[string]int{
	"pas": 1, "fastpas": 2, "IClamp": 3, "AlphaSynapse": 4, "ExpSyn": 5, "Exp2Syn": 6,
	"SEClamp": 7, "VClamp": 8, "OClamp": 9, "APCount": 10, "hh": 11, "NetStim": 12,
	"IntFire1": 13, "IntFire2": 14, "IntFire4": 15, "PointProcessMark": 16, "PatternStim": 17,
}
