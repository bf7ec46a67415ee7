package session

import (
	"bytes"
	"compress/zlib"
	"encoding/base64"
	"errors"
	"image"
	_ "image/gif"  // GIF headers for image.DecodeConfig
	_ "image/jpeg" // JPEG headers
	_ "image/png"  // PNG headers
	"io"
	"regexp"
	"strconv"
	"strings"
	"sync"
)

// ImageInfo is what the base64 data of an image block says about it, read
// from the image's header (never its pixels).
type ImageInfo struct {
	// Declared is the block's media_type.
	Declared string
	// Format is the detected format: png, jpeg, gif or webp; "" when the
	// data is unreadable.
	Format string
	// Width and Height are the pixel size.
	Width, Height int
	// Bytes is the length of the base64 data, which the API's size limit
	// counts.
	Bytes int64
	// Bad says why the API could not process the image; "" when it can.
	Bad string
}

// supportedImages are the media types the API accepts for images.
var supportedImages = map[string]string{
	"image/png": "png", "image/jpeg": "jpeg", "image/gif": "gif", "image/webp": "webp",
}

// B64Valid reports whether data is well-formed standard base64 (padding
// optional at the very end), without decoding it.
func B64Valid(data []byte) bool {
	n := len(data)
	for n > 0 && data[n-1] == '=' {
		n--
	}
	if len(data)-n > 2 || len(data)%4 == 1 || len(data) != n && len(data)%4 != 0 {
		return false
	}
	for _, c := range data[:n] {
		if !b64Alphabet[c] {
			return false
		}
	}
	return true
}

var b64Alphabet = func() (t [256]bool) {
	for _, c := range []byte("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/") {
		t[c] = true
	}
	return t
}()

// b64Reader decodes base64 data whether or not it is padded.
func b64Reader(data []byte) io.Reader {
	enc := base64.StdEncoding
	if len(data)%4 != 0 {
		enc = base64.RawStdEncoding
	}
	return base64.NewDecoder(enc, bytes.NewReader(data))
}

// InspectImage reads an image's format and size from the head of its base64
// data, and says whether the API could process it: a media type it accepts,
// well-formed base64, a readable header, and data of the declared type.
func InspectImage(declared string, data []byte) ImageInfo {
	info := ImageInfo{Declared: declared, Bytes: int64(len(data))}
	want, ok := supportedImages[declared]
	switch {
	case !ok:
		info.Bad = "media type " + strconv.Quote(declared) + " is not one the API accepts"
		return info
	case len(data) == 0:
		info.Bad = "no data"
		return info
	case !B64Valid(data):
		info.Bad = "the base64 data is damaged"
		return info
	}
	cfg, format, err := image.DecodeConfig(b64Reader(data))
	if err != nil {
		info.Bad = "the data is not a readable image"
		return info
	}
	info.Format, info.Width, info.Height = format, cfg.Width, cfg.Height
	if format != want {
		info.Bad = "the data is " + strings.ToUpper(format) + ", not " + declared
	}
	return info
}

// PDFInfo is what the base64 data of a PDF document block says about it.
type PDFInfo struct {
	// Bytes is the decoded size; B64 the length of the base64 data.
	Bytes, B64 int64
	// Pages is the page count from the page tree.
	Pages int
	// Encrypted is true for a password-protected PDF.
	Encrypted bool
	// Bad says why it is not a readable PDF; "" when it is.
	Bad string
}

var (
	pagesObj   = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`/Type\s*/Pages\b`) })
	pageObj    = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`/Type\s*/Page\b`) })
	countNum   = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`/Count\s+(\d+)`) })
	objStm     = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`/Type\s*/ObjStm\b`) })
	encryptKey = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`/Encrypt\s*(\d+\s+\d+\s+R|<<)`) })
	streamKw   = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`stream\r?\n`) })
)

// maxInflate bounds what one compressed object stream may expand to.
const maxInflate = 16 << 20

// InspectPDF decodes a PDF's base64 data and reads its page count and
// whether it is encrypted, from the page tree (also inside compressed
// object streams).
func InspectPDF(data []byte) PDFInfo {
	info := PDFInfo{B64: int64(len(data))}
	if !B64Valid(data) {
		info.Bad = "the base64 data is damaged"
		return info
	}
	raw, err := io.ReadAll(b64Reader(data))
	if err != nil {
		info.Bad = "the base64 data is damaged"
		return info
	}
	info.Bytes = int64(len(raw))
	head := raw[:min(len(raw), 1024)]
	if !bytes.Contains(head, []byte("%PDF-")) {
		info.Bad = "it does not start like a PDF"
		return info
	}
	if !bytes.Contains(raw[max(0, len(raw)-2048):], []byte("%%EOF")) {
		info.Bad = "it is cut off (no end-of-file marker)"
		return info
	}
	info.Encrypted = encryptKey().Match(raw)
	info.Pages = countPages(raw)
	if !objStm().Match(raw) {
		return info
	}
	// PDF 1.5 files may keep the page tree in compressed object streams.
	for _, loc := range objStm().FindAllIndex(raw, -1) {
		s := streamKw().FindIndex(raw[loc[1]:])
		if s == nil {
			continue
		}
		start := loc[1] + s[1]
		zr, err := zlib.NewReader(bytes.NewReader(raw[start:]))
		if err != nil {
			continue
		}
		inflated, _ := io.ReadAll(io.LimitReader(zr, maxInflate))
		info.Pages = max(info.Pages, countPages(inflated))
		if encryptKey().Match(inflated) {
			info.Encrypted = true
		}
	}
	return info
}

// countPages returns the largest /Count of a /Type /Pages node, or failing
// that the number of /Type /Page objects.
func countPages(b []byte) int {
	best := 0
	for _, loc := range pagesObj().FindAllIndex(b, -1) {
		lo, hi := dictAround(b, loc[0])
		if m := countNum().FindSubmatch(b[lo:hi]); m != nil {
			if n, err := strconv.Atoi(string(m[1])); err == nil {
				best = max(best, n)
			}
		}
	}
	if best > 0 {
		return best
	}
	return len(pageObj().FindAllIndex(b, -1))
}

// dictAround returns the bounds of the dictionary holding offset i: back to
// the nearest "<<" and on to the nearest ">>", within a short window.
func dictAround(b []byte, i int) (int, int) {
	const window = 4096
	lo := bytes.LastIndex(b[max(0, i-window):i], []byte("<<"))
	if lo < 0 {
		lo = max(0, i-window)
	} else {
		lo += max(0, i-window)
	}
	hi := bytes.Index(b[i:min(len(b), i+window)], []byte(">>"))
	if hi < 0 {
		hi = min(len(b), i+window)
	} else {
		hi += i
	}
	return lo, hi
}

// errNotWebP is returned for RIFF data that is not a WebP image.
var errNotWebP = errors.New("session: not a WebP image")

func init() {
	// The standard library reads PNG, JPEG and GIF headers; WebP's is read
	// here (RFC 9649): only the size, never the pixels.
	image.RegisterFormat("webp", "RIFF????WEBP", decodeWebP, webpConfig)
}

func decodeWebP(io.Reader) (image.Image, error) {
	return nil, errors.New("session: WebP pixels are not decoded, only the header")
}

// webpConfig reads the canvas size of a WebP image from its first chunk.
func webpConfig(r io.Reader) (image.Config, error) {
	var h [30]byte
	n, _ := io.ReadFull(r, h[:])
	b := h[:n]
	if n < 20 || string(b[0:4]) != "RIFF" || string(b[8:12]) != "WEBP" {
		return image.Config{}, errNotWebP
	}
	le24 := func(p []byte) int { return int(p[0]) | int(p[1])<<8 | int(p[2])<<16 }
	switch string(b[12:16]) {
	case "VP8 ": // lossy: frame tag (3), start code 9d 01 2a, 14-bit sizes
		if n < 30 || b[23] != 0x9d || b[24] != 0x01 || b[25] != 0x2a {
			return image.Config{}, errNotWebP
		}
		w := int(b[26]) | int(b[27]&0x3f)<<8
		hgt := int(b[28]) | int(b[29]&0x3f)<<8
		return image.Config{Width: w, Height: hgt}, nil
	case "VP8L": // lossless: signature 0x2f, then 14-bit width-1 and height-1
		if n < 25 || b[20] != 0x2f {
			return image.Config{}, errNotWebP
		}
		bits := uint32(b[21]) | uint32(b[22])<<8 | uint32(b[23])<<16 | uint32(b[24])<<24
		return image.Config{Width: int(bits&0x3fff) + 1, Height: int(bits>>14&0x3fff) + 1}, nil
	case "VP8X": // extended: flags (4), 24-bit canvas width-1 and height-1
		if n < 30 {
			return image.Config{}, errNotWebP
		}
		return image.Config{Width: le24(b[24:27]) + 1, Height: le24(b[27:30]) + 1}, nil
	}
	return image.Config{}, errNotWebP
}
