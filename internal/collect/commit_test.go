package collect

import (
	"testing"

	"github.com/ccerr/ccerr/internal/store"
)

func TestShardKeepsASessionTogether(t *testing.T) {
	a := store.Batch{Events: []store.Event{{Session: "s1"}}}
	b := store.Batch{Sessions: []store.Session{{ID: "s1"}}}
	for n := 1; n <= 8; n++ {
		if shard(a, n) != shard(b, n) || shard(a, n) >= n || shard(a, n) < 0 {
			t.Errorf("n=%d: shards %d and %d", n, shard(a, n), shard(b, n))
		}
	}
	seen := map[int]bool{}
	for i := range 64 {
		seen[shard(store.Batch{Events: []store.Event{{Session: string(rune('a' + i))}}}, 4)] = true
	}
	if len(seen) != 4 {
		t.Errorf("64 sessions fell in %d of 4 shards", len(seen))
	}
}
