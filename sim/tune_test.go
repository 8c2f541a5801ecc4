package sim

import (
	"testing"
	"time"
)

// TestThreadTuner runs the tuner on a clock where a step takes a fixed
// time on threads and another on one thread: after each trial it must
// keep the faster for tuneHold steps, and try both again after them.
func TestThreadTuner(t *testing.T) {
	for _, c := range []struct {
		name             string
		threads, serial  time.Duration
		wantSerialChoice bool
	}{
		{"threads faster", 10, 25, false},
		{"one thread faster", 30, 25, true},
	} {
		t.Run(c.name, func(t *testing.T) {
			var clock time.Time
			tu := threadTuner{now: func() time.Time { return clock }}
			trial := 2 * (tuneWarm + tuneSteps)
			for round := range 3 {
				for i := range trial + tuneHold {
					serial := tu.before()
					switch {
					case i < tuneWarm+tuneSteps && serial, i >= tuneWarm+tuneSteps && i < trial && !serial:
						t.Fatalf("round %d, step %d: serial %v during the trial (threads first, then one thread)", round, i, serial)
					case i >= trial && serial != c.wantSerialChoice:
						t.Fatalf("round %d, step %d: serial %v after the trial, want %v", round, i, serial, c.wantSerialChoice)
					}
					if serial {
						clock = clock.Add(c.serial)
					} else {
						clock = clock.Add(c.threads)
					}
				}
			}
		})
	}
}
