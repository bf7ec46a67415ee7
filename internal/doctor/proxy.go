package doctor

import (
	"errors"
	"net"
	"net/url"
	"strings"
)

// route is how a connection to the API goes: straight to the host, or
// through a proxy with a CONNECT tunnel.
type route struct {
	target   *url.URL // the API URL
	host     string   // target host name or IP, without brackets
	port     string   // target port, defaulted from the scheme
	proxy    *url.URL // nil for a direct connection
	proxyVar string   // the variable the proxy came from
	bypass   string   // the NO_PROXY entry that matched, if any
	noProxy  string   // the NO_PROXY variable consulted, if set
}

// addr is the target's host:port.
func (rt *route) addr() string { return net.JoinHostPort(rt.host, rt.port) }

// proxyAddr is the proxy's host:port, its port defaulted from its scheme.
func (rt *route) proxyAddr() string {
	port := rt.proxy.Port()
	if port == "" {
		port = defaultPort(rt.proxy.Scheme)
	}
	return net.JoinHostPort(rt.proxy.Hostname(), port)
}

func defaultPort(scheme string) string {
	if scheme == "https" {
		return "443"
	}
	return "80"
}

// proxyVars lists, per target scheme, the variables consulted in order.
// Lower case wins over upper case, and an https target falls back to the
// HTTP proxy, as Node's undici EnvHttpProxyAgent (which Claude Code uses)
// does.
var proxyVars = map[string][]string{
	"https": {"https_proxy", "HTTPS_PROXY", "http_proxy", "HTTP_PROXY"},
	"http":  {"http_proxy", "HTTP_PROXY"},
}

// errSOCKS reports a SOCKS proxy, which Claude Code does not support.
var errSOCKS = errors.New("SOCKS proxies are not supported")

// parseProxy parses a proxy variable's value. A value without a scheme is
// taken as http://.
func parseProxy(v string) (*url.URL, error) {
	v = strings.TrimSpace(v)
	if !strings.Contains(v, "://") {
		v = "http://" + v
	}
	u, err := url.Parse(v)
	if err != nil {
		var ue *url.Error
		if errors.As(err, &ue) {
			return nil, ue.Err
		}
		return nil, err
	}
	switch strings.ToLower(u.Scheme) {
	case "http", "https":
	case "socks", "socks4", "socks4a", "socks5", "socks5h":
		return nil, errSOCKS
	default:
		return nil, errors.New("scheme must be http:// or https://")
	}
	if u.Hostname() == "" {
		return nil, errors.New("has no host")
	}
	return u, nil
}

// routeFor works out the route to target from the proxy variables. It
// returns the route and, when a proxy variable is set but unusable, the
// error (the route is then direct).
func (r *runner) routeFor(target *url.URL) (*route, error) {
	rt := &route{target: target, host: target.Hostname(), port: target.Port()}
	if rt.port == "" {
		rt.port = defaultPort(target.Scheme)
	}
	for _, k := range []string{"no_proxy", "NO_PROXY"} {
		if v := r.env.Getenv(k); v != "" {
			rt.noProxy = k
			if entry, ok := noProxyMatch(v, rt.host, rt.port); ok {
				rt.bypass = entry
			}
			break
		}
	}
	for _, k := range proxyVars[target.Scheme] {
		v := strings.TrimSpace(r.env.Getenv(k))
		if v == "" {
			continue
		}
		rt.proxyVar = k
		if rt.bypass != "" {
			return rt, nil
		}
		u, err := parseProxy(v)
		if err != nil {
			return rt, err
		}
		rt.proxy = u
		return rt, nil
	}
	return rt, nil
}

// noProxyMatch reports whether host (with port) is excluded from proxying
// by a NO_PROXY value, and by which entry. Entries are separated by commas
// or spaces; "*" matches every host; an entry matches the host itself and
// its subdomains, with a leading "." or "*." ignored; an entry with a port
// matches only that port. Host names compare case-insensitively; IPv6
// entries may be bracketed. CIDR ranges are not understood (Claude Code's
// HTTP stack does not apply them either) and never match.
func noProxyMatch(noProxy, host, port string) (string, bool) {
	host = strings.ToLower(strings.TrimSuffix(strings.Trim(host, "[]"), "."))
	if host == "" {
		return "", false
	}
	for _, raw := range strings.FieldsFunc(noProxy, func(c rune) bool {
		return c == ',' || c == ' ' || c == '\t' || c == '\n' || c == '\r'
	}) {
		entry := strings.ToLower(raw)
		if entry == "*" {
			return raw, true
		}
		name, entryPort := splitEntry(entry)
		if entryPort != "" && entryPort != port {
			continue
		}
		name = strings.TrimPrefix(name, "*")
		name = strings.TrimPrefix(name, ".")
		name = strings.TrimSuffix(name, ".")
		if name == "" {
			continue
		}
		if host == name || strings.HasSuffix(host, "."+name) {
			return raw, true
		}
	}
	return "", false
}

// splitEntry splits a NO_PROXY entry into host and optional port,
// understanding bracketed IPv6 ("[::1]:8080") and bare IPv6 ("::1").
func splitEntry(e string) (host, port string) {
	if strings.HasPrefix(e, "[") {
		if end := strings.IndexByte(e, ']'); end > 0 {
			host = e[1:end]
			if rest := e[end+1:]; strings.HasPrefix(rest, ":") {
				port = rest[1:]
			}
			return host, port
		}
		return e, ""
	}
	if strings.Count(e, ":") == 1 {
		i := strings.IndexByte(e, ':')
		return e[:i], e[i+1:]
	}
	return e, ""
}
