package ui

// StatusText is `ccerr status` and the status line of `ccerr explain
// --status`.
type StatusText struct {
	// Page is a fmt format with the page's URL and its overall
	// description (strings).
	Page string
	// Components heads the components that matter to Claude Code.
	Components string
	// States names the component states.
	States ComponentStates
	// Open is a fmt format with an incident's name, its impact and when it
	// started (strings); NoOpen replaces the list.
	Open, NoOpen string
	// Unreachable is a fmt format with the page's URL and the reason
	// (strings).
	Unreachable string
	// Local is a fmt format with the period (string), the failures (int64)
	// and how many were final (int64); NoLocal a fmt format with the
	// period (string).
	Local, NoLocal string
	// Inside is a fmt format with the failures inside incidents, all
	// failures (int64, int64), the time of the first (string) and the
	// incident holding most (string).
	Inside string
	// Outside is a fmt format with the failures (int64) and the time of
	// the first (string).
	Outside string
	// ServerNoIncident is a fmt format with the number of server-side
	// failures (int64) outside any incident.
	ServerNoIncident string
	// Checks heads the doctor checks; Doctor, DoctorLive and Repair say
	// what each command checks.
	Checks, Doctor, DoctorLive, Repair string
	// Now is a fmt format with the page's description (string), for
	// `ccerr explain --status`; NowIncident adds an open incident's name.
	Now, NowIncident string
	// NowUnreachable is a fmt format with the page's URL and the reason
	// (strings), for `ccerr explain --status`.
	NowUnreachable string
	// BadURL is a fmt format with the --status-url value (string); BadSince
	// the parse error (error).
	BadURL, BadSince string
}

// ComponentStates names the Statuspage component states.
type ComponentStates struct {
	Operational, Degraded, Partial, Major, Maintenance string
}

// Name returns the name of a state as the API spells it, or the state
// itself when unknown.
func (n ComponentStates) Name(state string) string {
	switch state {
	case "operational":
		return n.Operational
	case "degraded_performance":
		return n.Degraded
	case "partial_outage":
		return n.Partial
	case "major_outage":
		return n.Major
	case "under_maintenance":
		return n.Maintenance
	}
	return state
}

var statusEN = StatusText{
	Page:       "Status page %s: %s",
	Components: "Components Claude Code depends on:",
	States: ComponentStates{
		Operational: "operational",
		Degraded:    "degraded performance",
		Partial:     "partial outage",
		Major:       "major outage",
		Maintenance: "under maintenance",
	},
	Open:             "Open incident: %s (impact %s, since %s)",
	NoOpen:           "No open incident.",
	Unreachable:      "Could not reach the status page %s (%s). Local failures follow anyway.",
	Local:            "Local failures in the last %s: %d, %d of them final.",
	NoLocal:          "No failure in Claude Code's transcripts in the last %s.",
	Inside:           "Anthropic-side: %d of %d failures since %s fall in incident '%s'.",
	Outside:          "None of the %d failures since %s falls in a status page incident: look on this side first.",
	ServerNoIncident: "%d of them are server errors or overload all the same; the page may not have caught up yet.",
	Checks:           "Checks to run:",
	Doctor:           "settings, credentials, proxy, DNS and TLS on this machine",
	DoctorLive:       "the same, plus one small request to see what the API answers right now",
	Repair:           "a session file whose history the API keeps refusing",
	Now:              "Status page now: %s.",
	NowIncident:      "Open incident: %s.",
	NowUnreachable:   "The status page %s could not be read (%s).",
	BadURL:           "--status-url %q is not an http or https URL, e.g. https://status.claude.com",
	BadSince:         "--since: %v",
}

var statusZH = StatusText{
	Page:       "状态页 %s：%s",
	Components: "Claude Code 依赖的组件：",
	States: ComponentStates{
		Operational: "正常",
		Degraded:    "性能下降",
		Partial:     "部分中断",
		Major:       "严重中断",
		Maintenance: "维护中",
	},
	Open:             "未解决的事故：%s（影响 %s，开始于 %s）",
	NoOpen:           "没有未解决的事故。",
	Unreachable:      "无法访问状态页 %s（%s）。下面仍列出本地的失败。",
	Local:            "最近 %s 内的本地失败：%d 次，其中最终失败 %d 次。",
	NoLocal:          "最近 %s 内 Claude Code 的会话记录中没有失败。",
	Inside:           "Anthropic 一侧：%d / %d 次失败（自 %s 起）发生在事故“%s”期间。",
	Outside:          "%d 次失败（自 %s 起）都不在状态页事故期间：请先排查本方。",
	ServerNoIncident: "其中 %d 次仍是服务器错误或过载；状态页可能尚未更新。",
	Checks:           "建议运行的检查：",
	Doctor:           "本机的设置、凭据、代理、DNS 和 TLS",
	DoctorLive:       "同上，并发送一个很小的请求，看 API 此刻如何回应",
	Repair:           "API 一再拒绝其历史记录的会话文件",
	Now:              "状态页当前：%s。",
	NowIncident:      "未解决的事故：%s。",
	NowUnreachable:   "无法读取状态页 %s（%s）。",
	BadURL:           "--status-url %q 不是 http 或 https 地址，例如 https://status.claude.com",
	BadSince:         "--since：%v",
}
