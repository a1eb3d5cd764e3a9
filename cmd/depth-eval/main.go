// Command depth-eval scores a depth and normals model (or saved predictions) on a data set
// folder with the E2E-FT evaluation protocol: per-image least-squares scale and shift, AbsRel
// and delta1 for depth; angular error statistics for normals.
package main

import "os"

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}
