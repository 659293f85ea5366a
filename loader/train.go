package loader

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/partnergraph/partnergraph/gazetteer"
)

// Training projects the answer keys' names and aliases onto the text: a
// chunk whose normalised text is a key's organisation is labelled org, an
// initiative's name labels initiative, anything else none. Uncertain records
// label nothing (their chunks are left out of training).

// GoldKey is what training needs of one document's answer key.
type GoldKey struct {
	orgs, initiatives, funders, uncertain map[string]bool // normalised forms
}

// goldFile is the answer-key format ../shared/eval/GUIDE.md describes.
type goldFile struct {
	Document    string `json:"document"`
	CaseStudies []struct {
		Councils []struct {
			Name    string   `json:"name"`
			Aliases []string `json:"aliases"`
		} `json:"councils"`
		Initiatives []struct {
			Name      string   `json:"name"`
			Aliases   []string `json:"aliases"`
			Uncertain bool     `json:"uncertain"`
		} `json:"initiatives"`
		Organisations []struct {
			Name      string   `json:"name"`
			Aliases   []string `json:"aliases"`
			Roles     []string `json:"roles"`
			Uncertain bool     `json:"uncertain"`
		} `json:"organisations"`
		Funding []struct {
			Funder    string `json:"funder"`
			Uncertain bool   `json:"uncertain"`
		} `json:"funding"`
	} `json:"case_studies"`
}

// genericForm words say nothing on their own ("the Hub", "the Trust"): a
// form made only of them labels nothing, as in the scorer.
var genericForm = toSet(`the a an of and for in council councils borough city district county town parish
metropolitan unitary group labour co operative cooperative conservative government hub fund network partnership
service services team partners partner board trust charity charities`)

func specificForm(f string) bool {
	for _, w := range strings.Fields(f) {
		if !genericForm[w] {
			return true
		}
	}
	return false
}

// ReadGoldKey reads an answer key.
func ReadGoldKey(path string) (*GoldKey, string, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, "", err
	}
	var g goldFile
	if err := json.Unmarshal(data, &g); err != nil {
		return nil, "", fmt.Errorf("answer key %s: %w", path, err)
	}
	k := &GoldKey{orgs: map[string]bool{}, initiatives: map[string]bool{}, funders: map[string]bool{}, uncertain: map[string]bool{}}
	forms := func(name string, aliases []string, into map[string]bool) {
		for _, s := range append([]string{name}, aliases...) {
			if f := normName(s); f != "" && specificForm(f) {
				into[f] = true
			}
		}
	}
	for _, cs := range g.CaseStudies {
		for _, o := range cs.Organisations {
			if o.Uncertain {
				forms(o.Name, o.Aliases, k.uncertain)
				continue
			}
			forms(o.Name, o.Aliases, k.orgs)
			for _, r := range o.Roles {
				if r == "funder" {
					forms(o.Name, o.Aliases, k.funders)
				}
			}
		}
		for _, in := range cs.Initiatives {
			if in.Uncertain {
				forms(in.Name, in.Aliases, k.uncertain)
				continue
			}
			forms(in.Name, in.Aliases, k.initiatives)
		}
		for _, f := range cs.Funding {
			if !f.Uncertain {
				forms(f.Funder, nil, k.funders)
			}
		}
	}
	return k, g.Document, nil
}

// TrainingDoc is a document and its answer key.
type TrainingDoc struct {
	Source Source
	Key    *GoldKey
}

// labelledStudy is a case study's scored text and the class of each chunk
// (-1: left out of training).
type labelledStudy struct {
	text   *studyText
	labels [][]int
	base   [][][]string // each chunk's features before the list model's were added
}

// examples are the study's labelled chunks with their current features.
func (ls labelledStudy) examples() []example {
	var out []example
	for i, alts := range ls.text.runs {
		for j, a := range alts {
			if c := ls.labels[i][j]; c >= 0 {
				out = append(out, example{feats: a.feats, class: c})
			}
		}
	}
	return out
}

// baseExamples are the labelled chunks with the mention model's features only.
func (ls labelledStudy) baseExamples() []example {
	var out []example
	for i, alts := range ls.text.runs {
		for j := range alts {
			if c := ls.labels[i][j]; c >= 0 {
				out = append(out, example{feats: ls.base[i][j], class: c})
			}
		}
	}
	return out
}

// examplesOf labels every chunk of a document. Mention examples cover every
// alternative of every run; funder examples cover the chunks labelled org.
func examplesOf(td TrainingDoc, gaz *gazetteer.Gazetteer) (studies []labelledStudy, funders []example, err error) {
	doc, err := validate(td.Source, DefaultMaxFileSize)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", td.Source.Name, err)
	}
	dc := newDocContext(doc, gaz)
	for _, cs := range studiesOf(doc, gaz) {
		st := scoredStudy(cs, dc, nil)
		ls := labelledStudy{text: st}
		for _, alts := range st.runs {
			labels := make([]int, len(alts))
			base := make([][]string, len(alts))
			for j := range alts {
				base[j] = alts[j].feats[:len(alts[j].feats):len(alts[j].feats)]
			}
			ls.base = append(ls.base, base)
			for j, a := range alts {
				f := normName(a.text())
				switch {
				case td.Key.uncertain[f]:
					labels[j] = -1
					continue
				case td.Key.orgs[f]:
					labels[j] = 1
				case td.Key.initiatives[f]:
					labels[j] = 2
				}
				if labels[j] == 1 {
					ff := frameFeatures(a.chunk)
					cls := 0
					if td.Key.funders[f] {
						cls = 1
					}
					funders = append(funders, example{feats: ff, class: cls})
				}
			}
			ls.labels = append(ls.labels, labels)
		}
		studies = append(studies, ls)
	}
	return studies, funders, nil
}

// stackFolds is how many parts the training documents are cut into so
// that the list model learns from first-model probabilities on documents
// that model did not see (in-sample probabilities are overconfident).
const stackFolds = 5

// TrainModels fits the classifiers on the documents, in the order given:
// the mention model, then the list model on cross-fitted mention-model
// probabilities for each chunk and its list mates, then the funder model.
func TrainModels(docs []TrainingDoc) (*Models, error) {
	gaz := gazetteer.Default()
	var studies []labelledStudy
	var fold []int // the stacking fold of each study
	var fs []example
	for i, td := range docs {
		ls, f, err := examplesOf(td, gaz)
		if err != nil {
			return nil, err
		}
		for range ls {
			fold = append(fold, i%stackFolds)
		}
		studies = append(studies, ls...)
		fs = append(fs, f...)
	}
	mentionExamples := func(skip int) []example {
		var out []example
		for i, ls := range studies {
			if fold[i] != skip {
				out = append(out, ls.baseExamples()...)
			}
		}
		return out
	}
	ms := mentionExamples(-1)
	if len(ms) == 0 || len(fs) == 0 {
		return nil, fmt.Errorf("training: no labelled examples")
	}
	m := &Models{
		Mentions: train("mentions", mentionClasses, ms, defaultTrainConfig),
		Funders:  train("funders", []string{"no", "funder"}, fs, defaultTrainConfig),
	}
	var ls []example
	for k := 0; k < stackFolds; k++ {
		partial := train("mentions", mentionClasses, mentionExamples(k), defaultTrainConfig)
		for i, st := range studies {
			if fold[i] == k {
				st.text.apply(partial)
				st.text.addMateFeatures()
				ls = append(ls, st.examples()...)
			}
		}
	}
	m.Lists = train("lists", mentionClasses, ls, defaultTrainConfig)
	return m, nil
}

// HoldOutSeeds is the hold-out that leaves out the seed slices.
const HoldOutSeeds = "seeds"

// TrainingSet reads the documents with answer keys under a shared folder:
// corpus/docs with corpus/gold, and the seed slices eval/gold covers.
// Documents whose name starts with holdOut (a corpus group letter) are left
// out, for cross-validation (a seed report's name prefix leaves out its
// slice); holdOut "seeds" leaves out both seed slices, so that they can be
// scored by a model that never saw them.
func TrainingSet(shared, holdOut string) ([]TrainingDoc, error) {
	var out []TrainingDoc
	golds, _ := filepath.Glob(filepath.Join(shared, "corpus", "gold", "*.json"))
	sort.Strings(golds)
	if len(golds) == 0 {
		return nil, fmt.Errorf("no answer keys in %s", filepath.Join(shared, "corpus", "gold"))
	}
	for _, g := range golds {
		key, name, err := ReadGoldKey(g)
		if err != nil {
			return nil, err
		}
		if holdOut != "" && strings.HasPrefix(name, holdOut) {
			continue
		}
		data, err := os.ReadFile(filepath.Join(shared, "corpus", "docs", name))
		if err != nil {
			return nil, fmt.Errorf("answer key %s names a document: %w", g, err)
		}
		out = append(out, TrainingDoc{Source: Source{Name: name, Data: data}, Key: key})
	}
	if holdOut == HoldOutSeeds {
		return out, nil
	}
	// The seed reports' keys cover a slice of each (the first lines).
	seedKeys := []struct {
		gold  string
		lines int
	}{{"ccin-part1.json", 440}, {"dcn.json", 0}}
	for _, sk := range seedKeys {
		key, name, err := ReadGoldKey(filepath.Join(shared, "eval", "gold", sk.gold))
		if err != nil {
			return nil, err
		}
		if holdOut != "" && strings.HasPrefix(name, holdOut) {
			continue
		}
		data, err := os.ReadFile(filepath.Join(shared, "seeds", name))
		if err != nil {
			return nil, fmt.Errorf("answer key %s names a seed: %w", sk.gold, err)
		}
		if sk.lines > 0 {
			lines := strings.SplitAfter(string(data), "\n")
			if len(lines) > sk.lines {
				data = []byte(strings.Join(lines[:sk.lines], ""))
			}
		}
		out = append(out, TrainingDoc{Source: Source{Name: name, Data: data}, Key: key})
	}
	return out, nil
}
