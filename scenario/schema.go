package scenario

import (
	"bytes"
	_ "embed"
	"fmt"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// SchemaJSON is the scenario format as a JSON Schema (draft 2020-12): the
// keys, their types, units (x-unit), ranges, and which are required. Parse
// checks a scenario against it, so the schema is the format's definition,
// not a description kept beside it.
//
//go:embed schema.json
var SchemaJSON []byte

// schema is one schema of the subset of JSON Schema that the scenario
// format needs.
type schema struct {
	def          string   // the name in $defs it was read from, if any
	types        []string // JSON Schema type names; none: any
	title        string
	description  string
	unit         string // x-unit
	dflt         *node  // default
	props        []prop // in the schema's order
	required     []string
	additional   *schema // the schema of keys not in props; nil: none allowed
	items        *schema
	minimum      *float64
	maximum      *float64
	exclusiveMin *float64
	enum         []*node
	oneOf        []*schema
	minItems     int
	minLength    int
}

type prop struct {
	name string
	s    *schema
}

func (s *schema) prop(name string) *schema {
	for _, p := range s.props {
		if p.name == name {
			return p.s
		}
	}
	return nil
}

// rootSchema is SchemaJSON read once.
var rootSchema = sync.OnceValue(func() *schema {
	s, err := parseSchema(bytes.Clone(SchemaJSON)) // its strings share the bytes they are read from
	if err != nil {
		panic("scenario: schema.json: " + err.Error()) // TestSchema reads it
	}
	return s
})

// parseSchema reads a schema, resolving its $refs to #/$defs.
func parseSchema(data []byte) (*schema, error) {
	root, err := readJSON(data)
	if err != nil {
		return nil, err
	}
	defs := map[string]*node{}
	if d := root.member("$defs"); d != nil {
		for _, m := range d.members {
			defs[m.key] = m.val
		}
	}
	var read func(n *node, path string, depth int) (*schema, error)
	read = func(n *node, path string, depth int) (*schema, error) {
		if n.kind != jsonObject {
			return nil, fmt.Errorf("%s: a schema must be an object", path)
		}
		if depth > 20 {
			return nil, fmt.Errorf("%s: $refs nested too deeply", path)
		}
		if ref := n.member("$ref"); ref != nil {
			name, ok := strings.CutPrefix(ref.text, "#/$defs/")
			if !ok || defs[name] == nil || len(n.members) != 1 {
				return nil, fmt.Errorf("%s: $ref %q: only a lone #/$defs/name", path, ref.text)
			}
			s, err := read(defs[name], "$defs."+name, depth+1)
			if s != nil {
				s.def = name
			}
			return s, err
		}
		s := &schema{additional: anything()} // JSON Schema allows any other key unless told
		number := func(v *node) (*float64, error) {
			x, err := strconv.ParseFloat(v.text, 64)
			return &x, err
		}
		for _, m := range n.members {
			v, at := m.val, joinPath(path, m.key)
			var err error
			switch m.key {
			case "$schema", "$id", "$defs":
			case "type":
				if v.kind == jsonString {
					s.types = []string{v.text}
				}
				for _, e := range v.elems {
					s.types = append(s.types, e.text)
				}
			case "title":
				s.title = v.text
			case "description":
				s.description = v.text
			case "x-unit":
				s.unit = v.text
			case "default":
				s.dflt = v
			case "properties":
				for _, p := range v.members {
					ps, err := read(p.val, joinPath(at, p.key), depth+1)
					if err != nil {
						return nil, err
					}
					s.props = append(s.props, prop{p.key, ps})
				}
			case "required":
				for _, e := range v.elems {
					s.required = append(s.required, e.text)
				}
			case "additionalProperties":
				switch {
				case v.kind != jsonBool:
					s.additional, err = read(v, at, depth+1)
				case v.text == "false":
					s.additional = nil
				}
			case "items":
				s.items, err = read(v, at, depth+1)
			case "minimum":
				s.minimum, err = number(v)
			case "maximum":
				s.maximum, err = number(v)
			case "exclusiveMinimum":
				s.exclusiveMin, err = number(v)
			case "enum":
				s.enum = v.elems
			case "oneOf":
				for i, e := range v.elems {
					es, err := read(e, fmt.Sprintf("%s[%d]", at, i), depth+1)
					if err != nil {
						return nil, err
					}
					s.oneOf = append(s.oneOf, es)
				}
			case "minItems":
				s.minItems, err = strconv.Atoi(v.text)
			case "minLength":
				s.minLength, err = strconv.Atoi(v.text)
			default:
				return nil, fmt.Errorf("%s: keyword not in the subset the scenario reader implements", at)
			}
			if err != nil {
				return nil, fmt.Errorf("%s: %v", at, err)
			}
		}
		for _, r := range s.required {
			if s.prop(r) == nil {
				return nil, fmt.Errorf("%s: required %q is not among the properties", path, r)
			}
		}
		return s, nil
	}
	return read(root, "", 0)
}

// anything returns the schema that every value fits.
func anything() *schema {
	s := &schema{}
	s.additional = s
	return s
}

// problem is a value that does not fit the schema.
type problem struct {
	off  int
	path string
	msg  string
}

// maxProblems bounds the problems reported for one file: after that many
// the rest are mostly consequences.
const maxProblems = 10

// validate checks n against s, appending what does not fit.
func (s *schema) validate(n *node, at *keyPath, probs *[]problem) {
	add := func(off int, path, format string, args ...any) {
		*probs = append(*probs, problem{off, path, fmt.Sprintf(format, args...)})
	}
	if len(s.oneOf) > 0 {
		s.validateOneOf(n, at, probs)
		return
	}
	if len(s.types) > 0 && !slices.ContainsFunc(s.types, func(t string) bool { return hasType(n, t) }) {
		add(n.off, at.String(), "want %s, got %s", s.want(), describe(n))
		return
	}
	if n.kind == jsonNumber {
		x, err := strconv.ParseFloat(n.text, 64)
		switch {
		case err != nil || math.IsInf(x, 0):
			add(n.off, at.String(), "%s is out of the range of a float64", n.text)
		case s.exclusiveMin != nil && x <= *s.exclusiveMin:
			add(n.off, at.String(), "must be greater than %g%s, got %s", *s.exclusiveMin, s.unitSuffix(), n.text)
		case s.minimum != nil && x < *s.minimum:
			add(n.off, at.String(), "must be at least %g%s, got %s", *s.minimum, s.unitSuffix(), n.text)
		case s.maximum != nil && x > *s.maximum:
			add(n.off, at.String(), "must be at most %g%s, got %s", *s.maximum, s.unitSuffix(), n.text)
		}
	}
	if len(s.enum) > 0 && !slices.ContainsFunc(s.enum, func(e *node) bool { return e.kind == n.kind && e.text == n.text }) {
		var vals []string
		for _, e := range s.enum {
			vals = append(vals, e.literal())
		}
		add(n.off, at.String(), "must be one of %s, got %s", strings.Join(vals, ", "), n.literal())
	}
	switch n.kind {
	case jsonString:
		if len(n.text) < s.minLength {
			add(n.off, at.String(), "must not be empty")
		}
	case jsonArray:
		if len(n.elems) < s.minItems {
			add(n.off, at.String(), "must have at least %d element(s)", s.minItems)
		}
		if s.items != nil {
			for i, e := range n.elems {
				*at = append(*at, pathStep{elem: true, index: i})
				s.items.validate(e, at, probs)
				*at = (*at)[:len(*at)-1]
			}
		}
	case jsonObject:
		for _, r := range s.required {
			if n.member(r) == nil {
				add(n.off, joinPath(at.String(), r), "missing (required: %s)", s.prop(r).summary())
			}
		}
		for _, m := range n.members {
			ps := s.prop(m.key)
			if ps == nil {
				ps = s.additional
			}
			if ps == nil {
				add(m.off, joinPath(at.String(), m.key), "unknown key%s", s.suggest(m.key))
				continue
			}
			*at = append(*at, pathStep{key: m.key})
			ps.validate(m.val, at, probs)
			*at = (*at)[:len(*at)-1]
		}
	}
}

// keyPath is where a value is in the scenario (sections[3].nseg): its
// keys and indexes from the root, pushed and popped as validate descends,
// and written out only for a problem, so that a valid scenario of
// thousands of values makes none of the strings.
type keyPath []pathStep

type pathStep struct {
	elem  bool   // an array's element, not an object's member
	key   string // a member's key
	index int    // an element's index
}

func (p *keyPath) String() string {
	var b strings.Builder
	for _, st := range *p {
		switch {
		case st.elem:
			fmt.Fprintf(&b, "[%d]", st.index)
		case b.Len() > 0:
			b.WriteString("." + st.key)
		default:
			b.WriteString(st.key)
		}
	}
	return b.String()
}

// validateOneOf checks n against the alternatives of s: it must fit one.
// When none fits, the problems reported are those of the alternative of
// n's type that n comes nearest to, so that a record missing its x is told
// just that.
func (s *schema) validateOneOf(n *node, at *keyPath, probs *[]problem) {
	var best []problem
	var titles []string
	for _, alt := range s.oneOf {
		titles = append(titles, alt.title)
		if len(alt.types) > 0 && !slices.ContainsFunc(alt.types, func(t string) bool { return hasType(n, t) }) {
			continue
		}
		var p []problem
		alt.validate(n, at, &p)
		if len(p) == 0 {
			return
		}
		if best == nil || len(p) < len(best) {
			best = p
		}
	}
	if best == nil {
		*probs = append(*probs, problem{n.off, at.String(), fmt.Sprintf("want %s, got %s", strings.Join(titles, " or "), describe(n))})
		return
	}
	*probs = append(*probs, best...)
}

// hasType reports whether n is of the JSON Schema type t. An integer must
// be written as one (no fraction or exponent): it is read into an int.
func hasType(n *node, t string) bool {
	switch t {
	case "integer":
		return n.kind == jsonNumber && integerLiteral().MatchString(n.text)
	case "number":
		return n.kind == jsonNumber
	}
	return n.kind.String() == t
}

var integerLiteral = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^-?[0-9]{1,18}$`) })

// want says in words what s's types allow.
func (s *schema) want() string {
	var ws []string
	for _, t := range s.types {
		switch t {
		case "integer":
			ws = append(ws, "an integer")
		case "array", "object":
			ws = append(ws, "an "+t)
		case "null":
			ws = append(ws, "null")
		default:
			ws = append(ws, "a "+t)
		}
	}
	w := strings.Join(ws, " or ")
	if s.unit != "" {
		w += " (" + s.unit + ")"
	}
	return w
}

// describe names n's kind and shows a short value, for messages.
func describe(n *node) string {
	switch n.kind {
	case jsonNull:
		return "null"
	case jsonArray, jsonObject:
		return "an " + n.kind.String()
	}
	return "a " + n.kind.String() + " " + n.literal()
}

// literal shows a scalar as JSON writes it, cut short if long.
func (n *node) literal() string {
	switch n.kind {
	case jsonString:
		t := n.text
		if len(t) > 40 {
			t = t[:40] + "…"
		}
		return strconv.Quote(t)
	case jsonNull:
		return "null"
	}
	return n.text
}

// summary is what a missing key's message says the key is.
func (s *schema) summary() string {
	d, _, _ := strings.Cut(s.description, ". ")
	d = strings.TrimSuffix(d, ".")
	if r, size := utf8.DecodeRuneInString(d); size < len(d) && !unicode.IsUpper(rune(d[size])) {
		d = string(unicode.ToLower(r)) + d[size:] // "Length" reads "length" mid-sentence, "L" stays
	}
	if s.unit != "" {
		d += ", in " + s.unit
	}
	if d == "" {
		d = s.want()
	}
	return d
}

func (s *schema) unitSuffix() string {
	if s.unit == "" {
		return ""
	}
	return " " + s.unit
}

// suggest names the known key nearest to an unknown one, if one is near.
func (s *schema) suggest(key string) string {
	best, bestD := "", 3
	var known []string
	for _, p := range s.props {
		known = append(known, p.name)
		if d := editDistance(strings.ToLower(key), strings.ToLower(p.name)); d < bestD {
			best, bestD = p.name, d
		}
	}
	if best != "" {
		return fmt.Sprintf(" (did you mean %q?)", best)
	}
	return " (known: " + strings.Join(known, ", ") + ")"
}

// editDistance is the Levenshtein distance between a and b.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur := make([]int, len(b)+1)
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev = cur
	}
	return prev[len(b)]
}
