package repair

// The API's limits (FACTS §2) and Claude Code's, used when [Options] leaves
// a field zero.
const (
	// DefaultImageBytes is the largest base64 image Claude Code 2.1.332
	// sends: it refuses anything bigger before sending ("Image base64 size
	// (12MB) exceeds API limit (5MB)"). The direct API allows 10 MB;
	// Bedrock and Google Cloud 5 MB.
	DefaultImageBytes = 5 << 20
	// DefaultMaxSide is the largest image side in pixels.
	DefaultMaxSide = 8000
	// DefaultManySide is the largest side when a request holds more than
	// DefaultManyImages images.
	DefaultManySide = 2000
	// DefaultManyImages is the image count above which DefaultManySide applies.
	DefaultManyImages = 20
	// DefaultMaxImages is the most images one request may carry on models
	// with a 200k context (600 on the others).
	DefaultMaxImages = 100
	// DefaultPDFPages and DefaultPDFBytes are the PDF limits.
	DefaultPDFPages = 100
	DefaultPDFBytes = 32 << 20
	// DefaultRequestBytes is the Messages API's request-size limit.
	DefaultRequestBytes = 32 << 20
	// requestOverhead is what a Claude Code request carries besides the
	// conversation: system prompt and tool definitions (a "say hi" request
	// from 2.1.332 is about 50 KB).
	requestOverhead = 64 << 10
)

// Options tunes [Check]. The zero value uses the defaults above.
type Options struct {
	// ImageBytes is the largest base64 image size; zero means DefaultImageBytes.
	ImageBytes int64
	// MaxImages is the most images a request may carry; zero means DefaultMaxImages.
	MaxImages int
	// RequestBytes is the request-size limit; zero means DefaultRequestBytes.
	RequestBytes int64
	// DropThinking drops every signed thinking block, for a session about to
	// be resumed with another provider (the new one cannot verify them).
	DropThinking bool
	// MaxLine is the longest line inspected; zero means session.DefaultMaxLine.
	// Longer lines cannot fit in a request and are dropped.
	MaxLine int
}

func (o *Options) defaults() {
	if o.ImageBytes <= 0 {
		o.ImageBytes = DefaultImageBytes
	}
	if o.MaxImages <= 0 {
		o.MaxImages = DefaultMaxImages
	}
	if o.RequestBytes <= 0 {
		o.RequestBytes = DefaultRequestBytes
	}
}
