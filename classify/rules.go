package classify

import (
	"net/http"
	"strings"

	"github.com/ccerr/ccerr/catalog"
)

// messageRule recognises a 4xx by its API message. Each literal is a
// lower-case piece of the message the API sends (FACTS §1, §2); a rule
// applies when every one of its literals occurs.
type messageRule struct {
	id   catalog.ID
	all  []string
	only int // when not 0, the rule applies to this status only
}

// messageRules are tried in order; the first that applies wins. Billing
// comes first so that a 400 about money is never read as a bad request.
var messageRules = []messageRule{
	{id: idCreditBalanceLow, all: []string{"credit balance is too low"}},
	{id: idCreditBalanceLow, all: []string{"you have reached your specified", "api usage limits"}},
	{id: idOrgDisabled, all: []string{"organization has been disabled"}},
	{id: idOrgDisabled, all: []string{"api key authentication is disabled"}},
	{id: idOAuthScope, all: []string{"does not meet scope requirement"}},
	{id: idOAuthInvalid, all: []string{"oauth token has been revoked"}},
	{id: idOAuthInvalid, all: []string{"oauth token has expired"}},
	{id: idRoutinesDisabled, all: []string{"routines are disabled"}},
	{id: idPromptTooLong, all: []string{"prompt is too long"}},
	{id: idPromptTooLong, all: []string{"exceed context limit"}},
	{id: idImageTooLarge, all: []string{"image dimensions exceed"}},
	{id: idImageTooLarge, all: []string{"image exceeds", "maximum"}},
	{id: idPDFUnreadable, all: []string{"pdf pages"}},
	{id: idPDFUnreadable, all: []string{"pdf specified", "password protected"}},
	{id: idPDFUnreadable, all: []string{"pdf specified was not valid"}},
	{id: idPDFUnreadable, all: []string{"pdf", "not valid"}},
	{id: idBetaStripped, all: []string{"extra inputs are not permitted"}},
	{id: idThinkingUnsupp, all: []string{"thinking.type.enabled", "not supported"}},
	{id: idThinkingBudget, all: []string{"max_tokens", "thinking.budget_tokens"}},
	{id: idToolUseMismatch, all: []string{"tool_use", "tool_result"}},
	{id: idToolUseMismatch, all: []string{"tool_use", "unique"}},
	{id: idToolUseMismatch, all: []string{"tool_use", "duplicate"}},
	{id: idModelUnavailable, all: []string{"model"}, only: http.StatusNotFound},
}

// messageID applies messageRules to a failure's API message (or, for a
// body that is not the API's envelope, to the body itself).
func messageID(f *Failure) catalog.ID {
	msg := f.APIMessage
	if msg == "" && f.ErrorType == "" {
		msg = string(f.Body)
	}
	if msg == "" {
		return ""
	}
	low := strings.ToLower(msg)
	for _, r := range messageRules {
		if r.only != 0 && r.only != f.Status {
			continue
		}
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
