package main

import (
	"fmt"
	"strings"
)

// rosNames resolves topic names like roscpp: relative names live in the
// node's namespace and remappings (from:=to) apply to resolved names.
type rosNames struct {
	namespace string // "/" or "/a/b"
	node      string
	remaps    map[string]string
}

func newRosNames(namespace, node string, remaps map[string]string) (*rosNames, error) {
	ns := "/" + strings.Trim(namespace, "/")
	if node == "" || strings.ContainsAny(node, "/~") {
		return nil, fmt.Errorf("__name %q: want a base name without / or ~", node)
	}
	n := &rosNames{namespace: ns, node: node, remaps: map[string]string{}}
	for from, to := range remaps {
		n.remaps[n.plain(from)] = n.plain(to)
	}
	return n, nil
}

// full is the node's absolute name.
func (n *rosNames) full() string { return join(n.namespace, n.node) }

// private resolves ~name (a private parameter's key).
func (n *rosNames) private(name string) string { return join(n.full(), name) }

// plain resolves name without remapping.
func (n *rosNames) plain(name string) string {
	switch {
	case strings.HasPrefix(name, "/"):
		return strings.TrimRight(name, "/")
	case strings.HasPrefix(name, "~"):
		return join(n.full(), strings.TrimLeft(name[1:], "/"))
	default:
		return join(n.namespace, name)
	}
}

// resolve resolves name and applies the remappings.
func (n *rosNames) resolve(name string) string {
	r := n.plain(name)
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
