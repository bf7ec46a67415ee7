// Package retry retries Claude API requests the way Claude Code does.
//
// A [Policy] holds the rules; [DefaultPolicy] is Claude Code 2.1.332's
// measured behaviour and [PolicyFromEnv] adjusts it from
// CLAUDE_CODE_MAX_RETRIES, CLAUDE_CODE_RETRY_WATCHDOG and API_TIMEOUT_MS.
// [ReadSettings] is where those variables are read, by Claude Code's own
// rules (a true value is 1, true, yes or on; numbers are read as
// JavaScript's parseInt reads them): its [Settings] keep each variable's raw
// value and reading, and state the effective number of retries Claude Code
// will make, so that a report never parses them again.
// A [Transport] applies a policy to every request sent through it:
//
//	client := &http.Client{Transport: &retry.Transport{}}
//
// With the official Go SDK, pass option.WithHTTPClient(client) and
// option.WithMaxRetries(0), or the two retry loops multiply.
//
// # The rule
//
// Each failure is classified by package classify. It is retried when
// x-should-retry: true says so, or, absent that header, when
// [Policy.Retryable] (by default [DefaultRetryable]) calls it transient:
// 5xx, 529, timeouts, temporary 429s, refused or dropped connections.
// x-should-retry: false ends the retries. Then the limits apply: at most
// MaxRetries retries (10 by default; 1 + 10 requests in all), at most
// MaxOverloaded consecutive 529s (3), and a retry-after longer than
// MaxRetryAfter (60 s) ends the retries at once. Under the watchdog, 429s
// and 529s are retried without limit and any retry-after is waited out.
//
// The wait before retry n is min(500 ms × 2^(n−1), 32 s), or the server's
// retry-after-ms / retry-after if that is longer, times a random factor in
// [1, 1.25).
//
// # RoundTrip
//
// [Transport.RoundTrip] keeps the http.RoundTripper contract except that it
// reads failed responses to classify them. In detail:
//
//   - Each attempt sends a shallow copy of the request (req.WithContext)
//     with its own context and body; the caller's request is never
//     modified. The copies share the caller's header, URL and trailer, which
//     Base, like any http.RoundTripper, must not modify.
//   - The body is rewound for each retry through req.GetBody. A request
//     with a body and no GetBody is sent once and never retried
//     (http.NewRequest sets GetBody for the usual in-memory bodies).
//   - Policy.AttemptTimeout bounds each attempt until its response headers
//     arrive (and, for a failure, its error body is read); a timed-out
//     attempt counts as a request-timeout failure, its cause being
//     [ErrAttemptTimeout]. A successful response's context stays alive,
//     unbounded, until its body is read to the end or closed, so long
//     streams are not cut: bound them with the caller's context.
//   - Up to 64 KiB of a failed response is read to classify it. A
//     response that will be retried is drained (at most 64 KiB more) and
//     closed.
//   - Waits are a select on the caller's context; if it ends, RoundTrip
//     returns context.Cause of it. If the caller's context ends during an
//     attempt, the attempt's error is returned as it is.
//   - Before each wait, OnRetry is called with an [Event] (retry number,
//     MaxRetries, delay, failure), which is what a countdown needs;
//     AllowRetry can veto the retry.
//   - Giving up on an HTTP failure returns the last response as the
//     server sent it, with a nil error; its body is readable from the
//     start (the bytes already read, then the rest), so an SDK builds its
//     own error from it. Giving up on a failure without a response
//     returns an [*Error] carrying the classified failure, the last error
//     and the number of attempts.
//   - [Attempts] tells, from what RoundTrip returned (a response, or the
//     [*Error] it gave up with, however wrapped), how many attempts it
//     took. For a response it reads a value the Transport puts in the
//     context of the request each attempt sends (resp.Request,
//     [AttemptsFrom]), so no header is added to what the server sent.
//   - A 529 is classified with the number of 529s in a row so far, and the
//     response given up on records it (classify.WithRepeated): whoever
//     classifies that response again gets Claude Code's wording for the
//     same run ("Repeated 529 Overloaded errors" from the third on).
//
// Time is the standard library's, so tests run the schedule in
// testing/synctest; the jitter's random source can be seeded from tests in
// the package.
package retry
