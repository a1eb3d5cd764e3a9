package params

import (
	"os"
	"regexp"
	"strings"
	"testing"
)

// TestReadmeTableMatches: README's parameter table names every parameter of the table, no
// other, with the table's defaults.
func TestReadmeTableMatches(t *testing.T) {
	b, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, section, _ := strings.Cut(string(b), "### Parameters")
	section, _, _ = strings.Cut(section, "\n## ")
	row := regexp.MustCompile("^\\| ((?:`[a-z_]+`(?:, )?)+) \\[([^\\]]*)\\]")
	name := regexp.MustCompile("`([a-z_]+)`")
	seen := map[string]bool{}
	for _, line := range strings.Split(section, "\n") {
		m := row.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		names := name.FindAllStringSubmatch(m[1], -1)
		defs := strings.Split(m[2], ", ")
		if len(defs) != len(names) {
			defs = make([]string, len(names)) // one default for several names: same for each
			for i := range defs {
				defs[i] = m[2]
			}
		}
		for i, n := range names {
			p, ok := Table.Find(n[1])
			if !ok {
				t.Errorf("README documents ~%s, which the node does not have", n[1])
				continue
			}
			seen[n[1]] = true
			if want := p.DefaultText(); strings.Trim(defs[i], `"`) != strings.Trim(want, `"`) {
				t.Errorf("README gives ~%s the default [%s], the table [%s]", n[1], defs[i], want)
			}
		}
	}
	for _, p := range Table {
		if !seen[p.Name()] {
			t.Errorf("README's parameter table lacks ~%s", p.Name())
		}
	}
}

// TestLaunchArgsMatch: every <param> launch/depthnode.launch sets is a parameter of the table,
// and an arg that feeds one directly defaults to the table's default.
func TestLaunchArgsMatch(t *testing.T) {
	b, err := os.ReadFile("../../launch/depthnode.launch")
	if err != nil {
		t.Fatal(err)
	}
	args := map[string]string{}
	for _, m := range regexp.MustCompile(`<arg name="([a-z_]+)" default="([^"]*)"`).FindAllStringSubmatch(string(b), -1) {
		args[m[1]] = m[2]
	}
	set := regexp.MustCompile(`<param name="([a-z_]+)"[^>]* value="\$\(arg ([a-z_]+)\)"`).FindAllStringSubmatch(string(b), -1)
	if len(set) == 0 {
		t.Fatal("no <param> read from the launch file")
	}
	for _, m := range set {
		p, ok := Table.Find(m[1])
		if !ok {
			t.Errorf("depthnode.launch sets ~%s, which the node does not have", m[1])
			continue
		}
		def, ok := args[m[2]]
		if !ok || m[1] != m[2] || def == "" && p.Kind() != 3 || strings.HasPrefix(def, "$(") {
			continue // a renamed, computed or "unset" arg: nothing to compare
		}
		if want := strings.Trim(p.DefaultText(), `"`); def != want {
			t.Errorf("depthnode.launch's arg %s defaults to %q, the node's ~%s to %q", m[2], def, m[1], want)
		}
	}
}

// TestReadmeMarksLive: README's parameter table marks *live* exactly the rows declared .Live().
func TestReadmeMarksLive(t *testing.T) {
	b, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, section, _ := strings.Cut(string(b), "### Parameters")
	section, _, _ = strings.Cut(section, "\n### ")
	row := regexp.MustCompile("^\\| ((?:`[a-z_]+`(?:, )?)+) \\[[^\\]]*\\] \\| (\\*live\\*)?")
	name := regexp.MustCompile("`([a-z_]+)`")
	for _, line := range strings.Split(section, "\n") {
		m := row.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		for _, n := range name.FindAllStringSubmatch(m[1], -1) {
			if p, ok := Table.Find(n[1]); ok && p.IsLive() != (m[2] != "") {
				t.Errorf("README marks ~%s live=%v, the table says %v", n[1], m[2] != "", p.IsLive())
			}
		}
	}
}
