package verbatim

import (
	"slices"
	"strings"
	"testing"

	"github.com/nmodlgo/nmodlgo/ast"
	"github.com/nmodlgo/nmodlgo/printer"
)

// nmodl prints translated statements as the body of a PROCEDURE.
func nmodl(stmts []ast.Stmt) string {
	f := &ast.File{Blocks: []ast.Block{&ast.Proc{Kind: ast.Procedure, Name: &ast.Ident{Name: "p"}, Body: &ast.StmtBlock{Stmts: stmts}}}}
	out := string(printer.Format(f))
	out = strings.TrimPrefix(out, "PROCEDURE p() {\n")
	out = strings.TrimSuffix(out, "}\n")
	var lines []string
	for l := range strings.SplitSeq(strings.TrimSpace(out), "\n") {
		lines = append(lines, strings.TrimSpace(l))
	}
	return strings.Join(lines, " ")
}

func TestTranslate(t *testing.T) {
	tests := []struct{ c, want string }{
		{"", ""},
		{"/* nothing */ // at all\n", ""},
		{"return 0;", "return 0"},
		{"cai = _ion_cai;", "cai = cai"},
		{"_lget_a = _la;", "get_a = a"},
		{`printf("seed = %g\n", _lseed);`, `printf("seed = %g\n", seed)`},
		{"if (debug==1) {printf(\"a:%g\\n\",t);}", `if (debug == 1) { printf("a:%g\n", t) }`},
		{"if (v > peak+v_init ) {\n peak = v-v_init;\n time = t;\n }\n return 0;", "if (v > peak + v_init) { peak = v - v_init time = t } return 0"},
		{"x = fabs(times[(int)in]-t);", "x = fabs(times[in] - t)"},
		{"double foo = 42.0; y = foo*2;", "{ LOCAL foo foo = 42.0 y = foo*2 }"},
		{"int i; for (i = 0; i < 3; i++) { s += a[i]; }", "{ LOCAL i { i = 0 while (i < 3) { s = s + (a[i]) i = i + 1 } } }"},
		{"x = y / 2;", "x = y/2"},
		{"x = (int)y + (int)2;", "x = (int)(y) + 2"},
		{"x += 2*y; n--;", "x = x + (2*y) n = n - 1"},
		{"if (a) b = 1; else if (c) b = 2; else b = 3;", "if (a) { b = 1 } else if (c) { b = 2 } else { b = 3 }"},
		{"r = f(_threadargscomma_ x, 2) + g(_threadargs_);", "r = f(x, 2) + g()"},
		{"#include <math.h>\nx = (double)1;", "x = 1"},
		{"extern double erand(); x = erand();", "x = erand()"},
		{"while (x > 1) x = x/2;", "while (x > 1) { x = x/2 }"},
		{`if (n < 0) { hoc_execerr_ext("bad n=%g", _ln); }`, `if (n < 0) { hoc_execerr_ext("bad n=%g", n) }`},
		{"if (cvode_active_) { x = 1; } break;", "if (0) { x = 1 } VERBATIM break; ENDVERBATIM"},
		{"while (1) { if (x > 2) break; x++; }", "while (1) { if (x > 2) { VERBATIM break; ENDVERBATIM } x = x + 1 }"},
		{"switch (_lj) { case 0: if ((Tau[_lj] = 1 / (_la + _lb)) < mb) { Tau[_lj] = mb; } break; case 1: case 2: y = 2; break; default: y = 3; }",
			"if (j == 0) { Tau[j] = 1/(a + b) if ((Tau[j]) < mb) { Tau[j] = mb } } else if (j == 1 || j == 2) { y = 2 } else { y = 3 }"},
		{"if (a) x = 1; else if ((y = f(2)) > 0) x = 2;", "if (a) { x = 1 } else { y = f(2) if ((y) > 0) { x = 2 } }"},
	}
	for _, tt := range tests {
		r, err := Translate(tt.c, ast.Pos{Line: 10, Col: 1}, Env{})
		if err != nil {
			t.Errorf("%q: %v", tt.c, err)
			continue
		}
		got := nmodl(r.Stmts)
		if r.Return != nil {
			got = strings.TrimSpace(got + " return")
			if r.Return.Value != nil {
				got += " " + printer.Expr(r.Return.Value)
			}
		}
		if got != tt.want {
			t.Errorf("%q:\n got %s\nwant %s", tt.c, got, tt.want)
		}
	}
}

// TestRefuses: C outside the subset is refused with its construct, never
// translated to something else.
func TestRefuses(t *testing.T) {
	tests := []struct{ c, want string }{
		{"x = 1 / 2;", "C integer division: C divides"},
		{"x = _lj / 2;", "C integer division: C divides"}, // j is a FROM counter: an int in nocmodl's C
		{"int i; i = x;", "a double assigned to an int"},
		{"x = a % 2;", "C '%'"},
		{"x = *p;", "pointers and bit operations"},
		{"s->x = 1;", "structs and pointers"},
		{"return 0; x = 1;", "C return: a return before the end"},
		{"if (x) { return; }", "a return before the end"},
		{"x = c ? 1 : 2;", "C '?'"},
		{"Symbol* s = hoc_lookup(f);", "C '*': expected an assignment"},
		{"hoc_call_func(x, 1);", "a function of NEURON's C API"},
		{"x = vector_new1(3);", "a function of NEURON's C API"},
		{"_p_ptr = 0;", "nocmodl's names"},
		{"_ion_cai = 1;", "an assignment to an ion's variable itself"},
		{"x = 1.5f;", "a type suffix"},
		{"x = 010;", "octal"},
		{"float f = 1;", "C 'float'"},
		{"switch (x) { case 0: if (y) { break; } z = 1; break; }", "a break inside a case before its end"},
		{"switch (x) { case 0: y = 1; case 1: y = 2; break; }", "a case that falls through"},
		{"switch (f(x)) { case 0: y = 1; break; }", "a switch on a value other than a variable"},
		{"switch (x) { case 0.5: y = 1; break; }", "a case label other than an int"},
		{"if (a && (b = 1)) x = 1;", "an assignment after && or ||"},
		{"static int n;", "C 'static'"},
		{"x = 1", "expected \";\""},
		{"{ x = 1;", "a { without its }"},
		{"/* open", "does not end"},
		{"#if NRN_VERSION_GTEQ(8,2,0)\n", "preprocessor line"},
		{"x = \"s\";", "a string other than printf's format"},
		{"x = N + 1;", "a macro of the file's top-level C (#define at 3:1)"},
	}
	for _, tt := range tests {
		_, err := Translate(tt.c, ast.Pos{Line: 10, Col: 1}, Env{IsInt: func(n string) bool { return n == "j" }, Macros: map[string]ast.Pos{"N": {Line: 3, Col: 1}}})
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%q: %v, want an error with %q", tt.c, err, tt.want)
		}
	}
}

// TestObjects: NEURON's C for hoc objects in a BBCOREPOINTER's slot
// (ptr here), as VecStim and NetStim write it, becomes NMODL on the
// objects' handles.
func TestObjects(t *testing.T) {
	tests := []struct{ c, want string }{
		// vecevent.mod's element()
		{"{ void* vv; int i, size; double* px; i = (int)index; if (i >= 0) { vv = (void*)(_p_ptr); if (vv) { size = vector_capacity(vv); px = vector_vec(vv); if (i < size) { etime = px[i]; index += 1.; } else { index = -1.; } } else { index = -1.; } } }",
			"{ LOCAL vv, i, size, px i = (int)(index) if (i >= 0) { vv = (_p_ptr) if (vv) { size = vector_capacity(vv) px = vv if (i < size) { etime = vector_vec[](px, i) index = index + (1.) } else { index = -1. } } else { index = -1. } } }"},
		// vecevent.mod's play()
		{"{ void** pv; void* ptmp = NULL; if (ifarg(1)) { ptmp = vector_arg(1); hoc_obj_ref(*vector_pobj(ptmp)); } pv = (void**)(&_p_ptr); if (*pv) { hoc_obj_unref(*vector_pobj(*pv)); } *pv = ptmp; }",
			"{ LOCAL ptmp ptmp = 0 if (ifarg(1)) { ptmp = vector_arg(1) } if (_p_ptr) { } _p_ptr = ptmp }"},
		// NetStim's erand() and noiseFromRandom()
		{"if (_p_donotuse) { _lerand = nrn_random_pick(_p_donotuse); }", "if (_p_donotuse) { erand = nrn_random_pick(_p_donotuse) }"},
		{"void** pv = (void**)(&_p_donotuse); if (ifarg(1)) { *pv = nrn_random_arg(1); } else { *pv = (void*)0; }",
			"if (ifarg(1)) { _p_donotuse = nrn_random_arg(1) } else { _p_donotuse = 0 }"},
		{"if (ifarg(2)) { id = *getarg(2); } if (_p_ptr == NULL) { x = 0; }", "if (ifarg(2)) { id = getarg(2) } if (_p_ptr == 0) { x = 0 }"},
		// Random123 streams of the mechanism's own (nrnran123.h)
		{"nrnran123_State** pv = (nrnran123_State**)(&_p_ptr); if (*pv) { nrnran123_deletestream(*pv); *pv = nullptr; } if (ifarg(1)) { *pv = nrnran123_newstream3((uint32_t)*getarg(1), (uint32_t)*getarg(2), 3); }",
			"if (_p_ptr) { _p_ptr = 0 } if (ifarg(1)) { _p_ptr = nrnran123_newstream3((int)(getarg(1)), (int)(getarg(2)), 3) }"},
		{"if (_p_ptr) { nrnran123_setseq((nrnran123_State*)_p_ptr, 0, 0); x = nrnran123_normal((nrnran123_State*)_p_ptr); }", "if (_p_ptr) { nrnran123_setseq(_p_ptr, 0, 0) x = nrnran123_normal(_p_ptr) }"},
		// NEURON 8.2's APCount: spike times written to a Vector
		{"if (v >= thresh && !firing) { int size; double* px; void* vv; firing = 1; n += 1.; vv = *((void**)(&space)); if (vv) { size = (int)n; vector_resize(vv, size); px = vector_vec(vv); px[size-1] = t; } }",
			"if (v >= thresh && !firing) { LOCAL size, px, vv firing = 1 n = n + (1.) vv = space if (vv) { size = (int)(n) vector_resize(vv, size) px = vv vector_vec[]=(px, size - 1, t) } }"},
		{"IvocVect** vv = (IvocVect**)(&space); *vv = (IvocVect*)0;", "space = 0"},
		// NEURON 9's C++ (its apcount.mod)
		{"if (auto* vv = *reinterpret_cast<IvocVect**>(&space)) { vector_resize(vv, 0); }", "{ LOCAL vv vv = space if (vv) { vector_resize(vv, 0) } }"},
		{"auto* vv = reinterpret_cast<IvocVect**>(&space); *vv = nullptr; if (ifarg(1)) { *vv = vector_arg(1); }", "space = 0 if (ifarg(1)) { space = vector_arg(1) }"},
		{"auto x = static_cast<int>(y) + 1;", "{ LOCAL x x = (int)(y) + 1 }"},
		// ModelDB's older vecstim.mod: the Vector kept in a double
		{"void** vv; vv = (void**)(&space); *vv = (void*)0; if (ifarg(1)) { *vv = vector_arg(1); }", "space = 0 if (ifarg(1)) { space = vector_arg(1) }"},
		{"void* vv; vv = *((void**)(&space)); if (vv) { x = vector_capacity(vv); }", "{ LOCAL vv vv = space if (vv) { x = vector_capacity(vv) } }"},
	}
	env := Env{Handles: func(n string) bool { return n == "ptr" || n == "donotuse" }}
	for _, tt := range tests {
		r, err := Translate(tt.c, ast.Pos{Line: 10, Col: 1}, env)
		if err != nil {
			t.Errorf("%q: %v", tt.c, err)
			continue
		}
		if got := nmodl(r.Stmts); got != tt.want {
			t.Errorf("%q:\n got %s\nwant %s", tt.c, got, tt.want)
		}
	}
	refused := []struct{ c, want string }{
		{"void* vv = (void*)(_p_ptr); x = vv + 1;", "pointer arithmetic"},
		{"double* px = vector_vec(_p_ptr); px[0] += 1;", "a Vector's element changed other than by ="},
		{"double* px = vector_vec(_p_ptr); x = *px;", "pointers and bit operations"},
		{"void* vv = _p_ptr; x = vv;", "a pointer assigned to a number"},
		{"x = vector_capacity(x);", "argument 1 of vector_capacity: not a hoc object"},
		{"void** pv = (void**)(&_p_ptr); pv = (void**)(&_p_donotuse);", "a void** that points at two slots"},
		{"void** pv; x = *pv;", "a void** read before"},
		{"double y; void** pv = (void**)&y;", "an address other than a BBCOREPOINTER's slot"},
		{"x = &_lx;", "an address other than"},
		{"x = f(_p_ptr);", "a pointer as an argument"},
		{"double* px = _p_ptr;", "a double* other than vector_vec's"},
		{"_p_other = 0;", "nocmodl's names"},
		{"x = getarg(1);", "other than as *getarg(i)"},
		{"void v;", "a void variable"},
		{"auto x;", "auto without an initializer"},
		{"auto p = nullptr;", "auto of a null pointer"},
		{"x = static_cast<Info*>(_p_ptr);", "to a type other than double, int and the hoc objects'"},
		{"if (auto** pv = reinterpret_cast<void**>(&_p_ptr)) { x = 1; }", "a void** tested in an if"},
		{"uint32_t seq; char which; nrnran123_getseq(_p_ptr, &seq, &which);", "C 'seq': expected an assignment"},
		{"x = nrnran123_dblpick(1);", "argument 1 of nrnran123_dblpick: not a hoc object"},
		{"x = nrnran123_ipick(_p_ptr);", "a function of NEURON's C API"},
		{"char** s;", "C 'char'"},
	}
	for _, tt := range refused {
		_, err := Translate(tt.c, ast.Pos{Line: 10, Col: 1}, env)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%q: %v, want an error with %q", tt.c, err, tt.want)
		}
	}
}

func TestDeclarations(t *testing.T) {
	tests := []struct {
		c      string
		macros []string
	}{
		{"", nil},
		{"#include <stdlib.h>\n#include \"nrnran123.h\"\n", nil},
		{"extern double erand(), *vector_vec();\n/* ok */ extern int ifarg(int);", nil},
		{`static const char rcsid[]="$Id: hh3.mod,v 1.1 $";`, nil},
		{"static double x;\ndouble f(double x) { return x; }\nstruct s { int a[3]; };", nil},
		{"#define N 3\n#  define SQ(x) ((x)*(x))\n#define LONG a \\\n b\n#undef exp\n", []string{"N", "SQ", "LONG", "exp"}},
	}
	for _, tt := range tests {
		macros, err := Declarations(tt.c, ast.Pos{Line: 1, Col: 1})
		if err != nil {
			t.Errorf("%q: %v", tt.c, err)
			continue
		}
		var names []string
		for _, m := range macros {
			names = append(names, m.Name)
		}
		if !slices.Equal(names, tt.macros) {
			t.Errorf("%q: macros %q, want %q", tt.c, names, tt.macros)
		}
	}
	for _, bad := range []string{"#pragma once\n", "#define\n", "#define 3x\n", "#error no\n", "double f() { return 1;", "x = (1]"} {
		if _, err := Declarations(bad, ast.Pos{Line: 1, Col: 1}); err == nil {
			t.Errorf("%q: accepted", bad)
		}
	}
}

// translateSeeds are FuzzTranslate's seeds, C of every kind the
// translator reads.
var translateSeeds = []string{
	"x = 1;", "if (a) { b = c*(d+1); } else e++;", "for (int i=0;i<3;i++) x+=i;", "printf(\"%g\\n\", _lx);", "return f(_threadargscomma_ 1);", "#include <x.h>\n", "double a = (int)b[(int)c];",
	"#if NRN_VERSION_GTEQ(8, 2, 0)\nx = 1;\n#else\nbreak;\n#endif\n",
	"switch (_lj) { case 0: hoc_execerr_ext(\"%g\", _lx); break; default: y = 1; }",
	"{ void** pv; void* ptmp = NULL; if (ifarg(1)) { ptmp = vector_arg(1); hoc_obj_ref(*vector_pobj(ptmp)); } pv = (void**)(&_p_ptr); *pv = ptmp; }",
	"{ void* vv; double* px; vv = (void*)(_p_ptr); if (vv) { px = vector_vec(vv); x = px[(int)i] + nrn_random_pick(vv); } }",
	"if (auto* vv = *reinterpret_cast<IvocVect**>(&space)) { int size = (int)n; vector_resize(vv, size); double* px = vector_vec(vv); px[size-1] = t; }",
	"nrnran123_State** pv = (nrnran123_State**)(&_p_ptr); *pv = nrnran123_newstream3((uint32_t)*getarg(1), 2, 3); x = nrnran123_dblpick(*pv);",
}

// FuzzTranslate: any text is translated or refused, never a panic.
func FuzzTranslate(f *testing.F) {
	for _, s := range translateSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		_, _ = Translate(s, ast.Pos{Line: 1, Col: 1}, Env{IsInt: func(n string) bool { return n == "i" }, Macros: map[string]ast.Pos{"N": {Line: 1, Col: 1}}, Handles: func(n string) bool { return n == "ptr" }})
		_, _ = Declarations(s, ast.Pos{Line: 1, Col: 1})
		var c Cond
		if text, err := c.Filter(s, ast.Pos{Line: 1}); err == nil {
			_, _ = Translate(text, ast.Pos{Line: 1, Col: 1}, Env{})
		}
	})
}
