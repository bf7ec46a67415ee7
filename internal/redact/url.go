// Package redact is ccerr's one rule for showing secrets: whatever prints,
// logs or returns a credential goes through it. [Key] describes a
// credential by its public prefix and last four characters; [Value],
// [Header] and [Query] mask credentials by the name they travel under
// (authorization, x-api-key, x-goog-api-key, key, token, sig, …, see
// [SecretName]); [Text] masks what has a credential's shape in free text
// (sk-ant-… keys, Bearer values, long base64 or hex runs, URL user
// information); [Secrets] masks any 8-character piece of known secrets in
// text that came back from elsewhere; [URL] drops a URL's user information
// and query. The proxy's debug log, the mock's request log, doctor and ping
// all use it.
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
