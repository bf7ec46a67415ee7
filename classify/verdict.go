package classify

import (
	"net/http"
	"time"

	"github.com/ccerr/ccerr/catalog"
)

// maxHonouredRetryAfter is the longest retry-after Claude Code 2.1.332 waits
// out; a longer one makes it give up at once (FACTS §3), unless the retry
// watchdog is on.
const maxHonouredRetryAfter = 60 * time.Second

// claudeCodeRetries is Failure.Retried: whether Claude Code sends the
// request again before it shows the failure.
func claudeCodeRetries(f *Failure) bool {
	if f.ID == catalog.UsageLimit {
		// A rejected subscription quota blocks until its reset, whatever
		// x-should-retry says.
		return false
	}
	if f.ShouldRetry != nil {
		return *f.ShouldRetry
	}
	if f.RetryAfter > maxHonouredRetryAfter {
		return false
	}
	switch f.ID {
	case "":
		switch {
		case f.Status == http.StatusRequestTimeout, f.Status == http.StatusConflict,
			f.Status == http.StatusUnauthorized, f.Status >= 500:
			return true
		}
		return false
	case catalog.RateLimited:
		// The tier's monthly spend cap fails until the month ends.
		return f.ErrorCode != "enforced_spend_limit_reached"
	case catalog.ConnectionFailed:
		// Every connection failure but a certificate verdict is retried.
		return true
	}
	return f.Entry != nil && f.Entry.Retry.Retried
}
