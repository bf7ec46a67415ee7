package report

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"html/template"
	"io"
	"strings"
	"sync"
	texttemplate "text/template"
	"time"

	"github.com/ccerr/ccerr/catalog"
	"github.com/ccerr/ccerr/internal/ui"
)

type words = ui.ReportText

var (
	//go:embed page.html
	pageHTML string
	//go:embed page.css
	pageCSS string
	//go:embed page.js
	pageJS string

	// The templates are parsed on first use, not at every ccerr start.
	pageTmpl = sync.OnceValue(func() *template.Template { return template.Must(template.New("page").Parse(pageHTML)) })
	cssTmpl  = sync.OnceValue(func() *texttemplate.Template { return texttemplate.Must(texttemplate.New("css").Parse(pageCSS)) })
)

// option is one choice of a filter.
type option struct {
	Value, Label string
	Selected     bool
}

// rowView is one table row as the template shows it.
type rowView struct {
	ID                    catalog.ID
	Colour                template.CSS
	Title                 string
	Count, Final, Retried int64
	Sessions, Users       string // "—" when not known
	First, Last, Side     string
	Fix, FixCode          string
	Meaning, Cause        string
	Fixes                 []catalog.Fix
}

// bandView is one incident as the list under the chart shows it.
type bandView struct {
	ID, Name, Impact, From, To string
	Link                       string
}

// pageView is what page.html reads.
type pageView struct {
	HTMLLang, Version                     string
	T                                     *words
	CSS                                   template.CSS
	PeriodLine, SourceLine, GeneratedLine string
	StepLine                              string
	PeriodOptions, EntryOptions           []option
	ModelOptions, UserOptions             []option
	Chart                                 template.HTML
	Entries                               []rowView
	Bands                                 []bandView
	StatusErr                             string
	Total                                 int64
	ThemPct, MePct                        string
	ThemLine, MeLine                      string
	Users, Filtered                       bool
	Payload, Script                       template.JS
}

// Render writes the page for d.
func Render(w io.Writer, d *Data) error {
	var buf bytes.Buffer
	if err := pageTmpl().Execute(&buf, build(d)); err != nil {
		return fmt.Errorf("report: %w", err)
	}
	_, err := w.Write(buf.Bytes())
	return err
}

func build(d *Data) *pageView {
	lang := d.Lang
	if lang != catalog.Chinese {
		lang = catalog.English
	}
	msgs := ui.Messages(lang)
	t := &msgs.Report
	v := newView(d)
	p := &pageView{HTMLLang: lang, Version: clean(d.Version), T: t, Users: d.Users}
	if lang == catalog.Chinese {
		p.HTMLLang = "zh-CN"
	}
	var css strings.Builder
	_ = cssTmpl().Execute(&css, map[string]any{"P": Palette})
	p.CSS = template.CSS(css.String())

	p.PeriodLine = fmt.Sprintf(t.Period, v.from.Format(timeLayout), v.to.Format(timeLayout))
	p.SourceLine = t.FromScan
	if d.Source == FromCollectSource {
		p.SourceLine = t.FromCollect
	}
	p.GeneratedLine = fmt.Sprintf(t.Generated, p.Version, d.Now.UTC().Format(timeLayout+" UTC"))
	switch {
	case v.step < 24*time.Hour:
		p.StepLine = t.PerHour
	case v.step < 7*24*time.Hour:
		p.StepLine = t.PerDay
	case v.step < 28*24*time.Hour:
		p.StepLine = t.PerWeek
	default:
		p.StepLine = t.PerFourWeeks
	}

	p.PeriodOptions = []option{{"", t.PeriodAll, d.Filter.Period == ""}}
	for _, per := range Periods {
		label := map[string]string{"24h": t.Period24h, "7d": t.Period7d, "30d": t.Period30d}[per.Name]
		p.PeriodOptions = append(p.PeriodOptions, option{per.Name, label, d.Filter.Period == per.Name})
	}
	ids := d.Choices.IDs
	if ids == nil {
		for _, e := range v.entries {
			ids = append(ids, e.ID)
		}
	}
	for _, id := range ids {
		e := viewEntry{Entry: Entry{ID: id}}
		if i, ok := v.index[id]; ok {
			e = v.entries[i]
		} else if d.Catalog != nil {
			e.entry, _ = d.Catalog.Lookup(id)
		}
		if clean(string(id)) == string(id) {
			p.EntryOptions = append(p.EntryOptions, option{string(id), entryTitle(e, lang, t), d.Filter.ID == id})
		}
	}
	// A value with control characters is not offered: the page would
	// have to carry it as it is to filter by it.
	for _, m := range v.models {
		if clean(m) == m {
			p.ModelOptions = append(p.ModelOptions, option{m, m, d.Filter.Model == m})
		}
	}
	for _, u := range v.users {
		if clean(u) == u {
			p.UserOptions = append(p.UserOptions, option{u, u, d.Filter.User == u})
		}
	}

	p.Chart = template.HTML(v.chartSVG(fmt.Sprintf(t.ChartLabel, len(v.entries), len(v.bands)), t))
	for _, b := range v.bands {
		bv := bandView{ID: clean(b.inc.ID), Name: clean(b.inc.Name), Impact: clean(b.inc.Impact),
			From: b.inc.Start().Format(timeLayout), To: t.Ongoing}
		if !b.inc.Open() {
			bv.To = b.inc.End(d.Now).Format(timeLayout)
		}
		if strings.HasPrefix(b.inc.Shortlink, "https://") {
			bv.Link = clean(b.inc.Shortlink)
		}
		p.Bands = append(p.Bands, bv)
	}
	if d.StatusErr != "" {
		p.StatusErr = fmt.Sprintf(t.StatusUnread, clean(d.StatusErr))
	}

	p.Total = v.total
	if v.total > 0 {
		pct := float64(v.them) * 100 / float64(v.total)
		p.ThemPct, p.MePct = fmt.Sprintf("%.1f", pct), fmt.Sprintf("%.1f", 100-pct)
		p.ThemLine = fmt.Sprintf(t.Them, percent(v.them, v.total), v.them, v.total)
		p.MeLine = fmt.Sprintf(t.Me, percent(v.total-v.them, v.total), v.total-v.them, v.total)
	}

	unknown := false // a count the table cannot give
	for _, e := range v.entries {
		r := rowView{ID: e.ID, Colour: template.CSS(e.colour), Title: entryTitle(e, lang, t),
			Count: e.Count(), Final: e.Final, Retried: e.Retried, Sessions: known(e.Sessions), Users: known(e.Users),
			First: stamp(e.First), Last: stamp(e.Last), Side: "—"}
		if e.Sessions < 0 || d.Users && e.Users < 0 {
			unknown = true
		}
		if e.entry != nil {
			r.Side = msgs.Common.Sides.Name(e.side)
			text := e.entry.In(lang)
			r.Meaning, r.Cause, r.Fixes = text.Meaning, text.Cause, text.Fixes
			if len(text.Fixes) > 0 {
				r.Fix = text.Fixes[0].Text
				r.FixCode = text.Fixes[0].Command
			}
		}
		p.Entries = append(p.Entries, r)
	}

	p.Filtered = d.Filter.Active() && unknown

	payload, _ := json.Marshal(v.payload(t))
	p.Payload = template.JS(payload)
	p.Script = template.JS(pageJS)
	return p
}

func entryTitle(e viewEntry, lang string, t *words) string {
	if e.entry != nil {
		return e.entry.In(lang).Title
	}
	return t.NotInCatalog
}

// known is a distinct count for the table, "—" when not known (-1).
func known(n int64) string {
	if n < 0 {
		return "—"
	}
	return fmt.Sprint(n)
}

func stamp(t time.Time) string {
	if t.IsZero() {
		return "—"
	}
	return t.UTC().Format(timeLayout)
}

func percent(n, total int64) string {
	return fmt.Sprintf("%.0f%%", float64(n)*100/float64(total))
}

// payload is the data page.js filters, with the chart's geometry.
type payload struct {
	W, H, L, R, T, B, MaxTicks int
	N                          int   `json:"n"`
	From, Step, Now            int64 // Unix milliseconds
	Periods                    map[string]int64
	Entries                    []payloadEntry
	Models, Users              []string
	// Cells are [step, entry, model+1, user+1, final, retried]; 0 for an
	// unknown model or user.
	Cells  [][6]int64
	Inside []bool
	Them   string // the Them and Me formats, with %s %d %d
	Me     string
	// Live is true when a server renders the page per request: the form
	// then goes to the server rather than to the script.
	Live bool
}

type payloadEntry struct {
	ID        catalog.ID `json:"id"`
	Anthropic bool       `json:"a"`
}

func (v *view) payload(t *words) payload {
	p := payload{W: chartW, H: chartH, L: marginL, R: marginR, T: marginT, B: marginB, MaxTicks: maxTicks,
		N: v.n, From: v.from.UnixMilli(), Step: v.step.Milliseconds(), Now: v.d.Now.UnixMilli(),
		Periods: map[string]int64{}, Models: v.models, Users: v.users, Inside: v.inside, Them: t.Them, Me: t.Me}
	if p.Models == nil {
		p.Models = []string{}
	}
	if p.Users == nil {
		p.Users = []string{}
	}
	for _, per := range Periods {
		p.Periods[per.Name] = per.Back.Milliseconds()
	}
	for _, e := range v.entries {
		p.Entries = append(p.Entries, payloadEntry{ID: e.ID, Anthropic: e.side == catalog.SideAnthropic})
	}
	mi, ui := index(v.models), index(v.users)
	type key struct {
		i, e int
		m, u string
	}
	cells := map[key]*cell{}
	var order []key
	for _, b := range v.d.Buckets {
		i := v.stepOf(b.Start)
		if i < 0 {
			continue
		}
		k := key{i, v.index[b.ID], b.Model, b.User}
		c := cells[k]
		if c == nil {
			c = &cell{}
			cells[k] = c
			order = append(order, k)
		}
		c.final += b.Final
		c.retried += b.Retried
	}
	p.Cells = make([][6]int64, 0, len(order))
	for _, k := range order {
		c := cells[k]
		p.Cells = append(p.Cells, [6]int64{int64(k.i), int64(k.e), int64(mi[k.m]), int64(ui[k.u]), c.final, c.retried})
	}
	p.Live = v.d.Live
	return p
}

// index maps each value to its position plus one.
func index(vals []string) map[string]int {
	m := map[string]int{}
	for i, s := range vals {
		m[s] = i + 1
	}
	return m
}
