package rosnode

import (
	"bufio"
	"context"
	"encoding/binary"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"reflect"
	"strconv"
	"time"

	"github.com/bluenviron/goroslib/v2/pkg/apimaster"
	"github.com/bluenviron/goroslib/v2/pkg/apislave"
	"github.com/bluenviron/goroslib/v2/pkg/msgproc"
	"github.com/bluenviron/goroslib/v2/pkg/protocommon"
	"github.com/bluenviron/goroslib/v2/pkg/prototcp"
)

// defaultProbeTimeout bounds a probe whose ctx has no deadline.
const defaultProbeTimeout = 10 * time.Second

// PublisherMessage is the size of the next message one publisher sends.
type PublisherMessage struct {
	Node  string // the publishing node's name
	Bytes int64  // the TCPROS length prefix of its next message
}

// ProbeMessageSizes connects to every publisher of topic as a TCPROS
// subscriber named callerID, reads the length of the first message each
// sends and hangs up. goroslib says nothing when it refuses a message over
// GoroslibMaxMessageBytes, so this is how a node that gets no frames from
// a topic with publishers learns why (OversizeReason). msg is a pointer to
// the topic's message type (&sensor_msgs.Image{}). Publishers that send
// nothing before ctx ends, or fail, are left out with the first error.
func ProbeMessageSizes(ctx context.Context, masterAddr, callerID, topic string, msg any) ([]PublisherMessage, error) {
	if reflect.TypeOf(msg) == nil || reflect.TypeOf(msg).Kind() != reflect.Ptr {
		return nil, fmt.Errorf("probe %s: msg must be a pointer to a message, not %T", topic, msg)
	}
	elem := reflect.ValueOf(msg).Elem().Interface()
	header := prototcp.HeaderSubscriber{Callerid: callerID, Topic: topic, TcpNodelay: 1}
	var err error
	if header.Type, err = msgproc.Type(elem); err != nil {
		return nil, fmt.Errorf("probe %s: %w", topic, err)
	}
	if header.Md5sum, err = msgproc.MD5(elem); err != nil {
		return nil, fmt.Errorf("probe %s: %w", topic, err)
	}
	if header.MessageDefinition, err = msgproc.Definition(elem); err != nil {
		return nil, fmt.Errorf("probe %s: %w", topic, err)
	}
	if _, ok := ctx.Deadline(); !ok {
		var cancel func()
		ctx, cancel = context.WithTimeout(ctx, defaultProbeTimeout)
		defer cancel()
	}
	hc := &http.Client{Timeout: defaultProbeTimeout}
	master := apimaster.NewClient(masterAddr, callerID, hc)
	state, err := master.GetSystemState()
	if err != nil {
		return nil, fmt.Errorf("probe %s: master: %w", topic, err)
	}
	var out []PublisherMessage
	var firstErr error
	for _, e := range state.PublishedTopics {
		if e.Name != topic {
			continue
		}
		for _, node := range e.Nodes {
			n, err := probeNode(ctx, master, hc, node, &header)
			if err != nil {
				if firstErr == nil {
					firstErr = fmt.Errorf("probe %s at %s: %w", topic, node, err)
				}
				continue
			}
			out = append(out, PublisherMessage{Node: node, Bytes: n})
		}
	}
	return out, firstErr
}

// probeNode asks node for a TCPROS connection to header.Topic and reads
// the first message's length prefix.
func probeNode(ctx context.Context, master *apimaster.Client, hc *http.Client, node string,
	header *prototcp.HeaderSubscriber) (int64, error) {
	uri, err := master.LookupNode(node)
	if err != nil {
		return 0, err
	}
	u, err := url.Parse(uri)
	if err != nil {
		return 0, fmt.Errorf("node URI %q: %w", uri, err)
	}
	proto, err := apislave.NewClient(u.Host, header.Callerid, hc).RequestTopic(header.Topic, [][]any{{"TCPROS"}})
	if err != nil {
		return 0, err
	}
	if len(proto) != 3 {
		return 0, fmt.Errorf("requestTopic answered %v", proto)
	}
	host, okHost := proto[1].(string)
	port, okPort := proto[2].(int)
	if !okHost || !okPort {
		return 0, fmt.Errorf("requestTopic answered %v", proto)
	}
	conn, err := (&net.Dialer{}).DialContext(ctx, "tcp", net.JoinHostPort(host, strconv.Itoa(port)))
	if err != nil {
		return 0, err
	}
	defer conn.Close()
	stop := context.AfterFunc(ctx, func() { conn.Close() })
	defer stop()
	if err := protocommon.HeaderEncode(conn, header); err != nil {
		return 0, err
	}
	// One buffered reader for the header and the prefix after it.
	br := bufio.NewReader(conn)
	raw, err := protocommon.HeaderRawDecode(br)
	if err != nil {
		return 0, fmt.Errorf("publisher header: %w", err)
	}
	if e, ok := raw["error"]; ok {
		return 0, fmt.Errorf("publisher refused: %s", e)
	}
	var pub prototcp.HeaderPublisher
	if err := protocommon.HeaderDecode(raw, &pub); err != nil {
		return 0, fmt.Errorf("publisher header: %w", err)
	}
	var prefix [4]byte
	if _, err := io.ReadFull(br, prefix[:]); err != nil {
		if ctx.Err() != nil {
			return 0, fmt.Errorf("no message before the deadline")
		}
		return 0, err
	}
	return int64(binary.LittleEndian.Uint32(prefix[:])), nil
}
