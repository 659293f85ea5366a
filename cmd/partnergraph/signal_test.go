//go:build unix

package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestMain lets a test run the command as its own process (a real SIGTERM
// needs one): with PARTNERGRAPH_RUN_MAIN set, the test binary is main.
func TestMain(m *testing.M) {
	if os.Getenv("PARTNERGRAPH_RUN_MAIN") == "1" {
		main()
		return
	}
	os.Exit(m.Run())
}

// A load of a large folder holding a FIFO named like a report stops as soon
// as the process gets SIGTERM: the FIFO is skipped rather than read (which
// would block forever), and the loader checks the context per document.
func TestSIGTERMStopsALoad(t *testing.T) {
	dir := t.TempDir()
	seed, err := os.ReadFile("../../seeds/004_0c21b22ad762fdcb.txt")
	if err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(filepath.Join(dir, "000-fifo.txt"), 0o644); err != nil {
		t.Skipf("no FIFOs here: %v", err)
	}
	// Enough documents that the load is still running when the signal comes.
	for i := 0; i < 3000; i++ {
		off := (i * 1024) % (len(seed) - 1024)
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("doc-%04d.txt", i)), seed[off:off+1024], 0o644); err != nil {
			t.Fatal(err)
		}
	}
	cmd := exec.Command(os.Args[0], "load", "--seeds", dir)
	cmd.Env = append(os.Environ(), "PARTNERGRAPH_RUN_MAIN=1")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	time.Sleep(500 * time.Millisecond)
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err == nil {
			t.Skip("the load finished before the signal came")
		}
		if !strings.Contains(stderr.String(), "context canceled") {
			t.Errorf("exit %v, stderr %q: want the load stopped by the signal", err, stderr.String())
		}
	case <-time.After(15 * time.Second):
		cmd.Process.Kill()
		t.Fatal("load did not stop within 15 s of SIGTERM")
	}
}
