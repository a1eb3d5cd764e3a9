package node

import (
	"bufio"
	"flag"
	"fmt"
	"os"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/bluenviron/goroslib/v2/pkg/msgs/sensor_msgs"

	"github.com/depthnode/depthnode/inference"
	"github.com/depthnode/depthnode/internal/rostest"
)

// Benchmark sizes: 1280x720 input, processed at the reference 768.
const (
	benchW, benchH = 1280, 720
	benchWarm      = 100 // frames before the first memory reading
)

// benchFrames is how many frames are measured after the warm-up; raise it for a soak:
//
//	go test -run '^$' -bench NodePipeline -benchtime 1x ./node/ -args -pipeline-frames 10000
var benchFrames = flag.Int("pipeline-frames", 200, "BenchmarkNodePipeline: frames measured after the 100 warm-up frames")

// modelFPS is the model alone, with the same ONNX Runtime threads as the node under test:
// Infer on one prepared frame, in a loop.
func modelFPS(b *testing.B, model string, threads int, img *inference.RGB) (infer, sequential float64) {
	b.Helper()
	e, err := inference.Open(inference.Config{DepthModel: model, ProcessingRes: 768, Device: "cpu", DepthStretch: true, Threads: threads}, nil)
	if err != nil {
		b.Fatal(err)
	}
	defer e.Close()
	f := e.NewFrame()
	defer f.Close()
	if err := e.Prepare(img, f); err != nil {
		b.Fatal(err)
	}
	want := inference.Tasks{Depth: true}
	const runs = 30
	start := time.Now()
	for range runs {
		if err := e.Infer(f, want); err != nil {
			b.Fatal(err)
		}
	}
	infer = runs / time.Since(start).Seconds()
	var res inference.Result
	start = time.Now()
	for range runs {
		if err := e.Run(img, want, &res); err != nil {
			b.Fatal(err)
		}
	}
	return infer, runs / time.Since(start).Seconds()
}

// rssMiB reads the process's resident set from /proc.
func rssMiB() float64 {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return -1
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), "VmRSS:"); ok {
			kb, _ := strconv.Atoi(strings.TrimSuffix(strings.TrimSpace(rest), " kB"))
			return float64(kb) / 1024
		}
	}
	return -1
}

// BenchmarkNodePipeline feeds the in-process node 1280x720 rgb8 frames from
// a real goroslib publisher at twice the model's rate and reports output
// fps against model-only fps, the latency the node adds beyond the model
// (input stamp to publish, minus the frame's inference), and memory and
// goroutines after 100 frames and after -pipeline-frames more. It runs with
// ONNX Runtime's default threads and with one (`~threads`), each compared
// with the model alone at the same setting. One iteration is the whole
// scenario; ns/op is its wall time.
func BenchmarkNodePipeline(b *testing.B) {
	model := convModel(b, 2, 16)
	for _, threads := range []int{0, 1} {
		b.Run(fmt.Sprintf("threads=%d", threads), func(b *testing.B) { benchPipeline(b, model, threads) })
	}
}

func benchPipeline(b *testing.B, model string, threads int) {
	msg, rgb := testImage(benchW, benchH, 0, time.Unix(1, 0), "cam")
	img := &inference.RGB{Width: benchW, Height: benchH, Pix: rgb}
	for range b.N {
		inferFPS, seqFPS := modelFPS(b, model, threads, img)

		m := rostest.StartMaster(b)
		n, _ := startNode(b, m, "_depth_model:="+model, "_processing_res:=768", "_device:=cpu", "_preview_addr:=",
			fmt.Sprintf("_threads:=%d", threads))
		peer := newPeer(b, m)
		out := subscribe[sensor_msgs.Image](b, peer, "/depth/relative")
		pub := publisher[sensor_msgs.Image](b, peer, "/image")

		stop, done := make(chan struct{}), make(chan struct{})
		go func() {
			defer close(done)
			period := time.Duration(float64(time.Second) / (2 * inferFPS))
			tk := time.NewTicker(period)
			defer tk.Stop()
			for {
				m := *msg
				m.Header.Stamp = time.Now()
				pub.Write(&m)
				select {
				case <-stop:
					return
				case <-tk.C:
				}
			}
		}()
		frames := func(k int) {
			for range k {
				recv(b, out, "depth output", nil)
			}
		}
		frames(benchWarm)
		runtime.GC()
		rss100, gor100 := rssMiB(), runtime.NumGoroutine()
		s0, t0 := n.Stats(), time.Now()
		frames(*benchFrames)
		s1, t1 := n.Stats(), time.Now()
		runtime.GC()
		rssN, gorN := rssMiB(), runtime.NumGoroutine()
		close(stop)
		<-done

		outFPS := float64(s1.Published-s0.Published) / t1.Sub(t0).Seconds()
		extra, age, inf := s1.Latency[StageExtra], s1.Latency[StageAge], s1.Latency[StageInfer]
		busy := (s1.InferTime - s0.InferTime).Seconds() / t1.Sub(t0).Seconds()
		b.ReportMetric(busy, "model_busy")
		b.ReportMetric(outFPS, "out_fps")
		b.ReportMetric(inferFPS, "model_fps")
		b.ReportMetric(outFPS/inferFPS, "out/model")
		b.ReportMetric(ms(extra.P50), "extra_p50_ms")
		b.ReportMetric(ms(extra.P95), "extra_p95_ms")
		b.Logf("1280x720 -> 768x432: model-only (Infer) %.2f fps, sequential Run %.2f fps, node output %.2f fps (%.3f of model-only); input %d, skipped %d",
			inferFPS, seqFPS, outFPS, outFPS/inferFPS, s1.Received-s0.Received, s1.Skipped-s0.Skipped)
		b.Logf("model busy %.3f of the wall time (1 = throughput set by the model alone)", busy)
		b.Logf("stamp-to-publish p50 %.1f ms p95 %.1f ms; infer p50 %.1f ms p95 %.1f ms; beyond the model (per frame) p50 %.1f ms p95 %.1f ms",
			ms(age.P50), ms(age.P95), ms(inf.P50), ms(inf.P95), ms(extra.P50), ms(extra.P95))
		// One line: benchmark logs are cut after ten lines.
		var parts []string
		for _, st := range []string{StageArrive, StageWait, StageDecode, StagePre, StageReady, StagePost, StagePublish} {
			q := s1.Latency[st]
			parts = append(parts, fmt.Sprintf("%s %.1f/%.1f", st, ms(q.P50), ms(q.P95)))
		}
		b.Logf("stages p50/p95 ms: %s", strings.Join(parts, ", "))
		b.Logf("RSS %.1f MiB after %d frames, %.1f MiB after %d; goroutines %d then %d",
			rss100, benchWarm, rssN, benchWarm+*benchFrames, gor100, gorN)
	}
}
