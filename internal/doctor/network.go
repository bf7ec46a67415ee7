package doctor

import (
	"bufio"
	"context"
	"crypto/tls"
	"encoding/base64"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"os"
	"strings"
	"syscall"
	"time"

	"github.com/ccerr/ccerr/catalog"

	"github.com/ccerr/ccerr/internal/redact"
)

// maxClockSkew is our own threshold for warning about the local clock: no
// source names one. Five minutes is far beyond network delay and the
// Date header's one-second resolution, and short enough that retry-after
// dates and quota reset times are still read sensibly.
const maxClockSkew = 5 * time.Minute

// apiURL returns the API address the checks talk to, or nil when
// ANTHROPIC_BASE_URL is set but invalid (the settings check reports it).
func (r *runner) apiURL() *url.URL {
	raw := r.env.APIURL
	if raw == "" {
		raw = r.getenv(envBaseURL)
	}
	if raw == "" {
		raw = DefaultAPIURL
	}
	u, err := parseBaseURL(raw)
	if err != nil {
		return nil
	}
	return u
}

func (r *runner) network(ctx context.Context) []Finding {
	var out []Finding
	target := r.apiURL()
	var rt *route
	if target != nil {
		var perr error
		rt, perr = r.routeFor(target)
		out = append(out, r.proxyFinding(rt, perr))
		if perr != nil {
			rt = nil
		}
	}
	if v := r.getenv(envRejectUnauth); v != "" {
		out = append(out, r.rejectUnauthorized(v))
	}
	extra, caFinding := r.loadExtraCAs()
	if caFinding != nil {
		out = append(out, *caFinding)
	}
	switch {
	case r.opts.Offline:
		out = append(out, Finding{Name: "connection", Group: GroupNetwork, Status: Skip, Detail: say(MsgNetOffline)})
	case rt == nil:
		out = append(out, Finding{Name: "connection", Group: GroupNetwork, Status: Skip, Detail: say(MsgNetNoRoute)})
	default:
		out = append(out, r.path(ctx, rt, extra)...)
	}
	return out
}

func (r *runner) proxyFinding(rt *route, perr error) Finding {
	f := Finding{Name: "proxy", Group: GroupNetwork, Status: OK}
	switch {
	case perr != nil:
		f.Status, f.ID = Fail, catalog.ConnectionFailed
		val := r.env.Getenv(rt.proxyVar)
		if u, err := url.Parse(strings.TrimSpace(val)); err == nil && u.Host != "" {
			val = redact.URL(u)
		} else {
			val = quoteURL(val)
		}
		if errors.Is(perr, errSOCKS) {
			f.Detail = say(MsgProxySocks, rt.proxyVar, val)
		} else {
			f.Detail = say(MsgProxyBad, rt.proxyVar, val, perr.Error())
		}
		f.Fix = say(MsgFixProxy)
	case rt.bypass != "":
		f.Detail = say(MsgProxyBypass, rt.host, rt.noProxy, rt.bypass, rt.proxyVar)
	case rt.proxy != nil:
		f.Detail = say(MsgProxyUsed, rt.proxyVar, redact.URL(rt.proxy), rt.host)
		if rt.noProxy != "" {
			f.Detail = append(f.Detail, msg(MsgProxyNoMatch, rt.noProxy))
		}
	default:
		f.Detail = say(MsgProxyNone, rt.host)
	}
	return f
}

func (r *runner) rejectUnauthorized(v string) Finding {
	f := Finding{Name: envRejectUnauth, Group: GroupNetwork, Status: OK}
	if v == "0" {
		f.Status, f.ID = Fail, catalog.TLSCertificate
		f.Detail = say(MsgRejectOff)
		f.Fix = say(MsgFixReject)
		return f
	}
	f.Detail = say(MsgRejectOn, quoteValue(v))
	return f
}

// step runs one timed network step with its own timeout.
func (r *runner) step(ctx context.Context, fn func(ctx context.Context) Finding) Finding {
	sctx, cancel := context.WithTimeout(ctx, r.env.Timeout)
	defer cancel()
	start := r.env.Now()
	f := fn(sctx)
	f.Duration = max(r.env.Now().Sub(start), 0)
	f.Timed = true
	return f
}

// path runs DNS, TCP, the proxy tunnel, TLS and the clock check in order;
// after the first failure the remaining steps are reported as skipped.
func (r *runner) path(ctx context.Context, rt *route, extra *extraCAs) []Finding {
	steps := []string{"dns", "tcp"}
	if rt.proxy != nil {
		steps = append(steps, "proxy-connect")
	}
	if rt.target.Scheme == "https" {
		steps = append(steps, "tls")
	}
	steps = append(steps, "clock")

	dialHost, dialAddr := rt.host, rt.addr()
	if rt.proxy != nil {
		dialHost, dialAddr = rt.proxy.Hostname(), rt.proxyAddr()
	}
	var out []Finding
	var conn net.Conn
	defer func() {
		if conn != nil {
			conn.Close()
		}
	}()
	for i, name := range steps {
		var next net.Conn
		f := r.step(ctx, func(ctx context.Context) Finding {
			var f Finding
			switch name {
			case "dns":
				f = r.dnsStep(ctx, dialHost, rt.proxy != nil)
			case "tcp":
				next, f = r.tcpStep(ctx, dialAddr, rt)
			case "proxy-connect":
				next, f = r.connectStep(ctx, conn, rt, extra)
			case "tls":
				var tc *tls.Conn
				if tc, f = r.tlsStep(ctx, conn, rt, extra); tc != nil {
					next = tc
				}
			default:
				f = r.clockStep(ctx, conn, rt)
			}
			return f
		})
		out = append(out, f)
		if next != nil {
			conn = next // each layer wraps the one below; closing the top closes all
		}
		if f.Status == Fail {
			r.failedStep = name
			for _, rest := range steps[i+1:] {
				out = append(out, Finding{Name: rest, Group: GroupNetwork, Status: Skip, Detail: say(MsgNetSkipped, name)})
			}
			break
		}
	}
	return out
}

func (r *runner) dnsStep(ctx context.Context, host string, viaProxy bool) Finding {
	f := Finding{Name: "dns", Group: GroupNetwork, Status: OK}
	if ip := net.ParseIP(host); ip != nil {
		f.Detail = say(MsgDNSIp, host)
		return f
	}
	addrs, err := r.env.Resolve(ctx, host)
	if err != nil || len(addrs) == 0 {
		f.Status, f.ID = Fail, catalog.ConnectionFailed
		if err == nil {
			err = errors.New("no addresses")
		}
		f.Detail = say(MsgDNSFail, host, errText(err))
		f.Fix = say(MsgFixDNS)
		if viaProxy {
			f.Fix = say(MsgFixProxy)
		}
		return f
	}
	shown := addrs
	if len(shown) > 3 {
		shown = append(shown[:3:3], "…")
	}
	f.Detail = say(MsgDNSOK, host, strings.Join(shown, ", "))
	return f
}

// errnoName names a dial error the way Node (and so Claude Code) does.
func errnoName(err error) string {
	var dnsErr *net.DNSError
	switch {
	case errors.As(err, &dnsErr) && !dnsErr.IsTimeout:
		return "ENOTFOUND"
	case errors.Is(err, syscall.ECONNREFUSED):
		return "ECONNREFUSED"
	case errors.Is(err, syscall.ECONNRESET):
		return "ECONNRESET"
	case errors.Is(err, syscall.EHOSTUNREACH):
		return "EHOSTUNREACH"
	case errors.Is(err, syscall.ENETUNREACH):
		return "ENETUNREACH"
	case errors.Is(err, context.DeadlineExceeded), errors.Is(err, os.ErrDeadlineExceeded):
		return "ETIMEDOUT"
	}
	var ne net.Error
	if errors.As(err, &ne) && ne.Timeout() {
		return "ETIMEDOUT"
	}
	return ""
}

func (r *runner) tcpStep(ctx context.Context, addr string, rt *route) (net.Conn, Finding) {
	f := Finding{Name: "tcp", Group: GroupNetwork, Status: OK}
	conn, err := r.env.Dial(ctx, "tcp", addr)
	if err != nil {
		f.Status, f.ID = Fail, catalog.ConnectionFailed
		code := errnoName(err)
		if code == "" {
			code = errText(err)
		}
		what := msg(MsgNetAPI)
		if rt.proxy != nil {
			what = msg(MsgNetProxy, rt.proxyVar)
		}
		f.Detail = say(MsgTCPFail, addr, what, code)
		if code == "ETIMEDOUT" {
			f.Detail = say(MsgTCPTimeout, addr, what, r.env.Timeout.String())
		}
		f.Fix = r.fix(f.ID, "curl", MsgFixTCP)
		if rt.proxy != nil {
			f.Fix = say(MsgFixProxy)
		}
		return nil, f
	}
	f.Detail = say(MsgTCPOK, addr)
	return conn, f
}

// connectStep opens a CONNECT tunnel through the proxy on conn. A proxy's
// 403 with x-deny-reason: host_not_allowed (or x-proxy-error:
// blocked-by-allowlist) is the egress policy of a cloud session or routine.
func (r *runner) connectStep(ctx context.Context, conn net.Conn, rt *route, extra *extraCAs) (net.Conn, Finding) {
	f := Finding{Name: "proxy-connect", Group: GroupNetwork, Status: OK}
	failf := func(id catalog.ID, k Kind, args ...any) (net.Conn, Finding) {
		f.Status, f.ID = Fail, id
		f.Detail = say(k, args...)
		return nil, f
	}
	if d, ok := ctx.Deadline(); ok {
		_ = conn.SetDeadline(d)
		defer conn.SetDeadline(time.Time{})
	}
	pconn := conn
	if rt.proxy.Scheme == "https" {
		tc := tls.Client(conn, &tls.Config{ServerName: rt.proxy.Hostname(), RootCAs: r.rootPool(extra)})
		if err := tc.HandshakeContext(ctx); err != nil {
			detail, _ := r.tlsTrouble(err, rt.proxy.Hostname(), r.env.Now())
			n, f2 := failf(catalog.TLSCertificate, detail.Kind, detail.Args...)
			f2.Fix = r.fix(catalog.TLSCertificate, envNodeExtraCACerts, MsgFixExtraCA)
			return n, f2
		}
		pconn = tc
	}
	req := &http.Request{
		Method: http.MethodConnect,
		URL:    &url.URL{Opaque: rt.addr()},
		Host:   rt.addr(),
		Header: http.Header{"User-Agent": {"ccerr-doctor"}},
	}
	if u := rt.proxy.User; u != nil {
		pass, _ := u.Password()
		req.Header.Set("Proxy-Authorization", "Basic "+base64.StdEncoding.EncodeToString([]byte(u.Username()+":"+pass)))
	}
	if err := req.Write(pconn); err != nil {
		n, f2 := failf(catalog.ConnectionFailed, MsgConnectIO, rt.proxyVar, errText(err))
		f2.Fix = say(MsgFixProxy)
		return n, f2
	}
	br := bufio.NewReader(pconn)
	resp, err := http.ReadResponse(br, req)
	if err != nil {
		n, f2 := failf(catalog.ConnectionFailed, MsgConnectIO, rt.proxyVar, errText(err))
		f2.Fix = say(MsgFixProxy)
		return n, f2
	}
	resp.Body.Close()
	deny := resp.Header.Get("X-Deny-Reason")
	perr := resp.Header.Get("X-Proxy-Error")
	switch {
	case resp.StatusCode == http.StatusForbidden && (strings.EqualFold(deny, "host_not_allowed") || strings.EqualFold(perr, "blocked-by-allowlist")):
		why := "x-deny-reason: " + deny
		if deny == "" {
			why = "x-proxy-error: " + perr
		}
		n, f2 := failf(catalog.HostNotAllowed, MsgConnectDenied, rt.proxyVar, rt.addr(), resp.Status, why)
		f2.Fix = r.fix(f2.ID, "Allowed domains", MsgFixHostNotAllowed, rt.host)
		return n, f2
	case resp.StatusCode == http.StatusProxyAuthRequired:
		n, f2 := failf(catalog.ConnectionFailed, MsgConnectAuth, rt.proxyVar, resp.Status)
		f2.Fix = say(MsgFixProxyAuth, rt.proxyVar)
		return n, f2
	case resp.StatusCode/100 != 2:
		n, f2 := failf(catalog.ConnectionFailed, MsgConnectRefused, rt.proxyVar, rt.addr(), resp.Status)
		f2.Fix = say(MsgFixProxy)
		return n, f2
	}
	f.Detail = say(MsgConnectOK, rt.addr(), rt.proxyVar)
	if br.Buffered() > 0 {
		return &bufferedConn{Conn: pconn, r: br}, f
	}
	return pconn, f
}

// bufferedConn reads first what a bufio.Reader already took from the connection.
type bufferedConn struct {
	net.Conn
	r *bufio.Reader
}

func (c *bufferedConn) Read(p []byte) (int, error) { return c.r.Read(p) }

func (r *runner) tlsStep(ctx context.Context, conn net.Conn, rt *route, extra *extraCAs) (*tls.Conn, Finding) {
	f := Finding{Name: "tls", Group: GroupNetwork, Status: OK}
	tc := tls.Client(conn, &tls.Config{ServerName: rt.host, RootCAs: r.rootPool(extra)})
	if err := tc.HandshakeContext(ctx); err != nil {
		detail, certProblem := r.tlsTrouble(err, rt.host, r.env.Now())
		f.Status, f.ID = Fail, catalog.ConnectionFailed
		f.Detail = Text{detail}
		f.Fix = say(MsgFixTCP)
		if certProblem {
			f.ID = catalog.TLSCertificate
			f.Fix = r.fix(f.ID, envNodeExtraCACerts, MsgFixExtraCA)
			if detail.Kind == MsgTLSExpired {
				f.Fix = say(MsgFixExpired)
			}
		}
		return nil, f
	}
	st := tc.ConnectionState()
	leaf := st.PeerCertificates[0]
	f.Detail = say(MsgTLSOK, tls.VersionName(st.Version), issuerName(leaf))
	if fromExtra(st, extra) {
		f.Detail = append(f.Detail, msg(MsgTLSViaExtra, envNodeExtraCACerts))
	}
	return tc, f
}

// clockStep sends HEAD / on the open connection and compares the response's
// Date header with the local clock.
func (r *runner) clockStep(ctx context.Context, conn net.Conn, rt *route) Finding {
	f := Finding{Name: "clock", Group: GroupNetwork, Status: OK}
	if d, ok := ctx.Deadline(); ok {
		_ = conn.SetDeadline(d)
	}
	req := &http.Request{
		Method: http.MethodHead,
		URL:    &url.URL{Path: "/"},
		Host:   rt.target.Host,
		Header: http.Header{"User-Agent": {"ccerr-doctor"}, "Connection": {"close"}},
	}
	sent := r.env.Now()
	if err := req.Write(conn); err != nil {
		f.Status = Skip
		f.Detail = say(MsgClockNoAnswer, errText(err))
		return f
	}
	resp, err := http.ReadResponse(bufio.NewReader(conn), req)
	if err != nil {
		f.Status = Skip
		f.Detail = say(MsgClockNoAnswer, errText(err))
		return f
	}
	resp.Body.Close()
	recv := r.env.Now()
	date, err := http.ParseTime(resp.Header.Get("Date"))
	if err != nil {
		f.Status = Skip
		f.Detail = say(MsgClockNoDate, resp.Status)
		return f
	}
	local := sent.Add(recv.Sub(sent) / 2)
	skew := local.Sub(date).Round(time.Second)
	abs := skew
	if abs < 0 {
		abs = -abs
	}
	if abs > maxClockSkew {
		f.Status = Warn
		dir := msg(MsgClockAhead)
		if skew < 0 {
			dir = msg(MsgClockBehind)
		}
		f.Detail = say(MsgClockSkew, fmtDuration(abs), dir, date.UTC().Format(time.RFC1123))
		f.Fix = say(MsgFixClock)
		return f
	}
	f.Detail = say(MsgClockOK, fmtDuration(abs), resp.Status)
	return f
}

func fmtDuration(d time.Duration) string {
	if d < time.Second {
		return "0s"
	}
	return fmt.Sprint(d.Round(time.Second))
}
