package inference

import (
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"testing"
	"time"

	ort "github.com/yalue/onnxruntime_go"
)

// signatureCases writes, with Debian's python3-onnx, models whose signatures are easy to get
// wrong: an old-IR model listing a weight as a graph input, symbolic and unset dimensions,
// float16, a non-tensor output, weights in an external-data file, and a large single file.
const signatureCases = `
import sys, numpy as np, onnx
from onnx import helper as h, TensorProto as T, numpy_helper as nh
d = sys.argv[1]
def save(name, g, ir=8, **kw):
    m = h.make_model(g, opset_imports=[h.make_opsetid("", 13)], ir_version=ir)
    onnx.save_model(m, d + "/" + name, **kw)
w = nh.from_array(np.ones((1, 3, 1, 1), np.float32), "w")
x = h.make_tensor_value_info("image", T.FLOAT, [1, 3, "height", "width"])
y = h.make_tensor_value_info("depth", T.FLOAT, [1, 1, None, None])
wi = h.make_tensor_value_info("w", T.FLOAT, [1, 3, 1, 1])
conv = h.make_node("Conv", ["image", "w"], ["depth"])
save("ir3_weight_as_input.onnx", h.make_graph([conv], "g", [x, wi], [y], [w]), ir=3)
x16 = h.make_tensor_value_info("image", T.FLOAT16, [None, 3, 64, 48])
y16 = h.make_tensor_value_info("normals", T.FLOAT16, [None, 3, 64, 48])
save("fp16_static.onnx", h.make_graph([h.make_node("Identity", ["image"], ["normals"])], "g", [x16], [y16]))
seq = h.make_tensor_sequence_value_info("seq", T.FLOAT, None)
y2 = h.make_tensor_value_info("depth", T.FLOAT, [1, 1, None, None])
save("sequence_output.onnx", h.make_graph([conv, h.make_node("SequenceConstruct", ["depth"], ["seq"])], "g",
     [x], [y2, seq], [w]))
big = nh.from_array(np.zeros((1 << 20,), np.float32), "big")
s = h.make_node("ReduceSum", ["big"], ["s"], keepdims=0)
m = h.make_node("Mul", ["c", "s"], ["depth"])
c = h.make_node("Conv", ["image", "w"], ["c"])
g = h.make_graph([s, c, m], "g", [x], [y], [w, big])
save("external.onnx", g, save_as_external_data=True, location="external.onnx.data", size_threshold=1024)
big = nh.from_array(np.zeros((64 << 20,), np.float32), "big")
save("single_256mb.onnx", h.make_graph([s, c, m], "g", [x], [y], [w, big]))
`

// TestSignatureMatchesRuntime checks the file reader against ONNX Runtime's own reading of
// every committed model and of generated edge cases.
func TestSignatureMatchesRuntime(t *testing.T) {
	if _, err := acquireRuntime("", newEngineLog(testLogger(t))); err != nil {
		t.Skipf("no ONNX Runtime: %v", err)
	}
	defer releaseRuntime()
	paths, err := filepath.Glob(filepath.Join("..", "testdata", "models", "*.onnx"))
	if err != nil {
		t.Fatal(err)
	}
	paths = append(paths, filepath.Join("..", "models", "demo.onnx"))
	if err := exec.Command("/usr/bin/python3", "-c", "import onnx").Run(); err != nil {
		t.Logf("no python3-onnx, generated cases skipped: %v", err)
	} else {
		dir := t.TempDir()
		if out, err := exec.Command("/usr/bin/python3", "-c", signatureCases, dir).CombinedOutput(); err != nil {
			t.Fatalf("writing the models: %v\n%s", err, out)
		}
		gen, _ := filepath.Glob(filepath.Join(dir, "*.onnx"))
		paths = append(paths, gen...)
	}
	for _, p := range paths {
		t.Run(filepath.Base(p), func(t *testing.T) {
			t0 := time.Now()
			in, out, err := readSignature(p)
			read := time.Since(t0)
			wantIn, wantOut, werr := ort.GetInputOutputInfo(p)
			if werr != nil {
				// Not a model (not_onnx.onnx): the reader must not make one up.
				if err == nil && len(in) > 0 && len(out) > 0 {
					t.Errorf("ONNX Runtime refuses the file (%v) but the reader found %v -> %v", werr, in, out)
				}
				return
			}
			if err != nil {
				t.Fatalf("reader: %v (ONNX Runtime reads %v -> %v)", err, wantIn, wantOut)
			}
			sameInfos(t, "inputs", in, wantIn)
			sameInfos(t, "outputs", out, wantOut)
			if st, _ := os.Stat(p); st != nil && st.Size() > 100<<20 {
				t.Logf("%d MB: signature read in %v", st.Size()>>20, read)
			}
		})
	}
}

func sameInfos(t *testing.T, what string, got, want []ort.InputOutputInfo) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s: reader %v, ONNX Runtime %v", what, got, want)
	}
	for i := range want {
		g, w := got[i], want[i]
		if g.Name != w.Name || g.OrtValueType != w.OrtValueType {
			t.Errorf("%s %d: reader %q %v, ONNX Runtime %q %v", what, i, g.Name, g.OrtValueType, w.Name, w.OrtValueType)
			continue
		}
		if w.OrtValueType == ort.ONNXTypeTensor && (g.DataType != w.DataType || !slices.Equal(g.Dimensions, w.Dimensions)) {
			t.Errorf("%s %q: reader %v %v, ONNX Runtime %v %v", what, w.Name, g.DataType, g.Dimensions, w.DataType, w.Dimensions)
		}
	}
}

// FuzzReadSignature feeds the reader arbitrary files: errors are fine, panics and hangs are not.
func FuzzReadSignature(f *testing.F) {
	for _, name := range []string{"both.onnx", "two_inputs.onnx", "not_onnx.onnx"} {
		if data, err := os.ReadFile(fixture(name)); err == nil {
			f.Add(data)
		}
	}
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, data []byte) {
		p := filepath.Join(dir, "m.onnx")
		if err := os.WriteFile(p, data, 0o600); err != nil {
			t.Fatal(err)
		}
		_, _, _ = readSignature(p)
	})
}
