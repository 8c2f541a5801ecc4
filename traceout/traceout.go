// Package traceout writes a recorded trace in the formats people open:
// CSV (as NEURON's trace.csv), JSON, NumPy's .npy, PNG and SVG plots, and
// a self-contained interactive HTML page. The format is chosen by the
// file's extension (FormatOf), as nmodlgo sim -o does.
package traceout

import (
	"encoding/binary"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"path/filepath"
	"strings"

	"github.com/nmodlgo/nmodlgo/scenario"
)

// Format is an output format.
type Format string

// The formats, by their extensions.
const (
	CSV  Format = ".csv"
	JSON Format = ".json"
	NPY  Format = ".npy"
	PNG  Format = ".png"
	SVG  Format = ".svg"
	HTML Format = ".html"
)

var formats = []Format{CSV, JSON, NPY, PNG, SVG, HTML}

// FormatOf returns the format a path's extension names; CSV for a path
// without one (/dev/stdout).
func FormatOf(path string) (Format, error) {
	ext := Format(strings.ToLower(filepath.Ext(path)))
	if ext == "" {
		return CSV, nil
	}
	for _, f := range formats {
		if ext == f {
			return f, nil
		}
	}
	var names []string
	for _, f := range formats {
		names = append(names, string(f))
	}
	return "", fmt.Errorf("%s: no format for the extension %q; use one of %s", path, ext, strings.Join(names, ", "))
}

// Options say what a plot shows besides the numbers.
type Options struct {
	// Title is the plot's title.
	Title string
	// Quantity names what a column holds, with its unit ("v (mV)"):
	// columns of one quantity share a panel of a plot, and each quantity
	// gets its own. A column it does not name is a quantity of its own,
	// named after the column.
	Quantity map[string]string
}

// Write writes the trace in format f.
func Write(w io.Writer, f Format, tr *scenario.Trace, opt Options) error {
	if tr.Rows() == 0 || len(tr.Columns) == 0 {
		return fmt.Errorf("no rows to write")
	}
	if f == JSON || f == HTML {
		if c, r, ok := nonFinite(tr); ok {
			return fmt.Errorf("%s holds %g at row %d; JSON has no such number: write .csv or .npy", tr.Columns[c], tr.Data[c][r], r)
		}
	}
	switch f {
	case CSV:
		return tr.WriteCSV(w)
	case JSON:
		return writeJSON(w, tr)
	case NPY:
		return writeNPY(w, tr)
	case PNG, SVG:
		return writePlot(w, f, tr, opt)
	case HTML:
		return writeHTML(w, tr, opt)
	}
	return fmt.Errorf("unknown format %q", f)
}

// writeJSON writes {"columns": [names], "data": {name: [values]}} and,
// with spike times, "spikes": {name: [times]}. encoding/json writes every
// float64 so that it reads back as the same number.
func writeJSON(w io.Writer, tr *scenario.Trace) error {
	type doc struct {
		Columns []string             `json:"columns"`
		Data    map[string][]float64 `json:"data"`
		Spikes  map[string][]float64 `json:"spikes,omitempty"`
	}
	d := doc{Columns: tr.Columns, Data: map[string][]float64{}}
	for i, c := range tr.Columns {
		d.Data[c] = tr.Data[i]
	}
	if len(tr.Spikes) > 0 {
		d.Spikes = map[string][]float64{}
		for _, sp := range tr.Spikes {
			d.Spikes[sp.Name] = append([]float64{}, sp.Times...) // [] not null when none
		}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", " ")
	return enc.Encode(d)
}

// writeNPY writes the table as NumPy reads the CSV: a float64 array of
// shape (rows, columns), t first; the names are the CSV's header. The
// format is NumPy's .npy version 1.0: a magic string, the length of a
// header that describes the array as a Python dict literal, padded with
// spaces to a multiple of 64 bytes, then the values little-endian in row
// order.
func writeNPY(w io.Writer, tr *scenario.Trace) error {
	rows, cols := tr.Rows(), len(tr.Columns)
	dict := fmt.Sprintf("{'descr': '<f8', 'fortran_order': False, 'shape': (%d, %d), }", rows, cols)
	const prefix = len("\x93NUMPY") + 2 + 2    // magic, version, header length
	pad := (64 - (prefix+len(dict)+1)%64) % 64 // spaces before the newline, so that the values start on a multiple of 64
	header := dict + strings.Repeat(" ", pad) + "\n"
	b := make([]byte, 0, prefix+len(header)+8*rows*cols)
	b = append(b, "\x93NUMPY\x01\x00"...)
	b = binary.LittleEndian.AppendUint16(b, uint16(len(header)))
	b = append(b, header...)
	for r := range rows {
		for c := range cols {
			b = binary.LittleEndian.AppendUint64(b, math.Float64bits(tr.Data[c][r]))
		}
	}
	_, err := w.Write(b)
	return err
}

// panels groups the columns after t by quantity, in the order each
// quantity first appears.
func panels(tr *scenario.Trace, opt Options) (names []string, cols [][]int) {
	index := map[string]int{}
	for c := 1; c < len(tr.Columns); c++ {
		q := opt.Quantity[tr.Columns[c]]
		if q == "" {
			q = tr.Columns[c]
		}
		i, ok := index[q]
		if !ok {
			i = len(names)
			index[q] = i
			names = append(names, q)
			cols = append(cols, nil)
		}
		cols[i] = append(cols[i], c)
	}
	return names, cols
}

// nonFinite finds a NaN or ±Inf in the trace.
func nonFinite(tr *scenario.Trace) (col, row int, found bool) {
	for c, col := range tr.Data {
		for r, x := range col {
			if math.IsNaN(x) || math.IsInf(x, 0) {
				return c, r, true
			}
		}
	}
	return 0, 0, false
}
