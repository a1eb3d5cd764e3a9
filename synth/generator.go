package synth

import "math/rand"

// Frame is everything the generator yields for one frame index.
type Frame struct {
	// Index is the frame number; Scene the scene it was rendered in.
	Index, Scene int
	// Image holds RGB, depth and normals.
	Image *Image
	// WorldFromCamera is the camera's optical frame in the world (z up).
	WorldFromCamera Pose
	// WorldFromFootprint is the footprint (base_footprint) under the camera: origin on
	// the floor, z up, x along the heading (see Footprint).
	WorldFromFootprint Pose
	// CameraFromLidar is the LiDAR mount: p_camera = R*p_lidar + T.
	CameraFromLidar Pose
	// Cloud is the LiDAR revolution in the LiDAR frame; nil without LiDAR.
	Cloud *Cloud
}

// Generator renders frames of a seeded sequence of scenes. It is not safe
// for concurrent use (it caches the current scene).
type Generator struct {
	cfg        Config
	in         Intrinsics
	sceneIndex int
	scene      *Scene
}

// NewGenerator validates cfg and returns a generator.
func NewGenerator(cfg Config) (*Generator, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	return &Generator{cfg: cfg, in: DefaultIntrinsics(cfg.Width, cfg.Height), sceneIndex: -1}, nil
}

// Intrinsics returns the camera model of every frame.
func (g *Generator) Intrinsics() Intrinsics { return g.in }

// Config returns the generator's configuration.
func (g *Generator) Config() Config { return g.cfg }

// Scene returns scene number k of the sequence: a pure function of the seed and k.
func (g *Generator) Scene(k int) *Scene {
	if k == g.sceneIndex {
		return g.scene
	}
	rng := rand.New(rand.NewSource(int64(mix64(uint64(g.cfg.Seed)) ^ mix64(uint64(k)+0x5eed))))
	pal := palette{rng}
	indoor := rng.Float64() < 0.6
	switch g.cfg.Scenes {
	case SceneIndoor:
		indoor = true
	case SceneOutdoor:
		indoor = false
	}
	if indoor {
		g.scene = indoorScene(pal)
	} else {
		g.scene = outdoorScene(pal)
	}
	g.scene.Prepare()
	g.sceneIndex = k
	return g.scene
}

// Locate returns the scene number and path step of frame i.
func (g *Generator) Locate(i int) (scene int, step float64) {
	if g.cfg.FramesPerScene == 0 {
		return 0, float64(i * g.cfg.Stride)
	}
	return i / g.cfg.FramesPerScene, float64((i % g.cfg.FramesPerScene) * g.cfg.Stride)
}

// Frame renders frame i (i >= 0).
func (g *Generator) Frame(i int) *Frame {
	k, step := g.Locate(i)
	s := g.Scene(k)
	f := &Frame{Index: i, Scene: k, Image: NewImage(g.in), WorldFromCamera: s.Path.Pose(step), CameraFromLidar: g.cfg.Lidar.CameraFromLidar}
	f.WorldFromFootprint = Footprint(f.WorldFromCamera)
	Render(s, f.WorldFromCamera, f.Image, g.cfg.Workers)
	if g.cfg.Lidar.Beams > 0 {
		seed := mix64(uint64(g.cfg.Seed)) ^ mix64(uint64(i)+0x11da)
		f.Cloud = Scan(s, g.cfg.Lidar, f.WorldFromCamera.Compose(f.CameraFromLidar), seed, g.cfg.Workers)
	}
	return f
}
