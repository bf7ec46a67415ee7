package mock

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzParse checks that any scenario spec is either rejected with an error
// or resolves to a non-empty sequence of servable scenarios.
func FuzzParse(f *testing.F) {
	for _, s := range []string{"", "ok", "overloaded,overloaded,ok", " ok , reset ", "nope", "refused", ",", "ok,,ok", "tls"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, spec string) {
		seq, err := testSet.parse(spec)
		if err != nil {
			if seq != nil {
				t.Errorf("parse(%q): error %v with a sequence", spec, err)
			}
			return
		}
		if len(seq) == 0 {
			t.Errorf("parse(%q): empty sequence", spec)
		}
		for _, sc := range seq {
			if !sc.Servable {
				t.Errorf("parse(%q): unservable %s accepted", spec, sc.Name)
			}
		}
	})
}

// FuzzRawFields checks the header-block splitter never panics and never
// invents a field without a colon in the input.
func FuzzRawFields(f *testing.F) {
	f.Add("POST / HTTP/1.1\r\nhost: x\r\nx-api-key: k\r\n\r\n")
	f.Add("GET / HTTP/1.1\r\n\r\n")
	f.Add("")
	f.Add("no-crlf")
	f.Fuzz(func(t *testing.T, raw string) {
		for _, fd := range rawFields(raw) {
			if strings.Contains(fd.Name, "\r\n") {
				t.Errorf("field name %q spans lines", fd.Name)
			}
		}
	})
}

// FuzzMask checks that a masked value never keeps more than the last four
// characters of the secret.
func FuzzMask(f *testing.F) {
	for _, s := range []string{"sk-ant-api03-abcdefghijkl-WXYZ", "Bearer sk-ant-oat01-abcdefgh-1234", "", "short", "Bearer  x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, v string) {
		m := Mask(v)
		scheme, secret, hasScheme := strings.Cut(v, " ")
		if !hasScheme || !isScheme(scheme) {
			secret = v
		}
		secret = string([]rune(secret)) // Mask works on runes; invalid bytes become U+FFFD
		shown := m[strings.Index(m, "***")+3:]
		if utf8.RuneCountInString(shown) > 4 || !strings.HasSuffix(secret, shown) {
			t.Errorf("Mask(%q) = %q shows more than the last 4 characters", v, m)
		}
	})
}
