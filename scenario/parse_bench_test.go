package scenario

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/nmodlgo/nmodlgo/generated/builtin"
)

// BenchmarkParseP3 reads P3's scenario (1000 cells, 381 kB): the reading
// that every nmodlgo sim process pays before its run.
func BenchmarkParseP3(b *testing.B) {
	path := filepath.Join("..", "tests", "testdata", "perf", "P3_1000cells", "scenario.json")
	data, err := os.ReadFile(path)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := Parse(path, data); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkBuildP3 builds P3's model from its scenario.
func BenchmarkBuildP3(b *testing.B) {
	path := filepath.Join("..", "tests", "testdata", "perf", "P3_1000cells", "scenario.json")
	s, err := Load(path)
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := s.Build(builtin.Mechanisms()); err != nil {
			b.Fatal(err)
		}
	}
}
