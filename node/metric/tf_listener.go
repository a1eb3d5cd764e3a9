package metric

import (
	"fmt"
	"sync/atomic"

	"github.com/bluenviron/goroslib/v2"
	"github.com/bluenviron/goroslib/v2/pkg/msgs/tf2_msgs"

	"github.com/depthnode/depthnode/calib"
	"github.com/depthnode/depthnode/internal/ratelog"
)

// tfListener fills a calib.TFBuffer from /tf and /tf_static, as tf2_ros's
// TransformListener does. Adding a link is a short locked insert, so the
// callbacks do it themselves instead of handing the message on.
type tfListener struct {
	buf  *calib.TFBuffer
	log  *ratelog.Limiter
	subs []*goroslib.Subscriber
	bad  atomic.Uint64 // links refused (zero quaternion, NaN, a frame linked to itself)
}

// newTFListener subscribes /tf and /tf_static (remappable through resolve).
// goroslib delivers /tf_static's latched messages to a new subscriber.
func newTFListener(ros *goroslib.Node, resolve func(string) string, log *ratelog.Limiter) (*tfListener, error) {
	buf, err := calib.NewTFBuffer(calib.TFBufferConfig{})
	if err != nil {
		return nil, err
	}
	l := &tfListener{buf: buf, log: log}
	for _, t := range []struct {
		name   string
		static bool
	}{{"/tf", false}, {"/tf_static", true}} {
		topic, static := resolve(t.name), t.static
		s, err := goroslib.NewSubscriber(goroslib.SubscriberConf{Node: ros, Topic: topic, Callback: func(m *tf2_msgs.TFMessage) {
			l.add(m, static)
		}})
		if err != nil {
			l.close()
			return nil, fmt.Errorf("subscribe %s: %w", topic, err)
		}
		l.subs = append(l.subs, s)
	}
	return l, nil
}

// add stores every usable link of m; bad ones are counted and logged.
func (l *tfListener) add(m *tf2_msgs.TFMessage, static bool) {
	links, errs := calibTransforms(m)
	for _, st := range links {
		if err := l.buf.Add(st, static); err != nil {
			errs = append(errs, err)
		}
	}
	for _, err := range errs {
		l.bad.Add(1)
		l.log.Printf("tf link", "metric depth: TF link refused: %v", err)
	}
}

func (l *tfListener) close() {
	for _, s := range l.subs {
		s.Close()
	}
}
