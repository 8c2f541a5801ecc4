package traceout

import (
	"fmt"
	"io"
	"math"
	"strconv"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/plotutil"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
	"gonum.org/v1/plot/vg/vgsvg"

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
	var rows [][]*plot.Plot
	for i, q := range names {
		p := plot.New()
		if i == 0 {
			p.Title.Text = opt.Title
		}
		p.Y.Label.Text = q
		if i == len(names)-1 {
			p.X.Label.Text = "t (ms)"
		}
		p.X.Min, p.X.Max = tmin, tmax
		p.X.Tick.Marker = roundTicks{}
		p.Y.Tick.Marker = roundTicks{}
		p.Add(plotter.NewGrid())
		lo, hi := math.Inf(1), math.Inf(-1)
		for k, c := range cols[i] {
			pts := make(plotter.XYs, len(t))
			for r := range t {
				pts[r].X, pts[r].Y = t[r], tr.Data[c][r]
			}
			line, err := plotter.NewLine(pts)
			if err != nil {
				return fmt.Errorf("column %s: %w", tr.Columns[c], err)
			}
			line.Color = plotutil.Color(k)
			line.Width = vg.Points(1.2)
			p.Add(line)
			p.Legend.Add(tr.Columns[c], line) // even alone: colours restart in each panel
			a, b := minMax(tr.Data[c])
			lo, hi = math.Min(lo, a), math.Max(hi, b)
		}
		p.Legend.Top = true
		p.Y.Min, p.Y.Max = padded(lo, hi)
		rows = append(rows, []*plot.Plot{p})
	}
	width, height := 8*vg.Inch, vg.Length(len(rows))*2.6*vg.Inch+0.6*vg.Inch
	c := newCanvas(f, width, height)
	dc := draw.New(c)
	tiles := draw.Tiles{Rows: len(rows), Cols: 1, PadTop: vg.Points(6), PadBottom: vg.Points(6), PadLeft: vg.Points(6), PadRight: vg.Points(12), PadY: vg.Points(10)}
	canvases := plot.Align(rows, tiles, dc)
	for i := range rows {
		rows[i][0].Draw(canvases[i][0])
	}
	_, err := c.WriteTo(w)
	return err
}

func minMax(xs []float64) (lo, hi float64) {
	lo, hi = math.Inf(1), math.Inf(-1)
	for _, x := range xs {
		if !math.IsNaN(x) {
			lo, hi = math.Min(lo, x), math.Max(hi, x)
		}
	}
	if lo > hi { // all NaN
		return 0, 1
	}
	return lo, hi
}

// padded widens [lo, hi] by 5% on each side (and a flat line by ±1), so
// that the data does not touch the frame.
func padded(lo, hi float64) (float64, float64) {
	if hi == lo {
		return lo - 1, hi + 1
	}
	pad := 0.05 * (hi - lo)
	return lo - pad, hi + pad
}

// niceStep returns a step of 1, 2 or 5 times a power of ten that cuts
// [lo, hi] into about n intervals (the smallest not under 0.7 of an nth).
func niceStep(lo, hi float64, n int) float64 {
	raw := (hi - lo) / float64(n)
	if !(raw > 0) || math.IsInf(raw, 0) {
		return 1
	}
	p := math.Pow(10, math.Floor(math.Log10(raw)))
	for _, m := range []float64{1, 2, 5, 10} {
		if 0.7*raw <= m*p {
			return m * p
		}
	}
	return 10 * p
}

// roundTicks labels the multiples of a round step, so 0 is a tick
// whenever the axis holds it; minor ticks halve the step.
type roundTicks struct{}

func (roundTicks) Ticks(lo, hi float64) []plot.Tick {
	step := niceStep(lo, hi, 6)
	prec := max(0, -int(math.Floor(math.Log10(step))))
	var ticks []plot.Tick
	for k := math.Ceil(lo / step * 2); k*step/2 <= hi; k++ {
		x := k * step / 2
		if math.Mod(k, 2) != 0 {
			ticks = append(ticks, plot.Tick{Value: x})
			continue
		}
		if math.Abs(x) < step*1e-9 {
			x = 0 // not -0 or 1e-17
		}
		ticks = append(ticks, plot.Tick{Value: x, Label: strconv.FormatFloat(x, 'f', prec, 64)})
	}
	return ticks
}

// newCanvas is a canvas of the size for format f: SVG, or PNG at 120 dpi.
func newCanvas(f Format, width, height vg.Length) vg.CanvasWriterTo {
	if f == SVG {
		return vgsvg.New(width, height)
	}
	return vgimg.PngCanvas{Canvas: vgimg.NewWith(vgimg.UseWH(width, height), vgimg.UseDPI(120))}
}
