package mechimpl

import "golang.org/x/sys/cpu"

// vecCnexp says whether CnexpAdvance may use cnexpAVX2: Exp follows
// glibc's FMA build, and the CPU has AVX2 for four lanes at a time.
var vecCnexp = useFMA && cpu.X86.HasAVX2

//go:noescape
func cnexpAVX2(x, aNum, aDen, bNum, bDen *float64, n int, dt float64, table *[256]uint64) int

// cnexpVector does CnexpAdvance's work four at a time as far as it can,
// and returns how many it did.
func cnexpVector(x, aNum, aDen, bNum, bDen []float64, dt float64) int {
	if !vecCnexp || len(x) < 4 {
		return 0
	}
	return cnexpAVX2(&x[0], &aNum[0], &aDen[0], &bNum[0], &bDen[0], len(x), dt, &expTable)
}
