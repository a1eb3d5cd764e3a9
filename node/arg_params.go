package node

import (
	"fmt"
	"maps"
	"slices"
)

// publishArgParams writes the command line's _name:=value onto the
// parameter server as ~name, as roscpp and rospy do, so `rosparam get`
// shows what the node runs with; secrets (the preview token) stay off it. A failure costs a
// log line only.
func (n *Node) publishArgParams(a Args) {
	for _, name := range slices.Sorted(maps.Keys(a.Params)) {
		if secret(name) {
			continue
		}
		key := n.conn.Names.Plain("~" + name)
		var err error
		switch v := a.Params[name].(type) {
		case int:
			err = n.ros.ParamSetInt(key, v)
		case float64:
			err = n.ros.ParamSetFloat64(key, v)
		case bool:
			err = n.ros.ParamSetBool(key, v)
		case string:
			err = n.ros.ParamSetString(key, xmlEscape(v))
		}
		if err != nil {
			n.log.Warn(fmt.Sprintf("could not set %s on the parameter server: %v", key, err))
		}
	}
}

// xmlEscape protects a string parameter: goroslib writes string values into
// its XML-RPC request without escaping them.
func xmlEscape(s string) string {
	r := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '&':
			r = append(r, "&amp;"...)
		case '<':
			r = append(r, "&lt;"...)
		case '>':
			r = append(r, "&gt;"...)
		default:
			r = append(r, s[i])
		}
	}
	return string(r)
}
