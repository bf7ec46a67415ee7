package scan

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"github.com/ccerr/ccerr/catalog"
)

// worker scans files one after another with one reusable buffer, adding
// events to its own tally.
type worker struct {
	ctx     context.Context
	opts    *Options
	matcher LineMatcher
	maxLine int
	buf     []byte
	hits    []int
	tally   *tally
	keepIDs map[catalog.ID]bool
}

func newWorker(ctx context.Context, opts *Options) *worker {
	w := &worker{
		ctx:     ctx,
		opts:    opts,
		matcher: opts.Matcher,
		maxLine: opts.maxLine(),
		tally:   newTally(),
	}
	w.tally.steps = newTimeline(opts.Timeline)
	w.buf = make([]byte, min(startSize, w.maxLine+readSize))
	if len(opts.IDs) > 0 {
		w.keepIDs = map[catalog.ID]bool{}
		for _, id := range opts.IDs {
			w.keepIDs[id] = true
		}
	}
	return w
}

// add counts an event if it passes the filters.
func (w *worker) add(e *event) {
	if w.keepIDs != nil && !w.keepIDs[e.id] {
		return
	}
	o := w.opts
	if !o.Since.IsZero() || !o.Until.IsZero() {
		if e.time.IsZero() || e.time.Before(o.Since) || (!o.Until.IsZero() && !e.time.Before(o.Until)) {
			return
		}
	}
	w.tally.add(e)
}

// fileResult is what one input contributed, apart from its events.
type fileResult struct {
	opened bool
	bytes  int64
	lines  int64
	skips  []Skip
	// poisoned is set when the session check found something.
	poisoned *PoisonedRow
}

// scanFile reads one input.
func (w *worker) scanFile(path string) fileResult {
	fs := &fileState{path: path, skips: skips{path: path}}
	base := baseName(path)
	fs.transcript = strings.HasSuffix(base, ".jsonl")
	if path != StdinPath {
		fs.project = filepath.Base(filepath.Dir(path))
		if fs.transcript {
			fs.session = trimSuffixFold(trimSuffixFold(filepath.Base(path), ".gz"), ".jsonl")
		}
		fs.check = w.opts.CheckSession != nil && checkable(path)
	}
	var res fileResult
	if path == StdinPath {
		if w.opts.Stdin != nil {
			w.scanStream(fs, ctxReader{w.ctx, w.opts.Stdin})
		}
		res.opened = true
	} else {
		f, err := os.Open(path)
		if err != nil {
			fs.skips.file(Unreadable, errors.New(pathErrText(err)))
		} else {
			res.opened = true
			w.scanStream(fs, ctxReader{w.ctx, f})
			f.Close()
		}
	}
	res.bytes, res.lines, res.skips, res.poisoned = fs.bytes, fs.lineNo, fs.skips.list, fs.poisoned
	if w.opts.OnFile != nil {
		w.opts.OnFile(path, fs.bytes)
	}
	return res
}

// trimSuffixFold removes suffix from s, ignoring ASCII case.
func trimSuffixFold(s, suffix string) string {
	if len(s) >= len(suffix) && strings.EqualFold(s[len(s)-len(suffix):], suffix) {
		return s[:len(s)-len(suffix)]
	}
	return s
}

// ctxReader stops a read when the scan is cancelled.
type ctxReader struct {
	ctx context.Context
	r   interface{ Read([]byte) (int, error) }
}

func (c ctxReader) Read(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.r.Read(p)
}

// Run scans the inputs and returns the report. Damage in the inputs is
// reported in [Report.Skipped], never as an error; Run fails only on bad
// options or when ctx ends.
func Run(ctx context.Context, opts Options) (*Report, error) {
	if opts.Matcher == nil {
		return nil, errors.New("scan: no matcher")
	}
	if opts.By != "" && !slices.Contains(Breakdowns, opts.By) {
		return nil, fmt.Errorf("scan: breakdown %q is not one of %s", opts.By, strings.Join(Breakdowns, ", "))
	}
	files, skipped := expand(opts.Paths)
	results := make([]fileResult, len(files))
	nw := max(1, min(opts.workers(), len(files)))
	tallies := make([]*tally, nw)
	jobs := make(chan int)
	var wg sync.WaitGroup
	for i := range nw {
		w := newWorker(ctx, &opts)
		tallies[i] = w.tally
		wg.Go(func() {
			for j := range jobs {
				results[j] = w.scanFile(files[j])
			}
		})
	}
feed:
	for j := range files {
		select {
		case jobs <- j:
		case <-ctx.Done():
			break feed
		}
	}
	close(jobs)
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, context.Cause(ctx)
	}

	total := tallies[0]
	for _, t := range tallies[1:] {
		total.merge(t)
	}
	r := &Report{}
	for _, res := range results {
		if res.opened {
			r.Files++
		}
		r.Bytes += res.bytes
		r.Lines += res.lines
		skipped = append(skipped, res.skips...)
		if res.poisoned != nil {
			r.Poisoned = append(r.Poisoned, *res.poisoned)
		}
	}
	if r.Poisoned == nil {
		r.Poisoned = []PoisonedRow{} // [] rather than null in JSON
	}
	sortPoisoned(r.Poisoned)
	sortSkips(skipped)
	r.Skipped = append([]Skip{}, skipped...) // [] rather than null in JSON when nothing was skipped
	r.build(total, &opts)
	return r, nil
}
