package node

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/bluenviron/goroslib/v2"
	"github.com/bluenviron/goroslib/v2/pkg/msgs/diagnostic_msgs"

	"github.com/depthnode/depthnode/internal/rosnode"
	"github.com/depthnode/depthnode/node/bus"
	"github.com/depthnode/depthnode/node/params"
	"github.com/depthnode/depthnode/node/topics"
)

// register builds everything the node registers on its goroslib node n.ros: publishers,
// subscribers, the stages (which subscribe themselves) and the goroutines reading them. The
// model and the pipeline are not part of it, so a restarted master costs no model reload.
// The caller holds gmu or is still starting.
func (n *Node) register(cfg Config) error {
	var err error
	n.subs = bus.NewSubscribers(n.ros, n.conn.Names.FullNode())
	n.subs.Refresh()
	for i, name := range params.CameraNames(n.params.Cameras) {
		c := &camera{name: name, index: i, resolve: n.resolveIn(name)}
		n.cameras = append(n.cameras, c)
		if c.out, err = topics.New(n.ros, c.resolve, n.model.Tasks(), n.subs, n.live); err != nil {
			return err
		}
	}
	if err := n.startStages(cfg); err != nil {
		return err
	}
	if n.diag, err = goroslib.NewPublisher(goroslib.PublisherConf{Node: n.ros, Topic: "/diagnostics", Msg: &diagnostic_msgs.DiagnosticArray{}}); err != nil {
		return fmt.Errorf("advertise /diagnostics: %w", err)
	}
	n.sink.set(n.cameras)
	for _, c := range n.cameras {
		if err := n.subscribe(c); err != nil {
			return err
		}
	}
	if err := n.startReconfigure(); err != nil {
		return err
	}
	ctx, cancel := context.WithCancel(context.Background())
	n.gcancel = cancel
	n.gwg.Add(2)
	go func() { defer n.gwg.Done(); n.subs.Run(ctx) }()
	go func() { defer n.gwg.Done(); n.runDiagnostics(ctx) }()
	return nil
}

// stopInputs closes the subscribers and the reconfigure service and stops the goroutines of
// the current goroslib node, so no frame and no change arrives while the rest stops.
func (n *Node) stopInputs() {
	if n.reconf != nil {
		n.reconf.Close()
		n.reconf = nil
	}
	for _, c := range n.cameras {
		c.closeSubscriptions()
	}
	if n.gcancel != nil {
		n.gcancel()
		n.gcancel = nil
	}
	n.gwg.Wait()
}

// unregister undoes register and closes the goroslib node (after stopInputs).
func (n *Node) unregister() error {
	n.stopInputs()
	var errs []error
	if n.sink != nil {
		n.sink.set(nil) // waits for a frame being published
	}
	for _, s := range n.stages {
		errs = append(errs, s.Close())
	}
	n.stages = nil
	for _, c := range n.cameras {
		if c.out != nil {
			c.out.Close()
		}
	}
	n.cameras = nil
	if n.diag != nil {
		n.diag.Close()
		n.diag = nil
	}
	if n.rosout != nil {
		n.rosout.detach()
	}
	if n.ros != nil {
		n.ros.Close()
		n.ros = nil
	}
	return errors.Join(errs...)
}

// timeNow is node time (simulated or wall) from the current goroslib node.
func (n *Node) timeNow() time.Time {
	if ros := n.rosNow.Load(); ros != nil {
		return ros.TimeNow()
	}
	return time.Now()
}

// watchMaster re-registers the node when the master restarts: goroslib, like rospy, registers
// topics only when they are created, so without this a restarted roscore leaves the node
// publishing to nobody until it is restarted too.
func (n *Node) watchMaster(ctx context.Context, cfg Config) {
	_ = rosnode.Watch(ctx, n.conn.MasterAddr, n.conn.Names.FullNode(), cfg.WatchInterval, func() {
		n.log.Warn(fmt.Sprintf("the ROS master at %s restarted (new /run_id, or it no longer knows %s): registering again, the model stays loaded",
			n.conn.MasterURI, n.Name()))
		n.gmu.Lock()
		defer n.gmu.Unlock()
		if err := n.unregister(); err != nil {
			n.log.Warn(fmt.Sprintf("closing the stages before registering again: %v", err))
		}
		ros, err := rosnode.Connect(ctx, n.conn, cfg.RetryInterval, n.log, n.onLog)
		if err != nil {
			return // ctx ended: the node is closing
		}
		n.ros = ros
		n.rosNow.Store(ros)
		n.rosout.attach(ros)
		n.publishArgParams(cfg.Args)
		if err := n.register(cfg); err != nil {
			n.log.Error(fmt.Sprintf("registering again after the master restarted: %v", err))
			return
		}
		n.log.Info(fmt.Sprintf("registered again with the ROS master at %s", n.conn.MasterURI))
	})
}
