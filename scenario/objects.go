package scenario

import (
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/nmodlgo/nmodlgo/random"
	"github.com/nmodlgo/nmodlgo/sim"
)

// randomCall is a generator's or a distribution's method of hoc's Random
// and its arguments.
type randomCall struct {
	method string
	args   []float64
}

// randomMethods are the methods a scenario's Random may call, with the
// numbers of arguments each takes (NEURON's defaults fill the others).
var (
	generators    = map[string][]int{"Random123": {1, 2, 3}, "MCellRan4": {1, 2}, "ACG": {0, 1, 2}}
	distributions = map[string][]int{"uniform": {2}, "normal": {2}, "negexp": {1}, "poisson": {1}, "discunif": {2},
		"lognormal": {2}, "binomial": {2}, "geometric": {1}, "hypergeo": {2}, "erlang": {2}, "weibull": {2}}
)

// parseRandomCall reads [method, [args]].
func parseRandomCall(raw []json.RawMessage, methods map[string][]int) (randomCall, error) {
	var c randomCall
	if len(raw) != 2 {
		return c, fmt.Errorf("want [method, [args]], got %d elements", len(raw))
	}
	if err := json.Unmarshal(raw[0], &c.method); err != nil {
		return c, fmt.Errorf("the method %s is not a string", raw[0])
	}
	if err := json.Unmarshal(raw[1], &c.args); err != nil {
		return c, fmt.Errorf("the arguments %s are not a list of numbers", raw[1])
	}
	arities, ok := methods[c.method]
	if !ok {
		return c, fmt.Errorf("%s: nmodlgo's Random has %s", c.method, strings.Join(keys(methods), ", "))
	}
	if !slices.Contains(arities, len(c.args)) {
		return c, fmt.Errorf("%s takes %v arguments, not %d", c.method, arities, len(c.args))
	}
	return c, nil
}

func (r *Random) generator() (randomCall, error) {
	c, err := parseRandomCall(r.Generator, generators)
	if err != nil {
		return c, err
	}
	for _, a := range c.args {
		if a < 0 || a > math.MaxUint32 || a != math.Trunc(a) {
			return c, fmt.Errorf("%s: %g is not an id (a whole number from 0 to 2^32 - 1)", c.method, a)
		}
	}
	if c.method == "MCellRan4" && c.args[0] == 0 {
		return c, fmt.Errorf("MCellRan4(0) makes NEURON choose a seed of its own, from the clock")
	}
	if c.method == "ACG" && len(c.args) == 2 {
		if err := random.CheckACGSize(int(c.args[1])); err != nil {
			return c, err
		}
	}
	return c, nil
}

func (r *Random) distribution() (randomCall, error) {
	c, err := parseRandomCall(r.Distribution, distributions)
	if err != nil {
		return c, err
	}
	switch c.method { // NEURON's checks: its own stop the script
	case "binomial":
		err = random.BinomialArgs(int(c.args[0]), c.args[1])
	case "geometric":
		err = random.GeometricArgs(c.args[0])
	}
	return c, err
}

// hocRandom is a scenario's Random: the same object for the mechanisms
// that hold it, made again (its generator and distribution called
// again) before every finitialize, as run_scenario2.py does in NEURON.
type hocRandom struct {
	gen, dist randomCall
	r         *random.Random
}

// Repick is the Random's next number (mechimpl.Picker).
func (h *hocRandom) Repick() float64 { return h.r.Repick() }

// reset calls the generator's and the distribution's methods again.
func (h *hocRandom) reset() {
	id := func(i int) uint32 {
		if i < len(h.gen.args) {
			return uint32(h.gen.args[i])
		}
		return 0
	}
	switch h.gen.method {
	case "Random123":
		h.r = random.NewRandom123(id(0), id(1), id(2))
	case "MCellRan4":
		h.r = random.NewMCellRan4(id(0), id(1))
	case "ACG":
		size := 55
		if len(h.gen.args) > 1 {
			size = int(h.gen.args[1])
		}
		h.r, _ = random.NewACG(id(0), size) // the size was checked with the scenario
	}
	a := h.dist.args
	switch h.dist.method {
	case "uniform":
		h.r.Uniform(a[0], a[1])
	case "normal":
		h.r.Normal(a[0], a[1])
	case "negexp":
		h.r.Negexp(a[0])
	case "poisson":
		h.r.Poisson(a[0])
	case "discunif":
		h.r.Discunif(int(a[0]), int(a[1]))
	case "lognormal":
		h.r.Lognormal(a[0], a[1])
	case "binomial":
		h.r.Binomial(int(a[0]), a[1]) // checked with the scenario
	case "geometric":
		h.r.Geometric(a[0]) // checked with the scenario
	case "hypergeo":
		h.r.Hypergeo(a[0], a[1])
	case "erlang":
		h.r.Erlang(a[0], a[1])
	case "weibull":
		h.r.Weibull(a[0], a[1])
	}
}

// callArg reads an argument of a setup_call: a number (kind ""), or
// {"random": id} or {"vector": id}.
func callArg(raw json.RawMessage) (kind, id string, err error) {
	var x float64
	if json.Unmarshal(raw, &x) == nil {
		return "", "", nil
	}
	var obj map[string]string
	if err := json.Unmarshal(raw, &obj); err != nil || len(obj) != 1 {
		return "", "", fmt.Errorf(`%s is not a number, {"random": id} or {"vector": id}`, raw)
	}
	for k, v := range obj {
		kind, id = k, v
	}
	if kind != "random" && kind != "vector" {
		return "", "", fmt.Errorf(`%s is not a number, {"random": id} or {"vector": id}`, raw)
	}
	return kind, id, nil
}

// objects makes the scenario's Randoms and Vectors, by id.
func (s *Scenario) objects() (map[string]*hocRandom, map[string]*sim.Vector, error) {
	randoms := map[string]*hocRandom{}
	for i, r := range s.Randoms {
		at := fmt.Sprintf("randoms[%d]", i)
		gen, err := r.generator()
		if err != nil {
			return nil, nil, s.errorf(at+".generator", "%v", err)
		}
		dist, err := r.distribution()
		if err != nil {
			return nil, nil, s.errorf(at+".distribution", "%v", err)
		}
		randoms[r.ID] = &hocRandom{gen: gen, dist: dist}
	}
	vectors := map[string]*sim.Vector{}
	for _, v := range s.Vectors {
		vectors[v.ID] = sim.NewVector(v.Values)
	}
	return randoms, vectors, nil
}
