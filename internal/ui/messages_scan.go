package ui

// ScanText is `ccerr scan`'s report for people, and its lines on standard
// error.
type ScanText struct {
	// Summary is a fmt format with six strings: the files counted (with
	// its noun), the size read, the lines counted, the error events
	// counted, the number of final failures (a bare number), and the
	// retries counted.
	Summary string
	// Nouns that follow a count, joined to it by a space.
	File, Line, ErrorEvent, Retry Plural
	// Window is a fmt format with the window's start and end (strings);
	// WindowStart and WindowNow stand for an open start or end.
	Window, WindowStart, WindowNow string
	// NoErrors replaces the table when nothing was found.
	NoErrors string
	// Column headers of the errors table.
	ColError, ColFinal, ColRetries, ColCount, ColFirst, ColLast, ColSessions string
	// WorstDays heads the days with the most events; Final follows the
	// count of final failures in its rows.
	WorstDays, Final string
	// TopSessions heads the sessions with the most failures; Mostly is a
	// fmt format with the session's most frequent error id.
	TopSessions, Mostly string
	// Fixes heads the suggested fixes; FixLine is a fmt format with an
	// error id, its title and its first fix (strings); More says how to
	// read more.
	Fixes, FixLine, More string
	// ByDay, ByProject and BySession head the --by breakdown.
	ByDay, ByProject, BySession string
	// None stands for an empty project or key.
	None string
	// Poisoned heads the sessions that fail on every request once resumed;
	// Problem follows the number of problems found in one; Problems is a
	// fmt format with that count and noun and the list of ids with their
	// counts (strings); PoisonedHint says what the command in each row does.
	Poisoned     string
	Problem      Plural
	Problems     string
	PoisonedHint string
	// Skipped heads the damaged input.
	Skipped string
	// SkipLine is a fmt format with a path and a reason; SkipOnce adds the
	// line (int), SkipMany the number of lines and the first (int, int),
	// SkipDetail the underlying error (string).
	SkipLine, SkipOnce, SkipMany, SkipDetail string
	// SkippedNotice is a fmt format with one skip, printed on standard error.
	SkippedNotice string
	// Legend explains the bars.
	Legend string
	// Progress is a fmt format with the files (int64) and MiB read (float64)
	// so far, shown on a terminal's standard error during a long scan.
	Progress string
	// Usage errors. NoHome and NothingRead are plain text; BadBy is a fmt
	// format with the valid values and the value given (string, string);
	// BadNow the value (string); BadSince and BadUntil the parse error
	// (error); SinceAfterUntil both times (string, string); UnknownID the
	// id (string); NoTranscripts the folder (string).
	NoHome, BadBy, BadNow, BadSince, BadUntil, SinceAfterUntil, UnknownID, NoTranscripts, NothingRead string
}

var scanEN = ScanText{
	Summary:         "Scanned %s (%s, %s): %s, %s final and %s.",
	File:            Plural{"file", "files"},
	Line:            Plural{"line", "lines"},
	ErrorEvent:      Plural{"error event", "error events"},
	Retry:           Plural{"retry", "retries"},
	Window:          "Window: %s to %s (UTC)",
	WindowStart:     "the start",
	WindowNow:       "now",
	NoErrors:        "No documented errors found.",
	ColError:        "ERROR",
	ColFinal:        "FINAL",
	ColRetries:      "RETRIES",
	ColCount:        "COUNT",
	ColFirst:        "FIRST",
	ColLast:         "LAST",
	ColSessions:     "SESSIONS",
	WorstDays:       "Worst days (UTC)",
	Final:           "final,",
	TopSessions:     "Sessions with the most failures",
	Mostly:          "mostly %s",
	Fixes:           "What to do",
	FixLine:         "%s (%s): %s",
	More:            "More: ccerr explain --id ID",
	ByDay:           "By day",
	ByProject:       "By project",
	BySession:       "By session",
	None:            "(none)",
	Poisoned:        "Sessions that will fail on every request when resumed",
	Problem:         Plural{"problem", "problems"},
	Problems:        "%s %s: %s",
	PoisonedHint:    "The command beside each session mends it and keeps a backup; add --dry-run to see the problems first.",
	Skipped:         "Skipped",
	SkipLine:        "%s: %s",
	SkipOnce:        " (line %d)",
	SkipMany:        " (%d lines, first at line %d)",
	SkipDetail:      ": %s",
	SkippedNotice:   "ccerr: skipped %s",
	Legend:          "█ final failures  ░ retries",
	Progress:        "scanning: %d files, %.1f MiB",
	NoHome:          "no PATH given and HOME is not set; name the files or folders to scan",
	BadBy:           "--by must be one of %s, not %q",
	BadNow:          "--now: %q is not an RFC 3339 time",
	BadSince:        "--since: %v",
	BadUntil:        "--until: %v",
	SinceAfterUntil: "--since (%s) must be before --until (%s)",
	UnknownID:       "--id: no error has the id %q; run 'ccerr list' to see them",
	NoTranscripts:   "found no Claude Code transcripts in %s; name the files or folders to scan",
	NothingRead:     "nothing could be read",
}

var scanZH = ScanText{
	Summary:         "已扫描 %s（%s，%s）：%s，其中最终失败 %s 次，%s。",
	File:            Plural{"个文件", "个文件"},
	Line:            Plural{"行", "行"},
	ErrorEvent:      Plural{"个错误事件", "个错误事件"},
	Retry:           Plural{"次重试", "次重试"},
	Window:          "时间范围：%s 至 %s（UTC）",
	WindowStart:     "最早",
	WindowNow:       "现在",
	NoErrors:        "没有发现文档记载的错误。",
	ColError:        "错误",
	ColFinal:        "最终失败",
	ColRetries:      "重试",
	ColCount:        "合计",
	ColFirst:        "首次",
	ColLast:         "最近",
	ColSessions:     "会话数",
	WorstDays:       "最糟糕的几天（UTC）",
	Final:           "次最终失败，",
	TopSessions:     "失败最多的会话",
	Mostly:          "主要是 %s",
	Fixes:           "怎么办",
	FixLine:         "%s（%s）：%s",
	More:            "详情：ccerr explain --id ID",
	ByDay:           "按天",
	ByProject:       "按项目",
	BySession:       "按会话",
	None:            "（无）",
	Poisoned:        "恢复后每次请求都会失败的会话",
	Problem:         Plural{"个问题", "个问题"},
	Problems:        "%s %s：%s",
	PoisonedHint:    "每个会话旁的命令可修复该会话，并保留备份；先加 --dry-run 可查看具体问题。",
	Skipped:         "已跳过",
	SkipLine:        "%s：%s",
	SkipOnce:        "（第 %d 行）",
	SkipMany:        "（共 %d 行，首次在第 %d 行）",
	SkipDetail:      "：%s",
	SkippedNotice:   "ccerr：已跳过 %s",
	Legend:          "█ 最终失败  ░ 重试",
	Progress:        "正在扫描：%d 个文件，%.1f MiB",
	NoHome:          "没有给出 PATH，且 HOME 未设置：请指定要扫描的文件或目录",
	BadBy:           "--by 只能是 %s 之一，不能是 %q",
	BadNow:          "--now：%q 不是 RFC 3339 时间",
	BadSince:        "--since：%v",
	BadUntil:        "--until：%v",
	SinceAfterUntil: "--since（%s）必须早于 --until（%s）",
	UnknownID:       "--id：没有 id 为 %q 的错误；运行 'ccerr list' 查看全部 id",
	NoTranscripts:   "在 %s 中没有找到 Claude Code 会话记录：请指定要扫描的文件或目录",
	NothingRead:     "没有读到任何输入",
}
