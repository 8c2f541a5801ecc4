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

	"github.com/nmodlgo/nmodlgo/parser"
)

// TestUnitFactors: each named factor nmodlgo knows has, to the bit, the
// value nocmodl compiles in (the first element of its _nrnunit_ array, in
// C's hex notation), when nocmodl is installed.
func TestUnitFactors(t *testing.T) {
	nocmodl, err := exec.LookPath("nocmodl")
	if err != nil {
		t.Skip("nocmodl is not installed (apt-get install neuron); the values stand as recorded")
	}
	var sb strings.Builder
	sb.WriteString("NEURON { SUFFIX u }\nUNITS {\n")
	names := map[string][2]string{}
	i := 0
	for pair := range unitFactorValues {
		name := fmt.Sprintf("F%d", i)
		names[name] = pair
		fmt.Fprintf(&sb, "    %s = (%s) (%s)\n", name, pair[0], pair[1])
		i++
	}
	sb.WriteString("}\n")
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "u.mod"), []byte(sb.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(nocmodl, "u.mod")
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("nocmodl: %v\n%s", err, out)
	}
	c, err := os.ReadFile(filepath.Join(dir, "u.c"))
	if err != nil {
		t.Fatal(err)
	}
	re := regexp.MustCompile(`_nrnunit_(F\d+)\[2\] = \{([^,]+),`)
	found := 0
	for _, m := range re.FindAllStringSubmatch(string(c), -1) {
		pair := names[m[1]]
		want, err := strconv.ParseFloat(m[2], 64)
		if err != nil {
			t.Fatalf("%s: %v", m[2], err)
		}
		if got := unitFactorValues[pair]; got != want {
			t.Errorf("(%s) (%s) = %v, nocmodl says %v", pair[0], pair[1], got, want)
		}
		found++
	}
	if found != len(unitFactorValues) {
		t.Errorf("nocmodl compiled %d of the %d factors", found, len(unitFactorValues))
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
