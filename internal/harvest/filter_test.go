package main

import "testing"

func TestCandidate(t *testing.T) {
	tests := []struct {
		text string
		want bool
	}{
		{"Credit balance is too low", true},
		{"API Error: Repeated 529 Overloaded errors", true},
		{"Image base64 size (...) exceeds API limit (...). Please resize the image before sending.", true},
		{"Retrying in ... seconds… (attempt .../...)", true},
		{"API ... (...) · Retrying in ... seconds… (attempt .../...)...", true},
		{"Prompt", false},                      // one word
		{"tengu_api_error_retry", false},       // identifier
		{"function(e){return e.model}", false}, // code
		{"},{begin:/ RANGE model timeout/", false},
		{"The quick brown fox jumps over the lazy dog", false}, // off topic
		{"timeout \x07 bell inside the text", false},           // control character
	}
	for _, tt := range tests {
		if got := candidate(tt.text); got != tt.want {
			t.Errorf("candidate(%q) = %v, want %v", tt.text, got, tt.want)
		}
	}
}
