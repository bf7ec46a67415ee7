package session

import (
	"encoding/base64"
	"strings"
	"testing"
)

func BenchmarkParse(b *testing.B) {
	raw := make([]byte, 8<<20)
	for i := range raw {
		raw[i] = byte(i * 7)
	}
	line := []byte(`{"type":"user","message":{"content":[{"type":"image","source":{"type":"base64","data":"` +
		base64.StdEncoding.EncodeToString(raw) + `"}},{"type":"text","text":"` + strings.Repeat(`hello \"world\" `, 100000) + `"}]}}`)
	b.SetBytes(int64(len(line)))
	var d Doc
	for b.Loop() {
		if err := Parse(line, &d); err != nil {
			b.Fatal(err)
		}
	}
}
