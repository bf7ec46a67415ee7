package status

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/ccerr/ccerr/internal/atomicfile"
)

// Paths of the Statuspage API v2 the client reads.
const (
	SummaryPath    = "/api/v2/summary.json"
	IncidentsPath  = "/api/v2/incidents.json"
	UnresolvedPath = "/api/v2/incidents/unresolved.json"
)

// Defaults of a [Client].
const (
	// DefaultTimeout bounds one request, connection to last byte.
	DefaultTimeout = 8 * time.Second
	// DefaultTTL is how long an answer is reused from the cache.
	DefaultTTL = time.Minute
	// MaxBody is the largest answer read; the real summary is a few
	// kilobytes and the incident list a few hundred.
	MaxBody = 4 << 20
)

// Client reads a Statuspage. The zero value is not usable: set BaseURL.
type Client struct {
	// BaseURL is the page, e.g. [DefaultURL]; the API paths are added to it.
	BaseURL string
	// HTTP sends the requests; nil means a client with [DefaultTimeout].
	HTTP *http.Client
	// CacheDir keeps answers for TTL; empty means no cache.
	CacheDir string
	// TTL is how long a cached answer is used; zero means [DefaultTTL].
	TTL time.Duration
	// Now is the clock; nil means time.Now.
	Now func() time.Time
	// UserAgent is sent with each request; empty means "ccerr".
	UserAgent string
}

// Unreachable wraps any failure to get an answer from the page (DNS,
// connection, timeout, an HTTP status other than 200, a body that is not
// the JSON expected), so callers can say "could not reach" and go on.
type Unreachable struct {
	URL string
	Err error
}

// Error says which URL failed and why.
func (e *Unreachable) Error() string { return fmt.Sprintf("status page %s: %v", e.URL, e.Err) }

// Unwrap returns the cause.
func (e *Unreachable) Unwrap() error { return e.Err }

func (c *Client) now() time.Time {
	if c.Now != nil {
		return c.Now()
	}
	return time.Now()
}

func (c *Client) ttl() time.Duration {
	if c.TTL > 0 {
		return c.TTL
	}
	return DefaultTTL
}

// Summary fetches /api/v2/summary.json.
func (c *Client) Summary(ctx context.Context) (*Summary, error) {
	var s Summary
	if err := c.get(ctx, SummaryPath, &s); err != nil {
		return nil, err
	}
	return &s, nil
}

// Incidents fetches /api/v2/incidents.json, the last 50 incidents.
func (c *Client) Incidents(ctx context.Context) ([]Incident, error) {
	var l Incidents
	if err := c.get(ctx, IncidentsPath, &l); err != nil {
		return nil, err
	}
	return l.Incidents, nil
}

// Unresolved fetches /api/v2/incidents/unresolved.json.
func (c *Client) Unresolved(ctx context.Context) ([]Incident, error) {
	var l Incidents
	if err := c.get(ctx, UnresolvedPath, &l); err != nil {
		return nil, err
	}
	return l.Incidents, nil
}

// get decodes the answer for path into v, from the cache when fresh.
func (c *Client) get(ctx context.Context, path string, v any) error {
	url := strings.TrimRight(c.BaseURL, "/") + path
	cache := c.cachePath(url)
	if cache != "" {
		if fi, err := os.Stat(cache); err == nil && c.now().Sub(fi.ModTime()) < c.ttl() && c.now().Sub(fi.ModTime()) >= 0 {
			if b, err := os.ReadFile(cache); err == nil && json.Unmarshal(b, v) == nil {
				return nil
			}
		}
	}
	body, err := c.fetch(ctx, url)
	if err != nil {
		return &Unreachable{URL: url, Err: err}
	}
	if err := json.Unmarshal(body, v); err != nil {
		return &Unreachable{URL: url, Err: fmt.Errorf("not a Statuspage answer: %w", err)}
	}
	if cache != "" {
		_ = writeCache(cache, body, c.now()) // a cache that cannot be written only costs a request
	}
	return nil
}

func (c *Client) fetch(ctx context.Context, url string) ([]byte, error) {
	hc := c.HTTP
	if hc == nil {
		hc = &http.Client{Timeout: DefaultTimeout}
	}
	ctx, cancel := context.WithTimeout(ctx, DefaultTimeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, err
	}
	ua := c.UserAgent
	if ua == "" {
		ua = "ccerr"
	}
	req.Header.Set("User-Agent", ua)
	req.Header.Set("Accept", "application/json")
	resp, err := hc.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("HTTP %d", resp.StatusCode)
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, MaxBody+1))
	if err != nil {
		return nil, err
	}
	if len(body) > MaxBody {
		return nil, errors.New("answer larger than 4 MiB")
	}
	return body, nil
}

// cachePath names the cache file of url: a hash, so any base URL makes a
// safe file name.
func (c *Client) cachePath(url string) string {
	if c.CacheDir == "" {
		return ""
	}
	sum := sha256.Sum256([]byte(url))
	return filepath.Join(c.CacheDir, hex.EncodeToString(sum[:8])+".json")
}

// CacheDir returns the folder the CLI caches answers in:
// $XDG_CACHE_HOME/ccerr/status, else ~/.cache/ccerr/status (on macOS
// ~/Library/Caches), from getenv; "" when neither is known.
func CacheDir(getenv func(string) string) string {
	if d := getenv("XDG_CACHE_HOME"); d != "" && filepath.IsAbs(d) {
		return filepath.Join(d, "ccerr", "status")
	}
	if d, err := os.UserCacheDir(); err == nil && getenv("HOME") == os.Getenv("HOME") {
		return filepath.Join(d, "ccerr", "status")
	}
	if h := getenv("HOME"); h != "" {
		return filepath.Join(h, ".cache", "ccerr", "status")
	}
	return ""
}

// writeCache replaces the cache file at path with data, in one step, dated
// now: the clock the TTL reads.
func writeCache(path string, data []byte, now time.Time) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return err
	}
	return atomicfile.WriteTimed(path, data, 0o600, now)
}
