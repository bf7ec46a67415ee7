package ui

// ListText is `ccerr list`'s column headers.
type ListText struct {
	ID      string `same:"ok"`
	Title   string
	Message string
	Retried string
	// UnknownCategory is a fmt format with the value given and the valid
	// ones (string, string).
	UnknownCategory string
}

var listEN = ListText{
	ID: "ID", Title: "TITLE", Message: "MESSAGE", Retried: "RETRIED",
	UnknownCategory: "unknown category %q: use one of %s",
}

var listZH = ListText{
	ID: "ID", Title: "标题", Message: "消息", Retried: "自动重试",
	UnknownCategory: "未知类别 %q：可用的类别有 %s",
}
