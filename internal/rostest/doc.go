// Package rostest starts Debian's real ROS 1 tools (roscore, rospy scripts,
// rostopic, rosbag, roslaunch) for integration tests and stops them when the
// test ends.
package rostest
