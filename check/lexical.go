package check

import (
	"strings"

	"github.com/nmodlgo/nmodlgo/ast"
)

// lexical checks what the parser accepts beyond nocmodl 8.2 (see the top
// of grammar/NMODL.g4) where the tree still shows it: non-ASCII text,
// COMMENT blocks in declaration blocks, signed limits, primed names where
// nocmodl declares none.
func (c *checker) lexical() {
	for _, f := range c.files {
		c.cur = f
		top := map[*ast.Comment]bool{}
		for _, b := range f.file.Blocks {
			if cm, ok := b.(*ast.Comment); ok {
				top[cm] = true
			}
		}
		for _, cm := range f.file.Comments {
			switch {
			case !cm.Block && !isASCII(cm.Text):
				// nocmodl: "Non-Ascii character in file:" (it reads a line
				// before it knows that the line is a comment)
				c.errorf(cm.At, "non-ASCII character in a comment: NEURON 8.2 accepts them only inside COMMENT ... ENDCOMMENT")
			case cm.Block && !top[cm] && !isASCII(cm.Text):
				// nocmodl: "Non-Ascii character in file:" (only a top-level
				// COMMENT may hold them)
				c.errorf(cm.At, "non-ASCII character in a COMMENT block inside a block: NEURON 8.2 accepts them only in a top-level COMMENT ... ENDCOMMENT")
			}
		}
	}
	for _, it := range c.items {
		c.cur = it.file
		switch b := it.block.(type) {
		case *ast.Title:
			if !isASCII(b.Text) {
				// nocmodl: "Non-Ascii character in file:TITLE caf"
				c.errorf(b.At, "non-ASCII character in TITLE: NEURON 8.2 rejects it")
			}
		case *ast.Verbatim:
			c.verbatimASCII(b)
		case *ast.NeuronBlock:
			c.commentInside(b.At, b.End, "NEURON")
		case *ast.UnitsBlock:
			c.commentInside(b.At, b.End, "UNITS")
		case *ast.DeclBlock:
			c.commentInside(b.At, b.End, b.Kind.String())
			for _, d := range b.Decls {
				c.signedLimits(d)
			}
		case *ast.Proc:
			ast.Inspect(b.Body, func(n ast.Node) bool {
				if v, ok := n.(*ast.Verbatim); ok {
					c.verbatimASCII(v)
				}
				return true
			})
		}
		// A primed name declared in PARAMETER, CONSTANT or LOCAL is
		// nocmodl's "syntax error" (in STATE, ASSIGNED and argument lists
		// it takes one; ir refuses those).
		ast.Inspect(it.block, func(n ast.Node) bool {
			var names []*ast.Ident
			switch n := n.(type) {
			case *ast.DeclBlock:
				if n.Kind == ast.Parameter || n.Kind == ast.Constant {
					for _, d := range n.Decls {
						names = append(names, d.Name)
					}
				}
			case *ast.Local:
				for _, prm := range n.Names {
					names = append(names, prm.Name)
				}
			}
			for _, id := range names {
				if strings.HasSuffix(id.Name, "'") {
					c.errorf(id.At, "%s: a name with a prime is a derivative and cannot be declared here (nocmodl: syntax error)", id.Name)
				}
			}
			return true
		})
	}
	c.cur = nil
}

func (c *checker) verbatimASCII(v *ast.Verbatim) {
	if !isASCII(v.Text) {
		// nocmodl: "Non-Ascii character in file:"
		c.errorf(v.At, "non-ASCII character in VERBATIM text: NEURON 8.2 rejects it")
	}
}

// commentInside reports a COMMENT … ENDCOMMENT block between from and to.
func (c *checker) commentInside(from, to ast.Pos, block string) {
	for _, cm := range c.cur.file.Comments {
		if cm.Block && before(from, cm.At) && before(cm.At, to) {
			// nocmodl: "syntax error: Illegal block" (NEURON), "name =
			// number" (PARAMETER), "Unit factor syntax" (UNITS)
			c.errorf(cm.At, "a COMMENT block is not allowed inside a %s block (use : comments there)", block)
		}
	}
}

// signedLimits reports <-1, 1>: nocmodl 8.2 takes only unsigned numbers
// as limits. (The parser drops a + sign, so <0, +1> passes unseen.)
func (c *checker) signedLimits(d *ast.VarDecl) {
	for _, e := range []ast.Expr{d.Lo, d.Hi} {
		if u, ok := e.(*ast.Unary); ok {
			// nocmodl: "syntax error: name = number"
			c.errorf(u.At, "NEURON 8.2 does not accept a signed number in limits <lo, hi>")
			return
		}
	}
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}
