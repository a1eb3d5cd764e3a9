package node

import "github.com/depthnode/depthnode/internal/rosargs"

// Args is the ROS command line of the node, as rosrun and roslaunch pass it
// (see rosargs.Args).
type Args = rosargs.Args

// ErrHelp is returned by ParseArgs when -h or --help was given.
var ErrHelp = rosargs.ErrHelp

// ErrBadArgument is wrapped by every command-line error.
var ErrBadArgument = rosargs.ErrBadArgument

// ErrBadName is wrapped when a node name, namespace or topic name is not a valid ROS name.
var ErrBadName = rosargs.ErrBadName

// ErrBadMaster is wrapped when the master URI cannot be read.
var ErrBadMaster = rosargs.ErrBadMaster

// ParseArgs reads ROS-style arguments (without the program name) with
// rosargs.Parse: remaps, _param:=value, __name, __ns, __master, __ip and
// __hostname; other __x:= (roslaunch's __log:=) are accepted and ignored.
func ParseArgs(args []string) (Args, error) { return rosargs.Parse(args) }
