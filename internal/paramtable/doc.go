// Package paramtable declares a program's ROS private parameters once each (name, typed
// default, doc, range or choices, group, whether it can change at run time) and derives from
// that one table the defaults, typed assignment from rosparam values and _name:=value, range
// checks with messages that name the parameter, loading from the parameter server and the -h
// lines. depthnode and synthcam both declare their parameters with it.
package paramtable
