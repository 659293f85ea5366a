package gctune

import (
	"context"
	"os"
	"runtime/debug"
	"testing"
	"time"
)

func TestPercent(t *testing.T) {
	const mb = 1 << 20
	for _, tc := range []struct {
		name           string
		live, headroom uint64
		want           int
	}{
		{"nothing measured yet", 0, 256 * mb, MaxPercent},
		{"tiny heap is capped", 1 * mb, 256 * mb, MaxPercent},
		{"a 64 MB heap", 64 * mb, 256 * mb, 400},
		{"headroom equal to the heap is the default", 256 * mb, 256 * mb, 100},
		{"big heap never goes below doubling", 3 << 30, 256 * mb, 100},
		{"rounds down", 300 * mb, 512 * mb, 170},
	} {
		if got := Percent(tc.live, tc.headroom); got != tc.want {
			t.Errorf("%s: Percent(%d, %d) = %d, want %d", tc.name, tc.live, tc.headroom, got, tc.want)
		}
	}
}

func TestRunSetsThePercentUnlessGOGCIsSet(t *testing.T) {
	old := debug.SetGCPercent(100)
	defer debug.SetGCPercent(old)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()

	t.Setenv("GOGC", "150")
	Run(ctx, 1<<40, time.Hour)
	if got := debug.SetGCPercent(100); got != 100 {
		t.Fatalf("with GOGC set, Run changed the percentage to %d", got)
	}

	t.Setenv("GOGC", "")
	Run(ctx, 1<<40, time.Hour) // a headroom far above any test's heap
	if got := debug.SetGCPercent(100); got != MaxPercent {
		t.Fatalf("Run set %d, want %d for a heap far below the headroom", got, MaxPercent)
	}
	Run(ctx, 0, time.Hour)
	if got := debug.SetGCPercent(100); got != 100 {
		t.Fatalf("headroom 0 changed the percentage to %d", got)
	}
}

func TestContainerLimit(t *testing.T) {
	files := func(m map[string]string) func(string) ([]byte, error) {
		return func(path string) ([]byte, error) {
			if v, ok := m[path]; ok {
				return []byte(v), nil
			}
			return nil, os.ErrNotExist
		}
	}
	for _, tc := range []struct {
		name  string
		files map[string]string
		want  uint64
	}{
		{"no cgroup files", nil, 0},
		{"cgroup v2 limit", map[string]string{"/sys/fs/cgroup/memory.max": "536870912\n"}, 512 << 20},
		{"cgroup v2 without a limit", map[string]string{"/sys/fs/cgroup/memory.max": "max\n"}, 0},
		{"cgroup v1 limit", map[string]string{"/sys/fs/cgroup/memory/memory.limit_in_bytes": "268435456\n"}, 256 << 20},
		{"cgroup v1 without a limit", map[string]string{"/sys/fs/cgroup/memory/memory.limit_in_bytes": "9223372036854771712\n"}, 0},
	} {
		if got := containerLimit(files(tc.files)); got != tc.want {
			t.Errorf("%s: containerLimit = %d, want %d", tc.name, got, tc.want)
		}
	}
}
