package loader

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"

	"gonum.org/v1/gonum/optimize"
)

// Stage support: a multinomial logistic regression over string features,
// fitted by L-BFGS (gonum/optimize) to the unique minimum of its convex
// objective. Deterministic: the same examples give the same weights on every
// machine, whatever their order.

// Classifier scores feature sets against a fixed list of classes.
type Classifier struct {
	Name    string               `json:"name"`
	Classes []string             `json:"classes"`
	Weights map[string][]float64 `json:"weights"` // feature -> one weight per class
}

// Models are the classifiers the pipeline uses: what a chunk names, and
// whether an organisation mention gives money or goods.
type Models struct {
	Mentions *Classifier `json:"mentions"`
	// Lists rescores every chunk with what the first model thought of the
	// other items of its list ("Acme, Brightstores and Westshire Foods").
	Lists   *Classifier `json:"lists"`
	Funders *Classifier `json:"funders"`

	indexOnce sync.Once
	index     *featIndex // built on first use by featureIndex
}

// featEntry is one feature of the models, with its weights in each
// classifier (nil where a classifier does not have it).
type featEntry struct {
	name string
	rows [3][]float64 // Mentions, Lists, Funders
}

// featIndex is every feature of a Models, once: features built for a chunk
// take the index's copy of their name (no allocation), and scoring a chunk
// reads the weights the entry holds instead of looking every feature up
// again in each classifier's map.
type featIndex struct {
	byName map[string]*featEntry
	cls    [3]*Classifier
	// closedFeats[t][i] is template t's feature for closed-class word i
	// (numbered as tok.closed), shapeFeats[t][s] for shape s.
	closedFeats [numTemplates][]featRef
	shapeFeats  [numTemplates][len(shapeNames)]featRef
	// wordFeats[w][t] is template t's feature for the open-class word w
	// (name "" where the models lack it).
	wordFeats map[string]*[numTemplates]featRef
	// fixed[id] is fixed feature id (fixedNames)
	fixed []featRef
	// frameClosed[t][i] and frameShapes[t][s] are funding-frame template
	// t's feature for closed-class word i and for shape s
	frameClosed [numFrameTemplates][]featRef
	frameShapes [numFrameTemplates][len(shapeNames)]featRef
}

// featRef is a feature's name and its entry (nil when the models lack it).
type featRef struct {
	name string
	e    *featEntry
}

func (ix *featIndex) ref(name string) featRef {
	if e := ix.byName[name]; e != nil {
		return featRef{e.name, e}
	}
	return featRef{name: name}
}

// featureIndex returns the models' feature index, built once.
func (m *Models) featureIndex() *featIndex {
	m.indexOnce.Do(func() {
		ix := &featIndex{byName: map[string]*featEntry{}, cls: [3]*Classifier{m.Mentions, m.Lists, m.Funders}}
		// the entries and the word tables in an array each, not an object
		// each (see Classifier.compact): the names are gathered first, so
		// the array of entries is made at their number
		for _, c := range ix.cls {
			if c != nil {
				for f := range c.Weights {
					ix.byName[f] = nil
				}
			}
		}
		entries := make([]featEntry, 0, len(ix.byName))
		for slot, c := range ix.cls {
			if c == nil {
				continue
			}
			for f, w := range c.Weights {
				e := ix.byName[f]
				if e == nil {
					entries = append(entries, featEntry{name: f})
					e = &entries[len(entries)-1]
					ix.byName[f] = e
				}
				e.rows[slot] = w
			}
		}
		ix.wordFeats = map[string]*[numTemplates]featRef{}
		for name := range ix.byName { // the words first, as the names above
			for _, prefix := range featTemplates {
				if w, ok := strings.CutPrefix(name, prefix); ok {
					ix.wordFeats[w] = nil
				}
			}
		}
		tables := make([][numTemplates]featRef, 0, len(ix.wordFeats))
		for name, e := range ix.byName {
			for t, prefix := range featTemplates {
				if w, ok := strings.CutPrefix(name, prefix); ok {
					refs := ix.wordFeats[w]
					if refs == nil {
						tables = append(tables, [numTemplates]featRef{})
						refs = &tables[len(tables)-1]
						ix.wordFeats[w] = refs
					}
					refs[t] = featRef{e.name, e}
				}
			}
		}
		for t, prefix := range featTemplates {
			ix.closedFeats[t], ix.shapeFeats[t] = ix.tokenRefs(prefix)
		}
		for t, prefix := range frameTemplates {
			ix.frameClosed[t], ix.frameShapes[t] = ix.tokenRefs(prefix)
		}
		ix.fixed = make([]featRef, len(fixedNames))
		for id, name := range fixedNames {
			ix.fixed[id] = ix.ref(name)
		}
		m.index = ix
	})
	return m.index
}

// tokenRefs are a template's features for every closed-class word (by
// tok.closed, from 1) and every shape.
func (ix *featIndex) tokenRefs(prefix string) (closed []featRef, shapes [len(shapeNames)]featRef) {
	closed = make([]featRef, len(closedClass)+1)
	for i, w := range closedClass {
		closed[i+1] = ix.ref(prefix + w)
	}
	for sh, name := range shapeNames {
		shapes[sh] = ix.ref(prefix + name)
	}
	return closed, shapes
}

// tokenRef is a template's entry, from its tables (tokenRefs), for the
// feature whose value v is token t's closed-class word or its shape; nil
// for any other value.
func tokenRef(closed []featRef, shapes *[len(shapeNames)]featRef, t *tok, v string) *featRef {
	switch {
	case t.closed != 0 && v == closedClass[t.closed-1]:
		return &closed[t.closed]
	case v == shapeNames[t.shape]:
		return &shapes[t.shape]
	}
	return nil
}

// slot is the position of classifier c in the index, or -1.
func (ix *featIndex) slot(c *Classifier) int {
	for i, x := range ix.cls {
		if x == c {
			return i
		}
	}
	return -1
}

// explainOf is Explain for features given with their index entries (ents
// as probsOf takes them, in slot): the same features in the same order.
func (c *Classifier) explainOf(feats []string, ents []*featEntry, slot, k, top int) string {
	return topFeatures(feats, k, top, func(i int) []float64 {
		if e := ents[i]; e != nil {
			return e.rows[slot]
		}
		return nil
	})
}

// topFeatures names the features whose weight for class k, above their
// mean weight over the classes, is largest: at most top, strongest first,
// each once; weights gives feature i's weights, nil when the model has none.
func topFeatures(feats []string, k, top int, weights func(i int) []float64) string {
	type contrib struct {
		f string
		v float64
	}
	best := make([]contrib, 0, top+1)
	for i, f := range feats {
		w := weights(i)
		if w == nil || f == "bias" {
			continue
		}
		mean := 0.0
		for _, x := range w {
			mean += x
		}
		v := w[k] - mean/float64(len(w))
		if v <= 0 || slices.ContainsFunc(best, func(b contrib) bool { return b.f == f }) {
			continue
		}
		// insert in order, keep the top few
		at := len(best)
		for at > 0 && best[at-1].v < v {
			at--
		}
		if at < top {
			best = slices.Insert(best, at, contrib{f, v})
			if len(best) > top {
				best = best[:top]
			}
		}
	}
	var b strings.Builder
	n := len(best)
	for _, x := range best {
		n += len(x.f)
	}
	b.Grow(n)
	for i, x := range best {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(x.f)
	}
	return b.String()
}

// probsOf is Probs, written into scores (one per class), for features
// given as index entries (nil for a feature the models lack), in the same
// order: the scores are summed in the same
// order, so the probabilities are the same to the last bit.
func (c *Classifier) probsOf(scores []float64, ents []*featEntry, slot int) []float64 {
	clear(scores)
	for _, e := range ents {
		if e == nil {
			continue
		}
		if w := e.rows[slot]; w != nil {
			for k := range scores {
				scores[k] += w[k]
			}
		}
	}
	softmaxInPlace(scores)
	return scores
}

//go:embed model.json
var embeddedModel []byte

var (
	defaultOnce   sync.Once
	defaultModels *Models
)

// DefaultModels returns the committed models (loader/model.json), parsed on
// first use. A broken model file is a build defect, caught by the tests.
func DefaultModels() *Models {
	defaultOnce.Do(func() {
		m, err := ParseModels(embeddedModel)
		if err != nil {
			panic("loader/model.json: " + err.Error() + " (run: go run ./cmd/partnergraph train)")
		}
		defaultModels = m
	})
	return defaultModels
}

// ParseModels reads models written by Models.Marshal.
func ParseModels(data []byte) (*Models, error) {
	var m Models
	if err := json.Unmarshal(data, &m); err != nil {
		return nil, fmt.Errorf("model file: %w", err)
	}
	for _, c := range []*Classifier{m.Mentions, m.Lists, m.Funders} {
		if c == nil || len(c.Classes) < 2 {
			return nil, fmt.Errorf("model file: a classifier is missing or has fewer than two classes")
		}
		for f, w := range c.Weights {
			if len(w) != len(c.Classes) {
				return nil, fmt.Errorf("model file: %s feature %q has %d weights for %d classes", c.Name, f, len(w), len(c.Classes))
			}
		}
		c.compact()
	}
	return &m, nil
}

// compact moves the classifier's weights into one array, each feature's a
// slice of it with no room to grow into its neighbour's: the models live as
// long as the program, and every collection marks them, which costs by the
// object far more than by the byte (each pointer to a distinct object a
// look-up of that object's span, mostly a cache miss). Decoded, the weights
// are one small array per feature, tens of thousands; compacted, one. Only
// the map's values change (in place), so its contents are the decoded ones.
func (c *Classifier) compact() {
	n := 0
	for _, w := range c.Weights {
		n += len(w)
	}
	arena := make([]float64, 0, n)
	for f, w := range c.Weights {
		at := len(arena)
		arena = append(arena, w...)
		c.Weights[f] = arena[at:len(arena):len(arena)]
	}
}

// Marshal writes the models as deterministic, diff-friendly JSON: one
// feature a line, sorted, weights rounded to four decimals.
func (m *Models) Marshal() []byte {
	var b bytes.Buffer
	b.WriteString("{\n")
	all := []*Classifier{m.Mentions, m.Lists, m.Funders}
	for i, c := range all {
		key := []string{"mentions", "lists", "funders"}[i]
		fmt.Fprintf(&b, "%q: {\"name\": %q, \"classes\": ", key, c.Name)
		cl, _ := json.Marshal(c.Classes)
		b.Write(cl)
		b.WriteString(", \"weights\": {\n")
		feats := make([]string, 0, len(c.Weights))
		for f := range c.Weights {
			feats = append(feats, f)
		}
		sort.Strings(feats)
		for j, f := range feats {
			name, _ := json.Marshal(f)
			b.Write(name)
			b.WriteString(": [")
			for k, w := range c.Weights[f] {
				if k > 0 {
					b.WriteByte(',')
				}
				b.WriteString(strconv.FormatFloat(w, 'f', -1, 64))
			}
			b.WriteByte(']')
			if j < len(feats)-1 {
				b.WriteByte(',')
			}
			b.WriteByte('\n')
		}
		b.WriteString("}}")
		if i < len(all)-1 {
			b.WriteByte(',')
		}
		b.WriteByte('\n')
	}
	b.WriteString("}\n")
	return b.Bytes()
}

// Probs returns the probability of each class for the features.
func (c *Classifier) Probs(feats []string) []float64 {
	scores := make([]float64, len(c.Classes))
	for _, f := range feats {
		if w, ok := c.Weights[f]; ok {
			for k := range scores {
				scores[k] += w[k]
			}
		}
	}
	softmaxInPlace(scores)
	return scores
}

// Explain names the features that pushed class k up the most (at most
// top of them, strongest first).
func (c *Classifier) Explain(feats []string, k, top int) string {
	return topFeatures(feats, k, top, func(i int) []float64 { return c.Weights[feats[i]] })
}

// softmaxInPlace is softmax writing over its argument.
func softmaxInPlace(s []float64) {
	m := math.Inf(-1)
	for _, x := range s {
		m = max(m, x)
	}
	sum := 0.0
	for i, x := range s {
		s[i] = math.Exp(x - m)
		sum += s[i]
	}
	for i := range s {
		s[i] /= sum
	}
}

// example is one training item: its features and its class index.
type example struct {
	feats []string
	class int
}

// trainConfig tunes training; the defaults were chosen by cross-validation
// over document groups (scripts/eval.sh), not on any one document.
type trainConfig struct {
	l2         float64 // weight of the squared-weights penalty, per example
	minCount   int     // features seen fewer times are dropped
	iterations int     // at most this many L-BFGS iterations
}

var defaultTrainConfig = trainConfig{l2: 1e-3, minCount: 1, iterations: 400}

// train fits a multinomial logistic regression: it minimises the mean log
// loss plus an L2 penalty with L-BFGS over the whole training set at once.
// The objective is strictly convex, so its minimum is unique: the weights
// do not depend on the examples' order or on a random seed, and a small
// change in the training data makes a small change in the model (the
// stochastic gradient descent this replaces moved the cross-validated
// macro F1 by up to 0.05 between shuffles).
func train(name string, classes []string, exs []example, cfg trainConfig) *Classifier {
	counts := map[string]int{}
	for _, e := range exs {
		for _, f := range e.feats {
			counts[f]++
		}
	}
	var names []string
	for f, n := range counts {
		if n >= cfg.minCount {
			names = append(names, f)
		}
	}
	sort.Strings(names)
	index := make(map[string]int32, len(names))
	for i, f := range names {
		index[f] = int32(i)
	}
	// examples as feature indices (repeats kept: a feature seen twice counts twice)
	rows := make([][]int32, len(exs))
	for i, e := range exs {
		for _, f := range e.feats {
			if j, ok := index[f]; ok {
				rows[i] = append(rows[i], j)
			}
		}
	}
	K := len(classes)
	n := float64(max(len(exs), 1))
	scores := make([]float64, K)
	objective := func(x, grad []float64) float64 {
		clear(grad)
		loss := 0.0
		for i, row := range rows {
			for k := range scores {
				scores[k] = 0
			}
			for _, j := range row {
				w := x[int(j)*K : int(j)*K+K]
				for k := range scores {
					scores[k] += w[k]
				}
			}
			m := scores[0]
			for _, v := range scores[1:] {
				m = max(m, v)
			}
			sum := 0.0
			for k, v := range scores {
				scores[k] = math.Exp(v - m)
				sum += scores[k]
			}
			y := exs[i].class
			loss -= math.Log(scores[y] / sum)
			if grad == nil {
				continue
			}
			for k := range scores {
				scores[k] /= sum
			}
			scores[y]--
			for _, j := range row {
				g := grad[int(j)*K : int(j)*K+K]
				for k := range g {
					g[k] += scores[k] / n
				}
			}
		}
		loss /= n
		for i, v := range x {
			loss += cfg.l2 / 2 * v * v
			if grad != nil {
				grad[i] += cfg.l2 * v
			}
		}
		return loss
	}
	x := make([]float64, len(names)*K)
	if len(x) > 0 {
		problem := optimize.Problem{
			Func: func(x []float64) float64 { return objective(x, nil) },
			Grad: func(grad, x []float64) { objective(x, grad) },
		}
		settings := &optimize.Settings{GradientThreshold: 1e-7, MajorIterations: cfg.iterations, Concurrent: 1}
		// a stop at the iteration limit still leaves the best weights found
		if res, err := optimize.Minimize(problem, x, settings, &optimize.LBFGS{}); res != nil {
			copy(x, res.X)
		} else if err != nil {
			panic("training " + name + ": " + err.Error())
		}
	}
	out := &Classifier{Name: name, Classes: classes, Weights: map[string][]float64{}}
	for i, f := range names {
		ws := make([]float64, K)
		keep := false
		for k := range ws {
			ws[k] = math.Round(x[i*K+k]*1e4) / 1e4
			keep = keep || ws[k] != 0
		}
		if keep {
			out.Weights[f] = ws
		}
	}
	return out
}
