package scenario

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
	"unsafe"
)

// node is a JSON value with the byte offset where it starts, so that a
// problem with it can be reported at its line and column. Objects keep their
// keys in order, for messages and for the schema's documentation.
type node struct {
	kind    nodeKind
	off     int
	end     int      // where the value's text ends (past it)
	text    string   // a string's value, a number's literal, or true/false
	elems   []*node  // an array's
	members []member // an object's
}

type member struct {
	key string
	off int // where the key starts
	val *node
}

type nodeKind int

const (
	jsonNull nodeKind = iota
	jsonBool
	jsonNumber
	jsonString
	jsonArray
	jsonObject
)

// kindNames are the JSON Schema names of the kinds, as messages say them.
var kindNames = [...]string{"null", "boolean", "number", "string", "array", "object"}

func (k nodeKind) String() string { return kindNames[k] }

// member returns the value of key in an object, or nil.
func (n *node) member(key string) *node {
	for _, m := range n.members {
		if m.key == key {
			return m.val
		}
	}
	return nil
}

// syntaxError is a JSON text that is not JSON, at a byte offset.
type syntaxError struct {
	off  int
	path string // of the value being read, if any
	msg  string
}

func (e *syntaxError) Error() string {
	if e.path == "" {
		return e.msg
	}
	return e.path + ": " + e.msg
}

// maxDepth bounds nesting: a scenario is a few levels deep, and a
// pathological file must not exhaust the stack.
const maxDepth = 64

// readJSON reads one JSON value, the whole of data, keeping positions. A
// key given twice in an object is an error: JSON readers disagree on which
// one counts, so a scenario must not depend on it.
func readJSON(data []byte) (*node, error) {
	if n, ok := readValidJSON(data); ok {
		return n, nil
	}
	return readJSONTokens(data)
}

// readJSONTokens is readJSON by encoding/json's tokens, whose errors it
// words.
func readJSONTokens(data []byte) (*node, error) {
	r := &jsonReader{data: data, dec: json.NewDecoder(bytes.NewReader(data))}
	r.dec.UseNumber()
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, &syntaxError{off: 0, msg: "the file is empty; a scenario is a JSON object"}
	}
	n, err := r.value("", 0)
	if err != nil {
		return nil, err
	}
	// Past white space only: a separator after the value is text too.
	if rest := bytes.TrimLeft(data[r.dec.InputOffset():], " \t\r\n"); len(rest) > 0 {
		return nil, &syntaxError{off: len(data) - len(rest), msg: "text after the end of the JSON value"}
	}
	return n, nil
}

type jsonReader struct {
	data []byte
	dec  *json.Decoder
}

// next returns the offset of the next token: past white space and the
// separators that the decoder's tokens leave out.
func (r *jsonReader) next() int {
	off := int(r.dec.InputOffset())
	for off < len(r.data) && strings.IndexByte(" \t\r\n,:", r.data[off]) >= 0 {
		off++
	}
	return off
}

// token reads the next token, in the value at path, and its offset.
func (r *jsonReader) token(path string) (json.Token, int, error) {
	off := r.next()
	tok, err := r.dec.Token()
	if err != nil {
		return nil, off, r.syntaxError(off, path, err)
	}
	return tok, off, nil
}

// syntaxError says in words what the decoder found wrong at off.
func (r *jsonReader) syntaxError(off int, path string, err error) *syntaxError {
	var se *json.SyntaxError
	switch {
	case errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF):
		return &syntaxError{len(r.data), path, "the file ends before the JSON value does (is it cut short?)"}
	case errors.As(err, &se):
		for _, word := range []string{"NaN", "Infinity", "-Infinity", "nan", "inf", "-inf"} {
			if bytes.HasPrefix(r.data[off:], []byte(word)) {
				return &syntaxError{off, path, word + " is not a JSON number; every number in a scenario must be finite"}
			}
		}
		return &syntaxError{max(int(se.Offset)-1, 0), path, "not JSON: " + se.Error()}
	}
	return &syntaxError{off, path, err.Error()}
}

// value reads the value at path (for messages).
func (r *jsonReader) value(path string, depth int) (*node, error) {
	if depth > maxDepth {
		return nil, &syntaxError{off: r.next(), path: path, msg: fmt.Sprintf("nested more than %d levels deep", maxDepth)}
	}
	tok, off, err := r.token(path)
	if err != nil {
		return nil, err
	}
	n := &node{off: off}
	switch tok := tok.(type) {
	case nil:
		n.kind = jsonNull
	case bool:
		n.kind, n.text = jsonBool, fmt.Sprint(tok)
	case json.Number:
		n.kind, n.text = jsonNumber, string(tok)
	case string:
		n.kind, n.text = jsonString, tok
	case json.Delim:
		switch tok {
		case '[':
			n.kind = jsonArray
			for i := 0; r.dec.More(); i++ {
				e, err := r.value(fmt.Sprintf("%s[%d]", path, i), depth+1)
				if err != nil {
					return nil, err
				}
				n.elems = append(n.elems, e)
			}
		case '{':
			n.kind = jsonObject
			for r.dec.More() {
				tok, koff, err := r.token(path)
				if err != nil {
					return nil, err
				}
				key := tok.(string) // the decoder allows only strings here
				for _, m := range n.members {
					if m.key == key {
						return nil, &syntaxError{off: koff, path: joinPath(path, key), msg: "given twice"}
					}
				}
				v, err := r.value(joinPath(path, key), depth+1)
				if err != nil {
					return nil, err
				}
				n.members = append(n.members, member{key, koff, v})
			}
		}
		if _, _, err := r.token(path); err != nil { // the closing ] or }
			return nil, err
		}
	}
	n.end = int(r.dec.InputOffset())
	return n, nil
}

// joinPath is the path of key in the object at path: sections[0].cm.
func joinPath(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

// readValidJSON reads data as readJSON does, several times faster than
// encoding/json's tokens, when data is valid JSON that readJSON accepts;
// for anything else it gives up (ok false), and readJSON's own reader
// finds and words the problem.
func readValidJSON(data []byte) (n *node, ok bool) {
	p := fastReader{data: data}
	n, ok = p.value(0)
	if !ok {
		return nil, false
	}
	p.space()
	return n, p.off == len(data)
}

type fastReader struct {
	data     []byte
	off      int
	slab     []node // nodes are taken from here, many per allocation
	slabSize int    // the last slab's
	// The members and elements of the objects and arrays being read,
	// innermost last; an object's or array's, once read, are copied into
	// slices cut from memberSlab and elemSlab at their final length.
	members    []member
	elems      []*node
	memberSlab []member
	elemSlab   []*node
}

// text is data[from:to] as a string that shares data's bytes (readJSON's
// callers do not change them: Parse reads a copy).
func (p *fastReader) text(from, to int) string {
	if from == to {
		return ""
	}
	return unsafe.String(&p.data[from], to-from)
}

// take moves what *stack holds past from (an object's members, an array's
// elements, just read) into a slice of their own, cut from *slab at its
// final length, and pops them.
func take[T any](stack, slab *[]T, from, dataLen int) []T {
	n := len(*stack) - from
	if len(*slab) < n {
		*slab = make([]T, max(n, min(1024, dataLen/8)))
	}
	out := (*slab)[:n:n]
	*slab = (*slab)[n:]
	copy(out, (*stack)[from:])
	*stack = (*stack)[:from]
	return out
}

// newNode returns a zero node from the slab: one allocation for many
// nodes instead of one each (a scenario of 1000 cells has 30,000). Slabs
// start small and double up to 4096 nodes, so that a short text (or the
// schema's, a value every 20 bytes) does not take a large one: a fresh
// process pays for every page it touches.
func (p *fastReader) newNode() *node {
	if len(p.slab) == 0 {
		p.slabSize = min(4096, max(64, 2*p.slabSize))
		p.slab = make([]node, p.slabSize)
	}
	n := &p.slab[0]
	p.slab = p.slab[1:]
	return n
}

func (p *fastReader) space() {
	for p.off < len(p.data) {
		switch p.data[p.off] {
		case ' ', '\t', '\r', '\n':
			p.off++
		default:
			return
		}
	}
}

func (p *fastReader) value(depth int) (*node, bool) {
	n, ok := p.value1(depth)
	if ok {
		n.end = p.off
	}
	return n, ok
}

func (p *fastReader) value1(depth int) (*node, bool) {
	p.space()
	if p.off >= len(p.data) || depth > maxDepth {
		return nil, false
	}
	n := p.newNode()
	n.off = p.off
	switch c := p.data[p.off]; {
	case c == '"':
		s, ok := p.str()
		n.kind, n.text = jsonString, s
		return n, ok
	case c == '-' || c >= '0' && c <= '9':
		start := p.off
		if !p.number() {
			return nil, false
		}
		n.kind, n.text = jsonNumber, p.text(start, p.off)
	case c == '[':
		n.kind = jsonArray
		if p.empty(']') {
			return n, true
		}
		from := len(p.elems)
		for {
			e, ok := p.value(depth + 1)
			if !ok {
				return nil, false
			}
			p.elems = append(p.elems, e)
			if more, ok := p.after(']'); !more {
				n.elems = take(&p.elems, &p.elemSlab, from, len(p.data))
				return n, ok
			}
		}
	case c == '{':
		n.kind = jsonObject
		if p.empty('}') {
			return n, true
		}
		from := len(p.members)
		for {
			p.space()
			koff := p.off
			if p.off >= len(p.data) || p.data[p.off] != '"' {
				return nil, false
			}
			key, ok := p.str()
			if !ok {
				return nil, false
			}
			for _, m := range p.members[from:] {
				if m.key == key {
					return nil, false // given twice: readJSON says so
				}
			}
			p.space()
			if p.off >= len(p.data) || p.data[p.off] != ':' {
				return nil, false
			}
			p.off++
			v, ok := p.value(depth + 1)
			if !ok {
				return nil, false
			}
			p.members = append(p.members, member{key, koff, v})
			if more, ok := p.after('}'); !more {
				n.members = take(&p.members, &p.memberSlab, from, len(p.data))
				return n, ok
			}
		}
	default:
		for _, lit := range [...]struct {
			word string
			kind nodeKind
		}{{"true", jsonBool}, {"false", jsonBool}, {"null", jsonNull}} {
			if bytes.HasPrefix(p.data[p.off:], []byte(lit.word)) {
				p.off += len(lit.word)
				n.kind = lit.kind
				if lit.kind == jsonBool {
					n.text = lit.word
				}
				return n, true
			}
		}
		return nil, false
	}
	return n, true
}

// empty reads the opening bracket and, if the closing one follows, that
// too: the array or object is empty.
func (p *fastReader) empty(closing byte) bool {
	p.off++
	p.space()
	if p.off < len(p.data) && p.data[p.off] == closing {
		p.off++
		return true
	}
	return false
}

// after reads what follows a member or an element: a comma (more) or
// the closing bracket (ok); anything else is neither.
func (p *fastReader) after(closing byte) (more, ok bool) {
	p.space()
	if p.off >= len(p.data) {
		return false, false
	}
	c := p.data[p.off]
	p.off++
	return c == ',', c == closing
}

// str reads a string; one with escapes, control characters or bytes
// that are not UTF-8 is decoded by encoding/json, as readJSON decodes it.
func (p *fastReader) str() (string, bool) {
	start := p.off
	p.off++
	simple := true
	for p.off < len(p.data) {
		switch c := p.data[p.off]; {
		case c == '"':
			p.off++
			lit := p.data[start:p.off]
			if simple && utf8.Valid(lit) {
				return p.text(start+1, p.off-1), true
			}
			var s string
			return s, json.Unmarshal(lit, &s) == nil
		case c == '\\':
			simple = false
			p.off += 2
			continue
		case c < 0x20:
			return "", false
		}
		p.off++
	}
	return "", false
}

// number reads a number by JSON's grammar.
func (p *fastReader) number() bool {
	d := p.data
	digits := func() int {
		n := 0
		for p.off < len(d) && d[p.off] >= '0' && d[p.off] <= '9' {
			p.off++
			n++
		}
		return n
	}
	if d[p.off] == '-' {
		p.off++
	}
	if p.off < len(d) && d[p.off] == '0' {
		p.off++
	} else if digits() == 0 {
		return false
	}
	if p.off < len(d) && d[p.off] == '.' {
		p.off++
		if digits() == 0 {
			return false
		}
	}
	if p.off < len(d) && (d[p.off] == 'e' || d[p.off] == 'E') {
		p.off++
		if p.off < len(d) && (d[p.off] == '+' || d[p.off] == '-') {
			p.off++
		}
		if digits() == 0 {
			return false
		}
	}
	return true
}
