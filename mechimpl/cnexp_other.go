//go:build !amd64

package mechimpl

// cnexpVector does nothing where there is no vector kernel: CnexpAdvance
// takes every step one by one.
func cnexpVector(x, aNum, aDen, bNum, bDen []float64, dt float64) int { return 0 }
