package sim

import (
	"github.com/nmodlgo/nmodlgo/mechimpl"

	"strings"
	"testing"
)

// failing is a kernel whose states fail after a given time, as a KINETIC
// step whose Newton iteration does not converge reports it.
type failing struct {
	ctx   *mechimpl.Context
	after float64
}

func (k *failing) Bind(d *mechimpl.MechData)   { k.ctx = d.Ctx }
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
	mech := Mechanism{Info: &mechimpl.MechInfo{Name: "x", Kind: mechimpl.KindDensity}, New: func() mechimpl.Kernel { return &failing{after: 1} }}
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

// mover is a point process that calls net_move at t = 1 ms: to moveTo,
// after sending a self-event with flag 1 at t = 0 if send is set.
type mover struct {
	d      *mechimpl.MechData
	send   bool
	moveTo float64
	got    []float64 // the times its events arrived
}

func (k *mover) Bind(d *mechimpl.MechData)   { k.d = d }
func (k *mover) Current()                    {}
func (k *mover) State()                      {}
func (k *mover) Global(name string) *float64 { return nil }
func (k *mover) Init() {
	k.got = nil
	k.d.Sink.Send(0, nil, 0, 2) // wakes it at t = 0
	if k.send {
		k.d.Sink.Send(0, nil, 5, 1)
	}
}
func (k *mover) NetReceive(ix int, weights []float64, flag float64) {
	k.got = append(k.got, k.d.Ctx.T)
	if flag == 2 {
		k.d.Sink.Send(0, nil, 1, 3)
	}
	if flag == 3 {
		k.d.Sink.Move(0, k.moveTo)
	}
}

// TestNetMove: net_move moves the pending flag-1 self-event, and without
// one, or into the past, it stops the run with an error naming the point
// process.
func TestNetMove(t *testing.T) {
	tests := []struct {
		send   bool
		moveTo float64
		want   string
	}{
		{true, 2.5, ""},
		{false, 2.5, "net_move in mover[0]: no pending self-event with flag 1 to move"},
		{true, 0.5, "net_move in mover[0]: to t = 0.5, before the current t"},
	}
	for _, tt := range tests {
		m := NewModel()
		soma, _ := m.NewSection("soma")
		k := &mover{send: tt.send, moveTo: tt.moveTo}
		mech := Mechanism{Info: &mechimpl.MechInfo{Name: "mover", Kind: mechimpl.KindPoint, NetReceiveArgs: 1}, New: func() mechimpl.Kernel { return k }}
		if _, err := m.NewPointProcess(mech, soma.At(0.5)); err != nil {
			t.Fatal(err)
		}
		err := m.Finitialize(-65)
		if err == nil {
			err = m.ContinueRun(10)
		}
		if tt.want == "" {
			if err != nil || len(k.got) != 3 || k.got[2] != 2.5 {
				t.Errorf("events at %v (error %v), want [0 1 2.5]", k.got, err)
			}
			// Stopped while its flag-1 event is pending, then initialized
			// again without sending one: nothing is left to move.
			err = m.Finitialize(-65)
			if err == nil {
				err = m.ContinueRun(2)
			}
			if err != nil {
				t.Fatal(err)
			}
			k.send = false
			err = m.Finitialize(-65)
			if err == nil {
				err = m.ContinueRun(10)
			}
			if err == nil || !strings.Contains(err.Error(), "no pending self-event") {
				t.Errorf("net_move after a new Finitialize: %v", err)
			}
			continue
		}
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("error %v, want one containing %q", err, tt.want)
		}
	}
}
