package loader

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/goccy/go-yaml"
	"github.com/partnergraph/partnergraph"
)

// curation is what users write in curation.yaml to correct extraction:
// merge nodes that are one body, rename, exclude, set an organisation's
// sector. Rules apply last, in the order merge, rename, sector, exclude.
type curation struct {
	Merge []struct {
		Into string   `yaml:"into"`
		From []string `yaml:"from"`
	} `yaml:"merge"`
	Rename []struct {
		ID   string `yaml:"id"`
		Name string `yaml:"name"`
	} `yaml:"rename"`
	Sector []struct {
		ID     string `yaml:"id"`
		Sector string `yaml:"sector"`
	} `yaml:"sector"`
	Exclude []string `yaml:"exclude"`
}

func defaultCurationPath(dir string) string {
	p := filepath.Join(dir, "curation.yaml")
	if _, err := os.Stat(p); err == nil {
		return p
	}
	return ""
}

// applyCurationFile applies the rules in path to g and says what each did.
func applyCurationFile(g *partnergraph.Graph, path string) ([]string, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("curation file %s: %w", path, err)
	}
	var c curation
	if err := yaml.UnmarshalWithOptions(data, &c, yaml.Strict()); err != nil {
		return nil, fmt.Errorf("curation file %s: %s", path, yaml.FormatError(err, false, true))
	}
	applied, err := c.apply(g)
	if err != nil {
		return nil, fmt.Errorf("curation file %s: %w", path, err)
	}
	return applied, nil
}

func (c *curation) apply(g *partnergraph.Graph) ([]string, error) {
	var applied []string
	need := func(field, id string) (*partnergraph.Node, error) {
		if id == "" {
			return nil, fmt.Errorf("%s: id is empty", field)
		}
		n := g.Node(id)
		if n == nil {
			return nil, fmt.Errorf("%s: no node has id %q", field, id)
		}
		return n, nil
	}
	for i, m := range c.Merge {
		into, err := need(fmt.Sprintf("merge[%d].into", i), m.Into)
		if err != nil {
			return nil, err
		}
		for j, from := range m.From {
			src, err := need(fmt.Sprintf("merge[%d].from[%d]", i, j), from)
			if err != nil {
				return nil, err
			}
			if src.Kind != into.Kind {
				return nil, fmt.Errorf("merge[%d].from[%d]: %s is a %s, %s a %s", i, j, from, src.Kind, m.Into, into.Kind)
			}
			if err := mergeInto(g, into.ID, src); err != nil {
				return nil, fmt.Errorf("merge[%d].from[%d]: %w", i, j, err)
			}
			applied = append(applied, fmt.Sprintf("merged %s into %s", from, m.Into))
		}
	}
	for i, r := range c.Rename {
		n, err := need(fmt.Sprintf("rename[%d].id", i), r.ID)
		if err != nil {
			return nil, err
		}
		if r.Name == "" {
			return nil, fmt.Errorf("rename[%d].name: empty", i)
		}
		old := n.Name
		n.Name = r.Name
		// The old name stays findable as an alias.
		g.AddNode(&partnergraph.Node{ID: n.ID, Kind: n.Kind, Name: r.Name, Aliases: []string{old}})
		applied = append(applied, fmt.Sprintf("renamed %s from %q to %q", r.ID, old, r.Name))
	}
	for i, s := range c.Sector {
		n, err := need(fmt.Sprintf("sector[%d].id", i), s.ID)
		if err != nil {
			return nil, err
		}
		sec := partnergraph.Sector(s.Sector)
		if !sec.Valid() || n.Kind != partnergraph.KindOrganisation {
			return nil, fmt.Errorf("sector[%d]: %q is not a sector of %v, or %s is not an organisation", i, s.Sector, partnergraph.Sectors, s.ID)
		}
		n.Sector = sec
		applied = append(applied, fmt.Sprintf("set sector of %s to %s", s.ID, sec))
	}
	for i, id := range c.Exclude {
		if _, err := need(fmt.Sprintf("exclude[%d]", i), id); err != nil {
			return nil, err
		}
		g.RemoveNode(id)
		applied = append(applied, "excluded "+id)
	}
	return applied, nil
}

// mergeInto moves src's relationships, aliases and evidence to the node
// into, then removes src.
func mergeInto(g *partnergraph.Graph, into string, src *partnergraph.Node) error {
	if into == src.ID {
		return errors.New("a node cannot be merged into itself")
	}
	moved := append(g.Out(src.ID), g.In(src.ID)...)
	cp := partnergraph.CloneNode(src)
	cp.ID = into
	cp.Name = g.Node(into).Name
	cp.Aliases = append(cp.Aliases, src.Name)
	if _, err := g.AddNode(cp); err != nil {
		return err
	}
	var edges []partnergraph.Edge
	for _, e := range moved {
		edges = append(edges, *e)
	}
	g.RemoveNode(src.ID)
	for _, e := range edges {
		if e.Source == src.ID {
			e.Source = into
		}
		if e.Target == src.ID {
			e.Target = into
		}
		if e.Source == e.Target {
			continue
		}
		e.ID = ""
		if _, err := g.AddEdge(&e); err != nil {
			return err
		}
	}
	return nil
}
