package stream

// #cgo pkg-config: vpx
// #include <stdlib.h>
// #include <vpx/vpx_encoder.h>
// #include <vpx/vp8cx.h>
//
// static vpx_codec_ctx_t *dn_vp8_new(int w, int h, int kbps, int cpuused, int kfmax, int *err) {
//   vpx_codec_enc_cfg_t cfg;
//   if ((*err = vpx_codec_enc_config_default(vpx_codec_vp8_cx(), &cfg, 0)) != 0) return NULL;
//   cfg.g_w = w; cfg.g_h = h;
//   cfg.g_timebase.num = 1; cfg.g_timebase.den = 1000;
//   cfg.g_threads = 1;
//   cfg.g_lag_in_frames = 0;
//   cfg.g_error_resilient = VPX_ERROR_RESILIENT_DEFAULT;
//   cfg.rc_end_usage = VPX_CBR;
//   cfg.rc_target_bitrate = kbps;
//   cfg.rc_min_quantizer = 4; cfg.rc_max_quantizer = 56;
//   cfg.rc_undershoot_pct = 100; cfg.rc_overshoot_pct = 15;
//   cfg.rc_buf_initial_sz = 500; cfg.rc_buf_optimal_sz = 600; cfg.rc_buf_sz = 1000;
//   cfg.rc_dropframe_thresh = 0;
//   cfg.kf_mode = VPX_KF_AUTO; cfg.kf_min_dist = 0; cfg.kf_max_dist = kfmax;
//   vpx_codec_ctx_t *ctx = malloc(sizeof(vpx_codec_ctx_t));
//   if ((*err = vpx_codec_enc_init(ctx, vpx_codec_vp8_cx(), &cfg, 0)) != 0) { free(ctx); return NULL; }
//   vpx_codec_control(ctx, VP8E_SET_CPUUSED, cpuused);
//   vpx_codec_control(ctx, VP8E_SET_NOISE_SENSITIVITY, 0);
//   vpx_codec_control(ctx, VP8E_SET_STATIC_THRESHOLD, 1);
//   return ctx;
// }
//
// static int dn_vp8_encode(vpx_codec_ctx_t *ctx, int w, int h,
//     unsigned char *y, unsigned char *u, unsigned char *v, int ystride, int cstride,
//     long pts, unsigned long dur, int forcekf,
//     const void **out, size_t *outlen, int *key) {
//   vpx_image_t img;
//   vpx_img_wrap(&img, VPX_IMG_FMT_I420, w, h, 1, y);
//   img.planes[VPX_PLANE_U] = u; img.planes[VPX_PLANE_V] = v;
//   img.stride[VPX_PLANE_Y] = ystride; img.stride[VPX_PLANE_U] = cstride; img.stride[VPX_PLANE_V] = cstride;
//   int err = vpx_codec_encode(ctx, &img, pts, dur, forcekf ? VPX_EFLAG_FORCE_KF : 0, VPX_DL_REALTIME);
//   if (err) return err;
//   *out = NULL; *outlen = 0; *key = 0;
//   vpx_codec_iter_t it = NULL;
//   const vpx_codec_cx_pkt_t *pkt;
//   while ((pkt = vpx_codec_get_cx_data(ctx, &it)) != NULL) {
//     if (pkt->kind == VPX_CODEC_CX_FRAME_PKT) {
//       *out = pkt->data.frame.buf; *outlen = pkt->data.frame.sz;
//       *key = (pkt->data.frame.flags & VPX_FRAME_IS_KEY) != 0;
//     }
//   }
//   return 0;
// }
//
// static void dn_vp8_free(vpx_codec_ctx_t *ctx) { vpx_codec_destroy(ctx); free(ctx); }
import "C"

import (
	"fmt"
	"image"
	"time"
	"unsafe"
)

// vp8CPUUsed is libvpx's realtime speed (negative = fixed, not adapted to
// the measured frame time): -8 keeps a 1920x480 preview near 5 ms a frame on
// one core of a laptop-class CPU while still looking clean; WebRTC in Chrome
// uses -6 on desktops and -12 on phones.
const vp8CPUUsed = -8

// vp8Encoder is a libvpx VP8 encoder for one frame size, set up for live
// preview: CBR, no look-ahead, fixed realtime speed, key frames on demand.
// It is used by one goroutine only.
type vp8Encoder struct {
	w, h    int
	ctx     *C.vpx_codec_ctx_t
	start   time.Time
	lastPts int64
	forceKF bool
}

func newVP8Encoder(w, h, bitrateKbps int) (*vp8Encoder, error) {
	var cerr C.int
	ctx := C.dn_vp8_new(C.int(w), C.int(h), C.int(bitrateKbps), vp8CPUUsed, 300, &cerr)
	if ctx == nil {
		return nil, fmt.Errorf("vp8 encoder %dx%d: libvpx error %d", w, h, int(cerr))
	}
	return &vp8Encoder{w: w, h: h, ctx: ctx, start: time.Now(), lastPts: -1}, nil
}

// encode compresses img (w x h, I420) and reports whether the result is a
// key frame. The rate control sees real time between frames, so the bitrate
// holds whatever rate frames arrive at. The result is a fresh slice.
func (e *vp8Encoder) encode(img *image.YCbCr) ([]byte, bool, error) {
	if img.Rect.Dx() != e.w || img.Rect.Dy() != e.h || img.SubsampleRatio != image.YCbCrSubsampleRatio420 {
		return nil, false, fmt.Errorf("vp8 encode: got %v %v, encoder is %dx%d I420", img.Rect, img.SubsampleRatio, e.w, e.h)
	}
	pts := max(time.Since(e.start).Milliseconds(), e.lastPts+1)
	dur := pts - e.lastPts
	if e.lastPts < 0 {
		dur = 33
	}
	e.lastPts = pts
	force := 0
	if e.forceKF {
		force, e.forceKF = 1, false
	}
	var out unsafe.Pointer
	var n C.size_t
	var key C.int
	rc := C.dn_vp8_encode(e.ctx, C.int(e.w), C.int(e.h),
		(*C.uchar)(&img.Y[0]), (*C.uchar)(&img.Cb[0]), (*C.uchar)(&img.Cr[0]),
		C.int(img.YStride), C.int(img.CStride), C.long(pts), C.ulong(dur), C.int(force),
		&out, &n, &key)
	if rc != 0 {
		return nil, false, fmt.Errorf("vp8 encode: libvpx error %d", int(rc))
	}
	if out == nil {
		return nil, false, nil
	}
	return C.GoBytes(out, C.int(n)), key != 0, nil
}

// forceKeyFrame makes the next frame a key frame.
func (e *vp8Encoder) forceKeyFrame() { e.forceKF = true }

func (e *vp8Encoder) close() error {
	if e.ctx != nil {
		C.dn_vp8_free(e.ctx)
		e.ctx = nil
	}
	return nil
}
