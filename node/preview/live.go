package preview

// followLive hands the live ~preview_width and ~preview_bitrate (read once for this frame) to
// the stream, which uses them from the next frame it encodes. Params.Validate has checked
// both, so the stream's own refusal cannot happen; it would keep the old value.
func (s *Stage) followLive() {
	if s.env.Live == nil {
		return
	}
	p := s.env.Live.Get()
	_ = s.srv.SetTileWidth(p.PreviewWidth)
	_ = s.srv.SetBitrate(p.PreviewBitrate)
}
