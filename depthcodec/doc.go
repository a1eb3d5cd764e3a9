// Package depthcodec writes and reads the compressedDepth format of ROS's
// compressed_depth_image_transport for 32FC1 depth images: a 12-byte
// configuration header followed by a 16-bit grayscale PNG of quantised
// inverse depth, the payload of a sensor_msgs/CompressedImage on the
// `<image>/compressedDepth` topic.
//
// It is pure Go and knows nothing of ROS messages.
package depthcodec
