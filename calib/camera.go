package calib

import (
	"fmt"
	"math"
)

// minDepth is the smallest depth in front of the camera a point may have;
// closer points (and points behind) cannot be projected meaningfully.
const minDepth = 1e-3

// Camera projects points in the camera's optical frame (x right, y down, z
// forward, metres) to pixel coordinates of an image of Width x Height, with
// pixel centres at integer coordinates (OpenCV's convention).
//
// Unrectified (the default, for the raw `image` topic): K and D are used as
// OpenCV's projectPoints does, and R and P are ignored. Rectified (for an
// image_rect topic): D is ignored and a point is rotated by R and projected
// with the 3x4 P, as image_geometry's PinholeCameraModel does for rectified
// images.
type Camera struct {
	width, height        int
	rectified            bool
	fx, fy, cx, cy, skew float64
	p                    [12]float64 // rectified: P scaled to the image, then multiplied by [R 0; 0 1]
	dist                 distortion
	maxR2                float64 // squared undistorted radius beyond which points are refused
}

// NewCamera builds the camera model of info for an image of width x height.
// When info's size differs from the image's, the intrinsics are scaled by
// sx = width/info.Width and sy = height/info.Height about pixel centres
// (f' = f*s, c' = (c+0.5)*s-0.5), which is what resizing the whole image
// does; a size whose aspect ratio differs by more than 1% (a crop, not a
// resize) is refused with ErrCameraSize. A zero info size is taken to be
// the image's.
func NewCamera(info CameraInfo, width, height int, rectified bool) (*Camera, error) {
	if width <= 0 || height <= 0 {
		return nil, fmt.Errorf("%w: image size %dx%d", ErrCameraSize, width, height)
	}
	iw, ih := info.Width, info.Height
	if iw == 0 && ih == 0 {
		iw, ih = width, height
	}
	if iw <= 0 || ih <= 0 {
		return nil, fmt.Errorf("%w: camera_info size %dx%d", ErrCameraInfo, info.Width, info.Height)
	}
	sx, sy := float64(width)/float64(iw), float64(height)/float64(ih)
	if math.Abs(sx/sy-1) > 0.01 {
		return nil, fmt.Errorf("%w: camera_info is %dx%d, image is %dx%d: a different aspect ratio cannot be a resize", ErrCameraSize, iw, ih, width, height)
	}
	for i, v := range append(append(info.K[:], info.R[:]...), info.P[:]...) {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return nil, fmt.Errorf("%w: K/R/P entry %d is %g", ErrCameraInfo, i, v)
		}
	}
	c := &Camera{width: width, height: height, rectified: rectified}
	k := info.K
	if k[0] <= 0 || k[4] <= 0 || k[8] != 1 {
		return nil, fmt.Errorf("%w: K = %v: needs fx > 0, fy > 0 and K[8] = 1 (an uncalibrated camera publishes zeros)", ErrCameraInfo, k)
	}
	if err := checkAxis("K[0] (fx)", k[0], "K[2] (cx)", k[2], iw); err != nil {
		return nil, err
	}
	if err := checkAxis("K[4] (fy)", k[4], "K[5] (cy)", k[5], ih); err != nil {
		return nil, err
	}
	c.fx, c.skew, c.cx = k[0]*sx, k[1]*sx, (k[2]+0.5)*sx-0.5
	c.fy, c.cy = k[4]*sy, (k[5]+0.5)*sy-0.5
	if rectified {
		p := info.P
		if p[0] <= 0 || p[5] <= 0 {
			return nil, fmt.Errorf("%w: P = %v: needs P[0] > 0 and P[5] > 0 for a rectified image", ErrCameraInfo, p)
		}
		if err := checkAxis("P[0] (fx')", p[0], "P[2] (cx')", p[2], iw); err != nil {
			return nil, err
		}
		if err := checkAxis("P[5] (fy')", p[5], "P[6] (cy')", p[6], ih); err != nil {
			return nil, err
		}
		r := info.R
		if r == [9]float64{} {
			r = [9]float64{1, 0, 0, 0, 1, 0, 0, 0, 1}
		}
		// Scale P's image rows to the image size about pixel centres.
		var ps [12]float64
		for j := 0; j < 4; j++ {
			ps[j] = p[j]*sx + 0.5*(sx-1)*p[8+j]
			ps[4+j] = p[4+j]*sy + 0.5*(sy-1)*p[8+j]
			ps[8+j] = p[8+j]
		}
		for i := 0; i < 3; i++ {
			for j := 0; j < 3; j++ {
				c.p[4*i+j] = ps[4*i]*r[j] + ps[4*i+1]*r[3+j] + ps[4*i+2]*r[6+j]
			}
			c.p[4*i+3] = ps[4*i+3]
		}
		return c, nil
	}
	d, err := newDistortion(info.DistortionModel, info.D)
	if err != nil {
		return nil, err
	}
	c.dist = d
	// The farthest image corner in distorted normalised coordinates, with a
	// margin for tangential terms, bounds the radius worth projecting.
	rd := 0.0
	for _, uv := range [][2]float64{{-0.5, -0.5}, {float64(width) - 0.5, -0.5}, {-0.5, float64(height) - 0.5}, {float64(width) - 0.5, float64(height) - 0.5}} {
		y := (uv[1] - c.cy) / c.fy
		x := (uv[0] - c.cx - c.skew*y) / c.fx
		rd = math.Max(rd, math.Hypot(x, y))
	}
	r := d.validRadius(rd * 1.1)
	c.maxR2 = r * r
	return c, nil
}

// Width returns the image width the camera projects into.
func (c *Camera) Width() int { return c.width }

// Height returns the image height the camera projects into.
func (c *Camera) Height() int { return c.height }

// Project returns the pixel coordinates of p (camera optical frame) and
// whether it lands in the image: points at z <= 1 mm, outside the image, or
// beyond the radius where the distortion model is valid are refused.
func (c *Camera) Project(p Vec3) (u, v float64, ok bool) {
	if c.rectified {
		m := &c.p
		w := m[8]*p.X + m[9]*p.Y + m[10]*p.Z + m[11]
		if !(w > minDepth) {
			return 0, 0, false
		}
		u = (m[0]*p.X + m[1]*p.Y + m[2]*p.Z + m[3]) / w
		v = (m[4]*p.X + m[5]*p.Y + m[6]*p.Z + m[7]) / w
	} else {
		if !(p.Z > minDepth && p.Z <= math.MaxFloat64) { // also refuses NaN and Inf
			return 0, 0, false
		}
		iz := 1 / p.Z
		a, b := p.X*iz, p.Y*iz
		r2 := a*a + b*b
		if !(r2 <= c.maxR2) {
			return 0, 0, false
		}
		x, y := c.dist.apply(a, b, r2)
		u = c.fx*x + c.skew*y + c.cx
		v = c.fy*y + c.cy
	}
	if !(u >= -0.5 && u < float64(c.width)-0.5 && v >= -0.5 && v < float64(c.height)-0.5) {
		return 0, 0, false
	}
	return u, v, true
}
