package inference

import "testing"

func TestSmoke(t *testing.T) {
	for _, cfg := range []Config{
		{DepthModel: fixture("depth_mean.onnx"), ProcessingRes: 768, DepthStretch: true},
		{DepthModel: fixture("both.onnx"), NormalsModel: fixture("both.onnx"), ProcessingRes: 768},
		{DepthModel: fixture("both_fp16.onnx"), NormalsModel: fixture("both_fp16.onnx"), ProcessingRes: 768},
		{DepthModel: fixture("depth_pad8.onnx"), ProcessingRes: -1},
	} {
		e := openEngine(t, cfg)
		var out Result
		if err := e.Run(patternImage(640, 480), e.Tasks(), &out); err != nil {
			t.Fatal(err)
		}
		t.Log(e.Describe(), len(out.Depth), len(out.Normals), out.Depth[1000])
	}
}
