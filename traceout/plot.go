package traceout

import (
	"image/color"
	"io"
	"math"

	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/nmodlgo/nmodlgo/scenario"
)

// writePlot draws one panel per quantity, stacked, sharing t: lines in
// distinct colours, a legend in every panel, round ticks
// (0 among them when the range holds it) and room above and below the
// data, so that a peak does not touch the frame.
func writePlot(w io.Writer, f Format, tr *scenario.Trace, opt Options) error {
	names, cols := panels(tr, opt)
	t := tr.Data[0]
	tmin, tmax := minMax(t)
	if tmin == tmax {
		tmin, tmax = padded(tmin, tmax)
	}
	n := len(names)
	width, height := 8*vg.Inch, vg.Length(n)*2.6*vg.Inch+0.6*vg.Inch
	c, dc := newCanvas(f, width, height)

	// The panels share their left edge: room for the widest tick labels.
	ys := make([][2]float64, n)
	yTicks := make([][]tick, n)
	var labelsWidth vg.Length
	for i := range names {
		lo, hi := math.Inf(1), math.Inf(-1)
		for _, col := range cols[i] {
			a, b := minMax(tr.Data[col])
			lo, hi = math.Min(lo, a), math.Max(hi, b)
		}
		ys[i][0], ys[i][1] = padded(lo, hi)
		yTicks[i] = roundTicks(ys[i][0], ys[i][1])
		labelsWidth = max(labelsWidth, widestLabel(yTicks[i]))
	}
	const pad = 6
	left := pad + textStyle(labelSize).Height("v") + gap + labelsWidth + 2 + majorTick
	right := width - 12
	xs := scale{tmin, tmax, left, right}
	xTicks := roundTicks(tmin, tmax)

	top := height - pad
	if opt.Title != "" {
		ts := textStyle(titleSize)
		ts.XAlign, ts.YAlign = draw.XCenter, draw.YTop
		dc.FillText(ts, vg.Point{X: (left + right) / 2, Y: top}, opt.Title)
		top -= ts.Height(opt.Title) + gap
	}
	const between = 10
	tile := (top - pad - between*vg.Length(n-1)) / vg.Length(n)
	for i, q := range names {
		xLabel := ""
		if i == n-1 {
			xLabel = "t (ms)"
		}
		tileTop := top - vg.Length(i)*(tile+between)
		bottom := tileTop - tile + xAxisHeight(xLabel)
		ysc := scale{ys[i][0], ys[i][1], bottom, tileTop - majorTick}
		area := draw.Crop(dc, left, right-width, bottom, ysc.to-height)

		for _, tk := range xTicks {
			if tk.label != "" {
				area.StrokeLine2(gridLine, xs.at(tk.value), ysc.from, xs.at(tk.value), ysc.to)
			}
		}
		for _, tk := range yTicks[i] {
			if tk.label != "" {
				area.StrokeLine2(gridLine, xs.from, ysc.at(tk.value), xs.to, ysc.at(tk.value))
			}
		}
		var entries []legendEntry
		for k, col := range cols[i] {
			line := draw.LineStyle{Color: lineColor(k), Width: vg.Points(1.2)}
			// a NaN or ±Inf (a run that diverged) is a gap in its line
			var pts []vg.Point
			for r := range t {
				if y := tr.Data[col][r]; finite(y) {
					pts = append(pts, vg.Point{X: xs.at(t[r]), Y: ysc.at(y)})
				}
				if len(pts) > 0 && (r == len(t)-1 || !finite(tr.Data[col][r+1])) {
					area.StrokeLines(line, area.ClipLinesXY(pts)...)
					pts = nil
				}
			}
			entries = append(entries, legendEntry{tr.Columns[col], line})
		}
		xAxis(dc, xs, bottom, xTicks, xLabel)
		yAxis(dc, ysc, left, yTicks[i], q, pad)
		legend(dc, vg.Point{X: right - gap, Y: ysc.to - gap}, entries) // even alone: colours restart in each panel
	}
	_, err := c.WriteTo(w)
	return err
}

// legendEntry is a trace's name and its line.
type legendEntry struct {
	name string
	line draw.LineStyle
}

// legend lists the entries down from the top right corner at, each name
// left of a sample of its line, on white.
func legend(dc draw.Canvas, at vg.Point, entries []legendEntry) {
	sty := textStyle(tickSize)
	sty.XAlign, sty.YAlign = draw.XRight, draw.YCenter
	const sample = 20
	var textWidth vg.Length
	for _, e := range entries {
		textWidth = max(textWidth, sty.Width(e.name))
	}
	row := sty.Height("0") + 2
	box := vg.Rectangle{
		Min: vg.Point{X: at.X - textWidth - sample - 3*gap, Y: at.Y - vg.Length(len(entries))*row - gap},
		Max: at,
	}
	dc.SetColor(color.NRGBA{R: 255, G: 255, B: 255, A: 210})
	dc.Fill(box.Path())
	for j, e := range entries {
		y := at.Y - gap/2 - (vg.Length(j)+0.5)*row
		dc.FillText(sty, vg.Point{X: at.X - sample - 2*gap, Y: y}, e.name)
		dc.StrokeLine2(e.line, at.X-sample-gap, y, at.X-gap, y)
	}
}

func minMax(xs []float64) (lo, hi float64) {
	lo, hi = math.Inf(1), math.Inf(-1)
	for _, x := range xs {
		if finite(x) {
			lo, hi = math.Min(lo, x), math.Max(hi, x)
		}
	}
	if lo > hi { // nothing finite
		return 0, 1
	}
	return lo, hi
}

func finite(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }

// padded widens [lo, hi] by 5% on each side (and a flat line by ±1), so
// that the data does not touch the frame; within float64's range.
func padded(lo, hi float64) (float64, float64) {
	if hi == lo {
		return lo - 1, hi + 1
	}
	pad := 0.05*hi - 0.05*lo
	return max(lo-pad, -math.MaxFloat64), min(hi+pad, math.MaxFloat64)
}
