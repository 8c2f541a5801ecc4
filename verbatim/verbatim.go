// Package verbatim reads the C that .mod files hold between VERBATIM and
// ENDVERBATIM. nocmodl pastes that text into the C it writes; nmodlgo
// translates the part of C whose meaning is plain in NMODL's terms into
// NMODL statements (package ast), which the checker and the compiler then
// treat as if the file had them: assignments, if/else, while and for,
// printf, arithmetic and comparisons, math.h functions, calls of the
// mechanism's FUNCTIONs and PROCEDUREs, local variables, nocmodl's names
// for locals (_lx), ion values (_ion_cai) and arguments (_threadargs_),
// and a return at the end of a FUNCTION or PROCEDURE. Anything else is
// refused with its position and the C construct's name, never guessed:
// pointers, NEURON's C API, integer division, float arithmetic.
//
// At the top level of a file, VERBATIM text is C that nothing translated
// can use; its macros are returned for the checker to judge, since a macro
// could change nocmodl's C (Declarations).
package verbatim

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/nmodlgo/nmodlgo/ast"
)

// Error is C that nmodlgo does not translate: the construct and why.
type Error struct {
	Pos       ast.Pos
	Construct string
	Msg       string
}

func (e *Error) Error() string {
	return fmt.Sprintf("C %s: %s", e.Construct, e.Msg)
}

// Result is VERBATIM text translated.
type Result struct {
	Stmts []ast.Stmt
	// Return is a return statement at the end of the text, or nil.
	Return *Return
	// Ions are the ion variables it reads as _ion_<name>: it reads them as
	// <name>, which is right only where the mechanism does not write them.
	Ions []*ast.Name
}

// Return is return [value]; at the end of VERBATIM text.
type Return struct {
	At    ast.Pos
	Value ast.Expr // nil for return;
}

// Env is what Translate knows of the file around the text.
type Env struct {
	// IsInt reports the NMODL locals that are ints in nocmodl's C (FROM
	// loop counters), so that C's integer arithmetic on them is seen; nil
	// for none.
	IsInt func(name string) bool
	// Macros are the names the file's top-level C defines as macros
	// (Declarations): nmodlgo does not expand them, so text that uses one
	// is refused.
	Macros map[string]ast.Pos
}

// Translate translates the C statements of a VERBATIM block inside a block
// of NMODL code; at is the position of the VERBATIM keyword (the text
// starts on the next line).
func Translate(text string, at ast.Pos, env Env) (*Result, error) {
	toks, err := lex(text, ast.Pos{File: at.File, Line: at.Line + 1, Col: 1})
	if err != nil {
		return nil, err
	}
	for _, t := range toks {
		if def, ok := env.Macros[t.text]; ok && t.kind == tIdent {
			return nil, &Error{t.pos, describe(t), fmt.Sprintf("a macro of the file's top-level C (#define at %d:%d), which nmodlgo does not expand", def.Line, def.Col)}
		}
	}
	p := &parser{toks: toks, res: &Result{}, scopes: []map[string]bool{{}}, isInt: env.IsInt}
	stmts, locals, err := p.stmtList(true)
	if err != nil {
		return nil, err
	}
	if len(locals) > 0 {
		stmts = []ast.Stmt{block(at, locals, stmts)}
	}
	p.res.Stmts = stmts
	return p.res, nil
}

// Macro is a name that top-level C defines (#define) or undefines
// (#undef).
type Macro struct {
	Name string
	Pos  ast.Pos
}

// Declarations accepts VERBATIM text at the top level of a file: C
// declarations and definitions (of functions, variables, types) that
// nothing nmodlgo translates can use, since translated code that names a
// C function or variable is refused. It returns the macros the text
// defines or undefines, for the caller to judge: a macro changes all the C
// after it, nocmodl's included. Any other preprocessor line but #include
// is refused, and so is text that is not balanced C.
func Declarations(text string, at ast.Pos) ([]Macro, error) {
	toks, err := lex(text, ast.Pos{File: at.File, Line: at.Line + 1, Col: 1})
	if err != nil {
		return nil, err
	}
	var macros []Macro
	var open []token
	for _, t := range toks {
		switch {
		case t.kind == tPreproc && isInclude(t.text):
		case t.kind == tPreproc:
			d := directiveName(t.text)
			if d != "#define" && d != "#undef" {
				return nil, &Error{t.pos, d, "only #include, #define and #undef are read at the top level"}
			}
			name := macroName(t.text)
			if name == "" {
				return nil, &Error{t.pos, d, "without a name"}
			}
			macros = append(macros, Macro{name, t.pos})
		case t.kind == tPunct && (t.text == "{" || t.text == "(" || t.text == "["):
			open = append(open, t)
		case t.kind == tPunct && (t.text == "}" || t.text == ")" || t.text == "]"):
			if len(open) == 0 || matching[open[len(open)-1].text] != t.text {
				return nil, &Error{t.pos, describe(t), "unbalanced C"}
			}
			open = open[:len(open)-1]
		}
	}
	if len(open) > 0 {
		t := open[len(open)-1]
		return nil, &Error{t.pos, describe(t), "unbalanced C: not closed"}
	}
	return macros, nil
}

// macroName is N of "#define N(x) …" or "#undef N", or "".
func macroName(line string) string {
	f := strings.Fields(strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(line), "#")))
	if len(f) < 2 {
		return ""
	}
	name := f[1]
	if i := strings.IndexByte(name, '('); i >= 0 {
		name = name[:i]
	}
	for i := 0; i < len(name); i++ {
		if !isIdentPart(name[i]) || i == 0 && !isIdentStart(name[i]) {
			return ""
		}
	}
	return name
}

var matching = map[string]string{"{": "}", "(": ")", "[": "]"}

// directiveName is "#define" for "#define N 3".
func directiveName(line string) string {
	f := strings.Fields(strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(line), "#")))
	if len(f) == 0 {
		return "#"
	}
	return "#" + f[0]
}

func isInclude(line string) bool {
	return strings.HasPrefix(strings.TrimSpace(strings.TrimPrefix(line, "#")), "include")
}

// describe names a token for a message.
func describe(t token) string {
	switch t.kind {
	case tIdent:
		return "'" + t.text + "'"
	case tNumber:
		return "number " + t.text
	case tString:
		return "string"
	case tChar:
		return "character constant"
	case tPreproc:
		return "preprocessor line"
	case tEOF:
		return "end of text"
	}
	return "'" + t.text + "'"
}

func block(at ast.Pos, locals []string, stmts []ast.Stmt) *ast.StmtBlock {
	l := &ast.Local{At: at}
	for _, n := range locals {
		l.Names = append(l.Names, &ast.Param{At: at, Name: &ast.Ident{At: at, Name: n}})
	}
	return &ast.StmtBlock{At: at, Stmts: append([]ast.Stmt{l}, stmts...), End: at}
}

// mathFuncs are the functions of math.h that are NMODL's too, with the
// same meaning (nocmodl defines exp as hoc_Exp for the whole C file, so
// VERBATIM's exp is NMODL's).
var mathFuncs = map[string]bool{
	"exp": true, "log": true, "log10": true, "sqrt": true, "fabs": true, "pow": true,
	"sin": true, "cos": true, "tan": true, "asin": true, "acos": true, "atan": true, "atan2": true,
	"sinh": true, "cosh": true, "tanh": true, "floor": true, "ceil": true, "fmod": true,
}

// intTypes and doubleTypes are the types of the locals it translates.
var (
	intTypes    = map[string]bool{"int": true, "long": true, "short": true, "unsigned": true}
	doubleTypes = map[string]bool{"double": true}
	qualifiers  = map[string]bool{"const": true, "register": true}
	cKeywords   = map[string]bool{
		"auto": true, "break": true, "case": true, "char": true, "continue": true, "default": true, "do": true,
		"enum": true, "extern": true, "float": true, "goto": true, "signed": true, "sizeof": true, "static": true,
		"struct": true, "switch": true, "typedef": true, "union": true, "void": true, "volatile": true,
	}
)

type parser struct {
	toks   []token
	i      int
	res    *Result
	scopes []map[string]bool // the C locals declared, true for an int
	isInt  func(string) bool // NMODL locals that are ints in nocmodl's C
	// hoist collects the assignments of an if's condition, (x = e) < y,
	// made before the if; shortCircuit says that a && or || came before.
	hoist        *[]ast.Stmt
	shortCircuit bool
	// breaks are the C statements a break would leave, innermost last:
	// "loop" for while and for, "switch" for a switch's case; empty, a
	// break leaves the NMODL loop around the text (check sees to it).
	breaks []string
}

func (p *parser) peek() token { return p.toks[p.i] }
func (p *parser) next() token { t := p.toks[p.i]; p.i++; return t }

func (p *parser) is(text string) bool {
	t := p.peek()
	return (t.kind == tPunct || t.kind == tIdent) && t.text == text
}

func (p *parser) expect(text string) (token, error) {
	t := p.next()
	if (t.kind != tPunct && t.kind != tIdent) || t.text != text {
		return t, &Error{t.pos, describe(t), fmt.Sprintf("expected %q", text)}
	}
	return t, nil
}

// local looks a C local up: declared, and an int.
func (p *parser) local(name string) (declared, isInt bool) {
	for i := len(p.scopes) - 1; i >= 0; i-- {
		if isInt, ok := p.scopes[i][name]; ok {
			return true, isInt
		}
	}
	return false, false
}

// stmtList reads statements up to the end of the text (top) or a closing
// brace, and the names of the locals they declare.
func (p *parser) stmtList(top bool) (stmts []ast.Stmt, locals []string, err error) {
	for {
		t := p.peek()
		switch {
		case t.kind == tEOF && top, t.text == "}" && t.kind == tPunct && !top:
			return stmts, locals, nil
		case t.kind == tEOF:
			return nil, nil, &Error{t.pos, "block", "a { without its }"}
		}
		if t.kind == tIdent && (doubleTypes[t.text] || intTypes[t.text] || qualifiers[t.text]) {
			names, inits, err := p.declaration()
			if err != nil {
				return nil, nil, err
			}
			locals = append(locals, names...)
			stmts = append(stmts, inits...)
			continue
		}
		if t.text == "return" && t.kind == tIdent {
			if err := p.ret(top); err != nil {
				return nil, nil, err
			}
			continue
		}
		s, err := p.stmt()
		if err != nil {
			return nil, nil, err
		}
		stmts = append(stmts, s...)
	}
}

// ret reads return [expr]; which must end the text.
func (p *parser) ret(top bool) error {
	t := p.next()
	r := &Return{At: t.pos}
	if !p.is(";") {
		x, _, err := p.expr()
		if err != nil {
			return err
		}
		r.Value = x
	}
	if _, err := p.expect(";"); err != nil {
		return err
	}
	if !top || p.peek().kind != tEOF {
		return &Error{t.pos, "return", "a return before the end of the VERBATIM text: NMODL has no return statement"}
	}
	p.res.Return = r
	return nil
}

// declaration reads double a = 1, b; or int i; and returns the names and
// the initial assignments.
func (p *parser) declaration() (names []string, inits []ast.Stmt, err error) {
	isInt := false
	for t := p.peek(); t.kind == tIdent && (doubleTypes[t.text] || intTypes[t.text] || qualifiers[t.text]); t = p.peek() {
		isInt = isInt || intTypes[t.text]
		p.next()
	}
	for {
		t := p.next()
		if t.kind != tIdent || cKeywords[t.text] {
			return nil, nil, &Error{t.pos, describe(t), "expected the name of a variable"}
		}
		if strings.HasPrefix(t.text, "_") {
			return nil, nil, &Error{t.pos, "'" + t.text + "'", "a C local whose name starts with _ (nocmodl's names do)"}
		}
		if p.is("[") || p.is("(") || p.is("*") {
			return nil, nil, &Error{p.peek().pos, "declarator", "only scalar double and int locals are translated"}
		}
		p.scopes[len(p.scopes)-1][t.text] = isInt
		names = append(names, t.text)
		if p.is("=") {
			p.next()
			x, xInt, err := p.expr()
			if err != nil {
				return nil, nil, err
			}
			if isInt && !xInt {
				return nil, nil, &Error{t.pos, "'" + t.text + "'", "a double assigned to an int: C truncates it"}
			}
			inits = append(inits, &ast.Assign{At: t.pos, Lhs: &ast.Name{At: t.pos, Name: t.text}, Rhs: x})
		}
		if p.is(",") {
			p.next()
			continue
		}
		if _, err := p.expect(";"); err != nil {
			return nil, nil, err
		}
		return names, inits, nil
	}
}

// stmt reads one statement other than a declaration or a return.
func (p *parser) stmt() ([]ast.Stmt, error) {
	t := p.peek()
	switch {
	case t.kind == tPreproc:
		p.next()
		if isInclude(t.text) {
			return nil, nil
		}
		return nil, &Error{t.pos, "preprocessor line", fmt.Sprintf("%q", t.text)}
	case t.kind == tPunct && t.text == ";":
		p.next()
		return nil, nil
	case t.kind == tPunct && t.text == "{":
		b, err := p.block()
		if err != nil {
			return nil, err
		}
		return []ast.Stmt{b}, nil
	case t.kind == tIdent && t.text == "if":
		return p.ifStmt()
	case t.kind == tIdent && t.text == "switch":
		return p.switchStmt()
	case t.kind == tIdent && t.text == "while":
		p.next()
		cond, err := p.paren()
		if err != nil {
			return nil, err
		}
		p.breaks = append(p.breaks, "loop")
		body, err := p.body()
		p.breaks = p.breaks[:len(p.breaks)-1]
		if err != nil {
			return nil, err
		}
		return []ast.Stmt{&ast.While{At: t.pos, Cond: cond, Body: body}}, nil
	case t.kind == tIdent && t.text == "for":
		return p.forStmt()
	case t.kind == tIdent && t.text == "break":
		p.next()
		if _, err := p.expect(";"); err != nil {
			return nil, err
		}
		if n := len(p.breaks); n > 0 && p.breaks[n-1] == "switch" {
			return nil, &Error{t.pos, "'break'", "a break inside a case before its end (it leaves the switch)"}
		}
		return []ast.Stmt{&ast.Break{At: t.pos}}, nil
	case t.kind == tIdent && t.text == "extern":
		j := p.i
		for p.toks[j].kind != tEOF && p.toks[j].text != ";" {
			j++
		}
		if p.toks[j].kind == tEOF || !slices.ContainsFunc(p.toks[p.i:j], func(t token) bool { return t.text == "(" }) {
			return nil, &Error{t.pos, "extern variable", "a variable of C elsewhere"}
		}
		p.i = j + 1
		return nil, nil
	case t.kind == tIdent && cKeywords[t.text], t.kind == tIdent && t.text == "float":
		return nil, &Error{t.pos, "'" + t.text + "'", "not translated"}
	}
	s, err := p.exprStmt()
	if err != nil {
		return nil, err
	}
	if _, err := p.expect(";"); err != nil {
		return nil, err
	}
	return s, nil
}

// block reads { … } as an NMODL block with its locals first.
func (p *parser) block() (*ast.StmtBlock, error) {
	open := p.next()
	p.scopes = append(p.scopes, map[string]bool{})
	stmts, locals, err := p.stmtList(false)
	p.scopes = p.scopes[:len(p.scopes)-1]
	if err != nil {
		return nil, err
	}
	close := p.next()
	if len(locals) > 0 {
		b := block(open.pos, locals, stmts)
		b.End = close.pos
		return b, nil
	}
	return &ast.StmtBlock{At: open.pos, Stmts: stmts, End: close.pos}, nil
}

// body reads the statement of an if, while or for as a block.
func (p *parser) body() (*ast.StmtBlock, error) {
	if p.is("{") {
		return p.block()
	}
	at := p.peek().pos
	if t := p.peek(); t.kind == tIdent && (doubleTypes[t.text] || intTypes[t.text]) {
		return nil, &Error{t.pos, "declaration", "a declaration as the body of a statement"}
	}
	s, err := p.stmt()
	if err != nil {
		return nil, err
	}
	return &ast.StmtBlock{At: at, Stmts: s, End: at}, nil
}

func (p *parser) paren() (ast.Expr, error) {
	if _, err := p.expect("("); err != nil {
		return nil, err
	}
	x, _, err := p.expr()
	if err != nil {
		return nil, err
	}
	_, err = p.expect(")")
	return x, err
}

// ifStmt reads if (cond) body [else body]; assignments in the condition
// come first.
func (p *parser) ifStmt() ([]ast.Stmt, error) {
	t := p.next()
	if _, err := p.expect("("); err != nil {
		return nil, err
	}
	var hoisted []ast.Stmt
	p.hoist, p.shortCircuit = &hoisted, false
	cond, _, err := p.expr()
	p.hoist = nil
	if err != nil {
		return nil, err
	}
	if _, err := p.expect(")"); err != nil {
		return nil, err
	}
	then, err := p.body()
	if err != nil {
		return nil, err
	}
	s := &ast.If{At: t.pos, Cond: cond, Then: then}
	if p.is("else") {
		p.next()
		if p.is("if") {
			elseIf, err := p.ifStmt()
			if err != nil {
				return nil, err
			}
			if len(elseIf) == 1 {
				s.Else = elseIf[0]
			} else {
				s.Else = &ast.StmtBlock{At: t.pos, Stmts: elseIf, End: t.pos}
			}
		} else if s.Else, err = p.body(); err != nil {
			return nil, err
		}
	}
	return append(hoisted, s), nil
}

// switchStmt reads switch (x) { case 1: … break; … default: … } whose
// cases each end in break, as if (x == 1) { … } else if … else { … }.
func (p *parser) switchStmt() ([]ast.Stmt, error) {
	t := p.next()
	x, err := p.paren()
	if err != nil {
		return nil, err
	}
	switch x.(type) {
	case *ast.Name, *ast.Index:
	default:
		return nil, &Error{t.pos, "switch", "a switch on a value other than a variable"}
	}
	if _, err := p.expect("{"); err != nil {
		return nil, err
	}
	type arm struct {
		cond  ast.Expr // nil for default
		stmts []ast.Stmt
	}
	var arms []arm
	for !p.is("}") {
		c := p.next()
		var cond ast.Expr
		for {
			switch {
			case c.text == "case" && c.kind == tIdent:
				v, isInt, err := p.unary()
				if err != nil {
					return nil, err
				}
				if !isInt {
					return nil, &Error{c.pos, "case", "a case label other than an int"}
				}
				eq := &ast.Binary{At: c.pos, Op: "==", X: x, Y: v}
				if cond == nil {
					cond = eq
				} else {
					cond = &ast.Binary{At: c.pos, Op: "||", X: cond, Y: eq}
				}
			case c.text == "default" && c.kind == tIdent:
				if cond != nil {
					return nil, &Error{c.pos, "default", "default sharing its statements with a case"}
				}
			default:
				return nil, &Error{c.pos, describe(c), "expected case or default"}
			}
			if _, err := p.expect(":"); err != nil {
				return nil, err
			}
			if !p.is("case") && !p.is("default") {
				break
			}
			c = p.next()
		}
		var stmts []ast.Stmt
		p.breaks = append(p.breaks, "switch")
		for !p.is("break") && !p.is("}") {
			if p.is("case") || p.is("default") {
				p.breaks = p.breaks[:len(p.breaks)-1]
				return nil, &Error{p.peek().pos, "case", "a case that falls through to the next"}
			}
			st, err := p.stmt()
			if err != nil {
				p.breaks = p.breaks[:len(p.breaks)-1]
				return nil, err
			}
			stmts = append(stmts, st...)
		}
		p.breaks = p.breaks[:len(p.breaks)-1]
		if p.is("break") {
			p.next()
			if _, err := p.expect(";"); err != nil {
				return nil, err
			}
		} else if !p.is("}") {
			return nil, &Error{p.peek().pos, "case", "a case that does not end in break"}
		}
		arms = append(arms, arm{cond, stmts})
	}
	p.next()
	// the default, wherever it stands, is the last else
	var def *arm
	var out ast.Stmt
	for i := len(arms) - 1; i >= 0; i-- {
		a := arms[i]
		if a.cond == nil {
			def = &arms[i]
			continue
		}
		s := &ast.If{At: t.pos, Cond: a.cond, Then: &ast.StmtBlock{At: t.pos, Stmts: a.stmts, End: t.pos}}
		switch {
		case out != nil:
			s.Else = out
		case def != nil:
			s.Else = &ast.StmtBlock{At: t.pos, Stmts: def.stmts, End: t.pos}
		}
		out = s
	}
	if out == nil {
		if def == nil {
			return nil, nil
		}
		return def.stmts, nil
	}
	return []ast.Stmt{out}, nil
}

// forStmt reads for (init; cond; post) body as init, then while (cond)
// { body post }, in a block of its own when init declares its counter.
func (p *parser) forStmt() ([]ast.Stmt, error) {
	t := p.next()
	if _, err := p.expect("("); err != nil {
		return nil, err
	}
	p.scopes = append(p.scopes, map[string]bool{})
	defer func() { p.scopes = p.scopes[:len(p.scopes)-1] }()
	var init []ast.Stmt
	var locals []string
	var err error
	switch first := p.peek(); {
	case first.kind == tIdent && (doubleTypes[first.text] || intTypes[first.text]):
		if locals, init, err = p.declaration(); err != nil {
			return nil, err
		}
	case first.text == ";":
		p.next()
	default:
		if init, err = p.exprStmt(); err != nil {
			return nil, err
		}
		if _, err := p.expect(";"); err != nil {
			return nil, err
		}
	}
	var cond ast.Expr = &ast.Number{At: t.pos, Text: "1", Value: 1}
	if !p.is(";") {
		if cond, _, err = p.expr(); err != nil {
			return nil, err
		}
	}
	if _, err := p.expect(";"); err != nil {
		return nil, err
	}
	var post []ast.Stmt
	if !p.is(")") {
		if post, err = p.exprStmt(); err != nil {
			return nil, err
		}
	}
	if _, err := p.expect(")"); err != nil {
		return nil, err
	}
	p.breaks = append(p.breaks, "loop")
	body, err := p.body()
	p.breaks = p.breaks[:len(p.breaks)-1]
	if err != nil {
		return nil, err
	}
	body.Stmts = append(body.Stmts, post...)
	loop := append(init, &ast.While{At: t.pos, Cond: cond, Body: body})
	if len(locals) > 0 {
		return []ast.Stmt{block(t.pos, locals, loop)}, nil
	}
	return []ast.Stmt{&ast.StmtBlock{At: t.pos, Stmts: loop, End: t.pos}}, nil
}

// exprStmt reads an assignment, an increment or a call, without its ';'.
func (p *parser) exprStmt() ([]ast.Stmt, error) {
	t := p.peek()
	if p.is("++") || p.is("--") {
		op := p.next()
		lhs, _, err := p.lvalue()
		if err != nil {
			return nil, err
		}
		return []ast.Stmt{increment(op, lhs)}, nil
	}
	if t.kind == tIdent && p.toks[p.i+1].text == "(" {
		call, _, err := p.unary()
		if err != nil {
			return nil, err
		}
		if _, ok := call.(*ast.Call); !ok {
			return nil, &Error{t.pos, "expression", "a value computed for nothing"}
		}
		return []ast.Stmt{&ast.ExprStmt{X: call}}, nil
	}
	lhs, lhsInt, err := p.lvalue()
	if err != nil {
		return nil, err
	}
	op := p.next()
	switch op.text {
	case "++", "--":
		return []ast.Stmt{increment(op, lhs)}, nil
	case "=", "+=", "-=", "*=", "/=":
	default:
		return nil, &Error{op.pos, describe(op), "expected an assignment"}
	}
	rhs, rhsInt, err := p.expr()
	if err != nil {
		return nil, err
	}
	if op.text != "=" {
		bop := op.text[:1]
		if bop == "/" && lhsInt && rhsInt {
			return nil, &Error{op.pos, "integer division", "C divides ints without a fraction"}
		}
		rhs = &ast.Binary{At: op.pos, Op: bop, X: lhs, Y: &ast.Paren{At: op.pos, X: rhs}}
		rhsInt = lhsInt && rhsInt
	}
	if lhsInt && !rhsInt {
		return nil, &Error{op.pos, "assignment", "a double assigned to an int: C truncates it"}
	}
	return []ast.Stmt{&ast.Assign{At: t.pos, Lhs: lhs, Rhs: rhs}}, nil
}

func increment(op token, lhs ast.Expr) ast.Stmt {
	one := &ast.Number{At: op.pos, Text: "1", Value: 1}
	return &ast.Assign{At: op.pos, Lhs: lhs, Rhs: &ast.Binary{At: op.pos, Op: op.text[:1], X: lhs, Y: one}}
}

// lvalue reads what an assignment can assign: a name or an element.
func (p *parser) lvalue() (ast.Expr, bool, error) {
	t := p.peek()
	if t.kind != tIdent {
		return nil, false, &Error{t.pos, describe(t), "expected a variable"}
	}
	if strings.HasPrefix(t.text, "_ion_") {
		return nil, false, &Error{t.pos, "'" + t.text + "'", "an assignment to an ion's variable itself"}
	}
	x, isInt, err := p.postfix()
	if err != nil {
		return nil, false, err
	}
	switch x.(type) {
	case *ast.Name, *ast.Index:
		return x, isInt, nil
	}
	return nil, false, &Error{t.pos, describe(t), "not a variable"}
}

// binary operators by precedence, loosest first.
var binaryLevels = [][]string{{"||"}, {"&&"}, {"==", "!="}, {"<", "<=", ">", ">="}, {"+", "-"}, {"*", "/", "%"}}

// expr reads a value; (int) of a double may stand only as an index.
func (p *parser) expr() (ast.Expr, bool, error) {
	x, isInt, err := p.binary(0)
	if c, ok := x.(*intCast); ok && err == nil {
		return nil, false, &Error{c.at, "(int) cast", "C truncates a double to an int; NMODL has no such value"}
	}
	return x, isInt, err
}

// index reads an index, where (int) of a double is what NMODL does too.
func (p *parser) index() (ast.Expr, error) {
	x, _, err := p.binary(0)
	if c, ok := x.(*intCast); ok {
		return c.Expr, err
	}
	return x, err
}

// operand refuses (int) of a double inside an expression.
func operand(x ast.Expr) error {
	if c, ok := x.(*intCast); ok {
		return &Error{c.at, "(int) cast", "C truncates a double to an int; NMODL has no such value"}
	}
	return nil
}

func (p *parser) binary(level int) (ast.Expr, bool, error) {
	if level == len(binaryLevels) {
		return p.unary()
	}
	x, xInt, err := p.binary(level + 1)
	if err != nil {
		return nil, false, err
	}
	for {
		t := p.peek()
		if t.kind != tPunct || !slices.Contains(binaryLevels[level], t.text) {
			if t.kind == tPunct && slices.Contains([]string{"?", "&", "|", "^", "<<", ">>", "=", "+=", "-=", "*=", "/="}, t.text) && level == 0 {
				return nil, false, &Error{t.pos, describe(t), "this operator is not translated inside an expression"}
			}
			return x, xInt, nil
		}
		p.next()
		if t.text == "&&" || t.text == "||" {
			p.shortCircuit = true
		}
		y, yInt, err := p.binary(level + 1)
		if err != nil {
			return nil, false, err
		}
		if err := cmpErr(operand(x), operand(y)); err != nil {
			return nil, false, err
		}
		switch {
		case t.text == "%":
			return nil, false, &Error{t.pos, "'%'", "C's remainder of ints"}
		case t.text == "/" && xInt && yInt:
			return nil, false, &Error{t.pos, "integer division", "C divides ints without a fraction"}
		}
		isInt := xInt && yInt || level <= 3 // comparisons and logic give an int
		x, xInt = &ast.Binary{At: t.pos, Op: t.text, X: x, Y: y}, isInt
	}
}

func (p *parser) unary() (ast.Expr, bool, error) {
	t := p.peek()
	if t.kind == tPunct {
		switch t.text {
		case "-", "!":
			p.next()
			x, isInt, err := p.unary()
			if err == nil {
				err = operand(x)
			}
			if err != nil {
				return nil, false, err
			}
			return &ast.Unary{At: t.pos, Op: t.text, X: x}, isInt || t.text == "!", nil
		case "+":
			p.next()
			return p.unary()
		case "(":
			if n := p.toks[p.i+1]; n.kind == tIdent && (doubleTypes[n.text] || intTypes[n.text] || n.text == "float" || n.text == "char" || n.text == "void") {
				return p.cast()
			}
		case "*", "&", "~", "++", "--":
			return nil, false, &Error{t.pos, describe(t), "pointers and bit operations are not translated"}
		}
	}
	return p.postfix()
}

// cast reads (double) x, exact, and (int) x of an int.
func (p *parser) cast() (ast.Expr, bool, error) {
	open := p.next()
	typ := p.next()
	if !p.is(")") {
		return nil, false, &Error{typ.pos, "cast", "only (double) and (int) are translated"}
	}
	p.next()
	x, isInt, err := p.unary()
	if err != nil {
		return nil, false, err
	}
	switch {
	case doubleTypes[typ.text]:
		return x, false, nil
	case intTypes[typ.text] && isInt:
		return x, true, nil
	case intTypes[typ.text]:
		return &intCast{x, open.pos}, true, nil
	}
	return nil, false, &Error{typ.pos, "cast", "(" + typ.text + ") is not translated"}
}

// intCast is (int) of a double, which only an index may hold: NMODL
// truncates an index as C does.
type intCast struct {
	ast.Expr
	at ast.Pos
}

func (p *parser) postfix() (ast.Expr, bool, error) {
	x, isInt, err := p.primary()
	if err != nil {
		return nil, false, err
	}
	if t := p.peek(); t.kind == tPunct && (t.text == "." || t.text == "->") {
		return nil, false, &Error{t.pos, describe(t), "structs and pointers are not translated"}
	}
	return x, isInt, nil
}

func (p *parser) primary() (ast.Expr, bool, error) {
	t := p.next()
	switch t.kind {
	case tNumber:
		return number(t)
	case tIdent:
		if cKeywords[t.text] || t.text == "float" {
			return nil, false, &Error{t.pos, "'" + t.text + "'", "not translated"}
		}
		if p.is("(") {
			return p.call(t)
		}
		name, isInt, err := p.name(t)
		if err != nil {
			return nil, false, err
		}
		if p.is("[") {
			p.next()
			ix, err := p.index()
			if err != nil {
				return nil, false, err
			}
			if _, err := p.expect("]"); err != nil {
				return nil, false, err
			}
			n, ok := name.(*ast.Name)
			if !ok {
				return nil, false, &Error{t.pos, describe(t), "not an array"}
			}
			return &ast.Index{At: t.pos, X: n, Index: ix}, false, nil
		}
		return name, isInt, nil
	case tPunct:
		if t.text == "(" && p.hoist != nil && p.peek().kind == tIdent && p.assignAhead() {
			if p.shortCircuit {
				return nil, false, &Error{t.pos, "assignment", "an assignment after && or || in a condition: C makes it only sometimes"}
			}
			st, err := p.exprStmt()
			if err != nil {
				return nil, false, err
			}
			if _, err := p.expect(")"); err != nil {
				return nil, false, err
			}
			a := st[0].(*ast.Assign)
			*p.hoist = append(*p.hoist, a)
			return &ast.Paren{At: t.pos, X: a.Lhs}, false, nil
		}
		if t.text == "(" {
			x, isInt, err := p.expr()
			if err != nil {
				return nil, false, err
			}
			if _, err := p.expect(")"); err != nil {
				return nil, false, err
			}
			return &ast.Paren{At: t.pos, X: x}, isInt, nil
		}
	case tString:
		return nil, false, &Error{t.pos, "string", "a string other than printf's format"}
	}
	return nil, false, &Error{t.pos, describe(t), "expected a value"}
}

// assignAhead reports whether the tokens from here are a variable (with
// an index) followed by =.
func (p *parser) assignAhead() bool {
	j := p.i + 1
	if p.toks[j].text == "[" {
		depth := 0
		for ; p.toks[j].kind != tEOF; j++ {
			switch p.toks[j].text {
			case "[":
				depth++
			case "]":
				depth--
			}
			if depth == 0 {
				break
			}
		}
		if p.toks[j].kind == tEOF {
			return false
		}
		j++
	}
	return p.toks[j].kind == tPunct && p.toks[j].text == "="
}

// name translates a C name: _lx is NMODL's x, _ion_x the ion variable x,
// a local of the C text itself, or a name of the mechanism's (its
// variables, t, dt, v, celsius, …), which nocmodl's C spells as NMODL
// does.
func (p *parser) name(t token) (ast.Expr, bool, error) {
	n := t.text
	if declared, isInt := p.local(n); declared {
		return &ast.Name{At: t.pos, Name: n}, isInt, nil
	}
	switch {
	case strings.HasPrefix(n, "_ion_") && len(n) > 5:
		x := &ast.Name{At: t.pos, Name: n[5:]}
		p.res.Ions = append(p.res.Ions, x)
		return x, false, nil
	case strings.HasPrefix(n, "_l") && len(n) > 2:
		return &ast.Name{At: t.pos, Name: n[2:]}, p.isInt != nil && p.isInt(n[2:]), nil
	case strings.HasPrefix(n, "_"):
		return nil, false, &Error{t.pos, "'" + n + "'", "one of nocmodl's names for its own data"}
	case n == "cvode_active_":
		// NEURON's flag for its variable step, which nmodlgo has not
		return &ast.Number{At: t.pos, Text: "0", Value: 0}, true, nil
	}
	return &ast.Name{At: t.pos, Name: n}, false, nil
}

// call reads a call: printf, a math.h function, or a FUNCTION or
// PROCEDURE of the file (nocmodl's _threadargs_ dropped).
func (p *parser) call(fn token) (ast.Expr, bool, error) {
	p.next() // (
	c := &ast.Call{At: fn.pos, Fun: &ast.Ident{At: fn.pos, Name: fn.text}}
	switch {
	case fn.text == "printf":
		s := p.next()
		if s.kind != tString {
			return nil, false, &Error{s.pos, "printf", "a format that is not a string"}
		}
		c.Args = append(c.Args, &ast.String{At: s.pos, Value: s.text})
		if !p.is(")") {
			if _, err := p.expect(","); err != nil {
				return nil, false, err
			}
		}
	case mathFuncs[fn.text]:
	case fn.text == "hoc_execerror" || fn.text == "hoc_execerr_ext":
		// they stop the run with a message: strings allowed
		for !p.is(")") {
			if t := p.peek(); t.kind == tString {
				p.next()
				c.Args = append(c.Args, &ast.String{At: t.pos, Value: t.text})
			} else {
				a, _, err := p.expr()
				if err != nil {
					return nil, false, err
				}
				c.Args = append(c.Args, a)
			}
			if p.is(",") {
				p.next()
			} else if !p.is(")") {
				t := p.peek()
				return nil, false, &Error{t.pos, describe(t), "expected , or )"}
			}
		}
		p.next()
		return c, false, nil
	case strings.HasPrefix(fn.text, "_"), strings.HasPrefix(fn.text, "hoc_"), strings.HasPrefix(fn.text, "nrn_"):
		return nil, false, &Error{fn.pos, "'" + fn.text + "'", "a function of NEURON's C API"}
	}
	if p.is("_threadargs_") {
		p.next()
	} else if p.is("_threadargscomma_") {
		p.next()
	}
	for !p.is(")") {
		a, _, err := p.expr()
		if err != nil {
			return nil, false, err
		}
		c.Args = append(c.Args, a)
		if p.is(",") {
			p.next()
			continue
		}
		if !p.is(")") {
			t := p.peek()
			return nil, false, &Error{t.pos, describe(t), "expected , or )"}
		}
	}
	p.next()
	return c, false, nil
}

func cmpErr(errs ...error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// number reads a C number: a decimal int, or a double without a suffix.
func number(t token) (ast.Expr, bool, error) {
	s := t.text
	isInt := !strings.ContainsAny(s, ".eE")
	switch {
	case strings.HasPrefix(s, "0x") || strings.HasPrefix(s, "0X"):
		return nil, false, &Error{t.pos, "number " + s, "hexadecimal numbers are not translated"}
	case isInt && len(s) > 1 && s[0] == '0':
		return nil, false, &Error{t.pos, "number " + s, "an octal number"}
	case strings.ContainsAny(s[len(s)-1:], "fFlLuU"):
		return nil, false, &Error{t.pos, "number " + s, "a number with a type suffix"}
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return nil, false, &Error{t.pos, "number " + s, "not a number"}
	}
	return &ast.Number{At: t.pos, Text: s, Value: v}, isInt, nil
}
