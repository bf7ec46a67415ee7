package catalog_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/ccerr/ccerr/catalog"
	"github.com/ccerr/ccerr/match"
)

// concrete replaces the placeholders of a documented message (the seed's
// "..." elisions, <model>, <tool>, claude-..., Ns, x/y) with plausible values.
func concrete(msg string) string {
	r := strings.NewReplacer(
		"<model>", "claude-sonnet-4-5",
		"<tool>", "Bash",
		"claude-...", "claude-opus-5-5",
		" ... ", " x ",
		"...", " x",
		"next try in …", "next try in 5s",
		"Retrying in Ns", "Retrying in 4s",
		"attempt x/y", "attempt 3/10",
		"~N tokens (limit M)", "~210000 tokens (limit 200000)",
	)
	return r.Replace(msg)
}

// noisy returns msg as it may appear around a person's paste: coloured and
// behind a TUI glyph, inside a JSON log line, with Windows line ends, among
// other text.
func noisy(msg string) map[string]string {
	js, _ := json.Marshal(map[string]string{"level": "error", "msg": msg})
	return map[string]string{
		"plain":   msg,
		"tui":     "\x1b[31m● " + msg + "\x1b[0m",
		"json":    string(js),
		"crlf":    "some output\r\n" + strings.ReplaceAll(msg, "\n", "\r\n") + "\r\n",
		"chinese": "我看到这个错误:" + msg + " 怎么办?",
	}
}

// Every message of every entry is recognised as that entry and no other,
// alone and inside noise.
func TestMessagesMatchOwnEntry(t *testing.T) {
	c := catalog.MustDefault()
	m, err := match.New(c)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range c.Entries() {
		for _, msg := range e.Messages {
			for name, text := range noisy(concrete(msg.Text)) {
				hits := m.Text(text)
				if len(hits) != 1 || hits[0].ID != e.ID {
					var ids []catalog.ID
					for _, h := range hits {
						ids = append(ids, h.ID)
					}
					t.Errorf("%s, %s: %q: got %v, want [%s]", e.ID, name, text, ids, e.ID)
				}
			}
		}
	}
}
