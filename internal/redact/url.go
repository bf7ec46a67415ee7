// Package redact prints secrets and URLs without what must stay secret, for
// the tools' logs, errors and --json output: [Key] describes a credential by
// its public prefix and last four characters, [URL] drops a URL's user
// information and query. (The proxy's log lines and the mock's request log
// use their own, differently shaped masks: proxy.Redact and mock.Mask.)
package redact

import (
	"net/url"
	"strings"
)

// URL prints u without its user information, query or fragment, any of
// which may carry a secret: "https://…@gw.example.com/v1?…". An ellipsis
// marks where user information or a query was; a fragment is dropped.
func URL(u *url.URL) string {
	c := *u
	hadUser := c.User != nil
	c.User = nil
	c.RawQuery, c.ForceQuery = "", c.RawQuery != ""
	c.Fragment, c.RawFragment = "", ""
	s := c.String()
	if c.ForceQuery {
		s += "…"
	}
	if hadUser {
		// Without a host, String drops the "//" along with the user.
		scheme := ""
		if c.Scheme != "" {
			scheme = c.Scheme + ":"
		}
		rest := strings.TrimPrefix(strings.TrimPrefix(s, scheme), "//")
		s = scheme + "//…@" + rest
	}
	return s
}
