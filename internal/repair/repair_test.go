package repair

import (
	"bytes"
	"encoding/json"
	"flag"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ccerr/ccerr/internal/golden"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// want is one expected finding: its kind, line and mend.
type want struct {
	kind   Kind
	line   int
	action Action
}

// poisonCases are real-shaped transcripts, one per kind of poison.
var poisonCases = []struct {
	name  string
	build func() string
	opts  Options
	want  []want
}{
	{"clean", func() string {
		tr := newTranscript()
		tr.user(`"list the files"`)
		tr.assistant("claude-opus-5-5", thinking("Listing.", "EqQBCkYIBxgCKkDsig"))
		tr.assistant("claude-opus-5-5", toolUse("toolu_01A"))
		tr.user(blocks(toolResult("toolu_01A", "a.go\nb.go")))
		tr.assistant("claude-opus-5-5", text("Two files."))
		return tr.String()
	}, Options{}, nil},
	{"tool_result_missing", func() string {
		tr := newTranscript()
		tr.user(`"run two commands"`)
		tr.assistant("claude-opus-5-5", toolUse("toolu_01A"))
		tr.assistant("claude-opus-5-5", toolUse("toolu_01B"))
		tr.user(blocks(toolResult("toolu_01A", "ok")))
		tr.assistant("claude-opus-5-5", text("Done."))
		return tr.String()
	}, Options{}, []want{{ToolResultMissing, 4, AddToolResult}}},
	{"tool_use_interrupted_at_end", func() string {
		tr := newTranscript()
		tr.user(`"sleep"`)
		tr.assistant("claude-opus-5-5", toolUse("toolu_01A"))
		return tr.String()
	}, Options{}, []want{{ToolResultMissing, 3, AddToolResult}}},
	{"tool_result_orphan", func() string {
		tr := newTranscript()
		tr.user(`"go"`)
		tr.assistant("claude-opus-5-5", toolUse("toolu_01A"))
		tr.user(blocks(toolResult("toolu_01A", "ok"), toolResult("toolu_GONE", "stale")))
		tr.assistant("claude-opus-5-5", text("Done."))
		return tr.String()
	}, Options{}, []want{{ToolResultOrphan, 4, DropBlock}}},
	{"tool_use_duplicate", func() string {
		tr := newTranscript()
		tr.user(`"go"`)
		tr.assistant("claude-opus-5-5", toolUse("toolu_01A"))
		tr.user(blocks(toolResult("toolu_01A", "first")))
		tr.assistant("claude-opus-5-5", toolUse("toolu_01A"))
		tr.user(blocks(toolResult("toolu_01A", "second")))
		tr.assistant("claude-opus-5-5", text("Done."))
		return tr.String()
	}, Options{}, []want{{ToolUseDuplicate, 5, DropBlock}, {ToolResultOrphan, 6, DropBlock}}},
	{"image_too_wide", func() string {
		tr := newTranscript()
		tr.user(`"read the chart"`)
		tr.assistant("claude-opus-5-5", toolUse("toolu_01A"))
		tr.user(blocks(toolResultBlocks("toolu_01A", imageBlock("image/png", pngOf(9000, 2)))))
		tr.assistant("claude-opus-5-5", text("A chart."))
		return tr.String()
	}, Options{}, []want{{ImageTooWide, 4, ReplaceBlock}}},
	{"image_too_large", func() string {
		tr := newTranscript()
		tr.user(blocks(imageBlock("image/jpeg", jpegOf(64, 64)), text("what is this")))
		tr.assistant("claude-opus-5-5", text("A square."))
		return tr.String()
	}, Options{ImageBytes: 100}, []want{{ImageTooLarge, 2, ReplaceBlock}}},
	{"image_unreadable", func() string {
		tr := newTranscript()
		tr.user(blocks(imageBlock("image/png", gifOf(10, 10)), imageBlock("image/webp", []byte("RIFF0000WEBPjunk")), imageBlock("image/webp", webpOf(20, 10))))
		tr.assistant("claude-opus-5-5", text("Images."))
		return tr.String()
	}, Options{}, []want{{ImageUnreadable, 2, ReplaceBlock}, {ImageUnreadable, 2, ReplaceBlock}}},
	{"images_many", func() string {
		tr := newTranscript()
		var imgs []string
		for range 4 {
			imgs = append(imgs, imageBlock("image/gif", gifOf(2100, 1)))
		}
		for range 19 {
			imgs = append(imgs, imageBlock("image/webp", webpOf(100, 100)))
		}
		tr.user(blocks(imgs...))
		tr.assistant("claude-opus-5-5", text("Many."))
		return tr.String()
	}, Options{MaxImages: 22}, []want{{ImagesTooMany, 2, ReplaceBlock}, {ImageManyTooWide, 2, ReplaceBlock}, {ImageManyTooWide, 2, ReplaceBlock}, {ImageManyTooWide, 2, ReplaceBlock}}},
	{"pdf", func() string {
		tr := newTranscript()
		tr.user(blocks(pdfBlock(pdfOf(3, false, false)), pdfBlock(pdfOf(150, false, false)), pdfBlock(pdfOf(150, false, true)),
			pdfBlock(pdfOf(2, true, false)), pdfBlock([]byte("%PDF-1.4 cut off"))))
		tr.assistant("claude-opus-5-5", text("PDFs."))
		return tr.String()
	}, Options{}, []want{{PDFTooLarge, 2, ReplaceBlock}, {PDFTooLarge, 2, ReplaceBlock}, {PDFEncrypted, 2, ReplaceBlock}, {PDFInvalid, 2, ReplaceBlock}}},
	{"request_too_large", func() string {
		tr := newTranscript()
		tr.user(blocks(imageBlock("image/jpeg", jpegOf(400, 400)), text(strings.Repeat("x", 300))))
		tr.assistant("claude-opus-5-5", text("ok"))
		return tr.String()
	}, Options{RequestBytes: requestOverhead + 1200}, []want{{RequestTooLarge, 2, ReplaceBlock}}},
	{"thinking_unsigned", func() string {
		tr := newTranscript()
		tr.user(`"think"`)
		tr.assistant("claude-opus-5-5", thinking("Hmm.", ""))
		tr.assistant("claude-opus-5-5", text("Thought."))
		tr.user(`"again"`)
		tr.assistant("claude-opus-5-5", `{"type":"thinking","thinking":"no signature"}`, text("Again."))
		return tr.String()
	}, Options{}, []want{{ThinkingUnsigned, 3, DropBlock}, {ThinkingUnsigned, 6, DropBlock}}},
	{"thinking_other_model", func() string {
		tr := newTranscript()
		tr.user(`"think"`)
		tr.assistant("claude-sonnet-5-5", thinking("Hmm.", "c2lnLXNvbm5ldA=="))
		tr.assistant("claude-sonnet-5-5", text("Thought."))
		tr.user(`"switch"`)
		tr.assistant("claude-opus-5-5", thinking("Ok.", "c2lnLW9wdXM="), text("Switched."))
		return tr.String()
	}, Options{}, []want{{ThinkingModel, 3, DropBlock}}},
	{"thinking_rejected_signer", func() string {
		tr := newTranscript()
		tr.user(`"think"`)
		tr.assistant("claude-opus-5-5", thinking("Hmm.", "c2lnLWE="))
		tr.assistant("claude-opus-5-5", text("Thought."))
		tr.user(`"more"`)
		tr.apiError("API Error: 400 messages.1.content.0: Invalid signature in thinking block")
		return tr.String()
	}, Options{}, []want{{ThinkingRejected, 3, DropBlock}}},
	{"damage", func() string {
		tr := newTranscript()
		tr.user(`"one"`)
		tr.assistant("claude-opus-5-5", text("One."))
		good := tr.lines[len(tr.lines)-1]
		tr.user(`"two"`)
		// The line above gets cut in half, the next line links to it.
		tr.lines[len(tr.lines)-1] = tr.lines[len(tr.lines)-1][:60]
		tr.assistant("claude-opus-5-5", text("Two."))
		_ = good
		tr.raw(`{"parentUuid":"00000000-0000-4000-8000-000000000004","type":"user","message":{"role":"user","content":"thr`)
		return strings.Join(tr.lines, "\n")
	}, Options{}, nil},
	{"compaction_and_sidechain", func() string {
		tr := newTranscript()
		tr.user(`"old"`)
		tr.assistant("claude-opus-5-5", toolUse("toolu_OLD")) // before the boundary: not sent
		tr.system("compact_boundary", true)
		tr.user(`"This session is being continued from a previous conversation."`)
		tr.sidechain(blocks(toolResult("toolu_SIDE", "subagent")))
		tr.assistant("claude-opus-5-5", text("Continuing."))
		return tr.String()
	}, Options{}, nil},
}

func TestPoison(t *testing.T) {
	for _, tc := range poisonCases {
		t.Run(tc.name, func(t *testing.T) {
			in := tc.build()
			rep, err := Check(strings.NewReader(in), tc.opts)
			if err != nil {
				t.Fatal(err)
			}
			var got []want
			for _, f := range rep.Findings {
				if f.Class != ClassDamage {
					got = append(got, want{f.Kind, f.Line, f.Mend.Action})
				}
			}
			if tc.name != "damage" && !equalWants(got, tc.want) {
				t.Errorf("findings:\n got  %v\n want %v", got, tc.want)
			}
			js, _ := json.MarshalIndent(rep, "", "  ")
			golden.Check(t, filepath.Join("testdata", "golden", tc.name+".findings.json"), append(js, '\n'), *update)

			var out bytes.Buffer
			if err := Apply(&out, strings.NewReader(in), rep); err != nil {
				t.Fatal(err)
			}
			golden.Check(t, filepath.Join("testdata", "golden", tc.name+".repaired.jsonl"), out.Bytes(), *update)
			checkEdits(t, in, out.String(), rep)

			again, err := Check(bytes.NewReader(out.Bytes()), tc.opts)
			if err != nil {
				t.Fatal(err)
			}
			if len(again.Findings) != 0 {
				t.Errorf("a second run finds %d: %+v", len(again.Findings), again.Findings)
			}
		})
	}
}

func equalWants(a, b []want) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestDamageFindings(t *testing.T) {
	var tc = poisonCases[0]
	for _, c := range poisonCases {
		if c.name == "damage" {
			tc = c
		}
	}
	rep, err := Check(strings.NewReader(tc.build()), Options{})
	if err != nil {
		t.Fatal(err)
	}
	var got []want
	for _, f := range rep.Findings {
		got = append(got, want{f.Kind, f.Line, f.Mend.Action})
	}
	wantList := []want{{LineInvalid, 4, DropLine}, {ParentMissing, 5, Relink}, {LineTruncated, 6, DropLine}}
	if !equalWants(got, wantList) {
		t.Errorf("got %v, want %v", got, wantList)
	}
	if p := rep.Findings[1].Mend.Parent; p != "00000000-0000-4000-8000-000000000002" {
		t.Errorf("relinked to %q, want the line before the damaged one", p)
	}
}
