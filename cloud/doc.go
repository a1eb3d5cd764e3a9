// Package cloud turns metric depth, colour and normals into a point cloud laid
// out exactly as pcl::toROSMsg writes a pcl::PointCloud<pcl::PointXYZRGBNormal>
// into a sensor_msgs/PointCloud2, with the geometry of depth_image_proc's
// point_cloud_xyz.
//
// It is pure Go and knows nothing of ROS messages: the node copies Cloud's
// fields into a PointCloud2 at the edge.
package cloud
