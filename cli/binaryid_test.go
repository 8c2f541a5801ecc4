package cli

import (
	"bytes"
	"crypto/sha256"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestBinaryID: a Go binary is known by the build ID `go tool buildid`
// prints; a file without one by a hash of all of it, so that two such
// files that differ anywhere differ.
func TestBinaryID(t *testing.T) {
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	id, err := binaryID(self)
	if err != nil {
		t.Fatal(err)
	}
	if go_, err := exec.LookPath("go"); err != nil {
		t.Logf("no go command to compare the build ID with: %v", err)
	} else if out, err := exec.Command(go_, "tool", "buildid", self).Output(); err != nil {
		t.Fatalf("go tool buildid: %v", err)
	} else if want := strings.TrimSpace(string(out)); string(id) != want {
		t.Errorf("binaryID = %q, go tool buildid %q", id, want)
	}

	dir := t.TempDir()
	a := bytes.Repeat([]byte("x"), 100<<10)
	b := bytes.Clone(a)
	b[90<<10] = 'y' // past the first 64 kB
	for name, data := range map[string][]byte{"a": a, "b": b} {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	idA, errA := binaryID(filepath.Join(dir, "a"))
	idB, errB := binaryID(filepath.Join(dir, "b"))
	if sum := sha256.Sum256(a); errA != nil || errB != nil || !bytes.Equal(idA, sum[:]) || bytes.Equal(idA, idB) {
		t.Errorf("without a build ID: %x (%v), %x (%v)", idA, errA, idB, errB)
	}
	if _, err := binaryID(filepath.Join(dir, "none")); err == nil {
		t.Error("no error for a file that is not there")
	}
}

// TestGoBuildID: the ID in an ELF note and in the text's marker; none in
// a note of another name or type, or cut short.
func TestGoBuildID(t *testing.T) {
	elfNote := func(name string, typ byte, id string) []byte {
		b := []byte{4, 0, 0, 0, byte(len(id)), 0, 0, 0, typ, 0, 0, 0}
		return append(append(b, name...), id...)
	}
	pad := bytes.Repeat([]byte{0}, 100)
	for _, c := range []struct {
		head []byte
		want string
	}{
		{append(append(bytes.Clone(pad), elfNote("Go\x00\x00", 4, "abc/def")...), pad...), "abc/def"},
		{append(bytes.Clone(pad), []byte("\xff Go build ID: \"xyz/uvw\"\n \xff")...), "xyz/uvw"},
		{append(bytes.Clone(pad), elfNote("GNU\x00", 4, "abc/def")...), ""},
		{append(bytes.Clone(pad), elfNote("Go\x00\x00", 3, "abc/def")...), ""},
		{append(bytes.Clone(pad), elfNote("Go\x00\x00", 4, "abc/def")[:18]...), ""},
		{elfNote("Go\x00\x00", 4, "abc/def")[4:], ""},
		{pad, ""},
	} {
		if got := string(goBuildID(c.head)); got != c.want {
			t.Errorf("goBuildID(%q) = %q, want %q", c.head, got, c.want)
		}
	}
}

// TestParentCompiled: the simulator sim runs takes the code hashes sim
// computed for exactly the scenario's .mod files, and compiles them
// itself for anything else.
func TestParentCompiled(t *testing.T) {
	h1, h2 := strings.Repeat("a", 64), strings.Repeat("b", 64)
	mechs := []compiled{{mod: "dir/kdr.mod", hash: h1}, {mod: "my dir/cad.mod", hash: h2}}
	list := compiledList(mechs)
	got, ok := parentCompiled(list, []string{"my dir/cad.mod", "dir/kdr.mod"})
	if !ok || len(got) != 2 || got[0].mod != "my dir/cad.mod" || got[0].hash != h2 || got[1].hash != h1 {
		t.Errorf("parentCompiled(%q) = %v, %v", list, got, ok)
	}
	for _, c := range []struct {
		list  string
		paths []string
	}{
		{"1", []string{"dir/kdr.mod"}},           // an older sim's mark
		{list, []string{"dir/kdr.mod"}},          // fewer files
		{list, []string{"dir/kdr.mod", "x.mod"}}, // another file
		{h1 + " a.mod\n" + h1 + " a.mod\n", []string{"a.mod", "a.mod"}},
		{"abc a.mod\n", []string{"a.mod"}},
		{"", []string{"a.mod"}},
	} {
		if got, ok := parentCompiled(c.list, c.paths); ok {
			t.Errorf("parentCompiled(%q, %q) = %v, true", c.list, c.paths, got)
		}
	}
}
