package verbatim

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/nmodlgo/nmodlgo/ast"
)

// TestEveryPrefixEnds: C cut off anywhere (an unfinished cast, switch,
// call, …) gets an answer, a translation or an error, promptly and
// without a panic: every prefix of FuzzTranslate's seeds and corpus. The
// fuzzer found reinterpret_cast< reading past the end of the text.
func TestEveryPrefixEnds(t *testing.T) {
	texts := append([]string{}, translateSeeds...)
	files, err := filepath.Glob("testdata/fuzz/FuzzTranslate/*")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		// go test fuzz v1, then string("…")
		_, body, _ := strings.Cut(string(b), "\n")
		body = strings.TrimSuffix(strings.TrimPrefix(strings.TrimSpace(body), "string("), ")")
		s, err := strconv.Unquote(body)
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		texts = append(texts, s)
	}
	env := Env{IsInt: func(n string) bool { return n == "i" }, Handles: func(n string) bool { return n == "ptr" }}
	for _, s := range texts {
		for n := range len(s) + 1 {
			done := make(chan struct{})
			go func() {
				defer close(done)
				_, _ = Translate(s[:n], ast.Pos{Line: 1, Col: 1}, env)
			}()
			select {
			case <-done:
			case <-time.After(5 * time.Second):
				t.Fatalf("no answer within 5 s for %q", s[:n])
			}
		}
	}
}
