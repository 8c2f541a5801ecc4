package mechimpl

// Lag is one LAG statement of a mechanism, as scopmath's lag (lag.c):
// for each instance and lag time, the values of the variable at the times
// the statement ran, kept until they are older than the lag. Its history
// is forgotten at the first use after each Finitialize, as NEURON's is
// when _ninits grows.
type Lag struct {
	inits int
	hist  map[lagKey]*lagList
}

type lagKey struct {
	ix   int
	lagt float64
}

// lagList is lag.c's varlist: the nodes from LAGVAL (first) to CURVAL
// (the last), and the last value interpolated.
type lagList struct {
	times, values []float64
	first         int
	interp        float64
}

// Value is lag(&x, t, lagt): the variable x of instance ix as it was at
// t - lagt, interpolated linearly between the times it was given; its
// first value until the lag has passed. Every step of lag.c is kept,
// including its reuse of the last interpolated value when called twice at
// one time.
func (lg *Lag) Value(ctx *Context, ix int, x, t, lagt float64) float64 {
	if lg.hist == nil || lg.inits < ctx.Inits {
		lg.hist = map[lagKey]*lagList{}
		lg.inits = ctx.Inits
	}
	key := lagKey{ix, lagt}
	l := lg.hist[key]
	interp := false
	switch {
	case l == nil:
		l = &lagList{times: []float64{t}, values: []float64{x}}
		lg.hist[key] = l
	case t == l.times[len(l.times)-1]:
		l.values[len(l.values)-1] = x
		interp = t-l.times[l.first] >= lagt
	case t-l.times[l.first] >= lagt:
		l.times, l.values = append(l.times, t), append(l.values, x)
		for l.first+1 < len(l.times) && t-l.times[l.first+1] >= lagt {
			l.first++
		}
		if l.first+1 < len(l.times) {
			start, end := l.first, l.first+1
			if tt := t - lagt; tt > l.times[start] {
				ratio := (tt - l.times[start]) / (l.times[end] - l.times[start])
				l.interp = l.values[start] + ratio*(l.values[end]-l.values[start])
				interp = true
			}
		}
		if l.first > 1024 && l.first > len(l.times)/2 { // drop what lag.c frees
			l.times = append(l.times[:0], l.times[l.first:]...)
			l.values = append(l.values[:0], l.values[l.first:]...)
			l.first = 0
		}
	case t > l.times[len(l.times)-1]:
		l.times, l.values = append(l.times, t), append(l.values, x)
	}
	if interp {
		return l.interp
	}
	return l.values[l.first]
}
