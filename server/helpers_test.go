package server

import (
	"crypto/sha256"
	"encoding/hex"
	"net/url"
)

func sha(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:])
}

func urlEncode(s string) string { return url.QueryEscape(s) }
