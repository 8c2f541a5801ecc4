// Package unitdb is NEURON's units database: the table NEURON ships
// (nrnunits.lib.in, see NOTICE), read and evaluated as nocmodl 8.2.2 does
// when it computes a unit factor such as FARADAY = (faraday) (coulomb).
//
// A unit expression is a number (optional) and names, each maybe with a
// power digit (m2), the names after a '/' in the denominator: "joule/degC",
// "1|7000 lb", "10000 coulomb". A name is looked up in the table; failing
// that, a prefix (milli, micro, …) is taken off its front, or a plural s
// off its end, and it is looked up again. The factor of an expression is
// the product of its number and its names' factors, multiplied (or
// divided) in the order they are written, with the same roundings as
// nocmodl's units.cpp, so that the factors are nocmodl's to the bit.
// nocmodl reads the table's modern values (the lines @LegacyN@), not the
// pre-2017 ones (@LegacyY@).
package unitdb

import (
	_ "embed"
	"fmt"
	"strconv"
	"strings"
	"sync"
)

// ndim is the number of primitive units (*a* to *j*).
const ndim = 10

// Unit is a factor and the powers of the primitive units.
type Unit struct {
	Factor float64
	Dim    [ndim]int
}

// Table is a set of named units: NEURON's, plus those a UNITS block
// defines, (mV) = (millivolt).
type Table struct {
	units map[string]Unit
	base  *Table // looked up after units
}

//go:embed nrnunits.lib.in
var nrnunits string

var neuron = sync.OnceValues(func() (*Table, error) { return parse(nrnunits) })

// NEURON returns NEURON's table, read once.
func NEURON() (*Table, error) { return neuron() }

// Extend returns a table with t's units and room for more of its own,
// for one file's UNITS block.
func (t *Table) Extend() *Table { return &Table{units: map[string]Unit{}, base: t} }

func (t *Table) lookup(name string) (Unit, bool) {
	for ; t != nil; t = t.base {
		if u, ok := t.units[name]; ok {
			return u, true
		}
	}
	return Unit{}, false
}

// Define defines name as the unit expression def, as a UNITS block's
// (name) = (def). A name the table has already is an error, as in
// nocmodl ("Units redefinition").
func (t *Table) Define(name, def string) error {
	if _, ok := t.lookup(name); ok {
		return fmt.Errorf("(%s) is a unit of NEURON's units database already; nocmodl refuses to define it again", name)
	}
	u, err := t.Eval(def)
	if err != nil {
		return err
	}
	t.units[name] = u
	return nil
}

// Factor is the factor of from in units of to, nocmodl's value of
// name = (from) (to): from's factor divided by to's. Their dimensions
// are not compared, as nocmodl does not.
func (t *Table) Factor(from, to string) (float64, error) {
	f, err := t.Eval(from)
	if err != nil {
		return 0, err
	}
	g, err := t.Eval(to)
	if err != nil {
		return 0, err
	}
	return f.Factor / g.Factor, nil
}

// Eval evaluates a unit expression (units.cpp's convr).
func (t *Table) Eval(expr string) (Unit, error) {
	var u Unit
	num, rest := leadingNumber(expr)
	u.Factor = num
	if u.Factor == 0 {
		u.Factor = 1
	}
	den := false
	name := []byte{}
	for i := 0; i <= len(rest); i++ {
		c := byte('\n')
		if i < len(rest) {
			c = rest[i]
		}
		switch {
		case c >= '1' && c <= '9' || c == '-' || c == '/' || c == ' ' || c == '\t' || c == '\n':
			if len(name) > 0 {
				if err := t.apply(&u, string(name), den, c); err != nil {
					return Unit{}, err
				}
				name = name[:0]
			}
			if c == '/' {
				den = true
			}
		default:
			name = append(name, c)
		}
	}
	return u, nil
}

// prefixes are units.cpp's, in its order: the first that begins a name
// is taken.
var prefixes = []struct {
	name   string
	factor float64
}{
	{"atto", 1e-18}, {"femto", 1e-15}, {"pico", 1e-12}, {"nano", 1e-9}, {"micro", 1e-6},
	{"milli", 1e-3}, {"centi", 1e-2}, {"deci", 1e-1}, {"deka", 1e1}, {"hecta", 1e2},
	{"hecto", 1e2}, {"kilo", 1e3}, {"mega", 1e6}, {"meg", 1e6}, {"giga", 1e9}, {"tera", 1e12},
}

// apply multiplies (or, in the denominator, divides) u by the unit name,
// power times when the character after it is a digit from 2 to 9
// (units.cpp's lookup).
func (t *Table) apply(u *Unit, name string, den bool, after byte) error {
	e := 1.0
	for {
		if q, ok := t.lookup(name); ok {
			power := 1
			if after >= '2' && after <= '9' {
				power = int(after - '0')
			}
			for range power {
				if den {
					u.Factor /= q.Factor * e
				} else {
					u.Factor *= q.Factor * e
				}
				for i := range u.Dim {
					if den {
						u.Dim[i] -= q.Dim[i]
					} else {
						u.Dim[i] += q.Dim[i]
					}
				}
			}
			return nil
		}
		stripped := false
		for _, p := range prefixes {
			if strings.HasPrefix(name, p.name) {
				e *= p.factor
				name = name[len(p.name):]
				stripped = true
				break
			}
		}
		if stripped {
			continue
		}
		if len(name) > 1 && name[len(name)-1] == 's' {
			name = name[:len(name)-1]
			continue
		}
		return fmt.Errorf("cannot recognize the units %q (NEURON's units database has no such unit; a UNITS block may define it: (%s) = (...))", name, name)
	}
}

// leadingNumber reads the number an expression may start with, as
// nocmodl reads the modern table (modern_getflt): digits and points, an
// exponent written as a sign and digits (1.602176634-19), and
// "a|b" for a/b. No number is 0.
func leadingNumber(s string) (float64, string) {
	i := 0
	for i < len(s) && (s[i] == ' ' || s[i] == '\t') {
		i++
	}
	var lit strings.Builder
	for i < len(s) && (s[i] >= '0' && s[i] <= '9' || s[i] == '.') {
		lit.WriteByte(s[i])
		i++
	}
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		lit.WriteByte('e')
		lit.WriteByte(s[i])
		i++
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			lit.WriteByte(s[i])
			i++
		}
	}
	x := atof(lit.String())
	if i < len(s) && s[i] == '|' {
		d, rest := leadingNumber(s[i+1:])
		return x / d, rest
	}
	return x, s[i:]
}

// atof is C's atof: the longest prefix that is a number, or 0.
func atof(s string) float64 {
	for n := len(s); n > 0; n-- {
		if x, err := strconv.ParseFloat(s[:n], 64); err == nil {
			return x
		}
	}
	return 0
}

// parse reads the table (units.cpp's units_cpp_init, modern values): a
// line is a comment ('/'), a name and its definition, or a name alone,
// which is the unit of the line before. The first definition of a name
// stands.
func parse(text string) (*Table, error) {
	t := &Table{units: map[string]Unit{}}
	var prev Unit
	for i := range ndim {
		u := Unit{Factor: 1}
		u.Dim[i] = 1
		t.units[fmt.Sprintf("*%c*", 'a'+i)] = u
	}
	t.units[""] = Unit{Factor: 1}
	prev = t.units[""]
	for n, line := range strings.Split(text, "\n") {
		line = strings.TrimSuffix(line, "\r")
		switch {
		case strings.HasPrefix(line, "@LegacyY@"):
			continue
		case strings.HasPrefix(line, "@LegacyN@"):
			line = line[len("@LegacyN@"):]
		}
		if line == "" || line[0] == '/' {
			continue
		}
		name, def, found := line, "", false
		if j := strings.IndexAny(line, " \t"); j >= 0 {
			name, def, found = line[:j], line[j+1:], true
		}
		if old, ok := t.units[name]; ok {
			if found {
				prev = old // as units.cpp, which has already pointed at it
			}
			continue // a redefinition: the first stands
		}
		if !found {
			t.units[name] = prev
			continue
		}
		u, err := t.Eval(def)
		if err != nil {
			return nil, fmt.Errorf("nrnunits.lib.in:%d: %s: %w", n+1, name, err)
		}
		t.units[name] = u
		prev = u
	}
	return t, nil
}
