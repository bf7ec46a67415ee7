package hook

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os/exec"
	"strings"
	"sync"
	"time"

	"github.com/ccerr/ccerr/catalog"
	"github.com/ccerr/ccerr/internal/collect"
	"github.com/ccerr/ccerr/internal/hooklog"
	"github.com/ccerr/ccerr/internal/store"
)

// Environment variables the hook reads.
const (
	// EnvCollectURL is the base URL of a collector to forward records to,
	// e.g. http://127.0.0.1:4318.
	EnvCollectURL = "CCERR_COLLECT_URL"
	// EnvCollectToken is the collector's token, sent as a Bearer token.
	EnvCollectToken = "CCERR_COLLECT_TOKEN"
	// EnvNotify, set to 1, raises a desktop notification (as --notify).
	EnvNotify = "CCERR_HOOK_NOTIFY"
	// EnvDB names the local store (as --db); empty means the default file.
	EnvDB = "CCERR_DB"
)

// Time limits of one hook run.
const (
	DefaultReadTimeout    = 500 * time.Millisecond // reading stdin
	DefaultForwardTimeout = 300 * time.Millisecond // the POST to the collector
	DefaultStoreTimeout   = 2 * time.Second        // opening the store and committing
	maxRecord             = 1 << 20                // bytes of stdin read
	LogName               = hooklog.Name           // the log file, in the data directory
)

// Options configure [StopFailure]. The zero value of each field but Stdin
// and Getenv works.
type Options struct {
	// Stdin is the hook's standard input.
	Stdin io.Reader
	// ReadTimeout bounds the wait for stdin to end; 0 means
	// DefaultReadTimeout.
	ReadTimeout time.Duration
	// Getenv reads the environment.
	Getenv func(string) string
	// DB names the store; empty means Getenv(EnvDB), else the default file.
	DB string
	// Notify raises a desktop notification (notify-send, when present).
	Notify bool
	// Lang is the language of the notification; empty means English.
	Lang string
	// Client sends the record to the collector; nil means a client with
	// DefaultForwardTimeout.
	Client *http.Client
	// Now is the clock; nil means time.Now.
	Now func() time.Time
	// LookPath finds notify-send; nil means exec.LookPath.
	LookPath func(string) (string, error)
	// Start starts the notification command without waiting for it; nil
	// means exec.Cmd.Start.
	Start func(*exec.Cmd) error
}

// Outcome is what one run did. Err joins everything that went wrong; it is
// logged, never returned to Claude Code.
type Outcome struct {
	Record    collect.HookRecord
	ID        catalog.ID
	Stored    bool
	Forwarded bool
	Notified  bool
	Err       error
}

// StopFailure runs the hook once. It does not return an error: a failure is
// in Outcome.Err and in the log file (see [hooklog.Path]).
func StopFailure(ctx context.Context, o Options) (out Outcome) {
	defer func() {
		if r := recover(); r != nil {
			out.Err = errors.Join(out.Err, fmt.Errorf("hook: panic: %v", r))
		}
		if out.Err != nil {
			hooklog.Append(o.Getenv, o.now(), out.Err)
		}
	}()
	readTimeout := o.ReadTimeout
	if readTimeout <= 0 {
		readTimeout = DefaultReadTimeout
	}
	raw, err := readBounded(o.Stdin, readTimeout)
	if err != nil {
		out.Err = err
		return out
	}
	rec, err := collect.ParseHookRecord(raw)
	if err != nil {
		out.Err = err
		return out
	}
	rec.At = o.now()
	out.Record = rec
	ev := rec.Event()
	out.ID = ev.ID

	var wg sync.WaitGroup
	var fwdErr error
	if base := strings.TrimSpace(o.Getenv(EnvCollectURL)); base != "" {
		wg.Add(1)
		go func() {
			defer wg.Done()
			fwdErr = forward(ctx, o, base, rec)
			out.Forwarded = fwdErr == nil
		}()
	}
	storeErr := storeLocal(ctx, o, ev)
	out.Stored = storeErr == nil
	if o.Notify || o.Getenv(EnvNotify) == "1" {
		if err := notify(o, ev.ID); err != nil {
			out.Err = errors.Join(out.Err, err)
		} else {
			out.Notified = true
		}
	}
	wg.Wait()
	out.Err = errors.Join(out.Err, storeErr, fwdErr)
	return out
}

func (o Options) now() time.Time {
	if o.Now != nil {
		return o.Now()
	}
	return time.Now()
}

// readBounded reads at most maxRecord bytes, giving up after timeout (a
// writer that never closes must not hold the hook).
func readBounded(r io.Reader, timeout time.Duration) ([]byte, error) {
	if r == nil {
		return nil, errors.New("hook: no standard input")
	}
	type result struct {
		b   []byte
		err error
	}
	ch := make(chan result, 1)
	go func() {
		b, err := io.ReadAll(io.LimitReader(r, maxRecord+1))
		ch <- result{b, err}
	}()
	t := time.NewTimer(timeout)
	defer t.Stop()
	select {
	case res := <-ch:
		if res.err != nil {
			return nil, fmt.Errorf("hook: reading stdin: %w", res.err)
		}
		if len(res.b) > maxRecord {
			return nil, fmt.Errorf("hook: stdin holds more than %d bytes", maxRecord)
		}
		return res.b, nil
	case <-t.C:
		return nil, fmt.Errorf("hook: stdin did not end within %s", timeout)
	}
}

func storeLocal(ctx context.Context, o Options, ev store.Event) error {
	ctx, cancel := context.WithTimeout(ctx, DefaultStoreTimeout)
	defer cancel()
	dsn := o.DB
	if dsn == "" {
		dsn = o.Getenv(EnvDB)
	}
	if dsn == "" {
		p, err := store.DefaultPath(o.Getenv)
		if err != nil {
			return err
		}
		dsn = p
	}
	st, err := store.Open(ctx, dsn)
	if err != nil {
		return err
	}
	// Not closed: closing checkpoints the WAL, which costs the hook more
	// than the write itself. The commit is durable in the WAL, and the
	// next process to open the file checkpoints it; the hook exits next.
	_, err = st.Apply(ctx, store.Batch{Events: []store.Event{ev}})
	return err
}

// forward posts the record to the collector's /v1/hook.
func forward(ctx context.Context, o Options, base string, rec collect.HookRecord) error {
	ctx, cancel := context.WithTimeout(ctx, DefaultForwardTimeout)
	defer cancel()
	body, err := json.Marshal(rec)
	if err != nil {
		return err
	}
	url := strings.TrimRight(base, "/") + "/v1/hook"
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		return fmt.Errorf("hook: %s=%q: %w", EnvCollectURL, base, err)
	}
	req.Header.Set("Content-Type", "application/json")
	if tok := o.Getenv(EnvCollectToken); tok != "" {
		req.Header.Set("Authorization", "Bearer "+tok)
	}
	c := o.Client
	if c == nil {
		c = &http.Client{Timeout: DefaultForwardTimeout}
	}
	resp, err := c.Do(req)
	if err != nil {
		return fmt.Errorf("hook: forwarding: %w", err)
	}
	io.Copy(io.Discard, io.LimitReader(resp.Body, 4096))
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("hook: forwarding: the collector answered %s", resp.Status)
	}
	return nil
}

// notify raises a desktop notification with the entry's title and first
// fix, without waiting for it.
func notify(o Options, id catalog.ID) error {
	look := o.LookPath
	if look == nil {
		look = exec.LookPath
	}
	bin, err := look("notify-send")
	if err != nil {
		return fmt.Errorf("hook: notification: notify-send not found")
	}
	title, body := notification(id, o.Lang)
	cmd := exec.Command(bin, "--app-name=ccerr", title, body)
	start := o.Start
	if start == nil {
		start = func(c *exec.Cmd) error {
			if err := c.Start(); err != nil {
				return err
			}
			return c.Process.Release()
		}
	}
	if err := start(cmd); err != nil {
		return fmt.Errorf("hook: notification: %w", err)
	}
	return nil
}

// notification returns the title and text for an entry.
func notification(id catalog.ID, lang string) (string, string) {
	c, err := catalog.Default()
	if err != nil {
		return "Claude Code", string(id)
	}
	e, ok := c.Lookup(id)
	if !ok {
		if lang == catalog.Chinese {
			return "Claude Code：本轮因 API 错误结束", "运行 ccerr explain 查看最后的消息。"
		}
		return "Claude Code: the turn ended on an API error", "Run ccerr explain on the last message to see what it was."
	}
	t := e.In(lang)
	body := t.Meaning
	if len(t.Fixes) > 0 {
		body = t.Fixes[0].Text
	}
	return "Claude Code: " + t.Title, body
}
