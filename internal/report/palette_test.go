package report

import (
	"fmt"
	"testing"
)

// TestPaletteContrast checks the page's colours against WCAG 2.x: text at
// least 4.5:1 on every background it sits on, chart colours 3:1 on the page.
func TestPaletteContrast(t *testing.T) {
	p := Palette
	// The band is drawn at 25% opacity over white: text over it meets that.
	band := mix(p.Band, p.Background, 0.25)
	for _, c := range []struct {
		name, fg, bg string
		min          float64
	}{
		{"text", p.Text, p.Background, 4.5},
		{"text on stripe", p.Text, p.Stripe, 4.5},
		{"muted", p.Muted, p.Background, 4.5},
		{"muted on stripe", p.Muted, p.Stripe, 4.5},
		{"link", p.Link, p.Background, 4.5},
		{"link on stripe", p.Link, p.Stripe, 4.5},
		{"band text", p.BandText, p.Background, 4.5},
		{"band text on band", p.BandText, band, 4.5},
		{"text on band", p.Text, band, 4.5},
		{"focus ring", p.Focus, p.Background, 3},
	} {
		got, err := Contrast(c.fg, c.bg)
		if err != nil {
			t.Fatal(err)
		}
		if got < c.min {
			t.Errorf("%s: %s on %s is %.2f:1, want at least %.1f:1", c.name, c.fg, c.bg, got, c.min)
		}
	}
	for i, s := range p.Series {
		for _, bg := range []string{p.Background, p.Stripe} {
			got, err := Contrast(s, bg)
			if err != nil {
				t.Fatal(err)
			}
			if got < 3 {
				t.Errorf("series %d: %s on %s is %.2f:1, want at least 3:1", i, s, bg, got)
			}
		}
	}
	if c, _ := Contrast("#000000", "#ffffff"); c < 20.9 || c > 21.1 {
		t.Errorf("black on white = %.2f, want 21", c)
	}
}

// mix blends a over b with alpha, as the browser composes a translucent fill.
func mix(a, b string, alpha float64) string {
	var ar, ag, ab, br, bg, bb uint8
	_, _ = sscan(a, &ar, &ag, &ab)
	_, _ = sscan(b, &br, &bg, &bb)
	m := func(x, y uint8) uint8 { return uint8(alpha*float64(x) + (1-alpha)*float64(y) + 0.5) }
	return hexColour(m(ar, br), m(ag, bg), m(ab, bb))
}

func sscan(hex string, r, g, b *uint8) (int, error) { return fmt.Sscanf(hex, "#%02x%02x%02x", r, g, b) }

func hexColour(r, g, b uint8) string { return fmt.Sprintf("#%02x%02x%02x", r, g, b) }
