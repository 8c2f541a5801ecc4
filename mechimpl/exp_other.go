//go:build !amd64

package mechimpl

// expVector does nothing where there is no vector exp: ExpSlice computes
// every value with Exp.
func expVector(dst, src []float64) int { return 0 }
