package mechimpl

import "testing"

// TestSparseIsScopmaths solves the steady state of a real scheme (na8st of
// ModelDB 144526: eight states, a CONSERVE, ill-conditioned at dt = 1e9)
// written as nocmodl writes it, and compares the result with what
// scopmath's sparse_thread.c from NEURON 8.2.2 gives for the same code and
// rates: testdata/sparse/main.c, compiled with gcc -O2 (see its header).
// The two must agree to the bit: the ordering, the elimination and the
// iteration are scopmath's, step for step.
func TestSparseIsScopmaths(t *testing.T) {
	const (
		a1, b1 = 1.8060840899450104, 3.259019673612569
		a2, b2 = 0.8935075095095647, 15.481924611346011
		a3, b3 = 0.11145434133416944, 3.108264087820277
		ah, bh = 0.008519740496566406, 0.005668332387147741
	)
	// s: o, c3, c2, c1, i4, i3, i2, i1 (nocmodl's numbering)
	eval := func(s, old, rhs, a []float64, dt float64) {
		dt1 := 1.0 / dt
		for i := 1; i < 8; i++ {
			rhs[i] = -dt1 * (s[i] - old[i])
			a[i] = dt1
		}
		react := func(l, r int, kf, kb float64, lr, rl, ll, rr int) {
			f, b := kf*s[l], kb*s[r]
			if l > 0 {
				rhs[l] -= f - b
			}
			if r > 0 {
				rhs[r] += f - b
			}
			if l > 0 {
				a[l] += kf
			}
			if r > 0 && lr >= 0 {
				a[lr] -= kf
			}
			if l > 0 && rl >= 0 {
				a[rl] -= kb
			}
			if r > 0 {
				a[r] += kb
			}
		}
		// elements: the off-diagonals in the order below (8 + index)
		react(3, 2, a1, b1, 8, 9, 3, 2)
		react(2, 1, a2, b2, 10, 11, 2, 1)
		react(1, 0, a3, b3, -1, 12, 1, 0)
		react(7, 6, a1, b1, 13, 14, 7, 6)
		react(6, 5, a2, b2, 15, 16, 6, 5)
		react(5, 4, a3, b3, 17, 18, 5, 4)
		react(7, 3, ah, bh, 19, 20, 7, 3)
		react(6, 2, ah, bh, 21, 22, 6, 2)
		react(5, 1, ah, bh, 23, 24, 5, 1)
		react(4, 0, ah, bh, -1, 25, 4, 0)
		rhs[0] = 1
		for i, e := range []int{0, 26, 27, 28, 29, 30, 31, 32} {
			a[e] = 1
			rhs[0] -= s[[]int{0, 4, 5, 6, 7, 1, 2, 3}[i]]
		}
	}
	ks := &KineticSystem{
		Eval: eval, N: 8, Linear: true,
		OffDiag: [][2]int{
			{2, 3}, {3, 2}, {1, 2}, {2, 1}, {1, 0}, {6, 7}, {7, 6}, {5, 6}, {6, 5}, {4, 5}, {5, 4},
			{3, 7}, {7, 3}, {2, 6}, {6, 2}, {1, 5}, {5, 1}, {4, 0},
			{0, 4}, {0, 5}, {0, 6}, {0, 7}, {0, 1}, {0, 2}, {0, 3},
		},
	}
	s := make([]float64, 8)
	if !ks.SteadyState(s) {
		t.Fatal("no steady state")
	}
	want := []float64{ // printed by testdata/sparse/main.c with %.17g
		0.0004338551568329651, 0.012099442603185651, 0.20964866579319297, 0.37830416066593531,
		0.00028865117693993944, 0.008049969831797012, 0.13948290834815683, 0.25169234642395943,
	}
	for i := range want {
		if s[i] != want[i] {
			t.Errorf("state %d = %.17g, scopmath's sparse gives %.17g", i, s[i], want[i])
		}
	}
}
