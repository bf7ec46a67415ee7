package metrics

import (
	"runtime"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/ccerr/ccerr/internal/metrics/metricstest"
)

func TestProcessFromProcFiles(t *testing.T) {
	proc := fstest.MapFS{
		// A command name with a space and a parenthesis, as a process may
		// name itself.
		"stat":  {Data: []byte("4242 (cc err) x) S 1 4242 4242 0 -1 4194560 900 0 0 0 250 130 0 0 20 0 7 0 1000 1234567 890\n")},
		"statm": {Data: []byte("30000 2500 1000 100 0 5000 0\n")},
		"fd/0":  {}, "fd/1": {}, "fd/2": {},
	}
	page := string(appendProcess(nil, proc, 4096))
	for _, want := range []string{
		"process_cpu_seconds_total 3.8\n",
		"process_open_fds 3\n",
		"process_resident_memory_bytes 10240000\n",
		"process_virtual_memory_bytes 122880000\n",
		"# TYPE process_cpu_seconds_total counter\n",
		"# TYPE process_resident_memory_bytes gauge\n",
		"go_goroutines ",
		"go_gomaxprocs ",
		`go_info{version="` + runtime.Version() + `"} 1` + "\n",
		"go_memstats_alloc_bytes ",
	} {
		if !strings.Contains(page, want) {
			t.Errorf("lacks %q:\n%s", want, page)
		}
	}
	if err := metricstest.Check(page); err != nil {
		t.Errorf("%v\n%s", err, page)
	}
}

// Without /proc (another system) or with files that do not parse, the
// process series are left out and the runtime ones still written.
func TestProcessWithoutProc(t *testing.T) {
	for name, proc := range map[string]fstest.MapFS{
		"none":    {},
		"garbage": {"stat": {Data: []byte("no parenthesis")}, "statm": {Data: []byte("x y")}},
		"short":   {"stat": {Data: []byte("1 (a) S 1 2")}, "statm": {Data: []byte("12")}},
	} {
		page := string(appendProcess(nil, proc, 4096))
		if strings.Contains(page, "process_cpu") || strings.Contains(page, "process_resident") || strings.Contains(page, "process_virtual") {
			t.Errorf("%s: process series from unusable files:\n%s", name, page)
		}
		if !strings.Contains(page, "go_goroutines ") {
			t.Errorf("%s: no runtime series:\n%s", name, page)
		}
		if err := metricstest.Check(page); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
}

// The real thing, on this machine.
func TestWriteProcess(t *testing.T) {
	var b strings.Builder
	if err := WriteProcess(&b); err != nil {
		t.Fatal(err)
	}
	page := b.String()
	if err := metricstest.Check(page); err != nil {
		t.Errorf("%v\n%s", err, page)
	}
	if runtime.GOOS == "linux" && !strings.Contains(page, "process_resident_memory_bytes ") {
		t.Errorf("no resident memory on Linux:\n%s", page)
	}
}
