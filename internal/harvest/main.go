package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/ccerr/ccerr/internal/atomicfile"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stderr))
}

const usage = `usage:
  go run ./internal/harvest -extract FILE.tgz -release X.Y.Z -cache DIR
      read one npm tarball of Claude Code (the JS package or a native
      per-platform package) and store its candidate messages in DIR
  go run ./internal/harvest -cache DIR [-out catalog/data/harvest.json] [-docs docs/wordings.md]
      merge every release in DIR, assign catalog ids (assign.json) and write
      the data file, and the docs page when -docs is given
  go run ./internal/harvest -docs docs/wordings.md [-out catalog/data/harvest.json]
      regenerate the docs page from the committed data file (no npm needed)

bench/harvest.sh downloads the releases and runs the first two forms.
`

func run(args []string, stderr io.Writer) int {
	fs := flag.NewFlagSet("harvest", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { fmt.Fprint(stderr, usage) }
	extract := fs.String("extract", "", "npm tarball to read")
	rel := fs.String("release", "", "release number of the tarball given to -extract")
	cache := fs.String("cache", "", "folder of extracted releases")
	out := fs.String("out", "catalog/data/harvest.json", "data file to write (or read, with -docs alone)")
	docs := fs.String("docs", "", "docs page to write")
	printFormat := fs.Bool("format", false, "print the extraction format number and exit")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "harvest: unexpected argument %q\n%s", fs.Arg(0), usage)
		return 2
	}
	var err error
	switch {
	case *printFormat:
		fmt.Println(format)
	case *extract != "":
		err = runExtract(*extract, *rel, *cache)
	case *cache != "":
		err = runMerge(*cache, *out, *docs)
	case *docs != "":
		err = runDocs(*out, *docs)
	default:
		fmt.Fprint(stderr, usage)
		return 2
	}
	if err != nil {
		fmt.Fprintf(stderr, "harvest: %v\n", err)
		return 1
	}
	return 0
}

func runExtract(file, rel, cache string) error {
	if rel == "" || cache == "" {
		return errors.New("-extract needs -release X.Y.Z and -cache DIR")
	}
	if _, err := parseVersion(rel); err != nil {
		return err
	}
	if err := os.MkdirAll(cache, 0o755); err != nil {
		return err
	}
	r, err := extractTarball(file, rel)
	if err != nil {
		return err
	}
	return writeCache(cache, r)
}

func runMerge(cache, out, docs string) error {
	rs, err := loadRules(assignJSON)
	if err != nil {
		return err
	}
	rels, err := readCache(cache)
	if err != nil {
		return err
	}
	ms := merge(rels, rs)
	b, err := json.MarshalIndent(ms, "", "  ")
	if err != nil {
		return err
	}
	if err := atomicfile.Write(out, append(b, '\n'), 0o644); err != nil {
		return err
	}
	if docs == "" {
		return nil
	}
	return atomicfile.Write(docs, renderDocs(ms), 0o644)
}

func runDocs(data, docs string) error {
	b, err := os.ReadFile(data)
	if err != nil {
		return fmt.Errorf("%w (run from the repository root, or give -out)", err)
	}
	var ms []Message
	if err := json.Unmarshal(b, &ms); err != nil {
		return fmt.Errorf("%s: %w", filepath.Base(data), err)
	}
	return atomicfile.Write(docs, renderDocs(ms), 0o644)
}
