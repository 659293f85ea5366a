// Package nameguard holds only a test: the project rule that no council,
// organisation or initiative name from the answer keys (../shared/corpus/gold,
// ../shared/eval/gold), and no council place the seeds or corpus mention,
// appears in the repository's code, lexicons, test assertions, fixtures or
// scripts. Tests and examples use invented bodies
// ("Northtown Food Hub") or gazetteer councils that no seed, corpus document
// or key mentions. README.md may show real answers of the seed graph and is
// not read.
package nameguard
