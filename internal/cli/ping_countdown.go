package cli

import (
	"fmt"
	"io"
	"sync"
	"time"

	"github.com/ccerr/ccerr/internal/ui"
)

// countdown shows "<label> · Retrying in 4s · attempt 3/10" while the retry
// transport waits. On a terminal the line is redrawn in place each second
// and erased when the wait ends; in a pipe it is one plain line per retry,
// with no carriage returns.
type countdown struct {
	w   io.Writer
	tty bool

	mu    sync.Mutex
	stopc chan struct{} // closes to end the running redraw loop
	done  chan struct{} // closed when the redraw loop has returned
}

func newCountdown(w io.Writer, tty bool) *countdown { return &countdown{w: w, tty: tty} }

// countdownLine is the seed's wording, after a label naming the failure.
func countdownLine(label string, left time.Duration, attempt, maxAttempt int) string {
	secs := int((max(left, 0) + time.Second - 1) / time.Second) // ceil, as Claude Code shows it
	return fmt.Sprintf("%s · Retrying in %ds · attempt %d/%d", label, secs, attempt, maxAttempt)
}

// start shows the countdown for one wait, ending any previous one.
func (c *countdown) start(label string, delay time.Duration, attempt, maxAttempt int) {
	c.stop()
	if !c.tty {
		fmt.Fprintf(c.w, "ccerr ping: %s\n", countdownLine(label, delay, attempt, maxAttempt))
		return
	}
	deadline := time.Now().Add(delay)
	draw := func() {
		fmt.Fprint(c.w, ui.ClearStatus+countdownLine(label, time.Until(deadline), attempt, maxAttempt))
	}
	draw()
	stopc, done := make(chan struct{}), make(chan struct{})
	c.mu.Lock()
	c.stopc, c.done = stopc, done
	c.mu.Unlock()
	go func() {
		defer close(done)
		tick := time.NewTicker(time.Second)
		defer tick.Stop()
		for {
			select {
			case <-stopc:
				return
			case <-tick.C:
				if time.Until(deadline) <= 0 {
					return
				}
				draw()
			}
		}
	}()
}

// stop ends the running countdown and, on a terminal, erases its line.
func (c *countdown) stop() {
	c.mu.Lock()
	stopc, done := c.stopc, c.done
	c.stopc, c.done = nil, nil
	c.mu.Unlock()
	if stopc == nil {
		return
	}
	close(stopc)
	<-done
	fmt.Fprint(c.w, ui.ClearStatus)
}
