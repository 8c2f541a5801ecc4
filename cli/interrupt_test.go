//go:build unix

package cli

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestSimInterrupt: Ctrl-C on a long run stops it within a second or two,
// says so, keeps the rows recorded, and exits 130: for one model (the
// tutorial) and for ranks exchanging spikes (P4), where every column
// keeps the rows that every rank recorded.
func TestSimInterrupt(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: builds nmodlgo and runs it for seconds")
	}
	bin := filepath.Join(t.TempDir(), "nmodlgo")
	if out, err := exec.Command("go", "build", "-o", bin, "../cmd/nmodlgo").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	for _, tc := range []struct {
		scenario, tstop, column string
		args                    []string
	}{
		{filepath.Join("golden", "tutorial"), `"tstop": 40`, "soma_v", nil},
		{filepath.Join("perf", "P4_ring100"), `"tstop": 100`, "s99_v", []string{"-threads", "2"}},
	} {
		t.Run(filepath.Base(tc.scenario), func(t *testing.T) {
			dir := t.TempDir()
			src, err := os.ReadFile(filepath.Join("..", "tests", "testdata", tc.scenario, "scenario.json"))
			if err != nil {
				t.Fatal(err)
			}
			long := bytes.Replace(src, []byte(tc.tstop), []byte(`"tstop": 1e7`), 1)
			if bytes.Equal(long, src) {
				t.Fatalf("the scenario has no %s", tc.tstop)
			}
			if err := os.WriteFile(filepath.Join(dir, "scenario.json"), long, 0o644); err != nil {
				t.Fatal(err)
			}
			out := filepath.Join(dir, "trace.csv")
			args := append([]string{"sim", "-o", out}, tc.args...)
			if bytes.Contains(src, []byte(`"spikes"`)) {
				args = append(args, "-spikes", filepath.Join(dir, "spikes.csv"))
			}
			cmd := exec.Command(bin, append(args, dir)...)
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			time.Sleep(time.Second)
			if err := cmd.Process.Signal(syscall.SIGINT); err != nil {
				t.Fatal(err)
			}
			sent := time.Now()
			err = cmd.Wait()
			took := time.Since(sent)
			var exit *exec.ExitError
			if !errors.As(err, &exit) || exit.ExitCode() != 130 {
				t.Fatalf("exit %v, want 130; stderr:\n%s", err, stderr.String())
			}
			if took > 3*time.Second {
				t.Errorf("it took %v to stop", took)
			}
			if !strings.Contains(stderr.String(), "nmodlgo sim: interrupted at t = ") {
				t.Errorf("stderr does not say it was interrupted:\n%s", stderr.String())
			}
			tr := readCSV(t, out)
			if tr.Rows() < 1000 || len(tr.Column(tc.column)) != tr.Rows() {
				t.Errorf("%d rows of %v kept", tr.Rows(), tr.Columns)
			}
			t.Logf("stopped %v after the signal, with %d rows", took, tr.Rows())
		})
	}
}
