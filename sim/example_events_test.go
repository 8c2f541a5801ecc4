package sim_test

import (
	"fmt"

	"github.com/nmodlgo/nmodlgo/generated/expsyn"
	"github.com/nmodlgo/nmodlgo/generated/hh"
	"github.com/nmodlgo/nmodlgo/generated/netstim"
	"github.com/nmodlgo/nmodlgo/sim"
)

// A NetStim drives an ExpSyn on an hh soma through a NetCon, as in
// NEURON: ns = h.NetStim(); nc = h.NetCon(ns, syn); nc.weight[0] = 0.01.
// NEURON 8.2.2 prints the same three spike times.
func ExampleModel_NewNetCon() {
	m := sim.NewModel()
	soma, _ := m.NewSection("soma")
	soma.SetL(20)
	soma.SetDiam(20)
	soma.Insert(hh.Mechanism())
	syn, _ := expsyn.New(m, soma.At(0.5))
	syn.Set(expsyn.Tau, 2)

	ns, _ := netstim.New(m)
	ns.Set(netstim.Start, 5)
	ns.Set(netstim.Interval, 10)
	ns.Set(netstim.Number, 3)
	if _, err := m.NewNetCon(ns, syn, 0.01, 1); err != nil { // weight (µS), delay (ms)
		fmt.Println(err)
		return
	}

	v, _ := m.Record(soma.At(0.5).Ref("v"))
	t, _ := m.Record(m.TimeRef())
	m.Finitialize(-65)
	if err := m.ContinueRun(40); err != nil {
		fmt.Println(err)
		return
	}
	vs, ts := v.Values(), t.Values()
	for i := 1; i < len(vs); i++ {
		if vs[i-1] < 0 && vs[i] >= 0 {
			fmt.Printf("spike at %.3f ms\n", ts[i])
		}
	}
	// Output:
	// spike at 6.925 ms
	// spike at 17.300 ms
	// spike at 27.350 ms
}
