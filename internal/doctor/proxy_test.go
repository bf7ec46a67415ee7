package doctor

import (
	"errors"
	"net/url"
	"strings"
	"testing"
)

func TestNoProxyMatch(t *testing.T) {
	tests := []struct {
		name, noProxy, host, port string
		want                      bool
		wantEntry                 string
	}{
		{"star", "*", "api.anthropic.com", "443", true, "*"},
		{"star among others", "localhost, *", "api.anthropic.com", "443", true, "*"},
		{"exact", "api.anthropic.com", "api.anthropic.com", "443", true, "api.anthropic.com"},
		{"parent domain", "anthropic.com", "api.anthropic.com", "443", true, "anthropic.com"},
		{"leading dot", ".anthropic.com", "api.anthropic.com", "443", true, ".anthropic.com"},
		{"leading star dot", "*.anthropic.com", "api.anthropic.com", "443", true, "*.anthropic.com"},
		{"case", "API.Anthropic.COM", "api.anthropic.com", "443", true, "API.Anthropic.COM"},
		{"space separated", "localhost anthropic.com", "api.anthropic.com", "443", true, "anthropic.com"},
		{"suffix is not a domain", "thropic.com", "api.anthropic.com", "443", false, ""},
		{"other host", "example.com,localhost", "api.anthropic.com", "443", false, ""},
		{"port matches", "api.anthropic.com:443", "api.anthropic.com", "443", true, "api.anthropic.com:443"},
		{"port differs", "api.anthropic.com:8443", "api.anthropic.com", "443", false, ""},
		{"ip", "127.0.0.1", "127.0.0.1", "8080", true, "127.0.0.1"},
		{"ipv6 bracketed", "[::1]:8080", "::1", "8080", true, "[::1]:8080"},
		{"ipv6 bare", "::1", "::1", "8080", true, "::1"},
		{"cidr not understood", "127.0.0.0/8", "127.0.0.1", "80", false, ""},
		{"empty entries", ", ,", "api.anthropic.com", "443", false, ""},
		{"lone dot", ".", "api.anthropic.com", "443", false, ""},
		{"trailing dot host", "anthropic.com", "api.anthropic.com.", "443", true, "anthropic.com"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			entry, ok := noProxyMatch(tt.noProxy, tt.host, tt.port)
			if ok != tt.want || entry != tt.wantEntry {
				t.Errorf("noProxyMatch(%q, %q, %q) = %q, %v; want %q, %v", tt.noProxy, tt.host, tt.port, entry, ok, tt.wantEntry, tt.want)
			}
		})
	}
}

// FuzzNoProxyMatch compares with a naive oracle: a match is always one of
// the entries, "*" always matches, and an exact host entry always matches.
func FuzzNoProxyMatch(f *testing.F) {
	f.Add("*", "api.anthropic.com", "443")
	f.Add(".anthropic.com, localhost", "api.anthropic.com", "443")
	f.Add("[::1]:80", "::1", "80")
	f.Fuzz(func(t *testing.T, noProxy, host, port string) {
		entry, ok := noProxyMatch(noProxy, host, port)
		if ok && !strings.Contains(noProxy, entry) {
			t.Fatalf("matched entry %q not in %q", entry, noProxy)
		}
		if strings.Trim(host, "[].") != "" {
			if _, ok := noProxyMatch("*", host, port); !ok {
				t.Fatalf("* did not match %q", host)
			}
		}
		h := strings.ToLower(host)
		if h != "" && !strings.ContainsAny(h, ", \t\r\n:[]*") && strings.Trim(h, ".") == h {
			if _, ok := noProxyMatch(noProxy+","+host, host, port); !ok {
				t.Fatalf("exact entry %q did not match", host)
			}
		}
	})
}

func TestRouteFor(t *testing.T) {
	api, _ := url.Parse("https://api.anthropic.com")
	plain, _ := url.Parse("http://gw.internal:8080")
	tests := []struct {
		name       string
		target     *url.URL
		vars       map[string]string
		wantProxy  string // host:port of the proxy, "" for direct
		wantVar    string
		wantBypass string
		wantErr    error
	}{
		{"none", api, nil, "", "", "", nil},
		{"https proxy", api, map[string]string{"HTTPS_PROXY": "http://proxy:3128"}, "proxy:3128", "HTTPS_PROXY", "", nil},
		{"lower case wins", api, map[string]string{"HTTPS_PROXY": "http://upper:1", "https_proxy": "http://lower:2"}, "lower:2", "https_proxy", "", nil},
		{"falls back to http proxy", api, map[string]string{"HTTP_PROXY": "proxy:8080"}, "proxy:8080", "HTTP_PROXY", "", nil},
		{"http target ignores https proxy", plain, map[string]string{"HTTPS_PROXY": "http://proxy:3128"}, "", "", "", nil},
		{"default port", api, map[string]string{"HTTPS_PROXY": "http://proxy"}, "proxy:80", "HTTPS_PROXY", "", nil},
		{"https proxy default port", api, map[string]string{"HTTPS_PROXY": "https://proxy"}, "proxy:443", "HTTPS_PROXY", "", nil},
		{"bypassed", api, map[string]string{"HTTPS_PROXY": "http://proxy:3128", "NO_PROXY": ".anthropic.com"}, "", "HTTPS_PROXY", ".anthropic.com", nil},
		{"lower no_proxy wins", api, map[string]string{"HTTPS_PROXY": "http://proxy:3128", "no_proxy": "x.org", "NO_PROXY": "*"}, "proxy:3128", "HTTPS_PROXY", "", nil},
		{"socks", api, map[string]string{"HTTPS_PROXY": "socks5://proxy:1080"}, "", "HTTPS_PROXY", "", errSOCKS},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := newRunner(newEnv(t, tt.vars), Options{})
			rt, err := r.routeFor(tt.target)
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("err = %v, want %v", err, tt.wantErr)
			}
			got := ""
			if rt.proxy != nil {
				got = rt.proxyAddr()
			}
			if got != tt.wantProxy || rt.proxyVar != tt.wantVar || rt.bypass != tt.wantBypass {
				t.Errorf("got proxy %q var %q bypass %q; want %q %q %q", got, rt.proxyVar, rt.bypass, tt.wantProxy, tt.wantVar, tt.wantBypass)
			}
		})
	}
}

func TestProxyFinding(t *testing.T) {
	tests := []struct {
		name       string
		vars       map[string]string
		want       Status
		wantDetail string
	}{
		{"none", nil, OK, "No proxy applies"},
		{"used, password hidden", map[string]string{"HTTPS_PROXY": "http://me:hunter2secret@proxy:3128"}, OK, "http://…@proxy:3128 is used"},
		{"bypassed", map[string]string{"HTTPS_PROXY": "http://proxy:3128", "NO_PROXY": "*"}, OK, `NO_PROXY entry "*"`},
		{"socks", map[string]string{"HTTPS_PROXY": "socks5h://me:hunter2secret@proxy:1080"}, Fail, "SOCKS"},
		{"bad", map[string]string{"HTTPS_PROXY": "ftp://proxy"}, Fail, "not a usable proxy URL"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fs := offline(t, newEnv(t, tt.vars))
			f := find(t, fs, "proxy")
			if f.Status != tt.want || !strings.Contains(en(f.Detail), tt.wantDetail) {
				t.Errorf("got %s %q, want %s containing %q", f.Status, en(f.Detail), tt.want, tt.wantDetail)
			}
			if strings.Contains(en(f.Detail), "hunter2") {
				t.Errorf("proxy password printed: %q", en(f.Detail))
			}
		})
	}
}
