// Package shell writes command lines a POSIX shell reads back as given: the
// commands ccerr prints for a person to run (`ccerr repair PATH`) and the
// hook command it installs into Claude Code's settings.
package shell

import "strings"

// Quote quotes s for a POSIX shell when it holds anything but characters
// that are safe bare. A word starting with "-" becomes "./-…" so that it is
// never read as an option.
func Quote(s string) string {
	safe := s != "" && !strings.HasPrefix(s, "-") && strings.IndexFunc(s, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("_./-+:,@%=", r))
	}) < 0
	if safe {
		return s
	}
	if strings.HasPrefix(s, "-") {
		s = "./" + s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
