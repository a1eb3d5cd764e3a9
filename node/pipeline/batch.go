package pipeline

import "github.com/depthnode/depthnode/inference"

// batch is what one model pass works on: at most one job per camera, each camera's newest
// frame, so a fast camera cannot take the place of a slow one.
type batch struct {
	jobs   []*job
	frames []Frame // the jobs' frames, for InferBatch
	want   inference.Tasks
}

func (b *batch) reset() { b.jobs, b.frames, b.want = b.jobs[:0], b.frames[:0], inference.Tasks{} }

func (b *batch) add(j *job) {
	b.jobs = append(b.jobs, j)
	b.frames = append(b.frames, j.frame)
	b.want.Depth = b.want.Depth || j.want.Depth
	b.want.Normals = b.want.Normals || j.want.Normals
}
