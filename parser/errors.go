package parser

import (
	"bytes"
	"fmt"
	"sort"
	"strings"

	"github.com/nmodlgo/nmodlgo/ast"
)

// MaxErrors is the number of errors an ErrorList keeps; the parser stops
// collecting after that many.
const MaxErrors = 10

// Error is one syntax error at a position in a file.
type Error struct {
	File string  // file name as given to Parse
	Pos  ast.Pos // 1-based line and byte column
	Msg  string  // message in words, without position

	src []byte // the text the error is in, when the parser made the error
}

// Error returns "file:line:col: message".
func (e *Error) Error() string {
	if e.File == "" {
		return fmt.Sprintf("%d:%d: %s", e.Pos.Line, e.Pos.Col, e.Msg)
	}
	return fmt.Sprintf("%s:%d:%d: %s", e.File, e.Pos.Line, e.Pos.Col, e.Msg)
}

// ErrorList is a list of errors, sorted by position, without duplicates,
// holding at most MaxErrors entries. Parse returns a non-empty ErrorList as
// its error.
type ErrorList []*Error

// Add appends an error unless the list already holds MaxErrors errors.
func (l *ErrorList) Add(file string, pos ast.Pos, msg string) {
	if len(*l) >= MaxErrors {
		return
	}
	*l = append(*l, &Error{File: file, Pos: pos, Msg: msg})
}

func (l ErrorList) Len() int      { return len(l) }
func (l ErrorList) Swap(i, j int) { l[i], l[j] = l[j], l[i] }
func (l ErrorList) Less(i, j int) bool {
	a, b := l[i], l[j]
	if a.File != b.File {
		return a.File < b.File
	}
	if a.Pos.Line != b.Pos.Line {
		return a.Pos.Line < b.Pos.Line
	}
	if a.Pos.Col != b.Pos.Col {
		return a.Pos.Col < b.Pos.Col
	}
	return a.Msg < b.Msg
}

// Sort sorts the list by file, line, column and message.
func (l ErrorList) Sort() { sort.Stable(l) }

// RemoveMultiples sorts the list and keeps only the first error of each
// line, as go/scanner does: later errors on a line are usually a cascade.
func (l *ErrorList) RemoveMultiples() {
	sort.Stable(*l)
	var last *Error
	i := 0
	for _, e := range *l {
		if last == nil || e.File != last.File || e.Pos.Line != last.Pos.Line {
			last = e
			(*l)[i] = e
			i++
		}
	}
	*l = (*l)[:i]
}

// Error returns the errors as "file:line:col: message" lines.
func (l ErrorList) Error() string {
	switch len(l) {
	case 0:
		return "no errors"
	case 1:
		return l[0].Error()
	}
	var sb strings.Builder
	for i, e := range l {
		if i > 0 {
			sb.WriteByte('\n')
		}
		sb.WriteString(e.Error())
	}
	return sb.String()
}

// Err returns the list as an error, or nil if it is empty.
func (l ErrorList) Err() error {
	if len(l) == 0 {
		return nil
	}
	return l
}

// Format prints each error like a compiler: the position and message, the
// source line, and a caret under the column:
//
//	hh.mod:12:5: error: expected a number, found 'x'
//	    gnabar = x (S/cm2)
//	             ^
//
// src is the text that was parsed. Errors made by the parser remember their
// own text (which matters for errors in INCLUDEd files); src is used for
// the others.
func (l ErrorList) Format(src []byte) string {
	var sb strings.Builder
	for _, e := range l {
		sb.WriteString(FormatError(e, src))
	}
	return sb.String()
}

// FormatError formats one error as ErrorList.Format does, ending with a
// newline.
func FormatError(e *Error, src []byte) string {
	if e.src != nil {
		src = e.src
	}
	return FormatMessage(e.File, e.Pos, "error", e.Msg, src)
}

// FormatMessage formats a message about a position in src like a compiler,
// ending with a newline: "file:line:col: severity: msg", then the source
// line and a caret under the column. severity is a word such as "error" or
// "warning"; file may be empty. If src has no such line, only the first
// line is written. ErrorList.Format and the semantic checks (package check)
// both print through it.
func FormatMessage(file string, pos ast.Pos, severity, msg string, src []byte) string {
	var sb strings.Builder
	if file != "" {
		fmt.Fprintf(&sb, "%s:", file)
	}
	fmt.Fprintf(&sb, "%d:%d: %s: %s\n", pos.Line, pos.Col, severity, msg)
	line, ok := sourceLine(src, pos.Line)
	if !ok {
		return sb.String()
	}
	sb.WriteString(printable(line))
	sb.WriteByte('\n')
	// Reproduce tabs before the caret so that it lines up.
	for i := 0; i < pos.Col-1 && i < len(line); i++ {
		if line[i] == '\t' {
			sb.WriteByte('\t')
		} else if line[i] < 0x80 || line[i] >= 0xC0 {
			sb.WriteByte(' ')
		}
	}
	sb.WriteString("^\n")
	return sb.String()
}

// sourceLine returns line n (1-based) of src without its line ending.
// Lines end at \n, \r\n or a lone \r.
func sourceLine(src []byte, n int) ([]byte, bool) {
	if n < 1 {
		return nil, false
	}
	start := 0
	for cur := 1; cur < n; cur++ {
		i := bytes.IndexAny(src[start:], "\r\n")
		if i < 0 {
			return nil, false
		}
		start += i
		if src[start] == '\r' && start+1 < len(src) && src[start+1] == '\n' {
			start++
		}
		start++
	}
	end := bytes.IndexAny(src[start:], "\r\n")
	if end < 0 {
		end = len(src) - start
	}
	return src[start : start+end], true
}

// printable replaces bytes that would upset a terminal (control characters
// other than tab) with '?'. Invalid UTF-8 is left as it is.
func printable(b []byte) string {
	out := make([]byte, len(b))
	for i, c := range b {
		if c < 0x20 && c != '\t' || c == 0x7f {
			c = '?'
		}
		out[i] = c
	}
	return string(out)
}
