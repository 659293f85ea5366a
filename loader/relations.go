package loader

import (
	"strconv"
	"strings"
)

// Stage: relations. Funding frames — the closed set of English
// constructions for giving money or goods — are read from the tokens of the
// sentence around an organisation mention and scored by the funder model;
// every kept organisation takes part in the case study's initiative (or the
// named scheme its sentence is about).

// givingWords are the verbs and nouns of the funding frames.
var givingWords = map[string]bool{"donated": true, "donate": true, "donates": true, "donating": true, "donation": true,
	"donations": true, "gave": true, "give": true, "gives": true, "given": true, "giving": true, "granted": true,
	"grant": true, "grants": true, "allocated": true, "allocate": true, "awarded": true, "award": true, "awards": true,
	"contributed": true, "contribute": true, "contribution": true, "contributions": true, "provided": true,
	"secured": true, "received": true, "raised": true, "funded": true, "fund": true, "funds": true, "funding": true,
	"funder": true, "funders": true, "sponsored": true, "sponsor": true, "sponsorship": true, "match": true,
	"matched": true, "invested": true, "investment": true, "pledged": true, "backed": true, "gift": true,
	"gifted": true, "bequest": true, "available": true, "£": true}

// inKindWords name goods and services given instead of money.
var inKindWords = map[string]bool{"food": true, "devices": true, "laptops": true, "tablets": true, "phones": true,
	"equipment": true, "goods": true, "stock": true, "ppe": true, "meals": true, "vehicles": true, "vans": true,
	"hampers": true, "parcels": true, "toys": true, "gifts": true, "produce": true, "space": true, "premises": true,
	"boxes": true, "pizzas": true, "clothing": true, "books": true, "sim": true, "masks": true, "bread": true}

// frameFeatures describe the funding frame around a mention in its sentence.
func frameFeatures(c chunk) []string {
	toks := c.ps.toks
	s := c.ps.sentenceOf(c.lo)
	f := []string{"bias"}
	add := func(parts ...string) { f = append(f, strings.Join(parts, "")) }
	money, give, kind := -1, false, false
	for k := s[0]; k < s[1]; k++ {
		if toks[k].shape == shapeMoney {
			if money < 0 || abs(k-c.lo) < abs(money-c.lo) {
				money = k
			}
		}
		give = give || givingWords[toks[k].lower]
		kind = kind || inKindWords[toks[k].lower]
	}
	if money >= 0 {
		side := "after"
		d := money - c.hi
		if money < c.lo {
			side, d = "before", c.lo-money
		}
		add("money=", side, bucket(d, 2, 5, 10))
		// the words between the mention and the amount
		a, b := c.hi, money
		if money < c.lo {
			a, b = money+1, c.lo
		}
		for k := a; k < b && k-a < 8; k++ {
			if toks[k].shape == shapeLower || toks[k].closed != 0 {
				add("mid=", toks[k].lower)
			}
		}
	} else {
		add("noMoney")
	}
	if give {
		add("giving")
	}
	if kind {
		add("inKind")
	}
	for k := c.lo - 1; k >= s[0] && k >= c.lo-6; k-- {
		if toks[k].shape == shapeLower || toks[k].closed != 0 {
			add("L=", toks[k].lower)
			if givingWords[toks[k].lower] {
				add("giveBefore", strconv.Itoa(min(c.lo-k, 4)))
			}
		}
	}
	for k := c.hi; k < s[1] && k < c.hi+6; k++ {
		if toks[k].shape == shapeLower || toks[k].closed != 0 {
			add("R=", toks[k].lower)
			if givingWords[toks[k].lower] {
				add("giveAfter", strconv.Itoa(min(k-c.hi+1, 4)))
			}
		}
	}
	if c.lo > s[0] {
		add("prev=", contextWord(&toks[c.lo-1]))
	}
	if c.lo > s[0]+1 {
		add("prev2=", contextWord(&toks[c.lo-2]), "_", contextWord(&toks[c.lo-1]))
	}
	if c.hi < s[1] {
		add("next=", contextWord(&toks[c.hi]))
	}
	if c.hi+1 < s[1] {
		add("next2=", contextWord(&toks[c.hi]), "_", contextWord(&toks[c.hi+1]))
	}
	last := strings.TrimSuffix(toks[c.hi-1].lower, ".")
	add("head=", headClass(last))
	if last == "foundation" || last == "trust" || last == "lottery" || last == "fund" {
		add("headword=", last)
	}
	return f
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// amountNear is the amount printed nearest to the mention in its sentence.
func amountNear(c chunk) (text string, value float64, ok bool) {
	toks := c.ps.toks
	s := c.ps.sentenceOf(c.lo)
	best := -1
	for k := s[0]; k < s[1]; k++ {
		if toks[k].shape == shapeMoney && (best < 0 || abs(k-c.lo) < abs(best-c.lo)) {
			best = k
		}
	}
	if best < 0 {
		return "", 0, false
	}
	text = toks[best].text
	if best >= 2 && toks[best-2].lower == "up" && toks[best-1].lower == "to" {
		text = "up to " + text
	}
	return parseMoney(text)
}

// inKindSentence reports a gift of goods: a sentence with goods and no amount.
func inKindSentence(c chunk) bool {
	toks := c.ps.toks
	s := c.ps.sentenceOf(c.lo)
	goods := false
	for k := s[0]; k < s[1]; k++ {
		if toks[k].shape == shapeMoney {
			return false
		}
		goods = goods || inKindWords[toks[k].lower]
	}
	return goods
}

// councilFrame finds the lead council giving money in a sentence: "the
// Council" (or the council's own name) before a giving verb and an amount.
// It returns the token of the amount.
func councilFrame(ps *passage, s [2]int, councilTokens map[int]bool) (amount int, ok bool) {
	toks := ps.toks
	subject := -1
	for k := s[0]; k < s[1]; k++ {
		if toks[k].lower == "council" || councilTokens[k] {
			subject = k
			continue
		}
		if subject >= 0 && k-subject <= 8 {
			switch toks[k].lower {
			case "provided", "made", "allocated", "granted", "awarded", "gave", "invested", "committed",
				"contributed", "funded", "donated", "pledged":
				for m := k + 1; m < s[1] && m <= k+12; m++ {
					if toks[m].shape == shapeMoney {
						return m, true
					}
				}
			}
		}
	}
	// "funded by the city council", "a Borough Council grant of £3,000"
	for k := s[0] + 1; k < s[1]; k++ {
		if (toks[k].lower == "council" || councilTokens[k]) && k+1 < s[1] {
			if toks[k-1].lower == "by" || (k >= 2 && toks[k-2].lower == "by") || toks[k+1].lower == "grant" || toks[k+1].lower == "funding" {
				for m := s[0]; m < s[1]; m++ {
					if toks[m].shape == shapeMoney {
						return m, true
					}
				}
			}
		}
	}
	return -1, false
}
