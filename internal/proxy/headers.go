package proxy

import (
	"net/http"
	"net/textproto"
	"strings"
)

// hopHeaders are the hop-by-hop fields a proxy must not forward (RFC 9110
// section 7.6.1, plus the proxy-only fields RFC 9110 sections 11.7.1 and
// 11.7.2 scope to one connection). Names are in canonical form.
var hopHeaders = []string{
	"Connection",
	"Proxy-Connection", // non-standard, still sent by some old clients
	"Keep-Alive",
	"Proxy-Authenticate",
	"Proxy-Authorization",
	"Te",
	"Trailer",
	"Transfer-Encoding",
	"Upgrade",
}

// removeHopHeaders deletes from h the hop-by-hop fields and every field named
// in its Connection header. It changes h in place and allocates only when a
// Connection header names other fields.
func removeHopHeaders(h http.Header) {
	for _, v := range h["Connection"] {
		for sf := range strings.SplitSeq(v, ",") {
			if sf = textproto.TrimString(sf); sf != "" {
				h.Del(sf)
			}
		}
	}
	for _, name := range hopHeaders {
		delete(h, name)
	}
}

// removeHopRequestHeaders is [removeHopHeaders] for an outbound request: it
// keeps "TE: trailers", which is end to end in meaning (the client accepts
// trailers) and which some upstreams require.
func removeHopRequestHeaders(h http.Header) {
	trailers := false
	for _, v := range h["Te"] {
		for sf := range strings.SplitSeq(v, ",") {
			if strings.EqualFold(textproto.TrimString(sf), "trailers") {
				trailers = true
			}
		}
	}
	removeHopHeaders(h)
	if trailers {
		h["Te"] = []string{"trailers"}
	}
}

// copyHeader adds every value of src to dst. The value slices are shared, not
// copied: src belongs to a response the caller is done with.
func copyHeader(dst, src http.Header) {
	for k, vv := range src {
		if old, ok := dst[k]; ok {
			dst[k] = append(old, vv...)
			continue
		}
		dst[k] = vv
	}
}
