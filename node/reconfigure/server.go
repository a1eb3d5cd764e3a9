package reconfigure

import (
	"fmt"
	"strings"
	"sync"

	"github.com/bluenviron/goroslib/v2"

	drmsg "github.com/depthnode/depthnode/node/reconfigure/dynamic_reconfigure"
)

// ServerConf configures a Server.
type ServerConf struct {
	// Node is the goroslib node that advertises the service and topics.
	Node *goroslib.Node
	// Namespace is the absolute private namespace the names go under,
	// usually the node's own name ("/front/depthnode"), since goroslib does not resolve "~".
	Namespace string
	// Params describe the parameters, in the order rqt_reconfigure shows them.
	Params []Param
	// Initial holds the values in force at start (the loaded ~parameters);
	// a parameter missing from it starts at its Default.
	Initial map[string]any
	// Apply takes an accepted change set all or nothing; see ApplyFunc.
	Apply ApplyFunc
	// Logf receives one line per refused request saying what and why (nil: dropped).
	Logf func(format string, args ...any)
}

// Server is a running dynamic_reconfigure server: ~set_parameters
// (dynamic_reconfigure/Reconfigure) and the latched ~parameter_descriptions
// and ~parameter_updates. Accepted values are also written to ~name on the
// parameter server, as roscpp's and rospy's servers do.
type Server struct {
	node     *goroslib.Node
	ns       string
	e        *engine
	descr    *goroslib.Publisher
	updates  *goroslib.Publisher
	provider *goroslib.ServiceProvider
	once     sync.Once
}

// New validates conf, publishes the description and the initial values and
// advertises the service.
func New(conf ServerConf) (*Server, error) {
	ns := conf.Namespace
	if !strings.HasPrefix(ns, "/") || len(ns) < 2 || strings.HasSuffix(ns, "/") {
		return nil, fmt.Errorf("%w: namespace %q must be absolute, like /camera/node", ErrBadParams, ns)
	}
	t, err := newTable(conf.Params)
	if err != nil {
		return nil, err
	}
	e, err := newEngine(t, conf.Initial, conf.Apply, conf.Logf)
	if err != nil {
		return nil, err
	}
	if conf.Node == nil {
		return nil, fmt.Errorf("%w: no Node", ErrBadParams)
	}
	s := &Server{node: conf.Node, ns: ns, e: e}
	if err := s.start(); err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

func (s *Server) start() error {
	var err error
	s.descr, err = goroslib.NewPublisher(goroslib.PublisherConf{
		Node: s.node, Topic: s.ns + "/parameter_descriptions", Msg: &drmsg.ConfigDescription{}, Latch: true,
	})
	if err != nil {
		return fmt.Errorf("parameter_descriptions: %w", err)
	}
	d := s.e.t.description()
	s.descr.Write(&d)

	s.updates, err = goroslib.NewPublisher(goroslib.PublisherConf{
		Node: s.node, Topic: s.ns + "/parameter_updates", Msg: &drmsg.Config{}, Latch: true,
	})
	if err != nil {
		return fmt.Errorf("parameter_updates: %w", err)
	}
	cur := s.e.snapshot()
	c := s.e.t.encode(cur)
	s.updates.Write(&c)
	s.e.commit = s.commit
	// Like rospy's server, start with the parameter server showing every value in force.
	for _, p := range s.e.t.params {
		if err := s.setParam(s.ns+"/"+p.Name, cur[p.Name]); err != nil {
			return fmt.Errorf("writing %s/%s to the parameter server: %w", s.ns, p.Name, err)
		}
	}

	s.provider, err = goroslib.NewServiceProvider(goroslib.ServiceProviderConf{
		Node: s.node, Name: s.ns + "/set_parameters", Srv: &drmsg.Reconfigure{},
		Callback: func(req *drmsg.ReconfigureReq) (*drmsg.ReconfigureRes, bool) {
			return &drmsg.ReconfigureRes{Config: s.e.reconfigure(req.Config)}, true
		},
	})
	if err != nil {
		return fmt.Errorf("set_parameters: %w", err)
	}
	return nil
}

// commit runs under the engine's lock after an accepted change, so the
// updates go out in the order the changes were applied.
func (s *Server) commit(cfg drmsg.Config, changed map[string]any) {
	s.updates.Write(&cfg)
	for n, v := range changed {
		if err := s.setParam(s.ns+"/"+n, v); err != nil {
			s.e.logf("dynamic_reconfigure: writing %s/%s to the parameter server: %v", s.ns, n, err)
		}
	}
}

// xmlText escapes the characters XML text cannot hold as they are.
var xmlText = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;")

func (s *Server) setParam(key string, v any) error {
	switch x := v.(type) {
	case bool:
		return s.node.ParamSetBool(key, x)
	case int:
		return s.node.ParamSetInt(key, x)
	case float64:
		return s.node.ParamSetFloat64(key, x)
	case string:
		// goroslib writes the string into its XML-RPC request as it is: a '<' or '&' in a
		// value (a TURN URL's query, a token) would make the request malformed.
		return s.node.ParamSetString(key, xmlText.Replace(x))
	}
	return fmt.Errorf("unsupported value %T", v)
}

// Current returns a copy of the values in force; safe to call at any time.
func (s *Server) Current() map[string]any { return s.e.snapshot() }

// Update changes values from inside the node along the same path as a
// request (checks, Apply, ~parameter_updates); a refusal returns the old
// values and an error wrapping ErrRefused.
func (s *Server) Update(changes map[string]any) (map[string]any, error) {
	return s.e.update(changes)
}

// Close stops the service and the topics; a request being handled finishes first.
func (s *Server) Close() {
	s.once.Do(func() {
		if s.provider != nil {
			s.provider.Close()
		}
		if s.updates != nil {
			s.updates.Close()
		}
		if s.descr != nil {
			s.descr.Close()
		}
	})
}
