// Package reconfigure is a dynamic_reconfigure server for goroslib nodes:
// it advertises ~set_parameters and the latched ~parameter_descriptions and
// ~parameter_updates for a table of parameters, so rqt_reconfigure, dynparam
// and dynamic_reconfigure's Python client can read and change them live.
//
// The description, the Config <-> map codec and the serialised
// check/apply/commit step are pure (param*.go, table.go, codec.go,
// check.go, engine.go) and tested without ROS; server.go is the goroslib edge.
package reconfigure
