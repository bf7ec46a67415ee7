package main

import (
	"bytes"
	"os"
	"reflect"
	"testing"

	"github.com/ccerr/ccerr/catalog"
)

// catalog_gen.go is what the generator writes from catalog/data.
func TestGeneratedIsCurrent(t *testing.T) {
	want, err := generate()
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile("../../catalog_gen.go")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("catalog/catalog_gen.go is not what catalog/data gives: run go generate ./catalog")
	}
}

// The catalog built from Go equals the one decoded from JSON.
func TestGeneratedEqualsJSON(t *testing.T) {
	fromJSON, err := catalog.LoadJSON()
	if err != nil {
		t.Fatal(err)
	}
	fromGo := catalog.MustDefault()
	if !reflect.DeepEqual(fromGo.Entries(), fromJSON.Entries()) {
		t.Errorf("catalog.Default differs from catalog.LoadJSON")
	}
}
