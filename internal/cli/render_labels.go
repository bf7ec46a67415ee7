package cli

import (
	"fmt"

	"github.com/ccerr/ccerr/catalog"
)

// labels are the words around catalog text in human output (headings, field
// names, yes/no), in one language. The catalog holds the explanations; these
// only frame them.
type labels struct {
	// explain
	category, side, retried, found, fields, excerpt string
	meaning, cause, fixes                           string
	more                                            string // fmt format: the --id command
	retriedYes, retriedNo                           string
	lineOnce, lineTimes                             string // fmt formats: line; line, count
	listSep                                         string // between field values
	noMatch                                         string // stderr hint when nothing was recognised
	emptyInput                                      string // stderr hint when the input was empty
	pasteHint                                       string // stderr hint when stdin is a terminal
	// list
	colID, colTitle, colMessage, colRetried string
	yes, no                                 string

	categories map[catalog.Category]string
	sides      map[catalog.Side]string
	fieldNames map[string]string
}

var labelsEN = &labels{
	category:   "Category",
	side:       "Whose side",
	retried:    "Retried",
	found:      "Found",
	fields:     "Details",
	excerpt:    "Excerpt",
	meaning:    "What it means",
	cause:      "Why it happens",
	fixes:      "What to do",
	more:       "Reference: %s",
	retriedYes: "yes, Claude Code already retried it before showing this message",
	retriedNo:  "no, Claude Code shows it straight away",
	lineOnce:   "line %d",
	lineTimes:  "line %d, %d times in all",
	listSep:    " · ",
	noMatch:    "no documented Claude Code error recognised in the input. Run `ccerr list` to see every error ccerr knows.",
	emptyInput: "the input is empty: paste the error as an argument or pipe it in. Run `ccerr list` to see every error ccerr knows.",
	pasteHint:  "Paste the error text, then press Ctrl-D (Ctrl-Z then Enter on Windows).",
	colID:      "ID",
	colTitle:   "TITLE",
	colMessage: "MESSAGE",
	colRetried: "RETRIED",
	yes:        "yes",
	no:         "no",
	categories: map[catalog.Category]string{
		catalog.Server:  "Server errors",
		catalog.Usage:   "Usage limits and billing",
		catalog.Auth:    "Authentication and permissions",
		catalog.Network: "Network and connection",
		catalog.Request: "Request content",
		catalog.Quality: "Response quality",
	},
	sides: map[catalog.Side]string{
		catalog.SideAnthropic: "Anthropic's servers; nothing on your machine caused it",
		catalog.SideAccount:   "your account, plan, organisation or quota",
		catalog.SideLocal:     "this machine: credentials, settings or Claude Code itself",
		catalog.SideNetwork:   "the network in between: proxy, firewall, gateway or TLS inspection",
		catalog.SideRequest:   "the request itself: the conversation or its attachments",
	},
	fieldNames: map[string]string{
		"status":     "HTTP status",
		"error_type": "error type",
		"code":       "code",
		"model":      "model",
		"limit":      "limit",
		"resets":     "resets",
		"attempt":    "attempt",
		"retry_in":   "next retry in",
		"request_id": "request id",
	},
}

var labelsZH = &labels{
	category:   "类别",
	side:       "问题出在",
	retried:    "自动重试",
	found:      "位置",
	fields:     "细节",
	excerpt:    "原文",
	meaning:    "这是什么意思",
	cause:      "为什么会出现",
	fixes:      "怎么办",
	more:       "参考：%s",
	retriedYes: "是：Claude Code 显示这条消息之前已经自动重试过",
	retriedNo:  "否：Claude Code 不重试，直接显示",
	lineOnce:   "第 %d 行",
	lineTimes:  "第 %d 行，共出现 %d 次",
	listSep:    " · ",
	noMatch:    "输入中没有识别出 Claude Code 文档记载的错误。运行 `ccerr list` 可查看 ccerr 认识的全部错误。",
	emptyInput: "输入为空：请把错误文本作为参数传入，或通过管道输入。运行 `ccerr list` 可查看 ccerr 认识的全部错误。",
	pasteHint:  "粘贴错误文本，然后按 Ctrl-D（Windows 上按 Ctrl-Z 再回车）。",
	colID:      "ID",
	colTitle:   "标题",
	colMessage: "消息",
	colRetried: "自动重试",
	yes:        "是",
	no:         "否",
	categories: map[catalog.Category]string{
		catalog.Server:  "服务端错误",
		catalog.Usage:   "用量限制与计费",
		catalog.Auth:    "身份验证与权限",
		catalog.Network: "网络与连接",
		catalog.Request: "请求内容",
		catalog.Quality: "回答质量",
	},
	sides: map[catalog.Side]string{
		catalog.SideAnthropic: "Anthropic 服务端，与你的机器无关",
		catalog.SideAccount:   "你的账户、套餐、组织或额度",
		catalog.SideLocal:     "本机：凭据、设置或 Claude Code 本身",
		catalog.SideNetwork:   "中间的网络：代理、防火墙、网关或 TLS 检查",
		catalog.SideRequest:   "请求本身：对话内容或附件",
	},
	fieldNames: map[string]string{
		"status":     "HTTP 状态码",
		"error_type": "错误类型",
		"code":       "错误码",
		"model":      "模型",
		"limit":      "额度",
		"resets":     "重置时间",
		"attempt":    "尝试",
		"retry_in":   "下次重试",
		"request_id": "请求 ID",
	},
}

// labelsFor returns the labels of lang, English when unknown.
func labelsFor(lang string) *labels {
	if lang == catalog.Chinese {
		return labelsZH
	}
	return labelsEN
}

// categoryName is the heading of a category in these labels, or the
// category id when it has none.
func (l *labels) categoryName(c catalog.Category) string {
	if s, ok := l.categories[c]; ok {
		return s
	}
	return string(c)
}

// sideName describes a side in these labels, or returns its id.
func (l *labels) sideName(s catalog.Side) string {
	if t, ok := l.sides[s]; ok {
		return t
	}
	return string(s)
}

// where says where a hit was first seen and how often.
func (l *labels) where(line, count int) string {
	if count > 1 {
		return fmt.Sprintf(l.lineTimes, line, count)
	}
	return fmt.Sprintf(l.lineOnce, line)
}
