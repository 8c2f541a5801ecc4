// Package tests holds nmodlgo's end-to-end tests: golden traces made by
// NEURON (testdata/golden, see tools/neuron/golden.py), the same runs
// against a live NEURON when one is installed, the check that the
// generated packages are current, and the benchmarks that compare speed
// with NEURON (tools/bench.sh).
package tests
