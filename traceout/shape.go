package traceout

import (
	_ "embed"
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"html"
	"image/color"
	"io"
	"math"
	"sort"
	"strings"
	"sync"
	"text/template"

	"gonum.org/v1/plot/palette"
	"gonum.org/v1/plot/palette/moreland"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/nmodlgo/nmodlgo/scenario"
)

// WriteShape draws the shape plot of sh (NEURON's PlotShape): the cell
// seen from +z (x to the right, y up), each segment as thick as its
// diameter (at least a hairline) and coloured by its value at the row
// nearest time t, on one colour scale for the whole run; segments without
// the variable in grey; a scale bar. The format is PNG, SVG or HTML; the
// HTML page has every row (up to 400, evenly spaced) on a time slider,
// which starts at t.
func WriteShape(w io.Writer, f Format, sh *scenario.Shape, t float64, opt Options) error {
	ts := sh.T()
	if len(ts) == 0 {
		return fmt.Errorf("shape plot: nothing was recorded")
	}
	lo, hi := math.Inf(1), math.Inf(-1)
	for i := range sh.Segments {
		for _, v := range sh.Values(i) {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return fmt.Errorf("shape plot: %s of %s is %g", sh.What, sh.Segments[i].Name, v)
			}
			lo, hi = math.Min(lo, v), math.Max(hi, v)
		}
	}
	if lo == hi {
		lo, hi = lo-1, hi+1
	}
	switch f {
	case PNG, SVG:
		return writeShapePlot(w, f, sh, nearestRow(ts, t), lo, hi, opt)
	case HTML:
		return writeShapeHTML(w, sh, t, lo, hi, opt)
	}
	return fmt.Errorf("a shape plot is .png, .svg or .html, not %s", f)
}

// nearestRow is the row whose time is nearest t.
func nearestRow(ts []float64, t float64) int {
	i := sort.SearchFloat64s(ts, t)
	switch {
	case i == len(ts):
		return i - 1
	case i > 0 && t-ts[i-1] <= ts[i]-t:
		return i - 1
	}
	return i
}

// colorMap is the shape plot's scale: Moreland's blue to red.
func colorMap(lo, hi float64) palette.ColorMap {
	cm := moreland.SmoothBlueRed()
	cm.SetMin(lo)
	cm.SetMax(hi)
	return cm
}

// bounds returns the x-y box of the segments' paths.
func bounds(sh *scenario.Shape) (x0, x1, y0, y1 float64) {
	x0, y0, x1, y1 = math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for _, s := range sh.Segments {
		for _, p := range s.Path {
			x0, x1 = math.Min(x0, p.X-s.Diam/2), math.Max(x1, p.X+s.Diam/2)
			y0, y1 = math.Min(y0, p.Y-s.Diam/2), math.Max(y1, p.Y+s.Diam/2)
		}
	}
	return x0, x1, y0, y1
}

// writeShapePlot draws the cell at one row with a colour bar above it.
func writeShapePlot(w io.Writer, f Format, sh *scenario.Shape, row int, lo, hi float64, opt Options) error {
	cm := colorMap(lo, hi)
	x0, x1, y0, y1 := bounds(sh)
	dx, dy := math.Max(x1-x0, 1), math.Max(y1-y0, 1)
	width := 8 * vg.Inch
	barHeight := 1.1 * vg.Inch
	margin := 0.3 * vg.Inch
	inner := width - 2*margin
	shapeHeight := vg.Length(math.Min(math.Max(float64(inner)*dy/dx, 2*72), 10*72))
	height := barHeight + shapeHeight + 2*margin
	c, dc := newCanvas(f, width, height)

	// The colour bar, with the title and the time.
	title := opt.Title
	if title != "" {
		title += ": "
	}
	title = fmt.Sprintf("%s%s at t = %.6g ms", title, sh.What, sh.T()[row])
	ts := textStyle(titleSize)
	ts.XAlign, ts.YAlign = draw.XCenter, draw.YTop
	top := height - margin/2
	dc.FillText(ts, vg.Point{X: width / 2, Y: top}, title)
	barTop := top - ts.Height(title) - gap
	barBottom := max(barTop-0.4*vg.Inch, height-margin/2-barHeight+xAxisHeight(sh.Quantity))
	const strips = 256 // each a little wider than its share, so that no seam shows
	for k := range strips {
		clr, _ := cm.At(lo + (hi-lo)*(float64(k)+0.5)/strips)
		dc.SetColor(clr)
		x := margin + inner*vg.Length(k)/strips
		r := vg.Rectangle{Min: vg.Point{X: x, Y: barBottom}, Max: vg.Point{X: min(x+inner/strips+0.5, width-margin), Y: barTop}}
		dc.Fill(r.Path())
	}
	xAxis(dc, scale{lo, hi, margin, width - margin}, barBottom, roundTicks(lo, hi), sh.Quantity)

	// The cell, at one scale in x and y.
	area := vg.Rectangle{Min: vg.Point{X: margin, Y: margin}, Max: vg.Point{X: width - margin, Y: margin + shapeHeight}}
	ppu := math.Min(float64(area.Size().X)/dx, float64(area.Size().Y)/dy) // points per µm
	cx, cy := (x0+x1)/2, (y0+y1)/2
	hx, hy := float64(area.Size().X)/ppu/2, float64(area.Size().Y)/ppu/2
	xs := scale{cx - hx, cx + hx, area.Min.X, area.Max.X}
	ys := scale{cy - hy, cy + hy, area.Min.Y, area.Max.Y}
	for i, s := range sh.Segments {
		line := draw.LineStyle{Color: color.Gray{Y: 170}, Width: min(vg.Length(math.Max(s.Diam*ppu, 0.6)), vg.Points(40))}
		if vs := sh.Values(i); vs != nil {
			line.Color, _ = cm.At(math.Min(math.Max(vs[row], lo), hi))
		}
		pts := make([]vg.Point, len(s.Path))
		for k, q := range s.Path {
			pts[k] = vg.Point{X: xs.at(q.X), Y: ys.at(q.Y)}
		}
		dc.StrokeLines(line, pts)
	}
	// A scale bar of a round length, about a fifth of the width.
	bl := niceStep(0, 2*hx/5, 1)
	sx, sy := cx-hx+0.05*2*hx, cy-hy+0.04*2*hy
	dc.StrokeLine2(draw.LineStyle{Color: color.Black, Width: vg.Points(2)}, xs.at(sx), ys.at(sy), xs.at(sx+bl), ys.at(sy))
	ls := textStyle(tickSize)
	ls.YAlign = draw.YBottom
	dc.FillText(ls, vg.Point{X: xs.at(sx), Y: ys.at(sy) + 4}, fmt.Sprintf("%g µm", bl))
	_, err := c.WriteTo(w)
	return err
}

//go:embed shape.html
var shapePageText string

var shapePage = sync.OnceValue(func() *template.Template { return template.Must(template.New("shape.html").Parse(shapePageText)) })

// maxFrames bounds the rows an HTML shape plot carries, to keep the page
// to a few megabytes for a cell of thousands of segments.
const maxFrames = 400

// writeShapeHTML writes a page that draws the cell at any recorded time
// (a slider, and play), pans and zooms, and reads a segment's value under
// the pointer. The data is in the page; it fetches nothing.
func writeShapeHTML(w io.Writer, sh *scenario.Shape, t, lo, hi float64, opt Options) error {
	ts := sh.T()
	var rows []int
	n := min(len(ts), maxFrames)
	for k := range n {
		if n == 1 {
			rows = append(rows, len(ts)-1)
			break
		}
		rows = append(rows, k*(len(ts)-1)/(n-1))
	}
	type segment struct {
		Name string    `json:"n"`
		Diam float64   `json:"d"`
		Path []float64 `json:"p"` // x0, y0, x1, y1, …
		Has  bool      `json:"has"`
	}
	doc := struct {
		What     string    `json:"what"`
		Quantity string    `json:"quantity"`
		Unit     string    `json:"unit"`
		Lo       float64   `json:"lo"`
		Hi       float64   `json:"hi"`
		Colors   []string  `json:"colors"`
		T        []float64 `json:"t"`
		Start    int       `json:"start"`
		Segs     []segment `json:"segs"`
		Values   string    `json:"values"`
	}{What: sh.What, Quantity: sh.Quantity, Unit: unitOf(sh.Quantity), Lo: lo, Hi: hi}
	cm := colorMap(0, 1)
	for k := range 256 {
		c, _ := cm.At(float64(k) / 255)
		doc.Colors = append(doc.Colors, hex(c))
	}
	for _, r := range rows {
		doc.T = append(doc.T, ts[r])
	}
	doc.Start = nearestRow(doc.T, t) // where the slider starts
	for i, s := range sh.Segments {
		seg := segment{Name: s.Name, Diam: s.Diam, Has: sh.Values(i) != nil}
		for _, p := range s.Path {
			seg.Path = append(seg.Path, math.Round(p.X*1000)/1000, math.Round(p.Y*1000)/1000)
		}
		doc.Segs = append(doc.Segs, seg)
	}
	buf := make([]byte, 0, 4*len(rows)*len(sh.Segments))
	for _, r := range rows {
		for i := range sh.Segments {
			v := float32(math.NaN())
			if vs := sh.Values(i); vs != nil {
				v = float32(vs[r])
			}
			buf = binary.LittleEndian.AppendUint32(buf, math.Float32bits(v))
		}
	}
	doc.Values = base64.StdEncoding.EncodeToString(buf)
	data, err := json.Marshal(doc)
	if err != nil {
		return fmt.Errorf("the shape as JSON: %w", err)
	}
	title := opt.Title
	if title == "" {
		title = sh.What
	}
	return shapePage().Execute(w, map[string]string{"Title": html.EscapeString(title), "Data": string(data)})
}

// unitOf is the unit in a quantity "v (mV)", or "".
func unitOf(quantity string) string {
	if i := strings.LastIndexByte(quantity, '('); i >= 0 && strings.HasSuffix(quantity, ")") {
		return quantity[i+1 : len(quantity)-1]
	}
	return ""
}
