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
// says so, keeps the rows recorded, and exits 130.
func TestSimInterrupt(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: builds nmodlgo and runs it for seconds")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "nmodlgo")
	if out, err := exec.Command("go", "build", "-o", bin, "../cmd/nmodlgo").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	src, err := os.ReadFile(filepath.Join("..", "tests", "testdata", "golden", "tutorial", "scenario.json"))
	if err != nil {
		t.Fatal(err)
	}
	long := bytes.Replace(src, []byte(`"tstop": 40`), []byte(`"tstop": 1e7`), 1)
	if bytes.Equal(long, src) {
		t.Fatal("the tutorial's tstop is not 40")
	}
	if err := os.WriteFile(filepath.Join(dir, "scenario.json"), long, 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "trace.csv")
	cmd := exec.Command(bin, "sim", "-o", out, dir)
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
	if tr.Rows() < 1000 || tr.Column("soma_v") == nil {
		t.Errorf("%d rows of %v kept", tr.Rows(), tr.Columns)
	}
	t.Logf("stopped %v after the signal, with %d rows", took, tr.Rows())
}
