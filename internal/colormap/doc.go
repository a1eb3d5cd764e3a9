// Package colormap turns relative depth and surface normals into 8-bit colour
// images for people to look at: Turbo for depth (as OpenCV's COLORMAP_TURBO),
// and the E2E-FT (n+1)/2 convention for normals. It is pure Go so the node
// and the preview stream share it without linking OpenCV.
package colormap

//go:generate go run gen_turbo.go
