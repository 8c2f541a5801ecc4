package diag

import (
	"testing"
)

func TestFilePos(t *testing.T) {
	tests := []struct {
		name      string
		src       string
		off       int
		line, col int
	}{
		{"start", "ab\ncd\n", 0, 1, 1},
		{"second line", "ab\ncd\n", 4, 2, 2},
		{"at a newline", "ab\ncd\n", 2, 1, 3},
		{"CRLF", "ab\r\ncd", 4, 2, 1},
		{"lone CR", "ab\rcd", 4, 2, 2},
		{"end of file", "ab\ncd", 5, 2, 3},
		{"past the end is clamped", "ab", 99, 1, 3},
		{"before the start is clamped", "ab", -3, 1, 1},
		{"empty", "", 0, 1, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := NewFile("x.mod", []byte(tt.src))
			p := f.Pos(tt.off)
			if p.Line != tt.line || p.Col != tt.col || p.File != f {
				t.Errorf("Pos(%d) = %d:%d, want %d:%d", tt.off, p.Line, p.Col, tt.line, tt.col)
			}
		})
	}
}

func TestFileLine(t *testing.T) {
	f := NewFile("x.mod", []byte("one\r\ntwo\rthree\nfour"))
	for n, want := range []string{"", "one", "two", "three", "four"} {
		got, ok := f.Line(n)
		if ok != (n > 0) || string(got) != want {
			t.Errorf("Line(%d) = %q, %v; want %q", n, got, ok, want)
		}
	}
	if _, ok := f.Line(5); ok {
		t.Error("Line(5) exists")
	}
	var none *File
	if _, ok := none.Line(1); ok {
		t.Error("a nil File has lines")
	}
}

func TestFormat(t *testing.T) {
	f := NewFile("hh.mod", []byte("NEURON {\n\tSUFFIX hh\n}\nPARAMETER {\n\tgnabar = x (S/cm2)\n}\nBREAKPOINT { i = \x01 é y }\n"))
	tests := []struct {
		name string
		d    Diagnostic
		want string
	}{
		{"tab before the column", Diagnostic{Pos{f, 5, 11}, Error, "expected a number, found 'x'"},
			"hh.mod:5:11: error: expected a number, found 'x'\n\tgnabar = x (S/cm2)\n\t         ^\n"},
		{"control and UTF-8 bytes", Diagnostic{Pos{f, 7, 23}, Warning, "w"},
			"hh.mod:7:23: warning: w\nBREAKPOINT { i = ? é y }\n                     ^\n"},
		{"no such line", Diagnostic{Pos{f, 40, 1}, Unsupported, "u"},
			"hh.mod:40:1: not supported: u\n"},
		{"no file", Diagnostic{Pos{nil, 2, 3}, Error, "e"}, "2:3: error: e\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.d.Format(); got != tt.want {
				t.Errorf("got\n%s\nwant\n%s", got, tt.want)
			}
		})
	}
}

func TestList(t *testing.T) {
	a, b := NewFile("a.mod", nil), NewFile("b.mod", nil)
	var l List
	if l.Err() != nil || l.HasErrors() {
		t.Error("an empty list has errors")
	}
	l.Warnf(Pos{b, 1, 1}, "x")
	if l.Err() != nil || l.HasErrors() {
		t.Error("a warning is an error")
	}
	l.Errorf(Pos{a, 2, 1}, "y")
	l.Unsupportedf(Pos{a, 2, 5}, "z")
	l.Errorf(Pos{a, 1, 3}, "w %d", 1)
	l.RemoveMultiples()
	want := "a.mod:1:3: error: w 1\na.mod:2:1: error: y\nb.mod:1:1: warning: x"
	if got := l.Error(); got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	if !l.HasErrors() || len(l.Errors()) != 2 {
		t.Errorf("Errors() = %v", l.Errors())
	}
	err := l.Err()
	if err == nil || err.Error() != "a.mod:1:3: error: w 1\na.mod:2:1: error: y" {
		t.Errorf("Err() = %v", err)
	}
	var u List
	u.Unsupportedf(Pos{a, 1, 1}, "VERBATIM")
	if !u.HasErrors() || u.Err() == nil {
		t.Error("a refusal does not stop code generation")
	}
}
