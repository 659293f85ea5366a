package textmatch

import (
	"fmt"
	"math/rand/v2"
	"testing"
)

// The word index only narrows what is scored: every query answers as a
// scan of every entry does.
func TestIndexAnswersAsAScan(t *testing.T) {
	words := []string{"age", "concern", "north", "westshire", "council", "saint", "marys", "trust", "food", "foodbank",
		"carers", "centre", "center", "youth", "project", "and", "co", "wellbeing", "network", "networks"}
	r := rand.New(rand.NewPCG(1, 2))
	ix := NewIndex()
	for i := range 400 {
		name := ""
		for j := range 1 + r.IntN(4) {
			if j > 0 {
				name += " "
			}
			name += words[r.IntN(len(words))]
		}
		var aliases []string
		if r.IntN(4) == 0 {
			aliases = []string{words[r.IntN(len(words))] + " " + words[r.IntN(len(words))]}
		}
		ix.Add(fmt.Sprintf("n%03d", i), name, aliases)
	}
	queries := []string{"age", "age c", "south tyne", "tynesid", "carers centre", "carer center", "fod", "foodbnk",
		"youth projects", "st marys", "saint", "co", "wellbeing netwrk", "council and", "zzz", "a"}
	for _, q := range queries {
		got := ix.Search(q)
		want := scan(ix, q)
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("%q: index gives %d matches, a scan %d:\n%v\n%v", q, len(got), len(want), got, want)
		}
	}
}

// scan scores every entry, as Search did before it had an index.
func scan(ix *Index, text string) []Match {
	q := Tokens(text)
	if len(q) == 0 {
		return nil
	}
	every := make([]int32, len(ix.entries))
	for i := range every {
		every[i] = int32(i)
	}
	return ix.rank(q, every)
}
