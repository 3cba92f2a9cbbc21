package main

import (
	"bytes"
	"encoding/hex"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/netmath/netmath/internal/fixture"
	"github.com/netmath/netmath/internal/scheme"
	"github.com/netmath/netmath/internal/sim"
	"github.com/stretchr/testify/require"
)

func TestRunShort(t *testing.T) {
	dir := t.TempDir()
	csvPath, pngPath := filepath.Join(dir, "run", "sim.csv"), filepath.Join(dir, "sim.png")
	var out, errOut bytes.Buffer
	code := run([]string{"-epochs", "8", "-csv", csvPath, "-png", pngPath}, &out, &errOut)
	require.Equal(t, 0, code, errOut.String())
	text := out.String()
	require.Contains(t, text, "epoch")
	require.Contains(t, text, "best single worker")
	require.Contains(t, text, "Spearman")
	require.Contains(t, text, "adversarial reputer")
	// One summary line per epoch: "     8 ..." is present.
	require.Regexp(t, `(?m)^\s+8\s+\S+`, text)

	// The final digest is the library's.
	sc := sim.Default()
	sc.Epochs, sc.Warmup = 8, 1
	s, err := sim.New(sc, sim.Options{})
	require.NoError(t, err)
	for !s.Done() {
		_, err := s.Step()
		require.NoError(t, err)
	}
	sum, err := s.Summary()
	require.NoError(t, err)
	require.Contains(t, text, "digest "+hex.EncodeToString(sum.Digest[:]))

	b, err := os.ReadFile(csvPath)
	require.NoError(t, err)
	tab, err := fixture.Read("sim.csv", bytes.NewReader(b))
	require.NoError(t, err)
	shape, err := scheme.Detect(tab.Header)
	require.NoError(t, err)
	require.Equal(t, 7, shape.Inferers)
	require.Len(t, tab.Rows, 8)

	p, err := os.ReadFile(pngPath)
	require.NoError(t, err)
	require.True(t, bytes.HasPrefix(p, []byte("\x89PNG\r\n\x1a\n")), "PNG signature")
}

func TestRunQuietSizesAndRules(t *testing.T) {
	dir := t.TempDir()
	var out, errOut bytes.Buffer
	code := run([]string{"-quiet", "-epochs", "5", "-inferers", "4", "-forecasters", "2", "-reputers", "3",
		"-rules", "v6", "-seed", "9", "-csv", filepath.Join(dir, "a.csv"), "-png", ""}, &out, &errOut)
	require.Equal(t, 0, code, errOut.String())
	require.NotContains(t, out.String(), "listen_adv", "quiet prints no per-epoch lines")
	require.Contains(t, out.String(), "rules v6")
	require.Empty(t, errOut.String())
	// Same flags, same bytes.
	var out2 bytes.Buffer
	code = run([]string{"-quiet", "-epochs", "5", "-inferers", "4", "-forecasters", "2", "-reputers", "3",
		"-rules", "v6", "-seed", "9", "-csv", filepath.Join(dir, "b.csv"), "-png", ""}, &out2, &errOut)
	require.Equal(t, 0, code)
	a, err := os.ReadFile(filepath.Join(dir, "a.csv"))
	require.NoError(t, err)
	b, err := os.ReadFile(filepath.Join(dir, "b.csv"))
	require.NoError(t, err)
	require.Equal(t, a, b)
	require.Equal(t, strings.ReplaceAll(out.String(), "a.csv", "b.csv"), out2.String())
}

func TestRunErrors(t *testing.T) {
	for name, c := range map[string]struct {
		args []string
		code int
	}{
		"unknown flag":   {[]string{"-nope"}, 2},
		"extra argument": {[]string{"x"}, 2},
		"bad rules":      {[]string{"-rules", "v7", "-csv", "", "-png", ""}, 1},
		"labels":         {[]string{"-labels", "3", "-csv", "", "-png", ""}, 1},
		"bad scenario":   {[]string{"-scenario", "/nonexistent.json", "-csv", "", "-png", ""}, 1},
		"no reputers":    {[]string{"-reputers", "0", "-csv", "", "-png", ""}, 1},
		"warmup":         {[]string{"-epochs", "5", "-warmup", "5", "-csv", "", "-png", ""}, 1},
	} {
		t.Run(name, func(t *testing.T) {
			var out, errOut bytes.Buffer
			require.Equal(t, c.code, run(c.args, &out, &errOut))
			require.NotEmpty(t, errOut.String())
		})
	}
	var out, errOut bytes.Buffer
	require.Equal(t, 0, run([]string{"-h"}, &out, &errOut))
}

func TestScenarioFile(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "s.json")
	require.NoError(t, os.WriteFile(p, []byte(`{"name": "tiny", "epochs": 3, "seed": 5, "topic_reward": "10",
		"truth": {"phi": "0.5", "sigma": "0.01"}, "forecast_prior": "-4",
		"inferers": [{"noise": "0.001"}, {"noise": "0.01"}],
		"forecasters": [{"kind": "ema", "alpha": "0.5"}],
		"reputers": [{"kind": "honest", "stake": "100", "noise": "0.1"}, {"kind": "random", "stake": "50", "noise": "0.1"}]}`), 0o644))
	var out, errOut bytes.Buffer
	require.Equal(t, 0, run([]string{"-scenario", p, "-quiet", "-csv", "", "-png", ""}, &out, &errOut), errOut.String())
	require.Contains(t, out.String(), "== tiny")
}
