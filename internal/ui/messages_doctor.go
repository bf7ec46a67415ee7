package ui

// DoctorText is `ccerr doctor`'s words: headings, labels, the summary, and
// the sentences of its findings.
type DoctorText struct {
	// Group headings, one per doctor group.
	GroupCredentials, GroupSettings, GroupNetwork, GroupLive, GroupContext string
	GroupClaudeCode                                                        string `same:"ok"`
	// FixLabel starts the line that says what to do.
	FixLabel string
	// More points at the catalog entry; fmt format: the catalog id.
	More string
	// SummaryClean ends a run without problems; fmt format: checks, skipped.
	SummaryClean string
	// SummaryProblems ends a run with problems; fmt format: failed, warned, ok, skipped.
	SummaryProblems string
	// Join puts two sentences of one finding together; fmt format: the
	// first, the second (English leaves a space, Chinese none).
	Join string
	// ListSep goes between the items of a list inside a sentence.
	ListSep string
	// LiveOffline is the usage error for --live with --offline.
	LiveOffline string
	// Findings are the sentences of the checks.
	Findings DoctorFindings
}

// DoctorFindings words each kind of message a doctor finding holds (the
// doctor.Msg… constants, named as the field). Every field is a fmt format;
// where it takes arguments their meaning is the one the English text shows.
type DoctorFindings struct {
	CredNone         string
	CredKeychain     string
	CredUses         string
	CredShadowed     string
	CredHelper       string
	CredLogin        string
	CredCloud        string `same:"ok"`
	CredVar          string
	CredVarFrom      string
	WhyCloud         string
	WhyAuthToken     string
	WhyAPIKey        string
	WhyHelper        string
	WhyOAuthToken    string
	WhyLogin         string
	KeyLineBreak     string
	KeySpace         string
	KeyInvisible     string
	KeyNonASCII      string
	KeyQuote         string
	KeyInvalid       string
	KeyShape         string
	KeyOK            string
	KeyOAuthInAPIKey string
	HelperSet        string
	HelperMissing    string
	HelperNotOnPath  string
	HelperNotString  string
	HelperNoProgram  string
	HelperShadowed   string
	LoginFound       string
	LoginOverridden  string
	LoginPerm        string
	HomeUnset        string
	OriginNote       string
	OriginFix        string
	RetriesDefault   string
	RetriesOK        string
	RetriesZero      string
	RetriesBad       string
	RetriesEffective string
	RetriesWatchdog  string
	RetriesLenient   string
	RetriesForever   string
	RetriesClamped   string
	TimeoutDefault   string
	TimeoutOK        string
	TimeoutBad       string
	TimeoutEffective string
	TimeoutLenient   string
	TimeoutShort     string
	WatchdogOn       string
	WatchdogOff      string
	WatchdogBad      string
	BaseURLDefault   string
	BaseURLOK        string
	BaseURLBad       string
	BaseURLPlain     string
	BaseURLV1        string
	BetasOff         string
	BetasGateway     string
	BetasNoGateway   string
	ConfigSyntax     string
	ConfigNotObject  string
	ConfigUnreadable string
	NetOffline       string
	NetNoRoute       string
	NetSkipped       string
	NetAPI           string
	NetProxy         string
	ProxyNone        string
	ProxyUsed        string
	ProxyNoMatch     string
	ProxyBypass      string
	ProxySocks       string
	ProxyBad         string
	RejectOff        string
	RejectOn         string
	CAMissing        string
	CAUnreadable     string
	CADER            string
	CANotPEM         string
	CANoCerts        string
	CABadCerts       string
	CAOK             string
	CASomeBad        string
	CAExpired        string
	DNSIp            string
	DNSOK            string
	DNSFail          string
	TCPOK            string
	TCPFail          string
	TCPTimeout       string
	ConnectOK        string
	ConnectDenied    string
	ConnectAuth      string
	ConnectRefused   string
	ConnectIO        string
	TLSOK            string
	TLSViaExtra      string
	TLSSelfSigned    string
	TLSUntrusted     string
	TLSHostname      string
	TLSExpired       string
	TLSVerify        string
	TLSHandshake     string
	ClockOK          string
	ClockSkew        string
	ClockAhead       string
	ClockBehind      string
	ClockNoAnswer    string
	ClockNoDate      string
	LiveOff          string
	LiveNoCred       string
	LiveOK           string
	LiveFail         string
	LiveErr          string
	// LiveClassified is the message Claude Code would show, as it is.
	LiveClassified      string `same:"ok"`
	MemoryNone          string
	MemorySize          string
	MemoryLarge         string
	MemoryUnreadable    string
	MemoryTotal         string
	MCPNone             string
	MCPCount            string
	MCPMany             string
	MCPDup              string
	VersionNotFound     string
	VersionFailed       string
	VersionUnparsed     string
	VersionOld          string
	VersionOK           string
	FixLogin            string
	FixKeyClean         string
	FixKeyShape         string
	FixKeyOAuthInAPIKey string
	FixKeySetupToken    string
	FixHelperMissing    string
	FixLoginOverridden  string
	FixLoginPerm        string `same:"ok"`
	FixRetries          string
	FixTimeout          string
	FixWatchdog         string
	FixBaseURL          string
	FixBaseURLPlain     string
	FixBaseURLV1        string
	FixBetas            string
	FixConfig           string
	FixConfigRead       string
	FixConfigIsDir      string
	FixConfigNotDir     string
	FixHelperNotString  string
	FixProxy            string
	FixProxyAuth        string
	FixReject           string
	FixExtraCA          string
	FixExpired          string
	FixDNS              string
	FixTCP              string
	FixHostNotAllowed   string
	FixClock            string
	FixMemory           string
	FixMCP              string
	FixUpdate           string
	FixExplain          string
}

var doctorEN = DoctorText{
	GroupCredentials: "Credentials",
	GroupSettings:    "Settings",
	GroupNetwork:     "Network",
	GroupLive:        "Live API request",
	GroupContext:     "Context pressure",
	GroupClaudeCode:  "Claude Code",
	FixLabel:         "fix: ",
	More:             "more: ccerr explain --id %s",
	SummaryClean:     "No problems found (%d checks, %d skipped).",
	SummaryProblems:  "%d failed, %d warned, %d ok, %d skipped.",
	Join:             "%s %s",
	ListSep:          ", ",
	LiveOffline:      "--live sends a request and --offline forbids it: use one of them",
	Findings: DoctorFindings{
		CredNone:            "No credential found: no API key or token in the environment, no apiKeyHelper and no stored login. Claude Code will say \"Not logged in\".",
		CredKeychain:        "(A login kept in the macOS Keychain cannot be seen from here.)",
		CredUses:            "Claude Code will use %s: %s",
		CredShadowed:        "Also present but not used: %s.",
		CredHelper:          "the apiKeyHelper in %s",
		CredLogin:           "the stored login in %s",
		CredCloud:           "%s=1",
		CredVar:             "%s (%s)",
		CredVarFrom:         "%s (%s, from %s env)",
		WhyCloud:            "a cloud provider is switched on, which comes before every Anthropic credential.",
		WhyAuthToken:        "it is the first Anthropic credential Claude Code looks for (sent as Authorization: Bearer).",
		WhyAPIKey:           "an API key in the environment comes before apiKeyHelper, CLAUDE_CODE_OAUTH_TOKEN and any /login, even a valid subscription.",
		WhyHelper:           "no key or token is set in the environment, so the helper script supplies the key.",
		WhyOAuthToken:       "no key, token or apiKeyHelper comes before it.",
		WhyLogin:            "nothing in the environment or settings overrides it.",
		KeyLineBreak:        "%s contains a line break at character %d (%[4]s). Claude Code refuses to send it.",
		KeySpace:            "%s contains a space at character %d (%[4]s); spaces are never part of a key.",
		KeyInvisible:        "%s contains an invisible character %[3]s at character %[2]d (%[4]s), usually picked up when copying.",
		KeyNonASCII:         "%s contains the non-ASCII character %[3]s at character %[2]d (%[4]s); keys are plain ASCII.",
		KeyQuote:            "%s contains a quote mark at character %d (%[4]s); the quotes were copied along with the key.",
		KeyInvalid:          "%s contains bytes that are not valid UTF-8 at character %d (%[4]s).",
		KeyShape:            "%s (%s) does not look like an Anthropic key; those start with %s.",
		KeyOK:               "%s, %d characters, well formed.",
		KeyOAuthInAPIKey:    "ANTHROPIC_API_KEY holds a subscription OAuth token (%s), which the API does not accept as an x-api-key.",
		HelperSet:           "%s sets apiKeyHelper to run %s.",
		HelperMissing:       "%s sets apiKeyHelper to run %s, which does not exist.",
		HelperNotOnPath:     "%s sets apiKeyHelper to run %s, which is not on PATH.",
		HelperNotString:     "%s sets apiKeyHelper to a %s: apiKeyHelper is not a string, so there is no command to run.",
		HelperNoProgram:     "%s sets apiKeyHelper to a command that names no program to run.",
		HelperShadowed:      "It is not used while %s is set.",
		LoginFound:          "A stored login is in %s.",
		LoginOverridden:     "%s is set and overrides the stored login in %s. If that key's organization is disabled or the key is revoked, Claude Code fails instead of falling back to the login.",
		LoginPerm:           "%s can be read by other users (mode %s).",
		HomeUnset:           "HOME is not set (and neither is CLAUDE_CONFIG_DIR), so the stored login, ~/.claude/settings.json, ~/.claude/CLAUDE.md and the MCP servers in ~/.claude.json could not be checked.",
		OriginNote:          "(from %s env)",
		OriginFix:           "%s comes from the env block of %s: change or remove it there.",
		RetriesDefault:      "Not set: Claude Code retries up to %d times.",
		RetriesOK:           "%d retries.",
		RetriesZero:         "0: transient errors are shown at once, without retrying.",
		RetriesBad:          "Claude Code cannot read %s as a number of retries, so it ignores it.",
		RetriesEffective:    "Claude Code retries up to %d times.",
		RetriesWatchdog:     "With the retry watchdog on, 429 and 529 answers are retried without limit.",
		RetriesLenient:      "Claude Code reads %s as %d.",
		RetriesForever:      "With the watchdog on there is no cap: %d retries would go on practically forever.",
		RetriesClamped:      "%s is above the cap: Claude Code retries at most %d times.",
		TimeoutDefault:      "Not set: each request may take up to %d ms.",
		TimeoutOK:           "%d ms per request.",
		TimeoutBad:          "%s is not a positive whole number of milliseconds, so Claude Code ignores it.",
		TimeoutEffective:    "Each request may take up to %d ms.",
		TimeoutLenient:      "Claude Code reads %s as %d ms.",
		TimeoutShort:        "%d ms is under %d ms: long answers and slow proxies will hit \"Request timed out\".",
		WatchdogOn:          "On: other transient errors are retried up to %d times.",
		WatchdogOff:         "Off.",
		WatchdogBad:         "%s does not turn the watchdog on or off, so Claude Code ignores it: the watchdog stays off.",
		BaseURLDefault:      "Not set: requests go to %s.",
		BaseURLOK:           "Requests go to %s.",
		BaseURLBad:          "%s is not a usable URL: %s.",
		BaseURLPlain:        "Requests go to %s over plain http: the key crosses the network unencrypted.",
		BaseURLV1:           "%s ends in /v1, but Claude Code adds /v1/messages itself, so requests would go to %s and fail.",
		BetasOff:            "Set: beta headers are not sent, so a gateway that drops anthropic-beta cannot break requests.",
		BetasGateway:        "Not set while ANTHROPIC_BASE_URL points at a gateway: if it drops the anthropic-beta header, requests fail with \"Extra inputs are not permitted\".",
		BetasNoGateway:      "Set without a gateway: beta features are off, which is only needed behind a gateway.",
		ConfigSyntax:        "%s is not valid JSON (line %d); Claude Code ignores it.",
		ConfigNotObject:     "%s is valid JSON but not an object; Claude Code ignores it.",
		ConfigUnreadable:    "%s cannot be read: %s.",
		NetOffline:          "Skipped (--offline).",
		NetNoRoute:          "Skipped: the API address or the proxy setting is invalid (see above).",
		NetSkipped:          "Skipped: the %s step failed.",
		NetAPI:              "the API",
		NetProxy:            "the proxy from %s",
		ProxyNone:           "No proxy applies: %s is reached directly.",
		ProxyUsed:           "%s = %s is used for %s.",
		ProxyNoMatch:        "No entry of %s matches the API host.",
		ProxyBypass:         "%s matches %s entry %q: it is reached directly, not through %s.",
		ProxySocks:          "%s = %s is a SOCKS proxy, which Claude Code does not support.",
		ProxyBad:            "%s = %s is not a usable proxy URL: %s.",
		RejectOff:           "NODE_TLS_REJECT_UNAUTHORIZED=0 turns off every certificate check, so anyone on the network path can read and change the traffic.",
		RejectOn:            "Set to %s: certificates are still checked.",
		CAMissing:           "%s does not exist.",
		CAUnreadable:        "%s cannot be read: %s.",
		CADER:               "%s is a binary (DER) certificate, not PEM text.",
		CANotPEM:            "%s is not a PEM file (no -----BEGIN CERTIFICATE----- block).",
		CANoCerts:           "%s holds PEM blocks (%d) but no certificate.",
		CABadCerts:          "%s has %d certificate blocks and none of them parses.",
		CAOK:                "%s holds %d certificates: %s.",
		CASomeBad:           "%d blocks do not parse and are ignored.",
		CAExpired:           "Expired: %s.",
		DNSIp:               "%s is an IP address; no lookup needed.",
		DNSOK:               "%s resolves to %s.",
		DNSFail:             "%s does not resolve: %s (ENOTFOUND).",
		TCPOK:               "Connected to %s.",
		TCPFail:             "Cannot connect to %[2]s at %[1]s (%[3]s).",
		TCPTimeout:          "No answer from %[2]s at %[1]s within %[3]s (ETIMEDOUT).",
		ConnectOK:           "The proxy opened a tunnel to %s (%s).",
		ConnectDenied:       "The proxy from %s refused %s with %s and %s: this network only allows listed hosts.",
		ConnectAuth:         "The proxy from %s asks for credentials (%s).",
		ConnectRefused:      "The proxy from %s refused the tunnel to %s: %s.",
		ConnectIO:           "The proxy from %s broke off the tunnel request: %s.",
		TLSOK:               "%s handshake; the certificate is issued by %s.",
		TLSViaExtra:         "It is trusted through %s.",
		TLSSelfSigned:       "The server presented a self-signed certificate (%s) that nothing here trusts.",
		TLSUntrusted:        "The certificate was issued by %s, which is not a trusted authority here: usually a TLS-inspecting corporate proxy or a gateway with a private CA.",
		TLSHostname:         "The certificate is not valid for %s (it names %s; issuer %s).",
		TLSExpired:          "The certificate is valid from %s to %s, but the local clock says %s.",
		TLSVerify:           "Certificate verification failed: %s (issuer %s).",
		TLSHandshake:        "The TLS handshake failed: %s.",
		ClockOK:             "The local clock is within %s of the server's (%s).",
		ClockSkew:           "The local clock is %s %s the server's (server: %s).",
		ClockAhead:          "ahead of",
		ClockBehind:         "behind",
		ClockNoAnswer:       "No HTTP answer to compare clocks: %s.",
		ClockNoDate:         "The answer (%s) has no Date header.",
		LiveOff:             "Not sent; run with --live to send one request to the API.",
		LiveNoCred:          "Not sent: no key or token in the environment (the doctor does not run apiKeyHelper or use the stored login).",
		LiveOK:              "HTTP %d for a 1-token request to %s (request id %s).",
		LiveFail:            "HTTP %d: %s (request id %s).",
		LiveErr:             "The request failed: %s.",
		LiveClassified:      "%s",
		MemoryNone:          "No CLAUDE.md files.",
		MemorySize:          "%d bytes, %d characters, about %d tokens.",
		MemoryLarge:         "%d bytes, %d characters, about %d tokens: over the %d characters where Claude Code warns that a large CLAUDE.md hurts performance.",
		MemoryUnreadable:    "Cannot be read: %s.",
		MemoryTotal:         "%d memory files, %d bytes, about %d tokens loaded into every conversation.",
		MCPNone:             "No MCP servers configured.",
		MCPCount:            "%d MCP servers (from %s).",
		MCPMany:             "%d MCP servers, more than %d: their tool definitions take context in every request (from %s).",
		MCPDup:              "Defined in more than one place: %s.",
		VersionNotFound:     "claude is not on PATH.",
		VersionFailed:       "%s --version failed: %s.",
		VersionUnparsed:     "Cannot read a version number from %s.",
		VersionOld:          "Version %s is older than %s, the first that supports thinking on current models.",
		VersionOK:           "Version %s (%s).",
		FixLogin:            "Run claude and then /login, or export ANTHROPIC_API_KEY in the shell that starts it.",
		FixKeyClean:         "Set %s again from a fresh copy with no spaces, line breaks or quotes, e.g. export %[1]s=\"$(tr -d '[:space:]' < keyfile)\".",
		FixKeyShape:         "Copy the key again from the Claude Console (platform.claude.com), or point ANTHROPIC_BASE_URL at the gateway that issued it.",
		FixKeyOAuthInAPIKey: "Move the token to CLAUDE_CODE_OAUTH_TOKEN, or put a Console API key in ANTHROPIC_API_KEY.",
		FixKeySetupToken:    "Create a new token with claude setup-token.",
		FixHelperMissing:    "Fix the apiKeyHelper path in the settings file, or remove the setting.",
		FixLoginOverridden:  "If you meant to use your subscription, unset %s (and remove it from shell profiles and .env files).",
		FixLoginPerm:        "chmod 600 %s",
		FixRetries:          "Set CLAUDE_CODE_MAX_RETRIES to a whole number from 0 to %d, or unset it.",
		FixTimeout:          "Set API_TIMEOUT_MS to a number of milliseconds, such as %d (the default), or unset it.",
		FixWatchdog:         "Set CLAUDE_CODE_RETRY_WATCHDOG to 1 to turn the watchdog on, or unset it.",
		FixBaseURL:          "Set ANTHROPIC_BASE_URL to the full gateway address, such as https://gateway.example.com, or unset it.",
		FixBaseURLPlain:     "Use the gateway's https:// address.",
		FixBaseURLV1:        "Drop the trailing /v1: set ANTHROPIC_BASE_URL to %s.",
		FixBetas:            "If requests fail with \"Extra inputs are not permitted\", set CLAUDE_CODE_DISABLE_EXPERIMENTAL_BETAS=1 or have the gateway forward anthropic-beta.",
		FixConfig:           "Repair the JSON in %s (a trailing comma or a missing quote is the usual cause).",
		FixConfigRead:       "Check that %s is a file you can read (ls -l shows its owner and mode), or remove it.",
		FixConfigIsDir:      "%s is a folder, not a file: move the folder away (Claude Code expects a JSON file at that path).",
		FixConfigNotDir:     "Part of the path to %s is a file, not a folder: check that HOME (or CLAUDE_CONFIG_DIR) names a folder.",
		FixHelperNotString:  "In %s, set apiKeyHelper to the command as a JSON string, e.g. \"apiKeyHelper\": \"~/bin/get-key.sh\", or remove it.",
		FixProxy:            "Check HTTPS_PROXY / HTTP_PROXY: an http:// or https:// proxy that is running and lets you reach the API host.",
		FixProxyAuth:        "Put the proxy's user and password in %s (http://user:password@proxy:port).",
		FixReject:           "Unset NODE_TLS_REJECT_UNAUTHORIZED. If a proxy re-signs traffic, give Claude Code its CA with NODE_EXTRA_CA_CERTS instead.",
		FixExtraCA:          "Export the CA certificate that signs this traffic (from IT or the proxy or gateway) as a PEM file and set NODE_EXTRA_CA_CERTS to its path. Never set NODE_TLS_REJECT_UNAUTHORIZED=0.",
		FixExpired:          "Correct the system clock (turn on automatic time), or renew the server's certificate if the clock is right.",
		FixDNS:              "Check the DNS settings or VPN; from the same shell, try curl -I https://api.anthropic.com.",
		FixTCP:              "From the same shell, try curl -I https://api.anthropic.com; if you are behind a corporate proxy, set HTTPS_PROXY; check that the firewall allows the API host.",
		FixHostNotAllowed:   "Allow %s in the environment's network policy (Network access: Custom, then add it to Allowed domains).",
		FixClock:            "Turn on automatic time synchronisation (NTP).",
		FixMemory:           "Trim the file: move rarely needed detail into separate files and keep CLAUDE.md to what every session needs.",
		FixMCP:              "Turn off servers you are not using with /mcp disable <name>.",
		FixUpdate:           "Run claude update.",
		FixExplain:          "See ccerr explain --id %s.",
	},
}

var doctorZH = DoctorText{
	GroupCredentials: "凭证",
	GroupSettings:    "设置",
	GroupNetwork:     "网络",
	GroupLive:        "实时 API 请求",
	GroupContext:     "上下文压力",
	GroupClaudeCode:  "Claude Code",
	FixLabel:         "修复：",
	More:             "详情：ccerr explain --id %s",
	SummaryClean:     "没有发现问题（共 %d 项检查，跳过 %d 项）。",
	SummaryProblems:  "%d 项失败，%d 项警告，%d 项正常，跳过 %d 项。",
	Join:             "%s%s",
	ListSep:          "、",
	LiveOffline:      "--live 会发送请求，而 --offline 禁止联网：两者只能选一个",
	Findings: DoctorFindings{
		CredNone:            "没有找到任何凭证：环境中没有 API 密钥或令牌，没有 apiKeyHelper，也没有保存的登录。Claude Code 会提示“Not logged in”。",
		CredKeychain:        "（保存在 macOS 钥匙串中的登录在这里看不到。）",
		CredUses:            "Claude Code 将使用 %s：%s",
		CredShadowed:        "同时存在但不会被使用：%s。",
		CredHelper:          "%s 中的 apiKeyHelper",
		CredLogin:           "%s 中保存的登录",
		CredCloud:           "%s=1",
		CredVar:             "%s（%s）",
		CredVarFrom:         "%s（%s，取自 %s 的 env）",
		WhyCloud:            "已启用云服务商，它优先于所有 Anthropic 凭证。",
		WhyAuthToken:        "这是 Claude Code 最先查找的 Anthropic 凭证(以 Authorization: Bearer 发送)。",
		WhyAPIKey:           "环境变量中的 API 密钥优先于 apiKeyHelper、CLAUDE_CODE_OAUTH_TOKEN 和任何 /login,即使订阅有效也是如此。",
		WhyHelper:           "环境中没有设置密钥或令牌，因此由辅助脚本提供密钥。",
		WhyOAuthToken:       "没有更优先的密钥、令牌或 apiKeyHelper。",
		WhyLogin:            "环境和设置中没有覆盖它的凭证。",
		KeyLineBreak:        "%s 在第 %d 个字符处含有换行符（%[4]s）。Claude Code 不会发送它。",
		KeySpace:            "%s 在第 %d 个字符处含有空格（%[4]s）；密钥中不会有空格。",
		KeyInvisible:        "%s 含有不可见字符 %[3]s，位于第 %[2]d 个字符处（%[4]s），通常是复制时带进来的。",
		KeyNonASCII:         "%s 含有非 ASCII 字符 %[3]s，位于第 %[2]d 个字符处（%[4]s）；密钥只由 ASCII 字符组成。",
		KeyQuote:            "%s 在第 %d 个字符处含有引号（%[4]s）；引号是和密钥一起被复制进来的。",
		KeyInvalid:          "%s 在第 %d 个字符处含有无效的 UTF-8 字节（%[4]s）。",
		KeyShape:            "%s（%s）看起来不像 Anthropic 的密钥；它们以 %s 开头。",
		KeyOK:               "%s，共 %d 个字符，格式正常。",
		KeyOAuthInAPIKey:    "ANTHROPIC_API_KEY 中放的是订阅的 OAuth 令牌(%s),API 不接受它作为 x-api-key。",
		HelperSet:           "%s 将 apiKeyHelper 设置为运行 %s。",
		HelperMissing:       "%s 将 apiKeyHelper 设置为运行 %s，但该文件不存在。",
		HelperNotOnPath:     "%s 将 apiKeyHelper 设置为运行 %s，但它不在 PATH 中。",
		HelperNotString:     "%s 中的 apiKeyHelper 是 %s 类型：apiKeyHelper 不是字符串，因此没有可运行的命令。",
		HelperNoProgram:     "%s 中的 apiKeyHelper 命令没有指明要运行的程序。",
		HelperShadowed:      "由于设置了 %s，它不会被使用。",
		LoginFound:          "%s 中有保存的登录。",
		LoginOverridden:     "设置了 %s,它会覆盖 %s 中保存的登录。如果该密钥所属组织被停用或密钥被撤销,Claude Code 会直接报错,而不会改用登录。",
		LoginPerm:           "%s 可被其他用户读取（权限 %s）。",
		HomeUnset:           "未设置 HOME（也未设置 CLAUDE_CONFIG_DIR），因此无法检查保存的登录、~/.claude/settings.json、~/.claude/CLAUDE.md 以及 ~/.claude.json 中的 MCP 服务器。",
		OriginNote:          "（取自 %s 的 env 设置）",
		OriginFix:           "%s 来自 %s 的 env 块：请在该文件中修改或删除它。",
		RetriesDefault:      "未设置：Claude Code 最多重试 %d 次。",
		RetriesOK:           "重试 %d 次。",
		RetriesZero:         "0：临时错误会立即显示，不做重试。",
		RetriesBad:          "Claude Code 无法把 %s 读作重试次数，因此会忽略它。",
		RetriesEffective:    "Claude Code 最多重试 %d 次。",
		RetriesWatchdog:     "开启重试看门狗后，429 和 529 响应会被无限重试。",
		RetriesLenient:      "Claude Code 会把 %s 读作 %d。",
		RetriesForever:      "开启看门狗后没有上限：%d 次重试几乎会无限进行下去。",
		RetriesClamped:      "%s 超过上限：Claude Code 最多只重试 %d 次。",
		TimeoutDefault:      "未设置：每个请求最长可用 %d 毫秒。",
		TimeoutOK:           "每个请求 %d 毫秒。",
		TimeoutBad:          "%s 不是以毫秒为单位的正整数，Claude Code 会忽略它。",
		TimeoutEffective:    "每个请求最长可用 %d 毫秒。",
		TimeoutLenient:      "Claude Code 会把 %s 读作 %d 毫秒。",
		TimeoutShort:        "%d 毫秒低于 %d 毫秒：较长的回答或较慢的代理会触发“Request timed out”。",
		WatchdogOn:          "已开启：其他临时错误最多重试 %d 次。",
		WatchdogOff:         "未开启。",
		WatchdogBad:         "%s 无法开启或关闭看门狗，Claude Code 会忽略它：看门狗保持关闭。",
		BaseURLDefault:      "未设置：请求发往 %s。",
		BaseURLOK:           "请求发往 %s。",
		BaseURLBad:          "%s 不是可用的 URL：%s。",
		BaseURLPlain:        "请求以明文 http 发往 %s：密钥会以未加密的形式经过网络。",
		BaseURLV1:           "%s 以 /v1 结尾，而 Claude Code 会自己加上 /v1/messages，请求会发往 %s 并失败。",
		BetasOff:            "已设置：不会发送 beta 请求头，因此丢弃 anthropic-beta 的网关不会导致请求失败。",
		BetasGateway:        "ANTHROPIC_BASE_URL 指向网关但未设置此项：如果网关丢弃 anthropic-beta 请求头，请求会以“Extra inputs are not permitted”失败。",
		BetasNoGateway:      "在没有网关的情况下设置了此项：beta 功能被关闭，这通常只在网关后面才需要。",
		ConfigSyntax:        "%s 不是有效的 JSON（第 %d 行）；Claude Code 会忽略它。",
		ConfigNotObject:     "%s 是有效的 JSON，但不是对象；Claude Code 会忽略它。",
		ConfigUnreadable:    "无法读取 %s：%s。",
		NetOffline:          "已跳过（--offline）。",
		NetNoRoute:          "已跳过：API 地址或代理设置无效（见上文）。",
		NetSkipped:          "已跳过：%s 步骤失败。",
		NetAPI:              "API",
		NetProxy:            "%s 指定的代理",
		ProxyNone:           "没有适用的代理：直接连接 %s。",
		ProxyUsed:           "使用 %s = %s 访问 %s。",
		ProxyNoMatch:        "%s 中没有与 API 主机匹配的条目。",
		ProxyBypass:         "%s 与 %s 中的条目 %q 匹配：将直接连接，不经过 %s。",
		ProxySocks:          "%s = %s 是 SOCKS 代理，Claude Code 不支持。",
		ProxyBad:            "%s = %s 不是可用的代理 URL：%s。",
		RejectOff:           "NODE_TLS_REJECT_UNAUTHORIZED=0 关闭了所有证书校验，网络路径上的任何人都可以读取并篡改流量。",
		RejectOn:            "设置为 %s：证书仍会被校验。",
		CAMissing:           "%s 不存在。",
		CAUnreadable:        "无法读取 %s：%s。",
		CADER:               "%s 是二进制（DER）证书，而不是 PEM 文本。",
		CANotPEM:            "%s 不是 PEM 文件（没有 -----BEGIN CERTIFICATE----- 块）。",
		CANoCerts:           "%s 含有 PEM 块（%d 个），但没有证书。",
		CABadCerts:          "%s 有 %d 个证书块，但都无法解析。",
		CAOK:                "%s 含有 %d 个证书：%s。",
		CASomeBad:           "%d 个块无法解析，已被忽略。",
		CAExpired:           "已过期：%s。",
		DNSIp:               "%s 是 IP 地址，无需解析。",
		DNSOK:               "%s 解析为 %s。",
		DNSFail:             "%s 无法解析：%s（ENOTFOUND）。",
		TCPOK:               "已连接到 %s。",
		TCPFail:             "无法连接到%[2]s（%[1]s，%[3]s）。",
		TCPTimeout:          "%[2]s（%[1]s）在 %[3]s 内没有响应（ETIMEDOUT）。",
		ConnectOK:           "代理已建立到 %s 的隧道（%s）。",
		ConnectDenied:       "%s 指定的代理拒绝了到 %s 的隧道（%s，%s）：该网络只允许列出的主机。",
		ConnectAuth:         "%s 指定的代理要求身份验证（%s）。",
		ConnectRefused:      "%s 指定的代理拒绝建立到 %s 的隧道：%s。",
		ConnectIO:           "%s 指定的代理中断了隧道请求：%s。",
		TLSOK:               "%s 握手成功；证书由 %s 签发。",
		TLSViaExtra:         "它通过 %s 获得信任。",
		TLSSelfSigned:       "服务器出示了自签名证书（%s），本机不信任它。",
		TLSUntrusted:        "证书由 %s 签发，它不是本机信任的机构：通常是进行 TLS 检查的公司代理，或使用私有 CA 的网关。",
		TLSHostname:         "证书对 %s 无效（证书上的名称为 %s；签发者 %s）。",
		TLSExpired:          "证书有效期为 %s 至 %s，但本机时钟为 %s。",
		TLSVerify:           "证书校验失败：%s（签发者 %s）。",
		TLSHandshake:        "TLS 握手失败：%s。",
		ClockOK:             "本机时钟与服务器相差 %s 以内（%s）。",
		ClockSkew:           "本机时钟与服务器相差 %s，%s服务器（服务器时间：%s）。",
		ClockAhead:          "快于",
		ClockBehind:         "慢于",
		ClockNoAnswer:       "没有可用于比较时钟的 HTTP 响应：%s。",
		ClockNoDate:         "响应（%s）中没有 Date 请求头。",
		LiveOff:             "未发送；使用 --live 向 API 发送一个请求。",
		LiveNoCred:          "未发送：环境中没有密钥或令牌（doctor 不会运行 apiKeyHelper，也不使用保存的登录）。",
		LiveOK:              "HTTP %d：向 %s 发送 1 个 token 的请求成功（请求 ID %s）。",
		LiveFail:            "HTTP %d：%s（请求 ID %s）。",
		LiveErr:             "请求失败：%s。",
		LiveClassified:      "%s",
		MemoryNone:          "没有 CLAUDE.md 文件。",
		MemorySize:          "%d 字节，%d 个字符，约 %d 个 token。",
		MemoryLarge:         "%d 字节，%d 个字符，约 %d 个 token：超过了 %d 个字符，Claude Code 会在此时警告过大的 CLAUDE.md 会影响表现。",
		MemoryUnreadable:    "无法读取：%s。",
		MemoryTotal:         "%d 个记忆文件，共 %d 字节，每次对话约加载 %d 个 token。",
		MCPNone:             "没有配置 MCP 服务器。",
		MCPCount:            "%d 个 MCP 服务器（来自 %s）。",
		MCPMany:             "%d 个 MCP 服务器，超过 %d 个：它们的工具定义会占用每个请求的上下文（来自 %s）。",
		MCPDup:              "在多个位置重复定义：%s。",
		VersionNotFound:     "PATH 中没有 claude。",
		VersionFailed:       "%s --version 运行失败：%s。",
		VersionUnparsed:     "无法从 %s 中读出版本号。",
		VersionOld:          "版本 %s 早于 %s，后者是首个支持当前模型思考功能的版本。",
		VersionOK:           "版本 %s（%s）。",
		FixLogin:            "运行 claude 后执行 /login，或在启动它的 shell 中导出 ANTHROPIC_API_KEY。",
		FixKeyClean:         "重新设置 %s，使用不含空格、换行和引号的新副本，例如 export %[1]s=\"$(tr -d '[:space:]' < keyfile)\"。",
		FixKeyShape:         "从 Claude Console（platform.claude.com）重新复制密钥，或将 ANTHROPIC_BASE_URL 指向签发该密钥的网关。",
		FixKeyOAuthInAPIKey: "将该令牌改放到 CLAUDE_CODE_OAUTH_TOKEN，或在 ANTHROPIC_API_KEY 中放入 Console API 密钥。",
		FixKeySetupToken:    "使用 claude setup-token 生成新令牌。",
		FixHelperMissing:    "修正设置文件中的 apiKeyHelper 路径，或删除该设置。",
		FixLoginOverridden:  "如果你想使用订阅，请取消设置 %s（并从 shell 配置文件和 .env 文件中删除）。",
		FixLoginPerm:        "chmod 600 %s",
		FixRetries:          "将 CLAUDE_CODE_MAX_RETRIES 设置为 0 到 %d 之间的整数，或取消设置。",
		FixTimeout:          "将 API_TIMEOUT_MS 设置为毫秒数，例如 %d（默认值），或取消设置。",
		FixWatchdog:         "将 CLAUDE_CODE_RETRY_WATCHDOG 设置为 1 以开启看门狗，或取消设置。",
		FixBaseURL:          "将 ANTHROPIC_BASE_URL 设置为完整的网关地址，例如 https://gateway.example.com，或取消设置。",
		FixBaseURLPlain:     "使用网关的 https:// 地址。",
		FixBaseURLV1:        "去掉末尾的 /v1：将 ANTHROPIC_BASE_URL 设置为 %s。",
		FixBetas:            "如果请求因“Extra inputs are not permitted”失败，请设置 CLAUDE_CODE_DISABLE_EXPERIMENTAL_BETAS=1，或让网关转发 anthropic-beta。",
		FixConfig:           "修复 %s 中的 JSON（常见原因是多余的逗号或缺少引号）。",
		FixConfigRead:       "确认 %s 是一个你有权读取的文件（用 ls -l 查看属主和权限），或者删除它。",
		FixConfigIsDir:      "%s 是文件夹而不是文件：请把该文件夹移走（Claude Code 要求该路径是一个 JSON 文件）。",
		FixConfigNotDir:     "%s 路径中的某一级是文件而不是文件夹：请确认 HOME（或 CLAUDE_CONFIG_DIR）指向一个文件夹。",
		FixHelperNotString:  "在 %s 中把 apiKeyHelper 写成 JSON 字符串形式的命令，例如 \"apiKeyHelper\": \"~/bin/get-key.sh\"，或删除该设置。",
		FixProxy:            "检查 HTTPS_PROXY / HTTP_PROXY：它应是一个正在运行、允许访问 API 主机的 http:// 或 https:// 代理。",
		FixProxyAuth:        "在 %s 中写入代理的用户名和密码（http://user:password@proxy:port）。",
		FixReject:           "取消设置 NODE_TLS_REJECT_UNAUTHORIZED。如果代理会重新签发流量的证书，请改用 NODE_EXTRA_CA_CERTS 提供它的 CA。",
		FixExtraCA:          "导出签发这些流量证书的 CA 证书（向 IT 或代理、网关管理员索取），保存为 PEM 文件，并将 NODE_EXTRA_CA_CERTS 设置为其路径。不要设置 NODE_TLS_REJECT_UNAUTHORIZED=0。",
		FixExpired:          "校正系统时钟（开启自动校时）；如果时钟正确，请更新服务器证书。",
		FixDNS:              "检查 DNS 设置或 VPN；在同一个 shell 中运行 curl -I https://api.anthropic.com 试试。",
		FixTCP:              "在同一个 shell 中运行 curl -I https://api.anthropic.com；如果位于公司代理之后，请设置 HTTPS_PROXY；并确认防火墙允许访问 API 主机。",
		FixHostNotAllowed:   "在环境的网络策略中允许 %s（将 Network access 改为 Custom，然后加入 Allowed domains）。",
		FixClock:            "开启自动时间同步（NTP）。",
		FixMemory:           "精简该文件：把不常用的细节移到单独的文件，让 CLAUDE.md 只保留每次会话都需要的内容。",
		FixMCP:              "使用 /mcp disable <name> 关闭不用的服务器。",
		FixUpdate:           "运行 claude update。",
		FixExplain:          "参见 ccerr explain --id %s。",
	},
}
