package cli

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strings"
	"syscall"
	"time"

	"github.com/nmodlgo/nmodlgo/scenario"
	"github.com/nmodlgo/nmodlgo/sim"
	"github.com/nmodlgo/nmodlgo/traceout"
)

// sim runs a scenario. A scenario that brings its own .mod files has them
// compiled; if this binary has them built in (nmodlgo build), it runs
// here; otherwise a binary with them built in is made, cached, and run.
func (c *command) sim(args []string) error {
	fs := c.flags("sim", `usage: nmodlgo sim [-o trace.csv] [-spikes spikes.csv] [-shape shape.png] scenario-folder|scenario.json

Sim runs a scenario (the format of NEURON's reference runs; every key is
documented in docs/scenario.md) and writes its trace as CSV, the same
header and rows as NEURON's trace.csv, or, with -o, in the format the
file's extension names. A scenario with a key missing,
null, mistyped or unknown is refused before the run, with the key's path.
A scenario's mod_files are compiled with nmodlgo and built into a
simulator with the Go toolchain, once: the binary is cached (in
$NMODLGO_CACHE, else the user's cache folder) by what it holds.

With -shape, it also draws the model's shape (NEURON's PlotShape): each
segment as thick as it is and coloured by a variable (-shape-var, v by
default) at a time (-shape-t, the end of the run by default), seen from
+z; as .html, with every time on a slider.

On a terminal, a run that takes over a second shows its progress. Ctrl-C
stops it at the end of a step: the rows recorded so far are written, and
the exit status is 130.
`)
	out := fs.String("o", "", "write the trace to `file`, in the format its extension names: .csv, .json (with spike times), .npy (numpy's), .png or .svg (a plot), .html (an interactive plot); default: CSV on standard output")
	spikesOut := fs.String("spikes", "", "write the spike times the scenario records to `file`, as rows of name,t")
	threads := fs.Int("threads", 0, "run on `n` threads (0: one per CPU): a network of cells that can run apart as n ranks exchanging spikes, else one model sharing each step; the trace is the same for every n")
	stats := fs.Bool("stats", false, "print the run's wall time, ns per compartment-step and threads or ranks on stderr")
	shapeOut := fs.String("shape", "", "draw the model's shape coloured by a variable to `file`: .png, .svg, or .html (with a time slider)")
	shapeVar := fs.String("shape-var", "v", "the `variable` of the shape plot: v, or a RANGE variable such as m_hh")
	shapeT := fs.Float64("shape-t", -1, "the `time` (ms) of a .png or .svg shape plot; default: the end of the run")
	if err := c.parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return c.usageError(fs, "give one scenario folder or scenario.json")
	}
	if c.mechs.Standard == nil {
		return errors.New("this nmodlgo was built with -tags nmodlgo_bootstrap, without the standard mechanisms; build it without that tag to run scenarios")
	}
	s, err := scenario.Load(fs.Arg(0))
	if err != nil {
		report(c.stderr, err)
		return errReported
	}
	if w := s.Warnings(); len(w) > 0 {
		fmt.Fprint(c.stderr, w.Format())
	}
	format := traceout.CSV
	if *out != "" {
		if format, err = traceout.FormatOf(*out); err != nil {
			return c.usageError(fs, err.Error())
		}
	}
	var shapeFormat traceout.Format
	if *shapeOut != "" {
		if shapeFormat, err = traceout.FormatOf(*shapeOut); err != nil || (shapeFormat != traceout.PNG && shapeFormat != traceout.SVG && shapeFormat != traceout.HTML) {
			return c.usageError(fs, "-shape draws to a .png, .svg or .html file, not "+*shapeOut)
		}
	}
	switch {
	case *spikesOut != "" && filepath.Ext(*spikesOut) != ".csv":
		return c.usageError(fs, "-spikes writes CSV: name the file .csv (a .json trace holds the spike times too)")
	case len(s.Spikes) > 0 && *spikesOut == "" && format != traceout.JSON:
		return c.usageError(fs, "the scenario records spike times: say where they go with -spikes file.csv (or write a .json trace)")
	case len(s.Spikes) == 0 && *spikesOut != "":
		return c.usageError(fs, "-spikes: the scenario records no spike times (its key spikes)")
	}
	// Outputs are checked before the run, not after it, and written only
	// when it is done.
	var traceFile, spikesFile, shapeFile *output
	for _, o := range []struct {
		path string
		out  **output
	}{{*out, &traceFile}, {*spikesOut, &spikesFile}, {*shapeOut, &shapeFile}} {
		if o.path == "" {
			continue
		}
		if *o.out, err = createOutput(o.path); err != nil {
			return err
		}
		defer (*o.out).discard()
	}
	mechs := c.mechs.Standard
	if paths := s.ModPaths(); len(paths) > 0 {
		// Their warnings are said when a simulator is built with them,
		// once, not at every run. In the simulator sim built and runs,
		// they are known by what that sim compiled a moment before.
		own, ok := parentCompiled(os.Getenv(builtEnv), paths)
		if !ok {
			if own, ok = compileMods(paths, c.stderr, nil); !ok {
				return errReported
			}
		}
		var missing []compiled
		for _, m := range own {
			mech, in := c.mechs.Compiled[m.hash]
			if !in {
				missing = append(missing, m)
				continue
			}
			// The scenario's own mechanism takes the place of a standard
			// one of the same name.
			mechs = slices.DeleteFunc(slices.Clone(mechs), func(x sim.Mechanism) bool { return x.Info.Name == mech.Info.Name })
			mechs = append(mechs, mech)
		}
		if len(missing) > 0 {
			if os.Getenv(builtEnv) != "" {
				// A binary built for these mechanisms lacks them: the source
				// it was built from compiles them otherwise.
				return fmt.Errorf("the simulator built for %s does not hold it: the nmodlgo source it was built from (see nmodlgo build -h) is not this nmodlgo's", missing[0].mod)
			}
			return c.simBuilt(own, args)
		}
	}
	bm, err := s.Build(mechs)
	if err != nil {
		report(c.stderr, err)
		return errReported
	}
	if *threads < 0 {
		return c.usageError(fs, "-threads must be 0 or more")
	}
	bm.Threads = *threads
	var shape *scenario.Shape
	if shapeFile != nil {
		if shape, err = bm.RecordShape(*shapeVar); err != nil {
			return c.usageError(fs, "-shape-var: "+err.Error())
		}
	}
	// Ctrl-C stops the run at the end of a step; what was recorded is
	// written, and the exit status is 130, as a shell reports SIGINT.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	var step func(t float64)
	p := c.newProgress(s.Run.Tstop)
	if p != nil {
		step = p.step
	}
	ranks := 1
	if shape == nil { // a shape is drawn from one model
		ranks = bm.Ranks(*threads)
	}
	// The run allocates little but its trace, yet a collection started
	// during it by what reading and building left takes a CPU from its
	// threads: a higher target (as GOGC=400; unless GOGC is set) leaves
	// that garbage to the end of the process.
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(400)
	}
	start := time.Now()
	var tr *scenario.Trace
	if ranks > 1 {
		tr, err = bm.RunRanks(ctx, ranks, 1, step)
	} else {
		tr, err = bm.RunContext(ctx, step)
	}
	wall := time.Since(start)
	if p != nil {
		p.done()
	}
	if *stats {
		compartments := 0
		for _, sec := range bm.Sections() {
			compartments += sec.Nseg()
		}
		steps := tr.Rows() - 1
		if s.RecordInterval > 0 || steps < 1 {
			steps = int(bm.T()/s.Run.Dt + 0.5)
		}
		threads, oneThread := bm.ThreadsUsed()
		on := fmt.Sprintf("%d thread(s)", threads)
		if oneThread > 0 {
			on += fmt.Sprintf(", %.0f %% of the steps on one, then faster", 100*oneThread)
		}
		if ranks > 1 {
			on = fmt.Sprintf("%d ranks of whole cells, one thread each", ranks)
		}
		fmt.Fprintf(c.stderr, "nmodlgo sim: %d compartments, %d steps in %v: %.1f ns per compartment-step on %s\n",
			compartments, steps, wall.Round(time.Microsecond), float64(wall.Nanoseconds())/float64(max(1, compartments*steps)), on)
	}
	interrupted := err != nil && ctx.Err() != nil
	if err != nil && !interrupted {
		report(c.stderr, err)
		return errReported
	}
	where := "standard output"
	if traceFile == nil {
		err = tr.WriteCSV(c.stdout)
	} else {
		where = traceFile.path
		opt := traceout.Options{Title: s.Name, Quantity: bm.Quantities}
		err = traceFile.commit(func(w io.Writer) error { return traceout.Write(w, format, tr, opt) })
	}
	if err == nil && spikesFile != nil {
		err = spikesFile.commit(tr.WriteSpikesCSV)
	}
	if err == nil && shapeFile != nil {
		at := *shapeT
		if at < 0 {
			at = bm.T()
		}
		err = shapeFile.commit(func(w io.Writer) error {
			return traceout.WriteShape(w, shapeFormat, shape, at, traceout.Options{Title: s.Name})
		})
	}
	if err != nil {
		return err
	}
	if interrupted {
		fmt.Fprintf(c.stderr, "nmodlgo sim: interrupted at t = %.10g ms of %g; the %d rows recorded so far are in %s\n",
			tr.Data[0][tr.Rows()-1], s.Run.Tstop, tr.Rows(), where)
		return exitStatus(130)
	}
	return nil
}

// output is a file that a command writes only once it has what goes in
// it: made beside its place first, so that a path that cannot be written
// fails before a run and not after it, and renamed into place at the end;
// a command that fails leaves nothing. A path that is not a regular file
// (/dev/null, /dev/stdout, a pipe) is written in place.
type output struct {
	path    string
	f       *os.File
	inPlace bool
}

func createOutput(path string) (*output, error) {
	if st, err := os.Stat(path); err == nil && !st.Mode().IsRegular() {
		if st.IsDir() {
			return nil, fmt.Errorf("cannot write %s: it is a folder", path)
		}
		f, err := os.OpenFile(path, os.O_WRONLY, 0)
		if err != nil {
			return nil, fmt.Errorf("cannot write %s: %w", path, err)
		}
		return &output{path, f, true}, nil
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return nil, fmt.Errorf("cannot write %s: %w", path, err)
	}
	return &output{path, tmp, false}, nil
}

// commit writes the file with write and puts it in its place.
func (o *output) commit(write func(io.Writer) error) error {
	if err := write(o.f); err != nil {
		return fmt.Errorf("writing %s: %w", o.path, err)
	}
	if o.inPlace {
		return o.f.Close()
	}
	if err := o.f.Chmod(0o644); err != nil { // CreateTemp's is 0600
		return err
	}
	if err := o.f.Close(); err != nil {
		return fmt.Errorf("writing %s: %w", o.path, err)
	}
	return os.Rename(o.f.Name(), o.path)
}

// discard removes the temporary file if it was not committed.
func (o *output) discard() {
	o.f.Close()
	if !o.inPlace {
		os.Remove(o.f.Name()) // gone already if renamed
	}
}

// progress shows how far a run has gone, on a terminal, once the run has
// taken a second.
type progress struct {
	tty         *os.File
	tstop       float64
	start, last time.Time
	steps       int
	shown       bool
}

// newProgress returns a progress line on stderr if it is a terminal, or nil.
func (c *command) newProgress(tstop float64) *progress {
	f, ok := c.stderr.(*os.File)
	if !ok {
		return nil
	}
	if st, err := f.Stat(); err != nil || st.Mode()&os.ModeCharDevice == 0 {
		return nil
	}
	return &progress{tty: f, tstop: tstop, start: time.Now()}
}

// step is called after every step of the run.
func (p *progress) step(t float64) {
	if p.steps++; p.steps%256 != 0 { // the clock is read every 256 steps
		return
	}
	now := time.Now()
	if now.Sub(p.start) < time.Second || now.Sub(p.last) < 100*time.Millisecond {
		return
	}
	p.last, p.shown = now, true
	fmt.Fprintf(p.tty, "\rnmodlgo sim: t = %.6g of %g ms (%.0f%%)\033[K", t, p.tstop, 100*t/p.tstop)
}

// done clears the progress line.
func (p *progress) done() {
	if p.shown {
		fmt.Fprint(p.tty, "\r\033[K")
	}
}

// simBuilt runs the sim command in a binary with the mechanisms built in,
// which it builds the first time and takes from the cache after.
func (c *command) simBuilt(mechs []compiled, args []string) error {
	bin, err := cachedBinary(mechs, c.stderr)
	if err != nil {
		return err
	}
	cmd := exec.Command(bin, append([]string{"sim"}, args...)...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, c.stdout, c.stderr
	cmd.Env = append(os.Environ(), builtEnv+"="+compiledList(mechs))
	// The binary handles an interrupt itself; this process waits for it.
	signal.Ignore(os.Interrupt)
	defer signal.Reset(os.Interrupt)
	err = cmd.Run()
	var exit *exec.ExitError
	if errors.As(err, &exit) {
		return exitStatus(exit.ExitCode())
	}
	return err
}

// binaryID identifies the content of the binary at path: its Go build
// ID, which the go command ends with a hash of the binary, or, in a binary
// without one (linked with -buildid=), a hash of the whole file. (Reading
// and hashing the 23 MB file took 110 ms of every run of a scenario with
// .mod files; the ID is in the file's first 64 kB.)
func binaryID(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	head := make([]byte, 64<<10)
	n, err := io.ReadFull(f, head)
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, io.EOF) {
		return nil, err
	}
	if id := goBuildID(head[:n]); id != nil {
		return id, nil
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return nil, err
	}
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return nil, err
	}
	return h.Sum(nil), nil
}

// goBuildID finds the Go build ID in the start of a binary: in a
// little-endian ELF file the linker's note (name size 4, the ID's size,
// type 4, "Go\x00\x00", the ID), elsewhere the text's `\xff Go build ID:
// "…"`. Nil if neither is there.
func goBuildID(head []byte) []byte {
	note := []byte("\x04\x00\x00\x00Go\x00\x00") // type 4, name
	for i := bytes.Index(head, note); i >= 0; i = nextIndex(head, note, i) {
		if i >= 8 && bytes.Equal(head[i-8:i-4], []byte{4, 0, 0, 0}) { // name size
			size := int(binary.LittleEndian.Uint32(head[i-4 : i]))
			if id := head[i+len(note):]; size > 0 && size <= len(id) {
				return id[:size]
			}
		}
	}
	const marker = "\xff Go build ID: \""
	if i := bytes.Index(head, []byte(marker)); i >= 0 {
		id := head[i+len(marker):]
		if j := bytes.IndexByte(id, '"'); j > 0 {
			return id[:j]
		}
	}
	return nil
}

// nextIndex is the index of sep in s after the one at i, or -1.
func nextIndex(s, sep []byte, i int) int {
	j := bytes.Index(s[i+1:], sep)
	if j < 0 {
		return -1
	}
	return i + 1 + j
}

// builtEnv marks the run of a binary that sim built: it must not build
// again. It holds what sim compiled the scenario's .mod files to
// (compiledList), so that the simulator need not compile them again: a
// run of a scenario with one .mod file took 30 ms more for it.
const builtEnv = "NMODLGO_BUILT_SIM"

// compiledList is each mechanism's code hash and .mod file, a line each.
func compiledList(mechs []compiled) string {
	var b strings.Builder
	for _, m := range mechs {
		fmt.Fprintf(&b, "%s %s\n", m.hash, m.mod)
	}
	return b.String()
}

// parentCompiled reads compiledList's list for the .mod files paths, in
// their order; ok is false unless it names them all, and only them.
func parentCompiled(list string, paths []string) (mechs []compiled, ok bool) {
	hashOf := map[string]string{}
	for line := range strings.Lines(list) {
		hash, mod, found := strings.Cut(strings.TrimSuffix(line, "\n"), " ")
		if !found || len(hash) != 2*sha256.Size {
			return nil, false
		}
		hashOf[mod] = hash
	}
	if len(hashOf) != len(paths) {
		return nil, false
	}
	for _, p := range paths {
		hash, in := hashOf[p]
		if !in {
			return nil, false
		}
		mechs = append(mechs, compiled{mod: p, hash: hash})
	}
	return mechs, true
}

// cachedBinary returns the cached binary of nmodlgo with mechs built in,
// building it if there is none. It is cached by what makes it: this
// binary (so a new nmodlgo builds anew) and the mechanisms' Go.
func cachedBinary(mechs []compiled, stderr io.Writer) (string, error) {
	self, err := os.Executable()
	if err != nil {
		return "", err
	}
	id, err := binaryID(self)
	if err != nil {
		return "", err
	}
	h := sha256.New()
	h.Write(id)
	var hashes []string
	for _, m := range mechs {
		hashes = append(hashes, m.hash)
	}
	slices.Sort(hashes)
	h.Write([]byte(strings.Join(hashes, "\n")))
	key := hex.EncodeToString(h.Sum(nil))[:32]
	dir, err := cacheDir()
	if err != nil {
		return "", err
	}
	bin := filepath.Join(dir, "sim-"+key)
	if _, err := os.Stat(bin); err == nil {
		return bin, nil
	}
	if _, err := moduleSource(); err != nil {
		return "", err
	}
	var names []string
	for _, m := range mechs {
		names = append(names, m.name)
	}
	for _, m := range mechs {
		fmt.Fprint(stderr, m.warnings)
	}
	fmt.Fprintf(stderr, "nmodlgo: building a simulator with %s (once: it is cached in %s)\n", strings.Join(names, ", "), dir)
	// Built beside its final name, then renamed: two runs at once do not
	// see half a binary.
	tmp := fmt.Sprintf("%s.tmp%d", bin, os.Getpid())
	if err := buildBinary(mechs, tmp); err != nil {
		os.Remove(tmp)
		return "", err
	}
	if err := os.Rename(tmp, bin); err != nil {
		return "", err
	}
	return bin, nil
}

// cacheDir is where built simulators are kept: $NMODLGO_CACHE, or
// nmodlgo/ in the user's cache folder.
func cacheDir() (string, error) {
	dir := os.Getenv("NMODLGO_CACHE")
	if dir == "" {
		base, err := os.UserCacheDir()
		if err != nil {
			return "", fmt.Errorf("no cache folder for built simulators (set NMODLGO_CACHE): %w", err)
		}
		dir = filepath.Join(base, "nmodlgo")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	return dir, nil
}
