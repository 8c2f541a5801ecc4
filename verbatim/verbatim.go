// Package verbatim reads the C that .mod files hold between VERBATIM and
// ENDVERBATIM. nocmodl pastes that text into the C it writes; nmodlgo
// translates the part of C whose meaning is plain in NMODL's terms into
// NMODL statements (package ast), which the checker and the compiler then
// treat as if the file had them: assignments, if/else, while and for,
// printf, arithmetic and comparisons, (int) casts, math.h functions,
// calls of the mechanism's FUNCTIONs and PROCEDUREs, local variables,
// nocmodl's names for locals (_lx), ion values (_ion_cai) and arguments
// (_threadargs_), and a return at the end of a FUNCTION or PROCEDURE.
//
// hoc objects are translated as NEURON's VecStim and NetStim hold them: a
// BBCOREPOINTER's slot (_p_x) holds a Vector or a Random given as an
// argument of a hoc call (vector_arg, nrn_random_arg, ifarg, *getarg),
// which the code reads and writes (vector_capacity, vector_vec,
// vector_resize, nrn_random_pick) through void*, IvocVect* and double*
// locals and void** pointers to the slot, or a Random123 stream it makes
// (nrnran123_*); also in NEURON 9's C++ (auto, nullptr, static_cast and
// reinterpret_cast, if (auto* vv = …)). In NMODL a hoc object is its
// handle, a number the runtime gives it (0 for C's NULL).
//
// Anything else is refused with its position and the C construct's name,
// never guessed: other pointers, the rest of NEURON's C API, integer
// division, float arithmetic.
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
	// Handles reports the BBCOREPOINTERs: _p_x of one holds a hoc object
	// (a Vector, a Random), which the translation gives as its handle;
	// nil for none.
	Handles func(name string) bool
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
	p := &parser{toks: toks, res: &Result{}, scopes: []map[string]*clocal{{}}, isInt: env.IsInt, handles: env.Handles}
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
		"break": true, "case": true, "char": true, "continue": true, "default": true, "do": true,
		"enum": true, "extern": true, "float": true, "goto": true, "signed": true, "sizeof": true, "static": true,
		"struct": true, "switch": true, "typedef": true, "union": true, "void": true, "volatile": true,
	}
)

// objectTypes are the C types whose pointers are hoc objects: void*,
// hoc's Vectors (IvocVect*) and Random123's streams (nrnran123_State*).
var objectTypes = map[string]bool{"void": true, "nrnran123_State": true, "IvocVect": true}

// startsDeclaration reports whether a token begins a local's declaration.
func startsDeclaration(t token) bool {
	return t.kind == tIdent && (doubleTypes[t.text] || intTypes[t.text] || qualifiers[t.text] || objectTypes[t.text] || t.text == "auto")
}

// ctype is the C type of a translated value.
type ctype int

const (
	cDouble ctype = iota
	cInt
	// cObject is a void* to a hoc object, a Vector or a Random: NMODL code
	// holds its handle, a number the runtime gives the object (0 for C's
	// NULL).
	cObject
	// cElems is a double* to a Vector's elements (vector_vec): the
	// Vector's handle, whose elements px[i] reads.
	cElems
	// cNull is NULL or (void*)0.
	cNull
	// cSlotAddr is (void**)&_p_x, the address of a BBCOREPOINTER's slot:
	// only a void** local holds it.
	cSlotAddr
)

func (t ctype) pointer() bool { return t == cObject || t == cElems || t == cNull || t == cSlotAddr }

// clocal is a C local of the text.
type clocal struct {
	typ ctype
	// slot, for a void** local (typ cSlotAddr), is the BBCOREPOINTER slot
	// it points at, as _p_x; "" until it is assigned.
	slot string
}

type parser struct {
	toks    []token
	i       int
	res     *Result
	scopes  []map[string]*clocal // the C locals declared
	isInt   func(string) bool    // NMODL locals that are ints in nocmodl's C
	handles func(string) bool    // BBCOREPOINTERs, whose _p_x holds a hoc object
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

// next consumes a token; the last, tEOF, stays, so that reading on past
// the end of the text keeps finding its end.
func (p *parser) next() token {
	t := p.toks[p.i]
	if t.kind != tEOF {
		p.i++
	}
	return t
}

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

// local looks a C local up, or returns nil.
func (p *parser) local(name string) *clocal {
	for i := len(p.scopes) - 1; i >= 0; i-- {
		if l, ok := p.scopes[i][name]; ok {
			return l
		}
	}
	return nil
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
		if startsDeclaration(t) {
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
		x, xt, err := p.expr()
		if err != nil {
			return err
		}
		if xt.pointer() {
			return &Error{t.pos, "return", "a return of a pointer"}
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

// declaration reads double a = 1, b; int i; void* vv; double* px; or
// void** pv; and returns the names of the NMODL locals they become and the
// initial assignments. A void** local is no NMODL local: it names the slot
// it is given the address of.
func (p *parser) declaration() (names []string, inits []ast.Stmt, err error) {
	isInt, isVoid, isAuto := false, false, false
	for t := p.peek(); startsDeclaration(t); t = p.peek() {
		isInt = isInt || intTypes[t.text]
		isVoid = isVoid || objectTypes[t.text]
		isAuto = isAuto || t.text == "auto" // C++: the initializer's type
		p.next()
	}
	for {
		stars := 0
		for p.is("*") {
			p.next()
			stars++
		}
		t := p.next()
		if t.kind != tIdent || cKeywords[t.text] {
			return nil, nil, &Error{t.pos, describe(t), "expected the name of a variable"}
		}
		if strings.HasPrefix(t.text, "_") {
			return nil, nil, &Error{t.pos, "'" + t.text + "'", "a C local whose name starts with _ (nocmodl's names do)"}
		}
		if p.is("[") || p.is("(") {
			return nil, nil, &Error{p.peek().pos, "declarator", "only scalar locals are translated"}
		}
		if isAuto {
			s, err := p.autoDeclarator(t)
			if err != nil {
				return nil, nil, err
			}
			if l := p.local(t.text); l.typ != cSlotAddr {
				names = append(names, t.text)
			}
			inits = append(inits, s...)
			if p.is(",") {
				p.next()
				continue
			}
			if _, err := p.expect(";"); err != nil {
				return nil, nil, err
			}
			return names, inits, nil
		}
		var typ ctype
		switch {
		case stars == 0 && isVoid:
			return nil, nil, &Error{t.pos, "'void'", "a void variable"}
		case stars == 0 && isInt:
			typ = cInt
		case stars == 0:
			typ = cDouble
		case stars == 1 && isVoid:
			typ = cObject
		case stars == 2 && isVoid:
			typ = cSlotAddr
		case stars == 1 && !isInt:
			typ = cElems
		default:
			return nil, nil, &Error{t.pos, "declarator", "only double, int, void*, void** and double* locals are translated"}
		}
		l := &clocal{typ: typ}
		p.scopes[len(p.scopes)-1][t.text] = l
		if typ != cSlotAddr {
			names = append(names, t.text)
		}
		if p.is("=") {
			p.next()
			s, err := p.assignRest(t, &ast.Name{At: t.pos, Name: t.text}, typ, l)
			if err != nil {
				return nil, nil, err
			}
			inits = append(inits, s...)
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

// autoDeclarator reads the = and initializer of C++'s auto x = e (its
// stars read already): x has e's type.
func (p *parser) autoDeclarator(t token) ([]ast.Stmt, error) {
	if _, err := p.expect("="); err != nil {
		return nil, &Error{t.pos, describe(t), "auto without an initializer"}
	}
	rhs, rt, err := p.expr()
	if err != nil {
		return nil, err
	}
	l := &clocal{typ: rt}
	switch rt {
	case cNull:
		return nil, &Error{t.pos, describe(t), "auto of a null pointer: its type is not known"}
	case cSlotAddr:
		l.slot = rhs.(*slotAddr).slot
		p.scopes[len(p.scopes)-1][t.text] = l
		return nil, nil
	}
	p.scopes[len(p.scopes)-1][t.text] = l
	return []ast.Stmt{&ast.Assign{At: t.pos, Lhs: &ast.Name{At: t.pos, Name: t.text}, Rhs: rhs}}, nil
}

// assignRest reads the value after = and assigns it to lhs, of C type
// lt; l is the local assigned, if it is one.
func (p *parser) assignRest(at token, lhs ast.Expr, lt ctype, l *clocal) ([]ast.Stmt, error) {
	rhs, rt, err := p.expr()
	if err != nil {
		return nil, err
	}
	if lt == cSlotAddr {
		sa, ok := rhs.(*slotAddr)
		if !ok {
			return nil, &Error{at.pos, describe(at), "a void** other than the address of a BBCOREPOINTER's slot, (void**)&_p_x"}
		}
		if l.slot != "" && l.slot != sa.slot {
			return nil, &Error{at.pos, describe(at), "a void** that points at two slots"}
		}
		l.slot = sa.slot
		return nil, nil
	}
	if err := assignable(at, lt, rt); err != nil {
		return nil, err
	}
	return []ast.Stmt{&ast.Assign{At: at.pos, Lhs: lhs, Rhs: rhs}}, nil
}

// assignable checks that C lets a value of type rt be assigned to a
// variable of type lt with the meaning the translation gives it.
func assignable(at token, lt, rt ctype) error {
	switch {
	case lt == cElems && rt != cElems && rt != cNull:
		return &Error{at.pos, describe(at), "a double* other than vector_vec's"}
	case rt == cSlotAddr:
		return &Error{at.pos, describe(at), "the address of a slot assigned to other than a void** local"}
	case lt == cInt && rt == cDouble:
		return &Error{at.pos, describe(at), "a double assigned to an int: C truncates it"}
	case (lt == cInt || lt == cDouble) && rt.pointer():
		return &Error{at.pos, describe(at), "a pointer assigned to a number"}
	case lt == cObject && !rt.pointer():
		return &Error{at.pos, describe(at), "a number assigned to a pointer"}
	}
	return nil
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
	p.scopes = append(p.scopes, map[string]*clocal{})
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
	if t := p.peek(); startsDeclaration(t) {
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
	if startsDeclaration(p.peek()) {
		return p.ifDeclaration(t)
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

// ifDeclaration reads C++'s if (auto* x = e) body [else body], after
// its (: x = e, then if (x) …, in a block of its own.
func (p *parser) ifDeclaration(t token) ([]ast.Stmt, error) {
	p.scopes = append(p.scopes, map[string]*clocal{})
	defer func() { p.scopes = p.scopes[:len(p.scopes)-1] }()
	for p.is("auto") || p.is("const") {
		p.next()
	}
	for p.is("*") {
		p.next()
	}
	x := p.next()
	if x.kind != tIdent || cKeywords[x.text] || strings.HasPrefix(x.text, "_") {
		return nil, &Error{x.pos, describe(x), "expected the name of a variable (a declaration in an if is translated as auto x = e)"}
	}
	init, err := p.autoDeclarator(x)
	if err != nil {
		return nil, err
	}
	if l := p.local(x.text); l.typ == cSlotAddr {
		return nil, &Error{x.pos, describe(x), "a void** tested in an if"}
	}
	if _, err := p.expect(")"); err != nil {
		return nil, err
	}
	then, err := p.body()
	if err != nil {
		return nil, err
	}
	s := &ast.If{At: t.pos, Cond: &ast.Name{At: x.pos, Name: x.text}, Then: then}
	if p.is("else") {
		p.next()
		if s.Else, err = p.body(); err != nil {
			return nil, err
		}
	}
	return []ast.Stmt{block(t.pos, []string{x.text}, append(init, s))}, nil
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
				v, vt, err := p.unary()
				if err != nil {
					return nil, err
				}
				if vt != cInt {
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
	p.scopes = append(p.scopes, map[string]*clocal{})
	defer func() { p.scopes = p.scopes[:len(p.scopes)-1] }()
	var init []ast.Stmt
	var locals []string
	var err error
	switch first := p.peek(); {
	case startsDeclaration(first):
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
		lhs, lt, err := p.lvalue()
		if err != nil {
			return nil, err
		}
		if lt.pointer() {
			return nil, &Error{op.pos, describe(op), "pointer arithmetic is not translated"}
		}
		return []ast.Stmt{increment(op, lhs)}, nil
	}
	if t.kind == tIdent && (t.text == "hoc_obj_ref" || t.text == "hoc_obj_unref" || t.text == "nrnran123_deletestream") && p.toks[p.i+1].text == "(" {
		// reference counts of hoc objects and freed streams: Go's
		// collector keeps the objects a model holds
		return nil, p.skipArgs()
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
	if t.kind == tIdent {
		if l := p.local(t.text); l != nil && l.typ == cElems && p.toks[p.i+1].text == "[" {
			return p.elementStmt()
		}
		if l := p.local(t.text); l != nil && l.typ == cSlotAddr {
			p.next()
			if _, err := p.expect("="); err != nil {
				return nil, err
			}
			return p.assignRest(t, nil, cSlotAddr, l)
		}
	}
	lhs, lt, err := p.lvalue()
	if err != nil {
		return nil, err
	}
	op := p.next()
	switch op.text {
	case "++", "--":
		if lt.pointer() {
			return nil, &Error{op.pos, describe(op), "pointer arithmetic is not translated"}
		}
		return []ast.Stmt{increment(op, lhs)}, nil
	case "=":
		var l *clocal
		if n, ok := lhs.(*ast.Name); ok {
			l = p.local(n.Name)
		}
		return p.assignRest(t, lhs, lt, l)
	case "+=", "-=", "*=", "/=":
	default:
		return nil, &Error{op.pos, describe(op), "expected an assignment"}
	}
	rhs, rt, err := p.expr()
	if err != nil {
		return nil, err
	}
	if lt.pointer() || rt.pointer() {
		return nil, &Error{op.pos, describe(op), "pointer arithmetic is not translated"}
	}
	bop := op.text[:1]
	if bop == "/" && lt == cInt && rt == cInt {
		return nil, &Error{op.pos, "integer division", "C divides ints without a fraction"}
	}
	rhs = &ast.Binary{At: op.pos, Op: bop, X: lhs, Y: &ast.Paren{At: op.pos, X: rhs}}
	if lt == cInt && rt != cInt {
		return nil, &Error{op.pos, "assignment", "a double assigned to an int: C truncates it"}
	}
	return []ast.Stmt{&ast.Assign{At: t.pos, Lhs: lhs, Rhs: rhs}}, nil
}

// elementStmt reads px[i] = x; of px = vector_vec(vv): element i of the
// Vector set to x.
func (p *parser) elementStmt() ([]ast.Stmt, error) {
	t := p.next()
	p.next() // [
	ix, err := p.index()
	if err != nil {
		return nil, err
	}
	if _, err := p.expect("]"); err != nil {
		return nil, err
	}
	op := p.next()
	if op.text != "=" {
		return nil, &Error{op.pos, describe(op), "a Vector's element changed other than by ="}
	}
	x, xt, err := p.expr()
	if err != nil {
		return nil, err
	}
	if xt.pointer() {
		return nil, &Error{op.pos, describe(op), "a pointer assigned to a number"}
	}
	px := &ast.Name{At: t.pos, Name: t.text}
	call := &ast.Call{At: t.pos, Fun: &ast.Ident{At: t.pos, Name: VectorSetElement}, Args: []ast.Expr{px, ix, x}}
	return []ast.Stmt{&ast.ExprStmt{X: call}}, nil
}

// skipArgs passes over a call's name and its parenthesised arguments.
func (p *parser) skipArgs() error {
	p.next()
	open := p.next()
	for depth := 1; depth > 0; {
		t := p.next()
		switch {
		case t.kind == tEOF:
			return &Error{open.pos, "'('", "not closed"}
		case t.kind == tPunct && t.text == "(":
			depth++
		case t.kind == tPunct && t.text == ")":
			depth--
		}
	}
	return nil
}

func increment(op token, lhs ast.Expr) ast.Stmt {
	one := &ast.Number{At: op.pos, Text: "1", Value: 1}
	return &ast.Assign{At: op.pos, Lhs: lhs, Rhs: &ast.Binary{At: op.pos, Op: op.text[:1], X: lhs, Y: one}}
}

// lvalue reads what an assignment can assign: a name, an element, or the
// slot a void** points at (*pv).
func (p *parser) lvalue() (ast.Expr, ctype, error) {
	t := p.peek()
	if t.kind == tPunct && t.text == "*" {
		x, xt, err := p.deref()
		if err != nil {
			return nil, 0, err
		}
		if _, ok := x.(*ast.Name); ok && xt == cObject {
			return x, xt, nil
		}
		return nil, 0, &Error{t.pos, describe(t), "an assignment through a pointer other than a void** to a slot"}
	}
	if t.kind != tIdent {
		return nil, 0, &Error{t.pos, describe(t), "expected a variable"}
	}
	if strings.HasPrefix(t.text, "_ion_") {
		return nil, 0, &Error{t.pos, "'" + t.text + "'", "an assignment to an ion's variable itself"}
	}
	x, xt, err := p.postfix()
	if err != nil {
		return nil, 0, err
	}
	switch x.(type) {
	case *ast.Name, *ast.Index:
		return x, xt, nil
	}
	return nil, 0, &Error{t.pos, describe(t), "not a variable"}
}

// binary operators by precedence, loosest first.
var binaryLevels = [][]string{{"||"}, {"&&"}, {"==", "!="}, {"<", "<=", ">", ">="}, {"+", "-"}, {"*", "/", "%"}}

// expr reads a value.
func (p *parser) expr() (ast.Expr, ctype, error) {
	return p.binary(0)
}

// index reads an index; (int) of a double there is what NMODL does too.
func (p *parser) index() (ast.Expr, error) {
	at := p.peek()
	x, xt, err := p.binary(0)
	if err != nil {
		return nil, err
	}
	if xt.pointer() {
		return nil, &Error{at.pos, describe(at), "a pointer as an index"}
	}
	if c, ok := x.(*ast.Call); ok && c.Fun.Name == Truncate {
		return c.Args[0], nil
	}
	return x, nil
}

// operand refuses the address of a slot inside an expression.
func operand(x ast.Expr) error {
	if s, ok := x.(*slotAddr); ok {
		return &Error{s.at, "'&'", "the address of a slot inside an expression"}
	}
	return nil
}

func (p *parser) binary(level int) (ast.Expr, ctype, error) {
	if level == len(binaryLevels) {
		return p.unary()
	}
	x, xt, err := p.binary(level + 1)
	if err != nil {
		return nil, 0, err
	}
	for {
		t := p.peek()
		if t.kind != tPunct || !slices.Contains(binaryLevels[level], t.text) {
			if t.kind == tPunct && slices.Contains([]string{"?", "&", "|", "^", "<<", ">>", "=", "+=", "-=", "*=", "/="}, t.text) && level == 0 {
				return nil, 0, &Error{t.pos, describe(t), "this operator is not translated inside an expression"}
			}
			return x, xt, nil
		}
		p.next()
		if t.text == "&&" || t.text == "||" {
			p.shortCircuit = true
		}
		y, yt, err := p.binary(level + 1)
		if err != nil {
			return nil, 0, err
		}
		if err := cmpErr(operand(x), operand(y)); err != nil {
			return nil, 0, err
		}
		switch {
		case (xt.pointer() || yt.pointer()) && !pointerOp(t.text, x, xt, y, yt):
			return nil, 0, &Error{t.pos, describe(t), "pointer arithmetic is not translated"}
		case t.text == "%":
			return nil, 0, &Error{t.pos, "'%'", "C's remainder of ints"}
		case t.text == "/" && xt == cInt && yt == cInt:
			return nil, 0, &Error{t.pos, "integer division", "C divides ints without a fraction"}
		}
		typ := cDouble
		if xt == cInt && yt == cInt || level <= 3 { // comparisons and logic give an int
			typ = cInt
		}
		x, xt = &ast.Binary{At: t.pos, Op: t.text, X: x, Y: y}, typ
	}
}

// pointerOp reports whether op means the same of handles as of C's
// pointers: && and || test them against NULL, == and != compare two
// pointers, or a pointer with 0.
func pointerOp(op string, x ast.Expr, xt ctype, y ast.Expr, yt ctype) bool {
	zero := func(e ast.Expr, t ctype) bool {
		n, ok := e.(*ast.Number)
		return t.pointer() || ok && n.Value == 0 && t == cInt
	}
	switch op {
	case "&&", "||":
		return true
	case "==", "!=":
		return zero(x, xt) && zero(y, yt)
	}
	return false
}

func (p *parser) unary() (ast.Expr, ctype, error) {
	t := p.peek()
	if t.kind == tPunct {
		switch t.text {
		case "!":
			p.next()
			x, _, err := p.unary()
			if err == nil {
				err = operand(x)
			}
			if err != nil {
				return nil, 0, err
			}
			return &ast.Unary{At: t.pos, Op: t.text, X: x}, cInt, nil
		case "-":
			p.next()
			x, xt, err := p.unary()
			if err == nil {
				err = operand(x)
			}
			if err == nil && xt.pointer() {
				err = &Error{t.pos, "'-'", "the negative of a pointer"}
			}
			if err != nil {
				return nil, 0, err
			}
			return &ast.Unary{At: t.pos, Op: t.text, X: x}, xt, nil
		case "+":
			p.next()
			return p.unary()
		case "(":
			if n := p.toks[p.i+1]; n.kind == tIdent && (doubleTypes[n.text] || intTypes[n.text] || objectTypes[n.text] || n.text == "float" || n.text == "char" || n.text == "uint32_t") {
				return p.cast()
			}
		case "*":
			return p.deref()
		case "&":
			p.next()
			n := p.next()
			switch {
			case n.kind != tIdent || cKeywords[n.text] || p.local(n.text) != nil || p.is("[") || p.is("("):
			case p.handleSlot(n.text):
				return &slotAddr{Expr: &ast.Number{At: t.pos, Text: "0"}, at: t.pos, slot: n.text}, cSlotAddr, nil
			case !strings.HasPrefix(n.text, "_"):
				// &x of a variable of the mechanism's: older files keep a
				// hoc object in a double, as *((void**)(&x)), before
				// BBCOREPOINTER; its handle is the double's value
				return &slotAddr{Expr: &ast.Number{At: t.pos, Text: "0"}, at: t.pos, slot: n.text}, cSlotAddr, nil
			}
			return nil, 0, &Error{t.pos, "'&'", "an address other than a BBCOREPOINTER's slot, &_p_x, or a variable's, &x"}
		case "~", "++", "--":
			return nil, 0, &Error{t.pos, describe(t), "pointers and bit operations are not translated"}
		}
	}
	return p.postfix()
}

// deref reads *pv, the object in the slot a void** local points at, and
// *getarg(i), the number a hoc call gave as argument i.
func (p *parser) deref() (ast.Expr, ctype, error) {
	star := p.next()
	n := p.peek()
	if n.kind == tIdent {
		if l := p.local(n.text); l != nil && l.typ == cSlotAddr {
			p.next()
			if l.slot == "" {
				return nil, 0, &Error{n.pos, describe(n), "a void** read before it is given a slot's address"}
			}
			return &ast.Name{At: n.pos, Name: l.slot}, cObject, nil
		}
		if n.text == "getarg" && p.toks[p.i+1].text == "(" {
			p.next()
			c, err := p.builtinCall(n, "getarg", cInt)
			return c, cDouble, err
		}
	}
	cppCast := n.kind == tIdent && (n.text == "static_cast" || n.text == "reinterpret_cast") && p.toks[p.i+1].text == "<"
	if n.kind == tPunct && n.text == "(" || cppCast {
		// *((void**)(&x)), *reinterpret_cast<void**>(&x): the object in
		// slot x
		x, xt, err := p.unary()
		if err != nil {
			return nil, 0, err
		}
		if sa, ok := x.(*slotAddr); ok && xt == cSlotAddr {
			return &ast.Name{At: sa.at, Name: sa.slot}, cObject, nil
		}
		return nil, 0, &Error{star.pos, describe(star), "pointers and bit operations are not translated"}
	}
	return nil, 0, &Error{star.pos, describe(star), "pointers and bit operations are not translated"}
}

// handleSlot reports whether name is _p_x of a BBCOREPOINTER x.
func (p *parser) handleSlot(name string) bool {
	x, ok := strings.CutPrefix(name, "_p_")
	return ok && p.handles != nil && p.handles(x)
}

// slotAddr is (void**)&_p_x: only a void** local may hold it.
type slotAddr struct {
	ast.Expr
	at   ast.Pos
	slot string // _p_x
}

// cast reads (double) x, exact; (int) x of an int; (void*) and (double*)
// of a pointer of that kind; and (void**)&_p_x.
func (p *parser) cast() (ast.Expr, ctype, error) {
	open := p.next()
	typ := p.next()
	stars := 0
	for p.is("*") {
		p.next()
		stars++
	}
	if !p.is(")") {
		return nil, 0, &Error{typ.pos, "cast", "only (double), (int), (void*), (void**) and (double*) are translated"}
	}
	p.next()
	x, xt, err := p.unary()
	if err != nil {
		return nil, 0, err
	}
	return castTo(open, typ, stars, x, xt)
}

// cppCast reads C++'s static_cast<T>(x) and reinterpret_cast<T>(x) as
// (T)x.
func (p *parser) cppCast(kw token) (ast.Expr, ctype, error) {
	p.next() // <
	typ := p.next()
	stars := 0
	for p.is("*") {
		p.next()
		stars++
	}
	if _, err := p.expect(">"); err != nil {
		return nil, 0, err
	}
	if typ.kind != tIdent || !(doubleTypes[typ.text] || intTypes[typ.text] || objectTypes[typ.text] || typ.text == "uint32_t") {
		return nil, 0, &Error{typ.pos, describe(kw), "to a type other than double, int and the hoc objects'"}
	}
	if _, err := p.expect("("); err != nil {
		return nil, 0, err
	}
	x, xt, err := p.expr()
	if err != nil {
		return nil, 0, err
	}
	if _, err := p.expect(")"); err != nil {
		return nil, 0, err
	}
	return castTo(kw, typ, stars, x, xt)
}

// castTo converts x, of C type xt, to typ with stars: (double) exact,
// (int) truncating, pointers to pointers of the same kind.
func castTo(open, typ token, stars int, x ast.Expr, xt ctype) (ast.Expr, ctype, error) {
	n, isNumber := x.(*ast.Number)
	switch {
	case stars == 0 && xt.pointer():
		return nil, 0, &Error{typ.pos, "cast", "a pointer made a number"}
	case stars == 0 && doubleTypes[typ.text]:
		return x, cDouble, nil
	case stars == 0 && (intTypes[typ.text] || typ.text == "uint32_t") && xt == cInt:
		return x, cInt, nil
	case stars == 0 && (intTypes[typ.text] || typ.text == "uint32_t"):
		// (uint32_t) of a whole number, as the ids of Random123 streams are
		// given: the same as (int)'s truncation
		return &ast.Call{At: open.pos, Fun: &ast.Ident{At: open.pos, Name: Truncate}, Args: []ast.Expr{x}}, cInt, nil
	case stars == 1 && objectTypes[typ.text] && isNumber && n.Value == 0 && xt == cInt:
		return x, cNull, nil
	case stars == 1 && objectTypes[typ.text] && (xt == cObject || xt == cElems || xt == cNull):
		return x, cObject, nil
	case stars == 1 && doubleTypes[typ.text] && (xt == cElems || xt == cNull):
		return x, xt, nil
	case stars == 2 && objectTypes[typ.text] && xt == cSlotAddr:
		return x, cSlotAddr, nil
	}
	return nil, 0, &Error{typ.pos, "cast", "(" + typ.text + strings.Repeat("*", stars) + ") of this value is not translated"}
}

func (p *parser) postfix() (ast.Expr, ctype, error) {
	x, xt, err := p.primary()
	if err != nil {
		return nil, 0, err
	}
	if t := p.peek(); t.kind == tPunct && (t.text == "." || t.text == "->") {
		return nil, 0, &Error{t.pos, describe(t), "structs and pointers are not translated"}
	}
	return x, xt, nil
}

func (p *parser) primary() (ast.Expr, ctype, error) {
	t := p.next()
	switch t.kind {
	case tNumber:
		return number(t)
	case tIdent:
		if cKeywords[t.text] || t.text == "float" {
			return nil, 0, &Error{t.pos, "'" + t.text + "'", "not translated"}
		}
		if p.is("(") {
			return p.call(t)
		}
		if (t.text == "static_cast" || t.text == "reinterpret_cast") && p.is("<") {
			return p.cppCast(t)
		}
		name, typ, err := p.name(t)
		if err != nil {
			return nil, 0, err
		}
		if p.is("[") {
			p.next()
			ix, err := p.index()
			if err != nil {
				return nil, 0, err
			}
			if _, err := p.expect("]"); err != nil {
				return nil, 0, err
			}
			n, ok := name.(*ast.Name)
			switch {
			case ok && typ == cElems:
				// px[i] of px = vector_vec(vv): element i of the Vector
				return &ast.Call{At: t.pos, Fun: &ast.Ident{At: t.pos, Name: VectorElement}, Args: []ast.Expr{n, ix}}, cDouble, nil
			case !ok || typ.pointer():
				return nil, 0, &Error{t.pos, describe(t), "not an array"}
			}
			return &ast.Index{At: t.pos, X: n, Index: ix}, cDouble, nil
		}
		return name, typ, nil
	case tPunct:
		if t.text == "(" && p.hoist != nil && p.peek().kind == tIdent && p.assignAhead() {
			if p.shortCircuit {
				return nil, 0, &Error{t.pos, "assignment", "an assignment after && or || in a condition: C makes it only sometimes"}
			}
			st, err := p.exprStmt()
			if err != nil {
				return nil, 0, err
			}
			if _, err := p.expect(")"); err != nil {
				return nil, 0, err
			}
			var a *ast.Assign
			if len(st) == 1 {
				a, _ = st[0].(*ast.Assign)
			}
			if a == nil {
				return nil, 0, &Error{t.pos, "assignment", "an assignment in a condition other than of a number"}
			}
			*p.hoist = append(*p.hoist, a)
			return &ast.Paren{At: t.pos, X: a.Lhs}, cDouble, nil
		}
		if t.text == "(" {
			x, xt, err := p.expr()
			if err != nil {
				return nil, 0, err
			}
			if _, err := p.expect(")"); err != nil {
				return nil, 0, err
			}
			if xt == cSlotAddr {
				return x, xt, nil
			}
			return &ast.Paren{At: t.pos, X: x}, xt, nil
		}
	case tString:
		return nil, 0, &Error{t.pos, "string", "a string other than printf's format"}
	}
	return nil, 0, &Error{t.pos, describe(t), "expected a value"}
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
// _p_x the hoc object a BBCOREPOINTER x holds, a local of the C text
// itself, or a name of the mechanism's (its variables, t, dt, v,
// celsius, …), which nocmodl's C spells as NMODL does.
func (p *parser) name(t token) (ast.Expr, ctype, error) {
	n := t.text
	if l := p.local(n); l != nil {
		if l.typ == cSlotAddr {
			return nil, 0, &Error{t.pos, "'" + n + "'", "a void** other than as *" + n}
		}
		return &ast.Name{At: t.pos, Name: n}, l.typ, nil
	}
	switch {
	case strings.HasPrefix(n, "_ion_") && len(n) > 5:
		x := &ast.Name{At: t.pos, Name: n[5:]}
		p.res.Ions = append(p.res.Ions, x)
		return x, cDouble, nil
	case strings.HasPrefix(n, "_l") && len(n) > 2:
		typ := cDouble
		if p.isInt != nil && p.isInt(n[2:]) {
			typ = cInt
		}
		return &ast.Name{At: t.pos, Name: n[2:]}, typ, nil
	case p.handleSlot(n):
		return &ast.Name{At: t.pos, Name: n}, cObject, nil
	case strings.HasPrefix(n, "_"):
		return nil, 0, &Error{t.pos, "'" + n + "'", "one of nocmodl's names for its own data"}
	case n == "cvode_active_":
		// NEURON's flag for its variable step, which nmodlgo has not
		return &ast.Number{At: t.pos, Text: "0", Value: 0}, cInt, nil
	case n == "NULL" || n == "nullptr":
		return &ast.Number{At: t.pos, Text: "0", Value: 0}, cNull, nil
	}
	return &ast.Name{At: t.pos, Name: n}, cDouble, nil
}

// Truncate is the name of the NMODL function the translation calls for
// (int) of a double: C truncates it toward zero.
const Truncate = "(int)"

// VectorElement is the name of the NMODL function the translation calls
// for px[i], element i of the Vector whose elements px points at: no
// NMODL name, so that no file can call it or declare it.
const VectorElement = "vector_vec[]"

// VectorSetElement is the name of the NMODL function the translation
// calls for px[i] = x.
const VectorSetElement = "vector_vec[]="

// objectFuncs are the functions of NEURON's C API for hoc objects that
// the translation keeps, as NMODL functions of the same name: the C type
// of their value and of each argument. A Vector or a Random is its
// handle, a hoc call's arguments are those of the call being made.
var objectFuncs = map[string]struct {
	result ctype
	args   []ctype
}{
	"ifarg":           {cInt, []ctype{cInt}},          // a hoc call gave argument i
	"vector_arg":      {cObject, []ctype{cInt}},       // the Vector given as argument i
	"nrn_random_arg":  {cObject, []ctype{cInt}},       // the Random given as argument i
	"vector_capacity": {cInt, []ctype{cObject}},       // the Vector's size
	"vector_resize":   {cInt, []ctype{cObject, cInt}}, // its size set (void)
	"nrn_random_pick": {cDouble, []ctype{cObject}},    // the Random's next number
	// Random123 streams (nrnran123.h), made by the mechanism
	"nrnran123_newstream":  {cObject, []ctype{cInt, cInt}},
	"nrnran123_newstream3": {cObject, []ctype{cInt, cInt, cInt}},
	"nrnran123_setseq":     {cInt, []ctype{cObject, cInt, cInt}},
	"nrnran123_dblpick":    {cDouble, []ctype{cObject}},
	"nrnran123_negexp":     {cDouble, []ctype{cObject}},
	"nrnran123_normal":     {cDouble, []ctype{cObject}},
}

// call reads a call: printf, a math.h function, a function of NEURON's C
// API for hoc objects, or a FUNCTION or PROCEDURE of the file
// (nocmodl's _threadargs_ dropped).
func (p *parser) call(fn token) (ast.Expr, ctype, error) {
	if fn.text == "vector_vec" {
		// px = vector_vec(vv): the Vector's handle, as its elements
		p.next()
		x, xt, err := p.expr()
		if err != nil {
			return nil, 0, err
		}
		if xt != cObject {
			return nil, 0, &Error{fn.pos, "'vector_vec'", "of other than a Vector"}
		}
		if _, err := p.expect(")"); err != nil {
			return nil, 0, err
		}
		return x, cElems, nil
	}
	if f, ok := objectFuncs[fn.text]; ok {
		c, err := p.builtinCall(fn, fn.text, f.args...)
		return c, f.result, err
	}
	if fn.text == "getarg" {
		return nil, 0, &Error{fn.pos, "'getarg'", "the address of a hoc call's argument other than as *getarg(i)"}
	}
	p.next() // (
	c := &ast.Call{At: fn.pos, Fun: &ast.Ident{At: fn.pos, Name: fn.text}}
	switch {
	case fn.text == "printf":
		s := p.next()
		if s.kind != tString {
			return nil, 0, &Error{s.pos, "printf", "a format that is not a string"}
		}
		c.Args = append(c.Args, &ast.String{At: s.pos, Value: s.text})
		if !p.is(")") {
			if _, err := p.expect(","); err != nil {
				return nil, 0, err
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
				a, at, err := p.expr()
				if err != nil {
					return nil, 0, err
				}
				if at.pointer() && at != cNull {
					return nil, 0, &Error{t.pos, describe(t), "a pointer as an argument"}
				}
				c.Args = append(c.Args, a)
			}
			if p.is(",") {
				p.next()
			} else if !p.is(")") {
				t := p.peek()
				return nil, 0, &Error{t.pos, describe(t), "expected , or )"}
			}
		}
		p.next()
		return c, cDouble, nil
	case strings.HasPrefix(fn.text, "_"), strings.HasPrefix(fn.text, "hoc_"), strings.HasPrefix(fn.text, "nrn_"), strings.HasPrefix(fn.text, "nrnran123_"), strings.HasPrefix(fn.text, "vector_"):
		return nil, 0, &Error{fn.pos, "'" + fn.text + "'", "a function of NEURON's C API"}
	}
	if p.is("_threadargs_") {
		p.next()
	} else if p.is("_threadargscomma_") {
		p.next()
	}
	for !p.is(")") {
		at := p.peek()
		a, typ, err := p.expr()
		if err != nil {
			return nil, 0, err
		}
		if typ.pointer() {
			return nil, 0, &Error{at.pos, describe(at), "a pointer as an argument"}
		}
		c.Args = append(c.Args, a)
		if p.is(",") {
			p.next()
			continue
		}
		if !p.is(")") {
			t := p.peek()
			return nil, 0, &Error{t.pos, describe(t), "expected , or )"}
		}
	}
	p.next()
	return c, cDouble, nil
}

// builtinCall reads the arguments of a call of name, after its (, each of
// the C type given.
func (p *parser) builtinCall(fn token, name string, args ...ctype) (*ast.Call, error) {
	p.next() // (
	c := &ast.Call{At: fn.pos, Fun: &ast.Ident{At: fn.pos, Name: name}}
	for i, want := range args {
		if i > 0 {
			if _, err := p.expect(","); err != nil {
				return nil, err
			}
		}
		at := p.peek()
		a, typ, err := p.expr()
		if err != nil {
			return nil, err
		}
		ok := typ == want || want == cInt && typ == cDouble && isWhole(a) || want == cObject && typ == cElems
		if !ok {
			return nil, &Error{at.pos, describe(at), fmt.Sprintf("argument %d of %s: not %s", i+1, name, want)}
		}
		c.Args = append(c.Args, a)
	}
	if _, err := p.expect(")"); err != nil {
		return nil, err
	}
	return c, nil
}

// isWhole reports whether e is a whole number written as a double (an
// argument's place, 1.).
func isWhole(e ast.Expr) bool {
	n, ok := e.(*ast.Number)
	return ok && n.Value == float64(int(n.Value))
}

func (t ctype) String() string {
	return [...]string{"a double", "an int", "a hoc object (void*)", "a Vector's elements (double*)", "NULL", "a slot's address (void**)"}[t]
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
func number(t token) (ast.Expr, ctype, error) {
	s := t.text
	typ := cDouble
	if !strings.ContainsAny(s, ".eE") {
		typ = cInt
	}
	switch {
	case strings.HasPrefix(s, "0x") || strings.HasPrefix(s, "0X"):
		return nil, 0, &Error{t.pos, "number " + s, "hexadecimal numbers are not translated"}
	case typ == cInt && len(s) > 1 && s[0] == '0':
		return nil, 0, &Error{t.pos, "number " + s, "an octal number"}
	case strings.ContainsAny(s[len(s)-1:], "fFlLuU"):
		return nil, 0, &Error{t.pos, "number " + s, "a number with a type suffix"}
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return nil, 0, &Error{t.pos, "number " + s, "not a number"}
	}
	return &ast.Number{At: t.pos, Text: s, Value: v}, typ, nil
}
