package sim

// staggered returns count slices of length n carved from one allocation,
// each starting one cache line further along modulo 4 KiB than a plain
// power-of-two layout would put it. Separately allocated slices of the same
// size tend to start at the same offset within a page, so that element i of
// every slice falls in the same L1 cache set and the kernels, which walk a
// dozen such slices in step, thrash the cache. Spacing them apart avoids it.
func staggered(count, n int) [][]float64 {
	const line = 8 // float64s per 64-byte cache line
	stride := (n+line-1)/line*line + line
	backing := make([]float64, count*stride)
	out := make([][]float64, count)
	for i := range out {
		out[i] = backing[i*stride : i*stride+n : i*stride+n]
	}
	return out
}
