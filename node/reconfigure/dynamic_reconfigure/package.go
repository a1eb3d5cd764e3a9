// Package dynamic_reconfigure holds goroslib definitions of the messages and
// the service of ROS's dynamic_reconfigure package (1.7), written by hand in
// goroslib's style since goroslib v2.1.5 ships none; tests check each MD5
// against Debian's generated Python module.
//
//nolint:revive
package dynamic_reconfigure
