package cloud

import (
	"encoding/binary"
	"fmt"
	"math"
)

// quietNaN is std::numeric_limits<float>::quiet_NaN(), what
// depth_image_proc writes for a removed point.
const quietNaN = 0x7fc00000

// Builder turns frames into clouds with fixed, validated options. It has no
// per-frame state (the buffer is the caller's dst), so one Builder may serve
// frames of any size, and concurrent Builds are safe with distinct dsts.
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
// One function with the stores inline: a call per point costs more than the
// point's arithmetic.
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
	depth, normals, rgb := in.Depth, in.Normals, in.RGB
	le := binary.LittleEndian
	n := 0
	for v := 0; v < h; v += step {
		fy := float32(v) - cy
		for u := 0; u < w; u += step {
			i := v*w + u
			d := depth[i]
			x := (float32(u) - cx) * d * kx
			y := fy * d * ky
			r2 := x*x + y*y + d*d
			keep := false
			switch {
			case !validDepth(d):
				rep.Invalid++
			case r2 < min2 || r2 > max2:
				rep.OutOfRange++
			case edge > 0 && (v == 0 || v+1 == h || u == 0 || u+1 == w || steep(depth, w, i, d, edge*d)) &&
				flying(depth, w, h, u, v, d, edge*d):
				rep.Edge++
			default:
				keep = true
			}
			if !keep && !o.Organized {
				continue
			}
			p := data[n*PointStep : (n+1)*PointStep : (n+1)*PointStep]
			n++
			if !keep {
				putRemoved(p)
				continue
			}
			rep.Points++
			var nx, ny, nz uint32
			if normals != nil {
				nn := normals[3*i : 3*i+3 : 3*i+3]
				nx, ny, nz = math.Float32bits(nn[0]), math.Float32bits(nn[1]), math.Float32bits(nn[2])
			}
			var c uint32
			if rgb != nil {
				cc := rgb[3*i : 3*i+3 : 3*i+3]
				c = PackRGB(cc[0], cc[1], cc[2])
			}
			le.PutUint64(p[OffsetX:], pair(math.Float32bits(x), math.Float32bits(y)))
			le.PutUint64(p[OffsetZ:], pair(math.Float32bits(d), one))
			le.PutUint64(p[OffsetNormalX:], pair(nx, ny))
			le.PutUint64(p[OffsetNormalZ:], uint64(nz)) // and the 0.0 pad
			le.PutUint64(p[OffsetRGB:], uint64(c))      // curvature 0
			le.PutUint64(p[OffsetTailPad:], 0)
		}
	}
	return n
}

// one is the bits of float32 1.0, PCL's homogeneous coordinate.
const one = 0x3f800000

// pair packs two little-endian 32-bit words, lo first, into one 64-bit store.
func pair(lo, hi uint32) uint64 { return uint64(lo) | uint64(hi)<<32 }

// putRemoved writes an organised cloud's placeholder: NaN position and normal.
func putRemoved(p []byte) {
	le := binary.LittleEndian
	_ = p[PointStep-1]
	le.PutUint64(p[OffsetX:], pair(quietNaN, quietNaN))
	le.PutUint64(p[OffsetZ:], pair(quietNaN, one))
	le.PutUint64(p[OffsetNormalX:], pair(quietNaN, quietNaN))
	le.PutUint64(p[OffsetNormalZ:], quietNaN)
	le.PutUint64(p[OffsetRGB:], 0)
	le.PutUint64(p[OffsetTailPad:], 0)
}
