package parser

import (
	"bytes"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/antlr4-go/antlr/v4"

	"github.com/nmodlgo/nmodlgo/ast"
	"github.com/nmodlgo/nmodlgo/diag"
	np "github.com/nmodlgo/nmodlgo/parser/internal/nmodlparser"
)

// builder walks an error-free parse tree and makes the ast.File. All text
// comes from src by byte offsets (the lexer sees one character per byte).
type builder struct {
	src    []byte
	lines  *diag.File
	tokens *antlr.CommonTokenStream
	errs   diag.List
}

func (b *builder) errorf(pos ast.Pos, msg string) {
	b.errs.Add(pos, diag.Error, msg)
}

// ---------------------------------------------------------------------------
// Positions and text

func (b *builder) tokPos(t antlr.Token) ast.Pos {
	if t == nil {
		return ast.Pos{}
	}
	return b.lines.Pos(t.GetStart())
}

func (b *builder) nodePos(n antlr.TerminalNode) ast.Pos {
	if n == nil {
		return ast.Pos{}
	}
	return b.tokPos(n.GetSymbol())
}

func (b *builder) ctxPos(c antlr.ParserRuleContext) ast.Pos {
	if c == nil {
		return ast.Pos{}
	}
	return b.tokPos(c.GetStart())
}

// lineEnd returns the position just after the last token (of any channel
// but comments') on the line of tok.
func lineEnd(ts antlr.TokenStream, lines *diag.File, tok antlr.Token) ast.Pos {
	line := lines.Pos(tok.GetStart()).Line
	last := tok
	for i := tok.GetTokenIndex() + 1; i < ts.Size(); i++ {
		t := ts.Get(i)
		if t.GetTokenType() == antlr.TokenEOF || lines.Pos(t.GetStart()).Line != line {
			break
		}
		if t.GetChannel() == antlr.TokenDefaultChannel {
			last = t
		}
	}
	return lines.Pos(last.GetStop() + 1)
}

// tokText is the source text of a token.
func (b *builder) tokText(t antlr.Token) string {
	if t == nil {
		return ""
	}
	start, stop := t.GetStart(), t.GetStop()
	if start < 0 || stop < start || stop >= len(b.src) {
		return ""
	}
	return string(b.src[start : stop+1])
}

func (b *builder) nodeText(n antlr.TerminalNode) string {
	if n == nil {
		return ""
	}
	return b.tokText(n.GetSymbol())
}

func (b *builder) ident(n antlr.TerminalNode) *ast.Ident {
	if n == nil {
		return nil
	}
	return &ast.Ident{At: b.nodePos(n), Name: b.nodeText(n)}
}

// ---------------------------------------------------------------------------
// File and top-level blocks

func (b *builder) buildFile(tree np.IFileContext) *ast.File {
	f := &ast.File{Name: b.lines.Name, Source: b.lines}
	comments := b.comments()

	// Top-level COMMENT blocks are blocks too, in source order.
	items := tree.AllTopItem()
	ci := 0
	flushComments := func(before int) {
		for ; ci < len(comments); ci++ {
			c := comments[ci]
			if before >= 0 && c.index > before {
				return
			}
			if c.node.Block && !c.inside {
				f.Blocks = append(f.Blocks, c.node)
			}
		}
	}
	for _, it := range items {
		start := it.GetStart().GetTokenIndex()
		stop := it.GetStop().GetTokenIndex()
		flushComments(start)
		for ; ci < len(comments) && comments[ci].index <= stop; ci++ {
			comments[ci].inside = true
		}
		if blk := b.topItem(it); blk != nil {
			f.Blocks = append(f.Blocks, blk)
		}
	}
	flushComments(-1)
	for _, c := range comments {
		f.Comments = append(f.Comments, c.node)
	}
	return f
}

type comment struct {
	index  int // token index
	node   *ast.Comment
	inside bool // within a top-level item
}

// comments collects the hidden-channel comment tokens.
func (b *builder) comments() []*comment {
	var out []*comment
	for _, t := range b.tokens.GetAllTokens() {
		switch t.GetTokenType() {
		case np.NMODLLexerLINE_COMMENT:
			text := b.tokText(t)
			out = append(out, &comment{index: t.GetTokenIndex(), node: &ast.Comment{
				At: b.tokPos(t), Text: cleanText(text[1:]),
			}})
		case np.NMODLLexerCOMMENT_BLOCK:
			out = append(out, &comment{index: t.GetTokenIndex(), node: &ast.Comment{
				At: b.tokPos(t), Text: cleanText(blockBody(b.tokText(t), "COMMENT")), Block: true,
			}})
		}
	}
	return out
}

// blockBody returns the text between the keyword line of a COMMENT or
// VERBATIM block and its END line: the rest of the keyword line is kept
// only if it is not blank, and the END line is dropped.
func blockBody(tok, keyword string) string {
	body := trimNewline(tok[len(keyword):])
	// The END line is the token's last line.
	if i := strings.LastIndexAny(body, "\r\n"); i >= 0 {
		body = body[:i+1]
	} else {
		return ""
	}
	// Drop a blank remainder of the keyword line.
	if i := strings.IndexAny(body, "\r\n"); i >= 0 && strings.TrimSpace(body[:i]) == "" {
		j := i + 1
		if body[i] == '\r' && j < len(body) && body[j] == '\n' {
			j++
		}
		body = body[j:]
	}
	return body
}

// trimNewline removes one line ending from the end of s.
func trimNewline(s string) string {
	switch {
	case strings.HasSuffix(s, "\r\n"):
		return s[:len(s)-2]
	case strings.HasSuffix(s, "\n"), strings.HasSuffix(s, "\r"):
		return s[:len(s)-1]
	}
	return s
}

// blockClosed reports whether a COMMENT or VERBATIM token ends with its END
// line (the lexer lets an unclosed block run to the end of the file): the
// last line's first word, letters only, must be end, as nocmodl checks.
func blockClosed(tok, keyword, end string) bool {
	body := trimNewline(tok[len(keyword):])
	i := strings.LastIndexAny(body, "\r\n")
	if i < 0 {
		return false
	}
	last := strings.TrimLeft(body[i+1:], " \t")
	n := 0
	for n < len(last) && (last[n] >= 'a' && last[n] <= 'z' || last[n] >= 'A' && last[n] <= 'Z') {
		n++
	}
	return last[:n] == end
}

func (b *builder) topItem(it np.ITopItemContext) ast.Block {
	switch c := it.(type) {
	case *np.TitleItemContext:
		text := b.nodeText(c.TITLE())
		return &ast.Title{At: b.nodePos(c.TITLE()), Text: cleanText(strings.TrimSpace(strings.TrimPrefix(text, "TITLE")))}
	case *np.VerbatimItemContext:
		return b.verbatim(c.VERBATIM())
	case *np.IncludeItemContext:
		return &ast.Include{At: b.nodePos(c.INCLUDE()), Path: unquote(b.nodeText(c.STRING()))}
	case *np.DefineItemContext:
		return &ast.Define{At: b.nodePos(c.DEFINE()), Name: b.ident(c.NAME()), Value: b.numberTok(c.INTEGER(), nil)}
	case *np.UnitsOnOffItemContext:
		return b.unitsOnOff(c.UnitsOnOff())
	case *np.LocalItemContext:
		return b.local(c.LocalStmt())
	case *np.UnitsBlockContext:
		blk := &ast.UnitsBlock{At: b.nodePos(c.UNITS()), End: b.tokPos(c.GetStop())}
		for _, u := range c.AllUnitsItem() {
			if d := u.UnitDef(); d != nil {
				blk.Defs = append(blk.Defs, b.unitDef(d))
			}
		}
		return blk
	case *np.NeuronBlockContext:
		blk := &ast.NeuronBlock{At: b.nodePos(c.NEURON()), End: b.tokPos(c.GetStop())}
		for _, s := range c.AllNeuronStmt() {
			if ns := b.neuronStmt(s); ns != nil {
				blk.Stmts = append(blk.Stmts, ns)
			}
		}
		return blk
	case *np.DeclBlockContext:
		return b.declBlock(c)
	case *np.ProcItemContext:
		return b.proc(c.Proc())
	case *np.PlotItemContext:
		vars := c.AllPlotVar()
		pl := &ast.Plot{At: b.nodePos(c.PLOT()), Vs: b.plotVar(vars[len(vars)-1])}
		for _, v := range vars[:len(vars)-1] {
			pl.Vars = append(pl.Vars, b.plotVar(v))
		}
		return pl
	case *np.SteppedBlockContext:
		st := &ast.Stepped{At: b.nodePos(c.STEPPED()), End: b.tokPos(c.GetStop())}
		for _, it := range c.AllSteppedItem() {
			si := &ast.SteppedItem{At: b.ctxPos(it), Name: b.ident(it.NAME()), Units: b.unit(it.Unit())}
			for _, n := range it.AllNumber() {
				si.Values = append(si.Values, b.number(n))
			}
			st.Items = append(st.Items, si)
		}
		return st
	case *np.ModelLevelItemContext:
		return &ast.ModelLevel{At: b.nodePos(c.MODEL_LEVEL()), Level: b.numberTok(c.INTEGER(), nil)}
	case *np.SemiItemContext:
		return nil
	}
	return nil
}

func (b *builder) plotVar(c np.IPlotVarContext) *ast.PlotVar {
	pv := &ast.PlotVar{At: b.ctxPos(c), Name: b.nameIdent(c.Name())}
	if c.INTEGER() != nil {
		pv.Index = b.numberTok(c.INTEGER(), nil)
	}
	return pv
}

func (b *builder) verbatim(n antlr.TerminalNode) *ast.Verbatim {
	return &ast.Verbatim{At: b.nodePos(n), Text: cleanText(blockBody(b.nodeText(n), "VERBATIM"))}
}

func (b *builder) unitsOnOff(c np.IUnitsOnOffContext) *ast.UnitsOnOff {
	return &ast.UnitsOnOff{At: b.ctxPos(c), On: c.UNITSON() != nil}
}

// cleanText makes free text (comments, TITLE, VERBATIM, strings) easy to
// use: line endings become \n, and text that is not valid UTF-8 is read as
// Latin-1, the usual encoding of old .mod files.
func cleanText(s string) string {
	if strings.IndexByte(s, '\r') >= 0 {
		s = strings.ReplaceAll(s, "\r\n", "\n")
		s = strings.ReplaceAll(s, "\r", "\n")
	}
	if utf8.ValidString(s) {
		return s
	}
	r := make([]rune, len(s))
	for i := 0; i < len(s); i++ {
		r[i] = rune(s[i])
	}
	return string(r)
}

func unquote(s string) string {
	if len(s) >= 2 && s[0] == '"' && s[len(s)-1] == '"' {
		return s[1 : len(s)-1]
	}
	return s
}

// ---------------------------------------------------------------------------
// UNITS

// unit returns the unit text between the parentheses, trimmed.
func (b *builder) unit(c np.IUnitContext) *ast.Unit {
	if c == nil {
		return nil
	}
	l, r := c.LPAREN(), c.RPAREN()
	if l == nil || r == nil {
		return nil
	}
	if b.lines.Pos(l.GetSymbol().GetStart()).Line != b.lines.Pos(r.GetSymbol().GetStart()).Line {
		// nocmodl reads a unit to the end of its line.
		b.errorf(lineEnd(b.tokens, b.lines, l.GetSymbol()), "missing ')' at the end of the unit")
		return nil
	}
	from, to := l.GetSymbol().GetStop()+1, r.GetSymbol().GetStart()
	text := ""
	if from >= 0 && to <= len(b.src) && from <= to {
		text = string(bytes.TrimSpace(b.src[from:to]))
	}
	return &ast.Unit{At: b.nodePos(l), Text: text}
}

func (b *builder) unitDef(d np.IUnitDefContext) *ast.UnitDef {
	switch c := d.(type) {
	case *np.UnitAliasContext:
		return &ast.UnitDef{At: b.ctxPos(c), Alias: b.unit(c.Unit(0)), From: b.unit(c.Unit(1))}
	case *np.UnitFactorContext:
		def := &ast.UnitDef{At: b.ctxPos(c), Name: b.ident(c.NAME()), From: b.unit(c.Unit(0)), To: b.unit(c.Unit(1))}
		if c.Number() != nil {
			// R = 8.314 (J/mol-degC): the unit is that of the constant, as
			// (coulomb) is in FARADAY = (faraday) (coulomb).
			def.From, def.To = nil, b.unit(c.Unit(0))
			switch n := b.number(c.Number()).(type) {
			case *ast.Number:
				def.Value = n
			case *ast.Unary:
				// A negative factor: fold the sign into the literal.
				x := n.X.(*ast.Number)
				def.Value = &ast.Number{At: n.At, Text: "-" + x.Text, Value: -x.Value}
			}
		}
		return def
	}
	return &ast.UnitDef{At: b.ctxPos(d)}
}

// ---------------------------------------------------------------------------
// NEURON block

func (b *builder) neuronStmt(s np.INeuronStmtContext) ast.NeuronStmt {
	switch c := s.(type) {
	case *np.MechNameContext:
		kind := ast.Suffix
		switch c.GetMechKind().GetTokenType() {
		case np.NMODLParserPOINT_PROCESS:
			kind = ast.PointProcess
		case np.NMODLParserARTIFICIAL_CELL:
			kind = ast.ArtificialCell
		}
		return &ast.MechName{At: b.ctxPos(c), Kind: kind, Name: b.ident(c.NAME())}
	case *np.UseIonContext:
		u := &ast.UseIon{At: b.ctxPos(c), Name: b.ident(c.NAME())}
		readTok, writeTok := c.READ(), c.WRITE()
		for _, nl := range c.AllNameList() {
			names := b.nameList(nl)
			idx := nl.GetStart().GetTokenIndex()
			if writeTok != nil && idx > writeTok.GetSymbol().GetTokenIndex() {
				u.Write = names
			} else if readTok != nil {
				u.Read = names
			}
		}
		if c.Number() != nil {
			u.Valence = b.number(c.Number())
		}
		if t := c.REPRESENTS_TERM(); t != nil {
			u.Represents = ontologyTerm(b.nodeText(t))
		}
		return u
	case *np.NameListStmtContext:
		var kind ast.NameListKind
		switch c.GetListKind().GetTokenType() {
		case np.NMODLParserNONSPECIFIC_CURRENT:
			kind = ast.NonspecificCurrent
		case np.NMODLParserELECTRODE_CURRENT:
			kind = ast.ElectrodeCurrent
		case np.NMODLParserRANGE:
			kind = ast.Range
		case np.NMODLParserGLOBAL:
			kind = ast.Global
		case np.NMODLParserPOINTER:
			kind = ast.Pointer
		case np.NMODLParserBBCOREPOINTER:
			kind = ast.BbcorePointer
		case np.NMODLParserEXTERNAL:
			kind = ast.External
		case np.NMODLParserSECTION:
			kind = ast.Section
		case np.NMODLParserRANDOM:
			kind = ast.Random
		}
		return &ast.NameList{At: b.ctxPos(c), Kind: kind, Names: b.nameList(c.NameList())}
	case *np.ThreadsafeStmtContext:
		nl := &ast.NameList{At: b.ctxPos(c), Kind: ast.Threadsafe}
		if c.NameList() != nil {
			nl.Names = b.nameList(c.NameList())
		}
		return nl
	case *np.RepresentsStmtContext:
		return &ast.Represents{At: b.ctxPos(c), Term: ontologyTerm(b.nodeText(c.REPRESENTS_TERM()))}
	}
	return nil // UNITSON/UNITSOFF and ';' carry no meaning here
}

// ontologyTerm strips REPRESENTS and the brackets: "NCIT:C17145".
func ontologyTerm(s string) string {
	s = strings.TrimSpace(strings.TrimPrefix(s, "REPRESENTS"))
	s = strings.TrimPrefix(s, "[")
	return strings.TrimSuffix(s, "]")
}

func (b *builder) nameList(c np.INameListContext) []*ast.Ident {
	if c == nil {
		return nil
	}
	var out []*ast.Ident
	for _, n := range c.AllNAME() {
		out = append(out, b.ident(n))
	}
	return out
}

// ---------------------------------------------------------------------------
// Declarations

func (b *builder) declBlock(c *np.DeclBlockContext) *ast.DeclBlock {
	k := c.DeclKind()
	blk := &ast.DeclBlock{At: b.ctxPos(k), End: b.tokPos(c.GetStop())}
	switch {
	case k.PARAMETER() != nil:
		blk.Kind = ast.Parameter
	case k.ASSIGNED() != nil:
		blk.Kind = ast.Assigned
	case k.STATE() != nil:
		blk.Kind = ast.State
	case k.CONSTANT() != nil:
		blk.Kind = ast.Constant
	case k.INDEPENDENT() != nil:
		blk.Kind = ast.Independent
	case k.DEPENDENT() != nil:
		blk.Kind = ast.Dependent
	}
	for _, it := range c.AllDeclItem() {
		if v := it.VarDecl(); v != nil {
			blk.Decls = append(blk.Decls, b.varDecl(v))
		}
	}
	return blk
}

// varDecl walks the children in order: which optional part a number or
// size belongs to depends on the keyword before it.
func (b *builder) varDecl(c np.IVarDeclContext) *ast.VarDecl {
	d := &ast.VarDecl{At: b.ctxPos(c)}
	last := 0 // type of the last keyword or punctuation seen
	for _, ch := range c.GetChildren() {
		switch x := ch.(type) {
		case antlr.TerminalNode:
			switch t := x.GetSymbol().GetTokenType(); t {
			case np.NMODLParserSWEEP:
				d.Sweep = true
			default:
				last = t
			}
		case *np.NameContext:
			d.Name = b.nameIdent(x)
		case *np.ArraySizeContext:
			if last == np.NMODLParserWITH {
				d.With = b.arraySize(x)
			} else {
				d.Size = b.arraySize(x)
			}
		case *np.NumberContext:
			n := b.number(x)
			switch last {
			case np.NMODLParserASSIGN:
				d.Value = n
			case np.NMODLParserFROM:
				d.From = n
			case np.NMODLParserTO:
				d.To = n
			case np.NMODLParserSTART:
				d.Start = n
			}
		case *np.UnitContext:
			d.Units = b.unit(x)
		case *np.LimitsContext:
			nums := x.AllNumber()
			if len(nums) == 2 {
				d.Lo, d.Hi = b.number(nums[0]), b.number(nums[1])
			} else if len(nums) == 1 {
				d.Abstol = b.number(nums[0])
			}
		}
	}
	return d
}

// nameIdent makes an Ident of a name, keeping any primes in its text.
func (b *builder) nameIdent(c np.INameContext) *ast.Ident {
	if c == nil {
		return nil
	}
	return &ast.Ident{At: b.ctxPos(c), Name: b.tokText(c.GetStart())}
}

// arraySize is an integer or a DEFINEd name.
func (b *builder) arraySize(c np.IArraySizeContext) ast.Expr {
	if c == nil {
		return nil
	}
	if n := c.INTEGER(); n != nil {
		return b.numberTok(n, nil)
	}
	if n := c.NAME(); n != nil {
		return &ast.Name{At: b.nodePos(n), Name: b.nodeText(n)}
	}
	return nil
}

// number makes a Number, or a Unary "-" around one for a negative literal.
func (b *builder) number(c np.INumberContext) ast.Expr {
	if c == nil {
		return nil
	}
	lit := c.INTEGER()
	if lit == nil {
		lit = c.REAL()
	}
	n := b.numberTok(lit, nil)
	if s := c.GetSign(); s != nil && s.GetTokenType() == np.NMODLParserMINUS {
		return &ast.Unary{At: b.tokPos(s), Op: "-", X: n}
	}
	return n
}

func (b *builder) numberTok(n antlr.TerminalNode, units *ast.Unit) *ast.Number {
	if n == nil {
		return nil
	}
	text := b.nodeText(n)
	v, err := strconv.ParseFloat(text, 64)
	if err != nil && !isRangeErr(err) {
		b.errorf(b.nodePos(n), "malformed number "+text)
	}
	return &ast.Number{At: b.nodePos(n), Text: text, Value: v, Units: units}
}

func isRangeErr(err error) bool {
	ne, ok := err.(*strconv.NumError)
	return ok && ne.Err == strconv.ErrRange
}

// ---------------------------------------------------------------------------
// Procedures

func (b *builder) proc(p np.IProcContext) *ast.Proc {
	switch c := p.(type) {
	case *np.InitialProcContext:
		return &ast.Proc{At: b.ctxPos(c), Kind: ast.Initial, Body: b.block(c.Block())}
	case *np.BreakpointProcContext:
		return &ast.Proc{At: b.ctxPos(c), Kind: ast.Breakpoint, Body: b.block(c.Block())}
	case *np.ConstructorProcContext:
		return &ast.Proc{At: b.ctxPos(c), Kind: ast.Constructor, Body: b.block(c.Block())}
	case *np.DestructorProcContext:
		return &ast.Proc{At: b.ctxPos(c), Kind: ast.Destructor, Body: b.block(c.Block())}
	case *np.TerminalProcContext:
		return &ast.Proc{At: b.ctxPos(c), Kind: ast.Terminal, Body: b.block(c.Block())}
	case *np.NamedProcContext:
		kind := ast.Derivative
		switch c.GetKind().GetTokenType() {
		case np.NMODLParserDISCRETE:
			kind = ast.Discrete
		case np.NMODLParserPARTIAL:
			kind = ast.Partial
		}
		return &ast.Proc{At: b.ctxPos(c), Kind: kind, Name: b.ident(c.NAME()), Body: b.block(c.Block())}
	case *np.SolverProcContext:
		kind := ast.Kinetic
		switch c.GetKind().GetTokenType() {
		case np.NMODLParserLINEAR:
			kind = ast.Linear
		case np.NMODLParserNONLINEAR:
			kind = ast.NonLinear
		}
		pr := &ast.Proc{At: b.ctxPos(c), Kind: kind, Name: b.ident(c.NAME()), Body: b.block(c.Block())}
		if sf := c.SolveFor(); sf != nil {
			pr.Solver = b.ident(sf.SOLVEFOR())
			for _, n := range sf.AllNAME() {
				pr.SolveFor = append(pr.SolveFor, b.ident(n))
			}
		}
		return pr
	case *np.FuncProcContext:
		kind := ast.Procedure
		if c.GetKind().GetTokenType() == np.NMODLParserFUNCTION {
			kind = ast.Function
		}
		return &ast.Proc{At: b.ctxPos(c), Kind: kind, Name: b.ident(c.NAME()),
			Params: b.params(c.Params()), Units: b.unit(c.Unit()), Body: b.block(c.Block())}
	case *np.FunctionTableProcContext:
		return &ast.Proc{At: b.ctxPos(c), Kind: ast.FunctionTable, Name: b.ident(c.NAME()),
			Params: b.params(c.Params()), Units: b.unit(c.Unit())}
	case *np.NetReceiveProcContext:
		return &ast.Proc{At: b.ctxPos(c), Kind: ast.NetReceive, Params: b.params(c.Params()), Body: b.block(c.Block())}
	case *np.BeforeAfterProcContext:
		kind := ast.Before
		if c.GetKind().GetTokenType() == np.NMODLParserAFTER {
			kind = ast.After
		}
		return &ast.Proc{At: b.ctxPos(c), Kind: kind, When: b.tokText(c.GetWhen()), Body: b.block(c.Block())}
	}
	return &ast.Proc{At: b.ctxPos(p)}
}

func (b *builder) params(c np.IParamsContext) []*ast.Param {
	if c == nil {
		return nil
	}
	var out []*ast.Param
	for _, p := range c.AllParam() {
		out = append(out, &ast.Param{At: b.ctxPos(p), Name: b.nameIdent(p.Name()),
			Size: b.arraySize(p.ArraySize()), Units: b.unit(p.Unit())})
	}
	return out
}

// ---------------------------------------------------------------------------
// Statements

func (b *builder) block(c np.IBlockContext) *ast.StmtBlock {
	if c == nil {
		return nil
	}
	blk := &ast.StmtBlock{At: b.ctxPos(c), End: b.tokPos(c.GetStop())}
	for _, s := range c.AllStmt() {
		if st := b.stmt(s); st != nil {
			blk.Stmts = append(blk.Stmts, st)
		}
	}
	return blk
}

func (b *builder) local(c np.ILocalStmtContext) *ast.Local {
	l := &ast.Local{At: b.ctxPos(c)}
	for _, v := range c.AllLocalVar() {
		l.Names = append(l.Names, &ast.Param{At: b.ctxPos(v), Name: b.ident(v.NAME()), Size: b.arraySize(v.ArraySize())})
	}
	return l
}

func (b *builder) stmt(s np.IStmtContext) ast.Stmt {
	switch c := s.(type) {
	case *np.LocalSContext:
		return b.local(c.LocalStmt())
	case *np.AssignSContext:
		as := &ast.Assign{At: b.ctxPos(c.VarRef()), Lhs: b.varRef(c.VarRef()), Rhs: b.expr(c.Expr())}
		if p := c.PROTECT(); p != nil {
			return &ast.Protect{At: b.nodePos(p), Stmt: as}
		}
		return as
	case *np.ReversibleSContext:
		return &ast.Reaction{At: b.ctxPos(c), Lhs: b.reactSide(c.ReactSide(0)), Op: ast.Reversible,
			Rhs: b.reactSide(c.ReactSide(1)), Kf: b.expr(c.Expr(0)), Kb: b.expr(c.Expr(1))}
	case *np.FluxSContext:
		return &ast.Reaction{At: b.ctxPos(c), Lhs: b.reactSide(c.ReactSide()), Op: ast.Flux, Kf: b.expr(c.Expr())}
	case *np.ForwardSContext:
		return &ast.Reaction{At: b.ctxPos(c), Lhs: b.reactSide(c.ReactSide()), Op: ast.Forward, Kf: b.expr(c.Expr())}
	case *np.LinEqSContext:
		return &ast.LinEq{At: b.ctxPos(c), Lhs: b.expr(c.Expr(0)), Rhs: b.expr(c.Expr(1))}
	case *np.CallSContext:
		return &ast.ExprStmt{At: b.ctxPos(c), X: b.call(c.Call())}
	case *np.IfSContext:
		return b.ifStmt(c.IfStmt())
	case *np.WhileSContext:
		return &ast.While{At: b.ctxPos(c), Cond: b.expr(c.Expr()), Body: b.block(c.Block())}
	case *np.ForSContext:
		f := &ast.For{At: b.ctxPos(c), Var: b.ident(c.NAME()), From: b.expr(c.Expr(0)), To: b.expr(c.Expr(1)), Body: b.block(c.Block())}
		if c.BY() != nil {
			f.By = b.expr(c.Expr(2))
		}
		return f
	case *np.BlockSContext:
		return b.block(c.Block())
	case *np.SolveSContext:
		sv := &ast.Solve{At: b.ctxPos(c), Block: b.ident(c.NAME(0))}
		if how := c.GetHow(); how != nil {
			m := b.ident(c.NAME(1))
			if how.GetTokenType() == np.NMODLParserSTEADYSTATE {
				sv.SteadyState = m
			} else {
				sv.Method = m
			}
		}
		if c.IFERROR() != nil {
			sv.IfError = b.block(c.Block())
		}
		return sv
	case *np.TableSContext:
		return b.table(c)
	case *np.ConserveSContext:
		return &ast.Conserve{At: b.ctxPos(c), Lhs: b.reactSum(c.ReactSide()), Rhs: b.expr(c.Expr())}
	case *np.CompartmentSContext:
		cp := &ast.Compartment{At: b.ctxPos(c), Volume: b.expr(c.Expr())}
		if c.COMMA() != nil {
			cp.Index = b.ident(c.NAME())
		}
		for _, n := range c.AllName() {
			cp.States = append(cp.States, b.nameIdent(n))
		}
		return cp
	case *np.LongDiffusionSContext:
		ld := &ast.LongDiffusion{At: b.ctxPos(c), Rate: b.expr(c.Expr())}
		if c.COMMA() != nil {
			ld.Index = b.ident(c.NAME())
		}
		for _, n := range c.AllName() {
			ld.States = append(ld.States, b.nameIdent(n))
		}
		return ld
	case *np.WatchSContext:
		w := &ast.Watch{At: b.ctxPos(c)}
		for _, wc := range c.AllWatchCond() {
			wcond := &ast.WatchCond{At: b.ctxPos(wc), Cond: b.expr(wc.Expr())}
			if n := wc.NAME(); n != nil {
				wcond.Flag = &ast.Name{At: b.nodePos(n), Name: b.nodeText(n)}
			} else {
				wcond.Flag = b.number(wc.Number())
			}
			w.Conds = append(w.Conds, wcond)
		}
		return w
	case *np.ForNetconsSContext:
		return &ast.ForNetcons{At: b.ctxPos(c), Params: b.params(c.Params()), Body: b.block(c.Block())}
	case *np.InitialSContext:
		return &ast.InitialStmt{At: b.ctxPos(c), Body: b.block(c.Block())}
	case *np.MutexLockSContext:
		return &ast.Mutex{At: b.ctxPos(c), Lock: true}
	case *np.MutexUnlockSContext:
		return &ast.Mutex{At: b.ctxPos(c), Lock: false}
	case *np.VerbatimSContext:
		return b.verbatim(c.VERBATIM())
	case *np.UnitsOnOffSContext:
		return b.unitsOnOff(c.UnitsOnOff())
	case *np.ConductanceSContext:
		k := &ast.Keyword{At: b.ctxPos(c), Word: "CONDUCTANCE"}
		for _, n := range c.AllNAME() {
			k.Args = append(k.Args, &ast.Name{At: b.nodePos(n), Name: b.nodeText(n)})
		}
		return k
	case *np.LagSContext:
		return &ast.Keyword{At: b.ctxPos(c), Word: "LAG", Args: []ast.Expr{
			b.nameExpr(c.Name()), &ast.Name{At: b.nodePos(c.NAME()), Name: b.nodeText(c.NAME())}}}
	case *np.QueueSContext:
		return &ast.Keyword{At: b.ctxPos(c), Word: b.tokText(c.GetWord()), Args: []ast.Expr{b.nameExpr(c.Name())}}
	case *np.ResetSContext:
		return &ast.Keyword{At: b.ctxPos(c), Word: "RESET"}
	case *np.MatchSContext:
		m := &ast.Match{At: b.nodePos(c.MATCH())}
		for _, it := range c.AllMatchItem() {
			mi := &ast.MatchItem{At: b.ctxPos(it), State: b.nameExpr(it.Name())}
			if it.NAME() != nil {
				mi.Index = b.ident(it.NAME())
			}
			if it.ASSIGN() != nil {
				mi.Arg, mi.Value = b.expr(it.Expr(0)), b.expr(it.Expr(1))
			}
			m.Items = append(m.Items, mi)
		}
		return m
	case *np.SensSContext:
		k := &ast.Keyword{At: b.ctxPos(c), Word: "SENS"}
		for _, v := range c.AllVarRef() {
			k.Args = append(k.Args, b.varRef(v))
		}
		return k
	case *np.ForallSContext:
		return &ast.Forall{At: b.ctxPos(c), Var: b.ident(c.NAME()), Body: b.block(c.Block())}
	case *np.PartialEqSContext:
		text := b.nodeText(c.PRIME())
		base := strings.TrimRight(text, "'")
		return &ast.PartialEq{At: b.ctxPos(c),
			State:  &ast.Name{At: b.nodePos(c.PRIME()), Name: base, Primes: len(text) - len(base)},
			Coef:   b.ident(c.NAME(0)),
			Del2Of: b.ident(c.NAME(1)),
			Source: b.ident(c.NAME(2))}
	case *np.PartialBoundarySContext:
		return &ast.PartialBoundary{At: b.ctxPos(c), Del: c.DEL() != nil, State: b.ident(c.NAME()),
			Last: c.LAST() != nil, Value: b.expr(c.Expr())}
	case *np.SemiSContext:
		return nil
	}
	return nil
}

func (b *builder) ifStmt(c np.IIfStmtContext) *ast.If {
	st := &ast.If{At: b.ctxPos(c), Cond: b.expr(c.Expr()), Then: b.block(c.Block(0))}
	if c.ELSE() != nil {
		if elif := c.IfStmt(); elif != nil {
			st.Else = b.ifStmt(elif)
		} else {
			st.Else = b.block(c.Block(1))
		}
	}
	return st
}

// table splits the name lists of TABLE at DEPEND.
func (b *builder) table(c *np.TableSContext) *ast.Table {
	t := &ast.Table{At: b.ctxPos(c), From: b.expr(c.Expr(0)), To: b.expr(c.Expr(1)), With: b.arraySize(c.ArraySize())}
	depend := -1
	if d := c.DEPEND(); d != nil {
		depend = d.GetSymbol().GetTokenIndex()
	}
	for _, nl := range c.AllNameList() {
		if depend >= 0 && nl.GetStart().GetTokenIndex() > depend {
			t.Depend = b.nameList(nl)
		} else {
			t.Vars = b.nameList(nl)
		}
	}
	return t
}

func (b *builder) reactSide(c np.IReactSideContext) []*ast.ReactTerm {
	if c == nil {
		return nil
	}
	var out []*ast.ReactTerm
	for _, t := range c.AllReactTerm() {
		rt := &ast.ReactTerm{At: b.ctxPos(t), Coef: 1, State: b.varRef(t.VarRef())}
		if n := t.INTEGER(); n != nil {
			coef, err := strconv.Atoi(b.nodeText(n))
			if err != nil {
				b.errorf(b.nodePos(n), "stoichiometric coefficient "+b.nodeText(n)+" is too large")
			}
			rt.Coef = coef
		}
		out = append(out, rt)
	}
	return out
}

// reactSum turns the left side of CONSERVE (terms like 2A + B) into the
// expression it stands for: A*... written as 2*A + B.
func (b *builder) reactSum(c np.IReactSideContext) ast.Expr {
	var sum ast.Expr
	for i, t := range c.AllReactTerm() {
		var term ast.Expr = b.varRef(t.VarRef())
		if n := t.INTEGER(); n != nil {
			term = &ast.Binary{At: b.nodePos(n), Op: "*", X: b.numberTok(n, nil), Y: term}
		}
		if i == 0 {
			sum = term
		} else {
			sum = &ast.Binary{At: sum.Pos(), Op: "+", X: sum, Y: term}
		}
	}
	return sum
}

// ---------------------------------------------------------------------------
// Expressions

func (b *builder) expr(e np.IExprContext) ast.Expr {
	switch c := e.(type) {
	case *np.PrimaryEContext:
		return b.primary(c.Primary())
	case *np.UnaryEContext:
		return &ast.Unary{At: b.ctxPos(c), Op: b.tokText(c.GetOp()), X: b.expr(c.Expr())}
	case *np.BinaryEContext:
		return &ast.Binary{At: b.ctxPos(c), Op: b.tokText(c.GetOp()), X: b.expr(c.Expr(0)), Y: b.expr(c.Expr(1))}
	}
	return nil
}

func (b *builder) primary(p np.IPrimaryContext) ast.Expr {
	switch c := p.(type) {
	case *np.NumberPContext:
		lit := c.INTEGER()
		if lit == nil {
			lit = c.REAL()
		}
		return b.numberTok(lit, b.unit(c.Unit()))
	case *np.CallPContext:
		return b.call(c.Call())
	case *np.VarPContext:
		return b.varRef(c.VarRef())
	case *np.ParenPContext:
		return &ast.Paren{At: b.ctxPos(c), X: b.expr(c.Expr())}
	}
	return nil
}

func (b *builder) call(c np.ICallContext) *ast.Call {
	if c == nil {
		return nil
	}
	call := &ast.Call{At: b.ctxPos(c), Fun: b.ident(c.NAME())}
	for _, a := range c.AllCallArg() {
		if s := a.STRING(); s != nil {
			call.Args = append(call.Args, &ast.String{At: b.nodePos(s), Value: cleanText(unquote(b.nodeText(s)))})
		} else {
			call.Args = append(call.Args, b.expr(a.Expr()))
		}
	}
	return call
}

// varRef is a *Name or an *Index.
func (b *builder) varRef(c np.IVarRefContext) ast.Expr {
	if c == nil {
		return nil
	}
	if c.AT() != nil {
		lag := &ast.LagRef{At: b.nodePos(c.NAME()), Name: b.ident(c.NAME()), Lag: b.numberTok(c.INTEGER(), nil)}
		if c.LBRACK() != nil {
			lag.Index = b.expr(c.Expr())
		}
		return lag
	}
	n := b.nameExpr(c.Name())
	if c.LBRACK() != nil {
		return &ast.Index{At: n.At, X: n, Index: b.expr(c.Expr())}
	}
	return n
}

// nameExpr makes a Name, counting the primes of m' and m”.
func (b *builder) nameExpr(c np.INameContext) *ast.Name {
	if c == nil {
		return nil
	}
	text := b.tokText(c.GetStart())
	base := strings.TrimRight(text, "'")
	return &ast.Name{At: b.ctxPos(c), Name: base, Primes: len(text) - len(base)}
}
