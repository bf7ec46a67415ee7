package gen

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

// TestReproducible writes the same corpus twice and expects the same files,
// byte for byte, and the same manifest.
func TestReproducible(t *testing.T) {
	cfg := Config{Seed: 3, Size: 512 << 10, ErrorEvery: 100, GzipEvery: 3}
	a, b := t.TempDir(), t.TempDir()
	ma, err := Write(a, cfg)
	if err != nil {
		t.Fatal(err)
	}
	mb, err := Write(b, cfg)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(ma, mb) {
		t.Errorf("manifests differ:\n%+v\n%+v", ma, mb)
	}
	files := 0
	err = filepath.WalkDir(a, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		files++
		rel, _ := filepath.Rel(a, p)
		x, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		y, err := os.ReadFile(filepath.Join(b, rel))
		if err != nil {
			return err
		}
		if !bytes.Equal(x, y) {
			t.Errorf("%s differs between runs", rel)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if files != ma.Files || ma.Events == 0 || ma.Bytes < cfg.Size {
		t.Errorf("wrote %d files, manifest %+v; want %d files, some events, at least %d bytes", files, ma, ma.Files, cfg.Size)
	}
}
