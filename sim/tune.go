package sim

import (
	"slices"
	"time"
)

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
	// the trial, timed in blocks from the warm-up's end.
	trying     int
	steps      int
	start      time.Time
	blocks     [tuneBlocks]time.Duration
	perBlock   [2]time.Duration // of the last trials, the median block: threads, one thread
	exploiting int
	// serialSteps and threadSteps count the steps on one thread and on the
	// plan's threads.
	serialSteps, threadSteps int
	now                      func() time.Time // time.Now, but in tests
}

// The trials: each mode for some steps untimed (tuneWarm[1] for one
// thread, its caches; tuneWarm[0] for the threads, which on this 2-CPU
// virtual machine run 1.5 to 1.8 times slower for their first 50 to 100
// steps after the second CPU idled), then tuneBlocks blocks of tuneBlock
// steps timed, of which the median counts: a block that another process
// interrupted (a millisecond here and there on a shared machine) does not
// decide. The choice then holds for tuneHold steps. (Variables, for the
// tests.)
const tuneBlocks = 8

var (
	tuneWarm  = [2]int{128, 16}
	tuneBlock = 16
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
	if s := t.steps - tuneWarm[t.trying]; s >= 0 && s%tuneBlock == 0 {
		now := t.clock()
		if b := s / tuneBlock; b > 0 {
			t.blocks[b-1] = now.Sub(t.start)
		}
		t.start = now
		if s == tuneBlocks*tuneBlock {
			slices.Sort(t.blocks[:])
			t.perBlock[t.trying] = t.blocks[tuneBlocks/2]
			t.steps = 0
			if t.trying++; t.trying == 2 {
				t.trying, t.exploiting = -1, tuneHold
				t.serial = t.perBlock[1] < t.perBlock[0]
				return t.before()
			}
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
