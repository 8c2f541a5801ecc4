//go:build !amd64

package mechimpl

// cnexpVector does nothing where there are no vector kernels: CnexpSlice
// computes every value one by one.
func cnexpVector(arg, aDen, cc, bDen []float64, dt float64) int { return 0 }
