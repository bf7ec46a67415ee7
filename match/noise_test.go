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
		{`Prompt\nis too long`, true},
		{`Prompt\\\\nis too long`, true},
		{"Prompt\tis too long", true},
		{"Prompt \t is too long", true},
		{"Prompt\ris too long", true},
		{"Prompt\fis too long", false}, // kept by normalisation
		{"Prompt\u00a0is too long", true},
		{"Prompt\u3000is too long", true},
		{`x := 1\n\tif err != nil {\n\t\treturn err\n\t}`, false},
		{"name\tvalue\tcount", false},
		{"too\x00long", false}, // kept by normalisation: it splits words there too
		{"\ufeffPrompt", true},
	}
	m, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range tests {
		if got := m.noiseAt([]byte(tt.in)) >= 0; got != tt.noisy {
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
