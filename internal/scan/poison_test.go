package scan

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"fmt"
	"image"
	"image/png"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/ccerr/ccerr/catalog"
	"github.com/ccerr/ccerr/internal/golden"
	"github.com/ccerr/ccerr/internal/repair"
	"github.com/ccerr/ccerr/internal/ui"
)

// repairCheck is the detector the CLI passes: repair's, counted by id.
func repairCheck(r io.Reader) (Poison, error) {
	rep, err := repair.Check(r, repair.Options{})
	if err != nil {
		return Poison{}, err
	}
	p := Poison{Session: rep.Session, Findings: map[catalog.ID]int{}}
	for _, f := range rep.Findings {
		if f.ID != "" {
			p.Findings[f.ID]++
		}
	}
	return p, nil
}

// chat builds a transcript the way Claude Code 2.1.332 writes one: compact
// JSON, each chained line naming the one before it.
type chat struct {
	session string
	lines   []string
	last    string
	n       int
}

func newChat(session string) *chat { return &chat{session: session} }

func (c *chat) add(typ, message string) {
	c.n++
	uuid := fmt.Sprintf("10000000-0000-4000-8000-%012d", c.n)
	parent := "null"
	if c.last != "" {
		parent = `"` + c.last + `"`
	}
	c.lines = append(c.lines, fmt.Sprintf(`{"parentUuid":%s,"isSidechain":false,"type":%q,"message":%s,"uuid":%q,"timestamp":"2026-12-01T10:00:%02d.000Z","cwd":"/home/me/app","sessionId":%q,"version":"2.1.332"}`,
		parent, typ, message, uuid, c.n, c.session))
	c.last = uuid
}

func (c *chat) user(content string) *chat {
	c.add("user", `{"role":"user","content":`+content+`}`)
	return c
}

func (c *chat) assistant(blocks ...string) *chat {
	c.add("assistant", `{"id":"msg_1","type":"message","role":"assistant","model":"claude-opus-4-7","content":[`+strings.Join(blocks, ",")+`],"stop_reason":"end_turn"}`)
	return c
}

// raw adds a line as it is (an error event, a line that is not chained).
func (c *chat) raw(line string) *chat {
	c.lines = append(c.lines, line)
	return c
}

func (c *chat) String() string { return strings.Join(c.lines, "\n") + "\n" }

func toolUse(id string) string {
	return `{"type":"tool_use","id":"` + id + `","name":"Bash","input":{"command":"ls"}}`
}

func toolResult(id string) string {
	return `[{"type":"tool_result","tool_use_id":"` + id + `","content":"ok"}]`
}

// widePNG is the base64 of a PNG w pixels wide and one high.
func widePNG(t testing.TB, w int) string {
	var b bytes.Buffer
	if err := png.Encode(&b, image.NewGray(image.Rect(0, 0, w, 1))); err != nil {
		t.Fatal(err)
	}
	return base64.StdEncoding.EncodeToString(b.Bytes())
}

func imageBlock(data string) string {
	return `{"type":"image","source":{"type":"base64","media_type":"image/png","data":"` + data + `"}}`
}

const (
	sessP = "dddddddd-4444-4444-8444-444444444444" // poisoned
	sessQ = "eeeeeeee-5555-4555-8555-555555555555" // clean
)

// poisonFixture is a folder of sessions for the poison checks: in a project
// folder, one poisoned session (a tool call without its result, an image
// over 8000 px, and one retry event) and one clean one; the poisoned one
// again gzipped (not checked) and outside a project folder under a name
// that is not an id (named by path in the command).
func poisonFixture(t *testing.T) map[string]string {
	poisoned := newChat(sessP).
		user(`"run ls and look at the chart"`).
		assistant(toolUse("toolu_01Lost")).
		user(`[{"type":"text","text":"never mind"}]`).
		assistant(`{"type":"text","text":"Here is the chart."}`).
		user(`[` + imageBlock(widePNG(t, 9000)) + `]`).
		raw(retryLine(sessP, "/home/me/app", "2026-12-01T10:01:00.000Z", "529 Overloaded", "529 Overloaded", 529, 1, 500)).
		String()
	clean := newChat(sessQ).
		user(`"run ls"`).
		assistant(toolUse("toolu_01Kept")).
		user(toolResult("toolu_01Kept")).
		assistant(`{"type":"text","text":"Done."}`).
		user(`[` + imageBlock(widePNG(t, 800)) + `]`).
		String()
	return map[string]string{
		"projects/-home-me-app/" + sessP + ".jsonl":    poisoned,
		"projects/-home-me-app/" + sessQ + ".jsonl":    clean,
		"archive/" + sessP + ".jsonl.gz":               gz(t, poisoned),
		"elsewhere/it's mine.jsonl":                    poisoned,
		"projects/-home-me-app/notes/" + "plain.log":   "2026-12-01T10:00:00Z nothing here\n",
		"projects/-home-me-app/" + sessP + "-copy.txt": poisoned, // a transcript by content, not by name: not checked
	}
}

func writeFiles(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, body := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Chdir(dir)
	return dir
}

// TestPoisonedGolden scans the poison fixture with repair's detector and
// compares the report with testdata/golden/report_poisoned.json: the
// poisoned session is listed by id (its project folder is under the
// session folders) and by path, the clean one, the gzip copy and the
// transcript not named .jsonl are not.
func TestPoisonedGolden(t *testing.T) {
	goldenDir, err := filepath.Abs(filepath.Join("testdata", "golden"))
	if err != nil {
		t.Fatal(err)
	}
	writeFiles(t, poisonFixture(t))
	cat, err := catalog.Default()
	if err != nil {
		t.Fatal(err)
	}
	r, err := Run(context.Background(), Options{
		Paths:        []string{"projects", "archive", "elsewhere"},
		Matcher:      testMatcher(t),
		Catalog:      cat,
		Lang:         "en",
		CheckSession: repairCheck,
		SessionDirs:  []string{"projects"},
	})
	if err != nil {
		t.Fatal(err)
	}
	var got bytes.Buffer
	if err := ui.WriteJSON(&got, r); err != nil {
		t.Fatal(err)
	}
	golden.Check(t, filepath.Join(goldenDir, "report_poisoned.json"), got.Bytes(), *update)
	if len(r.Poisoned) != 2 {
		t.Fatalf("poisoned %+v, want the session twice (by id and by path)", r.Poisoned)
	}
	byID := r.Poisoned[1]
	want := PoisonedRow{Session: sessP, Path: filepath.Join("projects", "-home-me-app", sessP+".jsonl"), Project: "-home-me-app",
		Findings: map[catalog.ID]int{catalog.ToolUseMismatch: 1, catalog.ImageTooLarge: 1}, Count: 2, Command: "ccerr repair " + sessP}
	if fmt.Sprint(byID) != fmt.Sprint(want) {
		t.Errorf("row\n%+v, want\n%+v", byID, want)
	}
	if got, want := r.Poisoned[0].Command, `ccerr repair 'elsewhere/it'\''s mine.jsonl'`; got != want {
		t.Errorf("command by path %s, want %s", got, want)
	}
	// The check does not take events away: the retry in each copy counts.
	if r.Events != 4 {
		t.Errorf("events %d, want 4", r.Events)
	}
}

// TestPoisonedNoneIsEmptyArray checks the JSON contract: "poisoned" is []
// when nothing is found, with and without a check.
func TestPoisonedNoneIsEmptyArray(t *testing.T) {
	dir := writeFiles(t, map[string]string{"p/" + sessQ + ".jsonl": newChat(sessQ).user(`"hi"`).String()})
	for _, check := range []SessionCheck{nil, repairCheck} {
		r, err := Run(context.Background(), Options{Paths: []string{dir}, Matcher: testMatcher(t), CheckSession: check})
		if err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		if err := ui.WriteJSON(&b, r); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(b.String(), `"poisoned": [],`) {
			t.Errorf("check %v: JSON has no empty poisoned array:\n%s", check != nil, b.String())
		}
	}
}

// TestSessionCheckSeesEveryByte feeds the check the whole file, however the
// scan reads it: lines over MaxLine (which the scan skips unread), a last
// line without a newline, and a file bigger than the scan's buffer. The
// check is called once per file.
func TestSessionCheckSeesEveryByte(t *testing.T) {
	var body strings.Builder
	for i := range 3000 {
		fmt.Fprintf(&body, `{"type":"user","n":%d,"pad":"%s"}`+"\n", i, strings.Repeat("y", i%700))
		if i%1000 == 0 {
			body.WriteString(`{"type":"user","long":"` + strings.Repeat("z", 10000) + `"}` + "\n")
		}
	}
	body.WriteString(`{"type":"user","cut":`)
	files := map[string]string{
		"p/" + sessP + ".jsonl": body.String(),
		"p/" + sessQ + ".jsonl": "",
		"p/small.jsonl":         `{"type":"user"}` + "\n",
	}
	dir := writeFiles(t, files)
	var mu sync.Mutex
	seen := map[[32]byte]int{}
	check := func(r io.Reader) (Poison, error) {
		h := sha256.New()
		if _, err := io.Copy(h, r); err != nil {
			return Poison{}, err
		}
		mu.Lock()
		seen[[32]byte(h.Sum(nil))]++
		mu.Unlock()
		return Poison{Findings: map[catalog.ID]int{catalog.ToolUseMismatch: 1}}, nil
	}
	r, err := Run(context.Background(), Options{Paths: []string{dir}, Matcher: testMatcher(t), CheckSession: check, MaxLine: 4096, Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	for name, content := range files {
		if n := seen[sha256.Sum256([]byte(content))]; n != 1 {
			t.Errorf("%s: the check saw its exact bytes %d times, want 1", name, n)
		}
	}
	if len(r.Poisoned) != 3 {
		t.Errorf("poisoned %d rows, want 3", len(r.Poisoned))
	}
}

// TestSessionCheckStoppingEarly: a check that returns before the end, or
// fails, gives no row and does not hold the scan up or change what it
// counts.
func TestSessionCheckStoppingEarly(t *testing.T) {
	body := newChat(sessP).user(`"hi"`).
		raw(finalLine(sessP, "/home/me/app", "2026-12-01T10:00:00.000Z", "Prompt is too long", `,"apiErrorStatus":400`)).String()
	body += strings.Repeat(`{"type":"user","pad":"`+strings.Repeat("x", 1000)+`"}`+"\n", 2000)
	dir := writeFiles(t, map[string]string{"p/" + sessP + ".jsonl": body})
	found := Poison{Findings: map[catalog.ID]int{catalog.ToolUseMismatch: 1}}
	for name, check := range map[string]SessionCheck{
		"returns at once": func(io.Reader) (Poison, error) { return found, nil },
		"reads a little": func(r io.Reader) (Poison, error) {
			_, err := r.Read(make([]byte, 10))
			return found, err
		},
		"fails": func(r io.Reader) (Poison, error) {
			_, _ = io.Copy(io.Discard, r)
			return found, errors.New("broken")
		},
	} {
		t.Run(name, func(t *testing.T) {
			r, err := Run(context.Background(), Options{Paths: []string{dir}, Matcher: testMatcher(t), CheckSession: check})
			if err != nil {
				t.Fatal(err)
			}
			if len(r.Poisoned) != 0 || r.Events != 1 || r.Lines != 2002 {
				t.Errorf("poisoned %v, events %d, lines %d; want none, 1, 2002", r.Poisoned, r.Events, r.Lines)
			}
		})
	}
}

// TestSessionCheckIDs: with --id, a session is listed with only the
// findings of those ids, and not at all when none is left.
func TestSessionCheckIDs(t *testing.T) {
	writeFiles(t, poisonFixture(t))
	for _, tc := range []struct {
		ids  []catalog.ID
		want string
	}{
		{nil, "map[image-too-large:1 tool-use-mismatch:1]"},
		{[]catalog.ID{catalog.ImageTooLarge, catalog.Overloaded}, "map[image-too-large:1]"},
		{[]catalog.ID{catalog.Overloaded}, ""},
	} {
		r, err := Run(context.Background(), Options{Paths: []string{"projects"}, Matcher: testMatcher(t), CheckSession: repairCheck, IDs: tc.ids})
		if err != nil {
			t.Fatal(err)
		}
		got := ""
		for _, p := range r.Poisoned {
			got += fmt.Sprint(p.Findings)
		}
		if got != tc.want {
			t.Errorf("ids %v: findings %s, want %s", tc.ids, got, tc.want)
		}
	}
}

// TestSessionCheckCancelled: cancelling a scan while checks are running
// ends it with the cause and leaves no check waiting.
func TestSessionCheckCancelled(t *testing.T) {
	dir := writeFiles(t, map[string]string{"p/" + sessP + ".jsonl": strings.Repeat(`{"type":"user"}`+"\n", 100000)})
	ctx, cancel := context.WithCancelCause(context.Background())
	stop := errors.New("stop")
	started := make(chan struct{})
	var once sync.Once
	returned := make(chan struct{})
	check := func(r io.Reader) (Poison, error) {
		defer close(returned)
		buf := make([]byte, 100)
		_, err := r.Read(buf)
		once.Do(func() { cancel(stop); close(started) })
		for err == nil {
			_, err = r.Read(buf)
		}
		return Poison{}, err
	}
	_, err := Run(ctx, Options{Paths: []string{dir}, Matcher: testMatcher(t), CheckSession: check})
	<-started
	if !errors.Is(err, stop) {
		t.Errorf("err %v, want the cause", err)
	}
	<-returned // the check's reader ended
}

// TestRepairCommand names a session by id only where `ccerr repair ID`
// finds that file, and quotes paths for a shell.
func TestRepairCommand(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	proj := filepath.Join(dir, "projects")
	for _, tc := range []struct {
		path, id string
		dirs     []string
		want     string
	}{
		{filepath.Join(proj, "-home-me-app", sessP+".jsonl"), sessP, []string{"elsewhere", proj}, "ccerr repair " + sessP},
		{filepath.Join("projects", "-home-me-app", sessP+".jsonl"), sessP, []string{proj}, "ccerr repair " + sessP},
		{filepath.Join(proj, "-home-me-app", sessP+".jsonl"), sessP, nil, "ccerr repair " + filepath.Join(proj, "-home-me-app", sessP+".jsonl")},
		{filepath.Join(proj, sessP+".jsonl"), sessP, []string{proj}, "ccerr repair " + filepath.Join(proj, sessP+".jsonl")}, // not in a project folder
		{filepath.Join(proj, "-x", "other.jsonl"), sessP, []string{proj}, "ccerr repair " + filepath.Join(proj, "-x", "other.jsonl")},
		{"my session.jsonl", "", nil, "ccerr repair 'my session.jsonl'"},
		{"-odd.jsonl", "", nil, "ccerr repair './-odd.jsonl'"},
		{"a'b$(x).jsonl", "", nil, `ccerr repair 'a'\''b$(x).jsonl'`},
	} {
		if got := repairCommand(tc.path, tc.id, tc.dirs); got != tc.want {
			t.Errorf("repairCommand(%q, %q, %q) = %s, want %s", tc.path, tc.id, tc.dirs, got, tc.want)
		}
	}
}
