package doctor

import (
	"testing"

	"go.uber.org/goleak"
)

// TestMain fails the package if a check leaves a goroutine behind (a dial,
// a tunnel, the live request's transport).
func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }
