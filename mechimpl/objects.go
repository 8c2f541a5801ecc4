package mechimpl

import "fmt"

// Vector is hoc's Vector as a mechanism's VERBATIM code reaches it
// (vector_arg, vector_capacity, vector_vec): NEURON's VecStim plays the
// times it holds. The mechanism reads X; the program may change it
// between runs, as hoc may change a Vector.
type Vector struct {
	X []float64
}

// Picker is hoc's Random as VERBATIM code reaches it (nrn_random_arg,
// nrn_random_pick): Repick returns the next number of its distribution,
// as hoc's r.repick().
type Picker interface {
	Repick() float64
}

// SetCallArgs gives the arguments of the hoc call about to run, which
// VERBATIM code may read beyond the FUNCTION's or PROCEDURE's own
// (ifarg, *getarg, vector_arg, nrn_random_arg): numbers (float64),
// *Vector and Picker. The simulator sets them around Caller.Call, and
// nil after it.
func (c *Context) SetCallArgs(args []any) { c.args = args }

// handle gives obj a handle, the number NMODL code holds for it: its
// place in the model's objects, from 1 (0 is C's NULL). Kernels of
// several threads may make objects at once (a stream in INITIAL).
func (c *Context) handle(obj any) float64 {
	c.objMu.Lock()
	defer c.objMu.Unlock()
	c.objects = append(c.objects, obj)
	return float64(len(c.objects))
}

// object returns the object of handle h, or nil.
func (c *Context) object(h float64) any {
	c.objMu.RLock()
	defer c.objMu.RUnlock()
	if h < 1 || h > float64(len(c.objects)) || h != float64(int(h)) {
		return nil
	}
	return c.objects[int(h)-1]
}

// arg returns argument i (from 1) of the hoc call being made, or nil.
func (c *Context) arg(i float64) any {
	if i < 1 || i > float64(len(c.args)) || i != float64(int(i)) {
		return nil
	}
	return c.args[int(i)-1]
}

// IfArg is hoc's ifarg(i): 1 if the call being made has an argument i.
func IfArg(c *Context, i float64) float64 {
	if c.arg(i) != nil {
		return 1
	}
	return 0
}

// GetArg is *getarg(i), the number the call being made gave as argument
// i.
func GetArg(c *Context, i float64) float64 {
	x, ok := c.arg(i).(float64)
	if !ok {
		c.Fail(fmt.Sprintf("*getarg(%g): %s, not a number", i, c.describeArg(i)))
	}
	return x
}

// VectorArg is vector_arg(i): the handle of the Vector the call being
// made gave as argument i.
func VectorArg(c *Context, i float64) float64 {
	v, ok := c.arg(i).(*Vector)
	if !ok || v == nil {
		c.Fail(fmt.Sprintf("vector_arg(%g): %s, not a Vector", i, c.describeArg(i)))
		return 0
	}
	return c.handle(v)
}

// RandomArg is nrn_random_arg(i): the handle of the Random the call
// being made gave as argument i.
func RandomArg(c *Context, i float64) float64 {
	r, ok := c.arg(i).(Picker)
	if !ok || r == nil {
		c.Fail(fmt.Sprintf("nrn_random_arg(%g): %s, not a Random", i, c.describeArg(i)))
		return 0
	}
	return c.handle(r)
}

func (c *Context) describeArg(i float64) string {
	switch a := c.arg(i).(type) {
	case nil:
		return fmt.Sprintf("the call has %d arguments", len(c.args))
	case float64:
		return fmt.Sprintf("argument %g is the number %g", i, a)
	default:
		return fmt.Sprintf("argument %g is a %T", i, a)
	}
}

// vector returns the Vector of handle h, failing the run (as fn) if h is
// none.
func (c *Context) vector(h float64, fn string) *Vector {
	v, ok := c.object(h).(*Vector)
	if !ok {
		c.Fail(fmt.Sprintf("%s: %g is the handle of no Vector (a slot never given one?)", fn, h))
	}
	return v
}

// VectorCapacity is vector_capacity(v): the Vector's size.
func VectorCapacity(c *Context, h float64) float64 {
	if v := c.vector(h, "vector_capacity"); v != nil {
		return float64(len(v.X))
	}
	return 0
}

// VectorElement is px[i] of px = vector_vec(v): element i of the Vector
// (C's index, truncated).
func VectorElement(c *Context, h, i float64) float64 {
	v := c.vector(h, "vector_vec")
	if v == nil {
		return 0
	}
	if i <= -1 || i >= float64(len(v.X)) || i != i {
		c.Fail(fmt.Sprintf("vector_vec(v)[%g] of a Vector of size %d", i, len(v.X)))
		return 0
	}
	return v.X[int(i)]
}

// RandomPick is nrn_random_pick(r): the next number of the Random; 0.5
// for none (NULL), as NEURON's ivocrand.cpp gives.
func RandomPick(c *Context, h float64) float64 {
	if h == 0 {
		return 0.5
	}
	r, ok := c.object(h).(Picker)
	if !ok {
		c.Fail(fmt.Sprintf("nrn_random_pick: %g is the handle of no Random (a slot never given one?)", h))
		return 0
	}
	return r.Repick()
}

// NewStream3 is nrnran123_newstream3(id1, id2, id3): the handle of a new
// Random123 stream, NEURON's for those ids (as NetStim's
// noiseFromRandom123 makes it).
func NewStream3(c *Context, id1, id2, id3 float64) float64 {
	return c.handle(NewRandom123(uint32(id1), uint32(id2), uint32(id3)))
}

// NewStream is nrnran123_newstream(id1, id2), which is newstream3(id1,
// id2, 0).
func NewStream(c *Context, id1, id2 float64) float64 { return NewStream3(c, id1, id2, 0) }

// stream returns the Random123 stream of handle h, failing the run (as
// fn) if h is none.
func (c *Context) stream(h float64, fn string) *Random123 {
	s, ok := c.object(h).(*Random123)
	if !ok {
		c.Fail(fmt.Sprintf("%s: %g is the handle of no Random123 stream (a slot never given one?)", fn, h))
	}
	return s
}

// StreamSetseq is nrnran123_setseq(s, seq, which); its value is 0 (C's
// void).
func StreamSetseq(c *Context, h, seq, which float64) float64 {
	if s := c.stream(h, "nrnran123_setseq"); s != nil {
		s.SetSeq(uint32(seq), int(int8(which)))
	}
	return 0
}

// StreamDblpick is nrnran123_dblpick(s): uniform on (0, 1).
func StreamDblpick(c *Context, h float64) float64 {
	if s := c.stream(h, "nrnran123_dblpick"); s != nil {
		return s.DblPick()
	}
	return 0
}

// StreamNegexp is nrnran123_negexp(s): exponential of mean 1.
func StreamNegexp(c *Context, h float64) float64 {
	if s := c.stream(h, "nrnran123_negexp"); s != nil {
		return s.NegExp()
	}
	return 0
}

// StreamNormal is nrnran123_normal(s): normal of mean 0 and deviation 1.
func StreamNormal(c *Context, h float64) float64 {
	if s := c.stream(h, "nrnran123_normal"); s != nil {
		return s.Normal()
	}
	return 0
}

// VectorResize is vector_resize(v, n): the Vector's size set to n, its
// elements kept and new ones 0; its value is 0 (C's void).
func VectorResize(c *Context, h, n float64) float64 {
	v := c.vector(h, "vector_resize")
	switch {
	case v == nil:
	case n < 0 || n != n || n > 1<<31:
		c.Fail(fmt.Sprintf("vector_resize to %g", n))
	case int(n) <= cap(v.X):
		old := len(v.X)
		v.X = v.X[:int(n)]
		if int(n) > old {
			clear(v.X[old:])
		}
	default:
		v.X = append(v.X, make([]float64, int(n)-len(v.X))...)
	}
	return 0
}

// VectorSetElement is px[i] = x of px = vector_vec(v); its value is 0.
func VectorSetElement(c *Context, h, i, x float64) float64 {
	v := c.vector(h, "vector_vec")
	if v == nil {
		return 0
	}
	if i <= -1 || i >= float64(len(v.X)) || i != i {
		c.Fail(fmt.Sprintf("vector_vec(v)[%g] = %g of a Vector of size %d", i, x, len(v.X)))
		return 0
	}
	v.X[int(i)] = x
	return 0
}
