package node

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"sync"

	"github.com/bluenviron/goroslib/v2"
	"github.com/bluenviron/goroslib/v2/pkg/msgs/diagnostic_msgs"

	"github.com/depthnode/depthnode/inference"
	"github.com/depthnode/depthnode/internal/rosargs"
	"github.com/depthnode/depthnode/internal/rosnode"
	"github.com/depthnode/depthnode/node/bus"
	"github.com/depthnode/depthnode/node/params"
	"github.com/depthnode/depthnode/node/pipeline"
	"github.com/depthnode/depthnode/node/stage"
	"github.com/depthnode/depthnode/node/topics"
)

// Node is a running depthnode: connected to the master, subscribed to the
// camera, publishing depth, normals and diagnostics.
type Node struct {
	log     *slog.Logger
	conn    rosargs.Connection
	params  Params
	live    *params.Live
	ros     *goroslib.Node
	model   *inference.Engine
	subs    *bus.Subscribers
	cameras []*camera
	pipe    *pipeline.Pipeline
	diag    *goroslib.Publisher
	rosout  *rosout
	killed  *rosnode.ShutdownRequest
	stages  []stage.Stage // every stage once (a shared one serves all cameras)

	cancel    context.CancelFunc
	wg        sync.WaitGroup
	closeOnce sync.Once
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
		n.log.Info("shutting down: the ROS master or another node asked (rosnode kill)")
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
	onGoroslib := func(level goroslib.LogLevel, msg string) {
		n.killed.Observe(msg)
		n.rosout.onGoroslib(level, msg)
	}
	if n.ros, err = rosnode.Connect(ctx, conn, cfg.RetryInterval, n.log, onGoroslib); err != nil {
		return nil, err
	}
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

	self := nm.FullNode()
	n.subs = bus.NewSubscribers(n.ros, self)
	n.subs.Refresh()
	for i, name := range params.CameraNames(p.Cameras) {
		c := &camera{name: name, index: i, resolve: n.resolveIn(name)}
		n.cameras = append(n.cameras, c)
		if c.out, err = topics.New(n.ros, c.resolve, n.model.Tasks(), n.subs, p.JPEGQuality); err != nil {
			return err
		}
	}
	if err := n.startStages(cfg); err != nil {
		return err
	}
	if n.diag, err = goroslib.NewPublisher(goroslib.PublisherConf{Node: n.ros, Topic: "/diagnostics", Msg: &diagnostic_msgs.DiagnosticArray{}}); err != nil {
		return fmt.Errorf("advertise /diagnostics: %w", err)
	}

	n.pipe = pipeline.New(pipeline.Config{Model: &engineModel{e: n.model, batch: batchCameras(p.CameraBatch, n.model.Device())}, Sink: &sink{cameras: n.cameras, available: n.model.Tasks()},
		Cameras: len(n.cameras), Now: n.ros.TimeNow, Log: n.log})
	for _, c := range n.cameras {
		if err := n.subscribe(c); err != nil {
			return err
		}
	}

	ctx, cancel := context.WithCancel(context.Background())
	n.cancel = cancel
	n.pipe.Start()
	n.wg.Add(2)
	go func() { defer n.wg.Done(); n.subs.Run(ctx) }()
	go func() { defer n.wg.Done(); n.runDiagnostics(ctx) }()
	n.log.Info(fmt.Sprintf("%s: %s on %s; listening on %s (%s); master %s",
		self, n.model.Describe(), n.model.Device(), n.inputTopics(), p.Transport, n.conn.MasterURI))
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

// Params returns the parameters the node runs with.
func (n *Node) Params() Params { return n.params }

// Name returns the node's absolute name.
func (n *Node) Name() string { return n.conn.Names.FullNode() }

// Resolve returns the absolute, remapped name of a topic.
func (n *Node) Resolve(name string) string { return n.conn.Names.Resolve(name) }

// Close unsubscribes, stops the pipeline and stages, unregisters from the
// master and closes the model sessions.
func (n *Node) Close() error {
	var err error
	n.closeOnce.Do(func() { err = n.shutdown() })
	return err
}

func (n *Node) shutdown() error {
	for _, c := range n.cameras {
		c.closeSubscriptions()
	}
	if n.cancel != nil {
		n.cancel()
	}
	n.wg.Wait()
	if n.pipe != nil {
		n.pipe.Close()
	}
	var errs []error
	for _, s := range n.stages {
		errs = append(errs, s.Close())
	}
	for _, c := range n.cameras {
		if c.out != nil {
			c.out.Close()
		}
	}
	if n.diag != nil {
		n.diag.Close()
	}
	if n.rosout != nil {
		n.rosout.detach()
	}
	if n.ros != nil {
		n.ros.Close()
	}
	if n.model != nil {
		errs = append(errs, n.model.Close())
	}
	return errors.Join(errs...)
}
