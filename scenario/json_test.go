package scenario

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

// FuzzReadValidJSON: the fast reader accepts exactly what the reader by
// encoding/json's tokens accepts, and reads the same values at the same
// offsets.
func FuzzReadValidJSON(f *testing.F) {
	for _, glob := range []string{"../tests/testdata/golden/*/scenario.json", "testdata/*.json"} {
		files, _ := filepath.Glob(glob)
		for _, file := range files {
			if data, err := os.ReadFile(file); err == nil {
				f.Add(data)
			}
		}
	}
	for _, s := range []string{`{"a": [1, {"b": null, "b": true}], "c": "\u00e9"}`, `[-0.5e+3, 1E2, "\ud83d\ude00", "a\"b", "\xff"]`,
		`{"x": 01}`, `[1,]`, `{"a" 1}`, `"\u0000"`, ` [ ] `, `{}`, `[[[[]]]]`, `[true, false, null, tru]`, `"tab	in"`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		fast, ok := readValidJSON(data)
		slow, err := readJSONTokens(data)
		switch {
		case ok && err != nil:
			t.Fatalf("the fast reader accepts what the other refuses (%v)", err)
		case !ok && err == nil:
			t.Fatalf("the fast reader refuses valid JSON")
		case ok && !reflect.DeepEqual(fast, slow):
			t.Fatalf("the readers differ:\n%+v\n%+v", fast, slow)
		}
	})
}

// TestDecodeAsUnmarshal: on every scenario file of the project and of the
// reference scenarios, decoding the tree gives what encoding/json's
// Unmarshal gives from the text.
func TestDecodeAsUnmarshal(t *testing.T) {
	var files []string
	for _, glob := range []string{"../tests/testdata/*/*/scenario.json", "testdata/*.json", "../../shared/reference/*/*/scenario.json"} {
		more, _ := filepath.Glob(glob)
		files = append(files, more...)
	}
	if len(files) < 30 {
		t.Fatalf("only %d scenario files", len(files))
	}
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		root, err := readJSON(data)
		if err != nil {
			continue // a file of bad cases
		}
		var got, want Scenario
		errGot := root.decode(data, reflect.ValueOf(&got).Elem())
		errWant := json.Unmarshal(data, &want)
		if (errGot == nil) != (errWant == nil) {
			t.Errorf("%s: decode %v, Unmarshal %v", file, errGot, errWant)
			continue
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: decoded differently from Unmarshal", file)
		}
	}
	t.Logf("%d files", len(files))
}
