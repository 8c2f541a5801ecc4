package morph_test

import (
	"strings"
	"testing"

	"github.com/nmodlgo/nmodlgo/morph"
	"github.com/nmodlgo/nmodlgo/sim"
)

// TestReadSWCRefuses: what NEURON reads anyway and makes something of that
// the file does not say is refused, at its line.
func TestReadSWCRefuses(t *testing.T) {
	for _, c := range []struct{ name, swc, want string }{
		{"empty", "", "x.swc:1:1: error: no points"},
		{"comments only", "# a\n# b\n", "x.swc:1:1: error: no points"},
		{"binary", "1 1 0 0 0 1 -1\x00", "x.swc: error: a binary file"},
		{"neurolucida", "; V3 text file\n(\"CellBody\"\n", `x.swc:2:1: error: this looks like a Neurolucida file`},
		{"too few fields", "1 1 0 0 0 5 -1\n2 3 0 10 0 1\n", "x.swc:2:1: error: 6 fields; a point is id type x y z radius parent"},
		{"not a number", "1 1 0 0 0 5 -1\n2 3 0 abc 0 1 1\n", `x.swc:2:1: error: field 4, "abc", is not a finite number`},
		{"nan", "1 1 0 0 nan 5 -1\n", `x.swc:1:1: error: field 5, "nan", is not a finite number`},
		{"inf", "1 1 0 0 0 1e39 -1\n", `x.swc:1:1: error: field 6, "1e39", is not a finite number`},
		{"glued", "1 1 0 0 0 5-1\n", "x.swc:1:1: error: 6 fields"},
		{"fractional id", "1.5 1 0 0 0 5 -1\n", "x.swc:1:1: error: id 1.5 is not a whole number"},
		{"fractional parent", "1 1 0 0 0 5 -1\n2 3 0 1 0 1 1.5\n", "x.swc:2:1: error: parent 1.5 is not a whole number"},
		{"unsorted", "1 1 0 0 0 5 -1\n3 3 0 10 0 1 1\n2 3 0 20 0 1 1\n", "x.swc:3:1: error: id 2 comes after id 3: the ids must increase"},
		{"duplicate", "1 1 0 0 0 5 -1\n2 3 0 10 0 1 1\n2 3 0 20 0 1 1\n", "x.swc:3:1: error: id 2 is used twice (also at line 2)"},
		{"forward", "1 1 0 0 0 5 -1\n2 3 0 10 0 1 3\n3 3 0 20 0 1 2\n", "x.swc:2:1: error: point 2 has parent 3: a parent must come before its children"},
		{"self", "1 1 0 0 0 5 -1\n2 3 0 10 0 1 2\n", "x.swc:2:1: error: point 2 has parent 2"},
		{"two roots", "1 1 0 0 0 5 -1\n2 3 0 10 0 1 -1\n", "x.swc:2:1: error: point 2 is a second root (parent -1): one tree per file (the first is at line 1)"},
		{"first not root", "1 1 0 0 0 5 0\n", "x.swc:1:1: error: the first point has parent 0"},
		{"missing parent", "1 1 0 0 0 5 -1\n3 3 0 10 0 1 2\n", "x.swc:2:1: error: point 3 has parent 2, which no line defines"},
		{"negative radius", "1 1 0 0 0 5 -1\n2 3 0 10 0 -1 1\n", "x.swc:2:1: error: point 2 has a negative radius, -1"},
		{"cr line ends", "1 1 0 0 0 5 -1\r2 3 0 10 0 1 1\rjunk\r", "x.swc:3:1: error: 1 fields"},
		{"many errors", strings.Repeat("junk\n", 30), "x.swc:10:1: error: and 20 more errors"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := morph.ReadSWC("x.swc", []byte(c.swc))
			if err == nil {
				t.Fatalf("no error; want %q", c.want)
			}
			if !strings.Contains(err.Error(), c.want) {
				t.Errorf("error:\n%v\nwant it to contain:\n%s", err, c.want)
			}
		})
	}
}

// TestReadSWCAccepts: what SWC files hold besides points.
func TestReadSWCAccepts(t *testing.T) {
	cell, err := morph.ReadSWC("x.swc", []byte("# header\n\n  # indented\n1 1 0 0 0 5 -1 extra columns\n2\t3\t0\t10\t0\t1\t1\r\n3 3 0 20 0 1 2 # note\n"))
	if err != nil {
		t.Fatal(err)
	}
	if len(cell.Sections) != 2 || cell.Sections[1].Name != "dend[0]" || len(cell.Sections[1].Points) != 2 || cell.Sections[1].Logical == nil {
		t.Fatalf("got %+v", cell.Sections)
	}
}

// FuzzReadSWC: any input gives a cell or an error, never a panic, and a
// cell builds.
func FuzzReadSWC(f *testing.F) {
	f.Add([]byte("1 1 0 0 0 5 -1\n2 1 0 10 0 5 1\n3 3 0 20 0 1 2\n4 3 5 25 0 1 3\n5 3 -5 25 0 1 3\n"))
	f.Add([]byte("1 1 0 0 0 5 -1\n2 1 0 5 0 5 1\n3 1 0 -5 0 5 1\n4 2 0 -10 0 1 3\n5 4 0 10 0 1 2\n"))
	f.Add([]byte("1 3 0 0 0 1 -1\n2 3 0 0 0 1 1\n3 3 0 0 0 1 1\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		cell, err := morph.ReadSWC("f.swc", data)
		if err != nil {
			return
		}
		if _, err := cell.Build(sim.NewModel(), ""); err != nil {
			t.Fatalf("a cell read without error does not build: %v", err)
		}
	})
}

// TestWarnings: what NEURON does quietly to a file is said.
func TestWarnings(t *testing.T) {
	for _, c := range []struct{ name, swc, want string }{
		{"zero-length leaf", "1 1 0 0 0 5 -1\n2 3 0 10 0 1 1\n3 3 0 20 0 1 2\n4 3 0 20 0 1 3\n5 3 0 20 0 1 3\n",
			"x.swc:5:1: warning: a section of two points at one place, dropped as NEURON drops it (0 child sections moved to its parent)"},
		{"no length", "1 1 0 0 0 5 -1\n2 3 0 10 0 1 1\n3 3 0 10 0 1 2\n4 3 0 10 0 1 3\n",
			"x.swc:2:1: warning: dend[0]: its 3 points are at one place, so NEURON makes it 1e-9 µm long"},
	} {
		t.Run(c.name, func(t *testing.T) {
			cell, err := morph.ReadSWC("x.swc", []byte(c.swc))
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(cell.Warnings.Error(), c.want) {
				t.Errorf("warnings:\n%v\nwant:\n%s", cell.Warnings.Error(), c.want)
			}
		})
	}
	cell, err := morph.ReadSWC("x.swc", []byte("1 1 0 0 0 5 -1\n2 3 0 10 0 1 1\n"))
	if err != nil || len(cell.Warnings) != 0 {
		t.Errorf("a plain file: %v, warnings %v", err, cell.Warnings)
	}
}
