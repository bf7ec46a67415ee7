package doctor

import "strconv"

// The kinds of message a finding says. Each is one sentence (or, for the
// few used as arguments of another, a phrase). internal/ui words each kind
// in every language: ui.DoctorFindings has one field per kind, named as
// the kind without "Msg", whose English text shows what the arguments are.
// A new kind needs its field there and its case in internal/cli's
// doctorFormat; tests in both packages fail until it has them.
const (
	msgNone Kind = iota
	MsgCredNone
	MsgCredKeychain
	MsgCredUses
	MsgCredShadowed
	MsgCredHelper
	MsgCredLogin
	MsgCredCloud
	MsgCredVar
	MsgCredVarFrom
	MsgWhyCloud
	MsgWhyAuthToken
	MsgWhyAPIKey
	MsgWhyHelper
	MsgWhyOAuthToken
	MsgWhyLogin
	MsgKeyLineBreak
	MsgKeySpace
	MsgKeyInvisible
	MsgKeyNonASCII
	MsgKeyQuote
	MsgKeyInvalid
	MsgKeyShape
	MsgKeyOK
	MsgKeyOAuthInAPIKey
	MsgHelperSet
	MsgHelperMissing
	MsgHelperNotOnPath
	MsgHelperNotString
	MsgHelperNoProgram
	MsgHelperShadowed
	MsgLoginFound
	MsgLoginOverridden
	MsgLoginPerm
	MsgHomeUnset
	MsgOriginNote
	MsgOriginFix
	MsgRetriesDefault
	MsgRetriesOK
	MsgRetriesZero
	MsgRetriesBad
	MsgRetriesEffective
	MsgRetriesWatchdog
	MsgRetriesLenient
	MsgRetriesForever
	MsgRetriesClamped
	MsgTimeoutDefault
	MsgTimeoutOK
	MsgTimeoutBad
	MsgTimeoutEffective
	MsgTimeoutLenient
	MsgTimeoutShort
	MsgWatchdogOn
	MsgWatchdogOff
	MsgWatchdogBad
	MsgBaseURLDefault
	MsgBaseURLOK
	MsgBaseURLBad
	MsgBaseURLPlain
	MsgBaseURLV1
	MsgBetasOff
	MsgBetasGateway
	MsgBetasNoGateway
	MsgConfigSyntax
	MsgConfigNotObject
	MsgConfigUnreadable
	MsgNetOffline
	MsgNetNoRoute
	MsgNetSkipped
	MsgNetAPI
	MsgNetProxy
	MsgProxyNone
	MsgProxyUsed
	MsgProxyNoMatch
	MsgProxyBypass
	MsgProxySocks
	MsgProxyBad
	MsgRejectOff
	MsgRejectOn
	MsgCAMissing
	MsgCAUnreadable
	MsgCADER
	MsgCANotPEM
	MsgCANoCerts
	MsgCABadCerts
	MsgCAOK
	MsgCASomeBad
	MsgCAExpired
	MsgDNSIp
	MsgDNSOK
	MsgDNSFail
	MsgTCPOK
	MsgTCPFail
	MsgTCPTimeout
	MsgConnectOK
	MsgConnectDenied
	MsgConnectAuth
	MsgConnectRefused
	MsgConnectIO
	MsgTLSOK
	MsgTLSViaExtra
	MsgTLSSelfSigned
	MsgTLSUntrusted
	MsgTLSHostname
	MsgTLSExpired
	MsgTLSVerify
	MsgTLSHandshake
	MsgClockOK
	MsgClockSkew
	MsgClockAhead
	MsgClockBehind
	MsgClockNoAnswer
	MsgClockNoDate
	MsgLiveOff
	MsgLiveNoCred
	MsgLiveOK
	MsgLiveFail
	MsgLiveErr
	MsgLiveClassified
	MsgMemoryNone
	MsgMemorySize
	MsgMemoryLarge
	MsgMemoryUnreadable
	MsgMemoryTotal
	MsgMCPNone
	MsgMCPCount
	MsgMCPMany
	MsgMCPDup
	MsgVersionNotFound
	MsgVersionFailed
	MsgVersionUnparsed
	MsgVersionOld
	MsgVersionOK
	MsgFixLogin
	MsgFixKeyClean
	MsgFixKeyShape
	MsgFixKeyOAuthInAPIKey
	MsgFixKeySetupToken
	MsgFixHelperMissing
	MsgFixLoginOverridden
	MsgFixLoginPerm
	MsgFixRetries
	MsgFixTimeout
	MsgFixWatchdog
	MsgFixBaseURL
	MsgFixBaseURLPlain
	MsgFixBaseURLV1
	MsgFixBetas
	MsgFixConfig
	MsgFixConfigRead
	MsgFixConfigIsDir
	MsgFixConfigNotDir
	MsgFixHelperNotString
	MsgFixProxy
	MsgFixProxyAuth
	MsgFixReject
	MsgFixExtraCA
	MsgFixExpired
	MsgFixDNS
	MsgFixTCP
	MsgFixHostNotAllowed
	MsgFixClock
	MsgFixMemory
	MsgFixMCP
	MsgFixUpdate
	MsgFixExplain
	msgEnd
)

// kindNames are the kinds' names, as ui.DoctorFindings names its fields.
var kindNames = [...]string{
	MsgCredNone:            "CredNone",
	MsgCredKeychain:        "CredKeychain",
	MsgCredUses:            "CredUses",
	MsgCredShadowed:        "CredShadowed",
	MsgCredHelper:          "CredHelper",
	MsgCredLogin:           "CredLogin",
	MsgCredCloud:           "CredCloud",
	MsgCredVar:             "CredVar",
	MsgCredVarFrom:         "CredVarFrom",
	MsgWhyCloud:            "WhyCloud",
	MsgWhyAuthToken:        "WhyAuthToken",
	MsgWhyAPIKey:           "WhyAPIKey",
	MsgWhyHelper:           "WhyHelper",
	MsgWhyOAuthToken:       "WhyOAuthToken",
	MsgWhyLogin:            "WhyLogin",
	MsgKeyLineBreak:        "KeyLineBreak",
	MsgKeySpace:            "KeySpace",
	MsgKeyInvisible:        "KeyInvisible",
	MsgKeyNonASCII:         "KeyNonASCII",
	MsgKeyQuote:            "KeyQuote",
	MsgKeyInvalid:          "KeyInvalid",
	MsgKeyShape:            "KeyShape",
	MsgKeyOK:               "KeyOK",
	MsgKeyOAuthInAPIKey:    "KeyOAuthInAPIKey",
	MsgHelperSet:           "HelperSet",
	MsgHelperMissing:       "HelperMissing",
	MsgHelperNotOnPath:     "HelperNotOnPath",
	MsgHelperNotString:     "HelperNotString",
	MsgHelperNoProgram:     "HelperNoProgram",
	MsgHelperShadowed:      "HelperShadowed",
	MsgLoginFound:          "LoginFound",
	MsgLoginOverridden:     "LoginOverridden",
	MsgLoginPerm:           "LoginPerm",
	MsgHomeUnset:           "HomeUnset",
	MsgOriginNote:          "OriginNote",
	MsgOriginFix:           "OriginFix",
	MsgRetriesDefault:      "RetriesDefault",
	MsgRetriesOK:           "RetriesOK",
	MsgRetriesZero:         "RetriesZero",
	MsgRetriesBad:          "RetriesBad",
	MsgRetriesEffective:    "RetriesEffective",
	MsgRetriesWatchdog:     "RetriesWatchdog",
	MsgRetriesLenient:      "RetriesLenient",
	MsgRetriesForever:      "RetriesForever",
	MsgRetriesClamped:      "RetriesClamped",
	MsgTimeoutDefault:      "TimeoutDefault",
	MsgTimeoutOK:           "TimeoutOK",
	MsgTimeoutBad:          "TimeoutBad",
	MsgTimeoutEffective:    "TimeoutEffective",
	MsgTimeoutLenient:      "TimeoutLenient",
	MsgTimeoutShort:        "TimeoutShort",
	MsgWatchdogOn:          "WatchdogOn",
	MsgWatchdogOff:         "WatchdogOff",
	MsgWatchdogBad:         "WatchdogBad",
	MsgBaseURLDefault:      "BaseURLDefault",
	MsgBaseURLOK:           "BaseURLOK",
	MsgBaseURLBad:          "BaseURLBad",
	MsgBaseURLPlain:        "BaseURLPlain",
	MsgBaseURLV1:           "BaseURLV1",
	MsgBetasOff:            "BetasOff",
	MsgBetasGateway:        "BetasGateway",
	MsgBetasNoGateway:      "BetasNoGateway",
	MsgConfigSyntax:        "ConfigSyntax",
	MsgConfigNotObject:     "ConfigNotObject",
	MsgConfigUnreadable:    "ConfigUnreadable",
	MsgNetOffline:          "NetOffline",
	MsgNetNoRoute:          "NetNoRoute",
	MsgNetSkipped:          "NetSkipped",
	MsgNetAPI:              "NetAPI",
	MsgNetProxy:            "NetProxy",
	MsgProxyNone:           "ProxyNone",
	MsgProxyUsed:           "ProxyUsed",
	MsgProxyNoMatch:        "ProxyNoMatch",
	MsgProxyBypass:         "ProxyBypass",
	MsgProxySocks:          "ProxySocks",
	MsgProxyBad:            "ProxyBad",
	MsgRejectOff:           "RejectOff",
	MsgRejectOn:            "RejectOn",
	MsgCAMissing:           "CAMissing",
	MsgCAUnreadable:        "CAUnreadable",
	MsgCADER:               "CADER",
	MsgCANotPEM:            "CANotPEM",
	MsgCANoCerts:           "CANoCerts",
	MsgCABadCerts:          "CABadCerts",
	MsgCAOK:                "CAOK",
	MsgCASomeBad:           "CASomeBad",
	MsgCAExpired:           "CAExpired",
	MsgDNSIp:               "DNSIp",
	MsgDNSOK:               "DNSOK",
	MsgDNSFail:             "DNSFail",
	MsgTCPOK:               "TCPOK",
	MsgTCPFail:             "TCPFail",
	MsgTCPTimeout:          "TCPTimeout",
	MsgConnectOK:           "ConnectOK",
	MsgConnectDenied:       "ConnectDenied",
	MsgConnectAuth:         "ConnectAuth",
	MsgConnectRefused:      "ConnectRefused",
	MsgConnectIO:           "ConnectIO",
	MsgTLSOK:               "TLSOK",
	MsgTLSViaExtra:         "TLSViaExtra",
	MsgTLSSelfSigned:       "TLSSelfSigned",
	MsgTLSUntrusted:        "TLSUntrusted",
	MsgTLSHostname:         "TLSHostname",
	MsgTLSExpired:          "TLSExpired",
	MsgTLSVerify:           "TLSVerify",
	MsgTLSHandshake:        "TLSHandshake",
	MsgClockOK:             "ClockOK",
	MsgClockSkew:           "ClockSkew",
	MsgClockAhead:          "ClockAhead",
	MsgClockBehind:         "ClockBehind",
	MsgClockNoAnswer:       "ClockNoAnswer",
	MsgClockNoDate:         "ClockNoDate",
	MsgLiveOff:             "LiveOff",
	MsgLiveNoCred:          "LiveNoCred",
	MsgLiveOK:              "LiveOK",
	MsgLiveFail:            "LiveFail",
	MsgLiveErr:             "LiveErr",
	MsgLiveClassified:      "LiveClassified",
	MsgMemoryNone:          "MemoryNone",
	MsgMemorySize:          "MemorySize",
	MsgMemoryLarge:         "MemoryLarge",
	MsgMemoryUnreadable:    "MemoryUnreadable",
	MsgMemoryTotal:         "MemoryTotal",
	MsgMCPNone:             "MCPNone",
	MsgMCPCount:            "MCPCount",
	MsgMCPMany:             "MCPMany",
	MsgMCPDup:              "MCPDup",
	MsgVersionNotFound:     "VersionNotFound",
	MsgVersionFailed:       "VersionFailed",
	MsgVersionUnparsed:     "VersionUnparsed",
	MsgVersionOld:          "VersionOld",
	MsgVersionOK:           "VersionOK",
	MsgFixLogin:            "FixLogin",
	MsgFixKeyClean:         "FixKeyClean",
	MsgFixKeyShape:         "FixKeyShape",
	MsgFixKeyOAuthInAPIKey: "FixKeyOAuthInAPIKey",
	MsgFixKeySetupToken:    "FixKeySetupToken",
	MsgFixHelperMissing:    "FixHelperMissing",
	MsgFixLoginOverridden:  "FixLoginOverridden",
	MsgFixLoginPerm:        "FixLoginPerm",
	MsgFixRetries:          "FixRetries",
	MsgFixTimeout:          "FixTimeout",
	MsgFixWatchdog:         "FixWatchdog",
	MsgFixBaseURL:          "FixBaseURL",
	MsgFixBaseURLPlain:     "FixBaseURLPlain",
	MsgFixBaseURLV1:        "FixBaseURLV1",
	MsgFixBetas:            "FixBetas",
	MsgFixConfig:           "FixConfig",
	MsgFixConfigRead:       "FixConfigRead",
	MsgFixConfigIsDir:      "FixConfigIsDir",
	MsgFixConfigNotDir:     "FixConfigNotDir",
	MsgFixHelperNotString:  "FixHelperNotString",
	MsgFixProxy:            "FixProxy",
	MsgFixProxyAuth:        "FixProxyAuth",
	MsgFixReject:           "FixReject",
	MsgFixExtraCA:          "FixExtraCA",
	MsgFixExpired:          "FixExpired",
	MsgFixDNS:              "FixDNS",
	MsgFixTCP:              "FixTCP",
	MsgFixHostNotAllowed:   "FixHostNotAllowed",
	MsgFixClock:            "FixClock",
	MsgFixMemory:           "FixMemory",
	MsgFixMCP:              "FixMCP",
	MsgFixUpdate:           "FixUpdate",
	MsgFixExplain:          "FixExplain",
}

// String returns the kind's name without "Msg", e.g. "CredNone".
func (k Kind) String() string {
	if k == MsgCatalogFix {
		return "CatalogFix"
	}
	if k <= msgNone || k >= msgEnd {
		return "Kind(" + strconv.Itoa(int(k)) + ")"
	}
	return kindNames[k]
}
