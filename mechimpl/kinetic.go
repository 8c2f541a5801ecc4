package mechimpl

import "math"

// KineticSystem is a KINETIC block's equations for one instance. The
// generated Eval runs the block at the states s, adding each reaction's
// flux to F (the rate of change of vol·s) and its derivatives to J
// (J[i·n+j] = ∂F[i]/∂s[j]), setting the COMPARTMENT volume of each state in
// vol (1 if none), and the right side of each CONSERVE in total.
type KineticSystem struct {
	Eval func(s, F, J, vol, total []float64)
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
	old, f, j, vol, g, dx, total []float64
	jac                          [][]float64
}

func (w *kineticWork) size(n, ncons int) {
	if len(w.old) == n && len(w.total) == ncons {
		return
	}
	mk := func() []float64 { return make([]float64, n) }
	w.old, w.f, w.vol, w.g, w.dx = mk(), mk(), mk(), mk(), mk()
	w.j = make([]float64, n*n)
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
	prev := math.Inf(1)
	for range 50 {
		clear(w.f)
		clear(w.j)
		for i := range w.vol {
			w.vol[i] = 1
		}
		ks.Eval(s, w.f, w.j, w.vol, w.total)
		// The residual of vol·(s - old)/dt = F(s), and its Jacobian.
		for i := range n {
			w.g[i] = w.vol[i]*(s[i]-w.old[i])/dt - w.f[i]
			for j := range n {
				w.jac[i][j] = -w.j[i*n+j]
			}
			w.jac[i][i] += w.vol[i] / dt
		}
		for c, cons := range ks.Cons {
			row := w.jac[cons.Diag]
			clear(row)
			sum := 0.0
			for j, st := range cons.State {
				sum += cons.Coef[j] * w.vol[st] * s[st]
				row[st] += cons.Coef[j] * w.vol[st]
			}
			w.g[cons.Diag] = sum - w.total[c]
		}
		for i := range n {
			w.dx[i] = -w.g[i]
		}
		if !solveDense(w.jac, w.dx) {
			return false
		}
		// Converged when the step is tiny against the largest state: the
		// states of a scheme share a scale, and the small ones settle at
		// rounding noise relative to it.
		step, size, sum := 0.0, 0.0, 0.0
		for i := range n {
			s[i] += w.dx[i]
			step = math.Max(step, math.Abs(w.dx[i]))
			size = math.Max(size, math.Abs(s[i]))
			sum += math.Abs(w.dx[i])
		}
		if step <= 1e-12*size || step == 0 {
			return true
		}
		// An ill-conditioned system (a steady state with no CONSERVE, say)
		// stops improving at its rounding noise; accept that once it is
		// within NEURON's own tolerance (scopmath's CONVERGE, 1e-6 on the
		// sum of the changes).
		if step >= prev && sum <= 1e-6 {
			return true
		}
		prev = step
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
