package codegen

import (
	"go/token"
	"strings"
)

// namespace gives Go identifiers to what one scope of the generated file
// declares: every name once. A name that is taken (a Go keyword, a name
// the generated code itself uses, or one given before) gets underscores
// appended until it is free, so that the result depends only on the order
// of the requests, which is the file's order.
type namespace struct {
	used map[string]bool
}

func newNamespace(reserved ...[]string) *namespace {
	ns := &namespace{used: map[string]bool{}}
	for _, list := range reserved {
		for _, name := range list {
			ns.used[name] = true
		}
	}
	return ns
}

// name returns a free identifier for want and takes it.
func (ns *namespace) name(want string) string {
	id := want
	for ns.used[id] || token.IsKeyword(id) {
		id += "_"
	}
	ns.used[id] = true
	return id
}

// predeclared are Go's predeclared identifiers that generated code uses,
// or might: no local takes them.
var predeclared = []string{
	"true", "false", "nil", "iota", "len", "cap", "make", "new", "append", "copy", "int", "float64",
	"bool", "string", "error", "min", "max", "clear", "any",
}

// packageNames are the packages generated code refers to.
var packageNames = []string{"math", "rt", "impl", "sim"}

// generatedLocals are the names generated code gives the parameters and
// locals of the kernel's methods that also hold code from the .mod file,
// where a user's local of the same name would hide them: the receiver and
// the instance, a table lookup's values, cnexp's a and b, NET_RECEIVE's
// weights and flag, WATCH's slot, runge's state, and a KINETIC block's
// arrays.
var generatedLocals = []string{
	"k", "ix", "nd", "frac", "rows", "lo", "hi", "a", "b", "weights", "flag", "fw", "slot", "when",
	"deriv", "rkH", "rkY0", "rkAcc", "rkT", "s", "F", "J", "vol", "total", "f_flux", "b_flux",
}

// solverLocals are the locals of the functions that solve a system
// (derivimplicit, LINEAR, NONLINEAR), which a block's own locals there
// must not shadow.
var solverLocals = []string{"dt", "xold", "eval", "x", "value", "err", "row", "coef"}

// kernelMembers are the fields and methods every kernel has, or may have:
// the simulator's interfaces and the emitter's own.
var kernelMembers = []string{
	"ctx", "node", "v", "sink", "usetable", "kinIx", "funcTables", "externals", "data", "cnexpArg", "cnexpADen", "cnexpC", "cnexpBDen",
	"Bind", "Init", "Current", "State", "Global", "NetReceive", "NetInit", "WatchValue",
	"BeforeAfter", "CheckTables", "initial", "breakpoint", "Diffusions", "Diffusion", "Call", "Construct",
}

// packageMembers are the package-level names of every generated file.
var packageMembers = []string{"Mechanism", "Name", "New", "GoBodies", "info", "kernel", "newKernel", "_"}

// exported makes an identifier start with an upper-case letter.
func exported(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
