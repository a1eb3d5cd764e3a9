package main

import "errors"

// runNode publishes the synthetic camera on ROS.
func runNode(o *options) error {
	return errors.New("ROS mode is not written yet; use -write DIR")
}
