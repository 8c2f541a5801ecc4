package sim_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/nmodlgo/nmodlgo/generated/netstim"
	"github.com/nmodlgo/nmodlgo/sim"
)

// TestRandomStreams: a NetStim's RANDOM stream, set through the API,
// gives the spikes that noiseFromRandom123 with the same ids gives; it
// starts again at every Finitialize; and bad names and places are
// refused.
func TestRandomStreams(t *testing.T) {
	m := sim.NewModel()
	var stims []*sim.PointProcess
	var recs []*sim.Vector
	for range 3 {
		ns, _ := netstim.New(m)
		ns.Set(netstim.Interval, 5)
		ns.Set(netstim.Number, 50)
		ns.Set(netstim.Start, 1)
		ns.Set(netstim.Noise, 1)
		nc, _ := m.NewNetCon(ns, nil, 0, 1)
		stims, recs = append(stims, ns), append(recs, nc.RecordSpikes())
	}
	stims[0].Call("noiseFromRandom123", 1, 2, 3)
	stims[1].Call("noiseFromRandom123", 9, 9, 9)
	r, err := stims[1].Random("ranvar")
	if err != nil {
		t.Fatal(err)
	}
	r.SetIDs(1, 2, 3)
	stims[2].Call("noiseFromRandom123", 1, 2, 4)
	if err := m.Err(); err != nil {
		t.Fatal(err)
	}
	var first [][]float64
	for run := range 2 {
		if err := m.Run(-65, 100); err != nil {
			t.Fatal(err)
		}
		a, b, c := recs[0].Values(), recs[1].Values(), recs[2].Values()
		if len(a) < 10 || !slices.Equal(a, b) || slices.Equal(a, c) {
			t.Fatalf("run %d: spikes with ids 1,2,3 %v, set through the API %v, with ids 1,2,4 %v", run, a, b, c)
		}
		if run == 0 {
			first = [][]float64{a, c}
		} else if !slices.Equal(first[0], a) || !slices.Equal(first[1], c) {
			t.Errorf("the streams did not start again at Finitialize")
		}
	}
	if id1, id2, id3 := r.IDs(); id1 != 1 || id2 != 2 || id3 != 3 || r.Seq() == 0 {
		t.Errorf("ids %d %d %d, seq %g after a run", id1, id2, id3, r.Seq())
	}
	if err := r.SetSeq(-1); err == nil || !strings.Contains(err.Error(), "not a whole number from 0 to 2^34-1") {
		t.Errorf("SetSeq(-1): %v", err)
	}
	var none *sim.Random
	if err := none.SetIDs(1, 2, 3); err == nil || none.SetSeq(0) == nil {
		t.Errorf("a nil Random takes ids and sequences")
	}
	if _, err := stims[0].Random("ran"); err == nil || !strings.Contains(err.Error(), "NetStim has no RANDOM variable of that name (it has: ranvar)") {
		t.Errorf("Random(ran): %v", err)
	}
}
