package unitcheck

import (
	"bufio"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/nmodlgo/nmodlgo/internal/corpus"
	"github.com/nmodlgo/nmodlgo/parser"
)

var update = flag.Bool("update", false, "rewrite testdata/modlunit.tsv with NEURON's modlunit")

// verdict is modlunit's on one file: pass, must NAME (a variable of
// NEURON's in other units), unknown UNIT, or other (a problem this
// package does not look for).
type verdict struct{ kind, what string }

var (
	mustRe    = regexp.MustCompile(`(?m)^(\S+) must have the units, `)
	unknownRe = regexp.MustCompile(`Cannot recognize the units: (\S+)`)
)

// TestAgreesWithModlunit: over the corpus files nocmodl translates,
// compared with modlunit's verdicts (testdata/modlunit.tsv, which go test
// -update remakes with modlunit): no warning on a file modlunit passes,
// and on a file where modlunit stops on a problem this package looks for
// (a variable of NEURON's in other units, a unit it does not know), a
// warning naming the same variable or unit.
func TestAgreesWithModlunit(t *testing.T) {
	dir := corpus.Dir
	entries, err := corpus.Manifest(dir)
	if err != nil {
		t.Skipf("no corpus at %s: %v", dir, err)
	}
	const golden = "testdata/modlunit.tsv"
	if *update {
		writeModlunit(t, dir, entries, golden)
	}
	f, err := os.Open(golden)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	want := map[string]verdict{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		p := strings.Split(sc.Text(), "\t")
		if len(p) == 3 {
			want[p[0]] = verdict{p[1], p[2]}
		}
	}
	counts := map[string]int{}
	for _, e := range entries {
		if !e.NocmodlOK || !e.Mod {
			continue
		}
		v, ok := want[e.Path]
		if !ok {
			t.Errorf("%s: not in %s", e.Path, golden)
			continue
		}
		file, err := parser.ParseFile(filepath.Join(dir, e.Path))
		if err != nil {
			t.Errorf("%s: %v", e.Path, err)
			continue
		}
		ds := Check(file)
		var msgs []string
		for _, d := range ds {
			msgs = append(msgs, d.Msg)
		}
		all := strings.Join(msgs, "\n")
		switch v.kind {
		case "pass":
			if len(ds) > 0 {
				t.Errorf("%s: modlunit passes it, but:\n%s", e.Path, all)
			}
		case "must":
			if !strings.Contains(all, v.what+" must have the units") {
				t.Errorf("%s: modlunit says %s must have other units; we say:\n%s", e.Path, v.what, all)
			}
		case "unknown":
			if !strings.Contains(all, `cannot recognize the units "`+v.what+`"`) {
				t.Errorf("%s: modlunit cannot recognize the units %s; we say:\n%s", e.Path, v.what, all)
			}
		}
		counts[v.kind]++
	}
	t.Logf("modlunit's verdicts on the corpus: %d pass, %d a variable of NEURON's in other units, %d an unknown unit, %d other problems (not looked for)",
		counts["pass"], counts["must"], counts["unknown"], counts["other"])
	if counts["pass"] < 300 || counts["must"] < 50 || counts["unknown"] < 20 {
		t.Errorf("too few files compared: %v", counts)
	}
}

// writeModlunit runs NEURON's modlunit on each corpus file and records
// its verdict.
func writeModlunit(t *testing.T, dir string, entries []corpus.Entry, golden string) {
	modlunit, err := exec.LookPath("modlunit")
	if err != nil {
		t.Fatal("-update needs modlunit (apt-get install neuron)")
	}
	var sb strings.Builder
	for _, e := range entries {
		if !e.NocmodlOK || !e.Mod {
			continue
		}
		out, err := corpus.RunInCopy(t.TempDir(), filepath.Join(dir, e.Path), modlunit)
		v := verdict{"pass", "-"}
		if err != nil {
			v = verdict{"other", "-"}
			if m := mustRe.FindSubmatch(out); m != nil {
				v = verdict{"must", string(m[1])}
			} else if m := unknownRe.FindSubmatch(out); m != nil {
				v = verdict{"unknown", string(m[1])}
			}
		}
		sb.WriteString(e.Path + "\t" + v.kind + "\t" + v.what + "\n")
	}
	if err := os.WriteFile(golden, []byte(sb.String()), 0o644); err != nil {
		t.Fatal(err)
	}
}
