// Package diag holds what every phase of the compiler reports through:
// source files and positions in them, and diagnostics with a severity,
// printed in one place like a compiler prints them (as go/token and
// go/scanner do for Go).
//
// A Pos names its File, so a position in an INCLUDEd file is printed with
// that file's name and line; a File keeps its text, so a diagnostic can show
// the offending line with a caret under the column wherever it was made.
package diag

import (
	"bytes"
	"cmp"
	"fmt"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"
)

// File is one source file: its name as given to the parser and its text.
type File struct {
	Name string
	Src  []byte
	// lines holds the byte offset of the start of each line, found on the
	// first call that needs them: a file read without a problem (a
	// scenario of thousands of lines, say) never does.
	lines     []int
	linesOnce sync.Once
}

// NewFile returns the File for src. Lines end at \n, \r\n or a lone \r, so
// files from any platform get the same positions.
func NewFile(name string, src []byte) *File {
	return &File{Name: name, Src: src}
}

// lineStarts returns the offsets of the lines' starts.
func (f *File) lineStarts() []int {
	f.linesOnce.Do(func() {
		src := f.Src
		f.lines = make([]int, 1, 1+bytes.Count(src, []byte{'\n'}))
		for i := 0; i < len(src); i++ {
			switch src[i] {
			case '\n':
				f.lines = append(f.lines, i+1)
			case '\r':
				if i+1 < len(src) && src[i+1] == '\n' {
					i++
				}
				f.lines = append(f.lines, i+1)
			}
		}
	})
	return f.lines
}

// Pos returns the position of byte offset off (clamped to the file).
func (f *File) Pos(off int) Pos {
	off = max(0, min(off, len(f.Src)))
	lines := f.lineStarts()
	line, found := slices.BinarySearch(lines, off)
	if !found {
		line-- // the last line start before off
	}
	return Pos{File: f, Line: line + 1, Col: off - lines[line] + 1}
}

// Start is the position of the file's first byte.
func (f *File) Start() Pos { return Pos{File: f, Line: 1, Col: 1} }

// Whole is the file as a whole, without a line: where a problem that no
// line shows is reported (a binary file is not printed).
func (f *File) Whole() Pos { return Pos{File: f} }

// Line returns line n (1-based) of the file without its line ending.
func (f *File) Line(n int) ([]byte, bool) {
	if f == nil {
		return nil, false
	}
	lines := f.lineStarts()
	if n < 1 || n > len(lines) {
		return nil, false
	}
	start := lines[n-1]
	end := len(f.Src)
	if n < len(lines) {
		end = lines[n]
	}
	return bytes.TrimRight(f.Src[start:end], "\r\n"), true
}

// Pos is a 1-based line and byte column in a File. The zero Pos is "no
// position".
type Pos struct {
	File      *File
	Line, Col int
}

// IsValid reports whether p holds a real position.
func (p Pos) IsValid() bool { return p.Line > 0 }

// Filename returns the name of p's file, or "".
func (p Pos) Filename() string {
	if p.File == nil {
		return ""
	}
	return p.File.Name
}

// String returns "file:line:col", or "line:col" without a file, or
// "file" without a line.
func (p Pos) String() string {
	if !p.IsValid() {
		return p.Filename()
	}
	if name := p.Filename(); name != "" {
		return fmt.Sprintf("%s:%d:%d", name, p.Line, p.Col)
	}
	return fmt.Sprintf("%d:%d", p.Line, p.Col)
}

// Before reports whether p comes before q in the same file.
func (p Pos) Before(q Pos) bool {
	return p.Line < q.Line || p.Line == q.Line && p.Col < q.Col
}

// Severity says what a diagnostic means for the file.
type Severity int

const (
	// Warning: NEURON builds the file, but something is probably wrong.
	Warning Severity = iota
	// Unsupported: valid NMODL, which NEURON builds, that nmodlgo cannot
	// compile yet. It stops code generation as an error does.
	Unsupported
	// Error: NEURON cannot build the file either.
	Error
)

func (s Severity) String() string {
	switch s {
	case Error:
		return "error"
	case Unsupported:
		return "not supported"
	}
	return "warning"
}

// Diagnostic is one problem at a position.
type Diagnostic struct {
	Pos      Pos
	Severity Severity
	Msg      string // what is wrong, in words, without position
}

// String returns "file:line:col: severity: msg", or "severity: msg" for a
// diagnostic without a position.
func (d Diagnostic) String() string {
	if pos := d.Pos.String(); pos != "" {
		return fmt.Sprintf("%s: %s: %s", pos, d.Severity, d.Msg)
	}
	return fmt.Sprintf("%s: %s", d.Severity, d.Msg)
}

// Format prints the diagnostic like a compiler: its String, then the source
// line and a caret under the column, each line ending with a newline:
//
//	leak.mod:12:16: error: undeclared name erev
//	    i = g*(v - erev)
//	               ^
//
// Without the source line (no file, or a line the file does not have) only
// the first line is written.
func (d Diagnostic) Format() string {
	var sb strings.Builder
	sb.WriteString(d.String())
	sb.WriteByte('\n')
	line, ok := d.Pos.File.Line(d.Pos.Line)
	if !ok {
		return sb.String()
	}
	sb.WriteString(printable(line))
	sb.WriteByte('\n')
	// Reproduce tabs before the caret so that it lines up; every other
	// character printed takes one column.
	for _, r := range printable(line[:min(d.Pos.Col-1, len(line))]) {
		if r == '\t' {
			sb.WriteByte('\t')
		} else {
			sb.WriteByte(' ')
		}
	}
	sb.WriteString("^\n")
	return sb.String()
}

// printable replaces what would upset a terminal, control characters other
// than tab and bytes that are not UTF-8 (a Latin-1 µ), with '?'.
func printable(b []byte) string {
	var sb strings.Builder
	for len(b) > 0 {
		r, size := utf8.DecodeRune(b)
		if r == utf8.RuneError && size == 1 || r < 0x20 && r != '\t' || r >= 0x7f && r < 0xa0 {
			r = '?'
		}
		sb.WriteRune(r)
		b = b[size:]
	}
	return sb.String()
}

// List is a list of diagnostics. As an error it stands for the errors in it
// (see Err).
type List []Diagnostic

// Add appends a diagnostic.
func (l *List) Add(pos Pos, sev Severity, msg string) {
	*l = append(*l, Diagnostic{Pos: pos, Severity: sev, Msg: msg})
}

// Errorf appends an error.
func (l *List) Errorf(pos Pos, format string, args ...any) {
	l.Add(pos, Error, fmt.Sprintf(format, args...))
}

// Warnf appends a warning.
func (l *List) Warnf(pos Pos, format string, args ...any) {
	l.Add(pos, Warning, fmt.Sprintf(format, args...))
}

// Unsupportedf appends a refusal: valid NMODL that nmodlgo cannot compile.
func (l *List) Unsupportedf(pos Pos, format string, args ...any) {
	l.Add(pos, Unsupported, fmt.Sprintf(format, args...))
}

// HasErrors reports whether the list holds an Error or an Unsupported
// diagnostic: something that stops code generation.
func (l List) HasErrors() bool {
	return slices.ContainsFunc(l, func(d Diagnostic) bool { return d.Severity >= Unsupported })
}

// Errors returns the diagnostics that stop code generation, in order.
func (l List) Errors() List {
	var out List
	for _, d := range l {
		if d.Severity >= Unsupported {
			out = append(out, d)
		}
	}
	return out
}

// Err returns the list's errors (Error and Unsupported) as an error, or nil
// if it has none.
func (l List) Err() error {
	if errs := l.Errors(); len(errs) > 0 {
		return errs
	}
	return nil
}

// Error returns the diagnostics as "file:line:col: severity: msg" lines.
func (l List) Error() string {
	if len(l) == 0 {
		return "no errors"
	}
	lines := make([]string, len(l))
	for i, d := range l {
		lines[i] = d.String()
	}
	return strings.Join(lines, "\n")
}

// Format prints every diagnostic with its source line (Diagnostic.Format).
func (l List) Format() string {
	var sb strings.Builder
	for _, d := range l {
		sb.WriteString(d.Format())
	}
	return sb.String()
}

// Sort sorts the list by file name, line and column (stable: diagnostics
// at one position keep their order).
func (l List) Sort() {
	slices.SortStableFunc(l, func(a, b Diagnostic) int {
		return cmp.Or(
			cmp.Compare(a.Pos.Filename(), b.Pos.Filename()),
			cmp.Compare(a.Pos.Line, b.Pos.Line),
			cmp.Compare(a.Pos.Col, b.Pos.Col),
		)
	})
}

// RemoveMultiples sorts the list and keeps only the first diagnostic of each
// line, as go/scanner does: later ones on a line are usually a cascade.
func (l *List) RemoveMultiples() {
	l.Sort()
	out := (*l)[:0]
	for i, d := range *l {
		if i > 0 && d.Pos.Filename() == out[len(out)-1].Pos.Filename() && d.Pos.Line == out[len(out)-1].Pos.Line {
			continue
		}
		out = append(out, d)
	}
	*l = out
}
