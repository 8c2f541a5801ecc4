package mechimpl

import "golang.org/x/sys/cpu"

// useFMA says whether the local glibc's exp is its FMA build: glibc picks
// it on x86-64 when the CPU has FMA and AVX2 (its ifunc-fma4.h). Elsewhere
// (and on the old AMD CPUs with FMA4 only) the unfused build is assumed.
var useFMA = cpu.X86.HasFMA && cpu.X86.HasAVX2

// ExpFused reports whether Exp follows glibc's FMA build, as it does on
// a CPU with FMA and AVX2. The golden traces were made by NEURON on such a
// CPU, so tests expect them to the bit only then.
func ExpFused() bool { return useFMA }
