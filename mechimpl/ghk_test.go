package mechimpl

import "testing"

// TestGHK compares nrn_ghk with NEURON 8.2.2's (hoc's ghk(v, ci, co, z),
// the same function) at two temperatures, the efun series included.
func TestGHK(t *testing.T) {
	args := [][4]float64{{-65, 5e-5, 2, 2}, {0, 1e-4, 2, 2}, {1e-6, 10, 140, 1}, {30, 15, 140, 1}, {-80, 140, 5, -1}}
	want := map[float64][]float64{
		6.3: {-2092.939529471584, -385.9220314268154, -12543.092875529554, -4266.065837108035, -46494.330779280834},
		36:  {-1897.7327410150885, -385.9220314268154, -12543.092904398623, -4888.460207162118, -42606.77134877353},
	}
	for celsius, w := range want {
		c := &Context{Celsius: celsius}
		for i, a := range args {
			if got := GHK(c, a[0], a[1], a[2], a[3]); got != w[i] {
				t.Errorf("celsius %g: ghk%v = %.17g, NEURON %.17g", celsius, a, got, w[i])
			}
		}
	}
}
