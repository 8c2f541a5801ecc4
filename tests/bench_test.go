package tests

import (
	"context"
	"flag"
	"path/filepath"
	"testing"

	"github.com/nmodlgo/nmodlgo/generated/builtin"
	"github.com/nmodlgo/nmodlgo/scenario"
)

var benchThreads = flag.Int("threads", 0, "threads for the benchmarks (0: one per CPU)")

// benchScenario times finitialize + continuerun of a scenario, as NEURON's
// perf_neuron.py does, and reports ns per compartment-step. It runs as
// nmodlgo sim -threads does: a network whose cells can run apart on
// ranks (their models built in the timed part), else one model.
func benchScenario(b *testing.B, dir string) {
	s, err := scenario.Load(dir)
	if err != nil {
		b.Fatal(err)
	}
	compartments := 0
	for _, sec := range s.Sections {
		compartments += sec.Nseg
	}
	steps := int(s.Run.Tstop/s.Run.Dt + 0.5)
	m, err := s.Build(builtin.Mechanisms())
	if err != nil {
		b.Fatal(err)
	}
	m.Threads = *benchThreads
	ranks := m.Ranks(*benchThreads)
	b.ResetTimer()
	for b.Loop() {
		var err error
		if ranks > 1 {
			_, err = m.RunRanks(context.Background(), ranks, 1, nil)
		} else {
			_, err = m.Run()
		}
		if err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(ranks), "ranks")
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(compartments*steps), "ns/comp-step")
}

// BenchmarkP2Cable is NEURON's performance anchor P2: one hh cable of
// 1000 segments with an IClamp, 100 ms. tools/bench.sh times NEURON on the
// same model in the same run.
func BenchmarkP2Cable(b *testing.B) {
	benchScenario(b, filepath.Join("testdata", "perf", "P2_cable1000"))
}

// BenchmarkP3Cells is NEURON's performance anchor P3: 1000 one-compartment
// hh cells, each with its own IClamp, 100 ms.
func BenchmarkP3Cells(b *testing.B) {
	benchScenario(b, filepath.Join("testdata", "perf", "P3_1000cells"))
}

// BenchmarkP4Ring is NEURON's performance anchor P4: 100 cells (hh soma,
// 50-segment passive dendrite) in a ring of ExpSyn/NetCon with i -> i+37
// links, 100 ms.
func BenchmarkP4Ring(b *testing.B) {
	benchScenario(b, filepath.Join("testdata", "perf", "P4_ring100"))
}

// BenchmarkTutorial is the tutorial's run: one compartment, 40 ms.
func BenchmarkTutorial(b *testing.B) {
	benchScenario(b, filepath.Join("testdata", "golden", "tutorial"))
}
