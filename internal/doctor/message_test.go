package doctor

import (
	"context"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/ccerr/ccerr/catalog"
	"github.com/ccerr/ccerr/internal/ui"
)

// TestKindsWorded checks that every kind of message has words in every
// language's message set, and that the set words no kind that does not
// exist: a missing translation fails here, never prints a key.
func TestKindsWorded(t *testing.T) {
	fields := map[string]bool{}
	typ := reflect.TypeFor[ui.DoctorFindings]()
	for i := range typ.NumField() {
		fields[typ.Field(i).Name] = true
	}
	for _, k := range Kinds() {
		if !fields[k.String()] {
			t.Errorf("kind %s has no field in ui.DoctorFindings", k)
		}
		delete(fields, k.String())
		for _, lang := range catalog.Languages {
			if got := wordText(lang, say(k)); strings.TrimSpace(got) == "" || strings.HasPrefix(got, "<no words") {
				t.Errorf("%s: kind %s has no words", lang, k)
			}
		}
	}
	for name := range fields {
		t.Errorf("ui.DoctorFindings.%s words no kind", name)
	}
}

// busyEnv sets something wrong in every variable the checks read.
func busyEnv(t *testing.T, baseURL string) Env {
	return newEnv(t, map[string]string{
		"ANTHROPIC_API_KEY": testKey + "\n", "ANTHROPIC_AUTH_TOKEN": "x", "CLAUDE_CODE_OAUTH_TOKEN": "bad",
		envMaxRetries: "99", envTimeout: "1", envBaseURL: baseURL, "HTTPS_PROXY": "socks5://p",
		envRejectUnauth: "0", envNodeExtraCACerts: "/nonexistent.pem", envDisableBetas: "1",
	})
}

// TestFindingsWorded runs the checks, offline and against loopback servers
// (a plain API, an untrusted TLS one, a live request), and renders every
// finding in every language: no kind may lack words and no format may
// get arguments it does not take.
func TestFindingsWorded(t *testing.T) {
	api := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Date", fixedNow.Add(-10*time.Minute).UTC().Format(http.TimeFormat))
		w.WriteHeader(http.StatusTooManyRequests)
	}))
	t.Cleanup(api.Close)
	untrusted := httptest.NewTLSServer(http.NotFoundHandler())
	t.Cleanup(untrusted.Close)
	runs := map[string][]Finding{
		"offline":   Run(context.Background(), busyEnv(t, "http://gw.example"), Options{Offline: true}),
		"live":      online(t, newEnv(t, map[string]string{envBaseURL: api.URL, "ANTHROPIC_API_KEY": testKey}), Options{Live: true, Catalog: catalog.MustDefault()}),
		"untrusted": online(t, newEnv(t, map[string]string{envBaseURL: untrusted.URL, "ANTHROPIC_API_KEY": testKey}), Options{Live: true}),
		"catalog":   Run(context.Background(), busyEnv(t, "http://gw.example"), Options{Offline: true, Catalog: catalog.MustDefault()}),
	}
	seen := map[Kind]bool{}
	for name, fs := range runs {
		for _, f := range fs {
			for _, lang := range catalog.Languages {
				for _, text := range []Text{f.Detail, f.Fix} {
					got := wordText(lang, text)
					if strings.Contains(got, "%!") || strings.Contains(got, "<no words") {
						t.Errorf("%s %s %s: bad text %q", name, lang, f.Name, got)
					}
				}
			}
			for _, m := range append(f.Detail, f.Fix...) {
				seen[m.Kind] = true
			}
		}
	}
	if len(seen) < 30 {
		t.Errorf("only %d kinds rendered; the environments no longer exercise the checks", len(seen))
	}
}

// TestFixFromCatalog: a finding whose catalog entry has a fix naming the
// hint takes that fix (by index, so every language shows its own text);
// without an id it takes the doctor's own.
func TestFixFromCatalog(t *testing.T) {
	cat := catalog.MustDefault()
	e, ok := cat.Lookup(catalog.TLSCertificate)
	if !ok {
		t.Fatal("the catalog has no tls-certificate entry")
	}
	r := newRunner(Env{}, Options{Catalog: cat})
	got := r.fix(catalog.TLSCertificate, envNodeExtraCACerts, MsgFixExtraCA)
	if len(got) != 1 || got[0].Kind != MsgCatalogFix {
		t.Fatalf("got %+v, want a catalog fix", got)
	}
	i := got[0].Args[1].(int)
	if fx := e.In(catalog.English).Fixes[i]; fx.Env != envNodeExtraCACerts && !strings.Contains(fx.Command+fx.Text, envNodeExtraCACerts) {
		t.Errorf("fix %d (%q) does not mention %s", i, fx.Text, envNodeExtraCACerts)
	}
	if want := e.In(catalog.Chinese).Fixes[i].Text; zh(got) != want {
		t.Errorf("zh: got %q, want the catalog's %q", zh(got), want)
	}
	if got := r.fix("", "x", MsgFixClock); len(got) != 1 || got[0].Kind != MsgFixClock {
		t.Errorf("no id: got %+v, want the doctor's own fix", got)
	}
	if got := newRunner(Env{}, Options{}).fix(catalog.TLSCertificate, envNodeExtraCACerts, MsgFixExtraCA); got[0].Kind != MsgFixExtraCA {
		t.Errorf("no catalog: got %+v, want the doctor's own fix", got)
	}
}
