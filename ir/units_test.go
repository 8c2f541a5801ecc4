package ir

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/nmodlgo/nmodlgo/internal/corpus"
	"github.com/nmodlgo/nmodlgo/parser"
)

// TestUnitFactors: every named unit factor of the corpus files nocmodl
// translates, name = (a) (b), has to the bit the value nocmodl 8.2.2
// compiles in (the modern element of its _nrnunit_ array,
// testdata/unitfactors.tsv, which go test -update remakes with nocmodl).
func TestUnitFactors(t *testing.T) {
	dir := corpus.Dir
	entries, err := corpus.Manifest(dir)
	if err != nil {
		t.Skipf("no corpus at %s: %v", dir, err)
	}
	const golden = "testdata/unitfactors.tsv"
	if *update {
		writeUnitFactors(t, dir, entries, golden)
	}
	data, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]map[string]float64{}
	for _, line := range strings.Split(strings.TrimSpace(string(data)), "\n")[1:] {
		f := strings.Split(line, "\t")
		x, err := strconv.ParseFloat(f[2], 64)
		if err != nil {
			t.Fatalf("%s: %v", line, err)
		}
		if want[f[0]] == nil {
			want[f[0]] = map[string]float64{}
		}
		want[f[0]][f[1]] = x
	}
	checked := 0
	for rel, factors := range want {
		file, err := parser.ParseFile(filepath.Join(dir, rel))
		if err != nil {
			t.Errorf("%s: %v", rel, err)
			continue
		}
		l := newLowerer(file, mustCheck(t, file))
		l.lower()
		for name, x := range factors {
			v := l.byName[name]
			switch {
			case v == nil:
				t.Errorf("%s: no unit factor %s", rel, name)
			case v.Default != x:
				t.Errorf("%s: %s = %v, nocmodl's is %v", rel, name, v.Default, x)
			}
			checked++
		}
	}
	if checked < 100 {
		t.Errorf("only %d factors checked", checked)
	}
	t.Logf("%d unit factors of %d files as nocmodl's", checked, len(want))
}

// writeUnitFactors runs nocmodl on the corpus files and records the unit
// factors of the C it writes.
func writeUnitFactors(t *testing.T, dir string, entries []corpus.Entry, golden string) {
	nocmodl, err := exec.LookPath("nocmodl")
	if err != nil {
		t.Fatal("-update needs nocmodl (apt-get install neuron)")
	}
	re := regexp.MustCompile(`static double _nrnunit_(\w+)\[2\] = \{([^,]+),`)
	var sb strings.Builder
	sb.WriteString("relpath\tname\tnocmodl\n")
	for _, e := range entries {
		if !e.NocmodlOK || !e.Mod {
			continue
		}
		src := filepath.Join(dir, e.Path)
		text, err := os.ReadFile(src)
		if err != nil || !strings.Contains(string(text), "UNITS") {
			continue
		}
		tmp := t.TempDir()
		if out, err := corpus.RunInCopy(tmp, src, nocmodl); err != nil {
			t.Fatalf("%s: nocmodl: %v\n%s", e.Path, err, out)
		}
		c, err := os.ReadFile(filepath.Join(tmp, strings.TrimSuffix(filepath.Base(src), ".mod")+".c"))
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range re.FindAllStringSubmatch(string(c), -1) {
			fmt.Fprintf(&sb, "%s\t%s\t%s\n", e.Path, m[1], m[2])
		}
	}
	if err := os.WriteFile(golden, []byte(sb.String()), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestUnitAlias: a factor in a unit the UNITS block itself names,
// (avogadro) = (mole) then avo = (avogadro) (1), is the factor of the unit
// named, as nocmodl's units database resolves it (6.02214076e+23 in the C
// it writes for pytest_coreneuron/unitstest.mod).
func TestUnitAlias(t *testing.T) {
	f, err := parser.Parse("u.mod", []byte("NEURON { SUFFIX u }\nUNITS {\n  (avogadro) = (mole)\n  avo = (avogadro) (1)\n}\nASSIGNED { x }\nINITIAL { x = avo }\n"))
	if err != nil {
		t.Fatal(err)
	}
	m, ds := Lower(f)
	if m == nil || ds.HasErrors() || len(ds) > 0 {
		t.Fatalf("%v", ds)
	}
	for _, v := range m.Vars {
		if v.Name == "avo" && v.Default != 0x1.fe185ca57c517p+78 {
			t.Errorf("avo = %g, nocmodl's is 6.02214076e+23", v.Default)
		}
	}
}

// TestSecondOrderFlags: a SOLVE by derivimplicit, euler, runge or sparse
// halves dt in the state update with secondorder; cnexp does not, as in
// nocmodl.
func TestSecondOrderFlags(t *testing.T) {
	for _, c := range []struct {
		method, kind string
		halved       bool
	}{
		{"cnexp", "DERIVATIVE", false}, {"derivimplicit", "DERIVATIVE", true},
		{"euler", "DERIVATIVE", true}, {"runge", "DERIVATIVE", true}, {"sparse", "KINETIC", true},
	} {
		body := "m' = -m"
		if c.kind == "KINETIC" {
			body = "~ m <-> n (1, 2)"
		}
		src := "NEURON { SUFFIX x }\nSTATE { m n }\nBREAKPOINT { SOLVE d METHOD " + c.method + " }\n" + c.kind + " d { " + body + " }\n"
		f, err := parser.Parse("x.mod", []byte(src))
		if err != nil {
			t.Fatal(err)
		}
		m, ds := Lower(f)
		if m == nil || ds.HasErrors() {
			t.Fatalf("%s: %v", c.method, ds)
		}
		if m.StateDtHalved != c.halved {
			t.Errorf("%s: StateDtHalved %v, want %v", c.method, m.StateDtHalved, c.halved)
		}
	}
}
