package traceout

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"image/png"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/nmodlgo/nmodlgo/scenario"
)

// golden is a trace NEURON made: the tutorial's t and v, and more
// columns of another quantity made from them.
func golden(t *testing.T) *scenario.Trace {
	t.Helper()
	tr, err := scenario.ReadCSVFile(filepath.Join("..", "tests", "testdata", "golden", "play", "trace.csv"))
	if err != nil {
		t.Fatal(err)
	}
	return tr
}

var quantities = map[string]string{"soma_v": "v (mV)", "dend_v": "v (mV)", "stim_amp": "amp (nA)"}

func TestFormatOf(t *testing.T) {
	for path, want := range map[string]Format{"a/trace.csv": CSV, "/dev/stdout": CSV, "x.JSON": JSON, "v.npy": NPY, "p.png": PNG, "p.svg": SVG, "p.html": HTML} {
		if got, err := FormatOf(path); got != want || err != nil {
			t.Errorf("FormatOf(%s) = %q, %v", path, got, err)
		}
	}
	if _, err := FormatOf("trace.txt"); err == nil || !strings.Contains(err.Error(), `trace.txt: no format for the extension ".txt"; use one of .csv, .json, .npy, .png, .svg, .html`) {
		t.Errorf("FormatOf(trace.txt): %v", err)
	}
}

// TestNPYIsTheCSV: the .npy holds the CSV's numbers exactly, in its order,
// laid out as NumPy's format 1.0 says (read here field by field) and, when
// numpy is installed, as numpy loads it.
func TestNPYIsTheCSV(t *testing.T) {
	tr := golden(t)
	dir := t.TempDir()
	var npy, csv bytes.Buffer
	if err := Write(&npy, NPY, tr, Options{}); err != nil {
		t.Fatal(err)
	}
	if err := Write(&csv, CSV, tr, Options{}); err != nil {
		t.Fatal(err)
	}
	b := npy.Bytes()
	if !bytes.HasPrefix(b, []byte("\x93NUMPY\x01\x00")) || len(b) < 10 {
		t.Fatalf("no .npy 1.0 magic: %q", b[:min(len(b), 10)])
	}
	n := 10 + int(binary.LittleEndian.Uint16(b[8:]))
	header := string(b[10:n])
	wantDict := fmt.Sprintf("{'descr': '<f8', 'fortran_order': False, 'shape': (%d, %d), }", tr.Rows(), len(tr.Columns))
	if n%64 != 0 || !strings.HasSuffix(header, "\n") || strings.TrimRight(header, " \n") != wantDict {
		t.Fatalf("header %q ending at %d, want %q padded to a multiple of 64", header, n, wantDict)
	}
	if got, want := len(b)-n, 8*tr.Rows()*len(tr.Columns); got != want {
		t.Fatalf("%d bytes of values, want %d", got, want)
	}
	for r := range tr.Rows() {
		for c := range tr.Columns {
			i := n + 8*(r*len(tr.Columns)+c)
			if got := math.Float64frombits(binary.LittleEndian.Uint64(b[i:])); got != tr.Data[c][r] {
				t.Fatalf("row %d, column %s: %v, want %v", r, tr.Columns[c], got, tr.Data[c][r])
			}
		}
	}
	if err := exec.Command("/usr/bin/python3", "-c", "import numpy").Run(); err != nil {
		t.Skip("numpy is not installed (apt-get install python3-numpy); the layout was checked field by field")
	}
	for name, data := range map[string][]byte{"t.npy": npy.Bytes(), "t.csv": csv.Bytes()} {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	out, err := exec.Command("/usr/bin/python3", "-c", `import numpy, sys
a = numpy.load(sys.argv[1])
b = numpy.loadtxt(sys.argv[2], delimiter=",", skiprows=1)
print(a.dtype, a.shape, numpy.array_equal(a, b))`, filepath.Join(dir, "t.npy"), filepath.Join(dir, "t.csv")).CombinedOutput()
	want := "float64 (" + strconv.Itoa(tr.Rows()) + ", " + strconv.Itoa(len(tr.Columns)) + ") True\n"
	if err != nil || string(out) != want {
		t.Errorf("numpy: %s (%v), want %s", out, err, want)
	}
}

// TestJSON: the JSON names the columns in order and reads back as the
// same numbers; spike times come along; NaN is refused by name.
func TestJSON(t *testing.T) {
	tr := golden(t)
	tr.Spikes = []scenario.Spikes{{Name: "soma", Times: []float64{1.5, 7.0000000001}}, {Name: "none"}}
	var b bytes.Buffer
	if err := Write(&b, JSON, tr, Options{}); err != nil {
		t.Fatal(err)
	}
	var back struct {
		Columns []string
		Data    map[string][]float64
		Spikes  map[string][]float64
	}
	if err := json.Unmarshal(b.Bytes(), &back); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(back.Columns, tr.Columns) || !slices.Equal(back.Data["soma_v"], tr.Column("soma_v")) ||
		!slices.Equal(back.Spikes["soma"], tr.Spikes[0].Times) || back.Spikes["none"] == nil {
		t.Errorf("did not read back: %v %v", back.Columns, back.Spikes)
	}
	tr.Data[1][3] = math.NaN()
	if err := Write(&b, JSON, tr, Options{}); err == nil || !strings.Contains(err.Error(), "soma_v holds NaN at row 3") {
		t.Errorf("NaN: %v", err)
	}
}

// TestPlots: a PNG of the right size, and an SVG with one colour per
// trace of a panel and a legend where a panel has two.
func TestPlots(t *testing.T) {
	tr := golden(t)
	tr.Columns, tr.Data = tr.Columns[:3], tr.Data[:3] // t, soma_v, stim_amp
	tr.Columns = append(tr.Columns, "dend_v")
	tr.Data = append(tr.Data, golden(t).Column("dend_v"))
	opt := Options{Title: "play", Quantity: quantities}
	var b bytes.Buffer
	if err := Write(&b, PNG, tr, opt); err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(&b)
	if err != nil {
		t.Fatal(err)
	}
	if r := img.Bounds(); r.Dx() != 960 || r.Dy() != 696 { // 8 in by 2 panels of 2.6 in + 0.6, at 120 dpi
		t.Errorf("PNG is %v", r)
	}
	b.Reset()
	if err := Write(&b, SVG, tr, opt); err != nil {
		t.Fatal(err)
	}
	svg := b.String()
	colours := map[string]bool{}
	for _, m := range regexp.MustCompile(`stroke:(#[0-9A-Fa-f]{6})`).FindAllStringSubmatch(svg, -1) {
		colours[m[1]] = true
	}
	for _, want := range []string{"soma_v", "dend_v", "v (mV)", "amp (nA)", "t (ms)", ">0<"} {
		if !strings.Contains(svg, want) {
			t.Errorf("the SVG has no %q", want)
		}
	}
	if len(colours) < 3 { // two traces in one panel, the grid, the axes
		t.Errorf("colours %v: the traces of a panel must differ", colours)
	}
}

// TestTicks: round ticks, 0 among them when the range holds it.
func TestTicks(t *testing.T) {
	for _, c := range []struct {
		lo, hi float64
		want   string
	}{
		{-81, 46, "-80 -60 -40 -20 0 20 40"},
		{0, 40, "0 5 10 15 20 25 30 35 40"},
		{-0.01, 0.92, "0.0 0.2 0.4 0.6 0.8"},
		{-1e308, 1e308, "-5e+307 0 5e+307"},
		{-3e7, 9e7, "-2e+07 0 2e+07 4e+07 6e+07 8e+07"},
		{math.Inf(-1), math.Inf(1), ""},
		{1e300, 1e300, "1e+300"},
	} {
		var labels []string
		for _, tk := range roundTicks(c.lo, c.hi) {
			if tk.label != "" {
				labels = append(labels, tk.label)
			}
		}
		if got := strings.Join(labels, " "); got != c.want {
			t.Errorf("ticks on [%g, %g]: %s, want %s", c.lo, c.hi, got, c.want)
		}
	}
}

// TestHTMLInChromium: the page opens in headless Chromium with the network
// shut off, and draws every trace.
func TestHTMLInChromium(t *testing.T) {
	tr := golden(t)
	var b bytes.Buffer
	if err := Write(&b, HTML, tr, Options{Title: "play </script> & <b>", Quantity: quantities}); err != nil {
		t.Fatal(err)
	}
	dom := openInChromium(t, b.Bytes())
	drawn, inked := drawnAndInked(t, dom)
	if drawn != len(tr.Columns)-1 || inked < 20000 {
		t.Errorf("%d traces drawn (want %d), %d pixels inked", drawn, len(tr.Columns)-1, inked)
	}
	if !strings.Contains(dom, "<title>play &lt;/script&gt; &amp; &lt;b&gt;</title>") {
		t.Errorf("the title is not escaped")
	}
	t.Logf("%d traces drawn, %d pixels inked", drawn, inked)
}

// openInChromium opens a page in headless Chromium, with the network shut
// off, and returns the DOM its scripts leave; the test skips without
// Chromium. The page must refer to nothing outside it.
func openInChromium(t *testing.T, page []byte) string {
	t.Helper()
	if regexp.MustCompile(`(?i)(src|href)\s*=|https?:`).Match(page) {
		t.Errorf("the page refers to something outside it")
	}
	chromium := ""
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			chromium = p
			break
		}
	}
	if chromium == "" {
		t.Skip("no Chromium (apt-get install chromium): the HTML page is not opened")
	}
	path := filepath.Join(t.TempDir(), "page.html")
	if err := os.WriteFile(path, page, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
		"--user-data-dir="+t.TempDir(), "--host-resolver-rules=MAP * ~NOTFOUND", "--proxy-server=127.0.0.1:9",
		"--window-size=1000,1200", "--virtual-time-budget=5000", "--dump-dom", "file://"+path).Output()
	if err != nil {
		t.Fatalf("chromium: %v", err)
	}
	return string(out)
}

// drawnAndInked reads what a page's script left on its body: how many
// things it drew and how many pixels it inked.
func drawnAndInked(t *testing.T, dom string) (drawn, inked int) {
	t.Helper()
	m := regexp.MustCompile(`<body data-drawn="(\d+)" data-inked="(\d+)"`).FindStringSubmatch(dom)
	if m == nil {
		t.Fatalf("the page's script did not run to the end:\n%.2000s", dom)
	}
	drawn, _ = strconv.Atoi(m[1])
	inked, _ = strconv.Atoi(m[2])
	return drawn, inked
}

// TestNoPlotPackage: traceout draws without gonum's plot package, whose
// init parses twelve fonts in every process that links it (draw.go).
func TestNoPlotPackage(t *testing.T) {
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command to list the dependencies with")
	}
	out, err := exec.Command(goTool, "list", "-deps", ".").Output()
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range strings.Fields(string(out)) {
		if p == "gonum.org/v1/plot" {
			t.Errorf("traceout links %s", p)
		}
	}
}
