#!/usr/bin/python3
"""Trains depthnode's small demo model on synthetic scenes and exports it to ONNX.

The real E2E-FT checkpoints (about 3.5 GB) cannot ship inside the product, so the node embeds
this stand-in: a compact U-Net with one input `image` [N,3,H,W] (RGB in [-1,1]) and two outputs
that obey the model contract of the node: `depth` [N,1,H,W] in [-1,1] (affine-invariant depth,
near = small) and `normals` [N,3,H,W] (not normalised) in the E2E-FT axis convention
(+x = surface faces left, +y = faces up, +z = faces the camera).

Usage (from the repository root; Debian's python3-torch, so /usr/bin/python3):

  /usr/bin/python3 scripts/train_demo_model.py --out models/demo.onnx

Without --data it renders its training and validation sets with
`go run ./cmd/synthcam -write .cache/... -seed S` (fixed seeds, so the run is reproducible),
trains with the paper's losses (scale-and-shift-invariant L1 on depth, angular loss on normals)
for a fixed number of steps, exports with opset 17 and dynamic N/H/W, checks the ONNX graph's
structure and writes a reference input/output pair for the Go test that compares ONNX Runtime
with PyTorch (cmd/depth-eval/testdata/demo_ref_*.npy).
"""
import argparse
import json
import math
import os
import subprocess
import sys
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
from PIL import Image

# The spatial multiple the network needs: four 2x poolings.
PAD_MULTIPLE = 16
OPSET = 17


# ---------------------------------------------------------------- data set


def synthcam(folder, frames, seed, width, height):
    """Renders a synthetic data set with the repository's generator unless it is already there."""
    meta = os.path.join(folder, "camera.json")
    if os.path.exists(meta):
        with open(meta) as f:
            cam = json.load(f)
        if (cam.get("frames"), cam.get("seed"), cam.get("width"), cam.get("height")) == (
                frames, seed, width, height):
            return
    cmd = ["go", "run", "./cmd/synthcam", "-write", folder, "-frames", str(frames),
           "-seed", str(seed), "-width", str(width), "-height", str(height), "-lidar-beams", "0"]
    print("rendering:", " ".join(cmd), flush=True)
    subprocess.run(cmd, check=True)


def decode_normals(rgb16_high_bytes):
    """Optical-frame unit normals from the high bytes of the data set's 16-bit normal PNG.

    Pillow reads 16-bit RGB PNGs as 8-bit RGB keeping the high byte, which is enough for
    training targets (under half a degree of quantisation)."""
    n = (rgb16_high_bytes.astype(np.float32) + 0.5) / 256.0 * 2.0 - 1.0
    return n / np.maximum(np.linalg.norm(n, axis=-1, keepdims=True), 1e-6)


def load_frame(folder, i):
    """Returns (rgb uint8 [H,W,3], depth metres float32 [H,W] with 0 = invalid,
    optical-frame normals float32 [H,W,3])."""
    stem = os.path.join(folder, "%06d" % i)
    rgb = np.asarray(Image.open(stem + "_rgb.png").convert("RGB"), dtype=np.uint8)
    depth = np.asarray(Image.open(stem + "_depth.png"), dtype=np.float32) / 1000.0
    normals = decode_normals(np.asarray(Image.open(stem + "_normals.png").convert("RGB")))
    return rgb, depth, normals


def to_native_normals(optical):
    """The data set stores optical-frame normals pointing toward the camera (x right, y down,
    z forward); E2E-FT's native convention is their negation (+x faces left, +y up, +z toward
    the camera)."""
    return -optical


def load_set(folder):
    """Loads a whole data set compactly: rgb uint8 [F,3,H,W], depth metres float32 [F,1,H,W],
    native normals float16 [F,3,H,W] (batches are widened to float32 by as_float)."""
    with open(os.path.join(folder, "camera.json")) as f:
        frames = json.load(f)["frames"]
    rgbs, depths, normals = [], [], []
    for i in range(frames):
        rgb, depth, n = load_frame(folder, i)
        rgbs.append(rgb.transpose(2, 0, 1))
        depths.append(depth[None])
        normals.append(to_native_normals(n).transpose(2, 0, 1).astype(np.float16))
    return (torch.from_numpy(np.stack(rgbs)), torch.from_numpy(np.stack(depths)),
            torch.from_numpy(np.stack(normals)))


def as_float(rgb, depth, normals):
    """A batch as the network sees it: RGB in [-1,1], float32 everywhere."""
    return rgb.float() / 127.5 - 1.0, depth, normals.float()


def half_resolution(rgb, depth, normals):
    """Halves a data set: box-averaged colour, and every other pixel of depth and normals so
    that no invalid pixel is smeared into a valid one."""
    small = torch.cat([F.avg_pool2d(rgb[i:i + 256].float(), 2).round().to(torch.uint8)
                       for i in range(0, rgb.shape[0], 256)])
    return small, depth[:, :, ::2, ::2].contiguous(), normals[:, :, ::2, ::2].contiguous()


def augment(rgb, depth, normals, gen):
    """Random horizontal flips (which mirror the normals' x) and colour gain and offset, so the
    model leans on geometry rather than on the renderer's exact palette."""
    n = rgb.shape[0]
    flip = torch.rand(n, generator=gen) < 0.5
    if flip.any():
        rgb, depth, normals = rgb.clone(), depth.clone(), normals.clone()
        rgb[flip] = rgb[flip].flip(-1)
        depth[flip] = depth[flip].flip(-1)
        nf = normals[flip].flip(-1)
        nf[:, 0] = -nf[:, 0]
        normals[flip] = nf
    gain = 1.0 + 0.25 * (torch.rand(n, 3, 1, 1, generator=gen) * 2 - 1)
    offset = 0.1 * (torch.rand(n, 1, 1, 1, generator=gen) * 2 - 1)
    rgb = ((rgb + 1) * gain - 1 + offset).clamp(-1, 1)
    return rgb, depth, normals


# ---------------------------------------------------------------- model


def block(cin, cout):
    return nn.Sequential(
        nn.Conv2d(cin, cout, 3, padding=1, bias=False), nn.BatchNorm2d(cout), nn.ReLU(inplace=True),
        nn.Conv2d(cout, cout, 3, padding=1, bias=False), nn.BatchNorm2d(cout), nn.ReLU(inplace=True))


def pixel_coords(x):
    """Two channels holding each pixel centre's x and y in (-1,1). Built from CumSum over a
    tensor of ones so that the ONNX graph follows the dynamic input size. Depth on a floor
    depends on the row, and a fully convolutional net cannot see where it is without them."""
    ones = torch.ones_like(x[:, :1])
    xs = (ones.cumsum(3) - 0.5) / ones.sum(3, keepdim=True) * 2 - 1
    ys = (ones.cumsum(2) - 0.5) / ones.sum(2, keepdim=True) * 2 - 1
    return torch.cat([xs, ys], 1)


class DemoNet(nn.Module):
    """A small U-Net with pixel-coordinate input channels, a global-context branch at the
    bottleneck (depth ordering is a whole-image question) and two heads, depth and normals."""

    def __init__(self, widths=(16, 32, 64, 96, 128), coords=True):
        super().__init__()
        self.coords = coords
        self.enc = nn.ModuleList()
        c = 5 if coords else 3  # RGB (+ pixel coordinates)
        for w in widths:
            self.enc.append(block(c, w))
            c = w
        self.context = nn.Sequential(nn.Conv2d(c, c, 1), nn.ReLU(inplace=True))
        self.dec = nn.ModuleList(
            block(widths[i + 1] + widths[i], widths[i]) for i in range(len(widths) - 2, -1, -1))
        self.depth_head = nn.Conv2d(widths[0], 1, 1)
        self.normals_head = nn.Conv2d(widths[0], 3, 1)

    def forward(self, x):
        if self.coords:
            x = torch.cat([x, pixel_coords(x)], 1)
        skips = []
        for i, e in enumerate(self.enc):
            if i:
                x = F.max_pool2d(x, 2)
            x = e(x)
            skips.append(x)
        x = x + self.context(x.mean(dim=(2, 3), keepdim=True))
        skips.pop()
        for d in self.dec:
            x = F.interpolate(x, scale_factor=2.0, mode="bilinear", align_corners=False)
            x = d(torch.cat([x, skips.pop()], 1))
        return torch.tanh(self.depth_head(x)), self.normals_head(x)


# ---------------------------------------------------------------- losses


def fit_scale_shift(pred, gt, mask):
    """Per-image least-squares s, t minimising sum (s*pred+t-gt)^2 over mask, with the closed
    form 2x2 normal equations of the E2E-FT protocol. Shapes [B,1,H,W]; returns [B,1,1,1]."""
    m = mask.float()
    a00 = (m * pred * pred).sum((1, 2, 3))
    a01 = (m * pred).sum((1, 2, 3))
    a11 = m.sum((1, 2, 3))
    b0 = (m * pred * gt).sum((1, 2, 3))
    b1 = (m * gt).sum((1, 2, 3))
    det = a00 * a11 - a01 * a01
    ok = det > 1e-9
    det = torch.where(ok, det, torch.ones_like(det))
    s = torch.where(ok, (a11 * b0 - a01 * b1) / det, torch.ones_like(det))
    t = torch.where(ok, (a00 * b1 - a01 * b0) / det, torch.zeros_like(det))
    return s.view(-1, 1, 1, 1), t.view(-1, 1, 1, 1)


def normalise_depth(depth, mask):
    """Maps each image's valid depth range to [-1,1] (near = -1): the target of the affine-
    invariant depth head, as Marigold-style training normalises its ground truth."""
    big = torch.finfo(depth.dtype).max
    lo = torch.where(mask, depth, torch.full_like(depth, big)).amin((1, 2, 3), keepdim=True)
    hi = torch.where(mask, depth, torch.full_like(depth, -big)).amax((1, 2, 3), keepdim=True)
    return ((depth - lo) / (hi - lo).clamp_min(1e-6) * 2 - 1) * mask


def ssi_l1(pred, gt_norm, mask):
    """Scale-and-shift-invariant L1: mean |s*pred+t - gt| over valid pixels after the
    per-image least-squares fit."""
    s, t = fit_scale_shift(pred, gt_norm, mask)
    m = mask.float()
    return ((s * pred + t - gt_norm).abs() * m).sum() / m.sum().clamp_min(1)


def angular_loss(pred, gt, mask):
    """Mean angle in radians between predicted (any length) and ground-truth unit normals over
    valid pixels; the clamp keeps acos's gradient finite."""
    p = pred / pred.norm(dim=1, keepdim=True).clamp_min(1e-6)
    cos = (p * gt).sum(1, keepdim=True).clamp(-1 + 1e-6, 1 - 1e-6)
    m = mask.float()
    return (torch.acos(cos) * m).sum() / m.sum().clamp_min(1)


def aligned_absrel(pred, depth_gt, mask):
    """The evaluation's own depth metric as a loss: per-image least-squares fit of the
    prediction to metric depth, then mean |s*pred+t - g|/g over valid pixels, averaged over
    images. The SSI L1 on normalised depth weighs a 1 m error the same at 2 m and at 50 m; this
    term asks for the relative precision near the camera that AbsRel scores."""
    s, t = fit_scale_shift(pred, depth_gt, mask)
    m = mask.float()
    rel = (s * pred + t - depth_gt).abs() / depth_gt.clamp_min(1e-3) * m
    return (rel.sum((1, 2, 3)) / m.sum((1, 2, 3)).clamp_min(1)).mean()


def total_loss(depth_pred, normals_pred, depth_gt, normals_gt, anchor, ssi_weight):
    """Aligned AbsRel + ssi_weight * SSI L1 + angular loss (the paper's losses plus the metric
    itself) + anchor * plain L1 to the normalised target. The scale-invariant terms alone would
    accept a mirrored or squashed output, which the node's fixed (d+1)/2 mapping would then
    show inverted; the anchor also pulls pixels with no depth (sky, beyond the renderer's range)
    to +1 = far, so previews show the sky as far."""
    mask = depth_gt > 0
    target = torch.where(mask, normalise_depth(depth_gt, mask), torch.ones_like(depth_gt))
    d_ssi = ssi_l1(depth_pred, target, mask)
    d_rel = aligned_absrel(depth_pred, depth_gt, mask)
    d_abs = (depth_pred - target).abs().mean()
    ang = angular_loss(normals_pred, normals_gt, mask)
    return d_rel + ssi_weight * d_ssi + anchor * d_abs + ang, d_rel, ang


# ---------------------------------------------------------------- evaluation (monitoring only)


@torch.no_grad()
def quick_metrics(model, rgb, depth, normals, batch=8):
    """AbsRel after per-image least-squares alignment in metric depth, and mean angular error in
    degrees pooled over pixels. For progress logs only: the reported numbers come from
    cmd/depth-eval, which runs the exported model through the node's own inference path."""
    model.eval()
    absrel, ang_sum, ang_n = [], 0.0, 0
    for i in range(0, rgb.shape[0], batch):
        x, gt, ngt = as_float(rgb[i:i + batch], depth[i:i + batch], normals[i:i + batch])
        d, n = model(x)
        d = (d.clamp(-1, 1) + 1) / 2
        mask = gt > 0
        s, t = fit_scale_shift(d, gt, mask)
        a = (s * d + t).clamp(1e-3, 65.535).clamp_min(1e-6)
        m = mask.float()
        absrel += (((a - gt).abs() / gt.clamp_min(1e-6) * m).sum((1, 2, 3)) / m.sum((1, 2, 3))).tolist()
        p = n / n.norm(dim=1, keepdim=True).clamp_min(1e-6)
        cos = (p * ngt).sum(1, keepdim=True).clamp(-1, 1)
        ang_sum += (torch.acos(cos) * m).sum().item()
        ang_n += m.sum().item()
    model.train()
    return float(np.mean(absrel)), math.degrees(ang_sum / max(ang_n, 1))


# ---------------------------------------------------------------- export


def export(model, path, processing_res, description, ref_dir):
    """Writes the ONNX model with the contract's names, dynamic N/H/W and metadata, checks it,
    and saves a reference input/output pair for the ONNX Runtime comparison in Go."""
    import onnx

    model.eval()
    dummy = torch.zeros(1, 3, 64, 96)
    torch.onnx.export(
        model, dummy, path, opset_version=OPSET, input_names=["image"],
        output_names=["depth", "normals"],
        dynamic_axes={"image": {0: "N", 2: "H", 3: "W"}, "depth": {0: "N", 2: "H", 3: "W"},
                      "normals": {0: "N", 2: "H", 3: "W"}},
        do_constant_folding=True)
    m = onnx.load(path)
    meta = {
        "task": "depth,normals",
        "pad_multiple": str(PAD_MULTIPLE),
        "normals_convention": "e2e-ft",
        "processing_res": str(processing_res),
        "producer": "depthnode scripts/train_demo_model.py",
        "description": description,
    }
    del m.metadata_props[:]
    for k, v in meta.items():
        e = m.metadata_props.add()
        e.key, e.value = k, v
    onnx.checker.check_model(m)
    onnx.save(m, path)

    # The reference: a random 8-bit image normalised as the node does (rgb/255*2-1) and the
    # PyTorch outputs for it; the Go test feeds the same bytes through the node's inference path.
    os.makedirs(ref_dir, exist_ok=True)
    rng = np.random.default_rng(7)
    rgb = rng.integers(0, 256, size=(48, 80, 3), dtype=np.uint8)
    x = torch.from_numpy(rgb.transpose(2, 0, 1)[None].astype(np.float32)) / 255.0 * 2.0 - 1.0
    with torch.no_grad():
        d, n = model(x)
    np.save(os.path.join(ref_dir, "demo_ref_rgb.npy"), rgb)
    np.save(os.path.join(ref_dir, "demo_ref_depth.npy"), d.numpy().astype("<f4"))
    np.save(os.path.join(ref_dir, "demo_ref_normals.npy"), n.numpy().astype("<f4"))
    return os.path.getsize(path)


# ---------------------------------------------------------------- main


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", help="training data set folder (default: render one with synthcam)")
    ap.add_argument("--val", help="validation data set folder (default: render one with synthcam)")
    ap.add_argument("--cache", default=".cache/demo-model", help="where rendered data sets go")
    ap.add_argument("--train-seed", type=int, default=1)
    ap.add_argument("--train-frames", type=int, default=3000)
    ap.add_argument("--val-seed", type=int, default=9001)
    ap.add_argument("--val-frames", type=int, default=48)
    ap.add_argument("--width", type=int, default=256)
    ap.add_argument("--height", type=int, default=192)
    ap.add_argument("--widths", default="16,32,64,96,128", help="channels per U-Net level (five levels)")
    ap.add_argument("--coords", type=int, default=1, help="1: feed pixel-coordinate channels")
    ap.add_argument("--low-steps", type=int, default=5000,
                    help="steps on frames halved to width/2 x height/2 (cheap, most of the learning)")
    ap.add_argument("--full-steps", type=int, default=0, help="steps at full resolution afterwards")
    ap.add_argument("--batch", type=int, default=8)
    ap.add_argument("--lr", type=float, default=2e-3)
    ap.add_argument("--anchor", type=float, default=0.1)
    ap.add_argument("--ssi-weight", type=float, default=0.5)
    ap.add_argument("--threads", type=int, default=1,
                    help="torch threads (1 is fastest on a machine shared with other jobs)")
    ap.add_argument("--seed", type=int, default=0, help="weight init and batch order")
    ap.add_argument("--log-every", type=int, default=250)
    ap.add_argument("--out", default="models/demo.onnx")
    ap.add_argument("--checkpoint", help="also save the PyTorch state_dict here")
    ap.add_argument("--ref-dir", default="cmd/depth-eval/testdata")
    ap.add_argument("--processing-res", type=int, default=0,
                    help="processing_res in the model's metadata (0 = the longer side most steps trained at)")
    ap.add_argument("--from-checkpoint", help="skip training: export this state_dict (same --widths)")
    ap.add_argument("--init", help="start training from this state_dict (same --widths) instead of random weights")
    args = ap.parse_args()
    res = args.processing_res or max(args.width, args.height) // (1 if args.full_steps else 2)
    widths = tuple(int(w) for w in args.widths.split(","))

    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    if args.from_checkpoint:
        model = DemoNet(widths, bool(args.coords))
        model.load_state_dict(torch.load(args.from_checkpoint))
    else:
        model = train(args, widths)
    params = sum(p.numel() for p in model.parameters())
    desc = ("depthnode demo stand-in for E2E-FT: %d-parameter U-Net (widths %s%s) trained %d+%d steps on "
            "%d synthetic frames (synthcam seed %d, %dx%d); not the E2E-FT checkpoints" % (
                params, args.widths, ", pixel-coordinate inputs" if args.coords else "", args.low_steps, args.full_steps, args.train_frames, args.train_seed,
                args.width, args.height))
    size = export(model, args.out, res, desc, args.ref_dir)
    print("wrote %s (%d bytes, processing_res %d) and reference tensors in %s" % (
        args.out, size, res, args.ref_dir), flush=True)


def train(args, widths):
    """Renders or loads the data sets and trains a DemoNet for the configured steps."""
    gen = torch.Generator().manual_seed(args.seed)

    train_dir = args.data or os.path.join(
        args.cache, "train-seed%d-%dx%d-%d" % (args.train_seed, args.width, args.height, args.train_frames))
    val_dir = args.val or os.path.join(
        args.cache, "val-seed%d-%dx%d-%d" % (args.val_seed, args.width, args.height, args.val_frames))
    if not args.data:
        synthcam(train_dir, args.train_frames, args.train_seed, args.width, args.height)
    if not args.val:
        synthcam(val_dir, args.val_frames, args.val_seed, args.width, args.height)

    t0 = time.time()
    rgb, depth, normals = load_set(train_dir)
    vrgb, vdepth, vnormals = load_set(val_dir)
    print("loaded %d training and %d validation frames %dx%d in %.0fs" % (
        rgb.shape[0], vrgb.shape[0], rgb.shape[3], rgb.shape[2], time.time() - t0), flush=True)
    if rgb.shape[2] % (2 * PAD_MULTIPLE) or rgb.shape[3] % (2 * PAD_MULTIPLE):
        sys.exit("frame size must be a multiple of %d" % (2 * PAD_MULTIPLE))
    lrgb, ldepth, lnormals = half_resolution(rgb, depth, normals)
    vlrgb, vldepth, vlnormals = half_resolution(vrgb, vdepth, vnormals)

    model = DemoNet(widths, bool(args.coords))
    if args.init:
        model.load_state_dict(torch.load(args.init))
    params = sum(p.numel() for p in model.parameters())
    print("DemoNet: %d parameters%s" % (params, ", starting from " + args.init if args.init else ""), flush=True)
    opt = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=1e-4)
    total = args.low_steps + args.full_steps
    # One cosine decay over both phases, with a short warm-up.
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda s: min(1.0, (s + 1) / 100) * (0.02 + 0.98 * 0.5 * (1 + math.cos(math.pi * s / total))))

    t0 = time.time()
    run_loss = run_d = run_a = 0.0
    for step in range(total):
        low = step < args.low_steps
        src = (lrgb, ldepth, lnormals) if low else (rgb, depth, normals)
        batch = args.batch if low else max(1, args.batch // 4)
        idx = torch.randint(0, src[0].shape[0], (batch,), generator=gen)
        x, d, n = augment(*as_float(src[0][idx], src[1][idx], src[2][idx]), gen)
        dp, np_ = model(x)
        loss, d_rel, ang = total_loss(dp, np_, d, n, args.anchor, args.ssi_weight)
        opt.zero_grad()
        loss.backward()
        opt.step()
        sched.step()
        run_loss += loss.item()
        run_d += d_rel.item()
        run_a += ang.item()
        if (step + 1) % args.log_every == 0 or step + 1 == total:
            k = args.log_every if (step + 1) % args.log_every == 0 else (step + 1) % args.log_every
            vals = quick_metrics(model, vlrgb, vldepth, vlnormals) if low else quick_metrics(
                model, vrgb, vdepth, vnormals)
            print("step %d/%d (%s) %.0fs loss %.4f absrel %.4f ang %.1fdeg | val AbsRel %.4f normals %.2fdeg lr %.2e" % (
                step + 1, total, "half" if low else "full", time.time() - t0, run_loss / k, run_d / k,
                math.degrees(run_a / k), vals[0], vals[1], sched.get_last_lr()[0]), flush=True)
            run_loss = run_d = run_a = 0.0
    train_s = time.time() - t0
    full = quick_metrics(model, vrgb, vdepth, vnormals)
    print("trained in %.0fs; validation at %dx%d: AbsRel %.4f, normals mean %.2f deg" % (
        train_s, args.width, args.height, full[0], full[1]), flush=True)

    if args.checkpoint:
        torch.save(model.state_dict(), args.checkpoint)
    return model

if __name__ == "__main__":
    main()
