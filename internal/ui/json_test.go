package ui

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestWriteJSON(t *testing.T) {
	v := map[string]any{"msg": "<model> & \"x\"", "n": 1, "list": []string{}}
	var b strings.Builder
	if err := WriteJSON(&b, v); err != nil {
		t.Fatal(err)
	}
	want := "{\n  \"list\": [],\n  \"msg\": \"<model> & \\\"x\\\"\",\n  \"n\": 1\n}\n"
	if b.String() != want {
		t.Errorf("got %q, want %q", b.String(), want)
	}
}

// TestWriteJSONTerminalSafe shows JSON carries hostile strings intact but
// escaped, so printing it on a terminal is as safe as printing text.
func TestWriteJSONTerminalSafe(t *testing.T) {
	hostile := "\x1b]0;t\x07 \u009b2J \u202Eevil \x7f \u200b"
	var b strings.Builder
	if err := WriteJSON(&b, map[string]string{"cwd": hostile}); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	checkSanitized(t, hostile, out, true)
	var back map[string]string
	if err := json.Unmarshal([]byte(out), &back); err != nil {
		t.Fatal(err)
	}
	if back["cwd"] != hostile {
		t.Errorf("round trip changed the string: %q", back["cwd"])
	}
}
