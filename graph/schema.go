package graph

import (
	"github.com/99designs/gqlgen/graphql"
	"github.com/partnergraph/partnergraph"
	"github.com/partnergraph/partnergraph/explore"
	"github.com/partnergraph/partnergraph/graph/model"
)

// Schema returns the schema over a store, with complexity
// costs multiplied by page sizes (first) and list fan-out.
func Schema(store partnergraph.Store) graphql.ExecutableSchema {
	return NewSchema(NewResolver(store))
}

// NewSchema returns the schema over a resolver; serve it with
// AroundOperations(WithLoaders(r)) so that relationship fields are batched.
func NewSchema(r *Resolver) graphql.ExecutableSchema {
	c := Config{Resolvers: r}
	// A page costs its size times its items' cost, whichever end it is
	// taken from; nested pages multiply.
	page := func(child int, first, last *int, dflt int) int {
		n := dflt
		switch {
		case last != nil:
			n = *last
		case first != nil:
			n = *first
		}
		return 1 + max(1, n)*child
	}
	type (
		pageArgs    = func(child int, first *int, after *string, last *int, before *string) int
		filteredArg = func(child int, first *int, after *string, last *int, before *string, where *model.ActorFilter) int
	)
	var paged pageArgs = func(child int, first *int, _ *string, last *int, _ *string) int {
		return page(child, first, last, explore.DefaultPageSize)
	}
	var filtered filteredArg = func(child int, first *int, _ *string, last *int, _ *string, _ *model.ActorFilter) int {
		return page(child, first, last, explore.DefaultPageSize)
	}

	q := &c.Complexity.Query
	q.Documents = paged
	q.Funders = func(child int, first *int, _ *string, last *int, _ *string, _ *model.ActorOrder, _ *model.ActorFilter) int {
		return page(child, first, last, explore.DefaultPageSize)
	}
	q.Councils = func(child int, first *int, _ *string, last *int, _ *string, _ *model.ActorOrder, _ *model.CouncilFilter) int {
		return page(child, first, last, explore.DefaultPageSize)
	}
	q.Organisations = func(child int, first *int, _ *string, last *int, _ *string, _ *model.ActorOrder, _ *model.OrganisationFilter) int {
		return page(child, first, last, explore.DefaultPageSize)
	}
	q.Initiatives = func(child int, first *int, _ *string, last *int, _ *string, _ *model.InitiativeOrder, _ *model.InitiativeFilter) int {
		return page(child, first, last, explore.DefaultPageSize)
	}
	q.Nodes = func(child int, ids []string) int { return 1 + len(ids)*child }
	q.Search = func(child int, _ string, _ []model.NodeKind, first *int, _ *string, last *int, _ *string) int {
		return page(child, first, last, explore.DefaultPageSize)
	}
	q.SharedPartners = func(child int, _ []string, _ *model.SharedMode, _ *int, first *int, _ *string, last *int, _ *string) int {
		return page(child, first, last, explore.DefaultPageSize)
	}
	// Deeper collaborators cost more to work out, whatever the page.
	q.Collaborators = func(child int, _ string, depth *int, first *int, _ *string, last *int, _ *string) int {
		d := min(max(1, deref(depth, 1)), explore.MaxDepth)
		return d * page(child, first, last, explore.DefaultPageSize)
	}
	q.SimilarCouncils = func(child int, _ string, top *int, first *int, _ *string, last *int, _ *string) int {
		if first == nil {
			first = top
		}
		return page(child, first, last, 5)
	}
	co, o, i := &c.Complexity.Council, &c.Complexity.Organisation, &c.Complexity.Initiative
	co.Initiatives, co.Partners, co.Funded, co.FundedBy, co.Children = paged, filtered, paged, paged, paged
	o.Initiatives, o.Partners, o.Funded, o.FundedBy = paged, filtered, paged, paged
	i.Leads, i.Partners, i.Funders, i.Parts, i.Documents = filtered, filtered, paged, paged, paged
	f := &c.Complexity.FundingFlows
	f.Flows, f.ByFunder, f.ByCouncil = paged, paged, paged
	c.Schema = withoutIncrementalDelivery(parsedSchema)
	return NewExecutableSchema(c)
}
