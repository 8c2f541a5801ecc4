package cli

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"

	"github.com/dave/jennifer/jen"
	"github.com/nmodlgo/nmodlgo/codegen"
	"github.com/nmodlgo/nmodlgo/ir"
)

// modulePath is nmodlgo's module, which a built binary is made from.
const modulePath = "github.com/nmodlgo/nmodlgo"

// compiled is one .mod file compiled to Go, for a build.
type compiled struct {
	mod  string // the .mod file, as given
	name string // the mechanism's name
	code []byte // its package, called mech
	hash string // CodeHash(code)
	// warnings are what compiling it said that did not stop it.
	warnings string
}

// CodeHash names a compiled mechanism: the SHA-256 of its generated Go
// (package mech). Equal hashes mean the same mechanism, whatever the .mod
// files and INCLUDEs looked like.
func CodeHash(code []byte) string {
	sum := sha256.Sum256(code)
	return hex.EncodeToString(sum[:])
}

// compileMods compiles .mod files for a build; ok is false if any is
// refused. Errors and refusals go to stderr; warnings are kept with the
// files they are about, and go to warnings if it is not nil.
func compileMods(files []string, stderr, warnings io.Writer) (out []compiled, ok bool) {
	ok = true
	for _, file := range files {
		var msgs strings.Builder
		m, good := lowerFile(file, &msgs, ir.Options{})
		if !good {
			fmt.Fprint(stderr, msgs.String())
			ok = false
			continue
		}
		if warnings != nil {
			fmt.Fprint(warnings, msgs.String())
		}
		code := codegen.Generate(m, "mech")
		out = append(out, compiled{mod: file, name: m.Name, code: code, hash: CodeHash(code), warnings: msgs.String()})
	}
	return out, ok
}

// build makes a binary of nmodlgo with the mechanisms of the given .mod
// files built in, as nrnivmodl makes special: `nmodlgo build -o mysim
// kdr.mod cad.mod`, then `mysim sim scenario.json`. It needs only the Go
// toolchain; it writes nothing if a file is refused.
func (c *command) build(args []string) error {
	fs := c.flags("build", `usage: nmodlgo build [-o file] file.mod...

Build compiles the .mod files to Go and builds a binary of nmodlgo with
their mechanisms built in beside the standard ones (as NEURON's nrnivmodl
makes special): its sim command runs scenarios that use them. It needs
the Go toolchain, and the nmodlgo module's source: the module of the
current directory, if it requires nmodlgo (or is nmodlgo), the version
this binary was built from, or the folder $NMODLGO_ROOT.
`)
	out := fs.String("o", "nmodlgo-sim", "write the binary to `file`")
	if err := c.parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return c.usageError(fs, "no .mod files given")
	}
	mechs, ok := compileMods(fs.Args(), c.stderr, c.stderr)
	if !ok {
		return errReported
	}
	target, err := filepath.Abs(*out)
	if err != nil {
		return err
	}
	return buildBinary(mechs, target)
}

// buildBinary writes a module that is nmodlgo's main with the mechanisms
// compiled in, builds it into target, and removes it.
func buildBinary(mechs []compiled, target string) error {
	src, err := moduleSource()
	if err != nil {
		return err
	}
	goTool, err := exec.LookPath("go")
	if err != nil {
		return fmt.Errorf("building needs the Go toolchain, and there is no go on the PATH")
	}
	dir, err := os.MkdirTemp("", "nmodlgo-build-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	if err := writeModule(dir, src, mechs); err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
		return err
	}
	cmd := exec.Command(goTool, "build", "-o", target, ".")
	cmd.Dir = dir
	// -mod=mod lets go complete go.sum from the module cache; a module of
	// the user's around it must not be joined (GOWORK).
	cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOWORK=off")
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("go build of the simulator with %d mechanisms failed: %v\n%s", len(mechs), err, out)
	}
	return nil
}

// source is where nmodlgo's module is, to build against.
type source struct {
	dir string // the module's folder
	gov string // its go directive
}

// moduleSource finds the nmodlgo source to build against: $NMODLGO_ROOT;
// else the source this binary was built from, which compiled the
// mechanisms and so must be what they are built with (its files are where
// the build left them, in a checkout or in the module cache, unless it was
// built with -trimpath); else the module cache's copy of the version it
// was built from; else the nmodlgo module the current directory's module
// uses.
func moduleSource() (source, error) {
	dir := os.Getenv("NMODLGO_ROOT")
	if dir == "" {
		dir = ownSource()
	}
	if dir == "" {
		if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Path == modulePath && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
			out, err := exec.Command("go", "mod", "download", "-json", modulePath+"@"+bi.Main.Version).Output()
			var m struct{ Dir string }
			if err == nil && json.Unmarshal(out, &m) == nil {
				dir = m.Dir
			}
		}
	}
	if dir == "" {
		dir = goListDir()
	}
	if dir == "" {
		return source{}, errors.New("cannot find the source of " + modulePath + " to build with: set NMODLGO_ROOT to its folder, or run in a module that requires it")
	}
	gomod, err := os.ReadFile(filepath.Join(dir, "go.mod"))
	if err != nil {
		return source{}, fmt.Errorf("the source of %s: %w", modulePath, err)
	}
	gov := "1.26"
	for _, line := range strings.Split(string(gomod), "\n") {
		if v, ok := strings.CutPrefix(strings.TrimSpace(line), "go "); ok {
			gov = strings.TrimSpace(v)
		}
	}
	return source{dir: dir, gov: gov}, nil
}

// ownSource is the folder of the module this binary was built from, if
// its files are still there, or "".
func ownSource() string {
	_, file, _, ok := runtime.Caller(0)
	if !ok || !filepath.IsAbs(file) {
		return "" // built with -trimpath
	}
	dir := filepath.Dir(filepath.Dir(file)) // …/cli/build.go → the module
	gomod, err := os.ReadFile(filepath.Join(dir, "go.mod"))
	if err != nil || !strings.Contains(string(gomod), "module "+modulePath+"\n") {
		return ""
	}
	return dir
}

// goListDir is the folder of nmodlgo's module as the go command sees it
// from the current directory, or "".
func goListDir() string {
	out, err := exec.Command("go", "list", "-m", "-json", modulePath).Output()
	if err != nil {
		return ""
	}
	var m struct {
		Dir     string
		Replace *struct{ Dir string }
	}
	if json.Unmarshal(out, &m) != nil {
		return ""
	}
	if m.Replace != nil && m.Replace.Dir != "" {
		return m.Replace.Dir
	}
	return m.Dir
}

// writeModule writes the module of a built binary in dir: go.mod (nmodlgo
// replaced by its source), go.sum (nmodlgo's), main.go, and a package per
// mechanism, mech/<i>.
func writeModule(dir string, src source, mechs []compiled) error {
	gomod := fmt.Sprintf("module nmodlgo.build/sim\n\ngo %s\n\nrequire %s v0.0.0\n\nreplace %s => %s\n", src.gov, modulePath, modulePath, src.dir)
	if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte(gomod), 0o644); err != nil {
		return err
	}
	if sum, err := os.ReadFile(filepath.Join(src.dir, "go.sum")); err == nil {
		if err := os.WriteFile(filepath.Join(dir, "go.sum"), sum, 0o644); err != nil {
			return err
		}
	}
	f := jen.NewFile("main")
	f.HeaderComment("Code generated by nmodlgo build. DO NOT EDIT.")
	compiledIn := jen.Dict{}
	seen := map[string]bool{}
	for i, m := range mechs {
		if seen[m.hash] {
			continue // the same mechanism twice
		}
		seen[m.hash] = true
		pkg := fmt.Sprintf("nmodlgo.build/sim/mech/m%d", i)
		f.ImportAlias(pkg, fmt.Sprintf("m%d", i))
		compiledIn[jen.Lit(m.hash)] = jen.Qual(pkg, "Mechanism").Call()
		path := filepath.Join(dir, "mech", fmt.Sprintf("m%d", i), "mech.go")
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(path, m.code, 0o644); err != nil {
			return err
		}
	}
	f.Func().Id("main").Params().Block(
		jen.Qual("os", "Exit").Call(jen.Qual(modulePath+"/cli", "Main").Call(
			jen.Qual("os", "Args").Index(jen.Lit(1), jen.Empty()), jen.Qual("os", "Stdout"), jen.Qual("os", "Stderr"),
			jen.Qual(modulePath+"/cli", "Mechanisms").Values(jen.Dict{
				jen.Id("Standard"): jen.Qual(modulePath+"/generated/builtin", "Mechanisms").Call(),
				jen.Id("Compiled"): jen.Map(jen.String()).Qual(modulePath+"/sim", "Mechanism").Values(compiledIn),
			}),
		)),
	)
	var buf bytes.Buffer
	if err := f.Render(&buf); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, "main.go"), buf.Bytes(), 0o644)
}
