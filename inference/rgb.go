package inference

// RGB is a packed 8-bit RGB image (rows of Width*3 bytes, R first).
type RGB struct {
	Width, Height int
	Pix           []byte
}

// resizePix sets the dimensions and makes Pix exactly Width*Height*3 bytes, reusing its capacity
// unless it is far larger than needed (see shrinkFactor).
func (m *RGB) resizePix(w, h int) {
	m.Width, m.Height = w, h
	m.Pix = growBytes(m.Pix, w*h*3)
}
