package ui

import "github.com/ccerr/ccerr/catalog"

// CommonText is what several commands print: names of categories, sides and
// extracted fields, and yes/no.
type CommonText struct {
	Yes, No string
	// ListSep goes between the items of a list on one line.
	ListSep    string `same:"ok"`
	Categories CategoryNames
	Sides      SideNames
	Fields     FieldNames
}

// CategoryNames names each [catalog.Category].
type CategoryNames struct {
	Server, Usage, Auth, Network, Request, Quality string
}

// Name returns the name of c, or c itself for a category these names do
// not know.
func (n CategoryNames) Name(c catalog.Category) string {
	switch c {
	case catalog.Server:
		return n.Server
	case catalog.Usage:
		return n.Usage
	case catalog.Auth:
		return n.Auth
	case catalog.Network:
		return n.Network
	case catalog.Request:
		return n.Request
	case catalog.Quality:
		return n.Quality
	}
	return string(c)
}

// SideNames describes each [catalog.Side]: whose side a problem is on.
type SideNames struct {
	Anthropic, Account, Local, Network, Request string
}

// Name returns the description of s, or s itself for a side these names do
// not know.
func (n SideNames) Name(s catalog.Side) string {
	switch s {
	case catalog.SideAnthropic:
		return n.Anthropic
	case catalog.SideAccount:
		return n.Account
	case catalog.SideLocal:
		return n.Local
	case catalog.SideNetwork:
		return n.Network
	case catalog.SideRequest:
		return n.Request
	}
	return string(s)
}

// FieldNames names the fields the matcher extracts (match.Fields keys).
type FieldNames struct {
	Status, ErrorType, Code, Model, Limit, Resets, Attempt, RetryIn, RequestID string
}

// FieldKeys lists the match.Fields keys that [FieldNames] names, in the
// order they are shown.
var FieldKeys = []string{"status", "error_type", "code", "model", "limit", "resets", "attempt", "retry_in", "request_id"}

// Name returns the name of the field key and true, or "", false for a key
// these names do not know.
func (n FieldNames) Name(key string) (string, bool) {
	var s string
	switch key {
	case "status":
		s = n.Status
	case "error_type":
		s = n.ErrorType
	case "code":
		s = n.Code
	case "model":
		s = n.Model
	case "limit":
		s = n.Limit
	case "resets":
		s = n.Resets
	case "attempt":
		s = n.Attempt
	case "retry_in":
		s = n.RetryIn
	case "request_id":
		s = n.RequestID
	default:
		return "", false
	}
	return s, true
}

var commonEN = CommonText{
	Yes:     "yes",
	No:      "no",
	ListSep: " · ",
	Categories: CategoryNames{
		Server:  "Server errors",
		Usage:   "Usage limits and billing",
		Auth:    "Authentication and permissions",
		Network: "Network and connection",
		Request: "Request content",
		Quality: "Response quality",
	},
	Sides: SideNames{
		Anthropic: "Anthropic's servers; nothing on your machine caused it",
		Account:   "your account, plan, organisation or quota",
		Local:     "this machine: credentials, settings or Claude Code itself",
		Network:   "the network in between: proxy, firewall, gateway or TLS inspection",
		Request:   "the request itself: the conversation or its attachments",
	},
	Fields: FieldNames{
		Status:    "HTTP status",
		ErrorType: "error type",
		Code:      "code",
		Model:     "model",
		Limit:     "limit",
		Resets:    "resets",
		Attempt:   "attempt",
		RetryIn:   "next retry in",
		RequestID: "request id",
	},
}

var commonZH = CommonText{
	Yes:     "是",
	No:      "否",
	ListSep: " · ",
	Categories: CategoryNames{
		Server:  "服务端错误",
		Usage:   "用量限制与计费",
		Auth:    "身份验证与权限",
		Network: "网络与连接",
		Request: "请求内容",
		Quality: "回答质量",
	},
	Sides: SideNames{
		Anthropic: "Anthropic 服务端，与你的机器无关",
		Account:   "你的账户、套餐、组织或额度",
		Local:     "本机：凭据、设置或 Claude Code 本身",
		Network:   "中间的网络：代理、防火墙、网关或 TLS 检查",
		Request:   "请求本身：对话内容或附件",
	},
	Fields: FieldNames{
		Status:    "HTTP 状态码",
		ErrorType: "错误类型",
		Code:      "错误码",
		Model:     "模型",
		Limit:     "额度",
		Resets:    "重置时间",
		Attempt:   "尝试",
		RetryIn:   "下次重试",
		RequestID: "请求 ID",
	},
}
