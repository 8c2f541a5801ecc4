package sim

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/nmodlgo/nmodlgo/mechimpl"
)

// Random is the stream of one instance's RANDOM variable (NEURON 9's
// pp.ranvar): NEURON's Random123 generator, whose ids and place in the
// sequence a program sets, as NEURON's set_ids and set_seq. A new
// instance's stream has ids 1, 0 and the count of the streams made in
// the model, as NEURON 9 numbers them (1, the rank, a count in the
// process).
type Random struct {
	s    *mechimpl.Random123
	name string
}

// Random returns the stream of the point process's RANDOM variable name.
func (pp *PointProcess) Random(name string) (_ *Random, err error) {
	if pp == nil {
		return nil, errNilPointProcess
	}
	defer pp.in.mt.m.note(&err)
	return pp.in.random(name)
}

// Random returns the stream of RANDOM variable name of the density
// mechanism mech at the segment.
func (g Segment) Random(mech, name string) (_ *Random, err error) {
	if g.sec == nil {
		return nil, errNilSection
	}
	defer g.sec.model.note(&err)
	if err := g.check(); err != nil {
		return nil, fmt.Errorf("random %s: %w", name, err)
	}
	di := g.sec.mechanism(mech)
	if di == nil {
		return nil, fmt.Errorf("random %s: %s is not inserted in %s", name, mech, g.sec.name)
	}
	return di.inst[g.index()].random(name)
}

func (in *instance) random(name string) (*Random, error) {
	info := in.mt.info
	k := slices.Index(info.Randoms, name)
	if k < 0 {
		if len(info.Randoms) == 0 {
			return nil, fmt.Errorf("random %s: %s has no RANDOM variable", name, info.Name)
		}
		return nil, fmt.Errorf("random %s: %s has no RANDOM variable of that name (it has: %s)", name, info.Name, strings.Join(info.Randoms, ", "))
	}
	return &Random{s: in.randoms[k], name: info.Name + "." + name}, nil
}

// errNilRandom is the error of a method called on a nil *Random.
var errNilRandom = errors.New("the Random is nil: the call that made it failed (see Model.Err)")

// SetIDs sets the stream's ids and puts it at the start of its sequence
// (NEURON 9's set_ids, then set_seq(0)).
func (r *Random) SetIDs(id1, id2, id3 uint32) error {
	if r == nil {
		return errNilRandom
	}
	r.s.SetIDs(id1, id2, id3)
	r.s.SetSeq(0, 0)
	return nil
}

// IDs returns the stream's ids (0, 0, 0 for a nil Random).
func (r *Random) IDs() (id1, id2, id3 uint32) {
	if r == nil {
		return 0, 0, 0
	}
	return r.s.IDs()
}

// SetSeq puts the stream at seq4, which is 4 times the counter plus the
// number (0 to 3) of the counter's next value, as NEURON's set_seq and
// Random.seq; seq4 must be a whole number from 0 to 2^34-1.
func (r *Random) SetSeq(seq4 float64) error {
	if r == nil {
		return errNilRandom
	}
	if !(seq4 >= 0 && seq4 <= 1<<34-1) || seq4 != math.Trunc(seq4) {
		return fmt.Errorf("random %s: set seq: %g is not a whole number from 0 to 2^34-1", r.name, seq4)
	}
	r.s.SetSeq4(seq4)
	return nil
}

// Seq returns the stream's place in its sequence, as SetSeq takes it
// (NaN for a nil Random).
func (r *Random) Seq() float64 {
	if r == nil {
		return math.NaN()
	}
	return r.s.Seq4()
}
