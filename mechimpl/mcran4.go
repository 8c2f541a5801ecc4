package mechimpl

// Ran4 is MCellRan4's hash of the sequence number *high (then
// incremented) and the stream low: two rounds of a multiply-and-xor mix
// (mcran4.cpp's nrnRan4int). Over 2^32 it is NEURON's mcell_ran4a.
func Ran4(high *uint32, low uint32) uint32 {
	n := *high
	*high++
	m := low
	mix := func(x, c1, c2 uint32) uint32 {
		w := x ^ c1
		v, lo := w>>16, w&0xffff
		u := ^((v - lo) * (v + lo))
		return ((u>>16 | u<<16) ^ c2) + lo*v
	}
	m ^= mix(n, 0xbaa96887, 0x4b0f3b58)
	n ^= mix(m, 0x1e17d32c, 0xe874f0c3)
	return n
}
