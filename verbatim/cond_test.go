package verbatim

import (
	"strings"
	"testing"

	"github.com/nmodlgo/nmodlgo/ast"
)

// TestCond: C's #if on NEURON's version macros, evaluated for 8.2.2,
// across texts, nested, with #elif and #else; other macros refused.
func TestCond(t *testing.T) {
	keep := func(texts ...string) string {
		var c Cond
		var kept []string
		for _, text := range texts {
			out, err := c.Filter(text, ast.Pos{Line: 1})
			if err != nil {
				return "error: " + err.Error()
			}
			for _, l := range strings.Split(out, "\n") {
				if l != "" {
					kept = append(kept, l)
				}
			}
		}
		if _, open := c.Open(); open {
			kept = append(kept, "(open)")
		}
		return strings.Join(kept, " ")
	}
	for _, tt := range []struct {
		texts []string
		want  string
	}{
		{[]string{"#if NRN_VERSION_EQ(8, 2, 0)\na\n#else\nb\n#endif"}, "b"},
		{[]string{"#if NRN_VERSION_EQ(8,2,2)\na\n#endif"}, "a"},
		{[]string{"#if NRN_VERSION_GTEQ(8, 2, 0)\na\n#elif 1\nb\n#else\nc\n#endif"}, "a"},
		{[]string{"#if NRN_VERSION_LT(8, 0, 0)\na\n#elif NRN_VERSION_LTEQ(9, 0, 0)\nb\n#else\nc\n#endif"}, "b"},
		{[]string{"#ifdef NRN_VERSION_GTEQ_8_2_0\na\n#endif\n#ifndef NRN_VERSION_GTEQ_8_2_0\nb\n#endif"}, "a"},
		{[]string{"#if !NRNBBCORE\na\n#else\nb\n#endif\n#if NRNBBCORE\nc\n#endif\n#ifndef NRNBBCORE\nd\n#endif"}, "a d"},
		{[]string{"#if 0\n#if 1\na\n#endif\nb\n#else\nc\n#endif"}, "c"},
		{[]string{"#ifdef NRN_MECHANISM_DATA_IS_SOA\na\n#else\nb\n#endif"}, "b"},
		{[]string{"#if NRN_VERSION_NE(9, 0, 1)", "x", "#else", "y", "#endif"}, "x"},
		{[]string{"#if NRN_VERSION_GT(9, 0, 0)\nx"}, "(open)"},
		{[]string{"#ifdef SOMETHING\nx\n#endif"}, "error: C #ifdef SOMETHING: a condition on macros nmodlgo cannot know (it knows NEURON's version macros)"},
		{[]string{"#endif"}, "error: C #endif: without its #if"},
		{[]string{"#if defined(t)\na\n#endif\n#ifndef dt\nb\n#endif"}, "a"},
	} {
		if got := keep(tt.texts...); got != tt.want {
			t.Errorf("%q: got %q, want %q", tt.texts, got, tt.want)
		}
	}
}

// TestCondAssume: with Assume set, a condition Cond cannot know takes its
// value; known ones are still evaluated.
func TestCondAssume(t *testing.T) {
	text := "#if defined(STATS)\na\n#elif NRN_VERSION_EQ(8, 2, 2)\nb\n#else\nc\n#endif\n#if NRN_VERSION_LT(8, 0, 0)\nd\n#endif"
	for _, tt := range []struct {
		assume bool
		want   string
	}{{true, "a"}, {false, "b"}} {
		c := Cond{Assume: &tt.assume}
		out, err := c.Filter(text, ast.Pos{Line: 1})
		if err != nil {
			t.Fatal(err)
		}
		if got := strings.Join(strings.Fields(out), " "); got != tt.want {
			t.Errorf("assuming %v: kept %q, want %q", tt.assume, got, tt.want)
		}
	}
}
