package redact

import (
	"strings"
	"testing"
)

func TestSecretName(t *testing.T) {
	secret := []string{
		"Authorization", "proxy-authorization", "X-Api-Key", "api-key", "Anthropic-Api-Key",
		"x-goog-api-key", "X-Auth-Token", "X-Amz-Security-Token", "Cookie", "Set-Cookie",
		"key", "api_key", "apikey", "token", "access_token", "sig", "client_secret",
		"password", "X-My-Password", "refresh.token", "X-Amz-Signature", "code",
	}
	plain := []string{
		"Content-Type", "Anthropic-Version", "Anthropic-Beta", "User-Agent", "X-Stainless-Timeout",
		"Keep-Alive", "beta", "model", "Accept", "",
	}
	for _, n := range secret {
		if !SecretName(n) {
			t.Errorf("SecretName(%q) = false, want true", n)
		}
	}
	for _, n := range plain {
		if SecretName(n) {
			t.Errorf("SecretName(%q) = true, want false", n)
		}
	}
}

func TestValue(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{testKey, "sk-ant-api03-…WXYZ"},
		{"Bearer sk-ant-oat01-TOKENsecretMATERIALpPoOiIuUyYzyxwLMNO", "Bearer sk-ant-oat01-…LMNO"},
		{"Basic dXNlcjpwYXNzd29yZHNlY3JldA==", "Basic …dA=="},
		{"sid=COOKIEsecretVALUEvVvV", "…vVvV"},
		{"short", "(5 characters)"},
		{"Bearer x", "Bearer (1 characters)"},
	} {
		if got := Value(tt.in); got != tt.want {
			t.Errorf("Value(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestHeader(t *testing.T) {
	for _, tt := range []struct{ name, value, want string }{
		{"X-Goog-Api-Key", "AIzaSyD-SECRETsecretSECRETsecret0000", "…0000"},
		{"Api-Key", "azure-SECRET-key-value-0123456789", "…6789"},
		{"Anthropic-Api-Key", testKey, "sk-ant-api03-…WXYZ"},
		{"X-Auth-Token", "gw-token-SECRETvalue-9876", "…9876"},
		{"X-Amz-Security-Token", "IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJHMEUCIQ", "…CIQ"[0:0] + "…UCIQ"},
		{"Content-Type", "application/json", "application/json"},
		{"X-Custom", "carries " + testKey, "carries sk-ant-api03-…WXYZ"},
		{"Anthropic-Beta", "interleaved-thinking-2025-05-14,context-1m-2025-08-07", "interleaved-thinking-2025-05-14,context-1m-2025-08-07"},
	} {
		if got := Header(tt.name, tt.value); got != tt.want {
			t.Errorf("Header(%q, %q) = %q, want %q", tt.name, tt.value, got, tt.want)
		}
	}
}

func TestQuery(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"beta=true", "beta=true"},
		{"key=AIzaSyD-SECRETsecretSECRETsecret0000&beta=true", "key=…0000&beta=true"},
		{"api_key=" + testKey, "api_key=sk-ant-api03-…WXYZ"},
		{"token=abc", "token=(3 characters)"},
		{"sig=2Fabcdefghijklmnop%2Bqrstu&se=2030", "sig=…rstu&se=2030"},
		{"x=" + testKey, "x=sk-ant-api03-…WXYZ"},
		{"flag", "flag"},
		{"", ""},
	} {
		if got := Query(tt.in); got != tt.want {
			t.Errorf("Query(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestText(t *testing.T) {
	for _, tt := range []struct{ name, in, want string }{
		{"userinfo", "http://u:PASSWORDxx@gw.example.com:99999", "http://…@gw.example.com:99999"},
		{"userinfo, no scheme", "//u:PASSWORDxx@gw.example.com", "//…@gw.example.com"},
		{"query key", "GET https://gw.example.com/v1?key=AIzaSyD-SECRETsecret0000 failed", "GET https://gw.example.com/v1?key=…0000 failed"},
		{"bearer", "sent Authorization: Bearer abcdefghSECRET1234", "sent Authorization: Bearer …1234"},
		{"sk key", "invalid key " + testKey + ".", "invalid key sk-ant-api03-…WXYZ."},
		{"hex run", "token 0123456789abcdef0123456789abcdef00ff", "token …00ff"},
		{"base64 with padding", "cred QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo0123==", "cred …0123=="},
		{"uuid kept", "session d7c1b0b6-5a8e-4d8f-9a3b-7b9f2e3d1c4a", "session d7c1b0b6-5a8e-4d8f-9a3b-7b9f2e3d1c4a"},
		{"request id kept", "request_id req_011CSHRmdb3nYRzbH6dq2Xs5", "request_id req_011CSHRmdb3nYRzbH6dq2Xs5"},
		{"path kept", "/scenario/overloaded/v1/messages?beta=true", "/scenario/overloaded/v1/messages?beta=true"},
		{"prose kept", "Connection dropped (ECONNRESET). Check the gateway", "Connection dropped (ECONNRESET). Check the gateway"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got := Text(tt.in)
			if got != tt.want {
				t.Errorf("Text(%q) =\n %q, want\n %q", tt.in, got, tt.want)
			}
			if again := Text(got); again != got {
				t.Errorf("Text is not idempotent: %q then %q", got, again)
			}
		})
	}
}

func TestSecrets(t *testing.T) {
	for _, tt := range []struct{ name, in, want string }{
		{"exact", "invalid x-api-key " + testKey, "invalid x-api-key sk-ant-api03-…WXYZ"},
		{"first 40 characters", "got Bearer " + testKey[:40], "got Bearer sk-ant-api03-…"},
		{"upper-cased", "KEY " + strings.ToUpper(testKey), "KEY SK-ANT-API03-…"},
		{"u-escaped", `{"message":"bad key \u0073k-ant-api03-\u0053ECRETmiddlePART"}`, `{"message":"bad key \u0073k-ant-api03-…"}`},
		{"percent-escaped", "key=sk-ant-api03-%53ECRETmiddle", "key=sk-ant-api03-…"},
		{"a piece", "...PARTthatMust...", "...…..."},
		{"public prefix alone", "keys look like sk-ant-api03-", "keys look like sk-ant-api03-"},
		{"seven characters", "SECRETm is short", "SECRETm is short"},
		{"nothing", "Overloaded", "Overloaded"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got := Secrets(tt.in, testKey, "short")
			if got != tt.want {
				t.Errorf("Secrets(%q) =\n %q, want\n %q", tt.in, got, tt.want)
			}
			if leaks(got, testKey) {
				t.Errorf("Secrets(%q) = %q still holds 8 characters of the key", tt.in, got)
			}
		})
	}
}

// leaks reports whether out holds, in any case and after decoding escapes,
// 8 consecutive characters of secret after its public prefix.
func leaks(out, secret string) bool {
	v := decode(out)
	low := strings.ToLower(string(v.runes))
	s := strings.ToLower(secret)
	pub := len(publicPrefix(secret))
	for i := pub; i+minEcho <= len(s); i++ {
		if strings.Contains(low, s[i:i+minEcho]) {
			return true
		}
	}
	return false
}

// FuzzSecrets checks the oracle: whatever surrounds or mangles a secret,
// no 8 consecutive characters of it survive.
func FuzzSecrets(f *testing.F) {
	f.Add("invalid "+testKey, testKey)
	f.Add(`\u0073k-ant-api03-ABCDEFGHIJ`, "sk-ant-api03-ABCDEFGHIJKLMNOP")
	f.Add("%41%42%43%44%45%46%47%48", "ABCDEFGHIJ")
	f.Fuzz(func(t *testing.T, text, secret string) {
		if !isASCII(secret) || !isASCII(text) {
			return // case folding of other scripts can change lengths; keys are ASCII
		}
		out := Secrets(text, secret)
		if len(strings.TrimSpace(secret)) >= minEcho && leaks(out, strings.TrimSpace(secret)) {
			t.Fatalf("Secrets(%q, %q) = %q leaks", text, secret, out)
		}
	})
}

func isASCII(s string) bool {
	for _, c := range []byte(s) {
		if c >= 0x80 {
			return false
		}
	}
	return true
}
