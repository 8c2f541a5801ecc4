package mechimpl

import (
	"math"
	"testing"
)

// TestLag: x = 10 t sampled every 0.4 ms, lagged by 1 ms: its first value
// until the lag has passed, then x(t - 1) interpolated between samples; a
// second call at the same time reuses the interpolated value; after
// Finitialize the history starts again.
func TestLag(t *testing.T) {
	ctx := &Context{Inits: 1}
	var lg Lag
	for _, c := range []struct{ t, want float64 }{
		{0, 0}, {0.4, 0}, {0.8, 0}, {1.2, 2}, {1.6, 6}, {2.0, 10},
	} {
		if got := lg.Value(ctx, 0, 10*c.t, c.t, 1); math.Abs(got-c.want) > 1e-12 {
			t.Errorf("lag at t = %g: %g, want %g", c.t, got, c.want)
		}
	}
	if got := lg.Value(ctx, 0, 99, 2.0, 1); math.Abs(got-10) > 1e-12 {
		t.Errorf("a second call at t = 2: %g, want the value interpolated before, 10", got)
	}
	if got := lg.Value(ctx, 1, 5, 2.0, 1); got != 5 {
		t.Errorf("another instance: %g, want its own first value 5", got)
	}
	ctx.Inits++
	if got := lg.Value(ctx, 0, 7, 0, 1); got != 7 {
		t.Errorf("after Finitialize: %g, want the new first value 7", got)
	}
}
