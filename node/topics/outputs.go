package topics

import (
	"fmt"

	"github.com/bluenviron/goroslib/v2"
	"github.com/bluenviron/goroslib/v2/pkg/msgs/sensor_msgs"

	"github.com/depthnode/depthnode/inference"
	"github.com/depthnode/depthnode/internal/rosnode"
	"github.com/depthnode/depthnode/node/bus"
	"github.com/depthnode/depthnode/node/params"
)

// MaxHeld is how many of a topic's image messages goroslib may hold at once (in its fixed
// 64-deep queue per subscriber) before the next frame of that topic is dropped: a slow reader
// then costs at most MaxHeld frames of memory instead of 64, and paces that topic for everyone.
// 0 leaves goroslib unbounded (tests measure the difference).
var MaxHeld = 4

// Outputs publishes finished frames on the table's topics that the models can fill, skipping
// every topic (and the work behind it) that nobody reads.
type Outputs struct {
	subs   *bus.Subscribers
	live   *params.Live
	topics []topic
}

type topic struct {
	row   *Row
	name  string // resolved, as the bus info reports it
	pub   *goroslib.Publisher
	admit func(m any) bool // the topic's PublishBound; nil = unbounded
	held  func() uint64    // frames admit refused
}

// bound returns msg's PublishBound as admit/dropped functions; nil for small message types.
func bound(msg any) (func(any) bool, func() uint64) {
	if MaxHeld <= 0 {
		return nil, nil
	}
	switch msg.(type) {
	case *sensor_msgs.Image:
		b, _ := rosnode.NewPublishBound[sensor_msgs.Image](MaxHeld)
		return func(m any) bool { return b.Admit(m.(*sensor_msgs.Image)) }, b.Dropped
	case *sensor_msgs.CompressedImage:
		b, _ := rosnode.NewPublishBound[sensor_msgs.CompressedImage](MaxHeld)
		return func(m any) bool { return b.Admit(m.(*sensor_msgs.CompressedImage)) }, b.Dropped
	}
	return nil, nil
}

// SlowDropped is how many frames were dropped because slow subscribers still held MaxHeld
// of that topic's messages.
func (o *Outputs) SlowDropped() uint64 {
	var n uint64
	for _, t := range o.topics {
		if t.held != nil {
			n += t.held()
		}
	}
	return n
}

// New advertises every row whose needs the models provide; resolve maps a relative name to
// the absolute, remapped one; live holds the parameters in force (~jpeg_quality, read per frame).
func New(ros *goroslib.Node, resolve func(string) string, available inference.Tasks, subs *bus.Subscribers, live *params.Live) (*Outputs, error) {
	o := &Outputs{subs: subs, live: live}
	for i := range Table {
		r := &Table[i]
		if r.Needs.Depth && !available.Depth || r.Needs.Normals && !available.Normals {
			continue // do not advertise what never comes
		}
		name := resolve(r.Name)
		p, err := goroslib.NewPublisher(goroslib.PublisherConf{Node: ros, Topic: name, Msg: r.Msg})
		if err != nil {
			o.Close()
			return nil, fmt.Errorf("advertise %s: %w", name, err)
		}
		admit, held := bound(r.Msg)
		o.topics = append(o.topics, topic{row: r, name: name, pub: p, admit: admit, held: held})
	}
	return o, nil
}

// Close unadvertises every topic.
func (o *Outputs) Close() {
	for _, t := range o.topics {
		t.pub.Close()
	}
}

// Wants is the outputs some read topic needs.
func (o *Outputs) Wants() inference.Tasks {
	var w inference.Tasks
	for _, t := range o.topics {
		if o.subs.Reads(t.name) {
			w.Depth = w.Depth || t.row.Needs.Depth
			w.Normals = w.Normals || t.row.Needs.Normals
		}
	}
	return w
}

// Publish writes f to every read topic whose outputs f carries.
func (o *Outputs) Publish(f *Frame) {
	f.jpegQuality = o.live.Get().JPEGQuality
	r := f.Result
	have := inference.Tasks{
		Depth:   len(r.Depth) == r.Width*r.Height && r.Width*r.Height > 0,
		Normals: len(r.Normals) == 3*r.Width*r.Height && r.Width*r.Height > 0,
	}
	for _, t := range o.topics {
		if t.row.Needs.Depth && !have.Depth || t.row.Needs.Normals && !have.Normals || !o.subs.Reads(t.name) {
			continue
		}
		if m := t.row.Build(f); m != nil && (t.admit == nil || t.admit(m)) {
			t.pub.Write(m)
		}
	}
}
