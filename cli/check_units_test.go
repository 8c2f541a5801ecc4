package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCheckUnits: check -units warns, as NEURON's modlunit refuses, of a
// unit the database does not know, of a variable of NEURON's in other
// units and of a difference of unlike units, and still exits 0: NEURON
// builds the file.
func TestCheckUnits(t *testing.T) {
	file := filepath.Join(t.TempDir(), "uc.mod")
	src := "NEURON { SUFFIX uc USEION k READ ek WRITE ik RANGE g }\nUNITS { (mA) = (milliamp) (mV) = (millivolt) }\n" +
		"PARAMETER { g = 0.001 (mho/cm2) }\nASSIGNED { v (volt) ek (mV) ik (mA/cm2) q (mM) }\nBREAKPOINT { ik = g*(v - ek) + 0*q }\n"
	if err := os.WriteFile(file, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := runCLI("check", "-units", file)
	for _, want := range []string{
		`uc.mod:4:12: warning: v must have the units (millivolt), as NEURON has it, not (volt)`,
		`uc.mod:4:43: warning: units (mM): cannot recognize the units "mM"`,
		`uc.mod:5:26: warning: this expression, in (0.001 m2-kg/sec2-coul), needs the conversion factor (0.001) to meet (1 m2-kg/sec2-coul)`,
	} {
		if !strings.Contains(stderr, want) {
			t.Errorf("no %q in:\n%s", want, stderr)
		}
	}
	if code != 0 || strings.Count(stderr, "warning:") != 3 {
		t.Errorf("exit %d, want 0 and three warnings:\n%s", code, stderr)
	}
	if _, _, stderr := runCLI("check", file); strings.Contains(stderr, "must have the units") {
		t.Errorf("without -units: %s", stderr)
	}
}
