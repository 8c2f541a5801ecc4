package traceout

import (
	"bytes"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/nmodlgo/nmodlgo/scenario"
)

// TestPlotNotFinite: a trace that diverged (NaN, ±Inf) or holds values
// near float64's limits is still drawn, its other values as before and a
// gap where a value is not finite, in bounded time: such a trace once
// made the axis's tick loop run forever.
func TestPlotNotFinite(t *testing.T) {
	for _, bad := range []float64{math.NaN(), math.Inf(1), math.Inf(-1), 1e308, -math.MaxFloat64} {
		for _, f := range []Format{PNG, SVG} {
			tr := golden(t)
			tr.Data[1][5] = bad
			done := make(chan error, 1)
			var b bytes.Buffer
			go func() { done <- Write(&b, f, tr, Options{Quantity: quantities}) }()
			select {
			case err := <-done:
				if err != nil {
					t.Errorf("%g in a %s plot: %v", bad, f, err)
				}
				if f == SVG && !strings.Contains(b.String(), "<path") {
					t.Errorf("%g in an SVG plot: no line drawn", bad)
				}
			case <-time.After(20 * time.Second):
				t.Fatalf("%g in a %s plot: not done after 20 s", bad, f)
			}
		}
	}
}

// FuzzPlot draws a trace read from CSV text as an SVG and a PNG: no
// panic, no endless loop, whatever the numbers (go test -fuzz FuzzPlot
// ./traceout).
func FuzzPlot(f *testing.F) {
	f.Add([]byte("t,v\n0,-65\n0.025,-64.9\n0.05,+Inf\n0.075,-64.7\n"))
	f.Add([]byte("t,v,i\n0,1e308,NaN\n1,-1.7976931348623157e308,0\n"))
	f.Add([]byte("t,a\n5,5\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		tr, err := scenario.ReadCSV(bytes.NewReader(data))
		if err != nil || len(tr.Columns) > 8 {
			return
		}
		for _, fm := range []Format{SVG, PNG} {
			var b bytes.Buffer
			if err := Write(&b, fm, tr, Options{}); err != nil && len(tr.Data[0]) > 0 {
				t.Fatalf("%s of\n%s: %v", fm, data, err)
			}
		}
	})
}
