package ir

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nmodlgo/nmodlgo/internal/corpus"
	"github.com/nmodlgo/nmodlgo/parser"
)

// threadsafeCases are small files for each part of nocmodl's rule, with
// its verdict (VECTORIZED or not). TestThreadsafe checks ours, and,
// where nocmodl is installed, NEURON's.
var threadsafeCases = []struct {
	name string
	src  string
	safe bool
}{
	{"plain", "NEURON { SUFFIX x RANGE a }\nASSIGNED { a }\nBREAKPOINT { a = 1 }\n", true},
	{"GLOBAL assigned in INITIAL", "NEURON { SUFFIX x GLOBAL g }\nASSIGNED { g }\nINITIAL { g = 1 }\n", false},
	{"GLOBAL assigned in an unused PROCEDURE", "NEURON { SUFFIX x GLOBAL g }\nASSIGNED { g }\nPROCEDURE p() { g = 1 }\n", false},
	{"GLOBAL assigned, THREADSAFE after", "NEURON { SUFFIX x GLOBAL g }\nASSIGNED { g }\nINITIAL { g = 1 }\nNEURON { THREADSAFE }\n", true},
	{"GLOBAL assigned in PROTECT", "NEURON { SUFFIX x GLOBAL g }\nASSIGNED { g }\nINITIAL { PROTECT g = 1 }\nBREAKPOINT { g = 2 }\n", true},
	{"GLOBAL shadowed by a LOCAL", "NEURON { SUFFIX x GLOBAL g }\nASSIGNED { g }\nINITIAL { LOCAL g g = 1 }\n", true},
	{"non-RANGE PARAMETER assigned", "NEURON { SUFFIX x }\nPARAMETER { p = 1 }\nINITIAL { p = 2 }\n", true},
	{"top-level LOCAL assigned", "NEURON { SUFFIX x }\nLOCAL z\nINITIAL { z = 2 }\n", true},
	{"VERBATIM", "NEURON { SUFFIX x }\nVERBATIM\nENDVERBATIM\n", false},
	{"VERBATIM after THREADSAFE", "NEURON { SUFFIX x THREADSAFE }\nVERBATIM\nENDVERBATIM\n", true},
	{"VERBATIM before THREADSAFE", "VERBATIM\nENDVERBATIM\nNEURON { SUFFIX x THREADSAFE }\n", false},
	{"POINTER before THREADSAFE", "NEURON { SUFFIX x POINTER p THREADSAFE }\nASSIGNED { p }\n", false},
	{"normrand", "NEURON { SUFFIX x }\nASSIGNED { a }\nINITIAL { a = normrand(0, 1) }\n", false},
	{"SUFFIX nothing", "NEURON { SUFFIX nothing THREADSAFE }\n", false},
	{"DERIVATIVE by runge", "NEURON { SUFFIX x THREADSAFE }\nSTATE { m }\nBREAKPOINT { SOLVE d METHOD runge }\nDERIVATIVE d { m' = -m }\n", false},
	{"DERIVATIVE by euler", "NEURON { SUFFIX x }\nSTATE { m }\nBREAKPOINT { SOLVE d METHOD euler }\nDERIVATIVE d { m' = -m }\n", true},
	{"KINETIC by sparse", "NEURON { SUFFIX x }\nSTATE { a b }\nBREAKPOINT { SOLVE k METHOD sparse }\nKINETIC k { ~ a <-> b (1, 2) }\n", true},
	{"state_discontinuity in BREAKPOINT", "NEURON { POINT_PROCESS x THREADSAFE }\nSTATE { s }\nBREAKPOINT { state_discontinuity(s, 1) }\n", false},
	{"state_discontinuity in NET_RECEIVE", "NEURON { POINT_PROCESS x }\nSTATE { s }\nBREAKPOINT { SOLVE d METHOD cnexp }\nDERIVATIVE d { s' = -s }\nNET_RECEIVE (w) { state_discontinuity(s, s + w) }\n", true},
	{"ARTIFICIAL_CELL with a top-level LOCAL", "NEURON { ARTIFICIAL_CELL x THREADSAFE }\nLOCAL z\nNET_RECEIVE (w) { z = w }\n", false},
	{"ARTIFICIAL_CELL with cnexp", "NEURON { ARTIFICIAL_CELL x }\nSTATE { m }\nBREAKPOINT { SOLVE d METHOD cnexp }\nDERIVATIVE d { m' = -m }\nNET_RECEIVE (w) { m = m + w }\n", true},
}

// TestThreadsafe: Threadsafe is nocmodl's VECTORIZED, case by case.
func TestThreadsafe(t *testing.T) {
	nocmodl, _ := exec.LookPath("nocmodl")
	for _, tt := range threadsafeCases {
		t.Run(tt.name, func(t *testing.T) {
			f, err := parser.Parse("x.mod", []byte(tt.src))
			if err != nil {
				t.Fatal(err)
			}
			l := newLowerer(f, mustCheck(t, f))
			l.lower()
			if got := l.threadsafe(); got != tt.safe {
				t.Errorf("threadsafe = %v, want %v", got, tt.safe)
			}
			if nocmodl != "" {
				if neuron, notes := vectorized(t, nocmodl, tt.src); neuron != tt.safe {
					t.Errorf("nocmodl says VECTORIZED = %v (%s); the case says %v", neuron, notes, tt.safe)
				}
			}
		})
	}
}

// vectorized runs nocmodl on src and reads its verdict.
func vectorized(t *testing.T, nocmodl, src string) (bool, string) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "x.mod"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(nocmodl, "x.mod")
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("nocmodl: %v\n%s", err, out)
	}
	c, err := os.ReadFile(filepath.Join(dir, "x.c"))
	if err != nil {
		t.Fatal(err)
	}
	return !strings.Contains(string(c), "NOT VECTORIZED"), strings.TrimSpace(string(out))
}

// TestThreadsafeCorpus: on every file of the corpus that nocmodl
// translates, Threadsafe agrees with the verdict nocmodl gave it
// (testdata/vectorized.tsv, which go test -update remakes with nocmodl).
func TestThreadsafeCorpus(t *testing.T) {
	dir := corpus.Dir
	entries, err := corpus.Manifest(dir)
	if err != nil {
		t.Skipf("no corpus at %s: %v", dir, err)
	}
	const golden = "testdata/vectorized.tsv"
	if *update {
		writeVectorized(t, dir, entries, golden)
	}
	want := map[string]bool{}
	f, err := os.Open(golden)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if rel, v, ok := strings.Cut(sc.Text(), "\t"); ok && v != "vectorized" {
			want[rel] = v == "true"
		}
	}
	checked := 0
	for _, e := range entries {
		if !e.NocmodlOK || !e.Mod {
			continue
		}
		w, ok := want[e.Path]
		if !ok {
			t.Errorf("%s: not in %s", e.Path, golden)
			continue
		}
		file, err := parser.ParseFile(filepath.Join(dir, e.Path))
		if err != nil {
			t.Errorf("%s: %v", e.Path, err)
			continue
		}
		l := newLowerer(file, mustCheck(t, file))
		l.lower()
		if got := l.threadsafe(); got != w {
			t.Errorf("%s: threadsafe = %v, nocmodl says %v", e.Path, got, w)
		}
		checked++
	}
	if checked < 700 {
		t.Errorf("only %d files checked", checked)
	}
}

// writeVectorized runs nocmodl on every translatable file of the corpus
// and writes its verdicts.
func writeVectorized(t *testing.T, dir string, entries []corpus.Entry, golden string) {
	nocmodl, err := exec.LookPath("nocmodl")
	if err != nil {
		t.Fatal("-update needs nocmodl (apt-get install neuron)")
	}
	var sb strings.Builder
	sb.WriteString("relpath\tvectorized\n")
	for _, e := range entries {
		if !e.NocmodlOK || !e.Mod {
			continue
		}
		src, tmp := filepath.Join(dir, e.Path), t.TempDir()
		if out, err := corpus.RunInCopy(tmp, src, nocmodl); err != nil {
			t.Fatalf("%s: nocmodl: %v\n%s", e.Path, err, out)
		}
		c, err := os.ReadFile(filepath.Join(tmp, strings.TrimSuffix(filepath.Base(src), ".mod")+".c"))
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&sb, "%s\t%v\n", e.Path, !strings.Contains(string(c), "NOT VECTORIZED"))
	}
	if err := os.WriteFile(golden, []byte(sb.String()), 0o644); err != nil {
		t.Fatal(err)
	}
}
