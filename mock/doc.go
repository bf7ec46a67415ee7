// Package mock is a fake Claude Messages API that fails on demand, for
// testing clients, gateways and retry logic the way net/http/httptest is
// used for ordinary handlers.
//
// A [Server] answers POST /v1/messages (with or without ?beta=true, as
// Claude Code sends it) by scenario:
//
//   - ok: a valid response, as server-sent events (message_start …
//     message_stop) when the request body has "stream": true, JSON otherwise.
//   - every catalog id with a trigger a server can produce, by that id:
//     the exact status, headers and error body
//     {"type":"error","error":{"type":…,"message":…},"request_id":"req_…"}
//     with a matching request-id header; a stream trigger answers a
//     streaming request with 200 and SSE, then "event: error", and a
//     non-streaming one with the HTTP error that event stands for. An entry
//     serves the first of its triggers that a server can produce.
//   - faults: reset (TCP RST once the request is read), hang (no answer
//     until the client goes away or the server closes), slow (ok after
//     [Config.SlowDelay]), stall (200 and SSE headers, then silence),
//     stream-error (some text, then an overloaded "event: error"; a 529 to
//     a non-streaming request), and tls
//     (ok over HTTPS with a self-signed certificate). A refused connection
//     cannot come from a running server: use [ClosedURL].
//
// [Scenarios] lists them all. A comma-separated list plays in order and
// repeats its last element: with "overloaded,overloaded,ok" the first two
// requests get 529 and every later one succeeds. Counting is per server,
// and safe for concurrent clients.
//
// One server can serve every scenario: POST /scenario/<name>/v1/messages
// is answered by <name> (a sequence too, counted on its own), so a client
// whose base URL is http://127.0.0.1:8788/scenario/overloaded sees the
// overloaded scenario whatever the server's default is. The tls scenario
// needs an HTTPS listener; through a path on a plain server it answers
// like ok.
//
// Every request is recorded ([Server.Requests]) with its header block byte
// for byte, and can be logged as one JSON line per request with the
// credentials masked ([Config.Log], [Mask]).
//
// The server listens on loopback unless told otherwise, sets
// ReadHeaderTimeout and IdleTimeout, makes no outbound calls, and [Server.Close]
// releases held requests and waits for every handler, so tests using it do
// not leak goroutines.
package mock
