package main

import (
	"bytes"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nmodlgo/nmodlgo/scenario"
)

// TestTutorial runs the tutorial and checks what it prints, the files it
// writes and its trace against NEURON's (the golden tutorial trace).
func TestTutorial(t *testing.T) {
	dir := t.TempDir()
	var out bytes.Buffer
	res, err := run(dir, &out)
	if err != nil {
		t.Fatal(err)
	}
	text := out.String()
	for _, want := range []string{
		"\n|-|       soma(0-1)\n\n",
		"soma { nseg=1  L=100  Ra=35.4\n", "\tinsert morphology { diam=500}\n",
		"soma { nseg=1  L=20  Ra=35.4\n", "\tinsert hh { gnabar_hh=0.12 gkbar_hh=0.036 gl_hh=0.0003 el_hh=-54.3}\n",
		"IClamp[0].del = 2 (ms)", "IClamp[0].dur = 0.1 (ms)", "IClamp[0].amp = 0.9 (nA)",
		"1601 samples; peak v = 36.96 mV at t = 5.25 ms",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("output lacks %q", want)
		}
	}

	neuron, err := scenario.ReadCSVFile("../../tests/testdata/golden/tutorial/trace.csv")
	if err != nil {
		t.Fatal(err)
	}
	want := neuron.Column("soma_v")
	if len(res.V) != len(want) {
		t.Fatalf("%d samples, NEURON has %d", len(res.V), len(want))
	}
	worst := 0.0
	for i := range want {
		worst = math.Max(worst, math.Abs(res.V[i]-want[i]))
	}
	t.Logf("max |v - v_NEURON| = %.3g mV", worst)
	if worst > 1e-6 {
		t.Errorf("tutorial trace differs from NEURON's by %.3g mV", worst)
	}

	csv, err := os.ReadFile(filepath.Join(dir, "tutorial.csv"))
	if err != nil || !bytes.HasPrefix(csv, []byte("t,v\n0.0,-65.0\n0.025,")) {
		t.Errorf("tutorial.csv does not start with the header and t = 0: %v %.40q", err, csv)
	}
	js, err := os.ReadFile(filepath.Join(dir, "tutorial.json"))
	if err != nil || !bytes.HasPrefix(js, []byte("{\n \"columns\": [\n  \"t\",\n  \"v\"\n ],\n \"data\": {")) {
		t.Errorf("tutorial.json is not {\"columns\": [\"t\", \"v\"], \"data\": …}: %v %.60q", err, js)
	}
	for _, name := range []string{"tutorial.npy", "tutorial.html"} {
		if st, err := os.Stat(filepath.Join(dir, name)); err != nil || st.Size() < 10000 {
			t.Errorf("%s: %v", name, err)
		}
	}
	pf, err := os.Open(filepath.Join(dir, "tutorial.png"))
	if err != nil {
		t.Fatal(err)
	}
	defer pf.Close()
	if img, err := png.Decode(pf); err != nil || img.Bounds().Dx() < 400 {
		t.Errorf("tutorial.png: %v", err)
	}
	svg, err := os.ReadFile(filepath.Join(dir, "tutorial.svg"))
	if err != nil || !bytes.Contains(svg, []byte("v (mV)")) || !bytes.Contains(svg, []byte("t (ms)")) {
		t.Errorf("tutorial.svg lacks its axis labels: %v", err)
	}
}
