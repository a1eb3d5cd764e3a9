package colormap

// NormalsRGB colours unit surface normals given in the camera's optical
// frame (x right, y down, z forward; pointing toward the camera) the way
// E2E-FT shows its own output: the model's native axes are the optical ones
// negated (+x faces left, +y faces up, +z faces the camera), and each native
// component n becomes round((n+1)/2*255). normals holds x,y,z per pixel; a
// pixel with a NaN component becomes black. dst is reused when it has the
// capacity and the result is returned.
func NormalsRGB(normals []float32, dst []byte) []byte {
	n := len(normals) / 3
	dst = grow(dst, 3*n)
	for i := 0; i < n; i++ {
		v := normals[3*i : 3*i+3 : 3*i+3]
		p := dst[3*i : 3*i+3 : 3*i+3]
		if v[0] != v[0] || v[1] != v[1] || v[2] != v[2] {
			p[0], p[1], p[2] = 0, 0, 0
			continue
		}
		p[0], p[1], p[2] = normalLevel(v[0]), normalLevel(v[1]), normalLevel(v[2])
	}
	return dst
}

// normalLevel maps an optical component c to round((-c+1)/2*255), clamped.
func normalLevel(c float32) byte {
	l := (1-c)*127.5 + 0.5
	if !(l > 0) {
		return 0
	}
	if l >= 255 {
		return 255
	}
	return byte(l)
}
