package mechimpl

import (
	"errors"
	"math"
)

// The constants of scopmath's errcodes.h that its Newton iteration uses.
const (
	newtonMaxIters  = 50
	newtonConverge  = 1e-6
	newtonZero      = 1e-8
	newtonMaxChange = 0.05
	newtonStep      = 1e-6
	newtonRoundoff  = 1e-20
)

// Newton iteration failures, as scopmath reports them.
var (
	ErrNewtonIters    = errors.New("the Newton iteration did not converge in 50 iterations")
	ErrNewtonSingular = errors.New("the Newton iteration met a singular Jacobian")
)

// NewtonSpace is the scratch of NEURON's Newton iteration for n unknowns
// (scopmath's NewtonSpace), one per DERIVATIVE block solved by
// derivimplicit, per kernel.
type NewtonSpace struct {
	n                 int
	deltaX, value     []float64
	high, low, rowmax []float64
	jacobian          [][]float64
	perm              []int
}

// NewNewtonSpace returns the scratch for n unknowns.
func NewNewtonSpace(n int) *NewtonSpace {
	ns := &NewtonSpace{n: n, perm: make([]int, n)}
	for _, v := range []*[]float64{&ns.deltaX, &ns.value, &ns.high, &ns.low, &ns.rowmax} {
		*v = make([]float64, n)
	}
	ns.jacobian = make([][]float64, n)
	for i := range ns.jacobian {
		ns.jacobian[i] = make([]float64, n)
	}
	return ns
}

// Value is the scratch the residuals are evaluated into.
func (ns *NewtonSpace) Value() []float64 { return ns.value }

// Solve is nrn_newton_thread: it solves eval = 0 for the n unknowns whose
// addresses x gives, eval filling value with the residuals at the current
// unknowns. The Jacobian is built by central differences (steps of 2% of
// each unknown, at least 1e-6), factored by Crout's method with scaled
// partial pivoting, and kept while the largest relative change of an
// unknown stays at or below 0.05; the iteration ends when that change is
// at most 1e-6 and every residual at most 1e-8 in size. Every operation is
// scopmath's, in its order, so that the result is NEURON's to the bit.
func (ns *NewtonSpace) Solve(x func(j int) *float64, eval func(value []float64)) error {
	value := ns.value
	change := 1.0
	for count := 1; count <= newtonMaxIters; count++ {
		if change > newtonMaxChange {
			ns.buildJacobian(x, eval)
			for i := range value {
				value[i] = -value[i]
			}
			if err := ns.crout(); err != nil {
				return err
			}
		}
		ns.solve()
		change = 0
		for i, d := range ns.deltaX {
			xi := x(i)
			if math.Abs(*xi) > newtonZero {
				if temp := math.Abs(d / *xi); temp > change {
					change = temp
				}
			}
			*xi += d
		}
		eval(value)
		maxDev := 0.0
		for i := range value {
			value[i] = -value[i]
			if temp := math.Abs(value[i]); temp > maxDev {
				maxDev = temp
			}
		}
		if change <= newtonConverge && maxDev <= newtonZero {
			return nil
		}
	}
	return ErrNewtonIters
}

// buildJacobian is nrn_buildjacobian_thread: the partial derivatives by
// central differences, leaving value at the unknowns (as restored, with
// the rounding that implies).
func (ns *NewtonSpace) buildJacobian(x func(j int) *float64, eval func(value []float64)) {
	for j := range ns.n {
		xj := x(j)
		increment := math.Abs(0.02 * *xj)
		if !(increment > newtonStep) {
			increment = newtonStep
		}
		*xj += increment
		eval(ns.value)
		copy(ns.high, ns.value)
		*xj -= 2.0 * increment
		eval(ns.value)
		for i := range ns.n {
			ns.low[i] = ns.value[i]
			ns.jacobian[i][j] = (ns.high[i] - ns.low[i]) / (2.0 * increment)
		}
		*xj += increment
		eval(ns.value)
	}
}

// crout is nrn_crout_thread: Crout's LU decomposition of the Jacobian in
// place, with partial pivoting scaled by each row's largest element.
func (ns *NewtonSpace) crout() error {
	a, perm, rowmax, n := ns.jacobian, ns.perm, ns.rowmax, ns.n
	for i := range n {
		perm[i] = i
		k := 0
		for j := 1; j < n; j++ {
			if math.Abs(a[i][j]) > math.Abs(a[i][k]) {
				k = j
			}
		}
		rowmax[i] = a[i][k]
	}
	saveI := 0
	for r := range n {
		for i := r; i < n; i++ {
			sum := 0.0
			irow := perm[i]
			for k := range r {
				sum += a[irow][k] * a[perm[k]][r]
			}
			a[irow][r] -= sum
		}
		pivot := perm[r]
		equil1 := math.Abs(a[pivot][r] / rowmax[pivot])
		for i := r + 1; i < n; i++ {
			irow := perm[i]
			if equil2 := math.Abs(a[irow][r] / rowmax[irow]); equil2 > equil1 {
				pivot, saveI, equil1 = irow, i, equil2
			}
		}
		if pivot != perm[r] {
			perm[saveI] = perm[r]
			perm[r] = pivot
		}
		if math.Abs(a[pivot][r]) < newtonRoundoff {
			return ErrNewtonSingular
		}
		for j := r + 1; j < n; j++ {
			sum := 0.0
			for k := range r {
				sum += a[pivot][k] * a[perm[k]][j]
			}
			a[pivot][j] = (a[pivot][j] - sum) / a[pivot][r]
		}
	}
	return nil
}

// solve is nrn_scopmath_solve_thread: the factored system solved for
// deltaX with value as the right-hand side.
func (ns *NewtonSpace) solve() {
	a, b, p, perm, n := ns.jacobian, ns.value, ns.deltaX, ns.perm, ns.n
	for i := range n {
		pivot := perm[i]
		sum := 0.0
		for j := range i {
			sum += a[pivot][j] * p[j]
		}
		p[i] = (b[pivot] - sum) / a[pivot][i]
	}
	for i := n - 1; i >= 0; i-- {
		pivot := perm[i]
		sum := 0.0
		for j := i + 1; j < n; j++ {
			sum += a[pivot][j] * p[j]
		}
		p[i] -= sum
	}
}
