// Package metrics keeps counters, gauges and histograms in memory and
// writes them in the Prometheus text exposition format, version 0.0.4.
//
// It uses only the standard library and does nothing when it is loaded: no
// init function, no package-level state, no file read until a page is
// written. Every ccerr command links it, while only the servers (the proxy
// and the collector) use it, so loading it must cost nothing.
//
// A [Set] holds the series of one server. Counters and gauges are updated
// with atomic operations and without allocation; a [CounterVec] finds a
// labelled counter by its label values without allocation once the series
// exists. [Set.WritePrometheus] writes every family, sorted by name, with
// its # HELP and # TYPE lines, its series sorted by label values;
// [WriteProcess] adds the process and Go runtime series, read at the time
// of writing.
package metrics
