package doctor

import "github.com/ccerr/ccerr/catalog"

// Kind is what a [Message] says: one of the Msg… constants.
type Kind int

// Message is one sentence of a finding, as data: what it says and the
// values it names. internal/cli words it in the reader's language
// (internal/ui's DoctorFindings). An argument is a string, a number, a
// [Message] (a phrase inside the sentence) or a [Text] (a list of phrases).
type Message struct {
	Kind Kind
	Args []any
}

// Text is what a finding says or advises: sentences, shown one after the
// other. Nil says nothing.
type Text []Message

// MsgCatalogFix is a fix taken from the catalog rather than the doctor's
// own words. Its arguments are the entry's [catalog.ID] and the index of
// the fix in the entry's fixes, which is the same in every language.
const MsgCatalogFix Kind = -1

// Kinds lists every kind the doctor words itself (all but [MsgCatalogFix]),
// so that a renderer can prove it words each one.
func Kinds() []Kind {
	out := make([]Kind, 0, int(msgEnd)-1)
	for k := msgNone + 1; k < msgEnd; k++ {
		out = append(out, k)
	}
	return out
}

// msg builds a message.
func msg(k Kind, args ...any) Message { return Message{Kind: k, Args: args} }

// say is a text of one sentence.
func say(k Kind, args ...any) Text { return Text{msg(k, args...)} }

// catalogFix is the fix at index i of catalog entry id.
func catalogFix(id catalog.ID, i int) Text { return say(MsgCatalogFix, id, i) }
