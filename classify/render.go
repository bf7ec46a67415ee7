package classify

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/ccerr/ccerr/catalog"
	"github.com/ccerr/ccerr/internal/verdict"
)

// Wordings Claude Code prints, verbatim: for 5xx and 529 as Claude Code
// 2.1.332 prints them, for the rest from the reference (the catalog's
// "seed" messages); see FACTS §1.
const (
	serverTail         = ". This is a server-side issue, usually temporary — try again in a moment."
	persistsTail       = " If it persists, check https://status.claude.com."
	msgOverloaded      = "API Error: Repeated 529 Overloaded errors. The API is at capacity — this is usually temporary. Try again in a moment." + persistsTail
	msgAuthFailed      = "Failed to authenticate. "
	msgTimeout         = "Request timed out"
	msgThrottled       = "API Error: Server is temporarily limiting requests (not your usage limit)"
	msgRateLimited     = "API Error: Request rejected (429) · this may be a temporary capacity issue"
	msgCredit          = "Credit balance is too low"
	msgInvalidKey      = "Invalid API key · Fix external API key"
	msgOrgDisabled     = "Your ANTHROPIC_API_KEY belongs to a disabled organization · Unset the environment variable to use your other credentials"
	msgRoutines        = "Routines are disabled by your organization's policy."
	msgOAuthRevoked    = "OAuth token revoked · Please run /login"
	msgOAuthExpired    = "OAuth token has expired · Please run /login"
	msgScope           = "OAuth token does not meet scope requirement: "
	msgConnect         = "Unable to connect to API"
	msgConnectNoCode   = "Unable to connect to API. Check your internet connection"
	msgTLSVerify       = "Unable to connect to API: SSL certificate verification failed. Check your proxy or corporate SSL certificates"
	msgTLSSelfSigned   = "Unable to connect to API: Self-signed certificate detected"
	msgPromptTooLong   = "Prompt is too long"
	msgRequestTooLarge = "Request too large (max 30 MB). Double press esc to go back and remove or shrink the attached content."
	msgImageTooLarge   = "Image was too large. Double press esc to go back and try again with a smaller image."
	msgPDFPages        = "PDF too large (max 100 pages, 32 MB). Try splitting it or extracting text first."
	msgPDFPassword     = "PDF is password protected. Try removing protection or extracting text first."
	msgPDFInvalid      = "The PDF file was not valid. Try converting to a different format first."
	msgToolUse         = "API Error: 400 due to tool use concurrency issues. Run /rewind to recover the conversation."
	msgModelHead       = "There's an issue with the selected model ("
	msgModelTail       = "). It may not exist or you may not have access to it. Run /model to select a different one."
)

// maxShownBody bounds the raw body a 5xx message shows.
const maxShownBody = 512

func (c *Classifier) render(f *Failure) string {
	low := strings.ToLower(f.APIMessage)
	switch f.ID {
	case catalog.ServerError:
		return serverError(f)
	case catalog.Overloaded:
		if f.repeated > 0 && f.repeated < RepeatedOverloaded {
			// Fewer 529s than Claude Code waits for: it shows this one as
			// it shows any server error.
			return serverError(f)
		}
		return msgOverloaded
	case catalog.RequestTimeout:
		return msgTimeout
	case catalog.UsageLimit:
		s := "You've hit your " + f.Limit
		if !f.ResetsAt.IsZero() {
			s += " · resets " + formatReset(f.ResetsAt, c.now(), c.location())
		}
		return s
	case catalog.ServerThrottled:
		return msgThrottled
	case catalog.RateLimited:
		return msgRateLimited
	case catalog.CreditBalanceLow:
		return msgCredit
	case catalog.InvalidAPIKey:
		return msgInvalidKey
	case catalog.OrganizationDisabled:
		return msgOrgDisabled
	case catalog.RoutinesDisabled:
		return msgRoutines
	case catalog.OAuthTokenInvalid:
		switch {
		case strings.Contains(low, "revoked"):
			return msgOAuthRevoked
		case strings.Contains(low, "expired"):
			return msgOAuthExpired
		}
		return msgAuthFailed + apiErrorLine(f, false)
	case catalog.OAuthScope:
		return msgScope + scopeOf(f.APIMessage)
	case catalog.ConnectionFailed:
		if f.Code != "" {
			return msgConnect + " (" + f.Code + ")"
		}
		return msgConnectNoCode
	case catalog.TLSCertificate:
		if f.Code == "DEPTH_ZERO_SELF_SIGNED_CERT" || f.Code == "SELF_SIGNED_CERT_IN_CHAIN" {
			return msgTLSSelfSigned
		}
		return msgTLSVerify
	case catalog.HostNotAllowed:
		// The reference shows the status line and the header on two lines.
		status := f.Status
		if status == 0 {
			status = http.StatusForbidden
		}
		r := verdict.DenyReason(f.Header)
		if r == "" {
			r = "x-deny-reason: host_not_allowed"
		}
		return "HTTP " + strconv.Itoa(status) + "\n" + r
	case catalog.PromptTooLong:
		return msgPromptTooLong
	case catalog.RequestTooLarge:
		return msgRequestTooLarge
	case catalog.ImageTooLarge:
		if strings.Contains(low, "dimensions") {
			return apiErrorLine(f, false)
		}
		return msgImageTooLarge
	case catalog.PDFUnreadable:
		switch {
		case strings.Contains(low, "password"):
			return msgPDFPassword
		case strings.Contains(low, "pages"):
			return msgPDFPages
		}
		return msgPDFInvalid
	case catalog.ToolUseMismatch:
		return msgToolUse
	case catalog.ModelUnavailable:
		if f.Model == "" {
			return strings.TrimSuffix(msgModelHead, " (") + strings.TrimPrefix(msgModelTail, ")")
		}
		return msgModelHead + f.Model + msgModelTail
	}
	// beta-header-stripped, thinking-*, and anything unclassified: the
	// reference shows these as "API Error: <status> <message>".
	return apiErrorLine(f, false)
}

// serverError is Claude Code 2.1.332's text for a 5xx (and for a 529 it
// has not yet seen repeated): "API Error: <status> <message>. This is a
// server-side issue, …", the message being the API's, or the body when it
// has none, without its final punctuation.
func serverError(f *Failure) string {
	msg := f.APIMessage
	if msg == "" {
		msg = shownBody(f)
	}
	msg = strings.TrimRight(strings.Join(strings.Fields(msg), " "), ".!?…")
	return "API Error: " + strconv.Itoa(f.Status) + " " + msg + serverTail + persistsTail
}

// apiErrorLine is "API Error: <status> <message>", the generic form; with
// raw it shows the body instead of the message.
func apiErrorLine(f *Failure, raw bool) string {
	if f.Status == 0 {
		if f.Err != nil {
			return "API Error: " + f.Err.Error()
		}
		return "API Error"
	}
	text := f.APIMessage
	if raw || text == "" {
		text = shownBody(f)
	}
	return "API Error: " + strconv.Itoa(f.Status) + " " + text
}

// shownBody is the body as Claude Code prints it when there is no message: compact JSON
// when it is JSON, else the text on one line, cut at maxShownBody bytes;
// the status text when the body is empty.
func shownBody(f *Failure) string {
	b := bytes.TrimSpace(f.Body)
	if len(b) == 0 {
		if f.APIMessage != "" {
			return f.APIMessage
		}
		if t := http.StatusText(f.Status); t != "" {
			return t
		}
		return "(no body)"
	}
	var buf bytes.Buffer
	if json.Valid(b) && json.Compact(&buf, b) == nil {
		b = buf.Bytes()
	} else {
		b = []byte(strings.Join(strings.Fields(string(b)), " "))
	}
	if len(b) > maxShownBody {
		cut := maxShownBody
		for cut > 0 && !utf8.RuneStart(b[cut]) {
			cut--
		}
		return string(b[:cut]) + "…"
	}
	return strings.ToValidUTF8(string(b), "\uFFFD")
}

// scopeOf pulls the missing scope out of the API's message, which puts it
// after "requirement" on a new line: "…scope requirement\n user:profile".
func scopeOf(msg string) string {
	if s := wordAfter(msg, "scope requirement"); s != "" {
		return s
	}
	return "user:profile"
}

// wordAfter returns the first word after key (matched without regard to
// ASCII case) in s, skipping a colon and spaces; "" if key is absent.
func wordAfter(s, key string) string {
	i := indexFold(s, key)
	if i < 0 {
		return ""
	}
	rest := strings.TrimLeft(s[i+len(key):], ": \t\r\n")
	if f := strings.Fields(rest); len(f) > 0 {
		return strings.Trim(f[0], "`'\".,;")
	}
	return ""
}

// indexFold is strings.Index ignoring case, for an ASCII key.
func indexFold(s, key string) int {
	for i := 0; i+len(key) <= len(s); i++ {
		if strings.EqualFold(s[i:i+len(key)], key) {
			return i
		}
	}
	return -1
}
