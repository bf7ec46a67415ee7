package doctor

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"

	"github.com/ccerr/ccerr/catalog"

	"github.com/ccerr/ccerr/classify"
	"github.com/ccerr/ccerr/internal/probe"
	"github.com/ccerr/ccerr/retry"
)

// maxLiveBody bounds how much of the live answer is read.
const maxLiveBody = 1 << 20

// DefaultModel is the model the live request asks for when [Options.Model]
// is empty: the same as `ccerr ping`'s.
const DefaultModel = probe.DefaultModel

// stepError carries the finding of a network step that failed while
// dialing for the live request, so the live finding can reuse its diagnosis.
type stepError struct{ f Finding }

func (e *stepError) Error() string { return "the " + e.f.Name + " step failed" }

// dialRoute opens a connection to the API along rt: TCP, the proxy tunnel
// and, for https, TLS, using the same steps as the path check.
func (r *runner) dialRoute(ctx context.Context, rt *route, extra *extraCAs) (net.Conn, error) {
	addr := rt.addr()
	if rt.proxy != nil {
		addr = rt.proxyAddr()
	}
	conn, f := r.tcpStep(ctx, addr, rt)
	if conn == nil {
		return nil, &stepError{f}
	}
	if rt.proxy != nil {
		tunnel, f := r.connectStep(ctx, conn, rt, extra)
		if tunnel == nil {
			conn.Close()
			return nil, &stepError{f}
		}
		conn = tunnel
	}
	if rt.target.Scheme == "https" {
		tc, f := r.tlsStep(ctx, conn, rt, extra)
		if tc == nil {
			conn.Close()
			return nil, &stepError{f}
		}
		conn = tc
	}
	return conn, nil
}

// liveCredential picks the header the live request authenticates with,
// from the environment only: the doctor does not run apiKeyHelper or read
// the stored login.
func (r *runner) liveCredential() (header, value string) {
	if v := strings.TrimSpace(r.env.Getenv(srcAuthToken)); v != "" {
		return "Authorization", "Bearer " + v
	}
	if v := strings.TrimSpace(r.env.Getenv(srcAPIKey)); v != "" {
		return "X-Api-Key", v
	}
	if v := strings.TrimSpace(r.env.Getenv(srcOAuthToken)); v != "" {
		return "Authorization", "Bearer " + v
	}
	return "", ""
}

func (r *runner) live(ctx context.Context) []Finding {
	f := Finding{Name: "api-request", Group: GroupLive, Status: Skip}
	switch {
	case r.opts.Offline:
		f.Detail = say(MsgNetOffline)
		return []Finding{f}
	case !r.opts.Live:
		f.Detail = say(MsgLiveOff)
		return []Finding{f}
	}
	if r.failedStep != "" {
		// The request would fail the same way; the path check said why.
		f.Detail = say(MsgNetSkipped, r.failedStep)
		return []Finding{f}
	}
	target := r.apiURL()
	if target == nil {
		f.Detail = say(MsgNetNoRoute)
		return []Finding{f}
	}
	rt, err := r.routeFor(target)
	if err != nil {
		f.Detail = say(MsgNetNoRoute)
		return []Finding{f}
	}
	hdr, cred := r.liveCredential()
	if hdr == "" {
		f.Detail = say(MsgLiveNoCred)
		return []Finding{f}
	}
	beta := ""
	if strings.HasPrefix(cred, "Bearer sk-ant-oat") && r.getenv(srcAuthToken) == "" {
		// Subscription tokens are accepted on the Messages API only with this beta.
		beta = "oauth-2025-04-20"
	}
	return []Finding{r.step(ctx, func(ctx context.Context) Finding { return r.liveRequest(ctx, rt, hdr, cred, beta) })}
}

func (r *runner) liveRequest(ctx context.Context, rt *route, hdr, cred, beta string) Finding {
	f := Finding{Name: "api-request", Group: GroupLive}
	extra, _ := r.loadExtraCAs()
	dial := func(ctx context.Context, _, _ string) (net.Conn, error) { return r.dialRoute(ctx, rt, extra) }
	tr := &http.Transport{
		DialContext:       dial,
		DialTLSContext:    dial,
		DisableKeepAlives: true,
	}
	defer tr.CloseIdleConnections()
	model := r.opts.Model
	if model == "" {
		model = DefaultModel
	}
	endpoint := strings.TrimSuffix(rt.target.String(), "/") + "/v1/messages"
	req, err := probe.NewRequest(ctx, endpoint, model, "ccerr-doctor")
	if err != nil {
		f.Status, f.Detail = Fail, say(MsgLiveErr, errText(err))
		return f
	}
	req.Header.Set(hdr, cred)
	if beta != "" {
		req.Header.Set("Anthropic-Beta", beta)
	}
	resp, err := (&http.Client{Transport: tr}).Do(req)
	if err != nil {
		var se *stepError
		if errors.As(err, &se) {
			f.Status, f.ID, f.Detail, f.Fix = Fail, se.f.ID, se.f.Detail, se.f.Fix
			return f
		}
		f.Status, f.ID = Fail, catalog.ConnectionFailed
		f.Detail = say(MsgLiveErr, errText(err))
		if r.opts.Classify != nil {
			if id, message := r.opts.Classify(nil, err); id != "" {
				f.ID, f.Detail = id, say(MsgLiveClassified, message)
			}
		}
		f.Fix = r.fix(f.ID, "", MsgFixTCP)
		return f
	}
	defer resp.Body.Close()
	reqID := resp.Header.Get("Request-Id")
	if resp.StatusCode/100 == 2 {
		// Claude Code gives up on an answer that stops arriving; so does
		// the doctor, rather than call a stalled stream a success.
		policy, _ := retry.PolicyFromEnv(r.env.Getenv)
		body, err := probe.ReadAll(resp.Body, maxLiveBody, probe.IdleTimeout(r.env.Getenv, policy.AttemptTimeout))
		var fl *classify.Failure
		switch {
		case err != nil:
			fl = classify.Err(err)
		case probe.StreamError(body) != nil:
			fl = classify.Stream(probe.StreamError(body))
		}
		if fl == nil {
			f.Status = OK
			f.Detail = say(MsgLiveOK, resp.StatusCode, model, orDash(reqID))
			return f
		}
		f.Status, f.ID = Fail, fl.ID
		f.Detail = say(MsgLiveFail, resp.StatusCode, fl.Error(), orDash(reqID))
		if f.ID != "" {
			f.Fix = r.fix(f.ID, "", MsgFixExplain, f.ID)
		}
		return f
	}
	f.Status = Fail
	if r.opts.Classify != nil {
		id, msg := r.opts.Classify(resp, nil)
		f.ID = id
		f.Detail = say(MsgLiveFail, resp.StatusCode, msg, orDash(reqID))
	} else {
		raw, _ := io.ReadAll(io.LimitReader(resp.Body, 64<<10))
		var e struct {
			Error struct{ Type, Message string } `json:"error"`
		}
		msg := strings.TrimSpace(string(raw))
		if json.Unmarshal(raw, &e) == nil && e.Error.Type != "" {
			msg = fmt.Sprintf("%s: %s", e.Error.Type, e.Error.Message)
		}
		if rs := []rune(msg); len(rs) > 300 {
			msg = string(rs[:300]) + "…"
		}
		f.Detail = say(MsgLiveFail, resp.StatusCode, msg, orDash(reqID))
	}
	if f.ID != "" {
		f.Fix = r.fix(f.ID, "", MsgFixExplain, f.ID)
	}
	return f
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
