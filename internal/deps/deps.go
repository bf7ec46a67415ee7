//go:build tools

// Package deps pins modules the packages under construction will import.
// It is removed once they do.
package deps

import (
	_ "github.com/anthropics/anthropic-sdk-go/v2"
	_ "github.com/prometheus/client_golang/prometheus"
	_ "go.uber.org/goleak"
)
