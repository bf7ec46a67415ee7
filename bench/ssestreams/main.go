// Command ssestreams measures the memory of `ccerr proxy` holding many open
// SSE streams (issue 15: under 60 MB with 1,000). It starts a loopback
// upstream that opens each stream with one event and then holds it, starts
// the proxy in front of it, opens -n streams through the proxy, waits until
// every one has delivered its first event, and prints the proxy's resident
// memory (VmRSS, and its peak VmHWM) from /proc, idle and with the streams
// open. It splits it into RssFile, mostly the binary's own pages, which the
// streams do not change, and RssAnon, the heap and the goroutine stacks,
// and prints what each stream added to the latter. Linux only; loopback
// only; everything stops by itself within -timeout.
//
//	go run ./bench/ssestreams -ccerr ./ccerr -n 1000
package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"slices"
	"strings"
	"sync"
	"syscall"
	"time"
)

func main() {
	bin := flag.String("ccerr", "ccerr", "path of the ccerr binary")
	n := flag.Int("n", 1000, "streams to open")
	timeout := flag.Duration("timeout", 60*time.Second, "give up after this long")
	pad := flag.Int("pad", 0, "bytes of padding in each request body (a Claude Code request carries the whole conversation: often 100 KiB or more)")
	flag.Parse()
	if err := run(*bin, *n, *pad, *timeout); err != nil {
		fmt.Fprintln(os.Stderr, "ssestreams:", err)
		os.Exit(1)
	}
}

func run(bin string, n, pad int, timeout time.Duration) error {
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()

	// The upstream: 200, SSE headers and one event, then silence until the
	// stream is closed.
	upLn, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	up := &http.Server{ReadHeaderTimeout: 10 * time.Second, Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		w.Header().Set("Content-Type", "text/event-stream")
		_, _ = io.WriteString(w, "event: message_start\ndata: {\"type\":\"message_start\"}\n\n")
		w.(http.Flusher).Flush()
		<-r.Context().Done()
	})}
	go func() { _ = up.Serve(upLn) }()
	defer up.Close()

	addr, err := freeAddr()
	if err != nil {
		return err
	}
	cmd := exec.CommandContext(ctx, bin, "proxy", "--upstream", "http://"+upLn.Addr().String(),
		"--listen", addr, "--log-level", "warn", "--max-idle-conns", fmt.Sprint(n))
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		return err
	}
	defer func() {
		_ = cmd.Process.Signal(syscall.SIGTERM)
		_ = cmd.Wait()
	}()
	base := "http://" + addr
	if err := waitHealthy(ctx, base); err != nil {
		return err
	}
	idle, err := memory(cmd.Process.Pid)
	if err != nil {
		return err
	}
	fmt.Printf("proxy idle: %s\n", idle)

	tr := &http.Transport{MaxIdleConnsPerHost: n, DisableCompression: true}
	defer tr.CloseIdleConnections()
	client := &http.Client{Transport: tr}
	var (
		wg     sync.WaitGroup
		opened = make(chan error, n)
		bodies = make(chan io.Closer, n)
	)
	body := `{"model":"claude-opus-5-5","max_tokens":16,"stream":true,"metadata":{"pad":"` + strings.Repeat("x", pad) + `"},"messages":[{"role":"user","content":"hi"}]}`
	start := time.Now()
	for range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			req, _ := http.NewRequestWithContext(ctx, http.MethodPost, base+"/v1/messages",
				strings.NewReader(body))
			req.Header.Set("Content-Type", "application/json")
			resp, err := client.Do(req)
			if err != nil {
				opened <- err
				return
			}
			bodies <- resp.Body
			line, err := bufio.NewReader(resp.Body).ReadString('\n')
			if err == nil && line != "event: message_start\n" {
				err = fmt.Errorf("first line %q", line)
			}
			opened <- err
		}()
	}
	for i := range n {
		select {
		case err := <-opened:
			if err != nil {
				return fmt.Errorf("stream %d: %w", i+1, err)
			}
		case <-ctx.Done():
			return errors.New("timed out opening streams")
		}
	}
	held, err := memory(cmd.Process.Pid)
	if err != nil {
		return err
	}
	fmt.Printf("proxy with %d open streams (opened in %s): %s\n", n, time.Since(start).Round(time.Millisecond), held)
	fmt.Printf("each stream added %.1f KiB of heap and stacks (RssAnon)\n", float64(held.kib["RssAnon"]-idle.kib["RssAnon"])/float64(n))
	for range n {
		(<-bodies).Close()
	}
	wg.Wait()
	return nil
}

func freeAddr() (string, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	defer ln.Close()
	return ln.Addr().String(), nil
}

func waitHealthy(ctx context.Context, base string) error {
	for {
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, base+"/healthz", nil)
		if resp, err := http.DefaultClient.Do(req); err == nil {
			resp.Body.Close()
			return nil
		}
		select {
		case <-ctx.Done():
			return errors.New("the proxy did not start")
		case <-time.After(50 * time.Millisecond):
		}
	}
}

// mem is a process's memory figures from /proc/PID/status, in KiB.
type mem struct{ kib map[string]int64 }

// memFields are the figures printed, in order.
var memFields = []string{"VmRSS", "VmHWM", "RssAnon", "RssFile"}

func (m mem) String() string {
	parts := make([]string, 0, len(memFields))
	for _, f := range memFields {
		parts = append(parts, fmt.Sprintf("%s %.1f MiB", f, float64(m.kib[f])/1024))
	}
	return strings.Join(parts, ", ")
}

// memory reads VmRSS, VmHWM, RssAnon and RssFile of a process from /proc.
func memory(pid int) (mem, error) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return mem{}, err
	}
	m := mem{kib: map[string]int64{}}
	for _, line := range strings.Split(string(b), "\n") {
		name, rest, ok := strings.Cut(line, ":")
		if !ok || !slices.Contains(memFields, name) {
			continue
		}
		var kib int64
		if _, err := fmt.Sscanf(strings.TrimSpace(rest), "%d kB", &kib); err != nil {
			return mem{}, fmt.Errorf("/proc/%d/status: %s: %w", pid, line, err)
		}
		m.kib[name] = kib
	}
	return m, nil
}
