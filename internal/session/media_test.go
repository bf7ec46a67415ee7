package session

import (
	"bytes"
	"encoding/base64"
	"encoding/binary"
	"image"
	"image/color"
	"image/gif"
	"image/jpeg"
	"image/png"
	"testing"
)

func b64(b []byte) []byte { return []byte(base64.StdEncoding.EncodeToString(b)) }

func encoded(f func(*bytes.Buffer)) []byte {
	var b bytes.Buffer
	f(&b)
	return b.Bytes()
}

// webp builds the first chunk of a WebP file of the given kind and size.
func webp(kind string, w, h int) []byte {
	var b bytes.Buffer
	b.WriteString("RIFF")
	_ = binary.Write(&b, binary.LittleEndian, uint32(40))
	b.WriteString("WEBP" + kind)
	_ = binary.Write(&b, binary.LittleEndian, uint32(20))
	switch kind {
	case "VP8 ":
		b.Write([]byte{0x10, 0x02, 0x00, 0x9d, 0x01, 0x2a})
		_ = binary.Write(&b, binary.LittleEndian, uint16(w))
		_ = binary.Write(&b, binary.LittleEndian, uint16(h))
	case "VP8L":
		b.WriteByte(0x2f)
		_ = binary.Write(&b, binary.LittleEndian, uint32(w-1)|uint32(h-1)<<14)
	case "VP8X":
		b.Write([]byte{0x10, 0, 0, 0})
		b.Write([]byte{byte(w - 1), byte((w - 1) >> 8), byte((w - 1) >> 16), byte(h - 1), byte((h - 1) >> 8), byte((h - 1) >> 16)})
	}
	b.Write(make([]byte, 8))
	return b.Bytes()
}

func TestInspectImage(t *testing.T) {
	gray := image.NewGray(image.Rect(0, 0, 640, 480))
	pngData := encoded(func(b *bytes.Buffer) { _ = png.Encode(b, gray) })
	jpegData := encoded(func(b *bytes.Buffer) { _ = jpeg.Encode(b, gray, nil) })
	gifData := encoded(func(b *bytes.Buffer) {
		_ = gif.Encode(b, image.NewPaletted(image.Rect(0, 0, 33, 44), color.Palette{color.Black, color.White}), nil)
	})
	for _, tc := range []struct {
		name, mediaType string
		data            []byte
		format          string
		w, h            int
		bad             bool
	}{
		{"png", "image/png", b64(pngData), "png", 640, 480, false},
		{"jpeg", "image/jpeg", b64(jpegData), "jpeg", 640, 480, false},
		{"gif", "image/gif", b64(gifData), "gif", 33, 44, false},
		{"webp lossy", "image/webp", b64(webp("VP8 ", 9000, 20)), "webp", 9000, 20, false},
		{"webp lossless", "image/webp", b64(webp("VP8L", 16000, 3)), "webp", 16000, 3, false},
		{"webp extended", "image/webp", b64(webp("VP8X", 12345, 6789)), "webp", 12345, 6789, false},
		{"unpadded base64", "image/png", []byte(base64.RawStdEncoding.EncodeToString(pngData)), "png", 640, 480, false},
		{"declared png, is jpeg", "image/png", b64(jpegData), "jpeg", 640, 480, true},
		{"unsupported type", "image/tiff", b64(pngData), "", 0, 0, true},
		{"damaged base64", "image/png", []byte("iVBOR*w0KGgo="), "", 0, 0, true},
		{"not an image", "image/png", b64([]byte("hello, world")), "", 0, 0, true},
		{"empty", "image/png", nil, "", 0, 0, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := InspectImage(tc.mediaType, tc.data)
			if got.Format != tc.format || got.Width != tc.w || got.Height != tc.h || (got.Bad != "") != tc.bad || got.Bytes != int64(len(tc.data)) {
				t.Errorf("got %+v, want %s %dx%d bad=%v", got, tc.format, tc.w, tc.h, tc.bad)
			}
		})
	}
}

func TestInspectPDF(t *testing.T) {
	doc := func(body string) []byte { return b64([]byte("%PDF-1.7\n" + body + "\n%%EOF\n")) }
	for _, tc := range []struct {
		name      string
		data      []byte
		pages     int
		encrypted bool
		bad       bool
	}{
		{"page tree count", doc("1 0 obj << /Type /Pages /Kids [2 0 R] /Count 150 >> endobj 2 0 obj << /Type /Page /Parent 1 0 R >> endobj"), 150, false, false},
		{"pages counted one by one", doc("2 0 obj <</Type/Page>> endobj 3 0 obj <</Type/Page>> endobj 4 0 obj <</Type /Page>> endobj"), 3, false, false},
		{"encrypted", doc("trailer << /Root 1 0 R /Encrypt 9 0 R >>"), 0, true, false},
		{"no header", b64([]byte("hello %%EOF")), 0, false, true},
		{"cut off", b64([]byte("%PDF-1.7\n1 0 obj")), 0, false, true},
		{"damaged base64", []byte("JVBER*"), 0, false, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := InspectPDF(tc.data)
			if got.Pages != tc.pages || got.Encrypted != tc.encrypted || (got.Bad != "") != tc.bad {
				t.Errorf("got %+v, want %d pages, encrypted %v, bad %v", got, tc.pages, tc.encrypted, tc.bad)
			}
		})
	}
}
