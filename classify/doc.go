// Package classify turns a failed Claude API call into the catalog entry that
// describes it, with the details Claude Code would show: the verdict.
//
// There is one entry point, [Classify] (or [Classifier.Classify]), which
// takes the [Parts] of a failure however they were obtained: status, error
// type, API message, headers, the credential kind, the body, a transport
// error or code. Three shorthands build the parts for the usual inputs:
//
//   - [Response] takes an HTTP response with a status of 400 or more and its
//     body (status, headers such as request-id, retry-after,
//     x-should-retry and the anthropic-ratelimit-unified-* family, and the
//     JSON error body, or any other body); [ResponseParts] gives its parts;
//   - [Err] takes the error of a request that got no response (refused,
//     reset, DNS, unreachable host, proxy refusal, timeout, TLS certificate);
//   - [Stream] takes the data of an SSE "event: error" that arrived after a
//     200 response had begun.
//
// Everything else in ccerr that names a failure — scan reading a
// transcript's recorded status and body, explain reading the status and
// error type around a pasted message, the retry transport, ping, doctor and
// the proxy — hands its parts to Classify, so the same facts get the same
// verdict everywhere.
//
// Each returns a [*Failure]: the catalog id and entry, whose side the
// failure is on, whether Claude Code retries it before showing it
// (Retried), the fields that were found, and Message, the text Claude Code
// prints for it. A Failure is an error, so it can travel up a call stack
// and be taken apart again with errors.As.
//
// # How a response is classified
//
// Rules are tried in this order; the first that applies wins.
//
//  1. A header x-deny-reason: host_not_allowed, or x-proxy-error:
//     blocked-by-allowlist, means an egress proxy refused the host:
//     host-not-allowed.
//  2. 429, or an error of type rate_limit_error: usage-limit when the
//     anthropic-ratelimit-unified-status header is "rejected" and the
//     request did not carry an x-api-key; otherwise server-throttled for a
//     request with an Authorization: Bearer credential and no unified
//     headers, and rate-limited for everything else (including the tier
//     spend cap, whose ErrorCode is enforced_spend_limit_reached). A Bearer
//     token shaped like a Console API key (sk-ant-api…, as the Go SDK v2
//     sends it) counts as an API key.
//  3. 529, or overloaded_error: overloaded.
//  4. For other 4xx, the API message decides: credit balance and spend-limit
//     messages (credit-balance-low), disabled organisation, OAuth scope,
//     revoked or expired OAuth token, prompt too long, image and PDF limits,
//     stripped beta header, thinking settings, tool-use history, disabled
//     routines.
//  5. Otherwise the status class: 404 (or not_found_error)
//     model-unavailable, 413 request-too-large, 408 request-timeout, 402
//     credit-balance-low, 401 by the credential, 5xx server-error. The
//     body's error.type stands in for the status when the status is
//     unusual (api_error, timeout_error, billing_error, …).
//
// Two of these were settled once for every path (FACTS §2, §8, and
// Claude Code's own handling):
//
//   - Every 404 is model-unavailable. Claude Code calls one fixed path and
//     prints "There's an issue with the selected model (…)" for any 404,
//     whatever its message, so that is the entry a person reads.
//   - A 401 is oauth-token-invalid for a Bearer (OAuth) credential and
//     invalid-api-key for an API key. When the credential is not known (a
//     transcript, a paste), only a message naming x-api-key (the API's
//     "invalid x-api-key") makes it invalid-api-key; anything else is
//     oauth-token-invalid, the entry of the generic "API Error: 401 …
//     authentication_error" that Claude Code answers with "Please run
//     /login".
//
// When nothing applies (a 403 that names no known cause, a 409, a 418) the
// Failure has an empty ID and a nil Entry, and its Message is the generic
// "API Error: <status> <message>".
//
// Bodies need not be JSON: an HTML 413 from an edge proxy still gives
// request-too-large, and a 502 page from a gateway gives server-error.
//
// # How an error is classified
//
// [Err] looks at the error's type first (errors.Is and errors.As): syscall
// errnos (ECONNREFUSED, ECONNRESET, EHOSTUNREACH, …), *net.DNSError
// (ENOTFOUND), a dial that timed out (connection-failed, ETIMEDOUT) as
// against an attempt that timed out once connected
// (context.DeadlineExceeded or a net.Error timeout: request-timeout),
// io.EOF from a server that hung up (ECONNRESET, as Node names it), the
// x509 and tls certificate errors, and [*ProxyError] (see
// [ProxyConnectHook]). The text is read only where net/http gives no
// type: a proxy's refusal of CONNECT (an error holding just the status
// text, ERR_PROXY_TUNNEL), the TLS handshake timeout, and the errors for a
// request net/http refuses to send (an unsupported scheme, an invalid
// header), which get an empty ID.
// Anything else is connection-failed without a code. Cancellation by the
// caller (context.Canceled) is not a failure of the API: Err returns nil
// for it.
//
// # Messages
//
// Messages use the wording of the reference Claude Code documents ("seed"
// messages in the catalog): "Unable to connect to API (ECONNREFUSED)",
// "You've hit your weekly limit · resets Mon 12:00am", and so on, with
// three exceptions where Claude Code 2.1.332's wording is used, because
// the seed's is gone and current pastes carry the new one:
//
//   - A 5xx reads "API Error: <status> <message>. This is a server-side
//     issue, usually temporary — try again in a moment. If it persists,
//     check https://status.claude.com.", the message being the API's, or
//     the body (compacted onto one line and cut at 512 bytes) when it has
//     none.
//   - A 529 reads "API Error: Repeated 529 Overloaded errors. The API is at
//     capacity — this is usually temporary. Try again in a moment. If it
//     persists, check https://status.claude.com.", which is what Claude
//     Code prints when it gives up at the third 529 in a row. When the
//     caller counted fewer (Parts.Repeated 1 or 2: Claude Code was told to
//     retry less), it reads like any 5xx, "API Error: 529 Overloaded. This
//     is a server-side issue, …", as Claude Code prints it then.
//   - A 401 that is neither a revoked nor an expired OAuth token reads
//     "Failed to authenticate. API Error: 401 <message>" (Claude Code's -p
//     wording; interactively it starts "Please run /login ·").
//
// host-not-allowed is shown as the reference shows it, the status line and
// the refusing header on two lines: "HTTP 403\nx-deny-reason:
// host_not_allowed". Entries the reference words as "API Error: 400 ..." (a
// stripped beta header, thinking settings, an oversized image's dimensions)
// and failures no entry describes read "API Error: <status> <API
// message>".
//
// Reset times are written in [Classifier.Location] (the local zone by
// default) relative to [Classifier.Now]: "3:45pm" when the reset falls on
// the same day, "Mon 12:00am" within the next six days, and
// "May 18, 2033, 3:33am (UTC)" further away (the form Claude Code 2.1.332
// uses, with the zone's abbreviation).
//
// The limit named in a usage-limit message comes from the
// anthropic-ratelimit-unified-representative-claim header: five_hour is
// "session limit" (the reference's word; Claude Code 2.1.332 says "5-hour
// limit"), seven_day "weekly limit", seven_day_opus "Opus limit",
// seven_day_sonnet "Sonnet limit", seven_day_overage_included "weekly
// limit", and a claim about overage "usage credit limit". An unknown claim
// that mentions a model family names it ("Fable limit"); anything else, or
// no claim, is "usage limit".
package classify
