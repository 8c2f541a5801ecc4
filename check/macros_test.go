package check

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/nmodlgo/nmodlgo/ast"
	"github.com/nmodlgo/nmodlgo/parser"
)

// TestMacros: a top-level macro is accepted when nothing of nocmodl's C
// for the file can have its name, and text that uses it is refused.
func TestMacros(t *testing.T) {
	for _, tt := range []struct {
		name, src string
		macros    []string // accepted
		refused   string   // in a message, or ""
	}{
		{"plain", "VERBATIM\n#define UDSL 500\n#define SQ(x) ((x)*(x))\nENDVERBATIM\nNEURON { SUFFIX m }\n", []string{"SQ", "UDSL"}, ""},
		{"undef", "VERBATIM\n#undef NMAX\nENDVERBATIM\nNEURON { SUFFIX m }\n", []string{"NMAX"}, ""},
		{"unknown #if read both ways", "VERBATIM\n#if defined(HAVE_X)\n#define A 1\n#else\n#define B 2\n#endif\nENDVERBATIM\nNEURON { SUFFIX m }\n", []string{"A", "B"}, ""},
		{"a variable", "VERBATIM\n#define gbar 3\nENDVERBATIM\nNEURON { SUFFIX m }\nPARAMETER { gbar = 1 }\n", nil, "macro gbar: a name of the file"},
		{"a derivative", "VERBATIM\n#define Dh 3\nENDVERBATIM\nNEURON { SUFFIX m }\nSTATE { h }\n", nil, "made of the file's name h"},
		{"a suffixed name", "VERBATIM\n#define setdata_m 3\nENDVERBATIM\nNEURON { SUFFIX m }\n", nil, "made of the file's name m"},
		{"nocmodl's", "VERBATIM\n#define _p 3\nENDVERBATIM\nNEURON { SUFFIX m }\n", nil, "start with _"},
		{"NEURON's", "VERBATIM\n#define exp myexp\nENDVERBATIM\nNEURON { SUFFIX m }\n", nil, "a name in the C nocmodl writes"},
		{"NEURON's API", "VERBATIM\n#define hoc_x 1\nENDVERBATIM\nNEURON { SUFFIX m }\n", nil, "NEURON's C API"},
		{"used in code", "VERBATIM\n#define TWO 2\nENDVERBATIM\nNEURON { SUFFIX m }\nASSIGNED { a }\nINITIAL {\nVERBATIM\na = TWO;\nENDVERBATIM\n}\n", []string{"TWO"}, "C 'TWO': a macro of the file's top-level C (#define at 2:1)"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			f, err := parser.Parse("m.mod", []byte(tt.src))
			if err != nil {
				t.Fatal(err)
			}
			info, _ := File(f)
			var got []string
			for name := range info.Macros {
				got = append(got, name)
			}
			sort.Strings(got)
			if !slices.Equal(got, tt.macros) {
				t.Errorf("macros %q, want %q", got, tt.macros)
			}
			var msgs []string
			for _, r := range info.VerbatimRefused {
				msgs = append(msgs, r.Msg)
			}
			joined := strings.Join(msgs, "\n")
			if tt.refused == "" && joined != "" || !strings.Contains(joined, tt.refused) {
				t.Errorf("refused: %q, want %q", joined, tt.refused)
			}
		})
	}
}

// TestMacrosLeaveNocmodlsCAlone: on every corpus file, no macro that
// check accepts is a name in the C nocmodl writes for the file (outside
// the VERBATIM text it pastes). testdata/macros_in_c.tsv lists, for each
// file with top-level macros, those whose names nocmodl's C holds; with
// nocmodl installed the test finds them again and compares, and
// go test -update rewrites the file.
func TestMacrosLeaveNocmodlsCAlone(t *testing.T) {
	const golden = "testdata/macros_in_c.tsv"
	entries := readCorpus(t)
	nocmodl, _ := exec.LookPath("nocmodl")
	if testing.Short() {
		nocmodl = ""
	}
	want, err := readMacrosInC(golden)
	if err != nil && !*update {
		t.Fatal(err)
	}
	live := map[string][]string{}
	accepted, refused := 0, 0
	for _, e := range entries {
		if !e.NocmodlOK {
			continue
		}
		f, err := parser.ParseFile(filepath.Join(corpusDir, e.Path))
		if err != nil {
			t.Fatal(err)
		}
		info, _ := File(f)
		defined := topMacros(info)
		if len(defined) == 0 {
			continue
		}
		if nocmodl != "" {
			live[e.Path] = macrosInC(t, nocmodl, e.Path, info, defined)
		}
		for name := range defined {
			if _, ok := info.Macros[name]; !ok {
				refused++
				continue
			}
			accepted++
			if slices.Contains(want[e.Path], name) || slices.Contains(live[e.Path], name) {
				t.Errorf("%s: macro %s accepted, but nocmodl's C for the file holds %s", e.Path, name, name)
			}
		}
	}
	t.Logf("top-level macros: %d accepted, %d not (refused, or after a refusal)", accepted, refused)
	if nocmodl == "" {
		t.Logf("nocmodl not installed (or -short): compared with %s only", golden)
		return
	}
	if *update {
		if err := writeMacrosInC(golden, live); err != nil {
			t.Fatal(err)
		}
		return
	}
	for path, names := range live {
		if !slices.Equal(names, want[path]) {
			t.Errorf("%s: nocmodl's C holds macros %q; %s says %q (go test -update)", path, names, golden, want[path])
		}
	}
}

var defineLine = regexp.MustCompile(`(?m)^\s*#\s*(?:define|undef)\s+([A-Za-z_][A-Za-z0-9_]*)`)

// topMacros are the names the file's top-level VERBATIM text defines.
func topMacros(info *Info) map[string]bool {
	names := map[string]bool{}
	for _, b := range info.Blocks {
		if v, ok := b.(*ast.Verbatim); ok {
			for _, m := range defineLine.FindAllStringSubmatch(v.Text, -1) {
				names[m[1]] = true
			}
		}
	}
	return names
}

var (
	// a comment or a literal, whichever starts first: // in a string is
	// not a comment
	cNonCode = regexp.MustCompile(`(?s)"(\\.|[^"\\\n])*"|'(\\.|[^'\\\n])*'|/\*.*?\*/|//[^\n]*`)
	cIdent   = regexp.MustCompile(`[A-Za-z_][A-Za-z0-9_]*`)
)

// macrosInC runs nocmodl on a corpus file (in a copy of its directory, for
// its INCLUDEs) and returns the names of defined that its C holds once the
// VERBATIM texts it pasted, comments and literals are taken out.
func macrosInC(t *testing.T, nocmodl, rel string, info *Info, defined map[string]bool) []string {
	dir := t.TempDir()
	src := filepath.Dir(filepath.Join(corpusDir, rel))
	files, err := os.ReadDir(src)
	if err != nil {
		t.Fatal(err)
	}
	for _, fe := range files {
		if fe.Type().IsRegular() {
			b, err := os.ReadFile(filepath.Join(src, fe.Name()))
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, fe.Name()), b, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	base := filepath.Base(rel)
	cmd := exec.Command(nocmodl, base)
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("nocmodl %s: %v\n%s", rel, err, out)
	}
	b, err := os.ReadFile(filepath.Join(dir, strings.TrimSuffix(base, ".mod")+".c"))
	if err != nil {
		t.Fatal(err)
	}
	c := string(b)
	var texts []string
	for _, f := range info.Files {
		ast.Inspect(f, func(n ast.Node) bool {
			if v, ok := n.(*ast.Verbatim); ok {
				texts = append(texts, v.Text)
			}
			return true
		})
	}
	// longest first, so that a text inside another goes with it
	sort.Slice(texts, func(i, j int) bool { return len(texts[i]) > len(texts[j]) })
	for _, text := range texts {
		if strings.TrimSpace(text) != "" {
			// nocmodl drops the blanks after VERBATIM on its line
			c = strings.ReplaceAll(c, text, "")
			c = strings.ReplaceAll(c, strings.TrimLeft(text, " \t"), "")
		}
	}
	c = cNonCode.ReplaceAllString(c, " ")
	var found []string
	for _, id := range cIdent.FindAllString(c, -1) {
		if defined[id] && !slices.Contains(found, id) {
			found = append(found, id)
		}
	}
	sort.Strings(found)
	return found
}

func readMacrosInC(path string) (map[string][]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	m := map[string][]string{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if line := sc.Text(); line != "" && !strings.HasPrefix(line, "#") {
			rel, names, _ := strings.Cut(line, "\t")
			m[rel] = strings.Fields(strings.ReplaceAll(names, ",", " "))
		}
	}
	return m, sc.Err()
}

func writeMacrosInC(path string, m map[string][]string) error {
	var sb strings.Builder
	sb.WriteString("# corpus file\tits top-level macros whose names nocmodl 8.2.2's C holds (outside VERBATIM text)\n")
	var paths []string
	for p := range m {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	for _, p := range paths {
		fmt.Fprintf(&sb, "%s\t%s\n", p, strings.Join(m[p], ","))
	}
	return os.WriteFile(path, []byte(sb.String()), 0o644)
}
