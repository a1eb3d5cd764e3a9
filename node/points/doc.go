// Package points is the node's 3D output stage: from the metric depth of the stages before it
// (FrameOutput.Metric) it publishes depth/points, a sensor_msgs/PointCloud2 laid out as PCL's
// PointXYZRGBNormal (package cloud), and depth/metric/compressedDepth, the metric depth in
// compressed_depth_image_transport's format (package depthcodec), each only while it has a
// subscriber.
package points
