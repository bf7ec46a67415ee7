// Package redact prints URLs without the parts that may carry a secret, for
// the tools' logs, errors and --json output. (Header values and keys have
// their own, differently shaped masks in each tool: see doctor.Redact,
// proxy.Redact and mock.Mask.)
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
