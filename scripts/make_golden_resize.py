#!/usr/bin/python3
"""Writes golden outputs of torchvision's antialiased bilinear resize for the Go resize tests.

Usage: /usr/bin/python3 scripts/make_golden_resize.py testdata/golden

The inputs are integer patterns that the Go test regenerates bit for bit (see pattern()), so only
the outputs are stored: uint8 cases as PNG (lossless, small because the patterns are smooth after
resampling), float32 cases as raw little-endian .f32 files. manifest.json lists every case.
The uint8 cases follow the reference preprocessing (Marigold's resize_max_res): the longer side
becomes `res` with int() truncation, then resize(..., BILINEAR, antialias=True) on a uint8 tensor,
which torchvision computes in float32 and rounds back (torch.round, ties to even).
"""
import json
import os
import sys

import numpy as np
import torch
from PIL import Image
from torchvision.transforms import InterpolationMode
from torchvision.transforms.functional import resize


def pattern(w, h, c):
    """Zone-plate-like integer patterns: rich in high frequencies, so aliasing would show."""
    y, x = np.mgrid[0:h, 0:w].astype(np.int64)
    chans = [((x * x + y * y) >> 6) & 255, ((x * y) >> 5) & 255, (x ^ (3 * y)) & 255]
    return np.stack(chans[:c], axis=0)


def processing_size(w, h, res):
    f = min(res / w, res / h)
    return int(w * f), int(h * f)


def main(folder):
    os.makedirs(folder, exist_ok=True)
    torch.set_num_threads(1)
    cases = []
    for name, w, h, res in [("1x1", 1, 1, 768), ("7x5", 7, 5, 768), ("50x30_up", 50, 30, 768),
                            ("640x480", 640, 480, 768), ("4000x3000", 4000, 3000, 768),
                            ("333x101", 333, 101, 97)]:
        nw, nh = processing_size(w, h, res)
        t = torch.from_numpy(pattern(w, h, 3).astype(np.uint8))
        out = resize(t, [nh, nw], InterpolationMode.BILINEAR, antialias=True)
        assert out.dtype == torch.uint8
        fn = f"resize_u8_{name}.png"
        Image.fromarray(out.permute(1, 2, 0).numpy(), "RGB").save(os.path.join(folder, fn))
        cases.append({"name": name, "kind": "u8", "src": [w, h], "res": res, "dst": [nw, nh], "file": fn})
    # Float planes, as the postprocessing resizes depth and normals back to the input size.
    for name, w, h, nw, nh in [("37x23_to_100x61", 37, 23, 100, 61), ("300x200_to_41x29", 300, 200, 41, 29),
                               ("64x48_to_64x30", 64, 48, 64, 30)]:
        t = torch.from_numpy(pattern(w, h, 1).astype(np.float32) / 255.0)
        out = resize(t, [nh, nw], InterpolationMode.BILINEAR, antialias=True)
        fn = f"resize_f32_{name}.f32"
        out.numpy().astype("<f4").tofile(os.path.join(folder, fn))
        cases.append({"name": name, "kind": "f32", "src": [w, h], "dst": [nw, nh], "file": fn})
    with open(os.path.join(folder, "manifest.json"), "w") as f:
        json.dump({"generator": "scripts/make_golden_resize.py", "torch": torch.__version__,
                   "cases": cases}, f, indent=1)
    for c in cases:
        print(c["file"], os.path.getsize(os.path.join(folder, c["file"])), "bytes")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: make_golden_resize.py OUTPUT_FOLDER")
    main(sys.argv[1])
