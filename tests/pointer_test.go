package tests

import (
	"slices"
	"strings"
	"testing"

	"github.com/nmodlgo/nmodlgo/generated/hh"
	"github.com/nmodlgo/nmodlgo/generated/iclamp"
	"github.com/nmodlgo/nmodlgo/sim"
	"github.com/nmodlgo/nmodlgo/tests/internal/gap"
	"github.com/nmodlgo/nmodlgo/tests/internal/kdr"
)

// gapPair is two hh somas joined by gap.mod's junction at each end, the
// first driven by an IClamp; setNseg2 is applied to the second soma after
// the pointers are set.
func gapPair(t *testing.T, setNseg2 int) (*sim.Model, *sim.Vector) {
	t.Helper()
	m := sim.NewModel()
	s1, _ := m.NewSection("soma1")
	s2, _ := m.NewSection("soma2")
	for _, s := range []*sim.Section{s1, s2} {
		s.SetL(20)
		s.SetDiam(20)
		s.Insert(hh.Mechanism())
	}
	stim, _ := iclamp.New(m, s1.At(0.5))
	stim.Set(iclamp.Del, 1)
	stim.Set(iclamp.Dur, 1)
	stim.Set(iclamp.Amp, 0.5)
	g1, _ := gap.New(m, s1.At(0.5))
	g2, _ := gap.New(m, s2.At(0.5))
	g1.Set(gap.G, 0.05)
	g2.Set(gap.G, 0.05)
	if err := g1.SetPointer("vgap", s2.At(0.5).Ref("v")); err != nil {
		t.Fatal(err)
	}
	if err := g2.SetPointer("vgap", s1.At(0.5).Ref("v")); err != nil {
		t.Fatal(err)
	}
	s2.SetNseg(setNseg2)
	v2, _ := m.Record(s2.At(0.5).Ref("v"))
	if err := m.Run(-65, 10); err != nil {
		t.Fatal(err)
	}
	return m, v2
}

// TestPointers: POINTERs follow their targets when the model's structure
// changes, and what is wrong with one is said.
func TestPointers(t *testing.T) {
	_, a := gapPair(t, 3)
	_, b := gapPair(t, 1)
	if slices.Equal(a.Values(), b.Values()) {
		t.Errorf("the nseg of the second soma changes nothing")
	}
	if peak := slices.Max(a.Values()); peak < 0 {
		t.Errorf("the second cell did not fire through the junction (peak %g mV)", peak)
	}
	// The same model made with nseg 3 from the start gives the same trace:
	// the pointer found the new node of soma2(0.5).
	m := sim.NewModel()
	s1, _ := m.NewSection("soma1")
	s2, _ := m.NewSection("soma2")
	s2.SetNseg(3)
	for _, s := range []*sim.Section{s1, s2} {
		s.SetL(20)
		s.SetDiam(20)
		s.Insert(hh.Mechanism())
	}
	stim, _ := iclamp.New(m, s1.At(0.5))
	stim.Set(iclamp.Del, 1)
	stim.Set(iclamp.Dur, 1)
	stim.Set(iclamp.Amp, 0.5)
	g1, _ := gap.New(m, s1.At(0.5))
	g2, _ := gap.New(m, s2.At(0.5))
	g1.Set(gap.G, 0.05)
	g2.Set(gap.G, 0.05)
	g1.SetPointer("vgap", s2.At(0.5).Ref("v"))
	g2.SetPointer("vgap", s1.At(0.5).Ref("v"))
	c, _ := m.Record(s2.At(0.5).Ref("v"))
	if err := m.Run(-65, 10); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(a.Values(), c.Values()) {
		t.Errorf("a POINTER set before nseg changed does not follow its target")
	}

	m = sim.NewModel()
	soma, _ := m.NewSection("soma")
	soma.Insert(hh.Mechanism())
	soma.Insert(kdr.Mechanism())
	g, _ := gap.New(m, soma.At(0.5))
	st, _ := iclamp.New(m, soma.At(0.5))
	for _, c := range []struct {
		err  error
		want string
	}{
		{g.SetPointer("vgapp", soma.At(0.5).Ref("v")), "setpointer vgapp: Gap has no POINTER vgapp (it has vgap)"},
		{st.SetPointer("p", soma.At(0.5).Ref("v")), "setpointer p: IClamp has no POINTER"},
		{g.SetPointer("vgap", soma.At(0.5).Ref("m_nope")), "setpointer vgap soma(0.5).m_nope"},
		{soma.At(0.5).SetPointer("pas", "p", soma.At(0.5).Ref("v")), "setpointer p: pas is not inserted in soma"},
		{soma.At(0.5).SetPointer("kdr", "p", soma.At(0.5).Ref("v")), "setpointer p: kdr has no POINTER"},
	} {
		if c.err == nil || !strings.Contains(c.err.Error(), c.want) {
			t.Errorf("error %v, want %q", c.err, c.want)
		}
	}
	m.ClearErr()
	if err := m.Run(-65, 1); err == nil || !strings.Contains(err.Error(), "POINTER vgap of Gap was never set") {
		t.Errorf("a run with a POINTER never set: %v", err)
	}
}
