package mechimpl

import (
	"math"
	"testing"
)

// TestKineticStep: A <-> B with rates kf, kb. One backward Euler step must
// solve (A1 - A0)/dt = -kf·A1 + kb·B1 with A + B conserved, and a step of
// 1e9 ms must land next to the steady state kb/(kf+kb).
func TestKineticStep(t *testing.T) {
	const kf, kb = 0.3, 0.1
	ks := &KineticSystem{
		Eval: func(s, F, J, vol, total []float64) {
			flux := kf*s[0] - kb*s[1]
			F[0] -= flux
			F[1] += flux
			J[0*2+0], J[0*2+1] = -kf, kb
			J[1*2+0], J[1*2+1] = kf, -kb
			total[0] = 1
		},
		Cons: []Conservation{{Diag: 1, State: []int{0, 1}, Coef: []float64{1, 1}}},
	}
	s := []float64{1, 0}
	const dt = 0.025
	if !ks.Step(s, dt) {
		t.Fatal("did not converge")
	}
	// Backward Euler with A + B = 1: A1 = (A0 + dt·kb)/(1 + dt·(kf+kb)).
	want := (1 + dt*kb) / (1 + dt*(kf+kb))
	if math.Abs(s[0]-want) > 1e-15 || math.Abs(s[0]+s[1]-1) > 1e-15 {
		t.Errorf("after one step A = %.17g, B = %.17g; want A = %.17g and A + B = 1", s[0], s[1], want)
	}
	a0 := s[0]
	if !ks.Step(s, 1e9) {
		t.Fatal("steady state did not converge")
	}
	// The same step with dt = 1e9: within 1e-8 of kb/(kf+kb).
	want = (a0/1e9 + kb) / (1/1e9 + kf + kb)
	if math.Abs(s[0]-want) > 1e-15 || math.Abs(s[0]-kb/(kf+kb)) > 1e-8 {
		t.Errorf("steady state A = %.17g, want %.17g (≈ %g)", s[0], want, kb/(kf+kb))
	}
}
