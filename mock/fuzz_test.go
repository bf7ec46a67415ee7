package mock

import (
	"strings"
	"testing"
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

// FuzzMask checks that a masked value never keeps more of the secret than
// a public key prefix and its last four characters.
func FuzzMask(f *testing.F) {
	for _, s := range []string{"sk-ant-api03-abcdefghijkl-WXYZ", "Bearer sk-ant-oat01-abcdefgh-1234", "", "short", "Bearer  x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, v string) {
		m := Mask(v)
		_, shown, ok := strings.Cut(m, "…")
		if !ok {
			if !strings.HasSuffix(m, " characters)") && !strings.HasSuffix(m, "(empty)") {
				t.Errorf("Mask(%q) = %q: neither a tail nor a length", v, m)
			}
			return
		}
		tail, all := []rune(shown), []rune(strings.TrimSpace(v))
		if len(tail) > 4 || len(tail) > len(all) {
			t.Fatalf("Mask(%q) = %q shows more than the last 4 characters", v, m)
		}
		for i, c := range tail {
			if want := all[len(all)-len(tail)+i]; c != want && c != '?' {
				t.Fatalf("Mask(%q) = %q: %q is not the value's tail", v, m, shown)
			}
		}
	})
}
