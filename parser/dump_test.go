package parser

import (
	"fmt"
	"reflect"
	"strings"

	"github.com/nmodlgo/nmodlgo/ast"
	"github.com/nmodlgo/nmodlgo/diag"
)

// dump prints a syntax tree one node per line, indented, for golden files
// and test failures:
//
//	Proc @71:1 Kind=PROCEDURE
//	  Name: Ident @71:11 Name="rates"
//
// Scalar fields are printed inline (zero values left out), child nodes
// below. Positions are @line:col.
func dump(n any) string {
	var sb strings.Builder
	dumpValue(&sb, reflect.ValueOf(n), 0, "")
	return sb.String()
}

var (
	posType    = reflect.TypeOf(ast.Pos{})
	sourceType = reflect.TypeOf((*diag.File)(nil))
)

func dumpValue(sb *strings.Builder, v reflect.Value, depth int, label string) {
	for v.Kind() == reflect.Interface || v.Kind() == reflect.Pointer {
		if v.IsNil() {
			return
		}
		v = v.Elem()
	}
	indent := strings.Repeat("  ", depth)
	switch v.Kind() {
	case reflect.Slice:
		for i := 0; i < v.Len(); i++ {
			dumpValue(sb, v.Index(i), depth, label)
		}
		return
	case reflect.Struct:
	default:
		return
	}
	t := v.Type()
	sb.WriteString(indent)
	if label != "" {
		sb.WriteString(label + ": ")
	}
	sb.WriteString(t.Name())
	var children []int
	for i := 0; i < t.NumField(); i++ {
		f, fv := t.Field(i), v.Field(i)
		if f.Type == sourceType {
			continue // the file's text
		}
		if f.Type == posType {
			p := fv.Interface().(ast.Pos)
			fmt.Fprintf(sb, " @%d:%d", p.Line, p.Col)
			continue
		}
		switch fv.Kind() {
		case reflect.String:
			if fv.String() != "" {
				fmt.Fprintf(sb, " %s=%q", f.Name, fv.String())
			}
		case reflect.Bool:
			if fv.Bool() {
				fmt.Fprintf(sb, " %s", f.Name)
			}
		case reflect.Int:
			if s, ok := fv.Interface().(fmt.Stringer); ok {
				fmt.Fprintf(sb, " %s=%s", f.Name, s)
			} else if fv.Int() != 0 {
				fmt.Fprintf(sb, " %s=%d", f.Name, fv.Int())
			}
		case reflect.Float64:
			// Number.Value: shown only when it differs from what Text says.
		case reflect.Pointer, reflect.Interface, reflect.Slice:
			if !fv.IsNil() && !(fv.Kind() == reflect.Slice && fv.Len() == 0) {
				children = append(children, i)
			}
		}
	}
	sb.WriteByte('\n')
	for _, i := range children {
		dumpValue(sb, v.Field(i), depth+1, t.Field(i).Name)
	}
}
