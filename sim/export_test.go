package sim

// SplitSmallModels lets the tests split models of any size among threads,
// until the returned function is called.
func SplitSmallModels() (restore func()) {
	old := minNodesPerThread
	minNodesPerThread = 1
	return func() { minNodesPerThread = old }
}

// NodeIndex is NEURON's seg.node_index(): the segment's place in the
// node order the solver goes through.
func (g Segment) NodeIndex() int {
	g.sec.model.build()
	return g.node()
}

// TuneQuickly makes the thread tuner try threads and one thread every few
// steps, so that a run switches often, until the returned function is
// called.
func TuneQuickly() (restore func()) {
	warm, block, hold := tuneWarm, tuneBlock, tuneHold
	tuneWarm, tuneBlock, tuneHold = [2]int{1, 1}, 1, 3
	return func() { tuneWarm, tuneBlock, tuneHold = warm, block, hold }
}
