package loader

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"sort"
	"strconv"
	"strings"
	"sync"
)

// Stage support: a multinomial logistic regression over string features,
// trained by averaged stochastic gradient descent. Pure Go, deterministic:
// the same examples give the same weights on every machine.

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
	// other items of its list ("Costa, Greggs and Acme Foods").
	Lists   *Classifier `json:"lists"`
	Funders *Classifier `json:"funders"`
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
	}
	return &m, nil
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
	return softmax(scores)
}

// Explain names the features that pushed class k up the most.
func (c *Classifier) Explain(feats []string, k, top int) string {
	type contrib struct {
		f string
		v float64
	}
	var cs []contrib
	seen := map[string]bool{}
	for _, f := range feats {
		w, ok := c.Weights[f]
		if !ok || seen[f] || f == "bias" {
			continue
		}
		seen[f] = true
		mean := 0.0
		for _, x := range w {
			mean += x
		}
		mean /= float64(len(w))
		cs = append(cs, contrib{f, w[k] - mean})
	}
	sort.SliceStable(cs, func(i, j int) bool { return cs[i].v > cs[j].v })
	var out []string
	for i := 0; i < len(cs) && i < top && cs[i].v > 0; i++ {
		out = append(out, cs[i].f)
	}
	return strings.Join(out, " ")
}

func softmax(s []float64) []float64 {
	m := math.Inf(-1)
	for _, x := range s {
		m = max(m, x)
	}
	sum := 0.0
	out := make([]float64, len(s))
	for i, x := range s {
		out[i] = math.Exp(x - m)
		sum += out[i]
	}
	for i := range out {
		out[i] /= sum
	}
	return out
}

// example is one training item: its features and its class index.
type example struct {
	feats []string
	class int
}

// trainConfig tunes training; the defaults were chosen by cross-validation
// over document groups (scripts/eval.sh), not on any one document.
type trainConfig struct {
	epochs   int
	rate     float64
	l2       float64
	minCount int // features seen fewer times are dropped
	seed     uint64
}

var defaultTrainConfig = trainConfig{epochs: 12, rate: 0.2, l2: 1e-4, minCount: 2, seed: 1}

// train fits a classifier by averaged SGD on the log loss. Examples are
// shuffled by a seeded generator, so training is deterministic.
func train(name string, classes []string, exs []example, cfg trainConfig) *Classifier {
	counts := map[string]int{}
	for _, e := range exs {
		for _, f := range e.feats {
			counts[f]++
		}
	}
	w := map[string][]float64{}   // current weights
	acc := map[string][]float64{} // sum of weights over steps (for averaging)
	last := map[string]int{}      // step at which acc was last brought up to date
	K := len(classes)
	get := func(m map[string][]float64, f string) []float64 {
		v, ok := m[f]
		if !ok {
			v = make([]float64, K)
			m[f] = v
		}
		return v
	}
	order := make([]int, len(exs))
	for i := range order {
		order[i] = i
	}
	rng := rand.New(rand.NewPCG(cfg.seed, 0x9e3779b97f4a7c15))
	step := 0
	scores := make([]float64, K)
	for ep := 0; ep < cfg.epochs; ep++ {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		rate := cfg.rate / (1 + float64(ep))
		for _, idx := range order {
			e := exs[idx]
			feats := e.feats[:0:0]
			for _, f := range e.feats {
				if counts[f] >= cfg.minCount {
					feats = append(feats, f)
				}
			}
			for k := range scores {
				scores[k] = 0
			}
			for _, f := range feats {
				if v, ok := w[f]; ok {
					for k := range scores {
						scores[k] += v[k]
					}
				}
			}
			p := softmax(scores)
			step++
			for _, f := range feats {
				v := get(w, f)
				a := get(acc, f)
				// bring the running sum up to date for the steps this feature sat still
				gap := float64(step - 1 - last[f])
				for k := range v {
					a[k] += gap * v[k]
				}
				for k := range v {
					g := p[k]
					if k == e.class {
						g -= 1
					}
					v[k] -= rate * (g + cfg.l2*v[k])
					a[k] += v[k]
				}
				last[f] = step
			}
		}
	}
	out := &Classifier{Name: name, Classes: classes, Weights: map[string][]float64{}}
	for f, v := range w {
		a := acc[f]
		gap := float64(step - last[f])
		keep := false
		ws := make([]float64, K)
		for k := range v {
			avg := (a[k] + gap*v[k]) / float64(step)
			ws[k] = math.Round(avg*1e4) / 1e4
			keep = keep || ws[k] != 0
		}
		if keep {
			out.Weights[f] = ws
		}
	}
	return out
}
