package sim

import "time"

// threadTuner chooses, during a run with Threads 0, between the threads of
// the plan and one thread: whichever took less time per step in the last
// trial of both. Threads pay only when the other CPUs are free; on a
// machine whose other tenants keep them busy one thread can be faster, and
// that changes within seconds. Every step gives the same values either
// way (the trace is the same for every number of threads), so the choice
// changes only the time.
type threadTuner struct {
	serial bool // the choice now: one thread
	// trying is the choice on trial, -1 when none is (then exploiting
	// counts down the steps to the next trial); steps counts the steps of
	// the trial, timed from the warm-up's end.
	trying     int
	steps      int
	start      time.Time
	perStep    [2]time.Duration // of the last trials: threads, one thread
	exploiting int
	// serialSteps and threadSteps count the steps on one thread and on the
	// plan's threads.
	serialSteps, threadSteps int
	now                      func() time.Time // time.Now, but in tests
}

// The trials: each mode for tuneWarm steps untimed (caches, the threads'
// first spins), then tuneSteps timed; the choice then holds for
// tuneHold steps. (Variables, for the tests.)
var (
	tuneWarm  = 16
	tuneSteps = 128
	tuneHold  = 2048
)

// before is called before each step of a run with Threads 0 on a plan of
// several threads; it reports whether the step should run on one thread.
func (t *threadTuner) before() bool {
	if t.trying < 0 {
		if t.exploiting > 0 {
			t.exploiting--
			return t.serial
		}
		t.trying, t.steps = 0, 0 // trial: threads, then one thread
	}
	switch t.steps {
	case tuneWarm:
		t.start = t.clock()
	case tuneWarm + tuneSteps:
		t.perStep[t.trying] = t.clock().Sub(t.start) / time.Duration(tuneSteps)
		t.steps = 0
		if t.trying++; t.trying == 2 {
			t.trying, t.exploiting = -1, tuneHold
			t.serial = t.perStep[1] < t.perStep[0]
			return t.before()
		}
	}
	t.steps++
	return t.trying == 1
}

func (t *threadTuner) clock() time.Time {
	if t.now != nil {
		return t.now()
	}
	return time.Now()
}

// count notes a step done, on one thread or not.
func (t *threadTuner) count(serial bool) {
	if serial {
		t.serialSteps++
	} else {
		t.threadSteps++
	}
}
