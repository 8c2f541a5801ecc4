package tests

// The mechanisms of the golden scenarios that bring their own .mod files,
// compiled as users compile theirs (see mod/generate.go for the
// nmodlgo_bootstrap tag).
//go:generate go run -tags nmodlgo_bootstrap ../cmd/nmodlgo gen -o internal -registry testmechs testdata/golden/table_timing/tabletime.mod testdata/golden/twosection/kdr.mod testdata/golden/function_table/ftk.mod testdata/golden/gap_junction/gap.mod testdata/golden/calcium_diffusion/cadif.mod testdata/golden/calcium_diffusion/caflux.mod testdata/mod/counter.mod testdata/mod/argcell.mod testdata/mod/ft2.mod testdata/golden/cnexp_nonlinear/satur.mod testdata/golden/solve_in_procedure/settle.mod testdata/mod/extsrc.mod testdata/mod/extdst.mod testdata/mod/guard.mod testdata/mod/seedr.mod testdata/golden/verbatim_break/stepclamp.mod testdata/golden/breakpoint_memory/bpmem.mod testdata/golden/deriv_before/dbefore.mod testdata/golden/secondorder_euler_runge/eul.mod testdata/golden/secondorder_euler_runge/rk.mod testdata/golden/secondorder_steadystate/nax8st.mod testdata/golden/hoc_objects/vecevent.mod testdata/golden/hoc_objects/rsyn.mod testdata/golden/hoc_objects/rsyn123.mod testdata/golden/hoc_objects/rsynp.mod testdata/golden/steadystate_breakpoint/kss.mod testdata/golden/kinetic_derivative/kder.mod testdata/golden/steadystate_derivimplicit/ssd.mod testdata/golden/scopmath_functions/scopf.mod testdata/golden/state_locals/tdir.mod

// A mechanism with Go bodies, and its twin in NMODL alone (TestGoBodies).
//go:generate go run -tags nmodlgo_bootstrap ../cmd/nmodlgo gen -o internal -gobodies testdata/mod/gobody.mod testdata/mod/gobodyref.mod
