package repair_test

import (
	"fmt"
	"os"
	"strings"

	"github.com/ccerr/ccerr/internal/repair"
)

// A session whose last tool call never got its result: Check finds it, and
// Apply writes the session with an error result added after the call.
func ExampleCheck() {
	session := `{"parentUuid":null,"isSidechain":false,"type":"user","message":{"role":"user","content":"run ls"},"uuid":"u1","timestamp":"2026-12-05T10:00:00.000Z","sessionId":"s"}
{"parentUuid":"u1","isSidechain":false,"type":"assistant","message":{"role":"assistant","model":"claude-opus-5-5","content":[{"type":"tool_use","id":"toolu_01","name":"Bash","input":{"command":"ls"}}]},"uuid":"a1","timestamp":"2026-12-05T10:00:01.000Z","sessionId":"s"}
`
	rep, err := repair.Check(strings.NewReader(session), repair.Options{})
	if err != nil {
		panic(err)
	}
	for _, f := range rep.Findings {
		fmt.Println(f.Line, f.Kind, f.ID, f.ToolUseID, f.Mend.Action)
	}
	if err := repair.Apply(os.Stdout, strings.NewReader(session), rep); err != nil {
		panic(err)
	}
	// Output:
	// 2 tool-result-missing tool-use-mismatch toolu_01 add-tool-result
	// {"parentUuid":null,"isSidechain":false,"type":"user","message":{"role":"user","content":"run ls"},"uuid":"u1","timestamp":"2026-12-05T10:00:00.000Z","sessionId":"s"}
	// {"parentUuid":"u1","isSidechain":false,"type":"assistant","message":{"role":"assistant","model":"claude-opus-5-5","content":[{"type":"tool_use","id":"toolu_01","name":"Bash","input":{"command":"ls"}}]},"uuid":"a1","timestamp":"2026-12-05T10:00:01.000Z","sessionId":"s"}
	// {"parentUuid":"a1","isSidechain":false,"type":"user","message":{"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_01","content":"ccerr repair: the result of this tool call was lost (the session stopped before it was recorded). Run the tool again if you still need its output.","is_error":true}]},"uuid":"9be8a47a-c771-41bf-ac96-60feda1e3be5","timestamp":"2026-12-05T10:00:01.000Z","toolUseResult":"Error: ccerr repair: the result of this tool call was lost (the session stopped before it was recorded). Run the tool again if you still need its output.","sessionId":"s"}
}
