package verdict

import (
	"strings"

	"github.com/ccerr/ccerr/catalog"
)

// messageRule recognises a 4xx by its API message. Each literal is a
// lower-case piece of the message the API sends (FACTS §1, §2); a rule
// applies when every one of its literals occurs.
type messageRule struct {
	id  catalog.ID
	all []string
}

// messageRules are tried in order; the first that applies wins. Billing
// comes first so that a 400 about money is never read as a bad request.
var messageRules = []messageRule{
	{id: catalog.CreditBalanceLow, all: []string{"credit balance is too low"}},
	{id: catalog.CreditBalanceLow, all: []string{"you have reached your specified", "api usage limits"}},
	{id: catalog.OrganizationDisabled, all: []string{"organization has been disabled"}},
	{id: catalog.OrganizationDisabled, all: []string{"api key authentication is disabled"}},
	{id: catalog.OAuthScope, all: []string{"does not meet scope requirement"}},
	{id: catalog.OAuthTokenInvalid, all: []string{"oauth token has been revoked"}},
	{id: catalog.OAuthTokenInvalid, all: []string{"oauth token has expired"}},
	{id: catalog.RoutinesDisabled, all: []string{"routines are disabled"}},
	{id: catalog.PromptTooLong, all: []string{"prompt is too long"}},
	{id: catalog.PromptTooLong, all: []string{"exceed context limit"}},
	{id: catalog.ImageTooLarge, all: []string{"image dimensions exceed"}},
	{id: catalog.ImageTooLarge, all: []string{"image exceeds", "maximum"}},
	{id: catalog.PDFUnreadable, all: []string{"pdf pages"}},
	{id: catalog.PDFUnreadable, all: []string{"pdf specified", "password protected"}},
	{id: catalog.PDFUnreadable, all: []string{"pdf specified was not valid"}},
	{id: catalog.PDFUnreadable, all: []string{"pdf", "not valid"}},
	{id: catalog.BetaHeaderStripped, all: []string{"extra inputs are not permitted"}},
	{id: catalog.ThinkingUnsupported, all: []string{"thinking.type.enabled", "not supported"}},
	{id: catalog.ThinkingBudget, all: []string{"max_tokens", "thinking.budget_tokens"}},
	{id: catalog.ToolUseMismatch, all: []string{"tool_use", "tool_result"}},
	{id: catalog.ToolUseMismatch, all: []string{"tool_use", "unique"}},
	{id: catalog.ToolUseMismatch, all: []string{"tool_use", "duplicate"}},
}

// messageID applies messageRules to an answer's API message (or, for a
// body that is not the API's envelope, to the body itself).
func messageID(a Answer) catalog.ID {
	msg := a.Message
	if msg == "" && a.ErrorType == "" {
		msg = string(a.Body)
	}
	if msg == "" {
		return ""
	}
	low := strings.ToLower(msg)
	for _, r := range messageRules {
		if containsAll(low, r.all) {
			return r.id
		}
	}
	return ""
}

func containsAll(s string, subs []string) bool {
	for _, sub := range subs {
		if !strings.Contains(s, sub) {
			return false
		}
	}
	return true
}
