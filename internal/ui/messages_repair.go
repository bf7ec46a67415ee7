package ui

// RepairText is `ccerr repair`'s words: the report, one sentence per kind
// of finding and per mend, and the outcome.
type RepairText struct {
	// Session is a fmt format with the transcript's path.
	Session string
	// Summary is a fmt format with the lines read (int) and the lines on
	// the chain Claude Code resumes (int).
	Summary string
	// Clean replaces the table when nothing was found.
	Clean string
	// Column headers of the findings table.
	ColLine, ColProblem, ColError, ColMend string
	// Class names.
	Tool, Media, Thinking, Damage string
	// Problem is a fmt format with a class name and a finding.
	Problem string

	// Findings. Each is a fmt format; the comment names its arguments.
	ToolResultMissing   string // tool_use id
	ToolResultOrphan    string // tool_use id
	ToolResultDuplicate string // tool_use id
	ToolUseDuplicate    string // tool_use id
	ImageTooLarge       string // image description, limit (a size)
	ImageTooWide        string // image description, limit in px (int)
	ImageManyTooWide    string // image description, images in the request (int), limit in px (int)
	ImageUnreadable     string // image description, the reason (English)
	ImagesTooMany       string // image description, images in the request (int), limit (int)
	PDFPages            string // pages (int), limit (int)
	PDFBytes            string // size, limit (sizes)
	PDFEncrypted        string // pages (int)
	PDFInvalid          string // the reason (English)
	RequestTooLarge     string // request size, limit (sizes)
	ThinkingUnsigned    string // no arguments
	ThinkingModel       string // the block's model, the session's current model
	ThinkingRejected    string // no arguments
	LineInvalid         string // no arguments
	LineTruncated       string // no arguments
	LineTooLong         string // the line's size
	ParentMissing       string // the missing parentUuid

	// Mends, fmt formats.
	AddToolResult string // the line it is inserted after (int)
	DropBlock     string // the block's path
	ReplaceBlock  string // the block's path
	DropLine      string // no arguments
	Relink        string // the new parent uuid
	RelinkRoot    string // no arguments
	NoMend        string // no arguments

	// Outcome lines. DryRun and Written are fmt formats with the number of
	// findings (int); Written adds the backup's path.
	DryRun, Written string
	// Unmended is a fmt format with the number of findings no mend removes.
	Unmended string
	// Busy is a fmt format with the path and the reason (BusyProcess or
	// BusyRecent).
	Busy string
	// BusyProcess is a fmt format with a process id (int) and its name;
	// BusyRecent with how long ago the file was written.
	BusyProcess, BusyRecent string
	// Resume is a fmt format with the session id: the command to resume.
	Resume string
}

var repairEN = RepairText{
	Session:    "Session %s",
	Summary:    "Read %d lines; %d are on the chain Claude Code sends when the session is resumed.",
	Clean:      "No problems found: the session can be resumed as it is.",
	ColLine:    "LINE",
	ColProblem: "PROBLEM",
	ColError:   "CAUSES",
	ColMend:    "MEND",
	Tool:       "tool history",
	Media:      "media",
	Thinking:   "thinking",
	Damage:     "damage",
	Problem:    "%s: %s",

	ToolResultMissing:   "tool call %s has no tool_result in the next turn",
	ToolResultOrphan:    "tool_result for %s, which is not called in the turn before",
	ToolResultDuplicate: "second tool_result for %s",
	ToolUseDuplicate:    "tool call id %s is used twice",
	ImageTooLarge:       "image (%s) over the %s size limit",
	ImageTooWide:        "image (%s) over the %d px side limit",
	ImageManyTooWide:    "image (%s) in a request with %d images, over the %d px limit for many images",
	ImageUnreadable:     "image (%s) the API cannot process: %s",
	ImagesTooMany:       "image (%s): the conversation holds %d images, over the %d a request may carry",
	PDFPages:            "PDF of %d pages, over the %d-page limit",
	PDFBytes:            "PDF of %s, over the %s limit",
	PDFEncrypted:        "password-protected PDF (%d pages)",
	PDFInvalid:          "PDF the API cannot read: %s",
	RequestTooLarge:     "the conversation is %s, over the %s request limit",
	ThinkingUnsigned:    "thinking block with an empty or missing signature",
	ThinkingModel:       "thinking block written by %s, but the session now runs %s",
	ThinkingRejected:    "thinking block whose signature the API has rejected (another provider or signer)",
	LineInvalid:         "line is not valid JSON",
	LineTruncated:       "last line is cut off",
	LineTooLong:         "line of %s, too long to send",
	ParentMissing:       "parentUuid %s names no line: the history before it would be lost",

	AddToolResult: "add a tool_result marked as an error after line %d",
	DropBlock:     "drop %s",
	ReplaceBlock:  "replace %s with a note",
	DropLine:      "drop the line",
	Relink:        "link to %s",
	RelinkRoot:    "make it the first line",
	NoMend:        "none: run /compact in Claude Code",

	DryRun:      "Dry run, nothing written. Problems found: %d. Run without --dry-run to mend them.",
	Written:     "Problems mended: %d. The original is kept as %s",
	Unmended:    "Problems repair cannot mend: %d.",
	Busy:        "%s looks in use: %s. Close Claude Code (or wait a few seconds) and run repair again, or pass --force",
	BusyProcess: "process %d (%s) is using it",
	BusyRecent:  "it was written %s ago",
	Resume:      "Resume it with: claude --resume %s",
}

var repairZH = RepairText{
	Session:    "会话 %s",
	Summary:    "读取了 %d 行；其中 %d 行位于恢复会话时 Claude Code 会发送的消息链上。",
	Clean:      "没有发现问题：这个会话可以直接恢复。",
	ColLine:    "行",
	ColProblem: "问题",
	ColError:   "导致的错误",
	ColMend:    "修复方式",
	Tool:       "工具调用记录",
	Media:      "媒体",
	Thinking:   "思考块",
	Damage:     "文件损坏",
	Problem:    "%s：%s",

	ToolResultMissing:   "工具调用 %s 在下一轮中没有对应的 tool_result",
	ToolResultOrphan:    "%s 的 tool_result 在上一轮中找不到对应的工具调用",
	ToolResultDuplicate: "%s 有第二个 tool_result",
	ToolUseDuplicate:    "工具调用 id %s 被使用了两次",
	ImageTooLarge:       "图片（%s）超过 %s 的大小上限",
	ImageTooWide:        "图片（%s）边长超过 %d 像素上限",
	ImageManyTooWide:    "图片（%s）所在请求共有 %d 张图片，超过多图请求的 %d 像素上限",
	ImageUnreadable:     "API 无法处理的图片（%s）：%s",
	ImagesTooMany:       "图片（%s）：对话中共有 %d 张图片，超过单个请求最多 %d 张",
	PDFPages:            "PDF 共 %d 页，超过 %d 页上限",
	PDFBytes:            "PDF 大小 %s，超过 %s 上限",
	PDFEncrypted:        "有密码保护的 PDF（%d 页）",
	PDFInvalid:          "API 无法读取的 PDF：%s",
	RequestTooLarge:     "对话大小 %s，超过 %s 的请求上限",
	ThinkingUnsigned:    "思考块的签名为空或缺失",
	ThinkingModel:       "思考块由 %s 生成，但会话现在使用 %s",
	ThinkingRejected:    "思考块的签名已被 API 拒绝（换了服务商或签发方）",
	LineInvalid:         "这一行不是有效的 JSON",
	LineTruncated:       "最后一行被截断",
	LineTooLong:         "这一行有 %s，太长，无法发送",
	ParentMissing:       "parentUuid %s 指向不存在的行：它之前的历史会丢失",

	AddToolResult: "在第 %d 行之后补上一个标记为错误的 tool_result",
	DropBlock:     "删除 %s",
	ReplaceBlock:  "把 %s 换成一段说明文字",
	DropLine:      "删除这一行",
	Relink:        "改为链接到 %s",
	RelinkRoot:    "让它成为第一行",
	NoMend:        "无法修复：请在 Claude Code 中运行 /compact",

	DryRun:      "试运行：发现 %d 个问题，没有写入任何内容。去掉 --dry-run 再运行即可修复。",
	Written:     "已修复 %d 个问题。原文件备份为 %s",
	Unmended:    "还有 %d 个问题 repair 无法修复。",
	Busy:        "%s 似乎正在使用中：%s。请关闭 Claude Code（或等几秒）后再运行 repair，或加上 --force",
	BusyProcess: "进程 %d（%s）正在使用它",
	BusyRecent:  "它在 %s 前刚被写入",
	Resume:      "恢复会话：claude --resume %s",
}
