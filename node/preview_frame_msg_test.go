package node

// previewFrameMsg is the part of the stream's per-frame data channel
// message the node's tests read.
type previewFrameMsg struct {
	T      string `json:"t"`
	Layout struct {
		Tiles []string `json:"tiles"`
	} `json:"layout"`
	Stats struct {
		InputFPS  float64 `json:"input_fps"`
		OutputFPS float64 `json:"output_fps"`
		ModelMs   float64 `json:"model_ms"`
		Device    string  `json:"device"`
		Align     struct {
			Enabled bool `json:"enabled"`
		} `json:"align"`
	} `json:"stats"`
}
