package mechimpl

import (
	"fmt"
	"os"
	"strings"
)

// Printf is NMODL's printf: C's printf of numbers, on the model's output
// (Context.Output, standard output if nil). The C
// conversions map to Go's: %g without a precision prints 6 significant
// digits as C does, %d and %i take the integer part, and a conversion
// without its number prints Go's %!v(MISSING).
func Printf(c *Context, format string, args ...float64) float64 {
	out := c.Output
	if out == nil {
		out = os.Stdout
	}
	goFormat, goArgs := cFormat(format, args)
	n, _ := fmt.Fprintf(out, goFormat, goArgs...)
	return float64(n)
}

// ExecError is NEURON's hoc_execerror and hoc_execerr_ext: the run stops
// (Context.Fail) with the message, C's printf of format and args.
func ExecError(c *Context, format string, args ...float64) float64 {
	goFormat, goArgs := cFormat(format, args)
	c.Fail(fmt.Sprintf(goFormat, goArgs...))
	return 0
}

// cFormat translates a C printf format and its numbers to Go's.
func cFormat(format string, args []float64) (string, []any) {
	var b strings.Builder
	var goArgs []any
	used := 0
	for i := 0; i < len(format); i++ {
		if format[i] != '%' {
			b.WriteByte(format[i])
			continue
		}
		start := i
		j := i + 1
		for j < len(format) && strings.IndexByte("-+ #0123456789.", format[j]) >= 0 {
			j++
		}
		spec := format[start:j]
		for j < len(format) && strings.IndexByte("hlLqjzt", format[j]) >= 0 {
			j++ // C's length modifiers mean nothing here
		}
		if j == len(format) { // a lone % at the end: print it
			b.WriteString(strings.ReplaceAll(format[start:], "%", "%%"))
			break
		}
		i = j
		verb := format[j]
		switch verb {
		case '%':
			b.WriteString("%%")
			continue
		case 'g', 'G':
			if !strings.Contains(spec, ".") {
				spec += ".6" // C's default precision; Go's is the shortest exact
			}
		case 'f', 'F', 'e', 'E':
			if verb == 'F' {
				verb = 'f'
			}
		case 'd', 'i', 'u', 'c', 'x', 'X', 'o':
			if verb == 'i' || verb == 'u' {
				verb = 'd'
			}
		default: // %s, %p, …: there is nothing to print them from
			b.WriteString(strings.ReplaceAll(format[start:j+1], "%", "%%"))
			continue
		}
		b.WriteString(spec)
		b.WriteByte(verb)
		if used < len(args) {
			a := args[used]
			used++
			if strings.IndexByte("dcxXo", verb) >= 0 {
				goArgs = append(goArgs, int64(a))
			} else {
				goArgs = append(goArgs, a)
			}
		}
	}
	return b.String(), goArgs
}
