package node

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/bluenviron/goroslib/v2"
	"github.com/bluenviron/goroslib/v2/pkg/msgs/diagnostic_msgs"

	"github.com/depthnode/depthnode/inference"
	"github.com/depthnode/depthnode/internal/rosargs"
	"github.com/depthnode/depthnode/internal/rosnode"
)

// badInputLogPeriod is the least time between two log lines about the same
// kind of bad input.
const badInputLogPeriod = 5 * time.Second

// Node is a running depthnode: connected to the master, subscribed to the
// camera, publishing depth, normals and diagnostics.
type Node struct {
	log    Logger
	conn   rosargs.Connection
	params Params
	ros    *goroslib.Node
	model  model
	st     *stats
	in     *latest
	rd     *readers
	out    *outputs
	pipe   *pipeline
	subs   []*goroslib.Subscriber
	diag   *goroslib.Publisher
	rosout *rosout
	killed *rosnode.ShutdownRequest
	stages []Stage

	inputTopic string
	cancel     context.CancelFunc
	wg         sync.WaitGroup
	closeOnce  sync.Once
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
		n.log.Printf("shutting down: the ROS master or another node asked (rosnode kill)")
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
	n := &Node{log: cfg.Log, conn: conn, st: newStats(), in: newLatest(), rd: &readers{}}
	if n.log == nil {
		n.log = discard{}
	}
	n.rosout, n.killed = newRosout(n.log), rosnode.NewShutdownRequest()
	n.log = n.rosout
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
	p := n.params
	eng, err := inference.Open(inference.Config{
		DepthModel:    p.DepthModel,
		NormalsModel:  p.NormalsModel,
		ProcessingRes: p.ProcessingRes,
		Device:        p.Device,
		DepthStretch:  p.DepthStretch,
		Threads:       p.Threads,
		Workers:       p.PrePostThreads,
	}, n.log)
	if err != nil {
		return fmt.Errorf("open models: %w", err)
	}
	n.model = eng

	self := nm.FullNode()
	n.rd.refresh(n.ros, self)
	if n.out, err = newOutputs(n.ros, nm, n.model.Tasks(), n.rd, p.JPEGQuality); err != nil {
		return err
	}
	env := StageEnv{ROS: n.ros, Resolve: nm.Resolve, Params: p, Log: n.log, Device: n.model.Device(), Stats: n.Stats}
	for _, f := range append(append([]StageFactory{}, builtinStages...), cfg.Stages...) {
		s, err := f(env)
		if err != nil {
			return fmt.Errorf("output stage: %w", err)
		}
		if s != nil {
			n.stages = append(n.stages, s)
		}
	}
	n.out.stages = n.stages
	if n.diag, err = goroslib.NewPublisher(goroslib.PublisherConf{Node: n.ros, Topic: "/diagnostics", Msg: &diagnostic_msgs.DiagnosticArray{}}); err != nil {
		return fmt.Errorf("advertise /diagnostics: %w", err)
	}

	rl := newRateLog(warnings(n.log), badInputLogPeriod)
	n.pipe = newPipeline(n.model, n.in, n.st, rl, n.ros.TimeNow, n.out.wants, n.out.publish)
	if err := n.subscribe(); err != nil {
		return err
	}

	ctx, cancel := context.WithCancel(context.Background())
	n.cancel = cancel
	n.pipe.start()
	n.wg.Add(2)
	go func() { defer n.wg.Done(); n.rd.run(ctx, n.ros, self) }()
	go func() { defer n.wg.Done(); n.runDiagnostics(ctx) }()
	n.log.Printf("%s: %s on %s; listening on %s (%s); master %s",
		self, n.model.Describe(), n.model.Device(), n.inputTopic, p.Transport, n.conn.MasterURI)
	return nil
}

// Stats returns the node's counters and latencies so far.
func (n *Node) Stats() Stats { return n.st.snapshot() }

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
	for _, s := range n.subs {
		s.Close()
	}
	if n.cancel != nil {
		n.cancel()
	}
	n.wg.Wait()
	if n.pipe != nil {
		n.pipe.close()
	}
	var errs []error
	for _, s := range n.stages {
		errs = append(errs, s.Close())
	}
	if n.out != nil {
		n.out.close()
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
