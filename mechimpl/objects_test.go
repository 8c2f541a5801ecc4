package mechimpl

import (
	"strings"
	"testing"
)

type constPicker float64

func (p constPicker) Repick() float64 { return float64(p) }

// TestObjects: hoc objects as VERBATIM code reaches them, by handle:
// the arguments of a call, a Vector read, resized and written, a Random
// and a Random123 stream; and what a run stops on, by name, where NEURON's
// C would read past an end or through a wrong pointer.
func TestObjects(t *testing.T) {
	c := &Context{}
	vec := &Vector{X: []float64{1, 2, 3}}
	c.SetCallArgs([]any{7.0, vec, constPicker(0.25)})
	if IfArg(c, 3) != 1 || IfArg(c, 4) != 0 || IfArg(c, 0) != 0 || IfArg(c, 1.5) != 0 {
		t.Error("ifarg")
	}
	if GetArg(c, 1) != 7 {
		t.Error("*getarg(1)")
	}
	hv, hr := VectorArg(c, 2), RandomArg(c, 3)
	c.SetCallArgs(nil)
	if err := c.Err(); err != nil || hv == 0 || hr == 0 || hv == hr {
		t.Fatalf("handles %g, %g: %v", hv, hr, err)
	}
	if VectorCapacity(c, hv) != 3 || VectorElement(c, hv, 2.9) != 3 {
		t.Error("vector_capacity, vector_vec")
	}
	VectorResize(c, hv, 5)
	VectorSetElement(c, hv, 4, 9)
	if len(vec.X) != 5 || vec.X[3] != 0 || vec.X[4] != 9 {
		t.Errorf("resized and set: %v", vec.X)
	}
	VectorResize(c, hv, 1)
	if len(vec.X) != 1 || vec.X[0] != 1 {
		t.Errorf("shrunk: %v", vec.X)
	}
	VectorResize(c, hv, 3)
	if len(vec.X) != 3 || vec.X[1] != 0 || vec.X[2] != 0 {
		t.Errorf("grown again: %v, want the new elements 0", vec.X)
	}
	VectorResize(c, hv, 1)
	if RandomPick(c, hr) != 0.25 || RandomPick(c, 0) != 0.5 {
		t.Error("nrn_random_pick")
	}
	hs := NewStream3(c, 1, 2, 3)
	StreamSetseq(c, hs, 5, 0)
	want := NewRandom123(1, 2, 3)
	want.SetSeq(5, 0)
	if StreamDblpick(c, hs) != want.DblPick() {
		t.Error("nrnran123_dblpick")
	}
	if err := c.Err(); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name string
		f    func()
		want string
	}{
		{"element past the end", func() { VectorElement(c, hv, 1) }, "vector_vec(v)[1] of a Vector of size 1"},
		{"set past the end", func() { VectorSetElement(c, hv, -1, 0) }, "vector_vec(v)[-1] = 0"},
		{"a Random as a Vector", func() { VectorCapacity(c, hr) }, "is the handle of no Vector"},
		{"no handle", func() { VectorCapacity(c, 0) }, "0 is the handle of no Vector"},
		{"a Vector as a Random", func() { RandomPick(c, hv) }, "is the handle of no Random"},
		{"a Vector as a stream", func() { StreamNormal(c, hv) }, "nrnran123_normal"},
		{"negative size", func() { VectorResize(c, hv, -1) }, "vector_resize to -1"},
		{"no argument", func() { GetArg(c, 1) }, "*getarg(1): the call has 0 arguments"},
		{"a number for a Vector", func() { c.SetCallArgs([]any{2.0}); VectorArg(c, 1) }, "vector_arg(1): argument 1 is the number 2, not a Vector"},
		{"a Vector for a Random", func() { c.SetCallArgs([]any{vec}); RandomArg(c, 1) }, "nrn_random_arg(1): argument 1 is a *mechimpl.Vector, not a Random"},
	} {
		c.ClearErr()
		tt.f()
		if err := c.Err(); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: %v, want %q", tt.name, err, tt.want)
		}
	}
}
