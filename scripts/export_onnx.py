#!/usr/bin/env python3
"""Export E2E-FT depth and/or normals checkpoints to ONNX files the depthnode accepts.

The whole single-step pass is baked into one graph (see shared reference e2e-ft.md):

    image [N,3,H,W] in [-1,1]
      -> VAE encoder -> quant_conv -> mean half (no sampling) * scaling_factor (0.18215)
      -> UNet(concat([latent, zeros]), t=999, constant empty-prompt CLIP embedding) = v
      -> x0 = sqrt(ab)*0 - sqrt(1-ab)*v,  ab = alpha_bar_999 of the checkpoint's scheduler
      -> VAE post_quant_conv -> decoder on x0 / scaling_factor
      -> depth [N,1,H,W] = mean of the 3 channels, normals [N,3,H,W] = the 3 channels

Sources: a Hugging Face checkpoint name or a local folder in diffusers layout
(GonzaloMG/marigold-e2e-ft-depth, GonzaloMG/marigold-e2e-ft-normals, ...), or
--random-init, which builds the real SD2 architecture (UNet ~866M parameters,
VAE ~84M) with random weights, to time the pass without downloading anything.

Needs PyTorch and diffusers (and transformers for the text embedding of a real
checkpoint, unless --text-embedding gives it as a .npy file). After export the
ONNX file is checked against the model contract and, when the onnxruntime
Python package is importable, run against the PyTorch pass (diffusers' own
encode / UNet / DDIMScheduler.step / decode) on a sample image. Any mismatch
exits non-zero.

The pure parts (arguments, configs, alpha_bar, metadata, contract check) need
only the Python standard library and onnx, so scripts/test_export_onnx.py runs
them without PyTorch or diffusers.
"""

import argparse
import math
import os
import sys
import tempfile

TASKS = ("depth", "normals")
CONVENTIONS = ("e2e-ft", "marigold")
OPSET = 17
PROCESSING_RES = 768
TIMESTEP = 999
# alpha_bar at t=999 of SD2's scaled_linear schedule (e2e-ft.md); checked against
# the checkpoint's scheduler config so a different schedule cannot slip through.
EXPECTED_ALPHA_BAR_999 = 0.0046601
VAE_SCALING_FACTOR = 0.18215
PRODUCER = "depthnode scripts/export_onnx.py"
# Protobuf cannot serialise 2 GB; above this many bytes of weights they go to a side file.
EXTERNAL_DATA_BYTES = 1_800_000_000

# stabilityai/stable-diffusion-2 UNet with Marigold's 8-channel input (RGB latent + target
# latent); what the E2E-FT checkpoints ship, written out so --random-init needs no download.
SD2_UNET_CONFIG = {
    "sample_size": 96,
    "in_channels": 8,
    "out_channels": 4,
    "center_input_sample": False,
    "flip_sin_to_cos": True,
    "freq_shift": 0,
    "down_block_types": ["CrossAttnDownBlock2D", "CrossAttnDownBlock2D", "CrossAttnDownBlock2D", "DownBlock2D"],
    "up_block_types": ["UpBlock2D", "CrossAttnUpBlock2D", "CrossAttnUpBlock2D", "CrossAttnUpBlock2D"],
    "block_out_channels": [320, 640, 1280, 1280],
    "layers_per_block": 2,
    "downsample_padding": 1,
    "mid_block_scale_factor": 1,
    "act_fn": "silu",
    "norm_num_groups": 32,
    "norm_eps": 1e-5,
    "cross_attention_dim": 1024,
    "attention_head_dim": [5, 10, 20, 20],
    "use_linear_projection": True,
    "upcast_attention": False,
}

# stabilityai/stable-diffusion-2 VAE (AutoencoderKL, 8x downsampling, 4 latent channels).
SD2_VAE_CONFIG = {
    "in_channels": 3,
    "out_channels": 3,
    "down_block_types": ["DownEncoderBlock2D"] * 4,
    "up_block_types": ["UpDecoderBlock2D"] * 4,
    "block_out_channels": [128, 256, 512, 512],
    "layers_per_block": 2,
    "act_fn": "silu",
    "latent_channels": 4,
    "norm_num_groups": 32,
    "sample_size": 768,
    "scaling_factor": VAE_SCALING_FACTOR,
}

# The E2E-FT checkpoints' scheduler (DDIMScheduler, v-prediction, trailing spacing).
SD2_SCHEDULER_CONFIG = {
    "num_train_timesteps": 1000,
    "beta_start": 0.00085,
    "beta_end": 0.012,
    "beta_schedule": "scaled_linear",
    "prediction_type": "v_prediction",
    "timestep_spacing": "trailing",
    "clip_sample": False,
    "set_alpha_to_one": False,
    "steps_offset": 0,
}
SD2_TEXT_TOKENS = 2  # the empty prompt tokenised without padding: [BOS, EOS]

# A few-thousand-parameter model of the same architecture family, for tests only:
# same block types, 8-channel v-prediction UNet, but 2 UNet levels (pad multiple 8*2=16).
TINY_UNET_CONFIG = dict(
    SD2_UNET_CONFIG,
    sample_size=8,
    down_block_types=["CrossAttnDownBlock2D", "DownBlock2D"],
    up_block_types=["UpBlock2D", "CrossAttnUpBlock2D"],
    block_out_channels=[16, 32],
    layers_per_block=1,
    norm_num_groups=8,
    cross_attention_dim=16,
    attention_head_dim=[2, 4],
)
TINY_VAE_CONFIG = dict(
    SD2_VAE_CONFIG,
    block_out_channels=[8, 8, 16, 16],
    layers_per_block=1,
    norm_num_groups=8,
    sample_size=64,
)
RANDOM_CONFIGS = {
    "sd2": (SD2_UNET_CONFIG, SD2_VAE_CONFIG),
    "tiny": (TINY_UNET_CONFIG, TINY_VAE_CONFIG),
}


class ExportError(Exception):
    """A checkpoint, argument or exported graph that breaks the contract; exits non-zero."""


# ---------------------------------------------------------------------------
# Pure parts: no PyTorch, no diffusers.


def alpha_bar(scheduler_config, t=TIMESTEP):
    """Cumulative alpha product at timestep t, as diffusers' DDPM/DDIM schedulers compute it."""
    n = int(scheduler_config.get("num_train_timesteps", 1000))
    b0 = float(scheduler_config.get("beta_start", 0.0001))
    b1 = float(scheduler_config.get("beta_end", 0.02))
    kind = scheduler_config.get("beta_schedule", "linear")
    if not 0 <= t < n:
        raise ExportError(f"timestep {t} is outside the scheduler's {n} training steps")
    if kind == "scaled_linear":
        # betas = linspace(sqrt(b0), sqrt(b1), n) ** 2
        step = (math.sqrt(b1) - math.sqrt(b0)) / (n - 1)
        betas = [(math.sqrt(b0) + i * step) ** 2 for i in range(n)]
    elif kind == "linear":
        betas = [b0 + i * (b1 - b0) / (n - 1) for i in range(n)]
    else:
        raise ExportError(f"beta_schedule {kind!r} is not supported (E2E-FT uses scaled_linear)")
    ab = 1.0
    for b in betas[: t + 1]:
        ab *= 1.0 - b
    return ab


def check_scheduler_config(cfg):
    """Refuses a scheduler that is not the E2E-FT one (v-prediction, scaled_linear, 1000 steps)."""
    if cfg.get("prediction_type") != "v_prediction":
        raise ExportError(
            f"scheduler prediction_type is {cfg.get('prediction_type')!r}, not 'v_prediction': "
            "not an E2E-FT/Marigold checkpoint")
    if int(cfg.get("num_train_timesteps", 0)) != 1000:
        raise ExportError(f"scheduler num_train_timesteps is {cfg.get('num_train_timesteps')}, not 1000")
    ab = alpha_bar(cfg)
    if abs(ab - EXPECTED_ALPHA_BAR_999) > 1e-6:
        raise ExportError(f"alpha_bar_999 of the scheduler is {ab:.7f}, not {EXPECTED_ALPHA_BAR_999} "
                          "(E2E-FT's scaled_linear 0.00085..0.012 schedule)")
    return ab


def check_unet_config(cfg):
    """Refuses a UNet that cannot take [RGB latent, target latent] (8 in, 4 out)."""
    if int(cfg.get("in_channels", 0)) != 8:
        raise ExportError(f"UNet in_channels is {cfg.get('in_channels')}, not 8 (RGB latent + target latent): "
                          "not a Marigold/E2E-FT checkpoint")
    if int(cfg.get("out_channels", 0)) != 4:
        raise ExportError(f"UNet out_channels is {cfg.get('out_channels')}, not 4")


def check_vae_config(cfg):
    """Refuses a VAE whose latent does not match the UNet's 4-channel target latent."""
    if int(cfg.get("latent_channels", 0)) != 4:
        raise ExportError(f"VAE latent_channels is {cfg.get('latent_channels')}, not 4")
    if int(cfg.get("in_channels", 3)) != 3 or int(cfg.get("out_channels", 3)) != 3:
        raise ExportError("VAE must map 3 channels to 3 channels")
    # Marigold/E2E-FT hard-code SD2's 0.18215 latent scale; a VAE that says otherwise is another model.
    if abs(float(cfg.get("scaling_factor", VAE_SCALING_FACTOR)) - VAE_SCALING_FACTOR) > 1e-9:
        raise ExportError(f"VAE scaling_factor is {cfg.get('scaling_factor')}, not {VAE_SCALING_FACTOR} (SD2's)")


def pad_multiple(unet_cfg, vae_cfg):
    """Spatial multiple the graph needs: VAE downsampling times UNet downsampling."""
    return 2 ** (len(vae_cfg["block_out_channels"]) - 1) * 2 ** (len(unet_cfg["block_out_channels"]) - 1)


def guess_convention(source):
    """normals_convention for a checkpoint name: Marigold's own normals mirror x."""
    s = source.lower()
    if "e2e-ft" in s or "gonzalomg/" in s:
        return "e2e-ft"
    if "marigold-normals" in s or "prs-eth/" in s:
        return "marigold"
    return None


def build_metadata(tasks, source, revision, precision, pad, convention=None,
                   processing_res=PROCESSING_RES, extra=None):
    """metadata_props of an exported model, as the node reads them (node-interface.md)."""
    tasks = list(tasks)
    if not tasks or any(t not in TASKS for t in tasks):
        raise ExportError(f"tasks must be a non-empty subset of {TASKS}, got {tasks}")
    if precision not in ("float32", "float16"):
        raise ExportError(f"precision must be float32 or float16, got {precision!r}")
    meta = {
        "task": "+".join(tasks),
        "pad_multiple": str(int(pad)),
        "processing_res": str(int(processing_res)),
        "precision": precision,
        "source_checkpoint": source,
        "source_revision": revision or "unknown",
        "producer": PRODUCER,
        "timestep": str(TIMESTEP),
    }
    if "normals" in tasks:
        if convention not in CONVENTIONS:
            raise ExportError(f"normals_convention must be one of {CONVENTIONS}, got {convention!r}")
        meta["normals_convention"] = convention
    if extra:
        meta.update({k: str(v) for k, v in extra.items()})
    return meta


def _dims(value_info):
    t = value_info.type.tensor_type
    if not t.HasField("shape"):
        return None
    return [d.dim_value if d.HasField("dim_value") else (d.dim_param or -1) for d in t.shape.dim]


def check_model_contract(model, want_tasks=None):
    """Problems (strings) with an onnx.ModelProto against the node's model contract; [] = conforms.

    One input [N,3,H,W] float32/float16; outputs named depth [N,1,H,W] and/or normals
    [N,3,H,W]; metadata pad_multiple/processing_res integers, normals_convention known.
    """
    from onnx import TensorProto

    problems = []
    g = model.graph
    initializers = {i.name for i in g.initializer}
    inputs = [i for i in g.input if i.name not in initializers]
    floats = (TensorProto.FLOAT, TensorProto.FLOAT16)
    if len(inputs) != 1:
        problems.append(f"model must have exactly one input, has {len(inputs)}: {[i.name for i in inputs]}")
    else:
        inp = inputs[0]
        if inp.type.tensor_type.elem_type not in floats:
            problems.append(f"input {inp.name!r} must be float32 or float16, is type {inp.type.tensor_type.elem_type}")
        d = _dims(inp)
        if d is None or len(d) != 4 or d[1] != 3:
            problems.append(f"input {inp.name!r} must be [N,3,H,W], is {d}")
    outs = {o.name: o for o in g.output}
    found = [t for t in TASKS if t in outs]
    if not found:
        problems.append(f"no output named depth or normals (outputs: {sorted(outs)})")
    for name, channels in (("depth", 1), ("normals", 3)):
        if name not in outs:
            continue
        o = outs[name]
        if o.type.tensor_type.elem_type not in floats:
            problems.append(f"output {name!r} must be float32 or float16, is type {o.type.tensor_type.elem_type}")
        d = _dims(o)
        if d is None or len(d) != 4 or d[1] != channels:
            problems.append(f"output {name!r} must be [N,{channels},H,W], is {d}")
    if want_tasks is not None and sorted(found) != sorted(want_tasks):
        problems.append(f"outputs {found} do not match the exported tasks {list(want_tasks)}")
    meta = {p.key: p.value for p in model.metadata_props}
    for key in ("pad_multiple", "processing_res"):
        if key in meta:
            try:
                v = int(meta[key])
            except ValueError:
                v = -1
            if v < 0 or (key == "pad_multiple" and v == 0):
                problems.append(f"metadata {key}={meta[key]!r} is not a valid integer")
    if "normals_convention" in meta and meta["normals_convention"] not in CONVENTIONS:
        problems.append(f"metadata normals_convention={meta['normals_convention']!r} is not one of {CONVENTIONS}")
    return problems


def parse_size(text):
    """'WxH' -> (W, H), both positive."""
    try:
        w, h = (int(v) for v in text.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"size must be WIDTHxHEIGHT, got {text!r}")
    if w <= 0 or h <= 0:
        raise argparse.ArgumentTypeError(f"size must be positive, got {text!r}")
    return w, h


def parse_args(argv=None):
    """Command line; refuses inconsistent combinations with a message naming the option."""
    p = argparse.ArgumentParser(
        prog="export_onnx.py",
        description="Export E2E-FT depth/normals checkpoints to depthnode ONNX models "
                    "(the whole single-step pass in one graph).")
    p.add_argument("--depth", metavar="CKPT", help="depth checkpoint: Hugging Face name or local folder "
                   "(e.g. GonzaloMG/marigold-e2e-ft-depth)")
    p.add_argument("--normals", metavar="CKPT", help="normals checkpoint (e.g. GonzaloMG/marigold-e2e-ft-normals)")
    p.add_argument("--random-init", choices=sorted(RANDOM_CONFIGS), metavar="{sd2,tiny}",
                   help="no checkpoint: random weights in the full SD2 architecture (sd2, for timing) "
                        "or a tiny one (tests); --tasks picks the outputs")
    p.add_argument("--tasks", default=None, help="with --random-init: depth, normals or depth,normals")
    p.add_argument("--combined", action="store_true",
                   help="one graph with both outputs that runs the shared VAE encoder once")
    p.add_argument("--with-separate", action="store_true",
                   help="with --combined, also write the single-task files from the same weights")
    p.add_argument("--fp16", action="store_true", help="float16 weights and compute (float32 input/outputs); "
                   "PyTorch must run float16 on --device (use cuda)")
    p.add_argument("--device", default="cpu", help="PyTorch device for tracing and the check (cpu, cuda)")
    p.add_argument("--revision", default=None, help="checkpoint revision (branch, tag or commit)")
    p.add_argument("--normals-convention", choices=("auto",) + CONVENTIONS, default="auto",
                   help="axis convention recorded in metadata (auto: e2e-ft for GonzaloMG checkpoints, "
                        "marigold for prs-eth's)")
    p.add_argument("--text-embedding", metavar="NPY",
                   help="empty-prompt CLIP embedding [1,T,1024] as .npy, for when transformers is missing")
    p.add_argument("--save-text-embedding", metavar="NPY", help="also write the embedding used to this .npy")
    p.add_argument("--out-dir", default="models", help="where the .onnx files go (default: models)")
    p.add_argument("--name", default=None, help="file name stem (default: e2e-ft or random-<config>)")
    p.add_argument("--processing-res", type=int, default=PROCESSING_RES,
                   help="processing_res recorded in metadata (default 768)")
    p.add_argument("--check-size", type=parse_size, default=(256, 192), metavar="WxH",
                   help="sample image size for the ONNX-vs-PyTorch check (default 256x192)")
    p.add_argument("--no-check", action="store_true", help="skip the ONNX Runtime comparison")
    p.add_argument("--seed", type=int, default=0, help="seed for --random-init weights")
    a = p.parse_args(argv)

    if a.random_init:
        if a.depth or a.normals:
            p.error("--random-init builds its own weights: give no --depth/--normals")
        tasks = [t.strip() for t in (a.tasks or "depth").split(",") if t.strip()]
        if not tasks or any(t not in TASKS for t in tasks) or len(set(tasks)) != len(tasks):
            p.error(f"--tasks must be depth, normals or depth,normals, got {a.tasks!r}")
        a.task_list = tasks
    else:
        if a.tasks:
            p.error("--tasks is for --random-init; with checkpoints, --depth/--normals say the tasks")
        a.task_list = [t for t in TASKS if getattr(a, t)]
        if not a.task_list:
            p.error("give --depth and/or --normals (a checkpoint name or folder), or --random-init")
    if a.combined and len(a.task_list) != 2:
        p.error("--combined needs both tasks (depth and normals)")
    if a.with_separate and not a.combined:
        p.error("--with-separate goes with --combined (without it the files are separate anyway)")
    if a.processing_res < 0:
        p.error("--processing-res must be >= 0")
    for s in a.check_size:
        if s % 8:
            p.error("--check-size must be a multiple of 8 (the VAE's downsampling)")
    return a


def output_plan(args):
    """[(file name, [tasks])] the export writes."""
    stem = args.name or (f"random-{args.random_init}" if args.random_init else "e2e-ft")
    suffix = "-fp16" if args.fp16 else ""
    separate = [(f"{stem}-{t}{suffix}.onnx", [t]) for t in args.task_list]
    if args.combined:
        combined = [(f"{stem}-depth-normals{suffix}.onnx", list(args.task_list))]
        return combined + (separate if args.with_separate else [])
    return separate


# ---------------------------------------------------------------------------
# PyTorch parts: imported lazily, so the pure parts above work without them.


def _torch():
    import torch
    return torch


def _diffusers():
    try:
        import diffusers
    except ImportError as e:
        raise ExportError(f"diffusers is not importable ({e}): pip install diffusers "
                          "(or put a diffusers source tree on PYTHONPATH)")
    return diffusers


def make_single_step_module(encoder_vae, heads, text_embedding, ab, dtype):
    """torch.nn.Module running the whole single-step pass.

    encoder_vae: AutoencoderKL whose encoder/quant_conv make the RGB latent (shared by all heads).
    heads: [(task, unet, decoder_vae)] in output order.
    text_embedding: [1,T,C] constant conditioning. ab: alpha_bar at t=999.
    Input and outputs stay float32 whatever dtype the weights use, so one reader serves both.
    """
    torch = _torch()

    class SingleStepPass(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.encoder = encoder_vae.encoder
            self.quant_conv = encoder_vae.quant_conv
            self.unets = torch.nn.ModuleList([h[1] for h in heads])
            decoders, index = [], []
            for _, _, vae in heads:
                # Identical decoders (same module) are stored once in the graph.
                found = next((i for i, d in enumerate(decoders) if d is vae), None)
                if found is None:
                    decoders.append(vae)
                    found = len(decoders) - 1
                index.append(found)
            self.post_quant_convs = torch.nn.ModuleList([d.post_quant_conv for d in decoders])
            self.decoders = torch.nn.ModuleList([d.decoder for d in decoders])
            self.decoder_index = index
            self.tasks = [h[0] for h in heads]
            self.register_buffer("text_embedding", text_embedding.to(dtype))
            self.register_buffer("timestep", torch.tensor([TIMESTEP], dtype=torch.long))
            self.scaling = VAE_SCALING_FACTOR  # checked against the VAE config by check_vae_config
            # x_t is all zeros, so sqrt(ab)*x_t drops out: x0 = -sqrt(1-ab) * v.
            self.v_to_x0 = -math.sqrt(1.0 - ab)
            self.dtype_ = dtype

        def forward(self, image):
            x = image.to(self.dtype_)
            moments = self.quant_conv(self.encoder(x))
            latent = moments[:, :4] * self.scaling  # mean half; no sampling
            unet_in = torch.cat([latent, torch.zeros_like(latent)], dim=1)
            cond = self.text_embedding.expand(x.shape[0], -1, -1)
            outs = []
            for task, unet, di in zip(self.tasks, self.unets, self.decoder_index):
                v = unet(unet_in, self.timestep, encoder_hidden_states=cond, return_dict=False)[0]
                x0 = v * self.v_to_x0
                dec = self.decoders[di](self.post_quant_convs[di](x0 / self.scaling))
                out = dec.mean(dim=1, keepdim=True) if task == "depth" else dec
                outs.append(out.float())
            return tuple(outs) if len(outs) > 1 else outs[0]

    return SingleStepPass().eval()


def reference_pass(vae, unet, scheduler, text_embedding, image, task):
    """The same pass through diffusers' public API (encode/latent_dist.mean, UNet, DDIM step,
    decode), independent of make_single_step_module's hand-inlined arithmetic."""
    torch = _torch()
    dtype = next(unet.parameters()).dtype
    x = image.to(dtype)
    with torch.no_grad():
        latent = vae.encode(x).latent_dist.mean * vae.config.scaling_factor
        scheduler.set_timesteps(1, device=x.device)
        t = scheduler.timesteps[0]
        if int(t) != TIMESTEP:
            raise ExportError(f"the scheduler's single step is t={int(t)}, not {TIMESTEP} "
                              "(timestep_spacing must be 'trailing')")
        cond = text_embedding.to(dtype).expand(x.shape[0], -1, -1)
        v = unet(torch.cat([latent, torch.zeros_like(latent)], 1), t, encoder_hidden_states=cond).sample
        x0 = scheduler.step(v, t, torch.zeros_like(latent)).pred_original_sample
        dec = vae.decode(x0 / vae.config.scaling_factor).sample
    out = dec.mean(dim=1, keepdim=True) if task == "depth" else dec
    return out.float()


def sample_image(width, height, batch=1):
    """Deterministic structured test image in [-1,1] (gradients, a disc, stripes), [N,3,H,W]."""
    import numpy as np

    y, x = np.mgrid[0:height, 0:width].astype(np.float32)
    r = x / max(width - 1, 1)
    g = y / max(height - 1, 1)
    disc = ((x - 0.6 * width) ** 2 + (y - 0.4 * height) ** 2 < (0.2 * height) ** 2).astype(np.float32)
    b = 0.5 + 0.5 * np.sin(x / 7.0) * (1 - disc) + 0.4 * disc
    img = np.stack([r, g, np.clip(b, 0, 1)])[None] * 2 - 1
    return np.repeat(img, batch, axis=0).astype(np.float32)


class Checkpoint:
    """One task's modules and configs, loaded from a checkpoint or built at random."""

    def __init__(self, task, source, revision, unet, vae, scheduler):
        self.task, self.source, self.revision = task, source, revision
        self.unet, self.vae, self.scheduler = unet, vae, scheduler


def build_random(task, config_name, seed, device="cpu"):
    """Random weights in the named architecture (no download), made on device: initialising
    866M parameters on the GPU takes a moment, on the CPU tens of seconds."""
    import contextlib

    torch = _torch()
    d = _diffusers()
    unet_cfg, vae_cfg = RANDOM_CONFIGS[config_name]
    # torch >= 2.0 can create parameters directly on a device; 1.13 cannot (then: the CPU).
    where = torch.device(device) if hasattr(torch.device, "__enter__") else contextlib.nullcontext()
    with where:
        torch.manual_seed(seed + (0 if task == "depth" else 1))
        unet = d.UNet2DConditionModel(**unet_cfg)
        # Both tasks share the VAE (frozen during E2E fine-tuning): same seed, same weights.
        torch.manual_seed(seed + 100)
        vae = d.AutoencoderKL(**vae_cfg)
    sched = d.DDIMScheduler(**SD2_SCHEDULER_CONFIG)
    return Checkpoint(task, f"random-init:{config_name}", f"seed={seed}", unet, vae, sched)


def load_checkpoint(task, source, revision):
    """UNet, VAE and scheduler of a diffusers-layout checkpoint (hub name or folder)."""
    d = _diffusers()
    kw = {"revision": revision} if revision else {}
    try:
        sched_cfg = d.DDIMScheduler.load_config(source, subfolder="scheduler", **kw)
    except Exception as e:  # the hub client raises many kinds; the message is what helps
        raise ExportError(f"{task} checkpoint {source!r}: cannot read scheduler config: {e}")
    check_scheduler_config(sched_cfg)
    unet_cfg = d.UNet2DConditionModel.load_config(source, subfolder="unet", **kw)
    check_unet_config(unet_cfg)
    unet = d.UNet2DConditionModel.from_pretrained(source, subfolder="unet", **kw)
    vae = d.AutoencoderKL.from_pretrained(source, subfolder="vae", **kw)
    check_vae_config(dict(vae.config))
    sched = d.DDIMScheduler.from_config(sched_cfg)
    # One single step must land on t=999, whatever spacing the checkpoint saved.
    sched = d.DDIMScheduler.from_config(sched.config, timestep_spacing="trailing")
    return Checkpoint(task, source, resolve_revision(source, revision), unet, vae, sched)


def resolve_revision(source, revision):
    """Commit hash of a hub checkpoint when the hub answers, else the revision asked for."""
    if os.path.isdir(source):
        return revision or "local-folder"
    try:
        from huggingface_hub import HfApi
        return HfApi().model_info(source, revision=revision).sha or revision or "main"
    except Exception:
        return revision or "main"


def empty_prompt_embedding(args, ckpt, cross_dim):
    """The constant conditioning [1,T,C]: from --text-embedding, the checkpoint's CLIP text
    encoder, or (random-init) a seeded random tensor of the SD2 shape."""
    torch = _torch()
    import numpy as np

    if args.text_embedding:
        emb = torch.from_numpy(np.load(args.text_embedding)).float()
        if emb.dim() == 2:
            emb = emb[None]
        src = args.text_embedding
    elif args.random_init:
        g = torch.Generator().manual_seed(args.seed + 7)
        emb = torch.randn(1, SD2_TEXT_TOKENS, cross_dim, generator=g)
        src = "random"
    else:
        try:
            from transformers import CLIPTextModel, CLIPTokenizer
        except ImportError as e:
            raise ExportError(f"transformers is not importable ({e}): install it, or pass --text-embedding "
                              "with a .npy saved by --save-text-embedding on a machine that has it")
        kw = {"revision": args.revision} if args.revision else {}
        tok = CLIPTokenizer.from_pretrained(ckpt.source, subfolder="tokenizer", **kw)
        enc = CLIPTextModel.from_pretrained(ckpt.source, subfolder="text_encoder", **kw).eval()
        # Exactly as the reference pipeline: no padding, so [BOS, EOS] -> [1,2,1024].
        ids = tok("", padding="do_not_pad", max_length=tok.model_max_length, truncation=True,
                  return_tensors="pt").input_ids
        with torch.no_grad():
            emb = enc(ids)[0].float()
        src = f"{ckpt.source} text_encoder"
    if emb.dim() != 3 or emb.shape[0] != 1 or emb.shape[2] != cross_dim:
        raise ExportError(f"text embedding from {src} is {list(emb.shape)}, want [1,T,{cross_dim}]")
    if args.save_text_embedding:
        np.save(args.save_text_embedding, emb.numpy())
    return emb


def same_weights(a, b):
    """Whether two modules hold bit-identical state dicts."""
    torch = _torch()
    sa, sb = a.state_dict(), b.state_dict()
    return sa.keys() == sb.keys() and all(torch.equal(sa[k], sb[k]) for k in sa)


def export_graph(module, path, check_hw, device, meta):
    """torch.onnx.export with dynamic N/H/W at opset 17, metadata, external data when > 2 GB."""
    torch = _torch()
    import onnx

    outputs = list(module.tasks)
    dims = {0: "N", 2: "H", 3: "W"}
    w, h = check_hw
    dummy = torch.from_numpy(sample_image(w, h)).to(device)
    kwargs = dict(input_names=["image"], output_names=outputs, opset_version=OPSET,
                  dynamic_axes={n: dims for n in ["image"] + outputs}, do_constant_folding=True)
    import inspect
    has_dynamo = "dynamo" in inspect.signature(torch.onnx.export).parameters
    if has_dynamo:
        kwargs["dynamo"] = False  # the TorchScript exporter honours dynamic_axes and opset 17
    with tempfile.TemporaryDirectory(dir=os.path.dirname(os.path.abspath(path))) as tmp:
        raw = os.path.join(tmp, "raw.onnx")
        with torch.no_grad():
            try:
                torch.onnx.export(module, (dummy,), raw, **kwargs)
            except Exception as e:
                if not has_dynamo:
                    raise
                # A PyTorch whose TorchScript exporter is gone: the dynamo exporter (opset >= 18)
                # takes dynamic_axes too; the node does not depend on the opset.
                print(f"export_onnx: TorchScript exporter failed ({str(e).splitlines()[0][:200]}); "
                      "retrying with the dynamo exporter at opset 18")
                kwargs.update(dynamo=True, opset_version=max(OPSET, 18))
                kwargs.pop("do_constant_folding")
                torch.onnx.export(module, (dummy,), raw, **kwargs)
        # torch writes one external file per tensor above 2 GB; load them all back in.
        model = onnx.load(raw, load_external_data=True)
    del model.metadata_props[:]
    for k, v in meta.items():
        model.metadata_props.add(key=k, value=v)
    model.producer_name = PRODUCER
    size = sum(len(t.raw_data) for t in model.graph.initializer)
    data = os.path.basename(path) + ".data"
    if os.path.exists(path + ".data"):
        os.remove(path + ".data")  # save_model appends to an existing data file
    if size > EXTERNAL_DATA_BYTES:
        # Protobuf cannot hold 2 GB: weights go to ONE side file next to the model.
        onnx.save_model(model, path, save_as_external_data=True, all_tensors_to_one_file=True,
                        location=data, size_threshold=1024)
    else:
        onnx.save_model(model, path)
    onnx.checker.check_model(path)
    return size


def ort_compare(path, cases, precision):
    """Runs the file in onnxruntime and compares with the PyTorch outputs for each
    (image, {task: reference}) case. Returns the worst relative gap, or None when the check
    cannot run here (said on stdout, not failed): onnxruntime not importable, or a float16
    model on a CPU-only onnxruntime that has no float16 kernels for it."""
    import numpy as np

    name = os.path.basename(path)
    try:
        import onnxruntime as ort
    except ImportError as e:
        print(f"export_onnx: ONNX Runtime check SKIPPED for {name}: the onnxruntime Python package "
              f"is not importable ({e}); the contract check still ran")
        return None
    available = getattr(ort, "get_available_providers", lambda: ["CPUExecutionProvider"])()
    providers = [p for p in ("CUDAExecutionProvider", "CPUExecutionProvider") if p in available]
    try:
        sess = ort.InferenceSession(path, providers=providers)
    except Exception as e:
        if precision == "float16" and "CUDAExecutionProvider" not in providers and "NOT_IMPLEMENTED" in str(e):
            print(f"export_onnx: ONNX Runtime check SKIPPED for {name}: this onnxruntime is CPU-only and "
                  f"has no float16 kernel for a node of the graph ({str(e).splitlines()[0][:160]}); "
                  "check the float32 export, or install onnxruntime-gpu")
            return None
        raise ExportError(f"{path}: onnxruntime cannot load it: {e}")
    names = [o.name for o in sess.get_outputs()]
    # Relative to the output's scale: random-init outputs are not confined to [-1,1].
    tol = 2e-2 if precision == "float16" else 1e-3
    worst = 0.0
    for image, refs in cases:
        got = dict(zip(names, sess.run(None, {sess.get_inputs()[0].name: image})))
        size = f"{image.shape[0]}x{image.shape[2]}x{image.shape[3]}"
        for task, ref in refs.items():
            out = got.get(task)
            want = (image.shape[0], 1 if task == "depth" else 3) + image.shape[2:]
            if out is None or tuple(out.shape) != want:
                raise ExportError(f"{path}: output {task} is {None if out is None else out.shape}, want {want}")
            if not np.isfinite(out).all():
                raise ExportError(f"{path}: output {task} has NaN/Inf values")
            diff = float(np.abs(out.astype(np.float64) - ref).max())
            scale = max(1.0, float(np.abs(ref).max()))
            print(f"export_onnx: {name} {task} at NxHxW {size}: max |ONNX - PyTorch| = {diff:.3g} "
                  f"(output scale {scale:.3g}, tolerance {tol * scale:.3g}; {sess.get_providers()[0]})")
            if not diff <= tol * scale:  # a NaN fails too
                raise ExportError(f"{path}: {task} differs from the PyTorch pass by {diff:.3g} "
                                  f"(> {tol * scale:.3g}) at {size}: the export is wrong")
            worst = max(worst, diff / scale)
    return worst


def run(args):
    """The export: load, verify, export each planned file, check each."""
    torch = _torch()
    import onnx

    device = torch.device(args.device)
    dtype = torch.float16 if args.fp16 else torch.float32
    precision = "float16" if args.fp16 else "float32"
    ckpts = {}
    for task in args.task_list:
        ckpts[task] = (build_random(task, args.random_init, args.seed, args.device) if args.random_init
                       else load_checkpoint(task, getattr(args, task), args.revision))
    for c in ckpts.values():
        check_unet_config(dict(c.unet.config))
        check_vae_config(dict(c.vae.config))
        check_scheduler_config(dict(c.scheduler.config))
        c.unet.to(device, dtype).eval()
        c.vae.to(device, dtype).eval()
    first = ckpts[args.task_list[0]]
    ab = alpha_bar(dict(first.scheduler.config))
    print(f"export_onnx: alpha_bar_999 = {ab:.7f}; x0 = -{math.sqrt(1 - ab):.6f} * v")
    pad = pad_multiple(dict(first.unet.config), dict(first.vae.config))
    if args.check_size[0] % pad or args.check_size[1] % pad:
        raise ExportError(f"--check-size {args.check_size[0]}x{args.check_size[1]} must be a multiple of {pad}")
    if args.combined:
        d, n = ckpts["depth"].vae, ckpts["normals"].vae
        if not (same_weights(d.encoder, n.encoder) and same_weights(d.quant_conv, n.quant_conv)):
            raise ExportError("--combined: the depth and normals VAE encoders differ, so one encoder cannot "
                              "serve both; export them separately")
        if same_weights(d.decoder, n.decoder) and same_weights(d.post_quant_conv, n.post_quant_conv):
            ckpts["normals"].vae = d  # stored once in the graph
    cross_dim = int(first.unet.config.cross_attention_dim)
    emb = empty_prompt_embedding(args, first, cross_dim).to(device)

    convention = None
    if "normals" in args.task_list:
        convention = args.normals_convention
        if convention == "auto":
            convention = "e2e-ft" if args.random_init else guess_convention(args.normals)
        if convention is None:
            raise ExportError(f"cannot tell the normals convention of {args.normals!r}: "
                              "pass --normals-convention e2e-ft or marigold")

    os.makedirs(args.out_dir, exist_ok=True)
    w, h = args.check_size
    # The trace size, then another size and batch 2: the dynamic N/H/W axes must really be dynamic.
    images = [sample_image(w, h), sample_image(w + pad, h + 2 * pad, batch=2)]
    written = []
    for fname, tasks in output_plan(args):
        path = os.path.join(args.out_dir, fname)
        heads = [(t, ckpts[t].unet, ckpts[t].vae) for t in tasks]
        module = make_single_step_module(ckpts[tasks[0]].vae, heads, emb, ab, dtype).to(device)
        cases = []
        for image_np in images:
            image = torch.from_numpy(image_np).to(device)
            try:
                with torch.no_grad():
                    mine = module(image)
            except RuntimeError as e:
                if args.fp16 and device.type == "cpu":
                    raise ExportError(f"float16 does not run on this PyTorch's CPU ({e}); use --device cuda")
                raise
            mine = mine if isinstance(mine, tuple) else (mine,)
            refs = {}
            for t, m in zip(tasks, mine):
                ref = reference_pass(ckpts[t].vae, ckpts[t].unet, ckpts[t].scheduler, emb, image, t)
                gap = float((m - ref).abs().max())
                scale = max(1.0, float(ref.abs().max()))
                # "not <=" so that a NaN gap fails too.
                if not gap <= (2e-2 if args.fp16 else 1e-4) * scale:
                    raise ExportError(f"{t}: the export module differs from diffusers' pass by {gap:.3g}")
                refs[t] = ref.cpu().double().numpy()
            cases.append((image_np, refs))
        src = "+".join(ckpts[t].source for t in tasks) if len({ckpts[t].source for t in tasks}) > 1 \
            else ckpts[tasks[0]].source
        rev = "+".join(ckpts[t].revision for t in tasks) if len({ckpts[t].revision for t in tasks}) > 1 \
            else ckpts[tasks[0]].revision
        meta = build_metadata(tasks, src, rev, precision, pad, convention if "normals" in tasks else None,
                              args.processing_res, {"alpha_bar_999": f"{ab:.7f}"})
        size = export_graph(module, path, args.check_size, device, meta)
        problems = check_model_contract(onnx.load(path, load_external_data=False), tasks)
        if problems:
            raise ExportError(f"{path} breaks the model contract: " + "; ".join(problems))
        print(f"export_onnx: wrote {path} ({size / 1e6:.0f} MB of weights, {precision}, tasks {'+'.join(tasks)}, "
              f"pad_multiple {pad})")
        if not args.no_check:
            ort_compare(path, cases, precision)
        written.append(path)
        del module
    return written


def main(argv=None):
    args = parse_args(argv)
    try:
        run(args)
    except ExportError as e:
        print(f"export_onnx: error: {e}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
