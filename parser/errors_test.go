package parser

import (
	"strings"
	"testing"
	"time"

	"github.com/nmodlgo/nmodlgo/ast"
	"github.com/nmodlgo/nmodlgo/diag"
)

// TestSyntaxErrors checks the position and words of the first error for
// malformed inputs.
func TestSyntaxErrors(t *testing.T) {
	tests := []struct {
		name string
		src  string
		pos  ast.Pos
		msg  string
	}{
		{"name for number", "PARAMETER {\n  gnabar = x (S/cm2)\n}\n", ast.Pos{Line: 2, Col: 12}, "expected a number, found 'x'"},
		{"unclosed block", "NEURON {\n  SUFFIX hh\n", ast.Pos{Line: 2, Col: 12}, "missing '}' at end of file"},
		{"unclosed block after statement", "BREAKPOINT { SOLVE x METHOD cnexp \n", ast.Pos{Line: 1, Col: 34}, "missing '}' at end of file"},
		{"extra brace", "NEURON {\n  SUFFIX hh\n}\n}\n", ast.Pos{Line: 4, Col: 1}, "expected a block such as NEURON, PARAMETER or BREAKPOINT, found '}'"},
		{"unknown block", "FOO { }\n", ast.Pos{Line: 1, Col: 1}, "expected a block such as NEURON, PARAMETER or BREAKPOINT, found 'FOO'"},
		{"unclosed paren", "BREAKPOINT {\n  i = g*(v - e\n}\n", ast.Pos{Line: 3, Col: 1}, "missing ')' before '}'"},
		{"missing operand", "BREAKPOINT {\n  i = g*\n}\n", ast.Pos{Line: 3, Col: 1}, "expected an expression, found '}'"},
		{"missing method", "BREAKPOINT {\n  SOLVE states METHOD\n}\n", ast.Pos{Line: 3, Col: 1}, "expected a name, found '}'"},
		{"extra paren", "DERIVATIVE states {\n  m' = (minf - m)/mtau)\n}\n", ast.Pos{Line: 2, Col: 23}, "expected a statement or '}', found ')'"},
		{"unterminated COMMENT", "NEURON { SUFFIX x }\nCOMMENT\nfoo\n", ast.Pos{Line: 2, Col: 1}, "COMMENT block is not closed: no line starts with ENDCOMMENT"},
		{"unterminated VERBATIM", "VERBATIM\nfoo\n", ast.Pos{Line: 1, Col: 1}, "VERBATIM block is not closed: no line starts with ENDVERBATIM"},
		{"legacy keyword as a name", "PARAMETER { FIRST = 1 }\n", ast.Pos{Line: 1, Col: 13}, "unexpected keyword FIRST (NMODL reserves it; it cannot be used as a name)"},
		{"bad character", "NEURON { SUFFIX # }\n", ast.Pos{Line: 1, Col: 17}, "unexpected character '#'"},
		{"Latin-1 byte in code", "NEURON { SUFFIX \xe9 }\n", ast.Pos{Line: 1, Col: 17}, `unexpected character '\xe9'`},
		{"unit alias without parens", "UNITS {\n (mA) = milliamp\n}\n", ast.Pos{Line: 2, Col: 9}, "expected a unit like (mV), found 'milliamp'"},
		{"unit factor", "UNITS {\n FARADAY = x\n}\n", ast.Pos{Line: 2, Col: 12}, "expected a unit like (mV) or a number, found 'x'"},
		{"unclosed unit", "PARAMETER {\n  g = 1 (S/cm2 \n}\n", ast.Pos{Line: 2, Col: 15}, "missing ')' at the end of the unit"},
		{"unclosed unit before a declaration", "PARAMETER {\n  g = 1 (S/cm2\n  e = -70 (mV)\n}\n", ast.Pos{Line: 2, Col: 15}, "missing ')' at the end of the unit"},
		{"unit across lines", "PARAMETER {\n  g = 1 (S/\n cm2)\n}\n", ast.Pos{Line: 2, Col: 12}, "missing ')' at the end of the unit"},
		{"unit closed by a brace", "PARAMETER {\n  g = 1 (S/cm2 }\n", ast.Pos{Line: 2, Col: 16}, "missing ')' at the end of the unit, found '}'"},
		{"unclosed parameter list", "FUNCTION f(x {\n}\n", ast.Pos{Line: 1, Col: 14}, "missing ')' before '{'"},
		{"empty WRITE", "NEURON {\n  USEION na READ ena WRITE\n}\n", ast.Pos{Line: 3, Col: 1}, "expected a name, found '}'"},
		{"if without braces", "INITIAL {\n  if (x > 1) y = 2\n}\n", ast.Pos{Line: 2, Col: 14}, "missing '{' before 'y'"},
		{"TABLE without WITH", "PROCEDURE rates(v) {\n TABLE minf FROM -100 TO 100\n}\n", ast.Pos{Line: 3, Col: 1}, "expected WITH, found '}'"},
		{"limits without comma", "PARAMETER {\n  a = 1 <0 1>\n}\n", ast.Pos{Line: 2, Col: 12}, "expected '>' or ',', found '1'"},
		{"reaction with one rate", "KINETIC k {\n ~ A <-> B (kf)\n}\n", ast.Pos{Line: 2, Col: 15}, "expected ',', found ')'"},
		{"tab before error", "BREAKPOINT {\n\ti = \t}\n", ast.Pos{Line: 2, Col: 7}, "expected an expression, found '}'"},
		{"CR line ends", "NEURON {\r  SUFFIX hh\r  RANGE 1\r}\r", ast.Pos{Line: 3, Col: 9}, "expected a name, found '1'"},
		{"CRLF line ends", "NEURON {\r\n  SUFFIX hh\r\n  RANGE 1\r\n}\r\n", ast.Pos{Line: 3, Col: 9}, "expected a name, found '1'"},
		{"DEFINE needs an integer", "DEFINE N 2.5\n", ast.Pos{Line: 1, Col: 10}, "expected an integer, found '2.5'"},
		{"keyword as a name", "NEURON {\n  RANGE a, STEP\n}\n", ast.Pos{Line: 2, Col: 12}, "expected a name, found the keyword STEP"},
		{"REPRESENTS without a term", "NEURON {\n  REPRESENTS\n}\n", ast.Pos{Line: 2, Col: 3}, "REPRESENTS needs an ontology term like NCIT:C17145 on the same line"},
		{"name alone", "BREAKPOINT { x = 1 y }\n", ast.Pos{Line: 1, Col: 22}, "unexpected '}' after 'y'"},
		{"single quote", "BREAKPOINT { x = 'a' }\n", ast.Pos{Line: 1, Col: 18}, `unexpected character "'"`},
		{"string as a value", "BREAKPOINT { x = \"a\" }\n", ast.Pos{Line: 1, Col: 18}, `expected an expression, found string "a"`},
		{"PROCEDURE without parentheses", "PROCEDURE p { }\n", ast.Pos{Line: 1, Col: 13}, "expected '(', found '{'"},
		{"if without parentheses", "BREAKPOINT { if x > 1 { y = 1 } }\n", ast.Pos{Line: 1, Col: 17}, "missing '(' before 'x'"},
		{"WATCH without parentheses", "NET_RECEIVE(w) { WATCH v > 1 }\n", ast.Pos{Line: 1, Col: 24}, "missing '(' before 'v'"},
		{"FROM without a block", "BREAKPOINT { FROM i = 0 TO 1 x = 1 }\n", ast.Pos{Line: 1, Col: 30}, "expected BY or '{', found 'x'"},
		{"WRITE before READ", "NEURON {\n  USEION k WRITE ik READ ki\n}\n", ast.Pos{Line: 2, Col: 21}, "READ must come before WRITE in USEION"},
		{"empty file is fine but junk is not", "\n\n  )", ast.Pos{Line: 3, Col: 3}, "expected a block such as NEURON, PARAMETER or BREAKPOINT, found ')'"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := Parse("t.mod", []byte(tt.src))
			if err == nil {
				t.Fatalf("no error; tree:\n%s", dump(f))
			}
			if f != nil {
				t.Errorf("Parse returned a tree with an error")
			}
			l, ok := err.(diag.List)
			if !ok || len(l) == 0 {
				t.Fatalf("error %T %v, want a non-empty diag.List", err, err)
			}
			if got := l[0].Pos; got.Line != tt.pos.Line || got.Col != tt.pos.Col || l[0].Msg != tt.msg {
				t.Errorf("first error = %v: %s\nwant          %v: %s\n%s", l[0].Pos, l[0].Msg, tt.pos, tt.msg, l.Format())
			}
			if name := l[0].Pos.Filename(); name != "t.mod" {
				t.Errorf("File = %q", name)
			}
			if l[0].Severity != diag.Error {
				t.Errorf("Severity = %v", l[0].Severity)
			}
		})
	}
}

func TestErrorFormat(t *testing.T) {
	src := "NEURON {\n\tSUFFIX hh\n}\nPARAMETER {\n\tgnabar = x (S/cm2)\n}\nBREAKPOINT {\n  i = g*\n}\n"
	_, err := Parse("hh.mod", []byte(src))
	l, ok := err.(diag.List)
	if !ok {
		t.Fatalf("err = %v", err)
	}
	want := "hh.mod:5:11: error: expected a number, found 'x'\n" +
		"\tgnabar = x (S/cm2)\n" +
		"\t         ^\n" +
		"hh.mod:9:1: error: expected an expression, found '}'\n" +
		"}\n" +
		"^\n"
	if got := l.Format(); got != want {
		t.Errorf("Format:\n%s\nwant:\n%s", got, want)
	}
	wantErr := "hh.mod:5:11: error: expected a number, found 'x'\nhh.mod:9:1: error: expected an expression, found '}'"
	if got := err.Error(); got != wantErr {
		t.Errorf("Error() = %q, want %q", got, wantErr)
	}
}

func TestErrorListLimit(t *testing.T) {
	// Twenty broken blocks give at most MaxErrors errors, sorted.
	var sb strings.Builder
	for i := 0; i < 20; i++ {
		sb.WriteString("PARAMETER { a = x }\n")
	}
	_, err := Parse("t.mod", []byte(sb.String()))
	l, ok := err.(diag.List)
	if !ok {
		t.Fatalf("err = %v", err)
	}
	if len(l) != MaxErrors {
		t.Errorf("%d errors, want %d", len(l), MaxErrors)
	}
	for i, e := range l {
		if e.Pos.Line != i+1 {
			t.Errorf("error %d at line %d, want %d", i, e.Pos.Line, i+1)
		}
	}
}

// TestNesting checks that deep nesting parses up to a point and is then
// refused with an error, never a stack overflow.
func TestNesting(t *testing.T) {
	forms := map[string]func(n int) string{
		"parens": func(n int) string {
			return "BREAKPOINT { x = " + strings.Repeat("(", n) + "1" + strings.Repeat(")", n) + " }"
		},
		"unary":   func(n int) string { return "BREAKPOINT { x = " + strings.Repeat("-", n) + "1 }" },
		"not":     func(n int) string { return "BREAKPOINT { x = " + strings.Repeat("!", n) + "1 }" },
		"pow":     func(n int) string { return "BREAKPOINT { x = 1" + strings.Repeat("^2", n) + " }" },
		"else if": func(n int) string { return "BREAKPOINT { if (a) {}" + strings.Repeat(" else if (a) {}", n) + " }" },
		"braces":  func(n int) string { return "BREAKPOINT { " + strings.Repeat("{", n) + strings.Repeat("}", n) + " }" },
		"brackets": func(n int) string {
			return "BREAKPOINT { x = y" + strings.Repeat("[y", n) + strings.Repeat("]", n) + " }"
		},
		"calls": func(n int) string {
			return "BREAKPOINT { x = " + strings.Repeat("f(", n) + "1" + strings.Repeat(")", n) + " }"
		},
	}
	for name, form := range forms {
		t.Run(name, func(t *testing.T) {
			if _, err := Parse("t.mod", []byte(form(200))); err != nil {
				t.Errorf("depth 200: %v", err)
			}
			_, err := Parse("t.mod", []byte(form(50000)))
			if err == nil || !strings.Contains(err.Error(), "too deeply nested") {
				t.Errorf("depth 50000: err = %v, want too deeply nested", err)
			}
		})
	}
}

// TestLongFiles checks that many blocks, long chains of binary operators
// and many unclosed COMMENT keywords stay fast (the lexer is linear).
func TestLongFiles(t *testing.T) {
	srcs := []string{
		strings.Repeat("PROCEDURE p() { a = b*c + d - e/f^g\n if (x < 1) { y = 2 } else { y = 3 } }\n", 500),
		"BREAKPOINT { x = 1" + strings.Repeat(" + 1", 5000) + " }",
		strings.Repeat("COMMENT x\n", 5000),
		strings.Repeat("VERBATIM x\n", 5000),
	}
	for _, src := range srcs {
		start := time.Now()
		Parse("t.mod", []byte(src))
		if d := time.Since(start); d > 10*time.Second {
			t.Errorf("parsing %.40q... took %v", src, d)
		}
	}
}
