// Package stream serves the node's live preview to a browser: one page at
// GET / and a WHEP endpoint at POST /whep that sends the camera image, the
// colour-mapped depth, the normals and the metric depth as tiles of one VP8
// video track (libvpx), with the input stamps, live statistics and hovered
// depth values on a WebRTC data channel. It encodes only while someone
// watches, and never makes the node wait for a viewer.
package stream
