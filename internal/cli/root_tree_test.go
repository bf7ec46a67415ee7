package cli

import (
	"bytes"
	"strings"
	"testing"
)

func TestSubcommandNames(t *testing.T) {
	f := &Factory{IO: System()}
	for _, c := range subcommands {
		if got := c.build(f).Name(); got != c.name {
			t.Errorf("subcommand listed as %q builds %q", c.name, got)
		}
	}
}

// helpOf runs args through a root built for buildArgs and returns what it
// printed.
func helpOf(t *testing.T, buildArgs, args []string) string {
	t.Helper()
	var out bytes.Buffer
	f := &Factory{IO: &IO{In: strings.NewReader(""), Out: &out, Err: &out, Getenv: func(string) string { return "" }, Environ: func() []string { return nil }}}
	root := newRootCmd(f, buildArgs)
	root.SetArgs(args)
	root.SetOut(&out)
	root.SetErr(&out)
	if err := root.Execute(); err != nil {
		t.Fatalf("%q: %v", args, err)
	}
	return out.String()
}

// TestTreeForOneCommandHelpsTheSame: a root built for one subcommand gives the
// same help for it, and for each of its own subcommands, as the whole tree.
func TestTreeForOneCommandHelpsTheSame(t *testing.T) {
	full := newRootCmd(&Factory{IO: System()}, nil)
	for _, c := range subcommands {
		paths := [][]string{{c.name}}
		for _, cmd := range full.Commands() {
			if cmd.Name() == c.name {
				for _, sub := range cmd.Commands() {
					paths = append(paths, []string{c.name, sub.Name()})
				}
			}
		}
		for _, p := range paths {
			for _, lead := range [][]string{nil, {"--lang", "zh"}} {
				args := append(append(append([]string{}, lead...), p...), "--help")
				want := helpOf(t, nil, args)
				got := helpOf(t, args, args)
				if got != want {
					t.Errorf("ccerr %s: help from the trimmed tree differs:\n%s\nwant:\n%s", strings.Join(args, " "), got, want)
				}
			}
		}
	}
}

func TestLookupSubcommand(t *testing.T) {
	tests := []struct {
		args []string
		want string // "" for the whole tree
	}{
		{[]string{"explain", "x"}, "explain"},
		{[]string{"--lang", "zh", "list"}, "list"},
		{[]string{"--lang=zh", "hook", "install"}, "hook"},
		{[]string{"version"}, "version"},
		{nil, ""},
		{[]string{"--help"}, ""},
		{[]string{"--version"}, ""},
		{[]string{"help", "explain"}, ""},
		{[]string{"completion", "zsh"}, ""},
		{[]string{"__complete", "expl"}, ""},
		{[]string{"expain"}, ""}, // cobra suggests "explain" only with the whole tree
		{[]string{"--lang"}, ""},
	}
	for _, tt := range tests {
		c, ok := lookupSubcommand(tt.args)
		if got := c.name; got != tt.want || ok != (tt.want != "") {
			t.Errorf("lookupSubcommand(%q) = %q, %v; want %q", tt.args, got, ok, tt.want)
		}
	}
}
