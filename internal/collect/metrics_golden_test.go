package collect

import (
	"flag"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ccerr/ccerr/catalog"
	"github.com/ccerr/ccerr/internal/golden"
	"github.com/ccerr/ccerr/internal/metrics/metricstest"
	"github.com/ccerr/ccerr/internal/store"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// The whole /metrics page of the collector: every family with its help and
// type, the commit times as a Prometheus histogram with le buckets, the
// model cap, and the runtime and process series (values masked). The page
// must also pass the strict format check unmasked.
func TestMetricsPageGolden(t *testing.T) {
	m := newMetrics(2)
	m.reject(rejectSize)
	m.reject(rejectSize)
	m.reject(rejectAuth)
	m.events(map[string]int{eventAPIError: 3, eventExhausted: 1, "hook": 1, "claude_code.user_prompt": 4})
	m.applied(store.Result{
		Counted: []store.Counted{
			{ID: catalog.Overloaded, Side: catalog.SideAnthropic, Model: "claude-opus-5-5"},
			{ID: catalog.Overloaded, Side: catalog.SideAnthropic, Model: "claude-opus-5-5"},
			{ID: catalog.RateLimited, Side: catalog.SideAccount, Model: "claude-haiku-9"},
			{ID: catalog.RateLimited, Side: catalog.SideAccount, Model: "claude-sonnet-9"}, // past the cap of 2
			{Model: `bad"model` + "\n"}, // unclassified, unknown side, not a plain name
		},
		Duplicates: 2,
		Merged:     1,
	}, 3*time.Millisecond)
	m.applied(store.Result{}, 10*time.Second) // on a bound: in that bucket
	m.applied(store.Result{}, 11*time.Second)

	var b strings.Builder
	m.write(&b)
	page := b.String()
	if err := metricstest.Check(page); err != nil {
		t.Errorf("malformed page: %v\n%s", err, page)
	}
	golden.Check(t, filepath.Join("testdata", "golden", "metrics.txt"), []byte(metricstest.MaskRuntime(page)), *update)
}

// The page the server serves, after real requests, is well-formed and
// says it is the text format.
func TestMetricsPageServed(t *testing.T) {
	h := newHarness(t, Config{})
	h.mustPost("/v1/logs", typeJSON, readTestdata(t, "overloaded-storm.v1_logs.json"), nil)
	req, _ := http.NewRequest(http.MethodGet, h.http.URL+"/metrics", nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/plain; version=0.0.4") {
		t.Errorf("Content-Type = %q", ct)
	}
	page := h.metricsText()
	if err := metricstest.Check(page); err != nil {
		t.Errorf("malformed page: %v\n%s", err, page)
	}
	for _, want := range []string{
		`ccerr_collect_commit_seconds_bucket{le="+Inf"} `,
		"# TYPE ccerr_collect_commit_seconds histogram\n",
		"process_resident_memory_bytes ",
	} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %q:\n%s", want, page)
		}
	}
	if strings.Contains(page, "vmrange") {
		t.Errorf("a VictoriaMetrics vmrange bucket:\n%s", page)
	}
}
