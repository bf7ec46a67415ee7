package doctor

import (
	"fmt"
	"reflect"

	"context"
	"encoding/base64"
	"errors"
	"github.com/ccerr/ccerr/catalog"
	"github.com/ccerr/ccerr/internal/ui"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// testKey is a well-formed fake key; its middle must never be printed.
const testKey = "sk-ant-api03-SECRETmiddlePARTthatMustNeverLeakxyzWXYZ"

// fixedNow is the clock of every test that needs one.
var fixedNow = time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)

// newEnv returns an Env over fresh temporary home and project folders, with
// no claude on PATH, the given variables, and a fixed clock.
func newEnv(t *testing.T, vars map[string]string) Env {
	t.Helper()
	home := t.TempDir()
	dir := filepath.Join(home, "project")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return Env{
		Getenv:   func(k string) string { return vars[k] },
		Home:     home,
		Dir:      dir,
		LookPath: func(string) (string, error) { return "", errors.New("not found") },
		Resolve: func(ctx context.Context, host string) ([]string, error) {
			return nil, errors.New("tests resolve nothing")
		},
		Now: func() time.Time { return fixedNow },
	}
}

// writeFile writes content to path, creating folders.
func writeFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
}

// find returns the finding with the given name, failing the test if absent.
func find(t *testing.T, fs []Finding, name string) Finding {
	t.Helper()
	for _, f := range fs {
		if f.Name == name {
			return f
		}
	}
	t.Fatalf("no finding %q in %+v", name, names(fs))
	return Finding{}
}

func has(fs []Finding, name string) bool {
	for _, f := range fs {
		if f.Name == name {
			return true
		}
	}
	return false
}

func names(fs []Finding) []string {
	var out []string
	for _, f := range fs {
		out = append(out, f.Name)
	}
	return out
}

// offline runs every check without the network.
func offline(t *testing.T, env Env) []Finding {
	t.Helper()
	return Run(context.Background(), env, Options{Offline: true})
}

func chmod(t *testing.T, path string, mode os.FileMode) {
	t.Helper()
	if err := os.Chmod(path, mode); err != nil {
		t.Fatal(err)
	}
}

func b64(b []byte) string {
	s := base64.StdEncoding.EncodeToString(b)
	var out strings.Builder
	for len(s) > 64 {
		out.WriteString(s[:64] + "\n")
		s = s[64:]
	}
	out.WriteString(s + "\n")
	return out.String()
}

// en words a finding's text in English, as internal/cli does, for tests
// that look for a phrase: the message set's field named as each kind,
// catalog fixes from the default catalog.
func en(t Text) string { return wordText(catalog.English, t) }

// zh is en in Chinese.
func zh(t Text) string { return wordText(catalog.Chinese, t) }

func wordText(lang string, t Text) string {
	set := ui.Messages(lang).Doctor
	var parts []string
	for _, m := range t {
		parts = append(parts, wordMessage(lang, &set, m))
	}
	out := ""
	for _, p := range parts {
		if out == "" {
			out = p
		} else {
			out = fmt.Sprintf(set.Join, out, p)
		}
	}
	return out
}

func wordMessage(lang string, set *ui.DoctorText, m Message) string {
	if m.Kind == MsgCatalogFix {
		e, _ := catalog.MustDefault().Lookup(m.Args[0].(catalog.ID))
		return e.In(lang).Fixes[m.Args[1].(int)].Text
	}
	field := reflect.ValueOf(set.Findings).FieldByName(m.Kind.String())
	if !field.IsValid() {
		return "<no words for " + m.Kind.String() + ">"
	}
	args := make([]any, len(m.Args))
	for i, a := range m.Args {
		switch v := a.(type) {
		case Message:
			args[i] = wordMessage(lang, set, v)
		case Text:
			var items []string
			for _, item := range v {
				items = append(items, wordMessage(lang, set, item))
			}
			args[i] = strings.Join(items, set.ListSep)
		default:
			args[i] = v
		}
	}
	if len(args) == 0 {
		return field.String()
	}
	return fmt.Sprintf(field.String(), args...)
}
