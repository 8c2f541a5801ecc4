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
	branchedCell(t, m, "", 7)
	checkAgainstDense(t, m)
}

// TestHinesCellsTogether: with cells of 16 nodes or more the solve takes
// them four and two at a time (seven cells of different sizes: four, two,
// one); the result must be what one pass over all the nodes gives, to the
// bit, and what a dense solve gives.
func TestHinesCellsTogether(t *testing.T) {
	m := NewModel()
	for i, c := range []string{"a", "b", "c", "d", "e", "f", "g"} {
		branchedCell(t, m, c, 7+3*i)
	}
	checkAgainstDense(t, m)
	if n, cells := len(m.ctx.V)-m.nroot, len(m.cells); n < 16*cells || cells != 7 {
		t.Fatalf("%d cells of %d nodes: not the case of cells taken together", cells, n)
	}
	d0, rhs0 := append([]float64(nil), m.ctx.D...), append([]float64(nil), m.ctx.RHS...)
	m.solve()
	together := append([]float64(nil), m.ctx.RHS...)
	copy(m.ctx.D, d0)
	copy(m.ctx.RHS, rhs0)
	all := [2]int{m.nroot, len(m.ctx.V)}
	m.eliminate(all, 0, nil)
	m.divideRoots([2]int{0, m.nroot})
	m.backSubstitute(all)
	for i, x := range m.ctx.RHS {
		if math.Float64bits(x) != math.Float64bits(together[i]) {
			t.Errorf("node %d: %v with cells together, %v in one pass", i, together[i], x)
		}
	}
}

// branchedCell adds a cell of four sections, their names prefixed, the
// dendrite of dendNseg segments.
func branchedCell(t *testing.T, m *Model, prefix string, dendNseg int) {
	t.Helper()
	soma, _ := m.NewSection(prefix + "soma")
	dend, _ := m.NewSection(prefix + "dend")
	axon, _ := m.NewSection(prefix + "axon")
	tip, _ := m.NewSection(prefix + "tip")
	for _, err := range []error{
		soma.SetNseg(3), dend.SetNseg(dendNseg), axon.SetNseg(5), tip.SetNseg(2),
		dend.SetDiam(2), axon.SetDiam(1), tip.SetDiam(0.5), axon.SetRa(123),
		dend.Connect(soma, 1), axon.Connect(soma, 0), tip.Connect(dend, 0.4),
	} {
		if err != nil {
			t.Fatal(err)
		}
	}
}

// checkAgainstDense sets up the model's equations for random v and checks
// the Hines solve against a dense LU solve, then leaves D and RHS as set
// up, for the caller to solve again.
func checkAgainstDense(t *testing.T, m *Model) {
	t.Helper()
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
	d0, rhs0 := append([]float64(nil), m.ctx.D...), append([]float64(nil), m.ctx.RHS...)
	m.solve()
	for i := range n {
		if d := math.Abs(m.ctx.RHS[i] - want.AtVec(i)); d > 1e-12*(1+math.Abs(want.AtVec(i))) {
			t.Errorf("node %d: Hines %g, dense %g", i, m.ctx.RHS[i], want.AtVec(i))
		}
	}
	copy(m.ctx.D, d0)
	copy(m.ctx.RHS, rhs0)
}
