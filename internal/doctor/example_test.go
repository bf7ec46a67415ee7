package doctor_test

import (
	"context"
	"fmt"

	"github.com/ccerr/ccerr/internal/doctor"
)

func ExampleParseVersion() {
	v, _ := doctor.ParseVersion("2.1.332 (Claude Code)")
	fmt.Println(v, v.Less(doctor.Version{2, 1, 111}))
	// Output: 2.1.332 false
}

func ExampleRun() {
	env := map[string]string{"CLAUDE_CODE_MAX_RETRIES": "40"}
	findings := doctor.Run(context.Background(), doctor.Env{
		Getenv:   func(k string) string { return env[k] },
		LookPath: func(string) (string, error) { return "", fmt.Errorf("not installed") },
	}, doctor.Options{Offline: true})
	for _, f := range findings {
		if f.Name == "CLAUDE_CODE_MAX_RETRIES" {
			m := f.Detail[0]
			fmt.Println(f.Status, m.Kind, m.Args)
		}
	}
	// Output: warn RetriesClamped [40 15]
}
