package mechimpl

import "math"

// KineticSystem is a KINETIC block's system for one instance, solved as
// scopmath's sparse_thread solves it. Eval is the block as nocmodl writes
// it for sparse: at the states s, with old the states at the start of the
// step and dt the step, it sets the right-hand side of each equation (rhs)
// and adds into the matrix elements a (a[i] the diagonal of row i < N,
// a[N+j] the element OffDiag[j]); each Newton step solves a·dx = rhs.
type KineticSystem struct {
	Eval func(s, old, rhs, a []float64, dt float64)
	// N is the number of states; OffDiag the matrix elements off the
	// diagonal that Eval names, as (row, column), each once.
	N       int
	OffDiag [][2]int
	// Linear is nocmodl's _linmat: no reaction has a side of order two or
	// more with a state on it, so one Newton step is the backward Euler step.
	Linear bool

	matrix *sparseMatrix
	s, old []float64
}

// Step advances the states s by one backward Euler step of dt, as
// scopmath's sparse_thread: Newton steps, each solving the block's
// equations at the current states with its sparse matrix; a linear scheme
// (nocmodl's _linmat) takes one, a nonlinear one iterates, setting a state
// that goes negative to 0, until the changes sum to at most 1e-6 in size.
// It reports whether that happened within NEURON's 21 iterations, the
// matrix never singular.
func (ks *KineticSystem) Step(s []float64, dt float64) bool {
	return ks.sparse(s, dt, ks.Linear)
}

// SteadyStateDt is the step, in ms, of scopmath's steady state.
const SteadyStateDt = 1e9

// SteadyDerivDt is the step, in ms, of NEURON's STEADYSTATE
// derivimplicit (scopmath's _ss_derivimplicit_thread): one derivimplicit
// step of 1e-9 ms, which leaves the states nearly where they were.
const SteadyDerivDt = 1e-9

// SteadyState is STEADYSTATE sparse (scopmath's _ss_sparse_thread): a
// backward Euler step of 1e9 ms, iterated to NEURON's tolerance even for a
// linear scheme; a nonlinear one first takes up to 7 single steps, each
// time setting states below -1e-6 to 0, until none is.
func (ks *KineticSystem) SteadyState(s []float64) bool {
	const dt = SteadyStateDt
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

// SecondOrder is what nocmodl's code adds after a SOLVE by sparse with
// secondorder: each state's derivative over the last sparse step of
// stepDt, as scopmath leaves it, (x - xold)/stepDt, times dt. After a
// step of the state update stepDt is dt (half the model's then), and the
// states reach twice the step; after STEADYSTATE, stepDt is 1e9 ms.
func (ks *KineticSystem) SecondOrder(s []float64, stepDt, dt float64) {
	for i := range s {
		d := (s[i] - ks.old[i]) / stepDt
		s[i] += dt * d
	}
}

// States returns a slice of n values for the states of one instance,
// reused from call to call.
func (ks *KineticSystem) States(n int) []float64 {
	if len(ks.s) != n {
		ks.s = make([]float64, n)
	}
	return ks.s
}

// sparse is sparse_thread's iteration; linflag stops it after one step.
// It evaluates the block once more at the result, as sparse_thread does,
// for what the block assigns besides its states (cai = ca[0], a pump's
// current).
func (ks *KineticSystem) sparse(s []float64, dt float64, linflag bool) bool {
	if ks.matrix == nil {
		// create_coef_list: the structure and the order of elimination,
		// once.
		ks.matrix = newSparseMatrix(ks.N, ks.OffDiag)
		ks.old = make([]float64, ks.N)
	}
	sm := ks.matrix
	rhs := sm.rhs[1:]
	copy(ks.old, s)
	for err, j := 1.0, 0; err > 1e-6; j++ {
		sm.clear()
		ks.Eval(s, ks.old, rhs, sm.val, dt)
		if !sm.solve() {
			return false
		}
		err = 0
		for i := range s {
			s[i] += rhs[i]
			if !linflag && s[i] < 0 {
				s[i] = 0 // "stability of nonlinear kinetic schemes sometimes requires this"
			}
			err += math.Abs(rhs[i])
		}
		if j > 20 {
			return false
		}
		if linflag {
			break
		}
	}
	sm.clear()
	ks.Eval(s, ks.old, rhs, sm.val, dt)
	return true
}
