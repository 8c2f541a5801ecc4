package runtime

import "math"

// KineticSystem is a KINETIC block's equations for one instance. The
// generated Eval runs the block at the states s, adding each reaction's
// flux to F (the rate of change of vol·s), setting the COMPARTMENT volume
// of each state in vol (1 if none), and the right side of each CONSERVE
// in total.
type KineticSystem struct {
	Eval func(s, F, vol, total []float64)
	Cons []Conservation // the CONSERVE statements, in source order
	work kineticWork
}

// Conservation is one CONSERVE, Σ Coef[j]·vol[State[j]]·s[State[j]] =
// total: the equation that replaces the one of state Diag, as nocmodl's
// kinetic.cpp arranges it.
type Conservation struct {
	Diag  int
	State []int
	Coef  []float64
}

type kineticWork struct {
	old, f, vol, g, s2, f2, vol2, g2, total []float64
	jac                                     [][]float64
}

func (w *kineticWork) size(n, ncons int) {
	if len(w.old) == n && len(w.total) == ncons {
		return
	}
	mk := func() []float64 { return make([]float64, n) }
	w.old, w.f, w.vol, w.g, w.s2, w.f2, w.vol2, w.g2 = mk(), mk(), mk(), mk(), mk(), mk(), mk(), mk()
	w.total = make([]float64, ncons)
	w.jac = make([][]float64, n)
	for i := range w.jac {
		w.jac[i] = mk()
	}
}

// Step advances the states s by one backward Euler step of dt, as NEURON's
// sparse method does: vol·(s1 - s)/dt = F(s1), each CONSERVE in place of
// its state's equation, solved by Newton's method (one step for the usual
// linear schemes). With dt = 1e9 it is NEURON's STEADYSTATE sparse. It
// reports whether the iteration converged.
func (ks *KineticSystem) Step(s []float64, dt float64) bool {
	n := len(s)
	w := &ks.work
	w.size(n, len(ks.Cons))
	copy(w.old, s)
	residual := func(s, f, vol, g []float64) {
		clear(f)
		for i := range vol {
			vol[i] = 1
		}
		ks.Eval(s, f, vol, w.total)
		for i := range g {
			g[i] = vol[i]*(s[i]-w.old[i])/dt - f[i]
		}
		for c, cons := range ks.Cons {
			sum := 0.0
			for j, st := range cons.State {
				sum += cons.Coef[j] * vol[st] * s[st]
			}
			g[cons.Diag] = sum - w.total[c]
		}
	}
	for range 50 {
		residual(s, w.f, w.vol, w.g)
		for j := range n { // the Jacobian by forward differences
			h := 1e-8 * math.Max(math.Abs(s[j]), 1e-3)
			copy(w.s2, s)
			w.s2[j] += h
			residual(w.s2, w.f2, w.vol2, w.g2)
			for i := range n {
				w.jac[i][j] = (w.g2[i] - w.g[i]) / h
			}
		}
		dx := w.s2
		for i := range n {
			dx[i] = -w.g[i]
		}
		if !solveDense(w.jac, dx) {
			return false
		}
		done := true
		for i := range n {
			s[i] += dx[i]
			done = done && math.Abs(dx[i]) <= 1e-13*math.Abs(s[i])+1e-20
		}
		if done {
			return true
		}
	}
	return false
}

// solveDense solves a·x = b in place (b becomes x; a is destroyed) by
// Gaussian elimination with partial pivoting.
func solveDense(a [][]float64, b []float64) bool {
	n := len(b)
	for k := range n {
		p := k
		for i := k + 1; i < n; i++ {
			if math.Abs(a[i][k]) > math.Abs(a[p][k]) {
				p = i
			}
		}
		if a[p][k] == 0 {
			return false
		}
		a[k], a[p] = a[p], a[k]
		b[k], b[p] = b[p], b[k]
		for i := k + 1; i < n; i++ {
			f := a[i][k] / a[k][k]
			for j := k; j < n; j++ {
				a[i][j] -= f * a[k][j]
			}
			b[i] -= f * b[k]
		}
	}
	for i := n - 1; i >= 0; i-- {
		for j := i + 1; j < n; j++ {
			b[i] -= a[i][j] * b[j]
		}
		b[i] /= a[i][i]
	}
	return true
}
