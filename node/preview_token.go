package node

import (
	"bytes"
	"fmt"
	"os"

	"github.com/depthnode/depthnode/node/params"
)

// secret says whether a parameter is declared Secret: it is never written back to the parameter
// server (publishArgParams) nor shown by dynamic_reconfigure, since anyone on the ROS graph can
// read both (`rosparam get`, `dynparam get`).
func secret(name string) bool {
	p, ok := params.Table.Find(name)
	return ok && p.IsSecret()
}

// resolvePreviewToken reads ~preview_token_file into p.PreviewToken. It returns a warning
// when the token came from the parameter server instead (set there by a launch file or
// rosparam), where anyone on the graph can read it.
func resolvePreviewToken(p *Params, a Args) (warning string, err error) {
	if p.PreviewTokenFile != "" {
		if p.PreviewToken != "" {
			return "", fmt.Errorf("%w: ~preview_token and ~preview_token_file are both set; set one", params.ErrBadParam)
		}
		b, err := os.ReadFile(p.PreviewTokenFile)
		if err != nil {
			return "", fmt.Errorf("%w: ~preview_token_file: %v", params.ErrBadParam, err)
		}
		line, _, _ := bytes.Cut(b, []byte("\n"))
		tok := string(bytes.TrimSpace(line))
		if tok == "" {
			return "", fmt.Errorf("%w: ~preview_token_file %s: the first line is empty", params.ErrBadParam, p.PreviewTokenFile)
		}
		p.PreviewToken = tok
		return "", nil
	}
	if _, onCommandLine := a.Params["preview_token"]; p.PreviewToken != "" && !onCommandLine {
		return "~preview_token was read from the parameter server, where anyone on the ROS graph can read it " +
			"(rosparam get); use ~preview_token_file or _preview_token:= instead", nil
	}
	return "", nil
}
