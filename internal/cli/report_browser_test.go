package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/ccerr/ccerr/internal/scan"
	"github.com/ccerr/ccerr/internal/status/statustest"
)

// makeReportPage runs `ccerr scan --json --html` on the report corpus with
// the recorded status page and returns the page's path and the JSON report.
func makeReportPage(t *testing.T, lang string) (string, scan.Report) {
	t.Helper()
	dir := t.TempDir()
	writeReportCorpus(t, filepath.Join(dir, "projects"))
	srv := statustest.New("../status/testdata")
	t.Cleanup(srv.Close)
	page := filepath.Join(dir, "report.html")
	res := run{args: []string{"--lang", lang, "scan", filepath.Join(dir, "projects"), "--json", "--html", page,
		"--status-url", srv.URL, "--now", reportNow},
		env: map[string]string{"XDG_CACHE_HOME": filepath.Join(dir, "cache")}}.exec(t)
	if res.code != 0 {
		t.Fatalf("scan --html: exit %d\n%s", res.code, res.stderr)
	}
	if !strings.Contains(res.stderr, "report.html") {
		t.Errorf("stderr does not name the page: %q", res.stderr)
	}
	var r scan.Report
	if err := json.Unmarshal([]byte(res.stdout), &r); err != nil {
		t.Fatalf("scan --json: %v", err)
	}
	return page, r
}

// chromium finds Debian's chromium, or skips saying how to get it.
func chromium(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	t.Skip("chromium is not installed (apt-get install -y chromium; .ci/run installs it): the page's browser test cannot run")
	return ""
}

// runChromium loads url in a fresh headless profile with extra flags and
// returns standard output; netlog receives Chromium's network log. The
// page's console goes to standard error: a request the Content Security
// Policy blocked fails the test there.
func runChromium(t *testing.T, bin, url, netlog string, extra ...string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	args := []string{"--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
		"--disable-component-update", "--disable-sync", "--no-first-run", "--disable-default-apps",
		"--user-data-dir=" + t.TempDir(), "--log-net-log=" + netlog, "--virtual-time-budget=5000",
		"--enable-logging=stderr", "--v=0"}
	args = append(args, extra...)
	args = append(args, url)
	cmd := exec.CommandContext(ctx, bin, args...)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("chromium %v: %v\n%s", extra, err, stderr.String())
	}
	for line := range strings.Lines(stderr.String()) {
		if strings.Contains(line, "CONSOLE") && (strings.Contains(line, "Content Security Policy") || strings.Contains(line, "Uncaught")) {
			t.Errorf("the page's console: %s", line)
		}
	}
	return string(out)
}

// pageRequestRE finds, in Chromium's network log, the requests a page on
// disk started (its network isolation key is file://); Chromium's own
// background requests carry another key.
var pageRequestRE = regexp.MustCompile(`"network_isolation_key":"file://[^"]*"[^{}]*?"url":"([^"]+)"`)

// requestedURLs lists the URLs the page asked for, by the network log.
func requestedURLs(t *testing.T, netlog string) []string {
	t.Helper()
	b, err := os.ReadFile(netlog)
	if err != nil {
		t.Fatalf("network log: %v", err)
	}
	var urls []string
	for _, m := range pageRequestRE.FindAllStringSubmatch(string(b), -1) {
		urls = append(urls, m[1])
	}
	return urls
}

var (
	bandRE   = regexp.MustCompile(`<rect class="band"`)
	seriesRE = regexp.MustCompile(`<g class="series" data-entry="([^"]+)"`)
	rowRE    = regexp.MustCompile(`(?s)<tr data-entry="([^"]+)"[^>]*>(.*?)</tr>`)
	cellRE   = regexp.MustCompile(`data-col="(\w+)"[^>]*>([^<]*)<`)
)

// tableOf reads the table's rows from a dumped DOM: id -> column -> text,
// leaving out rows the script hid.
func tableOf(dom string) map[string]map[string]string {
	out := map[string]map[string]string{}
	for _, m := range rowRE.FindAllStringSubmatch(dom, -1) {
		if strings.Contains(m[0][:strings.Index(m[0], ">")], "hidden") {
			continue
		}
		cols := map[string]string{}
		for _, c := range cellRE.FindAllStringSubmatch(m[2], -1) {
			cols[c[1]] = c[2]
		}
		out[m[1]] = cols
	}
	return out
}

// TestReportPageInChromium opens `ccerr scan --html`'s page from disk in a
// real headless Chromium: no network request, one band per incident in the
// scanned period, one series per error, the table equal to scan --json,
// filters from the URL applied by the script, and a screenshot to look at.
func TestReportPageInChromium(t *testing.T) {
	bin := chromium(t)
	page, r := makeReportPage(t, "en")
	url := "file://" + page
	netlog := filepath.Join(t.TempDir(), "net.json")
	dom := runChromium(t, bin, url, netlog, "--dump-dom")

	for _, u := range requestedURLs(t, netlog) {
		if !strings.HasPrefix(u, "file://") && !strings.HasPrefix(u, "data:") {
			t.Errorf("the page requested %s; it must load nothing from the network", u)
		}
	}
	// Two incidents overlap 06:00–12:00: the resolved Opus one and the open
	// one since 11:30; the sign-in incident of December 1 does not.
	if n := len(bandRE.FindAllString(dom, -1)); n != 2 {
		t.Errorf("%d incident bands, want 2", n)
	}
	var series []string
	for _, m := range seriesRE.FindAllStringSubmatch(dom, -1) {
		series = append(series, m[1])
	}
	if len(series) != len(r.Errors) {
		t.Errorf("series %q, want one per error of scan --json (%d)", series, len(r.Errors))
	}
	table := tableOf(dom)
	if len(table) != len(r.Errors) {
		t.Errorf("table has %d rows, scan --json %d errors", len(table), len(r.Errors))
	}
	for _, e := range r.Errors {
		row := table[string(e.ID)]
		want := map[string]string{"count": fmt.Sprint(e.Count), "final": fmt.Sprint(e.Final), "retried": fmt.Sprint(e.Retries),
			"people": fmt.Sprint(e.Sessions), "first": e.First.Format("2006-01-02 15:04"), "last": e.Last.Format("2006-01-02 15:04")}
		for col, w := range want {
			if row[col] != w {
				t.Errorf("%s %s: page %q, scan --json %q", e.ID, col, row[col], w)
			}
		}
	}
	if !strings.Contains(dom, "Elevated errors on Claude Opus") {
		t.Error("the incident is not listed")
	}

	// Filters carried in the URL: the script keeps one error and recounts.
	fdom := runChromium(t, bin, url+"#entry=overloaded", filepath.Join(t.TempDir(), "net.json"), "--dump-dom")
	ft := tableOf(fdom)
	if len(ft) != 1 || ft["overloaded"]["count"] != table["overloaded"]["count"] || ft["overloaded"]["people"] != "—" {
		t.Errorf("filtered to overloaded: table %v", ft)
	}
	if strings.Contains(fdom, `id="filtered-note" hidden`) {
		t.Error("the note on filtered columns stays hidden under a filter")
	}

	shots, err := os.MkdirTemp("", "ccerr-report-shot-")
	if err != nil {
		t.Fatal(err)
	}
	shot := filepath.Join(shots, "report.png")
	runChromium(t, bin, url, filepath.Join(t.TempDir(), "net.json"), "--screenshot="+shot, "--window-size=1280,2200", "--hide-scrollbars")
	if fi, err := os.Stat(shot); err != nil || fi.Size() < 10_000 {
		t.Fatalf("screenshot %s: %v", shot, err)
	}
	t.Logf("screenshot for review: %s", shot)
}

// TestReportPageAccessible checks the basics on the page as Chromium built
// it: every control has a label, every control can take the keyboard focus
// and shows where it is, the chart is named, the table has headers.
func TestReportPageAccessible(t *testing.T) {
	bin := chromium(t)
	page, _ := makeReportPage(t, "zh")
	dom := runChromium(t, bin, "file://"+page, filepath.Join(t.TempDir(), "net.json"), "--dump-dom")
	if !strings.Contains(dom, `<html lang="zh-CN">`) {
		t.Error("the page does not declare its language")
	}
	selects := regexp.MustCompile(`<select id="([^"]+)"`).FindAllStringSubmatch(dom, -1)
	if len(selects) < 2 {
		t.Fatalf("%d filters, want at least period and error", len(selects))
	}
	for _, s := range selects {
		if !strings.Contains(dom, `<label for="`+s[1]+`"`) {
			t.Errorf("select %s has no label", s[1])
		}
	}
	if regexp.MustCompile(`<input `).MatchString(dom) && !strings.Contains(dom, "<label") {
		t.Error("an input has no label")
	}
	if regexp.MustCompile(`tabindex="-`).MatchString(dom) || regexp.MustCompile(`<(select|button)[^>]* disabled`).MatchString(dom) {
		t.Error("a control is taken out of the keyboard order")
	}
	if !regexp.MustCompile(`<button type="submit">[^<]+</button>`).MatchString(dom) {
		t.Error("the apply button has no text")
	}
	if !strings.Contains(dom, `<summary>`) {
		t.Error("explanations are not a click (or Enter) away")
	}
	if !strings.Contains(dom, `:focus-visible{outline:3px solid`) {
		t.Error("focused controls are not outlined")
	}
	if !regexp.MustCompile(`<svg id="chart"[^>]* role="img" aria-labelledby="chart-title"`).MatchString(dom) {
		t.Error("the chart has no accessible name")
	}
	if !strings.Contains(dom, `<th scope="col"`) || !strings.Contains(dom, `<th scope="row"`) {
		t.Error("the table's headers are not marked")
	}
}
