package export

import (
	"crypto/sha256"
	"math"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"sync"
)

// Point is a node's position in a layout.
type Point struct{ X, Y float64 }

// LayoutEdge is an edge the layout pulls along, with its weight.
type LayoutEdge struct {
	Source, Target string
	Weight         float64
}

// Layout places nodes with a deterministic force-directed layout
// (Fruchterman and Reingold's, with repulsion counted over a grid of cells
// so that a step costs about the number of nodes, and a weak pull to the
// centre that keeps unconnected parts in view). There is no randomness:
// nodes start on a sunflower spiral, the best connected in the middle, and
// every step visits nodes and edges in a fixed order, so the same graph
// always gives the same positions. Coordinates span about -1000..1000 and
// are rounded to 6 significant digits.
//
// The explorer draws the collaboration network at the positions the
// graphology export carries, so the page and every export share this
// layout.
func Layout(ids []string, edges []LayoutEdge) map[string]Point {
	key := layoutKey(ids, edges)
	layouts.Lock()
	for _, c := range layouts.recent {
		if c.key == key {
			layouts.Unlock()
			return c.pos
		}
	}
	layouts.Unlock()
	pos := layout(ids, edges)
	layouts.Lock()
	layouts.recent = append([]cachedLayout{{key, pos}}, layouts.recent...)
	if len(layouts.recent) > 8 {
		layouts.recent = layouts.recent[:8]
	}
	layouts.Unlock()
	return pos
}

// layouts keeps the last few layouts computed, by a digest of their input:
// every export of one graph (and the explorer, which reads its positions
// from one) asks for the same layout again. Callers must not change the
// maps returned.
var layouts struct {
	sync.Mutex
	recent []cachedLayout
}

type cachedLayout struct {
	key [32]byte
	pos map[string]Point
}

func layoutKey(ids []string, edges []LayoutEdge) [32]byte {
	h := sha256.New()
	sorted := slices.Clone(ids)
	slices.Sort(sorted)
	for _, id := range sorted {
		h.Write([]byte(id))
		h.Write([]byte{0})
	}
	lines := make([]string, len(edges))
	for i, e := range edges {
		lines[i] = e.Source + "\x00" + e.Target + "\x00" + strconv.FormatFloat(e.Weight, 'g', -1, 64)
	}
	slices.Sort(lines)
	for _, l := range lines {
		h.Write([]byte(l))
		h.Write([]byte{1})
	}
	var k [32]byte
	h.Sum(k[:0])
	return k
}

// layoutBudget bounds a big layout's node visits (nodes × steps).
const layoutBudget = 1_200_000

// idealLength is the layout's ideal edge length (Fruchterman and
// Reingold's k).
const idealLength = 1.0

// layoutPart is the fewest nodes a core pushes in a step: below it,
// starting and joining goroutines costs more than the sums.
const layoutPart = 2000

// inParts calls do over [0, n) cut into workers parts of about equal
// size, side by side, and returns when all are done.
func inParts(n, workers int, do func(from, to int)) {
	if workers <= 1 {
		do(0, n)
		return
	}
	var wg sync.WaitGroup
	size := (n + workers - 1) / workers
	for from := 0; from < n; from += size {
		to := min(n, from+size)
		wg.Go(func() { do(from, to) })
	}
	wg.Wait()
}

// repel sets the force on nodes from..to-1 of one step: the repulsion of
// every node within cell of each (counted over the grid) and a weak pull
// towards the centre.
func repel(cells *cellGrid, x, y, dx, dy []float64, cx, cy []int, from, to int, cell, gravity float64) {
	const k = idealLength
	for i := from; i < to; i++ {
		dx[i], dy[i] = 0, 0
		for ox := -1; ox <= 1; ox++ {
			for oy := -1; oy <= 1; oy++ {
				lo, hi := cells.run(cx[i]+ox, cy[i]+oy)
				for p := lo; p < hi; p++ {
					j := int(cells.members[p])
					if j == i {
						continue
					}
					ddx, ddy := x[i]-cells.x[p], y[i]-cells.y[p]
					d2 := ddx*ddx + ddy*ddy
					if d2 > cell*cell {
						continue
					}
					if d2 < 1e-9 {
						// Two nodes on one spot: part them along a fixed direction.
						ddx, ddy, d2 = float64(i-j)*1e-3, 1e-3, 1e-6*float64((i-j)*(i-j))+1e-6
					}
					f := k * k / d2
					dx[i] += ddx * f
					dy[i] += ddy * f
				}
			}
		}
		// Gravity: a weak pull towards the centre.
		dx[i] -= gravity * x[i]
		dy[i] -= gravity * y[i]
	}
}

func layout(ids []string, edges []LayoutEdge) map[string]Point {
	return layoutOn(ids, edges, max(1, min(runtime.GOMAXPROCS(0), len(ids)/layoutPart)))
}

// layoutOn is layout with the repulsion of each step cut into workers
// parts run side by side.
func layoutOn(ids []string, edges []LayoutEdge, workers int) map[string]Point {
	n := len(ids)
	out := make(map[string]Point, n)
	if n == 0 {
		return out
	}
	index := make(map[string]int, n)
	order := append([]string(nil), ids...)
	sort.Strings(order)
	for i, id := range order {
		index[id] = i
	}
	type link struct {
		a, b int
		w    float64
	}
	var links []link
	degree := make([]float64, n)
	for _, e := range edges {
		a, okA := index[e.Source]
		b, okB := index[e.Target]
		if !okA || !okB || a == b {
			continue
		}
		w := e.Weight
		if w <= 0 || math.IsNaN(w) || math.IsInf(w, 0) {
			w = 1
		}
		// The pull grows slowly with weight: a FUNDED edge weighs its
		// amount in pounds, a COLLABORATED one its shared initiatives.
		w = 1 + math.Log1p(math.Min(w, 1e12))/4
		links = append(links, link{a, b, w})
		degree[a]++
		degree[b]++
	}
	sort.Slice(links, func(i, j int) bool {
		if links[i].a != links[j].a {
			return links[i].a < links[j].a
		}
		return links[i].b < links[j].b
	})
	// Start: best connected first, on a sunflower spiral.
	rank := make([]int, n)
	for i := range rank {
		rank[i] = i
	}
	sort.SliceStable(rank, func(i, j int) bool { return degree[rank[i]] > degree[rank[j]] })
	const k = idealLength
	x, y := make([]float64, n), make([]float64, n)
	golden := math.Pi * (3 - math.Sqrt(5))
	for r, i := range rank {
		rad := k * math.Sqrt(float64(r)+0.5)
		x[i], y[i] = rad*math.Cos(float64(r)*golden), rad*math.Sin(float64(r)*golden)
	}
	// Fewer steps for bigger graphs: a step costs about n, and a big
	// drawing is looked at from further away. At least 60 steps up to
	// 20,000 nodes; beyond, the floor shrinks so that the steps' node
	// visits stay within layoutBudget (a 100x corpus's 30,000 nodes: 40
	// steps), but never below the curve's own.
	steps := max(min(60, layoutBudget/n), min(300, int(300*math.Sqrt(500/float64(n)))))
	temp := k * math.Sqrt(float64(n)) / 4
	cool := math.Pow(0.01, 1/float64(steps))
	cell := 2 * k // repulsion is counted between nodes this near
	// Gravity weakens as the graph grows: a drawing of n nodes spans about
	// sqrt(n) edge lengths, and a pull that overcame repulsion there would
	// pack nodes densely (and make every step slow).
	gravity := math.Min(0.1, 1.4/math.Sqrt(float64(n)))
	dx, dy := make([]float64, n), make([]float64, n)
	cx, cy := make([]int, n), make([]int, n)
	var cells cellGrid
	// The repulsion of a node reads the step's positions and writes its
	// own force only, so parts of the nodes are pushed on separate cores
	// with the same sums in the same order: the same layout, bit for bit,
	// on any number of cores.
	for step := 0; step < steps; step++ {
		for i := 0; i < n; i++ {
			cx[i], cy[i] = int(math.Floor(x[i]/cell)), int(math.Floor(y[i]/cell))
		}
		cells.fill(cx, cy, x, y)
		inParts(n, workers, func(from, to int) {
			repel(&cells, x, y, dx, dy, cx, cy, from, to, cell, gravity)
		})
		for _, l := range links {
			ddx, ddy := x[l.a]-x[l.b], y[l.a]-y[l.b]
			d := math.Sqrt(ddx*ddx + ddy*ddy)
			if d < 1e-9 {
				continue
			}
			// Damped by the ends' degrees, so that the cliques the
			// collaboration projection is made of open up instead of
			// collapsing to a point.
			f := d * l.w / k / math.Sqrt(1+math.Min(degree[l.a], degree[l.b]))
			fx, fy := ddx/d*f, ddy/d*f
			dx[l.a] -= fx
			dy[l.a] -= fy
			dx[l.b] += fx
			dy[l.b] += fy
		}
		for i := 0; i < n; i++ {
			d := math.Sqrt(dx[i]*dx[i] + dy[i]*dy[i])
			if d < 1e-12 {
				continue
			}
			s := math.Min(d, temp) / d
			x[i] += dx[i] * s
			y[i] += dy[i] * s
		}
		temp *= cool
	}
	// Scale into about -1000..1000, centred.
	var mx, my float64
	for i := 0; i < n; i++ {
		mx += x[i]
		my += y[i]
	}
	mx, my = mx/float64(n), my/float64(n)
	extent := 0.0
	for i := 0; i < n; i++ {
		extent = math.Max(extent, math.Max(math.Abs(x[i]-mx), math.Abs(y[i]-my)))
	}
	scale := 1.0
	if extent > 0 {
		scale = 1000 / extent
	}
	for i, id := range order {
		out[id] = Point{Round((x[i] - mx) * scale), Round((y[i] - my) * scale)}
	}
	return out
}

// cellGrid holds a layout step's nodes by grid cell: the nodes of a cell
// are one run of members (in index order), their positions copied next to
// each other in x and y, so the repulsion loop reads memory in order.
// Cells are indexed densely over the bounding box of the occupied ones,
// or by a map when that box is much larger than the number of nodes (a
// few nodes flung far out).
type cellGrid struct {
	minX, minY, w, h int
	start            []int32 // dense: cell -> first member; len w*h+1
	sparse           map[[2]int][2]int32
	members          []int32
	x, y             []float64
	order            []int32 // cell of each node, then reused
}

func (c *cellGrid) fill(cx, cy []int, x, y []float64) {
	n := len(cx)
	c.minX, c.minY = cx[0], cy[0]
	maxX, maxY := cx[0], cy[0]
	for i := range cx {
		c.minX, maxX = min(c.minX, cx[i]), max(maxX, cx[i])
		c.minY, maxY = min(c.minY, cy[i]), max(maxY, cy[i])
	}
	c.w, c.h = maxX-c.minX+1, maxY-c.minY+1
	c.members = slices.Grow(c.members[:0], n)[:n]
	c.x, c.y = slices.Grow(c.x[:0], n)[:n], slices.Grow(c.y[:0], n)[:n]
	if c.w > 0 && c.h > 0 && c.w*c.h <= 8*n+64 {
		c.sparse = nil
		cells := c.w * c.h
		c.start = slices.Grow(c.start[:0], cells+1)[:cells+1]
		clear(c.start)
		c.order = slices.Grow(c.order[:0], n)[:n]
		for i := range cx {
			cell := int32((cy[i]-c.minY)*c.w + cx[i] - c.minX)
			c.order[i] = cell
			c.start[cell+1]++
		}
		for i := 1; i <= cells; i++ {
			c.start[i] += c.start[i-1]
		}
		// Place each node at its cell's next free slot; then shift the
		// starts back.
		for i, cell := range c.order {
			p := c.start[cell]
			c.members[p], c.x[p], c.y[p] = int32(i), x[i], y[i]
			c.start[cell]++
		}
		copy(c.start[1:], c.start[:cells])
		c.start[0] = 0
		return
	}
	// Sparse: members sorted by cell, then index.
	for i := range c.members {
		c.members[i] = int32(i)
	}
	slices.SortFunc(c.members, func(a, b int32) int {
		if cy[a] != cy[b] {
			return cy[a] - cy[b]
		}
		if cx[a] != cx[b] {
			return cx[a] - cx[b]
		}
		return int(a - b)
	})
	c.sparse = map[[2]int][2]int32{}
	for p, i := range c.members {
		c.x[p], c.y[p] = x[i], y[i]
		key := [2]int{cx[i], cy[i]}
		r, ok := c.sparse[key]
		if !ok {
			r[0] = int32(p)
		}
		r[1] = int32(p + 1)
		c.sparse[key] = r
	}
}

// run is the range of members in cell (x, y).
func (c *cellGrid) run(x, y int) (int32, int32) {
	if c.sparse != nil {
		r := c.sparse[[2]int{x, y}]
		return r[0], r[1]
	}
	x, y = x-c.minX, y-c.minY
	if x < 0 || y < 0 || x >= c.w || y >= c.h {
		return 0, 0
	}
	cell := y*c.w + x
	return c.start[cell], c.start[cell+1]
}

// Round keeps 6 significant digits, so that the last bits of a float,
// which can differ between machines and between summation orders, do not
// reach the files.
func Round(v float64) float64 {
	if v == 0 || math.IsNaN(v) || math.IsInf(v, 0) {
		return 0
	}
	r, err := strconv.ParseFloat(strconv.FormatFloat(v, 'g', 6, 64), 64)
	if err != nil || r == 0 {
		return 0 // also turns -0 into 0
	}
	return r
}
