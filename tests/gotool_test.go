package tests

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestOwnChannelFromAnotherModule walks the README's workflow for a user's
// own channel in their own module: nmodlgo as a tool of the module, a
// //go:generate line beside the .mod file, go generate, and a program that
// inserts the generated mechanism and runs.
func TestOwnChannelFromAnotherModule(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: builds a separate module")
	}
	repo, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	write := func(name, text string) {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	gomod, err := os.ReadFile(filepath.Join(repo, "go.mod"))
	if err != nil {
		t.Fatal(err)
	}
	goVersion := "1.26"
	for _, line := range strings.Split(string(gomod), "\n") {
		if v, ok := strings.CutPrefix(line, "go "); ok {
			goVersion = strings.TrimSpace(v)
		}
	}
	write("go.mod", "module example.com/cell\n\ngo "+goVersion+"\n\n"+
		"require github.com/nmodlgo/nmodlgo v0.0.0\n\n"+
		"replace github.com/nmodlgo/nmodlgo => "+repo+"\n\n"+
		"tool github.com/nmodlgo/nmodlgo/cmd/nmodlgo\n")
	write("channels/leak.mod", `NEURON {
    SUFFIX leak
    NONSPECIFIC_CURRENT i
    RANGE g, e
}
PARAMETER {
    g = .0002 (S/cm2)
    e = -60 (mV)
}
ASSIGNED {
    v (mV)
    i (mA/cm2)
}
BREAKPOINT {
    i = g*(v - e)
}
`)
	write("channels/gen.go", "package channels\n\n//go:generate go tool nmodlgo gen -o . leak.mod\n")
	main := `package main

import (
	"fmt"

	"example.com/cell/channels/leak"
	"github.com/nmodlgo/nmodlgo/sim"
)

func main() {
	m := sim.NewModel()
	soma, _ := m.NewSection("soma")
	if err := soma.Insert(leak.Mechanism()); err != nil {
		panic(err)
	}
	if err := m.Finitialize(-70); err != nil {
		panic(err)
	}
	if err := m.ContinueRun(200); err != nil {
		panic(err)
	}
	v, _ := soma.At(0.5).Get("v")
	fmt.Printf("%.3f\n", v)
}
`
	run := func(args ...string) string {
		t.Helper()
		cmd := exec.Command("go", args...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod")
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("go %s: %v\n%s", strings.Join(args, " "), err, out)
		}
		return string(out)
	}
	run("mod", "tidy")
	run("generate", "./...")
	if _, err := os.Stat(filepath.Join(dir, "channels", "leak", "leak.go")); err != nil {
		t.Fatalf("go generate wrote no package: %v", err)
	}
	write("main.go", main)
	// A leak relaxes v from -70 mV to e = -60 mV with tau = cm/g = 5 ms.
	if got := strings.TrimSpace(run("run", ".")); got != "-60.000" {
		t.Errorf("v after 200 ms = %s mV, want -60.000", got)
	}
}
