package cli

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/ccerr/ccerr/catalog"
	"github.com/ccerr/ccerr/mock"
)

// TestPingIDMatchesExplain pings every servable mock scenario and checks
// that the catalog id ping reports is the one `ccerr explain` gives for the
// message ping prints: one verdict, whichever way the text is read.
func TestPingIDMatchesExplain(t *testing.T) {
	plain, err := mock.New(mock.Config{})
	if err != nil {
		t.Fatal(err)
	}
	defer plain.Close()
	tlsSrv, err := mock.New(mock.Config{TLS: true})
	if err != nil {
		t.Fatal(err)
	}
	defer tlsSrv.Close()
	env := map[string]string{
		"ANTHROPIC_API_KEY":       "sk-ant-api03-scenario-test-key-0000-WXYZ",
		"CLAUDE_CODE_MAX_RETRIES": "0",
		"API_TIMEOUT_MS":          "200", // hang and stall end quickly
	}
	checked := 0
	for _, sc := range mock.Scenarios() {
		if !sc.Servable {
			continue
		}
		t.Run(sc.Name, func(t *testing.T) {
			base := plain.URL
			if sc.Name == mock.TLS || sc.ID == catalog.TLSCertificate {
				// The self-signed certificate needs the HTTPS listener.
				base = tlsSrv.URL
			}
			res := run{args: []string{"ping", "--json", "--base-url", base + "/scenario/" + sc.Name}, env: env}.exec(t)
			var got pingResult
			if err := json.Unmarshal([]byte(res.stdout), &got); err != nil {
				t.Fatalf("ping --json: %v\n%s%s", err, res.stdout, res.stderr)
			}
			if got.Failure == nil {
				if sc.ID != "" {
					t.Errorf("ping succeeded; the scenario stands for %s", sc.ID)
				}
				return
			}
			checked++
			ex := run{args: []string{"explain", "--json"}, stdin: strings.NewReader(got.Failure.Message)}.exec(t)
			var out struct {
				Matches []struct {
					ID catalog.ID `json:"id"`
				} `json:"matches"`
			}
			if err := json.Unmarshal([]byte(ex.stdout), &out); err != nil {
				t.Fatalf("explain --json: %v\n%s", err, ex.stdout)
			}
			var ids []catalog.ID
			for _, m := range out.Matches {
				ids = append(ids, m.ID)
			}
			if len(ids) != 1 || ids[0] != got.Failure.ID {
				t.Errorf("ping says %q for %q; explain says %v", got.Failure.ID, got.Failure.Message, ids)
			}
		})
	}
	if checked < 10 {
		t.Errorf("only %d scenarios failed as expected", checked)
	}
}
