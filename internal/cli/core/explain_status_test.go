package core

import (
	"testing"

	"github.com/ccerr/ccerr/internal/status"
)

func TestDefaultStatusURL(t *testing.T) {
	if DefaultStatusURL != status.DefaultURL {
		t.Errorf("explain --status reads %q by default; the status client's default is %q", DefaultStatusURL, status.DefaultURL)
	}
}
