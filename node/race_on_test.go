//go:build race

package node

// raceDetector is true when the tests run under -race, which slows the node and multiplies
// its memory: measurements of either are then meaningless.
const raceDetector = true
