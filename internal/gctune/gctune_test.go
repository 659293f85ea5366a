package gctune

import (
	"context"
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
		{"seed graph", 64 * mb, 256 * mb, 400},
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
