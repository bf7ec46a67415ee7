package ui

// ListText is `ccerr list`'s column headers.
type ListText struct {
	ID      string `same:"ok"`
	Title   string
	Message string
	Retried string
}

var listEN = ListText{ID: "ID", Title: "TITLE", Message: "MESSAGE", Retried: "RETRIED"}

var listZH = ListText{ID: "ID", Title: "标题", Message: "消息", Retried: "自动重试"}
