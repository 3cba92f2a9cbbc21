package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/netmath/netmath/internal/conform"
	"github.com/netmath/netmath/internal/conform/conformtest"
	"github.com/netmath/netmath/internal/fixture"
	"github.com/netmath/netmath/internal/scheme"
	"github.com/netmath/netmath/rewards/settle"
)

func runArgs(args ...string) (int, string, string) {
	var out, errb bytes.Buffer
	code := run(args, &out, &errb)
	return code, out.String(), errb.String()
}

// writeSynthetic writes a small settled topic (3 inferers, 2 forecasters,
// 2 reputers, 6 epochs) as CSV in dir.
func writeSynthetic(t *testing.T, dir string) (string, []byte) {
	t.Helper()
	b, err := conformtest.Generate(conformtest.Config{Shape: scheme.Shape{Inferers: 3, Forecasters: 2, Reputers: 2}, Rows: 6, FirstEpoch: 20})
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dir, "synthetic.csv")
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return p, b
}

func TestRunSyntheticPasses(t *testing.T) {
	p, _ := writeSynthetic(t, t.TempDir())
	code, out, errs := runArgs(p)
	if code != 0 {
		t.Fatalf("exit %d\n%s%s", code, out, errs)
	}
	for _, want := range []string{"== synthetic.csv: inference; N=3 F=2 R=2", "network_inference ", "inference_regret_worker_#_oneout_#", "skipped", "total", "PASS: 1 file(s)"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	// -v lists the columns.
	if code, out, _ := runArgs("-v", p); code != 0 || !strings.Contains(out, "\ninference_regret_worker_4_oneout_3 ") || !strings.Contains(out, "not compared") {
		t.Errorf("-v: exit %d\n%s", code, out)
	}
}

// TestRunDigitChangeFails changes one digit of an output column: exit 1
// and the failing column named.
func TestRunDigitChangeFails(t *testing.T) {
	dir := t.TempDir()
	p, b := writeSynthetic(t, dir)
	lines := strings.Split(string(b), "\n")
	header := strings.Split(lines[0], ",")
	col := -1
	for i, h := range header {
		if h == "network_naive_loss_onein_1" {
			col = i
		}
	}
	row := strings.Split(lines[5], ",") // epoch 24
	v := []rune(row[col])
	for i, c := range v {
		if c >= '1' && c <= '9' {
			v[i] = '0' + (c-'0')%9 + 1
			break
		}
	}
	row[col] = string(v)
	lines[5] = strings.Join(row, ",")
	if err := os.WriteFile(p, []byte(strings.Join(lines, "\n")), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, _ := runArgs(p)
	if code != 1 {
		t.Fatalf("exit %d, want 1\n%s", code, out)
	}
	if !strings.Contains(out, "FAIL network_naive_loss_onein_1@24: got ") || !strings.Contains(out, "FAIL synthetic.csv: ") {
		t.Errorf("output does not name the column:\n%s", out)
	}
	// -json: the same, machine-readable.
	code, out, _ = runArgs("-json", p)
	var got struct {
		Pass    bool
		Reports []conform.FileReport
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil || code != 1 || got.Pass || len(got.Reports) != 1 {
		t.Fatalf("-json: exit %d, %v\n%s", code, err, out)
	}
	if f := got.Reports[0].Failures; len(f) == 0 || f[0].Column != "network_naive_loss_onein_1" || f[0].Epoch != "24" {
		t.Errorf("-json failures %+v", f)
	}
	if len(got.Reports[0].Families) == 0 || got.Reports[0].Total.Failed != 1 {
		t.Errorf("-json report %+v", got.Reports[0].Total)
	}
}

// TestRunParams: -params replaces the simulator parameters; the same
// parameters as JSON reproduce the file, a changed exponent does not.
func TestRunParams(t *testing.T) {
	dir := t.TempDir()
	p, _ := writeSynthetic(t, dir)
	sp, err := settle.SimulatorParams(settle.V6)
	if err != nil {
		t.Fatal(err)
	}
	write := func(name string, v settle.Params) string {
		b, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		f := filepath.Join(dir, name)
		if err := os.WriteFile(f, b, 0o644); err != nil {
			t.Fatal(err)
		}
		return f
	}
	if code, out, errs := runArgs("-params", write("same.json", sp), p); code != 0 {
		t.Errorf("same parameters: exit %d\n%s%s", code, out, errs)
	}
	sp.Rewards.PRewardInference = sp.Rewards.PRewardReputer
	if code, out, _ := runArgs("-params", write("changed.json", sp), p); code != 1 || !strings.Contains(out, "FAIL inferer_reward_fraction_") {
		t.Errorf("changed exponent: exit %d\n%s", code, out)
	}
	if code, _, errs := runArgs("-params", write("bad.json", settle.Params{}), p); code != 2 || !strings.Contains(errs, "invalid") {
		t.Errorf("zero parameters: exit %d, %s", code, errs)
	}
}

func TestRunErrors(t *testing.T) {
	dir := t.TempDir()
	ragged := filepath.Join(dir, "ragged.csv")
	if err := os.WriteFile(ragged, []byte("epoch,inference_0\n1,2,3\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	good, _ := writeSynthetic(t, dir)
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{filepath.Join(dir, "missing.csv")}, "no such file"},
		{[]string{dir}, "is a directory"},
		{[]string{ragged}, "line 2 has 3 fields, the header has 2"},
		{[]string{}, "usage: conformance"},
		{[]string{"-rules", "v7", good}, "-rules"},
		{[]string{"-rules-at", "5-3=v6", good}, "bad epochs"},
		{[]string{"-tol", "x", good}, "-tol"},
		{[]string{"-abs", "-1", good}, "-abs"},
		{[]string{"-max-top", "1,2", good}, "-max-top"},
		{[]string{"-initial-regret", "1..", good}, "-initial-regret"},
		{[]string{"-params", filepath.Join(dir, "none.json"), good}, "-params"},
		{[]string{"-nosuchflag", good}, "flag provided but not defined"},
	} {
		code, out, errs := runArgs(tc.args...)
		if code != 2 || !strings.Contains(errs, tc.want) {
			t.Errorf("%v: exit %d, stderr %q (want %q), stdout %q", tc.args, code, errs, tc.want, out)
		}
	}
	// A good and a bad file: the good one is still reported, exit 2.
	code, out, errs := runArgs(good, ragged)
	if code != 2 || !strings.Contains(out, "PASS synthetic.csv") || !strings.Contains(errs, "ragged.csv") {
		t.Errorf("mixed files: exit %d\n%s\n%s", code, out, errs)
	}
}

// TestRunFixtures runs the command as CI does: every fixture with the
// default flags except inference_latest.csv, which needs -rules-at.
func TestRunFixtures(t *testing.T) {
	dir := fixture.Dir()
	if dir == "" {
		t.Skip("../shared/fixtures not found")
	}
	var files []string
	for _, f := range []string{fixture.InferenceOct2024, fixture.Multilabel, fixture.Tokenomics, fixture.Sortition} {
		files = append(files, filepath.Join(dir, f))
	}
	latest := filepath.Join(dir, fixture.InferenceLatest)
	if code, out, errs := runArgs(files...); code != 0 {
		t.Errorf("default flags: exit %d\n%s%s", code, out, errs)
	}
	if code, out, errs := runArgs("-rules-at", "302-304=intermediate", latest); code != 0 {
		t.Errorf("inference_latest.csv -rules-at: exit %d\n%s%s", code, out, errs)
	}
	if code, _, _ := runArgs(latest); code != 1 {
		t.Errorf("inference_latest.csv without -rules-at: exit %d, want 1", code)
	}
}
