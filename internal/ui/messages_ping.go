package ui

// PingText is `ccerr ping`'s words. The retry countdown is not here: it is
// Claude Code's own spinner wording, shown as Claude Code shows it.
type PingText struct {
	// OK starts the line of a request that worked.
	OK string
	// Attempts counts the requests made; fmt format: the count.
	Attempts Plural
	// RequestID names the API's request id; fmt format: the id.
	RequestID string
	// NoCredential says no credential was found to send.
	NoCredential string
	// Interrupted says the user stopped ping before the answer was complete.
	Interrupted string
	// Warning introduces a problem with a setting; fmt format: the problem.
	Warning string
	// BadBaseDelay: CCERR_RETRY_BASE_DELAY_MS is unusable; fmt format: the
	// variable, its value.
	BadBaseDelay string
	// EmptyBaseURL: --base-url was given empty.
	EmptyBaseURL string
	// BadBaseURL: the base URL is not http(s) with a host; fmt format: the
	// URL (quoted, without its user information).
	BadBaseURL string
	// BadPort: the base URL's port is out of range; fmt format: the URL,
	// the port.
	BadPort string
	// EmptyModel: --model was given empty.
	EmptyModel string
}

var pingEN = PingText{
	OK:           "ok",
	Attempts:     Plural{One: "%d attempt", Other: "%d attempts"},
	RequestID:    "request-id %s",
	NoCredential: "no credential: set ANTHROPIC_API_KEY or ANTHROPIC_AUTH_TOKEN",
	Interrupted:  "interrupted",
	Warning:      "warning: %s",
	BadBaseDelay: "%s=%s is not a non-negative number of milliseconds; ignored",
	EmptyBaseURL: "--base-url is empty: give the API address, e.g. --base-url https://api.anthropic.com, or leave the flag out",
	BadBaseURL:   "base URL %q: want http:// or https:// followed by a host, e.g. https://api.anthropic.com",
	BadPort:      "base URL %q: port %s is not between 1 and 65535",
	EmptyModel:   "--model must not be empty",
}

var pingZH = PingText{
	OK:           "成功",
	Attempts:     Plural{One: "共 %d 次请求", Other: "共 %d 次请求"},
	RequestID:    "请求 ID %s",
	NoCredential: "没有凭据：请设置 ANTHROPIC_API_KEY 或 ANTHROPIC_AUTH_TOKEN",
	Interrupted:  "已中断",
	Warning:      "警告：%s",
	BadBaseDelay: "%s=%s 不是大于等于 0 的毫秒数，已忽略",
	EmptyBaseURL: "--base-url 为空：请给出 API 地址，例如 --base-url https://api.anthropic.com，或者不要使用该参数",
	BadBaseURL:   "基础 URL %q 无效：应为 http:// 或 https:// 加主机名，例如 https://api.anthropic.com",
	BadPort:      "基础 URL %q 的端口 %s 不在 1 到 65535 之间",
	EmptyModel:   "--model 不能为空",
}
