package mechimpl

import (
	"fmt"
	"math"
)

// scopmath's functions that a .mod file may call, as NEURON's
// src/scopmath computes them: the same operations in the same order, the
// C library's exp as fastExp. (Not step: NEURON 8.2.2 crashes when a
// mechanism calls it.) The forcing functions (Pulse, Ramp, …) take
// in nocmodl's C two more arguments, a flag and the value before, which
// only an integrator of scopmath's own reads: their value is that of the
// arguments here.

// scopTwoPi is the 2π of scopmath's factorial and gauss (factoria.cpp,
// gauss.cpp), to nine digits.
const scopTwoPi = 6.28318530

// Factorial is scopmath's factorial(n): n! of the whole number nearest n
// from below (n + 0.1 truncated), by Stirling's approximation from 20 on.
// A negative n stops the run, as NEURON's abort_run.
func Factorial(c *Context, n float64) float64 {
	x := float64(int(n + 0.1))
	switch {
	case x < 0:
		c.Fail(fmt.Sprintf("factorial(%g): a negative argument", n))
		return 0
	case x < 2:
		return 1
	case x < 20:
		value := 1.0
		for i := int(n); i > 1; i-- {
			value = value * float64(i)
		}
		return value
	}
	return fastExp(-x) * math.Pow(x, x) * math.Sqrt(scopTwoPi*x)
}

// Gauss is scopmath's gauss(x, mean, stddev): the normal density at x.
func Gauss(x, mean, stddev float64) float64 {
	temp := fastExp(-0.5 * math.Pow((x-mean)/stddev, 2))
	return temp / (math.Sqrt(scopTwoPi) * stddev)
}

// Poisson is scopmath's poisson(x, mean): the Poisson probability of x.
func Poisson(c *Context, x, mean float64) float64 {
	return (math.Pow(mean, x) * fastExp(-mean)) / Factorial(c, x)
}

// Sigmoid is scopmath's sigmoid(x, max, K, n): max·xⁿ/(xⁿ + Kⁿ).
func Sigmoid(x, max, k, n float64) float64 {
	temp := math.Pow(x, n)
	return (max * temp) / (temp + math.Pow(k, n))
}

// RevSigmoid is scopmath's revsigmoid(x, max, K, n): max·Kⁿ/(Kⁿ + xⁿ).
func RevSigmoid(x, max, k, n float64) float64 {
	temp := math.Pow(k, n)
	return (max * temp) / (temp + math.Pow(x, n))
}

// Hyperbol is scopmath's hyperbol(x, max, K): max·x/(x + K).
func Hyperbol(x, max, k float64) float64 { return (max * x) / (x + k) }

// RevHyperbol is scopmath's revhyperbol(x, max, K): max·K/(x + K).
func RevHyperbol(x, max, k float64) float64 { return (max * k) / (x + k) }

// Harmonic is scopmath's harmonic(t, period, amplitude, offset), with its
// 2π of eight digits.
func Harmonic(t, period, amplitude, offset float64) float64 {
	const twoPi = 6.2831853
	return amplitude * math.Sin(twoPi/period*(t+offset))
}

// frac is C's modf's fractional part.
func frac(x float64) float64 {
	_, f := math.Modf(x)
	return f
}

// SquareWave is scopmath's squarewave(t, period, amplitude): amplitude in
// the first half of each period, -amplitude in the second.
func SquareWave(t, period, amplitude float64) float64 {
	if frac(t/period) < 0.5 {
		return amplitude
	}
	return -amplitude
}

// SawTooth is scopmath's sawtooth(t, period, amplitude).
func SawTooth(t, period, amplitude float64) float64 { return amplitude * frac(t/period) }

// RevSawTooth is scopmath's revsawtooth(t, period, amplitude).
func RevSawTooth(t, period, amplitude float64) float64 {
	return amplitude * (1.0 - frac(t/period))
}

// Ramp is scopmath's ramp(t, lag, height, duration): 0, then a rise to
// height over duration, then height.
func Ramp(t, lag, height, duration float64) float64 {
	switch {
	case t < lag:
		return 0
	case t > lag+duration:
		return height
	}
	return (t - lag) * height / duration
}

// Pulse is scopmath's pulse(t, lag, height, duration).
func Pulse(t, lag, height, duration float64) float64 {
	if t >= lag && t < lag+duration {
		return height
	}
	return 0
}

// PerPulse is scopmath's perpulse(t, lag, height, duration, delay):
// pulses of duration every duration + delay from lag.
func PerPulse(t, lag, height, duration, delay float64) float64 {
	if t < lag {
		return 0
	}
	period := duration + delay
	if frac((t-lag)/period)*period < duration {
		return height
	}
	return 0
}

// PerStep is scopmath's perstep(t, lag, period, jump): one more jump at
// lag and at every period after.
func PerStep(t, lag, period, jump float64) float64 {
	if t < lag {
		return 0
	}
	njumps := int32((t-lag)/period) + 1
	return float64(njumps) * jump
}
