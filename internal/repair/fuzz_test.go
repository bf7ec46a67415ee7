package repair

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
)

// FuzzCheck feeds arbitrary transcripts to Check and Apply. Oracles: every
// non-empty line encoding/json rejects is reported as damage; Apply
// succeeds and changes exactly the lines the findings name.
func FuzzCheck(f *testing.F) {
	for _, tc := range poisonCases {
		f.Add(tc.build())
	}
	f.Add("{\"uuid\":\"a\",\"parentUuid\":\"b\"}\n{\"uuid\":\"b\",\"parentUuid\":\"a\"}\n")
	f.Add("[1]\n\"x\"\n{}\n\r\n{\"type\":\"assistant\",\"uuid\":\"u\",\"message\":{\"content\":[{\"type\":\"tool_use\",\"id\":\"t\"}]}}")
	f.Fuzz(func(t *testing.T, in string) {
		rep, err := Check(strings.NewReader(in), Options{})
		if err != nil {
			t.Fatal(err)
		}
		damaged := map[int]bool{}
		for _, fd := range rep.Findings {
			if fd.Class == ClassDamage && fd.Mend.Action == DropLine {
				damaged[fd.Line] = true
			}
		}
		for i, l := range strings.Split(in, "\n") {
			l = strings.TrimSuffix(l, "\r")
			if len(bytes.TrimSpace([]byte(l))) == 0 {
				continue
			}
			var obj map[string]any
			isObj := json.Valid([]byte(l)) && json.Unmarshal([]byte(l), &obj) == nil && obj != nil
			if !isObj && !damaged[i+1] {
				t.Fatalf("line %d is not a JSON object but not reported: %q", i+1, l)
			}
		}
		var out bytes.Buffer
		if err := Apply(&out, strings.NewReader(in), rep); err != nil {
			t.Fatalf("Apply: %v", err)
		}
		checkEdits(t, in, out.String(), rep)
	})
}
