package session

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestProjectDir(t *testing.T) {
	for _, tc := range []struct{ cwd, want string }{
		{"/home/me/my_proj", "-home-me-my-proj"},
		{"/tmp/repair-interop/proj1", "-tmp-repair-interop-proj1"},
		{"/srv/app.v2", "-srv-app-v2"},
	} {
		if got := ProjectDir(tc.cwd); got != tc.want {
			t.Errorf("ProjectDir(%q) = %q, want %q", tc.cwd, got, tc.want)
		}
	}
}

func TestFindIDAndLast(t *testing.T) {
	home := t.TempDir()
	cfg := t.TempDir()
	const a, b = "40e28ccd-40a2-43b2-a3af-4c3ab73a34e0", "11111111-2222-4333-8444-555555555555"
	write := func(dir, proj, id string, mod time.Time) string {
		p := filepath.Join(dir, "projects", proj, id+".jsonl")
		_ = os.MkdirAll(filepath.Dir(p), 0o755)
		_ = os.WriteFile(p, []byte("{}\n"), 0o600)
		_ = os.Chtimes(p, mod, mod)
		return p
	}
	t0 := time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)
	pa := write(filepath.Join(home, ".claude"), "-home-me-app", a, t0)
	pb := write(filepath.Join(home, ".claude"), "-home-me-app", b, t0.Add(time.Hour))
	pc := write(cfg, "-work", a, t0)
	env := func(k string) string {
		if k == "CLAUDE_CONFIG_DIR" {
			return cfg
		}
		return ""
	}
	dirs := ProjectsDirs(env, home)
	if got, err := FindID(dirs, a); err != nil || got != pc {
		t.Errorf("FindID with CLAUDE_CONFIG_DIR = %q, %v; want %q (the config dir first)", got, err, pc)
	}
	noCfg := ProjectsDirs(func(string) string { return "" }, home)
	if got, err := FindID(noCfg, a); err != nil || got != pa {
		t.Errorf("FindID = %q, %v; want %q", got, err, pa)
	}
	if _, err := FindID(noCfg, "00000000-0000-4000-8000-000000000000"); !errors.Is(err, ErrNotFound) {
		t.Errorf("unknown id: err = %v", err)
	}
	if _, err := FindID(noCfg, "../../etc/passwd"); err == nil || errors.Is(err, ErrNotFound) {
		t.Errorf("a path as id: err = %v, want a shape error", err)
	}
	if got, err := Last(noCfg, "/home/me/app"); err != nil || got != pb {
		t.Errorf("Last = %q, %v; want the newer %q", got, err, pb)
	}
	if _, err := Last(noCfg, "/elsewhere"); !errors.Is(err, ErrNotFound) {
		t.Errorf("Last for a project with none: %v", err)
	}
}

func TestChain(t *testing.T) {
	tr := NewTree()
	add := func(line int, uuid, parent string, side bool) {
		tr.Add(line, &Entry{UUID: uuid, ParentUUID: parent, Sidechain: side})
	}
	add(1, "a", "", false)
	add(2, "b", "a", false)
	add(3, "boundary", "", false) // compaction: starts over
	add(4, "c", "boundary", false)
	add(5, "s", "c", true) // a subagent's line
	add(6, "d", "gone", false)
	leaf := tr.Leaf()
	if tr.Node(leaf).UUID != "d" {
		t.Fatalf("leaf %q, want d (sidechain lines are not leaves)", tr.Node(leaf).UUID)
	}
	chain, breaks := tr.Chain(leaf)
	var got []string
	for _, i := range chain {
		got = append(got, tr.Node(i).UUID)
	}
	if want := []string{"boundary", "c", "d"}; len(got) != 3 || got[0] != want[0] || got[1] != want[1] || got[2] != want[2] {
		t.Errorf("chain %v, want %v", got, want)
	}
	if len(breaks) != 1 || breaks[0].Missing != "gone" || tr.Node(breaks[0].Relinked).UUID != "c" {
		t.Errorf("breaks %+v, want d relinked to c", breaks)
	}
	// A cycle ends the walk.
	cyc := NewTree()
	cyc.Add(1, &Entry{UUID: "x", ParentUUID: "y"})
	cyc.Add(2, &Entry{UUID: "y", ParentUUID: "x"})
	if chain, _ := cyc.Chain(cyc.Leaf()); len(chain) != 2 {
		t.Errorf("cycle chain %v", chain)
	}
}

func TestRewriteDetectsChange(t *testing.T) {
	path := filepath.Join(t.TempDir(), "s.jsonl")
	_ = os.WriteFile(path, []byte("one\n"), 0o600)
	_, err := Rewrite(path, func(dst io.Writer, src io.Reader) error {
		// Claude Code appends a line while the rewrite runs.
		f, _ := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
		_, _ = f.WriteString("two\n")
		_ = f.Close()
		_, err := io.Copy(dst, src)
		return err
	}, RewriteOptions{NoBackup: true})
	if !errors.Is(err, ErrChanged) {
		t.Fatalf("err = %v, want ErrChanged", err)
	}
	if got, _ := os.ReadFile(path); string(got) != "one\ntwo\n" {
		t.Errorf("file = %q, the appended line must survive", got)
	}
	entries, _ := os.ReadDir(filepath.Dir(path))
	if len(entries) != 1 {
		t.Errorf("%d files left, want only the session", len(entries))
	}
}

func TestInUseQuietPeriod(t *testing.T) {
	path := filepath.Join(t.TempDir(), "s.jsonl")
	_ = os.WriteFile(path, []byte("{}\n"), 0o600)
	mod := time.Date(2026, 12, 5, 10, 0, 0, 0, time.UTC)
	_ = os.Chtimes(path, mod, mod)
	for _, tc := range []struct {
		after time.Duration
		busy  bool
	}{{time.Second, true}, {4 * time.Second, true}, {5 * time.Second, false}, {time.Hour, false}} {
		b, err := InUse(path, InUseOptions{Now: func() time.Time { return mod.Add(tc.after) }, Proc: t.TempDir()})
		if err != nil || (b != nil) != tc.busy {
			t.Errorf("%v after the last write: busy %v (%v), want %v", tc.after, b, err, tc.busy)
		}
	}
}

func TestRewriteBackupNamesDoNotCollide(t *testing.T) {
	path := filepath.Join(t.TempDir(), "s.jsonl")
	_ = os.WriteFile(path, []byte("v1\n"), 0o600)
	at := func() time.Time { return time.Date(2026, 12, 5, 10, 0, 0, 0, time.UTC) }
	var backups []string
	for i := range 2 {
		res, err := Rewrite(path, func(dst io.Writer, src io.Reader) error {
			_, err := fmt.Fprintf(dst, "v%d\n", i+2)
			return err
		}, RewriteOptions{Now: at})
		if err != nil {
			t.Fatal(err)
		}
		backups = append(backups, res.Backup)
	}
	if backups[0] == backups[1] || !strings.HasSuffix(backups[1], ".bak.1") {
		t.Errorf("backups %v", backups)
	}
	if b, _ := os.ReadFile(backups[1]); string(b) != "v2\n" {
		t.Errorf("second backup holds %q, want the file as the first rewrite left it", b)
	}
}
