package sim

import (
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/mat"
)

// TestHinesMatchesDenseSolve assembles the tree matrix of a branched cell
// (no membrane mechanisms: capacitance and axial coupling only) and checks
// that Hines elimination gives what a dense LU solve of the same system
// gives.
func TestHinesMatchesDenseSolve(t *testing.T) {
	m := NewModel()
	soma, _ := m.NewSection("soma")
	dend, _ := m.NewSection("dend")
	axon, _ := m.NewSection("axon")
	tip, _ := m.NewSection("tip")
	for _, err := range []error{
		soma.SetNseg(3), dend.SetNseg(7), axon.SetNseg(5), tip.SetNseg(2),
		dend.SetDiam(2), axon.SetDiam(1), tip.SetDiam(0.5), axon.SetRa(123),
		dend.Connect(soma, 1), axon.Connect(soma, 0), tip.Connect(dend, 0.4),
	} {
		if err != nil {
			t.Fatal(err)
		}
	}
	if err := m.build(); err != nil {
		t.Fatal(err)
	}
	m.syncClock()
	r := rand.New(rand.NewPCG(1, 2))
	for i := range m.ctx.V {
		m.ctx.V[i] = -65 + 10*r.Float64()
	}
	m.setupTreeMatrix()
	n := len(m.ctx.V)
	A := mat.NewDense(n, n, nil)
	b := mat.NewVecDense(n, append([]float64(nil), m.ctx.RHS...))
	for i := range n {
		A.Set(i, i, m.ctx.D[i])
		if p := m.parent[i]; p >= 0 {
			// Row i couples to its parent through b, the parent's row to i through a.
			A.Set(i, p, m.b[i])
			A.Set(p, i, m.a[i])
		}
	}
	var want mat.VecDense
	if err := want.SolveVec(A, b); err != nil {
		t.Fatal(err)
	}
	m.solve()
	for i := range n {
		if d := math.Abs(m.ctx.RHS[i] - want.AtVec(i)); d > 1e-12*(1+math.Abs(want.AtVec(i))) {
			t.Errorf("node %d: Hines %g, dense %g", i, m.ctx.RHS[i], want.AtVec(i))
		}
	}
}
