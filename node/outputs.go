package node

import (
	"fmt"
	"strings"
	"sync/atomic"

	"github.com/bluenviron/goroslib/v2"
	"github.com/bluenviron/goroslib/v2/pkg/msgs/sensor_msgs"

	"github.com/depthnode/depthnode/inference"
	"github.com/depthnode/depthnode/internal/colormap"
	"github.com/depthnode/depthnode/internal/rosargs"
)

// Output topic names, relative to the node's namespace.
const (
	TopicDepth        = "depth/relative"
	TopicDepthColor   = "depth/color"
	TopicDepthInfo    = "depth/camera_info"
	TopicNormals      = "normals/image"
	TopicNormalsColor = "normals/color"
	// The colour images also go out JPEG-compressed on image_transport's topic names, for
	// viewers on a thin link (rqt_image_view, rviz with the compressed transport).
	TopicDepthColorJPEG   = TopicDepthColor + "/compressed"
	TopicNormalsColorJPEG = TopicNormalsColor + "/compressed"
)

// outputs publishes finished frames on the node's own topics, skipping
// every topic (and the work behind it) that nobody reads.
type outputs struct {
	available inference.Tasks
	readers   *readers
	stages    []Stage
	camInfo   atomic.Pointer[sensor_msgs.CameraInfo]

	jpegQuality int

	depth, depthColor, depthInfo, normals, normalsColor *goroslib.Publisher
	depthColorJPEG, normalsColorJPEG                    *goroslib.Publisher
	// resolved names, as the bus info reports them
	depthT, depthColorT, depthInfoT, normalsT, normalsColorT string
	depthColorJPEGT, normalsColorJPEGT                       string
}

func newOutputs(ros *goroslib.Node, nm *rosargs.Names, available inference.Tasks, r *readers, jpegQuality int) (*outputs, error) {
	o := &outputs{available: available, readers: r, jpegQuality: jpegQuality}
	type pubDef struct {
		topic string
		msg   any
		pub   **goroslib.Publisher
		name  *string
	}
	defs := []pubDef{
		{TopicDepth, &sensor_msgs.Image{}, &o.depth, &o.depthT},
		{TopicDepthColor, &sensor_msgs.Image{}, &o.depthColor, &o.depthColorT},
		{TopicDepthInfo, &sensor_msgs.CameraInfo{}, &o.depthInfo, &o.depthInfoT},
		{TopicNormals, &sensor_msgs.Image{}, &o.normals, &o.normalsT},
		{TopicNormalsColor, &sensor_msgs.Image{}, &o.normalsColor, &o.normalsColorT},
		{TopicDepthColorJPEG, &sensor_msgs.CompressedImage{}, &o.depthColorJPEG, &o.depthColorJPEGT},
		{TopicNormalsColorJPEG, &sensor_msgs.CompressedImage{}, &o.normalsColorJPEG, &o.normalsColorJPEGT},
	}
	for _, d := range defs {
		if strings.HasPrefix(d.topic, "normals/") && !available.Normals {
			continue // no normals model: do not advertise what never comes
		}
		if strings.HasPrefix(d.topic, "depth/") && !available.Depth {
			continue
		}
		*d.name = nm.Resolve(d.topic)
		p, err := goroslib.NewPublisher(goroslib.PublisherConf{Node: ros, Topic: *d.name, Msg: d.msg})
		if err != nil {
			o.close()
			return nil, fmt.Errorf("advertise %s: %w", *d.name, err)
		}
		*d.pub = p
	}
	return o, nil
}

func (o *outputs) close() {
	for _, p := range []*goroslib.Publisher{o.depth, o.depthColor, o.depthInfo, o.normals, o.normalsColor, o.depthColorJPEG, o.normalsColorJPEG} {
		if p != nil {
			p.Close()
		}
	}
}

func (o *outputs) reads(topic string) bool { return topic != "" && o.readers.count(topic) > 0 }

// wants is what the next frame must compute: the outputs some topic or
// stage reads, limited to what the models provide.
func (o *outputs) wants() inference.Tasks {
	t := inference.Tasks{
		Depth:   o.reads(o.depthT) || o.reads(o.depthColorT) || o.reads(o.depthColorJPEGT),
		Normals: o.reads(o.normalsT) || o.reads(o.normalsColorT) || o.reads(o.normalsColorJPEGT),
	}
	for _, s := range o.stages {
		w := s.Wants()
		t.Depth = t.Depth || w.Depth
		t.Normals = t.Normals || w.Normals
	}
	t.Depth = t.Depth && o.available.Depth
	t.Normals = t.Normals && o.available.Normals
	return t
}

// publish writes j's outputs to the topics that have readers, then hands
// the frame to the stages.
func (o *outputs) publish(j *job) {
	h, r := j.header, &j.res
	w, ht := r.Width, r.Height
	if j.want.Depth && len(r.Depth) == w*ht {
		if o.reads(o.depthT) {
			o.depth.Write(floatImage(h, w, ht, 1, r.Depth))
		}
		if o.reads(o.depthColorT) || o.reads(o.depthColorJPEGT) {
			o.writeColor(o.depthColor, o.depthColorT, o.depthColorJPEG, o.depthColorJPEGT,
				byteImage(h, w, ht, "bgr8", colormap.DepthTurboBGR(r.Depth, nil)))
		}
		if ci := o.camInfo.Load(); ci != nil && o.reads(o.depthInfoT) {
			c := *ci // the stored message is never modified, so a shallow copy is safe
			c.Header = h
			o.depthInfo.Write(&c)
		}
	}
	if j.want.Normals && len(r.Normals) == 3*w*ht {
		if o.reads(o.normalsT) {
			o.normals.Write(floatImage(h, w, ht, 3, r.Normals))
		}
		if o.reads(o.normalsColorT) || o.reads(o.normalsColorJPEGT) {
			o.writeColor(o.normalsColor, o.normalsColorT, o.normalsColorJPEG, o.normalsColorJPEGT,
				byteImage(h, w, ht, "rgb8", colormap.NormalsRGB(r.Normals, nil)))
		}
	}
	if len(o.stages) > 0 {
		f := &FrameOutput{Header: h, Image: &j.rgb, Result: r, CameraInfo: o.camInfo.Load()}
		for _, s := range o.stages {
			s.Consume(f)
		}
	}
}

// writeColor publishes a colour image raw and/or as JPEG, to whichever topic has readers.
// The format string is image_transport's ("bgr8; jpeg compressed bgr8"), so its compressed
// subscribers (rqt_image_view, rviz, republish) decode it.
func (o *outputs) writeColor(raw *goroslib.Publisher, rawT string, jpg *goroslib.Publisher, jpgT string, img *sensor_msgs.Image) {
	if o.reads(rawT) {
		raw.Write(img)
	}
	if !o.reads(jpgT) {
		return
	}
	data, err := inference.EncodeJPEG(img.Data, int(img.Width), int(img.Height), img.Encoding == "bgr8", o.jpegQuality, nil)
	if err != nil {
		return // only an impossible size fails; the raw topic carries the frame
	}
	jpg.Write(&sensor_msgs.CompressedImage{Header: img.Header, Format: img.Encoding + "; jpeg compressed bgr8", Data: data})
}
