package cli

import (
	"bytes"
	"compress/gzip"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/rogpeppe/go-internal/testscript"
)

// The scan scripts need inputs a text archive cannot hold. Before each
// script, files in $WORK with these suffixes are turned into the file
// without the suffix, and removed:
//
//	NAME.gzip-me      NAME is the gzip of the content
//	NAME.gzip-cut-me  NAME is the gzip of the content without its trailer: a stream that ends early
//	NAME.bytes-me     NAME is the content with each \xNN replaced by that byte (invalid UTF-8)
//	NAME.huge-me      NAME is a 50 MiB line, then the content
//	NAME.chomp-me     NAME is the content without its final newline (a cut-off last line)
//
// Suffixes stack: s.jsonl.chomp-me.bytes-me is made in two passes.
func init() {
	setupHooks = append(setupHooks, func(env *testscript.Env) error {
		for {
			n, err := makeScanFixtures(env.WorkDir)
			if err != nil || n == 0 {
				return err
			}
		}
	})
}

// makeScanFixtures makes one pass over dir and returns how many files it made.
func makeScanFixtures(dir string) (made int, err error) {
	err = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		for suffix, build := range scanFixtureMakers {
			if !strings.HasSuffix(p, suffix) {
				continue
			}
			src, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			out, err := build(src)
			if err != nil {
				return err
			}
			if err := os.WriteFile(strings.TrimSuffix(p, suffix), out, 0o644); err != nil {
				return err
			}
			made++
			return os.Remove(p)
		}
		return nil
	})
	return made, err
}

var scanFixtureMakers = map[string]func([]byte) ([]byte, error){
	".gzip-me": gzipBytes,
	".gzip-cut-me": func(b []byte) ([]byte, error) {
		z, err := gzipBytes(b)
		return z[:len(z)-8], err
	},
	".bytes-me": func(b []byte) ([]byte, error) {
		var out []byte
		for i := 0; i < len(b); i++ {
			if b[i] == '\\' && i+3 < len(b) && b[i+1] == 'x' {
				if n, err := strconv.ParseUint(string(b[i+2:i+4]), 16, 8); err == nil {
					out = append(out, byte(n))
					i += 3
					continue
				}
			}
			out = append(out, b[i])
		}
		return out, nil
	},
	".chomp-me": func(b []byte) ([]byte, error) { return bytes.TrimSuffix(b, []byte("\n")), nil },
	".huge-me": func(b []byte) ([]byte, error) {
		line := bytes.Repeat([]byte{'x'}, 50<<20)
		line[0] = '{'
		line[len(line)-1] = '}'
		return append(append(line, '\n'), b...), nil
	},
}

func gzipBytes(b []byte) ([]byte, error) {
	var buf bytes.Buffer
	w := gzip.NewWriter(&buf)
	if _, err := w.Write(b); err != nil {
		return nil, err
	}
	err := w.Close()
	return buf.Bytes(), err
}
