package sim

// SplitSmallModels lets the tests split models of any size among threads,
// until the returned function is called.
func SplitSmallModels() (restore func()) {
	old := minNodesPerThread
	minNodesPerThread = 1
	return func() { minNodesPerThread = old }
}
