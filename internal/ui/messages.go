package ui

import "github.com/ccerr/ccerr/catalog"

// MessageSet is every word ccerr prints outside the catalog, in one
// language, grouped by command. The catalog holds the explanations of the
// errors; these words frame them (headings, column names, hints).
//
// Every field is filled in every language: messages_test.go fails on an
// empty field, a placeholder, or a format whose verbs differ between
// languages. A field tagged `same:"ok"` may read the same in every language
// (a symbol, an identifier); any other field that is identical to English in
// a non-English set is taken for an untranslated one.
//
// Fields whose comment says "fmt format" are passed to fmt.Sprintf with the
// arguments the comment names, in that order.
type MessageSet struct {
	// Lang is the language of the set, "en" or "zh".
	Lang    string `same:"ok"`
	Common  CommonText
	Explain ExplainText
	List    ListText
	Scan    ScanText
	Mock    MockText
	Doctor  DoctorText
	Ping    PingText
	Repair  RepairText
	Hook    HookText
	Report  ReportText
	Status  StatusText
}

// Plural is a noun in its singular and plural forms, for counts. A language
// without plural forms gives the same word twice.
type Plural struct {
	One, Other string
}

// For returns the form that goes with n.
func (p Plural) For(n int64) string {
	if n == 1 {
		return p.One
	}
	return p.Other
}

// sets holds the message set of each language.
var sets = map[string]*MessageSet{
	catalog.English: &en,
	catalog.Chinese: &zh,
}

// Messages returns the message set of lang ("en", "zh"); any other value
// gets English. The set is shared: do not modify it.
func Messages(lang string) *MessageSet {
	if m, ok := sets[lang]; ok {
		return m
	}
	return &en
}

var en = MessageSet{
	Lang:    catalog.English,
	Common:  commonEN,
	Explain: explainEN,
	List:    listEN,
	Scan:    scanEN,
	Mock:    mockEN,
	Doctor:  doctorEN,
	Ping:    pingEN,
	Repair:  repairEN,
	Hook:    hookEN,
	Report:  reportEN,
	Status:  statusEN,
}

var zh = MessageSet{
	Lang:    catalog.Chinese,
	Common:  commonZH,
	Explain: explainZH,
	List:    listZH,
	Scan:    scanZH,
	Mock:    mockZH,
	Doctor:  doctorZH,
	Ping:    pingZH,
	Repair:  repairZH,
	Hook:    hookZH,
	Report:  reportZH,
	Status:  statusZH,
}
