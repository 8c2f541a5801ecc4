package scenario

import (
	"flag"
	"fmt"
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"
	"unicode"
)

// TestSchemaMatchesTypes: the schema and the Go types that a scenario is
// decoded into name the same keys, so neither can gain a key the other
// does not know.
func TestSchemaMatchesTypes(t *testing.T) {
	root := rootSchema()
	items := func(key string) *schema { return root.prop(key).items }
	for _, c := range []struct {
		typ any
		s   *schema
	}{
		{Scenario{}, root},
		{Section{}, items("sections")},
		{Mechanism{}, items("mechanisms")},
		{PointProcess{}, items("point_processes")},
		{NetStim{}, items("netstims")},
		{NetCon{}, items("netcons")},
		{Run{}, root.prop("run")},
		{Record{}, items("record")},
		{AxonVelocity{}, root.prop("axon_velocity")},
		{Morphology{}, root.prop("morphology")},
		{ByDistance{}, items("mechanisms").prop("by_distance")},
		{Location{}, items("mechanisms").prop("by_distance").prop("origin")},
		{Profile{}, items("mechanisms").prop("by_distance").prop("params").additional},
		{Pointer{}, items("pointers")},
		{PointerTarget{}, items("pointers").oneOf[0].prop("target")},
		{FunctionTable{}, items("function_tables")},
		{SpikeRecord{}, items("spikes")},
		{Play{}, items("play")},
	} {
		typ := reflect.TypeOf(c.typ)
		var fields []string
		for i := range typ.NumField() {
			f := typ.Field(i)
			if name, _, _ := strings.Cut(f.Tag.Get("json"), ","); f.IsExported() && name != "-" {
				fields = append(fields, name)
			}
		}
		var keys []string
		for _, alt := range append([]*schema{c.s}, c.s.oneOf...) {
			for _, p := range alt.props {
				if !slices.Contains(keys, p.name) {
					keys = append(keys, p.name)
				}
			}
		}
		slices.Sort(fields)
		slices.Sort(keys)
		if !slices.Equal(fields, keys) {
			t.Errorf("%s has fields %v; its schema has keys %v", typ.Name(), fields, keys)
		}
	}
}

// TestSchemaSubset: a schema keyword outside the subset the reader
// implements is refused, not ignored.
func TestSchemaSubset(t *testing.T) {
	for _, bad := range []string{
		`{"type": "object", "patternProperties": {}}`,
		`{"$ref": "#/$defs/nothere"}`,
		`{"properties": {"a": {}}, "required": ["b"]}`,
	} {
		if _, err := parseSchema([]byte(bad)); err == nil {
			t.Errorf("%s was accepted", bad)
		}
	}
}

var update = flag.Bool("update", false, "rewrite the key tables of docs/scenario.md from schema.json")

// TestSchemaDoc: the tables of keys in docs/scenario.md are those the
// schema makes; -update writes them.
func TestSchemaDoc(t *testing.T) {
	const path = "../docs/scenario.md"
	const begin, end = "<!-- keys: generated", "<!-- end of keys -->"
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	doc := string(data)
	i, j := strings.Index(doc, begin), strings.Index(doc, end)
	if i < 0 || j < i {
		t.Fatalf("%s lacks the markers %q and %q", path, begin, end)
	}
	i += strings.Index(doc[i:], "\n") + 1
	want := doc[:i] + keysDoc(rootSchema()) + doc[j:]
	if *update {
		if err := os.WriteFile(path, []byte(want), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if doc != want {
		t.Errorf("%s is not what schema.json says; run go test ./scenario -update", path)
	}
}

// keysDoc writes a table of keys for the scenario and for each kind of
// object in it, in the order they are first met; an object of several
// forms (oneOf) gets a table per form.
func keysDoc(root *schema) string {
	var sb strings.Builder
	type table struct {
		name string
		s    *schema
	}
	queue := []table{{"scenario", root}}
	seen := map[string]bool{}
	// link enqueues the table of an object schema, named by its $defs name
	// or its path, and returns a link to it.
	link := func(s *schema, path string) string {
		name := s.def
		if name == "" {
			name = path
		}
		if !seen[name] {
			seen[name] = true
			queue = append(queue, table{name, s})
		}
		return "[" + name + "](#" + slug(name) + ")"
	}
	var typeOf func(s *schema, path string) string
	typeOf = func(s *schema, path string) string {
		if len(s.oneOf) > 0 {
			if s.def != "" {
				return link(s, path)
			}
			var alts []string
			for _, alt := range s.oneOf {
				alts = append(alts, typeOf(alt, path))
			}
			return strings.Join(alts, " or ")
		}
		var ts []string
		for _, typ := range s.types {
			switch {
			case typ == "array" && s.items != nil:
				typ = "array of " + typeOf(s.items, path+"[]")
			case typ == "object" && len(s.props) > 0:
				typ = link(s, path)
			case typ == "object" && s.additional != nil && len(s.additional.types) > 0:
				typ = "object of " + strings.Join(s.additional.types, " or ")
			}
			ts = append(ts, typ)
		}
		t := strings.Join(ts, " or ")
		if len(s.enum) > 0 {
			var vals []string
			for _, e := range s.enum {
				vals = append(vals, e.literal())
			}
			return t + ": " + strings.Join(vals, ", ")
		}
		for _, c := range []struct {
			op string
			x  *float64
		}{{"≥", s.minimum}, {"≤", s.maximum}, {">", s.exclusiveMin}} {
			if c.x != nil {
				t += fmt.Sprintf(", %s %g", c.op, *c.x)
			}
		}
		return t
	}
	keys := func(name string, s *schema) {
		sb.WriteString("| key | type | unit | | meaning |\n|---|---|---|---|---|\n")
		for _, p := range s.props {
			need := "optional"
			switch {
			case slices.Contains(s.required, p.name):
				need = "required"
			case p.s.dflt != nil:
				need += ", default " + p.s.dflt.literal()
				if p.s.dflt.kind == jsonArray {
					need = "optional, default []"
				}
			}
			fmt.Fprintf(&sb, "| `%s` | %s | %s | %s | %s |\n", p.name, typeOf(p.s, name+"."+p.name), p.s.unit, need,
				mdEscape(p.s.description))
		}
	}
	for len(queue) > 0 {
		tb := queue[0]
		queue = queue[1:]
		fmt.Fprintf(&sb, "\n### %s\n\n", tb.name)
		if tb.s.description != "" {
			fmt.Fprintf(&sb, "%s\n\n", mdEscape(tb.s.description))
		}
		if len(tb.s.oneOf) == 0 {
			keys(tb.name, tb.s)
			continue
		}
		fmt.Fprintf(&sb, "One of %d forms.\n", len(tb.s.oneOf))
		for _, alt := range tb.s.oneOf {
			if len(alt.props) > 0 {
				fmt.Fprintf(&sb, "\n*%s*\n\n", alt.title)
				keys(tb.name, alt)
			}
		}
	}
	return sb.String() + "\n"
}

// mdEscape keeps a description's | and <…> from being read as Markdown's
// table cells and HTML.
var mdEscape = strings.NewReplacer("|", `\|`, "<", "&lt;").Replace

// slug is the anchor GitHub makes of a heading.
func slug(heading string) string {
	var sb strings.Builder
	for _, r := range strings.ToLower(heading) {
		switch {
		case r == ' ':
			sb.WriteByte('-')
		case r == '-' || r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r):
			sb.WriteRune(r)
		}
	}
	return sb.String()
}
