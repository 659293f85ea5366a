// Package gctune sizes the garbage collector's target to the live heap:
// a process whose live heap is small may let it grow by a fixed headroom
// between collections instead of only doubling it.
//
// Go's default (GOGC=100) collects whenever the heap has doubled since the
// last collection. Serving the seed graph, the live heap is about 30 MB
// while each request allocates some 20 KB, so the collector ran several
// times a second and took a quarter of the server's CPU; at GOGC=400 the
// uncached mix of scripts/bench-http.sh served 26 % more requests (9,325 →
// 11,766 req/s, RSS 70 → 142 MB). A fixed GOGC that high would let a
// 3 GB graph (1000× the seeds) reach 15 GB, so the percentage follows the
// live heap instead: the heap may grow by Headroom past the live heap,
// never less than doubling (GOGC=100, the default) and never more than
// MaxPercent.
package gctune

import (
	"context"
	"os"
	"runtime/debug"
	"runtime/metrics"
	"time"
)

// MaxPercent bounds the percentage for tiny heaps, where a fixed headroom
// would mean hundreds of times the live heap.
const MaxPercent = 800

// Percent is the GOGC percentage that lets a heap of live bytes grow by
// headroom bytes before the next collection: between 100 and MaxPercent.
func Percent(live, headroom uint64) int {
	if live == 0 {
		return MaxPercent
	}
	p := headroom * 100 / live
	switch {
	case p < 100:
		return 100
	case p > MaxPercent:
		return MaxPercent
	}
	return int(p)
}

// Run sets the collector's percentage from the live heap now and every
// interval until ctx ends, so that it follows the graph as loads replace
// it. It does nothing when headroom is 0 or the GOGC environment variable
// is set (the operator's choice wins).
func Run(ctx context.Context, headroom uint64, interval time.Duration) {
	if headroom == 0 || os.Getenv("GOGC") != "" {
		return
	}
	sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	last := -1
	tune := func() {
		metrics.Read(sample)
		if sample[0].Value.Kind() != metrics.KindUint64 {
			return
		}
		if p := Percent(sample[0].Value.Uint64(), headroom); p != last {
			debug.SetGCPercent(p)
			last = p
		}
	}
	tune()
	go func() {
		t := time.NewTicker(interval)
		defer t.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-t.C:
				tune()
			}
		}
	}()
}
