package mechimpl

import (
	"math"
	"testing"
)

// TestLinearSpaceSolves solves systems whose solutions are known, one that
// needs a row exchange, and a singular one.
func TestLinearSpaceSolves(t *testing.T) {
	tests := []struct {
		name string
		a    [][]float64 // augmented
		want []float64
		err  error
	}{
		{"diagonal", [][]float64{{2, 0, 4}, {0, 4, 2}}, []float64{2, 0.5}, nil},
		{"pivot needed", [][]float64{{0, 1, 3}, {1, 1, 5}}, []float64{2, 3}, nil},
		{"three", [][]float64{{1, 2, 3, 14}, {2, -1, 1, 3}, {3, 1, -2, -1}}, []float64{1, 2, 3}, nil},
		{"singular", [][]float64{{1, 2, 3}, {2, 4, 6}}, nil, ErrSingular},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ls := NewLinearSpace(len(tt.a))
			c := ls.Zero()
			for i := range tt.a {
				copy(c[i], tt.a[i])
			}
			x := make([]float64, len(tt.a))
			err := ls.Solve(func(i int) *float64 { return &x[i] })
			if err != tt.err {
				t.Fatalf("err = %v, want %v", err, tt.err)
			}
			for i := range tt.want {
				if math.Abs(x[i]-tt.want[i]) > 1e-14 {
					t.Errorf("x[%d] = %g, want %g", i, x[i], tt.want[i])
				}
			}
		})
	}
}
