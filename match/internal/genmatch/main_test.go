package main

import (
	"bytes"
	"os"
	"testing"
)

// default_gen.go is what the generator writes from catalog/data: go
// generate ./match changes nothing.
func TestGeneratedIsCurrent(t *testing.T) {
	want, err := generate("../../../catalog/ids_gen.go")
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile("../../default_gen.go")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Error("match/default_gen.go is not what catalog/data gives: run go generate ./match")
	}
}

// Every id has its constant's name, as catalog/ids_gen.go spells it.
func TestIDNames(t *testing.T) {
	names, err := idNames("../../../catalog/ids_gen.go")
	if err != nil {
		t.Fatal(err)
	}
	if names["credit-balance-low"] != "CreditBalanceLow" || names["invalid-api-key"] != "InvalidAPIKey" {
		t.Errorf("names = %v", names)
	}
}
