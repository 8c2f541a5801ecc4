package unitcheck

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nmodlgo/nmodlgo/internal/corpus"
	"github.com/nmodlgo/nmodlgo/parser"
)

// exprHead declares what exprCases use.
const exprHead = "NEURON { SUFFIX x RANGE g, tau, a, n }\nUNITS { (mV) = (millivolt) (mA) = (milliamp) (mM) = (milli/liter) (S) = (siemens) }\n" +
	"PARAMETER { g = 1 (S/cm2) tau = 1 (ms) n = 2 }\nASSIGNED { v (mV) a (mV) c (mM) r (/ms) }\nSTATE { s (mM) }\n"

// exprCases are one rule of modlunit's each; want is a piece of the first
// warning, "" for none, "-" for none where modlunit warns.
var exprCases = []struct {
	name, body, want string
}{
	{"sum of like units", "INITIAL { a = v + v - 3 }", ""},
	{"number fits any units", "INITIAL { a = 5  c = 2 * 3 }", ""},
	{"sum of unlike units", "INITIAL { a = v + tau }", `(0.001 sec), are not those of the expression it meets, (0.001 m2-kg/sec2-coul)`},
	{"assignment of other units", "INITIAL { a = tau }", "not conformable"},
	{"product", "INITIAL { a = r * tau * v }", ""},
	{"quotient", "INITIAL { r = 1 / tau }", ""},
	{"comparison", "INITIAL { if (v > tau) { a = v } }", "not conformable"},
	{"math function of a dimensionless value", "INITIAL { a = v * exp(v / a) }", ""},
	{"math function of a voltage", "INITIAL { a = v * exp(v) }", "must be dimensionless"},
	{"other built-in", "INITIAL { a = v * normrand(0, tau) }", "must be dimensionless"},
	{"conversion factor missing", "INITIAL { a = (0.001) * v }", "in (1 m2-kg/sec2-coul), needs the conversion factor (1000) to meet (0.001 m2-kg/sec2-coul)"},
	{"conversion factor written", "INITIAL { c = (1000) * c }", "conversion factor"},
	{"conversion factor balances", "UNITS { (uM) = (micro/liter) }\nASSIGNED { u (uM) }\nINITIAL { u = (1000) * c }", ""},
	{"integer power", "INITIAL { r = r^2 * tau }", ""},
	{"power with units", "INITIAL { a = v^n }", "must be dimensionless"},
	{"exponent with units", "INITIAL { a = n^v }", "must be dimensionless"},
	{"LOCAL takes its value's units", "INITIAL { LOCAL x\n x = v\n a = x }", ""},
	{"LOCAL keeps them", "INITIAL { LOCAL x\n x = v\n c = x }", "not conformable"},
	{"derivative", "DERIVATIVE d { s' = c / tau }", ""},
	{"derivative of other units", "DERIVATIVE d { s' = c }", "(1/m3), are not those of the expression it meets, (1000/m3-sec)"},
	{"derivative read", "DERIVATIVE d { s' = c / tau\n r = s' / c }", ""},
	{"t without a declaration", "INITIAL { a = t }", "not conformable"},
	{"FUNCTION argument", "FUNCTION f(x (mV)) (ms) { f = tau }\nINITIAL { r = 1 / f(v) }", ""},
	{"FUNCTION argument of other units", "FUNCTION f(x (mV)) (ms) { f = tau }\nINITIAL { r = 1 / f(tau) }", "not conformable"},
	{"FUNCTION value", "FUNCTION f(x (mV)) (ms) { f = v }", "not conformable"},
	{"FUNCTION_TABLE", "FUNCTION_TABLE ft(x (mV)) (ms)\nINITIAL { a = ft(v) }", "not conformable"},
	{"PROCEDURE argument", "PROCEDURE p(x) { }\nINITIAL { p(v) }", "not conformable"},
	{"at_time takes ms", "INITIAL { at_time(v) }", "not conformable"},
	{"UNITSOFF", "INITIAL { UNITSOFF\n a = tau\n UNITSON }", ""},
	{"UNITSON again", "INITIAL { UNITSOFF\n a = tau\n UNITSON\n c = tau }", "not conformable"},
	{"KINETIC statements", "KINETIC k { r = v\n ~ s <-> c (r, r) }", "not conformable"},
	{"reaction", "STATE { b (mM) }\nKINETIC k { ~ s <-> b (r, r) }", ""},
	{"reaction of numbers", "STATE { b (mM) }\nKINETIC k { ~ s <-> b (1, 2) }", ""},
	{"backward rate", "STATE { b (mM) }\nKINETIC k { ~ s <-> b (r, c) }", "this backward rate, in (1/m3), must be in (1000/sec)"},
	{"forward rate of two reactants", "STATE { b (mM) }\nKINETIC k { ~ s + b <-> b (r, r) }", "this forward rate, in (1000/sec), must be in (1000 m3/sec)"},
	{"coefficient", "STATE { b (mM) }\nKINETIC k { ~ 2 s <-> b (r, r) }", "forward rate"},
	{"flux", "KINETIC k { ~ s << (c * r) }", ""},
	{"flux of other units", "KINETIC k { ~ s << (r) }", "this flux, in (1000/sec), must be in (1000/m3-sec)"},
	{"species of other units", "STATE { q (mV) }\nKINETIC k { ~ s <-> q (r, r) }", "Inconsistent material quantity units"},
	{"COMPARTMENT", "STATE { b (mM) }\nKINETIC k { COMPARTMENT tau { s }\n ~ s <-> b (r, r) }", "Inconsistent material quantity units"},
	{"COMPARTMENT of both", "STATE { b (mM) }\nKINETIC k { COMPARTMENT tau { s b }\n ~ s <-> b (r, r) }", "this forward rate, in (1000/sec), must be in (1)"},
	{"COMPARTMENT volume without time", "STATE { b (mM) }\nASSIGNED { diam (micron) }\nKINETIC k { COMPARTMENT diam { s b }\n ~ s <-> b (r * diam, r * diam) }", ""},
	{"CONSERVE", "STATE { b (mM) }\nKINETIC k { ~ s <-> b (r, r)\n CONSERVE s + 2 b = 1 }", ""},
	{"CONSERVE of unlike states", "STATE { q (mV) }\nKINETIC k { ~ s << (c * r)\n ~ q << (v * r)\n CONSERVE s + q = 1 }", "not conformable"},
	{"CONSERVE total of other units", "STATE { b (mM) }\nKINETIC k { ~ s <-> b (r, r)\n CONSERVE s + b = v }", "not conformable"},
	{"CONSERVE with COMPARTMENT", "STATE { b (mM) }\nASSIGNED { diam (micron) }\nKINETIC k { COMPARTMENT diam { s b }\n ~ s <-> b (r * diam, r * diam)\n CONSERVE s + b = c * diam }", ""},
	{"f_flux", "KINETIC k { ~ s << (c * r)\n a = f_flux }", "not conformable"},
	{"LONGITUDINAL_DIFFUSION", "ASSIGNED { diam (micron) }\nPARAMETER { D (micron2/ms) }\nKINETIC k { COMPARTMENT diam * diam { s }\n LONGITUDINAL_DIFFUSION D * diam * diam { s }\n ~ s << (0) }", ""},
	{"LONGITUDINAL_DIFFUSION rate", "ASSIGNED { diam (micron) }\nPARAMETER { D (micron2/ms) }\nKINETIC k { COMPARTMENT diam * diam { s }\n LONGITUDINAL_DIFFUSION D { s }\n ~ s << (0) }", "must be in micron4/ms"},
	{"LONGITUDINAL_DIFFUSION volume", "ASSIGNED { diam (micron) }\nPARAMETER { D (micron2/ms) }\nKINETIC k { COMPARTMENT diam { s }\n LONGITUDINAL_DIFFUSION D * diam * diam { s }\n ~ s << (0) }", "micron3/micron"},
	{"PROTECT", "INITIAL { PROTECT a = tau }", "not conformable"},
	{"top-level LOCAL", "LOCAL w\nINITIAL { w = v }\nBREAKPOINT { a = w }", ""},
	{"top-level LOCAL of other units", "LOCAL w\nINITIAL { w = tau }\nBREAKPOINT { a = w }", "not conformable"},
	{"UNITS factor", "UNITS { F = (faraday) (coulomb) }\nINITIAL { a = F }", "not conformable"},
	{"UNITS factor number", "UNITS { R = 8.314 (joule/degC) }\nASSIGNED { w (joule) celsius (degC) }\nINITIAL { w = R * celsius }", ""},
	// modlunit takes an undeclared name as dimensionless
	{"undeclared name is not modelled", "INITIAL { a = zz }", "-"},
}

// TestExprUnits: the units of expressions, exprCases. Where NEURON's
// modlunit is installed, it must refuse exactly the cases with a warning.
func TestExprUnits(t *testing.T) {
	modlunit, _ := exec.LookPath("modlunit")
	if modlunit == "" {
		t.Log("modlunit not installed: cases not compared with it")
	}
	for _, tc := range exprCases {
		t.Run(tc.name, func(t *testing.T) {
			src := []byte(exprHead + tc.body + "\n")
			f, err := parser.Parse("x.mod", src)
			if err != nil {
				t.Fatal(err)
			}
			ds := Check(f)
			if modlunit != "" {
				dir := t.TempDir()
				if err := os.WriteFile(filepath.Join(dir, "x.mod"), src, 0o644); err != nil {
					t.Fatal(err)
				}
				out, err := corpus.RunInCopy(t.TempDir(), filepath.Join(dir, "x.mod"), modlunit)
				if refused := err != nil; tc.want != "-" && refused != (tc.want != "") {
					t.Errorf("modlunit refuses it: %v; we warn: %v\n%s", refused, tc.want != "", out)
				}
			}
			if tc.want == "" || tc.want == "-" {
				if len(ds) > 0 {
					t.Errorf("want no warning, got %v", ds)
				}
				return
			}
			if len(ds) == 0 || !strings.Contains(ds[0].Msg, tc.want) {
				t.Errorf("want a warning with %q, got %v", tc.want, ds)
			}
		})
	}
}
