package node

import (
	"github.com/depthnode/depthnode/node/metric"
	"github.com/depthnode/depthnode/node/params"
	"github.com/depthnode/depthnode/node/pipeline"
	"github.com/depthnode/depthnode/node/points"
	"github.com/depthnode/depthnode/node/preview"
	"github.com/depthnode/depthnode/node/stage"
)

// The node's public names for what its packages define, so tools and tests that start a
// node need import only this package.
type (
	// Params are the node's private parameters (package params).
	Params = params.Params
	// Stats is a snapshot of the pipeline's counters and latencies.
	Stats = pipeline.Stats
	// Quantiles is a stage's p50 and p95.
	Quantiles = pipeline.Quantiles
	// Stage is a consumer of finished frames (package stage).
	Stage = stage.Stage
	// StageEnv is what a stage gets at start.
	StageEnv = stage.Env
	// StageFactory starts an extra stage (Config.Stages).
	StageFactory = stage.New
	// FrameOutput is one finished frame as a stage sees it.
	FrameOutput = stage.FrameOutput
)

// ErrBadParam is wrapped by every parameter error; the message names the parameter.
var ErrBadParam = params.ErrBadParam

// DefaultParams returns the documented defaults.
func DefaultParams() Params { return params.Defaults() }

// Latency stage names (see package pipeline).
const (
	StageDecode  = pipeline.StageDecode
	StagePre     = pipeline.StagePre
	StageInfer   = pipeline.StageInfer
	StagePost    = pipeline.StagePost
	StagePublish = pipeline.StagePublish
	StageTotal   = pipeline.StageTotal
	StageAge     = pipeline.StageAge
	StageExtra   = pipeline.StageExtra
	StageWait    = pipeline.StageWait
	StageReady   = pipeline.StageReady
	StageArrive  = pipeline.StageArrive
)

// builtinStages are started for every node, in their declared order, before Config.Stages.
var builtinStages = []stage.Declared{metric.Declared, points.Declared, preview.Declared}
