package mechimpl

import (
	"fmt"
	"testing"
)

// TestCFormat: NMODL's printf prints what C's would.
func TestCFormat(t *testing.T) {
	tests := []struct {
		format string
		args   []float64
		want   string
	}{
		{`spike at t=%g\n`, []float64{12.5}, "spike at t=12.5\\n"},
		{"%g", []float64{1.0 / 3}, "0.333333"},
		{"%g %g", []float64{1e-5, 1234567}, "1e-05 1.23457e+06"},
		{"%.3g|%8.2f|%-6.1e|", []float64{3.14159, 2.5, 1234}, "3.14|    2.50|1.2e+03|"},
		{"%f %F", []float64{1, 2}, "1.000000 2.000000"},
		{"%d %i %ld %5d", []float64{3.9, -2.5, 7, 42}, "3 -2 7    42"},
		{"100%% of %s", nil, "100% of %s"},
		{"%g and %g", []float64{1}, "1 and %!g(MISSING)"},
		{"ends in %", nil, "ends in %"},
		{"no numbers", []float64{1}, "no numbers"}, // C ignores extra arguments
	}
	for _, tt := range tests {
		f, args := cFormat(tt.format, tt.args)
		if got := fmt.Sprintf(f, args...); got != tt.want {
			t.Errorf("printf(%q, %v) = %q, want %q", tt.format, tt.args, got, tt.want)
		}
	}
}
