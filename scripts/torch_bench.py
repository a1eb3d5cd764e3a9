#!/usr/bin/env python3
"""Time the E2E-FT single-step pass in PyTorch (diffusers), for comparison with ONNX Runtime.

Builds the random-init SD2 architecture (UNet ~866M parameters, VAE ~84M; timing does not
depend on the weights) and runs exactly the pass that scripts/export_onnx.py bakes into the
ONNX graph: VAE encode -> UNet at t=999 -> x0 -> VAE decode, with the shared encoder run once
when both tasks are asked for. Input: a batch-1 image already on the device at the processing
size (default 768x576, the 768 px processing size of a 640x480 camera), so the numbers are the
model's own cost; depth-bench's "infer" stage is the comparable ONNX Runtime number (it adds
the host<->device copies of input and outputs).

    python3 scripts/torch_bench.py --device cuda --fp16 --tasks depth,normals --json
"""

import argparse
import json
import math
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import export_onnx as ex  # noqa: E402


def percentile(sorted_ms, p):
    """Nearest-rank percentile of sorted values (the same definition as depth-bench)."""
    rank = math.ceil(p / 100 * len(sorted_ms))
    return sorted_ms[max(rank, 1) - 1]


def summarize(ms):
    """mean/p50/p95/min/max ms and fps of per-frame times in milliseconds."""
    s = sorted(ms)
    mean = sum(s) / len(s)
    return {"mean_ms": mean, "p50_ms": percentile(s, 50), "p95_ms": percentile(s, 95),
            "min_ms": s[0], "max_ms": s[-1], "fps": 1000 / mean if mean > 0 else 0.0}


def parse_args(argv=None):
    p = argparse.ArgumentParser(prog="torch_bench.py", description=__doc__.splitlines()[0])
    p.add_argument("--tasks", default="depth", help="depth, normals or depth,normals (shared encoder)")
    p.add_argument("--fp16", action="store_true", help="float16 weights and compute")
    p.add_argument("--device", default="cuda", help="cuda, cuda:N or cpu")
    p.add_argument("--size", type=ex.parse_size, default=(768, 576), metavar="WxH",
                   help="model input size (default 768x576)")
    p.add_argument("--config", choices=sorted(ex.RANDOM_CONFIGS), default="sd2",
                   help="architecture (sd2 = the real one; tiny = for tests)")
    p.add_argument("--warmup", type=int, default=3)
    p.add_argument("--iters", type=int, default=20)
    p.add_argument("--label", default="", help="free text carried into the JSON")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    a = p.parse_args(argv)
    a.task_list = [t.strip() for t in a.tasks.split(",") if t.strip()]
    if not a.task_list or any(t not in ex.TASKS for t in a.task_list) or len(set(a.task_list)) != len(a.task_list):
        p.error(f"--tasks must be depth, normals or depth,normals, got {a.tasks!r}")
    if a.iters < 1 or a.warmup < 0:
        p.error("--iters must be >= 1 and --warmup >= 0")
    return a


def build_module(args, torch):
    """The single-step module on the device, random weights in the chosen architecture."""
    dtype = torch.float16 if args.fp16 else torch.float32
    ckpts = {t: ex.build_random(t, args.config, 0, args.device) for t in args.task_list}
    first = ckpts[args.task_list[0]]
    for c in ckpts.values():
        c.vae = first.vae  # one shared VAE, as the E2E-FT checkpoints have
    heads = [(t, ckpts[t].unet, ckpts[t].vae) for t in args.task_list]
    cross = int(first.unet.config.cross_attention_dim)
    emb = torch.randn(1, ex.SD2_TEXT_TOKENS, cross, generator=torch.Generator().manual_seed(7))
    ab = ex.alpha_bar(ex.SD2_SCHEDULER_CONFIG)
    module = ex.make_single_step_module(first.vae, heads, emb, ab, dtype)
    return module.to(args.device, dtype).eval()


def bench(args):
    import torch

    device = torch.device(args.device)
    if device.type == "cuda":
        if not torch.cuda.is_available():
            raise ex.ExportError("CUDA is not available to this PyTorch")
        # The same idea as ORT's cudnn_conv_algo_search=EXHAUSTIVE: fixed shapes, best kernels.
        torch.backends.cudnn.benchmark = True
    module = build_module(args, torch)
    w, h = args.size
    image = torch.from_numpy(ex.sample_image(w, h)).to(device)

    def sync():
        if device.type == "cuda":
            torch.cuda.synchronize(device)

    ms = []
    with torch.inference_mode():
        for i in range(args.warmup + args.iters):
            sync()
            t0 = time.perf_counter()
            out = module(image)
            sync()
            if i >= args.warmup:
                ms.append((time.perf_counter() - t0) * 1000)
    outs = out if isinstance(out, tuple) else (out,)
    for t, o in zip(args.task_list, outs):
        want = (1, 1 if t == "depth" else 3, h, w)
        if tuple(o.shape) != want or not bool(torch.isfinite(o).all()):
            raise ex.ExportError(f"{t} output {tuple(o.shape)} (finite: {bool(torch.isfinite(o).all())}), want {want}")
    rep = {"label": args.label, "framework": "pytorch", "torch": torch.__version__,
           "device": str(device), "gpu": torch.cuda.get_device_name(device) if device.type == "cuda" else "cpu",
           "precision": "float16" if args.fp16 else "float32", "config": args.config,
           "tasks": "+".join(args.task_list), "size": f"{w}x{h}", "warmup": args.warmup,
           "iterations": args.iters, "params_m": sum(p.numel() for p in module.parameters()) / 1e6}
    rep.update(summarize(ms))
    if device.type == "cuda":
        rep["max_memory_mb"] = torch.cuda.max_memory_allocated(device) / 2**20
    return rep


def main(argv=None):
    args = parse_args(argv)
    try:
        rep = bench(args)
    except ex.ExportError as e:
        print(f"torch_bench: error: {e}", file=sys.stderr)
        return 1
    if args.json:
        print(json.dumps(rep))
    else:
        print(f"PyTorch {rep['torch']} on {rep['gpu']} ({rep['device']}), {rep['precision']}, {rep['tasks']} at "
              f"{rep['size']}: mean {rep['mean_ms']:.1f} ms, p50 {rep['p50_ms']:.1f}, p95 {rep['p95_ms']:.1f}, "
              f"{rep['fps']:.1f} fps ({rep['params_m']:.1f}M parameters)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
