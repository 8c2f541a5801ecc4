package mechimpl

import "golang.org/x/sys/cpu"

var (
	cnexpAVX512 = cpu.X86.HasAVX512F
	cnexpAVX    = cpu.X86.HasAVX
)

//go:noescape
func cnexpCoeffsAVX512(arg, aDen, cc, bDen *float64, n int, dt float64)

//go:noescape
func cnexpCoeffsAVX(arg, aDen, cc, bDen *float64, n int, dt float64)

// cnexpVector does CnexpSlice's work on as many values as it can eight or
// four at a time and returns how many it did.
func cnexpVector(arg, aDen, cc, bDen []float64, dt float64) int {
	n := len(arg)
	switch {
	case cnexpAVX512 && n >= 8:
		n &^= 7
		cnexpCoeffsAVX512(&arg[0], &aDen[0], &cc[0], &bDen[0], n, dt)
	case cnexpAVX && n >= 4:
		n &^= 3
		cnexpCoeffsAVX(&arg[0], &aDen[0], &cc[0], &bDen[0], n, dt)
	default:
		return 0
	}
	return n
}
