package metricstest

import (
	"regexp"
	"strings"
)

// MaskRuntime returns page with the values of the Go runtime and process
// series (go_*, process_*) replaced by <varies>, and go_info's version by
// <go>, so that a page can be compared with a golden file from any run
// and toolchain. Names, labels, help and type lines are kept.
func MaskRuntime(page string) string {
	var b strings.Builder
	version := regexp.MustCompile(`version="[^"]*"`)
	for line := range strings.Lines(page) {
		if (strings.HasPrefix(line, "go_") || strings.HasPrefix(line, "process_")) && strings.Contains(line, " ") {
			i := strings.LastIndexByte(line, ' ')
			line = version.ReplaceAllString(line[:i], `version="<go>"`) + " <varies>\n"
		}
		b.WriteString(line)
	}
	return b.String()
}
