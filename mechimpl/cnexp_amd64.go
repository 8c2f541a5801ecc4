package mechimpl

import "golang.org/x/sys/cpu"

// vecCnexp says whether CnexpAdvance may use cnexpAVX2: Exp follows
// glibc's FMA build, and the CPU has AVX2 for four lanes at a time;
// wide512, cnexpAVX512 for eight. (Variables, for the tests.)
var (
	vecCnexp = useFMA && cpu.X86.HasAVX2
	wide512  = cpu.X86.HasAVX512F
)

//go:noescape
func cnexpAVX2(x, aNum, aDen, bNum, bDen *float64, n int, dt float64, table *[256]uint64) int

//go:noescape
func cnexpAVX512(x, aNum, aDen, bNum, bDen *float64, n int, dt float64, table *[256]uint64) int

// cnexpVector does CnexpAdvance's work eight or four at a time as far as
// it can, and returns how many it did.
func cnexpVector(x, aNum, aDen, bNum, bDen []float64, dt float64) int {
	n := len(x)
	if !vecCnexp || n < 4 {
		return 0
	}
	done := 0
	if wide512 && n >= 8 {
		done = cnexpAVX512(&x[0], &aNum[0], &aDen[0], &bNum[0], &bDen[0], n, dt, &expTable)
		if done < n&^7 || n-done < 4 {
			return done // stopped before a group Exp takes apart, or finished
		}
	}
	return done + cnexpAVX2(&x[done], &aNum[done], &aDen[done], &bNum[done], &bDen[done], n-done, dt, &expTable)
}
