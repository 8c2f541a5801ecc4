package parser

import (
	"encoding/json"
	"fmt"
	"os"
	"testing"
)

func TestZZDebug(t *testing.T) {
	name := os.Getenv("F")
	if name == "" {
		t.Skip()
	}
	src, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	f, err := Parse(name, src)
	if err != nil {
		fmt.Println(err.(ErrorList).Format(src))
		t.Fatal("failed")
	}
	if os.Getenv("DUMP") != "" {
		b, _ := json.MarshalIndent(f, "", " ")
		fmt.Println(string(b))
	}
}

func TestZZDump(t *testing.T) {
	name := os.Getenv("D")
	if name == "" {
		t.Skip()
	}
	src, _ := os.ReadFile(name)
	f, err := Parse(name, src)
	if err != nil {
		fmt.Println(err.(ErrorList).Format(src))
		t.Fatal("failed")
	}
	fmt.Print(dump(f))
}
