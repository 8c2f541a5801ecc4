package mechimpl

import (
	"math"
	"testing"
)

// TestKineticStep: A <-> B with rates kf, kb, A + B conserved, written as
// nocmodl writes it (B numbered 0, the conservation's row). One backward
// Euler step must solve (A1 - A0)/dt = -kf·A1 + kb·B1, and the steady
// state (steps of 1e9 ms, iterated) must be kb/(kf+kb).
func TestKineticStep(t *testing.T) {
	const kf, kb = 0.3, 0.1
	ks := &KineticSystem{
		N:       2,
		OffDiag: [][2]int{{1, 0}, {0, 1}},
		Eval: func(s, old, rhs, a []float64, dt float64) {
			// s[0] = B, s[1] = A; a[2] = (1,0), a[3] = (0,1)
			dt1 := 1.0 / dt
			rhs[1] = -dt1 * (s[1] - old[1])
			a[1] = dt1
			fFlux, bFlux := kf*s[1], kb*s[0]
			rhs[1] -= fFlux - bFlux
			a[1] += kf
			a[2] -= kb
			rhs[0] = 1
			a[0] = 1
			rhs[0] -= s[0]
			a[3] = 1
			rhs[0] -= s[1]
		},
	}
	s := []float64{0, 1}
	const dt = 0.025
	if !ks.Step(s, dt) {
		t.Fatal("did not converge")
	}
	// Backward Euler with A + B = 1: A1 = (A0 + dt·kb)/(1 + dt·(kf+kb)).
	want := (1 + dt*kb) / (1 + dt*(kf+kb))
	if math.Abs(s[1]-want) > 1e-15 || math.Abs(s[0]+s[1]-1) > 1e-15 {
		t.Errorf("after one step A = %.17g, B = %.17g; want A = %.17g and A + B = 1", s[1], s[0], want)
	}
	if !ks.SteadyState(s) {
		t.Fatal("steady state did not converge")
	}
	if want := kb / (kf + kb); math.Abs(s[1]-want) > 1e-15 {
		t.Errorf("steady state A = %.17g, want %.17g", s[1], want)
	}
}
