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
	// Linear is nocmodl's _linmat: no reaction has a side of order two or
	// more with a state on it, so one Newton step is the backward Euler step.
	Linear bool
	work   kineticWork
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
	s, old, f, j, vol, g, dx, total []float64
	jac                             [][]float64
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

// Step advances the states s by one backward Euler step of dt, as
// scopmath's sparse_thread: Newton steps on vol·(s1 - s)/dt = F(s1), each
// CONSERVE in place of its state's equation; a linear scheme (nocmodl's
// _linmat) takes one, a nonlinear one iterates, setting a state that goes
// negative to 0, until the changes sum to at most 1e-6 in size. It
// reports whether that happened within NEURON's 21 iterations.
func (ks *KineticSystem) Step(s []float64, dt float64) bool {
	return ks.sparse(s, dt, ks.Linear)
}

// SteadyState is STEADYSTATE sparse (scopmath's _ss_sparse_thread): a
// backward Euler step of 1e9 ms, iterated to NEURON's tolerance even for a
// linear scheme; a nonlinear one first takes up to 7 single steps, each
// time setting states below -1e-6 to 0, until none is.
func (ks *KineticSystem) SteadyState(s []float64) bool {
	const dt = 1e9
	if ks.Linear {
		return ks.sparse(s, dt, false)
	}
	for range 7 {
		if !ks.sparse(s, dt, true) {
			return false
		}
		settled := true
		for i := range s {
			if s[i] < -1e-6 {
				s[i], settled = 0, false
			}
		}
		if settled {
			return ks.sparse(s, dt, false)
		}
	}
	return false
}

// States returns a slice of n values for the states of one instance,
// reused from call to call.
func (ks *KineticSystem) States(n int) []float64 {
	if len(ks.work.s) != n {
		ks.work.s = make([]float64, n)
	}
	return ks.work.s
}

// sparse is sparse_thread's iteration; linflag stops it after one step.
// It evaluates the block once more at the result.
func (ks *KineticSystem) sparse(s []float64, dt float64, linflag bool) bool {
	n := len(s)
	w := &ks.work
	w.size(n, len(ks.Cons))
	copy(w.old, s)
	for err, j := 1.0, 0; err > 1e-6; j++ {
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
		err = 0
		for i := range n {
			s[i] += w.dx[i]
			if !linflag && s[i] < 0 {
				s[i] = 0 // "stability of nonlinear kinetic schemes sometimes requires this"
			}
			err += math.Abs(w.dx[i])
		}
		if j > 20 {
			return false
		}
		if linflag {
			break
		}
	}
	// Once more at the new states, as sparse_thread does, for what the
	// block assigns besides its states (cai = ca[0], a pump's current).
	clear(w.f)
	clear(w.j)
	ks.Eval(s, w.f, w.j, w.vol, w.total)
	return true
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
