package collect

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/ccerr/ccerr/internal/collect/verdict"
	"github.com/ccerr/ccerr/internal/store"
)

// HookRecord is what Claude Code writes to a StopFailure hook's standard
// input (FACTS §9.2), plus the time ccerr hook read it. ccerr hook forwards
// it to a collector's /v1/hook as this JSON.
type HookRecord struct {
	SessionID            string `json:"session_id"`
	PromptID             string `json:"prompt_id,omitempty"`
	TranscriptPath       string `json:"transcript_path,omitempty"`
	CWD                  string `json:"cwd,omitempty"`
	HookEventName        string `json:"hook_event_name"`
	Error                string `json:"error,omitempty"`
	ErrorDetails         string `json:"error_details,omitempty"`
	LastAssistantMessage string `json:"last_assistant_message,omitempty"`
	// At is when the hook ran (RFC 3339); set by ccerr hook, not by Claude Code.
	At time.Time `json:"ccerr_at,omitzero"`
}

// HookEventStopFailure is the hook_event_name of a turn that ended on an
// API error.
const HookEventStopFailure = "StopFailure"

// ParseHookRecord reads a hook record. It must name a session and be a
// StopFailure record.
func ParseHookRecord(b []byte) (HookRecord, error) {
	var r HookRecord
	if err := json.Unmarshal(b, &r); err != nil {
		return r, fmt.Errorf("hook record: %w", err)
	}
	if r.SessionID == "" {
		return r, errors.New("hook record: no session_id")
	}
	if r.HookEventName != HookEventStopFailure {
		return r, fmt.Errorf("hook record: hook_event_name is %q, want %q", r.HookEventName, HookEventStopFailure)
	}
	return r, nil
}

// Verdict classifies the record.
func (r HookRecord) Verdict() verdict.Verdict {
	return verdict.Hook(r.Error, r.LastAssistantMessage, r.ErrorDetails)
}

// Event turns the record into the store's event, classified.
func (r HookRecord) Event() store.Event {
	v := r.Verdict()
	msg := r.LastAssistantMessage
	if len(msg) > maxAttributeBytes {
		msg = strings.ToValidUTF8(msg[:maxAttributeBytes], "")
	}
	return store.Event{
		Kind:      store.KindHook,
		Session:   r.SessionID,
		Prompt:    r.PromptID,
		At:        r.At,
		ID:        v.ID,
		Side:      v.Side,
		Message:   msg,
		HookError: r.Error,
	}
}
