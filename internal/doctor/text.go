package doctor

import (
	"fmt"
	"strings"

	"github.com/ccerr/ccerr/catalog"
)

// text is one message in both languages. Both are fmt formats taking the
// same arguments; the Chinese one uses explicit indexes (%[2]s) where its
// word order differs.
type text struct{ en, zh string }

// messages is the doctor's own wording, keyed by a stable name. Fixes that
// a catalog entry already gives come from the catalog instead (see fix).
var messages = map[string]text{
	// Groups and report wording used by renderers.
	"group.credentials": {"Credentials", "凭证"},
	"group.settings":    {"Settings", "设置"},
	"group.network":     {"Network", "网络"},
	"group.live":        {"Live API request", "实时 API 请求"},
	"group.context":     {"Context pressure", "上下文压力"},
	"group.claude-code": {"Claude Code", "Claude Code"},
	"label.fix":         {"fix: ", "修复："},
	"label.more":        {"more: ccerr explain --id %s", "详情：ccerr explain --id %s"},
	"summary.clean":     {"No problems found (%d checks, %d skipped).", "没有发现问题（共 %d 项检查，跳过 %d 项）。"},
	"summary.problems":  {"%d failed, %d warned, %d ok, %d skipped.", "%d 项失败，%d 项警告，%d 项正常，跳过 %d 项。"},

	// Credentials.
	"cred.none":     {"No credential found: no API key or token in the environment, no apiKeyHelper and no stored login. Claude Code will say \"Not logged in\".", "没有找到任何凭证：环境中没有 API 密钥或令牌，没有 apiKeyHelper，也没有保存的登录。Claude Code 会提示“Not logged in”。"},
	"cred.keychain": {"(A login kept in the macOS Keychain cannot be seen from here.)", "（保存在 macOS 钥匙串中的登录在这里看不到。）"},
	"cred.uses":     {"Claude Code will use %s: %s", "Claude Code 将使用 %s：%s"},
	"cred.shadowed": {"Also present but not used: %s.", "同时存在但不会被使用：%s。"},
	"cred.helper":   {"the apiKeyHelper in %s", "%s 中的 apiKeyHelper"},
	"cred.login":    {"the stored login in %s", "%s 中保存的登录"},
	"why.cloud":     {"a cloud provider is switched on, which comes before every Anthropic credential.", "已启用云服务商，它优先于所有 Anthropic 凭证。"},
	"why.ANTHROPIC_AUTH_TOKEN": {"it is the first Anthropic credential Claude Code looks for (sent as Authorization: Bearer).",
		"这是 Claude Code 最先查找的 Anthropic 凭证(以 Authorization: Bearer 发送)。"},
	"why.ANTHROPIC_API_KEY": {"an API key in the environment comes before apiKeyHelper, CLAUDE_CODE_OAUTH_TOKEN and any /login, even a valid subscription.",
		"环境变量中的 API 密钥优先于 apiKeyHelper、CLAUDE_CODE_OAUTH_TOKEN 和任何 /login,即使订阅有效也是如此。"},
	"why.apiKeyHelper":            {"no key or token is set in the environment, so the helper script supplies the key.", "环境中没有设置密钥或令牌，因此由辅助脚本提供密钥。"},
	"why.CLAUDE_CODE_OAUTH_TOKEN": {"no key, token or apiKeyHelper comes before it.", "没有更优先的密钥、令牌或 apiKeyHelper。"},
	"why.login":                   {"nothing in the environment or settings overrides it.", "环境和设置中没有覆盖它的凭证。"},

	"key.linebreak": {"%s contains a line break at character %d (%[4]s). Claude Code refuses to send it.", "%s 在第 %d 个字符处含有换行符（%[4]s）。Claude Code 不会发送它。"},
	"key.space":     {"%s contains a space at character %d (%[4]s); spaces are never part of a key.", "%s 在第 %d 个字符处含有空格（%[4]s）；密钥中不会有空格。"},
	"key.invisible": {"%s contains an invisible character %[3]s at character %[2]d (%[4]s), usually picked up when copying.", "%s 在第 %[2]d 个字符处含有不可见字符 %[3]s（%[4]s），通常是复制时带进来的。"},
	"key.nonascii":  {"%s contains the non-ASCII character %[3]s at character %[2]d (%[4]s); keys are plain ASCII.", "%s 在第 %[2]d 个字符处含有非 ASCII 字符 %[3]s（%[4]s）；密钥只由 ASCII 字符组成。"},
	"key.quote":     {"%s contains a quote mark at character %d (%[4]s); the quotes were copied along with the key.", "%s 在第 %d 个字符处含有引号（%[4]s）；引号是和密钥一起被复制进来的。"},
	"key.invalid":   {"%s contains bytes that are not valid UTF-8 at character %d (%[4]s).", "%s 在第 %d 个字符处含有无效的 UTF-8 字节（%[4]s）。"},
	"key.shape":     {"%s (%s) does not look like an Anthropic key; those start with %s.", "%s（%s）看起来不像 Anthropic 的密钥；它们以 %s 开头。"},
	"key.ok":        {"%s, %d characters, well formed.", "%s，共 %d 个字符，格式正常。"},
	"key.oauth-in-apikey": {"ANTHROPIC_API_KEY holds a subscription OAuth token (%s), which the API does not accept as an x-api-key.",
		"ANTHROPIC_API_KEY 中放的是订阅的 OAuth 令牌(%s),API 不接受它作为 x-api-key。"},

	"helper.set":       {"%s sets apiKeyHelper to run %s.", "%s 将 apiKeyHelper 设置为运行 %s。"},
	"helper.missing":   {"%s sets apiKeyHelper to run %s, which does not exist.", "%s 将 apiKeyHelper 设置为运行 %s，但该文件不存在。"},
	"helper.notonpath": {"%s sets apiKeyHelper to run %s, which is not on PATH.", "%s 将 apiKeyHelper 设置为运行 %s，但它不在 PATH 中。"},
	"helper.notstring": {"%s sets apiKeyHelper to a %s: apiKeyHelper is not a string, so there is no command to run.", "%s 中的 apiKeyHelper 是 %s 类型：apiKeyHelper 不是字符串，因此没有可运行的命令。"},
	"helper.noprogram": {"%s sets apiKeyHelper to a command that names no program to run.", "%s 中的 apiKeyHelper 命令没有指明要运行的程序。"},
	"helper.shadowed":  {"It is not used while %s is set.", "由于设置了 %s，它不会被使用。"},

	"login.found": {"A stored login is in %s.", "%s 中有保存的登录。"},
	"login.overridden": {"%s is set and overrides the stored login in %s. If that key's organization is disabled or the key is revoked, Claude Code fails instead of falling back to the login.",
		"设置了 %s,它会覆盖 %s 中保存的登录。如果该密钥所属组织被停用或密钥被撤销,Claude Code 会直接报错,而不会改用登录。"},
	"login.perm": {"%s can be read by other users (mode %s).", "%s 可被其他用户读取（权限 %s）。"},

	"home.unset": {"HOME is not set (and neither is CLAUDE_CONFIG_DIR), so the stored login, ~/.claude/settings.json, ~/.claude/CLAUDE.md and the MCP servers in ~/.claude.json could not be checked.",
		"未设置 HOME（也未设置 CLAUDE_CONFIG_DIR），因此无法检查保存的登录、~/.claude/settings.json、~/.claude/CLAUDE.md 以及 ~/.claude.json 中的 MCP 服务器。"},
	"origin.in":   {"from %s env", "取自 %s 的 env"},
	"origin.note": {"(from %s env)", "（取自 %s 的 env 设置）"},
	"origin.fix":  {"%s comes from the env block of %s: change or remove it there.", "%s 来自 %s 的 env 块：请在该文件中修改或删除它。"},

	// Settings.
	"retries.default":       {"Not set: Claude Code retries up to %d times.", "未设置：Claude Code 最多重试 %d 次。"},
	"retries.ok":            {"%d retries.", "重试 %d 次。"},
	"retries.zero":          {"0: transient errors are shown at once, without retrying.", "0：临时错误会立即显示，不做重试。"},
	"retries.bad":           {"%s is not a whole number of 0 or more, so it does not set the retry count.", "%s 不是大于等于 0 的整数，因此无法设置重试次数。"},
	"retries.huge":          {"%s is too large: Claude Code retries at most %d times.", "%s 太大了：Claude Code 最多只重试 %d 次。"},
	"retries.huge.watchdog": {"%s is too large: with the retry watchdog on there is no cap, so transient errors would be retried practically forever.", "%s 太大了：开启重试看门狗后没有上限，临时错误几乎会被无限重试。"},
	"retries.clamped":       {"%d is above the cap: Claude Code retries at most %d times.", "%d 超过上限：Claude Code 最多只重试 %d 次。"},
	"timeout.default":       {"Not set: each request may take up to %d ms.", "未设置：每个请求最长可用 %d 毫秒。"},
	"timeout.ok":            {"%d ms per request.", "每个请求 %d 毫秒。"},
	"timeout.bad":           {"%s is not a positive whole number of milliseconds.", "%s 不是以毫秒为单位的正整数。"},
	"timeout.short":         {"%d ms is under %d ms: long answers and slow proxies will hit \"Request timed out\".", "%d 毫秒低于 %d 毫秒：较长的回答或较慢的代理会触发“Request timed out”。"},
	"baseurl.default":       {"Not set: requests go to %s.", "未设置：请求发往 %s。"},
	"baseurl.ok":            {"Requests go to %s.", "请求发往 %s。"},
	"baseurl.bad":           {"%s is not a usable URL: %s.", "%s 不是可用的 URL：%s。"},
	"baseurl.v1":            {"%s ends in /v1, but Claude Code adds /v1/messages itself, so requests would go to %s and fail.", "%s 以 /v1 结尾，而 Claude Code 会自己加上 /v1/messages，请求会发往 %s 并失败。"},
	"baseurl.plain":         {"Requests go to %s over plain http: the key crosses the network unencrypted.", "请求以明文 http 发往 %s：密钥会以未加密的形式经过网络。"},
	"betas.off":             {"Set: beta headers are not sent, so a gateway that drops anthropic-beta cannot break requests.", "已设置：不会发送 beta 请求头，因此丢弃 anthropic-beta 的网关不会导致请求失败。"},
	"betas.gateway":         {"Not set while ANTHROPIC_BASE_URL points at a gateway: if it drops the anthropic-beta header, requests fail with \"Extra inputs are not permitted\".", "ANTHROPIC_BASE_URL 指向网关但未设置此项：如果网关丢弃 anthropic-beta 请求头，请求会以“Extra inputs are not permitted”失败。"},
	"betas.nogateway":       {"Set without a gateway: beta features are off, which is only needed behind a gateway.", "在没有网关的情况下设置了此项：beta 功能被关闭，这通常只在网关后面才需要。"},
	"config.syntax":         {"%s is not valid JSON (line %d); Claude Code ignores it.", "%s 不是有效的 JSON（第 %d 行）；Claude Code 会忽略它。"},
	"config.notobject":      {"%s is valid JSON but not an object; Claude Code ignores it.", "%s 是有效的 JSON，但不是对象；Claude Code 会忽略它。"},
	"config.unreadable":     {"%s cannot be read: %s.", "无法读取 %s：%s。"},

	// Network.
	"net.offline":   {"Skipped (--offline).", "已跳过（--offline）。"},
	"net.noroute":   {"Skipped: the API address or the proxy setting is invalid (see above).", "已跳过：API 地址或代理设置无效（见上文）。"},
	"net.skipped":   {"Skipped: the %s step failed.", "已跳过：%s 步骤失败。"},
	"net.api":       {"the API", "API"},
	"net.proxy":     {"the proxy from %s", "%s 指定的代理"},
	"proxy.none":    {"No proxy applies: %s is reached directly.", "没有适用的代理：直接连接 %s。"},
	"proxy.used":    {"%s = %s is used for %s.", "访问 %[3]s 时使用 %[1]s = %[2]s。"},
	"proxy.nomatch": {"No entry of %s matches the API host.", "%s 中没有与 API 主机匹配的条目。"},
	"proxy.bypass":  {"%s matches %s entry %q: it is reached directly, not through %s.", "%s 与 %s 中的条目 %q 匹配：将直接连接，不经过 %s。"},
	"proxy.socks":   {"%s = %s is a SOCKS proxy, which Claude Code does not support.", "%s = %s 是 SOCKS 代理，Claude Code 不支持。"},
	"proxy.bad":     {"%s = %s is not a usable proxy URL: %s.", "%s = %s 不是可用的代理 URL：%s。"},
	"reject.off":    {"NODE_TLS_REJECT_UNAUTHORIZED=0 turns off every certificate check, so anyone on the network path can read and change the traffic.", "NODE_TLS_REJECT_UNAUTHORIZED=0 关闭了所有证书校验，网络路径上的任何人都可以读取并篡改流量。"},
	"reject.on":     {"Set to %s: certificates are still checked.", "设置为 %s：证书仍会被校验。"},

	"ca.missing":    {"%s does not exist.", "%s 不存在。"},
	"ca.unreadable": {"%s cannot be read: %s.", "无法读取 %s：%s。"},
	"ca.der":        {"%s is a binary (DER) certificate, not PEM text.", "%s 是二进制（DER）证书，而不是 PEM 文本。"},
	"ca.notpem":     {"%s is not a PEM file (no -----BEGIN CERTIFICATE----- block).", "%s 不是 PEM 文件（没有 -----BEGIN CERTIFICATE----- 块）。"},
	"ca.nocerts":    {"%s holds PEM blocks (%d) but no certificate.", "%s 含有 PEM 块（%d 个），但没有证书。"},
	"ca.badcerts":   {"%s has %d certificate blocks and none of them parses.", "%s 有 %d 个证书块，但都无法解析。"},
	"ca.ok":         {"%s holds %d certificates: %s.", "%s 含有 %d 个证书：%s。"},
	"ca.somebad":    {"%d blocks do not parse and are ignored.", "%d 个块无法解析，已被忽略。"},
	"ca.expired":    {"Expired: %s.", "已过期：%s。"},

	"dns.ip":      {"%s is an IP address; no lookup needed.", "%s 是 IP 地址，无需解析。"},
	"dns.ok":      {"%s resolves to %s.", "%s 解析为 %s。"},
	"dns.fail":    {"%s does not resolve: %s (ENOTFOUND).", "%s 无法解析：%s（ENOTFOUND）。"},
	"tcp.ok":      {"Connected to %s.", "已连接到 %s。"},
	"tcp.fail":    {"Cannot connect to %[2]s at %[1]s (%[3]s).", "无法连接到%[2]s（%[1]s，%[3]s）。"},
	"tcp.timeout": {"No answer from %[2]s at %[1]s within %[3]s (ETIMEDOUT).", "%[2]s（%[1]s）在 %[3]s 内没有响应（ETIMEDOUT）。"},

	"connect.ok":      {"The proxy opened a tunnel to %s (%s).", "代理已建立到 %s 的隧道（%s）。"},
	"connect.denied":  {"The proxy from %s refused %s with %s and %s: this network only allows listed hosts.", "%s 指定的代理以 %[3]s 和 %[4]s 拒绝了 %[2]s：该网络只允许列出的主机。"},
	"connect.auth":    {"The proxy from %s asks for credentials (%s).", "%s 指定的代理要求身份验证（%s）。"},
	"connect.refused": {"The proxy from %s refused the tunnel to %s: %s.", "%s 指定的代理拒绝建立到 %s 的隧道：%s。"},
	"connect.io":      {"The proxy from %s broke off the tunnel request: %s.", "%s 指定的代理中断了隧道请求：%s。"},

	"tls.ok":         {"%s handshake; the certificate is issued by %s.", "%s 握手成功；证书由 %s 签发。"},
	"tls.viaextra":   {"It is trusted through %s.", "它通过 %s 获得信任。"},
	"tls.selfsigned": {"The server presented a self-signed certificate (%s) that nothing here trusts.", "服务器出示了自签名证书（%s），本机不信任它。"},
	"tls.untrusted":  {"The certificate was issued by %s, which is not a trusted authority here: usually a TLS-inspecting corporate proxy or a gateway with a private CA.", "证书由 %s 签发，它不是本机信任的机构：通常是进行 TLS 检查的公司代理，或使用私有 CA 的网关。"},
	"tls.hostname":   {"The certificate is not valid for %s (it names %s; issuer %s).", "证书对 %s 无效（证书上的名称为 %s；签发者 %s）。"},
	"tls.expired":    {"The certificate is valid from %s to %s, but the local clock says %s.", "证书有效期为 %s 至 %s，但本机时钟为 %s。"},
	"tls.verify":     {"Certificate verification failed: %s (issuer %s).", "证书校验失败：%s（签发者 %s）。"},
	"tls.handshake":  {"The TLS handshake failed: %s.", "TLS 握手失败：%s。"},

	"clock.ok":       {"The local clock is within %s of the server's (%s).", "本机时钟与服务器相差 %s 以内（%s）。"},
	"clock.skew":     {"The local clock is %s %s the server's (server: %s).", "本机时钟比服务器%[2]s %[1]s（服务器时间：%[3]s）。"},
	"clock.ahead":    {"ahead of", "快"},
	"clock.behind":   {"behind", "慢"},
	"clock.noanswer": {"No HTTP answer to compare clocks: %s.", "没有可用于比较时钟的 HTTP 响应：%s。"},
	"clock.nodate":   {"The answer (%s) has no Date header.", "响应（%s）中没有 Date 请求头。"},

	// Live request.
	"live.off":    {"Not sent; run with --live to send one request to the API.", "未发送；使用 --live 向 API 发送一个请求。"},
	"live.nocred": {"Not sent: no key or token in the environment (the doctor does not run apiKeyHelper or use the stored login).", "未发送：环境中没有密钥或令牌（doctor 不会运行 apiKeyHelper，也不使用保存的登录）。"},
	"live.ok":     {"HTTP %d for a 1-token request to %s (request id %s).", "向 %[2]s 发送 1 个 token 的请求，返回 HTTP %[1]d（请求 ID %[3]s）。"},
	"live.fail":   {"HTTP %d: %s (request id %s).", "HTTP %d：%s（请求 ID %s）。"},
	"live.err":    {"The request failed: %s.", "请求失败：%s。"},

	// Context pressure.
	"memory.none":       {"No CLAUDE.md files.", "没有 CLAUDE.md 文件。"},
	"memory.size":       {"%d bytes, %d characters, about %d tokens.", "%d 字节，%d 个字符，约 %d 个 token。"},
	"memory.large":      {"%d bytes, %d characters, about %d tokens: over the %d characters where Claude Code warns that a large CLAUDE.md hurts performance.", "%d 字节，%d 个字符，约 %d 个 token：超过了 %d 个字符，Claude Code 会在此时警告过大的 CLAUDE.md 会影响表现。"},
	"memory.unreadable": {"Cannot be read: %s.", "无法读取：%s。"},
	"memory.total":      {"%d memory files, %d bytes, about %d tokens loaded into every conversation.", "%d 个记忆文件，共 %d 字节，每次对话约加载 %d 个 token。"},
	"mcp.none":          {"No MCP servers configured.", "没有配置 MCP 服务器。"},
	"mcp.count":         {"%d MCP servers (from %s).", "%d 个 MCP 服务器（来自 %s）。"},
	"mcp.many":          {"%d MCP servers, more than %d: their tool definitions take context in every request (from %s).", "%d 个 MCP 服务器，超过 %d 个：它们的工具定义会占用每个请求的上下文（来自 %s）。"},
	"mcp.dup":           {"Defined in more than one place: %s.", "在多个位置重复定义：%s。"},

	// Claude Code.
	"version.notfound": {"claude is not on PATH.", "PATH 中没有 claude。"},
	"version.failed":   {"%s --version failed: %s.", "%s --version 运行失败：%s。"},
	"version.unparsed": {"Cannot read a version number from %s.", "无法从 %s 中读出版本号。"},
	"version.old":      {"Version %s is older than %s, the first that supports thinking on current models.", "版本 %s 早于 %s，后者是首个支持当前模型思考功能的版本。"},
	"version.ok":       {"Version %s (%s).", "版本 %s（%s）。"},

	// Fixes in the doctor's own words, used when no catalog fix applies.
	"fix.login":               {"Run claude and then /login, or export ANTHROPIC_API_KEY in the shell that starts it.", "运行 claude 后执行 /login，或在启动它的 shell 中导出 ANTHROPIC_API_KEY。"},
	"fix.key.clean":           {"Set %s again from a fresh copy with no spaces, line breaks or quotes, e.g. export %[1]s=\"$(tr -d '[:space:]' < keyfile)\".", "重新设置 %s，使用不含空格、换行和引号的新副本，例如 export %[1]s=\"$(tr -d '[:space:]' < keyfile)\"。"},
	"fix.key.shape":           {"Copy the key again from the Claude Console (platform.claude.com), or point ANTHROPIC_BASE_URL at the gateway that issued it.", "从 Claude Console（platform.claude.com）重新复制密钥，或将 ANTHROPIC_BASE_URL 指向签发该密钥的网关。"},
	"fix.key.oauth-in-apikey": {"Move the token to CLAUDE_CODE_OAUTH_TOKEN, or put a Console API key in ANTHROPIC_API_KEY.", "将该令牌改放到 CLAUDE_CODE_OAUTH_TOKEN，或在 ANTHROPIC_API_KEY 中放入 Console API 密钥。"},
	"fix.key.setup-token":     {"Create a new token with claude setup-token.", "使用 claude setup-token 生成新令牌。"},
	"fix.helper.missing":      {"Fix the apiKeyHelper path in the settings file, or remove the setting.", "修正设置文件中的 apiKeyHelper 路径，或删除该设置。"},
	"fix.login.overridden":    {"If you meant to use your subscription, unset %s (and remove it from shell profiles and .env files).", "如果你想使用订阅，请取消设置 %s（并从 shell 配置文件和 .env 文件中删除）。"},
	"fix.login.perm":          {"chmod 600 %s", "chmod 600 %s"},
	"fix.retries":             {"Set CLAUDE_CODE_MAX_RETRIES to a whole number from 0 to %d, or unset it.", "将 CLAUDE_CODE_MAX_RETRIES 设置为 0 到 %d 之间的整数，或取消设置。"},
	"fix.timeout":             {"Set API_TIMEOUT_MS to a number of milliseconds, such as %d (the default), or unset it.", "将 API_TIMEOUT_MS 设置为毫秒数，例如 %d（默认值），或取消设置。"},
	"fix.baseurl":             {"Set ANTHROPIC_BASE_URL to the full gateway address, such as https://gateway.example.com, or unset it.", "将 ANTHROPIC_BASE_URL 设置为完整的网关地址，例如 https://gateway.example.com，或取消设置。"},
	"fix.baseurl.plain":       {"Use the gateway's https:// address.", "使用网关的 https:// 地址。"},
	"fix.betas":               {"If requests fail with \"Extra inputs are not permitted\", set CLAUDE_CODE_DISABLE_EXPERIMENTAL_BETAS=1 or have the gateway forward anthropic-beta.", "如果请求因“Extra inputs are not permitted”失败，请设置 CLAUDE_CODE_DISABLE_EXPERIMENTAL_BETAS=1，或让网关转发 anthropic-beta。"},
	"fix.config":              {"Repair the JSON in %s (a trailing comma or a missing quote is the usual cause).", "修复 %s 中的 JSON（常见原因是多余的逗号或缺少引号）。"},
	"fix.config.read":         {"Check that %s is a file you can read (ls -l shows its owner and mode), or remove it.", "确认 %s 是一个你有权读取的文件（用 ls -l 查看属主和权限），或者删除它。"},
	"fix.config.isdir":        {"%s is a folder, not a file: move the folder away (Claude Code expects a JSON file at that path).", "%s 是文件夹而不是文件：请把该文件夹移走（Claude Code 要求该路径是一个 JSON 文件）。"},
	"fix.config.notdir":       {"Part of the path to %s is a file, not a folder: check that HOME (or CLAUDE_CONFIG_DIR) names a folder.", "%s 路径中的某一级是文件而不是文件夹：请确认 HOME（或 CLAUDE_CONFIG_DIR）指向一个文件夹。"},
	"fix.helper.notstring":    {"In %s, set apiKeyHelper to the command as a JSON string, e.g. \"apiKeyHelper\": \"~/bin/get-key.sh\", or remove it.", "在 %s 中把 apiKeyHelper 写成 JSON 字符串形式的命令，例如 \"apiKeyHelper\": \"~/bin/get-key.sh\"，或删除该设置。"},
	"fix.baseurl.v1":          {"Drop the trailing /v1: set ANTHROPIC_BASE_URL to %s.", "去掉末尾的 /v1：将 ANTHROPIC_BASE_URL 设置为 %s。"},
	"fix.proxy":               {"Check HTTPS_PROXY / HTTP_PROXY: an http:// or https:// proxy that is running and lets you reach the API host.", "检查 HTTPS_PROXY / HTTP_PROXY：它应是一个正在运行、允许访问 API 主机的 http:// 或 https:// 代理。"},
	"fix.proxyauth":           {"Put the proxy's user and password in %s (http://user:password@proxy:port).", "在 %s 中写入代理的用户名和密码（http://user:password@proxy:port）。"},
	"fix.reject":              {"Unset NODE_TLS_REJECT_UNAUTHORIZED. If a proxy re-signs traffic, give Claude Code its CA with NODE_EXTRA_CA_CERTS instead.", "取消设置 NODE_TLS_REJECT_UNAUTHORIZED。如果代理会重新签发流量的证书，请改用 NODE_EXTRA_CA_CERTS 提供它的 CA。"},
	"fix.extraca":             {"Export the CA certificate that signs this traffic (from IT or the proxy or gateway) as a PEM file and set NODE_EXTRA_CA_CERTS to its path. Never set NODE_TLS_REJECT_UNAUTHORIZED=0.", "导出签发这些流量证书的 CA 证书（向 IT 或代理、网关管理员索取），保存为 PEM 文件，并将 NODE_EXTRA_CA_CERTS 设置为其路径。不要设置 NODE_TLS_REJECT_UNAUTHORIZED=0。"},
	"fix.expired":             {"Correct the system clock (turn on automatic time), or renew the server's certificate if the clock is right.", "校正系统时钟（开启自动校时）；如果时钟正确，请更新服务器证书。"},
	"fix.dns":                 {"Check the DNS settings or VPN; from the same shell, try curl -I https://api.anthropic.com.", "检查 DNS 设置或 VPN；在同一个 shell 中运行 curl -I https://api.anthropic.com 试试。"},
	"fix.tcp":                 {"From the same shell, try curl -I https://api.anthropic.com; if you are behind a corporate proxy, set HTTPS_PROXY; check that the firewall allows the API host.", "在同一个 shell 中运行 curl -I https://api.anthropic.com；如果位于公司代理之后，请设置 HTTPS_PROXY；并确认防火墙允许访问 API 主机。"},
	"fix.hostnotallowed":      {"Allow %s in the environment's network policy (Network access: Custom, then add it to Allowed domains).", "在环境的网络策略中允许 %s（将 Network access 改为 Custom，然后加入 Allowed domains）。"},
	"fix.clock":               {"Turn on automatic time synchronisation (NTP).", "开启自动时间同步（NTP）。"},
	"fix.memory":              {"Trim the file: move rarely needed detail into separate files and keep CLAUDE.md to what every session needs.", "精简该文件：把不常用的细节移到单独的文件，让 CLAUDE.md 只保留每次会话都需要的内容。"},
	"fix.mcp":                 {"Turn off servers you are not using with /mcp disable <name>.", "使用 /mcp disable <name> 关闭不用的服务器。"},
	"fix.update":              {"Run claude update.", "运行 claude update。"},
	"fix.explain":             {"See ccerr explain --id %s.", "参见 ccerr explain --id %s。"},
}

// Text returns the doctor's message key in lang ("en" or "zh", anything
// else meaning English), formatted with args. Renderers use it for group
// titles and the summary line. An unknown key returns the key itself.
func Text(lang, key string, args ...any) string {
	t, ok := messages[key]
	if !ok {
		return key
	}
	format := t.en
	if lang == catalog.Chinese && t.zh != "" {
		format = t.zh
	}
	if len(args) == 0 {
		return format
	}
	return fmt.Sprintf(format, args...)
}

func (r *runner) msg(key string, args ...any) string { return Text(r.lang, key, args...) }

// fix returns the fix for a finding: the first fix of catalog entry id that
// mentions hint (in its env var, command or text; "" takes the first fix),
// else the doctor's own fallback message.
func (r *runner) fix(id catalog.ID, hint, fallback string, args ...any) string {
	if text := r.catalogFix(id, hint); text != "" {
		return text
	}
	return r.msg(fallback, args...)
}

// catalogFix returns the text of the first fix of catalog entry id that
// mentions hint, or "" when there is none.
func (r *runner) catalogFix(id catalog.ID, hint string) string {
	if id == "" || r.opts.Catalog == nil {
		return ""
	}
	e, ok := r.opts.Catalog.Lookup(id)
	if !ok {
		return ""
	}
	for _, fx := range e.In(r.lang).Fixes {
		if fx.Command == "ccerr doctor" || fx.Text == "" {
			continue // the reader is running the doctor already
		}
		if hint == "" || fx.Env == hint || strings.Contains(fx.Command, hint) || strings.Contains(fx.Text, hint) {
			return fx.Text
		}
	}
	return ""
}
