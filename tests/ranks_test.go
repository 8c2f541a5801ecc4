package tests

import (
	"context"
	"path/filepath"
	"slices"
	"testing"

	"github.com/nmodlgo/nmodlgo/generated/builtin"
	"github.com/nmodlgo/nmodlgo/scenario"
	"github.com/nmodlgo/nmodlgo/tests/internal/testmechs"
)

// TestRanksSameTrace: every golden and performance scenario whose cells
// can run apart gives, on two and on three ranks that exchange spikes,
// the trace and spikes of one model, to the bit; the others say why not.
func TestRanksSameTrace(t *testing.T) {
	mechs := append(builtin.Mechanisms(), testmechs.Mechanisms()...)
	ran := 0
	for _, dir := range goldenDirs(t) {
		name := filepath.Base(dir)
		s, err := scenario.Load(dir)
		if err != nil {
			t.Fatal(err)
		}
		bm, err := s.Build(mechs)
		if err != nil {
			t.Fatal(err)
		}
		if err := bm.CanRunOnRanks(2); err != nil {
			if r := bm.Ranks(2); r != 1 {
				t.Errorf("%s: Ranks(2) = %d, yet it cannot run on ranks: %v", name, r, err)
			}
			t.Logf("%s: not on ranks: %v", name, err)
			continue
		}
		ran++
		bm.Threads = 1
		want, err := bm.Run()
		if err != nil {
			t.Fatal(err)
		}
		for _, ranks := range []int{2, 3} {
			if bm.CanRunOnRanks(ranks) != nil {
				continue
			}
			got, err := bm.RunRanks(context.Background(), ranks, 1, nil)
			if err != nil {
				t.Fatalf("%s on %d ranks: %v", name, ranks, err)
			}
			for c, col := range want.Columns {
				if !slices.Equal(got.Column(col), want.Data[c]) {
					t.Errorf("%s on %d ranks: %s differs from one model", name, ranks, col)
				}
			}
			for i, sp := range want.Spikes {
				if !slices.Equal(got.Spikes[i].Times, sp.Times) {
					t.Errorf("%s on %d ranks: the spikes %s differ from one model", name, ranks, sp.Name)
				}
			}
		}
		t.Logf("%s: the same on ranks", name)
	}
	if ran < 3 {
		t.Errorf("only %d scenarios ran on ranks", ran)
	}
}
