package main

import (
	"fmt"
	"strconv"
	"strings"
)

// rosArgs is the ROS part of the command line. It is parsed here rather
// than with node.ParseArgs so that synthcam, a test and demo tool, stays
// free of the node's ONNX Runtime dependency.
type rosArgs struct {
	remaps                         map[string]string
	params                         map[string]any
	name, ns, master, ip, hostname string
}

// parseRosArgs reads from:=to, _param:=value and __special:=value
// arguments; other __x:= (roslaunch's __log:=) are accepted and ignored.
func parseRosArgs(args []string) (rosArgs, error) {
	r := rosArgs{remaps: map[string]string{}, params: map[string]any{}}
	for _, a := range args {
		from, to, _ := strings.Cut(a, ":=")
		switch {
		case from == "__name":
			r.name = to
		case from == "__ns":
			r.ns = to
		case from == "__master":
			r.master = to
		case from == "__ip":
			r.ip = to
		case from == "__hostname":
			r.hostname = to
		case strings.HasPrefix(from, "__"):
		case strings.HasPrefix(from, "_"):
			if len(from) < 2 {
				return r, fmt.Errorf("argument %q: empty parameter name", a)
			}
			r.params[from[1:]] = paramValue(to)
		default:
			if from == "" || to == "" {
				return r, fmt.Errorf("argument %q: want from:=to", a)
			}
			r.remaps[from] = to
		}
	}
	return r, nil
}

// paramValue types a value like rosparam: int, float, bool, else string.
func paramValue(s string) any {
	switch strings.ToLower(s) {
	case "true":
		return true
	case "false":
		return false
	}
	if i, err := strconv.Atoi(s); err == nil {
		return i
	}
	if f, err := strconv.ParseFloat(s, 64); err == nil && strings.ContainsAny(s, "0123456789") {
		return f
	}
	return s
}
