package ui

// ExplainText frames `ccerr explain`'s output.
type ExplainText struct {
	// Labels of the facts shown for each error.
	Category, Side, Retried, Found, Details, Excerpt string
	// Headings of the catalog's explanation.
	Meaning, Cause, Fixes string
	// More is a fmt format with the --id command (string).
	More string
	// RetriedYes and RetriedNo say whether Claude Code retried the error.
	RetriedYes, RetriedNo string
	// LineOnce is a fmt format with a line number (int); LineTimes with a
	// line number and a count (int, int).
	LineOnce, LineTimes string
	// Hints printed on standard error.
	NoMatch, EmptyInput, PasteHint string
	// Usage errors. IDWithText, NoID and StdinMixed are plain text;
	// UnknownID is a fmt format with the id (string); StdinUnreadable with
	// the read error (error).
	IDWithText, UnknownID, NoID, StdinMixed, StdinUnreadable string
}

var explainEN = ExplainText{
	Category:        "Category",
	Side:            "Whose side",
	Retried:         "Retried",
	Found:           "Found",
	Details:         "Details",
	Excerpt:         "Excerpt",
	Meaning:         "What it means",
	Cause:           "Why it happens",
	Fixes:           "What to do",
	More:            "Reference: %s",
	RetriedYes:      "yes, Claude Code already retried it before showing this message",
	RetriedNo:       "no, Claude Code shows it straight away",
	LineOnce:        "line %d",
	LineTimes:       "line %d, %d times in all",
	NoMatch:         "no documented Claude Code error recognised in the input. Run `ccerr list` to see every error ccerr knows.",
	EmptyInput:      "the input is empty: paste the error as an argument or pipe it in. Run `ccerr list` to see every error ccerr knows.",
	PasteHint:       "Paste the error text, then press Ctrl-D (Ctrl-Z then Enter on Windows).",
	IDWithText:      "--id shows entries without matching, so it takes no text: drop the text or drop --id",
	UnknownID:       "unknown error id %q: run `ccerr list` to see every id",
	NoID:            "--id needs at least one id: run `ccerr list` to see every id",
	StdinMixed:      `"-" (standard input) cannot be mixed with text arguments: pass either the text or "-"`,
	StdinUnreadable: "cannot read standard input: %v. Pass the text as an argument, or pipe in a readable file",
}

var explainZH = ExplainText{
	Category:        "类别",
	Side:            "问题出在",
	Retried:         "自动重试",
	Found:           "位置",
	Details:         "细节",
	Excerpt:         "原文",
	Meaning:         "这是什么意思",
	Cause:           "为什么会出现",
	Fixes:           "怎么办",
	More:            "参考：%s",
	RetriedYes:      "是：Claude Code 显示这条消息之前已经自动重试过",
	RetriedNo:       "否：Claude Code 不重试，直接显示",
	LineOnce:        "第 %d 行",
	LineTimes:       "第 %d 行，共出现 %d 次",
	NoMatch:         "输入中没有识别出 Claude Code 文档记载的错误。运行 `ccerr list` 可查看 ccerr 认识的全部错误。",
	EmptyInput:      "输入为空：请把错误文本作为参数传入，或通过管道输入。运行 `ccerr list` 可查看 ccerr 认识的全部错误。",
	PasteHint:       "粘贴错误文本，然后按 Ctrl-D（Windows 上按 Ctrl-Z 再回车）。",
	IDWithText:      "--id 直接显示条目而不做匹配，所以不接受文本：请去掉文本或去掉 --id",
	UnknownID:       "未知的错误 id %q：运行 `ccerr list` 查看全部 id",
	NoID:            "--id 至少需要一个 id：运行 `ccerr list` 查看全部 id",
	StdinMixed:      `"-"（标准输入）不能与文本参数混用：要么只给文本，要么只给 "-"`,
	StdinUnreadable: "无法读取标准输入：%v。请把文本作为参数传入，或通过管道输入一个可读的文件",
}
