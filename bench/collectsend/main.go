// Command collectsend is the load generator of bench/collect.sh: concurrent
// senders post Claude Code-shaped OTLP log batches (claude_code.api_error,
// with an api_retries_exhausted after every other one) to a collector at a
// fixed total rate, retry what is refused as an OTLP exporter does, and at
// the end check that /api/errors counts exactly the api_error events sent.
//
//	go run ./bench/collectsend -url http://127.0.0.1:4318 -rate 2000 -duration 60s
package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"go.opentelemetry.io/collector/pdata/pcommon"
	"go.opentelemetry.io/collector/pdata/plog"
	"go.opentelemetry.io/collector/pdata/plog/plogotlp"
)

func main() {
	url := flag.String("url", "http://127.0.0.1:4318", "collector base URL")
	rate := flag.Int("rate", 2000, "api_error events per second, all senders together")
	dur := flag.Duration("duration", 60*time.Second, "how long to send")
	senders := flag.Int("senders", 20, "concurrent senders")
	batch := flag.Int("batch", 10, "api_error events per request")
	inflight := flag.Int("inflight", 4, "requests one sender may have in flight (an exporter does not wait for one batch to send the next)")
	flag.Parse()
	if err := run(*url, *rate, *dur, *senders, *batch, *inflight); err != nil {
		fmt.Fprintln(os.Stderr, "collectsend:", err)
		os.Exit(1)
	}
}

var models = []string{"claude-opus-5-5", "claude-sonnet-5", "claude-haiku-5"}

var errorsSent = []struct {
	status int
	msg    string
}{{0, "Repeated 529 Overloaded errors"}, {429, "Rate limited"}, {500, "Internal server error"}, {0, "Connection error."}}

// request builds one batch: n api_error events of one session, each but
// every other one followed by its api_retries_exhausted.
func request(sender, n int, seq *int64) []byte {
	ld := plog.NewLogs()
	rl := ld.ResourceLogs().AppendEmpty()
	rl.Resource().Attributes().PutStr("service.name", "claude-code")
	rl.Resource().Attributes().PutStr("service.version", "2.1.332")
	sl := rl.ScopeLogs().AppendEmpty()
	sl.Scope().SetName("com.anthropic.claude_code.events")
	session := fmt.Sprintf("bench-session-%d", sender)
	now := time.Now()
	for i := 0; i < n; i++ {
		*seq++
		e := errorsSent[int(*seq)%len(errorsSent)]
		add := func(name string, s int64) plog.LogRecord {
			lr := sl.LogRecords().AppendEmpty()
			lr.SetTimestamp(pcommon.NewTimestampFromTime(now))
			lr.Body().SetStr("claude_code." + name)
			a := lr.Attributes()
			a.PutStr("session.id", session)
			a.PutStr("prompt.id", fmt.Sprintf("p-%d", s))
			a.PutStr("user.id", fmt.Sprintf("user-%d", sender%7))
			a.PutInt("event.sequence", s)
			a.PutStr("event.timestamp", now.UTC().Format(time.RFC3339Nano))
			a.PutStr("model", models[sender%len(models)])
			a.PutStr("error", e.msg)
			if e.status != 0 {
				a.PutInt("status_code", int64(e.status))
			}
			return lr
		}
		lr := add("api_error", *seq)
		lr.Attributes().PutInt("attempt", 3)
		if *seq%2 == 0 {
			s := *seq
			*seq++
			x := add("api_retries_exhausted", *seq)
			// The exhausted event belongs to the api_error's prompt.
			x.Attributes().PutStr("prompt.id", fmt.Sprintf("p-%d", s))
			x.Attributes().PutInt("total_attempts", 3)
			x.Attributes().PutInt("total_retry_duration_ms", 1900)
		}
	}
	b, err := plogotlp.NewExportRequestFromLogs(ld).MarshalProto()
	if err != nil {
		panic(err)
	}
	return b
}

func run(url string, rate int, dur time.Duration, senders, batch, inflight int) error {
	perSender := float64(rate) / float64(senders) / float64(batch) // requests per second
	interval := time.Duration(float64(time.Second) / perSender)
	client := &http.Client{Timeout: 30 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: senders * inflight}}
	var sent, retries atomic.Int64
	var mu sync.Mutex
	var lat []time.Duration
	var wg sync.WaitGroup
	start := time.Now()
	deadline := start.Add(dur)
	for s := 0; s < senders; s++ {
		wg.Add(1)
		go func(s int) {
			defer wg.Done()
			var seq int64
			var reqs sync.WaitGroup
			slots := make(chan struct{}, inflight)
			next := start.Add(time.Duration(s) * interval / time.Duration(senders))
			for next.Before(deadline) {
				time.Sleep(time.Until(next))
				next = next.Add(interval)
				body := request(s, batch, &seq)
				slots <- struct{}{}
				reqs.Add(1)
				go func() {
					defer func() { <-slots; reqs.Done() }()
					send(client, url, body, &mu, &lat, &retries)
					sent.Add(int64(batch))
				}()
			}
			reqs.Wait()
		}(s)
	}
	wg.Wait()
	took := time.Since(start)

	resp, err := client.Get(url + "/api/errors?since=1h")
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	var rep struct {
		Failures int64 `json:"failures"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&rep); err != nil {
		return err
	}
	slices.Sort(lat)
	pct := func(p float64) time.Duration {
		if len(lat) == 0 {
			return 0
		}
		return lat[int(float64(len(lat)-1)*p)]
	}
	fmt.Printf("sent %d api_error events in %s: %.0f events/s; requests %d, retried %d; latency p50 %s p99 %s max %s\n",
		sent.Load(), took.Round(time.Millisecond), float64(sent.Load())/took.Seconds(), len(lat), retries.Load(),
		pct(0.5).Round(time.Microsecond), pct(0.99).Round(time.Microsecond), pct(1).Round(time.Microsecond))
	fmt.Printf("stored failures %d (want %d)\n", rep.Failures, sent.Load())
	if rep.Failures != sent.Load() {
		return fmt.Errorf("lost or doubled: stored %d, sent %d", rep.Failures, sent.Load())
	}
	return nil
}

// send posts one batch until the collector takes it, as an OTLP exporter
// retries a 503.
func send(client *http.Client, url string, body []byte, mu *sync.Mutex, lat *[]time.Duration, retries *atomic.Int64) {
	for {
		t := time.Now()
		resp, err := client.Post(url+"/v1/logs", "application/x-protobuf", bytes.NewReader(body))
		if err == nil {
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
		}
		if err == nil && resp.StatusCode == http.StatusOK {
			mu.Lock()
			*lat = append(*lat, time.Since(t))
			mu.Unlock()
			return
		}
		retries.Add(1)
		time.Sleep(200 * time.Millisecond)
	}
}
