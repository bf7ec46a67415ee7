package metrics

import (
	"math"
	"strconv"
	"unicode/utf8"
)

// The pieces of the Prometheus text exposition format, version 0.0.4,
// each appended to a byte slice.

// ContentType is the Content-Type of a page in the text format.
const ContentType = "text/plain; version=0.0.4; charset=utf-8"

// appendHeader appends the # HELP and # TYPE lines of a family. A family
// without help gets no # HELP line.
func appendHeader(b []byte, name, help string, k kind) []byte {
	if help != "" {
		b = append(b, "# HELP "...)
		b = append(b, name...)
		b = append(b, ' ')
		b = appendEscaped(b, help, false)
		b = append(b, '\n')
	}
	b = append(b, "# TYPE "...)
	b = append(b, name...)
	b = append(b, ' ')
	b = append(b, k...)
	return append(b, '\n')
}

// appendSeries appends a series' name and labels, up to the space before
// the value: name{l1="v1",l2="v2"}. extra, if not empty, is one more label
// name (a histogram's le) with the value extraValue.
func appendSeries(b []byte, name string, labels, values []string, extra, extraValue string) []byte {
	b = append(b, name...)
	if len(labels) == 0 && extra == "" {
		return b
	}
	b = append(b, '{')
	for i, l := range labels {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendLabel(b, l, values[i])
	}
	if extra != "" {
		if len(labels) > 0 {
			b = append(b, ',')
		}
		b = appendLabel(b, extra, extraValue)
	}
	return append(b, '}')
}

// appendLabel appends name="value" with the value escaped.
func appendLabel(b []byte, name, value string) []byte {
	b = append(b, name...)
	b = append(b, '=', '"')
	b = appendEscaped(b, value, true)
	return append(b, '"')
}

// appendEscaped appends s with backslash and line feed escaped (\\ and
// \n), and the double quote too (\") in a label value, as the format
// requires; invalid UTF-8 becomes U+FFFD, so the page is always UTF-8.
func appendEscaped(b []byte, s string, quote bool) []byte {
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == '\\':
			b = append(b, '\\', '\\')
		case c == '\n':
			b = append(b, '\\', 'n')
		case c == '"' && quote:
			b = append(b, '\\', '"')
		case c < utf8.RuneSelf:
			b = append(b, c)
		default:
			r, size := utf8.DecodeRuneInString(s[i:])
			if r == utf8.RuneError && size == 1 {
				b = utf8.AppendRune(b, utf8.RuneError)
			} else {
				b = append(b, s[i:i+size]...)
			}
			i += size
			continue
		}
		i++
	}
	return b
}

// appendFloat appends v as the format spells numbers: a whole number
// below 2^53 in plain digits (byte counts read better as 4194304 than as
// 4.194304e+06), anything else as the shortest decimal that reads back as
// v, or +Inf, -Inf, NaN.
func appendFloat(b []byte, v float64) []byte {
	switch {
	case math.IsInf(v, 1):
		return append(b, "+Inf"...)
	case math.IsInf(v, -1):
		return append(b, "-Inf"...)
	case math.IsNaN(v):
		return append(b, "NaN"...)
	}
	if v == math.Trunc(v) && math.Abs(v) < 1<<53 {
		return strconv.AppendInt(b, int64(v), 10)
	}
	return strconv.AppendFloat(b, v, 'g', -1, 64)
}

// appendUintLine appends the integer value of a sample line and its end.
func appendUintLine(b []byte, v uint64) []byte {
	b = append(b, ' ')
	b = strconv.AppendUint(b, v, 10)
	return append(b, '\n')
}

// appendFloatLine appends the value of a sample line and its end.
func appendFloatLine(b []byte, v float64) []byte {
	b = append(b, ' ')
	b = appendFloat(b, v)
	return append(b, '\n')
}
