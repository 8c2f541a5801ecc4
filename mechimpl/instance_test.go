package mechimpl

import (
	"strings"
	"testing"
)

// globalKernel is a Kernel with one GLOBAL, gl.
type globalKernel struct {
	Kernel
	gl float64
}

func (k *globalKernel) Global(name string) *float64 {
	if name == "gl" {
		return &k.gl
	}
	return nil
}

// TestInstance: a Go body's Instance reaches its own instance's slots of
// scalars and arrays and the GLOBALs, and stops the run, naming what is
// wrong, for a name or index that is not there.
func TestInstance(t *testing.T) {
	ctx := &Context{T: 2, Dt: 0.025, Celsius: 6.3}
	d := &MechData{
		Info: &MechInfo{Name: "m", Vars: []VarInfo{{Name: "a", Size: 1}, {Name: "arr", Size: 3}},
			Globals: []VarInfo{{Name: "gl", Size: 1}}},
		Ctx:  ctx,
		Vars: [][]float64{{10, 11}, {0, 1, 2, 3, 4, 5}},
	}
	k := &globalKernel{gl: 7}
	in := NewInstance(k, d, 1)
	if in.Get("a") != 11 || in.GetAt("arr", 2) != 5 || in.Get("gl") != 7 || in.T() != 2 || in.Dt() != 0.025 || in.Celsius() != 6.3 {
		t.Errorf("a %g, arr[2] %g, gl %g, t %g", in.Get("a"), in.GetAt("arr", 2), in.Get("gl"), in.T())
	}
	in.Set("a", -1)
	in.SetAt("arr", 0, -3)
	in.Set("gl", 8)
	if d.Vars[0][1] != -1 || d.Vars[0][0] != 10 || d.Vars[1][3] != -3 || k.gl != 8 {
		t.Errorf("after Set: %v, gl %g", d.Vars, k.gl)
	}
	if ctx.Err() != nil {
		t.Fatal(ctx.Err())
	}
	for _, c := range []struct {
		do   func()
		want string
	}{
		{func() { in.Get("b") }, "Go body of m: no variable b (it has a, arr, gl)"},
		{func() { in.SetAt("arr", 3, 1) }, "Go body of m: arr[3]: the index is outside 0..2"},
		{func() { in.GetAt("gl", 1) }, "only the first element of a GLOBAL array is reachable"},
		{func() { in.Fail("stop") }, "stop"},
	} {
		ctx.ClearErr()
		c.do()
		if err := ctx.Err(); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%v, want %q", err, c.want)
		}
	}
}
