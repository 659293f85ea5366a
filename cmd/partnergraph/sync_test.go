package main

import (
	"bytes"
	"sync"
)

var outMu sync.Mutex

// syncWriter guards a buffer shared by the server goroutine and the test.
type syncWriter struct{ w *bytes.Buffer }

func (s *syncWriter) Write(p []byte) (int, error) {
	outMu.Lock()
	defer outMu.Unlock()
	return s.w.Write(p)
}

func (s *syncWriter) String() string {
	outMu.Lock()
	defer outMu.Unlock()
	return s.w.String()
}
