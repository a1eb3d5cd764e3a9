// Package rosargs is the ROS 1 command line and environment as roscpp reads
// them, which goroslib leaves to its users: from:=to remappings,
// _param:=value private parameters typed like rosparam, the __name, __ns,
// __master, __ip and __hostname specials, graph-name validation and
// resolution, and ROS_MASTER_URI, ROS_IP, ROS_HOSTNAME and ROS_NAMESPACE with
// ROS's precedence. It is pure Go so that every command of the module can
// use it without goroslib or cgo.
package rosargs
