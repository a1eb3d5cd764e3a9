package calib

import (
	"fmt"
	"sort"
	"strings"
	"sync"
	"time"
)

// StampedTransform is one TF link: the pose of Child in Parent at Stamp, so
// p_parent = Transform.Apply(p_child), as geometry_msgs/TransformStamped.
type StampedTransform struct {
	Parent, Child string
	Stamp         time.Time
	Transform     Transform
}

// TFBufferConfig sets how long dynamic transforms are kept and how far from
// a stored stamp a lookup may reach.
type TFBufferConfig struct {
	// CacheTime is how much history each dynamic link keeps (default 10 s, as tf2).
	CacheTime time.Duration
	// Tolerance is how far outside a link's stored time span a lookup may
	// still use the nearest sample (default 0: interpolation only).
	Tolerance time.Duration
	// MaxFrames caps the number of child frames held (default 4096, far
	// above any robot's tree): past it the least recently updated dynamic
	// frames are dropped, and a new static frame is refused.
	MaxFrames int
}

// TFBufferStats counts how the buffer kept itself bounded.
type TFBufferStats struct {
	// Frames is the number of child frames held now.
	Frames int
	// Expired counts dynamic frames dropped after CacheTime of stamps
	// without a new transform (or on a jump back in time), Evicted those
	// dropped for the cap, Refused the static links refused for the cap.
	Expired, Evicted, Refused uint64
}

// TFBuffer holds static and dynamic transforms and looks up the transform
// between two frames through their common ancestor. It is safe for
// concurrent use.
type TFBuffer struct {
	cfg   TFBufferConfig
	mu    sync.RWMutex
	links map[string]*tfLink // by child frame: a frame has one parent, as in tf2
	// newest is the latest dynamic stamp added, swept the newest at the
	// last expiry sweep, seq counts Adds (the eviction order).
	newest, swept time.Time
	seq           uint64
	stats         TFBufferStats
}

// tfLink is the history of one child frame's pose in its parent.
type tfLink struct {
	parent  string
	static  bool
	samples []StampedTransform // sorted by stamp; one entry when static
	seq     uint64             // the buffer's Add count when last updated
}

// maxTFDepth bounds a walk up the tree so that a loop in bad input cannot hang a lookup.
const maxTFDepth = 256

// NewTFBuffer returns an empty buffer.
func NewTFBuffer(cfg TFBufferConfig) (*TFBuffer, error) {
	if cfg.CacheTime == 0 {
		cfg.CacheTime = 10 * time.Second
	}
	if cfg.CacheTime < 0 {
		return nil, fmt.Errorf("%w: tf cache time %v must be positive", ErrConfig, cfg.CacheTime)
	}
	if cfg.Tolerance < 0 {
		return nil, fmt.Errorf("%w: tf tolerance %v must not be negative", ErrConfig, cfg.Tolerance)
	}
	if cfg.MaxFrames == 0 {
		cfg.MaxFrames = 4096
	}
	if cfg.MaxFrames < 0 {
		return nil, fmt.Errorf("%w: tf max frames %d must be positive", ErrConfig, cfg.MaxFrames)
	}
	return &TFBuffer{cfg: cfg, links: map[string]*tfLink{}}, nil
}

// normFrame strips the leading slash tf2 also ignores.
func normFrame(f string) string { return strings.TrimPrefix(f, "/") }

// Add stores one link; static links (from /tf_static) hold for all time.
// A child re-parented to another frame forgets its old history.
func (b *TFBuffer) Add(st StampedTransform, static bool) error {
	st.Parent, st.Child = normFrame(st.Parent), normFrame(st.Child)
	if st.Parent == "" || st.Child == "" || st.Parent == st.Child {
		return fmt.Errorf("%w: link %q -> %q needs two distinct frame names", ErrTransform, st.Parent, st.Child)
	}
	tr, err := NewTransform(st.Transform.Translation, st.Transform.Rotation)
	if err != nil {
		return fmt.Errorf("link %s -> %s: %w", st.Parent, st.Child, err)
	}
	st.Transform = tr
	b.mu.Lock()
	defer b.mu.Unlock()
	if !static {
		b.expire(st.Stamp)
	}
	l := b.links[st.Child]
	if l == nil && !b.makeRoom() {
		b.stats.Refused++
		return fmt.Errorf("%w: static link %s -> %s: %d frames held, none dynamic to drop", ErrTooManyFrames, st.Parent, st.Child, len(b.links))
	}
	if l == nil || l.parent != st.Parent || l.static != static {
		l = &tfLink{parent: st.Parent, static: static}
		b.links[st.Child] = l
	}
	b.seq++
	l.seq = b.seq
	if static {
		l.samples = append(l.samples[:0], st)
		return nil
	}
	i := sort.Search(len(l.samples), func(i int) bool { return !l.samples[i].Stamp.Before(st.Stamp) })
	if i < len(l.samples) && l.samples[i].Stamp.Equal(st.Stamp) {
		l.samples[i] = st
	} else {
		l.samples = append(l.samples, StampedTransform{})
		copy(l.samples[i+1:], l.samples[i:])
		l.samples[i] = st
	}
	// Keep CacheTime behind the newest sample.
	cut := l.samples[len(l.samples)-1].Stamp.Add(-b.cfg.CacheTime)
	j := sort.Search(len(l.samples), func(i int) bool { return !l.samples[i].Stamp.Before(cut) })
	if j > 0 {
		l.samples = append(l.samples[:0], l.samples[j:]...)
	}
	return nil
}

// Lookup returns the transform T with p_target = T.Apply(p_source) at stamp,
// as tf2's lookupTransform(target, source, stamp). A zero stamp takes the
// newest sample of every dynamic link.
func (b *TFBuffer) Lookup(target, source string, stamp time.Time) (Transform, error) {
	target, source = normFrame(target), normFrame(source)
	if target == source {
		return IdentityTransform, nil
	}
	b.mu.RLock()
	defer b.mu.RUnlock()
	// Pose of every ancestor of source, relative to source's frame: up[f] = f <- source.
	up := map[string]Transform{source: IdentityTransform}
	f, acc := source, IdentityTransform
	for depth := 0; ; depth++ {
		l := b.links[f]
		if l == nil || depth > maxTFDepth {
			break
		}
		tr, err := l.at(f, stamp, b.cfg.Tolerance)
		if err != nil {
			return Transform{}, err
		}
		acc = tr.Compose(acc)
		f = l.parent
		if _, seen := up[f]; seen {
			break
		}
		up[f] = acc
	}
	sourceRoot := f
	// Walk up from target until it meets source's chain; down = f <- target.
	f, down := target, IdentityTransform
	for depth := 0; ; depth++ {
		if u, ok := up[f]; ok {
			return down.Inverse().Compose(u), nil
		}
		l := b.links[f]
		if l == nil || depth > maxTFDepth {
			break
		}
		tr, err := l.at(f, stamp, b.cfg.Tolerance)
		if err != nil {
			return Transform{}, err
		}
		down = tr.Compose(down)
		f = l.parent
	}
	targetRoot := f
	for _, fr := range []string{source, target} {
		if _, ok := b.links[fr]; !ok && !b.isParent(fr) {
			return Transform{}, fmt.Errorf("%w: %q (looking up %s <- %s)", ErrFrameUnknown, fr, target, source)
		}
	}
	return Transform{}, fmt.Errorf("%w: %s <- %s: %q reaches root %q but %q reaches root %q; a link is missing",
		ErrNotConnected, target, source, source, sourceRoot, target, targetRoot)
}

// isParent reports whether some link names f as its parent.
func (b *TFBuffer) isParent(f string) bool {
	for _, l := range b.links {
		if l.parent == f {
			return true
		}
	}
	return false
}

// at returns the link's transform at stamp: the static one, the newest for a
// zero stamp, interpolated between neighbours, or the nearest within tol.
func (l *tfLink) at(child string, stamp time.Time, tol time.Duration) (Transform, error) {
	s := l.samples
	if l.static || stamp.IsZero() {
		return s[len(s)-1].Transform, nil
	}
	i := sort.Search(len(s), func(i int) bool { return !s[i].Stamp.Before(stamp) })
	switch {
	case i < len(s) && s[i].Stamp.Equal(stamp):
		return s[i].Transform, nil
	case i > 0 && i < len(s):
		a, c := s[i-1], s[i]
		f := float64(stamp.Sub(a.Stamp)) / float64(c.Stamp.Sub(a.Stamp))
		return a.Transform.interpolate(c.Transform, f), nil
	case i == 0 && s[0].Stamp.Sub(stamp) <= tol:
		return s[0].Transform, nil
	case i == len(s) && stamp.Sub(s[len(s)-1].Stamp) <= tol:
		return s[len(s)-1].Transform, nil
	}
	return Transform{}, fmt.Errorf("%w: link %s -> %s at %s: held from %s to %s (tolerance %v)",
		ErrExtrapolation, l.parent, child, fmtStamp(stamp), fmtStamp(s[0].Stamp), fmtStamp(s[len(s)-1].Stamp), tol)
}

func fmtStamp(t time.Time) string {
	return fmt.Sprintf("%d.%09d", t.Unix(), t.Nanosecond())
}

// LookupFull returns T with p_target(targetStamp) = T.Apply(p_source(sourceStamp)),
// going through fixed, a frame assumed not to move between the two stamps
// (tf2's time-travel lookupTransform with a fixed frame). The node uses it to
// bring a cloud taken at its own stamp into the camera frame at the image's.
func (b *TFBuffer) LookupFull(target string, targetStamp time.Time, source string, sourceStamp time.Time, fixed string) (Transform, error) {
	fromSource, err := b.Lookup(fixed, source, sourceStamp)
	if err != nil {
		return Transform{}, err
	}
	toTarget, err := b.Lookup(target, fixed, targetStamp)
	if err != nil {
		return Transform{}, err
	}
	return toTarget.Compose(fromSource), nil
}
