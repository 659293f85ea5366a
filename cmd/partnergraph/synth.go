package main

import (
	"context"
	"fmt"
	"io"

	"github.com/partnergraph/partnergraph/synth"
)

func synthCommand(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("synth", "Write a synthetic corpus in the seed reports' genre to --out: real councils from the\n"+
		"gazetteer, invented organisations and funders whose number grows with --scale, about 190 KB\n"+
		"of text per unit of scale. The same --scale and --seed write the same bytes on every machine.\n"+
		"For measuring how loading and serving scale (scripts/bench-scale.sh), not for training.", stderr)
	scale := fs.Float64("scale", 1, "size of the corpus in units of about 190 KB (e.g. 0.5, 10, 100)")
	seed := fs.Uint64("seed", 1, "random seed; the corpus is a function of --scale and --seed")
	out := fs.String("out", "", "folder to write the documents to (created if missing)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *out == "" {
		fmt.Fprintln(stderr, "synth: --out is required")
		fs.Usage()
		return errUsage
	}
	n, size, err := synth.Write(ctx, *out, synth.Options{Scale: *scale, Seed: *seed})
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "synth: %d documents, %d bytes in %s\n", n, size, *out)
	return nil
}
