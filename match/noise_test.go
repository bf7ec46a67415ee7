package match

import "testing"

// Noise that may hide an anchor is found; styling and escapes that leave
// words whole are not, so that ordinary coloured output and transcripts do
// not all become candidates.
func TestNoiseAt(t *testing.T) {
	tests := []struct {
		in    string
		noisy bool
	}{
		{"plain text, nothing special", false},
		{"\x1b[32m✓\x1b[0m parser/lexer_test.go: case 3 passed", false},
		{"\x1b[31m● Unable to connect to API (ECONNREFUSED)\x1b[0m", false},
		{`{"text":"Not logged in \u00b7 Please run /login","q":"say \"hi\""}`, false},
		{"line one\r\n", false},
		{"Überprüfen Sie die Konfiguration. 请检查配置文件中的设置，然后重试。", false},
		{"错误：Request timed out", false},
		{"Pro\x1b[1mmpt is too long", true},
		{"Prompt is \x1b[1mtoo long", true},
		{"Pr\u200bompt", true},
		{"Ｐｒｏｍｐｔ", true},
		{`\u0050\u0072ompt`, true},
		{`too\nlong`, true},
		{`too\\\\nlong`, true},
		{"too\tlong", true},
		{"too\x00long", false}, // kept by normalisation: it splits words there too
		{"too\rlong", true},
		{"too\flong", true},
		{"too\u00a0long", true},
		{"too\u3000long", true},
		{"\ufeffPrompt", true},
	}
	for _, tt := range tests {
		if got := noiseAt([]byte(tt.in)) >= 0; got != tt.noisy {
			t.Errorf("noiseAt(%q) >= 0 is %v, want %v", tt.in, got, tt.noisy)
		}
	}
}

// A long run of backslashes hides nothing, however it is scanned.
func TestNoiseScanLinear(t *testing.T) {
	b := make([]byte, 1<<20)
	for i := range b {
		b[i] = '\\'
	}
	var s noiseScan
	s.reset(b)
	for from := 0; from < len(b); from += 4096 {
		if k := s.at(from, len(b)); k >= 0 {
			t.Fatalf("backslashes alone reported as noise at %d", k)
		}
	}
}
