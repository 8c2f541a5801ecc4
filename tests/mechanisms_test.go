package tests

import (
	"bufio"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/nmodlgo/nmodlgo/codegen"
	"github.com/nmodlgo/nmodlgo/internal/typecheck"
	"github.com/nmodlgo/nmodlgo/scenario"
)

var updateMechanisms = flag.Bool("update", false, "rewrite testdata/mechanisms.tsv from what the reference mechanisms do now")

// referenceDir holds NEURON's reference mechanisms, beside the project.
var referenceDir = filepath.Join("..", "..", "shared", "reference", "mechanisms")

// mechStatus is what a reference mechanism does, as pinned in
// testdata/mechanisms.tsv.
type mechStatus struct {
	status string  // "match", "differs" or "refused"
	maxDv  float64 // differs: the largest difference of v from NEURON's (mV)
	note   string  // differs: why, as far as known; refused: the refusal
}

// TestReferenceMechanisms is the differential suite for code generation
// beyond the built-in mechanisms: ../shared/reference/mechanisms holds
// real mechanisms, each in a standard protocol, with NEURON's trace. Each
// is compiled on its own and its Go type-checked on its own (so that one
// broken package hides nothing), then run and compared with NEURON. What
// each does is pinned in testdata/mechanisms.tsv: the test fails when a
// mechanism that matched stops matching, one that compiled stops
// compiling, one that differed starts to match or differs by more, or a
// refused one compiles (go test -run ReferenceMechanisms -update records
// the new state, to be read and committed).
func TestReferenceMechanisms(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: builds a scratch module")
	}
	dirs, _ := filepath.Glob(filepath.Join(referenceDir, "*", "scenario.json"))
	if len(dirs) == 0 {
		t.Skipf("no reference mechanisms at %s (they are beside the project, not in it)", referenceDir)
	}
	pinned := readPinned(t)
	repo, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	work := t.TempDir()
	type run struct {
		name, dir string
		pkgs      []string
	}
	var runs []run
	got := map[string]mechStatus{}
	for _, sj := range dirs {
		dir, _ := filepath.Abs(filepath.Dir(sj))
		name := filepath.Base(dir)
		s, err := scenario.Load(dir)
		if err != nil {
			t.Fatal(err)
		}
		r := run{name: name, dir: dir}
		for _, mod := range s.ModPaths() {
			src, err := os.ReadFile(mod)
			if err != nil {
				t.Fatal(err)
			}
			pkg := fmt.Sprintf("m%d", len(runs)*10+len(r.pkgs))
			_, code, err := codegen.Compile(mod, src, pkg)
			if err != nil {
				got[name] = mechStatus{status: "refused", note: firstReason(err)}
				break
			}
			if err := typecheck.Check(pkg, map[string][]byte{pkg + ".go": code}); err != nil {
				t.Errorf("%s: the Go generated from %s does not compile: %v", name, filepath.Base(mod), err)
				got[name] = mechStatus{status: "broken"}
				break
			}
			writeFile(t, filepath.Join(work, "mech", pkg, pkg+".go"), string(code))
			r.pkgs = append(r.pkgs, pkg)
		}
		if _, failed := got[name]; !failed {
			runs = append(runs, r)
		}
	}

	// One runner for the mechanisms that type-checked: it runs each
	// scenario given on its command line, with the built-in mechanisms
	// and its own, into out/<name>.csv.
	var b strings.Builder
	b.WriteString("package main\n\nimport (\n\t\"os\"\n\t\"path/filepath\"\n\n")
	b.WriteString("\t\"github.com/nmodlgo/nmodlgo/generated/builtin\"\n\t\"github.com/nmodlgo/nmodlgo/scenario\"\n\t\"github.com/nmodlgo/nmodlgo/sim\"\n")
	for _, r := range runs {
		for _, p := range r.pkgs {
			fmt.Fprintf(&b, "\t%q\n", "example.com/mechs/mech/"+p)
		}
	}
	b.WriteString(")\n\nvar own = map[string][]sim.Mechanism{\n")
	for _, r := range runs {
		fmt.Fprintf(&b, "\t%q: {", r.name)
		for _, p := range r.pkgs {
			fmt.Fprintf(&b, "%s.Mechanism(), ", p)
		}
		b.WriteString("},\n")
	}
	b.WriteString(`}

func main() {
	for _, dir := range os.Args[2:] {
		mechs := append(builtin.Mechanisms(), own[filepath.Base(dir)]...)
		out := filepath.Join(os.Args[1], filepath.Base(dir)+".csv")
		s, err := scenario.Load(dir)
		if err == nil {
			var tr *scenario.Trace
			if tr, err = s.Simulate(mechs); err == nil {
				f, _ := os.Create(out)
				tr.WriteCSV(f)
				f.Close()
				continue
			}
		}
		os.WriteFile(out+".err", []byte(err.Error()), 0o644)
	}
}
`)
	writeFile(t, filepath.Join(work, "main.go"), b.String())
	writeFile(t, filepath.Join(work, "go.mod"), "module example.com/mechs\n\n"+goLine(t, repo)+"\n\nrequire github.com/nmodlgo/nmodlgo v0.0.0\n\nreplace github.com/nmodlgo/nmodlgo => "+repo+"\n")
	outDir := filepath.Join(work, "out")
	if err := os.MkdirAll(outDir, 0o755); err != nil {
		t.Fatal(err)
	}
	goCmd(t, work, "mod", "tidy")
	args := []string{"run", ".", outDir}
	for _, r := range runs {
		args = append(args, r.dir)
	}
	goCmd(t, work, args...)

	for _, r := range runs {
		t.Run(r.name, func(t *testing.T) {
			csv := filepath.Join(outDir, r.name+".csv")
			if msg, err := os.ReadFile(csv + ".err"); err == nil {
				got[r.name] = mechStatus{status: "fails", note: string(msg)}
				t.Fatalf("%s", msg)
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
	t.Logf("%d reference mechanisms: %d match NEURON, %d differ (pinned), %d refused", len(names), counts["match"], counts["differs"], counts["refused"])
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

func writeFile(t *testing.T, path, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// goLine is the go directive of the repository's go.mod.
func goLine(t *testing.T, repo string) string {
	gomod, err := os.ReadFile(filepath.Join(repo, "go.mod"))
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range strings.Split(string(gomod), "\n") {
		if strings.HasPrefix(l, "go ") {
			return l
		}
	}
	return "go 1.26"
}

// goCmd runs the go command in dir, offline from the module proxy's point
// of view (GOFLAGS=-mod=mod lets go.sum be written).
func goCmd(t *testing.T, dir string, args ...string) {
	t.Helper()
	cmd := exec.Command("go", args...)
	cmd.Dir, cmd.Env = dir, append(os.Environ(), "GOFLAGS=-mod=mod")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go %s: %v\n%s", args[0], err, out)
	}
}
