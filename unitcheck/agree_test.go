package unitcheck

import (
	"bufio"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/nmodlgo/nmodlgo/internal/corpus"
	"github.com/nmodlgo/nmodlgo/parser"
)

var update = flag.Bool("update", false, "rewrite testdata/modlunit.tsv with NEURON's modlunit")

// verdict is modlunit's on one file: pass, must NAME (a variable of
// NEURON's in other units), unknown UNIT, or other PROBLEM: an
// expression's units (conformable: two expressions that must have the same
// units do not; dimensionless: one that must be has units; factor: a
// conversion factor is missing; kinetic: a KINETIC reaction's units;
// diffusion: LONGITUDINAL_DIFFUSION's), or a problem this package does
// not look for (modlunit's syntax, ...). at is where modlunit stops, "file:line".
type verdict struct{ kind, what, at string }

var (
	mustRe    = regexp.MustCompile(`(?m)^(\S+) must have the units, `)
	unknownRe = regexp.MustCompile(`Cannot recognize the units: (\S+)`)
	atRe      = regexp.MustCompile(`at line (\d+) in file (\S+)`)
	problems  = []struct{ what, re string }{
		{"conformable", `are not conformable`},
		{"dimensionless", `is not dimensionless`},
		{"factor", `is missing a conversion factor`},
		{"kinetic", `(?i)inconsistent (flux|reaction|material quantity) units`},
		{"diffusion", `relevant area \* diffusion constant|LONGDITUDINAL_DIFFUSION the compartment`},
		{"syntax", `syntax error`},
	}
)

// TestAgreesWithModlunit: over the corpus files nocmodl translates,
// compared with modlunit's verdicts (testdata/modlunit.tsv, which go test
// -update remakes with modlunit): no warning on a file modlunit passes;
// on a file where modlunit stops on a variable of NEURON's in other units
// or a unit it does not know, a warning naming the same variable or unit;
// on one where it stops on an expression's units, a warning, most often
// on the line where modlunit stops (a floor: modlunit stops at its first
// problem and reads INCLUDEs and some blocks in another order).
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
		if len(p) == 4 {
			want[p[0]] = verdict{p[1], p[2], p[3]}
		}
	}
	counts := map[string]int{}
	var exprFiles, exprFlagged, exprSameLine int
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
		case "other":
			switch v.what {
			case "conformable", "dimensionless", "factor", "kinetic", "diffusion":
				exprFiles++
				if len(ds) > 0 {
					exprFlagged++
				} else {
					t.Logf("%s: modlunit stops at %s (%s), no warning here", e.Path, v.at, v.what)
				}
				for _, d := range ds {
					if filepath.Base(d.Pos.Filename())+":"+strconv.Itoa(d.Pos.Line) == v.at {
						exprSameLine++
						break
					}
				}
			}
		}
		counts[v.kind]++
	}
	t.Logf("modlunit's verdicts on the corpus: %d pass, %d a variable of NEURON's in other units, %d an unknown unit, %d other problems",
		counts["pass"], counts["must"], counts["unknown"], counts["other"])
	t.Logf("of %d files where modlunit stops on the units of an expression or a KINETIC block, %d get a warning here, %d on modlunit's line",
		exprFiles, exprFlagged, exprSameLine)
	if counts["pass"] < 300 || counts["must"] < 50 || counts["unknown"] < 20 || exprFiles < 100 {
		t.Errorf("too few files compared: %v, %d with expression problems", counts, exprFiles)
	}
	if exprFlagged < exprFiles*9/10 || exprSameLine < exprFiles*8/10 {
		t.Errorf("expression units: %d of %d files flagged, %d on modlunit's line; floors 90%% and 80%%", exprFlagged, exprFiles, exprSameLine)
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
		v := verdict{"pass", "-", "-"}
		if err != nil {
			v = verdict{"other", "other", "-"}
			if m := mustRe.FindSubmatch(out); m != nil {
				v.kind, v.what = "must", string(m[1])
			} else if m := unknownRe.FindSubmatch(out); m != nil {
				v.kind, v.what = "unknown", string(m[1])
			} else {
				for _, p := range problems {
					if regexp.MustCompile(p.re).Match(out) {
						v.what = p.what
						break
					}
				}
			}
			if m := atRe.FindSubmatch(out); m != nil {
				v.at = string(m[2]) + ":" + string(m[1])
			}
		}
		sb.WriteString(e.Path + "\t" + v.kind + "\t" + v.what + "\t" + v.at + "\n")
	}
	if err := os.WriteFile(golden, []byte(sb.String()), 0o644); err != nil {
		t.Fatal(err)
	}
}
