package parser

import (
	"os"
	"testing"
)

func BenchmarkParseHH(b *testing.B) {
	src, err := os.ReadFile("../mod/hh.mod")
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(src)))
	for i := 0; i < b.N; i++ {
		if _, err := Parse("hh.mod", src); err != nil {
			b.Fatal(err)
		}
	}
}
