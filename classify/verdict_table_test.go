package classify

import (
	"encoding/json"
	"net/http"
	"os"
	"testing"

	"github.com/ccerr/ccerr/catalog"
)

// verdictCase is one row of testdata/verdicts.json, the table every path
// to a verdict is tested on (classify here, scan's transcript fallback and
// explain's field verdict in their packages).
type verdictCase struct {
	Name       string            `json:"name"`
	Status     int               `json:"status"`
	Body       string            `json:"body"`
	Headers    map[string]string `json:"headers"`
	Credential string            `json:"credential"`
	Code       string            `json:"code"`
	Message    string            `json:"message"`
	Want       catalog.ID        `json:"want"`
}

func loadVerdictCases(t *testing.T) []verdictCase {
	t.Helper()
	data, err := os.ReadFile("testdata/verdicts.json")
	if err != nil {
		t.Fatal(err)
	}
	var table struct{ Cases []verdictCase }
	if err := json.Unmarshal(data, &table); err != nil {
		t.Fatal(err)
	}
	if len(table.Cases) < 10 {
		t.Fatalf("only %d cases", len(table.Cases))
	}
	return table.Cases
}

// TestVerdictTable runs the shared table through Response (an HTTP answer,
// with the credential on its request) or, for failures without a response,
// Classify on the named code or text.
func TestVerdictTable(t *testing.T) {
	for _, tc := range loadVerdictCases(t) {
		t.Run(tc.Name, func(t *testing.T) {
			var f *Failure
			if tc.Status != 0 {
				resp := httpResp(tc.Status, tc.Headers, tc.Body, tc.Credential)
				f = testClassifier.Response(resp, []byte(tc.Body))
			} else {
				f = testClassifier.Classify(Parts{Code: tc.Code, Message: tc.Message})
			}
			if f == nil {
				t.Fatalf("no failure, want %q", tc.Want)
			}
			if f.ID != tc.Want {
				t.Errorf("ID = %q, want %q (message %q)", f.ID, tc.Want, f.Message)
			}
			// Parts built by hand give the same verdict as Response.
			if tc.Status != 0 {
				h := http.Header{}
				for k, v := range tc.Headers {
					h.Set(k, v)
				}
				g := testClassifier.Classify(Parts{Status: tc.Status, Body: []byte(tc.Body), Header: h, Credential: tc.Credential})
				switch {
				case g == nil || g.ID != f.ID:
					t.Errorf("Classify = %+v, want the verdict of Response, %q", g, f.ID)
				case f.ID != catalog.ModelUnavailable && g.Message != f.Message:
					// (Response also knows the request's model.)
					t.Errorf("Classify message %q, Response message %q", g.Message, f.Message)
				}
			}
		})
	}
}
