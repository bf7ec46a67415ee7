// Package hook is what runs inside Claude Code's StopFailure hook, and what
// puts it there.
//
// [StopFailure] reads the record Claude Code writes on the hook's standard
// input (session, prompt, error, last_assistant_message, …), classifies it,
// appends it to the local store (the same one ccerr collect uses), forwards
// it to a collector when CCERR_COLLECT_URL is set, and can raise a desktop
// notification. It runs inside every failed turn, so it is bounded in time
// (reading, storing and forwarding each have a deadline), it never fails:
// whatever goes wrong is written to its own log file, and it returns.
//
// [Install] writes the hook entry into Claude Code's settings.json:
// idempotently, keeping every other key and their order, after a backup,
// with an atomic rename.
package hook
