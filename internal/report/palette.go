package report

import (
	"fmt"
	"math"
)

// Palette is the page's colours. Text colours reach a contrast of at
// least 4.5:1 on the backgrounds they sit on and series colours 3:1 on
// the page (palette_test.go computes both, WCAG 2.x formulas).
var Palette = struct {
	Background, Stripe, Text, Muted, Link, Focus, Border, Band, BandText string
	// Series colours the errors, in table order; an error past the last
	// reuses them from the start.
	Series []string
}{
	Background: "#ffffff",
	Stripe:     "#f4f5f8",
	Text:       "#1a1b20",
	Muted:      "#4f5260",
	Link:       "#0a55c2",
	Focus:      "#0a55c2",
	Border:     "#b9bcc8",
	Band:       "#f2b21b",
	BandText:   "#6b4a00",
	Series: []string{
		"#0b6fb0", // blue
		"#c2410c", // vermilion
		"#047857", // green
		"#7c3aed", // violet
		"#0e7490", // teal
		"#be185d", // pink
		"#4d5562", // slate
		"#b45309", // amber
		"#1e3a8a", // navy
		"#4d7c0f", // olive
		"#a21caf", // magenta
		"#7c4a1e", // brown
	},
}

// seriesColour is the colour of the i-th error.
func seriesColour(i int) string { return Palette.Series[i%len(Palette.Series)] }

// luminance is the relative luminance of a #rrggbb colour.
func luminance(hex string) (float64, error) {
	var r, g, b uint8
	if _, err := fmt.Sscanf(hex, "#%02x%02x%02x", &r, &g, &b); err != nil {
		return 0, fmt.Errorf("colour %q: %w", hex, err)
	}
	lin := func(c uint8) float64 {
		v := float64(c) / 255
		if v <= 0.03928 {
			return v / 12.92
		}
		return math.Pow((v+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(r) + 0.7152*lin(g) + 0.0722*lin(b), nil
}

// Contrast is the WCAG contrast ratio of two #rrggbb colours, 1 to 21.
func Contrast(a, b string) (float64, error) {
	la, err := luminance(a)
	if err != nil {
		return 0, err
	}
	lb, err := luminance(b)
	if err != nil {
		return 0, err
	}
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05), nil
}
