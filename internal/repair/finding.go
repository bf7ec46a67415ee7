package repair

import "github.com/ccerr/ccerr/catalog"

// Class groups findings by what is wrong.
type Class string

// The classes of finding.
const (
	ClassTool     Class = "tool"
	ClassMedia    Class = "media"
	ClassThinking Class = "thinking"
	ClassDamage   Class = "damage"
)

// Kind is what exactly a finding is. Kinds are part of the JSON output.
type Kind string

// The kinds of finding.
const (
	ToolResultMissing   Kind = "tool-result-missing"   // a tool_use with no tool_result in the next user turn
	ToolResultOrphan    Kind = "tool-result-orphan"    // a tool_result whose tool_use is not in the previous assistant turn
	ToolResultDuplicate Kind = "tool-result-duplicate" // a second tool_result for one tool_use
	ToolUseDuplicate    Kind = "tool-use-duplicate"    // a tool_use id used before in the conversation

	ImageTooLarge    Kind = "image-too-large"      // base64 data over the byte limit
	ImageTooWide     Kind = "image-too-wide"       // a side over 8000 px
	ImageManyTooWide Kind = "image-many-too-wide"  // a side over 2000 px in a request with more than 20 images
	ImageUnreadable  Kind = "image-unreadable"     // not an image of the type it claims, or broken
	ImagesTooMany    Kind = "images-too-many"      // more images than a request may carry
	PDFTooLarge      Kind = "pdf-too-large"        // over 100 pages or 32 MB
	PDFEncrypted     Kind = "pdf-encrypted"        // password protected
	PDFInvalid       Kind = "pdf-invalid"          // not a readable PDF
	RequestTooLarge  Kind = "request-too-large"    // the conversation is over the request-size limit
	ThinkingUnsigned Kind = "thinking-unsigned"    // empty or missing signature
	ThinkingModel    Kind = "thinking-other-model" // written by a model other than the session's current one
	ThinkingRejected Kind = "thinking-rejected"    // its signer was rejected by the API (or --drop-thinking)
	LineInvalid      Kind = "line-invalid"         // not a JSON object
	LineTruncated    Kind = "line-truncated"       // the last line, cut off
	LineTooLong      Kind = "line-too-long"        // too long to inspect; kept
	ParentMissing    Kind = "parent-missing"       // parentUuid names no line
)

// Action is what a mend does.
type Action string

// The mends.
const (
	AddToolResult Action = "add-tool-result" // a new user line with an error tool_result
	DropBlock     Action = "drop-block"      // remove one content block
	ReplaceBlock  Action = "replace-block"   // replace a content block with a text block
	DropLine      Action = "drop-line"       // remove the line
	Relink        Action = "relink"          // point parentUuid at another line
	NoMend        Action = "none"            // reported only
)

// Finding is one problem on the chain Claude Code sends.
type Finding struct {
	// Class and Kind say what is wrong.
	Class Class `json:"class"`
	Kind  Kind  `json:"kind"`
	// Line is the 1-based line number; UUID and Timestamp are that line's
	// (empty for a line that is not JSON).
	Line      int    `json:"line"`
	UUID      string `json:"uuid,omitempty"`
	Timestamp string `json:"timestamp,omitempty"`
	// ID is the catalog entry the problem causes when the session is
	// resumed; empty for damage, which loses history rather than failing.
	ID catalog.ID `json:"id,omitempty"`
	// ToolUseID names the tool call, for tool findings.
	ToolUseID string `json:"tool_use_id,omitempty"`
	// Media describes the image or PDF, for media findings.
	Media *Media `json:"media,omitempty"`
	// Model is the model that wrote a thinking block, and Current the
	// session's model, for thinking-other-model.
	Model   string `json:"model,omitempty"`
	Current string `json:"current_model,omitempty"`
	// Parent is the missing parentUuid, for parent-missing.
	Parent string `json:"parent,omitempty"`
	// Mend is what repair does about it.
	Mend Mend `json:"mend"`
}

// Media describes an image or a PDF, or the request as a whole for
// request-too-large and images-too-many.
type Media struct {
	// Type is "image", "pdf" or "request".
	Type string `json:"type"`
	// Format is the detected format (png, jpeg, gif, webp) or the declared
	// media type when the data is unreadable.
	Format string `json:"format,omitempty"`
	// Bytes is the size of the base64 data (of the whole request for
	// request-too-large).
	Bytes int64 `json:"bytes,omitempty"`
	// Width and Height are the image's pixel size, when readable.
	Width  int `json:"width,omitempty"`
	Height int `json:"height,omitempty"`
	// Pages is a PDF's page count, when readable.
	Pages int `json:"pages,omitempty"`
	// Count is how many images the request holds, for the count rules.
	Count int `json:"count,omitempty"`
	// Limit is the limit broken (bytes, pixels, pages or images).
	Limit int64 `json:"limit,omitempty"`
	// Reason says why data is unreadable.
	Reason string `json:"reason,omitempty"`
}

// Mend is the change that removes a finding.
type Mend struct {
	// Action is what the mend does.
	Action Action `json:"action"`
	// Line is the line it changes: the finding's own line, or the line a
	// new one is inserted after.
	Line int `json:"line"`
	// Path locates the content block it changes ("message.content.2", or
	// "message.content.0.content.1" inside a tool_result).
	Path string `json:"path,omitempty"`
	// Text is the text written in place of what is removed.
	Text string `json:"text,omitempty"`
	// UUID is the uuid of an inserted line; Parent the parentUuid a
	// relinked line gets.
	UUID   string `json:"uuid,omitempty"`
	Parent string `json:"parent,omitempty"`
}
