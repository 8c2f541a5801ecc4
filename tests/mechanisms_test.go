package tests

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/nmodlgo/nmodlgo/codegen"
	"github.com/nmodlgo/nmodlgo/scenario"
)

// TestReferenceMechanisms is the differential suite for code generation
// beyond hh, pas and IClamp: ../shared/reference/mechanisms holds real
// mechanisms from the corpus, each in a standard protocol, with NEURON's
// trace. Every mechanism nmodlgo can compile is compiled into a scratch
// module with a small runner, run, and compared with NEURON within the
// scenario's tolerance; the others are counted with the reason code
// generation gives.
func TestReferenceMechanisms(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: builds a scratch module")
	}
	ref := filepath.Join("..", "..", "shared", "reference", "mechanisms")
	dirs, _ := filepath.Glob(filepath.Join(ref, "*", "scenario.json"))
	if len(dirs) == 0 {
		t.Skipf("no reference mechanisms at %s (they are beside the project, not in it)", ref)
	}
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
	var imports []string
	reasons := map[string][]string{}
	seen := map[string]string{} // Go package → scenario, to keep names unique
	for _, sj := range dirs {
		dir := filepath.Dir(sj)
		name := filepath.Base(dir)
		s, err := scenario.Load(dir)
		if err != nil {
			t.Fatal(err)
		}
		var pkgs []string
		failed := ""
		for _, mod := range s.ModPaths() {
			src, err := os.ReadFile(mod)
			if err != nil {
				t.Fatal(err)
			}
			pkg := "m" + fmt.Sprint(len(seen))
			m, code, err := codegen.Compile(filepath.Base(mod), src, pkg)
			if err != nil {
				failed = firstLine(err.Error())
				break
			}
			_ = m
			seen[pkg] = name
			out := filepath.Join(work, "mech", pkg, pkg+".go")
			if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(out, code, 0o644); err != nil {
				t.Fatal(err)
			}
			pkgs = append(pkgs, pkg)
		}
		if failed != "" {
			reasons[failed] = append(reasons[failed], name)
			continue
		}
		imports = append(imports, pkgs...)
		abs, _ := filepath.Abs(dir)
		runs = append(runs, run{name, abs, pkgs})
	}
	t.Logf("compiled %d of %d reference scenarios", len(runs), len(dirs))
	var lines []string
	for why, names := range reasons {
		lines = append(lines, fmt.Sprintf("%3d  %s (e.g. %s)", len(names), why, names[0]))
	}
	sort.Sort(sort.Reverse(sort.StringSlice(lines)))
	t.Logf("not compiled yet:\n%s", strings.Join(lines, "\n"))
	if len(runs) == 0 {
		return
	}

	// A runner that runs each scenario given on its command line, with the
	// built-in mechanisms and its own, into out/<name>.csv. (Two scenarios
	// may hold different mechanisms of the same name.)
	var b strings.Builder
	b.WriteString("package main\n\nimport (\n\t\"os\"\n\t\"path/filepath\"\n\n")
	b.WriteString("\t\"github.com/nmodlgo/nmodlgo/generated/builtin\"\n\t\"github.com/nmodlgo/nmodlgo/scenario\"\n")
	for _, p := range imports {
		fmt.Fprintf(&b, "\t%q\n", "example.com/mechs/mech/"+p)
	}
	b.WriteString("\trt \"github.com/nmodlgo/nmodlgo/runtime\"\n")
	b.WriteString(")\n\nvar own = map[string][]rt.Mechanism{\n")
	for _, r := range runs {
		fmt.Fprintf(&b, "\t%q: {", r.name)
		for _, p := range r.pkgs {
			fmt.Fprintf(&b, "%s.Mechanism(), ", p)
		}
		b.WriteString("},\n")
	}
	b.WriteString("}\n\nfunc main() {\n")
	b.WriteString(`	for _, dir := range os.Args[2:] {
		mechs := append(builtin.Mechanisms(), own[filepath.Base(dir)]...)
		out := filepath.Join(os.Args[1], filepath.Base(dir)+".csv")
		s, err := scenario.Load(dir)
		if err != nil {
			os.WriteFile(out+".err", []byte(err.Error()), 0o644)
			continue
		}
		tr, err := s.Simulate(mechs)
		if err != nil {
			os.WriteFile(out+".err", []byte(err.Error()), 0o644)
			continue
		}
		f, _ := os.Create(out)
		tr.WriteCSV(f)
		f.Close()
	}
}
`)
	write := func(name, text string) {
		if err := os.WriteFile(filepath.Join(work, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("main.go", b.String())
	gomod, _ := os.ReadFile(filepath.Join(repo, "go.mod"))
	goLine := "go 1.26"
	for _, l := range strings.Split(string(gomod), "\n") {
		if strings.HasPrefix(l, "go ") {
			goLine = l
		}
	}
	write("go.mod", "module example.com/mechs\n\n"+goLine+"\n\nrequire github.com/nmodlgo/nmodlgo v0.0.0\n\nreplace github.com/nmodlgo/nmodlgo => "+repo+"\n")
	outDir := filepath.Join(work, "out")
	if err := os.MkdirAll(outDir, 0o755); err != nil {
		t.Fatal(err)
	}
	args := []string{"run", ".", outDir}
	for _, r := range runs {
		args = append(args, r.dir)
	}
	tidy := exec.Command("go", "mod", "tidy")
	tidy.Dir, tidy.Env = work, append(os.Environ(), "GOFLAGS=-mod=mod")
	if out, err := tidy.CombinedOutput(); err != nil {
		t.Fatalf("go mod tidy: %v\n%s", err, out)
	}
	cmd := exec.Command("go", args...)
	cmd.Dir, cmd.Env = work, append(os.Environ(), "GOFLAGS=-mod=mod")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go run: %v\n%s", err, out)
	}
	matched := 0
	for _, r := range runs {
		t.Run(r.name, func(t *testing.T) {
			csv := filepath.Join(outDir, r.name+".csv")
			if msg, err := os.ReadFile(csv + ".err"); err == nil {
				t.Fatalf("%s", msg)
			}
			got, want := loadTrace(t, csv), loadTrace(t, filepath.Join(r.dir, "trace.csv"))
			s, err := scenario.Load(r.dir)
			if err != nil {
				t.Fatal(err)
			}
			if why, known := knownDifferences[r.name]; known {
				diffs, err := scenario.MaxDiff(got, want)
				if err != nil {
					t.Fatal(err)
				}
				worst := 0.0
				for _, d := range diffs {
					worst = max(worst, d.Max)
				}
				if worst <= s.Tolerance {
					t.Fatalf("now matches NEURON (max |Δ| %.3g): remove it from knownDifferences", worst)
				}
				t.Skipf("known difference, max |Δ| %.3g: %s", worst, why)
			}
			compare(t, got, want, s.Tolerance)
			if !t.Failed() {
				matched++
			}
		})
	}
	t.Logf("%d of %d compiled mechanisms match NEURON within tolerance; %d are known to differ (see knownDifferences)", matched, len(runs), len(knownDifferences))
}

// knownDifferences are scenarios that compile and run but do not reach
// 1e-6 mV, with what is known of why. They are reported, not hidden: the
// test logs their differences and fails if one of them starts to match, so
// that it leaves this list.
var knownDifferences = map[string]string{
	"144526__na8st":    "KINETIC with STEADYSTATE sparse: NEURON's initial state differs from the exact backward Euler (dt = 1e9) solution by 6e-7 relative, ours by 4e-8; NEURON's sparse iteration stops at sum|dx| <= 1e-6",
	"144526__nax8st":   "as 144526__na8st",
	"120692__nakpump1": "KINETIC with COMPARTMENT and STEADYSTATE: the same initial-state difference, then a slow drift (2.4e-6 mV at 40 ms)",
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i]
	}
	// Drop the file:line:col: prefix so that reasons group.
	if i := strings.LastIndex(s, ": "); i >= 0 {
		if j := strings.Index(s, ".mod:"); j >= 0 && j < i {
			s = s[strings.Index(s[j:], " ")+j+1:]
		}
	}
	return s
}
