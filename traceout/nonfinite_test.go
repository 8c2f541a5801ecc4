package traceout

import (
	"bytes"
	"math"
	"strings"
	"testing"
	"time"
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
