package traceout

import (
	"bytes"
	"image/png"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nmodlgo/nmodlgo/generated/builtin"
	"github.com/nmodlgo/nmodlgo/scenario"
)

// shape runs the golden morphology scenario (a 194-section cell and a
// section of our own without 3-D points) recording what everywhere.
func shape(t *testing.T, what string) *scenario.Shape {
	t.Helper()
	s, err := scenario.Load(filepath.Join("..", "tests", "testdata", "golden", "morphology"))
	if err != nil {
		t.Fatal(err)
	}
	bm, err := s.Build(builtin.Mechanisms())
	if err != nil {
		t.Fatal(err)
	}
	sh, err := bm.RecordShape(what)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := bm.Run(); err != nil {
		t.Fatal(err)
	}
	return sh
}

// TestShape: the shape plot's segments follow the cell, and it draws as
// PNG and SVG; what it cannot draw it says.
func TestShape(t *testing.T) {
	sh := shape(t, "m_hh")
	has := 0
	for i, s := range sh.Segments {
		if len(s.Path) < 2 || s.Diam <= 0 {
			t.Fatalf("segment %s: path %v, diam %g", s.Name, s.Path, s.Diam)
		}
		if sh.Values(i) != nil {
			has++
		}
	}
	// hh is in the soma, the axon and the added section only
	if has == 0 || has == len(sh.Segments) {
		t.Errorf("%d of %d segments have m_hh", has, len(sh.Segments))
	}
	var b bytes.Buffer
	if err := WriteShape(&b, PNG, sh, 2.5, Options{Title: "cell"}); err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(&b)
	if err != nil {
		t.Fatal(err)
	}
	if w, h := img.Bounds().Dx(), img.Bounds().Dy(); w < 900 || h < 900 {
		t.Errorf("a %dx%d picture for a tall cell", w, h)
	}
	b.Reset()
	if err := WriteShape(&b, SVG, sh, 2.5, Options{}); err != nil || !strings.Contains(b.String(), "<svg") {
		t.Errorf("SVG: %v", err)
	}
	if err := WriteShape(&b, CSV, sh, 2.5, Options{}); err == nil || !strings.Contains(err.Error(), "a shape plot is .png, .svg or .html") {
		t.Errorf("a shape as CSV: %v", err)
	}
	for _, c := range []struct {
		t    float64
		want int
	}{{-5, 0}, {0.01, 0}, {0.013, 1}, {2.5, 100}, {1e9, len(sh.T()) - 1}} {
		if got := nearestRow(sh.T(), c.t); got != c.want {
			t.Errorf("nearestRow(%g) = %d, want %d", c.t, got, c.want)
		}
	}
}

// TestShapeInChromium opens the HTML shape plot: every segment drawn, the
// picture inked, the title escaped.
func TestShapeInChromium(t *testing.T) {
	sh := shape(t, "v")
	var b bytes.Buffer
	if err := WriteShape(&b, HTML, sh, 0, Options{Title: "cell </script>"}); err != nil {
		t.Fatal(err)
	}
	dom := openInChromium(t, b.Bytes())
	drawn, inked := drawnAndInked(t, dom)
	if drawn != len(sh.Segments) || inked < 20000 {
		t.Errorf("%d segments drawn (want %d), %d pixels inked", drawn, len(sh.Segments), inked)
	}
	if !strings.Contains(dom, "<title>cell &lt;/script&gt;</title>") {
		t.Errorf("the title is not escaped")
	}
	t.Logf("%d segments drawn, %d pixels inked, %d bytes", drawn, inked, b.Len())
}
