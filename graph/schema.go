package graph

import (
	"github.com/99designs/gqlgen/graphql"
	"github.com/partnergraph/partnergraph"
	"github.com/partnergraph/partnergraph/explore"
	"github.com/partnergraph/partnergraph/graph/model"
)

// ListFanOut is the cost multiplier of list fields that take no page size:
// a guess at how many items such a list holds, so that nesting them is
// priced as the work it causes.
const ListFanOut = 10

// Schema returns the schema over a store, with complexity
// costs multiplied by page sizes (first) and list fan-out.
func Schema(store partnergraph.Store) graphql.ExecutableSchema {
	return NewSchema(NewResolver(store))
}

// NewSchema returns the schema over a resolver; serve it with
// AroundOperations(WithLoaders(r)) so that relationship fields are batched.
func NewSchema(r *Resolver) graphql.ExecutableSchema {
	c := Config{Resolvers: r}
	page := func(first *int) int {
		if first == nil {
			return explore.DefaultPageSize
		}
		return max(1, *first)
	}
	list := func(child int) int { return 1 + ListFanOut*child }
	// A page costs its size times its items' cost, whichever end it is taken from.
	pageCost := func(child int, first *int, _ *string, last *int, _ *string) int {
		if last != nil {
			first = last
		}
		return 1 + page(first)*child
	}

	q := &c.Complexity.Query
	q.Documents = pageCost
	q.Funders = func(child int, first *int, after *string, last *int, before *string, _ *model.ActorOrder) int {
		return pageCost(child, first, after, last, before)
	}
	q.Councils = func(child int, first *int, after *string, last *int, before *string, _ *model.ActorOrder, _ *model.CouncilFilter) int {
		return pageCost(child, first, after, last, before)
	}
	q.Organisations = func(child int, first *int, after *string, last *int, before *string, _ *model.ActorOrder, _ *model.OrganisationFilter) int {
		return pageCost(child, first, after, last, before)
	}
	q.Initiatives = func(child int, first *int, after *string, last *int, before *string, _ *model.InitiativeFilter) int {
		return pageCost(child, first, after, last, before)
	}
	q.Nodes = func(child int, ids []string) int { return 1 + len(ids)*child }
	q.Search = func(child int, _ string, _ []model.NodeKind, first *int) int { return 1 + page(first)*child }
	q.SharedPartners = func(child int, ids []string, _ *model.SharedMode, _ *int) int { return 1 + ListFanOut*len(ids)*child }
	q.Collaborators = func(child int, _ string, depth *int) int {
		d := 1
		if depth != nil {
			d = min(max(1, *depth), explore.MaxDepth)
		}
		n := 1
		for range d {
			n *= ListFanOut
		}
		return 1 + n*child
	}
	co, o, i := &c.Complexity.Council, &c.Complexity.Organisation, &c.Complexity.Initiative
	co.Initiatives, co.Partners, co.Funded, co.FundedBy, co.Children = list, list, list, list, list
	o.Initiatives, o.Partners, o.Funded, o.FundedBy = list, list, list, list
	i.Leads, i.Partners, i.Funders, i.Parts, i.Documents = list, list, list, list, list
	return NewExecutableSchema(c)
}
