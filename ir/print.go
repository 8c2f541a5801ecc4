package ir

import (
	"fmt"
	"strings"
)

// ExprString writes a lowered expression in NMODL's syntax, with the
// parentheses the tree has (so that a test, or a person, sees the order
// of evaluation): variables and locals by name, a KINETIC state as s[i],
// a number as Go reads it.
func ExprString(e Expr) string {
	var sb strings.Builder
	writeExpr(&sb, e)
	return sb.String()
}

func writeExpr(sb *strings.Builder, e Expr) {
	list := func(args []Expr) {
		for i, a := range args {
			if i > 0 {
				sb.WriteString(", ")
			}
			writeExpr(sb, a)
		}
	}
	index := func(x Expr) {
		if x != nil {
			sb.WriteByte('[')
			writeExpr(sb, x)
			sb.WriteByte(']')
		}
	}
	switch e := e.(type) {
	case *Num:
		if e.Text != "" {
			sb.WriteString(e.Text)
		} else {
			fmt.Fprint(sb, e.Value)
		}
	case *VarRef:
		sb.WriteString(e.Var.Name)
		index(e.Index)
	case *LocalRef:
		sb.WriteString(e.Local.Name)
		index(e.Index)
	case *Special:
		sb.WriteString(specialNames[e.Kind])
	case *KinState:
		fmt.Fprintf(sb, "s[%d]", e.Index)
	case *KinOld:
		fmt.Fprintf(sb, "old[%d]", e.Index)
	case *IonValue:
		sb.WriteString("_ion_" + e.Var.Name)
	case *PointerSet:
		sb.WriteString("nrn_pointing(" + e.Var.Name + ")")
	case *Unary:
		sb.WriteString(e.Op)
		writeExpr(sb, e.X)
	case *Binary:
		writeExpr(sb, e.X)
		sb.WriteString(e.Op)
		writeExpr(sb, e.Y)
	case *Paren:
		sb.WriteByte('(')
		writeExpr(sb, e.X)
		sb.WriteByte(')')
	case *Call:
		sb.WriteString(e.Proc.Name + "(")
		list(e.Args)
		sb.WriteByte(')')
	case *Builtin:
		sb.WriteString(e.Name + "(")
		if e.Stream != nil {
			sb.WriteString(e.Stream.Name)
			if len(e.Args) > 0 {
				sb.WriteString(", ")
			}
		}
		list(e.Args)
		sb.WriteByte(')')
	case *Printf:
		fmt.Fprintf(sb, "printf(%q", e.Format)
		for _, a := range e.Args {
			sb.WriteString(", ")
			writeExpr(sb, a)
		}
		sb.WriteByte(')')
	default:
		fmt.Fprintf(sb, "<%T>", e)
	}
}

var specialNames = map[SpecialKind]string{
	SpecialV: "v", SpecialT: "t", SpecialDt: "dt", SpecialCelsius: "celsius",
	SpecialArea: "area", SpecialDiam: "diam", SpecialSecondOrder: "secondorder",
}
