package cli

import (
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"strings"

	"github.com/spf13/cobra"

	"github.com/ccerr/ccerr/catalog"
	"github.com/ccerr/ccerr/classify"
	"github.com/ccerr/ccerr/internal/cli/core"
	"github.com/ccerr/ccerr/internal/doctor"
	"github.com/ccerr/ccerr/internal/ui"
)

// doctorOptions are the inputs of `ccerr doctor`.
type doctorOptions struct {
	IO      *IO
	Lang    string
	Offline bool
	Live    bool
	JSON    bool
	Model   string
	Catalog func() (*catalog.Catalog, error)

	// env, when set, replaces the machine seams (tests use it).
	env func(doctor.Env) doctor.Env
}

func newDoctorCmd(f *Factory) *cobra.Command {
	opts := &doctorOptions{IO: f.IO, Catalog: f.Catalog}
	cmd := &cobra.Command{
		Use:   "doctor",
		Short: core.Short("doctor"),
		Long: `Doctor checks this machine for the local causes of the errors Claude Code
documents, before they happen or after one did:

  credentials   which credential Claude Code will use and why; a key that
                overrides a subscription login; spaces, line breaks or
                invisible characters inside a key (never printed: at most a
                prefix and the last four characters)
  settings      CLAUDE_CODE_MAX_RETRIES, API_TIMEOUT_MS, ANTHROPIC_BASE_URL,
                CLAUDE_CODE_DISABLE_EXPERIMENTAL_BETAS, settings files that
                are not valid JSON or cannot be read; variables set in the
                settings files' "env" blocks are checked too (the process
                environment wins, then project local, project, user)
  network       proxy variables and NO_PROXY, DNS, TCP, the proxy tunnel, the
                TLS handshake with NODE_EXTRA_CA_CERTS, who issued a
                certificate that fails, NODE_TLS_REJECT_UNAUTHORIZED, clock
                skew (each step at most 10 s)
  live          with --live, one 1-token request to the API
  context       CLAUDE.md sizes and the number of MCP servers
  claude-code   the installed version (claude --version)

Each problem comes with its fix and the catalog id of the error it causes;
run 'ccerr explain --id ID' for more. The API host is ANTHROPIC_BASE_URL
when set, else https://api.anthropic.com.

With --json it prints {"checks":[...]}, one object per check: name, group,
status (ok, warn, fail or skip), id (the catalog id, or ""), detail, fix
and duration_ms. Secrets appear in no output mode.

Exit status: 0 when no check failed (warnings allowed), 1 when any check
failed, 2 for a usage error.`,
		Example: `  ccerr doctor
  ccerr doctor --offline
  ccerr doctor --live --json
  ccerr doctor --lang zh`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Lang = f.Lang()
			return runDoctor(opts)
		},
	}
	cmd.Flags().BoolVar(&opts.Offline, "offline", false, "skip every check that uses the network")
	cmd.Flags().BoolVar(&opts.Live, "live", false, "also send one 1-token request to the API")
	cmd.Flags().BoolVar(&opts.JSON, "json", false, "print the findings as JSON")
	cmd.Flags().StringVar(&opts.Model, "model", DefaultPingModel, "model for the --live request (the same default as ccerr ping)")
	return cmd
}

func runDoctor(opts *doctorOptions) error {
	if opts.Live && opts.Offline {
		return usagef("%s", ui.Messages(opts.Lang).Doctor.LiveOffline)
	}
	env := doctor.Env{
		Getenv:   opts.IO.Getenv,
		Home:     opts.IO.Home(),
		Dir:      opts.IO.Dir,
		LookPath: func(name string) (string, error) { return lookPathIn(opts.IO.Getenv("PATH"), name) },
	}
	if opts.env != nil {
		env = opts.env(env)
	}
	cat, err := opts.Catalog()
	if err != nil {
		cat = nil // fixes fall back to the doctor's own wording
	}
	findings := doctor.Run(opts.IO.Ctx(), env, doctor.Options{
		Offline:  opts.Offline,
		Live:     opts.Live,
		Catalog:  cat,
		Model:    opts.Model,
		Classify: classifyLive,
	})
	words := newDoctorWords(opts.Lang, cat)
	if opts.JSON {
		err = writeDoctorJSON(opts.IO.Out, words, findings)
	} else {
		err = writeDoctorText(opts.IO, words, findings)
	}
	if err != nil {
		return err
	}
	for _, f := range findings {
		if f.Status == doctor.Fail {
			return &SilentError{Code: ExitFailure}
		}
	}
	return nil
}

// classifyLive names the catalog entry and Claude Code's message for the
// outcome of doctor's live request.
func classifyLive(resp *http.Response, err error) (catalog.ID, string) {
	var fl *classify.Failure
	if resp != nil {
		body, _ := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
		fl = classify.Response(resp, body)
	} else {
		fl = classify.Err(err)
	}
	if fl == nil {
		return "", ""
	}
	return fl.ID, fl.Message
}

// lookPathIn finds an executable named name in the PATH value given, as
// exec.LookPath does with the process's own PATH.
func lookPathIn(path, name string) (string, error) {
	if strings.ContainsAny(name, `/\`) {
		return name, nil
	}
	exts := []string{""}
	if runtime.GOOS == "windows" {
		exts = []string{".exe", ".cmd", ".bat", ""}
	}
	for _, dir := range filepath.SplitList(path) {
		if dir == "" {
			continue
		}
		for _, ext := range exts {
			p := filepath.Join(dir, name+ext)
			if st, err := os.Stat(p); err == nil && !st.IsDir() && (runtime.GOOS == "windows" || st.Mode()&0o111 != 0) {
				return p, nil
			}
		}
	}
	return "", fmt.Errorf("%s: not found on PATH", name)
}
