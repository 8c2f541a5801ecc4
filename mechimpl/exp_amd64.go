package mechimpl

import "golang.org/x/sys/cpu"

// vecExp says whether ExpSlice may use expFusedAVX2: Exp follows glibc's
// FMA build, and the CPU has AVX2 for four lanes at a time.
var vecExp = useFMA && cpu.X86.HasAVX2

//go:noescape
func expFusedAVX2(dst, src []float64, table *[256]uint64) int

// expVector computes Exp over as much of src as it can four at a time,
// returning how many it did.
func expVector(dst, src []float64) int {
	if !vecExp {
		return 0
	}
	return expFusedAVX2(dst, src, &expTable)
}
