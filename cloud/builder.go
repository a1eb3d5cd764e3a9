package cloud

import (
	"encoding/binary"
	"fmt"
	"math"
)

// quietNaN is std::numeric_limits<float>::quiet_NaN(), what
// depth_image_proc writes for a removed point.
const quietNaN = 0x7fc00000

// Builder turns frames into clouds with fixed, validated options. It holds
// no per-frame state, so one Builder may serve any image size; it is not
// safe for concurrent use only because callers share dst buffers.
type Builder struct {
	opts   Options
	fields []Field
}

// NewBuilder validates o and returns a Builder.
func NewBuilder(o Options) (*Builder, error) {
	if err := o.Validate(); err != nil {
		return nil, err
	}
	return &Builder{opts: o, fields: Fields()}, nil
}

// Options returns the Builder's options.
func (b *Builder) Options() Options { return b.opts }

// Grid is the organised cloud's size for a width x height image: every
// Stride-th pixel from (0,0), so ceil(width/Stride) x ceil(height/Stride).
func (b *Builder) Grid(width, height int) (gw, gh int) {
	n := b.opts.Stride
	return (width + n - 1) / n, (height + n - 1) / n
}

// MaxBytes is the capacity dst needs for Build to write a width x height
// frame without allocating: the full grid, also for a dense cloud, whose
// point count is known only after the pass.
func (b *Builder) MaxBytes(width, height int) int {
	gw, gh := b.Grid(width, height)
	return gw * gh * PointStep
}

// Build writes the cloud of in into dst (from index 0, whatever dst held)
// and returns it with its report. When cap(dst) < MaxBytes it allocates a new
// buffer instead, so Build(nil, ...) always gives a fresh one.
//
// Cloud.Data aliases dst: goroslib serialises a message after Publisher.Write
// returns, in each subscriber's goroutine, so a dst handed to Build must not
// be one whose cloud may still be on its way. The caller decides: a fresh
// buffer per frame (nil), or reuse once it knows the previous message is gone.
// With a reused dst Build makes no allocations.
func (b *Builder) Build(dst []byte, in *Input) (Cloud, Report, error) {
	if err := in.Validate(); err != nil {
		return Cloud{}, Report{}, err
	}
	need := b.MaxBytes(in.Width, in.Height)
	if uint64(need) > math.MaxUint32 {
		return Cloud{}, Report{}, fmt.Errorf("%w: a %dx%d cloud at stride %d needs %d bytes, more than a PointCloud2 holds",
			ErrInput, in.Width, in.Height, b.opts.Stride, need)
	}
	if cap(dst) < need {
		dst = make([]byte, need)
	}
	data := dst[:need]
	rep := Report{Normals: in.Normals != nil, Color: in.RGB != nil}
	n := b.written(data, in, &rep)
	gw, gh := b.Grid(in.Width, in.Height)
	c := Cloud{Fields: b.fields, PointStep: PointStep, Data: data[:n*PointStep]}
	if b.opts.Organized {
		c.Width, c.Height, c.IsDense = uint32(gw), uint32(gh), false
	} else {
		c.Width, c.Height, c.IsDense = uint32(n), 1, true
	}
	c.RowStep = c.Width * PointStep
	return c, rep, nil
}

// written fills data with the points of in and returns how many it wrote.
func (b *Builder) written(data []byte, in *Input, rep *Report) int {
	o := &b.opts
	w, h, step := in.Width, in.Height, o.Stride
	// The same float32 steps as depth_image_proc's convert(): pixel u sits at
	// x = (u - cx) * z * (1/fx), the pixel index itself being the centre.
	cx, cy := float32(in.Intrinsics.Cx), float32(in.Intrinsics.Cy)
	kx, ky := float32(1/in.Intrinsics.Fx), float32(1/in.Intrinsics.Fy)
	min2 := float32(o.MinRange * o.MinRange)
	max2 := float32(math.Inf(1))
	if o.MaxRange > 0 {
		max2 = float32(o.MaxRange * o.MaxRange)
	}
	edge := float32(o.EdgeThreshold)
	n := 0
	for v := 0; v < h; v += step {
		fy := float32(v) - cy
		for u := 0; u < w; u += step {
			i := v*w + u
			d := in.Depth[i]
			x := (float32(u) - cx) * d * kx
			y := fy * d * ky
			r2 := x*x + y*y + d*d
			keep := false
			switch {
			case !validDepth(d):
				rep.Invalid++
			case r2 < min2 || r2 > max2:
				rep.OutOfRange++
			case edge > 0 && flying(in.Depth, w, h, u, v, i, d, edge*d):
				rep.Edge++
			default:
				keep = true
			}
			p := data[n*PointStep : (n+1)*PointStep : (n+1)*PointStep]
			switch {
			case keep:
				rep.Points++
				putPoint(p, x, y, d, in, i)
			case o.Organized:
				putRemoved(p)
			default:
				continue
			}
			n++
		}
	}
	return n
}

// putPoint writes one kept point, padding included, as PCL lays it out.
func putPoint(p []byte, x, y, z float32, in *Input, i int) {
	le := binary.LittleEndian
	_ = p[PointStep-1]
	le.PutUint32(p[OffsetX:], math.Float32bits(x))
	le.PutUint32(p[OffsetY:], math.Float32bits(y))
	le.PutUint32(p[OffsetZ:], math.Float32bits(z))
	le.PutUint32(p[OffsetW:], math.Float32bits(1))
	var nx, ny, nz float32
	if in.Normals != nil {
		nn := in.Normals[3*i : 3*i+3 : 3*i+3]
		nx, ny, nz = nn[0], nn[1], nn[2]
	}
	le.PutUint32(p[OffsetNormalX:], math.Float32bits(nx))
	le.PutUint32(p[OffsetNormalY:], math.Float32bits(ny))
	le.PutUint32(p[OffsetNormalZ:], math.Float32bits(nz))
	le.PutUint32(p[OffsetNormalPad:], 0)
	var rgb uint32
	if in.RGB != nil {
		c := in.RGB[3*i : 3*i+3 : 3*i+3]
		rgb = PackRGB(c[0], c[1], c[2])
	}
	le.PutUint32(p[OffsetRGB:], rgb)
	le.PutUint32(p[OffsetCurvature:], 0)
	le.PutUint64(p[OffsetTailPad:], 0)
}

// putRemoved writes an organised cloud's placeholder: NaN position and normal.
func putRemoved(p []byte) {
	le := binary.LittleEndian
	_ = p[PointStep-1]
	le.PutUint32(p[OffsetX:], quietNaN)
	le.PutUint32(p[OffsetY:], quietNaN)
	le.PutUint32(p[OffsetZ:], quietNaN)
	le.PutUint32(p[OffsetW:], math.Float32bits(1))
	le.PutUint32(p[OffsetNormalX:], quietNaN)
	le.PutUint32(p[OffsetNormalY:], quietNaN)
	le.PutUint32(p[OffsetNormalZ:], quietNaN)
	le.PutUint32(p[OffsetNormalPad:], 0)
	le.PutUint64(p[OffsetRGB:], 0)
	le.PutUint64(p[OffsetTailPad:], 0)
}
