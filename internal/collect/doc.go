// Package collect receives the failures Claude Code reports and serves them
// back, classified.
//
// Claude Code with telemetry on (CLAUDE_CODE_ENABLE_TELEMETRY=1,
// OTEL_LOGS_EXPORTER=otlp) sends OTLP log events; a [Server] takes them over
// HTTP (POST /v1/logs, JSON or protobuf, gzip or not) and gRPC (unary
// Export over unencrypted HTTP/2, identity or gzip). The wire formats are
// read by the package's own decoders, which walk one table of the OTLP
// messages (otlpschema.go), keep only what the collector reads, bound
// nesting and element counts, and take and refuse what the OpenTelemetry
// collector's pdata does (the fuzz tests hold them to it). Each
// claude_code.api_error and claude_code.api_retries_exhausted event is
// classified (package verdict) into a catalog id and side and stored
// (package store) under the counting rule the store documents. Metrics
// (POST /v1/metrics) are accepted and the sessions they name kept, as the
// denominator of rates. ccerr hook posts StopFailure hook records to
// /v1/hook.
//
// A request is answered only after what it carried is committed; a store
// that cannot commit in time gets the sender a 503 (gRPC Unavailable), which
// OTLP exporters retry, and a batch sent twice is counted once.
//
// Reading back: GET /api/errors?since=…&until=…&by=id|user|model|hour
// answers a [Report] (the same data [Read] returns to Go callers), GET
// /metrics serves Prometheus text (ccerr_claude_code_errors_total{id,side,model}
// and the collector's own counters, with a bounded label set), and
// [Server.Page], when set, is served at "/".
package collect
