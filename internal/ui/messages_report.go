package ui

// ReportText is the report page (`ccerr scan --html`, and `ccerr collect`
// at /).
type ReportText struct {
	// Title heads the page.
	Title string
	// Period is a fmt format with the first and last time shown (strings).
	Period string
	// Generated is a fmt format with ccerr's version and the time the page
	// was made (strings).
	Generated string
	// FromScan and FromCollect say where the numbers come from.
	FromScan, FromCollect string
	// Filter labels and choices. Apply submits the filters; NoScript says
	// what the page does without scripts.
	Filters, Period0, PeriodAll, Period24h, Period7d, Period30d      string
	Entry, EntryAll, Model, ModelAll, User, UserAll, Apply, NoScript string
	// Timeline heads the chart; PerHour, PerDay, PerWeek and PerFourWeeks
	// describe it. FinalAxis and RetriedAxis label its halves.
	Timeline, PerHour, PerDay, PerWeek, PerFourWeeks, FinalAxis, RetriedAxis string
	// ChartLabel is a fmt format with the number of errors and of
	// incidents drawn (ints), read by screen readers.
	ChartLabel string
	// Incidents heads the status page's incidents; NoIncidents replaces
	// the list; StatusUnread is a fmt format with the reason the page
	// could not be read (string); Ongoing stands for an open incident's
	// end; IncidentBand names a band in the legend.
	Incidents, NoIncidents, StatusUnread, Ongoing, IncidentBand string
	// ThemOrMe heads the share; Them is a fmt format with the share
	// (string) and the counts (int64, int64); Me the same for this side.
	// NoFailures replaces both.
	ThemOrMe, Them, Me, NoFailures string
	// Errors heads the table; the Col* name its columns.
	Errors, ColError, ColCount, ColFinal, ColRetried, ColSessions, ColUsers string
	ColFirst, ColLast, ColSide, ColFix, ColWhy                              string
	// Why opens an explanation; Meaning, Cause and Fixes head its parts.
	Why, Meaning, Cause, Fixes string
	// NotInCatalog names an error no catalog entry fits.
	NotInCatalog string
	// Filtered is shown when a filter is active: some columns cannot be
	// recomputed in the browser.
	Filtered string
	// NoErrors replaces the table when nothing was found.
	NoErrors string
	// Wrote is a fmt format with the file written and its size (strings),
	// printed on standard error by `ccerr scan --html`.
	Wrote string
	// BadHTML is a fmt format with the file and the error (string, error).
	BadHTML string
}

var reportEN = ReportText{
	Title:        "Claude Code errors",
	Period:       "From %s to %s (UTC).",
	Generated:    "Made by ccerr %s on %s.",
	FromScan:     "Counted in Claude Code transcripts and logs on this machine.",
	FromCollect:  "Counted from Claude Code telemetry sent to ccerr collect.",
	Filters:      "Filters",
	Period0:      "Period",
	PeriodAll:    "Everything",
	Period24h:    "Last 24 hours",
	Period7d:     "Last 7 days",
	Period30d:    "Last 30 days",
	Entry:        "Error",
	EntryAll:     "All errors",
	Model:        "Model",
	ModelAll:     "All models",
	User:         "User",
	UserAll:      "All users",
	Apply:        "Apply",
	NoScript:     "Filtering needs scripts; without them this page shows everything.",
	Timeline:     "Timeline",
	PerHour:      "Failures per hour, one colour per error. Final failures stand above the line, retried attempts hang below it. Shaded bands are status page incidents.",
	PerDay:       "Failures per day, one colour per error. Final failures stand above the line, retried attempts hang below it. Shaded bands are status page incidents.",
	PerWeek:      "Failures per week (from Monday), one colour per error. Final failures stand above the line, retried attempts hang below it. Shaded bands are status page incidents.",
	PerFourWeeks: "Failures per four weeks, one colour per error. Final failures stand above the line, retried attempts hang below it. Shaded bands are status page incidents.",
	FinalAxis:    "final",
	RetriedAxis:  "retried",
	ChartLabel:   "Chart of %d kinds of error over time, with %d status page incidents.",
	Incidents:    "Status page incidents",
	NoIncidents:  "No status page incident overlaps this period.",
	StatusUnread: "The status page could not be read (%s), so incidents are not drawn.",
	Ongoing:      "ongoing",
	IncidentBand: "status page incident",
	ThemOrMe:     "Them or me?",
	Them:         "%s on Anthropic's side (%d of %d failures): server errors and overload, or during a status page incident.",
	Me:           "%s on this side (%d of %d): the account, this machine, the network or the request itself.",
	NoFailures:   "No failures in this period.",
	Errors:       "Errors",
	ColError:     "Error",
	ColCount:     "Count",
	ColFinal:     "Final",
	ColRetried:   "Retried",
	ColSessions:  "Sessions",
	ColUsers:     "Users",
	ColFirst:     "First seen",
	ColLast:      "Last seen",
	ColSide:      "Whose side",
	ColFix:       "First fix",
	ColWhy:       "Explanation",
	Why:          "Why, and what to do",
	Meaning:      "What it means",
	Cause:        "Usual cause",
	Fixes:        "Fixes",
	NotInCatalog: "An API error no catalog entry describes",
	Filtered:     "With a filter, sessions and users show — : they are counted for the whole report only.",
	NoErrors:     "No documented error was found.",
	Wrote:        "Report page written to %s (%s); open it in a browser.",
	BadHTML:      "--html %s: %v; give a path in a folder you can write to",
}

var reportZH = ReportText{
	Title:        "Claude Code 错误报告",
	Period:       "时间范围：%s 至 %s（UTC）。",
	Generated:    "由 ccerr %s 生成于 %s。",
	FromScan:     "数据来自本机的 Claude Code 会话记录和日志。",
	FromCollect:  "数据来自发送到 ccerr collect 的 Claude Code 遥测。",
	Filters:      "筛选",
	Period0:      "时间段",
	PeriodAll:    "全部",
	Period24h:    "最近 24 小时",
	Period7d:     "最近 7 天",
	Period30d:    "最近 30 天",
	Entry:        "错误",
	EntryAll:     "全部错误",
	Model:        "模型",
	ModelAll:     "全部模型",
	User:         "用户",
	UserAll:      "全部用户",
	Apply:        "应用",
	NoScript:     "筛选需要浏览器脚本；未启用脚本时本页显示全部数据。",
	Timeline:     "时间线",
	PerHour:      "每小时的失败次数，每种错误一种颜色。线上方是最终失败，线下方是被重试的尝试。阴影区间是状态页上的事故。",
	PerDay:       "每天的失败次数，每种错误一种颜色。线上方是最终失败，线下方是被重试的尝试。阴影区间是状态页上的事故。",
	PerWeek:      "每周（自周一起）的失败次数，每种错误一种颜色。线上方是最终失败，线下方是被重试的尝试。阴影区间是状态页上的事故。",
	PerFourWeeks: "每四周的失败次数，每种错误一种颜色。线上方是最终失败，线下方是被重试的尝试。阴影区间是状态页上的事故。",
	FinalAxis:    "最终",
	RetriedAxis:  "重试",
	ChartLabel:   "%d 种错误随时间变化的图表，含 %d 个状态页事故。",
	Incidents:    "状态页事故",
	NoIncidents:  "这段时间内状态页上没有事故。",
	StatusUnread: "无法读取状态页（%s），因此没有画出事故。",
	Ongoing:      "仍在进行",
	IncidentBand: "状态页事故",
	ThemOrMe:     "是 Anthropic 的问题还是我的？",
	Them:         "%s 在 Anthropic 一侧（%d / %d 次失败）：服务器错误和过载，或发生在状态页事故期间。",
	Me:           "%s 在本方（%d / %d）：账户、本机、网络或请求本身。",
	NoFailures:   "这段时间没有失败。",
	Errors:       "错误",
	ColError:     "错误",
	ColCount:     "次数",
	ColFinal:     "最终失败",
	ColRetried:   "已重试",
	ColSessions:  "会话数",
	ColUsers:     "用户数",
	ColFirst:     "首次出现",
	ColLast:      "最后出现",
	ColSide:      "责任方",
	ColFix:       "首要修复",
	ColWhy:       "说明",
	Why:          "原因与处理方法",
	Meaning:      "含义",
	Cause:        "常见原因",
	Fixes:        "修复方法",
	NotInCatalog: "目录中没有对应条目的 API 错误",
	Filtered:     "启用筛选时，会话数和用户数显示为 —：它们只按整份报告统计。",
	NoErrors:     "没有发现文档记载的错误。",
	Wrote:        "报告页面已写入 %s（%s），请用浏览器打开。",
	BadHTML:      "--html %s：%v；请给出一个可写目录中的路径",
}
