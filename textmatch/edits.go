package textmatch

import "unicode/utf8"

// withinEdits reports whether a and b are at most k edits apart (the
// Levenshtein distance between their runes: insertions, deletions and
// substitutions). It is levenshtein.ComputeDistance(a, b) <= k, which the
// typo checks asked before, without its conversion of both words to runes
// (words are ASCII but for a few), without a table at all for the
// allowance of one edit (words of 4 to 7 letters), and otherwise with the
// table's computation stopped as soon as every alignment needs more than k
// edits.
func withinEdits(a, b string, k int) bool {
	if isASCII(a) && isASCII(b) {
		var bufA, bufB [32]byte
		return within(append(bufA[:0], a...), append(bufB[:0], b...), k)
	}
	return within([]rune(a), []rune(b), k)
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

func within[T byte | rune](a, b []T, k int) bool {
	// A common prefix or suffix costs no edit.
	for len(a) > 0 && len(b) > 0 && a[0] == b[0] {
		a, b = a[1:], b[1:]
	}
	for len(a) > 0 && len(b) > 0 && a[len(a)-1] == b[len(b)-1] {
		a, b = a[:len(a)-1], b[:len(b)-1]
	}
	if len(a) < len(b) {
		a, b = b, a
	}
	if len(a)-len(b) > k {
		return false
	}
	if k <= 1 {
		// Trimmed, words one edit apart are one rune and one rune or none
		// (a substitution, insertion or deletion is all that is left of
		// them), and equal words are nothing.
		return len(a) <= k
	}
	if len(b) == 0 {
		return len(a) <= k
	}
	// row[j] is the distance between the first i runes of a and the first
	// j of b, for the i of the outer loop.
	var buf [33]int
	row := buf[:0]
	if len(b)+1 > len(buf) {
		row = make([]int, 0, len(b)+1)
	}
	for j := 0; j <= len(b); j++ {
		row = append(row, j)
	}
	for i := 1; i <= len(a); i++ {
		diag := row[0] // the distance for (i-1, j-1)
		row[0] = i
		least := row[0]
		for j := 1; j <= len(b); j++ {
			up := row[j]
			d := diag
			if a[i-1] != b[j-1] {
				d = 1 + min(diag, up, row[j-1])
			}
			row[j], diag = d, up
			least = min(least, d)
		}
		if least > k {
			return false // a row's distances never fall in the rows after it
		}
	}
	return row[len(b)] <= k
}
