package scenario

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"os"
	"slices"
	"strconv"
)

// Trace is a table of recorded columns, t first, and the spike times
// recorded beside it.
type Trace struct {
	Columns []string
	Data    [][]float64 // Data[column][row]
	Spikes  []Spikes
}

// Spikes are the spike times (ms) recorded from one source.
type Spikes struct {
	Name  string
	Times []float64
}

// Rows returns the number of rows.
func (tr *Trace) Rows() int {
	if len(tr.Data) == 0 {
		return 0
	}
	return len(tr.Data[0])
}

// Column returns the values of the named column, or nil.
func (tr *Trace) Column(name string) []float64 {
	for i, c := range tr.Columns {
		if c == name {
			return tr.Data[i]
		}
	}
	return nil
}

// WriteCSV writes the trace as trace.csv does: a header row, then one row
// per sample with every number as Python's repr writes it (the shortest
// text that reads back as the same float64).
func (tr *Trace) WriteCSV(w io.Writer) error {
	bw := bufio.NewWriter(w)
	header := csv.NewWriter(bw) // quotes a column name that needs it
	if err := header.Write(tr.Columns); err != nil {
		return err
	}
	header.Flush()
	var line []byte
	for r := 0; r < tr.Rows(); r++ {
		line = line[:0]
		for c := range tr.Data {
			if c > 0 {
				line = append(line, ',')
			}
			line = AppendPyRepr(line, tr.Data[c][r])
		}
		bw.Write(append(line, '\n'))
	}
	return bw.Flush()
}

// PyRepr formats x as Python's repr(float) does.
func PyRepr(x float64) string { return string(AppendPyRepr(nil, x)) }

// AppendPyRepr appends x as Python's repr(float) writes it: the shortest
// digits that read back as x, in exponent form when the decimal exponent
// is below -4 or 16 and above, else as a decimal with a fraction.
func AppendPyRepr(dst []byte, x float64) []byte {
	switch {
	case math.IsNaN(x):
		return append(dst, "nan"...)
	case math.IsInf(x, 1):
		return append(dst, "inf"...)
	case math.IsInf(x, -1):
		return append(dst, "-inf"...)
	case x == 0:
		if math.Signbit(x) {
			return append(dst, "-0.0"...)
		}
		return append(dst, "0.0"...)
	}
	var buf [32]byte
	e := strconv.AppendFloat(buf[:0], x, 'e', -1, 64) // -d.ddde±XX
	i := bytes.IndexByte(e, 'e')
	exp, _ := strconv.Atoi(string(e[i+1:]))
	if exp < -4 || exp >= 16 {
		return append(dst, e...)
	}
	mant := e[:i]
	if mant[0] == '-' {
		dst = append(dst, '-')
		mant = mant[1:]
	}
	var digits [20]byte // the shortest digits, at most 17
	d := append(digits[:0], mant[0])
	if len(mant) > 2 {
		d = append(d, mant[2:]...) // past "d."
	}
	if exp < 0 {
		dst = append(dst, "0."...)
		for range -exp - 1 {
			dst = append(dst, '0')
		}
		return append(dst, d...)
	}
	for k := 0; k <= exp; k++ {
		if k < len(d) {
			dst = append(dst, d[k])
		} else {
			dst = append(dst, '0')
		}
	}
	dst = append(dst, '.')
	if len(d) <= exp+1 {
		return append(dst, '0')
	}
	return append(dst, d[exp+1:]...)
}

// ReadCSVFile reads a trace from a file.
func ReadCSVFile(path string) (*Trace, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	tr, err := ReadCSV(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return tr, nil
}

// ReadCSV reads a trace written by WriteCSV or NEURON's run_scenario.py.
func ReadCSV(r io.Reader) (*Trace, error) {
	cr := csv.NewReader(r)
	recs, err := cr.ReadAll()
	if err != nil {
		return nil, err
	}
	if len(recs) == 0 {
		return nil, fmt.Errorf("empty trace")
	}
	for i, name := range recs[0] {
		if name == "" {
			return nil, fmt.Errorf("column %d of the header has no name", i+1)
		}
	}
	tr := &Trace{Columns: recs[0], Data: make([][]float64, len(recs[0]))}
	for i, rec := range recs[1:] {
		for c, field := range rec {
			v, err := strconv.ParseFloat(field, 64)
			if err != nil {
				return nil, fmt.Errorf("row %d, column %s: %w", i+2, tr.Columns[c], err)
			}
			tr.Data[c] = append(tr.Data[c], v)
		}
	}
	return tr, nil
}

// MaxDiff returns, for every column of want, t included, the largest
// absolute difference from the same column of got, and the row where it
// is. Columns missing from got and differing row counts are errors.
func MaxDiff(got, want *Trace) (map[string]Diff, error) {
	if got.Rows() != want.Rows() {
		return nil, fmt.Errorf("%d rows, want %d", got.Rows(), want.Rows())
	}
	out := map[string]Diff{}
	for c, name := range want.Columns {
		g := got.Column(name)
		if g == nil {
			return nil, fmt.Errorf("no column %q", name)
		}
		var d Diff
		for r, w := range want.Data[c] {
			if diff := math.Abs(g[r] - w); diff > d.Max || math.IsNaN(diff) {
				d = Diff{Max: diff, Row: r}
				if math.IsNaN(diff) {
					break
				}
			}
		}
		out[name] = d
	}
	return out, nil
}

// Diff is the largest difference in one column and its row.
type Diff struct {
	Max float64
	Row int
}

// WriteSpikesCSV writes the spike times as rows of name,t: a header, then
// every time of each record, in order; times as Python's repr writes them.
func (tr *Trace) WriteSpikesCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	cw.Write([]string{"name", "t"})
	for _, sp := range tr.Spikes {
		for _, t := range sp.Times {
			cw.Write([]string{sp.Name, PyRepr(t)})
		}
	}
	cw.Flush()
	return cw.Error()
}

// ReadSpikesCSV reads spike times written by WriteSpikesCSV, grouped by
// name in the order the names first appear.
func ReadSpikesCSV(r io.Reader) ([]Spikes, error) {
	recs, err := csv.NewReader(r).ReadAll()
	if err != nil {
		return nil, err
	}
	if len(recs) == 0 || len(recs[0]) != 2 || recs[0][0] != "name" || recs[0][1] != "t" {
		return nil, fmt.Errorf("spike times: the header must be name,t")
	}
	var out []Spikes
	index := map[string]int{}
	for i, rec := range recs[1:] {
		t, err := strconv.ParseFloat(rec[1], 64)
		if err != nil {
			return nil, fmt.Errorf("spike times, row %d: %w", i+2, err)
		}
		j, ok := index[rec[0]]
		if !ok {
			j = len(out)
			index[rec[0]] = j
			out = append(out, Spikes{Name: rec[0]})
		}
		out[j].Times = append(out[j].Times, t)
	}
	return out, nil
}

// SpikeDiff returns, for every record of want, the largest absolute
// difference of a spike time from got's, and its index. A record that
// got lacks, or whose count differs, is an error: a spike more or less is
// not a small difference.
func SpikeDiff(got, want []Spikes) (map[string]Diff, error) {
	out := map[string]Diff{}
	for _, w := range want {
		i := slices.IndexFunc(got, func(g Spikes) bool { return g.Name == w.Name })
		if i < 0 {
			return nil, fmt.Errorf("no spike record %q", w.Name)
		}
		g := got[i].Times
		if len(g) != len(w.Times) {
			return nil, fmt.Errorf("spikes %s: %d spikes %v, want %d %v", w.Name, len(g), g, len(w.Times), w.Times)
		}
		var d Diff
		for r := range g {
			if diff := math.Abs(g[r] - w.Times[r]); diff > d.Max {
				d = Diff{Max: diff, Row: r}
			}
		}
		out[w.Name] = d
	}
	return out, nil
}
