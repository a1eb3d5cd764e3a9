// Package eval computes the depth and surface-normal metrics of the E2E-FT / Marigold evaluation
// protocol: per-image least-squares scale and shift alignment of affine-invariant depth, AbsRel
// and delta1 averaged over images, and angular error of normals pooled over a data set.
//
// It is pure Go and knows nothing of models, ROS or file formats: callers hand it flat
// row-major arrays.
package eval
