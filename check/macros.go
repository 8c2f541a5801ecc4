package check

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/nmodlgo/nmodlgo/ast"
	"github.com/nmodlgo/nmodlgo/verbatim"
)

// topVerbatim decides the VERBATIM text at the top level of the file: its
// C declarations and definitions are skipped, since translated code that
// names them is refused (package verbatim, Declarations). Its #if on
// macros nmodlgo cannot know are read both ways, since the text is
// skipped either way. Its macros are accepted, and kept in Info.Macros,
// when nothing in the C nocmodl writes for the file can be named so;
// otherwise the text is refused, since the macro would change that C.
func (c *checker) topVerbatim() {
	var inFile map[string]bool
	for _, it := range c.items {
		v, ok := it.block.(*ast.Verbatim)
		if !ok {
			continue
		}
		var macros []verbatim.Macro
		var err error
		for _, assume := range []bool{true, false} {
			cond := verbatim.Cond{Assume: &assume}
			var text string
			var ms []verbatim.Macro
			text, err = cond.Filter(v.Text, textStart(v))
			if err == nil {
				ms, err = verbatim.Declarations(text, v.At)
			}
			if at, open := cond.Open(); open && err == nil {
				err = &verbatim.Error{Pos: at, Construct: "#if", Msg: "without its #endif in the text"}
			}
			if err != nil {
				break
			}
			macros = append(macros, ms...)
		}
		if err != nil {
			c.info.VerbatimRefused[v] = refusal(v, err)
			continue
		}
		for _, m := range macros {
			if inFile == nil {
				inFile = c.namesInFile()
			}
			if why := macroClash(m.Name, inFile); why != "" {
				c.info.VerbatimRefused[v] = Refusal{m.Pos, fmt.Sprintf("C macro %s: %s, and the macro would change it", m.Name, why)}
				break
			}
			if _, seen := c.info.Macros[m.Name]; !seen {
				c.info.Macros[m.Name] = m.Pos
			}
		}
	}
}

// namesInFile are the names of the file and of the files it includes,
// outside VERBATIM text: nocmodl writes them, and names made from them,
// into its C. The files' own names are among them (a mechanism without
// SUFFIX takes its file's).
func (c *checker) namesInFile() map[string]bool {
	names := map[string]bool{}
	for _, it := range c.items {
		ast.Inspect(it.block, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.Ident:
				names[n.Name] = true
			case *ast.Name:
				names[n.Name] = true
			}
			return true
		})
	}
	for _, f := range c.files {
		base := filepath.Base(f.name)
		names[strings.TrimSuffix(base, filepath.Ext(base))] = true
	}
	return names
}

// macroClash says why the C nocmodl writes for a file may hold the name
// of a macro, or "". nocmodl's C holds the file's names and names made of
// them and its own: a leading underscore (_p_m, _lx), a D before or a 0
// after (Dm, m0), joined by underscores (m_hh, setdata_hh,
// Dm_columnindex), and the names of NEURON's C API, of C and of its
// library. TestMacrosLeaveNocmodlsCAlone checks the rule against nocmodl
// on every file of the corpus with a top-level macro.
func macroClash(name string, inFile map[string]bool) string {
	switch {
	case strings.HasPrefix(name, "_"):
		return "nocmodl's own names start with _"
	case nocmodlNames[name] || isBuiltin(name) || neuronVars[name] || cNames[name]:
		return "a name in the C nocmodl writes"
	case strings.HasPrefix(name, "nrn_") || strings.HasPrefix(name, "hoc_") || strings.HasPrefix(name, "NRN"):
		return "NEURON's C API has names of this form"
	}
	parts := strings.Split(name, "_")
	for i := range parts {
		for j := i + 1; j <= len(parts); j++ {
			r := strings.Join(parts[i:j], "_")
			for _, n := range []string{r, strings.TrimPrefix(r, "D"), strings.TrimSuffix(r, "0")} {
				if n != "" && inFile[n] {
					if n == name {
						return "a name of the file, which nocmodl writes into its C"
					}
					return fmt.Sprintf("nocmodl's C may hold it, made of the file's name %s", n)
				}
			}
		}
	}
	return ""
}

// nocmodlNames are the names of NEURON 8.2.2's C API and of the
// declarations nocmodl writes into every file (found by running it over
// the corpus: the identifiers of its C that no .mod file holds and that
// it did not make from one of the file's names).
var nocmodlNames = setOf(`
	CACHEVEC Datum DoubScal DoubVec EXTRACELLULAR HocParmLimits HocParmUnits
	HocStateTolerance MAC METHOD3 Memb_func Member_func NMODL_TEXT NODED NODERHS
	NODEV Node NrnThread Object PI Point_process Prop SparseObj Symbol VEC_D
	VEC_RHS VEC_V VoidFunc abort_run add_nrn_artcell add_nrn_fornetcons arg
	b_flux create_point_process cvode_active_ delta_t destroy_point_process
	dparam ecalloc error f_flux get_loc_point_process getarg has_loc_point
	initmodel ion_reg ivoc_help lag ldifusfunc2_t loc_point_process makematrix
	makevector memb_func modelname n need_memb newton nil nmodl_file_text
	nmodl_filename node ob param param_size pnt_receive pnt_receive_init
	pnt_receive_size point_register_mech prop_ion register_destructor
	register_mech rw simeq terminal use_cachevec usetable v_columnindex
	zero_matrix`)

// cNames are C's keywords and preprocessor words, and the library
// functions nocmodl's C calls.
var cNames = setOf(`
	auto break case char const continue default do double else enum extern
	float for goto if inline int long register restrict return short signed
	sizeof static struct switch typedef union unsigned void volatile while
	define defined include undef endif ifdef ifndef elif
	NULL stderr stdout fprintf printf free calloc malloc isnan exp pow
	math stdio stdlib`)

func setOf(words string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(words) {
		m[w] = true
	}
	return m
}
