package graph

import (
	"github.com/partnergraph/partnergraph"
	"github.com/partnergraph/partnergraph/explore"
)

// Resolver is the root resolver: it holds the store and the question
// service; resolvers stay thin and delegate to them.
type Resolver struct {
	Store   partnergraph.Store
	Explore *explore.Service
}

// NewResolver returns the root resolver over a store.
func NewResolver(store partnergraph.Store) *Resolver {
	return &Resolver{Store: store, Explore: &explore.Service{Store: store}}
}
