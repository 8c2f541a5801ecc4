package traceout

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"html"
	"image/color"
	"io"
	"strings"
	"sync"
	"text/template"

	"github.com/nmodlgo/nmodlgo/scenario"
)

//go:embed plot.html
var pageText string

var page = sync.OnceValue(func() *template.Template { return template.Must(template.New("plot.html").Parse(pageText)) })

// writeHTML writes a page that plots the trace with its own script: pan,
// zoom, traces shown and hidden, values read under the pointer. The data
// is in the page; it fetches nothing.
func writeHTML(w io.Writer, tr *scenario.Trace, opt Options) error {
	type series struct {
		Name  string    `json:"name"`
		Color string    `json:"color"`
		Y     []float64 `json:"y"`
	}
	type panel struct {
		Name   string   `json:"name"`
		Series []series `json:"series"`
	}
	doc := struct {
		T      []float64 `json:"t"`
		Panels []panel   `json:"panels"`
	}{T: tr.Data[0]}
	names, cols := panels(tr, opt)
	for i, q := range names {
		p := panel{Name: q}
		for k, c := range cols[i] {
			p.Series = append(p.Series, series{tr.Columns[c], hex(lineColor(k)), tr.Data[c]})
		}
		doc.Panels = append(doc.Panels, p)
	}
	// encoding/json writes <, > and & as \u003c…: the data cannot end
	// the script element it is in.
	data, err := json.Marshal(doc)
	if err != nil {
		return fmt.Errorf("the trace as JSON: %w", err) // NaN or ±Inf
	}
	title := opt.Title
	if title == "" {
		title = strings.Join(tr.Columns[1:], ", ")
	}
	return page().Execute(w, map[string]string{"Title": html.EscapeString(title), "Data": string(data)})
}

func hex(c color.Color) string {
	r, g, b, _ := c.RGBA()
	return fmt.Sprintf("#%02x%02x%02x", r>>8, g>>8, b>>8)
}
