//go:build !amd64

package mechimpl

// vecCnexp and wide512: there is no vector kernel here (variables, as on
// amd64, for the tests).
var vecCnexp, wide512 = false, false

// cnexpVector does nothing where there is no vector kernel: CnexpAdvance
// takes every step one by one.
func cnexpVector(x, aNum, aDen, bNum, bDen []float64, dt float64) int { return 0 }
