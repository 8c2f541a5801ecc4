// Package parser turns the text of an NMODL .mod file into the typed syntax
// tree of package ast.
//
// The grammar is grammar/NMODL.g4; the ANTLR parser generated from it
// lives in internal/nmodlparser (see generate.go). Parse runs it in two
// stages, as the ANTLR book recommends: first with SLL prediction and an
// error strategy that gives up at the first error (fast, and right for
// almost every valid file), then, only if that fails, with full LL
// prediction and error recovery, to report every error in words. The
// builder in build.go walks the parse tree and makes the ast.File.
//
// Positions are 1-based lines and 1-based byte columns. Lines end at \n,
// \r\n or a lone \r, so files from any platform get the same positions.
// Bytes that are not UTF-8 (Latin-1 comments are common in old files) are
// accepted wherever NEURON accepts them; free text in the tree (comments,
// TITLE, VERBATIM, strings) has \n line endings and is valid UTF-8, bytes
// that are not being read as Latin-1.
//
// Parse parses one file and leaves INCLUDE statements as they are;
// ParseFile and ParseWithIncludes also parse the included files, found as
// nocmodl finds them. Syntax errors come back as a diag.List, whose Format
// method prints them like a compiler, with the source line and a caret.
// Parse never panics: a bug shows as an "internal error" in the list.
//
// The grammar accepts everything NEURON 8.2's nocmodl accepts (every such
// file of the shared corpus parses) and a little more; see the notes at the
// top of grammar/NMODL.g4.
package parser

import (
	"bytes"
	"runtime/debug"

	"github.com/antlr4-go/antlr/v4"

	"github.com/nmodlgo/nmodlgo/ast"
	"github.com/nmodlgo/nmodlgo/diag"
	"github.com/nmodlgo/nmodlgo/parser/internal/nmodlparser"
)

// Parse parses the .mod file src and returns its syntax tree. filename is
// used in positions of error messages and stored in File.Name.
//
// On a syntax error Parse returns a nil *ast.File and a diag.List (sorted,
// at most one error per line, at most MaxErrors errors). Use
// diag.List.Format to print the errors with their source lines.
func Parse(filename string, src []byte) (f *ast.File, err error) {
	defer func() {
		if r := recover(); r != nil {
			// A bug in the parser or the builder: report it rather than
			// crash the caller.
			f = nil
			var l diag.List
			l.Errorf(diag.NewFile(filename, src).Start(), "internal error: parser panic: %v\n%s", r, debug.Stack())
			err = l
		}
	}()

	lines := diag.NewFile(filename, src)
	if bytes.IndexByte(src, 0) >= 0 {
		// Not echoed: its "lines" would upset the terminal.
		var l diag.List
		l.Errorf(diag.NewFile(filename, nil).Whole(), "a binary file (it holds NUL bytes), not NMODL text")
		return nil, l
	}
	tokens := lex(src)
	if errs := checkTokens(src, lines, tokens); len(errs) > 0 {
		return nil, finish(errs)
	}

	tree, ok := parseSLL(tokens)
	var errs diag.List
	if !ok {
		tokens.Seek(0)
		tree, errs = parseLL(lines, tokens)
	}
	if len(errs) > 0 {
		return nil, finish(errs)
	}
	b := &builder{src: src, lines: lines, tokens: tokens}
	f = b.buildFile(tree)
	if len(b.errs) > 0 {
		return nil, finish(b.errs)
	}
	return f, nil
}

// finish sorts the errors and keeps the first of each line, at most
// MaxErrors.
func finish(errs diag.List) diag.List {
	errs.RemoveMultiples()
	if len(errs) > MaxErrors {
		errs = errs[:MaxErrors]
	}
	return errs
}

// MaxErrors is the most syntax errors Parse reports for one file.
const MaxErrors = 10

// lex makes the token stream. The lexer reads bytes, not runes: each byte
// is one character, so token offsets are byte offsets into src and any
// byte sequence lexes (non-ASCII bytes are only valid in comments, strings
// and VERBATIM, where they are kept as they are).
func lex(src []byte) *antlr.CommonTokenStream {
	rs := make([]rune, len(src))
	for i, c := range src {
		rs[i] = rune(c)
	}
	input := antlr.NewInputStream(string(rs))
	lexer := nmodlparser.NewNMODLLexer(input)
	lexer.RemoveErrorListeners()
	tokens := antlr.NewCommonTokenStream(lexer, antlr.TokenDefaultChannel)
	tokens.Fill()
	return tokens
}

// maxNesting bounds how deeply brackets, prefix operators, ^ chains and
// else-if chains may nest: the parser and the builder recurse once per
// level, and a goroutine stack overflow cannot be recovered.
const maxNesting = 1000

// checkTokens reports what the lexer lets through but the parser should
// not see: COMMENT and VERBATIM blocks without their END line, and input
// nested so deeply that parsing it would exhaust the stack.
func checkTokens(src []byte, lines *diag.File, tokens *antlr.CommonTokenStream) diag.List {
	var errs diag.List
	depth, unary, pow, elseIf := 0, 0, 0, 0
	afterBrace := false // the last token was '}'
	for _, t := range tokens.GetAllTokens() {
		typ := t.GetTokenType()
		switch typ {
		case nmodlparser.NMODLLexerCOMMENT_BLOCK, nmodlparser.NMODLLexerVERBATIM:
			keyword, end := "COMMENT", "ENDCOMMENT"
			if typ == nmodlparser.NMODLLexerVERBATIM {
				keyword, end = "VERBATIM", "ENDVERBATIM"
			}
			if text := string(src[t.GetStart() : t.GetStop()+1]); !blockClosed(text, keyword, end) {
				errs.Errorf(lines.Pos(t.GetStart()), "%s block is not closed: no line starts with %s", keyword, end)
			}
			continue
		case nmodlparser.NMODLLexerLINE_COMMENT:
			continue
		case nmodlparser.NMODLLexerLPAREN, nmodlparser.NMODLLexerLBRACK, nmodlparser.NMODLLexerLBRACE:
			depth++
		case nmodlparser.NMODLLexerRPAREN, nmodlparser.NMODLLexerRBRACK, nmodlparser.NMODLLexerRBRACE:
			if depth > 0 {
				depth--
			}
		case nmodlparser.NMODLLexerCARET:
			pow++
		case nmodlparser.NMODLLexerELSE:
			elseIf++
		}
		switch typ {
		case nmodlparser.NMODLLexerMINUS, nmodlparser.NMODLLexerPLUS, nmodlparser.NMODLLexerNOT:
			unary++
		default:
			unary = 0
		}
		switch typ {
		case nmodlparser.NMODLLexerLBRACE, nmodlparser.NMODLLexerRBRACE, nmodlparser.NMODLLexerASSIGN:
			pow = 0 // a ^ chain lies within one expression
		}
		if afterBrace && typ != nmodlparser.NMODLLexerELSE {
			elseIf = 0 // an if-else chain ends at a '}' not followed by else
		}
		afterBrace = typ == nmodlparser.NMODLLexerRBRACE
		if depth > maxNesting || unary > maxNesting || pow > maxNesting || elseIf > maxNesting {
			errs.Errorf(lines.Pos(t.GetStart()), "too deeply nested")
			return errs
		}
	}
	return errs
}

// bailout is the panic value of bailStrategy.
type bailout struct{}

// bailStrategy gives up at the first syntax error by panicking with
// bailout, which parseSLL recovers. (The Go runtime's BailErrorStrategy
// records the error and carries on instead, which is not what the first
// stage wants.)
type bailStrategy struct {
	*antlr.DefaultErrorStrategy
}

func (*bailStrategy) ReportError(antlr.Parser, antlr.RecognitionException) { panic(bailout{}) }
func (*bailStrategy) Recover(antlr.Parser, antlr.RecognitionException)     { panic(bailout{}) }
func (*bailStrategy) RecoverInline(antlr.Parser) antlr.Token               { panic(bailout{}) }
func (*bailStrategy) Sync(antlr.Parser)                                    {}

// parseSLL is the first stage: SLL prediction, no recovery. It reports
// whether the parse succeeded.
func parseSLL(tokens *antlr.CommonTokenStream) (tree nmodlparser.IFileContext, ok bool) {
	defer func() {
		if r := recover(); r != nil {
			if _, isBail := r.(bailout); !isBail {
				panic(r)
			}
			tree, ok = nil, false
		}
	}()
	p := nmodlparser.NewNMODLParser(tokens)
	p.RemoveErrorListeners()
	p.SetErrorHandler(&bailStrategy{antlr.NewDefaultErrorStrategy()})
	p.GetInterpreter().SetPredictionMode(antlr.PredictionModeSLL)
	tree = p.File()
	if p.HasError() {
		return nil, false
	}
	return tree, true
}

// parseLL is the second stage: full LL prediction, error recovery, and
// every error reported through errorListener.
func parseLL(lines *diag.File, tokens *antlr.CommonTokenStream) (nmodlparser.IFileContext, diag.List) {
	p := nmodlparser.NewNMODLParser(tokens)
	p.RemoveErrorListeners()
	el := &errorListener{src: lines.Src, lines: lines}
	p.AddErrorListener(el)
	p.GetInterpreter().SetPredictionMode(antlr.PredictionModeLL)
	tree := p.File()
	return tree, el.errs
}

// endPos returns the position just after the last byte of the file that is
// not a line ending or blank: where "end of file" errors point.
func endPos(f *diag.File) ast.Pos {
	end := len(f.Src)
	for end > 0 && (f.Src[end-1] == '\n' || f.Src[end-1] == '\r' || f.Src[end-1] == ' ' || f.Src[end-1] == '\t') {
		end--
	}
	return f.Pos(end)
}
