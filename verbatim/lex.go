package verbatim

import (
	"strings"

	"github.com/nmodlgo/nmodlgo/ast"
)

type tokKind int

const (
	tEOF tokKind = iota
	tIdent
	tNumber
	tString
	tChar
	tPunct
	tPreproc // a whole # line
)

type token struct {
	kind tokKind
	text string
	pos  ast.Pos
}

// puncts are C's operators and separators, longest first.
var puncts = []string{
	"<<=", ">>=", "...", "->", "++", "--", "<<", ">>", "<=", ">=", "==", "!=", "&&", "||",
	"+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "::",
	"{", "}", "(", ")", "[", "]", ";", ",", "=", "<", ">", "+", "-", "*", "/", "%",
	"!", "~", "&", "|", "^", "?", ":", ".",
}

// lex splits C text into tokens, dropping comments; at is the position of
// the text's first character.
func lex(text string, at ast.Pos) ([]token, error) {
	var toks []token
	line, col := at.Line, at.Col
	pos := func() ast.Pos { return ast.Pos{File: at.File, Line: line, Col: col} }
	i := 0
	advance := func(n int) {
		for _, r := range text[i : i+n] {
			if r == '\n' {
				line, col = line+1, 1
			} else {
				col++
			}
		}
		i += n
	}
	lineStart := true
	for i < len(text) {
		c := text[i]
		switch {
		case c == '\n':
			advance(1)
			lineStart = true
			continue
		case c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v':
			advance(1)
			continue
		case strings.HasPrefix(text[i:], "//"):
			j := strings.IndexByte(text[i:], '\n')
			if j < 0 {
				j = len(text) - i
			}
			advance(j)
			continue
		case strings.HasPrefix(text[i:], "/*"):
			j := strings.Index(text[i+2:], "*/")
			if j < 0 {
				return nil, &Error{Pos: pos(), Construct: "comment", Msg: "a /* comment that does not end"}
			}
			advance(j + 4)
			continue
		}
		p := pos()
		start := i
		switch {
		case c == '#' && lineStart:
			j := i
			for j < len(text) && text[j] != '\n' {
				if text[j] == '\\' && j+1 < len(text) && text[j+1] == '\n' {
					j += 2
					continue
				}
				j++
			}
			advance(j - i)
			toks = append(toks, token{tPreproc, strings.TrimSpace(text[start:i]), p})
			continue
		case isIdentStart(c):
			j := i
			for j < len(text) && isIdentPart(text[j]) {
				j++
			}
			advance(j - i)
			toks = append(toks, token{tIdent, text[start:i], p})
		case isDigit(c) || c == '.' && i+1 < len(text) && isDigit(text[i+1]):
			j := i
			for j < len(text) && (isIdentPart(text[j]) || text[j] == '.' ||
				(text[j] == '+' || text[j] == '-') && (text[j-1] == 'e' || text[j-1] == 'E') && !strings.HasPrefix(text[start:j], "0x")) {
				j++
			}
			advance(j - i)
			toks = append(toks, token{tNumber, text[start:i], p})
		case c == '"' || c == '\'':
			j := i + 1
			for j < len(text) && text[j] != c {
				if text[j] == '\\' {
					j++
				}
				if j < len(text) && text[j] == '\n' {
					return nil, &Error{Pos: p, Construct: "string", Msg: "a string that does not end on its line"}
				}
				j++
			}
			if j >= len(text) {
				return nil, &Error{Pos: p, Construct: "string", Msg: "a string that does not end"}
			}
			advance(j + 1 - i)
			kind := tString
			if c == '\'' {
				kind = tChar
			}
			toks = append(toks, token{kind, text[start+1 : i-1], p})
		default:
			found := ""
			for _, pu := range puncts {
				if strings.HasPrefix(text[i:], pu) {
					found = pu
					break
				}
			}
			if found == "" {
				found = text[i : i+1] // not C: refused where the parser meets it
			}
			advance(len(found))
			toks = append(toks, token{tPunct, found, p})
		}
		lineStart = false
	}
	return append(toks, token{tEOF, "", pos()}), nil
}

func isIdentStart(c byte) bool { return c == '_' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }
func isIdentPart(c byte) bool  { return isIdentStart(c) || isDigit(c) }
func isDigit(c byte) bool      { return '0' <= c && c <= '9' }
