package core

import (
	"bytes"
	"context"
	"io"
	"os"
	"strings"

	"golang.org/x/term"

	"github.com/ccerr/ccerr/internal/ui"
)

// IO is everything a command may touch of the outside world: its streams,
// environment, working directory and a context. Tests build one by hand;
// [System] builds the real one.
type IO struct {
	In  io.Reader
	Out io.Writer
	Err io.Writer

	// OutTTY and ErrTTY say whether Out and Err are terminals.
	OutTTY bool
	ErrTTY bool

	// Getenv reads the environment. It must not be nil.
	Getenv func(string) string
	// Environ lists the environment as KEY=VALUE pairs (for commands that scan it).
	Environ func() []string
	// Dir is the working directory; empty means unknown.
	Dir string
	// Context ends when the command should stop (e.g. on SIGINT). Nil means background.
	Context context.Context
}

// System returns the IO of the running process.
func System() *IO {
	dir, _ := os.Getwd()
	return &IO{
		In:      os.Stdin,
		Out:     os.Stdout,
		Err:     os.Stderr,
		OutTTY:  isTerminal(os.Stdout),
		ErrTTY:  isTerminal(os.Stderr),
		Getenv:  os.Getenv,
		Environ: os.Environ,
		Dir:     dir,
	}
}

func isTerminal(f *os.File) bool { return term.IsTerminal(int(f.Fd())) }

// Color reports whether output to a stream with the given terminal state
// should carry ANSI colour: only on a terminal, never with NO_COLOR set, and
// always with CLICOLOR_FORCE set to anything but "0".
func (s *IO) Color(tty bool) bool { return ui.ColorEnabled(s.Getenv, tty) }

// Width returns the width to lay out Out in (see [ui.TermWidth]).
func (s *IO) Width() int { return ui.TermWidth(s.Getenv, s.Out, s.OutTTY) }

// Ctx returns the command's context, never nil.
func (s *IO) Ctx() context.Context {
	if s.Context == nil {
		return context.Background()
	}
	return s.Context
}

// Home returns the user's home directory from HOME (or USERPROFILE), or "".
func (s *IO) Home() string {
	if h := s.Getenv("HOME"); h != "" {
		return h
	}
	return s.Getenv("USERPROFILE")
}

// langFromEnv picks the language from LC_ALL, LC_MESSAGES and LANG, in that
// order: the first one set decides, and a value starting with "zh" means Chinese.
func langFromEnv(getenv func(string) string) string {
	for _, k := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if v := getenv(k); v != "" {
			if strings.HasPrefix(strings.ToLower(v), "zh") {
				return "zh"
			}
			return "en"
		}
	}
	return "en"
}

// MemoryIO returns an IO for running ccerr inside another Go program or a
// test: stdin from in, output collected in out and errOut, the environment
// from env only (nothing of the process's), and the streams terminals when
// tty is true.
func MemoryIO(in io.Reader, env map[string]string, tty bool) (s *IO, out, errOut *bytes.Buffer) {
	if in == nil {
		in = strings.NewReader("")
	}
	out, errOut = new(bytes.Buffer), new(bytes.Buffer)
	return &IO{
		In:     in,
		Out:    out,
		Err:    errOut,
		OutTTY: tty,
		ErrTTY: tty,
		Getenv: func(k string) string { return env[k] },
		Environ: func() []string {
			kv := make([]string, 0, len(env))
			for k, v := range env {
				kv = append(kv, k+"="+v)
			}
			return kv
		},
	}, out, errOut
}
