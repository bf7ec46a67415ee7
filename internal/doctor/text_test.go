package doctor

import (
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/ccerr/ccerr/catalog"
)

var verbRe = regexp.MustCompile(`%(\[(\d+)\])?[-+# 0]*\d*(\.\d+)?[a-zA-Z%]`)

// argCount is the highest argument index a format uses.
func argCount(format string) int {
	n, next := 0, 1
	for _, m := range verbRe.FindAllStringSubmatch(format, -1) {
		if strings.HasSuffix(m[0], "%") {
			continue
		}
		i := next
		if m[2] != "" {
			i, _ = strconv.Atoi(m[2])
		}
		n = max(n, i)
		next = i + 1
	}
	return n
}

// TestMessagesBilingual checks every message has both languages and that
// they take the same arguments.
func TestMessagesBilingual(t *testing.T) {
	for key, m := range messages {
		if m.en == "" || m.zh == "" {
			t.Errorf("%s: missing a language", key)
			continue
		}
		if a, b := argCount(m.en), argCount(m.zh); a != b {
			t.Errorf("%s: English uses %d arguments, Chinese %d", key, a, b)
		}
	}
}

// TestMessageKeysExist runs every check in both languages over a busy
// environment and fails if any message key is missing from the table.
func TestMessageKeysExist(t *testing.T) {
	for _, lang := range catalog.Languages {
		env := newEnv(t, map[string]string{
			"ANTHROPIC_API_KEY": testKey + "\n", "ANTHROPIC_AUTH_TOKEN": "x", "CLAUDE_CODE_OAUTH_TOKEN": "bad",
			envMaxRetries: "99", envTimeout: "1", envBaseURL: "http://gw.example", "HTTPS_PROXY": "socks5://p",
			envRejectUnauth: "0", envNodeExtraCACerts: "/nonexistent.pem", envDisableBetas: "1",
		})
		for _, f := range Run(t.Context(), env, Options{Offline: true, Lang: lang}) {
			for _, s := range []string{f.Detail, f.Fix} {
				if strings.Contains(s, "%!") || regexp.MustCompile(`^[a-z]+\.[a-z.-]+$`).MatchString(s) {
					t.Errorf("%s %s: bad text %q", lang, f.Name, s)
				}
			}
		}
	}
}

func TestFixFromCatalog(t *testing.T) {
	cat := catalog.MustDefault()
	if _, ok := cat.Lookup("tls-certificate"); !ok || len(cat.Entries()) == 0 {
		t.Skip("catalog data not written yet")
	}
	e, _ := cat.Lookup("tls-certificate")
	r := newRunner(Env{}, Options{Catalog: cat, Lang: "zh"})
	got := r.fix("tls-certificate", envNodeExtraCACerts, "fix.extraca")
	found := false
	for _, fx := range e.In("zh").Fixes {
		if fx.Text == got {
			found = true
		}
	}
	if !found {
		t.Errorf("fix %q is not one of the catalog's Chinese fixes", got)
	}
	if got := r.fix("", "x", "fix.clock"); got != messages["fix.clock"].zh {
		t.Errorf("no id: got %q, want own fix", got)
	}
}
