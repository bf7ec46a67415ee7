package repair

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
)

// checkEdits verifies that out is in with exactly the report's mends: each
// line no mend names is kept byte for byte and in order, dropped lines are
// gone, edited lines changed, inserted lines follow the line they name.
func checkEdits(t *testing.T, in, out string, rep *Report) {
	t.Helper()
	dropped, edited, inserted := map[int]bool{}, map[int]bool{}, map[int]string{}
	for _, f := range rep.Findings {
		switch f.Mend.Action {
		case DropLine:
			dropped[f.Mend.Line] = true
		case AddToolResult:
			inserted[f.Mend.Line] = f.Mend.UUID
		case NoMend:
		default:
			edited[f.Mend.Line] = true
		}
	}
	// An inserted line takes over as the parent of the line after it.
	for _, e := range rep.plan.edits {
		if e.parent != nil {
			edited[e.line] = true
		}
	}
	inLines := strings.SplitAfter(in, "\n")
	outLines := strings.SplitAfter(out, "\n")
	j := 0
	for i, l := range inLines {
		no := i + 1
		if l == "" {
			continue
		}
		if dropped[no] {
			continue
		}
		if j >= len(outLines) {
			t.Fatalf("output ends before input line %d", no)
		}
		switch {
		case edited[no]:
			if outLines[j] == l {
				t.Errorf("line %d is named in a mend but unchanged", no)
			}
			if !json.Valid([]byte(strings.TrimSpace(outLines[j]))) {
				t.Errorf("edited line %d is not JSON: %s", no, outLines[j])
			}
		case strings.TrimSuffix(outLines[j], "\n") != strings.TrimSuffix(l, "\n"):
			t.Errorf("line %d changed without a mend:\n in  %s\n out %s", no, l, outLines[j])
		}
		j++
		if u, ok := inserted[no]; ok {
			if j >= len(outLines) || !strings.Contains(outLines[j], `"uuid":"`+u+`"`) {
				t.Fatalf("no inserted line %s after line %d", u, no)
			}
			j++
		}
	}
	for ; j < len(outLines); j++ {
		if outLines[j] != "" {
			t.Errorf("extra output line: %s", outLines[j])
		}
	}
}

// TestRepairChangesOnlyMendedLines is the property: for random
// conversations with random poison, the repaired file is the original with
// exactly the listed edits, and checking it again finds nothing.
func TestRepairChangesOnlyMendedLines(t *testing.T) {
	for seed := range uint64(200) {
		t.Run(fmt.Sprint(seed), func(t *testing.T) {
			in := randomTranscript(rand.New(rand.NewPCG(seed, 7)))
			rep, err := Check(strings.NewReader(in), Options{})
			if err != nil {
				t.Fatal(err)
			}
			var out strings.Builder
			if err := Apply(&out, strings.NewReader(in), rep); err != nil {
				t.Fatal(err)
			}
			checkEdits(t, in, out.String(), rep)
			again, err := Check(strings.NewReader(out.String()), Options{})
			if err != nil {
				t.Fatal(err)
			}
			if len(again.Findings) != 0 {
				t.Fatalf("second run finds %+v\ninput:\n%s\nrepaired:\n%s", again.Findings, in, out.String())
			}
		})
	}
}

// randomTranscript builds a conversation of random turns, some poisoned.
func randomTranscript(r *rand.Rand) string {
	tr := newTranscript()
	tr.user(`"start"`)
	ids := 0
	newID := func() string { ids++; return fmt.Sprintf("toolu_%04d", ids) }
	var lastIDs []string
	for range 3 + r.IntN(12) {
		switch r.IntN(10) {
		case 0: // a tool call whose result never came
			tr.assistant("claude-opus-5-5", toolUse(newID()))
			tr.user(`"next"`)
		case 1: // a result for a call that is not there
			tr.assistant("claude-opus-5-5", text("hm"))
			tr.user(blocks(toolResult("toolu_gone", "x")))
		case 2: // a repeated id
			if len(lastIDs) > 0 {
				id := lastIDs[0]
				tr.assistant("claude-opus-5-5", toolUse(id))
				tr.user(blocks(toolResult(id, "again")))
			}
		case 3:
			tr.assistant("claude-opus-5-5", thinking("t", ""))
		case 4:
			tr.user(blocks(wideImage, text("look")))
		case 5:
			tr.raw(`{"parentUuid":"` + tr.last + `","type":"user","mess`)
		case 6:
			tr.sidechain(`"side"`)
		default: // a healthy tool round trip, sometimes parallel
			a, b := newID(), newID()
			tr.assistant("claude-opus-5-5", toolUse(a))
			if r.IntN(2) == 0 {
				tr.assistant("claude-opus-5-5", toolUse(b))
				tr.user(blocks(toolResult(a, "1")))
				tr.user(blocks(toolResult(b, "2")))
			} else {
				tr.user(blocks(toolResult(a, "1")))
			}
			lastIDs = []string{a}
		}
		if r.IntN(3) == 0 {
			tr.assistant("claude-opus-5-5", text("ok"))
			tr.user(`"more"`)
		}
	}
	tr.assistant("claude-opus-5-5", text("end"))
	return tr.String()
}

// wideImage is an image block over the 8000 px limit, built once.
var wideImage = imageBlock("image/png", pngOf(8001, 1))
