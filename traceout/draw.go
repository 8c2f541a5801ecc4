package traceout

import (
	"image/color"
	"math"
	"strconv"
	"sync"

	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/font/liberation"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
	"gonum.org/v1/plot/vg/vgsvg"
)

// The plots are drawn on gonum's canvases (vg, vg/draw) directly, not
// through its plot package: that package's init parses twelve fonts in
// every process that links it, which cost every nmodlgo start 3.5-4 ms on
// the 2-CPU machine of the benchmarks whether it plotted or not. Here the
// one font a plot uses is parsed when the first plot is drawn.
var fonts = sync.OnceValue(func() *font.Cache { return font.NewCache(liberation.Collection()) })

// textStyle is the plots' text: Liberation Sans of the size in points.
func textStyle(size float64) draw.TextStyle {
	return draw.TextStyle{
		Color:   color.Black,
		Font:    font.Font{Typeface: "Liberation", Variant: "Sans", Size: vg.Points(size)},
		Handler: text.Plain{Fonts: fonts()},
	}
}

// The sizes of a plot's parts, in points.
const (
	titleSize = 12
	labelSize = 11
	tickSize  = 9
	majorTick = 5
	minorTick = 2.5
	gap       = 4
)

// lineColors are the colours of a panel's traces, in turn (gonum's
// plotutil.SoftColors, which the HTML plots use too).
var lineColors = []color.RGBA{
	{241, 90, 96, 255}, {122, 195, 106, 255}, {90, 155, 212, 255}, {250, 167, 91, 255},
	{158, 103, 171, 255}, {206, 112, 88, 255}, {215, 127, 180, 255},
}

func lineColor(k int) color.Color { return lineColors[k%len(lineColors)] }

var (
	gridLine = draw.LineStyle{Color: color.Gray{Y: 215}, Width: vg.Points(0.5)}
	axisLine = draw.LineStyle{Color: color.Black, Width: vg.Points(0.6)}
)

// newCanvas is a canvas of the size for format f, white: SVG, or PNG at
// 120 dpi.
func newCanvas(f Format, width, height vg.Length) (vg.CanvasWriterTo, draw.Canvas) {
	var c vg.CanvasWriterTo
	if f == SVG {
		c = vgsvg.New(width, height)
	} else {
		c = vgimg.PngCanvas{Canvas: vgimg.NewWith(vgimg.UseWH(width, height), vgimg.UseDPI(120))}
	}
	dc := draw.New(c)
	dc.SetColor(color.White)
	dc.Fill(dc.Rectangle.Path())
	return c, dc
}

// scale maps the values lo to hi onto the canvas lengths from to to.
type scale struct {
	lo, hi   float64
	from, to vg.Length
}

func (s scale) at(v float64) vg.Length {
	return s.from + vg.Length((v-s.lo)/(s.hi-s.lo))*(s.to-s.from)
}

// tick is a value on an axis; a major one has a label.
type tick struct {
	value float64
	label string
}

// roundTicks labels the multiples of a round step, so 0 is a tick
// whenever [lo, hi] holds it; minor ticks halve the step. A range no
// round step cuts into a few dozen ticks (not finite, or too wide for
// float64's precision) gets none.
func roundTicks(lo, hi float64) []tick {
	step := niceStep(lo, hi, 6)
	prec := max(0, -int(math.Floor(math.Log10(step))))
	first, last := math.Ceil(lo/step*2), math.Floor(hi/step*2)
	if !(last-first < 64) {
		return nil
	}
	var ticks []tick
	for i := range int(last-first) + 1 {
		k := first + float64(i)
		x := k * step / 2
		if math.Mod(k, 2) != 0 {
			ticks = append(ticks, tick{value: x})
			continue
		}
		if math.Abs(x) < step*1e-9 {
			x = 0 // not -0 or 1e-17
		}
		label := strconv.FormatFloat(x, 'f', prec, 64)
		if math.Abs(x) >= 1e6 {
			// in the step's significant digits: 5e+07, not 50000000
			digits := int(math.Floor(math.Log10(math.Abs(x)))-math.Floor(math.Log10(step))) + 1
			if digits > 15 {
				digits = -1 // a step below float64's precision there: x as it is
			}
			label = strconv.FormatFloat(x, 'g', max(digits, -1), 64)
		}
		ticks = append(ticks, tick{x, label})
	}
	return ticks
}

// niceStep returns a step of 1, 2 or 5 times a power of ten that cuts
// [lo, hi] into about n intervals (the smallest not under 0.7 of an nth).
func niceStep(lo, hi float64, n int) float64 {
	raw := hi/float64(n) - lo/float64(n) // not hi - lo, which can overflow
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

// widestLabel is the width of the widest major tick label.
func widestLabel(ticks []tick) vg.Length {
	sty := textStyle(tickSize)
	var w vg.Length
	for _, t := range ticks {
		w = max(w, sty.Width(t.label))
	}
	return w
}

// xAxis draws a horizontal axis at y: its line, ticks below it, their
// labels, and the axis label under them.
func xAxis(dc draw.Canvas, s scale, y vg.Length, ticks []tick, label string) {
	dc.StrokeLine2(axisLine, s.from, y, s.to, y)
	sty := textStyle(tickSize)
	sty.XAlign, sty.YAlign = draw.XCenter, draw.YTop
	for _, t := range ticks {
		x := s.at(t.value)
		length := vg.Length(minorTick)
		if t.label != "" {
			length = majorTick
			dc.FillText(sty, vg.Point{X: x, Y: y - majorTick - 2}, t.label)
		}
		dc.StrokeLine2(axisLine, x, y, x, y-length)
	}
	if label != "" {
		ls := textStyle(labelSize)
		ls.XAlign, ls.YAlign = draw.XCenter, draw.YTop
		dc.FillText(ls, vg.Point{X: (s.from + s.to) / 2, Y: y - majorTick - 2 - sty.Height("0") - gap}, label)
	}
}

// xAxisHeight is how far below its line xAxis draws.
func xAxisHeight(label string) vg.Length {
	h := majorTick + 2 + textStyle(tickSize).Height("0")
	if label != "" {
		h += gap + textStyle(labelSize).Height(label)
	}
	return h
}

// yAxis draws a vertical axis at x: its line, ticks left of it, their
// labels, and the axis label, turned, at labelX.
func yAxis(dc draw.Canvas, s scale, x vg.Length, ticks []tick, label string, labelX vg.Length) {
	dc.StrokeLine2(axisLine, x, s.from, x, s.to)
	sty := textStyle(tickSize)
	sty.XAlign, sty.YAlign = draw.XRight, draw.YCenter
	for _, t := range ticks {
		y := s.at(t.value)
		length := vg.Length(minorTick)
		if t.label != "" {
			length = majorTick
			dc.FillText(sty, vg.Point{X: x - majorTick - 2, Y: y}, t.label)
		}
		dc.StrokeLine2(axisLine, x, y, x-length, y)
	}
	ls := textStyle(labelSize)
	ls.XAlign, ls.YAlign, ls.Rotation = draw.XCenter, draw.YTop, math.Pi/2
	dc.FillText(ls, vg.Point{X: labelX, Y: (s.from + s.to) / 2}, label)
}
