// Package gctune sizes the garbage collector's target to the live heap:
// a process whose live heap is small may let it grow by a fixed headroom
// between collections instead of only doubling it.
//
// Go's default (GOGC=100) collects whenever the heap has doubled since the
// last collection. Serving the seed graph under the uncached mix of
// scripts/bench-http.sh, the live heap is about 15 MB while each request
// allocates some 20 KB, so the collector ran 7 to 10 times a second
// (GODEBUG=gctrace=1); at GOGC=400 the mix served 26 % more requests
// (9,325 → 11,766 req/s, RSS 70 → 142 MB). A fixed GOGC that high would let a
// 3 GB graph (1000× the seeds) reach 15 GB, so the percentage follows the
// live heap instead: the heap may grow by Headroom past the live heap,
// never less than doubling (GOGC=100, the default) and never more than
// MaxPercent; in a container with a memory limit, Go's soft memory limit
// keeps the headroom within it.
package gctune

import (
	"context"
	"os"
	"runtime/debug"
	"runtime/metrics"
	"strconv"
	"strings"
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
// is set (the operator's choice wins). In a container with a memory limit
// (cgroup v2 or v1) and no GOMEMLIMIT, it also sets Go's soft memory limit
// to 90 % of it, so that near the limit the collector runs more often
// instead of the kernel ending the process: the headroom is spare memory
// only where there is some.
func Run(ctx context.Context, headroom uint64, interval time.Duration) {
	if headroom == 0 || os.Getenv("GOGC") != "" {
		return
	}
	if limit := containerLimit(os.ReadFile); limit > 0 && os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(int64(limit / 10 * 9))
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

// noLimit is above any memory a machine has: cgroup v1 writes a number near
// 2^63 for "no limit".
const noLimit = 1 << 60

// containerLimit is the memory limit of the process's cgroup, in bytes, or
// 0 when there is none or it cannot be read.
func containerLimit(read func(string) ([]byte, error)) uint64 {
	for _, path := range []string{"/sys/fs/cgroup/memory.max", "/sys/fs/cgroup/memory/memory.limit_in_bytes"} {
		data, err := read(path)
		if err != nil {
			continue
		}
		v, err := strconv.ParseUint(strings.TrimSpace(string(data)), 10, 64)
		if err != nil || v == 0 || v >= noLimit {
			return 0 // "max", or no limit
		}
		return v
	}
	return 0
}
