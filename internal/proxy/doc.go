// Package proxy is the gateway behind `ccerr proxy`: a reverse proxy to one
// Claude API upstream that absorbs the failures worth another try.
//
// The contract, for every request:
//
//   - It goes to the one configured upstream (a client-chosen Host is
//     ignored; CONNECT and absolute-form URLs for other hosts are refused
//     with 405 and 403), with method, path, query and body unchanged and
//     every end-to-end header as received. Hop-by-hop headers (RFC 9110
//     section 7.6.1) are dropped; nothing is added.
//   - Its body is read whole, up to [Config.MaxBody]; a larger one is
//     answered 413 in the API's JSON error shape and never forwarded.
//   - Attempts go through a [retry.Transport], so a failure before the
//     response headers (5xx, 529, a temporary 429, a refused or reset
//     connection, a per-attempt timeout) is retried by the policy, within a
//     retry budget of 20 % of the last ten seconds' requests (at least 3
//     retries a second). Once the status line has been sent to the client
//     nothing is retried; a stream that fails mid-way is cut, so the
//     client sees the failure as it happened.
//   - The answer goes back with status, headers and body unchanged, SSE
//     flushed event by event, plus X-Ccerr-Attempts. A failed answer also
//     gets X-Ccerr-Error (its catalog id, when one fits) and, when the
//     proxy gave up on a failure it was meant to absorb, X-Should-Retry:
//     false and a Retry-After of at most 60 s. The proxy's own give-up
//     answers are worded for what Claude Code prints of them: a storm of
//     529s says "Repeated 529 Overloaded errors", no connection is 424
//     "Unable to connect to API (CODE)", no answer in time 408 "Request
//     timed out", all in the API's error shape.
//   - The retries of a request end before the client's own timeout
//     (X-Stainless-Timeout, else [Config.ClientTimeout]), so that the client
//     reads the real cause instead of timing out and sending again.
//   - Request bodies held in memory are bounded across requests
//     ([Config.MaxBufferedBody]); running out of them, or of file
//     descriptors, is answered 503 with Retry-After, for the client to
//     retry.
//   - The client going away cancels the upstream request.
//   - One log line is written per request, without credentials, and
//     Prometheus metrics are kept in the proxy's own registry.
//
// [Proxy.Handler] adds GET /metrics and GET /healthz; [Proxy.Serve] runs a
// server with timeouts and a graceful shutdown on a listener the caller
// opened.
package proxy
