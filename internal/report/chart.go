package report

import (
	"fmt"
	"html"
	"math"
	"strings"
	"time"
)

// chartSVG draws the timeline: final failures stacked above the zero line,
// retried attempts below it, one group per error (class "series") and one
// shaded rectangle per incident (class "band"). page.js redraws the same
// shapes with the same formulas when a filter changes.
func (v *view) chartSVG(label string, t *words) string {
	var b strings.Builder
	plotW := float64(chartW - marginL - marginR)
	half := float64(chartH-marginT-marginB) / 2
	y0 := float64(marginT) + half
	slot := plotW / float64(v.n)
	x := func(i float64) float64 { return float64(marginL) + i*slot }

	fmax, rmax := int64(0), int64(0)
	fsum, rsum := make([]int64, v.n), make([]int64, v.n)
	for k, c := range v.cells {
		fsum[k.i] += c.final
		rsum[k.i] += c.retried
	}
	for i := range v.n {
		fmax, rmax = max(fmax, fsum[i]), max(rmax, rsum[i])
	}

	fmt.Fprintf(&b, `<svg id="chart" viewBox="0 0 %d %d" role="img" aria-labelledby="chart-title" data-n="%d" data-from="%d" data-step="%d">`,
		chartW, chartH, v.n, v.from.UnixMilli(), v.step.Milliseconds())
	fmt.Fprintf(&b, `<title id="chart-title">%s</title>`, html.EscapeString(label))
	for _, bd := range v.bands {
		name := clean(bd.inc.Name)
		end := t.Ongoing
		if !bd.inc.Open() {
			end = bd.inc.End(v.d.Now).Format(timeLayout)
		}
		fmt.Fprintf(&b, `<rect class="band" data-i0="%.4f" data-i1="%.4f" x="%.1f" y="%d" width="%.1f" height="%.0f"><title>%s: %s – %s</title></rect>`,
			bd.i0, bd.i1, x(bd.i0), marginT, max(1, (bd.i1-bd.i0)*slot), 2*half,
			html.EscapeString(name), bd.inc.Start().Format(timeLayout), html.EscapeString(end))
	}
	// Axes.
	fmt.Fprintf(&b, `<line class="axis" x1="%d" y1="%.1f" x2="%d" y2="%.1f"/>`, marginL, y0, chartW-marginR, y0)
	fmt.Fprintf(&b, `<line class="axis" x1="%d" y1="%d" x2="%d" y2="%d"/>`, marginL, marginT, marginL, chartH-marginB)
	fmt.Fprintf(&b, `<text class="ylab" id="fmax" x="%d" y="%d">%d</text>`, marginL-6, marginT+4, fmax)
	fmt.Fprintf(&b, `<text class="ylab" id="rmax" x="%d" y="%d">%d</text>`, marginL-6, chartH-marginB, rmax)
	fmt.Fprintf(&b, `<text class="ylab" x="%d" y="%.1f">0</text>`, marginL-6, y0+4)
	fmt.Fprintf(&b, `<text class="half" x="%d" y="%d">↑ %s</text>`, marginL+4, marginT-8, html.EscapeString(t.FinalAxis))
	fmt.Fprintf(&b, `<text class="half" x="%d" y="%d">↓ %s</text>`, marginL+4, chartH-marginB+14, html.EscapeString(t.RetriedAxis))
	every := int(math.Ceil(float64(v.n) / maxTicks))
	for i := 0; i < v.n; i++ {
		hidden := ""
		if i%every != 0 {
			hidden = ` display="none"`
		}
		fmt.Fprintf(&b, `<text class="tick" data-i="%d" x="%.1f" y="%d"%s>%s</text>`, i, x(float64(i))+slot/2, chartH-8, hidden, v.tickLabel(i))
	}
	// Series, one group per error, final then retried bars.
	gap := slot * 0.1
	w := max(slot-2*gap, 0.5)
	facc, racc := make([]float64, v.n), make([]float64, v.n)
	for e, ent := range v.entries {
		title := ent.ID
		fmt.Fprintf(&b, `<g class="series" data-entry="%s" fill="%s"><title>%s</title>`, html.EscapeString(string(ent.ID)), ent.colour, html.EscapeString(string(title)))
		for i := range v.n {
			c := v.cells[cellKey{i, e}]
			if c == nil {
				continue
			}
			if c.final > 0 {
				h := float64(c.final) / float64(max(fmax, 1)) * half
				fmt.Fprintf(&b, `<rect data-i="%d" data-k="f" x="%.1f" y="%.1f" width="%.1f" height="%.1f"/>`, i, x(float64(i))+gap, y0-facc[i]-h, w, h)
				facc[i] += h
			}
			if c.retried > 0 {
				h := float64(c.retried) / float64(max(rmax, 1)) * half
				fmt.Fprintf(&b, `<rect data-i="%d" data-k="r" class="retried" x="%.1f" y="%.1f" width="%.1f" height="%.1f"/>`, i, x(float64(i))+gap, y0+racc[i], w, h)
				racc[i] += h
			}
		}
		b.WriteString(`</g>`)
	}
	b.WriteString(`</svg>`)
	return b.String()
}

// tickLabel names step i: a time of day for hours, a date for days.
func (v *view) tickLabel(i int) string {
	t := v.from.Add(time.Duration(i) * v.step)
	if v.step < 24*time.Hour {
		return t.Format("01-02 15:04")
	}
	return t.Format(time.DateOnly)
}
