package codegen

import (
	"strings"
	"testing"
)

// TestPackageName checks the default Go package names of mechanisms.
func TestPackageName(t *testing.T) {
	for in, want := range map[string]string{"hh": "hh", "IClamp": "iclamp", "Na_v1.6": "na_v16", "3d": "mech3d", "range": "rangemech"} {
		if got := PackageName(in); got != want {
			t.Errorf("PackageName(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestEmittedCode: NMODL constructs become the Go they should.
func TestEmittedCode(t *testing.T) {
	tests := []struct {
		name, body, want string
	}{
		{"not of a number", "if (!x) { y = 1 }", "if !((k.x[ix]) != 0.0) {"},
		{"not of a comparison", "if (!(x > 1)) { y = 1 }", "if !(k.x[ix] > 1.0) {"},
		{"not in arithmetic", "y = !x + 1", "impl.Bool(!((k.x[ix]) != 0.0)) + 1.0"},
		{"printf", `printf("x=%g\n", x)`, `impl.Printf(k.ctx, "x=%g\n", k.x[ix])`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := "NEURON { SUFFIX t RANGE x, y }\nASSIGNED { x y }\nINITIAL { " + tt.body + " }\n"
			_, code, err := Compile("t.mod", []byte(src), "")
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(string(code), tt.want) {
				t.Errorf("want %q in\n%s", tt.want, code)
			}
		})
	}
}
