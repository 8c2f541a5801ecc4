package mechimpl

import (
	"errors"
	"math"
)

// ErrSingular is scopmath's SINGULAR from simeq.
var ErrSingular = errors.New("the linear system is singular or ill-conditioned (a pivot below 1e-20)")

// LinearSpace is the augmented matrix of a LINEAR block of n equations
// (n rows of n coefficients and the right-hand side, nocmodl's _coef) and
// simeq's scratch.
type LinearSpace struct {
	coef [][]float64
	perm []int
}

// NewLinearSpace returns the matrix for n equations.
func NewLinearSpace(n int) *LinearSpace {
	ls := &LinearSpace{coef: make([][]float64, n), perm: make([]int, n)}
	for i := range ls.coef {
		ls.coef[i] = make([]float64, n+1)
	}
	return ls
}

// Zero clears the matrix (zero_matrix) and returns it for the block to
// fill: coef[row][col] for the unknowns, coef[row][n] the right-hand side.
func (ls *LinearSpace) Zero() [][]float64 {
	for _, row := range ls.coef {
		clear(row)
	}
	return ls.coef
}

// Solve is scopmath's simeq: Gaussian elimination with partial pivoting
// (row indices permuted, rows not moved), each pivot row normalised, then
// back substitution into the unknowns at the addresses x gives. Every
// operation is simeq's, in its order. The matrix is destroyed.
func (ls *LinearSpace) Solve(x func(i int) *float64) error {
	coef, perm, n := ls.coef, ls.perm, len(ls.coef)
	for i := range perm {
		perm[i] = i
	}
	isave := 0
	for j := range n {
		ipivot := perm[j]
		for i := j + 1; i < n; i++ {
			if jrow := perm[i]; math.Abs(coef[ipivot][j]) < math.Abs(coef[jrow][j]) {
				ipivot, isave = jrow, i
			}
		}
		if math.Abs(coef[ipivot][j]) < newtonRoundoff {
			return ErrSingular
		}
		if ipivot != perm[j] {
			perm[isave] = perm[j]
			perm[j] = ipivot
		}
		for kcol := j + 1; kcol <= n; kcol++ {
			coef[ipivot][kcol] /= coef[ipivot][j]
		}
		for i := j + 1; i < n; i++ {
			jrow := perm[i]
			for kcol := j + 1; kcol <= n; kcol++ {
				coef[jrow][kcol] -= coef[ipivot][kcol] * coef[jrow][j]
			}
		}
	}
	for i := n - 1; i >= 0; i-- {
		jrow := perm[i]
		xi := x(i)
		*xi = coef[jrow][n]
		for j := i + 1; j < n; j++ {
			*xi -= coef[jrow][j] * *x(j)
		}
	}
	return nil
}
