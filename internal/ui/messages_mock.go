package ui

// MockText is `ccerr mock --list`'s words: its column headers and the
// descriptions of the scenarios that are not catalog entries (those use
// the entry's title).
type MockText struct {
	ColScenario, ColStatus, ColWhat string
	// NoStatus is the status of a scenario that sends no HTTP status.
	NoStatus string
	// Scenario descriptions, by scenario name (mock.OK, mock.Reset, …).
	// The English ones are the mock package's own descriptions (a test in
	// internal/cli keeps them equal).
	OK, Reset, Refused, Hang, Slow, Stall, StreamError, TLS string
	// Usage errors and warnings. JSONWithoutList and SelfSigned are plain
	// text; SlowNotPositive is a fmt format with the value (string);
	// NotHostPort the value (string); NoHost the value and its port twice
	// (string, string, string); NotLoopback the host (string).
	JSONWithoutList, SlowNotPositive, NotHostPort, NoHost, NotLoopback, SelfSigned string
}

var mockEN = MockText{
	ColScenario:     "SCENARIO",
	ColStatus:       "STATUS",
	ColWhat:         "WHAT THE CLIENT GETS",
	NoStatus:        "none",
	OK:              "a valid Messages response; SSE when the request sets \"stream\": true",
	Reset:           "reads the request, then resets the connection (TCP RST)",
	Refused:         "cannot be served by a running server: point the client at a closed port instead",
	Hang:            "never answers; holds the request until the client gives up",
	Slow:            "answers like ok after a delay (--slow, default 1s)",
	Stall:           "sends 200 and SSE headers, then nothing more",
	StreamError:     "streams some text, then an overloaded_error event mid-stream",
	TLS:             "answers like ok over HTTPS with a self-signed certificate",
	JSONWithoutList: "--json goes with --list",
	SlowNotPositive: "--slow must be positive, not %s",
	NotHostPort:     "--listen %q: want host:port, e.g. 127.0.0.1:8788",
	NoHost:          "--listen %q has no host: name one, e.g. 127.0.0.1%s (0.0.0.0%s to listen on every interface)",
	NotLoopback:     "ccerr mock: warning: listening on %s, which is not a loopback address: other machines can reach this fake API",
	SelfSigned:      "ccerr mock: serving HTTPS with a self-signed certificate; clients that check certificates will refuse it",
}

var mockZH = MockText{
	ColScenario:     "场景",
	ColStatus:       "状态码",
	ColWhat:         "客户端会收到什么",
	NoStatus:        "无",
	OK:              "正常的 Messages 回复；请求里 \"stream\": true 时以 SSE 流式返回",
	Reset:           "读完请求后用 TCP RST 重置连接",
	Refused:         "运行中的服务器无法模拟：请把客户端指向一个没有监听的端口",
	Hang:            "始终不回复，一直占住请求直到客户端放弃",
	Slow:            "延迟一段时间（--slow，默认 1 秒）后正常回复",
	Stall:           "先发出 200 和 SSE 响应头，然后不再发送任何内容",
	StreamError:     "流式输出一段文字后，中途发出 overloaded_error 错误事件",
	TLS:             "通过 HTTPS 正常回复，但使用自签名证书",
	JSONWithoutList: "--json 只能与 --list 一起使用",
	SlowNotPositive: "--slow 必须是正数，不能是 %s",
	NotHostPort:     "--listen %q：应为 host:port 形式，例如 127.0.0.1:8788",
	NoHost:          "--listen %q 缺少主机：请写明，例如 127.0.0.1%s（在所有网卡上监听则用 0.0.0.0%s）",
	NotLoopback:     "ccerr mock：警告：正在监听 %s，这不是回环地址，其他机器也能访问这个模拟 API",
	SelfSigned:      "ccerr mock：正在用自签名证书提供 HTTPS；会校验证书的客户端会拒绝连接",
}
