package rosargs

import (
	"errors"
	"fmt"
	"strings"
)

// ErrBadName is wrapped when a node name, namespace or topic name is not a valid ROS name.
var ErrBadName = errors.New("invalid ROS name")

// Names resolves topic and parameter names the way roscpp does: relative
// names live in the node's namespace, ~names under the node itself, and the
// command line's remappings apply to the resolved names.
type Names struct {
	namespace string // "/" or "/a/b"
	node      string // base name
	remaps    map[string]string
}

// NewNames checks the namespace and node name and resolves the remappings
// (from:=to, both as written) in that namespace.
func NewNames(namespace, node string, remaps map[string]string) (*Names, error) {
	ns, err := cleanNamespace(namespace)
	if err != nil {
		return nil, err
	}
	if !validBaseName(node) {
		return nil, fmt.Errorf("%w: node name %q must be a base name (letters, digits, _; no slashes)", ErrBadName, node)
	}
	n := &Names{namespace: ns, node: node, remaps: map[string]string{}}
	for from, to := range remaps {
		n.remaps[n.Plain(from)] = n.Plain(to)
	}
	return n, nil
}

// cleanNamespace makes a namespace absolute without a trailing slash, as ROS
// treats __ns:=camera and ROS_NAMESPACE=/camera/ alike.
func cleanNamespace(ns string) (string, error) {
	ns = strings.TrimRight(ns, "/")
	if ns == "" {
		return "/", nil
	}
	if !strings.HasPrefix(ns, "/") {
		ns = "/" + ns
	}
	if !validName(ns) || strings.Contains(ns, "~") {
		return "", fmt.Errorf("%w: namespace %q", ErrBadName, ns)
	}
	return ns, nil
}

// Namespace is the node's namespace, absolute without a trailing slash ("/" at the root).
func (n *Names) Namespace() string { return n.namespace }

// Node is the node's base name.
func (n *Names) Node() string { return n.node }

// FullNode is the node's absolute name.
func (n *Names) FullNode() string { return join(n.namespace, n.node) }

// Plain resolves a name without remapping.
func (n *Names) Plain(name string) string {
	switch {
	case strings.HasPrefix(name, "/"):
		return strings.TrimRight(name, "/")
	case strings.HasPrefix(name, "~"):
		return join(n.FullNode(), strings.TrimLeft(name[1:], "/"))
	default:
		return join(n.namespace, name)
	}
}

// Resolve resolves a name and applies the remappings.
func (n *Names) Resolve(name string) string {
	r := n.Plain(name)
	if to, ok := n.remaps[r]; ok {
		return to
	}
	return r
}

func join(ns, name string) string {
	if ns == "/" {
		return "/" + name
	}
	return ns + "/" + name
}

// validName accepts ROS graph names: letters, digits, _ and /, with ~ only
// in front, and no empty or digit-leading segments.
func validName(s string) bool {
	if s == "" {
		return false
	}
	if s[0] == '~' {
		s = s[1:]
		if s == "" {
			return false
		}
	}
	s = strings.TrimPrefix(s, "/")
	s = strings.TrimSuffix(s, "/")
	if s == "" {
		return true // the root namespace
	}
	for _, seg := range strings.Split(s, "/") {
		if !validBaseName(seg) {
			return false
		}
	}
	return true
}

func validBaseName(s string) bool {
	if s == "" {
		return false
	}
	for i, c := range s {
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z':
		case c == '_':
		case c >= '0' && c <= '9' && i > 0:
		default:
			return false
		}
	}
	return true
}

// ValidName says whether s is a valid ROS graph name (relative, private or absolute).
func ValidName(s string) bool { return validName(s) }
