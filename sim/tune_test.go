package sim

import (
	"testing"
	"time"
)

// TestThreadTuner runs the tuner on a clock where a step takes a fixed
// time on threads and another on one thread: after each trial it must
// keep the faster for tuneHold steps, and try both again after them. A
// step of the threads' trial that takes 40 times as long (another process
// ran) must not make it choose one thread.
func TestThreadTuner(t *testing.T) {
	for _, c := range []struct {
		name             string
		threads, serial  time.Duration
		interrupted      bool
		wantSerialChoice bool
	}{
		{"threads faster", 10, 25, false, false},
		{"one thread faster", 30, 25, false, true},
		{"threads faster, one step interrupted", 10, 25, true, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			var clock time.Time
			tu := threadTuner{now: func() time.Time { return clock }}
			timed := tuneWarm[0] + tuneBlocks*tuneBlock // the threads' trial
			trial := timed + tuneWarm[1] + tuneBlocks*tuneBlock
			for round := range 3 {
				for i := range trial + tuneHold {
					serial := tu.before()
					switch {
					case i < timed && serial, i >= timed && i < trial && !serial:
						t.Fatalf("round %d, step %d: serial %v during the trial (threads first, then one thread)", round, i, serial)
					case i >= trial && serial != c.wantSerialChoice:
						t.Fatalf("round %d, step %d: serial %v after the trial, want %v", round, i, serial, c.wantSerialChoice)
					}
					step := c.threads
					if serial {
						step = c.serial
					}
					if c.interrupted && i == tuneWarm[0]+tuneBlock/2 {
						step *= 40
					}
					clock = clock.Add(step)
				}
			}
		})
	}
}
