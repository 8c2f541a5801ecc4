package unitdb

import (
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// TestTable: NEURON's table reads without an error, and some of its
// units have the values and dimensions they should.
func TestTable(t *testing.T) {
	tab, err := NEURON()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		expr   string
		factor float64
	}{
		{"coulomb", 1}, {"millivolt", 1e-3}, {"ms", 1e-3}, {"faraday", 96485.33212331001},
		{"micron2", 1e-12}, {"degC", 1}, {"1|7000 lb", 0.45359237 / 7000},
	} {
		u, err := tab.Eval(c.expr)
		if err != nil {
			t.Errorf("%s: %v", c.expr, err)
			continue
		}
		if math.Abs(u.Factor/c.factor-1) > 1e-15 {
			t.Errorf("%s = %v, want %v", c.expr, u.Factor, c.factor)
		}
	}
	v, _ := tab.Eval("volt")
	wa, _ := tab.Eval("watt/amp")
	if v.Dim != wa.Dim || v.Dim == (Unit{}).Dim {
		t.Errorf("volt %v, watt/amp %v", v.Dim, wa.Dim)
	}
	// units nocmodl cannot recognize either (checked by hand with nocmodl)
	for _, name := range []string{"mV", "avogadro", "electron", "molar", "celsius"} {
		if _, err := tab.Eval(name); err == nil || !strings.Contains(err.Error(), "cannot recognize the units") {
			t.Errorf("%s: %v", name, err)
		}
	}
	local := tab.Extend()
	if err := local.Define("mV", "millivolt"); err != nil {
		t.Fatal(err)
	}
	if err := local.Define("ms", "millisec"); err == nil {
		t.Errorf("redefining ms: no error")
	}
	if f, err := local.Factor("mV", "volt"); err != nil || f != 0.001 {
		t.Errorf("(mV) (volt) = %v, %v", f, err)
	}
}

// factorCases are unit factors of the forms .mod files write, with the
// UNITS definitions some of them need.
var factorCases = [][2]string{
	{"faraday", "coulomb"}, {"faraday", "coulombs"}, {"faraday", "kilocoulombs"}, {"faraday", "10000 coulomb"},
	{"k-mole", "joule/degC"}, {"e", "coulombs"}, {"k", "joule/degC"}, {"mole", "1"}, {"pi", "1"},
	{"planck", "joule-sec"}, {"hbar", "joule-sec"}, {"mV", "volt"}, {"micro/liter", "mM"}, {"1/ms", "/sec"},
	{"milliamp/cm2", "microamp/micron2"}, {"nA", "mA"}, {"um", "cm"}, {"uS", "mho"}, {"pS/um2", "S/cm2"},
	{"1e-3 liter", "m3"}, {"kelvin", "degC"}, {"gasconstant", "joule/K"},
	{"boltzmann", "joule/K"}, {"2 pi-radian", "1"}, {"micron", "meter"},
	{"hour", "sec"}, {"angstrom", "nanometer"},
}

var factorDefs = [][2]string{{"mV", "millivolt"}, {"mM", "milli/liter"}, {"nA", "nanoamp"}, {"mA", "milliamp"},
	{"um", "micron"}, {"uS", "microsiemens"}, {"pS", "picosiemens"}, {"S", "siemens"}}

// TestFactorsAsNocmodl: every case's factor is, to the bit, the one
// nocmodl 8.2.2 compiles in (the modern element of its _nrnunit_ array),
// when nocmodl is installed.
func TestFactorsAsNocmodl(t *testing.T) {
	nocmodl, err := exec.LookPath("nocmodl")
	if err != nil {
		t.Skip("nocmodl is not installed (apt-get install neuron): the factors are not compared with NEURON's")
	}
	tab, err := NEURON()
	if err != nil {
		t.Fatal(err)
	}
	local := tab.Extend()
	var sb strings.Builder
	sb.WriteString("NEURON { SUFFIX u }\nUNITS {\n")
	for _, d := range factorDefs {
		fmt.Fprintf(&sb, "    (%s) = (%s)\n", d[0], d[1])
		if err := local.Define(d[0], d[1]); err != nil {
			t.Fatal(err)
		}
	}
	for i, c := range factorCases {
		fmt.Fprintf(&sb, "    F%d = (%s) (%s)\n", i, c[0], c[1])
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
	re := regexp.MustCompile(`_nrnunit_F(\d+)\[2\] = \{([^,]+),`)
	found := 0
	for _, m := range re.FindAllStringSubmatch(string(c), -1) {
		i, _ := strconv.Atoi(m[1])
		want, err := strconv.ParseFloat(m[2], 64)
		if err != nil {
			t.Fatal(err)
		}
		got, err := local.Factor(factorCases[i][0], factorCases[i][1])
		if err != nil || got != want {
			t.Errorf("(%s) (%s) = %v (%v), nocmodl says %v", factorCases[i][0], factorCases[i][1], got, err, want)
		}
		found++
	}
	if found != len(factorCases) {
		t.Errorf("nocmodl compiled %d of the %d factors", found, len(factorCases))
	}
}
