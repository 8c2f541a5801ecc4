package tests

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nmodlgo/nmodlgo/examples/twosection/kdr"
	"github.com/nmodlgo/nmodlgo/generated/pas"
	"github.com/nmodlgo/nmodlgo/sim"
)

// readmeRecipe returns the shell lines and the gen.go of the README's
// recipe for using nmodlgo from another module: the ```sh block after
// the marker, and the ```go block after that.
func readmeRecipe(t *testing.T) (commands []string, genGo string) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	_, rest, ok := strings.Cut(string(data), "<!-- own-module recipe")
	if !ok {
		t.Fatal("README.md has no own-module recipe marker")
	}
	block := func(lang string) string {
		_, after, ok := strings.Cut(rest, "```"+lang+"\n")
		if !ok {
			t.Fatalf("README.md: no ```%s block after the recipe marker", lang)
		}
		body, after, _ := strings.Cut(after, "```")
		rest = after
		return body
	}
	for _, line := range strings.Split(strings.TrimSpace(block("sh")), "\n") {
		if line = strings.TrimSpace(line); line != "" && !strings.HasPrefix(line, "#") {
			commands = append(commands, line)
		}
	}
	return commands, block("go")
}

// TestOwnChannelFromAnotherModule follows the README's recipe for a user's
// own channel in their own module, as written, offline (GOPROXY=off): the
// go mod lines with the clone's path, the gen.go beside the .mod file, go
// generate, and a program that inserts the generated mechanism and runs.
// Its v must be the v of the same model run here.
func TestOwnChannelFromAnotherModule(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: builds a separate module")
	}
	repo, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	commands, genGo := readmeRecipe(t)
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
	run := func(args ...string) string {
		t.Helper()
		cmd := exec.Command(args[0], args[1:]...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GOPROXY=off", "GOFLAGS=")
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("%s: %v\n%s", strings.Join(args, " "), err, out)
		}
		return string(out)
	}
	run("go", "mod", "init", "example.com/cell")
	for _, c := range commands {
		run(strings.Fields(strings.ReplaceAll(c, "../nmodlgo", repo))...)
	}
	name, body, _ := strings.Cut(genGo, "\n")
	write(strings.TrimPrefix(name, "// "), body)
	mod, err := os.ReadFile(filepath.Join("..", "examples", "twosection", "kdr.mod"))
	if err != nil {
		t.Fatal(err)
	}
	write("channels/kdr.mod", string(mod))
	run("go", "generate", "./...")
	if _, err := os.Stat(filepath.Join(dir, "channels", "kdr", "kdr.go")); err != nil {
		t.Fatalf("go generate wrote no package: %v", err)
	}
	write("main.go", `package main

import (
	"fmt"

	"example.com/cell/channels/kdr"
	"github.com/nmodlgo/nmodlgo/generated/pas"
	"github.com/nmodlgo/nmodlgo/sim"
)

func main() {
	m := sim.NewModel()
	soma, _ := m.NewSection("soma")
	soma.Insert(pas.Mechanism())
	soma.Insert(kdr.Mechanism())
	soma.Set(kdr.Gbar, 0.02)
	if err := m.Run(-40, 20); err != nil {
		panic(err)
	}
	v, _ := soma.At(0.5).Get("v")
	fmt.Println(v)
}
`)
	got := strings.TrimSpace(run("go", "run", "."))

	m := sim.NewModel()
	soma, _ := m.NewSection("soma")
	soma.Insert(pas.Mechanism())
	soma.Insert(kdr.Mechanism())
	soma.Set(kdr.Gbar, 0.02)
	if err := m.Run(-40, 20); err != nil {
		t.Fatal(err)
	}
	v, _ := soma.At(0.5).Get("v")
	if want := fmt.Sprint(v); got != want {
		t.Errorf("the other module's program printed v = %s, here v = %s", got, want)
	}
}
