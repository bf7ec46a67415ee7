package repair

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// poisoned is a session with one lost tool result.
func poisoned() string {
	tr := newTranscript()
	tr.user(`"sleep"`)
	tr.assistant("claude-opus-5-5", toolUse("toolu_01A"))
	return tr.String()
}

// writeSession writes a transcript last modified at mod.
func writeSession(t *testing.T, content string, mod time.Time) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), fixtureSession+".jsonl")
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(path, mod, mod); err != nil {
		t.Fatal(err)
	}
	return path
}

var (
	modTime = time.Date(2026, 12, 5, 12, 0, 0, 0, time.UTC)
	later   = func() time.Time { return modTime.Add(time.Hour) }
)

func TestFileWritesBackupAndReplaces(t *testing.T) {
	in := poisoned()
	path := writeSession(t, in, modTime)
	out, err := File(path, FileOptions{Now: later, Proc: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	if !out.Written || len(out.Findings) != 1 {
		t.Fatalf("written %v, findings %d", out.Written, len(out.Findings))
	}
	backup, err := os.ReadFile(out.Backup)
	if err != nil || string(backup) != in {
		t.Fatalf("backup %s: %v, same as original: %v", out.Backup, err, string(backup) == in)
	}
	if filepath.Dir(out.Backup) != filepath.Dir(path) || strings.HasSuffix(out.Backup, ".jsonl") {
		t.Errorf("backup %s should sit beside the session and not end in .jsonl", out.Backup)
	}
	got, _ := os.ReadFile(path)
	checkEdits(t, in, string(got), out.Report)
	info, _ := os.Stat(path)
	if info.Mode().Perm() != 0o600 {
		t.Errorf("mode %v, want 0600 kept", info.Mode().Perm())
	}
	entries, _ := os.ReadDir(filepath.Dir(path))
	if len(entries) != 2 {
		t.Errorf("folder holds %d files, want the session and its backup", len(entries))
	}
	again, err := File(path, FileOptions{Now: later, Proc: t.TempDir()})
	if err != nil || len(again.Findings) != 0 || again.Written {
		t.Errorf("second run: %v, %d findings, written %v", err, len(again.Findings), again.Written)
	}
}

// TestFileCrashBeforeRename simulates a crash after the new content was
// written and flushed but before the rename: the session is untouched and
// no temporary file is left.
func TestFileCrashBeforeRename(t *testing.T) {
	in := poisoned()
	path := writeSession(t, in, modTime)
	crash := errors.New("simulated crash")
	var tmpSeen string
	_, err := File(path, FileOptions{Now: later, Proc: t.TempDir(), Rename: func(oldpath, newpath string) error {
		tmpSeen = oldpath
		data, _ := os.ReadFile(oldpath)
		if !strings.Contains(string(data), lostResultText) {
			t.Error("the temporary file does not hold the mended session")
		}
		return crash
	}})
	if !errors.Is(err, crash) {
		t.Fatalf("err = %v, want the crash", err)
	}
	got, _ := os.ReadFile(path)
	if string(got) != in {
		t.Error("the session changed although the rename never happened")
	}
	if filepath.Dir(tmpSeen) != filepath.Dir(path) {
		t.Errorf("temporary file %s is not in the session's folder", tmpSeen)
	}
	if _, err := os.Stat(tmpSeen); !os.IsNotExist(err) {
		t.Errorf("temporary file left behind: %v", err)
	}
}

func TestFileRefusesBusySession(t *testing.T) {
	in := poisoned()
	path := writeSession(t, in, modTime)
	justAfter := func() time.Time { return modTime.Add(2 * time.Second) }
	_, err := File(path, FileOptions{Now: justAfter, Proc: t.TempDir()})
	var busy *BusyError
	if !errors.As(err, &busy) || busy.Busy.Age != 2*time.Second {
		t.Fatalf("err = %v, want a BusyError for a write 2s ago", err)
	}
	if got, _ := os.ReadFile(path); string(got) != in {
		t.Error("a busy session was changed")
	}
	out, err := File(path, FileOptions{Now: justAfter, Proc: t.TempDir(), Force: true})
	if err != nil || !out.Written {
		t.Fatalf("--force: %v, written %v", err, out != nil && out.Written)
	}
}

func TestFileRefusesSessionHeldOpen(t *testing.T) {
	path := writeSession(t, poisoned(), modTime)
	// A fake /proc where process 4242, named claude, holds the file open.
	proc := t.TempDir()
	fd := filepath.Join(proc, "4242", "fd")
	if err := os.MkdirAll(fd, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(path, filepath.Join(fd, "23")); err != nil {
		t.Fatal(err)
	}
	_ = os.WriteFile(filepath.Join(proc, "4242", "comm"), []byte("claude\n"), 0o644)
	_, err := File(path, FileOptions{Now: later, Proc: proc})
	var busy *BusyError
	if !errors.As(err, &busy) || busy.Busy.PID != 4242 || busy.Busy.Command != "claude" {
		t.Fatalf("err = %v, want process 4242 (claude)", err)
	}
}

func TestFileRefusesClaudeNamingTheSession(t *testing.T) {
	path := writeSession(t, poisoned(), modTime)
	proc := t.TempDir()
	dir := filepath.Join(proc, "77")
	_ = os.MkdirAll(filepath.Join(dir, "fd"), 0o755)
	_ = os.WriteFile(filepath.Join(dir, "comm"), []byte("claude\n"), 0o644)
	_ = os.WriteFile(filepath.Join(dir, "cmdline"), []byte("claude\x00--resume\x00"+fixtureSession+"\x00"), 0o644)
	_, err := File(path, FileOptions{Now: later, Proc: proc})
	var busy *BusyError
	if !errors.As(err, &busy) || busy.Busy.PID != 77 {
		t.Fatalf("err = %v, want process 77", err)
	}
}

func TestFileDryRunWritesNothing(t *testing.T) {
	in := poisoned()
	path := writeSession(t, in, modTime)
	out, err := File(path, FileOptions{DryRun: true, Now: later})
	if err != nil || out.Written || len(out.Findings) != 1 {
		t.Fatalf("dry run: %v, written %v, %d findings", err, out.Written, len(out.Findings))
	}
	entries, _ := os.ReadDir(filepath.Dir(path))
	if got, _ := os.ReadFile(path); string(got) != in || len(entries) != 1 {
		t.Error("dry run touched the folder")
	}
}

func TestApplyRefusesAnotherFile(t *testing.T) {
	rep, err := Check(strings.NewReader(poisoned()), Options{})
	if err != nil {
		t.Fatal(err)
	}
	other := strings.Replace(poisoned(), "00000000-0000-4000-8000-000000000002", "00000000-0000-4000-8000-00000000000f", -1)
	var sb strings.Builder
	if err := Apply(&sb, strings.NewReader(other), rep); !errors.Is(err, ErrMismatch) {
		t.Fatalf("err = %v, want ErrMismatch", err)
	}
}
