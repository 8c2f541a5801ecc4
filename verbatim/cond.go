package verbatim

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"sync"

	"github.com/nmodlgo/nmodlgo/ast"
)

// NEURONVersion is the version whose C nmodlgo's translation follows:
// NEURON's version macros in VERBATIM text are evaluated for it.
var NEURONVersion = [3]int{8, 2, 2}

// Cond follows C's conditional directives (#if, #ifdef, #ifndef, #elif,
// #else, #endif) through VERBATIM texts, and the NMODL statements between
// them, as the C compiler would see them after nocmodl: on the macros
// NEURON 8.2.2 defines for its version (NRN_VERSION_EQ(8, 2, 0) and its
// kin, NRN_VERSION_GTEQ_8_2_0) and those it does not define
// (NRN_MECHANISM_DATA_IS_SOA, of NEURON 9; CORENEURON_BUILD and
// NRNBBCORE, of CoreNEURON's translation), on t and dt (macros in nocmodl's C), and on
// 0 and 1. Any other
// condition is refused: nmodlgo cannot know the macros of the C around it,
// unless Assume is set.
type Cond struct {
	// Assume, if not nil, is the value of every condition Cond cannot
	// know, instead of refusing it: for C that nothing translates (the
	// top level's), read once assuming true and once false.
	Assume *bool
	frames []condFrame
}

type condFrame struct {
	outer bool // the text around the #if is kept
	on    bool // this branch is kept
	taken bool // a branch of this #if was kept
	at    ast.Pos
}

// Active reports whether the text here is kept.
func (c *Cond) Active() bool {
	return len(c.frames) == 0 || c.frames[len(c.frames)-1].on
}

// Open reports an #if without its #endif.
func (c *Cond) Open() (ast.Pos, bool) {
	if len(c.frames) == 0 {
		return ast.Pos{}, false
	}
	return c.frames[len(c.frames)-1].at, true
}

var directive = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^\s*#\s*(if|ifdef|ifndef|elif|else|endif)\b(.*)$`) })

// Filter runs the conditional directives of text (its first line at
// at), returning the text with the lines dropped and the directives
// themselves made blank, so that positions stay.
func (c *Cond) Filter(text string, at ast.Pos) (string, error) {
	lines := strings.Split(text, "\n")
	for i, line := range lines {
		pos := ast.Pos{File: at.File, Line: at.Line + i, Col: 1}
		m := directive().FindStringSubmatch(line)
		if m == nil {
			if !c.Active() {
				lines[i] = ""
			}
			continue
		}
		lines[i] = ""
		arg := strings.TrimSpace(stripComment(m[2]))
		switch m[1] {
		case "if", "ifdef", "ifndef":
			v, err := c.eval(m[1], arg, pos)
			if err != nil {
				return "", err
			}
			outer := c.Active()
			c.frames = append(c.frames, condFrame{outer: outer, on: outer && v, taken: v, at: pos})
		case "elif", "else", "endif":
			if len(c.frames) == 0 {
				return "", &Error{pos, "#" + m[1], "without its #if"}
			}
			f := &c.frames[len(c.frames)-1]
			switch m[1] {
			case "elif":
				v, err := c.eval("if", arg, pos)
				if err != nil {
					return "", err
				}
				f.on = f.outer && !f.taken && v
				f.taken = f.taken || v
			case "else":
				f.on = f.outer && !f.taken
				f.taken = true
			default:
				c.frames = c.frames[:len(c.frames)-1]
			}
		}
	}
	return strings.Join(lines, "\n"), nil
}

// eval evaluates a condition, or takes Assume for one it cannot know.
func (c *Cond) eval(kind, arg string, pos ast.Pos) (bool, error) {
	v, err := evalCond(kind, arg, pos)
	if _, unknown := err.(*Error); unknown && c.Assume != nil {
		return *c.Assume, nil
	}
	return v, err
}

func stripComment(s string) string {
	if i := strings.Index(s, "//"); i >= 0 {
		s = s[:i]
	}
	if i := strings.Index(s, "/*"); i >= 0 {
		s = s[:i]
	}
	return s
}

var versionCall = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^NRN_VERSION_(EQ|NE|GT|LT|GTEQ|LTEQ)\(\s*(\d+)\s*,\s*(\d+)\s*,\s*(\d+)\s*\)$`)
})

// evalCond evaluates the condition of #if, #ifdef or #ifndef.
func evalCond(kind, arg string, pos ast.Pos) (bool, error) {
	defined := func(name string) (bool, bool) {
		switch name {
		case "NRN_VERSION_GTEQ_8_2_0":
			return compareVersion(8, 2, 0) >= 0, true
		case "NRN_MECHANISM_DATA_IS_SOA", "CORENEURON_BUILD", "NRNBBCORE":
			return false, true // NRNBBCORE: defined only when CoreNEURON's translators build a file
		case "t", "dt": // nocmodl's C: #define t _nt->_t (nrn_threads->_t)
			return true, true
		}
		return false, false
	}
	unknown := &Error{pos, "#" + kind + " " + arg, "a condition on macros nmodlgo cannot know (it knows NEURON's version macros)"}
	switch kind {
	case "ifdef", "ifndef":
		v, ok := defined(arg)
		if !ok {
			return false, unknown
		}
		return v == (kind == "ifdef"), nil
	}
	if strings.HasPrefix(arg, "defined") {
		name := strings.Trim(strings.TrimPrefix(arg, "defined"), " ()")
		v, ok := defined(name)
		if !ok {
			return false, unknown
		}
		return v, nil
	}
	if arg == "0" || arg == "1" {
		return arg == "1", nil
	}
	// #if NAME or #if !NAME on a macro whose value is 0 or 1, or that is
	// not defined (so 0 in #if)
	if name := strings.TrimSpace(strings.TrimPrefix(arg, "!")); name != "t" && name != "dt" {
		if v, ok := defined(name); ok {
			return v != strings.HasPrefix(arg, "!"), nil
		}
	}
	m := versionCall().FindStringSubmatch(arg)
	if m == nil {
		return false, unknown
	}
	var v [3]int
	for i := range v {
		v[i], _ = strconv.Atoi(m[i+2])
	}
	c := compareVersion(v[0], v[1], v[2])
	switch m[1] {
	case "EQ":
		return c == 0, nil
	case "NE":
		return c != 0, nil
	case "GT":
		return c > 0, nil
	case "LT":
		return c < 0, nil
	case "GTEQ":
		return c >= 0, nil
	case "LTEQ":
		return c <= 0, nil
	}
	return false, fmt.Errorf("unreachable")
}

// compareVersion compares NEURONVersion with major.minor.patch.
func compareVersion(major, minor, patch int) int {
	for i, x := range [3]int{major, minor, patch} {
		if NEURONVersion[i] != x {
			if NEURONVersion[i] < x {
				return -1
			}
			return 1
		}
	}
	return 0
}
