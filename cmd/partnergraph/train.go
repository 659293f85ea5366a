package main

import (
	"context"
	"fmt"
	"io"
	"os"

	"github.com/partnergraph/partnergraph/loader"
)

func trainCommand(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("train", "Fit the extraction models on the documents that have answer keys (corpus/docs with\n"+
		"corpus/gold, and the seed slices eval/gold covers) and write them as one JSON file.\n"+
		"Training is deterministic: the same documents give the same file.", stderr)
	shared := fs.String("shared", "../shared", "folder holding corpus/, eval/ and seeds/")
	holdOut := fs.String("hold-out", "", "leave out the corpus documents whose names start with this (a group letter), or with \"seeds\" the seed slices, for cross-validation")
	out := fs.String("out", "loader/model.json", "file to write; - for stdout")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	docs, err := loader.TrainingSet(*shared, *holdOut)
	if err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	models, err := loader.TrainModels(docs)
	if err != nil {
		return err
	}
	data := models.Marshal()
	if *out == "-" {
		_, err = stdout.Write(data)
		return err
	}
	if err := os.WriteFile(*out, data, 0o644); err != nil {
		return err
	}
	fmt.Fprintf(stderr, "trained on %d documents: %d mention features, %d funder features -> %s\n",
		len(docs), len(models.Mentions.Weights), len(models.Funders.Weights), *out)
	return nil
}
