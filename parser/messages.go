package parser

import (
	"fmt"
	"strings"

	"github.com/antlr4-go/antlr/v4"

	"github.com/nmodlgo/nmodlgo/ast"
	"github.com/nmodlgo/nmodlgo/diag"
	np "github.com/nmodlgo/nmodlgo/parser/internal/nmodlparser"
)

// errorListener turns ANTLR's syntax errors ("mismatched input X expecting
// {...}") into messages in words and collects them.
type errorListener struct {
	*antlr.DefaultErrorListener
	src   []byte
	lines *diag.File
	errs  diag.List

	lastBlock int // token index where the top-level block of the last error starts
}

func (el *errorListener) SyntaxError(rec antlr.Recognizer, offending any, _, _ int, msg string, e antlr.RecognitionException) {
	tok, _ := offending.(antlr.Token)
	if tok == nil && e != nil {
		tok = e.GetOffendingToken()
	}
	atEOF := tok == nil || tok.GetTokenType() == antlr.TokenEOF
	if atEOF && len(el.errs) > 0 {
		// After an earlier error, complaints at end of file are almost
		// always a cascade of the recovery.
		return
	}
	pos := endPos(el.lines)
	if !atEOF {
		pos = el.lines.Pos(tok.GetStart())
	}
	p, _ := rec.(antlr.Parser)
	// One error per top-level block: ANTLR's recovery rarely gets the rest
	// of a broken block right, and its later complaints are noise.
	if blk := topBlockStart(p); blk >= 0 {
		if len(el.errs) > 0 && blk == el.lastBlock {
			return
		}
		el.lastBlock = blk
	} else {
		el.lastBlock = -1
	}
	// For a failed prediction the parser stands at the token where the
	// decision began; what it expected there says little about a later
	// offending token.
	exact := true
	if _, ok := e.(*antlr.NoViableAltException); ok && p != nil && tok != nil {
		if cur := p.GetCurrentToken(); cur != nil && cur.GetTokenIndex() != tok.GetTokenIndex() {
			exact = false
		}
	}
	if upos, ok := el.unclosedUnit(p, tok); ok {
		el.errs.Errorf(upos, "missing ')' at the end of the unit")
		return
	}
	el.errs.Add(pos, diag.Error, el.message(p, tok, msg, exact))
}

// unclosedUnit recognises a unit whose ')' is not on the line of its '('
// (nocmodl reads a unit to the end of its line) and returns the position
// just after the unit's last token on that line.
func (el *errorListener) unclosedUnit(p antlr.Parser, tok antlr.Token) (ast.Pos, bool) {
	if p == nil || tok == nil {
		return ast.Pos{}, false
	}
	ctx := p.GetParserRuleContext()
	if ctx == nil || ctx.GetRuleIndex() != np.NMODLParserRULE_unit {
		return ast.Pos{}, false
	}
	lparen := ctx.GetStart()
	if lparen == nil || lparen.GetTokenType() != np.NMODLParserLPAREN || lparen.GetTokenIndex() == tok.GetTokenIndex() {
		return ast.Pos{}, false
	}
	if tok.GetTokenType() != antlr.TokenEOF && el.lines.Pos(tok.GetStart()).Line == el.lines.Pos(lparen.GetStart()).Line {
		return ast.Pos{}, false
	}
	return lineEnd(p.GetTokenStream(), el.lines, lparen), true
}

// message makes the text of one error.
func (el *errorListener) message(p antlr.Parser, tok antlr.Token, msg string, exact bool) string {
	if tok != nil && tok.GetTokenType() == np.NMODLParserERRCHAR {
		return fmt.Sprintf("unexpected character %s", quoteChar(el.src, tok.GetStart()))
	}
	found := el.describeToken(tok)
	atEOF := tok == nil || tok.GetTokenType() == antlr.TokenEOF
	if !atEOF && tok.GetTokenType() == np.NMODLParserNAME && el.tokenText(tok) == "REPRESENTS" {
		return "REPRESENTS needs an ontology term like NCIT:C17145 on the same line"
	}
	if !atEOF && tok.GetTokenType() == np.NMODLParserREAD && el.afterUseIonWrite(p, tok) {
		return "READ must come before WRITE in USEION"
	}
	if !exact {
		if prev := el.prevToken(p, tok); prev != nil {
			return fmt.Sprintf("unexpected %s after %s", found, el.describeToken(prev))
		}
		return fmt.Sprintf("unexpected %s", found)
	}
	expected := expectedSet(p)
	if atEOF && contains(expected, np.NMODLParserRBRACE) {
		return "missing '}' at end of file"
	}
	if p != nil {
		if ctx := p.GetParserRuleContext(); ctx != nil && ctx.GetRuleIndex() == np.NMODLParserRULE_unit && contains(expected, np.NMODLParserRPAREN) {
			return fmt.Sprintf("missing ')' at the end of the unit, found %s", found)
		}
	}
	want := describeExpected(p, expected)

	switch {
	case strings.HasPrefix(msg, "missing "):
		if len(want) == 1 && isPunctOrKeyword(want[0]) {
			if atEOF {
				return fmt.Sprintf("missing %s at end of file", want[0])
			}
			return fmt.Sprintf("missing %s before %s", want[0], found)
		}
	case strings.HasPrefix(msg, "extraneous input"):
		if len(want) > 2 {
			want = nil
		}
	}
	if want != nil {
		for _, w := range want {
			if w == "a name" && tok != nil && isKeyword(strings.Trim(tokenName(p, tok.GetTokenType()), "'")) {
				found = "the keyword " + el.tokenText(tok)
				break
			}
		}
		return fmt.Sprintf("expected %s, found %s", orList(want), found)
	}
	if tok != nil && isKeyword(strings.Trim(tokenName(p, tok.GetTokenType()), "'")) {
		return fmt.Sprintf("unexpected keyword %s (NMODL reserves it; it cannot be used as a name)", el.tokenText(tok))
	}
	return fmt.Sprintf("unexpected %s", found)
}

// afterUseIonWrite reports whether tok follows USEION ... WRITE ... in the
// same statement.
func (el *errorListener) afterUseIonWrite(p antlr.Parser, tok antlr.Token) bool {
	sawWrite := false
	for t := el.prevToken(p, tok); t != nil; t = el.prevToken(p, t) {
		switch t.GetTokenType() {
		case np.NMODLParserWRITE:
			sawWrite = true
		case np.NMODLParserUSEION:
			return sawWrite
		case np.NMODLParserNAME, np.NMODLParserCOMMA:
		default:
			return false
		}
	}
	return false
}

// prevToken returns the token before tok on the default channel, or nil.
func (el *errorListener) prevToken(p antlr.Parser, tok antlr.Token) antlr.Token {
	if p == nil || tok == nil {
		return nil
	}
	ts := p.GetTokenStream()
	for i := tok.GetTokenIndex() - 1; i >= 0; i-- {
		if t := ts.Get(i); t.GetChannel() == antlr.TokenDefaultChannel {
			return t
		}
	}
	return nil
}

// tokenText is the source text of a token.
func (el *errorListener) tokenText(tok antlr.Token) string {
	start, stop := tok.GetStart(), tok.GetStop()
	if start < 0 || stop < start || stop >= len(el.src) {
		return ""
	}
	return string(el.src[start : stop+1])
}

// topBlockStart returns the index of the first token of the top-level
// block the parser is in, or -1 outside any.
func topBlockStart(p antlr.Parser) int {
	if p == nil {
		return -1
	}
	ctx := p.GetParserRuleContext()
	for ctx != nil {
		parent, ok := ctx.GetParent().(antlr.ParserRuleContext)
		if !ok || parent == nil {
			return -1
		}
		if parent.GetRuleIndex() == np.NMODLParserRULE_file {
			if t := ctx.GetStart(); t != nil {
				return t.GetTokenIndex()
			}
			return -1
		}
		ctx = parent
	}
	return -1
}

func contains(set []int, t int) bool {
	for _, x := range set {
		if x == t {
			return true
		}
	}
	return false
}

// isPunctOrKeyword reports whether a description names one token, like
// ')' or WITH, rather than a class of tokens like "a name".
func isPunctOrKeyword(d string) bool {
	return strings.HasPrefix(d, "'") || isKeyword(d)
}

// expectedSet returns the token types the parser could accept in its
// present state, in increasing order.
func expectedSet(p antlr.Parser) (set []int) {
	if p == nil {
		return nil
	}
	defer func() {
		if recover() != nil {
			set = nil
		}
	}()
	iv := p.GetExpectedTokens()
	if iv == nil {
		return nil
	}
	for _, in := range iv.GetIntervals() {
		for t := in.Start; t < in.Stop; t++ {
			set = append(set, t)
		}
	}
	return set
}

// describeToken says what a token is, for "found ..." and "unexpected ...".
func (el *errorListener) describeToken(tok antlr.Token) string {
	if tok == nil || tok.GetTokenType() == antlr.TokenEOF {
		return "end of file"
	}
	start, stop := tok.GetStart(), tok.GetStop()
	if start < 0 || stop < start || stop >= len(el.src) {
		return "'" + tok.GetText() + "'"
	}
	text := string(el.src[start : stop+1])
	switch tok.GetTokenType() {
	case np.NMODLParserVERBATIM:
		return "VERBATIM block"
	case np.NMODLParserTITLE:
		return "TITLE"
	case np.NMODLParserSTRING:
		if len(text) > 20 || strings.ContainsAny(text, "\r\n") {
			return "string"
		}
		return "string " + text
	}
	if len(text) > 30 {
		text = text[:30] + "..."
	}
	return "'" + text + "'"
}

// quoteChar shows the byte at off: 'x' for a printable ASCII character,
// '\xNN' otherwise.
func quoteChar(src []byte, off int) string {
	if off < 0 || off >= len(src) {
		return "at end of file"
	}
	c := src[off]
	if c == '\'' {
		return `"'"`
	}
	if c >= 0x20 && c < 0x7f {
		return fmt.Sprintf("'%c'", c)
	}
	return fmt.Sprintf("'\\x%02x'", c)
}

// orList joins "a", "b", "c" as "a, b or c".
func orList(items []string) string {
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	}
	return strings.Join(items[:len(items)-1], ", ") + " or " + items[len(items)-1]
}

// Token groups used to describe what the parser expected.
var (
	operatorTokens = []int{
		np.NMODLParserCARET, np.NMODLParserSTAR, np.NMODLParserSLASH, np.NMODLParserPLUS,
		np.NMODLParserMINUS, np.NMODLParserLT, np.NMODLParserLE, np.NMODLParserGT,
		np.NMODLParserGE, np.NMODLParserEQ, np.NMODLParserNE, np.NMODLParserAND, np.NMODLParserOR,
	}
	exprStartTokens = []int{
		np.NMODLParserNAME, np.NMODLParserPRIME, np.NMODLParserINTEGER, np.NMODLParserREAL,
		np.NMODLParserLPAREN, np.NMODLParserMINUS, np.NMODLParserPLUS, np.NMODLParserNOT,
	}
	stmtStartTokens = []int{
		np.NMODLParserLOCAL, np.NMODLParserPROTECT, np.NMODLParserNAME, np.NMODLParserPRIME,
		np.NMODLParserTILDE, np.NMODLParserIF, np.NMODLParserWHILE, np.NMODLParserFROM,
		np.NMODLParserLBRACE, np.NMODLParserSOLVE, np.NMODLParserTABLE, np.NMODLParserCONSERVE,
		np.NMODLParserCOMPARTMENT, np.NMODLParserLONGITUDINAL_DIFFUSION, np.NMODLParserWATCH,
		np.NMODLParserFOR_NETCONS, np.NMODLParserINITIAL, np.NMODLParserMUTEXLOCK,
		np.NMODLParserMUTEXUNLOCK, np.NMODLParserVERBATIM, np.NMODLParserUNITSON,
		np.NMODLParserUNITSOFF, np.NMODLParserCONDUCTANCE, np.NMODLParserLAG, np.NMODLParserPUTQ,
		np.NMODLParserGETQ, np.NMODLParserRESET, np.NMODLParserSEMI,
		np.NMODLParserMATCH, np.NMODLParserSENS, np.NMODLParserFORALL,
	}
	topStartTokens = []int{
		np.NMODLParserTITLE, np.NMODLParserVERBATIM, np.NMODLParserINCLUDE, np.NMODLParserDEFINE,
		np.NMODLParserUNITSON, np.NMODLParserUNITSOFF, np.NMODLParserLOCAL, np.NMODLParserUNITS,
		np.NMODLParserNEURON, np.NMODLParserPARAMETER, np.NMODLParserASSIGNED, np.NMODLParserSTATE,
		np.NMODLParserCONSTANT, np.NMODLParserINDEPENDENT, np.NMODLParserDEPENDENT,
		np.NMODLParserINITIAL, np.NMODLParserBREAKPOINT, np.NMODLParserCONSTRUCTOR,
		np.NMODLParserDESTRUCTOR, np.NMODLParserTERMINAL, np.NMODLParserDERIVATIVE,
		np.NMODLParserDISCRETE, np.NMODLParserPARTIAL, np.NMODLParserKINETIC, np.NMODLParserLINEAR,
		np.NMODLParserNONLINEAR, np.NMODLParserPROCEDURE, np.NMODLParserFUNCTION,
		np.NMODLParserFUNCTION_TABLE, np.NMODLParserNET_RECEIVE, np.NMODLParserBEFORE,
		np.NMODLParserAFTER, np.NMODLParserSEMI,
		np.NMODLParserPLOT, np.NMODLParserSTEPPED, np.NMODLParserMODEL_LEVEL,
	}
	neuronStartTokens = []int{
		np.NMODLParserSUFFIX, np.NMODLParserPOINT_PROCESS, np.NMODLParserARTIFICIAL_CELL,
		np.NMODLParserUSEION, np.NMODLParserNONSPECIFIC_CURRENT, np.NMODLParserELECTRODE_CURRENT,
		np.NMODLParserRANGE, np.NMODLParserGLOBAL, np.NMODLParserPOINTER, np.NMODLParserBBCOREPOINTER,
		np.NMODLParserEXTERNAL, np.NMODLParserSECTION, np.NMODLParserRANDOM, np.NMODLParserTHREADSAFE,
		np.NMODLParserREPRESENTS_TERM, np.NMODLParserUNITSON, np.NMODLParserUNITSOFF, np.NMODLParserSEMI,
	}
	declStartTokens = []int{
		np.NMODLParserNAME, np.NMODLParserPRIME, np.NMODLParserSWEEP,
		np.NMODLParserUNITSON, np.NMODLParserUNITSOFF, np.NMODLParserSEMI,
	}
)

// tokenSet is a set of token types.
type tokenSet map[int]bool

func (s tokenSet) hasAll(ts ...int) bool {
	for _, t := range ts {
		if !s[t] {
			return false
		}
	}
	return true
}

func (s tokenSet) remove(ts ...int) {
	for _, t := range ts {
		delete(s, t)
	}
}

// describeExpected describes an expected-token set in words: groups of
// tokens become phrases ("a number", "an expression", "a statement"), the
// rest are named one by one. It returns nil when the description would be
// too long to help.
func describeExpected(p antlr.Parser, expected []int) []string {
	if len(expected) == 0 {
		return nil
	}
	s := tokenSet{}
	for _, t := range expected {
		s[t] = true
	}
	rule := -1
	if p != nil {
		if ctx := p.GetParserRuleContext(); ctx != nil {
			rule = ctx.GetRuleIndex()
		}
	}
	var out []string
	// Whole constructs first.
	if s.hasAll(np.NMODLParserNEURON, np.NMODLParserPARAMETER, np.NMODLParserBREAKPOINT) {
		out = append(out, "a block such as NEURON, PARAMETER or BREAKPOINT")
		s.remove(topStartTokens...)
		s.remove(antlr.TokenEOF)
	}
	if s.hasAll(np.NMODLParserSUFFIX, np.NMODLParserRANGE, np.NMODLParserUSEION) {
		out = append(out, "a NEURON statement such as SUFFIX, USEION or RANGE")
		s.remove(neuronStartTokens...)
	}
	if s.hasAll(np.NMODLParserSOLVE, np.NMODLParserTABLE, np.NMODLParserIF, np.NMODLParserLOCAL) {
		out = append(out, "a statement")
		s.remove(stmtStartTokens...)
		s.remove(exprStartTokens...)
	}
	hasOps := s.hasAll(np.NMODLParserCARET, np.NMODLParserSTAR, np.NMODLParserSLASH)
	if s.hasAll(exprStartTokens...) {
		out = append(out, "an expression")
		s.remove(exprStartTokens...)
		if s[np.NMODLParserSTRING] {
			out = append(out, "a string")
			s.remove(np.NMODLParserSTRING)
		}
	}
	if hasOps {
		out = append(out, "an operator")
		s.remove(operatorTokens...)
	}
	if s[np.NMODLParserLPAREN] && unitContext(rule, s) {
		out = append(out, "a unit like (mV)")
		s.remove(np.NMODLParserLPAREN)
	}
	if s.hasAll(np.NMODLParserINTEGER, np.NMODLParserREAL) {
		out = append(out, "a number")
		s.remove(np.NMODLParserINTEGER, np.NMODLParserREAL, np.NMODLParserMINUS, np.NMODLParserPLUS)
	}
	if rule == np.NMODLParserRULE_varDecl || rule == np.NMODLParserRULE_declItem {
		if s.hasAll(np.NMODLParserNAME, np.NMODLParserRBRACE) {
			out = append(out, "a declaration")
			s.remove(declStartTokens...)
		}
	}
	if s[np.NMODLParserNAME] {
		out = append(out, "a name")
		s.remove(np.NMODLParserNAME, np.NMODLParserPRIME)
	}
	for _, t := range expected {
		if !s[t] {
			continue
		}
		out = append(out, tokenName(p, t))
	}
	if len(out) > 5 {
		return nil
	}
	// "end of file" reads best last.
	for i, d := range out {
		if d == "end of file" && i != len(out)-1 {
			copy(out[i:], out[i+1:])
			out[len(out)-1] = d
			break
		}
	}
	return out
}

// unitContext reports whether a '(' the parser expects in rule starts a
// unit rather than an argument list or a parenthesised expression.
func unitContext(rule int, s tokenSet) bool {
	switch rule {
	case np.NMODLParserRULE_varDecl, np.NMODLParserRULE_param, np.NMODLParserRULE_unitDef,
		np.NMODLParserRULE_unitsItem, np.NMODLParserRULE_unit:
		return true
	case np.NMODLParserRULE_proc:
		// After a FUNCTION's argument list: a unit or the body.
		return s[np.NMODLParserLBRACE] || s[np.NMODLParserRBRACE]
	case np.NMODLParserRULE_primary:
		// After a number.
		return !s[np.NMODLParserNAME]
	}
	return false
}

// tokenName names a token type for a message: '}' for punctuation, the
// keyword for keywords.
func tokenName(p antlr.Parser, t int) string {
	switch t {
	case antlr.TokenEOF:
		return "end of file"
	case np.NMODLParserINTEGER:
		return "an integer"
	case np.NMODLParserREAL:
		return "a number"
	case np.NMODLParserSTRING:
		return "a string"
	case np.NMODLParserPRIME:
		return "a primed name like m'"
	case np.NMODLParserREPRESENTS_TERM:
		return "REPRESENTS with an ontology term"
	case np.NMODLParserTITLE:
		return "TITLE"
	case np.NMODLParserVERBATIM:
		return "VERBATIM"
	case np.NMODLParserIF:
		return "if"
	case np.NMODLParserELSE:
		return "else"
	case np.NMODLParserWHILE:
		return "while"
	}
	if p != nil {
		lit := p.GetLiteralNames()
		if t >= 0 && t < len(lit) && lit[t] != "" {
			// Keywords read better without quotes: PARAMETER, not 'PARAMETER'.
			if k := strings.Trim(lit[t], "'"); isKeyword(k) {
				return k
			}
			return lit[t]
		}
		sym := p.GetSymbolicNames()
		if t >= 0 && t < len(sym) && sym[t] != "" {
			return sym[t]
		}
	}
	return fmt.Sprintf("token %d", t)
}

// isKeyword reports whether s looks like an NMODL keyword (upper case
// letters and underscores).
func isKeyword(s string) bool {
	if len(s) < 2 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !(s[i] >= 'A' && s[i] <= 'Z' || s[i] == '_') {
			return false
		}
	}
	return true
}
