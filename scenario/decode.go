package scenario

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"sync"
)

// jsonField is a struct field that decode fills: its index and json name.
type jsonField struct {
	index int
	name  string
}

// fieldCache holds jsonFields' answer per struct type: a scenario of 1000
// cells decodes thousands of structs of a few types, and reading their
// tags again for each took a tenth of the decoding.
var fieldCache sync.Map // reflect.Type → []jsonField

// jsonFields are the exported fields of struct type t that have a json
// name, in order.
func jsonFields(t reflect.Type) []jsonField {
	if fs, ok := fieldCache.Load(t); ok {
		return fs.([]jsonField)
	}
	var fs []jsonField
	for i := range t.NumField() {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if f.IsExported() && name != "-" && name != "" {
			fs = append(fs, jsonField{i, name})
		}
	}
	fieldCache.Store(t, fs)
	return fs
}

// decode stores the value of n, read from data, in v as encoding/json's
// Unmarshal would (the schema has checked its kinds and keys), without
// reading the text a second time: fields by their json names, slices,
// maps with string keys, pointers, numbers, strings, booleans, and types
// that unmarshal themselves (json.Unmarshaler, json.RawMessage) from
// their own text.
func (n *node) decode(data []byte, v reflect.Value) error {
	if v.Kind() != reflect.Pointer && v.CanAddr() {
		if u, ok := v.Addr().Interface().(json.Unmarshaler); ok {
			return u.UnmarshalJSON(data[n.off:n.end])
		}
	}
	if v.Type() == reflect.TypeOf(json.RawMessage(nil)) {
		v.SetBytes(append([]byte(nil), data[n.off:n.end]...))
		return nil
	}
	if n.kind == jsonNull {
		switch v.Kind() {
		case reflect.Pointer, reflect.Slice, reflect.Map, reflect.Interface:
			v.SetZero()
		}
		return nil // as Unmarshal: null leaves other kinds alone
	}
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() {
			v.Set(reflect.New(v.Type().Elem()))
		}
		return n.decode(data, v.Elem())
	case reflect.Struct:
		if n.kind != jsonObject {
			return n.mismatch(v)
		}
		for _, f := range jsonFields(v.Type()) {
			if m := n.member(f.name); m != nil {
				if err := m.decode(data, v.Field(f.index)); err != nil {
					return err
				}
			}
		}
		return nil
	case reflect.Slice:
		if n.kind != jsonArray {
			return n.mismatch(v)
		}
		s := reflect.MakeSlice(v.Type(), len(n.elems), len(n.elems))
		for i, e := range n.elems {
			if err := e.decode(data, s.Index(i)); err != nil {
				return err
			}
		}
		v.Set(s)
		return nil
	case reflect.Map:
		if n.kind != jsonObject || v.Type().Key().Kind() != reflect.String {
			return n.mismatch(v)
		}
		if v.IsNil() {
			v.Set(reflect.MakeMapWithSize(v.Type(), len(n.members)))
		}
		for _, m := range n.members {
			e := reflect.New(v.Type().Elem()).Elem()
			if err := m.val.decode(data, e); err != nil {
				return err
			}
			v.SetMapIndex(reflect.ValueOf(m.key).Convert(v.Type().Key()), e)
		}
		return nil
	case reflect.String:
		if n.kind != jsonString {
			return n.mismatch(v)
		}
		v.SetString(n.text)
		return nil
	case reflect.Bool:
		if n.kind != jsonBool {
			return n.mismatch(v)
		}
		v.SetBool(n.text == "true")
		return nil
	case reflect.Float64, reflect.Float32:
		if n.kind != jsonNumber {
			return n.mismatch(v)
		}
		x, err := strconv.ParseFloat(n.text, v.Type().Bits())
		if err != nil {
			return fmt.Errorf("number %s: %w", n.text, err)
		}
		v.SetFloat(x)
		return nil
	case reflect.Int, reflect.Int64, reflect.Int32:
		if n.kind != jsonNumber {
			return n.mismatch(v)
		}
		x, err := strconv.ParseInt(n.text, 10, v.Type().Bits())
		if err != nil {
			return fmt.Errorf("cannot read %s as a whole number: %w", n.text, err)
		}
		v.SetInt(x)
		return nil
	case reflect.Interface:
		var x any
		if err := json.Unmarshal(data[n.off:n.end], &x); err != nil {
			return err
		}
		v.Set(reflect.ValueOf(x))
		return nil
	}
	return fmt.Errorf("cannot decode into a Go %s", v.Type())
}

func (n *node) mismatch(v reflect.Value) error {
	return fmt.Errorf("cannot decode a JSON %s into a Go %s", n.kind, v.Type())
}
