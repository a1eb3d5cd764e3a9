package inference

import (
	"path/filepath"
	"testing"
)

// TestCheckModelFileSaysWhatOpenSays: the early check fails with Open's own line, and passes a
// model Open loads.
func TestCheckModelFileSaysWhatOpenSays(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct{ name, path string }{
		{"missing file", filepath.Join(dir, "missing.onnx")},
		{"directory", dir},
	} {
		t.Run(tc.name, func(t *testing.T) {
			early := CheckModelFile(tc.path)
			_, late := Open(Config{DepthModel: tc.path, Device: "cpu"}, testLogger(t))
			if early == nil || late == nil || early.Error() != late.Error() {
				t.Fatalf("CheckModelFile: %v\nOpen:           %v", early, late)
			}
		})
	}
	t.Run("a model", func(t *testing.T) {
		if err := CheckModelFile(fixture("depth_mean.onnx")); err != nil {
			t.Fatal(err)
		}
	})
}
