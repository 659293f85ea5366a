// Command partnergraph builds the partnership graph from council reports and
// serves, loads or exports it.
//
//	partnergraph serve   [--addr :8080] [--seeds ./seeds] [--neo4j-uri bolt://...]
//	partnergraph load    [--seeds ./seeds] [--neo4j-uri bolt://...] [--verbose]
//	partnergraph export  [--seeds ./seeds | --neo4j-uri bolt://...] [--format json] [--out FILE]
//	partnergraph synth   --out DIR [--scale 1] [--seed 1]
//	partnergraph train   [--shared ../shared] [--hold-out C] [--out loader/model.json]
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

const usage = `partnergraph: who collaborated with whom in UK councils' Covid-19 work.

Usage:
  partnergraph serve   [flags]   serve the GraphQL API, explorer and exports over HTTP
  partnergraph load    [flags]   extract the graph from documents (and write it to Neo4j)
  partnergraph export  [flags]   write the whole graph to stdout in a chosen format
  partnergraph synth   [flags]   write a synthetic corpus for measuring scale
  partnergraph train   [flags]   fit the extraction models on documents with answer keys

Run "partnergraph COMMAND --help" for the flags of a command.
`

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	os.Exit(run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

// run is main without the process: it returns the exit code so that tests can
// drive every command.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	var cmd func(context.Context, []string, io.Writer, io.Writer) error
	switch args[0] {
	case "serve":
		cmd = serveCommand
	case "load":
		cmd = loadCommand
	case "export":
		cmd = exportCommand
	case "synth":
		cmd = synthCommand
	case "train":
		cmd = trainCommand
	case "help", "-h", "-help", "--help":
		fmt.Fprint(stdout, usage)
		return 0
	default:
		fmt.Fprintf(stderr, "partnergraph: unknown command %q\n\n%s", args[0], usage)
		return 2
	}
	err := cmd(ctx, args[1:], stdout, stderr)
	switch {
	case err == nil:
		return 0
	case errors.Is(err, flag.ErrHelp):
		return 0
	case errors.Is(err, errUsage):
		return 2
	default:
		fmt.Fprintf(stderr, "partnergraph %s: %v\n", args[0], err)
		return 1
	}
}

// errUsage marks a flag error that the flag package has already printed.
var errUsage = errors.New("usage")

func parseFlags(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return errUsage
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(fs.Output(), "unexpected argument %q\n", fs.Arg(0))
		fs.Usage()
		return errUsage
	}
	return nil
}

func newFlagSet(name, summary string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: partnergraph %s [flags]\n\n%s\n\nFlags:\n", name, summary)
		fs.PrintDefaults()
	}
	return fs
}
