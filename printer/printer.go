// Package printer writes an NMODL syntax tree back as NMODL source in one
// canonical layout: the gofmt of NMODL. The same tree always prints the
// same text, printing what it prints changes nothing, and comments are
// kept, each before the code that followed it or at the end of its line.
//
// The layout: one statement per line, blocks indented by four spaces,
// a blank line between top-level blocks, spaces around + - and the
// comparison and logical operators but not around * / ^, numbers and units
// as written.
package printer

import (
	"bytes"
	"fmt"
	"io"
	"strings"

	"github.com/nmodlgo/nmodlgo/ast"
)

// Fprint writes f to w as canonical NMODL.
func Fprint(w io.Writer, f *ast.File) error {
	_, err := w.Write(Format(f))
	return err
}

// Format returns f as canonical NMODL.
func Format(f *ast.File) []byte {
	p := &printer{}
	topLevel := map[*ast.Comment]bool{}
	for _, b := range f.Blocks {
		if c, ok := b.(*ast.Comment); ok {
			topLevel[c] = true
		}
	}
	for _, c := range f.Comments {
		if !topLevel[c] {
			p.comments = append(p.comments, c)
		}
	}
	for i, b := range f.Blocks {
		if i > 0 {
			p.blankLine()
		}
		p.block(b)
	}
	p.flush(ast.Pos{Line: 1 << 30})
	out := bytes.TrimRight(p.buf.Bytes(), "\n")
	return append(out, '\n')
}

type printer struct {
	buf      bytes.Buffer
	indent   int
	comments []*ast.Comment // line and inner block comments not yet printed
	lastLine int            // source line of the statement on the current output line
}

// line starts a new output line at the current indentation.
func (p *printer) line(format string, args ...any) {
	p.newline()
	p.buf.WriteString(strings.Repeat("    ", p.indent))
	fmt.Fprintf(&p.buf, format, args...)
}

func (p *printer) newline() {
	if p.buf.Len() > 0 && !bytes.HasSuffix(p.buf.Bytes(), []byte("\n")) {
		p.buf.WriteByte('\n')
	}
}

func (p *printer) blankLine() {
	p.newline()
	if !bytes.HasSuffix(p.buf.Bytes(), []byte("\n\n")) && p.buf.Len() > 0 {
		p.buf.WriteByte('\n')
	}
}

// flush prints the comments that came before pos in the source: one on the
// line just printed goes at its end, the others on lines of their own.
func (p *printer) flush(pos ast.Pos) {
	for len(p.comments) > 0 && before(p.comments[0].At, pos) {
		c := p.comments[0]
		p.comments = p.comments[1:]
		switch {
		case c.Block:
			p.raw("COMMENT", c.Text, "ENDCOMMENT")
		case c.At.Line == p.lastLine && !bytes.HasSuffix(p.buf.Bytes(), []byte("\n")):
			p.buf.WriteString(" :" + c.Text)
		default:
			p.line(":%s", c.Text)
		}
	}
}

func before(a, b ast.Pos) bool { return a.Line < b.Line || a.Line == b.Line && a.Col < b.Col }

// at prepares for a node that started at pos in the source.
func (p *printer) at(pos ast.Pos) {
	p.flush(pos)
	p.lastLine = pos.Line
}

func (p *printer) block(b ast.Block) {
	if _, ok := b.(*ast.Comment); !ok {
		p.at(b.Pos())
	}
	switch b := b.(type) {
	case *ast.Comment:
		p.flush(b.At)
		p.raw("COMMENT", b.Text, "ENDCOMMENT")
	case *ast.Title:
		p.line("TITLE %s", b.Text)
	case *ast.Verbatim:
		p.verbatim(b)
	case *ast.Include:
		p.line("INCLUDE %q", b.Path)
	case *ast.Define:
		p.line("DEFINE %s %s", b.Name.Name, b.Value.Text)
	case *ast.UnitsOnOff:
		p.unitsOnOff(b)
	case *ast.Local:
		p.local(b)
	case *ast.UnitsBlock:
		p.line("UNITS {")
		p.indent++
		for _, d := range b.Defs {
			p.at(d.At)
			p.line("%s", unitDef(d))
		}
		p.closeBrace(b.End)
	case *ast.NeuronBlock:
		p.line("NEURON {")
		p.indent++
		for _, s := range b.Stmts {
			p.at(s.Pos())
			p.line("%s", neuronStmt(s))
		}
		p.closeBrace(b.End)
	case *ast.DeclBlock:
		p.line("%s {", b.Kind)
		p.indent++
		for _, d := range b.Decls {
			p.at(d.At)
			p.line("%s", varDecl(d))
		}
		p.closeBrace(b.End)
	case *ast.Proc:
		p.proc(b)
	case *ast.Plot:
		vars := make([]string, len(b.Vars))
		for i, v := range b.Vars {
			vars[i] = plotVar(v)
		}
		p.line("PLOT %s VS %s", strings.Join(vars, ", "), plotVar(b.Vs))
	case *ast.Stepped:
		p.line("STEPPED {")
		p.indent++
		for _, it := range b.Items {
			p.at(it.At)
			vals := make([]string, len(it.Values))
			for i, v := range it.Values {
				vals[i] = Expr(v)
			}
			line := it.Name.Name + " = " + strings.Join(vals, ", ")
			if it.Units != nil {
				line += " " + unit(it.Units)
			}
			p.line("%s", line)
		}
		p.closeBrace(b.End)
	case *ast.ModelLevel:
		p.line("MODEL_LEVEL %s", b.Level.Text)
	default:
		p.line(": unknown block %T", b)
	}
}

// closeBrace ends a block whose "}" was at end in the source, after the
// comments that came before it.
func (p *printer) closeBrace(end ast.Pos) {
	p.flush(end)
	p.indent--
	p.brace("}")
}

// brace prints a line that ends a block. Its source line is unknown, so no
// comment is taken for a trailing one there.
func (p *printer) brace(text string) {
	p.line("%s", text)
	p.lastLine = -1
}

func (p *printer) verbatim(v *ast.Verbatim) {
	p.raw("VERBATIM", v.Text, "ENDVERBATIM")
}

// raw prints a COMMENT or VERBATIM block: the keywords indented, the text
// exactly as it was.
func (p *printer) raw(begin, text, end string) {
	p.line("%s", begin)
	p.buf.WriteString("\n" + text)
	p.buf.WriteString(strings.Repeat("    ", p.indent) + end + "\n")
	p.lastLine = -1
}

func (p *printer) unitsOnOff(u *ast.UnitsOnOff) {
	if u.On {
		p.line("UNITSON")
	} else {
		p.line("UNITSOFF")
	}
}

func (p *printer) local(l *ast.Local) {
	names := make([]string, len(l.Names))
	for i, n := range l.Names {
		names[i] = param(n)
	}
	p.line("LOCAL %s", strings.Join(names, ", "))
}

func unitDef(d *ast.UnitDef) string {
	switch {
	case d.Name == nil:
		return unit(d.Alias) + " = " + unit(d.From)
	case d.Value != nil:
		s := d.Name.Name + " = " + d.Value.Text
		if d.To != nil {
			s += " " + unit(d.To)
		}
		return s
	}
	s := d.Name.Name + " = " + unit(d.From)
	if d.To != nil {
		s += " " + unit(d.To)
	}
	return s
}

func unit(u *ast.Unit) string {
	if u == nil {
		return ""
	}
	return "(" + u.Text + ")"
}

func idents(ids []*ast.Ident) string {
	names := make([]string, len(ids))
	for i, id := range ids {
		names[i] = id.Name
	}
	return strings.Join(names, ", ")
}

func neuronStmt(s ast.NeuronStmt) string {
	switch s := s.(type) {
	case *ast.MechName:
		return s.Kind.String() + " " + s.Name.Name
	case *ast.UseIon:
		out := "USEION " + s.Name.Name
		if len(s.Read) > 0 {
			out += " READ " + idents(s.Read)
		}
		if len(s.Write) > 0 {
			out += " WRITE " + idents(s.Write)
		}
		if s.Valence != nil {
			out += " VALENCE " + Expr(s.Valence)
		}
		if s.Represents != "" {
			out += " REPRESENTS " + s.Represents
		}
		return out
	case *ast.NameList:
		if len(s.Names) == 0 {
			return s.Kind.String()
		}
		return s.Kind.String() + " " + idents(s.Names)
	case *ast.Represents:
		return "REPRESENTS " + s.Term
	}
	return fmt.Sprintf(": unknown NEURON statement %T", s)
}

func varDecl(d *ast.VarDecl) string {
	var b strings.Builder
	if d.Sweep {
		b.WriteString("SWEEP ")
	}
	b.WriteString(d.Name.Name)
	if d.Size != nil {
		b.WriteString("[" + Expr(d.Size) + "]")
	}
	if d.Value != nil {
		b.WriteString(" = " + Expr(d.Value))
	}
	if d.From != nil {
		b.WriteString(" FROM " + Expr(d.From) + " TO " + Expr(d.To))
	}
	if d.With != nil {
		b.WriteString(" WITH " + Expr(d.With))
	}
	if d.Units != nil {
		b.WriteString(" " + unit(d.Units))
	}
	if d.Start != nil {
		b.WriteString(" START " + Expr(d.Start))
	}
	if d.Lo != nil {
		b.WriteString(" <" + Expr(d.Lo) + ", " + Expr(d.Hi) + ">")
	}
	if d.Abstol != nil {
		b.WriteString(" <" + Expr(d.Abstol) + ">")
	}
	return b.String()
}

func param(prm *ast.Param) string {
	s := prm.Name.Name
	if prm.Size != nil {
		s += "[" + Expr(prm.Size) + "]"
	}
	if prm.Units != nil {
		s += " " + unit(prm.Units)
	}
	return s
}

func params(ps []*ast.Param) string {
	out := make([]string, len(ps))
	for i, prm := range ps {
		out[i] = param(prm)
	}
	return "(" + strings.Join(out, ", ") + ")"
}

func (p *printer) proc(b *ast.Proc) {
	var head string
	switch b.Kind {
	case ast.Derivative, ast.Discrete, ast.Partial:
		head = b.Kind.String() + " " + b.Name.Name
	case ast.Kinetic, ast.Linear, ast.NonLinear:
		head = b.Kind.String() + " " + b.Name.Name
		if b.Solver != nil {
			head += " SOLVEFOR " + idents(b.SolveFor)
		}
	case ast.Procedure, ast.Function, ast.FunctionTable:
		head = b.Kind.String() + " " + b.Name.Name + params(b.Params)
		if b.Units != nil {
			head += " " + unit(b.Units)
		}
	case ast.NetReceive:
		head = "NET_RECEIVE" + params(b.Params)
	case ast.Before, ast.After:
		head = b.Kind.String() + " " + b.When
	default:
		head = b.Kind.String()
	}
	if b.Body == nil {
		p.line("%s", head)
		return
	}
	p.body(head, b.Body)
}

// body prints head { stmts }.
func (p *printer) body(head string, b *ast.StmtBlock) {
	p.line("%s", strings.TrimLeft(head+" {", " "))
	p.indent++
	for _, s := range b.Stmts {
		p.stmt(s)
	}
	p.closeBrace(b.End)
}

func (p *printer) stmt(s ast.Stmt) {
	p.at(s.Pos())
	switch s := s.(type) {
	case *ast.StmtBlock:
		p.body("", s)
	case *ast.Local:
		p.local(s)
	case *ast.Assign:
		p.line("%s = %s", Expr(s.Lhs), Expr(s.Rhs))
	case *ast.Break:
		// only VERBATIM text translated holds one
		p.line("VERBATIM")
		p.line("break;")
		p.line("ENDVERBATIM")
	case *ast.ExprStmt:
		p.line("%s", Expr(s.X))
	case *ast.If:
		p.ifStmt(s)
	case *ast.While:
		p.body("while ("+Expr(s.Cond)+")", s.Body)
	case *ast.For:
		head := "FROM " + s.Var.Name + " = " + Expr(s.From) + " TO " + Expr(s.To)
		if s.By != nil {
			head += " BY " + Expr(s.By)
		}
		p.body(head, s.Body)
	case *ast.Solve:
		line := "SOLVE " + s.Block.Name
		if s.Method != nil {
			line += " METHOD " + s.Method.Name
		}
		if s.SteadyState != nil {
			line += " STEADYSTATE " + s.SteadyState.Name
		}
		if s.IfError != nil {
			p.body(line+" IFERROR", s.IfError)
		} else {
			p.line("%s", line)
		}
	case *ast.Table:
		line := "TABLE"
		if len(s.Vars) > 0 {
			line += " " + idents(s.Vars)
		}
		if len(s.Depend) > 0 {
			line += " DEPEND " + idents(s.Depend)
		}
		p.line("%s FROM %s TO %s WITH %s", line, Expr(s.From), Expr(s.To), Expr(s.With))
	case *ast.Conserve:
		p.line("CONSERVE %s = %s", conserveSide(s.Lhs), Expr(s.Rhs))
	case *ast.Compartment:
		p.line("COMPARTMENT %s%s {%s}", indexPrefix(s.Index), Expr(s.Volume), states(s.States))
	case *ast.LongDiffusion:
		p.line("LONGITUDINAL_DIFFUSION %s%s {%s}", indexPrefix(s.Index), Expr(s.Rate), states(s.States))
	case *ast.Reaction:
		switch s.Op {
		case ast.Reversible:
			p.line("~ %s <-> %s (%s, %s)", reactSide(s.Lhs), reactSide(s.Rhs), Expr(s.Kf), Expr(s.Kb))
		case ast.Forward:
			p.line("~ %s -> (%s)", reactSide(s.Lhs), Expr(s.Kf))
		case ast.Flux:
			p.line("~ %s << (%s)", reactSide(s.Lhs), Expr(s.Kf))
		}
	case *ast.LinEq:
		p.line("~ %s = %s", Expr(s.Lhs), Expr(s.Rhs))
	case *ast.Watch:
		conds := make([]string, len(s.Conds))
		for i, c := range s.Conds {
			conds[i] = "(" + Expr(c.Cond) + ") " + Expr(c.Flag)
		}
		p.line("WATCH %s", strings.Join(conds, ", "))
	case *ast.ForNetcons:
		p.body("FOR_NETCONS"+params(s.Params), s.Body)
	case *ast.Protect:
		if as, ok := s.Stmt.(*ast.Assign); ok {
			p.line("PROTECT %s = %s", Expr(as.Lhs), Expr(as.Rhs))
		}
	case *ast.Mutex:
		if s.Lock {
			p.line("MUTEXLOCK")
		} else {
			p.line("MUTEXUNLOCK")
		}
	case *ast.InitialStmt:
		p.body("INITIAL", s.Body)
	case *ast.Keyword:
		p.line("%s", keyword(s))
	case *ast.Forall:
		p.body("FORALL "+s.Var.Name, s.Body)
	case *ast.Match:
		p.line("MATCH {")
		p.indent++
		for _, it := range s.Items {
			p.at(it.At)
			line := Expr(it.State)
			if it.Index != nil {
				line += "[" + it.Index.Name + "]"
			}
			if it.Value != nil {
				line += "(" + Expr(it.Arg) + ") = " + Expr(it.Value)
			}
			p.line("%s", line)
		}
		p.indent--
		p.brace("}")
	case *ast.PartialEq:
		p.line("~ %s = %s*DEL2(%s) + %s", Expr(s.State), s.Coef.Name, s.Del2Of.Name, s.Source.Name)
	case *ast.PartialBoundary:
		del, end := "", "FIRST"
		if s.Del {
			del = "DEL "
		}
		if s.Last {
			end = "LAST"
		}
		p.line("~ %s%s[%s] = %s", del, s.State.Name, end, Expr(s.Value))
	case *ast.Verbatim:
		p.verbatim(s)
	case *ast.UnitsOnOff:
		p.unitsOnOff(s)
	default:
		p.line(": unknown statement %T", s)
	}
}

func (p *printer) ifStmt(s *ast.If) {
	p.line("if (%s) {", Expr(s.Cond))
	p.ifRest(s)
}

// ifRest prints an if's branch and its else chain, "} else if (…) {" on
// one line.
func (p *printer) ifRest(s *ast.If) {
	p.indent++
	for _, st := range s.Then.Stmts {
		p.stmt(st)
	}
	p.flush(s.Then.End)
	p.indent--
	switch e := s.Else.(type) {
	case nil:
		p.brace("}")
	case *ast.If:
		p.at(e.At)
		p.line("} else if (%s) {", Expr(e.Cond))
		p.ifRest(e)
	case *ast.StmtBlock:
		p.brace("} else {")
		p.indent++
		for _, st := range e.Stmts {
			p.stmt(st)
		}
		p.closeBrace(e.End)
	}
}

func plotVar(v *ast.PlotVar) string {
	if v.Index == nil {
		return v.Name.Name
	}
	return v.Name.Name + "[" + v.Index.Text + "]"
}

func indexPrefix(id *ast.Ident) string {
	if id == nil {
		return ""
	}
	return id.Name + ", "
}

func states(ids []*ast.Ident) string {
	if len(ids) == 0 {
		return ""
	}
	names := make([]string, len(ids))
	for i, id := range ids {
		names[i] = id.Name
	}
	return " " + strings.Join(names, " ") + " "
}

func reactSide(terms []*ast.ReactTerm) string {
	out := make([]string, len(terms))
	for i, t := range terms {
		out[i] = Expr(t.State)
		if t.Coef != 1 {
			out[i] = fmt.Sprintf("%d%s", t.Coef, out[i])
		}
	}
	return strings.Join(out, " + ")
}

// conserveSide prints CONSERVE's left side, a sum of 2*A-style terms, in
// the reaction form (2A) that the grammar reads there.
func conserveSide(e ast.Expr) string {
	switch e := e.(type) {
	case *ast.Binary:
		switch e.Op {
		case "+":
			return conserveSide(e.X) + " + " + conserveSide(e.Y)
		case "*":
			if n, ok := e.X.(*ast.Number); ok {
				return n.Text + Expr(e.Y)
			}
		}
	}
	return Expr(e)
}

func keyword(k *ast.Keyword) string {
	args := make([]string, len(k.Args))
	for i, a := range k.Args {
		args[i] = Expr(a)
	}
	switch k.Word {
	case "CONDUCTANCE":
		if len(args) == 2 {
			return "CONDUCTANCE " + args[0] + " USEION " + args[1]
		}
	case "LAG":
		if len(args) == 2 {
			return "LAG " + args[0] + " BY " + args[1]
		}
	case "SENS":
		return "SENS " + strings.Join(args, ", ")
	}
	return strings.TrimSpace(k.Word + " " + strings.Join(args, " "))
}
