package node

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/bluenviron/goroslib/v2"

	"github.com/depthnode/depthnode/inference"
	"github.com/depthnode/depthnode/internal/rosargs"
	"github.com/depthnode/depthnode/internal/rosnode"
	"github.com/depthnode/depthnode/node/bus"
	"github.com/depthnode/depthnode/node/params"
	"github.com/depthnode/depthnode/node/pipeline"
	"github.com/depthnode/depthnode/node/reconfigure"
	"github.com/depthnode/depthnode/node/stage"
)

// Node is a running depthnode: connected to the master, subscribed to its cameras, publishing
// depth, normals and diagnostics.
type Node struct {
	log     *slog.Logger
	conn    rosargs.Connection
	params  Params
	live    *params.Live
	model   *inference.Engine
	pipe    *pipeline.Pipeline
	sink    *sink
	rosout  *rosout
	killed  *rosnode.ShutdownRequest
	cancel  context.CancelFunc // the master watchdog
	wg      sync.WaitGroup
	closing sync.Once

	// gmu guards the goroslib node and everything registered on it, rebuilt when the master
	// restarts (graph.go); rosNow is that node for the pipeline's clock.
	gmu     sync.Mutex
	ros     *goroslib.Node
	rosNow  atomic.Pointer[goroslib.Node]
	subs    *bus.Subscribers
	cameras []*camera
	stages  []stage.Stage // every stage once (a shared one serves all cameras)
	diag    *goroslib.Publisher
	reconf  *reconfigure.Server
	gcancel context.CancelFunc // the current node's goroutines (diagnostics, subscriber counts)
	gwg     sync.WaitGroup
	// onLog receives goroslib's lines (shutdown requests, /rosout echo) for every node built.
	onLog func(goroslib.LogLevel, string)
}

// Run starts the node, serves until ctx ends (SIGINT) or another node asks it to shut down
// (rosnode kill), then shuts it down. A ctx that ends while the master is still unreachable is
// not an error.
func Run(ctx context.Context, cfg Config) error {
	n, err := New(ctx, cfg)
	if err != nil {
		if errors.Is(err, context.Canceled) {
			return nil
		}
		return err
	}
	select {
	case <-ctx.Done():
	case <-n.killed.Done():
		if n.killed.NameTaken() {
			n.log.Warn(fmt.Sprintf("shutting down: another node took the name %s (the master shut this one down)", n.Name()))
		} else {
			n.log.Info("shutting down: the ROS master or another node asked (rosnode kill)")
		}
	}
	return n.Close()
}

// New connects to the master (retrying until ctx ends), reads the
// parameters, opens the models and starts publishing.
func New(ctx context.Context, cfg Config) (*Node, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	conn, err := cfg.connection()
	if err != nil {
		return nil, err
	}
	n := &Node{conn: conn}
	n.rosout, n.killed = newRosout(cfg.Log), rosnode.NewShutdownRequest()
	n.log = n.rosout.logger()
	release, err := preflight(cfg, n.log)
	if err != nil {
		return nil, err
	}
	// Open takes its own hold on the runtime; until then this one keeps it loaded.
	defer func() { _ = release() }()
	n.onLog = func(level goroslib.LogLevel, msg string) {
		n.killed.Observe(msg)
		n.rosout.onGoroslib(level, msg)
	}
	if n.ros, err = rosnode.Connect(ctx, conn, cfg.RetryInterval, n.log, n.onLog); err != nil {
		return nil, err
	}
	n.rosNow.Store(n.ros)
	n.rosout.attach(n.ros)
	if err := n.start(cfg); err != nil {
		n.shutdown()
		return nil, err
	}
	return n, nil
}

func (n *Node) start(cfg Config) error {
	nm := n.conn.Names
	var err error
	if n.params, err = loadParams(rosnode.NewParamServer(n.conn.MasterAddr, nm.FullNode()), nm, cfg.Args); err != nil {
		return err
	}
	warn, err := resolvePreviewToken(&n.params, cfg.Args)
	if err != nil {
		return err
	}
	if warn != "" {
		n.log.Warn(warn)
	}
	n.publishArgParams(cfg.Args)
	n.live = params.NewLive(n.params)
	p := n.params
	if n.model, err = inference.Open(inference.Config{
		DepthModel:    p.DepthModel,
		NormalsModel:  p.NormalsModel,
		ProcessingRes: p.ProcessingRes,
		Device:        p.Device,
		DepthStretch:  p.DepthStretch,
		Threads:       p.Threads,
		Workers:       p.PrePostThreads,
	}, n.log); err != nil {
		return fmt.Errorf("open models: %w", err)
	}
	n.warnInboundLimit()

	cams := params.CameraNames(p.Cameras)
	n.sink = &sink{available: n.model.Tasks()}
	n.pipe = pipeline.New(pipeline.Config{
		Model:   &engineModel{e: n.model, live: n.live, batch: batchCameras(p.CameraBatch, n.model.Device())},
		Sink:    n.sink,
		Cameras: len(cams), Now: n.timeNow, Log: n.log,
	})
	if err := n.register(cfg); err != nil {
		return err
	}
	ctx, cancel := context.WithCancel(context.Background())
	n.cancel = cancel
	n.pipe.Start()
	n.wg.Add(1)
	go func() { defer n.wg.Done(); n.watchMaster(ctx, cfg) }()
	n.log.Info(fmt.Sprintf("%s: %s on %s; listening on %s (%s); master %s",
		nm.FullNode(), n.model.Describe(), n.model.Device(), n.inputTopics(), p.Transport, n.conn.MasterURI))
	return nil
}

// inputTopics lists the cameras' image topics.
func (n *Node) inputTopics() string {
	var ts []string
	for _, c := range n.cameras {
		ts = append(ts, c.inputTopic)
	}
	return strings.Join(ts, ", ")
}

// startStages starts the built-in stages in their declared order, then cfg's extra ones: a
// per-camera stage once for each camera, in its namespace, a shared one once for all.
func (n *Node) startStages(cfg Config) error {
	declared := append([]stage.Declared{}, builtinStages...)
	var builtins []string
	for _, d := range builtinStages {
		builtins = append(builtins, d.Name)
	}
	for i, f := range cfg.Stages {
		declared = append(declared, stage.Declared{Name: fmt.Sprintf("extra %d", i+1), After: builtins, New: f})
	}
	ordered, err := stage.Order(declared)
	if err != nil {
		return err
	}
	env := stage.Env{ROS: n.ros, Resolve: n.conn.Names.Resolve, Params: n.params, Log: n.log,
		Device: n.model.Device(), Stats: n.Stats, Subscribers: n.subs, Live: n.live, Node: n.conn.Names.FullNode()}
	shared := map[string]stage.Stage{}
	for _, c := range n.cameras {
		for _, d := range ordered {
			s, done := shared[d.Name]
			if !done {
				e := env
				if !d.Shared {
					e.Resolve, e.Camera = c.resolve, c.name
				}
				if s, err = d.New(e); err != nil {
					return fmt.Errorf("output stage %s: %w", d.Name, err)
				}
				if d.Shared {
					shared[d.Name] = s
				}
				if s != nil {
					n.stages = append(n.stages, s)
				}
			}
			if s != nil {
				c.stages = append(c.stages, s)
			}
		}
	}
	return nil
}

// Stats returns the node's counters and latencies so far.
func (n *Node) Stats() Stats {
	if n.pipe == nil {
		return Stats{}
	}
	return n.pipe.Stats()
}

// Params returns the parameters in force (as loaded at start, with dynamic_reconfigure's changes).
func (n *Node) Params() Params {
	if n.live == nil {
		return n.params
	}
	return n.live.Get()
}

// Name returns the node's absolute name.
func (n *Node) Name() string { return n.conn.Names.FullNode() }

// Resolve returns the absolute, remapped name of a topic.
func (n *Node) Resolve(name string) string { return n.conn.Names.Resolve(name) }

// Close unsubscribes, stops the pipeline and stages, unregisters from the
// master and closes the model sessions.
func (n *Node) Close() error {
	var err error
	n.closing.Do(func() { err = n.shutdown() })
	return err
}

func (n *Node) shutdown() error {
	if n.cancel != nil {
		n.cancel() // the master watchdog, which may be re-registering
	}
	n.wg.Wait()
	n.gmu.Lock()
	defer n.gmu.Unlock()
	n.stopInputs()
	if n.pipe != nil {
		n.pipe.Close()
	}
	errs := []error{n.unregister()}
	if n.model != nil {
		errs = append(errs, n.model.Close())
	}
	return errors.Join(errs...)
}
