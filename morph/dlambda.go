package morph

import (
	"fmt"
	"math"

	"github.com/nmodlgo/nmodlgo/sim"
)

// LambdaF is NEURON's lambda_f(freq) (stdlib.hoc): the section's AC length
// constant (µm) at freq Hz, from its 3-D points when it has two or more,
// else from its diameter; with the section's Ra and cm. It is computed as
// hoc computes it, so that the nseg DLambda gives is NEURON's.
func LambdaF(s *sim.Section, freq float64) float64 {
	pts := s.Points()
	if len(pts) < 2 {
		return 1e5 * math.Sqrt(s.Diam()/(4*math.Pi*freq*s.Ra()*s.Cm()))
	}
	x1, _ := s.Arc3d(0)
	d1 := pts[0].Diam
	lam := 0.0
	for i := 1; i < len(pts); i++ {
		x2, _ := s.Arc3d(i)
		d2 := pts[i].Diam
		lam += (x2 - x1) / math.Sqrt(d1+d2)
		x1, d1 = x2, d2
	}
	lam *= math.Sqrt(2) * 1e-5 * math.Sqrt(4*math.Pi*freq*s.Ra()*s.Cm())
	return s.L() / lam
}

// DLambda is NEURON's d_lambda rule (fixnseg.hoc): the smallest odd nseg
// that makes every segment at most dLambda of the AC length constant at
// freq Hz (NEURON's defaults are 0.1 at 100 Hz). Set Ra and cm first.
func DLambda(s *sim.Section, freq, dLambda float64) (int, error) {
	if !(freq > 0) || !(dLambda > 0) || math.IsInf(freq, 0) || math.IsInf(dLambda, 0) {
		return 0, fmt.Errorf("section %s: d_lambda rule: frequency %g Hz and d_lambda %g must be positive and finite", s.Name(), freq, dLambda)
	}
	lambda := LambdaF(s, freq)
	if math.IsInf(lambda, 0) || math.IsNaN(lambda) {
		return 0, fmt.Errorf("section %s: d_lambda rule: its 3-D points are all at one place, so it has no length constant", s.Name())
	}
	n := math.Trunc((s.L()/(dLambda*lambda)+0.9)/2)*2 + 1
	if !(n <= 32767) {
		return 0, fmt.Errorf("section %s: the d_lambda rule asks for %g segments (L %g µm); NEURON's limit is 32767", s.Name(), n, s.L())
	}
	return int(n), nil
}
