package tests

import (
	"bufio"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/nmodlgo/nmodlgo/cli"
	"github.com/nmodlgo/nmodlgo/codegen"
	"github.com/nmodlgo/nmodlgo/generated/builtin"
	"github.com/nmodlgo/nmodlgo/internal/typecheck"
	"github.com/nmodlgo/nmodlgo/scenario"
)

var updateMechanisms = flag.Bool("update", false, "rewrite testdata/mechanisms.tsv from what the reference mechanisms do now")

// referenceDir holds NEURON's reference scenarios, beside the project:
// mechanisms/ (real mechanisms in a standard protocol) and mechanisms2/
// (those with VERBATIM, POINTER, INCLUDE, FUNCTION_TABLE, random numbers,
// …).
var referenceDir = filepath.Join("..", "..", "shared", "reference")

// mechStatus is what a reference mechanism does, as pinned in
// testdata/mechanisms.tsv.
type mechStatus struct {
	status string  // "match", "differs" or "refused"
	maxDv  float64 // differs: the largest difference of v from NEURON's (mV)
	note   string  // differs: why, as far as known; refused: the refusal
}

// TestReferenceMechanisms is the differential suite for code generation
// beyond the built-in mechanisms: ../shared/reference/mechanisms and
// mechanisms2 hold real mechanisms, each in a standard protocol, with
// NEURON's trace. Each
// is compiled on its own and its Go type-checked on its own (so that one
// broken package hides nothing), then run through nmodlgo sim and compared
// with NEURON. What
// each does is pinned in testdata/mechanisms.tsv: the test fails when a
// mechanism that matched stops matching, one that compiled stops
// compiling, one that differed starts to match or differs by more, or a
// refused one compiles (go test -run ReferenceMechanisms -update records
// the new state, to be read and committed).
func TestReferenceMechanisms(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: builds a scratch module")
	}
	dirs, _ := filepath.Glob(filepath.Join(referenceDir, "mechanisms", "*", "scenario.json"))
	wave2, _ := filepath.Glob(filepath.Join(referenceDir, "mechanisms2", "*", "scenario.json"))
	dirs = append(dirs, wave2...)
	if len(dirs) == 0 {
		t.Skipf("no reference mechanisms at %s (they are beside the project, not in it)", referenceDir)
	}
	pinned := readPinned(t)
	// Each scenario's .mod files are compiled, and the Go of each
	// type-checked, on their own; those that pass are built into one
	// simulator with nmodlgo build, whose sim then runs each scenario (it
	// finds a scenario's mechanisms among those built in by their Go).
	type run struct{ name, dir string }
	var runs []run
	var mods []string
	got := map[string]mechStatus{}
	for _, sj := range dirs {
		dir, _ := filepath.Abs(filepath.Dir(sj))
		name := filepath.Base(dir)
		if filepath.Base(filepath.Dir(dir)) == "mechanisms2" {
			name = "mechanisms2/" + name
		}
		s, err := scenario.Load(dir)
		if scenario.IsNotSupported(err) {
			got[name] = mechStatus{status: "refused", note: firstReason(err)}
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		var own []string
		for _, mod := range s.ModPaths() {
			src, err := os.ReadFile(mod)
			if err != nil {
				t.Fatal(err)
			}
			_, code, err := codegen.Compile(mod, src, "mech")
			if err != nil {
				got[name] = mechStatus{status: "refused", note: firstReason(err)}
				break
			}
			if err := typecheck.Check("mech", map[string][]byte{"mech.go": code}); err != nil {
				t.Errorf("%s: the Go generated from %s does not compile: %v", name, filepath.Base(mod), err)
				got[name] = mechStatus{status: "broken"}
				break
			}
			own = append(own, mod)
		}
		if _, failed := got[name]; !failed {
			runs = append(runs, run{name, dir})
			mods = append(mods, own...)
		}
	}
	work := t.TempDir()
	t.Setenv("NMODLGO_CACHE", work) // nothing should be built there
	bin := filepath.Join(work, "refsim")
	var stderr strings.Builder
	if code := cli.Main(append([]string{"build", "-o", bin}, mods...), io.Discard, &stderr, cli.Mechanisms{Standard: builtin.Mechanisms()}); code != 0 {
		t.Fatalf("nmodlgo build of %d mechanisms: exit %d\n%s", len(mods), code, stderr.String())
	}
	outDir := filepath.Join(work, "out")
	if err := os.MkdirAll(outDir, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, r := range runs {
		t.Run(r.name, func(t *testing.T) {
			csv := filepath.Join(outDir, strings.ReplaceAll(r.name, "/", "_")+".csv")
			if msg, err := exec.Command(bin, "sim", "-o", csv, r.dir).CombinedOutput(); err != nil {
				got[r.name] = mechStatus{status: "fails", note: firstReason(errors.New(string(msg)))}
				t.Fatalf("sim: %v\n%s", err, msg)
			} else if strings.Contains(string(msg), "building") {
				t.Errorf("sim built a simulator: it should have found the mechanisms built in\n%s", msg)
			}
			gotTr, want := loadTrace(t, csv), loadTrace(t, filepath.Join(r.dir, "trace.csv"))
			s, err := scenario.Load(r.dir)
			if err != nil {
				t.Fatal(err)
			}
			diffs, err := scenario.MaxDiff(gotTr, want)
			if err != nil {
				t.Fatal(err)
			}
			worst, worstV := 0.0, 0.0
			for _, col := range want.Columns[1:] {
				d := diffs[col]
				t.Logf("%-12s max |Δ| = %.3g (row %d)", col, d.Max, d.Row)
				worst = max(worst, d.Max)
				if strings.HasSuffix(col, "_v") {
					worstV = max(worstV, d.Max)
				}
			}
			if worst <= s.Tolerance {
				got[r.name] = mechStatus{status: "match"}
			} else {
				got[r.name] = mechStatus{status: "differs", maxDv: worstV, note: pinned[r.name].note}
			}
		})
	}

	if *updateMechanisms {
		writePinned(t, got)
		return
	}
	var names []string
	for name := range got {
		names = append(names, name)
	}
	slices.Sort(names)
	counts := map[string]int{}
	for _, name := range names {
		g, p := got[name], pinned[name]
		counts[g.status]++
		switch {
		case p.status == "":
			t.Errorf("%s: %s, and not in testdata/mechanisms.tsv (go test -run ReferenceMechanisms -update)", name, g.status)
		case g.status != p.status:
			t.Errorf("%s: %s, but testdata/mechanisms.tsv says %s %s", name, describe(g), p.status, p.note)
		case g.status == "differs" && g.maxDv > 1.1*p.maxDv:
			t.Errorf("%s: v differs from NEURON's by %.2g mV, more than the %.2g pinned", name, g.maxDv, p.maxDv)
		}
	}
	t.Logf("%d reference scenarios: %d match NEURON, %d differ (pinned), %d refused", len(names), counts["match"], counts["differs"], counts["refused"])
}

// describe says what a mechanism did.
func describe(s mechStatus) string {
	switch s.status {
	case "differs":
		return fmt.Sprintf("differs (max|Δv| %.2g mV)", s.maxDv)
	case "refused", "fails":
		return s.status + ": " + s.note
	}
	return s.status
}

const pinnedPath = "testdata/mechanisms.tsv"

// readPinned reads testdata/mechanisms.tsv: name, status, max|Δv| (mV,
// for differs), note.
func readPinned(t *testing.T) map[string]mechStatus {
	f, err := os.Open(pinnedPath)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	out := map[string]mechStatus{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		fields := strings.SplitN(line, "\t", 4)
		for len(fields) < 4 {
			fields = append(fields, "")
		}
		dv, _ := strconv.ParseFloat(fields[2], 64)
		out[fields[0]] = mechStatus{status: fields[1], maxDv: dv, note: fields[3]}
	}
	return out
}

func writePinned(t *testing.T, got map[string]mechStatus) {
	var sb strings.Builder
	sb.WriteString("# What each reference mechanism of ../shared/reference/mechanisms does (TestReferenceMechanisms):\n")
	sb.WriteString("# name, then match (NEURON's trace within the scenario's tolerance), differs (with the largest\n")
	sb.WriteString("# difference of v, mV, and what is known of why) or refused (with the refusal).\n")
	var names []string
	for name := range got {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		g := got[name]
		dv := ""
		if g.status == "differs" {
			dv = strconv.FormatFloat(g.maxDv, 'g', 2, 64)
		}
		fmt.Fprintf(&sb, "%s\t%s\t%s\t%s\n", name, g.status, dv, g.note)
	}
	if err := os.WriteFile(pinnedPath, []byte(sb.String()), 0o644); err != nil {
		t.Fatal(err)
	}
}

// firstReason is the message of the first refusal or error, without its
// position.
func firstReason(err error) string {
	s := err.Error()
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i]
	}
	for _, sev := range []string{": not supported: ", ": error: "} {
		if i := strings.Index(s, sev); i >= 0 {
			return s[i+2:]
		}
	}
	return s
}
