package parser

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/nmodlgo/nmodlgo/ast"
	"github.com/nmodlgo/nmodlgo/diag"
)

func parseFile(t *testing.T, path string) *ast.File {
	t.Helper()
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	f, err := Parse(filepath.Base(path), src)
	if err != nil {
		if l, ok := err.(diag.List); ok {
			t.Fatalf("Parse(%s):\n%s", path, l.Format())
		}
		t.Fatalf("Parse(%s): %v", path, err)
	}
	return f
}

// Helpers that find parts of a file.

func neuronStmts(f *ast.File) []ast.NeuronStmt {
	var out []ast.NeuronStmt
	for _, b := range f.Blocks {
		if nb, ok := b.(*ast.NeuronBlock); ok {
			out = append(out, nb.Stmts...)
		}
	}
	return out
}

func declBlock(f *ast.File, kind ast.DeclKind) *ast.DeclBlock {
	for _, b := range f.Blocks {
		if d, ok := b.(*ast.DeclBlock); ok && d.Kind == kind {
			return d
		}
	}
	return nil
}

func findProc(f *ast.File, kind ast.ProcKind, name string) *ast.Proc {
	for _, b := range f.Blocks {
		p, ok := b.(*ast.Proc)
		if !ok || p.Kind != kind {
			continue
		}
		if name == "" || p.Name != nil && p.Name.Name == name {
			return p
		}
	}
	return nil
}

func idents(ids []*ast.Ident) []string {
	var out []string
	for _, id := range ids {
		out = append(out, id.Name)
	}
	return out
}

func equalStrings(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// numValue returns the value of a Number or a negated Number.
func numValue(t *testing.T, e ast.Expr) float64 {
	t.Helper()
	switch x := e.(type) {
	case *ast.Number:
		return x.Value
	case *ast.Unary:
		if x.Op == "-" {
			return -numValue(t, x.X)
		}
	}
	t.Fatalf("not a number: %s", dump(e))
	return 0
}

func unitText(u *ast.Unit) string {
	if u == nil {
		return "<none>"
	}
	return u.Text
}

// TestMechanisms checks the shape of the trees of the three mechanisms
// the project starts from.
func TestMechanisms(t *testing.T) {
	tests := []struct {
		file  string
		check func(t *testing.T, f *ast.File)
	}{
		{"hh.mod", checkHH},
		{"pas.mod", checkPas},
		{"IClamp.mod", checkIClamp},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			f := parseFile(t, filepath.Join("..", "mod", tt.file))
			if f.Name != tt.file {
				t.Errorf("File.Name = %q, want %q", f.Name, tt.file)
			}
			tt.check(t, f)
		})
	}
}

func checkHH(t *testing.T, f *ast.File) {
	title, ok := f.Blocks[0].(*ast.Title)
	if !ok || title.Text != "hh.mod   Hodgkin-Huxley sodium, potassium and leak channels" || !at(title.At, 1, 1) {
		t.Errorf("first block = %s, want the TITLE at 1:1", dump(f.Blocks[0]))
	}
	if c, ok := f.Blocks[1].(*ast.Comment); !ok || !c.Block || !at(c.At, 3, 1) {
		t.Errorf("second block = %s, want the COMMENT block at 3:1", dump(f.Blocks[1]))
	}

	// NEURON block.
	var suffix string
	var ions []*ast.UseIon
	lists := map[ast.NameListKind][]string{}
	for _, s := range neuronStmts(f) {
		switch s := s.(type) {
		case *ast.MechName:
			if s.Kind == ast.Suffix {
				suffix = s.Name.Name
			}
		case *ast.UseIon:
			ions = append(ions, s)
		case *ast.NameList:
			lists[s.Kind] = append(lists[s.Kind], idents(s.Names)...)
			if s.Kind == ast.Threadsafe {
				lists[s.Kind] = append(lists[s.Kind], "(threadsafe)")
			}
		}
	}
	if suffix != "hh" {
		t.Errorf("SUFFIX = %q, want hh", suffix)
	}
	if len(ions) != 2 {
		t.Fatalf("%d USEION, want 2", len(ions))
	}
	for i, want := range []struct{ name, read, write string }{{"na", "ena", "ina"}, {"k", "ek", "ik"}} {
		u := ions[i]
		if u.Name.Name != want.name || !equalStrings(idents(u.Read), []string{want.read}) || !equalStrings(idents(u.Write), []string{want.write}) || u.Valence != nil {
			t.Errorf("USEION %d = %s", i, dump(u))
		}
	}
	if got := ions[1].At; !at(got, 21, 5) {
		t.Errorf("second USEION at %v, want 21:5", got)
	}
	for kind, want := range map[ast.NameListKind][]string{
		ast.NonspecificCurrent: {"il"},
		ast.Range:              {"gnabar", "gkbar", "gl", "el", "gna", "gk"},
		ast.Global:             {"minf", "hinf", "ninf", "mtau", "htau", "ntau"},
		ast.Threadsafe:         {"(threadsafe)"},
	} {
		if !equalStrings(lists[kind], want) {
			t.Errorf("%v = %v, want %v", kind, lists[kind], want)
		}
	}

	// PARAMETER: 4 declarations with units, 3 with limits.
	params := declBlock(f, ast.Parameter)
	if params == nil || len(params.Decls) != 4 {
		t.Fatalf("PARAMETER block = %s", dump(params))
	}
	wantParams := []struct {
		name  string
		value float64
		units string
		lim   bool
	}{
		{"gnabar", .12, "S/cm2", true},
		{"gkbar", .036, "S/cm2", true},
		{"gl", .0003, "S/cm2", true},
		{"el", -54.3, "mV", false},
	}
	for i, w := range wantParams {
		d := params.Decls[i]
		if d.Name.Name != w.name || numValue(t, d.Value) != w.value || unitText(d.Units) != w.units {
			t.Errorf("PARAMETER %d = %s, want %s = %g (%s)", i, dump(d), w.name, w.value, w.units)
		}
		if w.lim {
			if d.Lo == nil || d.Hi == nil || numValue(t, d.Lo) != 0 || numValue(t, d.Hi) != 1e9 {
				t.Errorf("PARAMETER %s limits = %s, want <0,1e9>", w.name, dump(d))
			}
		} else if d.Lo != nil || d.Hi != nil {
			t.Errorf("PARAMETER %s has limits", w.name)
		}
	}
	if got := params.Decls[3].Value.Pos(); !at(got, 32, 10) {
		t.Errorf("el value at %v, want 32:10 (the minus sign)", got)
	}

	// STATE m h n; ASSIGNED with units on some.
	if st := declBlock(f, ast.State); st == nil || len(st.Decls) != 3 || st.Decls[2].Name.Name != "n" {
		t.Errorf("STATE = %s", dump(st))
	}
	as := declBlock(f, ast.Assigned)
	if as == nil || len(as.Decls) != 15 {
		t.Fatalf("ASSIGNED = %s", dump(as))
	}
	if d := as.Decls[14]; d.Name.Name != "ntau" || unitText(d.Units) != "ms" {
		t.Errorf("last ASSIGNED = %s", dump(d))
	}
	if d := as.Decls[9]; d.Name.Name != "minf" || d.Units != nil {
		t.Errorf("ASSIGNED minf = %s", dump(d))
	}

	// BREAKPOINT: SOLVE states METHOD cnexp, then 5 assignments.
	bp := findProc(f, ast.Breakpoint, "")
	if bp == nil || len(bp.Body.Stmts) != 6 {
		t.Fatalf("BREAKPOINT = %s", dump(bp))
	}
	if s, ok := bp.Body.Stmts[0].(*ast.Solve); !ok || s.Block.Name != "states" || s.Method == nil || s.Method.Name != "cnexp" || s.SteadyState != nil {
		t.Errorf("SOLVE = %s", dump(bp.Body.Stmts[0]))
	}

	// DERIVATIVE states: rates(v) and three primed assignments.
	der := findProc(f, ast.Derivative, "states")
	if der == nil || len(der.Body.Stmts) != 4 {
		t.Fatalf("DERIVATIVE = %s", dump(der))
	}
	if _, ok := der.Body.Stmts[0].(*ast.ExprStmt); !ok {
		t.Errorf("DERIVATIVE first statement = %s, want the call rates(v)", dump(der.Body.Stmts[0]))
	}
	for i, state := range []string{"m", "h", "n"} {
		a, ok := der.Body.Stmts[i+1].(*ast.Assign)
		if !ok {
			t.Fatalf("DERIVATIVE statement %d = %s", i+1, dump(der.Body.Stmts[i+1]))
		}
		if n, ok := a.Lhs.(*ast.Name); !ok || n.Name != state || n.Primes != 1 {
			t.Errorf("DERIVATIVE lhs %d = %s, want %s'", i, dump(a.Lhs), state)
		}
	}

	// PROCEDURE rates(v (mV)) with LOCAL, TABLE and UNITSOFF.
	rates := findProc(f, ast.Procedure, "rates")
	if rates == nil || len(rates.Params) != 1 || rates.Params[0].Name.Name != "v" || unitText(rates.Params[0].Units) != "mV" {
		t.Fatalf("PROCEDURE rates = %s", dump(rates))
	}
	if l, ok := rates.Body.Stmts[0].(*ast.Local); !ok || len(l.Names) != 4 {
		t.Errorf("rates first statement = %s, want LOCAL of 4", dump(rates.Body.Stmts[0]))
	}
	tab, ok := rates.Body.Stmts[1].(*ast.Table)
	if !ok {
		t.Fatalf("rates second statement = %s, want TABLE", dump(rates.Body.Stmts[1]))
	}
	if len(tab.Vars) != 6 || !equalStrings(idents(tab.Depend), []string{"celsius"}) ||
		numValue(t, tab.From) != -100 || numValue(t, tab.To) != 100 || numValue(t, tab.With) != 200 {
		t.Errorf("TABLE = %s", dump(tab))
	}
	if u, ok := rates.Body.Stmts[2].(*ast.UnitsOnOff); !ok || u.On {
		t.Errorf("rates third statement = %s, want UNITSOFF", dump(rates.Body.Stmts[2]))
	}
	// q10 = 3^((celsius - 6.3)/10)
	q10 := rates.Body.Stmts[3].(*ast.Assign)
	if pow, ok := q10.Rhs.(*ast.Binary); !ok || pow.Op != "^" {
		t.Errorf("q10 rhs = %s", dump(q10.Rhs))
	}
	// alpha = .1 * vtrap(-(v+40), 10)
	alpha := rates.Body.Stmts[4].(*ast.Assign)
	mul, ok := alpha.Rhs.(*ast.Binary)
	if !ok || mul.Op != "*" {
		t.Fatalf("alpha rhs = %s", dump(alpha.Rhs))
	}
	if c, ok := mul.Y.(*ast.Call); !ok || c.Fun.Name != "vtrap" || len(c.Args) != 2 {
		t.Errorf("vtrap call = %s", dump(mul.Y))
	} else if u, ok := c.Args[0].(*ast.Unary); !ok || u.Op != "-" {
		t.Errorf("vtrap first argument = %s, want -(v+40)", dump(c.Args[0]))
	}

	// FUNCTION vtrap(x, y) with an if/else.
	vtrap := findProc(f, ast.Function, "vtrap")
	if vtrap == nil || !equalStrings([]string{vtrap.Params[0].Name.Name, vtrap.Params[1].Name.Name}, []string{"x", "y"}) || len(vtrap.Params) != 2 {
		t.Fatalf("FUNCTION vtrap = %s", dump(vtrap))
	}
	ifs, ok := vtrap.Body.Stmts[0].(*ast.If)
	if !ok || len(vtrap.Body.Stmts) != 1 {
		t.Fatalf("vtrap body = %s", dump(vtrap.Body))
	}
	if cond, ok := ifs.Cond.(*ast.Binary); !ok || cond.Op != "<" {
		t.Errorf("if condition = %s", dump(ifs.Cond))
	}
	if els, ok := ifs.Else.(*ast.StmtBlock); !ok || len(els.Stmts) != 1 {
		t.Errorf("else = %s", dump(ifs.Else))
	}
	if last, ok := f.Blocks[len(f.Blocks)-1].(*ast.UnitsOnOff); !ok || !last.On {
		t.Errorf("last block = %s, want UNITSON", dump(f.Blocks[len(f.Blocks)-1]))
	}

	// Line comments are kept.
	var lineComments int
	for _, c := range f.Comments {
		if !c.Block {
			lineComments++
		}
	}
	if lineComments != 5 {
		t.Errorf("%d line comments, want 5", lineComments)
	}
}

func checkPas(t *testing.T, f *ast.File) {
	var kinds []string
	for _, b := range f.Blocks {
		switch b := b.(type) {
		case *ast.Title:
			kinds = append(kinds, "TITLE")
		case *ast.Comment:
			kinds = append(kinds, "COMMENT")
		case *ast.UnitsBlock:
			kinds = append(kinds, "UNITS")
		case *ast.NeuronBlock:
			kinds = append(kinds, "NEURON")
		case *ast.DeclBlock:
			kinds = append(kinds, b.Kind.String())
		case *ast.Proc:
			kinds = append(kinds, b.Kind.String())
		}
	}
	want := []string{"TITLE", "COMMENT", "UNITS", "NEURON", "PARAMETER", "ASSIGNED", "BREAKPOINT"}
	if !equalStrings(kinds, want) {
		t.Errorf("blocks = %v, want %v", kinds, want)
	}
	params := declBlock(f, ast.Parameter)
	if len(params.Decls) != 2 || numValue(t, params.Decls[1].Value) != -70 || unitText(params.Decls[0].Units) != "S/cm2" {
		t.Errorf("PARAMETER = %s", dump(params))
	}
	bp := findProc(f, ast.Breakpoint, "")
	a := bp.Body.Stmts[0].(*ast.Assign)
	if a.Lhs.(*ast.Name).Name != "i" || !at(a.At, 32, 5) {
		t.Errorf("BREAKPOINT assignment = %s", dump(a))
	}
	// g*(v - e): the parentheses are kept.
	if m, ok := a.Rhs.(*ast.Binary); !ok || m.Op != "*" {
		t.Errorf("rhs = %s", dump(a.Rhs))
	} else if _, ok := m.Y.(*ast.Paren); !ok {
		t.Errorf("rhs right operand = %s, want (v - e)", dump(m.Y))
	}
	units := f.Blocks[2].(*ast.UnitsBlock)
	if len(units.Defs) != 3 || units.Defs[0].Alias.Text != "mV" || units.Defs[0].From.Text != "millivolt" {
		t.Errorf("UNITS = %s", dump(units))
	}
}

func checkIClamp(t *testing.T, f *ast.File) {
	stmts := neuronStmts(f)
	if m, ok := stmts[0].(*ast.MechName); !ok || m.Kind != ast.PointProcess || m.Name.Name != "IClamp" {
		t.Errorf("first NEURON statement = %s", dump(stmts[0]))
	}
	if l, ok := stmts[2].(*ast.NameList); !ok || l.Kind != ast.ElectrodeCurrent || !equalStrings(idents(l.Names), []string{"i"}) {
		t.Errorf("third NEURON statement = %s", dump(stmts[2]))
	}
	params := declBlock(f, ast.Parameter)
	if len(params.Decls) != 3 || params.Decls[0].Value != nil || unitText(params.Decls[0].Units) != "ms" ||
		params.Decls[1].Lo == nil || unitText(params.Decls[2].Units) != "nA" {
		t.Errorf("PARAMETER = %s", dump(params))
	}
	bp := findProc(f, ast.Breakpoint, "")
	if len(bp.Body.Stmts) != 3 {
		t.Fatalf("BREAKPOINT = %s", dump(bp))
	}
	at := bp.Body.Stmts[1].(*ast.ExprStmt).X.(*ast.Call)
	if at.Fun.Name != "at_time" || len(at.Args) != 1 {
		t.Errorf("at_time call = %s", dump(at))
	}
	ifs := bp.Body.Stmts[2].(*ast.If)
	and, ok := ifs.Cond.(*ast.Binary)
	if !ok || and.Op != "&&" {
		t.Fatalf("if condition = %s", dump(ifs.Cond))
	}
	if lt, ok := and.X.(*ast.Binary); !ok || lt.Op != "<" {
		t.Errorf("left of && = %s, want t < del + dur", dump(and.X))
	} else if sum, ok := lt.Y.(*ast.Binary); !ok || sum.Op != "+" {
		t.Errorf("right of < = %s, want del + dur", dump(lt.Y))
	}
	if ge, ok := and.Y.(*ast.Binary); !ok || ge.Op != ">=" {
		t.Errorf("right of && = %s, want t >= del", dump(and.Y))
	}
}

func TestEmptyAndBlank(t *testing.T) {
	for _, src := range []string{"", "\n\n", "  \t\r\n", ": only a comment", "COMMENT\nx\nENDCOMMENT", ";"} {
		f, err := Parse("e.mod", []byte(src))
		if err != nil {
			t.Errorf("Parse(%q): %v", src, err)
			continue
		}
		for _, b := range f.Blocks {
			if _, ok := b.(*ast.Comment); !ok {
				t.Errorf("Parse(%q): unexpected block %s", src, dump(b))
			}
		}
	}
}

// TestPrecedence checks operator precedence and associativity, which
// follow nocmodl: unary minus binds tighter than * but looser than ^, and
// ^ associates to the right.
func TestPrecedence(t *testing.T) {
	tests := []struct{ expr, want string }{
		{"a + b * c", "(a + (b * c))"},
		{"a - b - c", "((a - b) - c)"},
		{"a / b / c", "((a / b) / c)"},
		{"a ^ b ^ c", "(a ^ (b ^ c))"},
		{"-a ^ b", "-(a ^ b)"},
		{"-a * b", "(-a * b)"},
		{"2 ^ -1 * 3", "((2 ^ -1) * 3)"},
		{"!a && b || c", "((!a && b) || c)"},
		{"a < b == c", "((a < b) == c)"},
		{"a + b < c * d", "((a + b) < (c * d))"},
		{"a || b && c", "(a || (b && c))"},
		{"f(a, -b)[0]", "<error>"},
		{"x[i + 1] * 2 (mV)", "(x[(i + 1)] * 2(mV))"},
		{"(a + b) * c", "([(a + b)] * c)"},
	}
	for _, tt := range tests {
		src := "BREAKPOINT { y = " + tt.expr + " }"
		f, err := Parse("p.mod", []byte(src))
		if err != nil {
			if tt.want != "<error>" {
				t.Errorf("%s: %v", tt.expr, err)
			}
			continue
		}
		a := f.Blocks[0].(*ast.Proc).Body.Stmts[0].(*ast.Assign)
		if got := exprString(a.Rhs); got != tt.want {
			t.Errorf("%s = %s, want %s", tt.expr, got, tt.want)
		}
	}
}

// exprString prints an expression fully parenthesised; Paren shows as [ ].
func exprString(e ast.Expr) string {
	switch e := e.(type) {
	case *ast.Name:
		return e.Name + strings.Repeat("'", e.Primes)
	case *ast.Number:
		if e.Units != nil {
			return e.Text + "(" + e.Units.Text + ")"
		}
		return e.Text
	case *ast.Index:
		return exprString(e.X) + "[" + exprString(e.Index) + "]"
	case *ast.Call:
		var args []string
		for _, a := range e.Args {
			args = append(args, exprString(a))
		}
		return e.Fun.Name + "(" + strings.Join(args, ", ") + ")"
	case *ast.Unary:
		return e.Op + exprString(e.X)
	case *ast.Binary:
		return "(" + exprString(e.X) + " " + e.Op + " " + exprString(e.Y) + ")"
	case *ast.Paren:
		return "[" + exprString(e.X) + "]"
	case *ast.String:
		return strconv.Quote(e.Value)
	}
	return "?"
}

// TestConcurrentParse parses from several goroutines at once: the ANTLR
// runtime shares its prediction caches between parsers (run with -race).
func TestConcurrentParse(t *testing.T) {
	var srcs [][]byte
	files, _ := filepath.Glob("testdata/*.mod")
	for _, name := range append(files, "../mod/hh.mod", "../mod/pas.mod", "../mod/IClamp.mod") {
		src, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		srcs = append(srcs, src)
	}
	done := make(chan error)
	for g := 0; g < 8; g++ {
		go func(g int) {
			var err error
			for i := range srcs {
				src := srcs[(i+g)%len(srcs)]
				if _, e := Parse("c.mod", src); e != nil && err == nil {
					err = e
				}
			}
			done <- err
		}(g)
	}
	for g := 0; g < 8; g++ {
		if err := <-done; err != nil {
			t.Error(err)
		}
	}
}

// at reports whether p is line:col.
func at(p ast.Pos, line, col int) bool { return p.Line == line && p.Col == col }
