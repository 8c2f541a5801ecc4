package runtime

import (
	"strings"
	"testing"
)

// failing is a kernel whose states fail after a given time, as a KINETIC
// step whose Newton iteration does not converge reports it.
type failing struct {
	ctx   *Context
	after float64
}

func (k *failing) Bind(d *MechData)            { k.ctx = d.Ctx }
func (k *failing) Init()                       {}
func (k *failing) Current()                    {}
func (k *failing) Global(name string) *float64 { return nil }
func (k *failing) State() {
	if k.ctx.T > k.after {
		k.ctx.Fail("KINETIC kin (x.mod:3): the Newton iteration did not converge")
	}
}

// TestKernelFailureStopsTheRun: a failure a kernel reports ends
// ContinueRun with an error that says what and when, and the model must be
// initialized again before it runs on.
func TestKernelFailureStopsTheRun(t *testing.T) {
	m := NewModel()
	soma, _ := m.NewSection("soma")
	mech := Mechanism{Info: &MechInfo{Name: "x", Kind: KindDensity}, New: func() Kernel { return &failing{after: 1} }}
	if err := soma.Insert(mech); err != nil {
		t.Fatal(err)
	}
	if err := m.Finitialize(-65); err != nil {
		t.Fatal(err)
	}
	err := m.ContinueRun(5)
	if err == nil || !strings.Contains(err.Error(), "continuerun: t = 1.025 ms: KINETIC kin (x.mod:3): the Newton iteration did not converge") {
		t.Fatalf("ContinueRun: %v", err)
	}
	if err := m.Fadvance(); err == nil || !strings.Contains(err.Error(), "not initialized") {
		t.Errorf("Fadvance after a failure: %v", err)
	}
	if err := m.Finitialize(-65); err != nil {
		t.Errorf("Finitialize after a failure: %v", err)
	}
}
