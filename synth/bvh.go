package synth

import (
	"math"
	"sort"
)

// bvh is a bounding volume hierarchy over the bounded objects' boxes, so
// a ray tests a handful of objects instead of all of them. Its shape is a
// pure function of the objects, so results stay deterministic.
type bvh struct {
	nodes []bvhNode
	// items are object indices; leaves own contiguous runs.
	items []int
}

// bvhNode is an axis-aligned box; a leaf when count > 0 (items[first:first+count]),
// else its children are nodes first and first+1.
type bvhNode struct {
	lo, hi       Vec3
	first, count int
}

// leafSize is the most objects a leaf holds.
const leafSize = 1

// aabb is an axis-aligned box.
type aabb struct{ lo, hi Vec3 }

func buildBVH(objs []int, boxes []aabb) *bvh {
	b := &bvh{items: append([]int(nil), objs...)}
	if len(objs) > 0 {
		b.nodes = make([]bvhNode, 1, 2*len(objs))
		b.split(0, 0, len(objs), boxes)
	}
	return b
}

func (b *bvh) split(node, first, count int, boxes []aabb) {
	lo := Vec3{math.Inf(1), math.Inf(1), math.Inf(1)}
	hi := lo.Scale(-1)
	for _, i := range b.items[first : first+count] {
		bx := boxes[i]
		lo = Vec3{math.Min(lo.X, bx.lo.X), math.Min(lo.Y, bx.lo.Y), math.Min(lo.Z, bx.lo.Z)}
		hi = Vec3{math.Max(hi.X, bx.hi.X), math.Max(hi.Y, bx.hi.Y), math.Max(hi.Z, bx.hi.Z)}
	}
	b.nodes[node] = bvhNode{lo: lo, hi: hi}
	if count <= leafSize {
		b.nodes[node].first, b.nodes[node].count = first, count
		return
	}
	// Median split of the box centres along the widest extent.
	ext := hi.Sub(lo)
	axis := func(v Vec3) float64 { return v.X }
	if ext.Y > ext.X && ext.Y >= ext.Z {
		axis = func(v Vec3) float64 { return v.Y }
	} else if ext.Z > ext.X && ext.Z > ext.Y {
		axis = func(v Vec3) float64 { return v.Z }
	}
	centre := func(i int) float64 { return axis(boxes[i].lo) + axis(boxes[i].hi) }
	run := b.items[first : first+count]
	sort.SliceStable(run, func(p, q int) bool { return centre(run[p]) < centre(run[q]) })
	left := len(b.nodes)
	b.nodes = append(b.nodes, bvhNode{}, bvhNode{})
	b.nodes[node].first = left
	half := count / 2
	b.split(left, first, half, boxes)
	b.split(left+1, first+half, count-half, boxes)
}

// slab returns the entry distance of the ray into node n, or +Inf if the ray
// misses it before tmax; inv is 1/d per component.
func (n *bvhNode) slab(o, inv Vec3, tmax float64) float64 {
	t0, t1 := 0.0, tmax
	t0, t1 = clipSlab(n.lo.X, n.hi.X, o.X, inv.X, t0, t1)
	t0, t1 = clipSlab(n.lo.Y, n.hi.Y, o.Y, inv.Y, t0, t1)
	t0, t1 = clipSlab(n.lo.Z, n.hi.Z, o.Z, inv.Z, t0, t1)
	if t0 > t1 {
		return math.Inf(1)
	}
	return t0
}

// clipSlab narrows the ray interval [t0,t1] to one axis' slab [lo,hi]. NaN
// (0*Inf when the ray lies in a slab face) compares false, so it is ignored.
func clipSlab(lo, hi, o, inv, t0, t1 float64) (float64, float64) {
	ta, tb := (lo-o)*inv, (hi-o)*inv
	if ta > tb {
		ta, tb = tb, ta
	}
	if ta > t0 {
		t0 = ta
	}
	if tb < t1 {
		t1 = tb
	}
	return t0, t1
}

// nearest walks the tree for the nearest hit before h.T (nearer nodes
// first), updating h; with anyHit it stops at the first hit found.
func (b *bvh) nearest(objs []Object, o, d Vec3, h *Hit, anyHit bool) bool {
	if len(b.nodes) == 0 {
		return false
	}
	inv := Vec3{1 / d.X, 1 / d.Y, 1 / d.Z}
	type entry struct {
		node int
		t    float64
	}
	var stack [64]entry
	t := b.nodes[0].slab(o, inv, h.T)
	if t == math.Inf(1) {
		return false
	}
	stack[0] = entry{0, t}
	sp, found := 1, false
	for sp > 0 {
		sp--
		e := stack[sp]
		// A hit found meanwhile may already be nearer than this node.
		if e.t >= h.T {
			continue
		}
		n := &b.nodes[e.node]
		if n.count > 0 {
			for _, i := range b.items[n.first : n.first+n.count] {
				if t, nrm, ok := objs[i].Shape.Intersect(o, d, h.T); ok {
					h.T, h.N, h.Object, found = t, nrm, i, true
					if anyHit {
						return true
					}
				}
			}
			continue
		}
		l, r := n.first, n.first+1
		tl, tr := b.nodes[l].slab(o, inv, h.T), b.nodes[r].slab(o, inv, h.T)
		// Push the farther child first so the nearer one is walked first.
		if tl > tr {
			l, r, tl, tr = r, l, tr, tl
		}
		if tr != math.Inf(1) {
			stack[sp] = entry{r, tr}
			sp++
		}
		if tl != math.Inf(1) {
			stack[sp] = entry{l, tl}
			sp++
		}
	}
	return found
}
