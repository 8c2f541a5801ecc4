// Command tutorial is NEURON's "Scripting NEURON basics" tutorial in Go:
// a 20 µm soma with Hodgkin–Huxley channels, a 0.9 nA, 0.1 ms current pulse
// at 2 ms, and the membrane potential recorded for 40 ms from -65 mV. It
// prints what the Python tutorial prints, then writes the trace as
// tutorial.csv, .json and .npy, plots it as tutorial.png, .svg and .html (an
// interactive page), and reads the data back.
//
//	go run ./examples/tutorial [-o dir]   # dir: tutorial-out
//
// Every mechanism comes from a .mod file compiled by nmodlgo: hh and IClamp
// are the packages generated from mod/hh.mod and mod/IClamp.mod.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/nmodlgo/nmodlgo/generated/hh"
	"github.com/nmodlgo/nmodlgo/generated/iclamp"
	"github.com/nmodlgo/nmodlgo/scenario"
	"github.com/nmodlgo/nmodlgo/sim"
	"github.com/nmodlgo/nmodlgo/traceout"
	"github.com/nmodlgo/nmodlgo/units"
)

func main() {
	out := flag.String("o", "tutorial-out", "write tutorial.csv, .json, .npy, .png, .svg and .html to `dir`")
	flag.Parse()
	if _, err := run(*out, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "tutorial:", err)
		os.Exit(1)
	}
}

// result is what the run recorded.
type result struct {
	T, V []float64
}

func run(dir string, w io.Writer) (*result, error) {
	// soma = n.Section("soma")
	m := sim.NewModel()
	soma, err := m.NewSection("soma")
	if err != nil {
		return nil, err
	}
	fmt.Fprintln(w, "# n.topology()")
	fmt.Fprint(w, m.Topology())
	fmt.Fprintln(w, "# soma.psection()")
	fmt.Fprintln(w, soma.PSection())

	// soma.L = soma.diam = 20 * µm; soma.insert(n.hh)
	if err := soma.SetL(20 * units.Um); err != nil {
		return nil, err
	}
	if err := soma.SetDiam(20 * units.Um); err != nil {
		return nil, err
	}
	if err := soma.Insert(hh.Mechanism()); err != nil {
		return nil, err
	}

	// iclamp = n.IClamp(soma(0.5)); iclamp.delay = 2 * ms; …
	stim, err := iclamp.New(m, soma.At(0.5))
	if err != nil {
		return nil, err
	}
	for _, p := range []struct {
		name  sim.Var
		value float64
	}{{iclamp.Del, 2 * units.Ms}, {iclamp.Dur, 0.1 * units.Ms}, {iclamp.Amp, 0.9 * units.NA}} {
		if err := stim.Set(p.name, p.value); err != nil {
			return nil, err
		}
	}
	fmt.Fprintln(w, "# n.topology()")
	fmt.Fprint(w, m.Topology())
	fmt.Fprintln(w, "# soma.psection()")
	fmt.Fprintln(w, soma.PSection())
	fmt.Fprintf(w, "# %s at %s\n", stim.Name(), stim.Segment())
	for _, vi := range stim.Info().Vars {
		if vi.Public {
			x, _ := stim.Get(sim.Var(vi.Name))
			fmt.Fprintf(w, "%s.%s = %g (%s)\n", stim.Name(), vi.Name, x, vi.Units)
		}
	}

	// v = n.Vector().record(soma(0.5)._ref_v); t = n.Vector().record(n._ref_t)
	v, err := m.Record(soma.At(0.5).Ref("v"))
	if err != nil {
		return nil, err
	}
	t, err := m.Record(m.TimeRef())
	if err != nil {
		return nil, err
	}

	// n.finitialize(-65 * mV); n.continuerun(40 * ms)
	if err := m.Finitialize(-65 * units.MV); err != nil {
		return nil, err
	}
	if err := m.ContinueRun(40 * units.Ms); err != nil {
		return nil, err
	}
	res := &result{T: t.Values(), V: v.Values()}
	peak := slices.Index(res.V, slices.Max(res.V))
	fmt.Fprintf(w, "# ran to t = %g ms: %d samples; peak v = %.2f mV at t = %.2f ms\n",
		m.T(), len(res.V), res.V[peak], res.T[peak])

	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	tr := &scenario.Trace{Columns: []string{"t", "v"}, Data: [][]float64{res.T, res.V}}
	opt := traceout.Options{
		Title:    "Scripting NEURON basics, in Go: soma with hh, IClamp 0.9 nA at 2 ms",
		Quantity: map[string]string{"v": "v (mV)"},
	}
	var written []string
	for _, f := range []traceout.Format{traceout.CSV, traceout.JSON, traceout.NPY, traceout.PNG, traceout.SVG, traceout.HTML} {
		path := filepath.Join(dir, "tutorial"+string(f))
		if err := save(path, f, tr, opt); err != nil {
			return nil, err
		}
		written = append(written, path)
	}
	if err := checkSaved(dir, res); err != nil {
		return nil, err
	}
	fmt.Fprintf(w, "# wrote %s; read the CSV and JSON back\n", strings.Join(written, ", "))
	return res, nil
}

// save writes the trace to path in format f.
func save(path string, f traceout.Format, tr *scenario.Trace, opt traceout.Options) error {
	out, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := traceout.Write(out, f, tr, opt); err != nil {
		out.Close()
		return fmt.Errorf("%s: %w", path, err)
	}
	return out.Close()
}

// checkSaved reads both files back and insists on the very same numbers.
func checkSaved(dir string, res *result) error {
	tr, err := scenario.ReadCSVFile(filepath.Join(dir, "tutorial.csv"))
	if err != nil {
		return fmt.Errorf("reading tutorial.csv back: %w", err)
	}
	if !slices.Equal(tr.Column("t"), res.T) || !slices.Equal(tr.Column("v"), res.V) {
		return fmt.Errorf("tutorial.csv does not read back as written")
	}
	data, err := os.ReadFile(filepath.Join(dir, "tutorial.json"))
	if err != nil {
		return err
	}
	var back struct{ Data map[string][]float64 }
	if err := json.Unmarshal(data, &back); err != nil {
		return fmt.Errorf("reading tutorial.json back: %w", err)
	}
	if !slices.Equal(back.Data["t"], res.T) || !slices.Equal(back.Data["v"], res.V) {
		return fmt.Errorf("tutorial.json does not read back as written")
	}
	return nil
}
