package rosargs

import (
	"errors"
	"fmt"
	"strings"
)

// ErrHelp is returned by Parse when -h or --help was given.
var ErrHelp = errors.New("help requested")

// ErrBadArgument is wrapped by every command-line error.
var ErrBadArgument = errors.New("bad command-line argument")

// Args is the ROS command line of a node, as rosrun and roslaunch pass it.
type Args struct {
	// Remaps maps a topic name to its replacement (from:=to), both as written.
	Remaps map[string]string
	// Params holds the private parameters given as _name:=value, typed like rosparam.
	Params map[string]any
	// ParamText holds the same parameters' raw text, for string parameters
	// whose value happens to look like a number.
	ParamText map[string]string
	// Name is __name:= ("" when absent).
	Name string
	// Namespace is __ns:= ("" when absent).
	Namespace string
	// Master is __master:= ("" when absent).
	Master string
	// IP is __ip:= ("" when absent).
	IP string
	// Hostname is __hostname:= ("" when absent).
	Hostname string
}

// Parse reads ROS-style arguments (without the program name). Special
// arguments other than __name, __ns, __master, __ip and __hostname (roslaunch
// adds __log:=) are accepted and ignored.
func Parse(args []string) (Args, error) {
	a := Args{Remaps: map[string]string{}, Params: map[string]any{}, ParamText: map[string]string{}}
	for _, arg := range args {
		switch arg {
		case "-h", "--help", "-help":
			return a, ErrHelp
		}
		from, to, ok := strings.Cut(arg, ":=")
		if !ok {
			return a, fmt.Errorf("%w %q: expected from:=to, _param:=value or __special:=value (see -h)", ErrBadArgument, arg)
		}
		switch {
		case strings.HasPrefix(from, "__"):
			switch from {
			case "__name":
				a.Name = to
			case "__ns":
				a.Namespace = to
			case "__master":
				a.Master = to
			case "__ip":
				a.IP = to
			case "__hostname":
				a.Hostname = to
			}
		case strings.HasPrefix(from, "_"):
			name := from[1:]
			if !validBaseName(name) {
				return a, fmt.Errorf("%w %q: %q is not a valid parameter name", ErrBadArgument, arg, name)
			}
			a.Params[name] = ParseValue(to)
			a.ParamText[name] = to
		default:
			if !validName(from) || !validName(to) {
				return a, fmt.Errorf("%w %q: remapping needs two valid ROS names", ErrBadArgument, arg)
			}
			a.Remaps[from] = to
		}
	}
	return a, nil
}
