// Package preview is the node's browser-preview stage: it serves package stream's WebRTC
// page from the node's finished frames and costs nothing while nobody watches.
package preview
