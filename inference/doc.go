// Package inference runs E2E-FT style single-step depth and surface-normal ONNX models through
// ONNX Runtime, with the reference pre- and postprocessing (antialiased bilinear resize to the
// processing resolution, [-1,1] input, clip and stretch of depth, normalised normals converted to
// the optical frame). It knows nothing about ROS: images arrive as plain fields.
package inference
