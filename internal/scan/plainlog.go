package scan

import (
	"strconv"
	"time"
	"unicode/utf8"
)

// logLine reads one line of a plain log: the line is an event when the
// matcher finds a documented error in it.
func (w *worker) logLine(fs *fileState, line []byte) {
	if len(line) > w.maxLine {
		fs.skips.line(TooLong, fs.lineNo)
		return
	}
	// The matcher sees the line without its timestamp, so that a message
	// which starts the line after the time is seen as starting it.
	t, rest := leadingTime(line)
	found := w.matcher.FindLine(rest)
	if len(found) == 0 {
		return
	}
	if !utf8.Valid(line) {
		fs.skips.line(InvalidUTF8, fs.lineNo)
		return
	}
	e := event{id: found[0].ID, kind: Final, time: t}
	for _, f := range found {
		if a := f.Fields["attempt"]; a != "" {
			e.kind = Retry
			e.attempt, _ = strconv.Atoi(a)
			e.max, _ = strconv.Atoi(f.Fields["max_attempts"])
			if d, err := time.ParseDuration(f.Fields["retry_in"]); err == nil {
				e.delayMs = float64(d) / float64(time.Millisecond)
			}
			break
		}
	}
	w.add(&e)
}

// leadingTime reads a timestamp at the start of a log line, after optional
// spaces and an opening bracket: 2026-11-26T18:00:48Z, 2026-11-26
// 18:00:48.174, 2026-11-26T18:00:48,174+01:00 and the like. A time without
// a zone is taken as UTC. It returns the zero time and the whole line when
// there is none; otherwise the time and the rest of the line after it (and
// after a closing bracket and spaces).
func leadingTime(line []byte) (time.Time, []byte) {
	i := 0
	for i < len(line) && i < 4 && (line[i] == ' ' || line[i] == '[' || line[i] == '\t') {
		i++
	}
	s := line[i:]
	// YYYY-MM-DD?HH:MM:SS
	if len(s) < 19 || s[4] != '-' || s[7] != '-' || (s[10] != 'T' && s[10] != ' ') || s[13] != ':' || s[16] != ':' {
		return time.Time{}, line
	}
	num := func(a, b int) int {
		n := 0
		for _, c := range s[a:b] {
			if c < '0' || c > '9' {
				return -1
			}
			n = n*10 + int(c-'0')
		}
		return n
	}
	year, mon, day := num(0, 4), num(5, 7), num(8, 10)
	hh, mm, ss := num(11, 13), num(14, 16), num(17, 19)
	if year < 0 || mon < 1 || mon > 12 || day < 1 || day > 31 || hh < 0 || hh > 23 || mm < 0 || mm > 59 || ss < 0 || ss > 60 {
		return time.Time{}, line
	}
	j := 19
	nsec := 0
	if j < len(s) && (s[j] == '.' || s[j] == ',') {
		j++
		scale := int(time.Second)
		for j < len(s) && s[j] >= '0' && s[j] <= '9' {
			if scale > 1 {
				scale /= 10
				nsec += int(s[j]-'0') * scale
			}
			j++
		}
	}
	loc := time.UTC
	if j < len(s) {
		switch c := s[j]; {
		case c == 'Z' || c == 'z':
			j++
		case (c == '+' || c == '-') && j+5 <= len(s):
			oh := num(j+1, j+3)
			k := j + 3
			if s[k] == ':' {
				k++
			}
			om := -1
			if k+2 <= len(s) {
				om = num(k, k+2)
			}
			if oh >= 0 && oh < 24 && om >= 0 && om < 60 {
				off := oh*3600 + om*60
				if c == '-' {
					off = -off
				}
				loc = time.FixedZone("", off)
				j = k + 2
			}
		}
	}
	for j < len(s) && (s[j] == ']' || s[j] == ' ' || s[j] == '\t') {
		j++
	}
	return time.Date(year, time.Month(mon), day, hh, mm, ss, nsec, loc).UTC(), s[j:]
}
