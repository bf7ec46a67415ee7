// Package metricstest checks, for tests, that a page is well-formed
// Prometheus text exposition format, version 0.0.4. It is written apart
// from the writer in package metrics, from the format's rules, so that it
// can catch the writer's mistakes. Only tests import it.
package metricstest

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Check returns an error naming the first line of page that breaks the
// format, or nil. It is stricter than Prometheus's parser: it also rejects
// empty lines, comments other than # HELP and # TYPE, a family without a
// # TYPE line, a family whose samples are not together, repeated series,
// negative counters, and histograms whose buckets are not ascending and
// cumulative, lack +Inf, _sum or _count, or disagree with _count.
func Check(page string) error {
	c := checker{families: map[string]*familyState{}, series: map[string]bool{}}
	if page == "" {
		return nil
	}
	if !strings.HasSuffix(page, "\n") {
		return fmt.Errorf("the page does not end with a line feed")
	}
	lines := strings.Split(strings.TrimSuffix(page, "\n"), "\n")
	for i, line := range lines {
		if err := c.line(line); err != nil {
			return fmt.Errorf("line %d %q: %w", i+1, line, err)
		}
	}
	return c.finish()
}

// familyState is what the checker knows of one family.
type familyState struct {
	name      string
	typ       string
	help      bool
	samples   bool
	histogram map[string]*histState // by labels other than le
}

// histState is one histogram's buckets seen so far.
type histState struct {
	lastLE    float64
	lastCount float64
	inf       bool
	infCount  float64
	sum       bool
	count     bool
	countVal  float64
	buckets   int
}

type checker struct {
	families map[string]*familyState
	current  *familyState // the family of the last line
	done     []string     // families whose samples are over
	series   map[string]bool
}

func (c *checker) family(name string) *familyState {
	f := c.families[name]
	if f == nil {
		f = &familyState{name: name}
		c.families[name] = f
	}
	return f
}

// enter makes f the current family, refusing a family met again after
// another one.
func (c *checker) enter(f *familyState) error {
	if c.current == f {
		return nil
	}
	if slices.Contains(c.done, f.name) {
		return fmt.Errorf("family %s appears again after other families", f.name)
	}
	if c.current != nil {
		c.done = append(c.done, c.current.name)
	}
	c.current = f
	return nil
}

func (c *checker) line(line string) error {
	if line == "" {
		return fmt.Errorf("empty line")
	}
	if strings.HasPrefix(line, "#") {
		return c.comment(line)
	}
	return c.sample(line)
}

func (c *checker) comment(line string) error {
	rest, ok := strings.CutPrefix(line, "# ")
	if !ok {
		return fmt.Errorf("a comment other than # HELP or # TYPE")
	}
	kw, rest, _ := strings.Cut(rest, " ")
	name, text, ok := strings.Cut(rest, " ")
	if !validMetricName(name) {
		return fmt.Errorf("invalid metric name %q", name)
	}
	f := c.family(name)
	if err := c.enter(f); err != nil {
		return err
	}
	if f.samples {
		return fmt.Errorf("# %s after the family's samples", kw)
	}
	switch kw {
	case "HELP":
		if f.help {
			return fmt.Errorf("a second # HELP for %s", name)
		}
		f.help = true
		if !ok {
			return nil
		}
		return checkEscapes(text, false)
	case "TYPE":
		if f.typ != "" {
			return fmt.Errorf("a second # TYPE for %s", name)
		}
		switch text {
		case "counter", "gauge", "histogram", "summary", "untyped":
			f.typ = text
			return nil
		}
		return fmt.Errorf("unknown type %q", text)
	}
	return fmt.Errorf("a comment other than # HELP or # TYPE")
}

// checkEscapes checks the escapes of a HELP text or (quoted) a label value.
func checkEscapes(s string, quoted bool) error {
	if !utf8.ValidString(s) {
		return fmt.Errorf("invalid UTF-8 in %q", s)
	}
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\\':
			if i+1 == len(s) {
				return fmt.Errorf("a lone backslash at the end of %q", s)
			}
			i++
			switch s[i] {
			case '\\', 'n':
			case '"':
				if !quoted {
					return fmt.Errorf(`\" in a HELP text`)
				}
			default:
				return fmt.Errorf("unknown escape \\%c", s[i])
			}
		case '"':
			if quoted {
				return fmt.Errorf("an unescaped double quote")
			}
		}
	}
	return nil
}

func (c *checker) sample(line string) error {
	name, labels, rest, err := splitSample(line)
	if err != nil {
		return err
	}
	fields := strings.Split(rest, " ")
	if len(fields) < 1 || len(fields) > 2 || fields[0] == "" {
		return fmt.Errorf("want one value and an optional timestamp after the series")
	}
	v, err := parseValue(fields[0])
	if err != nil {
		return err
	}
	if len(fields) == 2 {
		if _, err := strconv.ParseInt(fields[1], 10, 64); err != nil {
			return fmt.Errorf("bad timestamp %q", fields[1])
		}
	}
	fam, suffix := name, ""
	for _, s := range []string{"_bucket", "_sum", "_count"} {
		if base, ok := strings.CutSuffix(name, s); ok {
			if f := c.families[base]; f != nil && f.typ == "histogram" {
				fam, suffix = base, s
			}
		}
	}
	f := c.family(fam)
	if err := c.enter(f); err != nil {
		return err
	}
	if f.typ == "" {
		return fmt.Errorf("a sample of %s before its # TYPE", fam)
	}
	f.samples = true
	key := name + "{" + canonical(labels) + "}"
	if c.series[key] {
		return fmt.Errorf("series %s repeated", key)
	}
	c.series[key] = true
	switch f.typ {
	case "counter":
		if v < 0 || math.IsNaN(v) {
			return fmt.Errorf("counter value %v", v)
		}
	case "histogram":
		return c.histogramSample(f, suffix, labels, v)
	}
	return nil
}

func (c *checker) histogramSample(f *familyState, suffix string, labels map[string]string, v float64) error {
	if suffix == "" {
		return fmt.Errorf("histogram %s sample without _bucket, _sum or _count", f.name)
	}
	le, hasLE := labels["le"]
	delete(labels, "le")
	key := canonical(labels)
	if f.histogram == nil {
		f.histogram = map[string]*histState{}
	}
	h := f.histogram[key]
	if h == nil {
		h = &histState{lastLE: math.Inf(-1)}
		f.histogram[key] = h
	}
	switch suffix {
	case "_bucket":
		if !hasLE {
			return fmt.Errorf("a bucket without le")
		}
		if h.inf || h.sum || h.count {
			return fmt.Errorf("a bucket after +Inf, _sum or _count")
		}
		bound, err := parseValue(le)
		if err != nil || math.IsNaN(bound) {
			return fmt.Errorf("bad le %q", le)
		}
		if bound <= h.lastLE {
			return fmt.Errorf("le %q not above the previous bucket's", le)
		}
		if v < h.lastCount || v < 0 || v != math.Trunc(v) {
			return fmt.Errorf("bucket count %v not a whole number at least the previous bucket's %v", v, h.lastCount)
		}
		h.lastLE, h.lastCount = bound, v
		h.buckets++
		if math.IsInf(bound, 1) {
			if le != "+Inf" {
				return fmt.Errorf("the last bucket is spelled %q, want +Inf", le)
			}
			h.inf, h.infCount = true, v
		}
	case "_sum":
		if hasLE {
			return fmt.Errorf("_sum with le")
		}
		if !h.inf {
			return fmt.Errorf("_sum before the +Inf bucket")
		}
		h.sum = true
	case "_count":
		if hasLE {
			return fmt.Errorf("_count with le")
		}
		if !h.inf {
			return fmt.Errorf("_count before the +Inf bucket")
		}
		if v != h.infCount {
			return fmt.Errorf("_count %v differs from the +Inf bucket's %v", v, h.infCount)
		}
		h.count, h.countVal = true, v
	}
	return nil
}

// finish checks what can only be checked at the end: every histogram
// complete.
func (c *checker) finish() error {
	for _, f := range c.families {
		for labels, h := range f.histogram {
			if !h.inf || !h.sum || !h.count {
				return fmt.Errorf("histogram %s{%s} lacks +Inf, _sum or _count", f.name, labels)
			}
		}
		if f.typ == "histogram" && f.samples && len(f.histogram) == 0 {
			return fmt.Errorf("histogram %s has no buckets", f.name)
		}
	}
	return nil
}

// splitSample parses name{labels} and returns the rest of the line after
// the one space that must follow.
func splitSample(line string) (name string, labels map[string]string, rest string, err error) {
	i := 0
	for i < len(line) && line[i] != '{' && line[i] != ' ' {
		i++
	}
	name = line[:i]
	if !validMetricName(name) {
		return "", nil, "", fmt.Errorf("invalid metric name %q", name)
	}
	labels = map[string]string{}
	if i < len(line) && line[i] == '{' {
		i++
		for {
			if i < len(line) && line[i] == '}' {
				if len(labels) > 0 {
					return "", nil, "", fmt.Errorf("a comma before }")
				}
				i++
				break
			}
			j := i
			for j < len(line) && line[j] != '=' {
				j++
			}
			lname := line[i:j]
			if !validLabelName(lname) {
				return "", nil, "", fmt.Errorf("invalid label name %q", lname)
			}
			if j+1 >= len(line) || line[j+1] != '"' {
				return "", nil, "", fmt.Errorf("label %s: want =\"", lname)
			}
			k := j + 2
			for k < len(line) && line[k] != '"' {
				if line[k] == '\\' {
					k++
				}
				k++
			}
			if k >= len(line) {
				return "", nil, "", fmt.Errorf("label %s: unterminated value", lname)
			}
			raw := line[j+2 : k]
			if err := checkEscapes(raw, true); err != nil {
				return "", nil, "", fmt.Errorf("label %s: %w", lname, err)
			}
			if _, dup := labels[lname]; dup {
				return "", nil, "", fmt.Errorf("label %s twice", lname)
			}
			labels[lname] = raw
			i = k + 1
			if i < len(line) && line[i] == ',' {
				i++
				if i < len(line) && line[i] == '}' {
					return "", nil, "", fmt.Errorf("a comma before }")
				}
				continue
			}
			if i < len(line) && line[i] == '}' {
				i++
				break
			}
			return "", nil, "", fmt.Errorf("label %s: want , or } after the value", lname)
		}
	}
	if i >= len(line) || line[i] != ' ' {
		return "", nil, "", fmt.Errorf("want one space after the series")
	}
	return name, labels, line[i+1:], nil
}

// parseValue parses a sample value as the format spells it.
func parseValue(s string) (float64, error) {
	switch s {
	case "+Inf":
		return math.Inf(1), nil
	case "-Inf":
		return math.Inf(-1), nil
	case "NaN":
		return math.NaN(), nil
	}
	if strings.ContainsAny(s, "_xXpP") || strings.EqualFold(s, "inf") || strings.EqualFold(s, "infinity") {
		return 0, fmt.Errorf("bad value %q", s)
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsInf(v, 0) || math.IsNaN(v) {
		return 0, fmt.Errorf("bad value %q", s)
	}
	return v, nil
}

// canonical is labels in a fixed order, for comparing series.
func canonical(labels map[string]string) string {
	keys := make([]string, 0, len(labels))
	for k := range labels {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	var b strings.Builder
	for _, k := range keys {
		b.WriteString(k + "=\"" + labels[k] + "\",")
	}
	return b.String()
}

func validMetricName(s string) bool {
	if s == "" {
		return false
	}
	for i, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r == '_' || r == ':' || i > 0 && r >= '0' && r <= '9') {
			return false
		}
	}
	return true
}

func validLabelName(s string) bool {
	if s == "" {
		return false
	}
	for i, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r == '_' || i > 0 && r >= '0' && r <= '9') {
			return false
		}
	}
	return true
}
